package scenario

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/costdial/costdial/internal/escape"
	"github.com/costdial/costdial/internal/suggest"
	"github.com/costdial/costdial/model/catalog"
	"github.com/costdial/costdial/model/units"
)

var validName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)

// Validate checks a resolved scenario and returns every problem at once as
// an ErrorList, or nil.
func (s *Scenario) Validate() error {
	p := &problems{s: s}
	s.validateCore(p)
	if !s.design {
		s.validateDial(p)
	}
	p.list = s.dropUnderDuplicates(p.list)
	return p.list.Err()
}

// dropUnderDuplicates leaves out the problems of the fields of entries
// whose name is given twice: their fields mix the two entries, and the
// duplicate name, reported on its own, is what to fix.
func (s *Scenario) dropUnderDuplicates(list ErrorList) ErrorList {
	var dup []string
	mark := func(section string, names []string) {
		seen := map[string]bool{}
		for _, n := range names {
			if seen[n] && n != "" {
				dup = append(dup, section+"."+n+".")
			}
			seen[n] = true
		}
	}
	var names []string
	for _, b := range s.Backups {
		names = append(names, b.Name)
	}
	mark("backups", names)
	names = nil
	for _, f := range s.Failures {
		names = append(names, f.Name)
	}
	mark("failures", names)
	names = nil
	for _, st := range s.Stores {
		names = append(names, st.Name)
	}
	for _, d := range s.Domains {
		names = append(names, d.Name)
	}
	mark("stores", names)
	mark("domains", names)
	if len(dup) == 0 {
		return list
	}
	var kept ErrorList
	for _, e := range list {
		drop := false
		for _, d := range dup {
			drop = drop || strings.HasPrefix(e.Path+".", d)
		}
		if !drop {
			kept = append(kept, e)
		}
	}
	return kept
}

// validateCore checks everything but the dial.
func (s *Scenario) validateCore(p *problems) {
	if !s.IsSet("version") {
		p.at("version", "missing: write version: 1")
	} else if s.Version != 1 {
		p.at("version", "unsupported version (got %d; this costdial reads version 1)", s.Version)
	}
	if strings.TrimSpace(s.Name) == "" {
		p.at("name", "missing: every scenario has a name")
	} else if r, bad := controlChar(s.Name, ""); bad {
		p.at("name", "control or formatting character %U in the name: a name is printed on terminals and in plots, so it must be plain text (got %q)", r, s.Name)
	}
	if r, bad := controlChar(s.Description, "\n\t"); bad {
		p.at("description", "control or formatting character %U: only plain text, new lines and tabs (got %q)", r, s.Description)
	}
	s.validateSimulate(p)
	s.validateService(p)
	kinds := s.validateNames(p)
	s.validateDomains(p, kinds)
	primary := s.validateStores(p, kinds)
	s.validateBackups(p, kinds, primary)
	s.validateFailures(p, kinds)
	s.validateCurrency(p)
	s.validateMagnitudes(p)
	s.validateWork(p, s.limits.orDefault())
}

func (s *Scenario) validateSimulate(p *problems) {
	if !(s.Simulate.Years > 0 && s.Simulate.Years <= 1e6) {
		p.at("simulate.years", "must be above 0 and at most 1000000 (got %v)", s.Simulate.Years)
	}
	if s.Simulate.Trials < 1 || s.Simulate.Trials > 1e9 {
		p.at("simulate.trials", "must be from 1 to 1000000000 (got %d)", s.Simulate.Trials)
	}
}

