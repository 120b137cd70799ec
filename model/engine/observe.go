package engine

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

// note adds an incident to the trial's record, when there is an observer.
func (t *trial) note(f *failure, at float64, o outcome) {
	if !o.service {
		return
	}
	inc := t.incidentOf(f, at, o)
	if o.totalLoss {
		t.rec.TotalLosses++
	}
	if o.restored && o.from.ok {
		_, fee, _ := t.m.restoreCost(&o)
		t.rec.RestoreFees += fee
	}
	t.rec.Incidents = append(t.rec.Incidents, inc)
}

// noteWarm keeps a warm-up incident of a detailed trial whose damage
// lasts into the measured span.
func (t *trial) noteWarm(f *failure, at float64, o outcome) {
	if t.tr == nil || !o.service || f.kind != "logical" || t.tr.Detected <= 0 {
		return
	}
	t.rec.Warm = append(t.rec.Warm, t.incidentOf(f, at, o))
}

// incidentOf is the record of failure f striking at with outcome o, with
// the trace of the incident being resolved, if any.
func (t *trial) incidentOf(f *failure, at float64, o outcome) Incident {
	inc := Incident{Failure: f.name, Kind: f.kind, Index: f.index, At: at, Restored: o.restored, TotalLoss: o.totalLoss,
		RPO: o.rpo, RTO: o.rto, Downtime: o.downtime, Discarded: o.discarded, Detail: t.tr}
	if o.restored && o.from.ok {
		inc.Store, inc.Job, inc.Content = t.m.stores[o.from.store].name, t.m.jobs[o.from.job].name, o.from.content
	}
	return inc
}

// startRecord resets the record for trial index.
func (t *trial) startRecord(index int64) {
	if t.observe == nil {
		return
	}
	if t.rec == nil {
		t.rec = &TrialRecord{}
	}
	t.rec.Trial = index
	t.detail = t.detailFn != nil && t.detailFn(index)
	t.rec.Incidents = t.rec.Incidents[:0]
	t.rec.Warm = t.rec.Warm[:0]
	t.rec.TotalLosses, t.rec.RestoreFees = 0, 0
}

// finishRecord hands the record to the observer.
func (t *trial) finishRecord() {
	if t.observe == nil {
		return
	}
	t.rec.DowntimeHours, t.rec.DataLossHours = t.downtime, t.lost
	t.observe(t.rec)
}

// StreamTrials is the number of consecutive trials that share one random
// stream (trials 0 to StreamTrials-1, then the next block, and so on).
// Sums over such blocks are independent of each other, which is what an
// interval computed from them needs.
const StreamTrials = blockSize
