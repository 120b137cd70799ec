package main

import (
	"context"
	"fmt"
	"io"

	"github.com/costdial/costdial/internal/suggest"
	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/explain"
	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/report"
	"github.com/spf13/cobra"
)

type explainOptions struct {
	sim        simOptions
	failure    string
	worst      bool
	percentile float64
	by         string
	n          int
}

// newExplainCommand is `costdial explain`; runF, when not nil, is called
// with the parsed options instead of running.
func newExplainCommand(runF func(*explainOptions) error) *cobra.Command {
	opts := &explainOptions{}
	cmd := &cobra.Command{
		Use:   "explain [FILE]",
		Short: "Tell simulated incidents as timelines, step by step",
		Long: `Explain runs the scenario as run does and tells some of its incidents
from the damage to the service being back: when it struck, what each copy
held then, when it was noticed, which point was restored and why the others
could not be, each runbook step with its duration, the writes lost and the
downtime. Every figure is the one the run counted.

By default it tells the first incident of the run (--n for more, --failure
for one failure's). --worst tells the incidents that set the tail instead:
total losses first, then the largest data losses. --percentile 95 tells a
typical tail incident: the ones nearest the run's 95th percentile of data
lost. --by rto ranks both by downtime instead.
The same seed always tells the same incidents. Times are days of the
simulated year; day 0 and before are the warm-up the engine plays first so
that a trial starts in a steady state.`,
		Example: `  costdial explain
  costdial explain scenarios/small-saas.yaml --failure ransomware --worst
  costdial explain scenarios/small-saas.yaml --percentile 95 --by rto
  costdial explain scenarios/replica-is-not-a-backup.yaml --failure bad-migration --n 3`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.sim.file = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return runExplain(cmd.Context(), opts, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	addSimFlags(cmd, &opts.sim)
	cmd.Flags().StringVar(&opts.failure, "failure", "", "tell only this failure's incidents")
	cmd.Flags().BoolVar(&opts.worst, "worst", false, "tell the incidents that set the tail: total losses, then the most data lost")
	cmd.Flags().Float64Var(&opts.percentile, "percentile", 0, "tell the incidents nearest this percentile of data lost (1 to 100), e.g. 95: a typical tail incident")
	cmd.Flags().StringVar(&opts.by, "by", explain.ByRPO, "rank the tail by data lost (rpo) or by downtime (rto)")
	cmd.RegisterFlagCompletionFunc("by", cobra.FixedCompletions([]string{explain.ByRPO, explain.ByRTO}, cobra.ShellCompDirectiveNoFileComp))
	cmd.Flags().IntVar(&opts.n, "n", 1, "how many incidents to tell")
	return cmd
}

func runExplain(ctx context.Context, opts *explainOptions, out, errOut io.Writer) error {
	if err := opts.check(); err != nil {
		return err
	}
	s, _, err := opts.sim.load(opts.sim.overrides())
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	bar := newProgress(errOut, s.Name)
	p, err := explain.Pick(ctx, s, explain.Options{Failure: opts.failure, Worst: opts.worst, Percentile: opts.percentile, By: opts.by, N: opts.n,
		Engine: engine.Options{Workers: opts.sim.workers, Progress: bar.update}})
	bar.finish()
	if err != nil {
		return err
	}
	return report.NewExplain(s, p).WriteText(out)
}

// check refuses flags that cannot go together or are out of range.
func (opts *explainOptions) check() error {
	switch {
	case opts.n < 1 || opts.n > 100:
		return usageError{fmt.Errorf("--n must be from 1 to 100 (got %d)", opts.n)}
	case opts.by != explain.ByRPO && opts.by != explain.ByRTO:
		return usageError{fmt.Errorf("unknown --by %q%s (rpo: data lost, rto: downtime)", opts.by, suggest.DidYouMean(opts.by, []string{explain.ByRPO, explain.ByRTO}, nil))}
	case opts.percentile == 0:
		return nil
	case opts.worst:
		return usageError{fmt.Errorf("give --worst or --percentile, not both: --worst tells the very worst, --percentile a typical tail incident")}
	}
	if msg := scenario.PercentileError(opts.percentile); msg != "" {
		return usageError{fmt.Errorf("--percentile: %s", msg)}
	}
	return nil
}
