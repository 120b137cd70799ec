package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/costdial/costdial/internal/golden"
)

// snake reports every object key in v that is not snake_case.
func snake(t *testing.T, what string, v any) {
	t.Helper()
	key := regexp.MustCompile(`^[a-z0-9]+(_[a-z0-9]+)*$`)
	var walk func(v any, path string)
	walk = func(v any, path string) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				// maps keyed by the scenario's own names (stores, jobs, failures, set paths) may hold any name
				if !key.MatchString(k) && !strings.HasSuffix(path, ".stores") && !strings.HasSuffix(path, ".jobs") &&
					!strings.HasSuffix(path, ".failures") && !strings.HasSuffix(path, ".set") {
					t.Errorf("%s: key %q at %s is not snake_case", what, k, path)
				}
				walk(e, path+"."+k)
			}
		case []any:
			for _, e := range x {
				walk(e, path+"[]")
			}
		}
	}
	walk(v, "")
}

// Every command that prints data takes -o json, and its JSON has a
// version and snake_case keys.
func TestJSONOutputs(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"run", "--trials", "200", "-o", "json"},
		{"sweep", "--trials", "100", "--dial", "backups.nightly.every=12h,24h", "--dial", "stores.bucket.tier=s3-standard", "--out", dir, "-o", "json"},
		{"tiers", "-o", "json"},
		{"tiers", "wasabi", "--output", "json"},
		{"validate", "../../scenarios/small-saas.yaml", "-o", "json"},
		{"version", "-o", "json"},
	} {
		code, out, errOut := costdial(args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		if v["version"] != 1.0 {
			t.Errorf("%v: version %v, want 1", args, v["version"])
		}
		snake(t, strings.Join(args, " "), v)
	}
	raw, err := os.ReadFile(dir + "/sweep.json")
	if err != nil || !bytes.HasPrefix(raw, []byte("{\n  \"version\": 1,")) {
		t.Errorf("sweep.json does not start with its version: %.40s %v", raw, err)
	}
	// csv where the data is a table
	if code, out, _ := costdial("sweep", "--trials", "100", "--dial", "backups.nightly.every=12h,24h", "--out", dir, "-o", "csv"); code != 0 || !strings.HasPrefix(out, "backups.nightly.every,") {
		t.Errorf("sweep -o csv: exit %d\n%s", code, out)
	}
	// the old --format still works, with a deprecation notice
	if code, out, errOut := costdial("tiers", "--format", "json"); code != 0 || !strings.Contains(out, `"tiers"`) || !strings.Contains(errOut, "deprecated") {
		t.Errorf("--format json: exit %d, stderr %q", code, errOut)
	}
}

// "-" reads the scenario from standard input, for every command that reads
// one; compare reads it once for both of its designs.
func TestStdin(t *testing.T) {
	scenario, err := os.ReadFile("../../scenarios/small-saas.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"run", "-", "--trials", "200"},
		{"validate", "-"},
		{"sweep", "-", "--trials", "100", "--dial", "backups.nightly.every=12h,24h", "--out", t.TempDir()},
		{"audit", "-"},
		{"compare", "-", "--trials", "200", "--set", "backups.nightly.every=4h"},
		{"compare", "-", "-", "--trials", "200"},
		{"explain", "-", "--trials", "200"},
	} {
		var out, errOut bytes.Buffer
		if code := executeIn(args, bytes.NewReader(scenario), &out, &errOut); code != 0 {
			t.Errorf("%v: exit %d: %s", args, code, errOut.String())
		}
		if !strings.Contains(out.String(), "small-saas") && !strings.Contains(out.String(), "-: OK") && !strings.Contains(out.String(), "(stdin)") {
			t.Errorf("%v printed:\n%s", args, out.String())
		}
	}
	var out, errOut bytes.Buffer
	if code := executeIn([]string{"validate", "-"}, strings.NewReader("version: 1\nname: x\n"), &out, &errOut); code != 1 ||
		!strings.Contains(errOut.String(), "(stdin): service.data: missing") {
		t.Errorf("a bad scenario on stdin: exit %d: %s", code, errOut.String())
	}
}

// Shell completion suggests tier names, --set and --dial paths with the
// scenario's store, job and failure names, field values, and formats.
func TestCompletion(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "tiers", ""}, []string{"s3-glacier-deep-archive\t", "wasabi\t", "onprem-tape-library\t"}},
		{[]string{"__complete", "run", "../../scenarios/pitr-database.yaml", "--set", "stores."}, []string{"stores.wal-archive.streams=", "stores.db.region="}},
		{[]string{"__complete", "run", "../../scenarios/pitr-database.yaml", "--set", "failures."}, []string{"failures.bad-statement.rate=", "failures.region-outage.lasts="}},
		{[]string{"__complete", "sweep", "--dial", "backups.nightly.ev"}, []string{"backups.nightly.every="}},
		{[]string{"__complete", "sweep", "--dial", "stores.bucket.tier="}, []string{"stores.bucket.tier=s3-glacier-deep-archive-bulk"}},
		{[]string{"__complete", "run", "--set", "failures.ransomware.kind="}, []string{"failures.ransomware.kind=logical"}},
		{[]string{"__complete", "run", "-o", ""}, []string{"text", "json"}},
		{[]string{"__complete", "sweep", "--output", ""}, []string{"text", "json", "csv"}},
		{[]string{"__complete", "tiers", "-o", ""}, []string{"wide"}},
		{[]string{"__complete", "validate", ""}, []string{"yaml"}},
	} {
		code, out, errOut := costdial(tc.args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.args, code, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: completions lack %q:\n%s", tc.args, w, out)
			}
		}
	}
}

