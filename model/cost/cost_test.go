package cost

import (
	"fmt"
	"math"
	"testing"

	"github.com/costdial/costdial/model/scenario"
)

const costBase = `
version: 1
name: cost
service:
  data: 100GiB
  writes: 10GiB/day
  downtime_cost: $400/h
  data_loss_cost: $1500/h
  total_loss_cost: $250000
domains: [{name: away}]
stores:
  - {name: live, primary: true}
  - {name: bucket, domain: away, price: $0.02/GiB-month}
  - {name: nas, domain: away, monthly: $12/month, price: $0/GiB-month}
failures:
  - {name: disk, rate: 1/y}
`

func load(t *testing.T, backups string, sets ...string) *scenario.Scenario {
	t.Helper()
	s, err := scenario.Load("cost.yaml", []byte(costBase+backups), sets)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func near(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Errorf("%s = %.10g, want %.10g", what, got, want)
	}
}

// Each job kind's storage, worked by hand.
func TestStorageByJobKind(t *testing.T) {
	for _, tc := range []struct {
		name    string
		backups string
		sets    []string
		job     string
		gib     float64 // held
		billed  float64
		storage float64 // $ a month
	}{
		// 30 daily points of 100GiB * 0.5
		{"full", "backups:\n  - {name: j, to: bucket, every: 24h, retention: 30d, compression: 0.5}\n  - {name: k, to: nas}\n", nil, "j", 1500, 1500, 30},
		// kept 30 days, billed 90: three times the bytes billed
		{"full with minimum duration", "backups:\n  - {name: j, to: bucket, every: 24h, retention: 30d, compression: 0.5}\n  - {name: k, to: nas}\n",
			[]string{"stores.bucket.min_days=90"}, "j", 1500, 4500, 90},
		// a minimum shorter than the retention changes nothing
		{"minimum below retention", "backups:\n  - {name: j, to: bucket, every: 24h, retention: 30d, compression: 0.5}\n  - {name: k, to: nas}\n",
			[]string{"stores.bucket.min_days=7"}, "j", 1500, 1500, 30},
		// forward-incremental: each weekly full of 100 is kept until the last
		// of its 6 daily incrementals (10 each) expires, 6d + 28d = 34d after
		// it was made; incrementals are kept 28d. Per week: 100*34/7 = 485.714
		// full GiB and 6*10*28/7 = 240 incremental GiB held: 725.714 GiB,
		// $14.514 at $0.02
		{"incremental", "backups:\n  - {name: j, to: bucket, kind: incremental, every: 24h, full_every: 7d, retention: 28d}\n  - {name: k, to: nas}\n", nil, "j", 5080.0 / 7, 5080.0 / 7, 5080.0 / 7 * 0.02},
		// incrementals are capped at the data size: 1TiB of writes a day on
		// 100GiB: 100*34/7 + 6*100*28/7 = 20200/7 GiB
		{"incremental capped", "backups:\n  - {name: j, to: bucket, kind: incremental, every: 24h, full_every: 7d, retention: 28d}\n  - {name: k, to: nas}\n",
			[]string{"service.writes=1TiB/day"}, "j", 20200.0 / 7, 20200.0 / 7, 20200.0 / 7 * 0.02},
		// retention shorter than a cycle (issue 9.3): a 70GiB full weekly,
		// 1GiB incrementals daily, kept 2d. No incremental restores without
		// its full, so the full stays 6d + 2d = 8d: 70*8/7 = 80 GiB; six
		// incrementals each held 2d: 6*1*2/7 = 1.714 GiB. 81.714 GiB held
		// (the old bill, (70+6)/7*2 = 21.7 GiB, dropped the full after 2d)
		{"incremental shorter than a cycle", "backups:\n  - {name: j, to: bucket, kind: incremental, every: 24h, full_every: 7d, retention: 2d}\n  - {name: k, to: nas}\n",
			[]string{"service.data=70GiB", "service.writes=1GiB/day"}, "j", 572.0 / 7, 572.0 / 7, 572.0 / 7 * 0.02},
		// the same under a 90-day minimum: each full billed 90d (70*90/7 =
		// 900), each incremental 90d (6*1*90/7 = 77.143): 6840/7 GiB billed
		{"incremental with minimum duration", "backups:\n  - {name: j, to: bucket, kind: incremental, every: 24h, full_every: 7d, retention: 2d}\n  - {name: k, to: nas}\n",
			[]string{"service.data=70GiB", "service.writes=1GiB/day", "stores.bucket.min_days=90"}, "j", 572.0 / 7, 6840.0 / 7, 6840.0 / 7 * 0.02},
		// one live copy
		{"replica", "backups:\n  - {name: j, to: bucket, kind: replica}\n  - {name: k, to: nas}\n", nil, "j", 100, 100, 2},
		// 14 bases of 50 plus 14 days of logs at 5GiB a day
		{"pitr", "backups:\n  - {name: j, to: bucket, kind: pitr, every: 24h, retention: 14d, compression: 0.5}\n  - {name: k, to: nas}\n", nil, "j", 770, 770, 15.4},
		// a weekly copy of the bucket's 50GiB points, kept 8 weeks
		{"copy of a copy", "backups:\n  - {name: k, to: bucket, every: 24h, retention: 30d, compression: 0.5}\n  - {name: j, from: bucket, to: nas, every: 7d, retention: 8w}\n", nil, "j", 400, 400, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := Static(load(t, tc.backups, tc.sets...))
			j := b.Jobs[tc.job]
			near(t, "GiB held", j.GiB, tc.gib)
			near(t, "GiB billed", j.BilledGiB, tc.billed)
			near(t, "storage", j.Storage, tc.storage)
			near(t, "fixed", b.Fixed, 12)
			near(t, "monthly", b.Monthly, b.Storage+12)
		})
	}
}

