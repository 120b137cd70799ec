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

// add is kept small: the usual value is one addition with carry; a
// large value goes to addLarge. hi cannot wrap here: each add carries at
// most 1, and no run adds 2^64 values (merges spill).
func (s *exactSum) add(v float64) {
	if x, ok := fixed(v); ok {
		s.addFixed(x)
	} else if v > 0 {
		s.addLarge(v, v*fixedScale)
	}
}

// fixed is v in units of 2^-24, rounded, when v > 0 and that is below
// 2^63 (the usual value); ok is false otherwise.
func fixed(v float64) (x uint64, ok bool) {
	if f := v * fixedScale; v > 0 && f < 1<<63 {
		return uint64(int64(f + 0.5)), true // below 2^63: the signed conversion is one instruction
	}
	return 0, false
}

// addFixed adds x units of 2^-24 (from fixed): add(v) is addFixed(fixed(v)).
func (s *exactSum) addFixed(x uint64) {
	var c uint64
	s.lo, c = bits.Add64(s.lo, x, 0)
	s.hi += c
}

// addLarge adds v (f = v * 2^24 units, at least 2^63).
func (s *exactSum) addLarge(v, f float64) {
	if f >= 1<<127 {
		// v * 2^24 exactly, even where the float product would overflow
		x := new(big.Float).SetFloat64(v)
		x.SetMantExp(x, 24)
		n, _ := x.Int(nil)
		s.spill(n)
		return
	}
	// split into two words (f is a whole number)
	hi, lo := uint64(f/(1<<64)), uint64(math.Mod(f, 1<<64))
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
	if v != 0 { // adding zero changes no sum
		m.sum.add(v)
		m.sumsq.add(v * v)
	}
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
	// the fields every add touches come first, in one cache line, rather
	// than 46 KB away after counts
	n      int64
	max    float64
	zero   int64 // values exactly zero
	under  int64 // values in (0, 2^histMinExp)
	over   int64
	counts [histBuckets]int64
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

// compact returns the histogram's non-empty buckets only. A run's
// accumulators need the dense form to add and merge quickly; a finished
// Result keeps this one, so that a sweep holding thousands of results
// holds a few kilobytes each instead of the dense 46 KB per histogram.
func (h *histogram) compact() *compactHist {
	c := &compactHist{zero: h.zero, under: h.under, over: h.over, max: h.max, n: h.n}
	for i, k := range h.counts {
		if k != 0 {
			c.index = append(c.index, int32(i))
			c.count = append(c.count, k)
		}
	}
	return c
}

// compactHist is a histogram's non-empty buckets, in bucket order, with
// the same counts outside the buckets.
type compactHist struct {
	zero, under, over int64
	index             []int32
	count             []int64
	max               float64
	n                 int64
}

// atRank returns the value of the rank-th smallest value (1 <= rank <= n)
// as the middle of its bucket, and the bucket's edges; all three are
// capped by the largest value added.
func (h *compactHist) atRank(rank int64) (v, lo, hi float64) {
	c := h.zero
	if c >= rank {
		return 0, 0, 0
	}
	c += h.under
	if c >= rank {
		e := bucketEdge(0)
		return math.Min(e/2, h.max), 0, math.Min(e, h.max)
	}
	for j, k := range h.count {
		c += k
		if c >= rank {
			i := int(h.index[j])
			return math.Min(bucketValue(i), h.max), math.Min(bucketEdge(i), h.max), math.Min(bucketEdge(i+1), h.max)
		}
	}
	return h.max, h.max, h.max
}

// CDF returns points (x, fraction <= x) of the distribution, one per
// non-empty bucket, for plotting. Fractions are of all values plus extra
// (total losses, worse than any value), so the curve then ends at
// n/(n+extra) rather than 1.
func (h *compactHist) CDF(extra int64) (xs, ps []float64) {
	if h.n == 0 {
		return nil, nil
	}
	n := float64(h.n + extra)
	c := h.zero
	if c > 0 {
		xs, ps = append(xs, 0), append(ps, float64(c)/n)
	}
	c += h.under
	if h.under > 0 {
		xs, ps = append(xs, bucketEdge(0)), append(ps, float64(c)/n)
	}
	for j, k := range h.count {
		c += k
		xs, ps = append(xs, math.Min(bucketEdge(int(h.index[j])+1), h.max)), append(ps, float64(c)/n)
	}
	if h.over > 0 {
		xs, ps = append(xs, h.max), append(ps, float64(c+h.over)/n)
	}
	return xs, ps
}

// ratio accumulates, trial by trial, the sum y and the count n of a
// per-incident value, for the ratio estimator of its mean per incident
// with the trial as the independent unit: incidents of one trial share
// its breaks and fixes, so they are not independent of each other, but
// trials are. All sums are exact, so merging is order-free.
type ratio struct {
	trials    int64
	n, nn     int64    // Σn, Σn²
	y, yy, yn exactSum // Σy, Σy², Σyn
	trialY    float64  // the trial under way
	trialN    int64
}

// add adds one incident's value to the trial under way.
func (r *ratio) add(v float64) {
	r.trialY += v
	r.trialN++
}

// trialDone closes the trial under way.
func (r *ratio) trialDone() {
	r.trials++
	y, n := r.trialY, r.trialN
	if n == 0 && y == 0 {
		return // no incident: nothing to add
	}
	r.n += n
	r.nn += n * n
	if x, ok := fixed(y); ok && n == 1 {
		// the usual trial, with one incident: y * n is y, converted once
		r.y.addFixed(x)
		r.yn.addFixed(x)
	} else {
		r.y.add(y)
		r.yn.add(y * float64(n))
	}
	r.yy.add(y * y)
	r.trialY, r.trialN = 0, 0
}

// trialDoneWith closes the trials under way of r and o, which gathered
// the same values in the same order (the one failure with incidents in
// the trial, and all): the usual trial's sums are converted once for both.
func (r *ratio) trialDoneWith(o *ratio) {
	y := r.trialY
	x, ok := fixed(y)
	xx, ok2 := fixed(y * y)
	if !ok || !ok2 || r.trialN != 1 {
		r.trialDone()
		o.trialDone()
		return
	}
	for _, q := range [...]*ratio{r, o} {
		q.trials++
		q.n++
		q.nn++
		q.y.addFixed(x)
		q.yn.addFixed(x)
		q.yy.addFixed(xx)
		q.trialY, q.trialN = 0, 0
	}
}

func (r *ratio) merge(o ratio) {
	r.trials += o.trials
	r.n += o.n
	r.nn += o.nn
	r.y.merge(o.y)
	r.yy.merge(o.yy)
	r.yn.merge(o.yn)
}

// z95 is the 97.5% point of the standard normal.
const z95 = 1.959963984540054

// meanCI is the ratio estimate R = Σy/Σn of the mean per incident and its
// 95% interval by the delta method over trials:
//
//	Var(R) ≈ Σ(y_i - R n_i)² / ((N-1) N n̄²) = N Σ(y_i - R n_i)² / ((N-1) (Σn)²)
//
// with Σ(y - Rn)² = Σy² - 2RΣyn + R²Σn², from the exact sums.
func (r ratio) meanCI() (mean, lo, hi float64) {
	if r.n == 0 {
		return 0, 0, 0
	}
	sn := float64(r.n)
	mean = r.y.value() / sn
	if r.trials < 2 {
		return mean, mean, mean
	}
	N := float64(r.trials)
	ss := r.yy.value() - 2*mean*r.yn.value() + mean*mean*float64(r.nn)
	if ss < 0 {
		ss = 0 // rounding when every trial has the same mean
	}
	half := z95 * math.Sqrt(N*ss/((N-1)*sn*sn))
	return mean, math.Max(0, mean-half), mean + half
}

// rankOf is the nearest rank of the p-quantile among n values, ceil(p n),
// computed so that a p n that is an integer up to rounding (0.95 × 520 =
// 494.00000000000006 in floating point) is that integer, and at least 1.
func rankOf(p float64, n int64) int64 {
	x := p * float64(n)
	r := math.Round(x)
	if math.Abs(x-r) <= 1e-9*math.Max(1, x) {
		return max(1, int64(r))
	}
	return max(1, int64(math.Ceil(x)))
}
