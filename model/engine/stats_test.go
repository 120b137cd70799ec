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
