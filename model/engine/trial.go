package engine

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/model/units"
)

// event is one failure striking at time t (ransomware: the encryption).
type event struct {
	t       float64
	failure int
	key     uint64 // the strike's identity: trial, failure and strike number
	// own is the failure's own draw for this strike (ownDraw), drawn once
	// for every design that shares it, or NaN
	own float64
}

// Purposes of the per-incident draws. Each draw of an incident comes from
// its own number, keyed by the incident and the purpose, so no design
// choice that draws more or fewer numbers shifts any other draw.
const (
	drawDetect uint64 = iota + 1
	drawDecide
	drawProvision
	drawRetrieval
	drawLag
	drawLasts
	drawWait
	drawDwell
	drawDNS
	drawVerify
)

// Keys of the streams a trial draws before any incident.
const (
	keyAhead = 0xA0761D6478BD642F // arrivals from 0 on
	keyBack  = 0xE7037ED1A0B428DB // arrivals before 0 (the warm-up)
	keyStart = 0x8EBC6AF09C88C6E3 // a job's break state at the warm-up's start
	keyRuns  = 0x589965CC75374CC3 // failed runs
)

// maxWarmup caps the warm-up (hours). Longer retentions and detections are
// warmed up only this far; see docs/model.md.
const maxWarmup = 2 * 8760.0

// trial is the state of one simulated span of time, reused across trials
// by one worker so that a run allocates nothing per trial.
type trial struct {
	m    *model
	seed uint64 // this trial's seed, from the run's seed and the trial's index
	// seedMix is the part of every trial's seed that comes from the run's
	// seed alone (see trialSeed), computed once
	seedMix uint64
	key     uint64  // the incident being resolved
	own     float64 // its failure's own draw, if strikes drew it, or NaN
	// shareOwn, per failure, is set in the trial that draws a group's
	// strikes when every design of the group has the same f.own
	shareOwn []bool
	runSeed  uint64
	events   []event
	buf      []strike
	wipes    []spans // per store
	breaks   []spans // per job
	// breakLog, when set, records the breaks this trial draws for designs
	// with the same break settings, which replay them from breakFrom (see
	// shareBreaks); breakRead and breakIv are where a replay has got to in
	// the block under way
	breakLog, breakFrom *breakLog
	breakRead, breakIv  int
	bad                 spans // spans whose primary state is unusable
	search              searchState
	acc                 *accumulator
	// hostAlive is set while resolving an incident that leaves the
	// primary's host running (logical damage).
	hostAlive bool
	// measuring is false during the warm-up: incidents change the state
	// but are not recorded.
	measuring bool
	// this trial's totals
	downtime, lost, discarded float64

	// fixed for a run
	warm      float64       // hours played before the measured span
	jobID     []uint64      // identities of jobs, from their names
	failID    []uint64      // identities of failures, from their names
	storeID   []uint64      // identities of stores, from their names
	discovery []float64     // per job: rate (per hour) of incidents that look at its points
	steady    []steadyBreak // per job: its steady state of breaks (see startBreaks)
	looks     [][]int       // per failure: the jobs whose points its searches look at (looksAt)
	trustEnc  []bool        // per failure: ransomware points trusted up to the encryption
	none      [][2]float64  // per failure, then per job: see appendStrikes
	src       stream        // the source of rng, reset for each process
	rng       *rand.Rand
	maxLoss   float64 // the most data a failover may lose

	// observe, when set, receives rec after every trial (see observe.go)
	observe  func(*TrialRecord)
	rec      *TrialRecord
	detailFn func(int64) bool
	detail   bool    // record a Detail for every incident of this trial
	tr       *Detail // the incident being traced, or nil
}

