package report

import (
	"fmt"
	"math"

	"github.com/costdial/costdial/internal/numfmt"
	"github.com/costdial/costdial/model/compare"
	"github.com/costdial/costdial/model/engine"
)

// Compare is the account of two designs run on the same failures: their
// figures side by side, the paired difference B − A with its interval, and
// a verdict on whether the difference is beyond the noise.
type Compare struct {
	Setup   string // "Two designs on the same failures: 1500 trials of 1 year, seed 1"
	A, B    string // what each design is: a file and its --set flags
	Table   Table  // a row per figure: A, B and B − A
	Notes   []string
	Verdict string

	json compareJSON
}

// compareJSON is the JSON of a comparison.
type compareJSON struct {
	A           *engine.Result `json:"a"`
	B           *engine.Result `json:"b"`
	Trials      int            `json:"trials"`
	Blocks      int            `json:"blocks"`
	Monthly     compare.Diff   `json:"monthly"`
	Penalty     compare.Diff   `json:"penalty_per_month"`
	Total       compare.Diff   `json:"total_per_month"`
	Downtime    compare.Diff   `json:"downtime_hours_per_year"`
	DataLoss    compare.Diff   `json:"data_loss_hours_per_year"`
	TotalLosses compare.Diff   `json:"total_losses_per_year"`
}

// NewCompare builds the account of the comparison c of design A (labelled
// labelA) and design B.
func NewCompare(labelA, labelB string, c *compare.Comparison) *Compare {
	ra, rb := c.A, c.B
	cur := ra.Currency
	a := &Compare{
		Setup: fmt.Sprintf("Two designs on the same failures: %d trials of %s, seed %d", ra.Trials, numfmt.Plural(ra.Years, "year"), ra.Seed),
		A:     labelA, B: labelB,
		json: compareJSON{A: c.A, B: c.B, Trials: c.Trials, Blocks: c.Blocks, Monthly: c.Monthly, Penalty: c.Penalty,
			Total: c.Total, Downtime: c.Downtime, DataLoss: c.DataLoss, TotalLosses: c.TotalLosses},
	}
	a.Table.Head = []string{"", "A", "B", "B − A (95% CI, paired)"}
	row := func(cells ...string) { a.Table.add(cells, false, false, "") }
	money := func(v float64) string { return numfmt.Money(cur, v) }
	signed := func(v float64) string { return numfmt.Signed(cur, v) }
	row("Cost to run a month", money(ra.Cost.Monthly), money(rb.Cost.Monthly), diffText(c.Monthly, signed))
	row("Expected loss a month", money(ra.Cost.Penalty), money(rb.Cost.Penalty), diffText(c.Penalty, signed))
	row("Cost with risk a month", money(ra.Cost.Total), money(rb.Cost.Total), diffText(c.Total, signed))
	pcts := func(s engine.Summary) string {
		if s.Count == 0 {
			return "none restored"
		}
		return fmt.Sprintf("%s / %s / %s", numfmt.Hours(s.P50), numfmt.Hours(s.P95), numfmt.Hours(s.P99))
	}
	row("Data lost p50 / p95 / p99", pcts(ra.RPO), pcts(rb.RPO), "")
	row("Downtime p50 / p95 / p99", pcts(ra.RTO), pcts(rb.RTO), "")
	row("Down per year", numfmt.Hours(ra.Downtime.Mean), numfmt.Hours(rb.Downtime.Mean), diffText(c.Downtime, numfmt.SignedHours))
	row("Writes lost per year", numfmt.Hours(ra.DataLoss.Mean), numfmt.Hours(rb.DataLoss.Mean), diffText(c.DataLoss, numfmt.SignedHours))
	row("Total losses per year", numfmt.Sig(ra.TotalLoss.PerYear, 2), numfmt.Sig(rb.TotalLoss.PerYear, 2), diffText(c.TotalLosses, signedNumber))
	row("Targets", targetsWord(ra), targetsWord(rb), "")
	ta, tb := ra.Targets, rb.Targets
	if ta.RPOHours != tb.RPOHours || ta.RTOHours != tb.RTOHours || ta.Percentile != tb.Percentile {
		a.Notes = append(a.Notes, fmt.Sprintf("(the designs have different targets: A RPO %s RTO %s at p%g, B RPO %s RTO %s at p%g)",
			numfmt.Hours(ta.RPOHours), numfmt.Hours(ta.RTOHours), ta.Percentile, numfmt.Hours(tb.RPOHours), numfmt.Hours(tb.RTOHours), tb.Percentile))
	}
	a.Verdict = compareVerdict(cur, c)
	return a
}

