package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/costdial/costdial/internal/numfmt"
	"github.com/costdial/costdial/model/cost"
	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
)

// Run is the account of one run: every figure, verdict and sentence that
// `costdial run` prints, as text or Markdown, and that the report repeats,
// decided once from the scenario and the engine's result. A figure added
// to a list here (Summary, a table's columns) appears in every rendering.
type Run struct {
	Name        string
	Description string
	Setup       string // "5000 trials of 1 year, seed 1"
	// Summary holds the run's figures over every incident and year.
	Summary []Field
	// SummaryNotes say how to read the summary (total losses in the
	// percentiles).
	SummaryNotes []string
	Targets      Targets
	ByFailure    Table
	// Failures holds each failure's full figures (`run --per-failure`).
	Failures []FailureFigures
	// Cost is the cost to run a month by store and by job, with a total.
	Cost Table
	// ExpectedLoss splits the expected loss a month by cause.
	ExpectedLoss string
	// Closing states the design's cost to run, its expected loss and
	// their sum.
	Closing string
	// Advice says how to price the risk when every penalty is zero.
	Advice []string
	// Verdict is the report's verdict in two sentences: cost and targets,
	// then the risk of losing everything and the cost with risk.
	Verdict []string

	result *engine.Result
}

// Targets is the account of a run's targets: the goal, the share of
// incidents within each of the service's RPO and RTO and both, every
// target with whether it holds, and the verdict.
type Targets struct {
	Goal  string  // "RPO 24h and RTO 8h, both met by 95% of incidents"
	Lines []Field // the share within each target, and within both
	// List names every target (the service's RPO and RTO, each failure's
	// own, the total-loss rate), what the run measured and whether it
	// holds; empty when the service's RPO and RTO are the only target.
	List Table
	// Notes say how a total-loss target is judged, and how many trials
	// would show one this run could not.
	Notes   []string
	Verdict string // "This design meets its targets.", or why it misses
	Pass    bool   // every target holds
	// MissesIntro and Misses say, when the design misses its RPO and RTO,
	// which failures put incidents outside them and whether fixing one is
	// enough.
	MissesIntro string
	Misses      Table
}

// FailureFigures is one failure's full figures.
type FailureFigures struct {
	Title string  // "ransomware (ransomware): incidents 0.048 a year (1 in 21 years); no total losses"
	Lines []Field // data lost, downtime
}

// NewRun builds the account of the run r of scenario s.
func NewRun(s *scenario.Scenario, r *engine.Result) *Run {
	a := &Run{
		Name:        r.Scenario,
		Description: strings.TrimSpace(s.Description),
		Setup:       fmt.Sprintf("%s of %s, seed %d", numfmt.Count(r.Trials, "trial"), numfmt.Plural(r.Years, "year"), r.Seed),
		result:      r,
	}
	a.summary(r)
	a.Targets = targetsOf(r)
	a.byFailure(r)
	a.Cost = costTable(s.Active(), r.Currency, r.Cost, false)
	c, cur := r.Cost, r.Currency
	a.ExpectedLoss = fmt.Sprintf("Expected loss: downtime %s, lost writes %s, total loss %s",
		numfmt.Money(cur, c.PenaltyDowntime), numfmt.Money(cur, c.PenaltyDataLoss), numfmt.Money(cur, c.PenaltyTotalLoss))
	a.Closing = fmt.Sprintf("This design costs %s a month to run and carries %s a month of expected loss: %s a month with its risk.",
		numfmt.Money(cur, c.Monthly), numfmt.Money(cur, c.Penalty), numfmt.Money(cur, c.Total))
	a.Advice = noPenaltyAdvice(s)
	a.Verdict = verdict(r)
	return a
}

