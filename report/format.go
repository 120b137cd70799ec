package report

import (
	"fmt"
	"math"
	"strconv"
)

// The exported formats are the terminal text's, so that the HTML, the
// Markdown and the text of a run print every figure alike.

// Hours prints hours in the unit a person would use; +Inf is "total loss".
func Hours(h float64) string { return fmtHours(h) }

// Money prints an amount with the scenario's currency: whole units from
// 100 up, cents below.
func Money(cur string, v float64) string { return fmtMoney(cur, v) }

// AsShown rounds an amount the way Money prints it, so that a difference
// of two printed amounts is the difference the reader computes.
func AsShown(v float64) float64 { return asShown(v) }

// Plural prints a count with its unit: "1 year", "2.5 years".
func Plural(n float64, unit string) string { return plural(n, unit) }

// MetWord prints whether a target was met: "met" or "MISSED".
func MetWord(ok bool) string { return metWord(ok) }

// Group prints a whole number with thousands separators.
func Group(v float64) string { return groupThousands(v) }

// Pct prints a fraction as a percentage, with the digits that tell 99.97%
// from 100%.
func Pct(f float64) string { return pct(f) }

// GiB prints a size in GiB.
func GiB(v float64) string { return fmtGiB(v) }

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

// Percentile prints 95 as "p95".
func Percentile(p float64) string { return "p" + strconv.FormatFloat(p, 'g', -1, 64) }
