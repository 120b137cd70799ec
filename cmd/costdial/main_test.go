package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/costdial/costdial/internal/golden"
	"github.com/costdial/costdial/model/catalog"
)

// costdial runs the command line in-process and returns its exit code,
// stdout and stderr.
func costdial(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := execute(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// checkCLI runs costdial with args and checks its exit code and that its
// standard output and error contain every string given; no stack trace
// may reach the user.
func checkCLI(t *testing.T, args []string, code int, stdout, stderr []string) (out, errOut string) {
	t.Helper()
	got, out, errOut := costdial(args...)
	if got != code {
		t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", got, code, out, errOut)
	}
	for _, s := range stdout {
		if !strings.Contains(out, s) {
			t.Errorf("stdout lacks %q:\n%s", s, out)
		}
	}
	for _, s := range stderr {
		if !strings.Contains(errOut, s) {
			t.Errorf("stderr lacks %q:\n%s", s, errOut)
		}
	}
	if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "panic") {
		t.Errorf("a stack trace reached the user: %s", errOut)
	}
	return out, errOut
}

// goldenFile compares got with testdata/NAME (go test ./cmd/costdial
// -update rewrites it).
func goldenFile(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), []byte(got))
}

func TestCommands(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte("version: 1\nname: bad\nservice: {data: 10 gallons}\nstores: [{name: live, primary: true}]\nfailures: [{name: f, rate: 1/y, kind: flood}]\n"), 0o644)
	for _, tc := range []struct {
		name     string
		args     []string
		code     int
		stdout   []string // substrings
		stderr   []string
		noStderr bool
	}{
		{"validate all examples", []string{"validate", "../../scenarios/small-saas.yaml", "../../scenarios/pitr-database.yaml"}, 0,
			[]string{"small-saas.yaml: OK", "pitr-database.yaml: OK"}, nil, true},
		{"validate a bad file", []string{"validate", bad}, 1, nil,
			[]string{"bad.yaml:3:17: service.data: invalid size \"10 gallons\"", "failures.f.kind: unknown kind \"flood\""}, false},
		{"validate a missing file", []string{"validate", "nope.yaml"}, 1, nil, []string{"nope.yaml: cannot read: no such file or directory"}, false},
		{"validate with a bad --set", []string{"validate", "../../scenarios/small-saas.yaml", "--set", "backups.nightly.evry=1h"}, 1, nil,
			[]string{`--set: backups.nightly.evry: unknown field "evry"`}, false},
		{"run needs at most one file", []string{"run", "a.yaml", "b.yaml"}, 2, nil, []string{"accepts at most 1 arg", "--help"}, false},
		{"unknown flag", []string{"run", "--trails", "5"}, 2, nil, []string{"unknown flag: --trails", "Run 'costdial run --help' for usage."}, false},
		{"unknown command", []string{"simulate"}, 2, nil, []string{"unknown command \"simulate\""}, false},
		{"bad output", []string{"run", "-o", "xml", "--trials", "10"}, 2, nil, []string{"unknown --output \"xml\" (text, json, markdown)"}, false},
		{"bad --format, the deprecated alias", []string{"run", "--format", "xml", "--trials", "10"}, 2, nil, []string{"unknown --output \"xml\"", "deprecated"}, false},
		{"workers below 1", []string{"run", "--workers", "0", "--trials", "10"}, 2, nil, []string{"--workers must be at least 1 (got 0)", "Run 'costdial run --help'"}, false},
		{"exit codes in --help", []string{"--help"}, 0, []string{"Exit status: 0 success; 1 a scenario is invalid", "2 a usage mistake", "3 an internal error"}, nil, true},
		{"tiers -o wide", []string{"tiers", "-o", "wide"}, 0, []string{"REGION", "aws:us-east-1", "azure:eastus2", "PRICES OF", "2026-07-01"}, nil, true},
		{"version", []string{"version"}, 0, []string{"costdial "}, nil, true},
		{"tiers", []string{"tiers"}, 0, []string{"TIER", "s3-standard", "s3-glacier-deep-archive", "costdial tiers NAME"}, nil, true},
		{"completion", []string{"completion", "bash"}, 0, []string{"bash completion"}, nil, true},
		{"bundled run", []string{"run", "--trials", "2000"}, 0, []string{"small-saas: 2000 trials", "This design costs"}, nil, true},
		{"sweep reports every bad dial value before running", []string{"sweep", "--trials", "100", "--out", filepath.Join(t.TempDir(), "o"),
			"--dial", "backups.nightly.evry=1h,2h", "--dial", "backups.nightly.every=1h,0s,-2h"}, 1, nil,
			[]string{`--dial: backups.nightly.evry: unknown field "evry"`, `(got "0s") (from --dial backups.nightly.every=0s)`, `(got "-2h") (from --dial backups.nightly.every=-2h)`}, false},
		{"sweep into a directory that cannot be made", []string{"sweep", "--trials", "100", "--out", filepath.Join(bad, "o")}, 1, nil,
			[]string{"--out " + filepath.Join(bad, "o") + ": cannot create the directory"}, false},
		{"plot into a directory that cannot be made", []string{"plot", "--trials", "100", "--out", filepath.Join(bad, "o")}, 1, nil,
			[]string{"cannot create the directory"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut := checkCLI(t, tc.args, tc.code, tc.stdout, tc.stderr)
			if tc.noStderr && errOut != "" {
				t.Errorf("unexpected stderr: %s", errOut)
			}
		})
	}
}

