package units

import (
	"math"
	"strings"
	"time"
)

// Duration is a length of time with nanosecond resolution. Beyond Go's
// units it understands d (24h), w (7d), y (365d) and month (y/12).
type Duration int64

// Duration units beyond time.Hour.
const (
	Day   = Duration(24 * time.Hour)
	Week  = 7 * Day
	Year  = 365 * Day
	Month = Year / 12
)

var durationUnits = map[string]Duration{
	"ns": Duration(time.Nanosecond), "us": Duration(time.Microsecond), "µs": Duration(time.Microsecond),
	"ms": Duration(time.Millisecond), "s": Duration(time.Second), "m": Duration(time.Minute),
	"h": Duration(time.Hour), "d": Day, "w": Week, "y": Year, "month": Month, "months": Month,
}

// ParseDuration parses a duration such as "90s", "15m", "2h", "3d", "2w",
// "1y", "1month" or a compound like "1h30m". A bare "0" is zero.
func ParseDuration(s string) (Duration, error) {
	in := strings.TrimSpace(s)
	if in == "0" {
		return 0, nil
	}
	if in == "" {
		return 0, errSyntax("duration", s, "empty (write e.g. 15m, 2h, 3d, 1y)")
	}
	rest := in
	neg := false
	if rest[0] == '-' {
		neg = true
		rest = rest[1:]
	}
	var total float64
	for rest != "" {
		if rest[0] == '+' || rest[0] == '-' {
			return 0, errSyntax("duration", s, "sign inside a compound duration")
		}
		v, after, ok := splitNumber(rest)
		if !ok {
			return 0, errSyntax("duration", s, "expected a number followed by a unit (ms, s, m, h, d, w, month, y)")
		}
		j := 0
		for j < len(after) && !(after[j] >= '0' && after[j] <= '9' || after[j] == '.') {
			j++
		}
		unit := after[:j]
		u, ok := durationUnits[unit]
		if !ok {
			if unit == "" {
				return 0, errSyntax("duration", s, "missing unit (ms, s, m, h, d, w, month, y)")
			}
			return 0, errSyntax("duration", s, "unknown unit \""+unit+"\" (ms, s, m, h, d, w, month, y)")
		}
		total += v * float64(u)
		rest = after[j:]
	}
	if total > math.MaxInt64/2 {
		return 0, errSyntax("duration", s, "too long")
	}
	d := Duration(math.Round(total))
	if neg {
		d = -d
	}
	return d, nil
}

// Hours is the duration in decimal hours.
func (d Duration) Hours() float64 { return float64(d) / float64(time.Hour) }

// FromHours converts decimal hours to a Duration.
func FromHours(h float64) Duration { return Duration(math.Round(h * float64(time.Hour))) }

// String prints d in the largest whole units that represent it exactly:
// "1y", "2w", "3d", "1d12h", "1h30m", "90ms"; zero prints as "0s".
func (d Duration) String() string {
	if d == 0 {
		return "0s"
	}
	if d < 0 {
		return "-" + (-d).String()
	}
	for _, u := range []struct {
		name string
		v    Duration
	}{{"y", Year}, {"w", Week}} {
		if d%u.v == 0 {
			return formatFloat(float64(d/u.v)) + u.name
		}
	}
	var b strings.Builder
	rest := d
	for _, u := range []struct {
		name string
		v    Duration
	}{{"d", Day}, {"h", Duration(time.Hour)}, {"m", Duration(time.Minute)}} {
		if n := rest / u.v; n > 0 {
			b.WriteString(formatFloat(float64(n)) + u.name)
			rest -= n * u.v
		}
	}
	if rest > 0 {
		b.WriteString(time.Duration(rest).String())
	}
	return b.String()
}

// Set parses s into d; it makes *Duration usable as a flag and a scenario field.
func (d *Duration) Set(s string) error {
	v, err := ParseDuration(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Type names the value for flag help.
func (d *Duration) Type() string { return "duration" }

// MarshalText prints the duration as String does.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }
