package engine

import (
	"math"
)

// point is a restorable copy of the service's data.
type point struct {
	ok      bool
	content float64 // the time its data is from
	store   int
	job     int
	bytes   float64 // bytes moved to restore it
	replay  float64 // hours of log replay after the transfer (pitr)
}

// found sets every field of p to a point with no log to replay, field by
// field (no temporary point is built and copied).
func (p *point) found(content float64, store, job int, bytes float64) {
	p.ok, p.content, p.store, p.job, p.bytes, p.replay = true, content, store, job, bytes, 0
}

// copyFrom sets every field of p to q's, field by field: the searches
// (found) have just written q one field at a time, and a whole-struct copy
// would read those fresh writes in wider loads, which wait for them to
// reach the cache (store forwarding).
func (p *point) copyFrom(q *point) {
	p.ok, p.content, p.store, p.job, p.bytes, p.replay = q.ok, q.content, q.store, q.job, q.bytes, q.replay
}

// query is what a search asks of a store: its newest point whose content
// is from no later than content, whose run had finished by usable and was
// still kept at keep, as the store stood at asOf (after the wipes that had
// happened by then). An incident asks for the newest point from before the
// damage (content), among those it can see when it restores (usable,
// keep); a copy job's run asks its source for what it would copy then.
// It is passed by value: with at most four fields the compiler keeps a
// struct in registers, so it costs what four float arguments would.
type query struct {
	content, usable, keep, asOf float64
}

// queryAt is the query of an incident that wants the newest point from
// before at, as the stores stood at at.
func queryAt(at float64) query { return query{at, at, at, at} }

// wiped reports whether a point of store st whose run started at s was
// destroyed by a wipe that had happened by time asOf. A wipe at a destroys
// every point existing then, and runs starting before the store is back (b)
// yield nothing.
func (t *trial) wiped(st int, s, asOf float64) bool { return t.wipes[st].endsAfter(asOf, s) }

// brokenAt returns the start of the break that covers time s for job j.
// (The searches' inner loops call t.breaks[j].covering and t.bad.covering
// directly: these wrappers do not inline.)
func (t *trial) brokenAt(j int, s float64) (float64, bool) { return t.breaks[j].covering(s) }

// badAt returns the start of the span covering s in which the primary held
// damaged data or was down, so that nothing captured then is usable.
func (t *trial) badAt(s float64) (float64, bool) { return t.bad.covering(s) }

// failed reports whether run k of job j yielded nothing. It is a pure
// function of the trial's seed, the job and the run, so every incident of a
// trial sees the same runs fail without any per-run state. Run indices are
// whole numbers below 2^53 (compile coarsens schedules finer than that).
func (t *trial) failed(j int, k float64) bool {
	x := t.runSeed ^ (uint64(j)+1)*0x9E3779B97F4A7C15 ^ uint64(int64(k))*0xD1B54A32D192ED03
	return splitmix(x)>>11 < t.m.jobs[j].failCut // float64(that)/2^53 < fail
}

// lastGood returns the newest run at or before run k of job j that did not
// fail, or false when every run fails. Runs fail independently with
// probability p. Up to p = 1/2 the runs are tried one by one (fewer than two
// tries on average); above, the runs are cut into blocks of about 1/(1-p)
// runs, and the good runs of a block are drawn as geometric gaps from a
// stream seeded by the block, so a search costs a few draws however rare
// good runs are, and every incident still sees the same runs fail.
func (t *trial) lastGood(j int, k float64) (float64, bool) {
	jb := &t.m.jobs[j]
	switch p := jb.fail; {
	case p <= 0:
		return k, true
	case p >= 1:
		return 0, false
	case p <= 0.5:
		for t.failed(j, k) {
			t.search.steps++
			k--
		}
		return k, true
	}
	B := jb.failBlock
	b := math.Floor(k / B)
	for r := k - b*B; ; r = B - 1 {
		t.search.steps++
		if g, ok := t.lastGoodInBlock(j, b, r); ok {
			return b*B + g, true
		}
		b-- // the whole block up to r failed, with probability p^(r+1)
	}
}