// Penalties and restore fees, worked by hand.
func TestWithRisk(t *testing.T) {
	s := load(t, "backups:\n  - {name: j, to: bucket, every: 24h, retention: 30d, compression: 0.5}\n  - {name: k, to: nas}\n")
	b := WithRisk(s, Static(s), Risk{
		DowntimeHours: 10, DataLossHours: 24, TotalLosses: 0.01,
		RestoreFees: map[string]float64{"bucket": 6, "nas": 0},
	})
	near(t, "downtime penalty", b.PenaltyDowntime, 10*400.0/12)
	near(t, "data-loss penalty", b.PenaltyDataLoss, 24*1500.0/12)
	near(t, "total-loss penalty", b.PenaltyTotalLoss, 0.01*250000/12)
	near(t, "penalty", b.Penalty, (4000+36000+2500)/12.0)
	near(t, "restores", b.Restores, 0.5)
	near(t, "bucket restores", b.Stores["bucket"].Restores, 0.5)
	near(t, "monthly", b.Monthly, 30+12+0.5)
	near(t, "total", b.Total, 30+12+0.5+(4000+36000+2500)/12.0)
}

// The price of risk, worked by hand at $400/h down, $1,500/h of writes
// and $250,000 a total loss, is linear: two failures' exposures priced
// apart add up to their sum priced at once (the report's rows by failure
// add up to the penalty, and compare's trials to the run's).
func TestPrice(t *testing.T) {
	s := load(t, "backups:\n  - {name: j, to: bucket}\n  - {name: k, to: nas}\n")
	a := Exposure{DowntimeHours: 6, DataLossHours: 12, TotalLosses: 0.02}
	b := Exposure{DowntimeHours: 4, DataLossHours: 12, TotalLosses: 0}
	pa, pb := Price(s, a), Price(s, b)
	near(t, "downtime", pa.Downtime, 6*400.0/12)
	near(t, "data loss", pa.DataLoss, 12*1500.0/12)
	near(t, "total loss", pa.TotalLoss, 0.02*250000/12)
	near(t, "total", pa.Total, (2400+18000+5000)/12.0)
	sum := Price(s, Exposure{DowntimeHours: 10, DataLossHours: 24, TotalLosses: 0.02})
	near(t, "sum of parts", pa.Total+pb.Total, sum.Total)
	w := WithRisk(s, Static(s), Risk{DowntimeHours: 10, DataLossHours: 24, TotalLosses: 0.02})
	near(t, "WithRisk's penalty", w.Penalty, sum.Total)
}

// Restore tests pay egress and retrieval for the point they restore,
// worked by hand with $0.09/GiB egress and $0.01/GiB retrieval on the bucket.
func TestRestoreTests(t *testing.T) {
	const fees = 0.09 + 0.01
	month := 365 * 24 / 12.0 // hours: the engine's month
	for _, tc := range []struct {
		name    string
		backups string
		monthly float64 // restore tests, $ a month
	}{
		{"no tests", "  - {name: j, to: bucket, every: 24h, retention: 30d, compression: 0.5}\n", 0},
		// a 50GiB point, every 30 days
		{"full", "  - {name: j, to: bucket, every: 24h, retention: 30d, compression: 0.5, restore_test: 30d}\n", 50 * fees * month / (30 * 24)},
		// the full (100) and on average 3 of the 6 daily incrementals (10 each), weekly
		{"incremental", "  - {name: j, to: bucket, kind: incremental, every: 24h, full_every: 7d, retention: 28d, restore_test: 7d}\n", 130 * fees * month / (7 * 24)},
		// a 50GiB base and half a day of log (2.5GiB), weekly
		{"pitr", "  - {name: j, to: bucket, kind: pitr, every: 24h, retention: 14d, compression: 0.5, restore_test: 7d}\n", 52.5 * fees * month / (7 * 24)},
		// promoting a replica moves nothing
		{"replica", "  - {name: j, to: bucket, kind: replica, restore_test: 7d}\n", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := load(t, "backups:\n"+tc.backups+"  - {name: k, to: nas}\n",
				"stores.bucket.egress=$0.09/GiB", "stores.bucket.retrieval_fee=$0.01/GiB")
			b := Static(s)
			near(t, "restore tests", b.RestoreTests, tc.monthly)
			near(t, "bucket restore tests", b.Stores["bucket"].Tests, tc.monthly)
			near(t, "monthly", b.Monthly, b.Storage+b.Fixed+tc.monthly)
		})
	}
}

