package units

import (
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Duration
		str  string
	}{
		{"90s", Duration(90 * time.Second), "1m30s"},
		{"15m", Duration(15 * time.Minute), "15m"},
		{"2h", Duration(2 * time.Hour), "2h"},
		{"3d", 3 * Day, "3d"},
		{"2w", 2 * Week, "2w"},
		{"1y", Year, "1y"},
		{"1h30m", Duration(90 * time.Minute), "1h30m"},
		{"1d12h", 36 * Duration(time.Hour), "1d12h"},
		{"1.5h", Duration(90 * time.Minute), "1h30m"},
		{"1month", Month, "30d10h"},
		{"0", 0, "0s"},
		{"0s", 0, "0s"},
		{"500ms", Duration(500 * time.Millisecond), "500ms"},
		{"14d", 2 * Week, "2w"},
	} {
		got, err := ParseDuration(tc.in)
		if err != nil {
			t.Errorf("ParseDuration(%q): %v", tc.in, err)
			continue
		}
		if got != tc.want {
			t.Errorf("ParseDuration(%q) = %d, want %d", tc.in, got, tc.want)
		}
		if s := got.String(); s != tc.str {
			t.Errorf("%q.String() = %q, want %q", tc.in, s, tc.str)
		}
		back, err := ParseDuration(got.String())
		if err != nil || back != got {
			t.Errorf("round trip of %q via %q = %d, %v", tc.in, got.String(), back, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		parse func(string) error
		in    string
		want  string
	}{
		{func(s string) error { _, err := ParseDuration(s); return err }, "", "empty"},
		{func(s string) error { _, err := ParseDuration(s); return err }, "5", "missing unit"},
		{func(s string) error { _, err := ParseDuration(s); return err }, "5x", `unknown unit "x"`},
		{func(s string) error { _, err := ParseDuration(s); return err }, "h", "expected a number"},
		{func(s string) error { _, err := ParseSize(s); return err }, "50", "bare number"},
		{func(s string) error { _, err := ParseSize(s); return err }, "50GB/s", "unknown unit"},
		{func(s string) error { _, err := ParseSize(s); return err }, "-5GB", "negative"},
		{func(s string) error { _, err := ParseThroughput(s); return err }, "100MB", "size per time"},
		{func(s string) error { _, err := ParseThroughput(s); return err }, "100MB/0s", "time unit"},
		{func(s string) error { _, err := ParseRate(s); return err }, "2", "events per period"},
		{func(s string) error { _, err := ParseRate(s); return err }, "2/0y", "period"},
		{func(s string) error { _, err := ParseRate(s); return err }, "2/1e400y", "period"},
		{func(s string) error { _, err := ParseRate(s); return err }, "2/5parsecs", "period"},
		{func(s string) error { _, err := ParseFraction(s); return err }, "150%", "between 0 and 1"},
		{func(s string) error { _, err := ParseFraction(s); return err }, "-0.1", "between 0 and 1"},
		{func(s string) error { _, err := ParseFraction(s); return err }, "lots", "expected a fraction"},
		{func(s string) error { _, err := ParseMoney(s); return err }, "$5/parsec", "unknown unit"},
		{func(s string) error { _, err := ParseMoney(s); return err }, "five dollars", "expected"},
		{func(s string) error { _, err := ParseDist(s); return err }, "lognormal(48h, 2h)", "p95 must not be below the median"},
		{func(s string) error { _, err := ParseDist(s); return err }, "lognormal(0s, 2h)", "median must be above zero"},
		{func(s string) error { _, err := ParseDist(s); return err }, "uniform(3h, 1h)", "a <= b"},
		{func(s string) error { _, err := ParseDist(s); return err }, "triangular(1h, 5h, 3h)", "min <= mode <= max"},
		{func(s string) error { _, err := ParseDist(s); return err }, "gamma(1h)", "unknown distribution"},
		{func(s string) error { _, err := ParseDist(s); return err }, "uniform(1h)", "takes 2"},
		{func(s string) error { _, err := ParseDist(s); return err }, "uniform(1h, 2h", "missing ')'"},
	} {
		err := tc.parse(tc.in)
		if err == nil {
			t.Errorf("%q: no error, want one containing %q", tc.in, tc.want)
			continue
		}
		if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.in) {
			t.Errorf("%q: error %q, want it to quote the input and contain %q", tc.in, err, tc.want)
		}
	}
}

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Size
		str  string
	}{
		{"500MB", 500e6, "500MB"},
		{"50GiB", 50 * GiB, "50GiB"},
		{"2TB", 2e12, "2TB"},
		{"2TiB", 2 * TiB, "2TiB"},
		{"1.5 TiB", 1.5 * TiB, "1.5TiB"},
		{"0", 0, "0B"},
		{"1024GiB", TiB, "1TiB"},
		{"123B", 123, "123B"},
	} {
		got, err := ParseSize(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseSize(%q) = %v, %v; want %v", tc.in, float64(got), err, float64(tc.want))
			continue
		}
		if got.String() != tc.str {
			t.Errorf("%q.String() = %q, want %q", tc.in, got.String(), tc.str)
		}
		if back, err := ParseSize(got.String()); err != nil || back != got {
			t.Errorf("round trip %q: %v, %v", tc.in, back, err)
		}
	}
}

