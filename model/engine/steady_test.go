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

// Ransomware after a fixed dwell D: by default only points whose content
// predates the intrusion are trusted, so the restored point is the last
// nightly run (T = 24h) before at - D: RPO = D + T U, mean D + T/2, sd
// T/sqrt(12). A retention shorter than D keeps no such point: every
// incident is a total loss. With trust: encryption, points up to the
// encryption count: mean T/2. The rate is low (0.02/y) so that an earlier
// attack's untrusted span (which later restores avoid too) almost never
// reaches the next one: within 11 days with probability 0.06%.
func TestRansomwareDwell(t *testing.T) {
	body := `
stores:
  - {name: live, primary: true, domain: host}
  - {name: vault, domain: away, immutable: true, restore: 1TB/s}
backups:
  - {name: nightly, to: vault, every: 24h, retention: 30d}
failures:
  - {name: crypto, kind: ransomware, rate: 0.02/y, dwell: 10d}
`
	T, D := 24.0, 240.0
	for _, tc := range []struct {
		sets      []string
		want      float64 // mean RPO; NaN: every incident a total loss
		totalLoss bool
	}{
		{nil, D + T/2, false},
		{[]string{"backups.nightly.retention=7d"}, math.NaN(), true},
		{[]string{"failures.crypto.trust=encryption"}, T / 2, false},
		{[]string{"failures.crypto.trust=encryption", "backups.nightly.retention=7d"}, T / 2, false},
	} {
		t.Run(fmt.Sprint(tc.sets), func(t *testing.T) {
			r := run(t, load(t, body, append(tc.sets, "simulate.trials=200000")...))
			f := r.Failures["crypto"]
			if tc.totalLoss {
				if f.RPO.Count != 0 || r.TotalLoss.Count == 0 {
					t.Errorf("%d restored, %d total losses: want all total losses", f.RPO.Count, r.TotalLoss.Count)
				}
				return
			}
			t.Logf("mean RPO %v h over %d incidents (want %v)", f.RPO.Mean, f.RPO.Count, tc.want)
			within(t, "mean RPO", f.RPO.Mean, tc.want, 5*seMean(T/math.Sqrt(12), f.RPO.Count)+0.01)
			if r.TotalLoss.Count != 0 {
				t.Errorf("%d total losses, want none", r.TotalLoss.Count)
			}
		})
	}
}

// Logical damage found after a fixed 5h, restored from a nightly point in
// no time: the RPO is T U (mean 12h), and the rollback also discards the
// writes from the damage to the end of the restore, 5h each time. At rate
// 1/y the lost writes a year are a compound Poisson sum with mean
// 1 * (12 + 5) = 17 h and variance 1 * E[(5 + 24 U)^2] = 289 + 48 = 337;
// the discarded part has mean 5 and variance 25.
func TestRollbackDiscardsWrites(t *testing.T) {
	s := load(t, nightlyToAway+`
  - {name: oops, kind: logical, rate: 1/y, detect: 5h}
`, "failures.disk.rate=0.0001/y", "stores.bucket.restore=1TB/s")
	r := run(t, s)
	n := int64(r.Trials)
	restore := 10 * float64(1<<30) / 1e12 / 3600
	t.Logf("lost %v h/y, discarded %v h/y, mean RPO %v h", r.DataLoss.Mean, r.Discarded.Mean, r.RPO.Mean)
	within(t, "discarded hours a year", r.Discarded.Mean, 5+restore, 5*seMean(5, n))
	within(t, "lost hours a year", r.DataLoss.Mean, 17+restore, 5*seMean(math.Sqrt(337), n))
	within(t, "mean RPO", r.RPO.Mean, 12, 5*seMean(24/math.Sqrt(12), r.RPO.Count))
}

