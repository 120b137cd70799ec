package engine

import (
	"encoding/json"
	"math"
	"sort"

	"github.com/costdial/costdial/model/cost"
	"github.com/costdial/costdial/model/units"
	"gonum.org/v1/gonum/stat/distuv"
)

// Summary describes the RPO or RTO of a set of incidents, in hours. Total
// losses are in it as the worst outcome: a percentile they reach, and the
// maximum when there is any, is +Inf (null in JSON). The mean is over the
// restored incidents only, since a total loss has no finite value.
type Summary struct {
	// Count is the number of restored incidents; TotalLosses the incidents
	// where no copy could be restored. Their sum is every incident.
	Count       int64 `json:"count"`
	TotalLosses int64 `json:"total_losses"`
	// Mean over restored incidents, with the 95% interval of a ratio
	// estimator whose independent unit is the trial.
	Mean     float64    `json:"mean"`
	MeanCI95 [2]float64 `json:"mean_ci95"`
	P50      float64    `json:"p50"`
	P90      float64    `json:"p90"`
	P95      float64    `json:"p95"`
	P99      float64    `json:"p99"`
	Max      float64    `json:"max"`

	hist *compactHist
}

// Incidents is the number of incidents, restored or not.
func (s Summary) Incidents() int64 { return s.Count + s.TotalLosses }

// RestoredShare is the share of incidents that were restored: where a CDF
// of this summary ends. It is 1 when there are no incidents.
func (s Summary) RestoredShare() float64 {
	if s.Incidents() == 0 {
		return 1
	}
	return float64(s.Count) / float64(s.Incidents())
}

// Quantile returns the nearest-rank p-quantile (0 < p <= 1) over every
// incident, total losses counted as the worst outcome: +Inf when the rank
// falls among them, 0 without incidents.
func (s Summary) Quantile(p float64) float64 {
	v, _, _ := s.atRank(rankOf(p, s.Incidents()))
	return v
}

// atRank is the rank-th smallest outcome and the edges of its histogram
// bucket; +Inf beyond the restored incidents.
func (s Summary) atRank(rank int64) (v, lo, hi float64) {
	if s.Incidents() == 0 || s.hist == nil {
		return 0, 0, 0
	}
	if rank > s.Count {
		inf := math.Inf(1)
		return inf, inf, inf
	}
	v, lo, hi = s.hist.atRank(rank)
	return round(v), lo, hi
}

// CDF returns points (hours, share of all incidents at most that) for
// plots. With total losses the curve ends at RestoredShare, below 1.
func (s Summary) CDF() (hours, fraction []float64) {
	if s.hist == nil {
		return nil, nil
	}
	return s.hist.CDF(s.TotalLosses)
}

// MarshalJSON writes infinite percentiles (total losses) as null.
func (s Summary) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Count       int64      `json:"count"`
		TotalLosses int64      `json:"total_losses"`
		Mean        float64    `json:"mean"`
		MeanCI95    [2]float64 `json:"mean_ci95"`
		P50         *float64   `json:"p50"`
		P90         *float64   `json:"p90"`
		P95         *float64   `json:"p95"`
		P99         *float64   `json:"p99"`
		Max         *float64   `json:"max"`
	}{s.Count, s.TotalLosses, s.Mean, s.MeanCI95, finite(s.P50), finite(s.P90), finite(s.P95), finite(s.P99), finite(s.Max)})
}

// finite is v, or nil (JSON null) when v is infinite.
func finite(v float64) *float64 {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return nil
	}
	return &v
}

// PerYear is a yearly figure: its mean over trials and the 95% interval of that mean.
type PerYear struct {
	Mean float64    `json:"mean"`
	CI95 [2]float64 `json:"ci95"`
}

// TotalLoss counts incidents where no copy could be restored. CI95 is the
// wider of the per-trial interval (trials are independent; losses within
// one trial may not be) and the exact Poisson (Garwood) one, which still
// bounds the rate when none or few were seen.
type TotalLoss struct {
	Count   int64      `json:"count"`
	PerYear float64    `json:"per_year"`
	CI95    [2]float64 `json:"ci95"`
}

// Targets reports how often incidents met the scenario's targets. An
// incident meets the targets when it meets both; a total loss meets
// neither. Pass compares counts: at least Needed of Incidents within both.
type Targets struct {
	RPOHours   float64 `json:"rpo_hours"`
	RTOHours   float64 `json:"rto_hours"`
	Percentile float64 `json:"percentile"`
	Incidents  int64   `json:"incidents"`
	// Needed is the nearest rank of the percentile, ceil(percentile% of Incidents).
	Needed int64 `json:"incidents_needed"`
	// incidents within the RPO target, the RTO target, and both
	RPOCount int64   `json:"incidents_within_rpo"`
	RTOCount int64   `json:"incidents_within_rto"`
	MetCount int64   `json:"incidents_within_both"`
	RPOMet   float64 `json:"rpo_met"`
	RTOMet   float64 `json:"rto_met"`
	Met      float64 `json:"met"`
	RPOPass  bool    `json:"rpo_pass"`
	RTOPass  bool    `json:"rto_pass"`
	Pass     bool    `json:"pass"`
	// RPO and RTO at the target percentile over every incident, consistent
	// with RPOPass and RTOPass; +Inf (null in JSON) when total losses reach it.
	RPOAt float64 `json:"-"`
	RTOAt float64 `json:"-"`
}

