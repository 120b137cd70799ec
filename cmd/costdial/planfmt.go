package main

import (
	"math"

	"github.com/costdial/costdial/report"
)

// The formats audit, compare and explain print with: the run report's
// (package report), so that every command prints a figure alike.

func fmtHours(h float64) string             { return report.Hours(h) }
func fmtMoney(cur string, v float64) string { return report.Money(cur, v) }
func asShown(v float64) float64             { return report.AsShown(v) }
func groupThousands(v float64) string       { return report.Group(v) }
func pct(f float64) string                  { return report.Pct(f) }

// fmtAt prints, in a sentence, a percentile that total losses may have
// pushed to infinity.
func fmtAt(h float64) string {
	if math.IsInf(h, 1) {
		return "a total loss"
	}
	return fmtHours(h)
}

func plural(n float64, unit string) string { return report.Plural(n, unit) }
func metWord(ok bool) string               { return report.MetWord(ok) }
