package report

import (
	"bytes"
	"context"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/model/sweep"
	"github.com/costdial/costdial/scenarios"
)

// Issue 20: decisions that see catastrophes. Each test names the item it
// checks.

// options is testdata/options.yaml of model/sweep: a design whose p95
// cannot see a fire that takes the live data and the copy beside it 1 in
// 20 years, and its options.
var options = func() string {
	b, err := os.ReadFile("../model/sweep/testdata/options.yaml")
	if err != nil {
		panic(err)
	}
	return string(b)
}()

// load, run and sweep an inline scenario.
func decide(t *testing.T, yaml string, sets ...string) (*scenario.Scenario, *engine.Result, *sweep.Sweep) {
	t.Helper()
	s, err := scenario.Load("options.yaml", []byte(yaml), sets)
	if err != nil {
		t.Fatal(err)
	}
	r, err := engine.Run(context.Background(), s, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	sw, err := sweep.Run(context.Background(), "options.yaml", []byte(yaml), sets, sweep.Axes(s, nil), sweep.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s, r, sw
}

func text(t *testing.T, write func(io.Writer) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// Items 1 and 3: the design meets its RPO and RTO at p95 and loses
// everything 1 in 20 years; the run's text and the report's verdict say it
// misses its targets, the total-loss target is listed with its interval
// and "no", and the report's verdict says "1 in N years" in its first
// sentence, its box red.
func TestTotalLossInTheVerdict(t *testing.T) {
	s, r, sw := decide(t, options)
	if !r.Targets.Pass || r.Pass {
		t.Fatalf("RPO and RTO met %v, pass %v: want the p95 blind and the design failing", r.Targets.Pass, r.Pass)
	}
	run := NewRun(s, r)
	out := text(t, func(b io.Writer) error { return run.WriteText(b, false) })
	for _, want := range []string{
		"Targets: RPO 24h and RTO 24h, both met by 95% of incidents; at most 1 total loss in 500 years",
		"This design MISSES its targets: total losses 1 in ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("run text lacks %q:\n%s", want, out)
		}
	}
	if !regexp.MustCompile(`(?m)^  total losses\s+at most 1 total loss in 500 years\s+1 in \d+ years \(95% CI 1 in \d+ years to 1 in \d+ years\)\s+no$`).MatchString(out) {
		t.Errorf("run text does not list the total-loss target with its interval and verdict:\n%s", out)
	}
	if strings.Contains(out, "meets its targets") {
		t.Errorf("run text says the design meets its targets:\n%s", out)
	}
	d, err := Build(s, r, sw, testMeta)
	if err != nil {
		t.Fatal(err)
	}
	if d.Pass || !regexp.MustCompile(`^This design loses everything about 1 in \d+ years \(\d+ total losses in 3,000 simulated years\), costs \$\d+\.\d\d a month to run and misses its targets: total losses 1 in \d+ years against at most 1 in 500 years\.$`).MatchString(d.Verdict[0]) {
		t.Errorf("pass %v, verdict %q", d.Pass, d.Verdict[0])
	}
	page := text(t, d.WriteHTML)
	if !strings.Contains(page, "border-left: 5px solid var(--bad)") {
		t.Error("the report's verdict box is not red")
	}
	if !strings.Contains(page, "<caption>Every target and whether it holds</caption>") {
		t.Error("the report does not list every target")
	}
}

// Item 1: a total-loss target a run is too short to show is "not shown",
// with the trials that would show it.
func TestTotalLossNotShown(t *testing.T) {
	s, r, _ := decide(t, options, "service.targets.total_loss=1/1000y", "stores.far.enabled=true", "simulate.trials=1000")
	g := r.Goals[len(r.Goals)-1]
	if g.Verdict != engine.Unproven {
		t.Fatalf("goal %+v: want unproven (no loss in 1,000 years cannot show 1 in 1,000)", g)
	}
	out := text(t, func(b io.Writer) error { return NewRun(s, r).WriteText(b, false) })
	for _, want := range []string{
		"not shown",
		"A total-loss target holds only when the upper end of the rate's 95% interval is within it",
		"showing 1 in 1,000 years takes 3,689 simulated years (this run has 1,000)",
		"About 3,689 trials would show it, if the rate stays as measured (--trials 3689).",
		"This design is not shown to meet its targets: total losses: none in 1,000 simulated years shows them rarer than 1 in 271 years, not than 1 in 1,000 years.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("run text lacks %q:\n%s", want, out)
		}
	}
}

// Item 2: a failure's own targets are listed by name, with whether they
// hold, in the text, the Markdown and the report.
func TestFailureTargetsListed(t *testing.T) {
	s, r, sw := decide(t, options, "failures.disk.targets.rpo=1h", "stores.far.enabled=true")
	run := NewRun(s, r)
	d, err := Build(s, r, sw, testMeta)
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{
		"text":     text(t, func(b io.Writer) error { return run.WriteText(b, false) }),
		"markdown": text(t, run.WriteMarkdown),
		"report":   markdown(t, d),
	} {
		row := regexp.MustCompile(`RPO and RTO of disk\W+RPO 1h and RTO 24h, both met by 95% of its incidents\W+\d+\.\d% of its incidents within both \(RPO p95 [^)]+\)\W+no`)
		if !row.MatchString(out) {
			t.Errorf("%s does not list disk's targets as missed:\n%s", name, out)
		}
		if !strings.Contains(out, "disk: RPO p95 is ") {
			t.Errorf("%s does not say how disk's targets are missed", name)
		}
	}
}

// Item 4 and 5: the sweep's table has a total-loss column and names its
// alternatives; the cheapest design, which loses everything 1 in 20 years,
// is never the cheapest meeting the targets; the two price axes have
// names of their own; a design the same as another says so. When no design
// meets the targets, none is ringed or called recommended.
func TestSweepSeesCatastrophes(t *testing.T) {
	s, _, sw := decide(t, options)
	a := NewSweep(s, sw)
	out := text(t, a.WriteText)
	for _, want := range []string{
		"  #  OPTION  COST/MONTH  RPO P95  RTO P95  TOTAL LOSS  WITH RISK/MONTH  TARGETS  FRONT",
		"Cheapest design meeting the targets: #2 (far)",
		"same design as #1",
		"Pinned: stores.far.price=$0.02/GiB-month, stores.far2.price=$0.03/GiB-month",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("sweep text lacks %q:\n%s", want, out)
		}
	}
	if !regexp.MustCompile(`(?m)^  1  today\s+\S+\s+\S+\s+\S+\s+1 in \d+ y\s+\S+\s+missed`).MatchString(out) {
		t.Errorf("today's row does not show its total losses and its miss:\n%s", out)
	}
	if !strings.Contains(a.Legend, "#4 as #1") {
		t.Errorf("legend %q does not say #4 is #1", a.Legend)
	}
	md := text(t, a.WriteMarkdown)
	if !strings.Contains(md, "| total loss |") || !strings.Contains(md, "same design as #1") {
		t.Errorf("sweep Markdown lacks the total-loss column or the duplicate:\n%s", md)
	}
	csv := text(t, a.WriteCSV)
	if head := strings.SplitN(csv, "\n", 2)[0]; !strings.HasPrefix(head, "option,stores.far.price,stores.far2.price,") || !strings.Contains(head, "total_loss_per_year") || !strings.HasSuffix(head, "same_as") {
		t.Errorf("CSV header %q", head)
	}
	// both prices turning: two names
	s2, _, sw2 := decide(t, strings.Replace(strings.Replace(options, "values: [$0.02/GiB-month]", "values: [$0.02/GiB-month, $0.04/GiB-month]", 1),
		"values: [$0.03/GiB-month]", "values: [$0.03/GiB-month, $0.06/GiB-month]", 1))
	if h := NewSweep(s2, sw2).Table.Head; strings.Join(h[:4], " ") != "# option far.price far2.price" {
		t.Errorf("head %v, want far.price and far2.price", h)
	}
	// nothing meets a target no run can show: nothing is recommended
	s, _, sw = decide(t, options, "service.targets.total_loss=1/1000000y")
	a = NewSweep(s, sw)
	if !strings.HasPrefix(a.Findings[0], "No design meets the targets. Closest: #2 (far) at ") {
		t.Errorf("findings %q", a.Findings[0])
	}
	charts, err := SweepCharts(s, sw)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range charts {
		if c.Chart == nil {
			continue
		}
		svg, err := c.Chart.InlineSVG(c.Caption)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(svg), "recommended") || strings.Contains(string(svg), "cheapest meeting") {
			t.Errorf("%s names a design recommended when none meets the targets", c.Name)
		}
	}
}

