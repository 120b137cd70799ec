package engine

import (
	"math"
)

// interval is a half-open span of simulated hours [a, b).
type interval struct{ a, b float64 }

// point is a restorable copy of the service's data.
type point struct {
	ok      bool
	content float64 // the time its data is from
	store   int
	job     int
	bytes   float64 // bytes moved to restore it
	replay  float64 // hours of log replay after the transfer (pitr)
	logSpan float64 // hours of log replayed (pitr), for the bytes moved
}

// wiped reports whether a point of store st whose run started at s was
// destroyed by a wipe that had happened by time q. A wipe at a destroys
// every point existing then, and runs starting before the store is back (b)
// yield nothing.
func (t *trial) wiped(st int, s, q float64) bool {
	for _, w := range t.wipes[st] {
		if w.a <= q && s < w.b {
			return true
		}
	}
	return false
}

// brokenAt returns the start of the break that covers time s for job j.
func (t *trial) brokenAt(j int, s float64) (float64, bool) {
	for _, br := range t.breaks[j] {
		if br.a <= s && s < br.b {
			return br.a, true
		}
	}
	return 0, false
}

// badAt returns the start of the span covering s in which the primary held
// damaged data or was down, so that nothing captured then is usable.
func (t *trial) badAt(s float64) (float64, bool) {
	for _, iv := range t.bad {
		if iv.a <= s && s < iv.b {
			return iv.a, true
		}
	}
	return 0, false
}

// failed reports whether run k of job j yielded nothing. It is a pure
// function of the trial's seed, the job and the run, so every incident of a
// trial sees the same runs fail without any per-run state.
func (t *trial) failed(j int, k int64) bool {
	p := t.m.jobs[j].fail
	if p <= 0 {
		return false
	}
	x := t.runSeed ^ (uint64(j)+1)*0x9E3779B97F4A7C15 ^ uint64(k)*0xD1B54A32D192ED03
	return float64(splitmix(x)>>11)/(1<<53) < p
}

func splitmix(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
	x = (x ^ (x >> 27)) * 0x94D049BB133111EB
	return x ^ (x >> 31)
}

// newest returns the newest point in store st whose content time is at most
// cmax, that is usable (finished) by time usable and still kept at time
// keep, as the store stood at time q. Ties between jobs go to the smaller
// restore.
func (t *trial) newest(st int, cmax, usable, keep, q float64, depth int) point {
	jobs := t.m.stores[st].jobs
	if len(jobs) == 1 {
		return t.newestOfJob(jobs[0], cmax, usable, keep, q, depth)
	}
	var best point
	for _, j := range jobs {
		p := t.newestOfJob(j, cmax, usable, keep, q, depth)
		if p.ok && (!best.ok || p.content > best.content || (p.content == best.content && p.bytes < best.bytes)) {
			best = p
		}
	}
	return best
}

func (t *trial) newestOfJob(ji int, cmax, usable, keep, q float64, depth int) point {
	j := &t.m.jobs[ji]
	switch j.kind {
	case kindReplica:
		return t.replicaPoint(ji, cmax, usable, q)
	case kindPITR:
		return t.pitrPoint(ji, cmax, usable, keep, q)
	}
	return t.periodicPoint(ji, cmax, usable, keep, q, depth)
}

// periodicPoint finds the newest run of a scheduled job (full, incremental,
// a pitr base) that satisfies the query, by arithmetic on the schedule:
// runs start at k*every; a run is skipped when it failed, fell in a break
// of the job, or captured the primary while it was damaged; the search stops
// at the first run that has expired or was wiped, since older ones are too.
func (t *trial) periodicPoint(ji int, cmax, usable, keep, q float64, depth int) point {
	j := &t.m.jobs[ji]
	T := j.every
	hi := usable - j.dur
	if j.fromPrimary {
		hi = min(hi, cmax)
	}
	k := int64(math.Floor(hi / T))
	for steps := 0; steps <= t.m.maxJobSteps; steps++ {
		s := float64(k) * T
		if s+j.dur+j.ret <= keep || t.wiped(j.to, s, q) {
			return point{}
		}
		if a, ok := t.brokenAt(ji, s); ok {
			k = int64(math.Ceil(a/T)) - 1
			continue
		}
		if t.failed(ji, k) {
			k--
			continue
		}
		p := point{ok: true, content: s, store: j.to, job: ji, bytes: j.fullBytes}
		if j.fromPrimary {
			if a, ok := t.badAt(s); ok {
				k = int64(math.Ceil(a/T)) - 1
				continue
			}
			if j.incrBytes > 0 {
				n := math.Mod(s, j.fullEvery)
				if n < 0 {
					n += j.fullEvery
				}
				p.bytes += math.Round(n/T) * j.incrBytes
			}
		} else {
			if depth > len(t.m.jobs) {
				return point{}
			}
			src := t.newest(j.from, math.Inf(1), s, s, s, depth+1)
			if !src.ok || src.content > cmax {
				k--
				continue
			}
			p.content, p.bytes = src.content, src.bytes
		}
		return p
	}
	return point{}
}

// replicaPoint is the replica's one state: the source as it was lag ago,
// or as it was when the job broke. Damage newer than cmax has been copied.
func (t *trial) replicaPoint(ji int, cmax, usable, q float64) point {
	j := &t.m.jobs[ji]
	at := usable
	if a, ok := t.brokenAt(ji, at); ok {
		at = a
	}
	content := at - t.lagOf(ji)
	if content > cmax || t.wiped(j.to, content, q) {
		return point{}
	}
	return point{ok: true, content: content, store: j.to, job: ji, bytes: j.fullBytes}
}

// pitrPoint restores to the latest moment at or before cmax that the log
// reaches (lag behind the primary, and not past a gap in the log), on the
// newest base at or before that moment.
func (t *trial) pitrPoint(ji int, cmax, usable, keep, q float64) point {
	j := &t.m.jobs[ji]
	// The log reaches lag behind the primary; when the primary's host
	// survives (logical damage) the rest of the log is still there to ship.
	reach := usable
	if !t.hostAlive {
		reach -= t.lagOf(ji)
	}
	target := min(cmax, reach)
	for tries := 0; tries < 64; tries++ {
		// the log stops where the job broke or the primary was damaged
		moved := false
		// (the log is whole up to the start of a break: a target there stays)
		for _, iv := range t.breaks[ji] {
			if iv.a < target && target < iv.b {
				target, moved = iv.a, true
			}
		}
		for _, iv := range t.bad {
			if iv.a < target && target < iv.b {
				target, moved = iv.a, true
			}
		}
		if moved {
			continue
		}
		base := t.periodicPoint(ji, target, usable, keep, q, 0)
		if !base.ok {
			return point{}
		}
		// a gap in the log between the base and the target moves the target back
		gap := false
		for _, iv := range t.breaks[ji] {
			if iv.a > base.content && iv.a < target {
				target, gap = iv.a, true
			}
		}
		if gap {
			continue
		}
		span := target - base.content
		base.content = target
		base.logSpan = span
		base.bytes += j.logBPH * span
		base.replay = t.m.writesPH * span / j.replayBPH
		return base
	}
	return point{}
}
