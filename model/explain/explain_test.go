package explain

import (
	"context"
	"math"
	"slices"
	"sync"
	"testing"

	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/scenarios"
)

func saas(t *testing.T, sets ...string) *scenario.Scenario {
	t.Helper()
	s, err := scenario.Load("small-saas.yaml", scenarios.Bundled(), sets)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// every service incident of a run, in trial and time order
func allIncidents(t *testing.T, s *scenario.Scenario) []key {
	var mu sync.Mutex
	var all []key
	_, err := engine.Run(context.Background(), s, engine.Options{Observe: func(r *engine.TrialRecord) {
		mu.Lock()
		defer mu.Unlock()
		for i, inc := range r.Incidents {
			all = append(all, key{r.Trial, i, inc})
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(all, less(false, ByRPO))
	return all
}

// The picks are the first or the worst incidents of the run, as a plain
// observer of the same run sees them, with the same figures.
func TestPick(t *testing.T) {
	s := saas(t, "simulate.trials=20000")
	all := allIncidents(t, s)
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"first", Options{N: 3}},
		{"first ransomware", Options{N: 2, Failure: "ransomware"}},
		{"worst", Options{N: 4, Worst: true}},
		{"worst bad-query", Options{N: 3, Worst: true, Failure: "bad-query"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Pick(context.Background(), s, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			checkPicks(t, p, tc.opts, all, less(tc.opts.Worst, ByRPO))
		})
	}
}

// checkPicks checks that p, picked with opts, told the first of all
// (every incident of the run) of the failure asked for, ordered by cmp,
// each with its detail and the incidents of its trial before it.
func checkPicks(t *testing.T, p *Picked, opts Options, all []key, cmp func(a, b key) int) {
	t.Helper()
	var want []key
	for _, k := range all {
		if opts.Failure == "" || k.inc.Failure == opts.Failure {
			want = append(want, k)
		}
	}
	slices.SortStableFunc(want, cmp)
	if p.Matching != int64(len(want)) {
		t.Errorf("matching %d, want %d", p.Matching, len(want))
	}
	if len(p.Told) != opts.N {
		t.Fatalf("told %d, want %d", len(p.Told), opts.N)
	}
	for i, told := range p.Told {
		w := want[i]
		got := told.Incident
		got.Detail = nil
		if told.Trial != w.trial || told.Seq != w.seq || got != w.inc {
			t.Errorf("pick %d: trial %d #%d %+v, want trial %d #%d %+v", i, told.Trial, told.Seq, got, w.trial, w.seq, w.inc)
		}
		if told.Incident.Detail == nil || len(told.Earlier) != told.Seq {
			t.Errorf("pick %d: no detail, or %d earlier incidents for #%d", i, len(told.Earlier), told.Seq)
		}
	}
}

// The same seed tells the same incidents on any number of cores; an
// unknown failure is refused.
func TestPickDeterministic(t *testing.T) {
	s := saas(t, "simulate.trials=10000")
	a, _ := Pick(context.Background(), s, Options{N: 3, Worst: true, Engine: engine.Options{Workers: 1}})
	b, _ := Pick(context.Background(), s, Options{N: 3, Worst: true, Engine: engine.Options{Workers: 4}})
	for i := range a.Told {
		if a.Told[i].Trial != b.Told[i].Trial || a.Told[i].Incident.RPO != b.Told[i].Incident.RPO {
			t.Errorf("pick %d differs between 1 and 4 workers", i)
		}
	}
	if _, err := Pick(context.Background(), s, Options{Failure: "meteor"}); err == nil {
		t.Error("an unknown failure was accepted")
	}
}

// --percentile picks the incidents nearest the run's own percentile, of
// data lost or of downtime, as a plain observer of the same run ranks
// them; when total losses reach the percentile, it tells total losses.
func TestPickPercentile(t *testing.T) {
	s := saas(t, "simulate.trials=20000")
	all := allIncidents(t, s)
	for _, tc := range []struct {
		name string
		opts Options
		loss bool // the percentile is a total loss
	}{
		{"p95 of data lost", Options{N: 3, Percentile: 95}, false},
		{"p90 of downtime", Options{N: 2, Percentile: 90, By: ByRTO}, false},
		{"p50 of ransomware's data lost", Options{N: 2, Percentile: 50, Failure: "ransomware"}, false},
		// 1.5% of ransomware incidents are total losses: its p99 is one
		{"p99 of ransomware's data lost", Options{N: 2, Percentile: 99, Failure: "ransomware"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Pick(context.Background(), s, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			by := tc.opts.By
			if by == "" {
				by = ByRPO
			}
			if want := tailOf(p.Result, p.Options).Quantile(tc.opts.Percentile / 100); p.At != want || math.IsInf(want, 1) != tc.loss {
				t.Errorf("picked around %v, the run's percentile is %v (a total loss: want %v)", p.At, want, tc.loss)
			}
			checkPicks(t, p, tc.opts, all, nearest(p.At, by))
			for i, told := range p.Told {
				v := value(told.Incident, by)
				if math.IsInf(p.At, 1) != math.IsInf(v, 1) || !math.IsInf(v, 1) && math.Abs(v-p.At) > 0.05*p.At+0.1 {
					t.Errorf("pick %d: %v, far from the percentile %v", i, v, p.At)
				}
			}
		})
	}
}
