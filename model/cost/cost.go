package cost

import (
	"maps"
	"math"
	"slices"

	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/model/units"
)

// monthsPerYear converts yearly rates to monthly ones.
const monthsPerYear = 12

// hoursPerMonth is the engine's month: a 365-day year / 12 (730 hours),
// so restore tests and simulated time count the same months.
var hoursPerMonth = units.Month.Hours()

// Store is the monthly cost of one store.
type Store struct {
	GiB       float64 `json:"gib"`           // average GiB held
	BilledGiB float64 `json:"billed_gib"`    // GiB billed, minimum durations included
	Storage   float64 `json:"storage"`       // billed GiB * price
	Fixed     float64 `json:"fixed"`         // the store's monthly
	Restores  float64 `json:"restores"`      // expected egress and retrieval fees
	Tests     float64 `json:"restore_tests"` // egress and retrieval fees of restore tests
	Transfer  float64 `json:"transfer"`      // what the jobs writing here pay to send their bytes
}

// Job is the storage one job keeps in its target store.
type Job struct {
	Store     string  `json:"store"`
	GiB       float64 `json:"gib"`
	BilledGiB float64 `json:"billed_gib"`
	Storage   float64 `json:"storage"`
	// TransferGiB is what the job sends from its source to its target a month.
	TransferGiB float64 `json:"transfer_gib"`
	// Transfer is TransferGiB at the job's transfer price.
	Transfer float64 `json:"transfer"`
}

// Breakdown is the `cost` object of a run's report.
type Breakdown struct {
	// Currency is the ISO 4217 code of every amount: USD, EUR or GBP.
	Currency         string           `json:"currency"`
	Stores           map[string]Store `json:"stores"`
	Jobs             map[string]Job   `json:"jobs"`
	Storage          float64          `json:"storage"`
	Fixed            float64          `json:"fixed"`
	Transfer         float64          `json:"transfer_per_month"`
	Restores         float64          `json:"restores_per_month"`
	RestoreTests     float64          `json:"restore_tests_per_month"`
	Monthly          float64          `json:"monthly"`
	PenaltyDowntime  float64          `json:"penalty_downtime"`
	PenaltyDataLoss  float64          `json:"penalty_data_loss"`
	PenaltyTotalLoss float64          `json:"penalty_total_loss"`
	Penalty          float64          `json:"penalty_per_month"`
	Total            float64          `json:"total_per_month"`
}

// shape is what one job writes, in bytes: a full point, an incremental,
// an hour of log; and how often it runs, in hours.
type shape struct{ full, incr, logPerHour, every float64 }

func shapeOf(s *scenario.Scenario, b scenario.Backup) shape {
	data, comp := float64(s.Service.Data), b.Compression
	writesPH := s.Service.Writes.BytesPerHour()
	sh := shape{full: data * comp, logPerHour: writesPH * comp, every: b.Every.Hours()}
	sh.incr = math.Min(writesPH*sh.every, data) * comp
	if src := store(s, b.From); src.Name != "" && !src.Primary {
		sh.full = sourceBytes(s, b.From) // a copy of a copy
	}
	return sh
}

// Held is what one job keeps in its store on average: bytes held, and bytes
// billed once each object is charged for at least the store's minimum
// duration.
func Held(s *scenario.Scenario, b scenario.Backup) (held, billed float64) {
	sh := shapeOf(s, b)
	keep := b.Retention.Hours()
	billedKeep := math.Max(keep, store(s, b.To).MinDays*24)
	if b.Kind == scenario.Replica {
		return sh.full, sh.full // one live copy, overwritten in place
	}
	if b.Kind == scenario.Incremental {
		return incrementalHeld(sh, b.FullEvery.Hours(), keep, store(s, b.To).MinDays*24)
	}
	perHour := sh.full / sh.every // full, and copies of copies
	if b.Kind == scenario.PITR {
		perHour += sh.logPerHour
	}
	return perHour * keep, perHour * billedKeep
}

// incrementalHeld is what a forward-incremental chain keeps, as the engine
// keeps it: each full cycle of C hours holds one full and n-1
// incrementals (n = C/every runs, as the engine rounds it). An
// incremental is kept for the retention R; the full is kept until the last
// incremental built on it expires, C - every + R after it was made. On
// average the store holds
//
//	full × (C - every + R) / C  +  (n-1) × incr × R / C
//
// and each object is billed for at least the store's minimum duration.
func incrementalHeld(sh shape, cycle, keep, minKeep float64) (held, billed float64) {
	n := math.Max(1, math.Round(cycle/sh.every))
	cycle = n * sh.every
	fullKeep := cycle - sh.every + keep
	held = (sh.full*fullKeep + (n-1)*sh.incr*keep) / cycle
	billed = (sh.full*math.Max(fullKeep, minKeep) + (n-1)*sh.incr*math.Max(keep, minKeep)) / cycle
	return held, billed
}

// PointBytes is the size of the smallest point job b keeps in its store:
// a full (a copy of a copy has the size of its source's points).
func PointBytes(s *scenario.Scenario, b scenario.Backup) float64 { return shapeOf(s, b).full }