func (s *Scenario) validateService(p *problems) {
	sv := s.Service
	if !s.IsSet("service.data") {
		p.at("service.data", "missing: the size of the live data, e.g. data: 50GiB")
	} else if sv.Data <= 0 {
		p.at("service.data", "must be above zero (got %s)", quote(sv.Data))
	}
	money := []struct {
		key string
		m   units.Money
		per units.Per
		eg  string
	}{
		{"downtime_cost", sv.DowntimeCost, units.PerHour, "$400/h"},
		{"data_loss_cost", sv.DataLossCost, units.PerHour, "$1500/h"},
		{"total_loss_cost", sv.TotalLossCost, units.Once, "$250000"},
	}
	for _, m := range money {
		checkPer(p, "service."+m.key, m.m, m.per, m.eg)
	}
	t := sv.Targets
	if msg := PercentileError(t.Percentile); msg != "" {
		p.at("service.targets.percentile", "%s", msg)
	}
	if t.RPO < 0 {
		p.at("service.targets.rpo", "must not be negative (got %s)", quote(t.RPO))
	}
	if t.RTO < 0 {
		p.at("service.targets.rto", "must not be negative (got %s)", quote(t.RTO))
	}
	if s.IsSet("service.targets.total_loss") && t.TotalLoss <= 0 {
		p.at("service.targets.total_loss", "must be above zero, e.g. total_loss: 1/500y: a simulation can bound a rate, never show it is zero; leave it out for no total-loss target (got %s)", quote(t.TotalLoss))
	}
}

// PercentileError says what is wrong with a target percentile, or is "".
// A percentile is in percent, from 1 to 100: a fraction such as 0.95 is
// refused with the percent it likely means, since read as 0.95% it would
// let almost any design meet its targets.
func PercentileError(v float64) string {
	switch {
	case v > 0 && v < 1:
		return fmt.Sprintf("in percent, from 1 to 100: did you mean %s? (got %v)", strconv.FormatFloat(v*100, 'g', 4, 64), v)
	case !(v >= 1 && v <= 100):
		return fmt.Sprintf("in percent, from 1 to 100 (got %v)", v)
	}
	return ""
}

// checkPer reports money given in the wrong unit, e.g. a price without /GiB-month.
func checkPer(p *problems, path string, m units.Money, per units.Per, example string) {
	if m.Per != per {
		p.at(path, "expected an amount like %s (got %s)", example, quote(m))
	}
}

// validateNames checks every named entry and returns what each name is:
// "domain" or "store" (the two share one namespace, since `hits` takes both).
func (s *Scenario) validateNames(p *problems) map[string]string {
	kinds := map[string]string{}
	check := func(section string, i int, name, kind string, shared bool) {
		path := fmt.Sprintf("%s[%d].name", section, i)
		switch {
		case name == "":
			p.at(path, "missing: every %s has a name", kind)
		case !validName.MatchString(name):
			p.at(path, "names use letters, digits, '-' and '_' and start with a letter or digit (got %q)", name)
		case shared && kinds[name] != "":
			p.at(path, "%q is already the name of a %s", name, kinds[name])
		case shared:
			kinds[name] = kind
		}
	}
	seen := func(section string, n int, name func(int) string, kind string) {
		names := map[string]bool{}
		for i := 0; i < n; i++ {
			check(section, i, name(i), kind, false)
			if nm := name(i); nm != "" && names[nm] {
				p.at(fmt.Sprintf("%s[%d].name", section, i), "duplicate %s name %q", kind, nm)
			}
			names[name(i)] = true
		}
	}
	for i, d := range s.Domains {
		check("domains", i, d.Name, "domain", true)
	}
	for i, st := range s.Stores {
		check("stores", i, st.Name, "store", true)
	}
	seen("backups", len(s.Backups), func(i int) string { return s.Backups[i].Name }, "backup")
	seen("failures", len(s.Failures), func(i int) string { return s.Failures[i].Name }, "failure")
	return kinds
}

