package main

import (
	"fmt"
	"os"

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

// beginOutput checks --out before any simulation and starts the set of
// files a sweep or plot writes there (package outset).
func beginOutput(dir string) (*outset.Set, error) {
	if dir == "" {
		return nil, usageError{fmt.Errorf("--out is empty: give a directory, e.g. --out out")}
	}
	return outset.Dir(dir, outset.Options{Label: "--out " + dir, Known: isKnownOutput})
}

// mkdirAll creates the output directory and checks that it can be
// written; commands call it before they simulate, so that a directory that
// cannot be made or written costs no run.
func mkdirAll(dir string) error {
	if dir == "" {
		return usageError{fmt.Errorf("--out is empty: give a directory, e.g. --out out")}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("--out %s: cannot create the directory: %w", dir, err)
	}
	probe, err := os.CreateTemp(dir, ".costdial-probe-*")
	if err != nil {
		return fmt.Errorf("--out %s: not writable: %w", dir, outset.Unwrap(err))
	}
	probe.Close()
	return os.Remove(probe.Name())
}