func (a *Run) summary(r *engine.Result) {
	tl := numfmt.Rate(r.TotalLoss.PerYear)
	if r.TotalLoss.Count > 0 || r.TotalLoss.CI95[1] > 0 {
		tl += fmt.Sprintf(", %s in all (95%% CI %s to %s a year)", numfmt.Group(float64(r.TotalLoss.Count)),
			numfmt.Sig(r.TotalLoss.CI95[0], 2), numfmt.Sig(r.TotalLoss.CI95[1], 2))
	}
	a.Summary = []Field{
		{"Incidents", numfmt.Rate(r.IncidentsPerYear)},
		{"Data lost (RPO)", summaryLine(r.RPO)},
		{"Downtime (RTO)", summaryLine(r.RTO)},
		{"Down per year", fmt.Sprintf("%s, availability %s", numfmt.MeanCI(r.Downtime.Mean, r.Downtime.CI95), numfmt.Pct(r.Availability))},
		{"Writes lost per year", fmt.Sprintf("%s of writes%s", numfmt.MeanCI(r.DataLoss.Mean, r.DataLoss.CI95), discardedNote(r))},
		{"Total loss", tl},
	}
	if r.RPO.TotalLosses > 0 {
		a.SummaryNotes = append(a.SummaryNotes, fmt.Sprintf("Total losses (%s of incidents) count as the worst outcome in the percentiles; means are over restored incidents.",
			numfmt.Pct(1-r.RPO.RestoredShare())))
	}
}

// discardedNote says how much of the lost writes a rollback discarded:
// writes made after logical damage, which the RPO does not count.
func discardedNote(r *engine.Result) string {
	if r.Discarded.Mean <= 0 {
		return ""
	}
	return fmt.Sprintf(", %s of them discarded by rollbacks of logical damage", numfmt.Hours(r.Discarded.Mean))
}

// summaryLine prints a summary: the mean over restored incidents and the
// percentiles over all, total losses counted as the worst.
func summaryLine(s engine.Summary) string {
	if s.Incidents() == 0 {
		return "no incidents"
	}
	if s.Count == 0 {
		return "every incident a total loss"
	}
	return fmt.Sprintf("mean %s, p50 %s, p90 %s, p95 %s, p99 %s, max %s",
		numfmt.MeanCI(s.Mean, s.MeanCI95), numfmt.Hours(s.P50), numfmt.Hours(s.P90), numfmt.Hours(s.P95), numfmt.Hours(s.P99), numfmt.Hours(s.Max))
}

// meanOf prints a summary's mean over restored incidents, or "-" when
// none was restored.
func meanOf(s engine.Summary) string {
	if s.Count == 0 {
		return "-"
	}
	return numfmt.Hours(s.Mean)
}

// at prints, in a sentence, a percentile that total losses may have
// pushed to infinity: "23.8h", or "a total loss".
func at(h float64) string {
	if math.IsInf(h, 1) {
		return "a " + numfmt.Unbounded
	}
	return numfmt.Hours(h)
}

// goal states the targets: "RPO 24h and RTO 8h, both met by 95% of
// incidents".
func goal(t engine.Targets) string {
	return fmt.Sprintf("RPO %s and RTO %s, both met by %g%% of incidents", numfmt.Hours(t.RPOHours), numfmt.Hours(t.RTOHours), t.Percentile)
}

// targetsOf decides whether the design meets its targets and why not:
// every goal of the result (engine.Result.Goals), the service's RPO and RTO
// both by the same incidents, as the engine counts them, never each
// target alone.
func targetsOf(r *engine.Result) Targets {
	t := r.Targets
	out := Targets{Goal: goal(t), Pass: r.Pass}
	if len(r.Goals) > 1 {
		out.Goal = goalsStated(r)
		out.List = goalTable(r)
		out.Notes = goalNotes(r)
	}
	if t.Incidents > 0 {
		out.Lines = []Field{
			{"within the RPO target:", fmt.Sprintf("%s of incidents (p%g %s)", numfmt.Pct(t.RPOMet), t.Percentile, at(t.RPOAt))},
			{"within the RTO target:", fmt.Sprintf("%s of incidents (p%g %s)", numfmt.Pct(t.RTOMet), t.Percentile, at(t.RTOAt))},
			{"within both:", fmt.Sprintf("%s of incidents (%s of %s; %s needed)", numfmt.Pct(t.Met),
				numfmt.Group(float64(t.MetCount)), numfmt.Group(float64(t.Incidents)), numfmt.Group(float64(t.Needed)))},
		}
	}
	switch {
	case r.Pass && t.Incidents == 0:
		out.Verdict = "No incidents were simulated: nothing missed the targets."
		return out
	case r.Pass:
		out.Verdict = "This design meets its targets."
		return out
	}
	words := missWords(r)
	if !t.Pass && r.TotalLoss.Count > 0 {
		words[0] += " (total losses count as the worst outcome)" // the service's RPO and RTO come first
	}
	why := strings.Join(words, "; ")
	out.Verdict = fmt.Sprintf("This design %s: %s.", strings.Replace(shortOf(r), "misses", "MISSES", 1), why)
	if t.Pass || t.Incidents == 0 {
		return out
	}
	out.MissesIntro = fmt.Sprintf("Incidents outside the RPO and RTO targets, by failure (%s of incidents may be):", numfmt.Pct(1-float64(t.Needed)/float64(t.Incidents)))
	out.Misses = Table{Head: []string{"failure", "share of incidents", "outside the targets", "fixing it alone"}}
	for _, m := range r.Misses() {
		var parts []string
		if m.TotalLosses > 0 {
			parts = append(parts, numfmt.Counted(m.TotalLosses, "total loss", "total losses"))
		}
		if n := m.RPO - m.TotalLosses; n > 0 {
			parts = append(parts, numfmt.Group(float64(n))+" beyond the RPO")
		}
		if n := m.RTO - m.TotalLosses; n > 0 {
			parts = append(parts, numfmt.Group(float64(n))+" beyond the RTO")
		}
		enough := ""
		if m.Enough {
			enough = "bringing it within the targets alone would meet them"
		}
		out.Misses.add([]string{m.Failure, numfmt.Pct(m.Share) + " of incidents", strings.Join(parts, ", "), enough}, false, false, "")
	}
	return out
}