func newTrial(m *model, acc *accumulator) *trial {
	t := &trial{
		m:       m,
		wipes:   make([]spans, len(m.stores)),
		breaks:  make([]spans, len(m.jobs)),
		acc:     acc,
		warm:    warmup(m),
		maxLoss: m.rec.FailoverMaxLoss.Hours(),
		seedMix: splitmix(m.s.Simulate.Seed),
	}
	for _, j := range m.jobs {
		t.jobID = append(t.jobID, hashName("job:"+j.name))
	}
	for _, st := range m.stores {
		t.storeID = append(t.storeID, hashName("store:"+st.name))
	}
	for i, f := range m.failures {
		t.failID = append(t.failID, hashName("failure:"+f.name))
		t.trustEnc = append(t.trustEnc, m.s.Failures[i].Trust == scenario.TrustEncryption)
	}
	t.discovery = discoveryRates(m)
	for fi := range m.failures {
		var js []int
		for ji, j := range m.jobs {
			if looksAt(m, &m.failures[fi], j.to) {
				js = append(js, ji)
			}
		}
		t.looks = append(t.looks, js)
	}
	t.rng = rand.New(&t.src)
	for _, f := range m.failures {
		t.none = append(t.none, nones(f.meanGap, t.warm, m.hours))
	}
	for _, j := range m.jobs {
		t.none = append(t.none, nones(1/j.breaksPH, t.warm, m.hours))
	}
	for ji, j := range m.jobs {
		t.steady = append(t.steady, steadyOf(&j, t.discovery[ji]))
	}
	return t
}

// steadyBreak is what startBreaks needs of a job's break rate b and the
// rate D at which its breaks are found, fixed for a run: computed once,
// with the same operations in the same order startBreaks would use, so
// every value is bit-identical to computing it per trial.
type steadyBreak struct {
	broken float64 // b/(b+D): the chance the job starts the warm-up broken
	age    float64 // 1/D: the mean age of that break; 0 when D is 0
	gap    float64 // 1/b: the mean time between breaks
}

// steadyOf is j's steadyBreak, given the rate discovery of incidents that
// look at its points; restore tests add 2/period to it.
func steadyOf(j *job, discovery float64) steadyBreak {
	d := discovery
	if j.restoreTest > 0 {
		d += 2 / j.restoreTest
	}
	s := steadyBreak{broken: j.breaksPH / (j.breaksPH + d), gap: 1 / j.breaksPH}
	if d > 0 {
		s.age = 1 / d
	}
	return s
}

