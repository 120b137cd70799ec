package sweep

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/costdial/costdial/model/cost"
	"github.com/costdial/costdial/model/engine"
)

// design is a point with the given costs a month and whether it meets
// the targets; its RPO and RTO are equal across designs, so only money
// decides.
func design(monthly, penalty float64, meets bool) Point {
	h := 1.0
	return Point{
		Result:       &engine.Result{Cost: cost.Breakdown{Monthly: monthly, Penalty: penalty, Total: monthly + penalty}},
		MeetsTargets: meets, RPOAtTarget: &h, RTOAtTarget: &h,
	}
}

func TestRecommendation(t *testing.T) {
	for _, tc := range []struct {
		name          string
		points        []Point
		cheapest      int // design number, 0 for none
		leastTotal    int
		more, avoided float64
		noTrade       bool
		nextCheaper   int // index of the design next cheaper than the cheapest meeting, -1 for none
	}{
		{
			// the budget's trade-off: #1 meets the targets for the least
			// outlay; #2 costs $207 more to run and $3,518 less in risk
			name:     "trade-off",
			points:   []Point{design(100, 3600, true), design(307, 82, true), design(50, 9000, false)},
			cheapest: 1, leastTotal: 2, more: 207, avoided: 3518, nextCheaper: 2,
		},
		{
			// $10.004 and $10.001 both print $10.00: the same cost; the
			// one with less risk is the cheapest, and neither is cheaper
			// than the other
			name:     "sub-cent tie broken by risk",
			points:   []Point{design(10.004, 500, true), design(10.001, 900, true), design(20, 100, true)},
			cheapest: 1, leastTotal: 3, more: 10, avoided: 400, nextCheaper: -1,
		},
		{
			// a design dominated by cost with risk at the same printed
			// cost is never the cheapest, whatever the order
			name:     "dominated at the same cost",
			points:   []Point{design(10.001, 900, true), design(10.004, 500, true), design(5, 100, false)},
			cheapest: 2, leastTotal: 3, more: -5, avoided: 400, nextCheaper: 2,
		},
		{
			name:     "nothing meets",
			points:   []Point{design(10, 50, false), design(20, 10, false)},
			cheapest: 0, leastTotal: 2, noTrade: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for i := range tc.points {
				tc.points[i].Design = i + 1
			}
			sw := &Sweep{Points: tc.points}
			sw.recommend()
			got := 0
			if sw.CheapestDesign != nil {
				got = *sw.CheapestDesign
				if *sw.Cheapest != got-1 {
					t.Errorf("index %d and design number %d disagree", *sw.Cheapest, got)
				}
			}
			if got != tc.cheapest || sw.LeastTotalDesign != tc.leastTotal {
				t.Errorf("cheapest meeting #%d, least with risk #%d; want #%d and #%d", got, sw.LeastTotalDesign, tc.cheapest, tc.leastTotal)
			}
			if tc.noTrade != (sw.TradeOff == nil) {
				t.Fatalf("trade-off %+v, want none: %v", sw.TradeOff, tc.noTrade)
			}
			if to := sw.TradeOff; to != nil && (to.From != tc.cheapest || to.To != tc.leastTotal || to.MorePerMonth != tc.more || to.AvoidedLossPerMonth != tc.avoided) {
				t.Errorf("trade-off %+v, want #%d to #%d: %g more, %g avoided", *to, tc.cheapest, tc.leastTotal, tc.more, tc.avoided)
			}
			if sw.Cheapest != nil {
				if got := sw.NextCheaper(*sw.Cheapest); got != tc.nextCheaper {
					t.Errorf("next cheaper than the cheapest meeting: index %d, want %d", got, tc.nextCheaper)
				}
			}
		})
	}
}

// sweep.json counts designs from 1, like the table.
func TestSweepJSONCountsFromOne(t *testing.T) {
	sw := &Sweep{Points: []Point{design(100, 3600, true), design(307, 82, true)}}
	sw.Points[0].Design, sw.Points[1].Design = 1, 2
	sw.recommend()
	b, err := json.Marshal(sw)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"cheapest_meeting_targets":1`, `"least_cost_with_risk":2`, `"design":1`,
		`"trade_off":{"from":1,"to":2,"more_per_month":207,"avoided_loss_per_month":3518}`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("sweep JSON lacks %s:\n%s", want, b)
		}
	}
}

// The front counts total losses as the run tells them apart: a design
// with a rate lower only by noise (intervals that overlap) is beaten by a
// cheaper one with the same RPO and RTO; one whose interval lies wholly
// below is on the front however much it costs.
func TestParetoTotalLosses(t *testing.T) {
	lossy := func(monthly, rto, rate, lo, hi float64) Point {
		p := design(monthly, 0, true)
		p.RTOAtTarget = &rto
		p.Result.TotalLoss = engine.TotalLoss{PerYear: rate, CI95: [2]float64{lo, hi}}
		return p
	}
	sw := &Sweep{Points: []Point{
		lossy(28, 1, 0.00142, 0.0012, 0.0017),
		lossy(29, 2, 0.00141, 0.0012, 0.0016), // fewer by noise: beaten by #1
		lossy(30, 2, 0, 0, 0.0004),            // fewer beyond the noise
	}}
	sw.recommend()
	for i, want := range []bool{true, false, true} {
		if sw.Points[i].Pareto != want {
			t.Errorf("#%d on the front %v, want %v", i+1, sw.Points[i].Pareto, want)
		}
	}
}
