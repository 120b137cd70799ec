package engine

import (
	"context"
	"encoding/json"
	"math"
	"sync"
	"testing"
)

const observed = `
stores:
  - {name: live, primary: true, domain: host}
  - {name: bucket, domain: away, egress: $0.09/GiB}
  - {name: nas, domain: site, offline: true}
backups:
  - {name: nightly, to: bucket, every: 24h, retention: 7d, fail: 5%, breaks: 2/y, restore_test: 30d}
  - {name: pull, from: bucket, to: nas, every: 7d, retention: 28d}
failures:
  - {name: disk, kind: destroy, rate: 2/y, hits: host}
  - {name: oops, kind: logical, rate: 3/y, detect: "lognormal(2h, 10d)"}
  - {name: crypto, kind: ransomware, rate: 0.5/y, dwell: "lognormal(2d, 20d)"}
  - {name: dark, kind: outage, rate: 1/y, hits: site, lasts: "lognormal(30m, 6h)"}
`

// The records of every trial add up to the run's own figures, and
// observing (with or without full detail) changes nothing in the result.
func TestObserveAddsUp(t *testing.T) {
	s := load(t, observed, "simulate.trials=4000")
	plain := run(t, s)
	var mu sync.Mutex
	var down, lost, fees float64
	var incidents, losses int64
	perFailure := map[string]int64{}
	seen := map[int64]bool{}
	detailed := 0
	res, err := Run(context.Background(), s, Options{Workers: 3, Detail: func(i int64) bool { return i%7 == 0 }, Observe: func(r *TrialRecord) {
		mu.Lock()
		defer mu.Unlock()
		if seen[r.Trial] {
			t.Errorf("trial %d observed twice", r.Trial)
		}
		seen[r.Trial] = true
		down += r.DowntimeHours
		lost += r.DataLossHours
		fees += r.RestoreFees
		losses += int64(r.TotalLosses)
		for _, inc := range r.Incidents {
			incidents++
			perFailure[inc.Failure]++
			if (inc.Detail != nil) != (r.Trial%7 == 0) {
				t.Errorf("trial %d: detail %v", r.Trial, inc.Detail != nil)
			}
			if inc.Detail != nil {
				detailed++
				checkDetail(t, inc)
			}
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(plain)
	b, _ := json.Marshal(res)
	if string(a) != string(b) {
		t.Fatal("observing changed the result")
	}
	if len(seen) != 4000 {
		t.Errorf("%d trials observed, want 4000", len(seen))
	}
	years := float64(len(seen))
	close := func(what string, got, want float64) {
		if math.Abs(got-want) > 1e-4*math.Max(1, math.Abs(want)) {
			t.Errorf("%s: records give %v, the run %v", what, got, want)
		}
	}
	close("downtime a year", down/years, res.Downtime.Mean)
	close("writes lost a year", lost/years, res.DataLoss.Mean)
	close("total losses", float64(losses), float64(res.TotalLoss.Count))
	close("incidents a year", float64(incidents)/years, res.IncidentsPerYear)
	close("restore fees a month", fees/years/12, res.Cost.Restores)
	for name, f := range res.Failures {
		close(name+" incidents", float64(perFailure[name])/years, f.IncidentsPerYear)
	}
	if detailed == 0 {
		t.Error("no incident carried a detail")
	}
}

// A detail's runbook steps add up to the incident's downtime, and it lists
// every backup store.
func checkDetail(t *testing.T, inc Incident) {
	t.Helper()
	d := inc.Detail
	if len(d.Copies) != 2 && !(inc.Kind == "outage" && len(d.Copies) == 0) {
		t.Errorf("%s: %d copies listed", inc.Failure, len(d.Copies))
	}
	sum, retr, prov := 0.0, 0.0, 0.0
	for _, s := range d.Steps {
		switch s.Name {
		case "retrieval":
			retr = s.Hours
		case "provision":
			prov = s.Hours
		default:
			sum += s.Hours
		}
	}
	sum += math.Max(retr, prov) // they overlap
	if inc.Kind == "outage" && d.WaitedOut {
		sum = d.Lasted
	}
	if math.Abs(sum-inc.Downtime) > 1e-9 {
		t.Errorf("%s: steps %+v add to %v, downtime %v", inc.Failure, d.Steps, sum, inc.Downtime)
	}
	if inc.Restored && inc.Kind != "outage" {
		found := false
		for _, c := range d.Copies {
			found = found || (c.Held && c.Store == inc.Store && c.Content == inc.Content)
		}
		if !found {
			t.Errorf("%s: the restored point (%s at %v) is not among the copies %+v", inc.Failure, inc.Store, inc.Content, d.Copies)
		}
	}
}

const mostlyFailing = `
stores:
  - {name: live, primary: true, domain: host}
  - {name: bucket, domain: away}
backups:
  - {name: hourly, to: bucket, every: 1h, retention: 30d, fail: 90%}
failures:
  - {name: disk, kind: destroy, rate: 6/y, hits: host}
`

// The trace's count of the runs a restore passed over agrees with the
// search: with no breaks, wipes or expiry in reach, every run of the chosen
// job newer than the restored point was skipped because it failed or
// captured damaged data, so Failed + Damaged is the number of hourly runs
// from the newest one at or before the strike down to (not including) the
// restored one. With fail above 50% the search finds good runs by blocks
// (lastGood), so this holds only if the trace asks the same question.
func TestTraceSkippedAgreesWithSearch(t *testing.T) {
	s := load(t, mostlyFailing, "simulate.trials=300")
	checked := 0
	_, err := Run(context.Background(), s, Options{Workers: 1, Detail: func(int64) bool { return true }, Observe: func(r *TrialRecord) {
		for _, inc := range r.Incidents {
			if !inc.Restored {
				continue
			}
			sk := inc.Detail.Skipped
			want := math.Floor(inc.At) - inc.Content // runs start on the hour
			if got := float64(sk.Failed + sk.Damaged + sk.Broken); got != want || sk.Wiped || sk.Expired {
				t.Errorf("trial %d at %v: restored %v, trace skipped %+v, want %v runs", r.Trial, inc.At, inc.Content, sk, want)
			}
			checked++
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 100 {
		t.Errorf("only %d restores checked", checked)
	}
}
