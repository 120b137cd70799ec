package engine

import (
	"math"
	"math/big"
	"math/bits"
)

// exactSum adds non-negative values in fixed point (2^-24 units), so that
// sums are exact and do not depend on the order of addition: blocks of
// trials can be merged in any order and still give byte-identical output.
// The sum lives in 128 bits; what outgrows them (a value or a sum above
// 2^104, about 2e31) spills into an arbitrary-precision integer, so a sum
// never wraps however large the values.
type exactSum struct {
	hi, lo uint64
	over   *big.Int // the part beyond 128 bits; nil until needed
}

const fixedScale = 1 << 24

// two128 is 2^128, what a carry out of the 128 bits is worth.
var two128 = new(big.Int).Lsh(big.NewInt(1), 128)

func (s *exactSum) add(v float64) {
	if !(v > 0) {
		return
	}
	f := v * fixedScale
	var hi, lo uint64
	switch {
	case f < 1<<63:
		lo = uint64(int64(f + 0.5)) // the signed conversion is one instruction
	case f < 1<<127:
		// split very large values into two words (f is a whole number)
		hi = uint64(f / (1 << 64))
		lo = uint64(math.Mod(f, 1<<64))
	default:
		// v * 2^24 exactly, even where the float product would overflow
		x := new(big.Float).SetFloat64(v)
		x.SetMantExp(x, 24)
		n, _ := x.Int(nil)
		s.spill(n)
		return
	}
	var c uint64
	s.lo, c = bits.Add64(s.lo, lo, 0)
	s.hi, c = bits.Add64(s.hi, hi, c)
	if c != 0 {
		s.spill(two128)
	}
}

// spill adds x to the part beyond 128 bits (never in place: copies of a
// sum may share it).
func (s *exactSum) spill(x *big.Int) {
	if s.over == nil {
		s.over = new(big.Int).Set(x)
		return
	}
	s.over = new(big.Int).Add(s.over, x)
}

func (s *exactSum) merge(o exactSum) {
	var c uint64
	s.lo, c = bits.Add64(s.lo, o.lo, 0)
	s.hi, c = bits.Add64(s.hi, o.hi, c)
	if c != 0 {
		s.spill(two128)
	}
	if o.over != nil {
		s.spill(o.over)
	}
}

func (s exactSum) value() float64 {
	v := (float64(s.hi)*(1<<64) + float64(s.lo)) / fixedScale
	if s.over != nil {
		x := new(big.Float).SetInt(s.over)
		x.Add(x, new(big.Float).SetFloat64(float64(s.hi)*(1<<64)+float64(s.lo)))
		x.Quo(x, big.NewFloat(fixedScale))
		v, _ = x.Float64() // +Inf only if the sum itself is beyond float64
	}
	return v
}

// moments accumulates count, sum and sum of squares exactly.
type moments struct {
	n          int64
	sum, sumsq exactSum
}

func (m *moments) add(v float64) {
	m.n++
	m.sum.add(v)
	m.sumsq.add(v * v)
}

func (m *moments) merge(o moments) {
	m.n += o.n
	m.sum.merge(o.sum)
	m.sumsq.merge(o.sumsq)
}

// meanCI is the mean and its 95% confidence interval (normal approximation).
func (m moments) meanCI() (mean, lo, hi float64) {
	if m.n == 0 {
		return 0, 0, 0
	}
	n := float64(m.n)
	mean = m.sum.value() / n
	if m.n < 2 {
		return mean, mean, mean
	}
	v := (m.sumsq.value() - m.sum.value()*mean) / (n - 1)
	if v < 0 {
		v = 0
	}
	half := 1.959963984540054 * math.Sqrt(v/n)
	return mean, math.Max(0, mean-half), mean + half
}

// histogram is a streaming histogram of non-negative values in the style
// of HDR histograms: each power of two is split into histSub equal
// buckets, so a bucket is at most 1/histSub (0.8%) of its value wide and
// its middle is within 0.4% of any value in it, while memory stays fixed
// however many values are added.
type histogram struct {
	zero   int64 // values exactly zero
	under  int64 // values in (0, 2^histMinExp)
	counts [histBuckets]int64
	over   int64
	max    float64
	n      int64
}

const (
	histSubBits = 7
	histSub     = 1 << histSubBits // 128
	histMinExp  = -20              // 2^-20 hours (3.4 ms) and below are "under"
	histMaxExp  = 25               // 2^25 hours (3800 years) and above are "over"
	histBuckets = (histMaxExp - histMinExp) * histSub
)

// bucketOf returns the bucket of v > 0, or -1 below the range and
// histBuckets above it.
func bucketOf(v float64) int {
	// v = frac * 2^exp with frac in [0.5, 1), read off the bits: the
	// biased exponent gives exp, the top 7 bits of the mantissa the
	// sub-bucket (what (frac-0.5)*2*histSub truncates to)
	bits := math.Float64bits(v)
	exp := int(bits>>52&0x7FF) - 1022
	if exp <= histMinExp {
		return -1
	}
	if exp > histMaxExp {
		return histBuckets
	}
	return (exp-histMinExp-1)*histSub + int(bits>>(52-histSubBits)&(histSub-1))
}

// bucketEdge is the lower edge of bucket i (i may be histBuckets).
func bucketEdge(i int) float64 {
	return math.Ldexp(0.5+float64(i%histSub)/(2*histSub), i/histSub+histMinExp+1)
}

func (h *histogram) add(v float64) {
	h.n++
	if v > h.max {
		h.max = v
	}
	if v <= 0 {
		h.zero++
		return
	}
	switch i := bucketOf(v); {
	case i < 0:
		h.under++
	case i >= histBuckets:
		h.over++
	default:
		h.counts[i]++
	}
}

func (h *histogram) merge(o *histogram) {
	h.n += o.n
	h.zero += o.zero
	h.under += o.under
	h.over += o.over
	for i := range h.counts {
		h.counts[i] += o.counts[i]
	}
	if o.max > h.max {
		h.max = o.max
	}
}

// bucketValue is the representative value of bucket i: its middle.
func bucketValue(i int) float64 {
	return (bucketEdge(i) + bucketEdge(i+1)) / 2
}

// quantile returns the nearest-rank p-quantile (0 < p <= 1).
func (h *histogram) quantile(p float64) float64 {
	if h.n == 0 {
		return 0
	}
	rank := int64(math.Ceil(p * float64(h.n)))
	if rank < 1 {
		rank = 1
	}
	c := h.zero
	if c >= rank {
		return 0
	}
	c += h.under
	if c >= rank {
		return math.Min(bucketEdge(0)/2, h.max)
	}
	for i, k := range h.counts {
		c += k
		if c >= rank {
			return math.Min(bucketValue(i), h.max)
		}
	}
	return h.max
}

// CDF returns points (x, fraction <= x) of the distribution, one per
// non-empty bucket, for plotting.
func (h *histogram) CDF() (xs, ps []float64) {
	if h.n == 0 {
		return nil, nil
	}
	n := float64(h.n)
	c := h.zero
	if c > 0 {
		xs, ps = append(xs, 0), append(ps, float64(c)/n)
	}
	c += h.under
	if h.under > 0 {
		xs, ps = append(xs, bucketEdge(0)), append(ps, float64(c)/n)
	}
	for i, k := range h.counts {
		if k == 0 {
			continue
		}
		c += k
		xs, ps = append(xs, math.Min(bucketEdge(i+1), h.max)), append(ps, float64(c)/n)
	}
	if h.over > 0 {
		xs, ps = append(xs, h.max), append(ps, 1)
	}
	return xs, ps
}