// lastGoodInBlock returns the offset of the newest good run among the
// first r+1 runs of block b of job j.
func (t *trial) lastGoodInBlock(j int, b, r float64) (float64, bool) {
	jb := &t.m.jobs[j]
	x := t.runSeed ^ (uint64(j)+1)*0xA24BAED4963EE407 ^ uint64(int64(b))*0x9FB21C651E98DF25
	pos, last, found := -1.0, 0.0, false
	for {
		t.search.steps++
		x += 0x9E3779B97F4A7C15
		u := (float64(splitmix(x)>>11) + 0.5) / (1 << 53) // in (0, 1)
		// failures before the next good run: P(G >= n) = p^n
		pos += math.Floor(math.Log(u)/jb.logFail) + 1
		if pos > r {
			return last, found
		}
		last, found = pos, true
	}
}

// searchState remembers, during one search of an incident (choose: every
// store asked in turn, the trial's state unchanged), the newest point of a
// store as a copy job's run found it, so that chains of copies of copies
// ask each store once per run rather than re-derive it through every hop
// (which grows as a product along the chain), and the stores of a chain
// asked one after another share what the stores below them found (else a
// search of a chain of n copies takes n*n/2 steps). It also counts the
// steps searches take, for tests that bound them.
type searchState struct {
	gen   uint64 // the query under way; an entry of seen from another is stale
	seen  map[sourceKey]sourceVal
	steps int64 // search steps over the trial's life (tests read it)
}

type sourceKey struct {
	store int
	at    float64
}

type sourceVal struct {
	gen uint64
	p   point
}

// newest sets *p to the newest point in store st that answers incident
// inc's query q (p.ok false: none). Ties between jobs go to the smaller
// restore.
//
// The searches below all write their answer into a point the caller owns
// rather than return one: a point is six words, which would be copied at
// every level of the search. Each of them sets every field of *p, so a
// caller never sees a stale answer. They read the incident for its draws
// (a replica's lag) and for whether the primary's host survived.
func (t *trial) newest(p *point, inc *incident, st int, q query) {
	t.newestIn(p, inc, st, q, 0, false)
}

// fresh starts a search: what earlier searches remembered is forgotten, as
// the trial's state (wipes, breaks, damage) and the incident (a replica's
// lag) may have changed since.
func (s *searchState) fresh() {
	s.gen++
	if s.seen == nil {
		s.seen = make(map[sourceKey]sourceVal)
	} else if len(s.seen) > 1<<16 {
		clear(s.seen) // every entry is stale now: keep the memory, drop them
	}
}

// source is what a copy job running at s finds in store st: its newest
// point usable then, PITR stores giving their newest base (a copy takes
// files, not a log it would have to replay).
func (t *trial) source(p *point, inc *incident, st int, s float64, depth int) {
	q := query{math.Inf(1), s, s, s}
	if !t.m.stores[st].copies {
		// fed from the primary only: answered in a step or two, no need
		// to remember
		t.newestIn(p, inc, st, q, depth, true)
		return
	}
	key := sourceKey{st, s}
	if v, ok := t.search.seen[key]; ok && v.gen == t.search.gen {
		*p = v.p
		return
	}
	t.newestIn(p, inc, st, q, depth, true)
	t.search.seen[key] = sourceVal{t.search.gen, *p}
}

// newestIn is newest at any depth of a chain of copies; with bases set a
// PITR job answers with its newest base (see source).
func (t *trial) newestIn(p *point, inc *incident, st int, q query, depth int, bases bool) {
	if ji := t.m.stores[st].periodic; ji >= 0 {
		// the common store: a call level less than through newestOfJob
		t.periodicPoint(p, inc, ji, q, depth)
		return
	}
	jobs := t.m.stores[st].jobs
	if len(jobs) == 1 {
		t.newestOfJob(p, inc, jobs[0], q, depth, bases)
		return
	}
	*p = point{}
	var c point
	for _, j := range jobs {
		t.newestOfJob(&c, inc, j, q, depth, bases)
		if c.ok && (!p.ok || c.content > p.content || (c.content == p.content && c.bytes < p.bytes)) {
			*p = c
		}
	}
}