func (s *Scenario) validateDomains(p *problems, kinds map[string]string) {
	parent := map[string]string{}
	for _, d := range s.Domains {
		parent[d.Name] = d.In
	}
	for _, d := range s.Domains {
		path := "domains." + d.Name + ".in"
		if d.In == "" {
			continue
		}
		if kinds[d.In] != "domain" {
			p.at(path, "%s", unknown("domain", d.In, s.domainNames()))
			continue
		}
		// follow the chain of parents; coming back to d is a cycle
		seen := map[string]bool{d.Name: true}
		for at := d.In; at != ""; at = parent[at] {
			if seen[at] {
				p.at(path, "domains nest in a cycle (%s is inside itself)", d.Name)
				break
			}
			seen[at] = true
		}
	}
}

// unknownKind says that got is none of kinds.
func unknownKind(got string, kinds ...string) string {
	return fmt.Sprintf("unknown kind %q%s (%s)", got, suggest.DidYouMean(got, kinds, nil), strings.Join(kinds, ", "))
}

// hasPrimary reports whether some store is marked primary.
func (s *Scenario) hasPrimary() bool {
	for _, st := range s.Stores {
		if st.Primary {
			return true
		}
	}
	return false
}

func (s *Scenario) domainNames() []string {
	var names []string
	for _, d := range s.Domains {
		names = append(names, d.Name)
	}
	return names
}

func (s *Scenario) storeNames() []string {
	var names []string
	for _, st := range s.Stores {
		names = append(names, st.Name)
	}
	return names
}

// known formats a list of valid choices for an error message.
func known(names []string) string {
	if len(names) == 0 {
		return " (none are defined)"
	}
	return " (known: " + strings.Join(names, ", ") + ")"
}

// unknown says that got names no what among names, suggesting the nearest
// one: unknown store "bukket": did you mean bucket? (known: live, bucket).
func unknown(what, got string, names []string) string {
	return fmt.Sprintf("unknown %s %q%s%s", what, got, suggest.DidYouMean(got, names, nil), known(names))
}

// validateStores checks stores and returns the primary's name.
func (s *Scenario) validateStores(p *problems, kinds map[string]string) string {
	var primaries []string
	fed := map[string]bool{}
	for _, b := range s.Backups {
		fed[b.To] = true
	}
	for _, st := range s.Stores {
		path := "stores." + st.Name
		if st.Primary {
			primaries = append(primaries, st.Name)
		}
		if st.Domain != "" && kinds[st.Domain] != "domain" {
			p.at(path+".domain", "%s", unknown("domain", st.Domain, s.domainNames()))
		}
		for _, f := range []struct{ field, text string }{{"provider", st.Provider}, {"region", st.Region}} {
			if r, bad := controlChar(f.text, ""); bad {
				p.at(path+"."+f.field, "control or formatting character %U: a %s is printed on terminals and in reports, so it must be plain text (got %q)", r, f.field, f.text)
			}
		}
		if st.Tier != "" {
			e, ok := catalog.Lookup(st.Tier)
			if !ok {
				p.at(path+".tier", "%s (see `costdial tiers`)", catalog.UnknownTier(st.Tier))
			} else if st.Immutable && !e.Lockable {
				p.at(path+".immutable", "tier %q offers no object lock, so its points cannot be made immutable (got true)", st.Tier)
			}
		}
		checkPer(p, path+".price", st.Price, units.PerGiBMonth, "$0.023/GiB-month")
		checkPer(p, path+".egress", st.Egress, units.PerGiB, "$0.09/GiB")
		checkPer(p, path+".retrieval_fee", st.RetrievalFee, units.PerGiB, "$0.02/GiB")
		checkPer(p, path+".monthly", st.Monthly, units.PerMonth, "$12/month")
		checkPer(p, path+".inter_region", st.InterRegion, units.PerGiB, "$0.02/GiB")
		if st.FreeEgress < 0 {
			p.at(path+".free_egress", "a multiple of the data stored: must not be negative (got %v)", st.FreeEgress)
		}
		if st.Streams < 1 {
			p.at(path+".streams", "a restore uses at least one stream (got %d)", st.Streams)
		}
		if st.MinSize < 0 {
			p.at(path+".min_size", "must not be negative (got %s)", quote(st.MinSize))
		}
		if st.Restore <= 0 {
			p.at(path+".restore", "must be above zero (got %s)", quote(st.Restore))
		}
		if !(st.MinDays >= 0 && st.MinDays <= maxMinDays) {
			p.at(path+".min_days", "must be from 0 to %v days (got %v)", maxMinDays, st.MinDays)
		}
		if !st.Primary && !fed[st.Name] && s.hasPrimary() {
			// (without a primary, this is most likely the primary: the
			// missing primary is the one problem to report)
			p.at(path, "no backup job writes to this store (add a job with to: %s, or remove it)", st.Name)
		}
		if st.Primary && !st.Enabled {
			p.at(path+".enabled", "the primary holds the live data and cannot be switched off (got false)")
		}
		if st.Primary && (st.Immutable || st.Offline) {
			p.at(path, "the primary holds the live data, so it cannot be immutable or offline")
		}
	}
	switch len(primaries) {
	case 0:
		var unfed []string
		for _, st := range s.Stores {
			if !fed[st.Name] {
				unfed = append(unfed, st.Name)
			}
		}
		if len(unfed) == 1 && len(s.Stores) > 1 {
			p.at("stores."+unfed[0]+".primary", "no store is the primary, and %s is the one store no job writes to: if it holds the live data, mark it primary: true", unfed[0])
		} else {
			p.at("stores", "no primary store: mark the store holding the live data with primary: true")
		}
		return ""
	case 1:
		return primaries[0]
	default:
		p.at("stores."+primaries[1]+".primary", "more than one primary store (got %s)", strings.Join(primaries, ", "))
		return primaries[0]
	}
}

