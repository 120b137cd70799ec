package report

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/model/sweep"
)

// hourUnit is a unit to print hours in.
type hourUnit struct {
	suffix string
	hours  float64 // hours in one unit
}

var (
	unitSeconds = hourUnit{"s", 1.0 / 3600}
	unitMinutes = hourUnit{"min", 1.0 / 60}
	unitHours   = hourUnit{"h", 1}
	unitDays    = hourUnit{"d", 24}
	unitYears   = hourUnit{"y", 8760}
)

// unitFor is the unit a person would use for h hours: seconds under a
// minute, minutes under an hour, hours under two days, days under two
// years (78 days rather than 0.214y), years beyond.
func unitFor(h float64) hourUnit {
	switch {
	case h < 1.0/60:
		return unitSeconds
	case h < 1:
		return unitMinutes
	case h < 48:
		return unitHours
	case h < 2*8760:
		return unitDays
	}
	return unitYears
}

// fmtHours prints hours in the unit a person would use; +Inf, a total
// loss counted as the worst outcome, prints as "total loss".
func fmtHours(h float64) string {
	switch {
	case math.IsInf(h, 1):
		return "total loss"
	case h == 0:
		return "0"
	}
	return fmtIn(unitFor(h), h)
}

// fmtIn prints h hours in unit u, with 3 significant digits and no
// exponent.
func fmtIn(u hourUnit, h float64) string {
	if h == 0 {
		return "0"
	}
	return sig(h/u.hours, 3) + u.suffix
}

// fmtMeanCI prints a mean and its interval in one unit, the mean's.
func fmtMeanCI(mean float64, ci [2]float64) string {
	u := unitFor(mean)
	if mean == 0 {
		u = unitFor(ci[1])
	}
	return fmt.Sprintf("%s (95%% CI %s to %s)", fmtIn(u, mean), fmtIn(u, ci[0]), fmtIn(u, ci[1]))
}

// sig prints v with n significant digits in plain decimal notation
// (0.000012, never 1.2e-05; 1200, never 1.2e+03).
func sig(v float64, n int) string {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	e := int(math.Floor(math.Log10(math.Abs(v))))
	scale := math.Pow(10, float64(n-1-e))
	r := math.Round(v*scale) / scale
	if d := n - 1 - e; d > 0 {
		t := strings.TrimRight(strconv.FormatFloat(r, 'f', d, 64), "0")
		return strings.TrimSuffix(t, ".")
	}
	return strconv.FormatFloat(r, 'f', 0, 64)
}

// fmtMoney prints an amount with the scenario's currency.
func fmtMoney(cur string, v float64) string {
	switch {
	case v >= 100:
		return fmt.Sprintf("%s%s", cur, groupThousands(math.Round(v)))
	case v >= 0.005 || v == 0:
		return fmt.Sprintf("%s%.2f", cur, v)
	default:
		return fmt.Sprintf("%s%.2g", cur, v)
	}
}

// fmtAt prints, in a sentence, a percentile that total losses may have
// pushed to infinity.
func fmtAt(h float64) string {
	if math.IsInf(h, 1) {
		return "a total loss"
	}
	return fmtHours(h)
}

// asShown rounds an amount the way fmtMoney prints it, so that a difference
// of two printed amounts is the difference the reader computes.
func asShown(v float64) float64 {
	if v >= 100 {
		return math.Round(v)
	}
	return math.Round(v*100) / 100
}

