package compare

import (
	"context"
	"fmt"
	"math"
	"sync"

	"github.com/costdial/costdial/model/cost"
	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
	"gonum.org/v1/gonum/stat/distuv"
)

// Diff is the difference B − A of one figure, with the 95% interval of
// the paired estimate and, for reference, the interval two independent
// runs would have given.
type Diff struct {
	Mean       float64    `json:"mean"`
	CI95       [2]float64 `json:"ci95"`
	Unpaired95 [2]float64 `json:"unpaired_ci95"`
	// Beyond is true when the interval leaves out zero: the difference is
	// the designs', not the noise's.
	Beyond bool `json:"beyond_noise"`
}

// Comparison is two designs run on the same failures.
type Comparison struct {
	A, B   *engine.Result
	Trials int
	// Blocks is the number of independent blocks of trials the interval
	// is estimated from.
	Blocks int
	// Per month, in the scenario's currency: the cost to run (storage,
	// fixed, restore tests and the restores the incidents needed), the
	// expected loss, and their sum.
	Monthly, Penalty, Total Diff
	// Per year: downtime hours, hours of writes lost, total losses.
	Downtime, DataLoss, TotalLosses Diff
}

// figures a trial contributes, in the order of the Diff fields above.
const (
	fRestores = iota // restore fees a month (the random part of Monthly)
	fPenalty
	fDowntime
	fDataLoss
	fTotalLosses
	nFigures
)

// scale is the fixed point of the sums: a millionth of a unit. Sums are
// integers, so the result does not depend on the order trials finish in.
const scale = 1e6

// sums collects, per block of trials, the sum of each figure.
type sums struct {
	mu     sync.Mutex
	blocks [][nFigures]int64
	n      []int64
}

func newSums(trials int) *sums {
	g := (trials + engine.StreamTrials - 1) / engine.StreamTrials
	return &sums{blocks: make([][nFigures]int64, g), n: make([]int64, g)}
}

// observer turns a trial's record into its monthly and yearly figures.
func (s *sums) observer(sc *scenario.Scenario) func(*engine.TrialRecord) {
	years := sc.Simulate.Years
	return func(r *engine.TrialRecord) {
		var v [nFigures]float64
		v[fRestores] = r.RestoreFees / years / 12
		v[fPenalty] = cost.Price(sc, cost.Exposure{
			DowntimeHours: r.DowntimeHours / years, DataLossHours: r.DataLossHours / years, TotalLosses: float64(r.TotalLosses) / years,
		}).Total
		v[fDowntime] = r.DowntimeHours / years
		v[fDataLoss] = r.DataLossHours / years
		v[fTotalLosses] = float64(r.TotalLosses) / years
		g := r.Trial / engine.StreamTrials
		s.mu.Lock()
		for i, x := range v {
			s.blocks[g][i] += int64(math.Round(x * scale))
		}
		s.n[g]++
		s.mu.Unlock()
	}
}

// Run simulates both designs with the same trials, years and seed (b's
// are set to a's) and returns their results and the paired differences.
func Run(ctx context.Context, a, b *scenario.Scenario, opts engine.Options) (*Comparison, error) {
	if ca, cb := a.Currency(), b.Currency(); ca != cb {
		return nil, fmt.Errorf("A is in %s and B in %s: %w", ca, cb, scenario.ErrMixedCurrencies)
	}
	bs := *b
	bs.Simulate = a.Simulate
	trials := a.Simulate.Trials
	sa, sb := newSums(trials), newSums(trials)
	oa, ob := opts, opts
	oa.Observe, ob.Observe = sa.observer(a), sb.observer(&bs)
	ra, err := engine.Run(ctx, a, oa)
	if err != nil {
		return nil, err
	}
	rb, err := engine.Run(ctx, &bs, ob)
	if err != nil {
		return nil, err
	}
	c := &Comparison{A: ra, B: rb, Trials: trials, Blocks: len(sa.n)}
	diff := func(f int, fixed float64) Diff { return paired(sa, sb, f, fixed) }
	// storage, fixed costs, transfers and restore tests need no simulation:
	// no noise
	// (everything in the cost to run but the restores the incidents needed)
	static := (rb.Cost.Monthly - rb.Cost.Restores) - (ra.Cost.Monthly - ra.Cost.Restores)
	c.Monthly = diff(fRestores, static)
	c.Penalty = diff(fPenalty, 0)
	c.Total = sumDiff(sa, sb, static)
	c.Downtime = diff(fDowntime, 0)
	c.DataLoss = diff(fDataLoss, 0)
	c.TotalLosses = diff(fTotalLosses, 0)
	return c, nil
}

// paired estimates the mean per trial of figure f in B minus A, plus a
// fixed difference that has no noise (static costs). The blocks of trials
// are independent and identically distributed (the last may be shorter),
// so the mean of the differences is a ratio of block sums and its
// variance is estimated from the spread of the block differences around
// it: se² = G/(G−1) · Σ (D_g − n_g·d̄)² / N², with a Student t quantile on
// G−1 degrees of freedom.
func paired(a, b *sums, f int, fixed float64) Diff {
	return estimate(len(a.n), a.n, func(g int) (float64, float64) {
		return float64(a.blocks[g][f]) / scale, float64(b.blocks[g][f]) / scale
	}, fixed)
}

// sumDiff is paired on restores + penalty: the whole random part of the
// cost with its risk.
func sumDiff(a, b *sums, fixed float64) Diff {
	return estimate(len(a.n), a.n, func(g int) (float64, float64) {
		return float64(a.blocks[g][fRestores]+a.blocks[g][fPenalty]) / scale,
			float64(b.blocks[g][fRestores]+b.blocks[g][fPenalty]) / scale
	}, fixed)
}

func estimate(groups int, n []int64, get func(g int) (a, b float64), fixed float64) Diff {
	var total int64
	var sa, sb float64
	for g := 0; g < groups; g++ {
		x, y := get(g)
		sa += x
		sb += y
		total += n[g]
	}
	d := Diff{}
	if total == 0 {
		return d
	}
	N := float64(total)
	ma, mb := sa/N, sb/N
	mean := mb - ma
	d.Mean = mean + fixed
	if groups < 2 {
		d.CI95 = [2]float64{math.Inf(-1), math.Inf(1)}
		d.Unpaired95 = d.CI95
		return d
	}
	var ss, ssa, ssb float64
	for g := 0; g < groups; g++ {
		x, y := get(g)
		ng := float64(n[g])
		ss += sq(y - x - ng*mean)
		ssa += sq(x - ng*ma)
		ssb += sq(y - ng*mb)
	}
	G := float64(groups)
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: G - 1}.Quantile(0.975)
	half := t * math.Sqrt(G/(G-1)*ss) / N
	d.CI95 = [2]float64{d.Mean - half, d.Mean + half}
	// as if A and B had been run with different seeds
	uhalf := t * math.Sqrt(G/(G-1)*(ssa+ssb)) / N
	d.Unpaired95 = [2]float64{d.Mean - uhalf, d.Mean + uhalf}
	d.Beyond = d.CI95[0] > 0 || d.CI95[1] < 0
	return d
}

func sq(x float64) float64 { return x * x }
