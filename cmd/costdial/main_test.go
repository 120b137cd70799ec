package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/costdial/costdial/model/catalog"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// costdial runs the command line in-process and returns its exit code,
// stdout and stderr.
func costdial(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := execute(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/costdial -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test ./cmd/costdial -update rewrites it):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
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
		{"bad format", []string{"run", "--format", "xml", "--trials", "10"}, 2, nil, []string{"unknown --format \"xml\""}, false},
		{"version", []string{"version"}, 0, []string{"costdial "}, nil, true},
		{"tiers", []string{"tiers"}, 0, []string{"TIER", "s3-standard", "s3-glacier-deep-archive", "Sources:"}, nil, true},
		{"completion", []string{"completion", "bash"}, 0, []string{"bash completion"}, nil, true},
		{"bundled run", []string{"run", "--trials", "2000"}, 0, []string{"small-saas: 2000 trials", "This design costs"}, nil, true},
		{"sweep reports every bad dial value before running", []string{"sweep", "--trials", "100", "--out", filepath.Join(t.TempDir(), "o"),
			"--dial", "backups.nightly.evry=1h,2h", "--dial", "backups.nightly.every=1h,0s,-2h"}, 1, nil,
			[]string{`--dial backups.nightly.evry=1h,2h: backups.nightly.evry: unknown field "evry"`, `(got "0s") (from --dial backups.nightly.every=1h,0s,-2h, value 0s)`, `(got "-2h") (from --dial backups.nightly.every=1h,0s,-2h, value -2h)`}, false},
		{"sweep into a directory that cannot be made", []string{"sweep", "--trials", "100", "--out", filepath.Join(bad, "o")}, 1, nil,
			[]string{"--out " + filepath.Join(bad, "o") + ": cannot create the directory"}, false},
		{"plot into a directory that cannot be made", []string{"plot", "--trials", "100", "--out", filepath.Join(bad, "o")}, 1, nil,
			[]string{"cannot create the directory"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := costdial(tc.args...)
			if code != tc.code {
				t.Errorf("exit code %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, out, errOut)
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
			if tc.noStderr && errOut != "" {
				t.Errorf("unexpected stderr: %s", errOut)
			}
			if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "panic") {
				t.Errorf("a stack trace reached the user: %s", errOut)
			}
		})
	}
}

// Every preset is listed with its sources.
func TestTiersListsEverySource(t *testing.T) {
	_, out, _ := costdial("tiers")
	for _, e := range catalog.All() {
		if !strings.Contains(out, e.Name) {
			t.Errorf("tier %s missing", e.Name)
		}
		for _, s := range e.Sources {
			if !strings.Contains(out, s) {
				t.Errorf("source %q of %s missing", s, e.Name)
			}
		}
	}
}

// The text report of a fixed run is stable; its figures are compared with
// a golden file.
func TestRunReportGolden(t *testing.T) {
	code, out, errOut := costdial("run", "../../scenarios/small-saas.yaml", "--trials", "5000", "--per-failure")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden(t, "run-small-saas.txt", out)
}

// JSON output carries the contract's names and is the same on one core and many.
func TestRunJSONDeterministic(t *testing.T) {
	_, one, _ := costdial("run", "../../scenarios/ransomware-immutable.yaml", "--trials", "3000", "--format", "json", "--workers", "1")
	_, many, _ := costdial("run", "../../scenarios/ransomware-immutable.yaml", "--trials", "3000", "--format", "json")
	if one != many {
		t.Fatal("one worker and many gave different JSON")
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(one), &v); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"scenario", "trials", "years", "seed", "incidents_per_year", "rpo_hours", "rto_hours",
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
	for _, key := range []string{"mean", "mean_ci95", "p50", "p90", "p95", "p99", "max"} {
		if _, ok := rpo[key]; !ok {
			t.Errorf("JSON rpo_hours lacks %q", key)
		}
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
	if !strings.Contains(buf.String(), " 50%") {
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
