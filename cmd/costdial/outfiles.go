package main

import (
	"fmt"

	"github.com/costdial/costdial/internal/escape"
	"github.com/costdial/costdial/internal/outset"
)

// knownOutputs are files costdial writes into --out; a directory holding
// only these (and the set's marker) may be replaced by a new set.
var knownOutputs = map[string]bool{"sweep.json": true, "sweep.csv": true}

func isKnownOutput(name string) bool {
	if knownOutputs[name] {
		return true
	}
	for _, plot := range []string{"cost-rpo", "cost-rto", "total-cost", "rpo-cdf", "rto-cdf"} {
		if name == plot+".png" || name == plot+".svg" {
			return true
		}
	}
	return false
}

// checkOut refuses an --out given empty: every command that takes one
// writes there (a sweep without --out writes nothing, but an empty --out is a
// slip).
func checkOut(o *simOptions, out string) error {
	if out == "" && o.cmd != nil && o.cmd.Flags().Changed("out") {
		return usageError{fmt.Errorf("--out is empty: give a path, e.g. --out out")}
	}
	return nil
}

// inputs are the scenario files a command reads, which no output may
// replace.
func (o *simOptions) inputs() []string {
	if o.file == "" || o.file == "-" {
		return nil
	}
	return []string{o.file}
}

// beginOutput checks --out before any simulation and starts the set of
// files a sweep or plot writes there (package outset).
func beginOutput(dir string, inputs []string) (*outset.Set, error) {
	if dir == "" {
		return nil, usageError{fmt.Errorf("--out is empty: give a directory, e.g. --out out")}
	}
	return outset.Dir(dir, outset.Options{Label: "--out " + escape.Terminal(dir), Inputs: inputs, Known: isKnownOutput})
}
