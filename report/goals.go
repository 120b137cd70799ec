package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/costdial/costdial/internal/numfmt"
	"github.com/costdial/costdial/model/engine"
)

// The words of the targets: every goal of a result (engine.Goal) stated,
// measured and judged, once, for the run, the sweep and the report.

// goalStated states one goal: "RPO 24h and RTO 8h, both met by 95% of
// incidents", "at most 1 total loss in 500 years", "disk-dies: RPO 4h
// and RTO 1h, both met by 99% of its incidents".
func goalStated(g engine.Goal) string {
	switch g.Kind {
	case engine.GoalTotalLoss:
		return "at most 1 total loss in " + numfmt.Every(g.Limit) + " years"
	}
	t := g.Incidents
	if g.Failure == "" {
		return goal(*t)
	}
	return fmt.Sprintf("%s: RPO %s and RTO %s, both met by %g%% of its incidents", g.Failure, numfmt.Hours(t.RPOHours), numfmt.Hours(t.RTOHours), t.Percentile)
}

// goalsStated states every goal of r, the service's first: what the
// design is judged by.
func goalsStated(r *engine.Result) string {
	var out []string
	for _, g := range r.Goals {
		out = append(out, goalStated(g))
	}
	return strings.Join(out, "; ")
}

// holds is a goal's verdict in a table: "yes", "no", or "not shown".
func holds(g engine.Goal) string {
	switch g.Verdict {
	case engine.Met:
		return "yes"
	case engine.Unproven:
		return "not shown"
	}
	return "no"
}

// lossRate says how often a run lost everything, with its interval, in
// the words of numfmt.OftenAtAll; with none, in how many years, and how
// rare the interval shows it is (rarer than 1 in 813 years at 95%
// confidence, for 3,000 years).
func lossRate(tl engine.TotalLoss, years float64) string {
	if tl.Count == 0 {
		return fmt.Sprintf("none in %s years (rarer than %s at 95%% confidence)", numfmt.Group(years), numfmt.OftenAtAll(tl.CI95[1]))
	}
	if tl.CI95[0] <= 0 {
		return fmt.Sprintf("%s (at most %s at 95%% confidence)", numfmt.OftenAtAll(tl.PerYear), numfmt.OftenAtAll(tl.CI95[1]))
	}
	return fmt.Sprintf("%s (95%% CI %s to %s)", numfmt.OftenAtAll(tl.PerYear), numfmt.OftenAtAll(tl.CI95[0]), numfmt.OftenAtAll(tl.CI95[1]))
}

// goalMeasured says what the run measured against g.
func goalMeasured(g engine.Goal, r *engine.Result) string {
	if g.Kind == engine.GoalTotalLoss {
		return lossRate(r.TotalLoss, float64(r.Trials)*r.Years)
	}
	t := g.Incidents
	if t.Incidents == 0 {
		return "no incidents"
	}
	its := ""
	if g.Failure != "" {
		its = "its "
	}
	pct := numfmt.Percentile(t.Percentile)
	return fmt.Sprintf("%s of %sincidents within both (RPO %s %s, RTO %s %s)", numfmt.Pct(t.Met), its, pct, numfmt.Hours(t.RPOAt), pct, numfmt.Hours(t.RTOAt))
}

// goalTable names every target of r, what it asks, what the run measured
// and whether it holds.
func goalTable(r *engine.Result) Table {
	t := Table{Head: []string{"target", "asks", "measured", "holds"}}
	for _, g := range r.Goals {
		name := "RPO and RTO"
		ask := goalStated(g)
		switch {
		case g.Kind == engine.GoalTotalLoss:
			name = "total losses"
		case g.Failure != "":
			name = "RPO and RTO of " + g.Failure
			ask = strings.TrimPrefix(ask, g.Failure+": ")
		}
		t.add([]string{name, ask, goalMeasured(g, r), holds(g)}, false, false, "")
	}
	return t
}

