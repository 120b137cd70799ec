package scenario

import "testing"

func TestHits(t *testing.T) {
	s := &Scenario{Domains: []Domain{{Name: "region"}, {Name: "az", In: "region"}, {Name: "rack", In: "az"}, {Name: "other"}}}
	primary := Store{Name: "db", Primary: true, Domain: "rack"}
	locked := Store{Name: "vault", Domain: "other", Immutable: true}
	tape := Store{Name: "tape", Offline: true}
	cases := []struct {
		name string
		f    Failure
		st   Store
		want bool
	}{
		{"names the store", Failure{Kind: Destroy, Hits: "db"}, primary, true},
		{"its own domain", Failure{Kind: Destroy, Hits: "rack"}, primary, true},
		{"two domains out", Failure{Kind: Destroy, Hits: "region"}, primary, true},
		{"a sibling domain", Failure{Kind: Destroy, Hits: "other"}, primary, false},
		{"no domain", Failure{Kind: Destroy, Hits: "region"}, tape, false},
		{"logical, primary", Failure{Kind: Logical}, primary, true},
		{"logical, copy", Failure{Kind: Logical}, locked, false},
		{"ransomware, mutable", Failure{Kind: Ransomware}, primary, true},
		{"ransomware, immutable", Failure{Kind: Ransomware}, locked, false},
		{"ransomware, offline", Failure{Kind: Ransomware}, tape, false},
	}
	for _, c := range cases {
		if got := s.Hits(c.f, c.st); got != c.want {
			t.Errorf("%s: Hits = %v, want %v", c.name, got, c.want)
		}
	}
	// A cycle (rejected by Validate) must still end.
	loop := &Scenario{Domains: []Domain{{Name: "a", In: "b"}, {Name: "b", In: "a"}}}
	if loop.Inside("a", "c") {
		t.Error("Inside on a cycle: want false")
	}
}
