package engine

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/costdial/costdial/model/scenario"
)

// blockSize is the number of trials a worker takes at a time. Each trial
// draws from streams keyed by its own index, so neither this nor the
// number of workers changes a result.
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
				n := min(blockSize, trials-b*blockSize)
				for i := range n {
					t.run(b*blockSize + i)
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
