package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/costdial/costdial/internal/escape"
	"github.com/costdial/costdial/internal/numfmt"
	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/model/sweep"
)

// Sweep is the account of a sweep: the table of designs, the
// recommendation and the trade-off, and what tells the design with the
// scenario's own dial values from the scenario as written; `sweep` prints
// it as text, Markdown and CSV and the report's dial section repeats it.
type Sweep struct {
	Name  string
	Setup string   // "15 designs, 1500 trials of 1 year each, seed 1 (the same for every design)"
	Dial  string   // what the dial turns, for a reader who has not seen the scenario
	Pin   []string // axes with one value: "stores.bucket.tier=s3-standard"
	// Table has a row per design, in grid order; the cheapest design
	// meeting the targets and the one with least cost with its risk are
	// emphasised, and the first carries a note.
	Table  Table
	Goal   string // "RPO 24h and RTO 8h, both met by 95% of incidents"
	Legend string // what the marks of the table mean
	// Findings are the sweep's verdict: the cheapest design meeting the
	// targets (or the closest), the next cheaper one, the least cost with
	// risk and the trade-off between them.
	Findings []string
	// AsWritten says, when the design with the scenario's own dial values
	// is not the design as written, what tells them apart.
	AsWritten string
	Advice    []string
	// Files says which files were written, or how to have them written;
	// empty until Wrote is called.
	Files []string
	CSV   [][]string // sweep.csv: one row per design, raw figures

	sweep *sweep.Sweep
}

// NewSweep builds the account of the sweep sw of scenario s.
func NewSweep(s *scenario.Scenario, sw *sweep.Sweep) *Sweep {
	cur := s.Currency()
	r0 := sw.Points[0].Result
	t := r0.Targets
	a := &Sweep{
		Name: sw.Scenario,
		Setup: fmt.Sprintf("%s, %s of %s each, seed %d (the same for every design)",
			numfmt.Count(len(sw.Points), "design"), numfmt.Count(r0.Trials, "trial"), numfmt.Plural(r0.Years, "year"), r0.Seed),
		Goal:   goalsStated(r0),
		Legend: "* marks the Pareto front (cost to run, RPO, RTO, total losses).",
		Advice: noPenaltyAdvice(s),
		sweep:  sw,
	}
	turning := sweep.Turning(sw.Axes)
	names := sweep.Names(sw.Axes)
	var dials, choices []string
	for i, ax := range sw.Axes {
		if !slices.Contains(turning, i) {
			if len(ax.Choose) > 0 {
				a.Pin = append(a.Pin, names[i]+" "+ax.Values[0])
			} else {
				a.Pin = append(a.Pin, ax.Set+"="+ax.Values[0])
			}
			continue
		}
		if len(ax.Choose) > 0 {
			choices = append(choices, fmt.Sprintf("chooses between %s (%s)", andList(ax.Values), optionWords(ax)))
			continue
		}
		name := DialName(ax.Set)
		if name != ax.Set {
			name += " (" + ax.Set + ")"
		}
		dials = append(dials, fmt.Sprintf("%s: %s", name, strings.Join(ax.Values, ", ")))
	}
	if len(dials) > 0 {
		choices = append(choices, "turns "+strings.Join(dials, " and "))
	}
	a.Dial = fmt.Sprintf("The dial %s. That is %s, each run with the same %s and seed %d, so they differ by their design and not by chance.",
		strings.Join(choices, " and "), numfmt.Count(len(sw.Points), "design"), numfmt.Count(r0.Trials, "trial"), r0.Seed)

	pct := numfmt.Percentile(t.Percentile)
	a.Table.Head = []string{"#"}
	for _, i := range turning {
		a.Table.Head = append(a.Table.Head, names[i])
	}
	a.Table.Head = append(a.Table.Head, "cost/month", "RPO "+pct, "RTO "+pct, "total loss", "with risk/month", "targets", "front")
	a.Table.Numeric = make([]bool, len(a.Table.Head))
	for i := len(turning) + 1; i < len(turning)+6; i++ {
		a.Table.Numeric[i] = true
	}
	least := sw.LeastTotal()
	var dups []string
	for i, p := range sw.Points {
		row := []string{strconv.Itoa(p.Design)}
		for _, k := range turning {
			row = append(row, p.Values()[k])
		}
		r := p.Result
		row = append(row, numfmt.Money(cur, r.Cost.Monthly), optHours(p.RPOAtTarget), optHours(p.RTOAtTarget), numfmt.OneInShort(r.TotalLoss.PerYear),
			numfmt.Money(cur, r.Cost.Total), verdictCell(r), map[bool]string{true: "*", false: ""}[p.Pareto])
		note := ""
		switch {
		case sw.Cheapest != nil && *sw.Cheapest == i:
			note = "cheapest meeting targets"
		case p.SameAs != nil:
			note = fmt.Sprintf("same design as #%d", *p.SameAs)
			dups = append(dups, fmt.Sprintf("#%d as #%d", p.Design, *p.SameAs))
		}
		a.Table.add(row, (sw.Cheapest != nil && *sw.Cheapest == i) || i == least, false, note)
	}
	if len(dups) > 0 {
		a.Legend += fmt.Sprintf(" %s the same design as another (%s): the dial sets only fields of parts switched off, so each was run once.",
			map[bool]string{true: "One row is", false: "Some rows are"}[len(dups) == 1], strings.Join(dups, ", "))
	}
	a.findings(cur, sw)
	a.asWritten(sw)
	a.CSV = sweepCSV(sw)
	return a
}

