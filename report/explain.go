package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/costdial/costdial/internal/numfmt"
	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/explain"
	"github.com/costdial/costdial/model/scenario"
)

// Explain is the account of `costdial explain`: what was picked, and each
// incident told as a timeline from the damage to the service being back,
// every figure the one the run counted.
type Explain struct {
	Head    string   // "small-saas: 1500 trials of 1 year, seed 1: 4,207 incidents."
	Lines   []string // the tail, or why there is nothing to tell
	Stories []Story
}

// Story is one incident's timeline.
type Story struct {
	Title string // "Trial 705, incident 6 of the trial: ransomware (ransomware)"
	Lines []Moment
}

// Moment is one line of a timeline: a time of the simulated year and what
// happened then, or, without a time, a note on the line before. Copies and
// Steps list, under it, what each copy held and the runbook's steps.
type Moment struct {
	At     string // "day 92 05:08", or "" for a note
	Text   string
	Copies []Field // store, what it held
	Steps  []Field // step, how long and why
}

// NewExplain builds the account of the incidents p picked from the run of
// s, as p.Options asked for them.
func NewExplain(s *scenario.Scenario, p *explain.Picked) *Explain {
	r, opts := p.Result, p.Options
	what := "incidents"
	if opts.Failure != "" {
		what = opts.Failure + " incidents"
	}
	a := &Explain{Head: fmt.Sprintf("%s: %d trials of %s, seed %d: %s %s.", r.Scenario, r.Trials, numfmt.Plural(r.Years, "year"), r.Seed,
		numfmt.Group(float64(p.Matching)), what)}
	if len(p.Told) == 0 {
		a.Lines = append(a.Lines, "None happened in this run: nothing to tell (try more --trials).")
		return a
	}
	tail := p.Tail()
	of := "data lost"
	if opts.By == explain.ByRTO {
		of = "downtime"
	}
	switch {
	case opts.Percentile > 0:
		a.Lines = append(a.Lines, fmt.Sprintf("The %s of %s, total losses counted as the worst, is %s. Telling the %s nearest it.",
			numfmt.Percentile(opts.Percentile), of, at(p.At), numfmt.Plural(float64(len(p.Told)), "incident")))
	case opts.Worst:
		a.Lines = append(a.Lines, fmt.Sprintf("The tail: %s; the p99 of %s, total losses counted as the worst, is %s. Telling the worst %d.",
			numfmt.Counted(tail.TotalLosses, "total loss", "total losses"), of, at(tail.P99), len(p.Told)))
	}
	for _, t := range p.Told {
		a.Stories = append(a.Stories, tell(s, t))
	}
	return a
}

// clock prints hours into the trial as "day D hh:mm" (day 1 is the first).
func clock(h float64) string {
	m := int64(math.Round(h * 60))
	day := m / (24 * 60)
	if m < 0 && m%(24*60) != 0 {
		day--
	}
	rest := m - day*24*60
	return fmt.Sprintf("day %d %02d:%02d", day+1, rest/60, rest%60)
}

