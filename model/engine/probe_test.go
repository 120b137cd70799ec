package engine

import (
	"math"
	"testing"
)

// Probe resolves each moment as the engine does: the newest point wins,
// a tie goes to the faster restore, and the RTO is the runbook's steps at
// their means.
//
// A nightly dump (runs at 0h, no duration) goes to a bucket whose first
// byte comes 12h after a request; a weekly pull at 1h each Monday copies
// the bucket's newest dump (that night's) to a NAS with no delay. The
// cycle is the week (168h). The job's failed runs and breaks are left
// out, and the delays are at their means: retrieval uniform(10h, 14h) is
// 12h, provisioning uniform(1h, 3h) 2h. Between the pull (1h) and the next dump (24h)
// the NAS holds the same point as the bucket and wins the tie: 23h of
// every 168h, 13.69% of moments. Otherwise the bucket's dump is newer and
// is restored, after max(provision 2h, retrieval 12h) = 12h + detect
// 15min + 10 GiB at 100 MB/s (107.4 s) = 12.28h. The NAS restore takes
// max(2h, 0) + 15min + 10 GiB at 1 GB/s (10.7 s) = 2.25h. The RPO is the
// moment's distance past midnight either way: mean 12h over the week.
func TestProbe(t *testing.T) {
	s := load(t, `
stores:
  - {name: live, primary: true, domain: host}
  - {name: bucket, domain: away, retrieval: "uniform(10h, 14h)", restore: 100MB/s}
  - {name: nas, domain: away, restore: 1GB/s}
backups:
  - {name: nightly, to: bucket, every: 24h, retention: 30d, fail: 30%, breaks: 12/y, restore_test: 30d}
  - {name: pull, from: bucket, to: nas, every: 7d, offset: 1h, retention: 8w}
failures:
  - {name: disk, kind: destroy, rate: 1/y, hits: host}
`, "recovery.detect=15m", "recovery.provision=uniform(1h, 3h)")
	const n = 168 * 8 // eight moments an hour
	probes, err := Probe(s, "disk", n)
	if err != nil {
		t.Fatal(err)
	}
	if len(probes) != n {
		t.Fatalf("%d probes, want %d", len(probes), n)
	}
	gb := float64(1 << 30)
	bucketRTO := 12 + 0.25 + 10*gb/100e6/3600
	nasRTO := 2 + 0.25 + 10*gb/1e9/3600
	fromNAS, rpo := 0, 0.0
	for i, p := range probes {
		at := (float64(i) + 0.5) / n * 168
		if p.At != at || !p.Restored || p.Detail == nil || len(p.Detail.Steps) == 0 {
			t.Fatalf("probe %d: %+v", i, p)
		}
		rpo += p.RPO / n
		switch want := math.Mod(at, 24); {
		case at > 1 && at < 24:
			fromNAS++
			if p.Store != "nas" || math.Abs(p.RTO-nasRTO) > 1e-9 || math.Abs(p.RPO-want) > 1e-9 {
				t.Errorf("at %.3gh: from %s, RTO %.6g, RPO %.6g; want nas, %.6g, %.6g", at, p.Store, p.RTO, p.RPO, nasRTO, want)
			}
		default:
			if p.Store != "bucket" || math.Abs(p.RTO-bucketRTO) > 1e-9 || math.Abs(p.RPO-want) > 1e-9 {
				t.Errorf("at %.3gh: from %s, RTO %.6g, RPO %.6g; want bucket, %.6g, %.6g", at, p.Store, p.RTO, p.RPO, bucketRTO, want)
			}
		}
	}
	if fromNAS != 23*8 {
		t.Errorf("%d moments restore from the NAS, want %d", fromNAS, 23*8)
	}
	within(t, "mean RPO", rpo, 12, 1e-9)
	if _, err := Probe(s, "fire", 10); err == nil {
		t.Error("no error for an unknown failure")
	}
}

