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
		for _, f := range []string{"max-file-size", "max-incidents", "max-trial-years", "max-designs"} {
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
