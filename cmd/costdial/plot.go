package main

import (
	"context"
	"fmt"
	"io"

	"github.com/costdial/costdial/internal/escape"
	"github.com/costdial/costdial/report"
	"github.com/spf13/cobra"
)

type plotOptions struct {
	sim simOptions
	out string
}

// newPlotCommand is `costdial plot`; runF, when not nil, is called with
// the parsed options instead of running.
func newPlotCommand(runF func(*plotOptions) error) *cobra.Command {
	opts := &plotOptions{}
	cmd := &cobra.Command{
		Use:   "plot [FILE]",
		Short: "Draw the RPO and RTO distributions of one design, overall and per failure",
		Long: `Plot runs the scenario once and writes rpo-cdf and rto-cdf (PNG and SVG)
to --out: for every failure and for all incidents together, the fraction of
incidents that lost at most so many hours of data, or were down at most so
long, with the targets marked. Without FILE it plots the bundled scenario.`,
		Example: `  costdial plot scenarios/small-saas.yaml --out out/
  costdial plot scenarios/small-saas.yaml --set backups.nightly.every=4h --out out/4h`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.sim.file = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return runPlot(cmd.Context(), opts, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	addSimFlags(cmd, &opts.sim)
	cmd.Flags().StringVar(&opts.out, "out", "out", "directory to write the plots to")
	return cmd
}

func runPlot(ctx context.Context, opts *plotOptions, out, errOut io.Writer) error {
	if err := checkOut(&opts.sim, opts.out); err != nil {
		return err
	}
	s, _, err := opts.sim.load(opts.sim.overrides())
	if err != nil {
		return err
	}
	set, err := beginOutput(opts.out, opts.sim.inputs())
	if err != nil {
		return err
	}
	committed := false
	defer func() {
		if !committed {
			set.Abort()
		}
	}()
	r, err := simulate(ctx, s, opts.sim.workers, errOut)
	if err != nil {
		return err
	}
	charts, err := report.RunCharts(s, r)
	if err != nil {
		return err
	}
	files, skipped, err := report.Save(set.Path(""), charts)
	if err != nil {
		return set.Err(fmt.Errorf("--out %s: %w", escape.Terminal(opts.out), err))
	}
	for i, f := range files {
		files[i] = set.Shown(f)
	}
	committed = true // commit removes what it leaves behind itself
	if _, err := set.Commit(); err != nil {
		return err
	}
	return report.NewWritten(files, skipped).WriteText(out)
}