func (t *trial) newestOfJob(p *point, inc *incident, ji int, q query, depth int, bases bool) {
	j := &t.m.jobs[ji]
	switch j.kind {
	case kindReplica:
		t.replicaPoint(p, inc, ji, q)
		return
	case kindPITR:
		if !bases {
			t.pitrPoint(p, inc, ji, q)
			return
		}
	}
	t.periodicPoint(p, inc, ji, q, depth)
}

// periodicPoint finds the newest run of a scheduled job (full, incremental,
// a pitr base, a copy) that satisfies the query, by arithmetic on the
// schedule: runs start at k*every + offset; a run is skipped when it
// failed, fell in a break of the job, or captured data from a span in
// which the primary was damaged or down (whether it read the primary, a
// replica or another copy: the rule is on the content time); an
// incremental is skipped when the full it builds on is. The search stops
// at the first run that has expired or was wiped, since older ones are too.
// Every step skips at least one run, failed runs are skipped in blocks and
// breaks and damaged spans in one jump, so the search never gives up.
func (t *trial) periodicPoint(p *point, inc *incident, ji int, q query, depth int) {
	j := &t.m.jobs[ji]
	T, off := j.every, j.offset
	hi := q.usable - j.dur
	if j.fromPrimary {
		hi = min(hi, q.content)
	}
	k := math.Floor((hi - off) / T)
	chain := j.kind == kindIncremental && j.fromPrimary
	for {
		t.search.steps++
		s := k*T + off
		// kept until retention after it finished; in a chain the full is kept
		// until the last incremental built on it expires (forward-incremental
		// retention), so an expired incremental sends the search to its full
		until := s + j.dur + j.ret
		if chain {
			if kf := j.fullOf(k); kf == k {
				until += (j.cycle - 1) * T
			} else if until <= q.keep {
				k = kf
				continue
			}
		}
		if until <= q.keep {
			*p = point{}
			return
		}
		if t.wiped(j.to, s, q.asOf) {
			*p = point{}
			return
		}
		if a, ok := t.breaks[ji].covering(s); ok {
			k = min(k-1, j.runBefore(a)) // (min: rounding must never stall the search)
			continue
		}
		if j.fail <= 0.5 {
			if j.fail > 0 && t.failed(ji, k) {
				t.search.steps++
				k--
				continue
			}
		} else if g, ok := t.lastGood(ji, k); !ok {
			*p = point{}
			return
		} else if g < k {
			k = g
			continue
		}
		content, bytes := s, j.fullBytes
		if !j.fromPrimary {
			if depth > len(t.m.jobs) {
				*p = point{}
				return
			}
			// the source's answer goes into *p, overwritten below
			t.source(p, inc, j.from, s, depth+1)
			if !p.ok {
				// every run back to when the source last changed finds it empty too
				k = min(k-1, j.runBefore(t.emptySince(j.from, s)))
				continue
			}
			if p.content > q.content {
				k--
				continue
			}
			content, bytes = p.content, p.bytes
		}
		if a, ok := t.bad.covering(content); ok {
			if j.fromPrimary {
				k = min(k-1, j.runBefore(a))
			} else {
				// a copy's content trails its run: the next older run to try
				// is the first one at or after the damage, if older than this
				k = min(k-1, math.Ceil((a-off)/T))
			}
			continue
		}
		if chain {
			kf := j.fullOf(k)
			if kf < k {
				switch t.fullState(ji, kf, q.asOf) {
				case fullWiped:
					*p = point{}
					return
				case fullUnusable:
					k = kf - 1 // the chain has no full: none of it restores
					continue
				}
			}
			bytes += (k - kf) * j.incrBytes
		}
		p.found(content, j.to, ji, bytes)
		return
	}
}

