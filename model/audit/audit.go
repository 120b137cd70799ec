package audit

import (
	"fmt"
	"slices"
	"strings"

	"github.com/costdial/costdial/internal/escape"
	"github.com/costdial/costdial/model/scenario"
)

// Severity says how much a finding matters.
type Severity int

// Severities, from the least to the most serious.
const (
	// Info notes something worth knowing that is not a flaw.
	Info Severity = iota
	// Warning is a weakness: a rule of thumb broken, a risk left open.
	Warning
	// Error is a flaw the scenario itself says will hurt: a declared failure
	// that destroys every copy, a target that cannot be met.
	Error
)

func (s Severity) String() string { return [...]string{"info", "warning", "error"}[s] }

// MarshalText writes the severity as its name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Finding is one problem found in a scenario.
type Finding struct {
	Severity Severity `json:"severity"`
	Check    string   `json:"check"` // the check's name, as listed in docs/audit.md
	File     string   `json:"file"`
	Line     int      `json:"line,omitempty"` // 0 when the field was not written in the file
	Col      int      `json:"col,omitempty"`
	Flag     string   `json:"flag,omitempty"` // the --set flag the field came from, if any
	Path     string   `json:"path"`           // the field to look at, e.g. stores.nas.domain
	Problem  string   `json:"problem"`        // what is wrong, one sentence
	Fix      string   `json:"fix"`            // what to change, one line
}

// Where is "file:line:col" (or "file" and the --set flag) for messages.
func (f Finding) Where() string {
	switch {
	case f.Line > 0:
		return fmt.Sprintf("%s:%d:%d", escape.Terminal(f.File), f.Line, f.Col)
	case f.Flag != "":
		return escape.Terminal(f.File) + " (" + escape.Terminal(f.Flag) + ")"
	}
	return escape.Terminal(f.File)
}

// Checks names every check, in the order docs/audit.md lists them.
var Checks = []string{
	"three-copies", "two-media", "off-site", "immutable-or-offline", "untested",
	"single-point", "ransomware-reach", "shared-domain",
	"retention-detect", "retention-dwell", "retention-tests",
	"runs-fail", "retention-gap", "breaks-outpace-tests",
	"replica-only", "standby-offline", "copy-before-source",
	"rto-unreachable", "penalties-zero", "total-loss-cheap", "switched-off",
}

// Audit checks a loaded scenario (resolved and validated) and returns its
// findings, most serious first, then in file order. It looks at the design
// as it runs: parts switched off (`enabled: false`) are left out, and
// noted.
func Audit(s *scenario.Scenario) []Finding {
	a := &auditor{full: s, s: s.Active()}
	a.index()
	a.copies()
	a.failures()
	a.retention()
	a.runs()
	a.replicas()
	a.schedules()
	a.rto()
	a.money()
	a.cheapLoss()
	a.off()
	slices.SortStableFunc(a.list, func(x, y Finding) int {
		if x.Severity != y.Severity {
			return int(y.Severity) - int(x.Severity)
		}
		if x.Line != y.Line {
			return x.Line - y.Line
		}
		return x.Col - y.Col
	})
	return a.list
}

// Worst returns the most serious severity among findings, and false when
// there are none.
func Worst(findings []Finding) (Severity, bool) {
	if len(findings) == 0 {
		return Info, false
	}
	w := Info
	for _, f := range findings {
		w = max(w, f.Severity)
	}
	return w, true
}

type auditor struct {
	full    *scenario.Scenario // as written, for positions
	s       *scenario.Scenario // as it runs
	list    []Finding
	primary scenario.Store
	stores  map[string]scenario.Store
	copies_ []scenario.Store             // non-primary stores, in file order
	jobsTo  map[string][]scenario.Backup // jobs writing into each store
	parent  map[string]string            // domain -> enclosing domain
	// incidents: the share of service incidents each failure causes
	share map[string]float64
}

func (a *auditor) add(sev Severity, check, path, problem, fix string) {
	line, col, flag := a.full.Position(path)
	a.list = append(a.list, Finding{Severity: sev, Check: check, File: a.full.File, Line: line, Col: col, Flag: flag,
		Path: path, Problem: problem, Fix: fix})
}

func (a *auditor) index() {
	a.stores = map[string]scenario.Store{}
	a.jobsTo = map[string][]scenario.Backup{}
	a.parent = map[string]string{}
	for _, d := range a.s.Domains {
		a.parent[d.Name] = d.In
	}
	for _, st := range a.s.Stores {
		a.stores[st.Name] = st
		if st.Primary {
			a.primary = st
		} else {
			a.copies_ = append(a.copies_, st)
		}
	}
	for _, b := range a.s.Backups {
		a.jobsTo[b.To] = append(a.jobsTo[b.To], b)
	}
	a.share = map[string]float64{}
	total := 0.0
	for _, f := range a.s.Failures {
		if a.hitsPrimary(f) {
			total += f.Rate.PerHour()
		}
	}
	for _, f := range a.s.Failures {
		if a.hitsPrimary(f) && total > 0 {
			a.share[f.Name] = f.Rate.PerHour() / total
		}
	}
}

// hits reports whether failure f strikes store st (the engine's rule).
func (a *auditor) hits(f scenario.Failure, st scenario.Store) bool { return a.s.Hits(f, st) }

func (a *auditor) hitsPrimary(f scenario.Failure) bool {
	return f.Kind == scenario.Logical || f.Kind == scenario.Ransomware || a.hits(f, a.primary)
}

func names(stores []scenario.Store) string {
	var n []string
	for _, st := range stores {
		n = append(n, st.Name)
	}
	return andList(n)
}

// andList joins words as "a, b and c".
func andList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