// Every preset is listed, fits 100 columns, and shows every source in full.
func TestTiersListsEverySource(t *testing.T) {
	_, list, _ := costdial("tiers")
	for _, line := range strings.Split(list, "\n") {
		if len([]rune(line)) > 100 {
			t.Errorf("tiers: a line of %d columns: %q", len([]rune(line)), line)
		}
	}
	for _, e := range catalog.All() {
		if !strings.Contains(list, e.Name+" ") {
			t.Errorf("tier %s missing", e.Name)
		}
		code, out, errOut := costdial("tiers", e.Name)
		if code != 0 {
			t.Fatalf("tiers %s: exit %d: %s", e.Name, code, errOut)
		}
		for _, s := range e.Sources {
			if !strings.Contains(out, s.Says) || !strings.Contains(out, s.URL) {
				t.Errorf("tiers %s: source %q missing", e.Name, s.Says)
			}
			if s.Assumption && !strings.Contains(out, "ASSUMPTION: "+s.Says) {
				t.Errorf("tiers %s: assumption %q not marked", e.Name, s.Says)
			}
		}
		for _, want := range []string{"prices of", e.AsOf, e.Price, e.Region} {
			if !strings.Contains(out, want) {
				t.Errorf("tiers %s lacks %q", e.Name, want)
			}
		}
	}
	if code, _, errOut := costdial("tiers", "s3-glacier"); code != 2 || !strings.Contains(errOut, `unknown tier "s3-glacier"`) {
		t.Errorf("an unknown tier: exit %d, %s", code, errOut)
	}
}

// The text report of a fixed run is stable; its figures are compared with
// a golden file.
func TestRunReportGolden(t *testing.T) {
	code, out, errOut := costdial("run", "../../scenarios/small-saas.yaml", "--trials", "5000", "--per-failure")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	goldenFile(t, "run-small-saas.txt", out)
	// a design that misses: total losses in the headline, and the failures
	// behind the miss
	code, out, errOut = costdial("run", "../../scenarios/shared-domain.yaml", "--trials", "3000")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	goldenFile(t, "run-shared-domain.txt", out)
}

// JSON output carries the contract's names and is the same on one core and many.
func TestRunJSONDeterministic(t *testing.T) {
	_, one, _ := costdial("run", "../../scenarios/ransomware-immutable.yaml", "--trials", "3000", "-o", "json", "--workers", "1")
	_, many, _ := costdial("run", "../../scenarios/ransomware-immutable.yaml", "--trials", "3000", "-o", "json")
	if one != many {
		t.Fatal("one worker and many gave different JSON")
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(one), &v); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"version", "scenario", "trials", "years", "seed", "incidents_per_year", "rpo_hours", "rto_hours",
		"downtime_hours_per_year", "data_loss_hours_per_year", "availability", "total_loss", "targets", "failures", "cost"} {
		if _, ok := v[key]; !ok {
			t.Errorf("JSON lacks %q", key)
		}
	}
	cost := v["cost"].(map[string]any)
	for _, key := range []string{"stores", "monthly", "restores_per_month", "restore_tests_per_month", "penalty_per_month", "total_per_month"} {
		if _, ok := cost[key]; !ok {
			t.Errorf("JSON cost lacks %q", key)
		}
	}
	rpo := v["rpo_hours"].(map[string]any)
	for _, key := range []string{"count", "total_losses", "mean", "mean_ci95", "p50", "p90", "p95", "p99", "max"} {
		if _, ok := rpo[key]; !ok {
			t.Errorf("JSON rpo_hours lacks %q", key)
		}
	}
	targets := v["targets"].(map[string]any)
	for _, key := range []string{"rpo_hours", "rto_hours", "percentile", "incidents", "incidents_needed", "incidents_within_rpo",
		"incidents_within_rto", "incidents_within_both", "rpo_met", "rto_met", "met", "rpo_pass", "rto_pass", "pass",
		"rpo_at_percentile", "rto_at_percentile"} {
		if _, ok := targets[key]; !ok {
			t.Errorf("JSON targets lacks %q", key)
		}
	}
	for name, f := range v["failures"].(map[string]any) {
		for _, key := range []string{"kind", "incidents_per_year", "copies_lost_per_year", "total_loss_per_year", "total_loss_share",
			"incidents_within_rpo", "incidents_within_rto", "incidents_within_both", "rpo_hours", "rto_hours"} {
			if _, ok := f.(map[string]any)[key]; !ok {
				t.Errorf("JSON failures.%s lacks %q", name, key)
			}
		}
	}
}