// optHours prints a percentile that total losses may have made unbounded.
func optHours(v *float64) string {
	if v == nil {
		return numfmt.Unbounded
	}
	return numfmt.Hours(*v)
}

// verdictCell is a design's standing in the sweep's table: "met",
// "missed", or "not shown" when its only shortfall is a total-loss target
// the run was too short to show.
func verdictCell(r *engine.Result) string {
	if r.Pass {
		return "met"
	}
	for _, g := range r.Goals {
		if g.Verdict == engine.Missed {
			return "missed"
		}
	}
	return "not shown"
}

// findings decides the sweep's verdict, in sentences.
func (a *Sweep) findings(cur string, sw *sweep.Sweep) {
	t := sw.Points[0].Result.Targets
	name := func(p sweep.Point) string { return fmt.Sprintf("#%d (%s)", p.Design, p.Label) }
	add := func(format string, args ...any) { a.Findings = append(a.Findings, fmt.Sprintf(format, args...)) }
	if sw.Cheapest == nil {
		c := sw.Points[sw.Closest()]
		add("No design meets the targets. Closest: %s at %s a month, which misses them: %s.",
			name(c), numfmt.Money(cur, c.Result.Cost.Monthly), strings.Join(missWords(c.Result), "; "))
	} else {
		i := *sw.Cheapest
		c := sw.Points[i]
		losses := "no total loss"
		if tl := c.Result.TotalLoss; tl.Count > 0 {
			losses = "total losses " + numfmt.OftenAtAll(tl.PerYear)
		}
		add("Cheapest design meeting the targets: %s, at %s a month (RPO p%g %s, RTO p%g %s, %s).",
			name(c), numfmt.Money(cur, c.Result.Cost.Monthly), t.Percentile, optHours(c.RPOAtTarget), t.Percentile, optHours(c.RTOAtTarget), losses)
		if j := sw.NextCheaper(i); j >= 0 {
			n := sw.Points[j]
			var lost []string
			if nt := n.Result.Targets; !nt.Pass {
				if !nt.RPOPass {
					lost = append(lost, fmt.Sprintf("RPO p%g goes from %s to %s", t.Percentile, optHours(c.RPOAtTarget), optHours(n.RPOAtTarget)))
				}
				if !nt.RTOPass {
					lost = append(lost, fmt.Sprintf("RTO p%g goes from %s to %s", t.Percentile, optHours(c.RTOAtTarget), optHours(n.RTOAtTarget)))
				}
				if nt.RPOPass && nt.RTOPass {
					lost = append(lost, fmt.Sprintf("each target alone is met, both by %s of incidents", numfmt.Pct(nt.Met)))
				}
			}
			lost = append(lost, missWordsBut(n.Result, true)...)
			add("The next cheaper design, %s, saves %s a month and misses the targets: %s.",
				name(n), numfmt.Money(cur, numfmt.AsShown(c.Result.Cost.Monthly)-numfmt.AsShown(n.Result.Cost.Monthly)), strings.Join(lost, "; "))
		} else {
			add("It is also the cheapest design of the sweep.")
		}
	}
	lt := sw.Points[sw.LeastTotal()]
	meets := ""
	if !lt.MeetsTargets {
		meets = "; it misses the targets"
	}
	add("Least cost with its risk: %s, %s a month to run plus %s of expected loss%s.",
		name(lt), numfmt.Money(cur, lt.Result.Cost.Monthly), numfmt.Money(cur, lt.Result.Cost.Penalty), meets)
	if to := sw.TradeOff; to != nil {
		from, dest := sw.Points[to.From-1].Result.Cost, lt.Result.Cost
		add("Moving from #%d to #%d: %s, %s.", to.From, to.To,
			spendWords(cur, numfmt.AsShown(dest.Monthly)-numfmt.AsShown(from.Monthly)), avoidWords(cur, numfmt.AsShown(from.Penalty)-numfmt.AsShown(dest.Penalty)))
	} else if sw.Cheapest != nil {
		add("The cheapest design meeting the targets also costs least with its risk.")
	}
}

// andList joins words as "a, b and c".
func andList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// optionWords says what each named alternative of an axis sets: "today:
// as written; xregion: stores.xregion.enabled=true".
func optionWords(ax sweep.Axis) string {
	var out []string
	for _, c := range ax.Choose {
		var sets []string
		for _, x := range c.Set {
			sets = append(sets, x.Path+"="+x.Value)
		}
		if len(sets) == 0 {
			sets = []string{"as written"}
		}
		out = append(out, c.Name+": "+strings.Join(sets, ", "))
	}
	return strings.Join(out, "; ")
}

