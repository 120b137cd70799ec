package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"

	"github.com/costdial/costdial/internal/escape"
	"github.com/costdial/costdial/model/compare"
	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
	"github.com/spf13/cobra"
)

type compareOptions struct {
	sim    simOptions
	second string   // B's file; "" compares FILE with FILE --set ...
	both   []string // overrides for both designs
	format string
}

func newCompareCommand() *cobra.Command {
	opts := &compareOptions{}
	cmd := &cobra.Command{
		Use:   "compare [A.yaml [B.yaml]]",
		Short: "Run two designs on the same failures and say how they differ",
		Long: `Compare simulates two designs on the same random failures (the same
trials, years and seed) and shows them side by side: cost to run, expected
loss, cost with risk, RPO and RTO percentiles, downtime, total losses and
targets, with the difference B − A and its 95% interval. Because both
designs face the same failures, the interval is on the paired difference,
much narrower than the two designs' own intervals (docs/compare.md).

With two files, A is the first and B the second, and --set changes both.
With one file (or none: the bundled scenario), A is the file as it is and
B is the file with the --set overrides: the variant you are considering.
--both PATH=VALUE changes both designs in either form (the design you start
from, when it is not the file as written).`,
		Example: `  costdial compare scenarios/small-saas.yaml --set stores.bucket.immutable=true
  costdial compare scenarios/shared-domain.yaml --set stores.second-disk.domain=offsite
  costdial compare --both backups.nightly.kind=pitr --set backups.nightly.restore_test=7d
  costdial compare a.yaml b.yaml --trials 20000 -o json`,
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				opts.sim.file = args[0]
			}
			if len(args) > 1 {
				opts.second = args[1]
			}
			return runCompare(cmd.Context(), opts, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	addSimFlags(cmd, &opts.sim)
	cmd.Flags().StringArrayVar(&opts.both, "both", nil, "override a field of both designs, PATH=VALUE (repeatable)")
	addOutputFlag(cmd, &opts.format, "text", "text", "json")
	return cmd
}

// compareShape is the version of compare's JSON.
const compareShape = 1

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

func runCompare(ctx context.Context, opts *compareOptions, out, errOut io.Writer) error {
	sets := append(append([]string(nil), opts.both...), opts.sim.overrides()...)
	base := append(append([]string(nil), opts.both...), simOnly(opts.sim.overrides(), opts.sim.sets)...)
	var a, b *scenario.Scenario
	var labelA, labelB string
	var errs []string
	// each file is read once: "-" (standard input) cannot be read twice,
	// and "compare - -" compares what it holds with itself
	if err := opts.sim.checkWorkers(); err != nil {
		return err
	}
	if opts.sim.cmd != nil {
		if err := opts.sim.limit.check(opts.sim.cmd); err != nil {
			return err
		}
	}
	lim := opts.sim.limit.limits()
	// load loads one of the designs from the file's bytes, or reports why
	// they could not be read
	load := func(name string, data []byte, readErr error, sets []string) *scenario.Scenario {
		if readErr != nil {
			errs = append(errs, readErr.Error())
			return nil
		}
		s, err := scenario.LoadLimited(name, data, sets, lim)
		if err != nil {
			errs = append(errs, err.Error())
		}
		return s
	}
	name, data, err := opts.sim.source()
	if opts.second == "" {
		if len(opts.sim.sets) == 0 {
			return usageError{fmt.Errorf("compare needs two files, or one file and --set for the variant (e.g. --set backups.nightly.every=4h)")}
		}
		a = load(name, data, err, base)
		if err == nil { // a file that cannot be read is reported once
			b = load(name, data, nil, sets)
		}
		if a != nil {
			labelA = a.File
			for _, x := range opts.both {
				labelA += " --set " + x
			}
			labelB = labelA + " --set " + strings.Join(opts.sim.sets, " --set ")
		}
	} else {
		a = load(name, data, err, sets)
		if opts.second == "-" && opts.sim.file == "-" {
			if err == nil { // "compare - -": one input, read once
				b = load(name, data, nil, sets)
			}
		} else {
			second := opts.sim
			second.file = opts.second
			nameB, dataB, errB := second.source()
			b = load(nameB, dataB, errB, sets)
		}
		if a != nil && b != nil {
			labelA, labelB = a.File, b.File
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	if ctx == nil {
		ctx = context.Background()
	}
	bar := newProgress(errOut, "compare")
	c, err := compare.Run(ctx, a, b, engine.Options{Workers: opts.sim.workers, Progress: func(done, total int64) { bar.update(done, 2*total) }})
	bar.finish()
	if err != nil {
		return err
	}
	if opts.format == "json" {
		return writeJSON(out, versioned{compareShape, compareJSON{A: c.A, B: c.B, Trials: c.Trials, Blocks: c.Blocks, Monthly: c.Monthly, Penalty: c.Penalty,
			Total: c.Total, Downtime: c.Downtime, DataLoss: c.DataLoss, TotalLosses: c.TotalLosses}})
	}
	return writeCompare(out, a, b, labelA, labelB, c)
}

// simOnly keeps the overrides that are not the variant's own --set flags:
// --trials, --years and --seed apply to both designs. overrides() puts the
// --set flags first.
func simOnly(all, variant []string) []string {
	return all[len(variant):]
}

func writeCompare(out io.Writer, a, b *scenario.Scenario, labelA, labelB string, c *compare.Comparison) error {
	ra, rb := c.A, c.B
	cur := ra.Currency
	fmt.Fprintf(out, "Two designs on the same failures: %d trials of %s, seed %d\n", ra.Trials, plural(ra.Years, "year"), ra.Seed)
	fmt.Fprintf(out, "  A  %s\n  B  %s\n\n", escape.Terminal(labelA), escape.Terminal(labelB))
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  \tA\tB\tB − A (95% CI, paired)")
	money := func(v float64) string { return fmtMoney(cur, v) }
	fmt.Fprintf(tw, "  Cost to run a month\t%s\t%s\t%s\n", money(ra.Cost.Monthly), money(rb.Cost.Monthly), diffText(c.Monthly, func(v float64) string { return signedMoney(cur, v) }))
	fmt.Fprintf(tw, "  Expected loss a month\t%s\t%s\t%s\n", money(ra.Cost.Penalty), money(rb.Cost.Penalty), diffText(c.Penalty, func(v float64) string { return signedMoney(cur, v) }))
	fmt.Fprintf(tw, "  Cost with risk a month\t%s\t%s\t%s\n", money(ra.Cost.Total), money(rb.Cost.Total), diffText(c.Total, func(v float64) string { return signedMoney(cur, v) }))
	pcts := func(s engine.Summary) string {
		if s.Count == 0 {
			return "none restored"
		}
		return fmt.Sprintf("%s / %s / %s", fmtHours(s.P50), fmtHours(s.P95), fmtHours(s.P99))
	}
	fmt.Fprintf(tw, "  Data lost p50 / p95 / p99\t%s\t%s\t\n", pcts(ra.RPO), pcts(rb.RPO))
	fmt.Fprintf(tw, "  Downtime p50 / p95 / p99\t%s\t%s\t\n", pcts(ra.RTO), pcts(rb.RTO))
	pair := func(x, y float64) (string, string) { return fmtHours(x), fmtHours(y) }
	da, db := pair(ra.Downtime.Mean, rb.Downtime.Mean)
	fmt.Fprintf(tw, "  Down per year\t%s\t%s\t%s\n", da, db, diffText(c.Downtime, signedHours))
	la, lb := pair(ra.DataLoss.Mean, rb.DataLoss.Mean)
	fmt.Fprintf(tw, "  Writes lost per year\t%s\t%s\t%s\n", la, lb, diffText(c.DataLoss, signedHours))
	fmt.Fprintf(tw, "  Total losses per year\t%.2g\t%.2g\t%s\n", ra.TotalLoss.PerYear, rb.TotalLoss.PerYear, diffText(c.TotalLosses, signedNumber))
	fmt.Fprintf(tw, "  Targets\t%s\t%s\t\n", targetsText(ra), targetsText(rb))
	if err := tw.Flush(); err != nil {
		return err
	}
	if ra.Targets.RPOHours != rb.Targets.RPOHours || ra.Targets.RTOHours != rb.Targets.RTOHours || ra.Targets.Percentile != rb.Targets.Percentile {
		fmt.Fprintf(out, "  (the designs have different targets: A RPO %s RTO %s at p%g, B RPO %s RTO %s at p%g)\n",
			fmtHours(ra.Targets.RPOHours), fmtHours(ra.Targets.RTOHours), ra.Targets.Percentile, fmtHours(rb.Targets.RPOHours), fmtHours(rb.Targets.RTOHours), rb.Targets.Percentile)
	}
	fmt.Fprintf(out, "\n%s\n", verdict(cur, c))
	return nil
}

func targetsText(r *engine.Result) string {
	t := r.Targets
	return fmt.Sprintf("%s within both, %s", pct(t.Met), metWord(t.Pass))
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

func signedMoney(cur string, v float64) string {
	if v < 0 {
		return "−" + fmtMoney(cur, -v)
	}
	return "+" + fmtMoney(cur, v)
}

// fmtMoneySigned prints an amount, with a minus sign only when negative.
func fmtMoneySigned(cur string, v float64) string {
	if v < 0 {
		return "−" + fmtMoney(cur, -v)
	}
	return fmtMoney(cur, v)
}

func signedNumber(v float64) string {
	if v < 0 {
		return fmt.Sprintf("−%.2g", -v)
	}
	return fmt.Sprintf("+%.2g", v)
}

func signedHours(v float64) string {
	if v < 0 {
		return "−" + fmtHours(-v)
	}
	return "+" + fmtHours(v)
}

// verdict says in a sentence how B differs from A, and whether the
// difference in the cost with risk is beyond the noise.
func verdict(cur string, c *compare.Comparison) string {
	m, p, t := c.Monthly.Mean, c.Penalty.Mean, c.Total
	more := func(v float64, what string) string {
		switch {
		case asShown(math.Abs(v)) == 0:
			return "the same " + what
		case v > 0:
			return fmtMoney(cur, v) + " a month more " + what
		}
		return fmtMoney(cur, -v) + " a month less " + what
	}
	s := fmt.Sprintf("B costs %s and carries %s", more(m, "to run"), more(p, "expected loss"))
	if t.CI95 == [2]float64{0, 0} && t.Mean == 0 {
		return s + ": the two designs behave identically on these failures."
	}
	dir := "cheaper"
	if t.Mean > 0 {
		dir = "dearer"
	}
	s += fmt.Sprintf(": with its risk it is %s a month %s than A", fmtMoney(cur, math.Abs(t.Mean)), dir)
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
	s += fmt.Sprintf(" (95%% CI %s to %s, paired over the same %s trials)", fmtMoneySigned(cur, lo), fmtMoneySigned(cur, hi), groupThousands(float64(c.Trials)))
	if t.Beyond {
		return s + ", beyond the noise."
	}
	return s + ": within the noise; more trials or a larger change would tell them apart."
}
