package engine

import (
	"math"
	"math/rand/v2"

	"github.com/costdial/costdial/model/scenario"
)

// event is one failure striking at time t (ransomware: the encryption time).
type event struct {
	t       float64
	failure int
	start   float64 // when it began (the attacker's entry for ransomware)
}

// trial is the state of one simulated span of time, reused across trials
// by one worker so that a run allocates nothing per trial.
type trial struct {
	m       *model
	rng     *rand.Rand
	runSeed uint64
	events  []event
	wipes   [][]interval // per store
	breaks  [][]interval // per job
	bad     []interval   // spans whose primary state is unusable
	acc     *accumulator
	// hostAlive is set while resolving an incident that leaves the
	// primary's host running (logical damage).
	hostAlive bool
	// this trial's totals
	downtime, lost float64
	// observe, when set, receives rec after every trial (see observe.go)
	observe  func(*TrialRecord)
	rec      *TrialRecord
	detailFn func(int64) bool
	detail   bool    // record a Detail for every incident of this trial
	tr       *Detail // the incident being traced, or nil
}

func newTrial(m *model, acc *accumulator) *trial {
	return &trial{
		m:      m,
		wipes:  make([][]interval, len(m.stores)),
		breaks: make([][]interval, len(m.jobs)),
		acc:    acc,
	}
}

// run plays one trial with the given random stream.
func (t *trial) run(rng *rand.Rand, index int64) {
	m := t.m
	t.startRecord(index)
	t.rng = rng
	t.runSeed = rng.Uint64()
	t.events = t.events[:0]
	t.bad = t.bad[:0]
	for i := range t.wipes {
		t.wipes[i] = t.wipes[i][:0]
	}
	t.downtime, t.lost = 0, 0
	for fi := range m.failures {
		f := &m.failures[fi]
		for at := rng.ExpFloat64() * f.meanGap; at < m.hours; at += rng.ExpFloat64() * f.meanGap {
			e := event{t: at, failure: fi, start: at}
			if f.kind == scenario.Ransomware {
				e.t = at + f.dwell.Sample(rng)
			}
			t.events = append(t.events, e)
		}
	}
	for ji := range m.jobs {
		j := &m.jobs[ji]
		t.breaks[ji] = t.breaks[ji][:0]
		if j.breaksPH <= 0 {
			continue
		}
		for at := rng.ExpFloat64() / j.breaksPH; at < m.hours; at += rng.ExpFloat64() / j.breaksPH {
			end := math.Inf(1) // found only when a restore needs it
			if j.restoreTest > 0 {
				end = math.Ceil(at/j.restoreTest)*j.restoreTest + j.fix
			}
			t.breaks[ji] = append(t.breaks[ji], interval{at, end})
		}
	}
	// few events a trial: an insertion sort by time (then failure order)
	ev := t.events
	for i := 1; i < len(ev); i++ {
		for k := i; k > 0 && (ev[k].t < ev[k-1].t || ev[k].t == ev[k-1].t && ev[k].failure < ev[k-1].failure); k-- {
			ev[k], ev[k-1] = ev[k-1], ev[k]
		}
	}
	for _, e := range t.events {
		t.incident(e)
	}
	t.acc.trialDone(t.downtime/m.s.Simulate.Years, t.lost/m.s.Simulate.Years)
	t.finishRecord()
}

// outcome is what one incident did to the service.
type outcome struct {
	service   bool // the primary was hit
	restored  bool
	totalLoss bool
	rpo, rto  float64
	downtime  float64
	from      point
}

func (t *trial) incident(e event) {
	m := t.m
	f := &m.failures[e.failure]
	at := e.t
	var o outcome
	if t.detail {
		t.tr = &Detail{Entry: e.start, Detected: at}
	}
	switch f.kind {
	case scenario.Destroy:
		o = t.destroy(f, at)
	case scenario.Logical:
		o = t.logical(f, at)
	case scenario.Outage:
		o = t.outage(f, at)
	case scenario.Ransomware:
		o = t.ransomware(f, at)
	}
	t.acc.record(e.failure, o, t.m)
	if t.observe != nil {
		t.note(f, at, o)
	}
	t.tr = nil
	t.downtime += o.downtime
	if o.restored {
		t.lost += o.rpo
	}
}

