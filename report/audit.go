package report

import (
	"fmt"

	"github.com/costdial/costdial/internal/escape"
	"github.com/costdial/costdial/internal/numfmt"
	"github.com/costdial/costdial/model/audit"
)

// Audit is the account of `costdial audit` over one or more files: each
// file's findings and its count of errors, warnings and notes.
type Audit struct {
	Files []AuditedFile
	// Failed is true when a file has an error finding (or could not be
	// audited): the command exits with status 1.
	Failed bool

	json []auditJSON
}

// AuditedFile is the account of one audited file.
type AuditedFile struct {
	Findings []Finding
	Summary  string // "small-saas.yaml: no errors, 3 warnings, no notes"
}

// Finding is one finding as a reader sees it: where and what, then the fix.
type Finding struct {
	What string // "file:line:col: warning: path: problem"
	Fix  string // "fix: ..."
}

// auditJSON is the JSON of one audited file.
type auditJSON struct {
	File     string          `json:"file"`
	Findings []audit.Finding `json:"findings"`
	Errors   int             `json:"errors"`
	Warnings int             `json:"warnings"`
	Infos    int             `json:"infos"`
}

// Add adds the findings of one file, named file.
func (a *Audit) Add(file string, findings []audit.Finding) {
	j := auditJSON{File: file, Findings: findings}
	if j.Findings == nil {
		j.Findings = []audit.Finding{}
	}
	var f AuditedFile
	for _, x := range findings {
		switch x.Severity {
		case audit.Error:
			j.Errors++
			a.Failed = true
		case audit.Warning:
			j.Warnings++
		default:
			j.Infos++
		}
		f.Findings = append(f.Findings, Finding{
			What: fmt.Sprintf("%s: %s: %s: %s", x.Where(), x.Severity, x.Path, x.Problem),
			Fix:  "fix: " + x.Fix,
		})
	}
	f.Summary = fmt.Sprintf("%s: %s, %s, %s", escape.Terminal(file), numfmt.Counted(int64(j.Errors), "error", "errors"),
		numfmt.Counted(int64(j.Warnings), "warning", "warnings"), numfmt.Counted(int64(j.Infos), "note", "notes"))
	a.Files = append(a.Files, f)
	a.json = append(a.json, j)
}
