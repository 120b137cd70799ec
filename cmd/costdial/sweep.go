package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/model/sweep"
	"github.com/costdial/costdial/plots"
	"github.com/spf13/cobra"
)

type sweepOptions struct {
	sim    simOptions
	out    string
	dials  []string
	format string
}

func newSweepCommand() *cobra.Command {
	opts := &sweepOptions{}
	cmd := &cobra.Command{
		Use:   "sweep [FILE]",
		Short: "Turn the cost dial: run every combination of the dial and find the cheapest design that meets the targets",
		Long: `Sweep runs the scenario once for every combination of its dial values
(and any --dial axes), all with the same seed, and writes to --out:
sweep.json, sweep.csv and plots (PNG and SVG) of RPO and RTO against
monthly cost with the Pareto front, the total cost with risk along the
first axis, and the RPO/RTO distributions of the chosen design against the
cheapest one. It prints a table and names the cheapest design that meets
the targets. Without FILE it sweeps the bundled teaching scenario.`,
		Example: `  costdial sweep
  costdial sweep scenarios/small-saas.yaml --out out/
  costdial sweep scenarios/small-saas.yaml --dial backups.nightly.every=1h,6h,24h --trials 20000
  costdial sweep scenarios/cold-archive.yaml -o csv`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.sim.file = args[0]
			}
			return runSweep(cmd.Context(), opts, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	addSimFlags(cmd, &opts.sim)
	cmd.Flags().StringVar(&opts.out, "out", "out", "directory to write sweep.json, sweep.csv and the plots to")
	cmd.Flags().StringArrayVar(&opts.dials, "dial", nil, "add or replace a dial axis, PATH=V1,V2,... (repeatable)")
	addOutputFlag(cmd, &opts.format, "text", "text", "json", "csv", "markdown")
	cmd.RegisterFlagCompletionFunc("dial", completeSet)
	return cmd
}

func runSweep(ctx context.Context, opts *sweepOptions, out, errOut io.Writer) error {
	if opts.format != "text" && opts.format != "json" && opts.format != "csv" && opts.format != "markdown" {
		return usageError{fmt.Errorf("unknown --output %q (text, json, csv or markdown)", opts.format)}
	}
	if ctx == nil {
		ctx = context.Background()
	}
	var extra []sweep.Axis
	for _, d := range opts.dials {
		a, err := sweep.ParseDial(d)
		if err != nil {
			return usageError{err}
		}
		extra = append(extra, a)
	}
	for i, a := range extra {
		for _, b := range extra[:i] {
			if a.Set == b.Set {
				return usageError{fmt.Errorf("--dial %s is given twice: give one --dial with all its values", a.Set)}
			}
		}
	}
	if opts.out == "" {
		return usageError{fmt.Errorf("--out is empty: give a directory, e.g. --out out")}
	}
	sets := opts.sim.overrides()
	base, data, err := opts.sim.load(sets)
	if err != nil {
		return err
	}
	name, _, _ := opts.sim.source()
	axes := sweep.Axes(base, extra)
	set, err := beginOutput(opts.out)
	if err != nil {
		return err
	}
	committed := false
	defer func() {
		if !committed {
			set.abort()
		}
	}()
	bar := newProgress(errOut, base.Name)
	sw, err := sweep.Run(ctx, name, data, sets, axes, sweep.Options{
		Limits:   opts.sim.limit.limits(),
		Progress: func(i, n int, label string) { bar.update(int64(i), int64(n)) },
	})
	bar.finish()
	if err != nil {
		return err
	}
	files, err := writeSweep(set.tmp, base, sw)
	if err != nil {
		return fmt.Errorf("--out %s: %w", opts.out, err)
	}
	for i, f := range files {
		files[i] = set.shown(f)
	}
	committed = true // commit removes what it leaves behind itself
	if err := set.commit(); err != nil {
		return err
	}
	switch opts.format {
	case "json":
		return writeJSON(out, versioned{sweepShape, sw})
	case "csv":
		return writeSweepCSV(out, sw)
	case "markdown":
		return writeSweepMarkdown(out, base, sw)
	}
	return writeSweepTable(out, base, sw, files)
}

// writeSweep writes sweep.json, sweep.csv and the plots into dir.
func writeSweep(dir string, s *scenario.Scenario, sw *sweep.Sweep) ([]string, error) {
	if err := mkdirAll(dir); err != nil {
		return nil, err
	}
	var files []string
	add := func(name string, write func(io.Writer) error) error {
		path := filepath.Join(dir, name)
		files = append(files, path)
		return writeFileAtomic(path, write)
	}
	if err := add("sweep.json", func(w io.Writer) error { return writeJSON(w, versioned{sweepShape, sw}) }); err != nil {
		return nil, err
	}
	if err := add("sweep.csv", func(w io.Writer) error { return writeSweepCSV(w, sw) }); err != nil {
		return nil, err
	}
	plotted, err := plotSweep(dir, s, sw)
	return append(files, plotted...), err
}

func plotSweep(dir string, s *scenario.Scenario, sw *sweep.Sweep) ([]string, error) {
	cur := s.Currency()
	t := sw.Points[0].Result.Targets
	var rpo, rto []plots.Design
	for i, p := range sw.Points {
		chosen := sw.Cheapest != nil && *sw.Cheapest == i
		d := plots.Design{Label: p.Label(sw.Axes), Cost: p.Result.Cost.Monthly, Pareto: p.Pareto, Meets: p.MeetsTargets, Chosen: chosen}
		d.Value = orInf(p.RPOAtTarget)
		rpo = append(rpo, d)
		d.Value = orInf(p.RTOAtTarget)
		rto = append(rto, d)
	}
	pct := strconv.FormatFloat(t.Percentile, 'g', -1, 64)
	var files []string
	base := func(name string) string {
		files = append(files, filepath.Join(dir, name+".png"), filepath.Join(dir, name+".svg"))
		return filepath.Join(dir, name)
	}
	title := s.Name + ": "
	if err := plots.Frontier(base("cost-rpo"), title+"data lost against monthly cost", "RPO at p"+pct+" (hours)", cur, rpo, t.RPOHours); err != nil {
		return nil, err
	}
	if err := plots.Frontier(base("cost-rto"), title+"downtime against monthly cost", "RTO at p"+pct+" (hours)", cur, rto, t.RTOHours); err != nil {
		return nil, err
	}
	// along the first axis that turns (a --dial with one value pins a
	// scenario's axis): for each of its values, the design that costs least
	// with its risk over the other axes
	axis := sweep.Turning(sw.Axes)[0]
	first := sw.Axes[axis]
	var bars []plots.Bar
	for _, v := range first.Values {
		best := -1
		for i, p := range sw.Points {
			if p.Values()[axis] == v && (best < 0 || p.Result.Cost.Total < sw.Points[best].Result.Cost.Total) {
				best = i
			}
		}
		c := sw.Points[best].Result.Cost
		bars = append(bars, plots.Bar{Label: v, Outlay: c.Monthly, Penalty: c.Penalty})
	}
	xLabel := first.Set
	if len(sw.Points) > len(first.Values) {
		xLabel += " (best of the other dials)"
	}
	if err := plots.Total(base("total-cost"), title+"monthly cost with its risk", xLabel, cur, bars); err != nil {
		return nil, err
	}
	chosen, chosenName := sw.Closest(), "closest to the targets"
	if sw.Cheapest != nil {
		chosen, chosenName = *sw.Cheapest, "cheapest meeting the targets"
	}
	cheap := sw.CheapestOverall()
	curves := func(rpo bool) []plots.Curve {
		var cs []plots.Curve
		for _, c := range []struct {
			i    int
			name string
		}{{chosen, chosenName}, {cheap, "cheapest"}} {
			r := sw.Points[c.i].Result
			x, p := r.RTO.CDF()
			if rpo {
				x, p = r.RPO.CDF()
			}
			cs = append(cs, plots.Curve{Label: c.name + ": " + sw.Points[c.i].Label(sw.Axes), X: x, P: p})
			if chosen == cheap {
				break
			}
		}
		return cs
	}
	if err := plots.CDF(base("rpo-cdf"), title+"data lost per incident", "RPO (hours)", curves(true), t.RPOHours); err != nil {
		return nil, err
	}
	if err := plots.CDF(base("rto-cdf"), title+"downtime per incident", "RTO (hours)", curves(false), t.RTOHours); err != nil {
		return nil, err
	}
	return files, nil
}

func orInf(v *float64) float64 {
	if v == nil {
		return math.Inf(1)
	}
	return *v
}

func fmtOpt(v *float64) string {
	if v == nil {
		return "total loss"
	}
	return fmtHours(*v)
}

func writeSweepCSV(w io.Writer, sw *sweep.Sweep) error {
	cw := csv.NewWriter(w)
	var header []string
	for _, a := range sw.Axes {
		header = append(header, a.Set)
	}
	header = append(header, "monthly", "penalty_per_month", "total_per_month", "rpo_at_target_hours", "rto_at_target_hours",
		"rpo_mean_hours", "rto_mean_hours", "incidents_per_year", "availability", "total_loss_per_year", "meets_targets", "pareto")
	if err := cw.Write(header); err != nil {
		return err
	}
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	opt := func(v *float64) string {
		if v == nil {
			return "inf"
		}
		return f(*v)
	}
	for _, p := range sw.Points {
		r := p.Result
		row := append([]string(nil), p.Values()...)
		row = append(row, f(r.Cost.Monthly), f(r.Cost.Penalty), f(r.Cost.Total), opt(p.RPOAtTarget), opt(p.RTOAtTarget),
			f(r.RPO.Mean), f(r.RTO.Mean), f(r.IncidentsPerYear), f(r.Availability), f(r.TotalLoss.PerYear),
			strconv.FormatBool(p.MeetsTargets), strconv.FormatBool(p.Pareto))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeSweepTable(out io.Writer, s *scenario.Scenario, sw *sweep.Sweep, files []string) error {
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
	fmt.Fprintf(out, "\nWrote %s\n", strings.Join(files, ", "))
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
