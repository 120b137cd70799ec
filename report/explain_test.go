package report

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/costdial/costdial/internal/numfmt"
	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/explain"
	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/scenarios"
)

// Explain --worst on small-saas tells its worst ransomware incidents, and
// every figure the text gives is the engine's own record of that incident:
// the times, what each copy held, each runbook step, the writes lost and
// the downtime; the worst restored one loses the run's maximum.
func TestExplainWorstRansomware(t *testing.T) {
	s, err := scenario.Load("small-saas.yaml", scenarios.All()["small-saas.yaml"], nil)
	if err != nil {
		t.Fatal(err)
	}
	// the run's ransomware total losses, and the most a restored one lost,
	// from a plain observer
	losses, maxRPO := 0, 0.0
	engine.Run(context.Background(), s, engine.Options{Workers: 1, Observe: func(r *engine.TrialRecord) {
		for _, inc := range r.Incidents {
			switch {
			case inc.Failure != "ransomware":
			case inc.TotalLoss:
				losses++
			default:
				maxRPO = max(maxRPO, inc.RPO)
			}
		}
	}})
	// tell the worst total loss and the worst restored incident: the first
	// and the last of the losses+1 worst
	n := losses + 1
	if n > 100 {
		t.Fatalf("%d total losses: more than explain tells at once", losses)
	}
	p, err := explain.Pick(context.Background(), s, explain.Options{Failure: "ransomware", Worst: true, N: n})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := NewExplain(s, p).WriteText(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if len(p.Told) != n {
		t.Fatalf("told %d, want %d", len(p.Told), n)
	}
	blocks := strings.Split(out, "\nTrial ")
	if len(blocks) != n+1 {
		t.Fatalf("want a header and %d incidents:\n%s", n, out)
	}
	for i, told := range p.Told {
		if (i < losses) != told.Incident.TotalLoss {
			t.Errorf("told %d: total loss %v, with %d total losses in the run", i, told.Incident.TotalLoss, losses)
		}
	}
	if got := p.Told[n-1].Incident.RPO; got != maxRPO {
		t.Errorf("the worst restored incident loses %v, the most a restored ransomware incident lost is %v", got, maxRPO)
	}
	if int64(losses) != p.Result.Failures["ransomware"].RPO.TotalLosses {
		t.Errorf("the observer counted %d total losses, the run %d", losses, p.Result.Failures["ransomware"].RPO.TotalLosses)
	}
	if !strings.Contains(out, fmt.Sprintf("The tail: %s; the p99 of data lost, total losses counted as the worst, is %s.", numfmt.Counted(int64(losses), "total loss", "total losses"), at(p.Result.Failures["ransomware"].RPO.P99))) {
		t.Errorf("header:\n%s", blocks[0])
	}
	// the engine's record of the worst total loss and the worst restored
	// incident, from a run that details only those two trials
	first, last := p.Told[0], p.Told[n-1]
	records := map[int64][]engine.Incident{}
	_, err = engine.Run(context.Background(), s, engine.Options{Detail: func(i int64) bool { return i == first.Trial || i == last.Trial },
		Observe: func(r *engine.TrialRecord) {
			if r.Trial == first.Trial || r.Trial == last.Trial {
				records[r.Trial] = append([]engine.Incident(nil), r.Incidents...)
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []int{0, n - 1} {
		told := p.Told[k]
		rec := records[told.Trial][told.Seq]
		text := blocks[k+1]
		if rec.Failure != "ransomware" || rec.RPO != told.Incident.RPO || rec.RTO != told.Incident.RTO || rec.Downtime != told.Incident.Downtime {
			t.Fatalf("told %+v, the engine recorded %+v", told.Incident, rec)
		}
		d := rec.Detail
		atClock := func(h float64, text string) string { return fmt.Sprintf("%-14s %s", clock(h), text) }
		want := []string{
			numfmt.Group(float64(told.Trial)) + ", incident",
			atClock(d.Entry, "The attacker gets in, and waits "+numfmt.Hours(rec.At-d.Entry)),
			atClock(rec.At, "The ransom note"),
		}
		for _, st := range d.Steps {
			if st.Hours > 0 || st.Name == "decide" {
				want = append(want, st.Name+"  "+strings.Repeat(" ", 9-len(st.Name))+numfmt.Hours(st.Hours))
			}
		}
		for _, c := range d.Copies {
			want = append(want, c.Store+strings.Repeat(" ", 13-len(c.Store))+copyText(c, rec))
		}
		if rec.TotalLoss {
			want = append(want, atClock(rec.At+rec.Downtime, "Back, with no data: down "+numfmt.Hours(rec.Downtime)))
		} else {
			want = append(want, atClock(rec.At+rec.Downtime, "The service is back. Writes lost: "+numfmt.Hours(rec.RPO)+" (RPO). Down: "+numfmt.Hours(rec.RTO)+" (RTO)."),
				"Restore from "+rec.Store+": the "+rec.Job+" point with data from "+clock(rec.Content))
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("incident %d lacks %q:\n%s", k+1, w, text)
			}
		}
	}
}

// An outage waited out is told with the reason the engine recorded, and
// its figures: the copies too old for failover_max_loss and the writes the
// newest would lose, no copy outside the outage, or a failover slower
// than the rest of the outage. (It used to print "A failover would take
// -3600s more" for the first.) Each design shows its reason at least
// once; some outages of it may be waited out for another.
func TestExplainWaitedOut(t *testing.T) {
	text := func(s *scenario.Scenario, d *engine.Detail) string {
		switch d.WaitedFor {
		case engine.WaitTooOld:
			limit := numfmt.Hours(s.Recovery.FailoverMaxLoss.Hours())
			if !s.IsSet("recovery.failover_max_loss") {
				limit += ", by default the RPO target"
			}
			return "No copy lies within recovery.failover_max_loss (" + limit + "): failing over to the newest, on " +
				d.FailoverStore + ", would lose " + numfmt.Hours(d.FailoverLoss) + " of writes. The service waits it out."
		case engine.WaitNoCopy:
			return "No copy outside eu-central holds a point to fail over to: the service waits it out."
		case engine.WaitSlower:
			wait := stepHours(d.Steps, "wait")
			return "Failing over to " + d.FailoverStore + " would take " + numfmt.Hours(d.Failover-wait) + " more, longer than the " +
				numfmt.Hours(d.Lasted-wait) + " left of the outage: the service waits it out."
		}
		return "It ends before the failover wait runs out: the service waits."
	}
	for _, tc := range []struct {
		name string
		sets []string
		why  string
		want string // in the text of one of them
	}{
		{"too old", []string{"service.targets.rpo=1h"}, engine.WaitTooOld, "(1h, by default the RPO target)"},
		{"too old, as set", []string{"recovery.failover_max_loss=2h"}, engine.WaitTooOld, "(2h):"},
		{"no copy", []string{"stores.bucket.domain=dc-a", "stores.nas.domain=dc-a"}, engine.WaitNoCopy, "No copy outside eu-central"},
		{"slower", []string{"recovery.provision=2d"}, engine.WaitSlower, "Failing over to bucket would take"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := scenario.Load("small-saas.yaml", scenarios.Bundled(), append(tc.sets, "simulate.trials=2000"))
			if err != nil {
				t.Fatal(err)
			}
			p, err := explain.Pick(context.Background(), s, explain.Options{Failure: "region-outage", N: 20})
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			if err := NewExplain(s, p).WriteText(&b); err != nil {
				t.Fatal(err)
			}
			blocks := strings.Split(b.String(), "\nTrial ")[1:]
			seen := false
			for i, told := range p.Told {
				d := told.Incident.Detail
				if !d.WaitedOut {
					continue
				}
				if want := text(s, d); !strings.Contains(blocks[i], want) {
					t.Errorf("told %d (%s) lacks %q:\n%s", i, d.WaitedFor, want, blocks[i])
				}
				if strings.Contains(blocks[i], "would take -") || d.WaitedFor == "" {
					t.Errorf("told %d: no reason, or a negative time:\n%s", i, blocks[i])
				}
				seen = seen || d.WaitedFor == tc.why && strings.Contains(blocks[i], tc.want)
			}
			if !seen {
				t.Errorf("no outage waited out for %q saying %q", tc.why, tc.want)
			}
		})
	}
}
