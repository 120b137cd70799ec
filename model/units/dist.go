package units

import (
	"math"
	"math/rand/v2"
	"strings"

	"gonum.org/v1/gonum/stat/distuv"
)

// DistKind names the shape of a duration distribution.
type DistKind int

// The distribution shapes a scenario can use.
const (
	Fixed DistKind = iota
	Uniform
	Triangular
	LogNormal
	Exponential
)

var distNames = [...]string{"fixed", "uniform", "triangular", "lognormal", "exponential"}

func (k DistKind) String() string { return distNames[k] }

// z95 is the 95th percentile of the standard normal distribution.
const z95 = 1.6448536269514722

// Dist is a distribution of durations: a fixed "2h", "uniform(1h, 3h)",
// "triangular(min, mode, max)", "lognormal(median, p95)" or
// "exponential(mean)". Parameters are checked when parsed, so a Dist that
// exists is always safe to sample (gonum panics on bad parameters).
type Dist struct {
	Kind   DistKind
	Params []Duration // as written: fixed [v]; uniform [a,b]; triangular [a,c,b]; lognormal [median,p95]; exponential [mean]

	// derived once by prepare, so sampling does no conversions or logs
	hours     [3]float64
	mu, sigma float64 // lognormal
	mean      float64
}

// FixedDist is a distribution that always yields d.
func FixedDist(d Duration) Dist {
	v := Dist{Kind: Fixed, Params: []Duration{d}}
	v.prepare()
	return v
}

func (d *Dist) prepare() {
	for i := range d.hours {
		d.hours[i] = 0
		if i < len(d.Params) {
			d.hours[i] = d.Params[i].Hours()
		}
	}
	if d.Kind == LogNormal {
		d.mu, d.sigma = math.Log(d.hours[0]), math.Log(d.hours[1]/d.hours[0])/z95
	}
	d.mean = d.hours[0]
	if g, ok := d.gonum(); ok {
		d.mean = g.Mean()
	}
}

// ParseDist parses a duration distribution.
func ParseDist(s string) (Dist, error) {
	in := strings.TrimSpace(s)
	open := strings.IndexByte(in, '(')
	if open < 0 {
		d, err := ParseDuration(in)
		if err != nil {
			return Dist{}, errSyntax("duration distribution", s, "expected a duration (2h) or uniform(a, b), triangular(min, mode, max), lognormal(median, p95), exponential(mean)")
		}
		if d < 0 {
			return Dist{}, errSyntax("duration distribution", s, "negative")
		}
		return FixedDist(d), nil
	}
	if !strings.HasSuffix(in, ")") {
		return Dist{}, errSyntax("duration distribution", s, "missing ')'")
	}
	name := strings.TrimSpace(in[:open])
	kind := -1
	for i, n := range distNames[1:] {
		if n == name {
			kind = i + 1
		}
	}
	want := map[int]int{int(Uniform): 2, int(Triangular): 3, int(LogNormal): 2, int(Exponential): 1}
	if kind < 0 {
		return Dist{}, errSyntax("duration distribution", s, "unknown distribution \""+name+"\" (uniform, triangular, lognormal, exponential)")
	}
	args := strings.Split(in[open+1:len(in)-1], ",")
	if len(args) != want[kind] {
		return Dist{}, errSyntax("duration distribution", s, name+" takes "+formatFloat(float64(want[kind]))+" durations")
	}
	d := Dist{Kind: DistKind(kind)}
	for _, a := range args {
		v, err := ParseDuration(a)
		if err != nil {
			return Dist{}, errSyntax("duration distribution", s, err.Error())
		}
		if v < 0 {
			return Dist{}, errSyntax("duration distribution", s, "negative duration")
		}
		d.Params = append(d.Params, v)
	}
	p := d.Params
	switch d.Kind {
	case Uniform:
		if p[1] < p[0] {
			return Dist{}, errSyntax("duration distribution", s, "uniform(a, b) needs a <= b")
		}
	case Triangular:
		if !(p[0] <= p[1] && p[1] <= p[2]) {
			return Dist{}, errSyntax("duration distribution", s, "triangular(min, mode, max) needs min <= mode <= max")
		}
	case LogNormal:
		if p[0] <= 0 {
			return Dist{}, errSyntax("duration distribution", s, "lognormal median must be above zero")
		}
		if p[1] < p[0] {
			return Dist{}, errSyntax("duration distribution", s, "lognormal p95 must not be below the median")
		}
	}
	d.prepare()
	return d, nil
}

// String prints the distribution as it would be written.
func (d Dist) String() string {
	if d.Kind == Fixed {
		if len(d.Params) == 0 {
			return "0s"
		}
		return d.Params[0].String()
	}
	parts := make([]string, len(d.Params))
	for i, p := range d.Params {
		parts[i] = p.String()
	}
	return d.Kind.String() + "(" + strings.Join(parts, ", ") + ")"
}

func (d *Dist) h(i int) float64 { return d.hours[i] }

