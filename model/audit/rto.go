package audit

import (
	"fmt"
	"math"

	"github.com/costdial/costdial/internal/numfmt"
	"github.com/costdial/costdial/model/cost"
	"github.com/costdial/costdial/model/scenario"
)

// restore is the best a store can do for one failure: the expected time to
// have the service back from its newest point, and the steps that take it.
type restore struct {
	store scenario.Store
	hours float64
	steps string
}

// best estimates the fastest recovery from any store that survives failure
// f, with the mean of every runbook step. With typical false it moves the
// smallest point the store holds (a full, no incrementals or log replay):
// a lower bound on what the simulation will report. With typical true it
// moves an average point: a full and half an incremental chain, or a base
// and half a base interval of log, replayed. ok is false when no store
// survives.
func (a *auditor) best(f scenario.Failure, typical bool) (restore, bool) {
	rec := a.s.Recovery
	var out restore
	found := false
	writesPH := a.s.Service.Writes.BytesPerHour()
	for _, st := range a.copies_ {
		if a.hits(f, st) {
			continue
		}
		if f.Kind == scenario.Logical && onlyReplicas(a.s, st.Name) {
			continue // a replica holds the damage too
		}
		speed := st.Restore.BytesPerHour() * float64(max(st.Streams, 1))
		move, replay := math.Inf(1), 0.0 // hours to transfer, and to replay log
		replica := false
		for _, b := range a.jobsTo[st.Name] {
			if f.Kind == scenario.Logical && b.Kind == scenario.Replica {
				continue
			}
			replica = replica || b.Kind == scenario.Replica
			bytes, rp := cost.PointBytes(a.s, b), 0.0
			if typical && b.From == a.primary.Name && b.Kind != scenario.Replica {
				bytes = cost.TestBytes(a.s, b) // the newest point on average
				if r := b.Replay.BytesPerHour(); b.Kind == scenario.PITR && r > 0 {
					rp = writesPH * b.Every.Hours() / 2 / r
				}
			}
			if bytes/speed+rp < move+replay {
				move, replay = bytes/speed, rp
			}
		}
		hostGone := f.Kind != scenario.Logical
		h, steps := 0.0, ""
		step := func(name string, v float64) {
			h += v
			if v > 0 {
				if steps != "" {
					steps += " + "
				}
				steps += fmt.Sprintf("%s %s", name, numfmt.Hours(v))
			}
		}
		if f.Kind == scenario.Destroy {
			step("detect", rec.Detect.Mean())
		}
		step("decide", rec.Decide.Mean())
		if st.Standby && replica {
			// a standby replica serves in place
		} else {
			prov := 0.0
			if hostGone && !st.Standby {
				prov = rec.Provision.Mean()
			}
			if r := st.Retrieval.Mean(); r > prov {
				step("retrieval", r)
			} else {
				step("provision", prov)
			}
			step("transfer", move)
			step("replay", replay)
		}
		step("dns", rec.DNS.Mean())
		step("verify", rec.Verify.Mean())
		if !found || h < out.hours {
			out, found = restore{store: st, hours: h, steps: steps}, true
		}
	}
	return out, found
}

// rto finds failures whose recovery, even from the fastest surviving copy
// and with every step at its mean, takes longer than the RTO target; and,
// as a warning, failures whose average recovery does.
func (a *auditor) rto() {
	target := a.s.Service.Targets.RTO.Hours()
	allowed := 1 - a.s.Service.Targets.Percentile/100
	fix := "restore from a faster store (a tier without a retrieval delay, a higher restore throughput or more streams) or a standby, or relax service.targets.rto"
	for _, f := range a.s.Failures {
		if f.Kind == scenario.Outage || !a.hitsPrimary(f) {
			continue
		}
		share := a.share[f.Name]
		many := share > allowed+1e-12
		r, ok := a.best(f, false)
		if !ok {
			continue
		}
		if r.hours > target {
			sev, tail := Error, fmt.Sprintf("these are %.0f%% of incidents, more than the %.0f%% the target percentile leaves", share*100, allowed*100)
			if !many {
				sev, tail = Warning, fmt.Sprintf("these are %.2g%% of incidents, within the %.0f%% the target percentile leaves, but each one misses", share*100, allowed*100)
			}
			a.add(sev, "rto-unreachable", "stores."+r.store.Name,
				fmt.Sprintf("After %s the fastest restore, from %s, takes about %s (%s), over the %s RTO target; %s.", f.Name, r.store.Name, numfmt.Hours(r.hours), r.steps, numfmt.Hours(target), tail),
				fix)
			continue
		}
		if t, _ := a.best(f, true); t.hours > target && many {
			a.add(Warning, "rto-unreachable", "stores."+t.store.Name,
				fmt.Sprintf("After %s an average restore, from %s, takes about %s (%s), over the %s RTO target; these are %.0f%% of incidents, so the target is likely missed.", f.Name, t.store.Name, numfmt.Hours(t.hours), t.steps, numfmt.Hours(target), share*100),
				fix)
		}
	}
}
