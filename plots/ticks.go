package plots

import (
	"math"
	"strconv"

	"github.com/costdial/costdial/internal/numfmt"
	"gonum.org/v1/plot"
)

// What an axis measures, which decides how its ticks read.
type quantity int

const (
	hoursAxis quantity = iota // durations, in hours
	moneyAxis                 // amounts of money
	shareAxis                 // fractions of incidents, shown as percentages
)

// ticks marks an axis at values a person would choose (1, 2, 5 times a
// power of ten; on duration axes 1 min, 10 min, 1 h, 1 d, 1 w and so on)
// and labels them in the axis's unit. extra ticks (a floor standing for
// zero, a "total loss" level) are added as they are.
type ticks struct {
	q        quantity
	log      bool
	currency string
	extra    []plot.Tick
	cut      float64 // if > 0, no computed tick above it (a "total loss" level is drawn there)
}

// Ticks returns the major and minor ticks between min and max; on a log
// axis these are log10 of the values.
func (t ticks) Ticks(min, max float64) []plot.Tick {
	if t.log {
		out := t.ticks(math.Pow(10, min), math.Pow(10, max))
		for i := range out {
			out[i].Value = math.Log10(out[i].Value)
		}
		return out
	}
	return t.ticks(min, max)
}

// ticks returns the ticks between the values min and max.
func (t ticks) ticks(min, max float64) []plot.Tick {
	var out []plot.Tick
	switch {
	case !(max > min) || !finite(min) || !finite(max):
	case t.log && t.q == hoursAxis:
		out = durationLogTicks(min, max)
	case t.log:
		out = logTicks(min, max, t.label)
	case t.q == hoursAxis:
		out = durationLinearTicks(min, max)
	default:
		out = linearTicks(min, max, t.label)
	}
	if t.cut > 0 {
		kept := out[:0]
		for _, o := range out {
			if o.Value <= t.cut {
				kept = append(kept, o)
			}
		}
		out = kept
	}
	for _, e := range t.extra {
		if e.Value >= min && e.Value <= max {
			// an extra tick replaces a computed one too close to it
			kept := out[:0]
			for _, o := range out {
				if !near(o.Value, e.Value, min, max, t.log) || o.Label == "" {
					kept = append(kept, o)
				}
			}
			out = append(kept, e)
		}
	}
	return out
}

// near reports whether a and b are within 4% of the axis of each other.
func near(a, b, min, max float64, log bool) bool {
	if log {
		return math.Abs(math.Log(a/b)) < 0.04*math.Log(max/min)
	}
	return math.Abs(a-b) < 0.04*(max-min)
}

func (t ticks) label(v float64) string {
	switch t.q {
	case moneyAxis:
		return numfmt.Money(t.currency, v)
	case shareAxis:
		return strconv.FormatFloat(numfmt.RoundSig(v*100, 3), 'f', -1, 64) + "%"
	}
	return duration(v)
}

// linearTicks marks every 1, 2 or 5 times a power of ten, about six labels.
func linearTicks(min, max float64, label func(float64) string) []plot.Tick {
	step := niceStep((max - min) / 6)
	var out []plot.Tick
	minor := step / 2
	for i := math.Ceil(min / minor); i*minor <= max+minor*1e-9; i++ {
		v := i * minor
		if math.Mod(i, 2) == 0 {
			out = append(out, plot.Tick{Value: v, Label: label(roundTo(v, step))})
		} else {
			out = append(out, plot.Tick{Value: v})
		}
	}
	return out
}

// niceStep is the least of 1, 2, 5 times a power of ten at least raw.
func niceStep(raw float64) float64 {
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw*(1-1e-9) {
			return m * mag
		}
	}
	return 10 * mag
}

