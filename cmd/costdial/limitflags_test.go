package main

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
)

// Loading a scenario checks every limit and names the flag that raises it
// (--max-file-size, --max-incidents, --max-trial-years, --max-designs), so
// every command that reads a scenario (those with --set) takes all four:
// an error must never tell a user to raise a limit with a flag the command
// refuses.
func TestLimitFlags(t *testing.T) {
	root := newRootCommand(io.Discard, io.Discard)
	n := 0
	for _, c := range root.Commands() {
		if c.Flags().Lookup("set") == nil {
			continue
		}
		n++
		for _, f := range []string{"max-file-size", "max-incidents", "max-trial-years", "max-trial-work", "max-designs"} {
			if c.Flags().Lookup(f) == nil {
				t.Errorf("%s reads a scenario but has no --%s", c.Name(), f)
			}
		}
	}
	if n < 8 {
		t.Errorf("only %d commands read a scenario, want validate, audit, run, sweep, plot, report, compare and explain", n)
	}

	// and audit obeys them: a file above --max-file-size is refused, naming it
	scenario, err := os.ReadFile("../../scenarios/small-saas.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := executeIn([]string{"audit", "-", "--max-file-size", "100B"}, bytes.NewReader(scenario), &out, &errOut); code != 1 ||
		!strings.Contains(errOut.String(), "(stdin): larger than 100 B") || !strings.Contains(errOut.String(), "--max-file-size") {
		t.Errorf("audit above --max-file-size: exit %d: %s", code, errOut.String())
	}
}

// Issue 23.23: standard input is read once, so a second "-" is refused;
// --max-incidents counts incidents, so a fraction is refused rather than
// rounded into a limit of 2.
func TestStdinOnceAndWholeLimits(t *testing.T) {
	scenario, _ := os.ReadFile("../../scenarios/small-saas.yaml")
	for _, command := range []string{"validate", "audit"} {
		var out, errOut bytes.Buffer
		code := executeIn([]string{command, "-", "-"}, bytes.NewReader(scenario), &out, &errOut)
		if code != 2 || !strings.Contains(errOut.String(), `"-" (standard input) is given twice`) {
			t.Errorf("%s - -: exit %d\n%s%s", command, code, out.String(), errOut.String())
		}
	}
	for _, v := range []string{"1.5", "0.5"} {
		code, _, stderr := costdial("run", "../../scenarios/small-saas.yaml", "--trials", "10", "--max-incidents", v)
		if code != 2 || !strings.Contains(stderr, "--max-incidents must be a whole number above zero") {
			t.Errorf("--max-incidents %s: exit %d\n%s", v, code, stderr)
		}
	}
	if code, _, stderr := costdial("run", "../../scenarios/small-saas.yaml", "--trials", "10", "--max-incidents", "1e6"); code != 0 {
		t.Errorf("--max-incidents 1e6: exit %d\n%s", code, stderr)
	}
}
