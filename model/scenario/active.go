package scenario

import "strings"

// Active returns the scenario as it runs: without the stores and jobs that
// are switched off. A job is off when it says `enabled: false`, when its
// target store is off, or when it copies from a store that is off; a store
// is off when it says so or when every job that writes to it is off (it
// would hold nothing). The primary is always on. The result shares its
// values with s and must not be changed; s itself is left as it is, so
// validation and reports still see every part.
func (s *Scenario) Active() *Scenario {
	offStore := map[string]bool{}
	offJob := map[string]bool{}
	for _, st := range s.Stores {
		if !st.Enabled && !st.Primary {
			offStore[st.Name] = true
		}
	}
	for _, b := range s.Backups {
		if !b.Enabled {
			offJob[b.Name] = true
		}
	}
	if len(offStore) == 0 && len(offJob) == 0 {
		return s
	}
	// switching one part off can switch others off: repeat until nothing changes
	for changed := true; changed; {
		changed = false
		for _, b := range s.Backups {
			if !offJob[b.Name] && (offStore[b.To] || offStore[b.From]) {
				offJob[b.Name], changed = true, true
			}
		}
		for _, st := range s.Stores {
			if st.Primary || offStore[st.Name] {
				continue
			}
			fed := false
			for _, b := range s.Backups {
				fed = fed || (b.To == st.Name && !offJob[b.Name])
			}
			if !fed {
				offStore[st.Name], changed = true, true
			}
		}
	}
	a := *s
	a.Stores, a.Backups = nil, nil
	for _, st := range s.Stores {
		if !offStore[st.Name] {
			a.Stores = append(a.Stores, st)
		}
	}
	for _, b := range s.Backups {
		if !offJob[b.Name] {
			a.Backups = append(a.Backups, b)
		}
	}
	return &a
}

// Primary returns the store that holds the live data (the first marked
// primary: Validate refuses a scenario with none or more than one), or a
// zero Store when there is none.
func (s *Scenario) Primary() Store {
	for _, st := range s.Stores {
		if st.Primary {
			return st
		}
	}
	return Store{}
}

// Off lists the stores and jobs that Active leaves out, as field paths
// (stores.nas, backups.weekly-pull), in file order.
func (s *Scenario) Off() []string {
	a := s.Active()
	on := map[string]bool{}
	for _, st := range a.Stores {
		on["stores."+st.Name] = true
	}
	for _, b := range a.Backups {
		on["backups."+b.Name] = true
	}
	var off []string
	for _, st := range s.Stores {
		if !on["stores."+st.Name] {
			off = append(off, "stores."+st.Name)
		}
	}
	for _, b := range s.Backups {
		if !on["backups."+b.Name] {
			off = append(off, "backups."+b.Name)
		}
	}
	return off
}

// Position returns where the field at path was given: its line and column
// in s.File, or the --set flag it came from. When the field itself was left
// out, the nearest enclosing field that was written is used (a store's
// entry for one of its defaulted fields). All are zero when nothing on the
// path was written.
func (s *Scenario) Position(path string) (line, col int, flag string) {
	for q := path; ; {
		if o, ok := s.where[q]; ok {
			return o.line, o.col, o.flag
		}
		i := strings.LastIndexAny(q, ".[")
		if i < 0 {
			return 0, 0, ""
		}
		q = q[:i]
	}
}