// Every byte a job sends is billed at its transfer price, worked by hand.
func TestTransfer(t *testing.T) {
	month := 365 * 24 / 12.0 // hours: the engine's month
	for _, tc := range []struct {
		name    string
		backups string
		gib     float64 // sent a month
	}{
		// a 50GiB point a day
		{"full", "  - {name: j, to: bucket, every: 24h, retention: 30d, compression: 0.5, transfer: $0.02/GiB}\n", 50 * month / 24},
		// per week: a full of 100 and 6 incrementals of 10
		{"incremental", "  - {name: j, to: bucket, kind: incremental, every: 24h, full_every: 7d, retention: 28d, transfer: $0.02/GiB}\n", 160 * month / (7 * 24)},
		// a 50GiB base a day and 5GiB of log a day
		{"pitr", "  - {name: j, to: bucket, kind: pitr, every: 24h, retention: 14d, compression: 0.5, transfer: $0.02/GiB}\n", 55 * month / 24},
		// the stream of writes: 10GiB a day
		{"replica", "  - {name: j, to: bucket, kind: replica, transfer: $0.02/GiB}\n", 10 * month / 24},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := Static(load(t, "backups:\n"+tc.backups+"  - {name: k, to: nas}\n"))
			near(t, "GiB sent", b.Jobs["j"].TransferGiB, tc.gib)
			near(t, "transfer", b.Transfer, tc.gib*0.02)
			near(t, "bucket transfer", b.Stores["bucket"].Transfer, tc.gib*0.02)
			near(t, "monthly", b.Monthly, b.Storage+b.Fixed+tc.gib*0.02)
		})
	}
}

// A store with a minimum size bills at least that much; above it, what it holds.
func TestMinSize(t *testing.T) {
	const backups = "backups:\n  - {name: j, to: bucket, every: 24h, retention: 30d, compression: 0.5}\n  - {name: k, to: nas}\n"
	// 1500 GiB held: a 1TiB minimum changes nothing, a 2TiB one bills 2048
	near(t, "below the minimum", Static(load(t, backups, "stores.bucket.min_size=1TiB")).Stores["bucket"].Storage, 1500*0.02)
	b := Static(load(t, backups, "stores.bucket.min_size=2TiB"))
	near(t, "billed GiB", b.Stores["bucket"].BilledGiB, 2048)
	near(t, "storage", b.Storage, 2048*0.02)
	near(t, "job storage", b.Jobs["j"].Storage, 1500*0.02)
}

// Amounts carry the scenario's currency code.
func TestCurrencyCode(t *testing.T) {
	if c := Static(load(t, "backups:\n  - {name: j, to: bucket}\n  - {name: k, to: nas}\n")).Currency; c != "USD" {
		t.Errorf("currency %q, want USD", c)
	}
}

// A monthly egress allowance (free_egress, a multiple of what the store
// holds) covers restore tests and copies out before any egress is billed.
func TestFreeEgress(t *testing.T) {
	const backups = "backups:\n  - {name: j, to: bucket, every: 24h, retention: 30d, compression: 0.5, restore_test: 1d}\n  - {name: k, from: bucket, to: nas, every: 24h, retention: 7d}\n"
	sets := []string{"stores.bucket.egress=$0.01/GiB"}
	month := 365 * 24 / 12.0 // hours
	// the bucket holds 1500 GiB; each month a 50 GiB test a day and a
	// 50 GiB copy a day leave it: 100 GiB × 30.417 days = 3041.7 GiB
	steady := 100 * month / 24
	for _, tc := range []struct {
		ratio float64
		share float64 // of the steady egress billed
	}{
		{0, 1},
		{1, (steady - 1500) / steady},
		{3, 0}, // 4500 GiB covers it
	} {
		s := load(t, backups, append(sets, fmt.Sprintf("stores.bucket.free_egress=%g", tc.ratio))...)
		near(t, fmt.Sprintf("share at %gx", tc.ratio), EgressShare(s, "bucket"), tc.share)
		b := Static(s)
		near(t, fmt.Sprintf("tests and copies billed at %gx", tc.ratio), b.RestoreTests+b.Transfer, steady*0.01*tc.share)
		// a restore moves a 50 GiB point: free once the allowance left covers it
		want := 0.01
		if tc.ratio*1500-steady >= 50 {
			want = 0
		}
		near(t, fmt.Sprintf("restore egress at %gx", tc.ratio), RestoreEgress(s, "bucket", "live"), want)
	}
}