// MarshalJSON writes the percentiles at the target, null for total losses.
func (t Targets) MarshalJSON() ([]byte, error) {
	type plain Targets
	return json.Marshal(struct {
		plain
		RPOAt *float64 `json:"rpo_at_percentile"`
		RTOAt *float64 `json:"rto_at_percentile"`
	}{plain(t), finite(t.RPOAt), finite(t.RTOAt)})
}

// Failure is the report of one failure of the scenario.
type Failure struct {
	Kind              string  `json:"kind"`
	IncidentsPerYear  float64 `json:"incidents_per_year"`
	CopiesLostPerYear float64 `json:"copies_lost_per_year"`
	TotalLossPerYear  float64 `json:"total_loss_per_year"`
	// TotalLossShare is the share of its incidents that were total losses.
	TotalLossShare float64 `json:"total_loss_share"`
	// its incidents within the RPO target, the RTO target, and both
	RPOCount int64   `json:"incidents_within_rpo"`
	RTOCount int64   `json:"incidents_within_rto"`
	Met      int64   `json:"incidents_within_both"`
	RPO      Summary `json:"rpo_hours"`
	RTO      Summary `json:"rto_hours"`
	// DowntimePerYear is its mean hours down a year, rebuilds after its
	// total losses included; summed over failures it is Result.Downtime.
	DowntimePerYear float64 `json:"downtime_hours_per_year"`
	// DiscardedPerYear is its mean hours a year of writes thrown away by
	// the rollbacks that repaired it (its part of Result.Discarded).
	DiscardedPerYear float64 `json:"discarded_hours_per_year"`
	// Targets are its incidents against its own targets, when the
	// scenario gives it some (nil otherwise).
	Targets *Targets `json:"targets,omitempty"`
}

// Result is the report of one run; its JSON names are a public contract.
type Result struct {
	Scenario         string  `json:"scenario"`
	Trials           int     `json:"trials"`
	Years            float64 `json:"years"`
	Seed             uint64  `json:"seed"`
	IncidentsPerYear float64 `json:"incidents_per_year"`
	RPO              Summary `json:"rpo_hours"`
	RTO              Summary `json:"rto_hours"`
	Downtime         PerYear `json:"downtime_hours_per_year"`
	DataLoss         PerYear `json:"data_loss_hours_per_year"`
	// Discarded is the part of DataLoss that is writes made after logical
	// damage and thrown away by the rollback that repaired it.
	Discarded    PerYear   `json:"discarded_hours_per_year"`
	Availability float64   `json:"availability"`
	TotalLoss    TotalLoss `json:"total_loss"`
	Targets      Targets   `json:"targets"`
	// Goals lists every target the design is judged by (the service's RPO
	// and RTO, each failure's own, the total-loss rate), and Pass says
	// whether every one holds: whether the design meets its targets.
	Goals    []Goal             `json:"goals"`
	Pass     bool               `json:"pass"`
	Failures map[string]Failure `json:"failures"`
	Cost     cost.Breakdown     `json:"cost"`
	// FailureOrder lists failure names in scenario order, for reports.
	FailureOrder []string `json:"-"`
	// Currency is the scenario's currency symbol.
	Currency string `json:"-"`
}

// RPOWithLosses is the p-quantile (0 < p <= 1) of the data lost over all
// incidents, total losses counted as the worst outcome: r.RPO.Quantile(p).
func (r *Result) RPOWithLosses(p float64) float64 { return r.RPO.Quantile(p) }

// RTOWithLosses is RPOWithLosses for the downtime.
func (r *Result) RTOWithLosses(p float64) float64 { return r.RTO.Quantile(p) }

// Miss is one failure's part in missing the targets.
type Miss struct {
	Failure string
	// Missed counts its incidents outside the targets (either or both),
	// TotalLosses those of them that were total losses, and RPO and RTO
	// those beyond each target (a total loss is beyond both).
	Missed, TotalLosses, RPO, RTO int64
	// Share is Missed over every incident of the run: the part of the
	// percentile this failure takes.
	Share float64
	// Enough says that, were its incidents all within the targets, the
	// design would meet them.
	Enough bool
}

