package scenario

import (
	"encoding/json"
	"strings"
	"testing"
)

// A total-loss target takes any rate form; a failure's own targets take
// the service's for what they leave out, and a failure without any has
// none.
func TestTargetsDecode(t *testing.T) {
	yaml := strings.Replace(minimal, "service:\n  data: 10GiB\n",
		"service:\n  data: 10GiB\n  targets: {rpo: 4h, rto: 2h, percentile: 99, total_loss: 1/500y}\n", 1)
	yaml = strings.Replace(yaml, "    rate: 0.3/y\n", "    rate: 0.3/y\n    targets: {rto: 30m}\n  - name: blip\n    kind: outage\n    rate: 1/y\n", 1)
	s, err := Load("x.yaml", []byte(yaml), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Service.Targets.TotalLoss.PerYear(); got != 0.002 {
		t.Errorf("total_loss 1/500y = %g a year, want 0.002", got)
	}
	disk, blip := s.Failures[0], s.Failures[1]
	if !disk.HasTargets() || disk.Targets.RTO.Hours() != 0.5 || disk.Targets.RPO.Hours() != 4 || disk.Targets.Percentile != 99 {
		t.Errorf("disk's targets %+v: want RTO 30m, the service's RPO 4h and p99", disk.Targets)
	}
	if blip.HasTargets() {
		t.Errorf("blip has targets %+v, want none", blip.Targets)
	}
	var left []string
	for _, f := range s.Defaulted() {
		if strings.Contains(f.Path, "targets") {
			left = append(left, f.Path+"="+f.Value)
		}
	}
	if got := strings.Join(left, " "); got != "failures.disk.targets.rpo=the service's failures.disk.targets.percentile=the service's" {
		t.Errorf("defaulted targets: %s", got)
	}
	for _, rate := range []string{"0.002/y", "2/1000y", "0.2/100y"} {
		s, err := Load("x.yaml", []byte(minimal), []string{"service.targets.total_loss=" + rate})
		if err != nil {
			t.Errorf("total_loss=%s: %v", rate, err)
		} else if got := s.Service.Targets.TotalLoss.PerYear(); got != 0.002 {
			t.Errorf("total_loss=%s: %g a year, want 0.002", rate, got)
		}
	}
	// --set gives a failure targets of its own
	s, err = Load("x.yaml", []byte(minimal), []string{"failures.disk.targets.percentile=90"})
	if err != nil {
		t.Fatal(err)
	}
	if !s.Failures[0].HasTargets() || s.Failures[0].Targets.RPO != s.Service.Targets.RPO {
		t.Errorf("--set failures.disk.targets.percentile=90: %+v", s.Failures[0].Targets)
	}
}

func TestTargetsRefused(t *testing.T) {
	for _, tc := range []struct {
		sets []string
		want string
	}{
		{[]string{"service.targets.total_loss=0/y"}, "service.targets.total_loss: must be above zero, e.g. total_loss: 1/500y"},
		{[]string{"service.targets.total_loss=500y"}, "service.targets.total_loss: invalid rate"},
		{[]string{"failures.disk.targets.percentile=0"}, "failures.disk.targets.percentile: in percent, from 1 to 100 (got 0)"},
		{[]string{"failures.disk.targets.percentile=0.99"}, "failures.disk.targets.percentile: in percent, from 1 to 100: did you mean 99?"},
		{[]string{"failures.disk.targets.rto=-1h"}, "failures.disk.targets.rto: must not be negative"},
		{[]string{"failures.disk.targets.total_loss=1/500y"}, "unknown field \"total_loss\""},
	} {
		got := loadErr(t, minimal, tc.sets, DefaultLimits)
		if !strings.Contains(got, tc.want) {
			t.Errorf("%v: error lacks %q:\n%s", tc.sets, tc.want, got)
		}
	}
	// targets are the same for every design of a sweep
	got := loadErr(t, minimal+"dial:\n  - {set: failures.disk.targets.rto, values: [1h, 2h]}\n", nil, DefaultLimits)
	if !strings.Contains(got, "a dial cannot turn failures.disk.targets.rto: every design of a sweep is judged against the same targets") {
		t.Errorf("a dial over a failure's targets: %s", got)
	}
}

// A dial's choose lists named alternatives, each a set of fields; each is
// checked as the design it makes, and blamed at its own line.
func TestChoose(t *testing.T) {
	yaml := minimal + `dial:
  - choose:
      - {name: today}
      - name: hourly
        set: {backups.nightly.every: 1h, backups.nightly.retention: 2d}
`
	s, err := Load("x.yaml", []byte(yaml), nil)
	if err != nil {
		t.Fatal(err)
	}
	c := s.Dial[0].Choose
	if len(c) != 2 || c[0].Name != "today" || len(c[0].Set) != 0 || c[1].Name != "hourly" ||
		len(c[1].Set) != 2 || c[1].Set[0] != (Assignment{"backups.nightly.every", "1h"}) || c[1].Set[1] != (Assignment{"backups.nightly.retention", "2d"}) {
		t.Fatalf("choose decoded as %+v", c)
	}
	b, err := json.Marshal(c[1])
	if err != nil || string(b) != `{"name":"hourly","set":{"backups.nightly.every":"1h","backups.nightly.retention":"2d"}}` {
		t.Errorf("JSON %s, %v", b, err)
	}
	for _, tc := range []struct{ dial, want string }{
		{"  - choose: [{name: a}, {name: a}]\n", "dial[0].choose[1].name: duplicate alternative name \"a\""},
		{"  - choose: [{set: {backups.nightly.every: 1h}}]\n", "dial[0].choose[0].name: missing: every alternative has a name"},
		{"  - choose: [{name: \"a b\"}]\n", "dial[0].choose[0].name: names use letters"},
		{"  - {set: backups.nightly.every, values: [1h], choose: [{name: a}]}\n", "dial[0]: an axis either turns one field (set and values) or chooses"},
		{"  - choose:\n      - {name: a}\n      - {name: b, set: {backups.nightly.every: 0s}}\n",
			"x.yaml:21:9: dial[0].choose.b: choice b: backups.nightly.every: must be above zero"},
		{"  - choose: [{name: a, set: {backups.nightly.evry: 1h}}]\n", "dial[0].choose.a: backups.nightly.evry: unknown field \"evry\""},
		{"  - choose: [{name: a, set: {service.targets.rpo: 1h}}]\n", "a dial cannot turn service.targets.rpo"},
		{"  - choose: [{name: a, set: {backups.nightly.every: 1h}}]\n  - {set: backups.nightly.every, values: [2h]}\n",
			"dial[1].set: dial[0] already turns backups.nightly.every"},
		{"  - choose: [{name: a, set: {backups.nightly.every: [1h]}}]\n", "dial[0].choose.a.set.backups.nightly.every: expected a single value"},
		{"  - choose: [{name: a, set: [backups.nightly.every]}]\n", "expected a mapping of field paths to values"},
	} {
		got := loadErr(t, minimal+"dial:\n"+tc.dial, nil, DefaultLimits)
		if !strings.Contains(got, tc.want) {
			t.Errorf("dial\n%s: error lacks %q:\n%s", tc.dial, tc.want, got)
		}
	}
}

// Designs whose only difference is a field of a part switched off have
// one fingerprint; any field of a part switched on tells them apart.
func TestFingerprint(t *testing.T) {
	fp := func(sets ...string) [32]byte {
		s, err := Load("x.yaml", []byte(minimal), sets)
		if err != nil {
			t.Fatal(err)
		}
		return Fingerprint(s)
	}
	if fp() != fp() {
		t.Error("one scenario, two fingerprints")
	}
	if fp("backups.nightly.every=4h") == fp() {
		t.Error("a job's interval does not change the fingerprint")
	}
	off := "stores.bucket.enabled=false"
	if fp(off, "stores.bucket.price=$1/GiB-month") != fp(off) || fp(off, "backups.nightly.every=4h") != fp(off) {
		t.Error("a field of a store switched off changes the fingerprint")
	}
	if fp(off) == fp() {
		t.Error("switching a store off does not change the fingerprint")
	}
}
