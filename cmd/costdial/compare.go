package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/costdial/costdial/model/compare"
	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/report"
	"github.com/spf13/cobra"
)

type compareOptions struct {
	sim    simOptions
	second string   // B's file; "" compares FILE with FILE --set ...
	both   []string // overrides for both designs
	format string
}

// newCompareCommand is `costdial compare`; runF, when not nil, is called
// with the parsed options instead of running.
func newCompareCommand(runF func(*compareOptions) error) *cobra.Command {
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
			if runF != nil {
				return runF(opts)
			}
			return runCompare(cmd.Context(), opts, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	addSimFlags(cmd, &opts.sim)
	cmd.Flags().StringArrayVar(&opts.both, "both", nil, "override a field of both designs, PATH=VALUE (repeatable)")
	addOutputFlag(cmd, &opts.format, "text", "text", "json")
	return cmd
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
	acc := report.NewCompare(labelA, labelB, c)
	if opts.format == "json" {
		return acc.WriteJSON(out)
	}
	return acc.WriteText(out)
}

// simOnly keeps the overrides that are not the variant's own --set flags:
// --trials, --years and --seed apply to both designs. overrides() puts the
// --set flags first.
func simOnly(all, variant []string) []string {
	return all[len(variant):]
}
