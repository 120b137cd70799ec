package engine

import (
	"fmt"
	"testing"
)

// clustered is the case where incidents of one trial are not independent:
// a nightly job breaks 1/y and stays broken until a 90-day restore test
// (or an incident) finds it and a 30-day fix ends it, while disks die
// 24 times a year. Every disk death inside a broken span loses the whole
// span so far, and those past the 60-day retention are total losses: the
// large values come in clumps, one clump per break.
const clustered = `
stores:
  - {name: live, primary: true, domain: host}
  - {name: bucket, domain: away, restore: 1TB/s}
backups:
  - {name: nightly, to: bucket, every: 24h, retention: 60d, breaks: 1/y, restore_test: 90d, fix: 30d}
failures:
  - {name: disk, rate: 24/y, hits: host}
`

// A 95% interval built with the trial as the unit covers the truth in
// about 95% of seeds. The truth here is the pooled estimate over the 40
// seeds (40 × 1500 trials): its own error is 1/√40 of one seed's, so an
// interval of half-width 1.96 σ covers it with probability about
// P(|Z| < 1.96 / √(1 - 1/40)) ≈ 95.3%. 40 seeds at 95% give fewer than 34
// covers with probability about 1.5% (binomial), so the bar of 85% fails
// only when the interval is too narrow: on this very case the intervals
// this replaced (independent incidents, and a Poisson count of total
// losses) covered 27 and 28 of the 40 seeds; these cover 38 and 39.
func TestIntervalsCoverOnClusteredIncidents(t *testing.T) {
	const seeds = 40
	rs := make([]*Result, seeds)
	var rpoSum, rtoSum, restored, losses, years float64
	for k := range rs {
		r := run(t, load(t, clustered, "simulate.trials=1500", fmt.Sprintf("simulate.seed=%d", k+1),
			"recovery.provision=lognormal(1h, 6h)"))
		rs[k] = r
		rpoSum += r.RPO.Mean * float64(r.RPO.Count)
		rtoSum += r.RTO.Mean * float64(r.RTO.Count)
		restored += float64(r.RPO.Count)
		losses += float64(r.TotalLoss.Count)
		years += float64(r.Trials) * r.Years
	}
	rpo, rto, rate := rpoSum/restored, rtoSum/restored, losses/years
	if rate == 0 || rpo < 13 { // 12h without breaks
		t.Fatalf("not the clustered case: %g total losses a year, mean RPO %gh", rate, rpo)
	}
	covers := func(ci [2]float64, v float64) bool { return ci[0] <= v && v <= ci[1] }
	var cRPO, cRTO, cLoss int
	for _, r := range rs {
		if covers(r.RPO.MeanCI95, rpo) {
			cRPO++
		}
		if covers(r.RTO.MeanCI95, rto) {
			cRTO++
		}
		if covers(r.TotalLoss.CI95, rate) {
			cLoss++
		}
	}
	for _, c := range []struct {
		what   string
		n      int
		pooled float64
	}{{"RPO mean", cRPO, rpo}, {"RTO mean", cRTO, rto}, {"total losses per year", cLoss, rate}} {
		t.Logf("%s %.4g: covered by %d of %d intervals", c.what, c.pooled, c.n, seeds)
		if c.n < seeds*85/100 {
			t.Errorf("%s: %d of %d 95%% intervals cover the pooled %.4g, want at least %d", c.what, c.n, seeds, c.pooled, seeds*85/100)
		}
	}
}
