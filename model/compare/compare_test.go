package compare

import (
	"context"
	"math"
	"testing"

	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
)

// every runs at `every` from the primary; a bad query strikes 10 times a
// year and is noticed at once; the runbook takes no time.
const design = `version: 1
name: d
simulate: {trials: 20000, seed: 3}
service: {data: 10GiB, data_loss_cost: $100/h, downtime_cost: $10/h}
stores:
  - {name: live, primary: true}
  - {name: bucket, price: $0.02/GiB-month}
backups:
  - {name: dump, to: bucket, every: 24h, retention: 7d}
failures:
  - {name: oops, kind: logical, rate: 10/y, detect: 0s}
recovery: {detect: 0s, decide: 0s, provision: 0s, dns: 0s, verify: 0s}
`

func load(t *testing.T, sets ...string) *scenario.Scenario {
	t.Helper()
	s, err := scenario.Load("d.yaml", []byte(design), sets)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// A design against itself differs by nothing, exactly, and not beyond the noise.
func TestSelf(t *testing.T) {
	c, err := Run(context.Background(), load(t), load(t), engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, d := range map[string]Diff{"total": c.Total, "penalty": c.Penalty, "downtime": c.Downtime, "data": c.DataLoss} {
		if d.Mean != 0 || d.CI95 != [2]float64{0, 0} || d.Beyond {
			t.Errorf("%s: %+v, want exactly zero", name, d)
		}
	}
	if c.Blocks != 20 {
		t.Errorf("blocks = %d, want 20", c.Blocks)
	}
}

// Halving the interval of a dump whose damage is noticed at once halves the
// mean data lost per incident: RPO is uniform on [0, every), mean every/2,
// so 10 incidents a year lose 10 × 12h = 120h at 24h and 60h at 12h; the
// difference is −60h a year, −$500 a month at $100/h. The paired interval
// must hold it and be narrower than two independent runs would give.
func TestAnalyticDifference(t *testing.T) {
	c, err := Run(context.Background(), load(t), load(t, "backups.dump.every=12h"), engine.Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	d := c.DataLoss
	if d.CI95[0] > -60 || d.CI95[1] < -60 {
		t.Errorf("data lost per year: %v (95%% CI %v), want −60 inside", d.Mean, d.CI95)
	}
	if !d.Beyond {
		t.Error("a 60-hour difference is not beyond the noise")
	}
	// How much the pairing narrows it: per incident A loses X = t mod 24
	// and B loses Y = t mod 12 = X − 12·I, I a fair coin independent of Y.
	// Over a trial's Poisson(λ) incidents, Var ΣX = λE[X²] = 192λ,
	// Var ΣY = λE[Y²] = 48λ, Cov = λE[XY] = λ(E[Y²] + 12·E[I]·E[Y]) = 84λ,
	// so Var(ΣX − ΣY) = 72λ against 240λ unpaired: widths in the ratio
	// √(72/240) = 0.548, here estimated from 20 blocks (±about 20%).
	if pw, uw := d.CI95[1]-d.CI95[0], d.Unpaired95[1]-d.Unpaired95[0]; pw/uw < 0.42 || pw/uw > 0.68 {
		t.Errorf("paired width %v, unpaired %v: ratio %.3f, want about 0.548", pw, uw, pw/uw)
	}
	// the difference of the two runs' own figures
	if got, want := c.Total.Mean, c.B.Cost.Total-c.A.Cost.Total; math.Abs(got-want) > 1e-3 {
		t.Errorf("total difference %v, results differ by %v", got, want)
	}
	if got, want := c.DataLoss.Mean, c.B.DataLoss.Mean-c.A.DataLoss.Mean; math.Abs(got-want) > 1e-3*math.Abs(want) {
		t.Errorf("data-loss difference %v, results differ by %v", got, want)
	}
	// storage doubles: 7 → 14 points of 10 GiB at $0.02 = +$1.40, no noise
	if got := c.Monthly.Mean; math.Abs(got-1.4) > 1e-9 {
		t.Errorf("monthly difference %v, want 1.40", got)
	}
}

// The same answer on one core and many.
func TestDeterministic(t *testing.T) {
	one, _ := Run(context.Background(), load(t), load(t, "backups.dump.every=12h"), engine.Options{Workers: 1})
	many, _ := Run(context.Background(), load(t), load(t, "backups.dump.every=12h"), engine.Options{Workers: 4})
	if one.Total != many.Total || one.DataLoss != many.DataLoss {
		t.Errorf("one worker %+v, four %+v", one.Total, many.Total)
	}
}
