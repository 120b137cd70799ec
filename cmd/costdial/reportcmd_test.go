package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportCommand checks that report writes what it says it writes and
// nothing else, in both formats, and refuses a bad format.
func TestReportCommand(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name  string
		args  []string
		code  int
		files []string // written under dir, and nothing else
		say   string   // on stdout or stderr
	}{
		{"html", []string{"report", "../../scenarios/small-saas.yaml", "--trials", "500", "--out", filepath.Join(dir, "html", "r.html")}, 0,
			[]string{"r.html"}, "Wrote " + filepath.Join(dir, "html", "r.html")},
		{"markdown with its charts beside it", []string{"report", "../../scenarios/small-saas.yaml", "--trials", "500", "-o", "markdown", "--out", filepath.Join(dir, "md", "budget.md")}, 0,
			[]string{"budget-cost-rpo.png", "budget-cost-rto.png", "budget-rpo-cdf.png", "budget-rto-cdf.png", "budget-total-cost.png", "budget.md"}, "budget-cost-rpo.png"},
		{"unknown format", []string{"report", "-o", "pdf", "--out", filepath.Join(dir, "bad", "r.pdf")}, 2, nil, `unknown --output "pdf" (html, markdown)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := costdial(tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tc.code, out, errOut)
			}
			if !strings.Contains(out+errOut, tc.say) {
				t.Errorf("output does not say %q:\n%s%s", tc.say, out, errOut)
			}
			sub := filepath.Dir(tc.args[len(tc.args)-1])
			entries, _ := os.ReadDir(sub)
			var got []string
			for _, e := range entries {
				got = append(got, e.Name())
			}
			if strings.Join(got, " ") != strings.Join(tc.files, " ") {
				t.Errorf("wrote %v, want %v", got, tc.files)
			}
		})
	}
	// the footer reproduces the command
	page, err := os.ReadFile(filepath.Join(dir, "html", "r.html"))
	if err != nil {
		t.Fatal(err)
	}
	want := "command: costdial report ../../scenarios/small-saas.yaml --trials 500 --out " + filepath.Join(dir, "html", "r.html")
	if !strings.Contains(string(page), want) {
		t.Errorf("the footer does not give the command %q", want)
	}
}

// TestSweepWritesOnlyWhenAsked checks that sweep without --out writes no
// file and says so.
func TestSweepWritesOnlyWhenAsked(t *testing.T) {
	t.Chdir(t.TempDir())
	code, out, errOut := costdial("sweep", "--trials", "200")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "No files written: --out DIR writes") {
		t.Errorf("sweep does not say it wrote nothing:\n%s", out)
	}
	if entries, _ := os.ReadDir("."); len(entries) != 0 {
		t.Errorf("sweep without --out wrote %d entries", len(entries))
	}
}

// report reads --dial as sweep does: one field turned by two --dial flags
// is refused, not settled silently by the last.
func TestReportRefusesDialGivenTwice(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.html")
	code, _, stderr := costdial("report", "../../scenarios/small-saas.yaml", "--trials", "20", "--out", out,
		"--dial", "backups.nightly.every=1h,2h", "--dial", "backups.nightly.every=3h")
	if want := "--dial backups.nightly.every is given twice"; code != 2 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, want 2; stderr lacks %q:\n%s", code, want, stderr)
	}
}
