package main

import (
	"fmt"
	"math"

	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/model/units"
	"github.com/spf13/cobra"
)

// limitFlags are the flags that raise the limits of docs/limits.md. They
// live on the command line only: a scenario file cannot raise its own.
type limitFlags struct {
	incidents  float64
	trialYears float64
	work       float64
	designs    int
	fileSize   units.Size
}

func addLimitFlags(cmd *cobra.Command, l *limitFlags, designs bool) {
	d := scenario.DefaultLimits
	l.fileSize = units.Size(d.FileBytes)
	cmd.Flags().Float64Var(&l.incidents, "max-incidents", d.Incidents, "refuse a scenario that expects more incidents and job breaks in one trial (docs/limits.md)")
	cmd.Flags().Float64Var(&l.trialYears, "max-trial-years", d.TrialYears, "refuse a scenario that simulates more years in all (trials times years, warm-up included)")
	cmd.Flags().Float64Var(&l.work, "max-trial-work", d.Work, "refuse a scenario that expects more searches in one trial (incidents times the jobs each looks at)")
	cmd.Flags().Var(&l.fileSize, "max-file-size", "refuse a scenario file larger than this")
	if designs {
		cmd.Flags().IntVar(&l.designs, "max-designs", d.Designs, "refuse a dial with more designs than this")
	}
}

// check refuses limits that are not a positive number.
func (l *limitFlags) check(cmd *cobra.Command) error {
	bad := func(name string, ok bool) error {
		if ok || !cmd.Flags().Changed(name) {
			return nil
		}
		return usageError{fmt.Errorf("--%s must be a number above zero (got %s)", name, cmd.Flags().Lookup(name).Value)}
	}
	for _, name := range []string{"max-incidents", "max-trial-work"} {
		if v, _ := cmd.Flags().GetFloat64(name); cmd.Flags().Changed(name) && v > 0 && v != math.Trunc(v) {
			return usageError{fmt.Errorf("--%s must be a whole number above zero (got %s): it is a count", name, cmd.Flags().Lookup(name).Value)}
		}
	}
	for _, err := range []error{
		bad("max-incidents", l.incidents > 0 && !math.IsInf(l.incidents, 0)),
		bad("max-trial-years", l.trialYears > 0 && !math.IsInf(l.trialYears, 0)),
		bad("max-trial-work", l.work > 0 && !math.IsInf(l.work, 0)),
		bad("max-designs", l.designs > 0),
		bad("max-file-size", l.fileSize > 0),
	} {
		if err != nil {
			return err
		}
	}
	return nil
}

// limits returns the limits the flags set.
func (l *limitFlags) limits() scenario.Limits {
	lim := scenario.Limits{Incidents: l.incidents, TrialYears: l.trialYears, Work: l.work, Designs: l.designs, FileBytes: int64(l.fileSize)}
	if l.fileSize > 0 && lim.FileBytes <= 0 { // beyond int64
		lim.FileBytes = 1 << 62
	}
	return lim
}
