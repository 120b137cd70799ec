package numfmt

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// HoursPerYear is the length of a year: 365 days, as units.Year (a test
// there keeps the two equal).
const HoursPerYear = 365 * 24

// Unbounded is the word for a figure without bound: a percentile that
// total losses pushed to infinity, a restore that never ends.
const Unbounded = "total loss"

// RareBelow is the yearly rate under which an event is rare enough to be
// told as "1 in N years".
const RareBelow = 0.1

// Sig prints v with n significant digits in plain decimal notation
// (0.000012, never 1.2e-05; 1200, never 1.2e+03).
func Sig(v float64, n int) string {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	e := int(math.Floor(math.Log10(math.Abs(v))))
	scale := math.Pow(10, float64(n-1-e))
	r := math.Round(v*scale) / scale
	if d := n - 1 - e; d > 0 {
		t := strings.TrimRight(strconv.FormatFloat(r, 'f', d, 64), "0")
		return strings.TrimSuffix(t, ".")
	}
	return strconv.FormatFloat(r, 'f', 0, 64)
}

// RoundSig rounds v to n significant digits.
func RoundSig(v float64, n int) float64 {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return v
	}
	e := math.Floor(math.Log10(math.Abs(v)))
	f := math.Pow(10, float64(n-1)-e)
	return math.Round(v*f) / f
}

