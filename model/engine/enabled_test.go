package engine

import (
	"encoding/json"
	"strings"
	"testing"
)

// A store switched off is the same design as one never written: the same
// figures bit for bit, and it costs nothing.
func TestSwitchedOffIsAbsent(t *testing.T) {
	with := `
stores:
  - {name: live, primary: true, domain: host}
  - {name: bucket, domain: away, price: $0.02/GiB-month}
  - {name: nas, domain: site, monthly: $12/month, price: $0.01/GiB-month}
backups:
  - {name: nightly, to: bucket, every: 24h, retention: 7d}
  - {name: pull, from: bucket, to: nas, every: 7d, retention: 28d}
failures:
  - {name: disk, kind: destroy, rate: 2/y, hits: host}
  - {name: oops, kind: logical, rate: 3/y, detect: 10d}
`
	without := strings.Replace(strings.Replace(with,
		"  - {name: nas, domain: site, monthly: $12/month, price: $0.01/GiB-month}\n", "", 1),
		"  - {name: pull, from: bucket, to: nas, every: 7d, retention: 28d}\n", "", 1)
	off := run(t, load(t, with, "stores.nas.enabled=false", "simulate.trials=5000"))
	absent := run(t, load(t, without, "simulate.trials=5000"))
	on := run(t, load(t, with, "simulate.trials=5000"))
	a, _ := json.Marshal(off)
	b, _ := json.Marshal(absent)
	if string(a) != string(b) {
		t.Errorf("switched off differs from absent:\n%s\n%s", a, b)
	}
	if _, ok := off.Cost.Stores["nas"]; ok {
		t.Error("a store switched off is billed")
	}
	// on: 12 fixed + the pull's 4 points of 10 GiB at $0.01 = $0.40; the
	// nightly's 7 points of 10 GiB at $0.02 = $1.40 in both
	if on.Cost.Fixed != 12 || off.Cost.Fixed != 0 {
		t.Errorf("fixed: on %v, off %v; want 12 and 0", on.Cost.Fixed, off.Cost.Fixed)
	}
	if got := on.Cost.Storage - off.Cost.Storage; got < 0.3999 || got > 0.4001 {
		t.Errorf("storage saved %v, want 0.40", got)
	}
	// the NAS keeps 28 days against a 10-day detection and the bucket 7:
	// without the NAS every bad query is a total loss, with it almost none
	// (a few strike while an earlier restore leaves no clean copy in reach)
	if off.Failures["oops"].TotalLossPerYear != off.Failures["oops"].IncidentsPerYear || on.Failures["oops"].TotalLossPerYear > 0.01 {
		t.Errorf("total losses of oops a year: off %v of %v, on %v", off.Failures["oops"].TotalLossPerYear, off.Failures["oops"].IncidentsPerYear, on.Failures["oops"].TotalLossPerYear)
	}
}