// targetsWord says whether a design meets every target, with the share of
// incidents within both its RPO and RTO, and, when those are met, which
// other target it misses.
func targetsWord(r *engine.Result) string {
	t := r.Targets
	word := "met"
	switch {
	case !r.Pass && t.Pass:
		word = "MISSED: " + otherMisses(r)
	case !r.Pass:
		word = "MISSED"
	}
	return fmt.Sprintf("%s within both, %s", numfmt.Pct(t.Met), word)
}

// diffText prints a difference with its interval, or "same" when both
// designs gave exactly the same figures.
func diffText(d compare.Diff, f func(float64) string) string {
	if d.Mean == 0 && d.CI95 == [2]float64{0, 0} {
		return "same"
	}
	if d.CI95[0] == d.CI95[1] {
		return f(d.Mean) + " (exact)"
	}
	if math.IsInf(d.CI95[0], 0) {
		return f(d.Mean) + " (too few trials for an interval)"
	}
	return fmt.Sprintf("%s (%s to %s)", f(d.Mean), f(d.CI95[0]), f(d.CI95[1]))
}

// signedNumber prints a difference of a count a year: "+0.054", "−0.0032".
func signedNumber(v float64) string {
	if v < 0 {
		return "−" + numfmt.Sig(-v, 2)
	}
	return "+" + numfmt.Sig(v, 2)
}

// compareVerdict says in a sentence how B differs from A, and whether the
// difference in the cost with risk is beyond the noise.
func compareVerdict(cur string, c *compare.Comparison) string {
	m, p, t := c.Monthly.Mean, c.Penalty.Mean, c.Total
	more := func(v float64, what string) string {
		switch {
		case numfmt.AsShown(math.Abs(v)) == 0:
			return "the same " + what
		case v > 0:
			return numfmt.Money(cur, v) + " a month more " + what
		}
		return numfmt.Money(cur, -v) + " a month less " + what
	}
	s := fmt.Sprintf("B costs %s and carries %s", more(m, "to run"), more(p, "expected loss"))
	if t.CI95 == [2]float64{0, 0} && t.Mean == 0 {
		return s + ": the two designs behave identically on these failures."
	}
	dir := "cheaper"
	if t.Mean > 0 {
		dir = "dearer"
	}
	s += fmt.Sprintf(": with its risk it is %s a month %s than A", numfmt.Money(cur, math.Abs(t.Mean)), dir)
	if t.CI95[0] == t.CI95[1] {
		return s + " (the incidents are the same; only the running cost differs)."
	}
	if math.IsInf(t.CI95[0], 0) {
		return s + ", but with fewer than two blocks of trials the noise cannot be judged."
	}
	lo, hi := t.CI95[0], t.CI95[1]
	if t.Mean < 0 { // say the interval of the saving, as positive amounts
		lo, hi = -hi, -lo
	}
	s += fmt.Sprintf(" (95%% CI %s to %s, paired over the same %s trials)", numfmt.Money(cur, lo), numfmt.Money(cur, hi), numfmt.Group(float64(c.Trials)))
	if t.Beyond {
		return s + ", beyond the noise."
	}
	return s + ": within the noise; more trials or a larger change would tell them apart."
}