// Group prints v rounded to a whole number, with thousands separators:
// "1,234", "-12,000".
func Group(v float64) string {
	s := strconv.FormatFloat(math.Abs(math.Round(v)), 'f', 0, 64)
	var b strings.Builder
	if v <= -0.5 {
		b.WriteByte('-')
	}
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Money prints an amount with its currency symbol: whole units with
// thousands separators from 100 up ("$10,677"), cents below ("$41.76",
// "$0.00"), two significant digits under half a cent ("$0.0012"). A
// negative amount takes a minus sign before the symbol ("−$3.50").
func Money(cur string, v float64) string {
	switch {
	case v < 0:
		return "−" + Money(cur, -v)
	case v >= 100:
		return cur + Group(v)
	case v >= 0.005 || v == 0:
		return cur + strconv.FormatFloat(v, 'f', 2, 64)
	}
	return cur + strconv.FormatFloat(RoundSig(v, 2), 'f', -1, 64)
}

// Signed prints an amount with its sign, "+$207" or "−$3.50", for a
// difference.
func Signed(cur string, v float64) string {
	if v < 0 {
		return Money(cur, v)
	}
	return "+" + Money(cur, v)
}

// AsShown rounds an amount the way Money prints it, so that a difference
// of two printed amounts is the difference the reader computes.
func AsShown(v float64) float64 {
	if math.Abs(v) >= 100 {
		return math.Round(v)
	}
	return math.Round(v*100) / 100
}

// Price prints a unit price, such as a price per GiB-month, with three
// significant digits: "$0.023", "$0.00099", "$12". Unlike an amount it
// keeps the digits that tell one tier's price from another's.
func Price(cur string, v float64) string { return cur + Sig(v, 3) }

// hourUnit is a unit to print hours in.
type hourUnit struct {
	suffix string
	hours  float64 // hours in one unit
}

var (
	unitSeconds = hourUnit{"s", 1.0 / 3600}
	unitMinutes = hourUnit{"min", 1.0 / 60}
	unitHours   = hourUnit{"h", 1}
	unitDays    = hourUnit{"d", 24}
	unitYears   = hourUnit{"y", HoursPerYear}
)

// unitFor is the unit a person would use for h hours: seconds under a
// minute, minutes under an hour, hours under two days, days under two
// years (78 days rather than 0.214y), years beyond.
func unitFor(h float64) hourUnit {
	switch {
	case h < 1.0/60:
		return unitSeconds
	case h < 1:
		return unitMinutes
	case h < 48:
		return unitHours
	case h < 2*HoursPerYear:
		return unitDays
	}
	return unitYears
}

// Hours prints hours in the unit a person would use, with three
// significant digits: "18min", "23.9h", "78.1d", "3y". +Inf is Unbounded.
func Hours(h float64) string {
	switch {
	case math.IsInf(h, 1):
		return Unbounded
	case h == 0:
		return "0"
	}
	return in(unitFor(h), h)
}

// SignedHours prints a difference of hours with its sign: "+2.5h",
// "−18min".
func SignedHours(h float64) string {
	if h < 0 {
		return "−" + Hours(-h)
	}
	return "+" + Hours(h)
}

// in prints h hours in unit u, with 3 significant digits.
func in(u hourUnit, h float64) string {
	if h == 0 {
		return "0"
	}
	return Sig(h/u.hours, 3) + u.suffix
}

// MeanCI prints a mean and its 95% interval in one unit, the mean's:
// "2.04d (95% CI 1.82d to 2.26d)".
func MeanCI(mean float64, ci [2]float64) string {
	u := unitFor(mean)
	if mean == 0 {
		u = unitFor(ci[1])
	}
	return fmt.Sprintf("%s (95%% CI %s to %s)", in(u, mean), in(u, ci[0]), in(u, ci[1]))
}

// Pct prints a share as a percentage: small shares with two significant
// digits (0.021%), shares just short of all with three decimals
// (99.971%), others with one (95.6%).
func Pct(f float64) string {
	switch {
	case f > 0 && f < 0.001:
		return Sig(f*100, 2) + "%"
	case f == 0 || f == 1:
		return fmt.Sprintf("%.0f%%", f*100)
	case f > 0.999 && f < 1:
		return fmt.Sprintf("%.3f%%", f*100)
	}
	return fmt.Sprintf("%.1f%%", f*100)
}

// Percentile prints 95 as "p95".
func Percentile(p float64) string { return "p" + strconv.FormatFloat(p, 'g', -1, 64) }

// Rare reports whether an event of perYear a year is rare enough to be
// told as "1 in N years".
func Rare(perYear float64) bool { return perYear > 0 && perYear < RareBelow }

// OneIn prints a yearly rate as "1 in N years": N whole from 10 up
// ("1 in 16 years", "1 in 1,667 years"), with two significant digits
// below ("1 in 4.9 years").
func OneIn(perYear float64) string {
	return "1 in " + Every(perYear) + " years"
}

// Every is N of "1 in N years": the years between events of perYear a
// year, as OneIn prints them.
func Every(perYear float64) string {
	if n := 1 / perYear; n < 9.5 {
		return Sig(n, 2)
	}
	return Group(1 / perYear)
}

// OftenAtAll says how often an event happens, as a person would weigh a
// catastrophe: "1 in N years" under one in two years, "N times a year"
// from there, "never" at zero.
func OftenAtAll(perYear float64) string {
	switch {
	case perYear <= 0:
		return "never"
	case perYear < 0.5:
		return OneIn(perYear)
	}
	return Sig(perYear, 2) + " times a year"
}

// OneInShort is OftenAtAll in a table cell: "1 in 16 y", "2.3/y", "none".
func OneInShort(perYear float64) string {
	switch {
	case perYear <= 0:
		return "none"
	case perYear < 0.5:
		return "1 in " + Every(perYear) + " y"
	}
	return Sig(perYear, 2) + "/y"
}

// Often says how often an event of perYear a year happens, in words: "1
// in 500 years" when it is rare, "2.84 a year" otherwise, "none" at zero.
func Often(perYear float64) string {
	switch {
	case perYear == 0:
		return "none"
	case Rare(perYear):
		return OneIn(perYear)
	}
	return Sig(perYear, 3) + " a year"
}

// Rate prints a measured yearly rate: "2.84 a year", or with both forms
// when it is rare, "0.0006 a year (1 in 1,667 years)"; "none seen" at
// zero.
func Rate(perYear float64) string {
	switch {
	case perYear == 0:
		return "none seen"
	case Rare(perYear):
		return Sig(perYear, 2) + " a year (" + OneIn(perYear) + ")"
	}
	return Sig(perYear, 3) + " a year"
}

// PerYear prints a yearly rate in a table column: three significant
// digits in plain decimals.
func PerYear(perYear float64) string {
	if perYear == 0 {
		return "0"
	}
	return Sig(perYear, 3)
}

// GiB prints a size in GiB: whole GiB with thousands separators from 100
// up, three significant digits below.
func GiB(v float64) string {
	if v >= 100 {
		return Group(v)
	}
	return Sig(v, 3)
}

// Count prints a whole number of things: "1 trial", "20000 trials".
func Count(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// Plural prints an amount of a unit: "1 year", "2.5 years".
func Plural(n float64, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%g %ss", n, unit)
}

// Counted prints a count with thousands separators and its noun: "1 total
// loss", "1,234 total losses", "no total losses".
func Counted(n int64, one, many string) string {
	switch n {
	case 0:
		return "no " + many
	case 1:
		return "1 " + one
	}
	return Group(float64(n)) + " " + many
}
