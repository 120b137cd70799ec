package scenario

import (
	"slices"
	"strings"
	"testing"
)

// Every path Paths lists can be set, and the named fields of every list are there.
func TestPaths(t *testing.T) {
	s, err := Parse("p.yaml", []byte(moneyScenario("$")))
	if err != nil {
		t.Fatal(err)
	}
	paths := Paths(s)
	for _, want := range []string{"service.targets.rpo", "service.exchange_rate", "stores.bucket.tier", "stores.bucket.streams",
		"backups.j.transfer", "failures.disk.rate", "recovery.provision", "simulate.trials"} {
		if !slices.Contains(paths, want) {
			t.Errorf("Paths lacks %s", want)
		}
	}
	for _, p := range paths {
		probe, _ := Parse("p.yaml", []byte(moneyScenario("$")))
		if err := probe.Set(p, "1"); err != nil && !isValueError(err) {
			t.Errorf("%s cannot be addressed: %v", p, err)
		}
	}
	if v := FieldValues("stores.bucket.tier"); !slices.Contains(v, "wasabi") {
		t.Errorf("tier values %v lack wasabi", v)
	}
	if v := FieldValues("failures.disk.kind"); !slices.Contains(v, Ransomware) {
		t.Errorf("failure kinds %v", v)
	}
}

// isValueError reports an error about the value, not the path.
func isValueError(err error) bool {
	for _, s := range []string{"unknown field", "no element named", "names a group"} {
		if strings.Contains(err.Error(), s) {
			return false
		}
	}
	return true
}
