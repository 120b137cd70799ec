package engine

import "math"

// Kinds of goal.
const (
	// GoalIncidents: an RPO and an RTO met together by a percentile of
	// incidents, the service's or (Failure set) one failure's.
	GoalIncidents = "incidents"
	// GoalTotalLoss: at most a rate of total losses a year.
	GoalTotalLoss = "total_loss"
)

// Verdicts of a goal.
const (
	Met    = "met"
	Missed = "missed"
	// Unproven: the measured rate is within the target, but its 95%
	// interval reaches beyond it: the run is too short to show it is met.
	Unproven = "unproven"
)

// Goal is one target a design is judged by: what the scenario asks, what
// the run measured against it and whether it holds. Result.Goals lists
// them all, and the design meets its targets when every one holds
// (Result.Pass). Each kind of target is a Kind of Goal, with the same
// fields: a new kind of target is another entry in the list.
type Goal struct {
	Kind string `json:"kind"`
	// Failure names the failure whose incidents an incidents goal
	// counts; empty for the service's (every incident).
	Failure string `json:"failure,omitempty"`
	// Measured is what the run measured, in the goal's unit: for
	// incidents the share within both targets, for total losses their
	// rate a year; CI95 its 95% interval, when it has one (an incidents
	// goal counts whole incidents exactly).
	Measured float64     `json:"measured"`
	CI95     *[2]float64 `json:"ci95,omitempty"`
	// Limit is what the goal allows: for incidents the least share
	// within both (the percentile over 100), for total losses the most a
	// year.
	Limit   float64 `json:"limit"`
	Verdict string  `json:"verdict"` // Met, Missed or Unproven
	Pass    bool    `json:"pass"`    // Verdict is Met
	// TrialsToShow is, for an unproven goal, about how many trials (of
	// the same years) would show it met if the rate stays what this run
	// measured; 0 when no run within the limits could.
	TrialsToShow int64 `json:"trials_to_show,omitempty"`
	// Incidents holds an incidents goal's figures (Result.Targets, or
	// its failure's Targets).
	Incidents *Targets `json:"-"`
}

// garwood0 is the upper end of the exact 95% Poisson interval of a count
// of zero: −ln(0.025). With no total loss in E years, the rate is shown
// below garwood0 / E a year.
const garwood0 = 3.6888794541139363

// YearsToShow is the fewest simulated years (trials times years) that can
// show a rate of total losses below max a year: those of a run with none
// at all, whose interval then ends at max.
func YearsToShow(max float64) float64 { return garwood0 / max }

// maxTrialsToShow is the most trials TrialsToShow names: the most a run
// may hold (scenario.DefaultLimits.TrialYears is 1e9 trial-years).
const maxTrialsToShow = 1e9

// goals judges r against every target of its scenario: the service's
// RPO and RTO, each failure's own, and the total-loss rate, in that order
// (failures in scenario order). pass is that every one holds.
func goals(r *Result, m *model, years float64) (gs []Goal, pass bool) {
	incidents := func(failure string, t *Targets) Goal {
		g := Goal{Kind: GoalIncidents, Failure: failure, Measured: t.Met, Limit: t.Percentile / 100, Verdict: Missed, Incidents: t}
		if t.Pass {
			g.Verdict = Met
		}
		return g
	}
	gs = append(gs, incidents("", &r.Targets))
	for _, name := range r.FailureOrder {
		if f := r.Failures[name]; f.Targets != nil {
			gs = append(gs, incidents(name, f.Targets))
		}
	}
	if max := m.totalLossTarget; max > 0 {
		tl := r.TotalLoss
		ci := tl.CI95
		g := Goal{Kind: GoalTotalLoss, Measured: tl.PerYear, CI95: &ci, Limit: round(max)}
		switch {
		case ci[1] <= max:
			g.Verdict = Met
		case tl.PerYear > max:
			g.Verdict = Missed
		default:
			g.Verdict = Unproven
			g.TrialsToShow = trialsToShow(tl.PerYear, max, m.s.Simulate.Years, r.Trials)
		}
		gs = append(gs, g)
	}
	pass = true
	for i := range gs {
		gs[i].Pass = gs[i].Verdict == Met
		pass = pass && gs[i].Pass
	}
	return gs, pass
}

// trialsToShow is about how many trials of years each would bound a rate
// of rate a year below max at 95% (the exact Poisson interval), were the
// rate what was measured; 0 past maxTrialsToShow. The count is the least
// multiple of 1 trial found by bisection above the trials already run.
func trialsToShow(rate, max, years float64, trials int) int64 {
	shows := func(n float64) bool {
		exposure := n * years
		return poissonCI(int64(math.Round(rate*exposure)), exposure)[1] <= max
	}
	if rate == 0 {
		n := math.Ceil(garwood0 / (max * years))
		if n > maxTrialsToShow {
			return 0
		}
		return int64(n)
	}
	lo, hi := float64(trials), 2*float64(trials)
	for !shows(hi) {
		if hi > maxTrialsToShow {
			return 0
		}
		lo, hi = hi, 2*hi
	}
	for hi-lo > math.Max(1, lo/1000) {
		mid := math.Floor((lo + hi) / 2)
		if shows(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return int64(hi)
}
