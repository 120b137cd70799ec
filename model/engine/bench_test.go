package engine

import (
	"context"
	"runtime"
	"testing"

	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/model/units"
	"github.com/costdial/costdial/scenarios"
)

// Measure both on all cores, with allocations, in one run:
//
//	go test -run '^$' -bench 'Bundled|Floor' -benchmem ./model/engine
//
// Each reports service-years per second of wall clock and per second of
// CPU time. The ratio of Floor's figure to Bundled's is the engine's cost
// over the random numbers it cannot avoid drawing; on a busy shared
// machine the CPU-time ratio is the steadier one.

func loadBundled(b *testing.B) *scenario.Scenario {
	s, err := scenario.Load(scenarios.Default, scenarios.Bundled(), []string{"simulate.trials=100000"})
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkBundled measures simulated service-years per second on the
// bundled teaching scenario, on all cores.
func BenchmarkBundled(b *testing.B) {
	s := loadBundled(b)
	b.ResetTimer()
	cpu := cpuSeconds()
	for b.Loop() {
		if _, err := Run(context.Background(), s, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	reportYears(b, float64(b.N)*float64(s.Simulate.Trials)*s.Simulate.Years, cpu)
}

// reportYears reports service-years per second of wall clock and per
// second of CPU time (all cores together) since cpu = cpuSeconds().
func reportYears(b *testing.B, years, cpu float64) {
	b.ReportMetric(years/b.Elapsed().Seconds(), "service-years/s")
	if c := cpuSeconds() - cpu; cpu > 0 && c > 0 {
		b.ReportMetric(years/c, "service-years/cpu-s")
	}
}

// BenchmarkFloor draws what the bundled scenario's trials need and does
// nothing else, on all cores, with the engine's own generator and keyed
// streams: every failure's and every break's arrivals over the warm-up and
// the trial (arrivals.of, so the same cheap test for "none"), each
// strike's key, each job's starting break state, and for every incident
// the keyed inverse-CDF draws of the distributions its kind takes (fixed
// ones cost nothing, as in the engine). It skips the searches, the state
// and the statistics.
func BenchmarkFloor(b *testing.B) {
	s := loadBundled(b)
	m := compile(s)
	trials := int64(s.Simulate.Trials)
	draws := make([][]keyedDraw, len(m.failures))
	for fi := range m.failures {
		draws[fi] = incidentDraws(m, &m.failures[fi])
	}
	b.ResetTimer()
	cpu := cpuSeconds()
	for b.Loop() {
		w := runtime.GOMAXPROCS(0)
		done := make(chan float64, w)
		for k := range w {
			go func() {
				t := newTrial(m, newAccumulator(m))
				sum := 0.0
				for i := int64(k); i < trials; i += int64(w) {
					sum += floorTrial(t, draws, i)
				}
				done <- sum
			}()
		}
		for range w {
			<-done
		}
	}
	reportYears(b, float64(b.N)*float64(trials)*s.Simulate.Years, cpu)
}

// floorTrial draws what trial index needs; the sum keeps the compiler from
// dropping the draws.
func floorTrial(t *trial, draws [][]keyedDraw, index int64) float64 {
	m := t.m
	t.seed = trialSeed(m.seedMix, index)
	sum := 0.0
	var inc incident
	for fi := range m.failures {
		f := &m.failures[fi]
		for _, s := range t.arr.of(t.seed^f.id, f.meanGap, m.warm, m.hours, f.none) {
			inc.key = strikeKey(t.seed, f.id, s.k)
			sum += s.at
			for _, d := range draws[fi] {
				sum += inc.draw(d.dist, d.purpose, 0)
			}
		}
	}
	for ji := range m.jobs {
		j := &m.jobs[ji]
		if j.breaksPH <= 0 {
			continue
		}
		st := stream{splitmix(t.seed ^ j.id ^ keyStart)}
		sum += st.next() + st.next()
		for _, s := range t.arr.of(t.seed^j.id, 1/j.breaksPH, m.warm, m.hours, j.none) {
			sum += s.at
		}
	}
	return sum
}

type keyedDraw struct {
	dist    *units.Dist
	purpose uint64
}

// incidentDraws lists the draws an incident of failure f takes on its way
// to a restore from the bundled scenario's bucket.
func incidentDraws(m *model, f *failure) []keyedDraw {
	r := &m.rec
	retr := &m.stores[1].retrieval
	switch f.kind {
	case scenario.Logical:
		return []keyedDraw{{&f.detect, drawDetect}, {&r.Decide, drawDecide}, {retr, drawRetrieval}, {&r.DNS, drawDNS}, {&r.Verify, drawVerify}}
	case scenario.Destroy:
		return []keyedDraw{{&r.Detect, drawDetect}, {&r.Decide, drawDecide}, {&r.Provision, drawProvision}, {retr, drawRetrieval}, {&r.DNS, drawDNS}, {&r.Verify, drawVerify}}
	case scenario.Outage:
		return []keyedDraw{{&f.lasts, drawLasts}, {&r.FailoverAfter, drawWait}, {&r.Provision, drawProvision}, {retr, drawRetrieval}, {&r.DNS, drawDNS}, {&r.Verify, drawVerify}}
	case scenario.Ransomware:
		return []keyedDraw{{&f.dwell, drawDwell}, {&r.Decide, drawDecide}, {&r.Provision, drawProvision}, {retr, drawRetrieval}, {&r.DNS, drawDNS}, {&r.Verify, drawVerify}}
	}
	return nil
}
