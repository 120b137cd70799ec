package report

// The JSON renderings: each account's data, under a "version" field that
// changes when a field is renamed or removed (adding one keeps it).

import (
	"encoding/json"
	"fmt"
	"io"
)

// Versions of the JSON shapes costdial prints.
const (
	runShape      = 1
	sweepShape    = 1
	validateShape = 1
	versionShape  = 1
	compareShape  = 1
	auditShape    = 1
)

// versioned adds a "version" field to a JSON object: the fields of V are
// printed after it, as if they were its own.
type versioned struct {
	Version int `json:"version"`
	V       any `json:"-"`
}

// MarshalJSON prints {"version": N, ...the fields of V...}.
func (v versioned) MarshalJSON() ([]byte, error) {
	inner, err := json.Marshal(v.V)
	if err != nil {
		return nil, err
	}
	head := fmt.Sprintf(`{"version":%d`, v.Version)
	if string(inner) == "{}" {
		return []byte(head + "}"), nil
	}
	return append([]byte(head+","), inner[1:]...), nil
}

// writeJSON prints v indented, as every command's -o json does.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// WriteJSON prints the run's result (`run -o json`).
func (a *Run) WriteJSON(w io.Writer) error { return writeJSON(w, versioned{runShape, a.result}) }

// WriteJSON prints the sweep (`sweep -o json`, and sweep.json).
func (a *Sweep) WriteJSON(w io.Writer) error { return writeJSON(w, versioned{sweepShape, a.sweep}) }

// WriteJSON prints both results and the paired differences.
func (a *Compare) WriteJSON(w io.Writer) error { return writeJSON(w, versioned{compareShape, a.json}) }

// WriteJSON prints every file's findings and counts.
func (a *Audit) WriteJSON(w io.Writer) error {
	return writeJSON(w, versioned{auditShape, struct {
		Files []auditJSON `json:"files"`
	}{a.json}})
}

// WriteJSON prints the presets, or the one asked for, and the providers'
// network prices.
func (a *Tiers) WriteJSON(w io.Writer) error { return writeJSON(w, a.json) }

// WriteJSON prints each file's verdict.
func (v *Validation) WriteJSON(w io.Writer) error {
	return writeJSON(w, versioned{validateShape, map[string]any{"files": v.Files}})
}

// WriteJSON prints the version.
func (v *Version) WriteJSON(w io.Writer) error {
	return writeJSON(w, versioned{versionShape, map[string]string{"costdial": v.version}})
}

// WriteJSON prints data that is its own account, such as the scenario's
// JSON Schema, as the commands print JSON: indented.
func WriteJSON(w io.Writer, v any) error { return writeJSON(w, v) }
