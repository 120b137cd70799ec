package units

import (
	"strconv"
	"strings"
)

// Size is a number of bytes. Decimal units (kB, MB, GB, TB, PB) are powers of
// 10, binary units (KiB, MiB, GiB, TiB, PiB) powers of 2. A bare number other
// than 0 is refused: "50" could mean anything.
type Size float64

// Size units.
const (
	Byte Size = 1
	KB   Size = 1e3
	MB   Size = 1e6
	GB   Size = 1e9
	TB   Size = 1e12
	PB   Size = 1e15
	KiB  Size = 1 << 10
	MiB  Size = 1 << 20
	GiB  Size = 1 << 30
	TiB  Size = 1 << 40
	PiB  Size = 1 << 50
)

var sizeUnits = map[string]Size{
	"B": Byte, "kB": KB, "KB": KB, "MB": MB, "GB": GB, "TB": TB, "PB": PB,
	"KiB": KiB, "MiB": MiB, "GiB": GiB, "TiB": TiB, "PiB": PiB,
}

// bitUnits are the units of a throughput given in bits.
var bitUnits = map[string]Size{
	"bit": Byte / 8, "kbit": KB / 8, "Kbit": KB / 8, "Mbit": MB / 8, "Gbit": GB / 8, "Tbit": TB / 8,
}

// printed in this order, largest first, by String.
var sizeOrder = []struct {
	name string
	v    Size
}{{"PiB", PiB}, {"TiB", TiB}, {"GiB", GiB}, {"MiB", MiB}, {"KiB", KiB}, {"PB", PB}, {"TB", TB}, {"GB", GB}, {"MB", MB}, {"kB", KB}}

// ParseSize parses "500MB", "50GiB", "2TB", "1.5 TiB" or "0".
func ParseSize(s string) (Size, error) {
	in := strings.TrimSpace(s)
	v, unit, ok := splitNumber(in)
	if !ok {
		return 0, errSyntax("size", s, "expected a number and a unit, e.g. 50GiB or 500MB")
	}
	unit = strings.TrimSpace(unit)
	if unit == "" {
		if v == 0 {
			return 0, nil
		}
		return 0, errSyntax("size", s, "a bare number is ambiguous: add a unit (B, MB, GB, TB, MiB, GiB, TiB)")
	}
	u, ok := sizeUnits[unit]
	if !ok {
		return 0, errSyntax("size", s, "unknown unit \""+unit+"\" (B, kB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB)")
	}
	if v < 0 {
		return 0, errSyntax("size", s, "negative")
	}
	if !finite(v * float64(u)) {
		return 0, errSyntax("size", s, tooLarge)
	}
	return Size(v) * u, nil
}

// GiB is the size in binary gigabytes.
func (s Size) GiB() float64 { return float64(s / GiB) }

// String prints the size in the unit that gives the shortest exact text
// (the larger unit on a tie), or in bytes.
func (s Size) String() string {
	if s == 0 {
		return "0B"
	}
	best := formatFloat(float64(s)) + "B"
	for _, u := range sizeOrder {
		q := s / u.v
		if q >= 1 && q*u.v == s {
			if str := formatFloat(float64(q)) + u.name; len(str) < len(best) {
				best = str
			}
		}
	}
	return best
}

// Set parses text into s.
func (s *Size) Set(text string) error {
	v, err := ParseSize(text)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Type names the value for flag help.
func (s *Size) Type() string { return "size" }

// MarshalText prints the size as String does.
func (s Size) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Throughput is a transfer rate in bytes per second.
type Throughput float64

// ParseThroughput parses "100MB/s", "1Gbit/s", "500GiB/h" or "1Gbps".
func ParseThroughput(s string) (Throughput, error) {
	in := strings.TrimSpace(s)
	for suf, rep := range map[string]string{"bps": "bit/s"} {
		if strings.HasSuffix(in, suf) {
			in = strings.TrimSuffix(in, suf) + rep
		}
	}
	i := strings.LastIndexByte(in, '/')
	if i < 0 {
		return 0, errSyntax("throughput", s, "expected size per time, e.g. 100MB/s, 1Gbit/s or 500GiB/h")
	}
	num, per := strings.TrimSpace(in[:i]), strings.TrimSpace(in[i+1:])
	var size Size
	v, unit, ok := splitNumber(num)
	if u, isBit := bitUnits[strings.TrimSpace(unit)]; ok && isBit {
		size = Size(v) * u
	} else {
		var err error
		if size, err = ParseSize(num); err != nil {
			return 0, errSyntax("throughput", s, "expected size per time, e.g. 100MB/s, 1Gbit/s or 500GiB/h")
		}
	}
	if long, ok := periodWords[per]; ok {
		per = long
	}
	if per == "" || per[0] < '0' || per[0] > '9' {
		per = "1" + per
	}
	d, err := ParseDuration(per)
	if err != nil || d <= 0 {
		return 0, errSyntax("throughput", s, "expected a time unit after '/', e.g. /s or /h")
	}
	if v < 0 {
		return 0, errSyntax("throughput", s, "negative")
	}
	t := float64(size) / (float64(d) / 1e9)
	if !finite(t) {
		return 0, errSyntax("throughput", s, tooLarge)
	}
	return Throughput(t), nil
}

// BytesPerHour is the throughput in bytes per hour.
func (t Throughput) BytesPerHour() float64 { return float64(t) * 3600 }

// String prints the throughput per second, in the unit String picks for sizes.
func (t Throughput) String() string { return Size(t).String() + "/s" }

// Set parses text into t.
func (t *Throughput) Set(text string) error {
	v, err := ParseThroughput(text)
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// Type names the value for flag help.
func (t *Throughput) Type() string { return "throughput" }

// MarshalText prints the throughput as String does.
func (t Throughput) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// Human prints a size rounded to three significant digits in binary units,
// for reports: "50 GiB", "1.46 TiB".
func (s Size) Human() string {
	v := float64(s)
	for _, u := range []struct {
		name string
		v    Size
	}{{"PiB", PiB}, {"TiB", TiB}, {"GiB", GiB}, {"MiB", MiB}, {"KiB", KiB}} {
		if v >= float64(u.v) {
			return strconv.FormatFloat(v/float64(u.v), 'g', 3, 64) + " " + u.name
		}
	}
	return strconv.FormatFloat(v, 'g', 3, 64) + " B"
}

// Human prints a throughput rounded for reports, in decimal units per
// second: "100 MB/s", "149 MB/s".
func (t Throughput) Human() string {
	v := float64(t)
	for _, u := range []struct {
		name string
		v    Size
	}{{"TB", TB}, {"GB", GB}, {"MB", MB}, {"kB", KB}} {
		if v >= float64(u.v) {
			return strconv.FormatFloat(v/float64(u.v), 'g', 3, 64) + " " + u.name + "/s"
		}
	}
	return strconv.FormatFloat(v, 'g', 3, 64) + " B/s"
}
