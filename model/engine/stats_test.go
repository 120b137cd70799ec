package engine

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"
)

// The streaming histogram's quantiles are within 1% of the exact ones.
func TestHistogramQuantiles(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for _, tc := range []struct {
		name string
		draw func() float64
	}{
		{"uniform hours", func() float64 { return 24 * r.Float64() }},
		{"lognormal", func() float64 { return math.Exp(1 + 2*r.NormFloat64()) }},
		{"seconds", func() float64 { return r.Float64() / 3600 }},
		{"with zeros", func() float64 { return math.Max(0, r.NormFloat64()) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var h histogram
			xs := make([]float64, 100000)
			for i := range xs {
				xs[i] = tc.draw()
				h.add(xs[i])
			}
			sort.Float64s(xs)
			for _, p := range []float64{0.01, 0.5, 0.9, 0.95, 0.99, 1} {
				exact := xs[int(math.Ceil(p*float64(len(xs))))-1]
				got := h.quantile(p)
				if math.Abs(got-exact) > 0.01*exact+1e-12 {
					t.Errorf("p%g = %.6g, exact %.6g", p*100, got, exact)
				}
			}
		})
	}
}

// Sums are exact: adding in any order gives the same bits.
func TestExactSumOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	vals := make([]float64, 10000)
	for i := range vals {
		vals[i] = math.Exp(10 * r.NormFloat64())
	}
	var a, b exactSum
	for _, v := range vals {
		a.add(v)
	}
	for i := len(vals) - 1; i >= 0; i-- {
		b.add(vals[i])
	}
	if a != b {
		t.Errorf("order changed the sum: %v vs %v", a, b)
	}
}

// The percentile judged against a target counts total losses as the worst
// outcome: 90 restored incidents losing 1..90 hours and 10 total losses.
func TestWithLosses(t *testing.T) {
	h := &histogram{}
	for v := 1; v <= 90; v++ {
		h.add(float64(v))
	}
	s := Summary{Count: 90, TotalLosses: 10, hist: h}
	r := &Result{RPO: s, RTO: s}
	for _, tc := range []struct {
		p, want float64 // want within a bucket (1/128) of the nearest-rank value
	}{
		{0.45, 45},          // rank 45 of the 100 incidents
		{0.9, 90},           // the last restored incident
		{0.95, math.Inf(1)}, // inside the total losses
	} {
		for name, got := range map[string]float64{"RPO": r.RPOWithLosses(tc.p), "RTO": r.RTOWithLosses(tc.p)} {
			if math.IsInf(tc.want, 1) != math.IsInf(got, 1) || (!math.IsInf(got, 1) && math.Abs(got-tc.want) > tc.want/128) {
				t.Errorf("%sWithLosses(%g) = %g, want %g", name, tc.p, got, tc.want)
			}
		}
	}
	if got := (&Result{}).RPOWithLosses(0.95); got != 0 {
		t.Errorf("no incidents: %g, want 0", got)
	}
	if x, p := s.CDF(); p[len(p)-1] != 0.9 || x[len(x)-1] != 90 {
		t.Errorf("CDF ends at (%g, %g), want (90, 0.9): the restored share", x[len(x)-1], p[len(p)-1])
	}
}

// The rank of a percentile comes from exact counts: p95 of 520 incidents
// is the 494th (0.95 × 520 = 494 exactly), whatever floating point makes
// of the product or of a share of restored incidents (511 of 520).
func TestRankFromCounts(t *testing.T) {
	for _, tc := range []struct {
		p    float64
		n    int64
		want int64
	}{
		{0.95, 520, 494},
		{0.95, 100, 95},
		{0.999, 1000, 999},
		{0.95, 521, 495}, // 494.95 rounds up
		{0.5, 1, 1},
		{0.01, 10, 1},
	} {
		if got := rankOf(tc.p, tc.n); got != tc.want {
			t.Errorf("rankOf(%g, %d) = %d, want %d", tc.p, tc.n, got, tc.want)
		}
	}
	// 511 restored incidents of 520, valued 1..511: the p95 is the 494th.
	h := &histogram{}
	for v := 1; v <= 511; v++ {
		h.add(float64(v))
	}
	s := Summary{Count: 511, TotalLosses: 9, hist: h}
	if got := s.Quantile(0.95); math.Abs(got-494) > 494.0/256 {
		t.Errorf("p95 of 520 with 9 total losses = %g, want 494 (within half a bucket)", got)
	}
}

// The ratio estimator's interval uses trials as the unit: two trials whose
// incidents all agree within a trial but differ between trials give the
// between-trial spread, however many incidents each holds. Trials with
// means 1 and 3 (100 incidents each): R = 2, Σ(y - R n)² = 2 × 100² and
// Var(R) = N Σ(y-Rn)² / ((N-1)(Σn)²) = 2 × 20000 / (1 × 200²) = 1.
func TestRatioInterval(t *testing.T) {
	var r ratio
	for _, v := range []float64{1, 3} {
		for range 100 {
			r.add(v)
		}
		r.trialDone()
	}
	mean, lo, hi := r.meanCI()
	if mean != 2 || math.Abs(hi-mean-z95) > 1e-9 || math.Abs(mean-lo-z95) > 1e-9 {
		t.Errorf("mean %g, interval [%g, %g], want 2 ± %g", mean, lo, hi, z95)
	}
}
