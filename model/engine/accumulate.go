package engine

// failureAcc gathers the incidents of one failure (or of all of them).
type failureAcc struct {
	// hours of downtime (rebuilds after total losses too) and of writes
	// discarded by rollbacks, summed over its incidents
	downtime, discarded exactSum

	incidents  int64 // service incidents
	copiesLost int64 // backup stores emptied
	totalLoss  int64
	// incidents within each of the service's targets, and within both (a
	// total loss meets neither); own, within the failure's own targets,
	// when it has them
	met, own    metCount
	rpoR, rtoR  ratio // restored incidents, per trial
	rpo, rto    *histogram
	trialLosses int64 // total losses in the trial under way
	losses      moments
	// open is set while the trial under way has an incident of this
	// failure; trials without one are counted when the run ends (close)
	open bool
}

// metCount counts incidents within an RPO target, an RTO target, and both.
type metCount struct{ rpo, rto, both int64 }

// add counts the restored incident o against targets of rpo and rto hours.
func (w *metCount) add(o *outcome, rpo, rto float64) {
	rpoOK, rtoOK := o.rpo <= rpo, o.rto <= rto
	if rpoOK {
		w.rpo++
	}
	if rtoOK {
		w.rto++
	}
	if rpoOK && rtoOK {
		w.both++
	}
}

func (w *metCount) merge(o metCount) {
	w.rpo += o.rpo
	w.rto += o.rto
	w.both += o.both
}

// counts is w as judge takes it.
func (w metCount) counts() [3]int64 { return [3]int64{w.rpo, w.rto, w.both} }

func newFailureAcc() failureAcc {
	return failureAcc{rpo: new(histogram), rto: new(histogram)}
}

// merge adds o's closed trials to a.
func (a *failureAcc) merge(o *failureAcc) {
	a.incidents += o.incidents
	a.copiesLost += o.copiesLost
	a.totalLoss += o.totalLoss
	a.met.merge(o.met)
	a.own.merge(o.own)
	a.rpoR.merge(o.rpoR)
	a.rtoR.merge(o.rtoR)
	a.rpo.merge(o.rpo)
	a.rto.merge(o.rto)
	a.losses.merge(o.losses)
	a.downtime.merge(o.downtime)
	a.discarded.merge(o.discarded)
}

// trialDone closes the trial under way.
func (a *failureAcc) trialDone() {
	a.rpoR.trialDone()
	a.rtoR.trialDone()
	a.losses.add(float64(a.trialLosses))
	a.trialLosses = 0
	a.open = false
}

// trialDoneWith closes the trial under way of a and of all, when a is the
// only failure with incidents in it: all then gathered exactly a's values.
func (a *failureAcc) trialDoneWith(all *failureAcc) {
	a.rpoR.trialDoneWith(&all.rpoR)
	a.rtoR.trialDoneWith(&all.rtoR)
	a.losses.add(float64(a.trialLosses))
	all.losses.add(float64(all.trialLosses))
	a.trialLosses, all.trialLosses = 0, 0
	a.open, all.open = false, false
}

// close counts, after trials trials, those closed without an incident of
// this failure: they add nothing to a sum, only to the number of trials.
func (a *failureAcc) close(trials int64) {
	a.rpoR.trials = trials
	a.rtoR.trials = trials
	a.losses.n = trials
}

// accumulator gathers everything a run reports. All its sums are exact
// integers, so merging accumulators in any order gives the same result.
type accumulator struct {
	trials   int64
	open     []int      // failures with an incident in the trial under way
	all      failureAcc // counts and histograms folded from failures by total; per-trial sums kept as trials end
	failures []failureAcc
	downtime moments // per trial: downtime hours per year
	lost     moments // per trial: data-loss hours per year
	// per trial: hours per year of writes after logical damage that its
	// rollback discarded (a part of lost)
	discarded moments
	// per store: bytes restored out of it, and the money that cost
	restoredGiB  []exactSum
	restoreMoney []exactSum

	_ workerPad
}

func newAccumulator(m *model) *accumulator {
	a := &accumulator{all: newFailureAcc()}
	for range m.failures {
		a.failures = append(a.failures, newFailureAcc())
	}
	a.restoredGiB = make([]exactSum, len(m.stores))
	a.restoreMoney = make([]exactSum, len(m.stores))
	return a
}

