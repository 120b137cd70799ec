package numfmt

import (
	"math"
	"testing"
)

// Every format on the figures costdial prints, and the edges where a
// format switches: 100 for whole money, 0.1 a year for "1 in N", two days
// and two years for the unit of hours.
func TestFormats(t *testing.T) {
	for _, tc := range []struct {
		name, got, want string
	}{
		{"seconds", Hours(10.0 / 3600), "10s"},
		{"minutes", Hours(0.3), "18min"},
		{"hours", Hours(23.94), "23.9h"},
		{"whole hours", Hours(24), "24h"},
		{"two days are days", Hours(48), "2d"},
		{"days, not 0.214y", Hours(0.214 * 8760), "78.1d"},
		{"a year in days", Hours(8760), "365d"},
		{"two years are years", Hours(2 * 8760), "2y"},
		{"a thousand years, no exponent", Hours(1234 * 8760), "1230y"},
		{"unbounded", Hours(math.Inf(1)), "total loss"},
		{"signed hours", SignedHours(-0.3), "−18min"},
		{"one unit per interval", MeanCI(49, [2]float64{43.7, 54.2}), "2.04d (95% CI 1.82d to 2.26d)"},
		{"interval around zero", MeanCI(0, [2]float64{0, 0}), "0 (95% CI 0 to 0)"},
		{"small rate, not 1e-05", PerYear(1e-5), "0.00001"},
		{"rate", PerYear(0.0474), "0.0474"},
		{"rare rate in words", Rate(0.0006), "0.0006 a year (1 in 1,667 years)"},
		{"a rate just rare", Rate(0.099), "0.099 a year (1 in 10 years)"},
		{"a rate not rare", Rate(0.1), "0.1 a year"},
		{"no rate", Rate(0), "none seen"},
		{"often, rare", Often(0.002), "1 in 500 years"},
		{"often, not rare", Often(0.2), "0.2 a year"},
		{"often, never", Often(0), "none"},
		{"one in N, under ten", OneIn(1 / 4.87), "1 in 4.9 years"},
		{"one in N, from ten", OneIn(0.0625), "1 in 16 years"},
		{"at all, rare", OftenAtAll(0.0625), "1 in 16 years"},
		{"at all, common", OftenAtAll(0.98), "0.98 times a year"},
		{"at all, never", OftenAtAll(0), "never"},
		{"short", OneInShort(0.0625), "1 in 16 y"},
		{"short, often", OneInShort(2.34), "2.3/y"},
		{"short, none", OneInShort(0), "none"},
		{"small share", Pct(0.00029), "0.029%"},
		{"share", Pct(0.953), "95.3%"},
		{"nearly all", Pct(0.99971), "99.971%"},
		{"none", Pct(0), "0%"},
		{"all", Pct(1), "100%"},
		{"percentile", Percentile(99.9), "p99.9"},
		{"money, whole", Money("$", 10677.4), "$10,677"},
		{"money, cents", Money("€", 41.759), "€41.76"},
		{"money, zero", Money("$", 0), "$0.00"},
		{"money, under a cent", Money("$", 0.0012), "$0.0012"},
		{"money, millions", Money("$", 2.27e6), "$2,270,000"},
		{"money, negative", Money("$", -3.5), "−$3.50"},
		{"money, signed", Signed("£", 207), "+£207"},
		{"price", Price("$", 0.00099), "$0.00099"},
		{"price, three digits", Price("$", 0.0125), "$0.0125"},
		{"group", Group(1234567), "1,234,567"},
		{"group, negative", Group(-123), "-123"},
		{"group, rounds", Group(999.6), "1,000"},
		{"GiB", GiB(12.34), "12.3"},
		{"GiB, whole", GiB(1234.4), "1,234"},
		{"count", Count(1, "trial"), "1 trial"},
		{"count many", Count(20000, "trial"), "20000 trials"},
		{"plural", Plural(2.5, "year"), "2.5 years"},
		{"counted one", Counted(1, "total loss", "total losses"), "1 total loss"},
		{"counted many", Counted(1234, "total loss", "total losses"), "1,234 total losses"},
		{"counted none", Counted(0, "total loss", "total losses"), "no total losses"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

// AsShown rounds as Money prints, so that the difference of two printed
// amounts is the printed difference.
func TestAsShown(t *testing.T) {
	for _, tc := range []struct{ v, want float64 }{
		{10677.4, 10677}, {41.759, 41.76}, {0.004, 0}, {-150.6, -151},
	} {
		if got := AsShown(tc.v); got != tc.want {
			t.Errorf("AsShown(%g) = %g, want %g", tc.v, got, tc.want)
		}
	}
}
