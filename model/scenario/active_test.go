package scenario

import (
	"slices"
	"strings"
	"testing"
)

// chain has a copy of a copy: live -> bucket (nightly) -> nas (pull).
const chain = `version: 1
name: chain
service: {data: 10GiB}
stores:
  - {name: live, primary: true}
  - {name: bucket}
  - {name: nas}
  - {name: tape}
backups:
  - {name: nightly, to: bucket}
  - {name: pull, from: bucket, to: nas}
  - {name: dump, to: tape}
failures:
  - {name: disk, rate: 0.3/y}
`

// What switching one part off switches off with it.
func TestActive(t *testing.T) {
	for _, tc := range []struct {
		sets []string
		off  []string
	}{
		{nil, nil},
		{[]string{"stores.nas.enabled=false"}, []string{"stores.nas", "backups.pull"}},
		{[]string{"stores.bucket.enabled=false"}, []string{"stores.bucket", "stores.nas", "backups.nightly", "backups.pull"}},
		{[]string{"backups.nightly.enabled=false"}, []string{"stores.bucket", "stores.nas", "backups.nightly", "backups.pull"}},
		{[]string{"backups.pull.enabled=false"}, []string{"stores.nas", "backups.pull"}},
		{[]string{"backups.dump.enabled=false"}, []string{"stores.tape", "backups.dump"}},
	} {
		s, err := Load("x.yaml", []byte(chain), tc.sets)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Off(); !slices.Equal(got, tc.off) {
			t.Errorf("%v: off %v, want %v", tc.sets, got, tc.off)
		}
		a := s.Active()
		if len(a.Stores)+len(a.Backups)+len(tc.off) != len(s.Stores)+len(s.Backups) {
			t.Errorf("%v: active has %d stores and %d jobs", tc.sets, len(a.Stores), len(a.Backups))
		}
		if len(s.Stores) != 4 || len(s.Backups) != 3 {
			t.Errorf("%v: Active changed the scenario", tc.sets)
		}
	}
}

// The primary cannot be switched off; a part that is off is still checked.
func TestDisabledStillValidated(t *testing.T) {
	_, err := Load("x.yaml", []byte(chain), []string{"stores.live.enabled=false"})
	if err == nil || !strings.Contains(err.Error(), "stores.live.enabled: the primary holds the live data and cannot be switched off") {
		t.Errorf("got %v", err)
	}
	_, err = Load("x.yaml", []byte(chain), []string{"stores.nas.enabled=false", "backups.pull.every=0s"})
	if err == nil || !strings.Contains(err.Error(), "backups.pull.every: must be above zero") {
		t.Errorf("got %v", err)
	}
	_, err = Load("x.yaml", []byte(chain), []string{"stores.nas.enabled=maybe"})
	if err == nil || !strings.Contains(err.Error(), `expected true or false (got "maybe")`) {
		t.Errorf("got %v", err)
	}
}
