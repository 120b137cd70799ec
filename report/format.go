package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Hours prints hours in the unit a person would use.
func Hours(h float64) string {
	switch {
	case math.IsInf(h, 1):
		return "total loss"
	case h == 0:
		return "0"
	case h < 1.0/60:
		return fmt.Sprintf("%.0fs", h*3600)
	case h < 1:
		return fmt.Sprintf("%.0fmin", h*60)
	case h < 48:
		return fmt.Sprintf("%.3gh", h)
	case h < 24*366:
		return fmt.Sprintf("%.3gd", h/24)
	default:
		return fmt.Sprintf("%.3g years", h/8766)
	}
}

// Money prints an amount with the scenario's currency: whole units from
// 100 up, cents below.
func Money(cur string, v float64) string {
	switch {
	case v >= 100:
		return cur + Group(math.Round(v))
	case v >= 0.005 || v == 0:
		return fmt.Sprintf("%s%.2f", cur, v)
	default:
		return cur + "0.00"
	}
}

// AsShown rounds an amount the way Money prints it, so that a difference
// of two printed amounts is the difference the reader computes.
func AsShown(v float64) float64 {
	if v >= 100 {
		return math.Round(v)
	}
	return math.Round(v*100) / 100
}

// Group prints a whole number with thousands separators.
func Group(v float64) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', 0, 64)
	var b strings.Builder
	if v < 0 {
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

// Rate prints a yearly rate: "2.84 a year", or "1 in 1,205 years" for rare
// events.
func Rate(perYear float64) string {
	switch {
	case perYear == 0:
		return "none"
	case perYear < 0.1:
		return "1 in " + Group(math.Round(1/perYear)) + " years"
	default:
		return fmt.Sprintf("%.3g a year", perYear)
	}
}

// Pct prints a fraction as a percentage, with the digits that tell 99.97%
// from 100%.
func Pct(f float64) string {
	switch {
	case f > 0.999 && f < 1:
		return fmt.Sprintf("%.3f%%", f*100)
	case f > 0 && f < 0.001:
		return fmt.Sprintf("%.2g%%", f*100)
	}
	return fmt.Sprintf("%.1f%%", f*100)
}

// GiB prints a size in GiB.
func GiB(v float64) string {
	if v >= 100 {
		return Group(math.Round(v))
	}
	return fmt.Sprintf("%.3g", v)
}

// Percentile prints 95 as "p95".
func Percentile(p float64) string { return "p" + strconv.FormatFloat(p, 'g', -1, 64) }
