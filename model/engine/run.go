package engine

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
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
	// Progress, if set, is called now and then with trials done and total
	// (for RunDesigns, trials of every design).
	Progress func(done, total int64)
	// Observe, if set, is called after every trial with what it did. It is
	// called from the worker goroutines, concurrently and in no set order;
	// the record is reused once Observe returns. The run's result is the
	// same with or without it. (RunDesigns passes it every design's
	// trials: give it one design to tell them apart.)
	Observe func(*TrialRecord)
	// Detail, if set with Observe, says which trials' incidents carry a
	// full Detail (copies, runbook steps). It changes nothing else.
	Detail func(trial int64) bool
}

// Run simulates the scenario for s.Simulate.Trials trials of
// s.Simulate.Years each, seeded by s.Simulate.Seed. The scenario must have
// been loaded (resolved and validated). It stops early, returning ctx's
// error, when ctx is cancelled: within a few incidents, even in the middle
// of a long trial.
func Run(ctx context.Context, s *scenario.Scenario, opts Options) (*Result, error) {
	rs, err := RunDesigns(ctx, []*scenario.Scenario{s}, opts)
	if err != nil {
		return nil, err
	}
	return rs[0], nil
}

// RunDesigns runs every scenario as Run would, each result byte-identical
// to Run's, and returns them in order. With common random numbers,
// designs with the same failures (names and rates) and the same seed,
// trials and years face the same strikes: each trial's strikes are drawn
// once and played against every such design in turn.
func RunDesigns(ctx context.Context, designs []*scenario.Scenario, opts Options) ([]*Result, error) {
	results := make([]*Result, len(designs))
	var groups [][]int // indexes of designs that share their strikes
	index := map[string]int{}
	var total int64
	for i, s := range designs {
		total += int64(s.Simulate.Trials)
		k := strikesKey(s)
		g, ok := index[k]
		if !ok {
			g = len(groups)
			index[k] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	var done atomic.Int64
	for _, g := range groups {
		models := make([]*model, len(g))
		for i, d := range g {
			models[i] = compile(designs[d])
		}
		rs, err := runGroup(ctx, models, opts, &done, total)
		if err != nil {
			return nil, err
		}
		for i, d := range g {
			results[d] = rs[i]
		}
	}
	return results, nil
}

// strikesKey is what decides a design's strikes: the run's seed, trials
// and years, and its failures in order with their rates.
func strikesKey(s *scenario.Scenario) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %d %x", s.Simulate.Seed, s.Simulate.Trials, math.Float64bits(s.Simulate.Years))
	for _, f := range s.Failures {
		fmt.Fprintf(&b, "\x00%s\x00%x", f.Name, math.Float64bits(f.Rate.PerHour()))
	}
	return b.String()
}

// sharedOwn reports, per failure, whether every model draws its
// incidents' first number (failure.own) from the same distribution, so
// that the strikes can draw it once for all.
func sharedOwn(models []*model) []bool {
	share := make([]bool, len(models[0].failures))
	for fi := range share {
		share[fi] = models[0].failures[fi].own != nil
		for _, m := range models[1:] {
			if !share[fi] {
				break
			}
			a, b := models[0].failures[fi].own, m.failures[fi].own
			if a.Kind != b.Kind || !slices.Equal(a.Params, b.Params) {
				share[fi] = false
			}
		}
	}
	return share
}

// workerPad ends every object a worker writes to as it plays (its trials
// and accumulators). Those objects are allocated one after another, by
// worker, so without it the last fields one worker writes could share a
// cache line with the first fields of another worker's object, and that
// line would bounce between their cores.
type workerPad [64]byte

// block is a batch of consecutive trials a worker takes at once: their
// strikes are drawn once, then every design of the group plays them all,
// one design after another, so that its state and accumulator stay in the
// cache.
type block struct {
	first int64   // the index of its first trial
	evs   []event // the strikes of its trials, one after another
	ends  []int   // where each trial's strikes end in evs
}

// draw draws the strikes of the n trials from first on, with drawer.
func (b *block) draw(drawer *trial, first, n int64) {
	b.first, b.evs, b.ends = first, b.evs[:0], b.ends[:0]
	for i := range n {
		b.evs = append(b.evs, drawer.strikes(first+i)...)
		b.ends = append(b.ends, len(b.evs))
	}
}

// playBlock plays every trial of b, in order, until the run is cancelled.
func (t *trial) playBlock(b *block) {
	t.share.startBlock()
	from := 0
	for i, end := range b.ends {
		if t.halted() {
			return
		}
		t.play(b.first+int64(i), b.evs[from:end])
		from = end
	}
}

// runGroup runs models that share their strikes. Each worker keeps a
// trial per model; the one with the longest warm-up draws the strikes of
// a block of trials, and every model plays the block.
func runGroup(ctx context.Context, models []*model, opts Options, done *atomic.Int64, total int64) ([]*Result, error) {
	m0 := models[0]
	trials := int64(m0.s.Simulate.Trials)
	blocks := (trials + blockSize - 1) / blockSize
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = int(min(int64(workers), blocks))
	shareOwn := sharedOwn(models)
	// cancelling ctx halts every trial between incidents (trial.halt)
	var halt atomic.Bool
	defer context.AfterFunc(ctx, func() { halt.Store(true) })()
	var next atomic.Int64
	accs := make([][]*accumulator, workers) // per worker, per model
	var wg sync.WaitGroup
	for w := range workers {
		ts := make([]*trial, len(models))
		drawer := 0
		for i, m := range models {
			acc := newAccumulator(m)
			accs[w] = append(accs[w], acc)
			ts[i] = newTrial(m, acc)
			ts[i].obs = newObserver(opts)
			ts[i].halt = &halt
			if m.warm > models[drawer].warm {
				drawer = i
			}
		}
		ts[drawer].shareOwn = shareOwn
		shareBreaks(ts)
		wg.Add(1)
		go func() {
			defer wg.Done()
			var blk block
			for {
				b := next.Add(1) - 1
				if b >= blocks || ctx.Err() != nil {
					return
				}
				n := min(blockSize, trials-b*blockSize)
				blk.draw(ts[drawer], b*blockSize, n)
				for _, t := range ts {
					t.playBlock(&blk)
				}
				d := done.Add(n * int64(len(models)))
				if opts.Progress != nil {
					opts.Progress(d, total)
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	results := make([]*Result, len(models))
	for i, m := range models {
		sum := newAccumulator(m)
		for w := range workers {
			sum.merge(accs[w][i])
		}
		sum.total()
		results[i] = sum.result(m)
	}
	return results, nil
}
