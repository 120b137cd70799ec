package engine

import "github.com/costdial/costdial/model/scenario"

// TrialRecord is what one trial did, handed to Options.Observe. It is
// built only when an observer is set, so a plain run pays nothing for it.
type TrialRecord struct {
	// Trial is the trial's index in the run, from 0: the same trial for the
	// same seed whatever the number of workers.
	Trial int64
	// Incidents are the service incidents of the trial, in time order,
	// exactly as the run counted them.
	Incidents []Incident
	// DowntimeHours and DataLossHours are the trial's totals (not per year).
	DowntimeHours, DataLossHours float64
	// TotalLosses counts the trial's incidents that nothing could restore.
	TotalLosses int
	// RestoreFees is the egress and retrieval money its restores paid.
	RestoreFees float64
	// Warm lists, for a detailed trial only, the logical incidents of the
	// warm-up (before the measured span, not counted) whose damage was
	// still unnoticed when the measured span began: they shape what the
	// measured incidents find.
	Warm []Incident
}

// Incident is one service incident of a trial.
type Incident struct {
	Failure   string  // the failure's name
	Kind      string  // destroy, logical, outage or ransomware
	Index     int     // the failure's position in the scenario
	At        float64 // hours into the trial the damage struck
	Restored  bool
	TotalLoss bool
	RPO, RTO  float64 // hours; zero for a total loss
	Downtime  float64 // hours the service was down
	// Discarded is the hours of writes made after logical damage that the
	// rollback threw away; the run counts them as lost besides the RPO.
	Discarded float64
	Store     string  // the store restored from, "" when none
	Job       string  // the job that made the restored point
	Content   float64 // the restored point's content time (hours into the trial)
	// Detail is the full story, for the trials Options.Detail selects.
	Detail *Detail
}

// observer builds a TrialRecord for every trial and hands it to
// Options.Observe. A trial without an observer has a nil *observer, on
// which every method does nothing; the calls made per incident are nil
// checks that inline.
type observer struct {
	fn     func(*TrialRecord) // Options.Observe
	detail func(int64) bool   // Options.Detail, or nil
	rec    TrialRecord        // the record of the trial under way, reused
	traced bool               // every incident of the trial under way is traced
}

// newObserver is the observer opts asks for, or nil.
func newObserver(opts Options) *observer {
	if opts.Observe == nil {
		return nil
	}
	return &observer{fn: opts.Observe, detail: opts.Detail}
}

// start resets the record for trial index.
func (o *observer) start(index int64) {
	if o != nil {
		o.reset(index)
	}
}

func (o *observer) reset(index int64) {
	o.rec.Trial = index
	o.traced = o.detail != nil && o.detail(index)
	o.rec.Incidents = o.rec.Incidents[:0]
	o.rec.Warm = o.rec.Warm[:0]
	o.rec.TotalLosses, o.rec.RestoreFees = 0, 0
}

// note adds a measured incident that struck the service to the record.
func (o *observer) note(m *model, inc *incident) {
	if o != nil && inc.out.service {
		o.add(m, inc)
	}
}

func (o *observer) add(m *model, inc *incident) {
	out := &inc.out
	rec := incidentOf(inc)
	if out.totalLoss {
		o.rec.TotalLosses++
	}
	if m.restoredFrom(&rec, out) {
		_, fee, _ := m.restoreCost(out)
		o.rec.RestoreFees += fee
	}
	o.rec.Incidents = append(o.rec.Incidents, rec)
}

// noteWarm keeps a traced warm-up incident whose logical damage lasts into
// the measured span (it was detected after the warm-up's start).
func (o *observer) noteWarm(inc *incident) {
	if o != nil && inc.tr != nil {
		o.addWarm(inc)
	}
}

func (o *observer) addWarm(inc *incident) {
	if inc.out.service && inc.f.kind == scenario.Logical && inc.tr.Detected > 0 {
		o.rec.Warm = append(o.rec.Warm, incidentOf(inc))
	}
}

// incidentOf is the record of inc, with its trace, if any.
func incidentOf(inc *incident) Incident {
	o := &inc.out
	return Incident{Failure: inc.f.name, Kind: inc.f.kind, Index: inc.f.index, At: inc.at, Restored: o.restored, TotalLoss: o.totalLoss,
		RPO: o.rpo, RTO: o.rto, Downtime: o.downtime, Discarded: o.discarded, Detail: inc.tr.detail()}
}

// restoredFrom fills in the store, job and content time rec's point came
// from, and reports whether there was one.
func (m *model) restoredFrom(rec *Incident, out *outcome) bool {
	if !out.restored || !out.from.ok {
		return false
	}
	rec.Store, rec.Job, rec.Content = m.stores[out.from.store].name, m.jobs[out.from.job].name, out.from.content
	return true
}

// finish hands the record of a trial whose totals are tt to the observer.
func (o *observer) finish(tt *trialTotals) {
	if o == nil {
		return
	}
	o.rec.DowntimeHours, o.rec.DataLossHours = tt.downtime, tt.lost
	o.fn(&o.rec)
}

// StreamTrials is the number of consecutive trials a worker plays as one
// block (trials 0 to StreamTrials-1, then the next block, and so on).
// Every trial draws its random numbers from streams keyed by its own index,
// so trials, and sums over such blocks, are independent of each other,
// which is what an interval computed from block sums needs.
const StreamTrials = blockSize