var backupOnly = map[string][]string{
	"every":      {Full, Incremental, PITR},
	"offset":     {Full, Incremental, PITR},
	"full_every": {Incremental},
	"lag":        {Replica, PITR},
	"replay":     {PITR},
}

func (s *Scenario) validateBackups(p *problems, kinds map[string]string, primary string) {
	source := map[string]string{} // store -> a job's from, to find copy cycles
	for _, b := range s.Backups {
		path := "backups." + b.Name
		switch b.Kind {
		case Full, Incremental, Replica, PITR:
		default:
			p.at(path+".kind", "%s", unknownKind(b.Kind, Full, Incremental, Replica, PITR))
		}
		for key, allowed := range backupOnly {
			if s.IsSet(path+"."+key) && !contains(allowed, b.Kind) {
				p.at(path+"."+key, "only for %s jobs (this job is %s)", andList(allowed), b.Kind)
			}
		}
		for _, ref := range []struct{ key, name string }{{"from", b.From}, {"to", b.To}} {
			if ref.key == "from" && primary == "" && !s.IsSet(path+".from") {
				continue // from defaults to the primary, whose absence is reported
			}
			if kinds[ref.name] != "store" {
				p.at(path+"."+ref.key, "%s", unknown("store", ref.name, s.storeNames()))
			}
		}
		if b.To == primary && primary != "" {
			p.at(path+".to", "a job cannot write to the primary store %q: model local snapshots as a store of their own in the same domain", primary)
		}
		if b.From == b.To {
			p.at(path+".to", "copies a store into itself (got %q)", b.To)
		}
		if b.Kind == Replica {
			for _, st := range s.Stores {
				if st.Name == b.To && (st.Immutable || st.Offline) {
					p.at(path+".to", "a replica is a live copy: its store cannot be immutable or offline (got %q)", b.To)
				}
			}
		}
		if (b.Kind == Replica || b.Kind == PITR) && b.From != primary && primary != "" {
			p.at(path+".from", "a %s job streams from the primary %q (got %q)", b.Kind, primary, b.From)
		}
		if b.Kind != Replica {
			if b.Every <= 0 {
				p.at(path+".every", "must be above zero (got %s)", quote(b.Every))
			}
			if b.Offset < 0 || b.Every > 0 && b.Offset >= b.Every {
				p.at(path+".offset", "must be at least 0s and below every (%s) (got %s)", b.Every, quote(b.Offset))
			}
			if b.Retention <= 0 {
				p.at(path+".retention", "must be above zero (got %s)", quote(b.Retention))
			}
		}
		if b.Kind == Incremental && b.FullEvery < b.Every {
			p.at(path+".full_every", "must be at least every (%s) (got %s)", b.Every, quote(b.FullEvery))
		}
		if b.Kind == PITR && b.Replay <= 0 {
			p.at(path+".replay", "must be above zero (got %s)", quote(b.Replay))
		}
		if b.Duration < 0 {
			p.at(path+".duration", "must not be negative (got %s)", quote(b.Duration))
		}
		if !(b.Compression > 0 && b.Compression <= 1) {
			p.at(path+".compression", "stored bytes per byte of data: above 0 and at most 1 (got %v)", b.Compression)
		}
		if b.RestoreTest < 0 {
			p.at(path+".restore_test", "must not be negative (got %s)", quote(b.RestoreTest))
		}
		if s.IsSet(path + ".transfer") {
			// (the price it defaults to is the stores' own, checked there)
			checkPer(p, path+".transfer", b.Transfer, units.PerGiB, "$0.02/GiB")
		}
		if b.Fix < 0 {
			p.at(path+".fix", "must not be negative (got %s)", quote(b.Fix))
		}
		if b.From != b.To && kinds[b.From] == "store" && kinds[b.To] == "store" {
			source[b.To] = b.From
		}
	}
	// A store whose chain of sources leads back to itself never sees the primary.
	for _, b := range s.Backups {
		seen := map[string]bool{}
		for at := b.To; at != "" && at != primary; at = source[at] {
			if seen[at] {
				p.at("backups."+b.Name+".from", "copies form a cycle that never reaches the primary (through %q)", at)
				break
			}
			seen[at] = true
		}
	}
}

