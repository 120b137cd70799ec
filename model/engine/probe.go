package engine

import (
	"fmt"
	"math"

	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/model/units"
)

// Probe plays one incident of the named failure at each of n moments
// spread evenly over the cycle of the design's schedules (the least
// common multiple of its jobs' intervals and incremental cycles, capped
// at 64 times the longest), each on a quiet trial: no earlier incident,
// no break and no failed run, and every runbook step, retrieval delay,
// lag, detection, outage and dwell at its mean. Each incident is resolved
// by the engine's own handlers, so the point it restores is the one a run
// would choose in that state (the newest, ties to the fastest restore),
// and each carries its Detail (what every store offered, the runbook
// steps). The audit uses it to judge the restore the runbook takes rather
// than the fastest one that exists.
func Probe(s *scenario.Scenario, failure string, n int) ([]Incident, error) {
	m := compile(quiet(s))
	fi := -1
	for i := range m.failures {
		if m.failures[i].name == failure {
			fi = i
		}
	}
	if fi < 0 {
		return nil, fmt.Errorf("engine: no failure named %q", failure)
	}
	t := newTrial(m, nil)
	cycle := scheduleCycle(m.s)
	out := make([]Incident, 0, n)
	for i := range n {
		at := (float64(i) + 0.5) / float64(n) * cycle
		t.start(0) // nothing wiped or damaged, no break (none are drawn)
		var inc incident
		inc.f, inc.at, inc.own = &m.failures[fi], at, math.NaN()
		inc.tr = &tracer{Detail{Entry: at, Detected: at}}
		t.handle(&inc)
		rec := incidentOf(&inc)
		m.restoredFrom(&rec, &inc.out)
		out = append(out, rec)
	}
	return out, nil
}

// quiet is s as it runs with no job failing or breaking and every
// distribution fixed at its mean.
func quiet(s *scenario.Scenario) *scenario.Scenario {
	q := *s.Active()
	mean := func(d *units.Dist) {
		*d = units.FixedDist(units.FromHours(d.Mean()))
	}
	q.Stores = append([]scenario.Store(nil), q.Stores...)
	for i := range q.Stores {
		mean(&q.Stores[i].Retrieval)
	}
	q.Backups = append([]scenario.Backup(nil), q.Backups...)
	for i := range q.Backups {
		b := &q.Backups[i]
		b.Fail, b.Breaks = 0, 0
		mean(&b.Lag)
	}
	q.Failures = append([]scenario.Failure(nil), q.Failures...)
	for i := range q.Failures {
		f := &q.Failures[i]
		mean(&f.Detect)
		mean(&f.Lasts)
		mean(&f.Dwell)
	}
	r := &q.Recovery
	for _, d := range []*units.Dist{&r.Detect, &r.Decide, &r.Provision, &r.FailoverAfter, &r.DNS, &r.Verify} {
		mean(d)
	}
	return &q
}

// scheduleCycle is the span (hours) after which the schedules of s repeat:
// the least common multiple of every job's interval (a whole incremental
// cycle for an incremental job), capped at 64 times the longest, beyond
// which the moments Probe spreads over it see every phase closely enough.
func scheduleCycle(s *scenario.Scenario) float64 {
	var lcm, longest uint64
	for _, b := range s.Backups {
		if b.Kind == scenario.Replica || b.Every <= 0 {
			continue
		}
		p := uint64(b.Every)
		if b.Kind == scenario.Incremental {
			p *= uint64(max(1, math.Round(float64(b.FullEvery)/float64(b.Every))))
		}
		longest = max(longest, p)
		if lcm == 0 {
			lcm = p
			continue
		}
		g := gcd(lcm, p)
		if lcm/g > math.MaxUint64/p {
			lcm = math.MaxUint64 // overflows: capped below
			continue
		}
		lcm = lcm / g * p
	}
	if longest == 0 {
		return units.Day.Hours() // replicas only: no schedule to cycle over
	}
	if lcm/64 > longest {
		lcm = 64 * longest
	}
	return units.Duration(lcm).Hours()
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
