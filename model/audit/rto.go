package audit

import (
	"fmt"
	"math"

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
// f, using the mean of every runbook step and the smallest point the store
// holds (a full, no incrementals or log replay): a lower bound on what the
// simulation will report. ok is false when no store survives.
func (a *auditor) best(f scenario.Failure) (restore, bool) {
	rec := a.s.Recovery
	mean := func(d scenario.Store) float64 { return d.Retrieval.Mean() }
	var out restore
	found := false
	for _, st := range a.copies_ {
		if a.hits(f, st) {
			continue
		}
		jobs := a.jobsTo[st.Name]
		if f.Kind == scenario.Logical && a.isReplicaOnly(st.Name) {
			continue // a replica holds the damage too
		}
		bytes := math.Inf(1)
		replica := false
		for _, b := range jobs {
			if f.Kind == scenario.Logical && b.Kind == scenario.Replica {
				continue
			}
			bytes = min(bytes, float64(a.s.Service.Data)*a.compression(b))
			replica = replica || b.Kind == scenario.Replica
		}
		hostGone := f.Kind != scenario.Logical
		h, steps := 0.0, ""
		step := func(name string, v float64) {
			h += v
			if v > 0 {
				if steps != "" {
					steps += " + "
				}
				steps += fmt.Sprintf("%s %s", name, hours(v))
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
			if r := mean(st); r > prov {
				step("retrieval", r)
			} else {
				step("provision", prov)
			}
			step("transfer", bytes/st.Restore.BytesPerHour())
		}
		step("dns", rec.DNS.Mean())
		step("verify", rec.Verify.Mean())
		if !found || h < out.hours {
			out, found = restore{store: st, hours: h, steps: steps}, true
		}
	}
	return out, found
}

// compression is the stored bytes per byte of data of the points job b
// writes: a copy of a copy has the size of its source's points.
func (a *auditor) compression(b scenario.Backup) float64 {
	if src, ok := a.stores[b.From]; ok && !src.Primary {
		for _, s := range a.jobsTo[b.From] {
			return s.Compression
		}
	}
	return b.Compression
}

// rto finds failures whose recovery, even from the fastest surviving copy
// and with every step at its mean, takes longer than the RTO target.
func (a *auditor) rto() {
	target := a.s.Service.Targets.RTO.Hours()
	allowed := 1 - a.s.Service.Targets.Percentile/100
	for _, f := range a.s.Failures {
		if f.Kind == scenario.Outage || !a.hitsPrimary(f) {
			continue
		}
		r, ok := a.best(f)
		if !ok || r.hours <= target {
			continue
		}
		share := a.share[f.Name]
		sev, tail := Error, fmt.Sprintf("these are %.0f%% of incidents, more than the %.0f%% the target percentile leaves", share*100, allowed*100)
		if share <= allowed+1e-12 {
			sev, tail = Warning, fmt.Sprintf("these are %.2g%% of incidents, within the %.0f%% the target percentile leaves, but each one misses", share*100, allowed*100)
		}
		a.add(sev, "rto-unreachable", "stores."+r.store.Name,
			fmt.Sprintf("After %s the fastest restore, from %s, takes about %s (%s), over the %s RTO target; %s.", f.Name, r.store.Name, hours(r.hours), r.steps, hours(target), tail),
			fmt.Sprintf("restore from a faster store (a tier without a retrieval delay, a higher restore throughput) or a standby, or relax service.targets.rto"))
	}
}
