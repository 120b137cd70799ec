package audit

import (
	"fmt"
	"math"
	"strings"

	"github.com/costdial/costdial/internal/numfmt"
	"github.com/costdial/costdial/model/scenario"
)

// copies applies the 3-2-1-1-0 rule: three copies, two media, one off site,
// one immutable or offline, zero untested.
func (a *auditor) copies() {
	st := Rule321(a.s)
	n := len(st.Copies)
	switch {
	case n == 1:
		a.add(Error, "three-copies", "backups",
			"There is no copy of the data besides the live one, so any incident that needs a restore is a total loss.",
			"add a backup job to a store in another failure domain")
	case n < 3:
		a.add(Warning, "three-copies", "stores",
			fmt.Sprintf("There are %d copies of the data (the live one and %s), fewer than the three of the 3-2-1 rule.", n, names(a.copies_)),
			"add a second backup store, in another domain and of another kind")
	}
	if len(a.copies_) == 0 {
		return
	}
	if len(st.Media) < 2 {
		a.add(Warning, "two-media", "stores",
			fmt.Sprintf("Every copy is on %s, like the live data, so one kind of fault (a bad firmware, a filesystem bug) can take them all.", st.Media[0]),
			"keep one copy on another kind of storage (object storage, a NAS, tape)")
	}
	if st.Site == "" {
		a.add(Info, "off-site", "stores."+a.primary.Name+".domain",
			"The primary has no failure domain, so no copy can be shown to be off site.",
			"give the primary a domain, e.g. domain: dc-a, and nest it in its region or building")
	} else if len(st.OffSite) == 0 {
		a.add(Warning, "off-site", "stores",
			fmt.Sprintf("No copy is outside %s, the primary's top-level domain, so a disaster there leaves nothing.", st.Site),
			fmt.Sprintf("put one backup store in a domain outside %s", st.Site))
	}
	ransomware := false
	for _, f := range a.s.Failures {
		ransomware = ransomware || f.Kind == scenario.Ransomware
	}
	if len(st.Out) == 0 && !ransomware { // with ransomware declared, ransomware-reach says it louder
		a.add(Warning, "immutable-or-offline", "stores",
			"No copy is immutable or offline, so an attacker who reaches the backups can delete them all.",
			"make one store immutable (object lock) or offline, e.g. immutable: true")
	}
	for _, b := range a.s.Backups {
		if b.RestoreTest <= 0 {
			why := "so a silent break is found only when an incident needs the copy"
			if b.Breaks.PerHour() <= 0 {
				why = "so nothing shows the copies can be restored (the scenario says it never breaks; real jobs do)"
			}
			a.add(Warning, "untested", "backups."+b.Name+".restore_test",
				fmt.Sprintf("Job %s is never restore-tested, %s.", b.Name, why),
				"set restore_test, e.g. restore_test: 30d")
		}
	}
}

// failures finds single points of failure: a declared failure, or a domain,
// that takes the live data and every copy at once.
func (a *auditor) failures() {
	if len(a.copies_) == 0 {
		return
	}
	for _, f := range a.s.Failures {
		if f.Kind != scenario.Destroy && f.Kind != scenario.Ransomware {
			continue
		}
		if !a.hitsPrimary(f) {
			continue
		}
		var left []scenario.Store
		for _, st := range a.copies_ {
			if !a.hits(f, st) {
				left = append(left, st)
			}
		}
		if len(left) > 0 {
			continue
		}
		if f.Kind == scenario.Ransomware {
			a.add(Error, "ransomware-reach", "failures."+f.Name,
				fmt.Sprintf("Ransomware %s reaches the live data and every copy (%s): none is immutable or offline, so each attack is a total loss.", f.Name, names(a.copies_)),
				"make one store immutable (object lock) or offline, e.g. immutable: true")
			continue
		}
		// point at the store whose domain puts it in harm's way
		path, fix := "failures."+f.Name+".hits", "move a backup store out of "+f.Hits
		for _, st := range a.copies_ {
			if st.Domain != "" {
				path, fix = "stores."+st.Name+".domain", fmt.Sprintf("move %s out of %s, e.g. to a domain in another building or region", st.Name, f.Hits)
				break
			}
		}
		a.add(Error, "single-point", path,
			fmt.Sprintf("Failure %s destroys the live data and every copy (%s) at once, so each one is a total loss.", f.Name, names(a.copies_)),
			fix)
	}
	// a domain that holds everything, which no declared failure strikes
	if a.primary.Domain == "" {
		return
	}
	struck := map[string]bool{}
	for _, f := range a.s.Failures {
		if f.Kind == scenario.Destroy {
			struck[f.Hits] = true
		}
	}
	for d := a.primary.Domain; d != ""; d = a.parent[d] {
		all := true
		for _, st := range a.copies_ {
			all = all && st.Domain != "" && a.s.Inside(st.Domain, d)
		}
		if !all {
			continue
		}
		covered := false
		for e := d; e != ""; e = a.parent[e] {
			covered = covered || struck[e]
		}
		if covered {
			return // a declared failure strikes it: single-point has said so
		}
		a.add(Warning, "shared-domain", "domains."+d,
			fmt.Sprintf("Domain %s holds the live data and every copy; no failure in the scenario strikes it, but a fire, flood or closed account there would leave nothing.", d),
			fmt.Sprintf("put one backup store outside %s (or declare the failure and see its cost)", d))
		return
	}
}