// Misses lists, when the targets are missed, the failures whose incidents
// fall outside them, the most first; nil when the targets are met.
func (r *Result) Misses() []Miss {
	t := r.Targets
	if t.Pass || t.Incidents == 0 {
		return nil
	}
	var ms []Miss
	for _, name := range r.FailureOrder {
		f := r.Failures[name]
		n := f.RPO.Incidents()
		missed := n - f.Met
		if missed == 0 {
			continue
		}
		ms = append(ms, Miss{
			Failure: name, Missed: missed, TotalLosses: f.RPO.TotalLosses,
			RPO: n - f.RPOCount, RTO: n - f.RTOCount,
			Share:  float64(missed) / float64(t.Incidents),
			Enough: t.MetCount+missed >= t.Needed,
		})
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Missed > ms[j].Missed })
	return ms
}

// round keeps 6 significant digits: more than the Monte Carlo error
// justifies, and short enough to read.
func round(v float64) float64 {
	if v == 0 || math.IsInf(v, 0) || math.IsNaN(v) {
		return v
	}
	e := math.Floor(math.Log10(math.Abs(v)))
	scale := math.Pow(10, 5-e)
	return math.Round(v*scale) / scale
}

func summarize(r ratio, h *histogram, losses int64) Summary {
	mean, lo, hi := r.meanCI()
	s := Summary{
		Count: h.n, TotalLosses: losses,
		Mean: round(mean), MeanCI95: [2]float64{round(lo), round(hi)},
		hist: h.compact(),
	}
	s.P50, s.P90, s.P95, s.P99 = s.Quantile(0.50), s.Quantile(0.90), s.Quantile(0.95), s.Quantile(0.99)
	s.Max = round(h.max)
	if losses > 0 {
		s.Max = math.Inf(1)
	}
	return s
}

// judge counts n incidents, met of them within the RPO target, the RTO
// target and both, against targets of rpo and rto hours at percentile
// pct: the design meets them when at least the nearest rank of the
// percentile are within both. rpoS and rtoS are the same incidents'
// summaries, for the outcomes at that rank.
func judge(rpoS, rtoS Summary, n int64, met [3]int64, rpo, rto, pct float64) Targets {
	t := Targets{
		RPOHours: round(rpo), RTOHours: round(rto), Percentile: pct,
		Incidents: n, RPOCount: met[0], RTOCount: met[1], MetCount: met[2],
		RPOMet: share(met[0], n), RTOMet: share(met[1], n), Met: share(met[2], n),
	}
	if n > 0 {
		t.Needed = rankOf(pct/100, n)
	}
	t.RPOPass, t.RTOPass, t.Pass = met[0] >= t.Needed, met[1] >= t.Needed, met[2] >= t.Needed
	if n > 0 {
		t.RPOAt = atTarget(rpoS, t.Needed, t.RPOPass, rpo)
		t.RTOAt = atTarget(rtoS, t.Needed, t.RTOPass, rto)
	}
	return t
}

// atTarget is the outcome at the target's rank, made consistent with the
// exact count: the histogram gives the middle of a bucket, which may lie
// on the other side of the target than the exact value; the exact value
// is in the bucket, so the nearest bucket edge or the target stands in.
func atTarget(s Summary, rank int64, met bool, target float64) float64 {
	v, _, hi := s.atRank(rank)
	switch {
	case math.IsInf(v, 1):
		return v
	case met && v > target:
		return round(target)
	case !met && v <= target:
		return round(hi)
	}
	return v
}

// perTrialCI is the 95% normal interval of a per-trial mean, scaled.
func perTrialCI(m moments, scale float64) [2]float64 {
	_, lo, hi := m.meanCI()
	return [2]float64{lo * scale, hi * scale}
}

// poissonCI is the exact (Garwood) 95% interval for a Poisson count k,
// divided by the exposure.
func poissonCI(k int64, exposure float64) [2]float64 {
	lo := 0.0
	if k > 0 {
		lo = distuv.ChiSquared{K: float64(2 * k)}.Quantile(0.025) / 2
	}
	hi := distuv.ChiSquared{K: float64(2*k + 2)}.Quantile(0.975) / 2
	return [2]float64{lo / exposure, hi / exposure}
}

// share is k/n, or 1 when n is 0 (no incident missed anything).
func share(k, n int64) float64 {
	if n == 0 {
		return 1
	}
	return round(float64(k) / float64(n))
}