// logTicks marks 1, 2 and 5 times each power of ten, labelling all three
// over up to three decades and only the powers of ten beyond.
func logTicks(min, max float64, label func(float64) string) []plot.Tick {
	decades := math.Log10(max / min)
	var out []plot.Tick
	for e := math.Floor(math.Log10(min)); e <= math.Ceil(math.Log10(max)); e++ {
		for _, m := range []float64{1, 2, 5} {
			v := m * math.Pow(10, e)
			if v < min*(1-1e-9) || v > max*(1+1e-9) {
				continue
			}
			t := plot.Tick{Value: v}
			if m == 1 && (decades <= 7 || int(e)%2 == 0) || decades <= 3 {
				t.Label = label(v)
			}
			out = append(out, t)
		}
	}
	return out
}

// Durations a person would mark on a log axis, in hours; the major ones
// are labelled when there are too many to label all.
var (
	niceDurations = []float64{
		1.0 / 3600, 2.0 / 3600, 5.0 / 3600, 10.0 / 3600, 30.0 / 3600,
		1.0 / 60, 2.0 / 60, 5.0 / 60, 10.0 / 60, 0.5,
		1, 2, 6, 12, 24, 48, 7 * 24, 14 * 24, 30 * 24, 90 * 24,
		numfmt.HoursPerYear, 2 * numfmt.HoursPerYear, 5 * numfmt.HoursPerYear, 10 * numfmt.HoursPerYear, 100 * numfmt.HoursPerYear,
	}
	majorDurations = map[float64]bool{
		1.0 / 3600: true, 10.0 / 3600: true, 1.0 / 60: true, 10.0 / 60: true,
		1: true, 6: true, 24: true, 7 * 24: true, 30 * 24: true, numfmt.HoursPerYear: true, 10 * numfmt.HoursPerYear: true, 100 * numfmt.HoursPerYear: true,
	}
)

func durationLogTicks(min, max float64) []plot.Tick {
	var in []float64
	for _, v := range niceDurations {
		if v >= min*(1-1e-9) && v <= max*(1+1e-9) {
			in = append(in, v)
		}
	}
	if len(in) < 2 {
		return logTicks(min, max, duration)
	}
	var out []plot.Tick
	for _, v := range in {
		t := plot.Tick{Value: v}
		if len(in) <= 9 || majorDurations[v] {
			t.Label = duration(v)
		}
		out = append(out, t)
	}
	return out
}

// durationLinearTicks marks a linear axis of hours in minutes, hours or
// days, whichever reads best for its span.
func durationLinearTicks(min, max float64) []plot.Tick {
	unit, name := 1.0, " h"
	switch {
	case max <= 2:
		unit, name = 1.0/60, " min"
	case max > 72:
		unit, name = 24, " d"
	}
	ts := linearTicks(min/unit, max/unit, func(v float64) string {
		if v == 0 {
			return "0"
		}
		return strconv.FormatFloat(v, 'f', -1, 64) + name
	})
	for i := range ts {
		ts[i].Value *= unit
	}
	return ts
}

// duration prints hours as a person would: "30 s", "10 min", "6 h", "2 d",
// "1 w", "1 y".
func duration(h float64) string {
	g := func(v float64) string { return strconv.FormatFloat(numfmt.RoundSig(v, 3), 'f', -1, 64) }
	switch {
	case h == 0:
		return "0"
	case h < 1.0/60:
		return g(h*3600) + " s"
	case h < 1:
		return g(h*60) + " min"
	case h < 48:
		return g(h) + " h"
	case h < numfmt.HoursPerYear && math.Mod(h, 7*24) == 0:
		return g(h/(7*24)) + " w"
	case h < numfmt.HoursPerYear:
		return g(h/24) + " d"
	default:
		return g(h/numfmt.HoursPerYear) + " y"
	}
}

// roundTo rounds v to the precision of step, so 0.30000000000000004 prints
// as 0.3.
func roundTo(v, step float64) float64 {
	digits := math.Max(0, -math.Floor(math.Log10(step))+1)
	f := math.Pow(10, digits)
	return math.Round(v*f) / f
}
