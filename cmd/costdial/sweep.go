package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/costdial/costdial/internal/escape"
	"github.com/costdial/costdial/internal/outset"
	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/model/sweep"
	"github.com/costdial/costdial/report"
	"github.com/spf13/cobra"
)

type sweepOptions struct {
	sim    simOptions
	out    string
	dials  []string
	format string
}

// newSweepCommand is `costdial sweep`; runF, when not nil, is called with
// the parsed options instead of running.
func newSweepCommand(runF func(*sweepOptions) error) *cobra.Command {
	opts := &sweepOptions{}
	cmd := &cobra.Command{
		Use:   "sweep [FILE]",
		Short: "Turn the cost dial: run every combination of the dial and find the cheapest design that meets the targets",
		Long: `Sweep runs the scenario once for every combination of its dial values
(and any --dial axes; a dial's choose: entry lists named options), all
with the same seed, prints a table (with each design's total losses) and
names the cheapest design that meets every target: RPO and RTO at the
percentile, each failure's own, and the total-loss rate; when none does,
the closest. Designs that come out identical are run once. With --out DIR
it also writes there sweep.json, sweep.csv and charts (PNG and SVG): RPO
and RTO against the monthly cost, every design numbered as in the table,
the cost with risk of every design (along the first dial beyond 20), and
the RPO/RTO distributions of every design (of the recommended, the
cheapest and the one with least cost with risk when there are more than
7); a chart on which every design ties is not drawn, and says why. Without
--out it writes no file. Without FILE it sweeps the bundled teaching
scenario.`,
		Example: `  costdial sweep
  costdial sweep scenarios/small-saas.yaml --out out/
  costdial sweep scenarios/small-saas.yaml --dial backups.nightly.every=1h,6h,24h --trials 20000
  costdial sweep scenarios/cold-archive.yaml -o csv
  costdial sweep scenarios/postgres-on-aws.yaml`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.sim.file = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return runSweep(cmd.Context(), opts, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	addSimFlags(cmd, &opts.sim)
	cmd.Flags().StringVar(&opts.out, "out", "", "directory to write sweep.json, sweep.csv and the charts to (none written without it)")
	cmd.Flags().StringArrayVar(&opts.dials, "dial", nil, "add or replace a dial axis, PATH=V1,V2,... (repeatable)")
	addOutputFlag(cmd, &opts.format, "text", "text", "json", "csv", "markdown")
	cmd.RegisterFlagCompletionFunc("dial", completeSet)
	return cmd
}

func runSweep(ctx context.Context, opts *sweepOptions, out, errOut io.Writer) error {
	if ctx == nil {
		ctx = context.Background()
	}
	extra, err := parseDials(opts.dials)
	if err != nil {
		return err
	}
	if err := checkOut(&opts.sim, opts.out); err != nil {
		return err
	}
	sets := opts.sim.overrides()
	base, data, err := opts.sim.load(sets)
	if err != nil {
		return err
	}
	axes := sweep.Axes(base, extra)
	var set *outset.Set // nil: no --out, no files
	if opts.out != "" {
		if set, err = beginOutput(opts.out, opts.sim.inputs()); err != nil {
			return err
		}
	}
	committed := false
	defer func() {
		if set != nil && !committed {
			set.Abort()
		}
	}()
	sw, err := opts.sim.sweep(ctx, base, data, sets, axes, base.Name, errOut)
	if err != nil {
		return err
	}
	acc := report.NewSweep(base, sw)
	var files, skipped []string
	if set != nil {
		if files, skipped, err = writeSweep(set.Path(""), base, sw, acc); err != nil {
			return set.Err(fmt.Errorf("--out %s: %w", escape.Terminal(opts.out), err))
		}
		for i, f := range files {
			files[i] = set.Shown(f)
		}
		committed = true // commit removes what it leaves behind itself
		if _, err := set.Commit(); err != nil {
			return err
		}
	}
	acc.Wrote(files, skipped)
	switch opts.format {
	case "json":
		return acc.WriteJSON(out)
	case "csv":
		return acc.WriteCSV(out)
	case "markdown":
		return acc.WriteMarkdown(out)
	}
	return acc.WriteText(out)
}

// sweep runs every design of axes on the scenario s loaded from data with
// sets, on the --workers and limits of the flags, with a progress bar
// labelled label.
func (o *simOptions) sweep(ctx context.Context, s *scenario.Scenario, data []byte, sets []string, axes []sweep.Axis, label string, errOut io.Writer) (*sweep.Sweep, error) {
	bar := newProgress(errOut, label)
	defer bar.finish()
	return sweep.Run(ctx, s.File, data, sets, axes, sweep.Options{
		Engine:   engine.Options{Workers: o.workers},
		Limits:   o.limit.limits(),
		Progress: func(i, n int, _ string) { bar.update(int64(i), int64(n)) },
	})
}

// writeSweep writes sweep.json, sweep.csv and the charts into dir.
// It returns the files written and, for each chart not drawn, why.
func writeSweep(dir string, s *scenario.Scenario, sw *sweep.Sweep, acc *report.Sweep) (files, skipped []string, err error) {
	add := func(name string, write func(io.Writer) error) error {
		path := filepath.Join(dir, name)
		files = append(files, path)
		return outset.WriteFile(path, write)
	}
	if err := add("sweep.json", acc.WriteJSON); err != nil {
		return nil, nil, err
	}
	if err := add("sweep.csv", acc.WriteCSV); err != nil {
		return nil, nil, err
	}
	charts, err := report.SweepCharts(s, sw)
	if err != nil {
		return nil, nil, err
	}
	plotted, skipped, err := report.Save(dir, charts)
	return append(files, plotted...), skipped, err
}

// parseDials reads the --dial flags; a malformed one, or two for the same
// field, is a usage error.
func parseDials(dials []string) ([]sweep.Axis, error) {
	var axes []sweep.Axis
	for _, d := range dials {
		a, err := sweep.ParseDial(d)
		if err != nil {
			return nil, usageError{err}
		}
		for _, b := range axes {
			if a.Set == b.Set {
				return nil, usageError{fmt.Errorf("--dial %s is given twice: give one --dial with all its values", a.Set)}
			}
		}
		axes = append(axes, a)
	}
	return axes, nil
}
