package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/costdial/costdial/model/scenario"
)

// base is a scenario whose runbook takes no time, so that RTO and RPO
// isolate what a test varies. Tests append stores, backups and failures.
const base = `
version: 1
name: test
simulate: {years: 1, trials: 40000, seed: 7}
service:
  data: 10GiB
  targets: {rpo: 24h, rto: 8h, percentile: 95}
domains:
  - {name: site}
  - {name: host, in: site}
  - {name: away}
recovery: {detect: 0s, decide: 0s, provision: 0s, failover_after: 1h, dns: 0s, verify: 0s}
`

func load(t testing.TB, body string, sets ...string) *scenario.Scenario {
	t.Helper()
	s, err := scenario.Load("test.yaml", []byte(base+body), sets)
	if err != nil {
		t.Fatalf("scenario does not load:\n%v", err)
	}
	return s
}

func run(t testing.TB, s *scenario.Scenario) *Result {
	t.Helper()
	r, err := Run(context.Background(), s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// within fails the test unless got is within tol of want.
func within(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.6g, want %.6g ± %.3g", what, got, want, tol)
	}
}

// seMean is the Monte Carlo standard error of a mean of n draws with
// standard deviation sd.
func seMean(sd float64, n int64) float64 { return sd / math.Sqrt(float64(n)) }

// seQuantile is the standard error of the empirical p-quantile of n draws
// from a distribution whose density at that quantile is f, plus the
// histogram's half-bucket (0.5%) resolution.
func seQuantile(p, f float64, n int64, value float64) float64 {
	return math.Sqrt(p*(1-p)/float64(n))/f + 0.005*value
}

const nightlyToAway = `
stores:
  - {name: live, primary: true, domain: host}
  - {name: bucket, domain: away, restore: 1TB/s}
backups:
  - {name: nightly, to: bucket, every: 24h, retention: 30d}
failures:
  - {name: disk, kind: destroy, rate: 1/y, hits: host}
`

// Backups every T hours lose a uniform share of the interval: mean T/2,
// p95 0.95 T.
func TestPeriodicLossIsUniform(t *testing.T) {
	for _, every := range []float64{1, 24, 168} {
		t.Run(fmt.Sprintf("every=%gh", every), func(t *testing.T) {
			s := load(t, nightlyToAway, fmt.Sprintf("backups.nightly.every=%gh", every), "backups.nightly.retention=60d")
			r := run(t, s)
			n := r.RPO.Count
			if n < 10000 {
				t.Fatalf("only %d incidents", n)
			}
			sd := every / math.Sqrt(12)
			within(t, "mean RPO", r.RPO.Mean, every/2, 5*seMean(sd, n))
			within(t, "p95 RPO", r.RPO.P95, 0.95*every, 5*seQuantile(0.95, 1/every, n, 0.95*every))
			within(t, "p50 RPO", r.RPO.P50, 0.5*every, 5*seQuantile(0.5, 1/every, n, 0.5*every))
			if r.TotalLoss.Count != 0 {
				t.Errorf("total losses %d, want 0", r.TotalLoss.Count)
			}
		})
	}
}

// A run that fails with probability p adds a geometric number of whole
// intervals: mean RPO = T/2 + T p/(1-p).
func TestRunFailureAddsGeometricIntervals(t *testing.T) {
	for _, p := range []float64{0.1, 0.3, 0.5} {
		t.Run(fmt.Sprintf("fail=%g", p), func(t *testing.T) {
			s := load(t, nightlyToAway, fmt.Sprintf("backups.nightly.fail=%g", p))
			r := run(t, s)
			T := 24.0
			want := T/2 + T*p/(1-p)
			// variance of U*T + G*T: T^2/12 + T^2 p/(1-p)^2
			sd := T * math.Sqrt(1.0/12+p/((1-p)*(1-p)))
			within(t, "mean RPO", r.RPO.Mean, want, 5*seMean(sd, r.RPO.Count))
		})
	}
}

// A fixed retrieval delay longer than provisioning adds exactly to the RTO.
func TestRetrievalDelayAddsToRTO(t *testing.T) {
	for _, tc := range []struct {
		retrieval string
		provision string
		want      float64 // hours
	}{
		{"0s", "0s", 0},
		{"12h", "0s", 12},
		{"5h", "2h", 5}, // provisioning overlaps the wait
		{"1h", "2h", 2}, // the wait overlaps provisioning
	} {
		t.Run(tc.retrieval+"/"+tc.provision, func(t *testing.T) {
			s := load(t, nightlyToAway, "stores.bucket.retrieval="+tc.retrieval, "recovery.provision="+tc.provision, "simulate.trials=5000")
			r := run(t, s)
			// transfer of 10GiB at 1TB/s is 1e-5 hours
			transfer := 10 * float64(1<<30) / 1e12 / 3600
			within(t, "mean RTO", r.RTO.Mean, tc.want+transfer, 1e-4)
			within(t, "max RTO", r.RTO.Max, tc.want+transfer, 1e-4)
		})
	}
}

// A fire that hits the domain of every copy is a total loss each time it
// strikes: total losses per year equal the fire's rate.
func TestFireOverEveryCopyIsTotalLoss(t *testing.T) {
	s := load(t, `
stores:
  - {name: live, primary: true, domain: host}
  - {name: nas, domain: site}
backups:
  - {name: nightly, to: nas, every: 24h, retention: 30d}
failures:
  - {name: fire, kind: destroy, rate: 0.5/y, hits: site}
`)
	r := run(t, s)
	exposure := float64(r.Trials) * r.Years
	within(t, "total losses per year", r.TotalLoss.PerYear, 0.5, 5*math.Sqrt(0.5/exposure))
	if r.RPO.Count != 0 {
		t.Errorf("%d incidents restored, want none", r.RPO.Count)
	}
	if !(r.TotalLoss.CI95[0] <= 0.5 && 0.5 <= r.TotalLoss.CI95[1]) {
		t.Errorf("total-loss interval %v misses the true rate 0.5", r.TotalLoss.CI95)
	}
	if r.Targets.RPOMet != 0 || r.Targets.Pass {
		t.Errorf("targets %+v: total losses must fail them", r.Targets)
	}
}

// Logical damage found after the last clean point has expired is a total
// loss; found in time, it is restored.
func TestDetectionBeyondRetention(t *testing.T) {
	for _, tc := range []struct {
		detect    string
		totalLoss bool
	}{
		{"10d", true},
		{"3d", false},
	} {
		t.Run(tc.detect, func(t *testing.T) {
			s := load(t, `
stores:
  - {name: live, primary: true, domain: host}
  - {name: bucket, domain: away}
backups:
  - {name: nightly, to: bucket, every: 24h, retention: 7d}
failures:
  - {name: oops, kind: logical, rate: 1/y, detect: `+tc.detect+`}
`)
			r := run(t, s)
			f := r.Failures["oops"]
			if tc.totalLoss && (f.TotalLossPerYear != f.IncidentsPerYear || f.RPO.Count != 0) {
				t.Errorf("detect %s: %v total losses of %v incidents, want all", tc.detect, f.TotalLossPerYear, f.IncidentsPerYear)
			}
			// Found in time, only a second incident right after a restore can
			// find every clean point expired: a rate-squared effect.
			if !tc.totalLoss && f.TotalLossPerYear > 0.001*f.IncidentsPerYear {
				t.Errorf("detect %s: %v total losses a year of %v incidents, want almost none", tc.detect, f.TotalLossPerYear, f.IncidentsPerYear)
			}
		})
	}
}

const replicaOnly = `
stores:
  - {name: live, primary: true, domain: host}
  - {name: standby, domain: away, standby: true}
backups:
  - {name: stream, to: standby, kind: replica, lag: 30s}
`

// A replica copies logical damage: once the damage is noticed later than
// the replica's lag, there is nothing clean to restore.
func TestReplicaDoesNotSurviveLogicalDamage(t *testing.T) {
	s := load(t, replicaOnly+`
failures:
  - {name: oops, kind: logical, rate: 2/y, detect: 1h}
`)
	r := run(t, s)
	if r.RPO.Count != 0 || r.TotalLoss.Count == 0 {
		t.Errorf("replica restored %d logical incidents (%d total losses); want none restored", r.RPO.Count, r.TotalLoss.Count)
	}
}

// Against a destroyed primary the replica loses only its lag, and a standby
// replica takes over without provisioning or transfer.
func TestReplicaSurvivesDestroy(t *testing.T) {
	s := load(t, replicaOnly+`
failures:
  - {name: disk, kind: destroy, rate: 2/y, hits: host}
`, "recovery.provision=2h")
	r := run(t, s)
	within(t, "mean RPO", r.RPO.Mean, 30.0/3600, 1e-6)
	within(t, "mean RTO", r.RTO.Mean, 0, 1e-9)
	if r.TotalLoss.Count != 0 {
		t.Errorf("%d total losses, want none", r.TotalLoss.Count)
	}
}

// Point-in-time recovery restores to the moment before logical damage when
// the damage is found within retention: nothing is lost.
func TestPITRLosesNothingToLogicalDamage(t *testing.T) {
	s := load(t, `
stores:
  - {name: live, primary: true, domain: host}
  - {name: wal, domain: away, restore: 1GB/s}
backups:
  - {name: archive, to: wal, kind: pitr, every: 24h, retention: 14d, lag: 1m, replay: 10GiB/h}
failures:
  - {name: oops, kind: logical, rate: 2/y, detect: "lognormal(2h, 48h)"}
`, "service.writes=1GiB/day")
	r := run(t, s)
	// Max counts total losses (damage found after retention) as the worst:
	// the restored incidents' largest loss is the histogram's
	if r.RPO.hist.max != 0 || r.RPO.Count == 0 {
		t.Errorf("PITR RPO max %v over %d restored incidents, want 0", r.RPO.hist.max, r.RPO.Count)
	}
	// replay of up to a day of writes (1GiB) at 10GiB/h adds up to 0.1h;
	// on average half a day: 0.05h, plus the base transfer.
	base := 10 * float64(1<<30) / 1e9 / 3600
	within(t, "mean RTO", r.RTO.Mean, base+0.05, 0.005)
}

// An outage shorter than failover_after costs its length and loses nothing.
func TestShortOutageIsWaitedOut(t *testing.T) {
	s := load(t, nightlyToAway+`
  - {name: blip, kind: outage, rate: 2/y, hits: site, lasts: 30m}
`, "failures.disk.rate=0.0001/y")
	r := run(t, s)
	f := r.Failures["blip"]
	within(t, "outage RTO", f.RTO.Mean, 0.5, 1e-9)
	within(t, "outage RPO", f.RPO.Max, 0, 0)
}

// Ransomware wipes mutable online copies; an object-locked copy survives.
func TestRansomwareSparesImmutableCopies(t *testing.T) {
	body := `
stores:
  - {name: live, primary: true, domain: host}
  - {name: bucket, domain: away}
  - {name: vault, domain: away, immutable: true}
backups:
  - {name: nightly, to: bucket, every: 24h, retention: 30d}
  - {name: weekly, to: vault, every: 7d, retention: 30d}
failures:
  - {name: crypto, kind: ransomware, rate: 1/y}
`
	r := run(t, load(t, body))
	// only the weekly, immutable copy survives: RPO uniform over a week
	within(t, "mean RPO", r.RPO.Mean, 84, 5*seMean(168/math.Sqrt(12), r.RPO.Count))
	if r.TotalLoss.Count != 0 {
		t.Errorf("%d total losses with an immutable copy, want none", r.TotalLoss.Count)
	}
	r = run(t, load(t, body, "stores.vault.immutable=false"))
	if r.RPO.Count != 0 {
		t.Errorf("%d ransomware incidents restored with no immutable copy, want none", r.RPO.Count)
	}
}

// The same seed and trial count give identical JSON on any number of workers.
func TestDeterministicAcrossWorkers(t *testing.T) {
	s := load(t, nightlyToAway+`
  - {name: oops, kind: logical, rate: 3/y, detect: "lognormal(2h, 48h)"}
`, "backups.nightly.fail=5%", "backups.nightly.breaks=1/y", "simulate.trials=20500")
	var outs []string
	for _, w := range []int{1, 2, 3, 8} {
		r, err := Run(context.Background(), s, Options{Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal(r)
		outs = append(outs, string(b))
	}
	for i := 1; i < len(outs); i++ {
		if outs[i] != outs[0] {
			t.Fatalf("workers change the result:\n%s\n%s", outs[0], outs[i])
		}
	}
	s2 := load(t, nightlyToAway, "simulate.seed=8", "simulate.trials=20500")
	r2, _ := Run(context.Background(), s2, Options{})
	b2, _ := json.Marshal(r2)
	if bytes.Equal(b2, []byte(outs[0])) {
		t.Error("a different seed gave the same result")
	}
}

// A job that breaks silently and is never restore-tested loses more than
// one whose breakage a monthly restore test finds.
func TestRestoreTestsShortenBreaks(t *testing.T) {
	body := nightlyToAway + `
  - {name: oops, kind: logical, rate: 4/y, detect: 1h}
`
	untested := run(t, load(t, body, "backups.nightly.breaks=2/y", "backups.nightly.retention=400d"))
	tested := run(t, load(t, body, "backups.nightly.breaks=2/y", "backups.nightly.restore_test=7d", "backups.nightly.retention=400d"))
	if !(tested.RPO.Mean < untested.RPO.Mean) {
		t.Errorf("mean RPO with weekly restore tests %v, without %v: tests should help", tested.RPO.Mean, untested.RPO.Mean)
	}
	if strings.Contains(fmt.Sprint(tested.RPO.Mean), "NaN") {
		t.Error("NaN")
	}
}

// When the log archive is broken, PITR restores to where the log stops:
// damage inside a gap loses the gap, never everything.
func TestPITRLogGapLosesTheGap(t *testing.T) {
	s := load(t, `
stores:
  - {name: live, primary: true, domain: host}
  - {name: wal, domain: away, restore: 1GB/s}
backups:
  - name: archive
    to: wal
    kind: pitr
    every: 24h
    retention: 30d
    lag: 1m
    replay: 10GiB/h
    breaks: 12/y
    restore_test: 7d
    fix: 1d
failures:
  - {name: oops, kind: logical, rate: 4/y, detect: 1h}
`, "service.writes=1GiB/day")
	r := run(t, s)
	if r.TotalLoss.Count != 0 {
		t.Errorf("%d total losses; a log gap should only lose the gap", r.TotalLoss.Count)
	}
	// breaks 12/y lasting on average 3.5d until the weekly test plus a day to
	// fix cover about 12*4.5/365 = 15% of the time, so some incidents lose data
	if r.RPO.Max <= 0 || r.RPO.P50 != 0 {
		t.Errorf("RPO p50 %v max %v: want most incidents lossless and some not", r.RPO.P50, r.RPO.Max)
	}
}
