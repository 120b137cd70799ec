package engine

import (
	"path/filepath"
	"testing"

	"github.com/costdial/costdial/model/scenario"
)

// The limits count the warm-up the engine plays (scenario.WarmupHours):
// it must be the engine's own, for every example and for the variants
// that set its terms (retention, an incremental chain, restore tests that
// end breaks, detection of logical damage, a replica, the cap).
func TestWarmupIsTheLimits(t *testing.T) {
	files, _ := filepath.Glob("../../scenarios/*.yaml")
	n := 0
	for _, file := range files {
		for _, sets := range [][]string{
			nil,
			{"backups.nightly.retention=5y"},
			{"backups.nightly.kind=incremental", "backups.nightly.full_every=1w"},
			{"backups.nightly.breaks=2/y", "backups.nightly.restore_test=90d", "backups.nightly.fix=3d"},
		} {
			s, err := scenario.LoadFile(file, sets)
			if err != nil {
				continue // a set that does not fit this example
			}
			n++
			if got, want := s.WarmupHours(), warmup(compile(s)); got != want {
				t.Errorf("%s %v: the limits count a warm-up of %vh, the engine plays %vh", file, sets, got, want)
			}
		}
	}
	if n < 2*len(files) {
		t.Errorf("only %d designs compared", n)
	}
}
