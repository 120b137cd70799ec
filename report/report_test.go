package report

import (
	"bytes"
	"context"
	"math"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/costdial/costdial/internal/golden"
	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/model/sweep"
	"github.com/costdial/costdial/scenarios"
)

// trials keeps the tests fast; the figures are those of this trial count.
const trials = "simulate.trials=4000"

var testMeta = Meta{Version: "test", Digest: "sha256:test", Command: "costdial report FILE"}

// build runs an example scenario and its dial and builds its account.
func build(t *testing.T, file string, sets ...string) *Document {
	t.Helper()
	data := scenarios.All()[file]
	if data == nil {
		t.Fatalf("no example scenario %s", file)
	}
	sets = append([]string{trials}, sets...)
	s, err := scenario.Load(file, data, sets)
	if err != nil {
		t.Fatal(err)
	}
	r, err := engine.Run(context.Background(), s, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var sw *sweep.Sweep
	if axes := sweep.Axes(s, nil); len(axes) > 0 {
		if sw, err = sweep.Run(context.Background(), file, data, sets, axes, sweep.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	a, err := Build(s, r, sw, testMeta)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestStructure checks, for every example scenario, that the account holds
// what the issue asks for, in its order: a verdict of two sentences, the
// design, the money, the risk, the dial when there is one, the
// assumptions, and a footer that reproduces it.
func TestStructure(t *testing.T) {
	files := make([]string, 0)
	for f := range scenarios.All() {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, file := range files {
		t.Run(file, func(t *testing.T) {
			a := build(t, file)
			if len(a.Verdict) != 2 {
				t.Errorf("verdict has %d sentences, want 2", len(a.Verdict))
			}
			v := strings.Join(a.Verdict, " ")
			for _, want := range []string{"a month to run", "its targets", "simulated years"} {
				if !strings.Contains(v, want) && !(want == "its targets" && strings.Contains(v, "target")) {
					t.Errorf("verdict %q does not say %q", v, want)
				}
			}
			if !regexp.MustCompile(`1 in [0-9,]+ years|[0-9.]+ a year|never lost everything`).MatchString(v) {
				t.Errorf("verdict %q gives no risk of losing everything as 1 in N years", v)
			}
			var ids []string
			for _, s := range a.Sections {
				ids = append(ids, s.ID)
			}
			want := []string{"design", "money", "risk", "assumptions"}
			if _, hasDial := dialOf(file); hasDial {
				want = []string{"design", "money", "risk", "dial", "assumptions"}
			}
			if strings.Join(ids, ",") != strings.Join(want, ",") {
				t.Errorf("sections %v, want %v", ids, want)
			}
			text := markdown(t, a)
			for _, must := range []string{"3-2-1 rule", "Cost to run, a month", "Expected loss, a month", "a month with its risk.",
				"Failures by the expected loss they cause", "Penalties", "seed", "Fields left at their default",
				"costdial test", "sha256:test", "command: costdial report FILE"} {
				if !strings.Contains(text, must) {
					t.Errorf("report does not contain %q", must)
				}
			}
			if strings.Contains(v, "misses") && !strings.Contains(text, "Incidents outside the RPO and RTO targets, by failure") &&
				!strings.Contains(text, "Every target and whether it holds") {
				t.Error("a target is missed but the report does not say which")
			}
			if _, hasDial := dialOf(file); hasDial {
				for _, must := range []string{"Every design of the dial", "Least cost with its risk"} {
					if !strings.Contains(text, must) {
						t.Errorf("dial section does not contain %q", must)
					}
				}
				// each chart, or the sentence that replaces it when every design ties
				for _, c := range []string{"cost-rpo", "cost-rto", "total-cost"} {
					if !strings.Contains(text, "(report-"+c+".png)") && !regexp.MustCompile(`not drawn, every design`).MatchString(text) {
						t.Errorf("dial section has neither %s.png nor the sentence replacing it", c)
					}
				}
				if !strings.Contains(text, "Cheapest design meeting the targets") && !strings.Contains(text, "No design meets the targets") {
					t.Error("dial section names no cheapest design meeting the targets and does not say none does")
				}
			}
		})
	}
}

func dialOf(file string) ([]sweep.Axis, bool) {
	s, err := scenario.Load(file, scenarios.All()[file], nil)
	if err != nil {
		return nil, false
	}
	return sweep.Axes(s, nil), len(s.Dial) > 0
}

func markdown(t *testing.T, a *Document) string {
	t.Helper()
	var b bytes.Buffer
	if err := a.WriteMarkdown(&b, "report-"); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestMarkdownGolden compares the Markdown of the bundled scenario with a
// reviewed one; `go test ./report -update` rewrites it.
func TestMarkdownGolden(t *testing.T) {
	got := markdown(t, build(t, "small-saas.yaml"))
	goldenFile(t, "small-saas.md", got)
}

// TestHTMLOutline compares the outline of the HTML page (its headings,
// table captions and chart names, in order) with a reviewed one.
func TestHTMLOutline(t *testing.T) {
	var b bytes.Buffer
	if err := build(t, "small-saas.yaml").WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`<h1>[^<]*</h1>|<h2>[^<]*</h2>|<caption>[^<]*</caption>|<figure class="chart[^"]*" id="[^"]*"`)
	goldenFile(t, "small-saas.outline", strings.Join(re.FindAllString(b.String(), -1), "\n")+"\n")
}

func goldenFile(t *testing.T, name, got string) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", name), []byte(got))
}

// TestHTMLStandsAlone checks the page fetches nothing and runs nothing:
// no script, no external stylesheet, font or image, no link off the page
// but the sources the assumptions cite.
func TestHTMLStandsAlone(t *testing.T) {
	var b bytes.Buffer
	if err := build(t, "small-saas.yaml").WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, bad := range []string{"<script", "<link", "<img", "@import", "@font-face", "url(", "<iframe", "<object", "<embed", " src="} {
		if strings.Contains(strings.ToLower(page), bad) {
			t.Errorf("page contains %q", bad)
		}
	}
	if n := strings.Count(page, "<svg"); n != 5 {
		t.Errorf("%d inline charts, want 5", n)
	}
	if strings.Contains(page, "<?xml") {
		t.Error("an XML prolog was left inside the page")
	}
}

func TestDialName(t *testing.T) {
	for path, want := range map[string]string{
		"backups.nightly.every":        "how often nightly runs",
		"stores.bucket.tier":           "storage tier of bucket",
		"stores.bucket.immutable":      "bucket immutable (locked against deletion)",
		"backups.nightly.restore_test": "how often nightly is restore-tested",
		"service.targets.rpo":          "service.targets.rpo",
	} {
		if got := DialName(path); got != want {
			t.Errorf("DialName(%q) = %q, want %q", path, got, want)
		}
	}
}

// TestMoneyAddsUp checks that the columns of the cost table add up to the
// cost to run, for every example: no component of the money is left out.
func TestMoneyAddsUp(t *testing.T) {
	for file, data := range scenarios.All() {
		s, err := scenario.Load(file, data, []string{"simulate.trials=1000"})
		if err != nil {
			t.Fatal(err)
		}
		r, err := engine.Run(context.Background(), s, engine.Options{})
		if err != nil {
			t.Fatal(err)
		}
		sum := 0.0
		for _, sc := range r.Cost.Stores {
			sum += sc.Storage + sc.Transfer + sc.Fixed + sc.Tests + sc.Restores
		}
		// the breakdown rounds each amount to 1/10000: a few of those apart at most
		if d := sum - r.Cost.Monthly; d > 0.001 || d < -0.001 {
			t.Errorf("%s: the stores' totals add up to %.4f, the cost to run is %.4f", file, sum, r.Cost.Monthly)
		}
	}
}

// TestLossRowsAddUp checks, for every example, that the rows of "Failures
// by the expected loss they cause" add up to the expected loss of the cost
// table: no downtime (rebuilds after total losses) or lost writes (those a
// rollback discards) are left out of every row. The engine rounds each
// figure to six significant digits, a relative error of at most 5e-6 each;
// a row multiplies or adds a few of them, so 1e-4 of the penalty bounds the
// difference with room to spare, while a left-out part (26% of small-saas's
// penalty before the discarded writes were counted) is far beyond it.
func TestLossRowsAddUp(t *testing.T) {
	for file, data := range scenarios.All() {
		s, err := scenario.Load(file, data, []string{"simulate.trials=1000"})
		if err != nil {
			t.Fatal(err)
		}
		r, err := engine.Run(context.Background(), s, engine.Options{})
		if err != nil {
			t.Fatal(err)
		}
		sum := 0.0
		for _, f := range r.Failures {
			sum += failureLoss(s, f)
		}
		if d := sum - r.Cost.Penalty; math.Abs(d) > 1e-4*r.Cost.Penalty+0.01 {
			t.Errorf("%s: the failures' rows add up to %.4f, the expected loss is %.4f", file, sum, r.Cost.Penalty)
		}
	}
}
