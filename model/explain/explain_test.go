package explain

import (
	"context"
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
	slices.SortFunc(all, less(false))
	return all
}

// The picks are the first or the worst incidents of the run, as a plain
// observer of the same run sees them, with the same figures.
func TestPick(t *testing.T) {
	s := saas(t, "simulate.trials=20000")
	all := allIncidents(t, s)
	for _, tc := range []struct {
		name    string
		opts    Options
		failure string
	}{
		{"first", Options{N: 3}, ""},
		{"first ransomware", Options{N: 2, Failure: "ransomware"}, "ransomware"},
		{"worst", Options{N: 4, Worst: true}, ""},
		{"worst bad-query", Options{N: 3, Worst: true, Failure: "bad-query"}, "bad-query"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want []key
			for _, k := range all {
				if tc.failure == "" || k.inc.Failure == tc.failure {
					want = append(want, k)
				}
			}
			slices.SortStableFunc(want, less(tc.opts.Worst))
			p, err := Pick(context.Background(), s, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if p.Matching != int64(len(want)) {
				t.Errorf("matching %d, want %d", p.Matching, len(want))
			}
			if len(p.Told) != tc.opts.N {
				t.Fatalf("told %d, want %d", len(p.Told), tc.opts.N)
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
		})
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