func TestParseThroughputRateFraction(t *testing.T) {
	near := func(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }
	for _, tc := range []struct {
		in   string
		want float64 // bytes per second
	}{
		{"100MB/s", 100e6},
		{"1Gbit/s", 125e6},
		{"1Gbps", 125e6},
		{"500GiB/h", 500 * float64(GiB) / 3600},
		{"20MB/s", 20e6},
	} {
		got, err := ParseThroughput(tc.in)
		if err != nil || !near(float64(got), tc.want) {
			t.Errorf("ParseThroughput(%q) = %v, %v; want %v", tc.in, float64(got), err, tc.want)
		}
		if back, err := ParseThroughput(got.String()); err != nil || back != got {
			t.Errorf("round trip %q via %q: %v, %v", tc.in, got.String(), float64(back), err)
		}
	}
	for _, tc := range []struct {
		in   string
		want float64 // per year
	}{
		{"2/y", 2}, {"0.5/month", 6}, {"3/w", 3 * 365.0 / 7}, {"1/10y", 0.1}, {"0.002/y", 0.002}, {"1/day", 365},
		// periods longer than a Duration holds
		{"1/500y", 0.002}, {"1/10000y", 0.0001}, {"1/1y6month", 1 / 1.5},
	} {
		got, err := ParseRate(tc.in)
		if err != nil || !near(float64(got), tc.want) {
			t.Errorf("ParseRate(%q) = %v, %v; want %v", tc.in, float64(got), err, tc.want)
		}
		if back, err := ParseRate(got.String()); err != nil || back != got {
			t.Errorf("round trip %q: %v, %v", tc.in, back, err)
		}
	}
	for _, tc := range []struct {
		in   string
		want float64
	}{{"1%", 0.01}, {"0.01", 0.01}, {"100%", 1}, {"0", 0}, {"12.5%", 0.125}} {
		got, err := ParseFraction(tc.in)
		if err != nil || !near(float64(got), tc.want) {
			t.Errorf("ParseFraction(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
		if back, err := ParseFraction(got.String()); err != nil || back != got {
			t.Errorf("round trip %q: %v, %v", tc.in, back, err)
		}
	}
}

func TestParseMoney(t *testing.T) {
	for _, tc := range []struct {
		in     string
		amount float64
		per    Per
		str    string
	}{
		{"$400/h", 400, PerHour, "$400/h"},
		{"$0.023/GiB-month", 0.023, PerGiBMonth, "$0.023/GiB-month"},
		{"$0.09/GiB", 0.09, PerGiB, "$0.09/GiB"},
		{"$12/month", 12, PerMonth, "$12/month"},
		{"$250000", 250000, Once, "$250000"},
		{"250000", 250000, Once, "250000"},
		{"$2400/day", 100, PerHour, "$100/h"},
		{"$120/y", 10, PerMonth, "$10/month"},
		{"€5/TB-month", 5 * float64(GiB) / 1e12, PerGiBMonth, ""},
		{"$0.01/GB", 0.01 * float64(GiB) / 1e9, PerGiB, ""},
	} {
		got, err := ParseMoney(tc.in)
		if err != nil || math.Abs(got.Amount-tc.amount) > 1e-12 || got.Per != tc.per {
			t.Errorf("ParseMoney(%q) = %+v, %v; want %v %v", tc.in, got, err, tc.amount, tc.per)
			continue
		}
		if tc.str != "" && got.String() != tc.str {
			t.Errorf("%q.String() = %q, want %q", tc.in, got.String(), tc.str)
		}
		if back, err := ParseMoney(got.String()); err != nil || back != got {
			t.Errorf("round trip %q: %+v, %v", tc.in, back, err)
		}
	}
}

// TestDistSampling checks every sampler against Quantile (itself checked
// against gonum by TestQuantileMatchesGonum): the empirical quantile of n
// draws must be within a few standard errors.
func TestDistSampling(t *testing.T) {
	const n = 200000
	for _, in := range []string{"2h", "uniform(1h, 3h)", "triangular(1h, 2h, 6h)", "lognormal(2h, 48h)", "exponential(4h)", "lognormal(1h, 1h)"} {
		d, err := ParseDist(in)
		if err != nil {
			t.Fatal(err)
		}
		if back, err := ParseDist(d.String()); err != nil || back.String() != d.String() {
			t.Errorf("round trip %q: %v, %v", in, back, err)
		}
		r := rand.New(rand.NewPCG(1, 2))
		xs := make([]float64, n)
		for i := range xs {
			xs[i] = d.Sample(r)
		}
		sort.Float64s(xs)
		for _, p := range []float64{0.1, 0.5, 0.9, 0.95} {
			got := xs[int(p*n)]
			want := d.Quantile(p)
			// the empirical p-quantile's index has standard deviation sqrt(n p (1-p));
			// allow 5 of them, converted back to a value through the sorted sample.
			k := 5 * math.Sqrt(n*p*(1-p))
			lo, hi := xs[int(p*n-k)], xs[int(p*n+k)]
			if want < lo || want > hi {
				t.Errorf("%s: p%.0f = %.4f, quantile %.4f outside [%.4f, %.4f]", in, p*100, got, want, lo, hi)
			}
		}
	}
}

// Every parser either refuses its input or returns a value whose String
// parses back to the same value.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"2h", "1h30m", "50GiB", "100MB/s", "1Gbit/s", "2/y", "1/10y", "$0.023/GiB-month", "1%", "lognormal(2h, 48h)", "triangular(1h, 2h, 3h)", "1e400h", "-5m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if d, err := ParseDuration(s); err == nil {
			if back, err := ParseDuration(d.String()); err != nil || back != d {
				t.Errorf("duration %q -> %q -> %v, %v", s, d.String(), back, err)
			}
		}
		if v, err := ParseSize(s); err == nil {
			if back, err := ParseSize(v.String()); err != nil || back != v {
				t.Errorf("size %q -> %q -> %v, %v", s, v.String(), back, err)
			}
		}
		if v, err := ParseRate(s); err == nil {
			if back, err := ParseRate(v.String()); err != nil || back != v {
				t.Errorf("rate %q -> %q -> %v, %v", s, v.String(), back, err)
			}
		}
		if v, err := ParseMoney(s); err == nil {
			if back, err := ParseMoney(v.String()); err != nil || back != v {
				t.Errorf("money %q -> %q -> %v, %v", s, v.String(), back, err)
			}
		}
		if d, err := ParseDist(s); err == nil {
			_ = d.Sample(rand.New(rand.NewPCG(1, 1)))
			_ = d.Quantile(0.95)
			if _, err := ParseDist(d.String()); err != nil {
				t.Errorf("dist %q -> %q -> %v", s, d.String(), err)
			}
		}
		_, _ = ParseThroughput(s)
		_, _ = ParseFraction(s)
	})
}