// TestBytes is what one restore test of the job moves out of its store on
// average: the newest point, whole. For an incremental job that is the full
// and on average half its chain of incrementals; for PITR the base and on
// average half a base interval of log. Testing a replica is a promotion
// drill on the standby itself and moves nothing.
func TestBytes(s *scenario.Scenario, b scenario.Backup) float64 {
	sh := shapeOf(s, b)
	switch b.Kind {
	case scenario.Replica:
		return 0
	case scenario.PITR:
		return sh.full + sh.logPerHour*sh.every/2
	case scenario.Incremental:
		return sh.full + (b.FullEvery.Hours()/sh.every-1)/2*sh.incr
	}
	return sh.full
}

// sourceBytes is the size of a point in a non-primary store: what the job
// writing into it stores per run.
func sourceBytes(s *scenario.Scenario, name string) float64 {
	for _, b := range s.Backups {
		if b.To == name {
			return float64(s.Service.Data) * b.Compression
		}
	}
	return float64(s.Service.Data)
}

func store(s *scenario.Scenario, name string) scenario.Store {
	for _, st := range s.Stores {
		if st.Name == name {
			return st
		}
	}
	return scenario.Store{}
}

// Sent is what one job sends from its source to its target per hour, in
// bytes: its points, and for PITR and replicas the stream of changes.
func Sent(s *scenario.Scenario, b scenario.Backup) float64 {
	sh := shapeOf(s, b)
	switch b.Kind {
	case scenario.Replica:
		return sh.logPerHour
	case scenario.PITR:
		return sh.full/sh.every + sh.logPerHour
	case scenario.Incremental:
		fullEvery := b.FullEvery.Hours()
		return (sh.full + (fullEvery/sh.every-1)*sh.incr) / fullEvery
	}
	return sh.full / sh.every
}

// codes maps a currency symbol to its ISO 4217 code.
var codes = map[string]string{"$": "USD", "€": "EUR", "£": "GBP"}

// CurrencyCode is the ISO 4217 code of the scenario's money.
func CurrencyCode(s *scenario.Scenario) string { return codes[s.Currency()] }

// steadyEgress is what leaves a store in an average month, in GiB: the
// points its restore tests move and what jobs copy out of it.
func steadyEgress(s *scenario.Scenario, name string) float64 {
	var bytes float64
	for _, job := range s.Backups {
		if job.To == name && job.RestoreTest.Hours() > 0 {
			bytes += TestBytes(s, job) * hoursPerMonth / job.RestoreTest.Hours()
		}
		if job.From == name {
			bytes += Sent(s, job) * hoursPerMonth
		}
	}
	return bytes / float64(units.GiB)
}

// heldGiB is what a store holds on average, in GiB.
func heldGiB(s *scenario.Scenario, name string) float64 {
	var held float64
	for _, job := range s.Backups {
		if job.To == name {
			h, _ := Held(s, job)
			held += h
		}
	}
	return held / float64(units.GiB)
}

// EgressShare is the share of a store's steady monthly egress (restore
// tests, copies out) that is billed: 1, unless the store's free_egress
// allowance (that multiple of what it holds, each month) covers some or
// all of it.
func EgressShare(s *scenario.Scenario, name string) float64 {
	st := store(s, name)
	steady := steadyEgress(s, name)
	if st.FreeEgress <= 0 || steady <= 0 {
		return 1
	}
	return max(0, steady-st.FreeEgress*heldGiB(s, name)) / steady
}

// RestoreEgress is the transfer price per GiB an incident's restore from
// the store to the primary pays. A restore moves one point, at most what
// the store holds: when the allowance left after the steady egress covers
// the largest point, it is free.
func RestoreEgress(s *scenario.Scenario, name, primary string) float64 {
	price := s.TransferPrice(name, primary).Amount
	st := store(s, name)
	if st.FreeEgress <= 0 {
		return price
	}
	largest := 0.0
	for _, job := range s.Backups {
		if job.To == name {
			sh := shapeOf(s, job)
			point := sh.full
			switch job.Kind {
			case scenario.Incremental:
				point += (job.FullEvery.Hours()/sh.every - 1) * sh.incr
			case scenario.PITR:
				point += sh.logPerHour * sh.every
			}
			largest = max(largest, point/float64(units.GiB))
		}
	}
	if st.FreeEgress*heldGiB(s, name)-steadyEgress(s, name) >= largest {
		return 0
	}
	return price
}

