package scenario

import (
	"reflect"
	"testing"

	"github.com/costdial/costdial/scenarios"
)

// Setting a store's tier to the tier it has resets the figures the file
// gave it over the preset's (and the replay speed that follows its
// restore speed): the same dial value, a different design.
func TestDifferences(t *testing.T) {
	data := scenarios.All()["small-saas.yaml"]
	load := func(sets ...string) *Scenario {
		s, err := Load("small-saas.yaml", data, sets)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	base := load()
	for _, tc := range []struct {
		name string
		sets []string
		want []Difference
		same string // a path that holds the same value
	}{
		{"as written", nil, nil, "stores.bucket.tier"},
		{"its own tier again", []string{"stores.bucket.tier=s3-standard"},
			[]Difference{{"stores.bucket.restore", "100MB/s", "85MB/s"}, {"backups.nightly.replay", "100MB/s", "85MB/s"}}, "stores.bucket.tier"},
		{"a job's schedule", []string{"backups.nightly.every=4h"},
			[]Difference{{"backups.nightly.every", "1d", "4h"}}, "backups.nightly.retention"},
		{"a switch", []string{"stores.nas.enabled=false"},
			[]Difference{{"stores.nas.enabled", "true", "false"}}, "stores.bucket.tier"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			other := load(tc.sets...)
			if got := Differences(base, other); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Differences = %v, want %v", got, tc.want)
			}
			if !SameAt(base, other, tc.same) {
				t.Errorf("SameAt(%s) = false", tc.same)
			}
			for _, d := range tc.want {
				if SameAt(base, other, d.Path) {
					t.Errorf("SameAt(%s) = true, but it differs", d.Path)
				}
			}
		})
	}
}
