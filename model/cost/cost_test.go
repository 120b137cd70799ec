package cost

import (
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
		// 4 weekly fulls of 100 and 24 daily incrementals of 10 over 28 days
		{"incremental", "backups:\n  - {name: j, to: bucket, kind: incremental, every: 24h, full_every: 7d, retention: 28d}\n  - {name: k, to: nas}\n", nil, "j", 640, 640, 12.8},
		// incrementals are capped at the data size: 1TiB of writes a day on 100GiB
		{"incremental capped", "backups:\n  - {name: j, to: bucket, kind: incremental, every: 24h, full_every: 7d, retention: 28d}\n  - {name: k, to: nas}\n",
			[]string{"service.writes=1TiB/day"}, "j", 2800, 2800, 56},
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