// An outage of the primary's host lasting 10h, failover after 1h to a
// nightly copy (age 24 U) restored in no time. With failover_max_loss M
// the service fails over when 24 U <= M, with probability p = M/24:
// mean RTO = p * 1 + (1 - p) * 10, mean RPO = E[24 U; 24 U <= M] = M p / 2.
// RTO is 10 - 9 B (sd 9 sqrt(p(1-p))), RPO's second moment M^2 p / 3.
// Besides: a nightly run during an earlier outage's downtime (at most 10h,
// at 2/y) captures nothing, which happens with probability at most
// 2 * 10 / 8760 = 0.23% and moves the RTO by at most 9h and the RPO by at
// most 24h: an allowance of 0.021h and 0.055h.
func TestFailoverMaxLoss(t *testing.T) {
	for _, M := range []float64{24, 6, 0} {
		t.Run(fmt.Sprintf("max_loss=%gh", M), func(t *testing.T) {
			sets := []string{"failures.disk.rate=0.0001/y", "stores.bucket.restore=1TB/s"}
			if M != 24 { // 24h is the default: the RPO target
				sets = append(sets, fmt.Sprintf("recovery.failover_max_loss=%gh", M))
			}
			r := run(t, load(t, nightlyToAway+`
  - {name: cut, kind: outage, rate: 2/y, hits: host, lasts: 10h}
`, sets...))
			f := r.Failures["cut"]
			p := M / 24
			restore := 10 * float64(1<<30) / 1e12 / 3600
			wantRTO := p*(1+restore) + (1-p)*10
			wantRPO := M * p / 2
			sdRTO := 9 * math.Sqrt(p*(1-p))
			sdRPO := math.Sqrt(M*M*p/3 - wantRPO*wantRPO)
			t.Logf("mean RTO %v (want %v), mean RPO %v (want %v), n %d", f.RTO.Mean, wantRTO, f.RPO.Mean, wantRPO, f.RTO.Count)
			overlap := 2 * 10 / units.Year.Hours()
			within(t, "mean RTO", f.RTO.Mean, wantRTO, 5*seMean(sdRTO, f.RTO.Count)+9*overlap)
			within(t, "mean RPO", f.RPO.Mean, wantRPO, 5*seMean(sdRPO, f.RPO.Count)+24*overlap)
		})
	}
}

// An incident finds the breaks of the jobs whose points it looked at (a
// store it could restore from), not of jobs into a store it destroyed; a
// found break is fixed fix after the discovery, or at its scheduled test if
// sooner.
func TestDiscoverLooksOnlyAtSearchedStores(t *testing.T) {
	s := load(t, `
stores:
  - {name: live, primary: true, domain: host}
  - {name: nas, domain: site}
  - {name: bucket, domain: away}
backups:
  - {name: local, to: nas, fix: 2d}
  - {name: far, to: bucket, fix: 1d, restore_test: 30d}
failures:
  - {name: fire, kind: destroy, rate: 1/y, hits: site}
`)
	m := compile(s)
	tr := newTrial(m, newAccumulator(m))
	open := math.Inf(1)
	for _, tc := range []struct {
		job      int
		br       interval
		d        float64
		wantEnd  float64
		lookedAt bool
		why      string
	}{
		{0, interval{10, open}, 100, open, false, "the fire destroyed the nas: nobody looked at its points"},
		{1, interval{10, open}, 100, 100 + 24, true, "found at 100, fixed a day later"},
		{1, interval{10, 110}, 100, 110, true, "a test at 86 h ends it first"},
		{1, interval{10, 90}, 100, 90, true, "already over"},
		{1, interval{200, open}, 100, open, true, "starts after the discovery"},
	} {
		for ji := range tr.breaks {
			tr.breaks[ji].reset()
		}
		tr.breaks[tc.job].add(tc.br.a, tc.br.b)
		tr.discover(tc.d, &m.failures[0])
		if got := tr.breaks[tc.job].iv[0].b; got != tc.wantEnd {
			t.Errorf("%s: break ends at %v, want %v", tc.why, got, tc.wantEnd)
		}
		if looksAt(m, &m.failures[0], m.jobs[tc.job].to) != tc.lookedAt {
			t.Errorf("%s: looksAt = %v", tc.why, !tc.lookedAt)
		}
	}
}
