package report

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/model/sweep"
	"github.com/costdial/costdial/scenarios"
)

// TestCurveDesigns checks which designs of a sweep get a curve on the
// distribution charts, and the roles each is named with.
func TestCurveDesigns(t *testing.T) {
	costs := func(v ...float64) []float64 { return v }
	d := func(i int, roles ...string) CurveDesign { return CurveDesign{Index: i, Roles: roles} }
	seven := costs(468, 284, 148, 129, 123, 102, 92.11)
	fifteen := make([]float64, 15)
	for i := range fifteen {
		fifteen[i] = float64(500 - 30*i)
	}
	for _, tc := range []struct {
		name                 string
		costs                []float64
		chosen, cheap, least int
		want                 []CurveDesign
	}{
		{"two designs, one doing every job: both drawn (ransomware-immutable)", costs(102.4, 102.6), 0, 0, 0,
			[]CurveDesign{d(0, "recommended", "cheapest", "least cost with risk"), d(1)}},
		{"every design costs the same: none is called cheapest (replica-is-not-a-backup)", costs(350, 350, 350), 2, 0, 2,
			[]CurveDesign{d(0), d(1), d(2, "recommended", "least cost with risk")}},
		{"costs equal to the cent tie", costs(10.001, 10.004, 20), 1, 0, 1,
			[]CurveDesign{d(0), d(1, "recommended", "least cost with risk"), d(2)}},
		{"six designs: all drawn, in table order", costs(6, 5, 4, 3, 2, 1), 3, 5, 0,
			[]CurveDesign{d(0, "least cost with risk"), d(1), d(2), d(3, "recommended"), d(4), d(5, "cheapest")}},
		{"seven designs: all drawn (cold-archive)", seven, 2, 6, 2,
			[]CurveDesign{d(0), d(1), d(2, "recommended", "least cost with risk"), d(3), d(4), d(5), d(6, "cheapest")}},
		{"eight designs: the recommended, the cheapest and the least with risk", append(seven, 80), 2, 7, 2,
			[]CurveDesign{d(2, "recommended", "least cost with risk"), d(7, "cheapest")}},
		{"fifteen designs, three distinct roles (small-saas)", fifteen, 10, 14, 1,
			[]CurveDesign{d(10, "recommended"), d(14, "cheapest"), d(1, "least cost with risk")}},
		{"fifteen designs, one design in every role", fifteen, 14, 14, 14,
			[]CurveDesign{d(14, "recommended", "cheapest", "least cost with risk")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := CurveDesigns(tc.costs, tc.chosen, tc.cheap, tc.least)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestLessonCurvesAreDrawn runs the two sweeps whose lesson is a design
// that fails and checks that their distribution charts name every design,
// with the share at which a curve with total losses ends: the unlocked
// store ransomware reaches, the replica that copies the bad migration.
func TestLessonCurvesAreDrawn(t *testing.T) {
	for _, file := range []string{"ransomware-immutable.yaml", "replica-is-not-a-backup.yaml"} {
		t.Run(file, func(t *testing.T) {
			data := scenarios.All()[file]
			sets := []string{trials}
			s, err := scenario.Load(file, data, sets)
			if err != nil {
				t.Fatal(err)
			}
			sw, err := sweep.Run(context.Background(), file, data, sets, sweep.Axes(s, nil), sweep.Options{})
			if err != nil {
				t.Fatal(err)
			}
			charts, err := SweepCharts(s, sw)
			if err != nil {
				t.Fatal(err)
			}
			// the lesson: at least one design loses everything in more
			// than 1% of incidents (the figures in the README are far larger)
			worst := 0.0
			for _, p := range sw.Points {
				worst = max(worst, lostShare(p.Result.RPO))
			}
			if worst < 0.01 {
				t.Errorf("no design loses everything in more than 1%% of incidents (worst %g): the lesson is gone", worst)
			}
			for _, c := range charts {
				if c.Name != "rpo-cdf" && c.Name != "rto-cdf" {
					continue
				}
				if c.Chart == nil {
					t.Fatalf("%s not drawn: %s", c.Name, c.Empty)
				}
				if !strings.Contains(c.Caption, "every design") {
					t.Errorf("%s caption %q does not say every design is drawn", c.Name, c.Caption)
				}
				svg, err := c.Chart.InlineSVG(c.Caption)
				if err != nil {
					t.Fatal(err)
				}
				for i, p := range sw.Points {
					label := fmt.Sprintf("#%d %s", i+1, p.Label)
					at := strings.Index(string(svg), label)
					if at < 0 {
						t.Errorf("%s: no curve for %q", c.Name, label)
						continue
					}
					entry, _, _ := strings.Cut(string(svg[at:]), "</text>")
					if lost := lostShare(p.Result.RPO); lost > 0 && !strings.Contains(entry, "(ends at ") {
						t.Errorf("%s: %q has %g total losses, but its legend entry does not say where it ends: %q", c.Name, label, lost, entry)
					}
				}
			}
		})
	}
}
