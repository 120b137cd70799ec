package main

import (
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
)

// fmtHours prints hours in the unit a person would use.
func fmtHours(h float64) string {
	switch {
	case h == 0:
		return "0"
	case h < 1.0/60:
		return fmt.Sprintf("%.0fs", h*3600)
	case h < 1:
		return fmt.Sprintf("%.0fmin", h*60)
	case h < 48:
		return fmt.Sprintf("%.3gh", h)
	case h < 24*60:
		return fmt.Sprintf("%.3gd", h/24)
	default:
		return fmt.Sprintf("%.3gy", h/8760)
	}
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

// fmtAt prints a percentile that total losses may have pushed to infinity.
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
		return fmt.Sprintf("%.2g a year (1 in %s years)", perYear, groupThousands(math.Round(1/perYear)))
	default:
		return fmt.Sprintf("%.3g a year", perYear)
	}
}

func pct(f float64) string {
	if f > 0.999 && f < 1 {
		return fmt.Sprintf("%.3f%%", f*100)
	}
	return fmt.Sprintf("%.1f%%", f*100)
}

// writeReport prints a run as a readable report.
func writeReport(out io.Writer, s *scenario.Scenario, r *engine.Result, perFailure bool) error {
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
	fmt.Fprintf(tw, "Down per year\t%s (95%% CI %s to %s), availability %s\n",
		fmtHours(r.Downtime.Mean), fmtHours(r.Downtime.CI95[0]), fmtHours(r.Downtime.CI95[1]), pct(r.Availability))
	fmt.Fprintf(tw, "Writes lost per year\t%s of writes (95%% CI %s to %s)\n",
		fmtHours(r.DataLoss.Mean), fmtHours(r.DataLoss.CI95[0]), fmtHours(r.DataLoss.CI95[1]))
	tl := fmtRate(r.TotalLoss.PerYear)
	if r.TotalLoss.Count > 0 || r.TotalLoss.CI95[1] > 0 {
		tl += fmt.Sprintf(", %d in all (95%% CI %.2g to %.2g a year)", r.TotalLoss.Count, r.TotalLoss.CI95[0], r.TotalLoss.CI95[1])
	}
	fmt.Fprintf(tw, "Total loss\t%s\n", tl)
	if err := tw.Flush(); err != nil {
		return err
	}

	t := r.Targets
	fmt.Fprintf(out, "\nTargets: RPO %s and RTO %s for %g%% of incidents\n", fmtHours(t.RPOHours), fmtHours(t.RTOHours), t.Percentile)
	fmt.Fprintf(out, "  RPO within target in %s of incidents: %s\n", pct(t.RPOMet), metWord(t.RPOPass))
	fmt.Fprintf(out, "  RTO within target in %s of incidents: %s\n", pct(t.RTOMet), metWord(t.RTOPass))
	if t.Pass {
		fmt.Fprintln(out, "  This design meets its targets.")
	} else {
		var missed []string
		worst := "" // total losses are in the percentile as the worst outcome
		if r.TotalLoss.Count > 0 {
			worst = ", total losses counted as the worst"
		}
		if !t.RPOPass {
			missed = append(missed, fmt.Sprintf("RPO target (p%g is %s against %s%s)", t.Percentile, fmtAt(r.RPOWithLosses(t.Percentile/100)), fmtHours(t.RPOHours), worst))
		}
		if !t.RTOPass {
			missed = append(missed, fmt.Sprintf("RTO target (p%g is %s against %s%s)", t.Percentile, fmtAt(r.RTOWithLosses(t.Percentile/100)), fmtHours(t.RTOHours), worst))
		}
		fmt.Fprintf(out, "  This design misses its %s.\n", strings.Join(missed, " and its "))
	}

	fmt.Fprintln(out, "\nBy failure:")
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  FAILURE\tKIND\tINCIDENTS/Y\tRPO MEAN\tRPO P95\tRTO MEAN\tRTO P95\tTOTAL LOSS/Y\tCOPIES LOST/Y")
	for _, name := range r.FailureOrder {
		f := r.Failures[name]
		fmt.Fprintf(tw, "  %s\t%s\t%.3g\t%s\t%s\t%s\t%s\t%.2g\t%.2g\n", name, f.Kind, f.IncidentsPerYear,
			fmtHours(f.RPO.Mean), fmtHours(f.RPO.P95), fmtHours(f.RTO.Mean), fmtHours(f.RTO.P95), f.TotalLossPerYear, f.CopiesLostPerYear)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if perFailure {
		for _, name := range r.FailureOrder {
			f := r.Failures[name]
			fmt.Fprintf(out, "\n%s (%s): %s incidents; %s\n", name, f.Kind, fmtRate(f.IncidentsPerYear), strings.TrimPrefix(fmtRate(f.TotalLossPerYear), "none seen")+" total losses")
			fmt.Fprintf(out, "  data lost: %s\n  downtime:  %s\n", summaryLine(f.RPO), summaryLine(f.RTO))
		}
	}

	c := r.Cost
	fmt.Fprintln(out, "\nCost per month:")
	tw = tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  STORE / JOB\tGIB HELD\tGIB BILLED\tSTORAGE\tFIXED\tRESTORE TESTS\tRESTORES\t")
	for _, st := range s.Stores {
		sc, ok := c.Stores[st.Name]
		if !ok {
			continue
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", st.Name, fmtGiB(sc.GiB), fmtGiB(sc.BilledGiB),
			fmtMoney(cur, sc.Storage), fmtMoney(cur, sc.Fixed), fmtMoney(cur, sc.Tests), fmtMoney(cur, sc.Restores))
		for _, b := range s.Backups {
			if j, ok := c.Jobs[b.Name]; ok && b.To == st.Name {
				fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\t\t\t\t\n", b.Name, fmtGiB(j.GiB), fmtGiB(j.BilledGiB), fmtMoney(cur, j.Storage))
			}
		}
	}
	fmt.Fprintf(tw, "  total\t\t\t%s\t%s\t%s\t%s\t\n", fmtMoney(cur, c.Storage), fmtMoney(cur, c.Fixed), fmtMoney(cur, c.RestoreTests), fmtMoney(cur, c.Restores))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(out, "  Expected loss: downtime %s, lost writes %s, total loss %s\n",
		fmtMoney(cur, c.PenaltyDowntime), fmtMoney(cur, c.PenaltyDataLoss), fmtMoney(cur, c.PenaltyTotalLoss))
	fmt.Fprintf(out, "\nThis design costs %s a month to run and carries %s a month of expected loss: %s a month with its risk.\n",
		fmtMoney(cur, c.Monthly), fmtMoney(cur, c.Penalty), fmtMoney(cur, c.Total))
	return nil
}

func fmtGiB(v float64) string {
	if v >= 100 {
		return groupThousands(math.Round(v))
	}
	return fmt.Sprintf("%.3g", v)
}

// plural prints "1 year", "2.5 years".
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

func summaryLine(s engine.Summary) string {
	if s.Count == 0 {
		return "no restored incidents"
	}
	return fmt.Sprintf("mean %s (95%% CI %s to %s), p50 %s, p90 %s, p95 %s, p99 %s, max %s",
		fmtHours(s.Mean), fmtHours(s.MeanCI95[0]), fmtHours(s.MeanCI95[1]), fmtHours(s.P50), fmtHours(s.P90), fmtHours(s.P95), fmtHours(s.P99), fmtHours(s.Max))
}
