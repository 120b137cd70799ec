package main

import (
	"context"
	"strings"
	"testing"

	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/explain"
	"github.com/costdial/costdial/model/scenario"
)

// explain --worst on small-saas tells its worst ransomware incidents, and
// every figure the text gives is the engine's own record of that incident:
// the times, what each copy held, each runbook step, the writes lost and
// the downtime; the worst restored one loses the run's maximum.
func TestExplainWorstRansomware(t *testing.T) {
	code, out, errOut := costdial("explain", "../../scenarios/small-saas.yaml", "--failure", "ransomware", "--worst", "--n", "2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	s, err := scenario.LoadFile("../../scenarios/small-saas.yaml", nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := explain.Pick(context.Background(), s, explain.Options{Failure: "ransomware", Worst: true, N: 2})
	if err != nil {
		t.Fatal(err)
	}
	// the engine's record of the same trials, from a plain observed run
	records := map[int64][]engine.Incident{}
	_, err = engine.Run(context.Background(), s, engine.Options{Detail: func(i int64) bool { return i == p.Told[0].Trial || i == p.Told[1].Trial },
		Observe: func(r *engine.TrialRecord) {
			if r.Trial == p.Told[0].Trial || r.Trial == p.Told[1].Trial {
				records[r.Trial] = append([]engine.Incident(nil), r.Incidents...)
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(out, "\nTrial ")
	if len(blocks) != 3 {
		t.Fatalf("want a header and two incidents:\n%s", out)
	}
	for i, told := range p.Told {
		rec := records[told.Trial][told.Seq]
		text := blocks[i+1]
		if rec.Failure != "ransomware" || rec.RPO != told.Incident.RPO || rec.RTO != told.Incident.RTO || rec.Downtime != told.Incident.Downtime {
			t.Fatalf("told %+v, the engine recorded %+v", told.Incident, rec)
		}
		d := rec.Detail
		want := []string{
			groupThousands(float64(told.Trial)) + ", incident",
			clock(d.Entry) + "  The attacker gets in, and waits " + fmtHours(rec.At-d.Entry),
			clock(rec.At) + "  The ransom note",
		}
		for _, st := range d.Steps {
			if st.Hours > 0 || st.Name == "decide" {
				want = append(want, st.Name+"  "+strings.Repeat(" ", 9-len(st.Name))+fmtHours(st.Hours))
			}
		}
		for _, c := range d.Copies {
			want = append(want, c.Store+strings.Repeat(" ", 13-len(c.Store))+copyText(c, rec))
		}
		if rec.TotalLoss {
			want = append(want, clock(rec.At+rec.Downtime)+"  Back, with no data: down "+fmtHours(rec.Downtime))
		} else {
			want = append(want, clock(rec.At+rec.Downtime)+"  The service is back. Writes lost: "+fmtHours(rec.RPO)+" (RPO). Down: "+fmtHours(rec.RTO)+" (RTO).",
				"Restore from "+rec.Store+": the "+rec.Job+" point with data from "+clock(rec.Content))
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("incident %d lacks %q:\n%s", i+1, w, text)
			}
		}
	}
	// the worst is the run's one ransomware total loss; the next loses the
	// most data of any restored ransomware incident
	if !p.Told[0].Incident.TotalLoss {
		t.Error("the worst ransomware incident is not the total loss")
	}
	maxRPO := 0.0
	engine.Run(context.Background(), s, engine.Options{Workers: 1, Observe: func(r *engine.TrialRecord) {
		for _, inc := range r.Incidents {
			if inc.Failure == "ransomware" && inc.Restored {
				maxRPO = max(maxRPO, inc.RPO)
			}
		}
	}})
	if got := p.Told[1].Incident.RPO; got != maxRPO {
		t.Errorf("second worst loses %v, the most a restored ransomware incident lost is %v", got, maxRPO)
	}
	if !strings.Contains(out, "The tail: 1 total loss; data lost at p99 "+fmtAt(p.Result.Failures["ransomware"].RPO.P99)) {
		t.Errorf("header:\n%s", out)
	}
}

func TestExplainCommand(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr []string
	}{
		{"the bundled scenario", []string{"explain", "--trials", "1000"}, 0, []string{"small-saas: 1000 trials of 1 year, seed 1:", "Trial 0, incident 1 of the trial"}, nil},
		{"a replica copies the damage", []string{"explain", "../../scenarios/replica-is-not-a-backup.yaml", "--failure", "bad-migration", "--trials", "1000"}, 0,
			[]string{"standby-db   nothing usable: a replica, it already held the damage", "No clean copy can be restored: a total loss"}, nil},
		{"a cold restore", []string{"explain", "../../scenarios/cold-archive.yaml", "--failure", "storage-array-fails", "--trials", "1000"}, 0,
			[]string{"retrieval  12h  (alongside the provisioning: the longer counts)"}, nil},
		{"nothing happened", []string{"explain", "--failure", "dc-fire", "--trials", "5"}, 0, []string{"None happened in this run"}, nil},
		{"an unknown failure", []string{"explain", "--failure", "meteor", "--trials", "100"}, 1, nil, []string{`no failure named "meteor"`}},
		{"a bad --n", []string{"explain", "--n", "0"}, 2, nil, []string{"--n must be from 1 to 100"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := costdial(tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d\n%s%s", code, tc.code, out, errOut)
			}
			for _, s := range tc.stdout {
				if !strings.Contains(out, s) {
					t.Errorf("stdout lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tc.stderr {
				if !strings.Contains(errOut, s) {
					t.Errorf("stderr lacks %q:\n%s", s, errOut)
				}
			}
		})
	}
}
