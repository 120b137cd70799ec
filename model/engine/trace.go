package engine

import "math"

// Detail is the full story of one incident, recorded only for the trials
// Options.Detail selects. Every figure is one the engine used: the trace
// draws no random numbers of its own, so a traced trial plays exactly as
// it does untraced.
type Detail struct {
	// Entry is when the attacker got in (ransomware); else equal to the
	// strike. Trusted is the newest content a ransomware restore trusts:
	// the entry by default, the encryption with trust: encryption.
	Entry, Trusted float64
	// Detected is when the incident was known and the runbook could start
	// (for an outage, when the failover wait ran out).
	Detected float64
	// Wiped lists the backup stores this incident emptied.
	Wiped []string
	// Copies is what each backup store offered the restore, in store order.
	Copies []Copy
	// Steps are the runbook steps that make up the downtime, in order.
	Steps []Step
	// Outage only: how long it lasted, and whether the service waited it
	// out rather than failing over (the failover steps are still listed).
	Lasted    float64
	WaitedOut bool
	// Failover is how long a failover took or would have taken, from the
	// strike, its wait included (outage only; 0 when no copy qualified).
	Failover float64
	// WaitedFor says why an outage was waited out (outage only; "" when
	// it failed over): WaitShort, WaitNoCopy, WaitTooOld or WaitSlower.
	WaitedFor string
	// FailoverStore is the store a failover restores, or would have, and
	// FailoverLoss the hours of writes it loses: the outage's strike
	// minus the content time of that store's newest point (outage only;
	// "" and 0 when no copy outside the outage held one).
	FailoverStore string
	FailoverLoss  float64
	// Skipped says why runs of the chosen job newer than the chosen point
	// could not be used.
	Skipped Runs
}

// Why an outage was waited out rather than failed over (Detail.WaitedFor).
const (
	WaitShort  = "short"   // it ended before recovery.failover_after ran out
	WaitNoCopy = "no copy" // no copy outside it held a point to fail over to
	// WaitTooOld: the newest copy outside it would lose more writes than
	// recovery.failover_max_loss allows
	WaitTooOld = "too old"
	WaitSlower = "slower" // failing over would take longer than the rest of the outage
)

// Copy is what one backup store held for an incident.
type Copy struct {
	Store   string
	Held    bool    // it offered a restorable point
	Job     string  // the job that made that point
	Content float64 // the point's content time, hours into the trial
	// Why it offered nothing, or why it was not looked at: "hit" (this
	// incident destroyed or wiped it), "bound" (it could not hold anything
	// newer than the point already found), or a summary of its runs.
	Why  string
	Runs Runs // for a store that offered nothing: what happened to its runs
}

// Runs counts the runs of a job that a search passed over, by reason.
type Runs struct {
	Failed     int     // the run itself failed
	Broken     int     // the job was broken when it ran
	BreakStart float64 // start of the newest such break
	Damaged    int     // it captured the primary while damaged or down
	Wiped      bool    // the search stopped at points wiped by an earlier incident
	Expired    bool    // the search stopped at points past their retention
	Replica    bool    // a replica: it already held the damage
	Source     bool    // a copy of a copy whose source offered nothing usable
	After      int     // copies of a copy made after the newest content wanted
	// SourceStore is the store a copy of a copy copies from.
	SourceStore string
}

// Step is one runbook step and the hours it took.
type Step struct {
	Name  string
	Hours float64
}

// tracer records the story of one incident (its Detail) as the handler
// resolves it. An untraced incident has a nil *tracer, on which every
// method does nothing, so handlers and choose call them unconditionally.
// Each method is a nil check that inlines, and the work of a traced
// incident is done out of line, so an untraced run pays a branch per call.
// The trace only reads: it draws no random numbers and changes no state.
type tracer struct{ Detail }

// tracer starts the trace of an incident striking at at, when the trial
// under way is one Options.Detail selects; else it returns nil.
func (o *observer) tracer(at float64) *tracer {
	if o == nil || !o.traced {
		return nil
	}
	return &tracer{Detail{Entry: at, Detected: at}}
}

// detail is the Detail traced, or nil.
func (tr *tracer) detail() *Detail {
	if tr == nil {
		return nil
	}
	return &tr.Detail
}

// step records a runbook step and the hours it took.
func (tr *tracer) step(name string, h float64) {
	if tr != nil {
		tr.Steps = append(tr.Steps, Step{name, h})
	}
}

// detected records when the incident was known.
func (tr *tracer) detected(at float64) {
	if tr != nil {
		tr.Detected = at
	}
}

// wiped records a backup store the incident emptied.
func (tr *tracer) wiped(store string) {
	if tr != nil {
		tr.Wiped = append(tr.Wiped, store)
	}
}

// entered records when a ransomware attacker got in, which is also the
// newest content its restore trusts.
func (tr *tracer) entered(trusted float64) {
	if tr != nil {
		tr.Entry, tr.Trusted = trusted, trusted
	}
}

