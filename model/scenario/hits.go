package scenario

// Inside reports whether domain d is target or lies within it, following
// each domain's `in:` outwards.
func (s *Scenario) Inside(d, target string) bool {
	for at, steps := d, 0; at != "" && steps <= len(s.Domains); steps++ {
		if at == target {
			return true
		}
		next := ""
		for _, dom := range s.Domains {
			if dom.Name == at {
				next = dom.In
				break
			}
		}
		at = next
	}
	return false
}

// Hits reports whether failure f strikes store st: ransomware every store
// that is neither immutable nor offline, a logical failure the primary,
// any other kind the store it names or every store in the domain it names.
func (s *Scenario) Hits(f Failure, st Store) bool {
	switch f.Kind {
	case Ransomware:
		return !st.Immutable && !st.Offline
	case Logical:
		return st.Primary
	}
	return st.Name == f.Hits || (st.Domain != "" && s.Inside(st.Domain, f.Hits))
}