var failureOnly = map[string][]string{
	"hits":   {Destroy, Logical, Outage}, // ransomware reaches every online, mutable store
	"detect": {Logical},
	"lasts":  {Outage},
	"dwell":  {Ransomware},
	"trust":  {Ransomware},
}

func (s *Scenario) validateFailures(p *problems, kinds map[string]string) {
	if len(s.Failures) == 0 {
		p.at("failures", "missing: at least one failure (what can go wrong), e.g. {name: disk-dies, kind: destroy, rate: 0.3/y}")
	}
	primary := s.Primary().Name
	for _, f := range s.Failures {
		path := "failures." + f.Name
		switch f.Kind {
		case Destroy, Logical, Outage, Ransomware:
		default:
			p.at(path+".kind", "%s", unknownKind(f.Kind, Destroy, Logical, Outage, Ransomware))
		}
		if !s.IsSet(path + ".rate") {
			p.at(path+".rate", "missing: how often it strikes, e.g. rate: 0.3/y")
		} else if f.Rate <= 0 {
			p.at(path+".rate", "must be above zero (got %s)", quote(f.Rate))
		}
		for key, allowed := range failureOnly {
			if s.IsSet(path+"."+key) && !contains(allowed, f.Kind) {
				p.at(path+"."+key, "only for %s failures (this one is %s)", andList(allowed), f.Kind)
			}
		}
		if f.Trust != TrustIntrusion && f.Trust != TrustEncryption {
			p.at(path+".trust", "unknown trust %q%s (intrusion: only points older than the attacker's entry are clean; encryption: points up to the encryption are)", f.Trust, suggest.DidYouMean(f.Trust, []string{TrustIntrusion, TrustEncryption}, nil))
		}
		if kinds[f.Hits] == "" && f.Hits != "" {
			p.at(path+".hits", "%s", unknown("store or domain", f.Hits, append(s.domainNames(), s.storeNames()...)))
		}
		if f.Kind == Logical && f.Hits != primary && primary != "" {
			p.at(path+".hits", "logical damage strikes the live data: hits must be the primary %q (got %q)", primary, f.Hits)
		}
		if s.givesTargets(path) {
			t := f.Targets
			if msg := PercentileError(t.Percentile); msg != "" {
				p.at(path+".targets.percentile", "%s", msg)
			}
			if t.RPO < 0 {
				p.at(path+".targets.rpo", "must not be negative (got %s)", quote(t.RPO))
			}
			if t.RTO < 0 {
				p.at(path+".targets.rto", "must not be negative (got %s)", quote(t.RTO))
			}
		}
	}
	if s.Recovery.FailoverMaxLoss < 0 {
		p.at("recovery.failover_max_loss", "must not be negative (got %s)", quote(s.Recovery.FailoverMaxLoss))
	}
}