// tell tells one incident.
func tell(s *scenario.Scenario, t explain.Told) Story {
	inc, d := t.Incident, t.Incident.Detail
	var f scenario.Failure
	for _, x := range s.Failures {
		if x.Name == inc.Failure {
			f = x
		}
	}
	st := Story{Title: fmt.Sprintf("Trial %s, incident %d of the trial: %s (%s)", numfmt.Group(float64(t.Trial)), t.Seq+1, inc.Failure, inc.Kind)}
	line := func(at float64, format string, args ...any) {
		st.Lines = append(st.Lines, Moment{At: clock(at), Text: fmt.Sprintf(format, args...)})
	}
	note := func(format string, args ...any) {
		st.Lines = append(st.Lines, Moment{Text: fmt.Sprintf(format, args...)})
	}
	// earlier incidents of the trial, in time order with this one's start
	// (an attacker may have got in before some of them)
	begin := inc.At
	if d != nil && d.Entry < begin {
		begin = d.Entry
	}
	for _, e := range t.Warm {
		line(e.At, "before the year (warm-up, not counted): %s, %s", e.Failure, outcomeText(e))
	}
	earlier := func(before bool) {
		for _, e := range t.Earlier {
			if (e.At < begin) == before {
				line(e.At, "earlier: %s, %s", e.Failure, outcomeText(e))
			}
		}
	}
	earlier(true)
	wiped := ""
	if len(d.Wiped) > 0 {
		wiped = ", and " + strings.Join(d.Wiped, " and ") + " with it"
	}
	switch inc.Kind {
	case scenario.Destroy:
		line(inc.At, "%s destroys the live data (%s)%s.", inc.Failure, f.Hits, wiped)
		line(d.Detected, "It is noticed, %s later (recovery.detect).", numfmt.Hours(d.Detected-inc.At))
	case scenario.Logical:
		line(inc.At, "%s damages the live data; the service runs on, on bad data.", inc.Failure)
		line(d.Detected, "Somebody notices, %s later: the restore must go back to before %s.", numfmt.Hours(d.Detected-inc.At), clock(inc.At))
	case scenario.Outage:
		line(inc.At, "%s cuts %s off; it will last %s.", inc.Failure, f.Hits, numfmt.Hours(d.Lasted))
		if d.Detected > inc.At {
			line(d.Detected, "The failover wait (recovery.failover_after) runs out.")
		}
	case scenario.Ransomware:
		if d.Entry < inc.At {
			line(d.Entry, "The attacker gets in, and waits %s (dwell) before striking.", numfmt.Hours(inc.At-d.Entry))
			earlier(false)
			line(inc.At, "The ransom note: the live data is encrypted%s. Known at once.", wiped)
			note("Only copies with data from before the attacker got in (%s) are trusted.", clock(d.Trusted))
		} else {
			line(inc.At, "The ransom note: the live data is encrypted%s. Known at once.", wiped)
			note("Copies with data up to the encryption are trusted (trust: encryption).")
		}
	}
	if inc.Kind == scenario.Outage && d.WaitedOut {
		waitedOut(s, f, inc, &st)
		line(inc.At+inc.Downtime, "The outage ends. Nothing is lost; down %s.", numfmt.Hours(inc.Downtime))
		return st
	}
	copies(inc, &st)
	var steps string
	if inc.TotalLoss {
		if inc.Kind == scenario.Logical {
			note("No clean copy can be restored: a total loss. The service keeps running on the damaged data.")
			return st
		}
		steps = "No copy can be restored: a total loss. The service is rebuilt empty:"
	} else {
		why := "the newest restorable point"
		for _, c := range d.Copies {
			if c.Held && c.Content == inc.Content && c.Store != inc.Store {
				why += fmt.Sprintf(" (%s holds one as new; %s is faster to restore)", c.Store, inc.Store)
				break
			}
		}
		if inc.Kind == scenario.Outage {
			note("Failing over takes %s from the start, less than the outage's %s: the service fails over.", numfmt.Hours(inc.RTO), numfmt.Hours(d.Lasted))
		}
		note("Restore from %s: the %s point with data from %s, %s.", inc.Store, inc.Job, clock(inc.Content), why)
		if sk := runsText(d.Skipped, inc.Job); sk != "" {
			note("Newer runs of %s could not be used: %s.", inc.Job, sk)
		}
		steps = "The runbook:"
	}
	m := Moment{Text: steps}
	prov, retr := stepHours(d.Steps, "provision"), stepHours(d.Steps, "retrieval")
	for _, sp := range d.Steps {
		if sp.Hours == 0 && sp.Name != "decide" {
			continue
		}
		extra := ""
		switch sp.Name {
		case "provision":
			if retr > 0 {
				extra = "  (alongside the retrieval: the longer counts)"
			} else {
				extra = "  (a new host)"
			}
		case "retrieval":
			if prov > 0 {
				extra = "  (alongside the provisioning: the longer counts)"
			} else {
				extra = "  (until the first byte)"
			}
		case "wait":
			extra = "  (failover_after, then fail over)"
		case "detect":
			extra = "  (counts as downtime: the service was down)"
		}
		m.Steps = append(m.Steps, Field{sp.Name, numfmt.Hours(sp.Hours) + extra})
	}
	st.Lines = append(st.Lines, m)
	if inc.TotalLoss {
		line(inc.At+inc.Downtime, "Back, with no data: down %s. Counted as a total loss.", numfmt.Hours(inc.Downtime))
		return st
	}
	start := inc.At
	if inc.Kind == scenario.Logical {
		start = d.Detected
	}
	line(start+inc.Downtime, "The service is back. Writes lost: %s (RPO). Down: %s (RTO).", numfmt.Hours(inc.RPO), numfmt.Hours(inc.RTO))
	if inc.Discarded > 0 {
		note("The %s of writes made since the damage are rolled back with it, and count as lost too.", numfmt.Hours(inc.Discarded))
	}
	return st
}

// copies lists what each copy offered incident inc's restore, if it
// looked at any.
func copies(inc engine.Incident, st *Story) {
	d := inc.Detail
	if len(d.Copies) == 0 {
		return
	}
	held := "What each copy held at that moment:"
	if inc.Kind == scenario.Logical {
		held = "What each copy held from before the damage, still kept when it was noticed:"
	}
	m := Moment{Text: held}
	for _, c := range d.Copies {
		m.Copies = append(m.Copies, Field{c.Store, copyText(c, inc)})
	}
	st.Lines = append(st.Lines, m)
}

