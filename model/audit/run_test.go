package audit

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/scenarios"
)

// runOf simulates s with few trials: enough to tell a design that loses
// most incidents from one that loses few.
func runOf(t *testing.T, s *scenario.Scenario) *engine.Result {
	t.Helper()
	s.Simulate.Trials = 3000
	r, err := engine.Run(context.Background(), s, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Audit catches what a run shows: each design below fails badly when
// simulated (most incidents a total loss, or the RTO target met by a
// third of them), and audit reports it as an error. None of these was
// found before: the RTO check judged the fastest surviving copy, and no
// check looked at failing runs, points that expire before the next run or
// breaks that outpace the tests.
func TestAuditSeesTheRun(t *testing.T) {
	bundled := string(scenarios.Bundled())
	for _, tc := range []struct {
		name  string
		yaml  string
		sets  []string
		check string
		// shows checks the run: it must fail this way
		shows func(r *engine.Result) bool
		what  string
	}{
		// the bundled scenario with its bucket on Deep Archive: the run
		// meets the RTO in about 31% of incidents
		{"the bundled bucket on Deep Archive", bundled, []string{"stores.bucket.tier=s3-glacier-deep-archive"}, "rto-unreachable",
			func(r *engine.Result) bool { return r.Targets.RTOMet < 0.4 }, "RTO met in under 40% of incidents"},
		// every run fails: every incident is a total loss
		{"every run fails", clean, []string{"stores.nas.enabled=false", "backups.nightly.fail=100%"}, "runs-fail",
			func(r *engine.Result) bool { return lossShare(r) > 0.99 }, "over 99% total losses"},
		// 99% fail, 30 kept: 0.99^30 = 74% of the time nothing
		{"nearly every run fails", clean, []string{"stores.nas.enabled=false", "backups.nightly.fail=99%"}, "runs-fail",
			func(r *engine.Result) bool { return lossShare(r) > 0.5 }, "over half total losses"},
		// kept 12h of every 24h: half the destroys find nothing (logical
		// damage, noticed after hours, finds nothing still kept even more)
		{"points kept half the interval", clean, []string{"stores.nas.enabled=false", "backups.nightly.retention=12h"}, "retention-gap",
			func(r *engine.Result) bool { return lossShare(r) > 0.4 }, "over 40% total losses"},
		// a base every 30d kept 7d: no base 77% of the time
		{"pitr bases kept a quarter of their interval", clean, []string{"stores.nas.enabled=false", "backups.nightly.kind=pitr", "backups.nightly.every=30d", "backups.nightly.retention=7d"}, "retention-gap",
			func(r *engine.Result) bool { return lossShare(r) > 0.6 }, "over 60% total losses"},
		// broken 69% of the time: the newest point is usually from before
		// the break, weeks old
		{"breaks outpace the tests", clean, []string{"stores.nas.enabled=false", "backups.nightly.breaks=12/y", "backups.nightly.restore_test=90d", "backups.nightly.retention=120d"}, "breaks-outpace-tests",
			func(r *engine.Result) bool { return r.Targets.RPOMet < 0.5 }, "RPO met in under half the incidents"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := load(t, tc.yaml, tc.sets...)
			if r := runOf(t, s); !tc.shows(r) {
				t.Errorf("the run does not show %s: RPO met %.3g, RTO met %.3g, total losses %.3g of incidents", tc.what, r.Targets.RPOMet, r.Targets.RTOMet, lossShare(r))
			}
			fs := Audit(load(t, tc.yaml, tc.sets...))
			if !slices.ContainsFunc(fs, func(f Finding) bool { return f.Check == tc.check && f.Severity == Error }) {
				t.Errorf("no %s error; audit says:", tc.check)
				for _, f := range fs {
					t.Logf("  %s %s: %s", f.Severity, f.Check, f.Problem)
				}
			}
		})
	}
}

func lossShare(r *engine.Result) float64 {
	return float64(r.TotalLoss.Count) / float64(max(1, r.Targets.Incidents))
}

// An rto-unreachable error is borne out by the run: for every example and
// every value of a tier on its dial, when audit says the RTO target is
// missed the run misses it too. The check reasons at the runbook's mean
// times, so it may stay silent on a design the run finds just short; it
// must never cry wolf.
func TestRTOErrorsAreBorneOut(t *testing.T) {
	checked := 0
	for file, data := range scenarios.All() {
		s, err := scenario.Load(file, data, nil)
		if err != nil {
			t.Fatal(err)
		}
		designs := [][]string{nil}
		for _, axis := range s.Dial {
			if !strings.HasSuffix(axis.Set, ".tier") {
				continue
			}
			for _, v := range axis.Values {
				designs = append(designs, []string{axis.Set + "=" + v})
			}
		}
		for _, sets := range designs {
			d, err := scenario.Load(file, data, sets)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.ContainsFunc(Audit(d), func(f Finding) bool { return f.Check == "rto-unreachable" && f.Severity == Error }) {
				continue
			}
			checked++
			if r := runOf(t, d); r.Targets.RTOPass {
				t.Errorf("%s %v: audit says the RTO target is missed, the run meets it (%.3g%% of incidents within)", file, sets, 100*r.Targets.RTOMet)
			}
		}
	}
	if checked < 3 {
		t.Errorf("only %d designs with an rto-unreachable error: the test checks too little", checked)
	}
	t.Logf("%d designs with an rto-unreachable error, each missing its RTO target in the run", checked)
}