// moneyFields lists every amount of money in the scenario with its path.
func (s *Scenario) moneyFields() []struct {
	path string
	m    units.Money
} {
	type field = struct {
		path string
		m    units.Money
	}
	fields := []field{
		{"service.downtime_cost", s.Service.DowntimeCost},
		{"service.data_loss_cost", s.Service.DataLossCost},
		{"service.total_loss_cost", s.Service.TotalLossCost},
	}
	for _, st := range s.Stores {
		path := "stores." + st.Name
		fields = append(fields, field{path + ".price", st.Price}, field{path + ".egress", st.Egress},
			field{path + ".retrieval_fee", st.RetrievalFee}, field{path + ".monthly", st.Monthly},
			field{path + ".inter_region", st.InterRegion})
	}
	for _, b := range s.Backups {
		fields = append(fields, field{"backups." + b.Name + ".transfer", b.Transfer})
	}
	return fields
}

// validateCurrency checks that every amount written in the file uses one
// currency symbol (or none).
func (s *Scenario) validateCurrency(p *problems) {
	first, firstPath := "", ""
	for _, f := range s.moneyFields() {
		if f.m.Currency == "" || !s.IsSet(f.path) {
			continue
		}
		if first == "" {
			first, firstPath = f.m.Currency, f.path
		} else if f.m.Currency != first {
			p.at(f.path, "one currency per file: %s uses %s (got %s)", firstPath, first, f.m.Currency)
		}
	}
	rate := s.Service.ExchangeRate
	cur := s.Currency()
	switch {
	case rate < 0 || (s.IsSet("service.exchange_rate") && rate == 0):
		p.at("service.exchange_rate", "%s per US dollar: must be above zero (got %v)", cur, rate)
	case s.IsSet("service.exchange_rate") && cur == "$":
		p.at("service.exchange_rate", "converts the catalog's US-dollar prices into the scenario's currency, but this scenario's money is in $ (got %v)", rate)
	case cur != "$" && rate == 0:
		for i := range s.Stores {
			st := &s.Stores[i]
			var used []string
			for _, key := range catalogMoney {
				if s.fromCatalog(st, key) {
					used = append(used, key)
				}
			}
			if len(used) == 0 {
				continue
			}
			from := "tier " + quote(st.Tier)
			if st.Tier == "" {
				from = "provider " + quote(st.Provider)
			}
			p.at("stores."+st.Name, "takes %s from the catalog's %s, in US dollars, but this scenario's money is in %s: "+
				"give service.exchange_rate (%s per $1, e.g. exchange_rate: 0.92) or set those fields in %s (got no rate)",
				strings.Join(used, ", "), from, cur, cur, cur)
		}
	}
}

// Currency is the symbol the file writes its amounts in ("$" when it writes none).
func (s *Scenario) Currency() string {
	for _, f := range s.moneyFields() {
		if f.m.Currency != "" && s.IsSet(f.path) {
			return f.m.Currency
		}
	}
	return "$"
}

