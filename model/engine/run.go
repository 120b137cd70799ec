package engine

import (
	"context"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/costdial/costdial/model/cost"
	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/model/units"
)

// blockSize is the number of trials that share one random stream. It is
// fixed, so results do not depend on how many workers run.
const blockSize = 1000

// Options tune a run without changing its result.
type Options struct {
	// Workers is the number of goroutines; 0 means GOMAXPROCS.
	Workers int
	// Progress, if set, is called now and then with trials done and total.
	Progress func(done, total int64)
	// Observe, if set, is called after every trial with what it did. It is
	// called from the worker goroutines, concurrently and in no set order;
	// the record is reused once Observe returns. The run's result is the
	// same with or without it.
	Observe func(*TrialRecord)
	// Detail, if set with Observe, says which trials' incidents carry a
	// full Detail (copies, runbook steps). It changes nothing else.
	Detail func(trial int64) bool
}

// Run simulates the scenario for s.Simulate.Trials trials of
// s.Simulate.Years each, seeded by s.Simulate.Seed. The scenario must have
// been loaded (resolved and validated). It stops early, returning ctx's
// error, when ctx is cancelled.
func Run(ctx context.Context, s *scenario.Scenario, opts Options) (*Result, error) {
	m := compile(s)
	trials := int64(s.Simulate.Trials)
	blocks := (trials + blockSize - 1) / blockSize
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = int(min(int64(workers), blocks))
	var next, done atomic.Int64
	accs := make([]*accumulator, workers)
	var wg sync.WaitGroup
	for w := range workers {
		acc := newAccumulator(m)
		accs[w] = acc
		wg.Add(1)
		go func() {
			defer wg.Done()
			t := newTrial(m, acc)
			t.observe, t.detailFn = opts.Observe, opts.Detail
			for {
				b := next.Add(1) - 1
				if b >= blocks || ctx.Err() != nil {
					return
				}
				rng := rand.New(rand.NewPCG(splitmix(s.Simulate.Seed), splitmix(uint64(b)^0x5851F42D4C957F2D)))
				n := min(blockSize, trials-b*blockSize)
				for i := range n {
					t.run(rng, b*blockSize+i)
				}
				d := done.Add(n)
				if opts.Progress != nil {
					opts.Progress(d, trials)
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	total := newAccumulator(m)
	for _, a := range accs {
		total.merge(a)
	}
	total.total()
	return total.result(m), nil
}

func (a *accumulator) result(m *model) *Result {
	s := m.s
	years := float64(a.trials) * s.Simulate.Years
	r := &Result{
		Scenario: s.Name, Trials: int(a.trials), Years: s.Simulate.Years, Seed: s.Simulate.Seed,
		IncidentsPerYear: round(float64(a.all.incidents) / years),
		RPO:              summarize(a.all.rpoM, a.all.rpo),
		RTO:              summarize(a.all.rtoM, a.all.rto),
		Failures:         map[string]Failure{},
		Currency:         s.Currency(),
	}
	dm, dlo, dhi := a.downtime.meanCI()
	r.Downtime = PerYear{round(dm), [2]float64{round(dlo), round(dhi)}}
	lm, llo, lhi := a.lost.meanCI()
	r.DataLoss = PerYear{round(lm), [2]float64{round(llo), round(lhi)}}
	r.Availability = round(max(0, 1-a.downtime.sum.value()/(float64(a.trials)*units.Year.Hours())))
	r.TotalLoss = TotalLoss{Count: a.all.totalLoss, PerYear: round(float64(a.all.totalLoss) / years), CI95: poissonCI(a.all.totalLoss, years)}

	r.Targets = Targets{RPOHours: round(m.rpoTarget), RTOHours: round(m.rtoTarget), Percentile: m.percentile, RPOMet: 1, RTOMet: 1}
	if n := a.all.incidents; n > 0 {
		// a total loss meets neither target
		r.Targets.RPOMet = round(float64(a.all.rpoMet) / float64(n))
		r.Targets.RTOMet = round(float64(a.all.rtoMet) / float64(n))
	}
	r.Targets.RPOPass = r.Targets.RPOMet*100 >= m.percentile-1e-9
	r.Targets.RTOPass = r.Targets.RTOMet*100 >= m.percentile-1e-9
	r.Targets.Pass = r.Targets.RPOPass && r.Targets.RTOPass

	for i, f := range m.failures {
		fa := &a.failures[i]
		r.FailureOrder = append(r.FailureOrder, f.name)
		r.Failures[f.name] = Failure{
			Kind:              f.kind,
			IncidentsPerYear:  round(float64(fa.incidents) / years),
			CopiesLostPerYear: round(float64(fa.copiesLost) / years),
			TotalLossPerYear:  round(float64(fa.totalLoss) / years),
			RPO:               summarize(fa.rpoM, fa.rpo),
			RTO:               summarize(fa.rtoM, fa.rto),
		}
	}

	risk := cost.Risk{
		DowntimeHours: a.downtime.sum.value() / float64(a.trials),
		DataLossHours: a.lost.sum.value() / float64(a.trials),
		TotalLosses:   float64(a.all.totalLoss) / years,
		RestoreFees:   map[string]float64{},
	}
	for i, st := range m.stores {
		if !st.primary {
			risk.RestoreFees[st.name] = a.restoreMoney[i].value() / years
		}
	}
	c := cost.WithRisk(s, cost.Static(s), risk)
	r.Cost = roundCost(c)
	return r
}

// roundCost rounds money to 1/10000 of the currency unit and sizes to 6
// significant digits, keeping monthly + penalty = total after rounding.
func roundCost(c cost.Breakdown) cost.Breakdown {
	m := func(v float64) float64 { return math.Round(v*1e4) / 1e4 }
	for k, v := range c.Stores {
		v.GiB, v.BilledGiB, v.Storage, v.Fixed, v.Restores = round(v.GiB), round(v.BilledGiB), m(v.Storage), m(v.Fixed), m(v.Restores)
		c.Stores[k] = v
	}
	for k, v := range c.Jobs {
		v.GiB, v.BilledGiB, v.Storage = round(v.GiB), round(v.BilledGiB), m(v.Storage)
		c.Jobs[k] = v
	}
	c.Storage, c.Fixed, c.Restores, c.Monthly = m(c.Storage), m(c.Fixed), m(c.Restores), m(c.Monthly)
	c.PenaltyDowntime, c.PenaltyDataLoss, c.PenaltyTotalLoss = m(c.PenaltyDowntime), m(c.PenaltyDataLoss), m(c.PenaltyTotalLoss)
	c.Penalty = m(c.Penalty)
	c.Total = m(c.Monthly + c.Penalty)
	return c
}
