package engine

import (
	"context"
	"math"
	"testing"

	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/scenarios"
)

// TestFailureSumsAddUp checks that every failure's downtime and discarded
// writes a year add up, over the failures, to the run's: each incident is
// counted in its failure exactly as in the trial's totals. Both sides are
// means of the same exact sums over the same years, rounded to six
// significant digits: a relative difference of 1e-5 is rounding, a left-out
// incident kind is far beyond it.
func TestFailureSumsAddUp(t *testing.T) {
	for file, data := range scenarios.All() {
		s, err := scenario.Load(file, data, []string{"simulate.trials=500"})
		if err != nil {
			t.Fatal(err)
		}
		r, err := Run(context.Background(), s, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var down, disc float64
		for _, f := range r.Failures {
			down += f.DowntimePerYear
			disc += f.DiscardedPerYear
		}
		for _, c := range []struct {
			what      string
			sum, want float64
		}{{"downtime", down, r.Downtime.Mean}, {"discarded", disc, r.Discarded.Mean}} {
			if math.Abs(c.sum-c.want) > 1e-5*c.want+1e-9 {
				t.Errorf("%s: failures' %s adds up to %g hours a year, the run's is %g", file, c.what, c.sum, c.want)
			}
		}
	}
}
