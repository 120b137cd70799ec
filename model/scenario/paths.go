package scenario

import (
	"reflect"
	"strings"

	"github.com/costdial/costdial/model/catalog"
)

// Paths lists every field path --set and --dial accept on the scenario:
// service.FIELD, simulate.FIELD, recovery.FIELD, and NAME-addressed fields
// of its stores, backups, failures and domains.
func Paths(s *Scenario) []string {
	var out []string
	var walk func(t reflect.Type, prefix string)
	walk = func(t reflect.Type, prefix string) {
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			tag := f.Tag.Get("yaml")
			if tag == "" || tag == "-" || tag == "name" {
				continue
			}
			if f.Type.Kind() == reflect.Struct && !reflect.PointerTo(f.Type).Implements(reflect.TypeOf((*setter)(nil)).Elem()) {
				walk(f.Type, prefix+tag+".")
				continue
			}
			out = append(out, prefix+tag)
		}
	}
	walk(reflect.TypeOf(Service{}), "service.")
	walk(reflect.TypeOf(Simulate{}), "simulate.")
	walk(reflect.TypeOf(Recovery{}), "recovery.")
	for _, st := range s.Stores {
		walk(reflect.TypeOf(Store{}), "stores."+st.Name+".")
	}
	for _, b := range s.Backups {
		walk(reflect.TypeOf(Backup{}), "backups."+b.Name+".")
	}
	for _, f := range s.Failures {
		walk(reflect.TypeOf(Failure{}), "failures."+f.Name+".")
	}
	for _, d := range s.Domains {
		walk(reflect.TypeOf(Domain{}), "domains."+d.Name+".")
	}
	return out
}

// FieldValues lists the values a field takes when they are few: tier
// names, job and failure kinds, true and false. Otherwise it returns nil.
func FieldValues(path string) []string {
	segs := strings.Split(path, ".")
	key := segs[len(segs)-1]
	switch {
	case key == "tier":
		return catalog.Names()
	case key == "provider":
		return catalog.ProviderNames()
	case key == "kind" && segs[0] == "backups":
		return []string{Full, Incremental, Replica, PITR}
	case key == "kind" && segs[0] == "failures":
		return []string{Destroy, Logical, Outage, Ransomware}
	}
	switch key {
	case "primary", "immutable", "offline", "standby":
		return []string{"true", "false"}
	}
	return nil
}
