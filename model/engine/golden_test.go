package engine_test

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/costdial/costdial/internal/golden"
	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/model/sweep"
	"github.com/costdial/costdial/scenarios"
)

// TestGoldenJSON pins the JSON of a run of every example scenario, and of
// a small sweep of its dial, for a fixed seed: an optimisation of the
// engine must leave every byte as it was (refresh with -update only when
// a change of output is meant, and say why in the commit). Each is run
// with one worker and with three, which must agree byte for byte.
func TestGoldenJSON(t *testing.T) {
	all := scenarios.All()
	var names []string
	for n := range all {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		data := all[name]
		base := strings.TrimSuffix(name, ".yaml")
		t.Run(base, func(t *testing.T) {
			s, err := scenario.Load(name, data, []string{"simulate.trials=3000", "simulate.seed=7"})
			if err != nil {
				t.Fatal(err)
			}
			var runs [][]byte
			for _, w := range []int{1, 3} {
				r, err := engine.Run(context.Background(), s, engine.Options{Workers: w})
				if err != nil {
					t.Fatal(err)
				}
				runs = append(runs, marshal(t, r))
			}
			if !bytes.Equal(runs[0], runs[1]) {
				t.Errorf("run: 1 and 3 workers differ")
			}
			golden.Check(t, filepath.Join("testdata", "golden", base+"-run.json"), runs[0])

			var sweeps [][]byte
			for _, w := range []int{1, 3} {
				sw, err := sweep.Run(context.Background(), name, data, []string{"simulate.trials=500", "simulate.seed=7"},
					sweep.Axes(s, nil), sweep.Options{Engine: engine.Options{Workers: w}})
				if err != nil {
					t.Fatal(err)
				}
				sweeps = append(sweeps, marshal(t, sw))
			}
			if !bytes.Equal(sweeps[0], sweeps[1]) {
				t.Errorf("sweep: 1 and 3 workers differ")
			}
			golden.Check(t, filepath.Join("testdata", "golden", base+"-sweep.json"), sweeps[0])
		})
	}
}

func marshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return append(b, '\n')
}
