package audit

import (
	"reflect"
	"strings"
	"testing"

	"github.com/costdial/costdial/scenarios"
)

// The 3-2-1 rule on designs whose standing is plain: the kinds of storage
// are the tiers' media, not the tier names (two local-disk copies are one
// kind, disk, with the live data's disk), and a part switched off is no
// copy.
func TestRule321(t *testing.T) {
	twoDisks := strings.Replace(strings.Replace(clean, "tier: s3-standard, immutable: true", "tier: local-disk", 1), "tier: home-nas, offline: true", "tier: local-disk", 1)
	untiered := strings.Replace(strings.Replace(clean, "tier: s3-standard, immutable: true", "price: $0.01/GiB-month", 1), "tier: home-nas, offline: true", "price: $0/GiB-month", 1)
	for _, tc := range []struct {
		name  string
		yaml  string
		sets  []string
		want  Standing
		met   bool
		check string // the audit check that must, or must not, fire with it
	}{
		{"clean", clean, nil, Standing{Copies: []string{"live", "bucket", "nas"}, Media: []string{"disk", "cloud object storage", "NAS"},
			OffSite: []string{"bucket", "nas"}, Out: []string{"bucket", "nas"}, Site: "site"}, true, ""},
		{"two local disks", twoDisks, nil, Standing{Copies: []string{"live", "bucket", "nas"}, Media: []string{"disk"},
			OffSite: []string{"bucket", "nas"}, Site: "site"}, false, "two-media"},
		{"two untiered stores", untiered, nil, Standing{Copies: []string{"live", "bucket", "nas"}, Media: []string{"disk"},
			OffSite: []string{"bucket", "nas"}, Site: "site"}, false, "two-media"},
		{"one store switched off", clean, []string{"stores.nas.enabled=false"}, Standing{Copies: []string{"live", "bucket"},
			Media: []string{"disk", "cloud object storage"}, OffSite: []string{"bucket"}, Out: []string{"bucket"}, Site: "site"}, false, "three-copies"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := load(t, tc.yaml, tc.sets...)
			got := Rule321(s.Active())
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Rule321 = %+v\nwant      %+v", got, tc.want)
			}
			if got.Met() != tc.met {
				t.Errorf("Met() = %v, want %v", got.Met(), tc.met)
			}
			fired := false
			for _, f := range Audit(s) {
				fired = fired || f.Check == tc.check
			}
			if tc.check != "" && !fired {
				t.Errorf("audit does not report %s", tc.check)
			}
		})
	}
	// the bundled scenario: the live disk, S3 and a NAS that is offline
	s := load(t, string(scenarios.Bundled()))
	st := Rule321(s.Active())
	if !st.Met() || !reflect.DeepEqual(st.Media, []string{"disk", "cloud object storage", "NAS"}) || !reflect.DeepEqual(st.Out, []string{"nas"}) {
		t.Errorf("bundled: %+v", st)
	}
}
