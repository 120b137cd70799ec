package engine

import (
	"context"
	"flag"
	"runtime"
	"runtime/metrics"
	"strconv"
	"sync"
	"testing"

	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/scenarios"
)

var memTrials = flag.Int64("mem.trials", 1_000_000, "the largest trial count TestMemoryFlat runs (10^8 for issue 15's figure)")

// peakHeap runs the bundled scenario for the given trials and returns the
// largest live heap (bytes of objects reachable after a collection, read
// from runtime/metrics) seen before, during (every 16th progress report,
// about every 16,000 trials) and after the run. Live, not in use: what the
// collector has yet to sweep depends on when it last ran, not on the
// trials, and would make the comparison a coin toss.
func peakHeap(t *testing.T, trials int64) uint64 {
	s, err := scenario.Load(scenarios.Default, scenarios.Bundled(), []string{"simulate.trials=" + strconv.FormatInt(trials, 10)})
	if err != nil {
		t.Fatal(err)
	}
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var mu sync.Mutex
	var peak uint64
	calls := 0
	read := func() {
		runtime.GC()
		metrics.Read(sample)
		peak = max(peak, sample[0].Value.Uint64())
	}
	read()
	_, err = Run(context.Background(), s, Options{Progress: func(done, total int64) {
		mu.Lock()
		defer mu.Unlock()
		if calls++; calls%16 == 0 {
			read()
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	read()
	return peak
}

// The memory a run holds does not grow with its trials: the peak heap of
// a run of -mem.trials trials (10^6 by default; 10^8 for the figure in the
// README) is within 10% of that of 10^5 trials. A worker's state and
// accumulator are sized by the scenario, and a trial allocates nothing.
func TestMemoryFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a million trials")
	}
	peakHeap(t, 1000) // warm the runtime's own structures
	small := peakHeap(t, 100_000)
	big := peakHeap(t, *memTrials)
	t.Logf("peak heap: %d bytes at 10^5 trials, %d bytes at %d trials (%.3fx)", small, big, *memTrials, float64(big)/float64(small))
	if float64(big) > 1.1*float64(small) {
		t.Errorf("peak heap %d bytes at %d trials, more than 10%% above %d bytes at 10^5", big, *memTrials, small)
	}
}
