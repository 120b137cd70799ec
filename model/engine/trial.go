package engine

import (
	"math"
	"slices"
	"sync/atomic"
)

// event is one failure striking at time t (ransomware: the encryption).
type event struct {
	t       float64
	failure int
	key     uint64 // the strike's identity: trial, failure and strike number
	// own is the failure's own draw for this strike (incident.ownDraw),
	// drawn once for every design that shares it, or NaN
	own float64
}

// trial plays the trials of one design on one worker, one after another,
// reusing its memory so that a run allocates nothing per trial. Its
// fields are grouped by how long they hold: the run, a block of trials,
// one trial. What belongs to one incident is in the incident its handler
// is given (incident.go), and what belongs to one search in its query
// (points.go).
type trial struct {
	// for the whole run
	m   *model       // the design and its tables: read-only, shared by every worker
	acc *accumulator // this worker's sums for the design
	obs *observer    // records each trial for Options.Observe; nil without one
	// shareOwn, per failure, is set on the trial that draws a group's
	// strikes when every design of the group has the same f.own
	shareOwn []bool
	// halt is set when the run's context is cancelled: a trial stops
	// between incidents, so that a long trial does not hold up an
	// interrupt (nil: never)
	halt *atomic.Bool

	// for a block of trials
	share breakShare

	// for one trial: reset by play
	trialState

	// scratch, holding nothing from one trial to the next
	events []event // what strikes returns
	arr    arrivals
	search searchState

	_ workerPad
}

// trialState is what a trial changes as it plays its incidents.
type trialState struct {
	seed    uint64  // this trial's seed (trialSeed)
	runSeed uint64  // the seed of its runs' failures (failed)
	wipes   []spans // per store: spans in which its points are wiped
	breaks  []spans // per job: spans in which it is broken
	bad     spans   // spans whose primary state is unusable: damaged or down
	totals  trialTotals
}

// trialTotals are a trial's sums over its measured incidents, which the
// accumulator takes when the trial ends.
type trialTotals struct {
	// hours of downtime; of writes lost (RPOs and discarded writes); and
	// of writes after logical damage that a rollback discarded
	downtime, lost, discarded float64
}

// add counts an incident's outcome.
func (s *trialTotals) add(o *outcome) {
	s.downtime += o.downtime
	if o.restored {
		s.lost += o.rpo + o.discarded
		s.discarded += o.discarded
	}
}

func newTrial(m *model, acc *accumulator) *trial {
	t := &trial{
		m:   m,
		acc: acc,
		trialState: trialState{
			wipes:  make([]spans, len(m.stores)),
			breaks: make([]spans, len(m.jobs)),
		},
	}
	t.arr.init()
	return t
}

// strikes draws the strikes of every failure over trial index's warm-up
// and measured span, in time order (ties in failure order). They depend
// only on the run's seed, the trial and each failure's name and rate, so
// designs with the same failures face the same strikes: a design with a
// shorter warm-up sees those from its own start on (see play). The result
// is valid until the next call.
func (t *trial) strikes(index int64) []event {
	m := t.m
	seed := trialSeed(m.seedMix, index)
	t.events = t.events[:0]
	for fi := range m.failures {
		f := &m.failures[fi]
		id, shareOwn := f.id, t.shareOwn != nil && t.shareOwn[fi]
		for _, s := range t.arr.of(seed^id, f.meanGap, m.warm, m.hours, f.none) {
			key := strikeKey(seed, id, s.k)
			own := math.NaN()
			if shareOwn {
				// what its incident's ownDraw would draw
				own = drawKeyed(key, f.own, f.ownPurpose, 0)
			}
			t.events = append(t.events, event{t: s.at, failure: fi, key: key, own: own})
		}
	}
	sortEvents(t.events)
	return t.events
}

// sortEvents orders events by time, then failure order: an insertion sort
// for the few events of a usual trial.
func sortEvents(ev []event) {
	if len(ev) > 64 {
		slices.SortFunc(ev, func(a, b event) int {
			switch {
			case a.t < b.t:
				return -1
			case a.t > b.t:
				return 1
			}
			return a.failure - b.failure
		})
		return
	}
	for i := 1; i < len(ev); i++ {
		for k := i; k > 0 && (ev[k].t < ev[k-1].t || ev[k].t == ev[k-1].t && ev[k].failure < ev[k-1].failure); k-- {
			ev[k], ev[k-1] = ev[k-1], ev[k]
		}
	}
}

// play plays trial number index against the strikes ev (in time order,
// drawn by strikes for this design or one with the same failures and at
// least as long a warm-up): the warm-up, then the measured span.
func (t *trial) play(index int64, ev []event) {
	if t.obs == nil && (len(ev) == 0 || ev[len(ev)-1].t < 0) {
		// no strike in the measured span: the trial records only zeros,
		// and its warm-up, which only sets the state later strikes see,
		// changes nothing (an observed trial plays it: its record lists
		// the warm-up's incidents). Every design of a group skips the same
		// trials, so those sharing breaks (shareBreaks) stay in step.
		t.acc.trialDone(0, 0, 0)
		return
	}
	t.obs.start(index)
	t.start(index)
	for i, e := range ev {
		if e.t < -t.m.warm {
			continue // before this design's warm-up
		}
		if i%haltEvery == haltEvery-1 && t.halted() {
			return // the run is cancelled: it returns no result
		}
		t.resolve(e, e.t >= 0)
	}
	// an incident's downtime counts in full in the trial it strikes, past
	// the trial's end too (standing for what a trial inherits from the one
	// before it), but a trial is down at most its length: a delay with a
	// tail of centuries cannot make a year down for more than a year
	t.totals.downtime = min(t.totals.downtime, t.m.hours)
	years := t.m.s.Simulate.Years
	t.acc.trialDone(t.totals.downtime/years, t.totals.lost/years, t.totals.discarded/years)
	t.obs.finish(&t.totals)
}

// haltEvery is how many incidents a trial plays between looks at halt: an
// incident takes microseconds, a look nanoseconds.
const haltEvery = 16

// halted reports whether the run has been cancelled.
func (t *trial) halted() bool { return t.halt != nil && t.halt.Load() }

// start resets the trial's state for trial number index: nothing wiped,
// damaged or counted yet, and each job's breaks drawn for the whole trial.
func (t *trial) start(index int64) {
	t.seed = trialSeed(t.m.seedMix, index)
	t.runSeed = splitmix(t.seed ^ keyRuns)
	t.bad.reset()
	for i := range t.wipes {
		t.wipes[i].reset()
	}
	t.totals = trialTotals{}
	for ji := range t.m.jobs {
		t.startBreaks(ji)
	}
}
