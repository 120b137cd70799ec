package engine

import "testing"

// A restore runs `streams` streams of `restore` each. With a runbook that
// takes no time and a point of 10 GiB, every destroy is down exactly the
// transfer: 10 GiB / (streams × 100 MB/s). The restore time is fixed, so
// the mean has no Monte Carlo error; the tolerance is rounding to 6 digits.
func TestRestoreStreams(t *testing.T) {
	for _, streams := range []int{1, 4} {
		s := load(t, `
stores:
  - {name: live, primary: true, domain: host}
  - {name: bucket, domain: away, restore: 100MB/s, streams: `+string(rune('0'+streams))+`}
backups:
  - {name: nightly, to: bucket, every: 24h, retention: 30d}
failures:
  - {name: disk, kind: destroy, rate: 1/y, hits: host}
`, "simulate.trials=2000")
		r := run(t, s)
		want := 10 * 1073741824.0 / (float64(streams) * 100e6) / 3600 // hours
		within(t, "RTO mean", r.RTO.Mean, want, 1e-5*want)
	}
}
