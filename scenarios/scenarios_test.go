package scenarios_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/scenarios"
)

func TestBundled(t *testing.T) {
	if _, err := scenario.Load(scenarios.Default, scenarios.Bundled(), nil); err != nil {
		t.Fatal(err)
	}
	if len(scenarios.All()) < 6 {
		t.Errorf("%d example scenarios, want at least 6", len(scenarios.All()))
	}
}

func run(t *testing.T, name string, data []byte, sets ...string) *engine.Result {
	t.Helper()
	s, err := scenario.Load(name, data, append([]string{"simulate.trials=20000"}, sets...))
	if err != nil {
		t.Fatal(err)
	}
	r, err := engine.Run(context.Background(), s, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Every file in this folder is validated and run, and its result obeys
// the invariants every result must.
func TestEveryScenario(t *testing.T) {
	files, _ := filepath.Glob("*.yaml")
	if len(files) == 0 {
		t.Fatal("no scenarios found")
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			s, err := scenario.Load(f, data, nil)
			if err != nil {
				t.Fatal(err)
			}
			if s.Description == "" || len(s.Dial) == 0 {
				t.Errorf("every example explains itself and has a dial to turn")
			}
			r := run(t, f, data)
			checkInvariants(t, r)
			// more frequent backups never lose more data
			for _, b := range s.Backups {
				if b.Kind == scenario.Replica {
					continue
				}
				half := (b.Every / 2).String()
				sets := []string{fmt.Sprintf("backups.%s.every=%s", b.Name, half)}
				if b.Kind == scenario.Incremental {
					sets = append(sets, fmt.Sprintf("backups.%s.full_every=%s", b.Name, b.FullEvery))
				}
				faster := run(t, f, data, sets...)
				checkInvariants(t, faster)
				se := math.Hypot(r.RPO.MeanCI95[1]-r.RPO.MeanCI95[0], faster.RPO.MeanCI95[1]-faster.RPO.MeanCI95[0]) / 1.96 / 2
				if faster.RPO.Mean > r.RPO.Mean+3*se {
					t.Errorf("%s every %s: mean RPO %.4g h, more than %.4g h at every %s", b.Name, half, faster.RPO.Mean, r.RPO.Mean, b.Every)
				}
			}
		})
	}
}

func checkInvariants(t *testing.T, r *engine.Result) {
	t.Helper()
	for name, s := range map[string]engine.Summary{"RPO": r.RPO, "RTO": r.RTO} {
		if s.Count > 0 && !(0 <= s.P50 && s.P50 <= s.P90 && s.P90 <= s.P95 && s.P95 <= s.P99 && s.P99 <= s.Max) {
			t.Errorf("%s percentiles out of order or negative: %+v", name, s)
		}
		if s.Mean < 0 || s.MeanCI95[0] > s.Mean || s.Mean > s.MeanCI95[1] {
			t.Errorf("%s mean %v outside its interval %v", name, s.Mean, s.MeanCI95)
		}
	}
	if r.Availability < 0 || r.Availability > 1 {
		t.Errorf("availability %v outside [0, 1]", r.Availability)
	}
	if r.TotalLoss.PerYear < 0 || r.TotalLoss.CI95[0] > r.TotalLoss.PerYear || r.TotalLoss.PerYear > r.TotalLoss.CI95[1] {
		t.Errorf("total loss %+v", r.TotalLoss)
	}
	if r.Targets.RPOMet < 0 || r.Targets.RPOMet > 1 || r.Targets.RTOMet < 0 || r.Targets.RTOMet > 1 {
		t.Errorf("targets met fractions out of range: %+v", r.Targets)
	}
	c := r.Cost
	if c.Monthly < 0 || c.Penalty < 0 || math.Abs(c.Total-(c.Monthly+c.Penalty)) > 1e-3 {
		t.Errorf("cost does not add up: %+v", c)
	}
}

// The scenario shown in the README is valid.
func TestReadmeScenario(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(readme), "```yaml\n")
	if !ok {
		t.Fatal("README has no yaml block")
	}
	block, _, _ := strings.Cut(rest, "```")
	if _, err := scenario.Load("README.md", []byte(block), nil); err != nil {
		t.Errorf("README scenario does not load:\n%v", err)
	}
}

// Every lesson whose lesson is a catastrophe shows its failing design
// failing its total-loss target, and the design the lesson leads to
// meeting it where it can: the second disk in the same server (and in
// the office across town), the replica without delay (a day's delay
// still loses a bad migration found late, 1 in about 45 years, against 1
// in 1,000), the store ransomware can reach (and the one it cannot).
func TestLessonsFailTheirTotalLossTarget(t *testing.T) {
	for _, tc := range []struct {
		file      string
		failing   []string
		succeeds  []string // nil: no design of the dial meets it
		wantShare float64  // the least share of the failing design's incidents that are total losses
	}{
		{"shared-domain.yaml", nil, []string{"stores.second-disk.domain=offsite"}, 0.05},
		{"replica-is-not-a-backup.yaml", nil, nil, 0.5},
		{"ransomware-immutable.yaml", []string{"stores.locked.immutable=false"}, []string{"stores.locked.immutable=true"}, 0.04},
	} {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(tc.file)
			if err != nil {
				t.Fatal(err)
			}
			lossGoal := func(r *engine.Result) engine.Goal {
				for _, g := range r.Goals {
					if g.Kind == engine.GoalTotalLoss {
						return g
					}
				}
				t.Fatalf("%s has no total-loss target", tc.file)
				return engine.Goal{}
			}
			r := run(t, tc.file, data, append([]string{"simulate.trials=3000"}, tc.failing...)...)
			if g := lossGoal(r); g.Verdict != engine.Missed || r.Pass {
				t.Errorf("%v: total-loss goal %+v, pass %v; want missed", tc.failing, g, r.Pass)
			}
			if share := 1 - r.RPO.RestoredShare(); share < tc.wantShare {
				t.Errorf("%v: %.3g of incidents are total losses, want at least %g: the lesson is gone", tc.failing, share, tc.wantShare)
			}
			if tc.succeeds != nil {
				if g := lossGoal(run(t, tc.file, data, append([]string{"simulate.trials=3000"}, tc.succeeds...)...)); g.Verdict != engine.Met {
					t.Errorf("%v: total-loss goal %+v; want met", tc.succeeds, g)
				}
			}
		})
	}
}
