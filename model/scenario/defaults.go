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
		"restore": "100MB/s", "streams": "1", "free_egress": "0", "inter_region": "$0/GiB", "min_days": "0", "min_size": "0B", "monthly": "$0/month", "enabled": "true",
	}
	defaultBackup = map[string]string{
		"kind": Full, "every": "24h", "offset": "0s", "full_every": "7d", "retention": "7d", "duration": "0s",
		"compression": "1", "fail": "0", "breaks": "0/y", "restore_test": "0s", "fix": "1d", "enabled": "true",
	}
	defaultLag     = map[string]string{Replica: "5s", PITR: "1m"}
	defaultService = map[string]string{
		"writes": "0B/day", "downtime_cost": "$0/h", "data_loss_cost": "$0/h", "total_loss_cost": "$0",
		"targets.rpo": "24h", "targets.rto": "24h", "targets.percentile": "95",
	}
	defaultSimulate = map[string]string{"years": "1", "trials": "100000", "seed": "1"}
	defaultFailure  = map[string]string{"kind": Destroy, "detect": "24h", "lasts": "4h", "dwell": "0s", "trust": TrustIntrusion}
)

// tierFields are the store fields a catalog preset provides, by YAML key.
var tierFields = map[string]func(catalog.Entry) string{
	"price":         func(e catalog.Entry) string { return e.Price },
	"egress":        func(e catalog.Entry) string { return e.Egress },
	"retrieval_fee": func(e catalog.Entry) string { return e.RetrievalFee },
	"retrieval":     func(e catalog.Entry) string { return e.Retrieval },
	"restore":       func(e catalog.Entry) string { return e.Restore },
	"min_days":      func(e catalog.Entry) string { return fmt.Sprint(e.MinDays) },
	"min_size":      func(e catalog.Entry) string { return e.MinSize },
	"free_egress":   func(e catalog.Entry) string { return fmt.Sprint(e.FreeEgress) },
	"provider":      func(e catalog.Entry) string { return e.Provider },
	"region":        func(e catalog.Entry) string { return e.Region },
	"inter_region": func(e catalog.Entry) string {
		p, _ := catalog.LookupProvider(e.Provider)
		return orZero(p.InterRegion)
	},
	"offline": func(e catalog.Entry) string { return fmt.Sprint(e.Offline) },
	"monthly": func(e catalog.Entry) string { return e.Monthly },
}

// providerFields are the store fields a provider's network prices give a
// store that names the provider without a tier.
var providerFields = map[string]func(catalog.Provider) string{
	"egress":       func(p catalog.Provider) string { return p.Egress },
	"inter_region": func(p catalog.Provider) string { return p.InterRegion },
}

// catalogMoney are the store fields that hold money and may come from the
// catalog, in US dollars.
var catalogMoney = []string{"price", "egress", "retrieval_fee", "inter_region", "monthly"}

func orZero(price string) string {
	if price == "" {
		return "$0/GiB"
	}
	return price
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
	if !s.IsSet("recovery.failover_max_loss") {
		s.Recovery.FailoverMaxLoss = s.Service.Targets.RPO
	}
	primary := s.Primary().Name
	cur := s.Currency() // from the amounts written, which filling leaves alone
	for i := range s.Stores {
		st := &s.Stores[i]
		path := "stores." + st.Name
		values := maps.Clone(defaultStore)
		if e, ok := catalog.Lookup(st.Tier); ok {
			for key, get := range tierFields {
				values[key] = get(e)
			}
		} else if p, ok := catalog.LookupProvider(st.Provider); ok && st.Tier == "" {
			for key, get := range providerFields {
				values[key] = get(p)
			}
		}
		s.fill(st, path, values)
		s.convert(st, path, cur)
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
		if !s.IsSet(path + ".transfer") {
			b.Transfer = s.TransferPrice(b.From, b.To)
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
		s.resolveFailureTargets(f, path)
	}
}

// failureTargetKeys are the fields of a failure's targets, each taking
// the service's value when left out.
var failureTargetKeys = []string{"rpo", "rto", "percentile"}

// givesTargets reports whether the failure at path was given targets of
// its own, in the file (even empty: targets: {}) or by --set.
func (s *Scenario) givesTargets(path string) bool {
	if s.IsSet(path + ".targets") {
		return true
	}
	for _, key := range failureTargetKeys {
		if s.IsSet(path + ".targets." + key) {
			return true
		}
	}
	return false
}

// resolveFailureTargets fills the fields of a failure's own targets left
// out with the service's; a failure given none keeps none.
func (s *Scenario) resolveFailureTargets(f *Failure, path string) {
	if !s.givesTargets(path) {
		f.Targets = FailureTargets{}
		return
	}
	t, sv := &f.Targets, s.Service.Targets
	if !s.IsSet(path + ".targets.rpo") {
		t.RPO = sv.RPO
	}
	if !s.IsSet(path + ".targets.rto") {
		t.RTO = sv.RTO
	}
	if !s.IsSet(path + ".targets.percentile") {
		t.Percentile = sv.Percentile
	}
}

// fromCatalog reports whether a money field of a store came from the
// catalog (a tier or a provider) rather than the file or a default.
func (s *Scenario) fromCatalog(st *Store, key string) bool {
	if s.IsSet("stores." + st.Name + "." + key) {
		return false
	}
	if _, ok := catalog.Lookup(st.Tier); ok {
		return true
	}
	_, ok := catalog.LookupProvider(st.Provider)
	return ok && st.Tier == "" && (key == "egress" || key == "inter_region")
}

// convert turns the catalog's US-dollar prices of a store into the
// scenario's currency, at service.exchange_rate. Without a rate they are
// left in dollars, and Validate refuses the scenario.
func (s *Scenario) convert(st *Store, path, cur string) {
	rate := s.Service.ExchangeRate
	if cur == "$" || rate <= 0 {
		return
	}
	for _, key := range catalogMoney {
		if !s.fromCatalog(st, key) {
			continue
		}
		m := st.money(key)
		m.Amount *= rate
		m.Currency = cur
	}
}

// money returns a pointer to the store's money field with the given key.
func (st *Store) money(key string) *units.Money {
	switch key {
	case "price":
		return &st.Price
	case "egress":
		return &st.Egress
	case "retrieval_fee":
		return &st.RetrievalFee
	case "inter_region":
		return &st.InterRegion
	case "monthly":
		return &st.Monthly
	}
	panic("scenario: no money field " + key) // a programming error, caught by tests
}

// TransferPrice is what each GiB costs that leaves store from for store to:
// nothing within one region of one provider; the sender's inter_region
// price between two regions of one provider; otherwise the sender's
// egress (a store without a provider is on premises, and its egress is
// what its uplink costs, $0 unless given). Restores and restore tests pay
// it from the store to the primary, backup jobs from their source to their
// target.
func (s *Scenario) TransferPrice(from, to string) units.Money {
	var a, b Store
	for _, st := range s.Stores {
		if st.Name == from {
			a = st
		}
		if st.Name == to {
			b = st
		}
	}
	switch {
	case a.Provider != "" && a.Provider == b.Provider && a.Region == b.Region:
		return units.Money{Per: units.PerGiB, Currency: a.Egress.Currency}
	case a.Provider != "" && a.Provider == b.Provider:
		return a.InterRegion
	}
	return a.Egress
}
