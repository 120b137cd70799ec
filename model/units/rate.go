package units

import (
	"math"
	"strings"
)

// periodWords are the spelled-out periods accepted after a '/'.
var periodWords = map[string]string{
	"sec": "s", "second": "s", "min": "m", "minute": "m", "hour": "h", "day": "d", "week": "w", "year": "y",
}

// Rate is a mean number of events per year (the rate of a Poisson process).
type Rate float64

// ParseRate parses "2/y", "0.5/month", "3/w" or "1/10y".
func ParseRate(s string) (Rate, error) {
	in := strings.TrimSpace(s)
	i := strings.IndexByte(in, '/')
	if i < 0 {
		return 0, errSyntax("rate", s, "expected events per period, e.g. 2/y, 0.5/month or 1/10y")
	}
	n, rest, ok := splitNumber(strings.TrimSpace(in[:i]))
	if !ok || rest != "" {
		return 0, errSyntax("rate", s, "expected a number before '/'")
	}
	if n < 0 {
		return 0, errSyntax("rate", s, "negative")
	}
	per := strings.TrimSpace(in[i+1:])
	if long, ok := periodWords[per]; ok {
		per = long
	}
	if per == "" || per[0] < '0' || per[0] > '9' {
		per = "1" + per
	}
	// a number and one unit is read as a float, so that periods longer
	// than a Duration holds (1/500y, 1/10000y) work; compounds go through
	// ParseDuration
	period := 0.0
	if v, unit, ok := splitNumber(per); ok && durationUnits[unit] > 0 {
		period = v * float64(durationUnits[unit])
	} else if d, err := ParseDuration(per); err == nil {
		period = float64(d)
	}
	if !(period > 0) || math.IsInf(period, 0) {
		return 0, errSyntax("rate", s, "expected a period after '/', e.g. /y, /month, /w, /10y")
	}
	r := n * (float64(Year) / period)
	if !finite(r) {
		return 0, errSyntax("rate", s, tooLarge)
	}
	return Rate(r), nil
}

// PerYear is the mean number of events per year.
func (r Rate) PerYear() float64 { return float64(r) }

// PerHour is the mean number of events per hour.
func (r Rate) PerHour() float64 { return float64(r) / Year.Hours() }

// String prints the rate per year, e.g. "0.3/y".
func (r Rate) String() string { return formatFloat(float64(r)) + "/y" }

// Set parses text into r.
func (r *Rate) Set(text string) error {
	v, err := ParseRate(text)
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// Type names the value for flag help.
func (r *Rate) Type() string { return "rate" }

// MarshalText prints the rate as String does.
func (r Rate) MarshalText() ([]byte, error) { return []byte(r.String()), nil }

// Fraction is a number from 0 to 1, written "1%" or "0.01".
type Fraction float64

// ParseFraction parses "1%", "0.5%" or "0.01", and refuses values outside 0..1.
func ParseFraction(s string) (Fraction, error) {
	in := strings.TrimSpace(s)
	pct := strings.HasSuffix(in, "%")
	v, rest, ok := splitNumber(strings.TrimSpace(strings.TrimSuffix(in, "%")))
	if !ok || rest != "" {
		return 0, errSyntax("fraction", s, "expected a fraction such as 1% or 0.01")
	}
	if pct {
		v /= 100
	}
	if v < 0 || v > 1 {
		return 0, errSyntax("fraction", s, "must be between 0 and 1 (0% and 100%)")
	}
	return Fraction(v), nil
}

// String prints the fraction as a plain number, e.g. "0.01".
func (f Fraction) String() string { return formatFloat(float64(f)) }

// Set parses text into f.
func (f *Fraction) Set(text string) error {
	v, err := ParseFraction(text)
	if err != nil {
		return err
	}
	*f = v
	return nil
}

// Type names the value for flag help.
func (f *Fraction) Type() string { return "fraction" }

// MarshalText prints the fraction as String does.
func (f Fraction) MarshalText() ([]byte, error) { return []byte(f.String()), nil }
