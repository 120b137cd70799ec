package scenario

import "github.com/costdial/costdial/model/units"

// MaxWarmupHours caps the warm-up: two years. Longer retentions and
// detections are warmed up only this far (docs/model.md).
const MaxWarmupHours = 2 * 8760.0

// WarmupHours is how long (hours) the engine plays each trial of the
// design before its measured span, so that the state an incident sees has
// forgotten the empty start: as long as every point a job keeps reaches
// back (its interval, duration and retention; an incremental chain a full
// interval more), every break a restore test ends (the test's period plus
// fix), and detection of logical damage (its 99.9th percentile), capped at
// MaxWarmupHours. Parts switched off do not count. The engine plays it and
// the limits count it.
func (s *Scenario) WarmupHours() float64 {
	a := s.Active()
	w := 0.0
	for _, b := range a.Backups {
		every := b.Every.Hours()
		if b.Kind == Replica {
			every = 0
		}
		memory := every + b.Duration.Hours() + b.Retention.Hours()
		if b.Kind == Incremental {
			memory += b.FullEvery.Hours()
		}
		w = max(w, memory)
		if b.Breaks.PerHour() > 0 && b.RestoreTest.Hours() > 0 {
			w = max(w, b.RestoreTest.Hours()+b.Fix.Hours())
		}
	}
	for _, f := range a.Failures {
		if q := f.Detect.Quantile(0.999); f.Kind == Logical && q > w { // (not NaN: a bad distribution is reported elsewhere)
			w = q
		}
	}
	return min(w, MaxWarmupHours)
}

// playedYears is the span (years) the engine plays in each trial: the
// warm-up, then the measured span.
func (s *Scenario) playedYears() float64 {
	return s.Simulate.Years + s.WarmupHours()/units.Year.Hours()
}