// States of an incremental chain's full.
const (
	fullOK = iota
	fullWiped
	fullUnusable // failed, broken or captured damaged data
)

// fullState says whether full run kf of job ji still backs its chain, as
// the store stood at time asOf.
func (t *trial) fullState(ji int, kf, asOf float64) int {
	j := &t.m.jobs[ji]
	sf := kf*j.every + j.offset
	if t.wiped(j.to, sf, asOf) {
		return fullWiped
	}
	if _, broken := t.brokenAt(ji, sf); broken || !t.good(ji, kf) || t.badFull(sf) {
		return fullUnusable
	}
	return fullOK
}

// emptySince returns a time X such that store st, found empty by a copy
// run at s, is empty for every run in [X, s] too: its answer can change
// only where one of its points expires (on its job's grid of expiry times)
// or where a wipe began. For stores fed by replicas or other copies it
// claims nothing (X = s).
func (t *trial) emptySince(st int, s float64) float64 {
	x := math.Inf(-1)
	for _, ji := range t.m.stores[st].jobs {
		j := &t.m.jobs[ji]
		if !j.fromPrimary || j.kind == kindReplica {
			return s
		}
		x = max(x, j.lastStart(s-j.dur-j.ret)+j.dur+j.ret)
	}
	if a, ok := t.wipes[st].lastStartUpTo(s); ok {
		x = max(x, a)
	}
	return min(x, s)
}

// good reports whether run k of job j did not fail.
func (t *trial) good(j int, k float64) bool {
	switch p := t.m.jobs[j].fail; {
	case p <= 0:
		return true
	case p <= 0.5:
		return !t.failed(j, k)
	}
	g, ok := t.lastGood(j, k)
	return ok && g == k
}

func (t *trial) badFull(s float64) bool {
	_, ok := t.badAt(s)
	return ok
}

// replicaPoint is the replica's one state: the source as it was lag ago,
// or as it was when the job broke. Damage newer than q.content has been
// copied.
func (t *trial) replicaPoint(p *point, inc *incident, ji int, q query) {
	j := &t.m.jobs[ji]
	at := q.usable
	if a, ok := t.breaks[ji].covering(at); ok {
		at = a
	}
	content := at - inc.lag(j)
	if content > q.content || t.wiped(j.to, content, q.asOf) {
		*p = point{}
		return
	}
	p.found(content, j.to, ji, j.fullBytes)
}

// pitrPoint restores to the latest moment at or before q.content that the
// log reaches (lag behind the primary, and not past a gap in the log), on
// the newest base at or before that moment. Every pass moves the target
// back to the start of a break or damaged span, so the loop ends.
func (t *trial) pitrPoint(p *point, inc *incident, ji int, q query) {
	j := &t.m.jobs[ji]
	// The log reaches lag behind the primary; when the primary's host
	// survives (logical damage) the rest of the log is still there to ship.
	reach := q.usable
	if !inc.hostAlive {
		reach -= inc.lag(j)
	}
	target := min(q.content, reach)
	for {
		t.search.steps++
		// the log stops where the job broke or the primary was damaged
		// (the log is whole up to the start of a break: a target there stays)
		if a, ok := t.breaks[ji].coveringOpen(target); ok {
			target = a
			continue
		}
		if a, ok := t.bad.coveringOpen(target); ok {
			target = a
			continue
		}
		base := q
		base.content = target
		t.periodicPoint(p, inc, ji, base, 0) // the base
		if !p.ok {
			return
		}
		// a gap in the log between the base and the target moves the target back
		if a, ok := t.breaks[ji].firstStartIn(p.content, target); ok {
			target = a
			continue
		}
		span := target - p.content
		p.content = target
		p.bytes += j.logBPH * span
		p.replay = t.m.writesPH * span / j.replayBPH
		return
	}
}