// retention finds copies that expire before the damage they should undo is
// noticed, or before an attacker's dwell ends, or before a test finds a break.
func (a *auditor) retention() {
	var kept []scenario.Backup // jobs that keep points (not replicas)
	for _, b := range a.s.Backups {
		if b.Kind != scenario.Replica {
			kept = append(kept, b)
		}
	}
	keeps := func(b scenario.Backup) float64 { return b.Retention.Hours() + b.Duration.Hours() }
	for _, f := range a.s.Failures {
		var p95 float64
		var check, what, path string
		var jobs []scenario.Backup
		switch f.Kind {
		case scenario.Logical:
			p95, check, what, path, jobs = f.Detect.Quantile(0.95), "retention-detect", "noticed", "failures."+f.Name+".detect", kept
		case scenario.Ransomware:
			p95, check, what, path = f.Dwell.Quantile(0.95), "retention-dwell", "encrypted after the attacker got in", "failures."+f.Name+".dwell"
			for _, b := range kept {
				if st := a.stores[b.To]; st.Immutable || st.Offline {
					jobs = append(jobs, b)
				}
			}
		default:
			continue
		}
		if len(jobs) == 0 || p95 <= 0 {
			continue
		}
		var short []string
		for _, b := range jobs {
			if keeps(b) < p95 {
				short = append(short, b.Name)
			}
		}
		if len(short) == 0 {
			continue
		}
		if len(short) == len(jobs) {
			a.add(Error, check, path,
				fmt.Sprintf("In at least 5%% of %s incidents the damage is %s after %s (p95), longer than any copy is kept (%s), so no clean point is left.", f.Name, what, numfmt.Hours(p95), keptList(jobs)),
				fmt.Sprintf("keep points longer than %s, e.g. retention: %s on %s", numfmt.Hours(p95), roundUp(p95), jobs[0].Name))
			continue
		}
		for _, b := range jobs {
			if keeps(b) < p95 {
				a.add(Warning, check, "backups."+b.Name+".retention",
					fmt.Sprintf("Job %s keeps points %s, less than the %s (p95) before %s is %s, so in those incidents only other jobs can help.", b.Name, numfmt.Hours(b.Retention.Hours()), numfmt.Hours(p95), f.Name, what),
					fmt.Sprintf("raise retention above %s, e.g. retention: %s", numfmt.Hours(p95), roundUp(p95)))
			}
		}
	}
	for _, b := range kept {
		if b.RestoreTest <= 0 || b.Breaks.PerHour() <= 0 {
			continue
		}
		if found := b.RestoreTest.Hours() + b.Fix.Hours(); keeps(b) < found {
			a.add(Warning, "retention-tests", "backups."+b.Name+".retention",
				fmt.Sprintf("Job %s keeps points %s, but a silent break can go %s before a restore test finds and fixes it, by when every point from before the break has expired.", b.Name, numfmt.Hours(b.Retention.Hours()), numfmt.Hours(found)),
				fmt.Sprintf("keep points longer than restore_test + fix (%s), or test more often", numfmt.Hours(found)))
		}
	}
}

func keptList(jobs []scenario.Backup) string {
	var parts []string
	for _, b := range jobs {
		parts = append(parts, fmt.Sprintf("%s %s", b.Name, numfmt.Hours(b.Retention.Hours())))
	}
	return strings.Join(parts, ", ")
}

// roundUp suggests a retention in whole days (or weeks) above h hours.
func roundUp(h float64) string {
	days := int(h/24) + 1
	if days > 14 {
		return fmt.Sprintf("%dw", (days+6)/7)
	}
	return fmt.Sprintf("%dd", days)
}

// replicas finds replicas standing in for backups, and standbys that cannot
// stand by.
func (a *auditor) replicas() {
	for _, st := range a.copies_ {
		if st.Standby && st.Offline {
			a.add(Error, "standby-offline", "stores."+st.Name+".standby",
				fmt.Sprintf("Store %s is a standby but offline: a switched-off machine cannot take over, so its restores still need a new host and a transfer.", st.Name),
				"make the standby an online store, or drop standby: true")
		}
	}
	if len(a.copies_) == 0 {
		return
	}
	var replicas []scenario.Backup
	for _, b := range a.s.Backups {
		if b.Kind != scenario.Replica {
			return // some copy keeps history
		}
		replicas = append(replicas, b)
	}
	lag := 0.0
	for _, b := range replicas {
		lag = max(lag, b.Lag.Quantile(0.5))
	}
	logical := false
	for _, f := range a.s.Failures {
		if f.Kind != scenario.Logical {
			continue
		}
		logical = true
		if p95 := f.Detect.Quantile(0.95); lag < p95 {
			a.add(Error, "replica-only", "backups."+replicas[0].Name+".kind",
				fmt.Sprintf("Every copy is a replica, which copies %s's damage within its lag (%s) while it takes up to %s (p95) to notice, so the damage is everywhere by then.", f.Name, numfmt.Hours(lag), numfmt.Hours(p95)),
				"add a backup job that keeps points (kind: full, incremental or pitr) with retention longer than the detection")
		}
	}
	if !logical {
		a.add(Warning, "replica-only", "backups."+replicas[0].Name+".kind",
			"Every copy is a replica; no failure in the scenario corrupts data, but a bad query or deploy would reach every copy within seconds.",
			"add a backup job that keeps points (kind: full, incremental or pitr)")
	}
}

