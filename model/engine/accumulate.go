package engine

// failureAcc gathers the incidents of one failure (or of all of them).
type failureAcc struct {
	incidents      int64 // service incidents
	copiesLost     int64 // backup stores emptied
	totalLoss      int64
	rpoMet, rtoMet int64 // incidents within the targets
	rpoM, rtoM     moments
	rpo, rto       *histogram
}

func newFailureAcc() failureAcc {
	return failureAcc{rpo: new(histogram), rto: new(histogram)}
}

func (a *failureAcc) merge(o *failureAcc) {
	a.incidents += o.incidents
	a.copiesLost += o.copiesLost
	a.totalLoss += o.totalLoss
	a.rpoMet += o.rpoMet
	a.rtoMet += o.rtoMet
	a.rpoM.merge(o.rpoM)
	a.rtoM.merge(o.rtoM)
	a.rpo.merge(o.rpo)
	a.rto.merge(o.rto)
}

// accumulator gathers everything a run reports. All its sums are exact
// integers, so merging accumulators in any order gives the same result.
type accumulator struct {
	trials   int64
	all      failureAcc // filled from failures by total, not per incident
	failures []failureAcc
	downtime moments // per trial: downtime hours per year
	lost     moments // per trial: data-loss hours per year
	// per trial: hours per year of writes after logical damage that its
	// rollback discarded (a part of lost)
	discarded moments
	// per store: bytes restored out of it, and the money that cost
	restoredGiB  []exactSum
	restoreMoney []exactSum
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
	a.trials += o.trials
	for i := range a.failures {
		a.failures[i].merge(&o.failures[i])
	}
	a.downtime.merge(o.downtime)
	a.lost.merge(o.lost)
	a.discarded.merge(o.discarded)
	for i := range a.restoredGiB {
		a.restoredGiB[i].merge(o.restoredGiB[i])
		a.restoreMoney[i].merge(o.restoreMoney[i])
	}
}

func (a *accumulator) trialDone(downtimePerYear, lostPerYear, discardedPerYear float64) {
	a.trials++
	a.downtime.add(downtimePerYear)
	a.lost.add(lostPerYear)
	if discardedPerYear != 0 {
		a.discarded.add(discardedPerYear)
	} else {
		a.discarded.n++ // adding zero to the sums changes nothing
	}
}

func (a *accumulator) copiesLost(f *failure, n int) {
	a.failures[f.index].copiesLost += int64(n)
}

// total folds the per-failure figures into all.
func (a *accumulator) total() {
	for i := range a.failures {
		a.all.merge(&a.failures[i])
	}
}

// record adds one incident's outcome.
func (a *accumulator) record(fi int, o outcome, m *model) {
	if !o.service {
		return
	}
	fa := &a.failures[fi]
	fa.incidents++
	if o.totalLoss {
		fa.totalLoss++
		return
	}
	fa.rpoM.add(o.rpo)
	fa.rtoM.add(o.rto)
	fa.rpo.add(o.rpo)
	fa.rto.add(o.rto)
	if o.rpo <= m.rpoTarget {
		fa.rpoMet++
	}
	if o.rto <= m.rtoTarget {
		fa.rtoMet++
	}
	if o.restored && o.from.ok && o.from.bytes > 0 {
		st := &m.stores[o.from.store]
		if st.stands && m.jobs[o.from.job].kind == kindReplica {
			return // served in place: nothing moved
		}
		gib := o.from.bytes / (1 << 30)
		a.restoredGiB[o.from.store].add(gib)
		a.restoreMoney[o.from.store].add(gib * (st.egressPerGiB + st.feePerGiB))
	}
}