// spendWords says what a change of monthly cost (printed amounts) means.
func spendWords(cur string, more float64) string {
	switch {
	case more > 0:
		return "spend " + numfmt.Money(cur, more) + " more a month"
	case more < 0:
		return "spend " + numfmt.Money(cur, -more) + " less a month"
	}
	return "spend the same"
}

// avoidWords says what a change of expected loss (printed amounts) means.
func avoidWords(cur string, avoided float64) string {
	switch {
	case avoided > 0:
		return "avoid " + numfmt.Money(cur, avoided) + " of expected loss"
	case avoided < 0:
		return "carry " + numfmt.Money(cur, -avoided) + " more expected loss"
	}
	return "the same expected loss"
}

// asWritten says, when the design with the scenario's own dial values
// differs from the scenario as written, how: its row is not that design.
func (a *Sweep) asWritten(sw *sweep.Sweep) {
	if sw.AsWritten == nil || len(sw.Unlike) == 0 {
		return
	}
	p := sw.Points[*sw.AsWritten]
	var diffs []string
	for i, d := range sw.Unlike {
		is := " is "
		if i > 0 {
			is = " "
		}
		diffs = append(diffs, d.Path+is+orAbsent(d.B)+", not "+orAbsent(d.A))
	}
	why := ""
	tier := func(path string) bool { return strings.HasPrefix(path, "stores.") && strings.HasSuffix(path, ".tier") }
	for _, ax := range sw.Axes {
		turnsTier := tier(ax.Set)
		for _, c := range ax.Choose {
			for _, x := range c.Set {
				turnsTier = turnsTier || tier(x.Path)
			}
		}
		if turnsTier {
			why = " (a dial over a store's tier takes the tier's catalog figures)"
		}
	}
	a.AsWritten = fmt.Sprintf("Design #%d (%s) has the scenario's own dial values but is not the design as written: %s%s.",
		p.Design, p.Label, strings.Join(diffs, ", and "), why)
}

// orAbsent is a field's value, or "absent" when it has none.
func orAbsent(v string) string {
	if v == "" {
		return "absent"
	}
	return v
}

// sweepCSV is sweep.csv: a header, then one row per design with every dial
// value and the raw figures, as numbers a spreadsheet reads. A figure with
// no value is an empty cell, as JSON's null: the percentile of a design
// whose incidents at it are total losses, the mean of one with no incident
// restored.
func sweepCSV(sw *sweep.Sweep) [][]string {
	var header []string
	names := sweep.Names(sw.Axes)
	for i, a := range sw.Axes {
		if len(a.Choose) > 0 {
			header = append(header, names[i])
			continue
		}
		header = append(header, a.Set)
	}
	header = append(header, "monthly", "penalty_per_month", "total_per_month", "rpo_at_target_hours", "rto_at_target_hours",
		"rpo_mean_hours", "rto_mean_hours", "incidents_per_year", "availability", "total_loss_per_year", "meets_targets", "pareto",
		"total_loss_ci95_low", "total_loss_ci95_high", "same_as")
	rows := [][]string{header}
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	opt := func(v *float64) string {
		if v == nil {
			return ""
		}
		return f(*v)
	}
	mean := func(s engine.Summary) string {
		if s.Count == 0 {
			return ""
		}
		return f(s.Mean)
	}
	for _, p := range sw.Points {
		r := p.Result
		row := append([]string(nil), p.Values()...)
		row = append(row, f(r.Cost.Monthly), f(r.Cost.Penalty), f(r.Cost.Total), opt(p.RPOAtTarget), opt(p.RTOAtTarget),
			mean(r.RPO), mean(r.RTO), f(r.IncidentsPerYear), f(r.Availability), f(r.TotalLoss.PerYear),
			strconv.FormatBool(p.MeetsTargets), strconv.FormatBool(p.Pareto),
			f(r.TotalLoss.CI95[0]), f(r.TotalLoss.CI95[1]), "")
		if p.SameAs != nil {
			row[len(row)-1] = strconv.Itoa(*p.SameAs)
		}
		rows = append(rows, row)
	}
	return rows
}

// Wrote records the files a sweep wrote (files, shown as the user will
// find them) and, for each chart left out, why (skipped); with no files,
// that none was written and how to have them.
func (a *Sweep) Wrote(files, skipped []string) {
	if len(files) == 0 {
		a.Files = []string{"No files written: --out DIR writes sweep.json, sweep.csv and the charts."}
		return
	}
	shown := make([]string, len(files))
	for i, f := range files {
		shown[i] = escape.Terminal(f) // a file name may hold anything
	}
	a.Files = append([]string{"Wrote " + strings.Join(shown, ", ")}, skipped...)
}