// Item 6: the cost-with-risk chart draws a bar per design (not per value
// of the first dial), leaving out a design the same as another; a chart
// on which every design ties is replaced by a sentence.
func TestChartsForTheDecision(t *testing.T) {
	s, _, sw := decide(t, options)
	charts, err := SweepCharts(s, sw)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]Chart{}
	for _, c := range charts {
		byName[c.Name] = c
	}
	total := byName["total-cost"]
	if total.Chart == nil || total.Caption != "Cost with risk of every design" {
		t.Fatalf("total-cost: %q, %q", total.Caption, total.Empty)
	}
	svg, err := total.Chart.InlineSVG(total.Caption)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"today (#1)", "far (#2)", "other (#3)"} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("total-cost has no bar %q", want)
		}
	}
	if strings.Contains(string(svg), "(#4)") {
		t.Error("total-cost draws #4, the same design as #1")
	}
	// every design loses at most 23h at p95 and is down the same: those
	// charts are sentences
	for _, name := range []string{"cost-rto"} {
		if c := byName[name]; c.Chart != nil || !strings.HasPrefix(c.Empty, "every design's downtime at p95 is ") {
			t.Errorf("%s: drawn %v, %q; want a sentence that every design ties", name, c.Chart != nil, c.Empty)
		}
	}
	// a sweep of the bundled scenario, 15 designs: a bar for each
	data := scenarios.Bundled()
	bs, err := scenario.Load(scenarios.Default, data, []string{"simulate.trials=300"})
	if err != nil {
		t.Fatal(err)
	}
	bsw, err := sweep.Run(context.Background(), scenarios.Default, data, []string{"simulate.trials=300"}, sweep.Axes(bs, nil), sweep.Options{})
	if err != nil {
		t.Fatal(err)
	}
	bars, _, caption := costBars(bsw, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14})
	if len(bars) != 15 || caption != "Cost with risk of every design" || bars[10].Label != "every=24h tier=s3-glacier-instant-retrieval (#11)" {
		t.Errorf("%d bars, %q, #11 %q; want one per design", len(bars), caption, bars[10].Label)
	}
	var many []int
	for i := range 21 {
		many = append(many, i%15)
	}
	if bars, _, caption := costBars(bsw, many); len(bars) != 5 || !strings.HasPrefix(caption, "Cost with risk along") {
		t.Errorf("21 designs: %d bars, %q; want one per value of the first dial", len(bars), caption)
	}
}