// ErrMixedCurrencies refuses a comparison (a sweep's designs, the two
// designs of compare) whose money is in two currencies: costdial converts
// none, so it could only rank € against $ as if they were one.
var ErrMixedCurrencies = errors.New("costdial compares designs in one currency and converts none: give every design's money in one")

// DialPathError explains why path cannot be a dial axis, or returns nil.
// A sweep compares designs with one another: every design runs the same
// trials, years and seed and is judged against the same targets, and an
// entry's name is how fields find it.
func DialPathError(path string) error {
	segs := strings.Split(path, ".")
	switch {
	case segs[0] == "simulate":
		return fmt.Errorf("a dial cannot turn %s: every design of a sweep runs the same trials, years and seed, so that they compare; use --set %s=VALUE (or --trials, --years, --seed) for the whole sweep", path, path)
	case len(segs) >= 2 && segs[0] == "service" && segs[1] == "targets",
		len(segs) >= 3 && segs[0] == "failures" && segs[2] == "targets":
		return fmt.Errorf("a dial cannot turn %s: every design of a sweep is judged against the same targets; use --set %s=VALUE for the whole sweep", path, path)
	case len(segs) == 1:
		return fmt.Errorf("a dial cannot turn %s: it describes the whole sweep, not one design", path)
	case len(segs) == 3 && segs[2] == "name":
		return fmt.Errorf("a dial cannot rename an entry (%s): other fields find it by its name", path)
	}
	return nil
}

// validateDial checks the dial: known paths that a dial may turn, each by
// one axis, and every value valid where it is written, as if the design
// it makes were loaded. It reports a value's problems at the value, not
// at the field it sets, so that `validate` finds what `sweep` would; a
// choice's, at the choice.
func (s *Scenario) validateDial(p *problems) {
	if len(s.Dial) == 0 {
		return
	}
	base := map[string]bool{}
	for _, e := range p.list {
		base[e.Path+"\x00"+e.Msg] = true
	}
	var counts []int
	for _, a := range s.Dial {
		counts = append(counts, len(a.Values)+len(a.Choose))
	}
	if n := GridSize(counts); n > float64(s.limits.orDefault().Designs) {
		p.at("dial", "%s designs in the dial's grid (the product of the number of values of each axis), above the limit of %d: "+
			"turn fewer knobs at once, or raise the limit with --max-designs %s", count(n), s.limits.orDefault().Designs, count(n))
		return // and do not check a value of each
	}
	// probe loads the design that sets sets, and reports its problems that
	// the scenario itself does not have at vpath, each prefixed with what
	// made the design
	currency, currencyAt := "", "" // of the designs the dial makes, all one
	probe := func(vpath, what string, sets Assignments) {
		d := s.clone()
		o := s.where[vpath]
		for _, a := range sets {
			if err := d.Set(a.Path, a.Value); err != nil {
				p.at(vpath, "%v", err)
				return
			}
			d.where[a.Path] = o
		}
		d.Resolve()
		q := &problems{s: d}
		d.validateCore(q)
		if c := d.Currency(); currency == "" {
			currency, currencyAt = c, what
		} else if c != currency {
			p.list = append(p.list, &Error{File: s.File, Line: o.line, Col: o.col, Path: vpath,
				Msg: fmt.Sprintf("%s makes a design in %s, where %s makes one in %s: %v", what, c, currencyAt, currency, ErrMixedCurrencies)})
		}
		for _, e := range q.list {
			if base[e.Path+"\x00"+e.Msg] {
				continue // a problem of the scenario itself, reported once
			}
			p.list = append(p.list, &Error{File: s.File, Line: o.line, Col: o.col, Path: vpath,
				Msg: fmt.Sprintf("%s: %s: %s", what, e.Path, e.Msg)})
		}
	}
	seen := map[string]int{} // field path -> the axis that turns it
	turns := func(i int, path, at string) bool {
		if j, dup := seen[path]; dup && j != i {
			p.at(at, "dial[%d] already turns %s: give each field one axis with all its values", j, path)
			return false
		}
		seen[path] = i
		if err := DialPathError(path); err != nil {
			p.at(at, "%v", err)
			return false
		}
		return true
	}
	for i, a := range s.Dial {
		path := fmt.Sprintf("dial[%d]", i)
		if len(a.Choose) > 0 {
			if a.Set != "" || len(a.Values) > 0 {
				p.at(path, "an axis either turns one field (set and values) or chooses between named alternatives (choose), not both")
				continue
			}
			s.validateChoose(p, i, a.Choose, turns, probe)
			continue
		}
		if a.Set == "" {
			p.at(path+".set", "missing: the field the dial turns, e.g. backups.nightly.every (or choose: named alternatives)")
			continue
		}
		if !turns(i, a.Set, path+".set") {
			continue
		}
		if len(a.Values) == 0 {
			p.at(path+".values", "missing: the values the dial takes")
		}
		for j, v := range a.Values {
			vpath := fmt.Sprintf("%s.values[%d]", path, j)
			if r, bad := controlChar(v, ""); bad {
				p.at(vpath, "control or formatting character %U: a dial value is printed in tables and plots (got %q)", r, v)
				continue
			}
			probe(vpath, a.Set+"="+v, Assignments{{a.Set, v}})
		}
	}
}