// No parser lets NaN, Inf or a value its unit carries past a float64
// through (issue 11): each is refused as a syntax error.
func TestNonFiniteRefused(t *testing.T) {
	for _, tc := range []struct {
		in    string
		parse func(string) error
	}{
		{"1e300PiB", func(s string) error { _, err := ParseSize(s); return err }},
		{"1e400B", func(s string) error { _, err := ParseSize(s); return err }},
		{"NaNGiB", func(s string) error { _, err := ParseSize(s); return err }},
		{"1e300PiB/s", func(s string) error { _, err := ParseThroughput(s); return err }},
		{"1e308PB/ns", func(s string) error { _, err := ParseThroughput(s); return err }},
		{"$1e308/kB-month", func(s string) error { _, err := ParseMoney(s); return err }},
		{"$1e308/B", func(s string) error { _, err := ParseMoney(s); return err }},
		{"$inf/h", func(s string) error { _, err := ParseMoney(s); return err }},
		{"1e308/ns", func(s string) error { _, err := ParseRate(s); return err }},
		{"nan/y", func(s string) error { _, err := ParseRate(s); return err }},
		{"1e400%", func(s string) error { _, err := ParseFraction(s); return err }},
		{"1e300y", func(s string) error { _, err := ParseDuration(s); return err }},
		{"uniform(1h, 1e300y)", func(s string) error { _, err := ParseDist(s); return err }},
	} {
		if err := tc.parse(tc.in); err == nil {
			t.Errorf("%q parsed", tc.in)
		}
	}
	// the largest values that stay finite still parse
	if _, err := ParseMoney("$1e300/GiB-month"); err != nil {
		t.Errorf("$1e300/GiB-month: %v", err)
	}
}

