package scenario

import (
	"maps"
	"slices"

	"github.com/costdial/costdial/model/catalog"
)

// Field is one field of a resolved scenario and the text it was given.
type Field struct {
	Path  string // e.g. "backups.nightly.retention"
	Value string // e.g. "7d", or a phrase for values taken from elsewhere
}

// Defaulted lists the fields Resolve filled with a documented default
// because neither the file, a --set nor a tier preset gave them, in
// scenario order. Reports list them as assumptions.
func (s *Scenario) Defaulted() []Field {
	var out []Field
	add := func(path string, defaults map[string]string, skip func(key string) bool) {
		for _, key := range slices.Sorted(maps.Keys(defaults)) {
			if (skip != nil && skip(key)) || s.IsSet(join(path, key)) {
				continue
			}
			out = append(out, Field{join(path, key), defaults[key]})
		}
	}
	add("simulate", defaultSimulate, nil)
	add("service", defaultService, nil)
	primary := s.Primary().Name
	for _, st := range s.Stores {
		_, preset := catalog.Lookup(st.Tier)
		add("stores."+st.Name, defaultStore, func(key string) bool {
			_, fromTier := tierFields[key]
			return st.Primary || (preset && fromTier)
		})
	}
	for _, b := range s.Backups {
		path := "backups." + b.Name
		add(path, defaultBackup, nil)
		if !s.IsSet(path + ".from") {
			out = append(out, Field{path + ".from", primary + " (the primary)"})
		}
		if lag, ok := defaultLag[b.Kind]; ok && !s.IsSet(path+".lag") {
			out = append(out, Field{path + ".lag", lag})
		}
		if !s.IsSet(path + ".replay") {
			out = append(out, Field{path + ".replay", "the restore speed of " + b.To})
		}
	}
	for _, f := range s.Failures {
		path := "failures." + f.Name
		add(path, defaultFailure, nil)
		if !s.IsSet(path + ".hits") {
			out = append(out, Field{path + ".hits", primary + " (the primary)"})
		}
		if s.givesTargets(path) {
			for _, key := range failureTargetKeys {
				if p := path + ".targets." + key; !s.IsSet(p) {
					out = append(out, Field{p, "the service's"})
				}
			}
		}
	}
	add("recovery", defaultRecovery, nil)
	return out
}

// FromTier lists the fields of store name that its tier preset gave,
// because neither the file nor a --set did, as YAML keys in a fixed order.
func (s *Scenario) FromTier(name string) []string {
	var keys []string
	for _, st := range s.Stores {
		if st.Name != name {
			continue
		}
		if _, ok := catalog.Lookup(st.Tier); !ok {
			return nil
		}
		for _, key := range slices.Sorted(maps.Keys(tierFields)) {
			if !s.IsSet("stores." + name + "." + key) {
				keys = append(keys, key)
			}
		}
	}
	return keys
}

// TierFigure is the figure a tier preset gives the store field key (a YAML
// key, as FromTier lists them), as scenario text; "" for another key.
func TierFigure(e catalog.Entry, key string) string {
	if get, ok := tierFields[key]; ok {
		return get(e)
	}
	return ""
}