// run's text, run's JSON, sweep's table and sweep.json agree that
// replica-is-not-a-backup's p99 is a total loss.
func TestTotalLossesAgree(t *testing.T) {
	const file = "../../scenarios/replica-is-not-a-backup.yaml"
	_, text, _ := costdial("run", file, "--trials", "2000")
	for _, want := range []string{"p99 total loss, max total loss", "RPO p99 is a total loss against 1h", "bad-migration"} {
		if !strings.Contains(text, want) {
			t.Errorf("run text lacks %q:\n%s", want, text)
		}
	}
	_, js, _ := costdial("run", file, "--trials", "2000", "--format", "json")
	var r struct {
		RPO     map[string]any `json:"rpo_hours"`
		Targets map[string]any `json:"targets"`
	}
	if err := json.Unmarshal([]byte(js), &r); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"p50", "p99", "max"} {
		if r.RPO[key] != nil {
			t.Errorf("run JSON rpo_hours.%s = %v, want null (a total loss)", key, r.RPO[key])
		}
	}
	if v, ok := r.Targets["rpo_at_percentile"]; !ok || v != nil {
		t.Errorf("run JSON targets.rpo_at_percentile = %v, want null", v)
	}
	dir := t.TempDir()
	_, table, _ := costdial("sweep", file, "--trials", "2000", "--out", dir, "--dial", "backups.streaming.lag=5s")
	if !strings.Contains(table, "total loss") {
		t.Errorf("sweep table lacks the total loss:\n%s", table)
	}
	data, err := os.ReadFile(filepath.Join(dir, "sweep.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sw struct {
		Points []struct {
			Design      int      `json:"design"`
			RPOAtTarget *float64 `json:"rpo_at_target"`
		} `json:"points"`
	}
	if err := json.Unmarshal(data, &sw); err != nil {
		t.Fatal(err)
	}
	if len(sw.Points) != 1 || sw.Points[0].Design != 1 || sw.Points[0].RPOAtTarget != nil {
		t.Errorf("sweep.json points %+v, want design 1 with rpo_at_target null", sw.Points)
	}
}

// The progress bar draws only after a second, and clears itself.
func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	p := &progress{w: &buf, label: "x", start: time.Now()}
	p.update(1, 10)
	if buf.Len() != 0 {
		t.Errorf("drew before a second had passed: %q", buf.String())
	}
	p.start = time.Now().Add(-2 * time.Second)
	p.update(5, 10)
	if !strings.Contains(buf.String(), " 50% ETA 2s") {
		t.Errorf("bar %q lacks 50%%", buf.String())
	}
	p.finish()
	if !strings.HasSuffix(buf.String(), "\r") {
		t.Errorf("bar not cleared: %q", buf.String())
	}
	if q := newProgress(&buf, "x"); !q.disabled {
		t.Error("a buffer is not a terminal, yet the bar is on")
	}
}

// A € scenario with catalog prices is refused without a rate and converted
// with one; its JSON carries the currency; a design whose penalties are all
// zero says so.
func TestCurrencyAndPenalties(t *testing.T) {
	dir := t.TempDir()
	eur := filepath.Join(dir, "eur.yaml")
	os.WriteFile(eur, []byte(`version: 1
name: eur
service: {data: 100GiB, downtime_cost: €400/h}
stores:
  - {name: live, primary: true}
  - {name: bucket, tier: s3-standard}
backups:
  - {name: nightly, to: bucket, retention: 30d}
failures:
  - {name: disk, rate: 0.5/y}
`), 0o644)
	code, _, errOut := costdial("run", eur, "--trials", "100")
	if code != 1 || !strings.Contains(errOut, "in US dollars, but this scenario's money is in €: give service.exchange_rate") {
		t.Errorf("a € scenario without a rate: exit %d, %s", code, errOut)
	}
	code, out, errOut := costdial("run", eur, "--trials", "100", "--set", "service.exchange_rate=0.5", "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var v struct {
		Cost struct {
			Currency string  `json:"currency"`
			Storage  float64 `json:"storage"`
		} `json:"cost"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	// 30 points of 100 GiB at $0.023 × 0.5 €/$
	if v.Cost.Currency != "EUR" || v.Cost.Storage != 3000*0.023*0.5 {
		t.Errorf("currency %q, storage %v; want EUR, %v", v.Cost.Currency, v.Cost.Storage, 3000*0.023*0.5)
	}
	_, out, _ = costdial("run", eur, "--trials", "100", "--set", "service.exchange_rate=0.5")
	if !strings.Contains(out, "€34.50") {
		t.Errorf("the text report does not show €34.50 of storage:\n%s", out)
	}
	_, out, _ = costdial("run", eur, "--trials", "100", "--set", "service.exchange_rate=0.5", "--set", "service.downtime_cost=€0/h")
	if !strings.Contains(out, "Every penalty is zero, so the cost with its risk is only the running cost") || !strings.Contains(out, "downtime_cost: €400/h") {
		t.Errorf("zero penalties not explained:\n%s", out)
	}
}
