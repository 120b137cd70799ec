package audit

import (
	"fmt"
	"slices"
	"strings"

	"github.com/costdial/costdial/internal/numfmt"
	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
)

// probeMoments is how many moments of the schedules' cycle the RTO check
// plays each failure at: the shares it reports are good to a few tenths
// of a percent.
const probeMoments = 1000

// rto finds failures whose restores miss the RTO target as the runbook
// takes them: the point the engine restores (the newest, ties going to
// the faster restore; engine.Probe), with every step at its mean, at
// moments spread over the cycle of the schedules. A fast copy the runbook
// passes over for a newer, slower one does not help. It is an error when
// the incidents that miss are more than the target percentile leaves, and
// a warning when every incident of a failure misses but the failure is
// rare enough for the percentile to leave it out.
func (a *auditor) rto() {
	target := a.s.Service.Targets.RTO.Hours()
	allowed := 1 - a.s.Service.Targets.Percentile/100
	for _, f := range a.s.Failures {
		if f.Kind == scenario.Outage || !a.hitsPrimary(f) {
			continue // an outage may be waited out
		}
		probes, err := engine.Probe(a.s, f.Name, probeMoments)
		if err != nil {
			continue // (the failure is the scenario's own: cannot happen)
		}
		m := missesOf(probes, target)
		if len(m.missed) == 0 {
			continue
		}
		share := a.share[f.Name]
		of := float64(len(m.missed)) / float64(len(probes)) // of this failure's incidents
		overall := share * of
		every := len(m.missed) == m.restored
		var sev Severity
		var tail string
		switch {
		case overall > allowed+1e-12:
			sev, tail = Error, fmt.Sprintf("%s of all incidents, more than the %s the target percentile leaves", numfmt.Pct(overall), numfmt.Pct(allowed))
		case every:
			sev, tail = Warning, fmt.Sprintf("%s of all incidents, within the %s the target percentile leaves, but each one misses", numfmt.Pct(overall), numfmt.Pct(allowed))
		default:
			continue
		}
		r := m.typical()
		from := "from " + r.Store
		if n := m.from[r.Store]; n < len(probes) {
			from = fmt.Sprintf("in %s of its incidents from %s", numfmt.Pct(float64(n)/float64(len(probes))), r.Store)
		}
		lead := fmt.Sprintf("After %s the runbook restores the newest point, %s, which takes about %s (%s), over the %s RTO target",
			f.Name, from, numfmt.Hours(r.RTO), steps(r.Detail.Steps), numfmt.Hours(target))
		if every {
			lead += fmt.Sprintf(": every %s incident misses it, even with each step at its mean; %s.", f.Name, tail)
		} else {
			lead += fmt.Sprintf(": %s of %s incidents miss it with each step at its mean, %s.", numfmt.Pct(of), f.Name, tail)
		}
		path, fix := rtoFix(r, target)
		a.add(sev, "rto-unreachable", path, lead, fix+", or relax service.targets.rto")
	}
}

// rtoFix names the field behind the longest step of restore r, and how
// to shorten each step long enough that shortening it alone could bring
// r within target, longest first.
func rtoFix(r engine.Incident, target float64) (path, fix string) {
	list := slices.Clone(r.Detail.Steps)
	slices.SortStableFunc(list, func(x, y engine.Step) int {
		switch {
		case x.Hours > y.Hours:
			return -1
		case x.Hours < y.Hours:
			return 1
		}
		return 0
	})
	var fixes []string
	seen := map[string]bool{}
	for i, s := range list {
		if i > 0 && s.Hours < r.RTO-target {
			break
		}
		p, f := stepFix(s.Name, r)
		if i == 0 {
			path = p
		}
		if !seen[f] {
			seen[f] = true
			fixes = append(fixes, f)
		}
	}
	if path == "" || path == "stores."+r.Store {
		fixes = append(fixes, fmt.Sprintf("keep a faster store as up to date as %s", r.Store))
	}
	if path == "" {
		path = "stores." + r.Store
	}
	return path, strings.Join(fixes, ", or ")
}

// stepFix is the field behind a runbook step of restore r, and how to
// shorten it.
func stepFix(step string, r engine.Incident) (path, fix string) {
	switch step {
	case "retrieval":
		return "stores." + r.Store, "restore from a tier without a retrieval delay"
	case "transfer":
		return "stores." + r.Store, fmt.Sprintf("raise %s's restore throughput or streams (e.g. streams: 2)", r.Store)
	case "replay":
		return "backups." + r.Job + ".every", "take base backups more often (less log to replay) or raise replay"
	case "provision":
		return "recovery.provision", "shorten recovery.provision (a spare host; a standby store needs none)"
	}
	return "recovery." + step, "shorten recovery." + step
}

// misses is what the probes of one failure found against the RTO target.
type misses struct {
	restored int               // probes that restored a point
	missed   []engine.Incident // those over the target
	from     map[string]int    // probes restoring from each store
}

func missesOf(probes []engine.Incident, target float64) misses {
	m := misses{from: map[string]int{}}
	for _, p := range probes {
		if !p.Restored || p.Store == "" {
			continue // a total loss: single-point and the retention checks say why
		}
		m.restored++
		m.from[p.Store]++
		if p.RTO > target {
			m.missed = append(m.missed, p)
		}
	}
	return m
}

// typical is the missed restore to tell: from the store most of the
// misses restore from, the one with the median RTO.
func (m misses) typical() engine.Incident {
	count := map[string]int{}
	store := ""
	for _, p := range m.missed {
		count[p.Store]++
		if store == "" || count[p.Store] > count[store] {
			store = p.Store
		}
	}
	var of []engine.Incident
	for _, p := range m.missed {
		if p.Store == store {
			of = append(of, p)
		}
	}
	slices.SortStableFunc(of, func(x, y engine.Incident) int {
		switch {
		case x.RTO < y.RTO:
			return -1
		case x.RTO > y.RTO:
			return 1
		}
		return 0
	})
	return of[len(of)/2]
}

// steps lists the runbook steps that make up a restore's time, leaving
// out those that take none and the shorter of provisioning and retrieval,
// which overlap.
func steps(list []engine.Step) string {
	var prov, retr float64
	for _, s := range list {
		switch s.Name {
		case "provision":
			prov = s.Hours
		case "retrieval":
			retr = s.Hours
		}
	}
	var parts []string
	for _, s := range list {
		if s.Hours <= 0 || s.Name == "provision" && retr > prov || s.Name == "retrieval" && retr <= prov {
			continue
		}
		parts = append(parts, s.Name+" "+numfmt.Hours(s.Hours))
	}
	return strings.Join(parts, " + ")
}
