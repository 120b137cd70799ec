package scenario

import (
	"fmt"
	"maps"
	"reflect"
	"strings"

	"github.com/costdial/costdial/model/catalog"
	"github.com/costdial/costdial/model/units"
)

// Defaults of optional fields. docs/scenario.md lists them; a test keeps the
// two in step.
var (
	defaultRecovery = map[string]string{
		"detect": "15m", "decide": "30m", "provision": "2h", "failover_after": "1h", "dns": "5m", "verify": "30m",
	}
	defaultStore = map[string]string{
		"price": "$0/GiB-month", "egress": "$0/GiB", "retrieval_fee": "$0/GiB", "retrieval": "0s",
		"restore": "100MB/s", "min_days": "0", "monthly": "$0/month", "enabled": "true",
	}
	defaultBackup = map[string]string{
		"kind": Full, "every": "24h", "full_every": "7d", "retention": "7d", "duration": "0s",
		"compression": "1", "fail": "0", "breaks": "0/y", "restore_test": "0s", "fix": "1d", "enabled": "true",
	}
	defaultLag     = map[string]string{Replica: "5s", PITR: "1m"}
	defaultService = map[string]string{
		"writes": "0B/day", "downtime_cost": "$0/h", "data_loss_cost": "$0/h", "total_loss_cost": "$0",
		"targets.rpo": "24h", "targets.rto": "24h", "targets.percentile": "95",
	}
	defaultSimulate = map[string]string{"years": "1", "trials": "100000", "seed": "1"}
	defaultFailure  = map[string]string{"kind": Destroy, "detect": "24h", "lasts": "4h", "dwell": "0s"}
)

// tierFields are the store fields a catalog preset provides, by YAML key.
var tierFields = map[string]func(catalog.Entry) string{
	"price":         func(e catalog.Entry) string { return e.Price },
	"egress":        func(e catalog.Entry) string { return e.Egress },
	"retrieval_fee": func(e catalog.Entry) string { return e.RetrievalFee },
	"retrieval":     func(e catalog.Entry) string { return e.Retrieval },
	"restore":       func(e catalog.Entry) string { return e.Restore },
	"min_days":      func(e catalog.Entry) string { return fmt.Sprint(e.MinDays) },
	"offline":       func(e catalog.Entry) string { return fmt.Sprint(e.Offline) },
	"monthly":       func(e catalog.Entry) string { return e.Monthly },
}

// IsSet reports whether the field at path was given in the file or by --set.
func (s *Scenario) IsSet(path string) bool {
	_, ok := s.where[path]
	return ok
}

// fill sets every field of the struct v named in defaults that was not given.
func (s *Scenario) fill(v any, path string, defaults map[string]string) {
	for key, text := range defaults {
		p := join(path, key)
		if s.IsSet(p) {
			continue
		}
		if err := setPath(reflect.ValueOf(v).Elem(), strings.Split(key, "."), text); err != nil {
			panic(fmt.Sprintf("scenario: bad default %s=%q: %v", p, text, err)) // a programming error, caught by tests
		}
	}
}

// Resolve completes a decoded scenario: catalog presets for stores with a
// tier, then the documented default of every field left out. Fields given
// in the file or by --set are never overwritten. Unknown tiers are left
// for Validate to report.
func (s *Scenario) Resolve() {
	s.fill(&s.Simulate, "simulate", defaultSimulate)
	s.fill(&s.Service, "service", defaultService)
	s.fill(&s.Recovery, "recovery", defaultRecovery)
	primary := ""
	for _, st := range s.Stores {
		if st.Primary {
			primary = st.Name
		}
	}
	for i := range s.Stores {
		st := &s.Stores[i]
		path := "stores." + st.Name
		values := maps.Clone(defaultStore)
		if e, ok := catalog.Lookup(st.Tier); ok {
			for key, get := range tierFields {
				values[key] = get(e)
			}
		}
		s.fill(st, path, values)
	}
	for i := range s.Backups {
		b := &s.Backups[i]
		path := "backups." + b.Name
		s.fill(b, path, defaultBackup)
		if !s.IsSet(path + ".from") {
			b.From = primary
		}
		if lag, ok := defaultLag[b.Kind]; ok && !s.IsSet(path+".lag") {
			b.Lag, _ = units.ParseDist(lag)
		}
		if !s.IsSet(path + ".replay") {
			for _, st := range s.Stores {
				if st.Name == b.To {
					b.Replay = st.Restore
				}
			}
		}
	}
	for i := range s.Failures {
		f := &s.Failures[i]
		path := "failures." + f.Name
		s.fill(f, path, defaultFailure)
		if !s.IsSet(path + ".hits") {
			f.Hits = primary
		}
	}
}
