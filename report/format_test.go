package report

import (
	"math"
	"testing"
)

// Hours print in the unit a person would use, intervals in one unit, and
// no figure in exponent notation.
func TestFormats(t *testing.T) {
	for _, tc := range []struct {
		name, got, want string
	}{
		{"seconds", fmtHours(10.0 / 3600), "10s"},
		{"minutes", fmtHours(0.3), "18min"},
		{"hours", fmtHours(23.94), "23.9h"},
		{"whole hours", fmtHours(24), "24h"},
		{"days, not 0.214y", fmtHours(0.214 * 8760), "78.1d"},
		{"a year in days", fmtHours(8760), "365d"},
		{"years", fmtHours(3 * 8760), "3y"},
		{"a thousand years, no exponent", fmtHours(1234 * 8760), "1230y"},
		{"total loss", fmtHours(math.Inf(1)), "total loss"},
		{"one unit per interval", fmtMeanCI(49, [2]float64{43.7, 54.2}), "2.04d (95% CI 1.82d to 2.26d)"},
		{"interval around zero", fmtMeanCI(0, [2]float64{0, 0}), "0 (95% CI 0 to 0)"},
		{"small rate, not 1e-05", fmtPerYear(1e-5), "0.00001"},
		{"rate", fmtPerYear(0.0474), "0.0474"},
		{"rare rate in words", fmtRate(0.0006), "0.0006 a year (1 in 1,667 years)"},
		{"small share", pct(0.00029), "0.029%"},
		{"share", pct(0.953), "95.3%"},
		{"nearly all", pct(0.99971), "99.971%"},
		{"none", pct(0), "0%"},
		{"plural", counted(1, "total loss", "total losses"), "1 total loss"},
		{"plural many", counted(1234, "total loss", "total losses"), "1,234 total losses"},
		{"spend", spendWords("$", 207), "spend $207 more a month"},
		{"save", spendWords("$", -3.5), "spend $3.50 less a month"},
		{"avoid", avoidWords("$", 3518), "avoid $3,518 of expected loss"},
		{"carry", avoidWords("$", -12), "carry $12.00 more expected loss"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}