func (a *accumulator) result(m *model) *Result {
	s := m.s
	years := float64(a.trials) * s.Simulate.Years
	all := &a.all
	r := &Result{
		Scenario: s.Name, Trials: int(a.trials), Years: s.Simulate.Years, Seed: s.Simulate.Seed,
		IncidentsPerYear: round(float64(all.incidents) / years),
		RPO:              summarize(all.rpoR, all.rpo, all.totalLoss),
		RTO:              summarize(all.rtoR, all.rto, all.totalLoss),
		Failures:         map[string]Failure{},
		Currency:         s.Currency(),
	}
	dm, dlo, dhi := a.downtime.meanCI()
	r.Downtime = PerYear{round(dm), [2]float64{round(dlo), round(dhi)}}
	lm, llo, lhi := a.lost.meanCI()
	r.DataLoss = PerYear{round(lm), [2]float64{round(llo), round(lhi)}}
	xm, xlo, xhi := a.discarded.meanCI()
	r.Discarded = PerYear{round(xm), [2]float64{round(xlo), round(xhi)}}
	r.Availability = round(max(0, 1-a.downtime.sum.value()/(float64(a.trials)*units.Year.Hours())))
	// total losses per year: the per-trial count over the years of a trial
	pt := perTrialCI(all.losses, 1/s.Simulate.Years)
	gw := poissonCI(all.totalLoss, years)
	r.TotalLoss = TotalLoss{
		Count: all.totalLoss, PerYear: round(float64(all.totalLoss) / years),
		CI95: [2]float64{round(min(pt[0], gw[0])), round(max(pt[1], gw[1]))},
	}

	r.Targets = judge(r.RPO, r.RTO, all.incidents, all.met.counts(), m.rpoTarget, m.rtoTarget, m.percentile)

	for i, f := range m.failures {
		fa := &a.failures[i]
		r.FailureOrder = append(r.FailureOrder, f.name)
		tls := 0.0
		if fa.incidents > 0 {
			tls = round(float64(fa.totalLoss) / float64(fa.incidents))
		}
		fr := Failure{
			Kind:              f.kind,
			IncidentsPerYear:  round(float64(fa.incidents) / years),
			CopiesLostPerYear: round(float64(fa.copiesLost) / years),
			TotalLossPerYear:  round(float64(fa.totalLoss) / years),
			TotalLossShare:    tls,
			Met:               fa.met.both,
			RPO:               summarize(fa.rpoR, fa.rpo, fa.totalLoss),
			RTO:               summarize(fa.rtoR, fa.rto, fa.totalLoss),
			RPOCount:          fa.met.rpo,
			RTOCount:          fa.met.rto,
			DowntimePerYear:   round(fa.downtime.value() / years),
			DiscardedPerYear:  round(fa.discarded.value() / years),
		}
		if f.goal {
			t := judge(fr.RPO, fr.RTO, fa.incidents, fa.own.counts(), f.goalRPO, f.goalRTO, f.goalPct)
			fr.Targets = &t
		}
		r.Failures[f.name] = fr
	}
	r.Goals, r.Pass = goals(r, m, years)

	risk := cost.Risk{
		DowntimeHours: a.downtime.sum.value() / float64(a.trials),
		DataLossHours: a.lost.sum.value() / float64(a.trials),
		TotalLosses:   float64(all.totalLoss) / years,
		RestoreFees:   map[string]float64{},
	}
	for i, st := range m.stores {
		if !st.primary {
			risk.RestoreFees[st.name] = a.restoreMoney[i].value() / years
		}
	}
	c := cost.WithRisk(s, cost.Static(s), risk)
	r.Cost = roundCost(c)
	return r
}

// roundCost rounds money to 1/10000 of the currency unit and sizes to 6
// significant digits, keeping monthly + penalty = total after rounding.
func roundCost(c cost.Breakdown) cost.Breakdown {
	m := func(v float64) float64 { return math.Round(v*1e4) / 1e4 }
	for k, v := range c.Stores {
		v.GiB, v.BilledGiB, v.Storage, v.Fixed, v.Restores = round(v.GiB), round(v.BilledGiB), m(v.Storage), m(v.Fixed), m(v.Restores)
		v.Tests, v.Transfer = m(v.Tests), m(v.Transfer)
		c.Stores[k] = v
	}
	for k, v := range c.Jobs {
		v.GiB, v.BilledGiB, v.Storage = round(v.GiB), round(v.BilledGiB), m(v.Storage)
		v.TransferGiB, v.Transfer = round(v.TransferGiB), m(v.Transfer)
		c.Jobs[k] = v
	}
	c.Storage, c.Fixed, c.Restores, c.Monthly = m(c.Storage), m(c.Fixed), m(c.Restores), m(c.Monthly)
	c.Transfer, c.RestoreTests = m(c.Transfer), m(c.RestoreTests)
	c.PenaltyDowntime, c.PenaltyDataLoss, c.PenaltyTotalLoss = m(c.PenaltyDowntime), m(c.PenaltyDataLoss), m(c.PenaltyTotalLoss)
	c.Penalty = m(c.Penalty)
	c.Total = m(c.Monthly + c.Penalty)
	return c
}