// The committed schema is what `costdial schema` prints from the types
// (go test ./cmd/costdial -update rewrites it).
func TestSchemaCommitted(t *testing.T) {
	code, out, errOut := costdial("schema")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden.Check(t, "../../docs/scenario.schema.json", []byte(out))
}

// A report prints as Markdown; with every penalty zero, the run and the
// sweep say the cost with risk is only the running cost.
func TestMarkdownAndZeroPenalties(t *testing.T) {
	zero := []string{"--set", "service.downtime_cost=$0/h", "--set", "service.data_loss_cost=$0/h", "--set", "service.total_loss_cost=$0"}
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"run", "../../scenarios/pitr-database.yaml", "--trials", "300", "-o", "markdown"},
			[]string{"# pitr-database\n", "| store / job | GiB held | GiB billed | storage | transfer |", "| ↳ base-and-wal | 3,024 | 3,024 | $69.55 | $131 |", "**This design costs $220 a month"}},
		{[]string{"sweep", "--trials", "100", "--dial", "backups.nightly.every=12h,24h", "--dial", "stores.bucket.tier=s3-standard", "--out", t.TempDir(), "-o", "markdown"},
			[]string{"# small-saas: the cost dial", "| # | every | cost/month | RPO p95 |", "|---|"}},
		{append([]string{"run", "--trials", "300"}, zero...), []string{"Every penalty is zero, so the cost with its risk is only the running cost.", "downtime_cost: $400/h"}},
		{append([]string{"sweep", "--trials", "100", "--dial", "backups.nightly.every=12h,24h", "--out", t.TempDir()}, zero...), []string{"Every penalty is zero", "--set 'service.downtime_cost=$400/h'"}},
	} {
		code, out, errOut := costdial(tc.args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.args, code, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v lacks %q:\n%s", tc.args, w, out)
			}
		}
	}
	if _, out, _ := costdial("run", "--trials", "300"); strings.Contains(out, "Every penalty is zero") {
		t.Error("a run with penalties says they are zero")
	}
}

// run -o markdown gives each failure's RPO and RTO at the scenario's own
// target percentile, as the text report does: p99 for a scenario judged at
// p99, not p95.
func TestRunMarkdownByFailureAtTargetPercentile(t *testing.T) {
	code, out, stderr := costdial("run", "../../scenarios/replica-is-not-a-backup.yaml", "--trials", "50", "-o", "markdown")
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	if want := "| RPO mean | RPO p99 | RTO mean | RTO p99 |"; !strings.Contains(out, want) {
		t.Errorf("the by-failure table is not at p99:\n%s", out)
	}
}

// sweep passes --workers to the engine, and its output does not depend on
// it: one goroutine and three print the same bytes.
func TestSweepWorkersSameOutput(t *testing.T) {
	var outs []string
	for _, w := range []string{"1", "3"} {
		code, out, stderr := costdial("sweep", "--trials", "200", "--dial", "backups.nightly.every=12h,24h", "-o", "json", "--workers", w)
		if code != 0 {
			t.Fatalf("--workers %s: exit %d:\n%s", w, code, stderr)
		}
		outs = append(outs, out)
	}
	if outs[0] != outs[1] {
		t.Errorf("sweep -o json differs between --workers 1 and --workers 3")
	}
}

// Reports meant for people print plain decimals: no rate or share in the
// text or Markdown of a run is written in exponent notation ("1e-05").
func TestNoExponentNotation(t *testing.T) {
	exp := regexp.MustCompile(`\de[-+]\d`)
	files, _ := filepath.Glob("../../scenarios/*.yaml")
	// and a failure rare enough that its rate prints below 1e-4 a year:
	// at 1/20000y over 100,000 trials about 5 fires are seen, 0.00005 a year
	rare := []string{"--set", "failures.dc-fire.rate=1/20000y", "--trials", "100000"}
	runs := [][]string{rare}
	for _, f := range files {
		runs = append(runs, []string{f, "--trials", "2000"})
	}
	for _, args := range runs {
		for _, format := range []string{"text", "markdown"} {
			f := strings.Join(args, " ")
			code, out, errOut := costdial(append(append([]string{"run"}, args...), "-o", format)...)
			if code != 0 {
				t.Fatalf("%s -o %s: exit %d: %s", f, format, code, errOut)
			}
			if m := exp.FindString(out); m != "" {
				t.Errorf("%s -o %s prints %q in exponent notation:\n%s", f, format, m, out)
			}
		}
	}
}
