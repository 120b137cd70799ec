package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/explain"
	"github.com/costdial/costdial/model/scenario"
	"github.com/spf13/cobra"
)

type explainOptions struct {
	sim     simOptions
	failure string
	worst   bool
	n       int
}

func newExplainCommand() *cobra.Command {
	opts := &explainOptions{}
	cmd := &cobra.Command{
		Use:   "explain [FILE]",
		Short: "Tell simulated incidents as timelines, step by step",
		Long: `Explain runs the scenario as run does and tells some of its incidents
from the damage to the service being back: when it struck, what each copy
held then, when it was noticed, which point was restored and why the others
could not be, each runbook step with its duration, the writes lost and the
downtime. Every figure is the one the run counted.

By default it tells the first incident of the run (--n for more, --failure
for one failure's). --worst tells the incidents that set the tail instead:
total losses first, then the largest data losses.
The same seed always tells the same incidents. Times are days of the
simulated year; day 0 and before are the warm-up the engine plays first so
that a trial starts in a steady state.`,
		Example: `  costdial explain
  costdial explain scenarios/small-saas.yaml --failure ransomware --worst
  costdial explain scenarios/replica-is-not-a-backup.yaml --failure bad-migration --n 3`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.sim.file = args[0]
			}
			return runExplain(cmd.Context(), opts, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	addSimFlags(cmd, &opts.sim)
	cmd.Flags().StringVar(&opts.failure, "failure", "", "tell only this failure's incidents")
	cmd.Flags().BoolVar(&opts.worst, "worst", false, "tell the incidents that set the tail: total losses, then the most data lost")
	cmd.Flags().IntVar(&opts.n, "n", 1, "how many incidents to tell")
	return cmd
}

func runExplain(ctx context.Context, opts *explainOptions, out, errOut io.Writer) error {
	if opts.n < 1 || opts.n > 100 {
		return usageError{fmt.Errorf("--n must be from 1 to 100 (got %d)", opts.n)}
	}
	s, _, err := opts.sim.load(opts.sim.overrides())
	if err != nil {
		return err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	bar := newProgress(errOut, s.Name)
	p, err := explain.Pick(ctx, s, explain.Options{Failure: opts.failure, Worst: opts.worst, N: opts.n,
		Engine: engine.Options{Workers: opts.sim.workers, Progress: bar.update}})
	bar.finish()
	if err != nil {
		return err
	}
	return writeExplain(out, s, p, opts)
}

func writeExplain(out io.Writer, s *scenario.Scenario, p *explain.Picked, opts *explainOptions) error {
	r := p.Result
	what := "incidents"
	if opts.failure != "" {
		what = opts.failure + " incidents"
	}
	fmt.Fprintf(out, "%s: %d trials of %s, seed %d: %s %s.\n", r.Scenario, r.Trials, plural(r.Years, "year"), r.Seed,
		groupThousands(float64(p.Matching)), what)
	if len(p.Told) == 0 {
		fmt.Fprintln(out, "None happened in this run: nothing to tell (try more --trials).")
		return nil
	}
	if opts.worst {
		rpo := r.RPO
		tl := r.RPO.TotalLosses
		if opts.failure != "" {
			f := r.Failures[opts.failure]
			rpo = f.RPO
			tl = f.RPO.TotalLosses
		}
		fmt.Fprintf(out, "The tail: %s; the p99 of data lost, total losses counted as the worst, is %s. Telling the worst %d.\n",
			countOf(tl, "total loss", "total losses"), fmtAt(rpo.P99), len(p.Told))
	}
	for _, t := range p.Told {
		fmt.Fprintln(out)
		tell(out, s, t)
	}
	return nil
}

func countOf(n int64, one, many string) string {
	switch n {
	case 0:
		return "no " + many
	case 1:
		return "1 " + one
	}
	return fmt.Sprintf("%s %s", groupThousands(float64(n)), many)
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

// tell writes one incident's timeline.
func tell(out io.Writer, s *scenario.Scenario, t explain.Told) {
	inc, d := t.Incident, t.Incident.Detail
	var f scenario.Failure
	for _, x := range s.Failures {
		if x.Name == inc.Failure {
			f = x
		}
	}
	fmt.Fprintf(out, "Trial %s, incident %d of the trial: %s (%s)\n", groupThousands(float64(t.Trial)), t.Seq+1, inc.Failure, inc.Kind)
	// earlier incidents of the trial, in time order with this one's start
	// (an attacker may have got in before some of them)
	begin := inc.At
	if d := inc.Detail; d != nil && d.Entry < begin {
		begin = d.Entry
	}
	for _, e := range t.Warm {
		fmt.Fprintf(out, "  %-14s before the year (warm-up, not counted): %s, %s\n", clock(e.At), e.Failure, outcomeText(e))
	}
	earlier := func(before bool) {
		for _, e := range t.Earlier {
			if (e.At < begin) == before {
				fmt.Fprintf(out, "  %-14s earlier: %s, %s\n", clock(e.At), e.Failure, outcomeText(e))
			}
		}
	}
	earlier(true)
	line := func(at float64, format string, args ...any) {
		fmt.Fprintf(out, "  %-14s %s\n", clock(at), fmt.Sprintf(format, args...))
	}
	note := func(format string, args ...any) {
		fmt.Fprintf(out, "  %-14s %s\n", "", fmt.Sprintf(format, args...))
	}
	wiped := ""
	if len(d.Wiped) > 0 {
		wiped = ", and " + strings.Join(d.Wiped, " and ") + " with it"
	}
	switch inc.Kind {
	case scenario.Destroy:
		line(inc.At, "%s destroys the live data (%s)%s.", inc.Failure, f.Hits, wiped)
		line(d.Detected, "It is noticed, %s later (recovery.detect).", fmtHours(d.Detected-inc.At))
	case scenario.Logical:
		line(inc.At, "%s damages the live data; the service runs on, on bad data.", inc.Failure)
		line(d.Detected, "Somebody notices, %s later: the restore must go back to before %s.", fmtHours(d.Detected-inc.At), clock(inc.At))
	case scenario.Outage:
		line(inc.At, "%s cuts %s off; it will last %s.", inc.Failure, f.Hits, fmtHours(d.Lasted))
		if d.Detected > inc.At {
			line(d.Detected, "The failover wait (recovery.failover_after) runs out.")
		}
	case scenario.Ransomware:
		if d.Entry < inc.At {
			line(d.Entry, "The attacker gets in, and waits %s (dwell) before striking.", fmtHours(inc.At-d.Entry))
			earlier(false)
			line(inc.At, "The ransom note: the live data is encrypted%s. Known at once.", wiped)
			note("Only copies with data from before the attacker got in (%s) are trusted.", clock(d.Trusted))
		} else {
			line(inc.At, "The ransom note: the live data is encrypted%s. Known at once.", wiped)
			note("Copies with data up to the encryption are trusted (trust: encryption).")
		}
	}
	if inc.Kind == scenario.Outage && d.WaitedOut {
		if len(d.Steps) > 0 {
			note("A failover would take %s more, longer than the rest of the outage: the service waits it out.", fmtHours(d.Failover-stepHours(d.Steps, "wait")))
		} else {
			note("It ends before the failover wait runs out: the service waits.")
		}
		line(inc.At+inc.Downtime, "The outage ends. Nothing is lost; down %s.", fmtHours(inc.Downtime))
		return
	}
	if len(d.Copies) > 0 {
		switch inc.Kind {
		case scenario.Logical:
			note("What each copy held from before the damage, still kept when it was noticed:")
		default:
			note("What each copy held at that moment:")
		}
		for _, c := range d.Copies {
			note("  %-12s %s", c.Store, copyText(c, inc))
		}
	}
	if inc.TotalLoss {
		if inc.Kind == scenario.Logical {
			note("No clean copy can be restored: a total loss. The service keeps running on the damaged data.")
			return
		}
		note("No copy can be restored: a total loss. The service is rebuilt empty:")
	} else {
		why := "the newest restorable point"
		for _, c := range d.Copies {
			if c.Held && c.Content == inc.Content && c.Store != inc.Store {
				why += fmt.Sprintf(" (%s holds one as new; %s is faster to restore)", c.Store, inc.Store)
				break
			}
		}
		if inc.Kind == scenario.Outage {
			note("Failing over takes %s from the start, less than the outage's %s: the service fails over.", fmtHours(inc.RTO), fmtHours(d.Lasted))
		}
		note("Restore from %s: the %s point with data from %s, %s.", inc.Store, inc.Job, clock(inc.Content), why)
		if sk := runsText(d.Skipped, inc.Job); sk != "" {
			note("Newer runs of %s could not be used: %s.", inc.Job, sk)
		}
		note("The runbook:")
	}
	prov, retr := stepHours(d.Steps, "provision"), stepHours(d.Steps, "retrieval")
	for _, st := range d.Steps {
		if st.Hours == 0 && st.Name != "decide" {
			continue
		}
		extra := ""
		switch st.Name {
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
		note("  %-10s %s%s", st.Name, fmtHours(st.Hours), extra)
	}
	if inc.TotalLoss {
		line(inc.At+inc.Downtime, "Back, with no data: down %s. Counted as a total loss.", fmtHours(inc.Downtime))
		return
	}
	start := inc.At
	if inc.Kind == scenario.Logical {
		start = d.Detected
	}
	line(start+inc.Downtime, "The service is back. Writes lost: %s (RPO). Down: %s (RTO).", fmtHours(inc.RPO), fmtHours(inc.RTO))
	if inc.Discarded > 0 {
		note("The %s of writes made since the damage are rolled back with it, and count as lost too.", fmtHours(inc.Discarded))
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
		return fmt.Sprintf("waited out, down %s", fmtHours(e.Downtime))
	}
	return fmt.Sprintf("restored from %s, %s of writes lost, down %s", e.Store, fmtHours(e.RPO), fmtHours(e.RTO))
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
		return fmt.Sprintf("a %s point with data from %s (%s old)", c.Job, clock(c.Content), fmtHours(age))
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
		parts = append(parts, countOf(int64(r.Failed), "run failed", "runs failed"))
	}
	if r.Broken > 0 {
		who := "the job"
		if job != "" {
			who = job
		}
		parts = append(parts, fmt.Sprintf("%s while %s was broken (since %s, unnoticed)", countOf(int64(r.Broken), "run", "runs"), who, clock(r.BreakStart)))
	}
	if r.Damaged > 0 {
		parts = append(parts, fmt.Sprintf("%s copied damaged or missing data", countOf(int64(r.Damaged), "run", "runs")))
	}
	if r.After > 0 {
		parts = append(parts, fmt.Sprintf("%s made after that moment", countOf(int64(r.After), "copy", "copies")))
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
