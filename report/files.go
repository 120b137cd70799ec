package report

import (
	"strings"

	"github.com/costdial/costdial/internal/escape"
)

// Validation is the account of `costdial validate`: each file's verdict.
type Validation struct {
	Files []Checked
	// Bad counts the files with a problem: the command exits with status 1.
	Bad int
}

// Checked is one file's verdict: OK, or every problem found in it.
type Checked struct {
	File   string   `json:"file"`
	OK     bool     `json:"ok"`
	Errors []string `json:"errors"`
}

// Add adds a file's verdict: err is nil when it is valid, or the problems
// found, one a line.
func (v *Validation) Add(file string, err error) {
	c := Checked{File: file, OK: err == nil, Errors: []string{}}
	if err != nil {
		v.Bad++
		c.Errors = strings.Split(err.Error(), "\n")
	}
	v.Files = append(v.Files, c)
}

// Written is what a command that writes files says it wrote: the files,
// and for each chart left out, why.
type Written struct {
	Lines []string
}

// NewWritten says that files were written, and that the charts in
// skipped were not (each "NAME: not drawn, why").
func NewWritten(files, skipped []string) *Written {
	w := &Written{}
	if len(files) > 0 {
		shown := make([]string, len(files))
		for i, f := range files {
			shown[i] = escape.Terminal(f) // a file name may hold anything
		}
		w.Lines = append(w.Lines, "Wrote "+strings.Join(shown, ", "))
	}
	w.Lines = append(w.Lines, skipped...)
	return w
}

// Version is the account of `costdial version`.
type Version struct {
	Line    string // "costdial v1.2.3 (go1.26.8)"
	version string
}

// NewVersion is the account of costdial's version v.
func NewVersion(v string) *Version { return &Version{Line: "costdial " + v, version: v} }