// wipe empties every store the failure hits (except the primary, whose
// loss is the incident itself) at time at; they come back at back.
// It returns how many backup stores lost their copies.
func (t *trial) wipe(f *failure, at, back float64) int {
	n := 0
	for st, hit := range f.hits {
		if hit && st != t.m.primary {
			t.wipes[st] = append(t.wipes[st], interval{at, back})
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
		for i := range t.wipes[st] {
			if t.wipes[st][i].a == at && math.IsInf(t.wipes[st][i].b, 1) {
				t.wipes[st][i].b = back
			}
		}
	}
}

// discover ends, at detection time d, every break that only a restore
// would find: the restore finds the job's points missing and it is fixed.
func (t *trial) discover(d float64) {
	for ji := range t.breaks {
		for i, br := range t.breaks[ji] {
			if br.a < d && math.IsInf(br.b, 1) {
				t.breaks[ji][i].b = d + t.m.jobs[ji].fix
			}
		}
	}
}

// choose picks the newest restorable point among the stores not excluded,
// ties going to the fastest restore. hostGone says whether a new host must
// be provisioned unless the point is on a standby.
func (t *trial) choose(excluded []bool, cmax, usable, keep, q float64, hostGone bool) point {
	var best point
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
		if best.ok && t.upperBound(st, cmax, usable) < best.content {
			if t.tr != nil {
				t.traceCopy(st, point{}, "bound", cmax, usable, keep, q)
			}
			continue // nothing here can be newer than what we have
		}
		p := t.newest(st, cmax, usable, keep, q, 0)
		if t.tr != nil {
			t.traceCopy(st, p, "", cmax, usable, keep, q)
		}
		switch {
		case !p.ok:
		case !best.ok || p.content > best.content:
			best, bestEst = p, math.NaN()
		case p.content == best.content:
			if math.IsNaN(bestEst) {
				bestEst = t.estimate(best, hostGone)
			}
			if est := t.estimate(p, hostGone); est < bestEst {
				best, bestEst = p, est
			}
		}
	}
	if t.tr != nil && best.ok {
		if j := &t.m.jobs[best.job]; j.fromPrimary && (j.kind == kindFull || j.kind == kindIncremental) {
			t.tr.Skipped = t.walk(best.job, cmax, usable, keep, q, best.content)
		}
	}
	return best
}

// upperBound is the newest content time store st could hold for a query:
// no point is newer than its job's last run that finished by usable.
func (t *trial) upperBound(st int, cmax, usable float64) float64 {
	bound := math.Inf(-1)
	for _, ji := range t.m.stores[st].jobs {
		j := &t.m.jobs[ji]
		b := usable
		if j.every > 0 && j.kind != kindPITR {
			b = math.Floor((usable-j.dur)/j.every) * j.every
		}
		bound = max(bound, min(b, cmax))
	}
	return bound
}