// Static computes storage, fixed and transfer costs, which need no simulation.
func Static(s *scenario.Scenario) Breakdown {
	s = s.Active() // parts switched off cost nothing
	b := Breakdown{Currency: CurrencyCode(s), Stores: map[string]Store{}, Jobs: map[string]Job{}}
	primary := s.Primary().Name
	for _, st := range s.Stores {
		if st.Primary {
			continue
		}
		b.Stores[st.Name] = Store{Fixed: st.Monthly.Amount}
		b.Fixed += st.Monthly.Amount
	}
	for _, job := range s.Backups {
		held, billed := Held(s, job)
		st := store(s, job.To)
		j := Job{Store: job.To, GiB: held / float64(units.GiB), BilledGiB: billed / float64(units.GiB)}
		j.Storage = j.BilledGiB * st.Price.Amount
		j.TransferGiB = Sent(s, job) * hoursPerMonth / float64(units.GiB)
		j.Transfer = j.TransferGiB * job.Transfer.Amount * EgressShare(s, job.From)
		b.Jobs[job.Name] = j
		sc := b.Stores[job.To]
		sc.GiB += j.GiB
		sc.BilledGiB += j.BilledGiB
		sc.Storage += j.Storage
		sc.Transfer += j.Transfer
		b.Stores[job.To] = sc
		b.Storage += j.Storage
		b.Transfer += j.Transfer
	}
	// a store with a minimum monthly size bills at least that (in store
	// order, so the sum is the same every run)
	for _, st := range s.Stores {
		sc, ok := b.Stores[st.Name]
		minGiB := float64(st.MinSize) / float64(units.GiB)
		if !ok || sc.BilledGiB >= minGiB {
			continue
		}
		extra := (minGiB - sc.BilledGiB) * st.Price.Amount
		sc.BilledGiB = minGiB
		sc.Storage += extra
		b.Stores[st.Name] = sc
		b.Storage += extra
	}
	// restore tests: each moves a point out of the store, paying its egress
	// and retrieval fees (in job order, so the sum is the same every run)
	for _, job := range s.Backups {
		if job.RestoreTest.Hours() <= 0 {
			continue
		}
		st := store(s, job.To)
		gib := TestBytes(s, job) / float64(units.GiB)
		egress := s.TransferPrice(job.To, primary).Amount * EgressShare(s, job.To)
		fees := gib * (egress + st.RetrievalFee.Amount) * hoursPerMonth / job.RestoreTest.Hours()
		sc := b.Stores[job.To]
		sc.Tests += fees
		b.Stores[job.To] = sc
		b.RestoreTests += fees
	}
	b.Monthly = b.Storage + b.Fixed + b.Transfer + b.RestoreTests
	b.Total = b.Monthly
	return b
}

// Risk is what a simulation measured, per simulated year.
type Risk struct {
	DowntimeHours  float64            // mean downtime hours per year
	DataLossHours  float64            // mean hours of writes lost per year
	TotalLosses    float64            // total-loss incidents per year
	RestoreFees    map[string]float64 // per store: egress and retrieval fees per year
	RestoresByYear float64            // all restore fees per year
}

// WithRisk adds a simulation's restore fees and expected penalties to the
// static costs: `monthly` becomes storage + fixed + transfer + restore
// tests + expected restores, and `total_per_month` adds the expected penalty.
func WithRisk(s *scenario.Scenario, b Breakdown, r Risk) Breakdown {
	for _, name := range slices.Sorted(maps.Keys(r.RestoreFees)) { // fixed order: same sum every run
		sc := b.Stores[name]
		sc.Restores = r.RestoreFees[name] / monthsPerYear
		b.Stores[name] = sc
		b.Restores += sc.Restores
	}
	b.Monthly = b.Storage + b.Fixed + b.Transfer + b.RestoreTests + b.Restores
	p := Price(s, Exposure{DowntimeHours: r.DowntimeHours, DataLossHours: r.DataLossHours, TotalLosses: r.TotalLosses})
	b.PenaltyDowntime, b.PenaltyDataLoss, b.PenaltyTotalLoss, b.Penalty = p.Downtime, p.DataLoss, p.TotalLoss, p.Total
	b.Total = b.Monthly + b.Penalty
	return b
}

// Exposure is what incidents do to the service in a year, in their own
// units: a whole design's, one failure's or one trial's.
type Exposure struct {
	DowntimeHours float64 // hours down a year
	DataLossHours float64 // hours of writes lost a year (rollbacks' discards included)
	TotalLosses   float64 // total losses a year
}

// Penalty is the expected loss a month an exposure costs, by cause.
type Penalty struct {
	Downtime, DataLoss, TotalLoss float64
	Total                         float64 // their sum
}

// Price is the price of risk, the one rule every figure of expected loss
// follows: an exposure's hours down at downtime_cost, its hours of writes
// lost at data_loss_cost and its total losses at total_loss_cost, a year's
// worth spread over 12 months. It is linear, so the prices of the parts of
// an exposure (each failure's, each trial's) add up to the price of the
// whole.
func Price(s *scenario.Scenario, e Exposure) Penalty {
	sv := s.Service
	p := Penalty{
		Downtime:  e.DowntimeHours * sv.DowntimeCost.Amount / monthsPerYear,
		DataLoss:  e.DataLossHours * sv.DataLossCost.Amount / monthsPerYear,
		TotalLoss: e.TotalLosses * sv.TotalLossCost.Amount / monthsPerYear,
	}
	p.Total = p.Downtime + p.DataLoss + p.TotalLoss
	return p
}