// schedules finds copies of copies that start while their source's run is
// still going, and so copy the run before.
func (a *auditor) schedules() {
	for _, b := range a.s.Backups {
		src, ok := a.stores[b.From]
		if !ok || src.Primary || b.Kind == scenario.Replica {
			continue
		}
		for _, s := range a.jobsTo[b.From] {
			if s.Kind == scenario.Replica || s.Duration <= 0 {
				continue
			}
			every, srcEvery := b.Every.Hours(), s.Every.Hours()
			ratio := every / srcEvery
			if ratio < 1 || ratio != math.Trunc(ratio) {
				continue // runs drift against the source's: no fixed phase to warn about
			}
			// every run of the copy starts this long after a run of its source
			phase := math.Mod(offset(b)-offset(s), srcEvery)
			if phase < 0 {
				phase += srcEvery
			}
			if phase >= s.Duration.Hours() {
				continue
			}
			when := "at the same moment as"
			if phase > 0 {
				when = numfmt.Hours(phase) + " after the start of"
			}
			a.add(Warning, "copy-before-source", "backups."+b.Name+".every",
				fmt.Sprintf("Job %s starts %s each run of %s, which takes %s, so each copy takes the run before: a copy %s older than it could be.", b.Name, when, s.Name, numfmt.Hours(s.Duration.Hours()), numfmt.Hours(srcEvery)),
				offsetFix(b.Name, s.Name, roundOffset(offset(s)+s.Duration.Hours())))
		}
	}
}

// offset is a job's offset within its interval, in hours.
func offset(b scenario.Backup) float64 { return b.Offset.Hours() }

func offsetFix(job, src, at string) string {
	return fmt.Sprintf("start %s after %s finishes, e.g. offset: %s", job, src, at)
}

// roundOffset suggests an offset at or after h hours, in whole minutes or hours.
func roundOffset(h float64) string {
	if h >= 1 {
		return fmt.Sprintf("%.0fh", math.Ceil(h))
	}
	return fmt.Sprintf("%.0fm", math.Ceil(h*60))
}

// money finds a cost model that cannot weigh risk.
func (a *auditor) money() {
	sv := a.s.Service
	if sv.DowntimeCost.Amount == 0 && sv.DataLossCost.Amount == 0 && sv.TotalLossCost.Amount == 0 {
		a.add(Warning, "penalties-zero", "service",
			"Downtime, lost writes and total loss all cost nothing, so the cost with risk equals the cost to run and cannot tell a safe design from a cheap one.",
			"set service.downtime_cost, data_loss_cost and total_loss_cost, e.g. downtime_cost: $400/h")
	}
}

// cheapLoss finds a total loss priced below the lost writes of restoring
// the oldest point a job keeps: the cost with risk then prefers losing
// everything to restoring an old copy.
func (a *auditor) cheapLoss() {
	sv := a.s.Service
	perHour, total := sv.DataLossCost.Amount, sv.TotalLossCost.Amount
	if perHour <= 0 {
		return
	}
	oldest, job := 0.0, ""
	for _, b := range a.s.Backups {
		if b.Kind == scenario.Replica {
			continue
		}
		if h := b.Every.Hours() + b.Duration.Hours() + b.Retention.Hours(); h > oldest {
			oldest, job = h, b.Name
		}
	}
	if oldest == 0 || perHour*oldest <= total {
		return
	}
	a.add(Warning, "total-loss-cheap", "service.total_loss_cost",
		fmt.Sprintf("Restoring the oldest point %s keeps loses up to %s of writes, priced %s at data_loss_cost, more than a total loss (%s): the cost with risk would rather lose everything than restore an old copy.",
			job, numfmt.Hours(oldest), numfmt.Money(a.full.Currency(), perHour*oldest), numfmt.Money(a.full.Currency(), total)),
		fmt.Sprintf("raise total_loss_cost to at least %s, or lower data_loss_cost if old data is worth less", numfmt.Money(a.full.Currency(), perHour*oldest)))
}

// off notes the parts switched off, so a reader knows the audit left them out.
func (a *auditor) off() {
	for _, path := range a.full.Off() {
		a.add(Info, "switched-off", path,
			fmt.Sprintf("%s is switched off (enabled: false, or everything feeding it is), so the audit and the simulation leave it out.", path),
			"set enabled: true to audit it")
	}
}
