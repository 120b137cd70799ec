package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/costdial/costdial/internal/escape"
	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/model/sweep"
)

// mdRow prints one row of a Markdown table: each cell is text, escaped,
// or Markdown already made by mdStrong.
func mdRow(out io.Writer, cells ...string) {
	for i, c := range cells {
		if !strings.HasPrefix(c, mdMark) {
			c = md(c)
		}
		cells[i] = strings.TrimPrefix(c, mdMark)
	}
	fmt.Fprintf(out, "| %s |\n", strings.Join(cells, " | "))
}

// mdMark starts a cell that is Markdown already, not text to escape.
const mdMark = "\x00md:"

// md escapes text for Markdown.
func md(text string) string { return escape.Markdown(text) }

// mdStrong is a table cell of text in bold.
func mdStrong(text string) string { return mdMark + "**" + md(text) + "**" }

// mdHead prints a Markdown table's header and rule.
func mdHead(out io.Writer, cells ...string) {
	mdRow(out, cells...)
	rule := make([]string, len(cells))
	for i := range rule {
		rule[i] = "---"
	}
	fmt.Fprintf(out, "|%s|\n", strings.Join(rule, "|"))
}

// WriteRunMarkdown prints a run as Markdown (`run -o markdown`), for a wiki or a pull
// request: the same figures as the text report.
func WriteRunMarkdown(out io.Writer, s *scenario.Scenario, r *engine.Result) error {
	cur := r.Currency
	fmt.Fprintf(out, "# %s\n\n", md(r.Scenario))
	if s.Description != "" {
		fmt.Fprintf(out, "%s\n\n", md(s.Description))
	}
	fmt.Fprintf(out, "%s of %s, seed %d.\n\n", count(r.Trials, "trial"), plural(r.Years, "year"), r.Seed)
	mdHead(out, "", "")
	mdRow(out, "Incidents", fmtRate(r.IncidentsPerYear))
	mdRow(out, "Data lost (RPO)", summaryLine(r.RPO))
	mdRow(out, "Downtime (RTO)", summaryLine(r.RTO))
	mdRow(out, "Down per year", fmt.Sprintf("%s, availability %s", fmtHours(r.Downtime.Mean), pct(r.Availability)))
	mdRow(out, "Writes lost per year", fmtHours(r.DataLoss.Mean)+" of writes"+discardedNote(r))
	mdRow(out, "Total loss", fmtRate(r.TotalLoss.PerYear))

	t := r.Targets
	fmt.Fprintf(out, "\n## Targets\n\nRPO %s and RTO %s for %g%% of incidents.\n\n", fmtHours(t.RPOHours), fmtHours(t.RTOHours), t.Percentile)
	fmt.Fprintf(out, "- RPO within target in %s of incidents: %s\n", pct(t.RPOMet), metWord(t.RPOPass))
	fmt.Fprintf(out, "- RTO within target in %s of incidents: %s\n", pct(t.RTOMet), metWord(t.RTOPass))

	fmt.Fprintf(out, "\n## By failure\n\n")
	p, at := t.Percentile/100, Percentile(t.Percentile)
	mdHead(out, "failure", "kind", "incidents/y", "RPO mean", "RPO "+at, "RTO mean", "RTO "+at, "total loss/y", "copies lost/y")
	for _, name := range r.FailureOrder {
		f := r.Failures[name]
		mdRow(out, name, f.Kind, fmtPerYear(f.IncidentsPerYear), fmtHours(f.RPO.Mean), fmtHours(f.RPO.Quantile(p)),
			fmtHours(f.RTO.Mean), fmtHours(f.RTO.Quantile(p)), fmtPerYear(f.TotalLossPerYear), fmtPerYear(f.CopiesLostPerYear))
	}

	c := r.Cost
	fmt.Fprintf(out, "\n## Cost per month\n\n")
	mdHead(out, "store / job", "GiB held", "GiB billed", "storage", "transfer", "fixed", "restore tests", "restores")
	for _, st := range s.Stores {
		sc, ok := c.Stores[st.Name]
		if !ok {
			continue
		}
		mdRow(out, mdStrong(st.Name), fmtGiB(sc.GiB), fmtGiB(sc.BilledGiB), fmtMoney(cur, sc.Storage), fmtMoney(cur, sc.Transfer),
			fmtMoney(cur, sc.Fixed), fmtMoney(cur, sc.Tests), fmtMoney(cur, sc.Restores))
		for _, b := range s.Backups {
			if j, ok := c.Jobs[b.Name]; ok && b.To == st.Name {
				mdRow(out, b.Name, fmtGiB(j.GiB), fmtGiB(j.BilledGiB), fmtMoney(cur, j.Storage), fmtMoney(cur, j.Transfer), "", "", "")
			}
		}
	}
	mdRow(out, mdStrong("total"), "", "", fmtMoney(cur, c.Storage), fmtMoney(cur, c.Transfer), fmtMoney(cur, c.Fixed), fmtMoney(cur, c.RestoreTests), fmtMoney(cur, c.Restores))
	fmt.Fprintf(out, "\nExpected loss: downtime %s, lost writes %s, total loss %s.\n",
		fmtMoney(cur, c.PenaltyDowntime), fmtMoney(cur, c.PenaltyDataLoss), fmtMoney(cur, c.PenaltyTotalLoss))
	fmt.Fprintf(out, "\n**This design costs %s a month to run and carries %s a month of expected loss: %s a month with its risk.**\n",
		fmtMoney(cur, c.Monthly), fmtMoney(cur, c.Penalty), fmtMoney(cur, c.Total))
	if noPenalties(s) {
		fmt.Fprintln(out)
		writeNoPenalties(out, s)
	}
	return nil
}

// WriteSweepMarkdown prints a sweep's table as Markdown.
func WriteSweepMarkdown(out io.Writer, s *scenario.Scenario, sw *sweep.Sweep) error {
	cur := s.Currency()
	r0 := sw.Points[0].Result
	t := r0.Targets
	fmt.Fprintf(out, "# %s: the cost dial\n\n%s, %s of %s each, seed %d (the same for every design). Targets: RPO %s and RTO %s for %g%% of incidents.\n\n",
		md(sw.Scenario), count(len(sw.Points), "design"), count(r0.Trials, "trial"), plural(r0.Years, "year"), r0.Seed, fmtHours(t.RPOHours), fmtHours(t.RTOHours), t.Percentile)
	turning := sweep.Turning(sw.Axes)
	head := []string{"#"}
	for _, i := range turning {
		head = append(head, sweep.ShortName(sw.Axes[i].Set))
	}
	pctl := fmt.Sprintf("%g", t.Percentile)
	mdHead(out, append(head, "cost/month", "RPO p"+pctl, "RTO p"+pctl, "with risk/month", "targets", "Pareto front")...)
	for i, p := range sw.Points {
		row := []string{fmt.Sprint(i + 1)}
		for _, k := range turning {
			row = append(row, p.Values()[k])
		}
		mark := map[bool]string{true: "met", false: "missed"}[p.MeetsTargets]
		if sw.Cheapest != nil && *sw.Cheapest == i {
			mark = mdStrong("met, cheapest")
		}
		mdRow(out, append(row, fmtMoney(cur, p.Result.Cost.Monthly), fmtOpt(p.RPOAtTarget), fmtOpt(p.RTOAtTarget),
			fmtMoney(cur, p.Result.Cost.Total), mark, map[bool]string{true: "yes", false: ""}[p.Pareto])...)
	}
	if noPenalties(s) {
		fmt.Fprintln(out)
		writeNoPenalties(out, s)
	}
	return nil
}
