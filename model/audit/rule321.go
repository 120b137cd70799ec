package audit

import (
	"github.com/costdial/costdial/model/catalog"
	"github.com/costdial/costdial/model/scenario"
)

// Medium is the kind of storage a store is, for the 3-2-1 rule's two
// kinds: its tier's (catalog.Entry.Medium), or, for a store without a
// tier, offline media when it is offline and a disk otherwise (a server's
// own disks, a second server).
func Medium(st scenario.Store) string {
	if e, ok := catalog.Lookup(st.Tier); ok {
		return e.Medium
	}
	if st.Offline {
		return "offline media"
	}
	return catalog.Disk
}

// Standing is how a design stands against the 3-2-1 rule (three copies,
// on two kinds of storage, one off site) and the extra 1 of 3-2-1-1-0
// (one copy out of ransomware's reach). Each list names stores in file
// order.
type Standing struct {
	Copies  []string // the primary and every backup store
	Media   []string // the kinds of storage among them (see Medium)
	OffSite []string // copies whose outermost domain is not the primary's
	// Out are the copies ransomware cannot reach: immutable or offline
	// stores that keep points, not only a replica's live copy.
	Out []string
	// Site is the primary's outermost domain; "" when the primary has no
	// domain, so that no copy can be shown to be off site.
	Site string
}

// Met reports whether the 3-2-1 rule is met.
func (st Standing) Met() bool {
	return len(st.Copies) >= 3 && len(st.Media) >= 2 && len(st.OffSite) >= 1
}

// Rule321 measures a design as it runs (Scenario.Active: parts switched
// off are no copies) against the 3-2-1 rule. It is the rule's one home:
// the audit's checks and the report's standing both read it.
func Rule321(a *scenario.Scenario) Standing {
	var st Standing
	primary := a.Primary()
	st.Site = outermost(a, primary.Domain)
	media := map[string]bool{}
	for _, x := range a.Stores {
		st.Copies = append(st.Copies, x.Name)
		if m := Medium(x); !media[m] {
			media[m] = true
			st.Media = append(st.Media, m)
		}
		if x.Primary {
			continue
		}
		if st.Site != "" && x.Domain != "" && outermost(a, x.Domain) != st.Site {
			st.OffSite = append(st.OffSite, x.Name)
		}
		if (x.Immutable || x.Offline) && !onlyReplicas(a, x.Name) {
			st.Out = append(st.Out, x.Name)
		}
	}
	return st
}

// outermost is the outermost domain enclosing domain d (d itself when
// nothing encloses it).
func outermost(s *scenario.Scenario, d string) string {
	parent := map[string]string{}
	for _, x := range s.Domains {
		parent[x.Name] = x.In
	}
	for steps := 0; d != "" && parent[d] != "" && steps <= len(parent); steps++ {
		d = parent[d]
	}
	return d
}

// onlyReplicas reports whether every job writing into store name is a
// replica.
func onlyReplicas(s *scenario.Scenario, name string) bool {
	n := 0
	for _, b := range s.Backups {
		if b.To != name {
			continue
		}
		if b.Kind != scenario.Replica {
			return false
		}
		n++
	}
	return n > 0
}
