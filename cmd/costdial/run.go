package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/report"
	"github.com/costdial/costdial/scenarios"
	"github.com/spf13/cobra"
)

// simOptions are the flags shared by run, sweep and plot.
type simOptions struct {
	file    string
	sets    []string
	trials  int
	years   float64
	seed    uint64
	workers int
	limit   limitFlags
	cmd     *cobra.Command
}

func addSimFlags(cmd *cobra.Command, o *simOptions) {
	o.cmd = cmd
	addSetFlag(cmd, &o.sets)
	cmd.Flags().IntVar(&o.trials, "trials", 0, "number of trials (default: the scenario's simulate.trials)")
	cmd.Flags().Float64Var(&o.years, "years", 0, "years in one trial (default: the scenario's simulate.years)")
	cmd.Flags().Uint64Var(&o.seed, "seed", 0, "random seed (default: the scenario's simulate.seed)")
	cmd.Flags().IntVar(&o.workers, "workers", 0, "goroutines to use, at least 1 (default: all cores); the result does not depend on it")
	cmd.ValidArgsFunction = completeScenarioFile
	addLimitFlags(cmd, &o.limit, true) // a scenario with a dial is refused above --max-designs by every command
}

// overrides returns the --set list with --trials, --years and --seed added.
func (o *simOptions) overrides() []string {
	sets := append([]string(nil), o.sets...)
	if o.cmd != nil && o.cmd.Flags().Changed("trials") {
		sets = append(sets, "simulate.trials="+strconv.Itoa(o.trials))
	}
	if o.cmd != nil && o.cmd.Flags().Changed("years") {
		sets = append(sets, "simulate.years="+strconv.FormatFloat(o.years, 'g', -1, 64))
	}
	if o.cmd != nil && o.cmd.Flags().Changed("seed") {
		sets = append(sets, "simulate.seed="+strconv.FormatUint(o.seed, 10))
	}
	return sets
}

// load reads the scenario named on the command line, or the bundled one.
func (o *simOptions) load(sets []string) (*scenario.Scenario, []byte, error) {
	if err := o.checkWorkers(); err != nil {
		return nil, nil, err
	}
	name, data, err := o.source()
	if err != nil {
		return nil, nil, err
	}
	s, err := scenario.LoadLimited(name, data, sets, o.limit.limits())
	return s, data, err
}

// checkWorkers refuses a --workers below 1.
func (o *simOptions) checkWorkers() error {
	if o.cmd != nil && o.cmd.Flags().Changed("workers") && o.workers < 1 {
		return usageError{fmt.Errorf("--workers must be at least 1 (got %d); leave it out to use every core", o.workers)}
	}
	return nil
}

func (o *simOptions) source() (string, []byte, error) {
	if o.cmd != nil {
		if err := o.limit.check(o.cmd); err != nil {
			return "", nil, err
		}
	}
	if o.file == "" {
		return "(bundled) " + scenarios.Default, scenarios.Bundled(), nil
	}
	if o.file == "-" {
		var in io.Reader = os.Stdin
		if o.cmd != nil {
			in = o.cmd.InOrStdin()
		}
		return readStdin(in, o.limit.limits().FileBytes)
	}
	data, err := scenario.ReadFileLimited(o.file, o.limit.limits().FileBytes)
	return o.file, data, err
}

type runOptions struct {
	sim        simOptions
	format     string
	perFailure bool
}

// newRunCommand is `costdial run`; runF, when not nil, is called with the
// parsed options instead of running (for tests of the flags).
func newRunCommand(runF func(*runOptions) error) *cobra.Command {
	opts := &runOptions{}
	cmd := &cobra.Command{
		Use:   "run [FILE]",
		Short: "Simulate a scenario and report data lost, downtime and cost",
		Long: `Run plays the scenario's failures for many simulated years against its
backups and runbook, and reports the realized RPO (data lost) and RTO
(downtime) per incident, yearly downtime, total-loss risk, every target
(the RPO and RTO at a percentile, each failure's own, the total-loss rate)
and whether it holds, and what the design costs a month with its risk.
Without FILE it runs the bundled teaching scenario.`,
		Example: `  costdial run
  costdial run scenarios/small-saas.yaml --trials 20000 --seed 7
  costdial run scenarios/small-saas.yaml --set backups.nightly.every=4h -o json
  costdial run scenarios/replica-is-not-a-backup.yaml --per-failure
  costdial run scenarios/postgres-on-aws.yaml --set service.targets.total_loss=1/1000y`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.sim.file = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return runRun(cmd.Context(), opts, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	addSimFlags(cmd, &opts.sim)
	addOutputFlag(cmd, &opts.format, "text", "text", "json", "markdown")
	cmd.Flags().BoolVar(&opts.perFailure, "per-failure", false, "add the full figures of every failure to the text report")
	return cmd
}

func runRun(ctx context.Context, opts *runOptions, out, errOut io.Writer) error {
	s, _, err := opts.sim.load(opts.sim.overrides())
	if err != nil {
		return err
	}
	res, err := simulate(ctx, s, opts.sim.workers, errOut)
	if err != nil {
		return err
	}
	acc := report.NewRun(s, res)
	switch opts.format {
	case "json":
		return acc.WriteJSON(out)
	case "markdown":
		return acc.WriteMarkdown(out)
	}
	return acc.WriteText(out, opts.perFailure)
}

// simulate runs the engine with a progress bar on a terminal.
func simulate(ctx context.Context, s *scenario.Scenario, workers int, errOut io.Writer) (*engine.Result, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	bar := newProgress(errOut, s.Name)
	defer bar.finish()
	return engine.Run(ctx, s, engine.Options{Workers: workers, Progress: bar.update})
}