// validateChoose checks the alternatives of dial axis i: each named once
// with a plain name, setting fields a dial may turn and no other axis
// does, and each making a valid design.
func (s *Scenario) validateChoose(p *problems, i int, choices []Choice, turns func(int, string, string) bool,
	probe func(vpath, what string, sets Assignments)) {
	names := map[string]bool{}
	for j, c := range choices {
		cpath := fmt.Sprintf("dial[%d].choose[%d]", i, j)
		switch {
		case c.Name == "":
			p.at(cpath+".name", "missing: every alternative has a name, printed as its design's label (e.g. name: today)")
			continue
		case !validName.MatchString(c.Name):
			p.at(cpath+".name", "names use letters, digits, '-' and '_' and start with a letter or digit (got %q)", c.Name)
			continue
		case names[c.Name]:
			p.at(cpath+".name", "duplicate alternative name %q", c.Name)
			continue
		}
		names[c.Name] = true
		cpath = fmt.Sprintf("dial[%d].choose.%s", i, c.Name)
		ok := true
		for _, a := range c.Set {
			at := cpath + ".set." + a.Path
			if r, bad := controlChar(a.Path+a.Value, ""); bad {
				p.at(at, "control or formatting character %U: a dial value is printed in tables and plots (got %q)", r, a.Path+": "+a.Value)
				ok = false
				continue
			}
			ok = turns(i, a.Path, at) && ok
		}
		if ok {
			probe(cpath, "choice "+c.Name, c.Set)
		}
	}
}

// clone copies the scenario deeply enough that Set and Resolve on the
// copy leave s unchanged.
func (s *Scenario) clone() *Scenario {
	c := *s
	c.where = make(map[string]origin, len(s.where))
	for k, v := range s.where {
		c.where[k] = v
	}
	c.Stores = append([]Store(nil), s.Stores...)
	c.Backups = append([]Backup(nil), s.Backups...)
	c.Failures = append([]Failure(nil), s.Failures...)
	c.Domains = append([]Domain(nil), s.Domains...)
	return &c
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// andList joins words as "a, b and c".
func andList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// controlChar returns the first control or invisible formatting character
// of text (an escape sequence, a bidirectional override) other than those
// in allow.
func controlChar(text, allow string) (rune, bool) {
	for _, r := range text {
		if escape.Unprintable(r) && !strings.ContainsRune(allow, r) {
			return r, true
		}
	}
	return 0, false
}
