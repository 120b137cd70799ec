package sweep

import (
	"context"
	"math"
	"strings"
	"testing"
)

// A dial whose answer is known in closed form: backups every T lose a
// uniform share of T (p95 RPO = 0.95 T), while storage falls as 1/T.
// With a 12h RPO target at p95, 1h, 4h and 12h meet it (0.95, 3.8, 11.4h),
// 24h and 7d do not, and 12h is the cheapest that does.
const closedForm = `
version: 1
name: dial
simulate: {years: 1, trials: 20000, seed: 3}
service:
  data: 100GiB
  targets: {rpo: 12h, rto: 1h, percentile: 95}
domains: [{name: host}, {name: away}]
stores:
  - {name: live, primary: true, domain: host}
  - {name: bucket, domain: away, price: $0.02/GiB-month, restore: 1TB/s}
backups:
  - {name: nightly, to: bucket, every: 24h, retention: 30d}
failures:
  - {name: disk, rate: 2/y, hits: host}
recovery: {detect: 0s, decide: 0s, provision: 0s, dns: 0s, verify: 0s}
dial:
  - set: backups.nightly.every
    values: [1h, 4h, 12h, 24h, 7d]
`

func TestClosedFormDial(t *testing.T) {
	sw, err := Run(context.Background(), "dial.yaml", []byte(closedForm), nil, axesOf(t, closedForm, nil), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sw.Points) != 5 {
		t.Fatalf("%d points, want 5", len(sw.Points))
	}
	for i, T := range []float64{1, 4, 12, 24, 168} {
		p := sw.Points[i]
		n := p.Result.RPO.Count
		// standard error of the p95 quantile of U(0,T): sqrt(.95*.05/n)*T, plus the histogram's 0.5%
		tol := 5*math.Sqrt(0.95*0.05/float64(n))*T + 0.006*T
		if got := *p.RPOAtTarget; math.Abs(got-0.95*T) > tol {
			t.Errorf("every %gh: p95 RPO %.4g, want %.4g ± %.2g", T, got, 0.95*T, tol)
		}
		if want := 0.95*T <= 12; p.MeetsTargets != want {
			t.Errorf("every %gh: meets targets %v, want %v", T, p.MeetsTargets, want)
		}
		if !p.Pareto {
			t.Errorf("every %gh: not on the front, but nothing is both cheaper and better", T)
		}
		if i > 0 && !(p.Result.Cost.Monthly < sw.Points[i-1].Result.Cost.Monthly) {
			t.Errorf("every %gh costs %v, not less than the shorter interval's %v", T, p.Result.Cost.Monthly, sw.Points[i-1].Result.Cost.Monthly)
		}
	}
	if sw.Cheapest == nil || *sw.Cheapest != 2 {
		t.Fatalf("cheapest meeting targets %v, want index 2 (every 12h)", sw.Cheapest)
	}
	if next := sw.NextCheaper(2); next != 3 {
		t.Errorf("next cheaper design %d, want 3 (every 24h)", next)
	}
}

// A second axis with a strictly worse value: the same RPO for more money
// is never on the front.
func TestDominatedDesignsLeaveTheFront(t *testing.T) {
	extra := []Axis{{Set: "stores.bucket.price", Values: []string{"$0.02/GiB-month", "$0.04/GiB-month"}}}
	sw, err := Run(context.Background(), "dial.yaml", []byte(closedForm), nil, axesOf(t, closedForm, extra), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sw.Points) != 10 {
		t.Fatalf("%d points, want 10", len(sw.Points))
	}
	for _, p := range sw.Points {
		expensive := p.Set["stores.bucket.price"] == "$0.04/GiB-month"
		if p.Pareto == expensive {
			t.Errorf("%s: pareto %v", p.Label, p.Pareto)
		}
	}
}

func axesOf(t *testing.T, yaml string, extra []Axis) []Axis {
	t.Helper()
	return Axes(mustLoad(t, yaml), extra)
}

func TestParseDial(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
		err  string
	}{
		{"backups.nightly.every=1h,4h,24h", []string{"1h", "4h", "24h"}, ""},
		{"recovery.provision=2h, lognormal(1h, 4h)", []string{"2h", "lognormal(1h, 4h)"}, ""},
		{"backups.nightly.every", nil, "expected PATH=V1,V2"},
		{"backups.nightly.every=1h,,2h", nil, "empty value"},
	} {
		a, err := ParseDial(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || strings.Join(a.Values, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%q = %v, %v; want %v", tc.in, a.Values, err, tc.want)
		}
	}
}