// The fast normal quantile agrees with math.Erfinv: to 2e-9 (relative, or
// absolute near the median where the value is near 0) between 1e-6 and
// 1 - 1e-6, and to 1e-6 relative in the far tails.
func TestNormalQuantile(t *testing.T) {
	for _, p := range []float64{1e-12, 1e-6, 0.001, 0.02, 0.02425, 0.1, 0.3, 0.5, 0.7, 0.9, 0.97575, 0.99, 0.999999} {
		want := math.Sqrt2 * math.Erfinv(2*p-1)
		tol := 2e-9
		if p < 1e-6 || p > 1-1e-6 {
			tol = 1e-6
		}
		if got := normalQuantile(p); math.Abs(got-want) > tol*math.Max(1, math.Abs(want)) {
			t.Errorf("normalQuantile(%v) = %.12g, want %.12g", p, got, want)
		}
	}
}

// Quantile, written out by hand for speed, agrees with gonum's quantile of
// the same distribution. Uniform, triangular and exponential are exact
// closed forms (only rounding differs: 1e-12 relative); lognormal goes
// through normalQuantile, whose relative error is about 2e-9 between 1e-6
// and 1 - 1e-6, and exp turns an absolute error e in the exponent into a
// relative error of about sigma*e (sigma is 1.97 for lognormal(2h, 48h)).
// The tolerance is relative to the value or to 1 hour, whichever is larger:
// near p = 0 gonum's exponential computes log(1-p), whose rounding of 1-p
// is an absolute error of about 1e-16 times the mean (Quantile uses
// Log1p, which keeps it relative).
func TestQuantileMatchesGonum(t *testing.T) {
	for _, tc := range []struct {
		in  string
		tol float64
	}{
		{"uniform(1h, 3h)", 1e-12},
		{"triangular(1h, 2h, 6h)", 1e-12},
		{"triangular(1h, 1h, 6h)", 1e-12},
		{"exponential(4h)", 1e-12},
		{"lognormal(2h, 48h)", 1e-8},
		{"lognormal(1h, 3h)", 1e-8},
	} {
		d, err := ParseDist(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		g, ok := d.gonum()
		if !ok {
			t.Fatalf("%s: no gonum distribution", tc.in)
		}
		for _, p := range []float64{1e-6, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.999} {
			got, want := d.Quantile(p), g.Quantile(p)
			if math.Abs(got-want) > tc.tol*math.Max(1, math.Abs(want)) {
				t.Errorf("%s: Quantile(%v) = %.12g, gonum %.12g", tc.in, p, got, want)
			}
		}
	}
}