// outage records how long an outage lasted; the service waits it out,
// for the reason why, unless failover says otherwise.
func (tr *tracer) outage(lasts float64, why string) {
	if tr != nil {
		tr.Lasted, tr.WaitedOut, tr.WaitedFor = lasts, true, why
	}
}

// failoverPoint records the point p a failover of an outage striking at
// would restore, if any, and the writes it would lose.
func (tr *tracer) failoverPoint(t *trial, p *point, at float64) {
	if tr != nil && p.ok {
		tr.FailoverStore, tr.FailoverLoss = t.m.stores[p.store].name, at-p.content
	}
}

// failover records how long a failover took or would have taken, and
// whether the service took it.
func (tr *tracer) failover(h float64, taken bool) {
	if tr != nil {
		tr.Failover, tr.WaitedFor = h, WaitSlower
		if taken {
			tr.WaitedOut, tr.WaitedFor = false, ""
		}
	}
}

// noDowntime records that the incident caused no downtime: its runbook
// found nothing to restore and stopped.
func (tr *tracer) noDowntime() {
	if tr != nil {
		tr.Steps = nil
	}
}

// copy records what store st offered incident's query q: p is its newest
// point, or nil when it was not searched, why saying why.
func (tr *tracer) copy(t *trial, st int, p *point, why string, q query) {
	if tr != nil {
		tr.addCopy(t, st, p, why, q)
	}
}

func (tr *tracer) addCopy(t *trial, st int, p *point, why string, q query) {
	c := Copy{Store: t.m.stores[st].name, Why: why}
	switch {
	case p != nil && p.ok:
		c.Held, c.Job, c.Content = true, t.m.jobs[p.job].name, p.content
	case why == "":
		c.Why = "none"
		for _, ji := range t.m.stores[st].jobs {
			r := t.walk(ji, q, math.Inf(-1))
			c.Runs.Failed += r.Failed
			c.Runs.Broken += r.Broken
			c.Runs.BreakStart = max(c.Runs.BreakStart, r.BreakStart)
			c.Runs.Damaged += r.Damaged
			c.Runs.Wiped = c.Runs.Wiped || r.Wiped
			c.Runs.Expired = c.Runs.Expired || r.Expired
			c.Runs.Replica = c.Runs.Replica || r.Replica
			c.Runs.Source = c.Runs.Source || r.Source
			c.Runs.After += r.After
			if r.SourceStore != "" {
				c.Runs.SourceStore = r.SourceStore
			}
		}
	}
	tr.Copies = append(tr.Copies, c)
}

// skipped records why the runs of the chosen point's job newer than it
// could not be used, for a job that runs on a schedule from the primary.
func (tr *tracer) skipped(t *trial, best *point, q query) {
	if tr != nil && best.ok {
		if j := &t.m.jobs[best.job]; j.fromPrimary && (j.kind == kindFull || j.kind == kindIncremental) {
			tr.Skipped = t.walk(best.job, q, best.content)
		}
	}
}

// walkLimit bounds the runs walk looks at: enough for every run a usual
// job keeps, and a bound on the work for jobs that run every second.
const walkLimit = 100000

// walk follows the search for q over job ji's runs (see periodicPoint)
// from the newest down to (not including) the run at content time stop,
// and counts why each was passed over. It draws no random numbers and
// touches no state of the trial. It reads an incremental's runs one by
// one, without the chain's rule that a full is kept while its
// incrementals are.
func (t *trial) walk(ji int, q query, stop float64) Runs {
	var r Runs
	j := &t.m.jobs[ji]
	if j.kind == kindReplica {
		r.Replica = true
		if t.wiped(j.to, q.usable, q.asOf) {
			r.Wiped = true
		}
		return r
	}
	T, off := j.every, j.offset
	hi := q.usable - j.dur
	if j.fromPrimary {
		hi = min(hi, q.content)
	}
	k := math.Floor((hi - off) / T)
	for steps := 0; steps < walkLimit; steps, k = steps+1, k-1 {
		s := k*T + off
		if s <= stop {
			return r
		}
		if s+j.dur+j.ret <= q.keep {
			r.Expired = true
			return r
		}
		if t.wiped(j.to, s, q.asOf) {
			r.Wiped = true
			return r
		}
		if a, ok := t.brokenAt(ji, s); ok {
			r.Broken++
			r.BreakStart = max(r.BreakStart, a)
			continue
		}
		if !t.good(ji, k) {
			r.Failed++
			continue
		}
		switch {
		case j.fromPrimary:
			if _, ok := t.badAt(s); ok {
				r.Damaged++
			}
		case s > q.content:
			r.After++ // what it copied may be newer than wanted
		default:
			r.Source, r.SourceStore = true, t.m.stores[j.from].name
		}
	}
	return r
}
