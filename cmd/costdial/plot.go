package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"

	"github.com/costdial/costdial/plots"
	"github.com/spf13/cobra"
)

type plotOptions struct {
	sim simOptions
	out string
}

func newPlotCommand() *cobra.Command {
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
			return runPlot(cmd.Context(), opts, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	addSimFlags(cmd, &opts.sim)
	cmd.Flags().StringVar(&opts.out, "out", "out", "directory to write the plots to")
	return cmd
}

func runPlot(ctx context.Context, opts *plotOptions, out, errOut io.Writer) error {
	s, _, err := opts.sim.load(opts.sim.overrides())
	if err != nil {
		return err
	}
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
	r, err := simulate(ctx, s, opts.sim.workers, errOut)
	if err != nil {
		return err
	}
	var rpo, rto []plots.Curve
	x, p := r.RPO.CDF()
	rpo = append(rpo, plots.Curve{Label: "all incidents", X: x, P: p})
	x, p = r.RTO.CDF()
	rto = append(rto, plots.Curve{Label: "all incidents", X: x, P: p})
	for _, name := range r.FailureOrder {
		f := r.Failures[name]
		if f.RPO.Count == 0 {
			continue
		}
		x, p := f.RPO.CDF()
		rpo = append(rpo, plots.Curve{Label: name, X: x, P: p})
		x, p = f.RTO.CDF()
		rto = append(rto, plots.Curve{Label: name, X: x, P: p})
	}
	t := r.Targets
	if err := plots.CDF(set.path("rpo-cdf"), s.Name+": data lost per incident", "RPO (hours)", rpo, t.RPOHours); err != nil {
		return fmt.Errorf("--out %s: %w", opts.out, err)
	}
	if err := plots.CDF(set.path("rto-cdf"), s.Name+": downtime per incident", "RTO (hours)", rto, t.RTOHours); err != nil {
		return fmt.Errorf("--out %s: %w", opts.out, err)
	}
	committed = true // commit removes what it leaves behind itself
	if err := set.commit(); err != nil {
		return err
	}
	rpoBase, rtoBase := filepath.Join(opts.out, "rpo-cdf"), filepath.Join(opts.out, "rto-cdf")
	fmt.Fprintf(out, "Wrote %s.png, %s.svg, %s.png, %s.svg\n", rpoBase, rpoBase, rtoBase, rtoBase)
	return nil
}