// waitedOut says why the service waited outage inc of failure f out, as
// the engine decided (Detail.WaitedFor).
func waitedOut(s *scenario.Scenario, f scenario.Failure, inc engine.Incident, st *Story) {
	d := inc.Detail
	note := func(format string, args ...any) {
		st.Lines = append(st.Lines, Moment{Text: fmt.Sprintf(format, args...)})
	}
	switch d.WaitedFor {
	case engine.WaitShort:
		note("It ends before the failover wait runs out: the service waits.")
	case engine.WaitNoCopy:
		copies(inc, st)
		note("No copy outside %s holds a point to fail over to: the service waits it out.", f.Hits)
	case engine.WaitTooOld:
		copies(inc, st)
		limit := numfmt.Hours(s.Recovery.FailoverMaxLoss.Hours())
		if !s.IsSet("recovery.failover_max_loss") {
			limit += ", by default the RPO target"
		}
		note("No copy lies within recovery.failover_max_loss (%s): failing over to the newest, on %s, would lose %s of writes. The service waits it out.",
			limit, d.FailoverStore, numfmt.Hours(d.FailoverLoss))
	case engine.WaitSlower:
		wait := stepHours(d.Steps, "wait")
		note("Failing over to %s would take %s more, longer than the %s left of the outage: the service waits it out.",
			d.FailoverStore, numfmt.Hours(d.Failover-wait), numfmt.Hours(d.Lasted-wait))
	}
}

// outcomeText says in a few words how an incident ended.
func outcomeText(e engine.Incident) string {
	switch {
	case e.TotalLoss && e.Detail != nil && e.Kind == scenario.Logical:
		return fmt.Sprintf("a total loss (noticed %s; the service ran on damaged data until then and after)", clock(e.Detail.Detected))
	case e.TotalLoss:
		return "a total loss"
	case e.Kind == scenario.Outage && e.Store == "":
		return fmt.Sprintf("waited out, down %s", numfmt.Hours(e.Downtime))
	}
	return fmt.Sprintf("restored from %s, %s of writes lost, down %s", e.Store, numfmt.Hours(e.RPO), numfmt.Hours(e.RTO))
}

func stepHours(steps []engine.Step, name string) float64 {
	for _, s := range steps {
		if s.Name == name {
			return s.Hours
		}
	}
	return 0
}

// copyText says what one store offered.
func copyText(c engine.Copy, inc engine.Incident) string {
	switch {
	case c.Held:
		age := inc.At - c.Content
		return fmt.Sprintf("a %s point with data from %s (%s old)", c.Job, clock(c.Content), numfmt.Hours(age))
	case c.Why == "hit":
		if inc.Kind == scenario.Ransomware {
			return "wiped by the attacker"
		}
		return "hit by " + inc.Failure + " too"
	case c.Why == "bound":
		return "not looked at: it cannot hold anything newer than the point found"
	}
	if t := runsText(c.Runs, ""); t != "" {
		return "nothing usable: " + t
	}
	return "nothing usable"
}

// runsText says why a search passed over a job's runs.
func runsText(r engine.Runs, job string) string {
	var parts []string
	if r.Failed > 0 {
		parts = append(parts, numfmt.Counted(int64(r.Failed), "run failed", "runs failed"))
	}
	if r.Broken > 0 {
		who := "the job"
		if job != "" {
			who = job
		}
		parts = append(parts, fmt.Sprintf("%s while %s was broken (since %s, unnoticed)", numfmt.Counted(int64(r.Broken), "run", "runs"), who, clock(r.BreakStart)))
	}
	if r.Damaged > 0 {
		parts = append(parts, fmt.Sprintf("%s copied damaged or missing data", numfmt.Counted(int64(r.Damaged), "run", "runs")))
	}
	if r.After > 0 {
		parts = append(parts, fmt.Sprintf("%s made after that moment", numfmt.Counted(int64(r.After), "copy", "copies")))
	}
	switch {
	case r.Replica:
		parts = append(parts, "a replica, it already held the damage")
	case r.Source && !r.Expired && !r.Wiped:
		parts = append(parts, "when its runs went to copy "+r.SourceStore+", it held nothing usable")
	case r.Wiped:
		parts = append(parts, "the older points were wiped by an earlier incident")
	case r.Expired:
		parts = append(parts, "the older points had expired")
	}
	return strings.Join(parts, "; ")
}
