package engine

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/costdial/costdial/model/units"
)

// designs mixes every kind of failure and every per-incident draw, so that
// a draw the engine takes in a different order shows up in its figures.
const designs = `
stores:
  - {name: live, primary: true, domain: host}
  - {name: bucket, domain: away, restore: 200MB/s, retrieval: 1h}
  - {name: vault, domain: away, immutable: true, restore: 50MB/s}
  - {name: standby, domain: away, standby: true}
backups:
  - {name: nightly, to: bucket, every: 24h, retention: 30d, fail: 2%, breaks: 1/y, restore_test: 30d}
  - {name: weekly, to: vault, every: 7d, retention: 60d, breaks: 0.5/y}
  - {name: stream, to: standby, kind: replica, lag: 30s}
failures:
  - {name: disk, kind: destroy, rate: 2/y, hits: host}
  - {name: oops, kind: logical, rate: 3/y, detect: "lognormal(2h, 48h)"}
  - {name: blip, kind: outage, rate: 2/y, hits: host, lasts: "lognormal(1h, 12h)"}
  - {name: crypto, kind: ransomware, rate: 0.5/y, dwell: "lognormal(5d, 30d)"}
`

// Common random numbers: a design written two ways draws the same numbers,
// so it gives the same bytes. Each pair below differs only in how a delay
// is written (a fixed value or a degenerate distribution).
func TestSameDesignWrittenTwoWays(t *testing.T) {
	for _, tc := range []struct{ a, b string }{
		{"stores.bucket.retrieval=1h", "stores.bucket.retrieval=uniform(1h, 1h)"},
		{"stores.vault.retrieval=0s", "stores.vault.retrieval=triangular(0s, 0s, 0s)"},
		{"recovery.decide=30m", "recovery.decide=triangular(30m, 30m, 30m)"},
		{"recovery.provision=2h", "recovery.provision=lognormal(2h, 2h)"},
		{"recovery.failover_after=1h", "recovery.failover_after=uniform(1h, 1h)"},
		{"failures.oops.detect=5h", "failures.oops.detect=uniform(5h, 5h)"},
		{"failures.crypto.dwell=3d", "failures.crypto.dwell=triangular(3d, 3d, 3d)"},
		{"backups.stream.lag=30s", "backups.stream.lag=uniform(30s, 30s)"},
		{"recovery.verify=0s", "recovery.verify=exponential(0s)"},
	} {
		t.Run(tc.a, func(t *testing.T) {
			ra := run(t, load(t, designs, tc.a, "simulate.trials=20000"))
			rb := run(t, load(t, designs, tc.b, "simulate.trials=20000"))
			ja, _ := json.Marshal(ra)
			jb, _ := json.Marshal(rb)
			if string(ja) != string(jb) {
				t.Errorf("the same design written two ways differs:\n%s\n%s", ja, jb)
			}
		})
	}
}

// Designs that differ only in how fast they restore face the same
// strikes: every failure has the same number of incidents. (Logical damage
// striking while an earlier one is being repaired is absorbed by that
// repair and not counted, so a slower restore could absorb more; it is left
// out here.)
func TestRestoreSpeedKeepsIncidents(t *testing.T) {
	body := `
stores:
  - {name: live, primary: true, domain: host}
  - {name: bucket, domain: away, restore: 200MB/s, retrieval: "uniform(0s, 2h)"}
  - {name: vault, domain: away, immutable: true, restore: 50MB/s}
backups:
  - {name: nightly, to: bucket, every: 24h, retention: 30d, breaks: 1/y}
  - {name: weekly, to: vault, every: 7d, retention: 60d}
failures:
  - {name: disk, kind: destroy, rate: 2/y, hits: host}
  - {name: blip, kind: outage, rate: 2/y, hits: host, lasts: "lognormal(1h, 12h)"}
  - {name: crypto, kind: ransomware, rate: 0.5/y, dwell: "lognormal(5d, 30d)"}
`
	var counts []map[string]int64
	for _, speed := range []string{"10MB/s", "200MB/s", "10GB/s"} {
		r := run(t, load(t, body, "stores.bucket.restore="+speed, "stores.vault.restore="+speed, "simulate.trials=20000"))
		c := map[string]int64{}
		for name, f := range r.Failures {
			c[name] = f.RPO.Count + int64(math.Round(f.TotalLossPerYear*float64(r.Trials)*r.Years))
		}
		counts = append(counts, c)
	}
	for i := 1; i < len(counts); i++ {
		if fmt.Sprint(counts[i]) != fmt.Sprint(counts[0]) {
			t.Errorf("incidents per failure change with restore speed: %v vs %v", counts[0], counts[i])
		}
	}
}

