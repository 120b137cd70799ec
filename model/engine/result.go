package engine

import (
	"math"

	"github.com/costdial/costdial/model/cost"
	"gonum.org/v1/gonum/stat/distuv"
)

// Summary describes a distribution of hours over restored incidents.
type Summary struct {
	Count    int64      `json:"count"`
	Mean     float64    `json:"mean"`
	MeanCI95 [2]float64 `json:"mean_ci95"`
	P50      float64    `json:"p50"`
	P90      float64    `json:"p90"`
	P95      float64    `json:"p95"`
	P99      float64    `json:"p99"`
	Max      float64    `json:"max"`

	hist *histogram
}

// Quantile returns the p-quantile (0 < p <= 1) of the distribution.
func (s Summary) Quantile(p float64) float64 {
	if s.hist == nil {
		return 0
	}
	return round(s.hist.quantile(p))
}

// CDF returns points (hours, fraction of incidents at most that) for plots.
func (s Summary) CDF() (hours, fraction []float64) {
	if s.hist == nil {
		return nil, nil
	}
	return s.hist.CDF()
}

// PerYear is a yearly figure: its mean over trials and the 95% interval of that mean.
type PerYear struct {
	Mean float64    `json:"mean"`
	CI95 [2]float64 `json:"ci95"`
}

// TotalLoss counts incidents where no copy could be restored.
type TotalLoss struct {
	Count   int64      `json:"count"`
	PerYear float64    `json:"per_year"`
	CI95    [2]float64 `json:"ci95"`
}

// Targets reports how often incidents met the scenario's targets.
type Targets struct {
	RPOHours   float64 `json:"rpo_hours"`
	RTOHours   float64 `json:"rto_hours"`
	Percentile float64 `json:"percentile"`
	RPOMet     float64 `json:"rpo_met"`
	RTOMet     float64 `json:"rto_met"`
	RPOPass    bool    `json:"rpo_pass"`
	RTOPass    bool    `json:"rto_pass"`
	Pass       bool    `json:"pass"`
}

// Failure is the report of one failure of the scenario.
type Failure struct {
	Kind              string  `json:"kind"`
	IncidentsPerYear  float64 `json:"incidents_per_year"`
	CopiesLostPerYear float64 `json:"copies_lost_per_year"`
	TotalLossPerYear  float64 `json:"total_loss_per_year"`
	RPO               Summary `json:"rpo_hours"`
	RTO               Summary `json:"rto_hours"`
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
	Discarded    PerYear            `json:"discarded_hours_per_year"`
	Availability float64            `json:"availability"`
	TotalLoss    TotalLoss          `json:"total_loss"`
	Targets      Targets            `json:"targets"`
	Failures     map[string]Failure `json:"failures"`
	Cost         cost.Breakdown     `json:"cost"`
	// FailureOrder lists failure names in scenario order, for reports.
	FailureOrder []string `json:"-"`
	// Currency is the scenario's currency symbol.
	Currency string `json:"-"`
}

// RPOWithLosses is the p-quantile (0 < p <= 1) of the data lost over all
// incidents, total losses counted as the worst outcome: +Inf when total
// losses alone exceed the share 1-p. This is the figure judged against the
// RPO target; RPO's own quantiles are over restored incidents only.
func (r *Result) RPOWithLosses(p float64) float64 { return r.withLosses(r.RPO, p) }

// RTOWithLosses is RPOWithLosses for the downtime.
func (r *Result) RTOWithLosses(p float64) float64 { return r.withLosses(r.RTO, p) }

func (r *Result) withLosses(s Summary, p float64) float64 {
	n := s.Count + r.TotalLoss.Count
	if n == 0 {
		return 0
	}
	restored := float64(s.Count) / float64(n)
	if p > restored {
		return math.Inf(1)
	}
	return s.Quantile(p / restored)
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

func summarize(m moments, h *histogram) Summary {
	mean, lo, hi := m.meanCI()
	return Summary{
		Count: m.n, Mean: round(mean), MeanCI95: [2]float64{round(lo), round(hi)},
		P50: round(h.quantile(0.50)), P90: round(h.quantile(0.90)), P95: round(h.quantile(0.95)),
		P99: round(h.quantile(0.99)), Max: round(h.max),
		hist: h,
	}
}

// poissonCI is the exact (Garwood) 95% interval for a Poisson count k,
// divided by the exposure.
func poissonCI(k int64, exposure float64) [2]float64 {
	lo := 0.0
	if k > 0 {
		lo = distuv.ChiSquared{K: float64(2 * k)}.Quantile(0.025) / 2
	}
	hi := distuv.ChiSquared{K: float64(2*k + 2)}.Quantile(0.975) / 2
	return [2]float64{round(lo / exposure), round(hi / exposure)}
}
