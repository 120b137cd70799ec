package engine

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/costdial/costdial/model/scenario"
)

// copyChain is a scenario whose primary is copied to s0, s0 to s1, and so
// on to s(n-1): a chain of n stores, every one a place a disk failure of
// the primary looks for a point.
func copyChain(n int) string {
	var b strings.Builder
	b.WriteString("stores:\n  - {name: live, primary: true, domain: host}\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {name: s%d, restore: 1TB/s}\n", i)
	}
	b.WriteString("backups:\n  - {name: c0, to: s0, every: 24h, retention: 7d}\n")
	for i := 1; i < n; i++ {
		fmt.Fprintf(&b, "  - {name: c%d, from: s%d, to: s%d, every: 24h, retention: 7d}\n", i, i-1, i)
	}
	b.WriteString("failures:\n  - {name: disk, kind: destroy, rate: 20/y, hits: host}\n")
	return b.String()
}

// Issue 23.18: the search of an incident over a chain of copies costs
// steps linear in the chain's length. The incident asks every store of the
// chain; store h's newest point is its copier's run over store h-1, whose
// answer the store above asked for a moment before. Remembered for the
// whole search, each store is walked once per run time asked (a walk of a
// few runs); remembered only for one store's question, every store
// re-walks the chain below it, n*n/2 walks for the n stores. Doubling the
// chain then doubles the steps per incident, where it quadrupled them.
func TestCopyChainSearchLinear(t *testing.T) {
	perIncident := func(n int) float64 {
		s := load(t, copyChain(n), "simulate.trials=1", "simulate.years=5")
		tr := playOne(s)
		return float64(tr.search.steps) / float64(len(tr.events))
	}
	short, long := perIncident(100), perIncident(200)
	t.Logf("search steps per incident: %.0f for a chain of 100, %.0f for 200", short, long)
	if long > 2.5*short {
		t.Errorf("steps per incident grow from %.0f to %.0f when the chain doubles: want at most 2.5 times", short, long)
	}
}

// Issue 23.17: a run stops soon after its context is cancelled, even in
// the middle of a long trial, which checks it between incidents.
func TestCancelInsideATrial(t *testing.T) {
	// one trial of 400 failures at 100 a year, each looking at the points
	// of 400 jobs: about 16 million searches, seconds of work in one trial
	var b strings.Builder
	b.WriteString("stores:\n  - {name: live, primary: true, domain: host}\n")
	for i := range 400 {
		fmt.Fprintf(&b, "  - {name: s%d}\n", i)
	}
	b.WriteString("backups:\n")
	for i := range 400 {
		fmt.Fprintf(&b, "  - {name: j%d, to: s%d, fail: 99%%}\n", i, i)
	}
	b.WriteString("failures:\n")
	for i := range 400 {
		fmt.Fprintf(&b, "  - {name: f%d, kind: destroy, rate: 100/y, hits: host}\n", i)
	}
	s, err := scenario.LoadLimited("test.yaml", []byte(base+b.String()), []string{"simulate.trials=1", "simulate.years=1"},
		scenario.Limits{Work: 1e8})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(200*time.Millisecond, cancel)
	start := time.Now()
	_, err = Run(ctx, s, Options{Workers: 1})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want the context's", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("stopped %v after it began, cancelled after 200ms", d)
	}
}

// Issue 23.19: a trial's downtime is at most the trial: a provisioning
// time of up to 146 years (lognormal, median 1s) once made "down per year"
// 1.4e11 hours with availability 0. An incident's downtime counts in full
// in the trial it strikes (past the trial's end too: it stands for the
// downtime a year inherits from the one before), but a trial is down at
// most its length, so down per year is at most a year's hours and
// availability at least 0, and their means are bounded however heavy the
// tail of a delay. (The 95th percentile of 146 years makes about 9% of
// provisions outlast a trial of two years: some trials are down from their
// first such incident to their end, so availability is well below 1, but
// never below 0.)
func TestDowntimeAtMostTheTrial(t *testing.T) {
	s := load(t, `
stores:
  - {name: live, primary: true, domain: host}
  - {name: b, domain: away}
backups:
  - {name: n, to: b}
failures:
  - {name: disk, kind: destroy, rate: 3/y, hits: host}
`, "simulate.trials=400", "simulate.years=2", "recovery.provision=lognormal(1s, 146y)")
	r := run(t, s)
	year := 8760.0
	if r.Downtime.Mean > year || r.Downtime.Mean < 0 {
		t.Errorf("down %.4g hours per year, want at most %v", r.Downtime.Mean, year)
	}
	if r.Availability < 0 || r.Availability > 1 {
		t.Errorf("availability %v", r.Availability)
	}
}
