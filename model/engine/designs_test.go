package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/scenarios"
)

// RunDesigns shares each trial's strikes among designs with the same
// failures; every result must be byte-identical to running its design
// alone, on any number of workers. The designs differ in their warm-ups
// (retention, restore tests), in their stores, and two change a failure's
// rate, which puts them in groups of their own.
func TestRunDesignsMatchesRun(t *testing.T) {
	sets := [][]string{
		nil,
		{"backups.nightly.every=1h"},
		{"backups.nightly.retention=400d"}, // the longest warm-up: draws the strikes
		{"backups.nightly.restore_test=7d", "backups.nightly.fail=60%"},
		{"stores.bucket.tier=s3-glacier-deep-archive"},
		{"failures.bad-query.rate=5/y"},
		{"failures.bad-query.rate=5/y", "backups.weekly-pull.retention=1w"},
		{"simulate.seed=9"},
		// the same failures, but bad-query's detection differs: its draws
		// must not be shared
		{"failures.bad-query.detect=lognormal(1h, 10h)"},
	}
	var designs []*scenario.Scenario
	for _, s := range sets {
		d, err := scenario.Load(scenarios.Default, scenarios.Bundled(), append([]string{"simulate.trials=3000"}, s...))
		if err != nil {
			t.Fatal(err)
		}
		designs = append(designs, d)
	}
	alone := make([][]byte, len(designs))
	for i, d := range designs {
		r, err := Run(context.Background(), d, Options{Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		alone[i] = jsonOf(t, r)
	}
	for _, w := range []int{1, 2, 5} {
		rs, err := RunDesigns(context.Background(), designs, Options{Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rs {
			if got := jsonOf(t, r); !bytes.Equal(got, alone[i]) {
				t.Errorf("%d workers: design %d (%v) differs from its run alone", w, i, sets[i])
			}
		}
	}
	// the test is worth something only if the warm-ups differ
	warm := map[float64]bool{}
	for _, d := range designs[:5] {
		warm[compile(d).warm] = true
	}
	if len(warm) < 2 {
		t.Errorf("the designs sharing strikes all warm up alike (%v): the test does not exercise shorter warm-ups", warm)
	}
	if bytes.Equal(alone[0], alone[1]) {
		t.Errorf("designs 0 and 1 gave the same result: the test compares nothing")
	}
	// and only if some designs replay breaks another drew (shareBreaks)
	// while others draw their own: designs 0, 1 (the nightly interval does
	// not change the warm-up, set by weekly-pull) and 4 share theirs; 2
	// warms up longer and 3 tests restores more often
	var ts []*trial
	for _, d := range designs[:5] {
		m := compile(d)
		ts = append(ts, newTrial(m, newAccumulator(m)))
	}
	shareBreaks(ts)
	for i, want := range []bool{false, true, false, false, true} {
		if got := ts[i].share.from != nil; got != want {
			t.Errorf("design %d (%v) replays another's breaks: %v, want %v", i, sets[i], got, want)
		}
	}
	if ts[1].share.from != ts[0].share.log || ts[4].share.from != ts[0].share.log {
		t.Errorf("designs 1 and 4 do not replay design 0's breaks")
	}
}

func jsonOf(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