// IsZero reports whether the distribution always yields zero.
func (d *Dist) IsZero() bool { return d.Kind == Fixed && d.h(0) == 0 }

// Sample draws one duration, in hours, using r.
func (d *Dist) Sample(r *rand.Rand) float64 {
	switch d.Kind {
	case Uniform:
		return d.h(0) + (d.h(1)-d.h(0))*r.Float64()
	case Triangular:
		a, c, b := d.h(0), d.h(1), d.h(2)
		if b == a {
			return a
		}
		u := r.Float64()
		if u < (c-a)/(b-a) {
			return a + math.Sqrt(u*(b-a)*(c-a))
		}
		return b - math.Sqrt((1-u)*(b-a)*(b-c))
	case LogNormal:
		return math.Exp(d.mu + d.sigma*r.NormFloat64())
	case Exponential:
		return d.h(0) * r.ExpFloat64()
	}
	return d.h(0)
}

// gonum returns the matching gonum distribution; ok is false for shapes
// that are a single point.
func (d *Dist) gonum() (interface {
	Mean() float64
	Quantile(float64) float64
}, bool) {
	switch d.Kind {
	case Uniform:
		if d.h(1) > d.h(0) {
			return distuv.Uniform{Min: d.h(0), Max: d.h(1)}, true
		}
	case Triangular:
		if d.h(0) < d.h(2) {
			return distuv.NewTriangle(d.h(0), d.h(2), d.h(1), nil), true
		}
	case LogNormal:
		if d.sigma > 0 {
			return distuv.LogNormal{Mu: d.mu, Sigma: d.sigma}, true
		}
	case Exponential:
		if d.h(0) > 0 {
			return distuv.Exponential{Rate: 1 / d.h(0)}, true
		}
	}
	return nil, false
}

// Mean is the distribution's mean, in hours.
func (d *Dist) Mean() float64 { return d.mean }

// Quantile is the duration, in hours, below which a fraction p of samples
// fall: the inverse of the distribution function. Fed a uniform p, it draws
// one sample from one number, which lets the engine key every draw to its
// purpose (common random numbers).
func (d *Dist) Quantile(p float64) float64 {
	switch d.Kind {
	case Uniform:
		return d.h(0) + (d.h(1)-d.h(0))*p
	case Triangular:
		a, c, b := d.h(0), d.h(1), d.h(2)
		if b == a {
			return a
		}
		if p < (c-a)/(b-a) {
			return a + math.Sqrt(p*(b-a)*(c-a))
		}
		return b - math.Sqrt((1-p)*(b-a)*(b-c))
	case LogNormal:
		if d.sigma == 0 {
			return d.h(0)
		}
		return math.Exp(d.mu + d.sigma*normalQuantile(p))
	case Exponential:
		return d.h(0) * -math.Log1p(-p)
	}
	return d.h(0)
}

// Max is the largest value the distribution yields, in hours (+Inf when unbounded).
func (d *Dist) Max() float64 {
	switch d.Kind {
	case Uniform:
		return d.h(1)
	case Triangular:
		return d.h(2)
	case LogNormal:
		if d.h(1) > d.h(0) {
			return math.Inf(1)
		}
	case Exponential:
		if d.h(0) > 0 {
			return math.Inf(1)
		}
		return 0
	}
	return d.h(0)
}

// Set parses text into d.
func (d *Dist) Set(text string) error {
	v, err := ParseDist(text)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Type names the value for flag help.
func (d *Dist) Type() string { return "distribution" }

// MarshalText prints the distribution as String does.
func (d Dist) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// normalQuantile is the standard normal's inverse distribution function by
// Acklam's rational approximation (relative error about 1e-9, 1e-6 in the
// far tails below 1e-6): no
// logarithm in the central 95%, several times faster than math.Erfinv, which
// matters since the engine draws every lognormal sample through it.
func normalQuantile(p float64) float64 {
	const (
		a1, a2, a3, a4, a5, a6 = -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00
		b1, b2, b3, b4, b5     = -5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01
		c1, c2, c3, c4, c5, c6 = -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00
		d1, d2, d3, d4         = 7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
		low                    = 0.02425
	)
	switch {
	case p <= 0:
		return math.Inf(-1)
	case p >= 1:
		return math.Inf(1)
	case p < low:
		q := math.Sqrt(-2 * math.Log(p))
		return (((((c1*q+c2)*q+c3)*q+c4)*q+c5)*q + c6) / ((((d1*q+d2)*q+d3)*q+d4)*q + 1)
	case p > 1-low:
		q := math.Sqrt(-2 * math.Log(1-p))
		return -(((((c1*q+c2)*q+c3)*q+c4)*q+c5)*q + c6) / ((((d1*q+d2)*q+d3)*q+d4)*q + 1)
	}
	q := p - 0.5
	r := q * q
	return (((((a1*r+a2)*r+a3)*r+a4)*r+a5)*r + a6) * q / (((((b1*r+b2)*r+b3)*r+b4)*r+b5)*r + 1)
}
