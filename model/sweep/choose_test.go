package sweep

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/costdial/costdial/model/scenario"
)

// options reads testdata/options.yaml: a fire takes the live data and the
// copy beside it 1 in 20 years; "today" keeps only that copy, "far" and
// "other" each switch on a copy out of the fire's reach, and "faster"
// sets a field of far while it is off. Disk deaths (2/y) restore the
// nearby copy and lose U(0, 24h), within the 24h RPO. So the fire's total
// losses are 0.05/2.05 = 2.4% of incidents, too few for the p95 to see:
// "today" meets its RPO and RTO, and only the total-loss target (1 in 500
// years) says it fails, by a factor of 25.
func options(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/options.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestChooseAlternatives(t *testing.T) {
	data := options(t)
	// the far copy's price turns: with "today", "other" or "faster", far
	// is off and the two prices make the same design
	prices := []Axis{{Set: "stores.far.price", Values: []string{"$0.02/GiB-month", "$0.04/GiB-month"}, From: "--dial"}}
	axes := axesOf(t, string(data), prices)
	ran := 0
	sw, err := Run(context.Background(), "options.yaml", data, nil, axes, Options{Progress: func(_, n int, _ string) { ran = n }})
	if err != nil {
		t.Fatal(err)
	}
	var labels []string
	for _, p := range sw.Points {
		labels = append(labels, p.Label)
	}
	want := "today price=$0.02/GiB-month|today price=$0.04/GiB-month|far price=$0.02/GiB-month|far price=$0.04/GiB-month|" +
		"other price=$0.02/GiB-month|other price=$0.04/GiB-month|faster price=$0.02/GiB-month|faster price=$0.04/GiB-month"
	if got := strings.Join(labels, "|"); got != want {
		t.Errorf("labels\n%s\nwant\n%s", got, want)
	}
	if p := sw.Points[4]; p.Set["stores.far2.enabled"] != "true" || p.Set["stores.far.price"] != "$0.02/GiB-month" || p.Set["stores.far2.price"] != "$0.03/GiB-month" {
		t.Errorf("#5 sets %v; want its option's field, the price and the pinned price", p.Set)
	}
	for i, same := range []int{0, 1, 0, 0, 0, 5, 1, 1} {
		p := sw.Points[i]
		switch {
		case same == 0 && p.SameAs != nil:
			t.Errorf("#%d: the same as #%d, want a design of its own", i+1, *p.SameAs)
		case same != 0 && (p.SameAs == nil || *p.SameAs != same || p.Result != sw.Points[same-1].Result || p.Pareto):
			t.Errorf("#%d: same as %v, pareto %v; want the same as #%d, sharing its result, off the front", i+1, p.SameAs, p.Pareto, same)
		}
	}
	if ran != 4 {
		t.Errorf("%d designs run, want 4 (8 less 4 the same as others)", ran)
	}
	today := sw.Points[0]
	if !today.Result.Targets.Pass || today.MeetsTargets || today.Result.TotalLoss.PerYear < 0.03 {
		t.Errorf("today: RPO and RTO met %v, meets %v, total losses %g a year; want the percentile blind to 1 in 20 years and the design failing",
			today.Result.Targets.Pass, today.MeetsTargets, today.Result.TotalLoss.PerYear)
	}
	// the cheapest design is never the cheapest meeting the targets: far
	// at its own price is
	if sw.CheapestOverall() != 0 || sw.Cheapest == nil || *sw.Cheapest != 2 {
		t.Errorf("cheapest overall %d, cheapest meeting %v; want 0 and 2 (far at $0.02)", sw.CheapestOverall(), sw.Cheapest)
	}
	// the front sees total losses: far costs more than today for the same
	// RPO and RTO, and is on it because it loses nothing
	if !today.Pareto || !sw.Points[2].Pareto || sw.Points[3].Pareto {
		t.Errorf("front: today %v, far $0.02 %v, far $0.04 %v; want on, on, off", today.Pareto, sw.Points[2].Pareto, sw.Points[3].Pareto)
	}
	if sw.AsWritten == nil || *sw.AsWritten != 0 {
		t.Errorf("as written %v, want today at the file's price (index 0)", sw.AsWritten)
	}
	// a target no run can show: nothing meets it, and the closest is a
	// design without total losses
	sw, err = Run(context.Background(), "options.yaml", data, []string{"service.targets.total_loss=1/1000000y"}, axes, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sw.Cheapest != nil {
		t.Errorf("cheapest meeting %d, want none", *sw.Cheapest)
	}
	if c := sw.Closest(); sw.Points[c].Result.TotalLoss.Count != 0 {
		t.Errorf("closest #%d has %d total losses; want one of the designs without", c+1, sw.Points[c].Result.TotalLoss.Count)
	}
}

// Column names tell every axis apart with as few segments as they can.
func TestNames(t *testing.T) {
	for _, tc := range []struct {
		paths []string // "" for an axis of alternatives
		want  string
	}{
		{[]string{"backups.nightly.every", "stores.bucket.tier"}, "every tier"},
		{[]string{"stores.bucket.price", "stores.nas.price"}, "bucket.price nas.price"},
		{[]string{"stores.a.price", "backups.a.price", "stores.b.tier"}, "stores.a.price backups.a.price tier"},
		{[]string{"", "stores.a.price", ""}, "option price option-2"},
	} {
		var axes []Axis
		for _, p := range tc.paths {
			a := Axis{Set: p, Values: []string{"x", "y"}}
			if p == "" {
				a = Axis{Values: []string{"x"}, Choose: []scenario.Choice{{Name: "x"}}}
			}
			axes = append(axes, a)
		}
		got := strings.ReplaceAll(strings.Join(Names(axes), " "), "option 2", "option-2")
		if got != tc.want {
			t.Errorf("%v: %q, want %q", tc.paths, got, tc.want)
		}
	}
}

// Two axes may not set the same field, an option's or not.
func TestChooseConflicts(t *testing.T) {
	extra := []Axis{{Set: "stores.far.enabled", Values: []string{"true", "false"}, From: "--dial"}}
	_, err := Run(context.Background(), "options.yaml", options(t), nil, axesOf(t, string(options(t)), extra), Options{})
	if err == nil || !strings.Contains(err.Error(), "stores.far.enabled is turned by two axes") {
		t.Errorf("error %v, want stores.far.enabled turned by two axes", err)
	}
}