func groupThousands(v float64) string {
	s := fmt.Sprintf("%.0f", v)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// fmtRate prints a yearly rate, with "1 in N years" for rare events.
func fmtRate(perYear float64) string {
	switch {
	case perYear == 0:
		return "none seen"
	case perYear < 0.1:
		return fmt.Sprintf("%s a year (1 in %s years)", sig(perYear, 2), groupThousands(math.Round(1/perYear)))
	default:
		return fmt.Sprintf("%s a year", sig(perYear, 3))
	}
}

// fmtPerYear prints a yearly rate in a table column: 3 significant digits
// in plain decimals.
func fmtPerYear(perYear float64) string {
	if perYear == 0 {
		return "0"
	}
	return sig(perYear, 3)
}

// pct prints a share as a percentage: small shares with two significant
// digits (0.021%), shares just short of all with three decimals.
func pct(f float64) string {
	if f > 0 && f < 0.001 {
		return sig(f*100, 2) + "%"
	}
	if f == 0 || f == 1 {
		return fmt.Sprintf("%.0f%%", f*100)
	}
	if f > 0.999 && f < 1 {
		return fmt.Sprintf("%.3f%%", f*100)
	}
	return fmt.Sprintf("%.1f%%", f*100)
}

// discardedNote says how much of the lost writes a rollback discarded:
// writes made after logical damage, which the RPO does not count.
func discardedNote(r *engine.Result) string {
	if r.Discarded.Mean <= 0 {
		return ""
	}
	return fmt.Sprintf(", %s of them discarded by rollbacks of logical damage", fmtHours(r.Discarded.Mean))
}

// WriteRun prints a run as the terminal text of `costdial run`.
func WriteRun(out io.Writer, s *scenario.Scenario, r *engine.Result, perFailure bool) error {
	cur := r.Currency
	fmt.Fprintf(out, "%s: %s of %s, seed %d\n", r.Scenario, count(r.Trials, "trial"), plural(r.Years, "year"), r.Seed)
	if s.Description != "" {
		fmt.Fprintf(out, "%s\n", strings.TrimSpace(s.Description))
	}
	fmt.Fprintln(out)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Incidents\t%s\n", fmtRate(r.IncidentsPerYear))
	fmt.Fprintf(tw, "Data lost (RPO)\t%s\n", summaryLine(r.RPO))
	fmt.Fprintf(tw, "Downtime (RTO)\t%s\n", summaryLine(r.RTO))
	fmt.Fprintf(tw, "Down per year\t%s, availability %s\n", fmtMeanCI(r.Downtime.Mean, r.Downtime.CI95), pct(r.Availability))
	fmt.Fprintf(tw, "Writes lost per year\t%s of writes%s\n", fmtMeanCI(r.DataLoss.Mean, r.DataLoss.CI95), discardedNote(r))
	tl := fmtRate(r.TotalLoss.PerYear)
	if r.TotalLoss.Count > 0 || r.TotalLoss.CI95[1] > 0 {
		tl += fmt.Sprintf(", %s in all (95%% CI %s to %s a year)", groupThousands(float64(r.TotalLoss.Count)), sig(r.TotalLoss.CI95[0], 2), sig(r.TotalLoss.CI95[1], 2))
	}
	fmt.Fprintf(tw, "Total loss\t%s\n", tl)
	if err := tw.Flush(); err != nil {
		return err
	}
	if n := r.RPO.TotalLosses; n > 0 {
		fmt.Fprintf(out, "Total losses (%s of incidents) count as the worst outcome in the percentiles; means are over restored incidents.\n",
			pct(1-r.RPO.RestoredShare()))
	}

	writeTargets(out, r)

	t := r.Targets
	p := t.Percentile / 100
	fmt.Fprintln(out, "\nBy failure:")
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  FAILURE\tKIND\tINCIDENTS/Y\tRPO MEAN\tRPO P%g\tRTO MEAN\tRTO P%g\tTOTAL LOSS\tTOTAL LOSS/Y\tCOPIES LOST/Y\n", t.Percentile, t.Percentile)
	for _, name := range r.FailureOrder {
		f := r.Failures[name]
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", name, f.Kind, fmtPerYear(f.IncidentsPerYear),
			fmtMean(f.RPO), fmtHours(f.RPO.Quantile(p)), fmtMean(f.RTO), fmtHours(f.RTO.Quantile(p)),
			pct(f.TotalLossShare), fmtPerYear(f.TotalLossPerYear), fmtPerYear(f.CopiesLostPerYear))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if perFailure {
		for _, name := range r.FailureOrder {
			f := r.Failures[name]
			losses := "no total losses"
			if f.TotalLossPerYear > 0 {
				losses = fmt.Sprintf("total losses %s (%s of its incidents)", fmtRate(f.TotalLossPerYear), pct(f.TotalLossShare))
			}
			fmt.Fprintf(out, "\n%s (%s): incidents %s; %s\n", name, f.Kind, fmtRate(f.IncidentsPerYear), losses)
			fmt.Fprintf(out, "  data lost: %s\n  downtime:  %s\n", summaryLine(f.RPO), summaryLine(f.RTO))
		}
	}

	c := r.Cost
	fmt.Fprintln(out, "\nCost per month:")
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  STORE / JOB\tGIB HELD\tGIB BILLED\tSTORAGE\tTRANSFER\tFIXED\tRESTORE TESTS\tRESTORES\t")
	for _, st := range s.Stores {
		sc, ok := c.Stores[st.Name]
		if !ok {
			continue
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", st.Name, fmtGiB(sc.GiB), fmtGiB(sc.BilledGiB),
			fmtMoney(cur, sc.Storage), fmtMoney(cur, sc.Transfer), fmtMoney(cur, sc.Fixed), fmtMoney(cur, sc.Tests), fmtMoney(cur, sc.Restores))
		for _, b := range s.Backups {
			if j, ok := c.Jobs[b.Name]; ok && b.To == st.Name {
				fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\t%s\t\t\t\t\n", b.Name, fmtGiB(j.GiB), fmtGiB(j.BilledGiB), fmtMoney(cur, j.Storage), fmtMoney(cur, j.Transfer))
			}
		}
	}
	fmt.Fprintf(tw, "  total\t\t\t%s\t%s\t%s\t%s\t%s\t\n", fmtMoney(cur, c.Storage), fmtMoney(cur, c.Transfer), fmtMoney(cur, c.Fixed), fmtMoney(cur, c.RestoreTests), fmtMoney(cur, c.Restores))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(out, "  Expected loss: downtime %s, lost writes %s, total loss %s\n",
		fmtMoney(cur, c.PenaltyDowntime), fmtMoney(cur, c.PenaltyDataLoss), fmtMoney(cur, c.PenaltyTotalLoss))
	fmt.Fprintf(out, "\nThis design costs %s a month to run and carries %s a month of expected loss: %s a month with its risk.\n",
		fmtMoney(cur, c.Monthly), fmtMoney(cur, c.Penalty), fmtMoney(cur, c.Total))
	writeNoPenalties(out, s)
	return nil
}

func fmtGiB(v float64) string {
	if v >= 100 {
		return groupThousands(math.Round(v))
	}
	return fmt.Sprintf("%.3g", v)
}

// plural prints "1 year", "2.5 years".
// count writes a whole number of things: "1 trial", "20000 trials".
func count(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

func plural(n float64, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%g %ss", n, unit)
}

func metWord(ok bool) string {
	if ok {
		return "met"
	}
	return "MISSED"
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
		fmtMeanCI(s.Mean, s.MeanCI95), fmtHours(s.P50), fmtHours(s.P90), fmtHours(s.P95), fmtHours(s.P99), fmtHours(s.Max))
}

// fmtMean prints a summary's mean over restored incidents, or "-" when
// none was restored.
func fmtMean(s engine.Summary) string {
	if s.Count == 0 {
		return "-"
	}
	return fmtHours(s.Mean)
}

// writeTargets prints whether the design meets its targets and, when it
// does not, which failures cause the miss and how much of it each causes.
func writeTargets(out io.Writer, r *engine.Result) {
	t := r.Targets
	fmt.Fprintf(out, "\nTargets: RPO %s and RTO %s, both met by %g%% of incidents\n", fmtHours(t.RPOHours), fmtHours(t.RTOHours), t.Percentile)
	if t.Incidents == 0 {
		fmt.Fprintln(out, "  No incidents were simulated: nothing missed them.")
		return
	}
	fmt.Fprintf(out, "  within the RPO target: %s of incidents (p%g %s)\n", pct(t.RPOMet), t.Percentile, fmtAt(t.RPOAt))
	fmt.Fprintf(out, "  within the RTO target: %s of incidents (p%g %s)\n", pct(t.RTOMet), t.Percentile, fmtAt(t.RTOAt))
	fmt.Fprintf(out, "  within both:           %s of incidents (%s of %s; %s needed)\n",
		pct(t.Met), groupThousands(float64(t.MetCount)), groupThousands(float64(t.Incidents)), groupThousands(float64(t.Needed)))
	if t.Pass {
		fmt.Fprintln(out, "  This design meets its targets.")
		return
	}
	var missed []string
	if !t.RPOPass {
		missed = append(missed, fmt.Sprintf("RPO p%g is %s against %s", t.Percentile, fmtAt(t.RPOAt), fmtHours(t.RPOHours)))
	}
	if !t.RTOPass {
		missed = append(missed, fmt.Sprintf("RTO p%g is %s against %s", t.Percentile, fmtAt(t.RTOAt), fmtHours(t.RTOHours)))
	}
	why := strings.Join(missed, ", ")
	if why == "" {
		why = "each target alone is met, but not both by the same incidents"
	}
	if r.TotalLoss.Count > 0 {
		why += "; total losses count as the worst outcome"
	}
	fmt.Fprintf(out, "  This design MISSES its targets: %s.\n", why)
	fmt.Fprintf(out, "  Incidents outside the targets, by failure (%s of incidents may be):\n", pct(1-float64(t.Needed)/float64(t.Incidents)))
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for _, m := range r.Misses() {
		var parts []string
		if m.TotalLosses > 0 {
			parts = append(parts, counted(m.TotalLosses, "total loss", "total losses"))
		}
		if n := m.RPO - m.TotalLosses; n > 0 {
			parts = append(parts, fmt.Sprintf("%s beyond the RPO", groupThousands(float64(n))))
		}
		if n := m.RTO - m.TotalLosses; n > 0 {
			parts = append(parts, fmt.Sprintf("%s beyond the RTO", groupThousands(float64(n))))
		}
		enough := ""
		if m.Enough {
			enough = "\tbringing it within the targets alone would meet them"
		}
		fmt.Fprintf(tw, "    %s\t%s of incidents\t(%s)%s\n", m.Failure, pct(m.Share), strings.Join(parts, ", "), enough)
	}
	tw.Flush()
}

// counted prints "1 total loss", "2 total losses", "1,234 total losses".
func counted(n int64, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return groupThousands(float64(n)) + " " + many
}

// WriteSweep prints a sweep as the terminal text of `costdial sweep`: the
// table of designs, the recommendation and the trade-off, and the files
// written (or, for each chart left out, why).
func WriteSweep(out io.Writer, s *scenario.Scenario, sw *sweep.Sweep, files, skipped []string) error {
	cur := s.Currency()
	r0 := sw.Points[0].Result
	t := r0.Targets
	fmt.Fprintf(out, "%s: %s, %s of %s each, seed %d (the same for every design)\n\n",
		sw.Scenario, count(len(sw.Points), "design"), count(r0.Trials, "trial"), plural(r0.Years, "year"), r0.Seed)
	turning := sweep.Turning(sw.Axes)
	var pinned []string
	for i, a := range sw.Axes {
		if !slices.Contains(turning, i) {
			pinned = append(pinned, a.Set+"="+a.Values[0])
		}
	}
	if len(pinned) > 0 {
		fmt.Fprintf(out, "Pinned: %s\n\n", strings.Join(pinned, ", "))
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	var head []string
	for _, i := range turning {
		head = append(head, strings.ToUpper(sweep.ShortName(sw.Axes[i].Set)))
	}
	fmt.Fprintf(tw, "  #\t%s\tCOST/MONTH\tRPO P%g\tRTO P%g\tWITH RISK/MONTH\tTARGETS\tFRONT\n", strings.Join(head, "\t"), t.Percentile, t.Percentile)
	for i, p := range sw.Points {
		r := p.Result
		mark := ""
		if sw.Cheapest != nil && *sw.Cheapest == i {
			mark = " <- cheapest meeting targets"
		}
		var vals []string
		for _, k := range turning {
			vals = append(vals, p.Values()[k])
		}
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\t%s\t%s\t%s%s\n", p.Design, strings.Join(vals, "\t"),
			fmtMoney(cur, r.Cost.Monthly), fmtOpt(p.RPOAtTarget), fmtOpt(p.RTOAtTarget), fmtMoney(cur, r.Cost.Total),
			map[bool]string{true: "met", false: "missed"}[p.MeetsTargets], map[bool]string{true: "*", false: ""}[p.Pareto], mark)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(out, "\nTargets: RPO %s and RTO %s, both met by %g%% of incidents. * marks the Pareto front.\n", fmtHours(t.RPOHours), fmtHours(t.RTOHours), t.Percentile)
	name := func(p sweep.Point) string { return fmt.Sprintf("#%d (%s)", p.Design, p.Label(sw.Axes)) }
	if sw.Cheapest == nil {
		c := sw.Points[sw.Closest()]
		ct := c.Result.Targets
		fmt.Fprintf(out, "No design meets the targets. Closest: %s at %s a month, with %s of incidents within both targets (%g%% needed).\n",
			name(c), fmtMoney(cur, c.Result.Cost.Monthly), pct(ct.Met), t.Percentile)
	} else {
		i := *sw.Cheapest
		c := sw.Points[i]
		fmt.Fprintf(out, "Cheapest design meeting the targets: %s, at %s a month (RPO p%g %s, RTO p%g %s).\n",
			name(c), fmtMoney(cur, c.Result.Cost.Monthly), t.Percentile, fmtOpt(c.RPOAtTarget), t.Percentile, fmtOpt(c.RTOAtTarget))
		if j := sw.NextCheaper(i); j >= 0 {
			n := sw.Points[j]
			var lost []string
			if !n.Result.Targets.RPOPass {
				lost = append(lost, fmt.Sprintf("RPO p%g goes from %s to %s", t.Percentile, fmtOpt(c.RPOAtTarget), fmtOpt(n.RPOAtTarget)))
			}
			if !n.Result.Targets.RTOPass {
				lost = append(lost, fmt.Sprintf("RTO p%g goes from %s to %s", t.Percentile, fmtOpt(c.RTOAtTarget), fmtOpt(n.RTOAtTarget)))
			}
			if len(lost) == 0 {
				lost = append(lost, fmt.Sprintf("each target alone is met, both by %s of incidents", pct(n.Result.Targets.Met)))
			}
			fmt.Fprintf(out, "The next cheaper design, %s, saves %s a month and misses the targets: %s.\n",
				name(n), fmtMoney(cur, asShown(c.Result.Cost.Monthly)-asShown(n.Result.Cost.Monthly)), strings.Join(lost, "; "))
		} else {
			fmt.Fprintln(out, "It is also the cheapest design of the sweep.")
		}
	}
	lt := sw.Points[sw.LeastTotal()]
	meets := ""
	if !lt.MeetsTargets {
		meets = "; it misses the targets"
	}
	fmt.Fprintf(out, "Least cost with its risk: %s, %s a month to run plus %s of expected loss%s.\n",
		name(lt), fmtMoney(cur, lt.Result.Cost.Monthly), fmtMoney(cur, lt.Result.Cost.Penalty), meets)
	if to := sw.TradeOff; to != nil {
		from, dest := sw.Points[to.From-1].Result.Cost, lt.Result.Cost
		fmt.Fprintf(out, "Moving from #%d to #%d: %s, %s.\n", to.From, to.To,
			spendWords(cur, asShown(dest.Monthly)-asShown(from.Monthly)), avoidWords(cur, asShown(from.Penalty)-asShown(dest.Penalty)))
	} else if sw.Cheapest != nil {
		fmt.Fprintln(out, "The cheapest design meeting the targets also costs least with its risk.")
	}
	writeNoPenalties(out, s)
	if len(files) == 0 {
		fmt.Fprintln(out, "\nNo files written: --out DIR writes sweep.json, sweep.csv and the charts.")
		return nil
	}
	fmt.Fprintf(out, "\nWrote %s\n", strings.Join(files, ", "))
	for _, s := range skipped {
		fmt.Fprintln(out, s)
	}
	return nil
}

// spendWords says what a change of monthly cost (printed amounts) means.
func spendWords(cur string, more float64) string {
	switch {
	case more > 0:
		return "spend " + fmtMoney(cur, more) + " more a month"
	case more < 0:
		return "spend " + fmtMoney(cur, -more) + " less a month"
	}
	return "spend the same"
}

// avoidWords says what a change of expected loss (printed amounts) means.
func avoidWords(cur string, avoided float64) string {
	switch {
	case avoided > 0:
		return "avoid " + fmtMoney(cur, avoided) + " of expected loss"
	case avoided < 0:
		return "carry " + fmtMoney(cur, -avoided) + " more expected loss"
	}
	return "the same expected loss"
}

func fmtOpt(v *float64) string {
	if v == nil {
		return "total loss"
	}
	return fmtHours(*v)
}

// noPenalties reports whether the scenario prices none of its incidents.
func noPenalties(s *scenario.Scenario) bool {
	sv := s.Service
	return sv.DowntimeCost.Amount == 0 && sv.DataLossCost.Amount == 0 && sv.TotalLossCost.Amount == 0
}

// writeNoPenalties says, when every penalty is zero, that the cost with
// risk is only the running cost, and how to price the risk.
func writeNoPenalties(out io.Writer, s *scenario.Scenario) {
	if !noPenalties(s) {
		return
	}
	c := s.Currency()
	fmt.Fprintf(out, `Every penalty is zero, so the cost with its risk is only the running cost.
To price the risk, give the service what an hour down, an hour of lost writes
and a total loss cost you, e.g. downtime_cost: %[1]s400/h, data_loss_cost: %[1]s1500/h,
total_loss_cost: %[1]s250000 (or --set 'service.downtime_cost=%[1]s400/h' and so on).
`, c)
}