// The cycle is the least common multiple of the schedules, capped.
func TestScheduleCycle(t *testing.T) {
	for _, tc := range []struct {
		jobs string
		want float64 // hours
	}{
		{"  - {name: a, to: bucket, every: 24h}\n  - {name: b, from: bucket, to: nas, every: 7d}\n", 168},
		{"  - {name: a, to: bucket, every: 24h}\n  - {name: b, to: nas, every: 36h}\n", 72},
		// an incremental job repeats with its cycle of a full and six incrementals
		{"  - {name: a, to: bucket, kind: incremental, every: 24h, full_every: 7d}\n  - {name: b, to: nas, every: 5d}\n", 840},
		// 1h and 1h + 1s share only 3601h: capped at 64 times the longest
		{"  - {name: a, to: bucket, every: 1h}\n  - {name: b, to: nas, every: 3601s}\n", 64 * 3601.0 / 3600},
		{"  - {name: a, to: bucket, kind: replica}\n  - {name: b, to: nas, kind: replica}\n", 24},
	} {
		s := load(t, `
stores:
  - {name: live, primary: true, domain: host}
  - {name: bucket, domain: away}
  - {name: nas, domain: away}
backups:
`+tc.jobs+`failures:
  - {name: disk, kind: destroy, rate: 1/y, hits: host}
`)
		if got := scheduleCycle(s.Active()); math.Abs(got-tc.want) > 1e-9 {
			t.Errorf("cycle of\n%s= %.9gh, want %.9gh", tc.jobs, got, tc.want)
		}
	}
}

// An outage's trace says why it was waited out, as the handler decided:
// it ended within failover_after (short); no copy outside it held a
// point (no copy); the newest copy outside would lose more than
// failover_max_loss (too old), with that copy and its loss; or failing
// over would outlast the outage (slower). A failover taken leaves it
// empty. The nightly copy's age at a moment of the 24h cycle is the
// moment itself; the base runbook takes no time.
func TestOutageWaitReason(t *testing.T) {
	for _, tc := range []struct {
		name string
		sets []string
		// want is the reason at each moment (hours into the day)
		want func(at float64) string
	}{
		{"short", []string{"failures.cut.lasts=30m"}, func(float64) string { return WaitShort }},
		{"no copy", []string{"failures.cut.hits=site", "stores.bucket.domain=site"}, func(float64) string { return WaitNoCopy }},
		// a failover taken when the copy is at most 6h old
		{"too old", []string{"recovery.failover_max_loss=6h"}, func(at float64) string {
			if at <= 6 {
				return ""
			}
			return WaitTooOld
		}},
		// 1h of wait and 20h of provisioning, against a 10h outage
		{"slower", []string{"recovery.provision=20h"}, func(float64) string { return WaitSlower }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := load(t, nightlyToAway+"  - {name: cut, kind: outage, rate: 1/y, hits: host, lasts: 10h}\n", tc.sets...)
			probes, err := Probe(s, "cut", 48)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range probes {
				d := p.Detail
				if want := tc.want(p.At); d.WaitedFor != want || d.WaitedOut != (want != "") {
					t.Errorf("at %.3gh: waited out %v for %q, want %q", p.At, d.WaitedOut, d.WaitedFor, want)
				}
				switch d.WaitedFor {
				case WaitTooOld, WaitSlower, "":
					if d.FailoverStore != "bucket" || math.Abs(d.FailoverLoss-p.At) > 1e-9 {
						t.Errorf("at %.3gh: failover from %q losing %v, want bucket and %v", p.At, d.FailoverStore, d.FailoverLoss, p.At)
					}
				default:
					if d.FailoverStore != "" || d.FailoverLoss != 0 {
						t.Errorf("at %.3gh: %s, yet a failover point %q %v", p.At, d.WaitedFor, d.FailoverStore, d.FailoverLoss)
					}
				}
				// (and 10 GiB at 1 TB/s: 11 ms)
				if d.WaitedFor == WaitSlower && math.Abs(d.Failover-21-10*float64(1<<30)/1e12/3600) > 1e-9 {
					t.Errorf("at %.3gh: a failover would take %v, want 21h", p.At, d.Failover)
				}
			}
		})
	}
}