func (a *Run) byFailure(r *engine.Result) {
	t := r.Targets
	p, pct := t.Percentile/100, numfmt.Percentile(t.Percentile)
	a.ByFailure = Table{
		Head:    []string{"failure", "kind", "incidents/y", "RPO mean", "RPO " + pct, "RTO mean", "RTO " + pct, "total loss", "total loss/y", "copies lost/y"},
		Numeric: []bool{false, false, true, true, true, true, true, true, true, true},
	}
	for _, name := range r.FailureOrder {
		f := r.Failures[name]
		a.ByFailure.add([]string{name, f.Kind, numfmt.PerYear(f.IncidentsPerYear),
			meanOf(f.RPO), numfmt.Hours(f.RPO.Quantile(p)), meanOf(f.RTO), numfmt.Hours(f.RTO.Quantile(p)),
			numfmt.Pct(f.TotalLossShare), numfmt.PerYear(f.TotalLossPerYear), numfmt.PerYear(f.CopiesLostPerYear)}, false, false, "")
		losses := "no total losses"
		if f.TotalLossPerYear > 0 {
			losses = fmt.Sprintf("total losses %s (%s of its incidents)", numfmt.Rate(f.TotalLossPerYear), numfmt.Pct(f.TotalLossShare))
		}
		a.Failures = append(a.Failures, FailureFigures{
			Title: fmt.Sprintf("%s (%s): incidents %s; %s", name, f.Kind, numfmt.Rate(f.IncidentsPerYear), losses),
			Lines: []Field{{"data lost:", summaryLine(f.RPO)}, {"downtime:", summaryLine(f.RTO)}},
		})
	}
}

// costTable is the cost to run a month of the design as it runs (a, from
// Scenario.Active), by store and, under each store, by job; withTotal adds
// each store's total as a last column.
func costTable(active *scenario.Scenario, cur string, c cost.Breakdown, withTotal bool) Table {
	t := Table{Head: []string{"store / job", "GiB held", "GiB billed", "storage", "transfer", "fixed", "restore tests", "restores"}}
	if withTotal {
		t.Head = append(t.Head, "total")
	}
	t.Numeric = make([]bool, len(t.Head))
	for i := 1; i < len(t.Head); i++ {
		t.Numeric[i] = true
	}
	money := func(v float64) string { return numfmt.Money(cur, v) }
	for _, st := range active.Stores {
		sc, ok := c.Stores[st.Name]
		if !ok {
			continue
		}
		row := []string{st.Name, numfmt.GiB(sc.GiB), numfmt.GiB(sc.BilledGiB), money(sc.Storage), money(sc.Transfer), money(sc.Fixed), money(sc.Tests), money(sc.Restores)}
		if withTotal {
			row = append(row, money(sc.Storage+sc.Transfer+sc.Fixed+sc.Tests+sc.Restores))
		}
		t.add(row, false, false, "")
		for _, b := range active.Backups {
			if j, ok := c.Jobs[b.Name]; ok && b.To == st.Name {
				row := []string{b.Name, numfmt.GiB(j.GiB), numfmt.GiB(j.BilledGiB), money(j.Storage), money(j.Transfer), "", "", ""}
				if withTotal {
					row = append(row, "")
				}
				t.add(row, false, true, "")
			}
		}
	}
	row := []string{"total", "", "", money(c.Storage), money(c.Transfer), money(c.Fixed), money(c.RestoreTests), money(c.Restores)}
	if withTotal {
		row = append(row, money(c.Monthly))
	}
	t.add(row, true, false, "")
	return t
}

