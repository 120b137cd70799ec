package main

import (
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// parse runs cmd on args as the command line would, with its run replaced
// by the runF the command was made with: flags are parsed and checked,
// nothing is simulated or written.
func parse(t *testing.T, cmd *cobra.Command, args ...string) error {
	t.Helper()
	cmd.SetArgs(args)
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	return cmd.Execute()
}

// Each command's flags parse into its options apart from running it:
// files, formats, overrides (--trials and the like become --set
// overrides after the file's own), dials and limits.
func TestFlagsParse(t *testing.T) {
	t.Run("run", func(t *testing.T) {
		var got *runOptions
		cmd := newRunCommand(func(o *runOptions) error { got = o; return nil })
		if err := parse(t, cmd, "my.yaml", "--trials", "500", "--seed", "7", "--set", "backups.nightly.every=4h", "-o", "markdown", "--per-failure", "--workers", "2"); err != nil {
			t.Fatal(err)
		}
		if got.sim.file != "my.yaml" || got.format != "markdown" || !got.perFailure || got.sim.workers != 2 {
			t.Errorf("options %+v", got)
		}
		if want := []string{"backups.nightly.every=4h", "simulate.trials=500", "simulate.seed=7"}; !reflect.DeepEqual(got.sim.overrides(), want) {
			t.Errorf("overrides %v, want %v", got.sim.overrides(), want)
		}
	})
	t.Run("sweep", func(t *testing.T) {
		var got *sweepOptions
		cmd := newSweepCommand(func(o *sweepOptions) error { got = o; return nil })
		if err := parse(t, cmd, "--dial", "backups.nightly.every=1h,4h", "--dial", "stores.bucket.tier=s3-standard", "--out", "dir", "-o", "csv", "--max-designs", "20"); err != nil {
			t.Fatal(err)
		}
		if got.sim.file != "" || got.out != "dir" || got.format != "csv" || len(got.dials) != 2 || got.sim.limit.limits().Designs != 20 {
			t.Errorf("options %+v", got)
		}
		if axes, err := parseDials(got.dials); err != nil || axes[0].Set != "backups.nightly.every" || len(axes[0].Values) != 2 {
			t.Errorf("dials %+v: %v", axes, err)
		}
	})
	t.Run("compare", func(t *testing.T) {
		var got *compareOptions
		cmd := newCompareCommand(func(o *compareOptions) error { got = o; return nil })
		if err := parse(t, cmd, "a.yaml", "b.yaml", "--both", "backups.nightly.kind=pitr", "-o", "json"); err != nil {
			t.Fatal(err)
		}
		if got.sim.file != "a.yaml" || got.second != "b.yaml" || !reflect.DeepEqual(got.both, []string{"backups.nightly.kind=pitr"}) || got.format != "json" {
			t.Errorf("options %+v", got)
		}
	})
	t.Run("explain", func(t *testing.T) {
		var got *explainOptions
		cmd := newExplainCommand(func(o *explainOptions) error { got = o; return nil })
		if err := parse(t, cmd, "--failure", "ransomware", "--worst", "--n", "3"); err != nil {
			t.Fatal(err)
		}
		if got.failure != "ransomware" || !got.worst || got.n != 3 {
			t.Errorf("options %+v", got)
		}
	})
	t.Run("report", func(t *testing.T) {
		var got *reportOptions
		var line string
		cmd := newReportCommand(func(o *reportOptions, command string) error { got, line = o, command; return nil })
		if err := parse(t, cmd, "my.yaml", "-o", "markdown", "--out", "r.md", "--set", "a.b=it's"); err != nil {
			t.Fatal(err)
		}
		if got.sim.file != "my.yaml" || got.format != "markdown" || got.out != "r.md" {
			t.Errorf("options %+v", got)
		}
		// the footer's command line quotes what a shell would need quoted
		if want := `report my.yaml --set 'a.b=it'\''s' --output markdown --out r.md`; line != want {
			t.Errorf("command line %q, want %q", line, want)
		}
	})
	t.Run("audit", func(t *testing.T) {
		var got *auditOptions
		cmd := newAuditCommand(func(o *auditOptions) error { got = o; return nil })
		if err := parse(t, cmd, "a.yaml", "b.yaml", "--set", "stores.nas.enabled=false", "-o", "json"); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.files, []string{"a.yaml", "b.yaml"}) || got.format != "json" || len(got.sets) != 1 {
			t.Errorf("options %+v", got)
		}
	})
	t.Run("validate", func(t *testing.T) {
		var got *validateOptions
		cmd := newValidateCommand(func(o *validateOptions) error { got = o; return nil })
		if err := parse(t, cmd, "-", "-o", "json", "--max-file-size", "2MiB"); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got.files, []string{"-"}) || got.output != "json" || got.limit.limits().FileBytes != 2<<20 {
			t.Errorf("options %+v", got)
		}
	})
	t.Run("tiers", func(t *testing.T) {
		var got *tiersOptions
		cmd := newTiersCommand(func(o *tiersOptions) error { got = o; return nil })
		if err := parse(t, cmd, "wasabi", "-o", "wide"); err != nil {
			t.Fatal(err)
		}
		if got.name != "wasabi" || got.output != "wide" {
			t.Errorf("options %+v", got)
		}
	})
	t.Run("plot", func(t *testing.T) {
		var got *plotOptions
		cmd := newPlotCommand(func(o *plotOptions) error { got = o; return nil })
		if err := parse(t, cmd, "--out", "charts"); err != nil {
			t.Fatal(err)
		}
		if got.out != "charts" || got.sim.file != "" {
			t.Errorf("options %+v", got)
		}
	})
}

// Mistakes in the flags are refused before anything runs: the run
// function is never called.
func TestFlagsRefused(t *testing.T) {
	ran := false
	for _, tc := range []struct {
		cmd  *cobra.Command
		args []string
		want string
	}{
		{newRunCommand(func(*runOptions) error { ran = true; return nil }), []string{"-o", "xml"}, `unknown --output "xml"`},
		{newRunCommand(func(*runOptions) error { ran = true; return nil }), []string{"a.yaml", "b.yaml"}, "accepts at most 1 arg"},
		{newSweepCommand(func(*sweepOptions) error { ran = true; return nil }), []string{"--trials", "many"}, `invalid argument "many"`},
		{newTiersCommand(func(*tiersOptions) error { ran = true; return nil }), []string{"-o", "csv"}, `unknown --output "csv"`},
		{newValidateCommand(func(*validateOptions) error { ran = true; return nil }), nil, "requires at least 1 arg"},
		{newReportCommand(func(*reportOptions, string) error { ran = true; return nil }), []string{"-o", "pdf"}, `unknown --output "pdf"`},
	} {
		err := parse(t, tc.cmd, tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s %v: error %v, want %q", tc.cmd.Name(), tc.args, err, tc.want)
		}
	}
	if ran {
		t.Error("a command ran with flags it should have refused")
	}
}
