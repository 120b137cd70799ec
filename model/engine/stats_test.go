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
	s := Summary{Count: 90, TotalLosses: 10, hist: h.compact()}
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
	s := Summary{Count: 511, TotalLosses: 9, hist: h.compact()}
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

// Sums beyond 128 bits of fixed point do not wrap: they are exact, equal
// in any order, and their value is the sum (relative error of a float64).
func TestExactSumDoesNotWrap(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    float64
		n    int
	}{
		// 1e31 h is 1.68e38 units, just below 2^127: four of them carry out of 128 bits
		{"carry out of 128 bits", 1e31, 4},
		// 1e40 h is above 2^127 units on its own
		{"one value beyond 128 bits", 1e40, 3},
		// 1e300 h * 2^24 overflows a float64 product
		{"beyond float64 * 2^24", 1e300, 2},
		{"squares of 1e30 h", 1e60, 1000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var fwd, merged exactSum
			for range tc.n {
				fwd.add(tc.v)
			}
			var half exactSum
			for range tc.n / 2 {
				half.add(tc.v)
			}
			merged.merge(half)
			for range tc.n - tc.n/2 {
				merged.add(tc.v)
			}
			want := tc.v * float64(tc.n)
			for _, got := range []float64{fwd.value(), merged.value()} {
				if math.Abs(got-want) > 1e-12*want {
					t.Errorf("sum of %d × %g = %g, want %g", tc.n, tc.v, got, want)
				}
			}
		})
	}
	// a small value added after a spill is not lost, and order does not matter
	var a, b exactSum
	a.add(1e40)
	a.add(0.5)
	b.add(0.5)
	b.add(1e40)
	if a.hi != b.hi || a.lo != b.lo || a.over.Cmp(b.over) != 0 || a.lo != 0.5*fixedScale {
		t.Errorf("order changes the sum or loses the small value: %+v vs %+v", a, b)
	}
}

// A finished Result keeps only the non-empty buckets of each histogram
// (a sweep holds one Result per design): the compact form must answer
// every rank and draw the same CDF as the dense one, in far less memory.
func TestCompactHistogramKeepsAnswers(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	h := &histogram{}
	for range 20000 {
		switch v := rng.ExpFloat64() * 24; {
		case v < 0.5:
			h.add(0)
		default:
			h.add(v)
		}
	}
	h.add(1e-9) // under the range
	h.add(1e9)  // over it
	c := h.compact()
	// the dense answer, walked bucket by bucket as the histogram stores it
	dense := func(rank int64) float64 {
		k := h.zero + h.under
		if k >= rank {
			return -1 // zero and under are shared code paths, checked below
		}
		for i, n := range h.counts {
			k += n
			if k >= rank {
				return math.Min(bucketValue(i), h.max)
			}
		}
		return h.max
	}
	for rank := h.zero + h.under + 1; rank <= h.n; rank += 97 {
		if got, _, _ := c.atRank(rank); got != dense(rank) {
			t.Fatalf("rank %d: compact %g, dense %g", rank, got, dense(rank))
		}
	}
	if v, _, _ := c.atRank(1); v != 0 {
		t.Errorf("rank 1 = %g, want 0 (zeros first)", v)
	}
	xs, ps := c.CDF(0)
	if ps[len(ps)-1] != 1 || xs[len(xs)-1] != 1e9 {
		t.Errorf("CDF ends at (%g, %g), want (1e9, 1)", xs[len(xs)-1], ps[len(ps)-1])
	}
	for i := 1; i < len(ps); i++ {
		if ps[i] < ps[i-1] || xs[i] < xs[i-1] {
			t.Fatalf("CDF not monotone at %d", i)
		}
	}
	// 12 bytes a non-empty bucket against 8 bytes for every one of 5760
	if dense, kept := len(h.counts)*8, len(c.index)*12; kept*3 > dense {
		t.Errorf("compact histogram holds %d bytes of buckets, dense %d: want under a third", kept, dense)
	}
}

// quantile returns the nearest-rank p-quantile (0 < p <= 1), as a Summary
// reads it (the tests ask a bare histogram).
func (h *histogram) quantile(p float64) float64 {
	if h.n == 0 {
		return 0
	}
	v, _, _ := h.compact().atRank(rankOf(p, h.n))
	return v
}