// noPenaltyAdvice says, when every penalty is zero, that the cost with
// risk is only the running cost, and how to price the risk.
func noPenaltyAdvice(s *scenario.Scenario) []string {
	sv := s.Service
	if sv.DowntimeCost.Amount != 0 || sv.DataLossCost.Amount != 0 || sv.TotalLossCost.Amount != 0 {
		return nil
	}
	c := s.Currency()
	return []string{
		"Every penalty is zero, so the cost with its risk is only the running cost.",
		"To price the risk, give the service what an hour down, an hour of lost writes",
		fmt.Sprintf("and a total loss cost you, e.g. downtime_cost: %[1]s400/h, data_loss_cost: %[1]s1500/h,", c),
		fmt.Sprintf("total_loss_cost: %[1]s250000 (or --set 'service.downtime_cost=%[1]s400/h' and so on).", c),
	}
}

// verdict is the report's verdict on a run: whether it loses everything
// and how often (first, when it does), what it costs and whether it meets
// every target; then what it costs with its risk.
func verdict(r *engine.Result) []string {
	cur := r.Currency
	money := numfmt.Money(cur, r.Cost.Monthly)
	meets := "meets its targets: " + goalsPhrase(r)
	if !r.Pass {
		meets = shortOf(r) + ": " + strings.Join(missWords(r), "; ")
	}
	var first string
	if r.TotalLoss.Count > 0 {
		first = fmt.Sprintf("This design loses everything about %s (%s), costs %s a month to run and %s.",
			numfmt.OftenAtAll(r.TotalLoss.PerYear), lossCount(r), money, meets)
	} else {
		first = fmt.Sprintf("This design costs %s a month to run and %s.", money, meets)
	}
	years := float64(r.Trials) * r.Years
	var second string
	if r.TotalLoss.Count > 0 {
		second = fmt.Sprintf("With the expected cost of its incidents it costs %s a month.", numfmt.Money(cur, r.Cost.Total))
	} else {
		bound := "no bound"
		if r.TotalLoss.CI95[1] > 0 {
			bound = "rarer than " + numfmt.OftenAtAll(r.TotalLoss.CI95[1]) + " at 95% confidence"
		}
		second = fmt.Sprintf("It never lost everything in %s simulated years (%s); with the expected cost of its incidents it costs %s a month.",
			numfmt.Group(years), bound, numfmt.Money(cur, r.Cost.Total))
	}
	return []string{first, second}
}

// goalsPhrase states r's targets in a sentence: "at most 24h of data lost
// (RPO) and 8h down (RTO) in 95% of incidents, and at most 1 total loss in
// 500 years".
func goalsPhrase(r *engine.Result) string {
	var out []string
	for _, g := range r.Goals {
		t := g.Incidents
		switch {
		case g.Kind != engine.GoalIncidents:
			out = append(out, goalStated(g))
		case g.Failure == "":
			out = append(out, fmt.Sprintf("at most %s of data lost (RPO) and %s down (RTO) in %g%% of incidents", numfmt.Hours(t.RPOHours), numfmt.Hours(t.RTOHours), t.Percentile))
		default:
			out = append(out, fmt.Sprintf("for %s, at most %s lost and %s down in %g%% of its incidents", g.Failure, numfmt.Hours(t.RPOHours), numfmt.Hours(t.RTOHours), t.Percentile))
		}
	}
	if len(out) < 2 {
		return strings.Join(out, "")
	}
	return strings.Join(out[:len(out)-1], ", ") + " and " + out[len(out)-1]
}