// hashName is a stable identity for a name (FNV-1a), so that a job or a
// failure keeps its random streams whatever else a design changes.
func hashName(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// uniform maps 64 random bits to (0, 1), never 0 or 1.
func uniform(x uint64) float64 { return (float64(x>>11) + 0.5) / (1 << 53) }

// stream is a sequence of uniforms from a key (SplitMix64).
type stream struct{ x uint64 }

// Uint64 makes a stream a rand.Source.
func (s *stream) Uint64() uint64 {
	s.x += 0x9E3779B97F4A7C15
	return splitmix(s.x)
}

func (s *stream) next() float64 {
	s.x += 0x9E3779B97F4A7C15
	return uniform(splitmix(s.x))
}

// exp draws an exponential time of the given mean by inversion.
func (s *stream) exp(mean float64) float64 { return -math.Log(s.next()) * mean }

// strike is one arrival of a Poisson process: its time and its number,
// counted from 0 (forward from time 0, then -1, -2, ... backward).
type strike struct {
	at float64
	k  int64
}

// appendStrikes appends to buf every arrival in [-back, ahead) of a Poisson
// process: forward from 0 and backward from 0, each from its own stream
// keyed by seed (the later gaps by the ziggurat method, which is faster). A strike's time and
// number depend only on its process, never on how long the trial or its
// warm-up are. The first gap of each direction is tested against its span
// before taking a logarithm: it is at least the span exactly when u <=
// exp(-span/mean), given in none (ahead, back), the usual case of a rare
// failure.
func (t *trial) appendStrikes(buf []strike, seed uint64, mean, back, ahead float64, none [2]float64) []strike {
	if !(mean > 0) || math.IsInf(mean, 1) {
		return buf
	}
	if u := uniform(splitmix(seed ^ keyAhead)); u > none[0] {
		t.src.x = seed ^ keyAhead
		for k, at := int64(0), -math.Log(u)*mean; at < ahead; k, at = k+1, at+t.rng.ExpFloat64()*mean {
			buf = append(buf, strike{at, k})
		}
	}
	if u := uniform(splitmix(seed ^ keyBack)); u > none[1] {
		t.src.x = seed ^ keyBack
		for k, at := int64(-1), -math.Log(u)*mean; at <= back; k, at = k-1, at+t.rng.ExpFloat64()*mean {
			buf = append(buf, strike{-at, k})
		}
	}
	return buf
}

// nones is the chance that a process with the given mean gap has no
// arrival ahead of 0 within ahead, and none before 0 within back.
func nones(mean, back, ahead float64) [2]float64 {
	return [2]float64{math.Exp(-ahead / mean), math.Exp(-back / mean)}
}

// draw samples d for the current incident and purpose (sub tells apart
// draws of one purpose, such as the lag of each job).
// A fixed value (most runbook steps) is its own mean, returned without a
// call, so that draw inlines.
func (t *trial) draw(d *units.Dist, purpose, sub uint64) float64 {
	if d.Kind == units.Fixed {
		return d.Mean()
	}
	return t.drawKeyed(d, purpose, sub)
}

func (t *trial) drawKeyed(d *units.Dist, purpose, sub uint64) float64 {
	return d.Quantile(uniform(splitmix(t.key ^ purpose*0xD6E8FEB86659FD93 ^ sub*0xFF51AFD7ED558CCD)))
}

// ownDraw is the draw of the current incident from its failure's own
// distribution (f.own: a logical failure's detection, an outage's length,
// ransomware's dwell), taken from the strike when strikes drew it for
// every design sharing it (the same number draw would give).
func (t *trial) ownDraw(f *failure) float64 {
	if !math.IsNaN(t.own) {
		return t.own
	}
	return t.draw(f.own, f.ownPurpose, 0)
}

// lagOf is the lag of job ji seen by the current incident.
func (t *trial) lagOf(ji int) float64 {
	return t.draw(&t.m.jobs[ji].lag, drawLag, t.jobID[ji])
}

// warmup is how long (hours) a trial is played before its measured span,
// long enough for the state an incident sees to have forgotten the empty
// start: every point a job keeps (its interval, duration and retention),
// every break a restore test
// ends (the test's period plus fix), and detection of logical damage (its
// 99.9th percentile). Capped at maxWarmup. Breaks start the warm-up in
// their steady state (see startBreaks).
func warmup(m *model) float64 {
	w := 0.0
	for ji := range m.jobs {
		w = max(w, jobMemory(m, ji))
		j := &m.jobs[ji]
		if j.breaksPH > 0 && j.restoreTest > 0 {
			w = max(w, j.restoreTest+j.fix)
		}
	}
	for _, f := range m.failures {
		if f.kind == scenario.Logical {
			w = max(w, f.detect.Quantile(0.999))
		}
	}
	return min(w, maxWarmup)
}

// jobMemory is how far back the points job ji holds reach: its interval,
// duration and retention (an incremental chain keeps its full a full
// interval longer).
func jobMemory(m *model, ji int) float64 {
	j := &m.jobs[ji]
	w := j.every + j.dur + j.ret
	if j.kind == kindIncremental {
		w += j.fullEvery
	}
	return w
}

// looksAt reports whether an incident of failure f that searches for a
// point looks at the points in store st: every store it could restore
// from, that is every store but the primary and those the failure hit.
func looksAt(m *model, f *failure, st int) bool {
	return st != m.primary && !f.hits[st]
}

// discoveryRates estimates, per job, the rate of incidents whose search
// looks at the job's points and so finds a break of it.
func discoveryRates(m *model) []float64 {
	rates := make([]float64, len(m.jobs))
	for fi := range m.failures {
		f := &m.failures[fi]
		if !f.hitsPrimary {
			continue
		}
		share := 1.0
		if f.kind == scenario.Outage {
			// only an outage that outlasts failover_after searches
			share = exceeds(&f.lasts, &m.rec.FailoverAfter)
		}
		for ji := range m.jobs {
			if looksAt(m, f, m.jobs[ji].to) {
				rates[ji] += share / f.meanGap
			}
		}
	}
	return rates
}

// exceeds is P(a > b) for independent a and b, on a grid of quantiles.
func exceeds(a, b *units.Dist) float64 {
	const n = 64
	k := 0
	for i := range n {
		x := a.Quantile((float64(i) + 0.5) / n)
		for j := range n {
			if x > b.Quantile((float64(j)+0.5)/n) {
				k++
			}
		}
	}
	return float64(k) / (n * n)
}

// trialSeed is the seed of trial number index of a run seeded by seed,
// given seedMix = splitmix(seed).
func trialSeed(seedMix uint64, index int64) uint64 {
	return splitmix(seedMix ^ splitmix(uint64(index)^0x5851F42D4C957F2D))
}

// strikes draws the strikes of every failure over trial index's warm-up
// and measured span, in time order (ties in failure order). They depend
// only on the run's seed, the trial and each failure's name and rate, so
// designs with the same failures face the same strikes: a design with a
// shorter warm-up sees those from its own start on (see play).
func (t *trial) strikes(index int64) []event {
	m := t.m
	seed := trialSeed(t.seedMix, index)
	t.events = t.events[:0]
	for fi := range m.failures {
		id := t.failID[fi]
		t.buf = t.appendStrikes(t.buf[:0], seed^id, m.failures[fi].meanGap, t.warm, m.hours, t.none[fi])
		for _, s := range t.buf {
			key := splitmix(seed ^ id*0x9E3779B97F4A7C15 ^ uint64(s.k)*0xD1B54A32D192ED03)
			own := math.NaN()
			if f := &m.failures[fi]; t.shareOwn != nil && t.shareOwn[fi] {
				t.key = key
				own = t.draw(f.own, f.ownPurpose, 0)
			}
			t.events = append(t.events, event{t: s.at, failure: fi, key: key, own: own})
		}
	}
	sortEvents(t.events)
	return t.events
}

// play plays trial number index against the strikes ev (in time order,
// drawn by strikes for this design or one with the same failures and at
// least as long a warm-up): the warm-up, then the measured span.
func (t *trial) play(index int64, ev []event) {
	m := t.m
	if t.observe == nil && (len(ev) == 0 || ev[len(ev)-1].t < 0) {
		// no strike in the measured span: the trial records only zeros,
		// and its warm-up, which only sets the state later strikes see,
		// changes nothing (an observed trial plays it: its record lists
		// the warm-up's incidents). Every design of a group skips the same
		// trials, so those sharing breaks (shareBreaks) stay in step.
		t.acc.trialDone(0, 0, 0)
		return
	}
	if t.observe != nil {
		t.startRecord(index)
	}
	t.seed = trialSeed(t.seedMix, index)
	t.runSeed = splitmix(t.seed ^ keyRuns)
	t.bad.reset()
	for i := range t.wipes {
		t.wipes[i].reset()
	}
	t.downtime, t.lost, t.discarded = 0, 0, 0
	for ji := range m.jobs {
		t.startBreaks(ji)
	}
	for _, e := range ev {
		if e.t < -t.warm {
			continue // before this design's warm-up
		}
		t.measuring = e.t >= 0
		t.incident(e)
	}
	years := m.s.Simulate.Years
	t.acc.trialDone(t.downtime/years, t.lost/years, t.discarded/years)
	if t.observe != nil {
		t.finishRecord()
	}
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

// startBreaks draws the breaks of job ji over the warm-up and the trial
// from streams of the job's own. A break ends at the next restore test plus
// fix, or sooner when an incident looks at the job's points (discover).
// The job starts the warm-up in its steady state: broken with probability
// b/(b+D), where b is its break rate and D the rate at which breaks are
// found (incidents that look at its points, discoveryRates, plus 2/period
// for restore tests), since a time of mean 1/D before (the age of a state
// left at rate D). This is exact for breaks found only by incidents and fix
// 0; the warm-up absorbs the rest.
func (t *trial) startBreaks(ji int) {
	j := &t.m.jobs[ji]
	t.breaks[ji].reset()
	if j.breaksPH <= 0 {
		return
	}
	if l := t.breakFrom; l != nil {
		// a design with the same break settings drew them for this trial
		end := l.ends[t.breakRead]
		for _, iv := range l.iv[t.breakIv:end] {
			t.breaks[ji].add(iv.a, iv.b)
		}
		t.breakRead, t.breakIv = t.breakRead+1, end
		return
	}
	id := t.jobID[ji]
	s := stream{splitmix(t.seed ^ id ^ keyStart)}
	// restore tests run every period at a phase of their own: a trial is
	// any stretch of time, not one that starts with a test
	phase := s.next() * j.restoreTest
	end := func(at float64) float64 {
		if j.restoreTest > 0 {
			return math.Ceil((at-phase)/j.restoreTest)*j.restoreTest + phase + j.fix
		}
		return math.Inf(1) // found only when an incident looks
	}
	from := -t.warm
	sb := &t.steady[ji]
	if s.next() < sb.broken {
		age := 1e7      // never found: broken since long before
		if sb.age > 0 { // D > 0
			age = min(age, s.exp(sb.age))
		}
		t.addBreak(ji, from-age, end(from-age))
	}
	t.buf = t.appendStrikes(t.buf[:0], t.seed^id, sb.gap, -from, t.m.hours, t.none[len(t.m.failures)+ji])
	// in time order: the backward part reversed, then the forward part
	for i := len(t.buf) - 1; i >= 0; i-- {
		if t.buf[i].k < 0 {
			t.addBreak(ji, t.buf[i].at, end(t.buf[i].at))
		}
	}
	for _, s := range t.buf {
		if s.k >= 0 {
			t.addBreak(ji, s.at, end(s.at))
		}
	}
	if l := t.breakLog; l != nil {
		l.ends = append(l.ends, len(l.iv)) // this job's breaks end here
	}
}

// addBreak adds a break of job ji from a to b, and logs it for the designs
// that replay this trial's breaks.
func (t *trial) addBreak(ji int, a, b float64) {
	t.breaks[ji].add(a, b)
	if t.breakLog != nil {
		t.breakLog.iv = append(t.breakLog.iv, interval{a, b})
	}
}

// breakLog holds the breaks one design drew for a block of trials, in the
// order startBreaks added them: for each trial, for each job with breaks,
// its intervals, ending at the next entry of ends.
type breakLog struct {
	iv   []interval
	ends []int
}

// startBlock readies t's sharing of breaks for a new block of trials.
func (t *trial) startBlock() {
	if t.breakLog != nil {
		t.breakLog.iv, t.breakLog.ends = t.breakLog.iv[:0], t.breakLog.ends[:0]
	}
	t.breakRead, t.breakIv = 0, 0
}

// breakKey is what decides a trial's breaks besides its seed: the
// warm-up, the span, and each job's identity, break rate, restore tests,
// fix and discovery rate (see startBreaks).
func (t *trial) breakKey() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%x %x", math.Float64bits(t.warm), math.Float64bits(t.m.hours))
	for ji := range t.m.jobs {
		j := &t.m.jobs[ji]
		fmt.Fprintf(&b, " %x:%x:%x:%x:%x", t.jobID[ji], math.Float64bits(j.breaksPH), math.Float64bits(j.restoreTest), math.Float64bits(j.fix), math.Float64bits(t.discovery[ji]))
	}
	return b.String()
}

// outcome is what one incident did to the service.
type outcome struct {
	service   bool // the primary was hit
	restored  bool
	totalLoss bool
	rpo, rto  float64
	downtime  float64
	// discarded is the hours of writes made after logical damage that the
	// rollback to an older point threw away (from the damage to the end of
	// the restore); they count as lost writes besides the RPO.
	discarded float64
	from      point
}

func (t *trial) incident(e event) {
	m := t.m
	f := &m.failures[e.failure]
	at := e.t
	t.key, t.own = e.key, e.own
	var o outcome // each handler fills in what it changes
	if t.detail {
		t.tr = &Detail{Entry: at, Detected: at}
	}
	t.handle(&o, f, at)
	if !t.measuring {
		if t.tr != nil {
			t.noteWarm(f, at, o)
			t.tr = nil
		}
		return
	}
	t.acc.record(e.failure, &o, t.m)
	if t.observe != nil {
		t.note(f, at, o)
	}
	t.tr = nil
	t.downtime += o.downtime
	if o.restored {
		t.lost += o.rpo + o.discarded
		t.discarded += o.discarded
	}
}

// handle resolves failure f striking at, by its kind's handler.
func (t *trial) handle(o *outcome, f *failure, at float64) {
	switch f.kind {
	case scenario.Destroy:
		t.destroy(o, f, at)
	case scenario.Logical:
		t.logical(o, f, at)
	case scenario.Outage:
		t.outage(o, f, at)
	case scenario.Ransomware:
		t.ransomware(o, f, at)
	}
}

// copiesLost counts, in the measured span, backup stores a failure emptied.
func (t *trial) copiesLost(f *failure, n int) {
	if t.measuring {
		t.acc.copiesLost(f, n)
	}
}

// wipe empties every store the failure hits (except the primary, whose
// loss is the incident itself) at time at; they come back at back.
// It returns how many backup stores lost their copies.
func (t *trial) wipe(f *failure, at, back float64) int {
	n := 0
	for st, hit := range f.hits {
		if hit && st != t.m.primary {
			t.wipes[st].add(at, back)
			if len(t.m.stores[st].jobs) > 0 {
				n++
				if t.tr != nil {
					t.tr.Wiped = append(t.tr.Wiped, t.m.stores[st].name)
				}
			}
		}
	}
	return n
}

// reopen sets when the stores wiped at time at come back: once the service
// is restored.
func (t *trial) reopen(at, back float64) {
	for st := range t.wipes {
		t.wipes[st].endOpenAt(at, back)
	}
}

// discover finds, at time d, the breaks of every job whose points the
// incident's search looked at: the jobs writing into a store it could
// restore from (not the primary, not a store the failure hit). A found
// break is fixed fix after d, or at its scheduled test if that is sooner.
func (t *trial) discover(d float64, f *failure) {
	for _, ji := range t.looks[f.index] {
		// a job with no break reaching past d (none at all: end is -Inf)
		// has none covering d, and capCovering would change nothing
		if b := &t.breaks[ji]; b.end > d {
			b.capCovering(d, d+t.m.jobs[ji].fix)
		}
	}
}

// choose picks the newest restorable point among the stores not excluded,
// ties going to the fastest restore, and writes it to *best (best.ok false:
// none). hostGone says whether a new host must be provisioned unless the
// point is on a standby. Like the searches it calls (see newest), it writes
// into a point its caller owns rather than returning one by value.
func (t *trial) choose(best *point, excluded []bool, cmax, usable, keep, q float64, hostGone bool) {
	*best = point{}
	// p is each store's answer; newest sets every field of it, so it is
	// not cleared between stores
	var p point
	bestEst := math.NaN() // the estimate is needed only to break a tie
	for st := range t.m.stores {
		if st == t.m.primary {
			continue
		}
		if excluded != nil && excluded[st] {
			if t.tr != nil {
				t.traceCopy(st, point{}, "hit", cmax, usable, keep, q)
			}
			continue
		}
		if best.ok && !t.mayHold(st, cmax, usable, best.content) {
			if t.tr != nil {
				t.traceCopy(st, point{}, "bound", cmax, usable, keep, q)
			}
			continue // nothing here can be newer than what we have
		}
		t.newest(&p, st, cmax, usable, keep, q, 0)
		if t.tr != nil {
			t.traceCopy(st, p, "", cmax, usable, keep, q)
		}
		switch {
		case !p.ok:
		case !best.ok || p.content > best.content:
			best.copyFrom(&p)
			bestEst = math.NaN()
		case p.content == best.content:
			if math.IsNaN(bestEst) {
				bestEst = t.estimate(best, hostGone)
			}
			if est := t.estimate(&p, hostGone); est < bestEst {
				best.copyFrom(&p)
				bestEst = est
			}
		}
	}
	if t.tr != nil && best.ok {
		if j := &t.m.jobs[best.job]; j.fromPrimary && (j.kind == kindFull || j.kind == kindIncremental) {
			t.tr.Skipped = t.walk(best.job, cmax, usable, keep, q, best.content)
		}
	}
}

// mayHold reports whether store st could hold a point with content time at
// least c for a query: whether some job's last run that finished by usable,
// capped by cmax, started at c or later (no point is newer than that). It
// stops at the first such job: the answer is the same as comparing the
// newest of them all with c, with fewer divisions (lastStart). A NaN
// bound counts as may-hold, as a NaN newest would (it is never below c).
func (t *trial) mayHold(st int, cmax, usable, c float64) bool {
	for _, ji := range t.m.stores[st].jobs {
		j := &t.m.jobs[ji]
		b := usable
		if j.every > 0 && j.kind != kindPITR {
			b = j.lastStart(usable - j.dur)
		}
		if !(min(b, cmax) < c) {
			return true
		}
	}
	return false
}

// restoreSteps is the part of the RTO spent restoring p: provisioning
// overlapped with retrieval, then transfer and replay.
func (t *trial) restoreSteps(p *point, hostGone bool, sample bool) float64 {
	st := &t.m.stores[p.store]
	standby := st.stands
	prov := 0.0
	if hostGone && !standby {
		if sample {
			prov = t.draw(&t.m.rec.Provision, drawProvision, 0)
		} else {
			prov = t.m.rec.Provision.Mean()
		}
	}
	if standby && t.m.jobs[p.job].kind == kindReplica {
		if sample {
			t.step("provision", prov)
		}
		return prov // a standby replica serves directly
	}
	retr := st.retrieval.Mean()
	if sample {
		retr = t.draw(&st.retrieval, drawRetrieval, t.storeID[p.store])
		t.step("provision", prov)
		t.step("retrieval", retr)
		t.step("transfer", p.bytes/st.bytesPerHour)
		t.step("replay", p.replay)
	}
	return max(prov, retr) + p.bytes/st.bytesPerHour + p.replay
}

func (t *trial) estimate(p *point, hostGone bool) float64 { return t.restoreSteps(p, hostGone, false) }

// tail is the runbook after the data is back: DNS and verification.
func (t *trial) tail() float64 {
	dns, verify := t.draw(&t.m.rec.DNS, drawDNS, 0), t.draw(&t.m.rec.Verify, drawVerify, 0)
	t.step("dns", dns)
	t.step("verify", verify)
	return dns + verify
}

func (t *trial) destroy(o *outcome, f *failure, at float64) {
	if !f.hitsPrimary {
		n := t.wipe(f, at, at) // copies lost; the store is rebuilt empty
		t.copiesLost(f, n)
		return
	}
	n := t.wipe(f, at, math.Inf(1))
	t.copiesLost(f, n)
	detect := t.draw(&t.m.rec.Detect, drawDetect, 0)
	d := at + detect
	t.step("detect", detect)
	if t.tr != nil {
		t.tr.Detected = d
	}
	t.discover(d, f)
	p := &o.from
	t.choose(p, f.hits, at, at, at, at, true)
	o.service = true
	decide := t.draw(&t.m.rec.Decide, drawDecide, 0)
	t.step("decide", decide)
	if !p.ok {
		// nothing to restore: the service is rebuilt empty
		o.totalLoss = true
		prov := t.draw(&t.m.rec.Provision, drawProvision, 0)
		t.step("provision", prov)
		o.downtime = detect + decide + prov + t.tail()
	} else {
		o.restored = true
		o.rpo = at - p.content
		o.rto = detect + decide + t.restoreSteps(p, true, true) + t.tail()
		o.downtime = o.rto
	}
	t.reopen(at, at+o.downtime)
	t.bad.add(at, at+o.downtime)
}

func (t *trial) logical(o *outcome, f *failure, at float64) {
	if _, ok := t.badAt(at); ok {
		// the primary is already damaged or being restored: the restore
		// under way rolls back past this damage too
		return
	}
	detect := t.ownDraw(f)
	d := at + detect
	if t.tr != nil {
		t.tr.Detected = d
	}
	t.discover(d, f)
	t.hostAlive = true
	p := &o.from
	t.choose(p, nil, at, d, d, d, false)
	t.hostAlive = false
	o.service = true
	decide := t.draw(&t.m.rec.Decide, drawDecide, 0)
	t.step("decide", decide)
	if !p.ok {
		// no clean copy: the service keeps running on the damaged data
		o.totalLoss = true
		if t.tr != nil {
			t.tr.Steps = nil // the decision found nothing to restore: no downtime
		}
	} else {
		o.restored = true
		o.rpo = at - p.content
		o.rto = decide + t.restoreSteps(p, false, true) + t.tail()
		o.downtime = o.rto
		// the writes from the damage to the end of the restore are rolled
		// back with it
		o.discarded = detect + o.rto
	}
	t.bad.add(at, d+o.downtime)
}

// outage waits the outage out unless it outlasts failover_after and a copy
// outside it loses at most failover_max_loss: then it fails over, if that
// is sooner than the outage's end. The writes between the copy and the
// outage stay on the unreachable primary; the model counts them as lost
// (the RPO of the failover), since the service moved on without them.
func (t *trial) outage(o *outcome, f *failure, at float64) {
	if !f.hitsPrimary {
		return
	}
	lasts := t.ownDraw(f)
	wait := t.draw(&t.m.rec.FailoverAfter, drawWait, 0)
	o.service, o.restored, o.rto, o.downtime = true, true, lasts, lasts
	if t.tr != nil {
		t.tr.Lasted, t.tr.WaitedOut = lasts, true
	}
	if lasts > wait {
		t.discover(at+wait, f)
		if t.tr != nil {
			t.tr.Detected = at + wait
			t.step("wait", wait)
		}
		var p point
		if t.choose(&p, f.hits, at, at, at, at, true); p.ok && at-p.content <= t.maxLoss {
			failover := wait + t.restoreSteps(&p, true, true) + t.tail()
			if t.tr != nil {
				t.tr.Failover = failover
			}
			if failover < lasts {
				o.rto, o.downtime, o.rpo, o.from = failover, failover, at-p.content, p
				if t.tr != nil {
					t.tr.WaitedOut = false
				}
			}
		}
	}
	t.bad.add(at, at+o.downtime)
}

// ransomware encrypts at time at, after the attacker entered at at-dwell.
// By default only points whose content predates the entry are trusted
// (trust: intrusion); with trust: encryption, points up to at are. The
// untrusted span counts as damaged for later incidents too.
func (t *trial) ransomware(o *outcome, f *failure, at float64) {
	trusted := at
	if !t.trustEnc[f.index] {
		trusted = at - t.ownDraw(f)
	}
	if t.tr != nil {
		t.tr.Entry, t.tr.Trusted = trusted, trusted
	}
	n := t.wipe(f, at, math.Inf(1))
	t.copiesLost(f, n)
	t.discover(at, f)
	p := &o.from
	t.choose(p, f.hits, trusted, at, at, at, true)
	o.service = true
	decide := t.draw(&t.m.rec.Decide, drawDecide, 0)
	t.step("decide", decide)
	if !p.ok {
		o.totalLoss = true
		prov := t.draw(&t.m.rec.Provision, drawProvision, 0)
		t.step("provision", prov)
		o.downtime = decide + prov + t.tail()
	} else {
		o.restored = true
		o.rpo = at - p.content
		o.rto = decide + t.restoreSteps(p, true, true) + t.tail()
		o.downtime = o.rto
	}
	t.reopen(at, at+o.downtime)
	t.bad.add(trusted, at+o.downtime)
}