// goalNotes say, for a total-loss target this run was too short to show,
// how such a target is judged and how many trials would show it.
func goalNotes(r *engine.Result) []string {
	var out []string
	for _, g := range r.Goals {
		if g.Kind != engine.GoalTotalLoss || g.Verdict != engine.Unproven {
			continue
		}
		note := fmt.Sprintf("A total-loss target holds only when the upper end of the rate's 95%% interval is within it; this run's ends at %s, short of %s. Even with no total loss at all, showing %s takes %s simulated years (this run has %s).",
			numfmt.OftenAtAll(r.TotalLoss.CI95[1]), numfmt.OneIn(g.Limit), numfmt.OneIn(g.Limit),
			numfmt.Group(math.Ceil(engine.YearsToShow(g.Limit))), numfmt.Group(float64(r.Trials)*r.Years))
		if g.TrialsToShow > 0 {
			note += fmt.Sprintf(" About %s trials would show it, if the rate stays as measured (--trials %d).", numfmt.Group(float64(g.TrialsToShow)), g.TrialsToShow)
		} else {
			note += " The rate measured is so close to the target that no run within the limits could show it."
		}
		out = append(out, note)
	}
	return out
}

// missWords says, for each goal r misses, how: "RPO p95 is a total loss
// against 24h", "total losses 1 in 16 years against at most 1 in 500".
func missWords(r *engine.Result) []string { return missWordsBut(r, false) }

// missWordsBut is missWords, leaving out the service's RPO and RTO when
// skip is set.
func missWordsBut(r *engine.Result, skip bool) []string {
	var out []string
	for _, g := range r.Goals {
		if g.Pass || skip && g.Kind == engine.GoalIncidents && g.Failure == "" {
			continue
		}
		if g.Kind == engine.GoalTotalLoss {
			out = append(out, lossMiss(g, r))
			continue
		}
		w := incidentsMiss(*g.Incidents)
		if g.Failure != "" {
			w = g.Failure + ": " + w
		}
		out = append(out, w)
	}
	return out
}

// shortOf says how a design that does not pass falls short: it "misses
// its targets", or, when the only shortfall is a total-loss target the run
// was too short to show, it "is not shown to meet its targets".
func shortOf(r *engine.Result) string {
	for _, g := range r.Goals {
		if g.Verdict == engine.Missed {
			return "misses its targets"
		}
	}
	return "is not shown to meet its targets"
}

// lossMiss says how a total-loss goal is missed, or not shown.
func lossMiss(g engine.Goal, r *engine.Result) string {
	if g.Verdict == engine.Unproven {
		return fmt.Sprintf("total losses: %s shows them rarer than %s, not than %s",
			lossCount(r), numfmt.OftenAtAll(r.TotalLoss.CI95[1]), numfmt.OneIn(g.Limit))
	}
	return fmt.Sprintf("total losses %s against at most %s", numfmt.OftenAtAll(g.Measured), numfmt.OneIn(g.Limit))
}

// lossCount counts a run's total losses in its simulated years: "617
// total losses in 3,000 simulated years", "none in 3,000 simulated years".
func lossCount(r *engine.Result) string {
	years := numfmt.Group(float64(r.Trials) * r.Years)
	if r.TotalLoss.Count == 0 {
		return "none in " + years + " simulated years"
	}
	return numfmt.Counted(r.TotalLoss.Count, "total loss", "total losses") + " in " + years + " simulated years"
}

// incidentsMiss says how an RPO and RTO goal is missed: "RPO p95 is a
// total loss against 24h, RTO p95 is 9h against 8h", or, when each alone
// is met, by how much both together are not.
func incidentsMiss(t engine.Targets) string {
	pct := numfmt.Percentile(t.Percentile)
	var missed []string
	if !t.RPOPass {
		missed = append(missed, fmt.Sprintf("RPO %s is %s against %s", pct, at(t.RPOAt), numfmt.Hours(t.RPOHours)))
	}
	if !t.RTOPass {
		missed = append(missed, fmt.Sprintf("RTO %s is %s against %s", pct, at(t.RTOAt), numfmt.Hours(t.RTOHours)))
	}
	if len(missed) == 0 {
		return fmt.Sprintf("each target alone is met, but not both by the same incidents (%s of incidents meet both, %g%% needed)", numfmt.Pct(t.Met), t.Percentile)
	}
	return strings.Join(missed, ", ")
}
