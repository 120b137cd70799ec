package engine

import (
	"math"

	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/model/units"
)

// incident is one strike being resolved: which failure struck and when,
// the key of every number it draws, and what it did. resolve builds one
// per strike and hands it to the failure's handler, which passes it on to
// the searches; nothing of it outlives the strike but what resolve hands
// to the accumulator and the observer. State that belongs to one incident
// lives here, not in the trial.
type incident struct {
	f   *failure
	at  float64 // when it struck (ransomware: the encryption)
	key uint64  // its identity: every draw it takes is keyed by it
	own float64 // its failure's own draw, if the strikes drew it, or NaN
	// measured is false in the warm-up: the incident changes the trial's
	// state but is not counted
	measured bool
	// hostAlive is set while searching for a point after damage that left
	// the primary's host running (logical damage): its log reaches the
	// present
	hostAlive bool
	out       outcome // what it did; each handler fills in what it changes
	tr        *tracer // its story, in the trials Options.Detail selects; else nil
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

// draw samples d for this incident and the purpose given (drawKeyed). A
// fixed value (most runbook steps) is its quantile at any number, returned
// without a call, so that draw inlines.
func (inc *incident) draw(d *units.Dist, purpose, sub uint64) float64 {
	if d.Kind == units.Fixed {
		return d.Mean()
	}
	return drawKeyed(inc.key, d, purpose, sub)
}

// ownDraw is this incident's draw from its failure's own distribution
// (f.own: a logical failure's detection, an outage's length, ransomware's
// dwell), taken from the strike when strikes drew it for every design
// sharing it (the same number: see strikes).
func (inc *incident) ownDraw() float64 {
	if !math.IsNaN(inc.own) {
		return inc.own
	}
	return inc.draw(inc.f.own, inc.f.ownPurpose, 0)
}

// lag is the lag of job j seen by this incident.
func (inc *incident) lag(j *job) float64 { return inc.draw(&j.lag, drawLag, j.id) }

// resolve plays strike e: the handler of its failure's kind changes the
// trial's state and decides the outcome, which is counted when measured.
func (t *trial) resolve(e event, measured bool) {
	f := &t.m.failures[e.failure]
	// set field by field: a composite literal is built aside and copied
	var inc incident
	inc.f, inc.at, inc.key, inc.own, inc.measured = f, e.t, e.key, e.own, measured
	inc.tr = t.obs.tracer(e.t)
	t.handle(&inc)
	if !measured {
		t.obs.noteWarm(&inc)
		return
	}
	t.acc.record(f.index, &inc.out, t.m)
	t.obs.note(t.m, &inc)
	t.totals.add(&inc.out)
}

// handle resolves inc by the handler of its failure's kind.
func (t *trial) handle(inc *incident) {
	switch inc.f.kind {
	case scenario.Destroy:
		t.destroy(inc)
	case scenario.Logical:
		t.logical(inc)
	case scenario.Outage:
		t.outage(inc)
	case scenario.Ransomware:
		t.ransomware(inc)
	}
}

// wipe empties every store the incident's failure hits (except the
// primary, whose loss is the incident itself) at the strike; they come
// back at back. A measured incident counts the backup stores that lost
// their copies.
func (t *trial) wipe(inc *incident, back float64) {
	n := 0
	for st, hit := range inc.f.hits {
		if hit && st != t.m.primary {
			t.wipes[st].add(inc.at, back)
			if len(t.m.stores[st].jobs) > 0 {
				n++
				inc.tr.wiped(t.m.stores[st].name)
			}
		}
	}
	if inc.measured {
		t.acc.copiesLost(inc.f, n)
	}
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
	for _, ji := range f.looks {
		// a job with no break reaching past d (none at all: end is -Inf)
		// has none covering d, and capCovering would change nothing
		if b := &t.breaks[ji]; b.end > d {
			b.capCovering(d, d+t.m.jobs[ji].fix)
		}
	}
}

// choose picks the newest point answering q among the stores not
// excluded, ties going to the fastest restore, and writes it to *best
// (best.ok false: none). hostGone says whether a new host must be
// provisioned unless the point is on a standby. Like the searches it calls
// (see newest), it writes into a point its caller owns.
func (t *trial) choose(inc *incident, best *point, excluded []bool, q query, hostGone bool) {
	*best = point{}
	// p is each store's answer; newest sets every field of it, so it is
	// not cleared between stores
	var p point
	bestEst := math.NaN() // the estimate is needed only to break a tie
	t.search.fresh()      // one search: the stores share what they find
	for st := range t.m.stores {
		if st == t.m.primary {
			continue
		}
		if excluded != nil && excluded[st] {
			inc.tr.copy(t, st, nil, "hit", q)
			continue
		}
		if best.ok && !t.mayHold(st, q, best.content) {
			inc.tr.copy(t, st, nil, "bound", q)
			continue // nothing here can be newer than what we have
		}
		t.newest(&p, inc, st, q)
		inc.tr.copy(t, st, &p, "", q)
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
	inc.tr.skipped(t, best, q)
}

// mayHold reports whether store st could hold a point answering q with
// content time at least c: whether some job's last run that finished by
// q.usable, capped by q.content, started at c or later (no point is newer
// than that). It stops at the first such job: the answer is the same as
// comparing the newest of them all with c. A NaN bound counts as
// may-hold, as a NaN newest would (it is never below c).
func (t *trial) mayHold(st int, q query, c float64) bool {
	for _, ji := range t.m.stores[st].jobs {
		j := &t.m.jobs[ji]
		b := q.usable
		if j.every > 0 && j.kind != kindPITR {
			b = j.lastStart(q.usable - j.dur)
		}
		if !(min(b, q.content) < c) {
			return true
		}
	}
	return false
}

// restoreSteps is the part of the RTO spent restoring p: provisioning
// overlapped with retrieval, then transfer and replay. With sample set the
// incident draws the provisioning and retrieval times and traces each
// step; without, the means are used (estimate) and inc is not read.
func (t *trial) restoreSteps(inc *incident, p *point, hostGone bool, sample bool) float64 {
	st := &t.m.stores[p.store]
	standby := st.stands
	prov := 0.0
	if hostGone && !standby {
		if sample {
			prov = inc.draw(&t.m.rec.Provision, drawProvision, 0)
		} else {
			prov = t.m.rec.Provision.Mean()
		}
	}
	if standby && t.m.jobs[p.job].kind == kindReplica {
		if sample {
			inc.tr.step("provision", prov)
		}
		return prov // a standby replica serves directly
	}
	retr := st.retrieval.Mean()
	if sample {
		retr = inc.draw(&st.retrieval, drawRetrieval, st.id)
		inc.tr.step("provision", prov)
		inc.tr.step("retrieval", retr)
		inc.tr.step("transfer", p.bytes/st.bytesPerHour)
		inc.tr.step("replay", p.replay)
	}
	return max(prov, retr) + p.bytes/st.bytesPerHour + p.replay
}

// estimate is the mean time restoreSteps would take to restore p, which
// breaks ties between points of the same content.
func (t *trial) estimate(p *point, hostGone bool) float64 {
	return t.restoreSteps(nil, p, hostGone, false)
}

// tail is the runbook after the data is back: DNS and verification.
func (t *trial) tail(inc *incident) float64 {
	dns, verify := inc.draw(&t.m.rec.DNS, drawDNS, 0), inc.draw(&t.m.rec.Verify, drawVerify, 0)
	inc.tr.step("dns", dns)
	inc.tr.step("verify", verify)
	return dns + verify
}

// destroy loses the stores the failure hits. When the primary is among
// them the incident is detected after the runbook's detect delay and the
// service restored from the newest point from before the strike outside
// the failure, or rebuilt empty (a total loss).
func (t *trial) destroy(inc *incident) {
	f, at, o := inc.f, inc.at, &inc.out
	if !f.hitsPrimary {
		t.wipe(inc, at) // copies lost; the store is rebuilt empty
		return
	}
	t.wipe(inc, math.Inf(1))
	detect := inc.draw(&t.m.rec.Detect, drawDetect, 0)
	d := at + detect
	inc.tr.step("detect", detect)
	inc.tr.detected(d)
	t.discover(d, f)
	t.choose(inc, &o.from, f.hits, queryAt(at), true)
	t.restoreOrRebuild(inc, detect)
	t.reopen(at, at+o.downtime)
	t.bad.add(at, at+o.downtime)
}

// restoreOrRebuild is the runbook of an incident that took the primary's
// host, from the decision on, once choose has put the point to restore in
// inc.out.from and spent hours have passed since the strike: restore that
// point on a new host (or a standby), or, with none, rebuild the service
// empty (a total loss).
func (t *trial) restoreOrRebuild(inc *incident, spent float64) {
	o := &inc.out
	p := &o.from
	o.service = true
	decide := inc.draw(&t.m.rec.Decide, drawDecide, 0)
	inc.tr.step("decide", decide)
	if !p.ok {
		o.totalLoss = true
		prov := inc.draw(&t.m.rec.Provision, drawProvision, 0)
		inc.tr.step("provision", prov)
		o.downtime = spent + decide + prov + t.tail(inc)
	} else {
		o.restored = true
		o.rpo = inc.at - p.content
		o.rto = spent + decide + t.restoreSteps(inc, p, true, true) + t.tail(inc)
		o.downtime = o.rto
	}
}

// logical damages the primary's data, noticed after the failure's own
// detection delay; the service runs on, on damaged data, until it is
// rolled back to the newest point from before the damage that was still
// kept when the damage was noticed. With none, it keeps running on the
// damaged data (a total loss with no downtime).
func (t *trial) logical(inc *incident) {
	f, at, o := inc.f, inc.at, &inc.out
	if _, ok := t.badAt(at); ok {
		// the primary is already damaged or being restored: the restore
		// under way rolls back past this damage too
		return
	}
	detect := inc.ownDraw()
	d := at + detect
	inc.tr.detected(d)
	t.discover(d, f)
	inc.hostAlive = true
	p := &o.from
	t.choose(inc, p, nil, query{content: at, usable: d, keep: d, asOf: d}, false)
	inc.hostAlive = false
	o.service = true
	decide := inc.draw(&t.m.rec.Decide, drawDecide, 0)
	inc.tr.step("decide", decide)
	if !p.ok {
		// no clean copy: the service keeps running on the damaged data
		o.totalLoss = true
		inc.tr.noDowntime()
	} else {
		o.restored = true
		o.rpo = at - p.content
		o.rto = decide + t.restoreSteps(inc, p, false, true) + t.tail(inc)
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
func (t *trial) outage(inc *incident) {
	f, at, o := inc.f, inc.at, &inc.out
	if !f.hitsPrimary {
		return
	}
	lasts := inc.ownDraw()
	wait := inc.draw(&t.m.rec.FailoverAfter, drawWait, 0)
	o.service, o.restored, o.rto, o.downtime = true, true, lasts, lasts
	inc.tr.outage(lasts, WaitShort)
	if lasts > wait {
		t.discover(at+wait, f)
		inc.tr.detected(at + wait)
		inc.tr.step("wait", wait)
		var p point
		t.choose(inc, &p, f.hits, queryAt(at), true)
		inc.tr.failoverPoint(t, &p, at)
		switch {
		case !p.ok:
			inc.tr.outage(lasts, WaitNoCopy)
		case at-p.content > t.m.maxLoss:
			inc.tr.outage(lasts, WaitTooOld)
		default:
			failover := wait + t.restoreSteps(inc, &p, true, true) + t.tail(inc)
			inc.tr.failover(failover, failover < lasts)
			if failover < lasts {
				o.rto, o.downtime, o.rpo, o.from = failover, failover, at-p.content, p
			}
		}
	}
	t.bad.add(at, at+o.downtime)
}

// ransomware encrypts at time at, after the attacker entered at at-dwell.
// By default only points whose content predates the entry are trusted
// (trust: intrusion); with trust: encryption, points up to at are. The
// untrusted span counts as damaged for later incidents too.
func (t *trial) ransomware(inc *incident) {
	f, at, o := inc.f, inc.at, &inc.out
	trusted := at
	if !f.trustEnc {
		trusted = at - inc.ownDraw()
	}
	inc.tr.entered(trusted)
	t.wipe(inc, math.Inf(1))
	t.discover(at, f)
	t.choose(inc, &o.from, f.hits, query{content: trusted, usable: at, keep: at, asOf: at}, true)
	t.restoreOrRebuild(inc, 0) // found at once: the encryption shows
	t.reopen(at, at+o.downtime)
	t.bad.add(trusted, at+o.downtime)
}