// A nightly full job (T = 24h) that breaks silently at b = 1/y, without
// restore tests and with fix 0, against disk deaths of the primary at
// l = 1/y. Each death finds the break (it looks at the bucket) and it is
// fixed at once, so the job is broken at a death with the steady-state
// probability b/(b+l) = 1/2, and then broken for an exponential time of
// mean 1/l (the age of a state left at rate l). The restored point is the
// last run before the break (or the last run): RPO = T U + B A with U
// uniform, B Bernoulli(1/2), A exponential of mean 1/l = 8760 h (units.Year
// is 365 days). Mean = T/2 + b/(l(l+b)) = 12 + 4380 = 4392 h.
// Var = T^2/12 + E[B A^2] - E[B A]^2 = 48 + 8760^2 - 4380^2 = 57553248,
// sd = 7586 h. Deaths reset the state, so incidents are independent and the
// standard error is sd/sqrt(n). A cold start (no break at time 0) gives
// 755 h with 1-year trials: the steady-state start must not depend on years.
//
// With restore tests every R as well (at a phase of their own), the state
// also resets at each test. At a death, let x be the time since the last
// reset: P(x > s) = e^(-l s) (1 - s/R) for s < R. Broken then means a
// break in the last x, and the break's age averages x - (1 - e^(-b x))/b,
// so mean RPO = T/2 + int_0^R (1 - e^(-b s)) e^(-l s) (1 - s/R) ds, which
// tends to the formula above as R grows. A test far ahead (R = 100 years)
// must not delay the fix of a break a death found.
func TestSteadyStateUntestedBreaks(t *testing.T) {
	year := units.Year.Hours()
	T, l, b := 24.0, 1/year, 1/year
	sd := math.Sqrt(T*T/12 + 0.5*2/(l*l) - 1/(4*l*l))
	mean := func(R float64) float64 {
		if R == 0 {
			return T/2 + b/(l*(l+b))
		}
		// Simpson's rule on 2000 panels: exact to far below the tolerance
		const n = 2000
		f := func(s float64) float64 { return (1 - math.Exp(-b*s)) * math.Exp(-l*s) * (1 - s/R) }
		h, sum := R/n, f(0)+f(R)
		for i := 1; i < n; i++ {
			sum += float64(2+2*(i%2)) * f(float64(i)*h)
		}
		return T/2 + sum*h/3
	}
	for _, tc := range []struct {
		years, trials int
		test          float64 // years between restore tests
	}{
		{1, 60000, 0},
		{20, 3000, 0},
		{1, 60000, 100},
	} {
		t.Run(fmt.Sprintf("years=%d/restore_test=%gy", tc.years, tc.test), func(t *testing.T) {
			want := mean(tc.test * year)
			s := load(t, `
stores:
  - {name: live, primary: true, domain: host}
  - {name: bucket, domain: away, restore: 1TB/s}
backups:
  - {name: nightly, to: bucket, every: 24h, retention: 15y, breaks: 1/y, fix: 0s, restore_test: `+fmt.Sprint(tc.test)+`y}
failures:
  - {name: disk, kind: destroy, rate: 1/y, hits: host}
`, fmt.Sprintf("simulate.years=%d", tc.years), fmt.Sprintf("simulate.trials=%d", tc.trials))
			r := run(t, s)
			t.Logf("mean RPO %v h over %d incidents (want %v)", r.RPO.Mean, r.RPO.Count, want)
			within(t, "mean RPO", r.RPO.Mean, want, 4*seMean(sd, r.RPO.Count))
			if r.TotalLoss.Count > 0 {
				t.Errorf("%d total losses, want none (15 years of retention)", r.TotalLoss.Count)
			}
		})
	}
}