// restoreSteps is the part of the RTO spent restoring p: provisioning
// overlapped with retrieval, then transfer and replay.
func (t *trial) restoreSteps(p point, hostGone bool, sample bool) float64 {
	st := &t.m.stores[p.store]
	standby := st.stands
	prov := 0.0
	if hostGone && !standby {
		if sample {
			prov = t.m.rec.Provision.Sample(t.rng)
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
		retr = st.retrieval.Sample(t.rng)
		t.step("provision", prov)
		t.step("retrieval", retr)
		t.step("transfer", p.bytes/st.bytesPerHour)
		t.step("replay", p.replay)
	}
	return max(prov, retr) + p.bytes/st.bytesPerHour + p.replay
}

func (t *trial) estimate(p point, hostGone bool) float64 { return t.restoreSteps(p, hostGone, false) }

// tail is the runbook after the data is back: DNS and verification.
func (t *trial) tail() float64 {
	dns := t.m.rec.DNS.Sample(t.rng)
	verify := t.m.rec.Verify.Sample(t.rng)
	t.step("dns", dns)
	t.step("verify", verify)
	return dns + verify
}

func (t *trial) destroy(f *failure, at float64) outcome {
	if !f.hitsPrimary {
		n := t.wipe(f, at, at) // copies lost; the store is rebuilt empty
		t.acc.copiesLost(f, n)
		return outcome{}
	}
	n := t.wipe(f, at, math.Inf(1))
	t.acc.copiesLost(f, n)
	detect := t.m.rec.Detect.Sample(t.rng)
	d := at + detect
	t.step("detect", detect)
	t.discover(d)
	p := t.choose(f.hits, at, at, at, at, true)
	o := outcome{service: true}
	decide := t.m.rec.Decide.Sample(t.rng)
	t.step("decide", decide)
	if !p.ok {
		// nothing to restore: the service is rebuilt empty
		o.totalLoss = true
		prov := t.m.rec.Provision.Sample(t.rng)
		t.step("provision", prov)
		o.downtime = detect + decide + prov + t.tail()
	} else {
		o.restored, o.from = true, p
		o.rpo = at - p.content
		o.rto = detect + decide + t.restoreSteps(p, true, true) + t.tail()
		o.downtime = o.rto
	}
	t.reopen(at, at+o.downtime)
	t.bad = append(t.bad, interval{at, at + o.downtime})
	return o
}

func (t *trial) logical(f *failure, at float64) outcome {
	if _, ok := t.badAt(at); ok {
		// the primary is already damaged or being restored: the restore
		// under way rolls back past this damage too
		return outcome{}
	}
	d := at + f.detect.Sample(t.rng)
	if t.tr != nil {
		t.tr.Detected = d
	}
	t.discover(d)
	t.hostAlive = true
	p := t.choose(nil, at, d, d, d, false)
	t.hostAlive = false
	o := outcome{service: true}
	decide := t.m.rec.Decide.Sample(t.rng)
	t.step("decide", decide)
	if !p.ok {
		// no clean copy: the service keeps running on the damaged data
		o.totalLoss = true
		if t.tr != nil {
			t.tr.Steps = nil // the decision found nothing to restore: no downtime
		}
	} else {
		o.restored, o.from = true, p
		o.rpo = at - p.content
		o.rto = decide + t.restoreSteps(p, false, true) + t.tail()
		o.downtime = o.rto
	}
	t.bad = append(t.bad, interval{at, d + o.downtime})
	return o
}

func (t *trial) outage(f *failure, at float64) outcome {
	if !f.hitsPrimary {
		return outcome{}
	}
	lasts := f.lasts.Sample(t.rng)
	wait := t.m.rec.FailoverAfter.Sample(t.rng)
	o := outcome{service: true, restored: true, rto: lasts, downtime: lasts}
	if t.tr != nil {
		t.tr.Lasted, t.tr.WaitedOut = lasts, true
	}
	if lasts > wait {
		t.discover(at + wait)
		if t.tr != nil {
			t.tr.Detected = at + wait
			t.step("wait", wait)
		}
		if p := t.choose(f.hits, at, at, at, at, true); p.ok {
			failover := wait + t.restoreSteps(p, true, true) + t.tail()
			if failover < lasts {
				o.rto, o.downtime, o.rpo, o.from = failover, failover, at-p.content, p
				if t.tr != nil {
					t.tr.WaitedOut = false
				}
			}
		}
	}
	t.bad = append(t.bad, interval{at, at + o.downtime})
	return o
}

func (t *trial) ransomware(f *failure, at float64) outcome {
	n := t.wipe(f, at, math.Inf(1))
	t.acc.copiesLost(f, n)
	t.discover(at)
	p := t.choose(f.hits, at, at, at, at, true)
	o := outcome{service: true}
	decide := t.m.rec.Decide.Sample(t.rng)
	t.step("decide", decide)
	if !p.ok {
		o.totalLoss = true
		prov := t.m.rec.Provision.Sample(t.rng)
		t.step("provision", prov)
		o.downtime = decide + prov + t.tail()
	} else {
		o.restored, o.from = true, p
		o.rpo = at - p.content
		o.rto = decide + t.restoreSteps(p, true, true) + t.tail()
		o.downtime = o.rto
	}
	t.reopen(at, at+o.downtime)
	t.bad = append(t.bad, interval{at, at + o.downtime})
	return o
}
