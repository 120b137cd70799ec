package engine

import (
	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/model/units"
)

// tabulate derives, once per compiled model, the tables every trial reads:
// the warm-up, the identities that key random streams, which jobs each
// failure's searches look at, the rate at which each job's breaks are
// found and its steady state of breaks, and the chance of no arrival per
// process (nones). Nothing writes to them during a run, so every worker
// shares them.
func (m *model) tabulate() {
	m.warm = m.s.WarmupHours() // the rule the limits count too
	m.seedMix = splitmix(m.s.Simulate.Seed)
	m.maxLoss = m.rec.FailoverMaxLoss.Hours()
	for i := range m.stores {
		m.stores[i].id = hashName("store:" + m.stores[i].name)
	}
	discovery := discoveryRates(m)
	for ji := range m.jobs {
		j := &m.jobs[ji]
		j.id = hashName("job:" + j.name)
		j.discovery = discovery[ji]
		j.steady = steadyOf(j, j.discovery)
		j.none = nones(1/j.breaksPH, m.warm, m.hours)
	}
	for fi := range m.failures {
		f := &m.failures[fi]
		f.id = hashName("failure:" + f.name)
		f.looks = nil
		for ji, j := range m.jobs {
			if looksAt(m, f, j.to) {
				f.looks = append(f.looks, ji)
			}
		}
		f.none = nones(f.meanGap, m.warm, m.hours)
	}
}

// looksAt reports whether an incident of failure f that searches for a
// point looks at the points in store st: every store it could restore
// from, that is every store but the primary and those the failure hit.
func looksAt(m *model, f *failure, st int) bool {
	return st != m.primary && !f.hits[st]
}

// discoveryRates estimates, per job, the rate of incidents whose search
// looks at the job's points and so finds a break of it.
func discoveryRates(m *model) []float64 {
	rates := make([]float64, len(m.jobs))
	for fi := range m.failures {
		f := &m.failures[fi]
		if !f.hitsPrimary {
			continue
		}
		share := 1.0
		if f.kind == scenario.Outage {
			// only an outage that outlasts failover_after searches
			share = exceeds(&f.lasts, &m.rec.FailoverAfter)
		}
		for ji := range m.jobs {
			if looksAt(m, f, m.jobs[ji].to) {
				rates[ji] += share / f.meanGap
			}
		}
	}
	return rates
}

// exceeds is P(a > b) for independent a and b, on a grid of quantiles.
func exceeds(a, b *units.Dist) float64 {
	const n = 64
	k := 0
	for i := range n {
		x := a.Quantile((float64(i) + 0.5) / n)
		for j := range n {
			if x > b.Quantile((float64(j)+0.5)/n) {
				k++
			}
		}
	}
	return float64(k) / (n * n)
}

// steadyBreak is what startBreaks needs of a job's break rate b and the
// rate D at which its breaks are found (see steadyOf).
type steadyBreak struct {
	broken float64 // b/(b+D): the chance the job starts the warm-up broken
	age    float64 // 1/D: the mean age of that break; 0 when D is 0
	gap    float64 // 1/b: the mean time between breaks
}

// steadyOf is j's steadyBreak, given the rate discovery of incidents that
// look at its points; restore tests add 2/period to it.
func steadyOf(j *job, discovery float64) steadyBreak {
	d := discovery
	if j.restoreTest > 0 {
		d += 2 / j.restoreTest
	}
	s := steadyBreak{broken: j.breaksPH / (j.breaksPH + d), gap: 1 / j.breaksPH}
	if d > 0 {
		s.age = 1 / d
	}
	return s
}
