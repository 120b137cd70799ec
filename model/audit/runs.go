package audit

import (
	"fmt"
	"math"

	"github.com/costdial/costdial/internal/numfmt"
	"github.com/costdial/costdial/model/scenario"
)

// runs finds jobs that, by their own settings, hold no usable point much
// of the time: runs that mostly fail, points that expire before the next
// run, breaks that come faster than restore tests find them.
func (a *auditor) runs() {
	allowed := 1 - a.s.Service.Targets.Percentile/100
	var kept []scenario.Backup // jobs that keep points (not replicas)
	for _, b := range a.s.Backups {
		if b.Kind != scenario.Replica {
			kept = append(kept, b)
		}
	}
	for _, b := range kept {
		a.failing(b, allowed)
		a.gap(b, len(a.s.Backups) == 1)
		a.outpaced(b)
	}
}

// failing finds a job whose runs fail so often that it holds no good
// point: every one of the runs it keeps failed. With fail f and n runs
// kept (retention / every, at least one), that is a share f^n of the
// time. It is an error when every run fails, or when that share is more
// than the target percentile leaves, and a warning when most runs fail:
// the newest good point is then on average f / (1 - f) runs older than
// the schedule says.
func (a *auditor) failing(b scenario.Backup, allowed float64) {
	f := float64(b.Fail)
	if f < 0.5 {
		return
	}
	path := "backups." + b.Name + ".fail"
	fix := "find and fix what makes the runs fail (a full disk, expired credentials, a timeout): fail is the share of runs that yield nothing"
	if f >= 1 {
		a.add(Error, "runs-fail", path,
			fmt.Sprintf("Every run of job %s fails (fail: 100%%), so it never holds a point: every incident that needs it finds nothing.", b.Name), fix)
		return
	}
	n := max(1, math.Floor(b.Retention.Hours()/b.Every.Hours()))
	if none := math.Pow(f, n); none > allowed {
		a.add(Error, "runs-fail", path,
			fmt.Sprintf("Job %s fails %s of its runs, so all %.0f runs it keeps have failed %s of the time, when it holds nothing, more than the %s the target percentile leaves.",
				b.Name, numfmt.Pct(f), n, numfmt.Pct(none), numfmt.Pct(allowed)), fix)
		return
	}
	a.add(Warning, "runs-fail", path,
		fmt.Sprintf("Job %s fails %s of its runs, so its newest good point is on average %.2g runs (%s) older than its schedule says.",
			b.Name, numfmt.Pct(f), f/(1-f), numfmt.Hours(f/(1-f)*b.Every.Hours())), fix)
}

// gap finds a job that keeps its points for less than its interval: each
// point expires before the next run has finished, so between the two the
// job holds nothing. For an incremental job that happens once a cycle,
// when its full expires with the last incremental built on it; for a pitr
// job, it is a base that expires before the next one, leaving its log
// nothing to replay onto. It is an error when no other job keeps points,
// since every incident in the gap is then a total loss.
func (a *auditor) gap(b scenario.Backup, only bool) {
	every, kept := b.Every.Hours(), b.Retention.Hours()
	if kept >= every {
		return
	}
	period := every // the gap comes once a period
	what := fmt.Sprintf("Job %s runs every %s but keeps each point %s", b.Name, numfmt.Hours(every), numfmt.Hours(kept))
	switch b.Kind {
	case scenario.Incremental:
		period = max(1, math.Round(b.FullEvery.Hours()/every)) * every
		what += ", and its chain's full no longer than its last incremental"
	case scenario.PITR:
		what = fmt.Sprintf("Job %s takes a base backup every %s but keeps each %s, and its log needs a base to replay onto", b.Name, numfmt.Hours(every), numfmt.Hours(kept))
	}
	sev, tail := Warning, "only other jobs can help then"
	if only { // (a replica, even, would serve a destroy)
		sev, tail = Error, "no other job keeps points, so every incident then is a total loss"
	}
	a.add(sev, "retention-gap", "backups."+b.Name+".retention",
		fmt.Sprintf("%s: for %s of every %s (%s of the time) it holds nothing; %s.", what, numfmt.Hours(every-kept), numfmt.Hours(period), numfmt.Pct((every-kept)/period), tail),
		fmt.Sprintf("keep points longer than the interval, e.g. retention: %s, or run more often", roundUp(every)))
}

// outpaced finds a job that breaks more often than it is restore-tested:
// a break lasts until the next test finds it, plus fix. With breaks at
// rate b, tests every T and fix F, a moment is inside a break when one
// began in the span since the last test that ended a break before it, of
// length F plus a uniform part of T, so the share of time broken is
// 1 - exp(-bF) (1 - exp(-bT)) / (bT) (incidents that find a break earlier
// make it a little less). A warning when more than one break falls
// between two tests; an error when the job is broken most of the time.
func (a *auditor) outpaced(b scenario.Backup) {
	rate, T, F := b.Breaks.PerHour(), b.RestoreTest.Hours(), b.Fix.Hours()
	if rate <= 0 || T <= 0 || rate*T < 1 {
		return
	}
	broken := 1 - math.Exp(-rate*F)*(1-math.Exp(-rate*T))/(rate*T)
	sev := Warning
	if broken > 0.5 {
		sev = Error
	}
	a.add(sev, "breaks-outpace-tests", "backups."+b.Name+".restore_test",
		fmt.Sprintf("Job %s breaks %.3g times a year but is restore-tested every %s: about %s between two tests, so it is broken about %s of the time, adding no new point.",
			b.Name, b.Breaks.PerYear(), numfmt.Hours(T), numfmt.Plural(numfmt.RoundSig(rate*T, 2), "break"), numfmt.Pct(broken)),
		fmt.Sprintf("test more often than it breaks, e.g. restore_test: %s, or fix what breaks it", roundDown(0.5/rate)))
}

// roundDown suggests a test interval in whole days (or hours) at most h hours.
func roundDown(h float64) string {
	if h >= 48 {
		return fmt.Sprintf("%.0fd", math.Floor(h/24))
	}
	return fmt.Sprintf("%.0fh", max(1, math.Floor(h)))
}