func (a *accumulator) merge(o *accumulator) {
	o.close()
	a.trials += o.trials
	for i := range a.failures {
		a.failures[i].merge(&o.failures[i])
	}
	// only the per-trial sums of all are kept as trials end
	a.all.rpoR.merge(o.all.rpoR)
	a.all.rtoR.merge(o.all.rtoR)
	a.all.losses.merge(o.all.losses)
	a.downtime.merge(o.downtime)
	a.lost.merge(o.lost)
	a.discarded.merge(o.discarded)
	for i := range a.restoredGiB {
		a.restoredGiB[i].merge(o.restoredGiB[i])
		a.restoreMoney[i].merge(o.restoreMoney[i])
	}
}

// trialDone closes one trial: its downtime, lost writes and writes
// discarded by rollbacks per year, and the per-trial sums of every failure
// and of all of them.
func (a *accumulator) trialDone(downtimePerYear, lostPerYear, discardedPerYear float64) {
	a.trials++
	a.downtime.add(downtimePerYear)
	a.lost.add(lostPerYear)
	if discardedPerYear != 0 {
		a.discarded.add(discardedPerYear)
	} else {
		a.discarded.n++ // adding zero to the sums changes nothing
	}
	// a failure without an incident in this trial adds zeros, which change
	// no sum: it is counted in close
	if len(a.open) == 1 {
		// the usual trial with incidents: those of one failure, which all
		// gathered too (record adds to both)
		a.failures[a.open[0]].trialDoneWith(&a.all)
		a.open = a.open[:0]
		return
	}
	for _, i := range a.open {
		a.failures[i].trialDone()
	}
	a.open = a.open[:0]
	if a.all.open {
		a.all.trialDone()
	}
}

func (a *accumulator) copiesLost(f *failure, n int) {
	a.failures[f.index].copiesLost += int64(n)
}

// close counts in every failure the trials closed without an incident of
// it.
func (a *accumulator) close() {
	for i := range a.failures {
		a.failures[i].close(a.trials)
	}
	a.all.close(a.trials)
}

// total folds the per-failure counts and histograms into all, whose
// per-trial sums were gathered as trials ended.
func (a *accumulator) total() {
	a.close()
	rpoR, rtoR, losses := a.all.rpoR, a.all.rtoR, a.all.losses
	for i := range a.failures {
		a.all.merge(&a.failures[i])
	}
	a.all.rpoR, a.all.rtoR, a.all.losses = rpoR, rtoR, losses
}

// record adds one incident's outcome.
func (a *accumulator) record(fi int, o *outcome, m *model) {
	if !o.service {
		return
	}
	fa := &a.failures[fi]
	if !fa.open {
		fa.open, a.all.open = true, true
		a.open = append(a.open, fi)
	}
	fa.incidents++
	// as the trial counts them (an outcome off the service is all zeros):
	// all its downtime, the writes discarded by its restores
	fa.downtime.add(o.downtime)
	if o.restored {
		fa.discarded.add(o.discarded)
	}
	if o.totalLoss {
		fa.totalLoss++
		fa.trialLosses++
		a.all.trialLosses++
		return
	}
	fa.rpoR.add(o.rpo)
	fa.rtoR.add(o.rto)
	a.all.rpoR.add(o.rpo)
	a.all.rtoR.add(o.rto)
	fa.rpo.add(o.rpo)
	fa.rto.add(o.rto)
	fa.met.add(o, m.rpoTarget, m.rtoTarget)
	if f := &m.failures[fi]; f.goal {
		fa.own.add(o, f.goalRPO, f.goalRTO)
	}
	if gib, money, ok := m.restoreCost(o); ok {
		a.restoredGiB[o.from.store].add(gib)
		a.restoreMoney[o.from.store].add(money)
	}
}

// restoreCost is what the restore of o moved out of its store, in GiB, and
// what that cost in egress and retrieval fees; ok is false when nothing
// moved (no restore, or a standby replica served in place).
func (m *model) restoreCost(o *outcome) (gib, money float64, ok bool) {
	if !o.restored || !o.from.ok || o.from.bytes <= 0 {
		return 0, 0, false
	}
	st := &m.stores[o.from.store]
	if st.stands && m.jobs[o.from.job].kind == kindReplica {
		return 0, 0, false
	}
	gib = o.from.bytes / (1 << 30)
	return gib, gib * (st.egressPerGiB + st.feePerGiB), true
}
