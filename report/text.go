package report

// The terminal text of every command: each function lays out an account,
// deciding no figure, verdict or sentence (a test keeps this file to
// layout's imports).

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/costdial/costdial/internal/escape"
)

// errWriter remembers the first error of a run of writes, so that a
// rendering checks once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

// printf writes a formatted line part.
func (e *errWriter) printf(format string, args ...any) { fmt.Fprintf(e, format, args...) }

// line writes s and a newline.
func (e *errWriter) line(s string) { io.WriteString(e, s+"\n") }

// fields writes labelled lines, each value at the column after the
// longest label and gap spaces.
func (e *errWriter) fields(indent string, gap int, fs []Field) {
	width := 0
	for _, f := range fs {
		width = max(width, len([]rune(f.Label)))
	}
	for _, f := range fs {
		e.printf("%s%s%s%s\n", indent, f.Label, strings.Repeat(" ", width-len([]rune(f.Label))+gap), f.Value)
	}
}

// cells is a row of a left-aligned text table, its cells separated by
// tabs; trim leaves out empty cells at its end.
func cells(indent string, row []string, trim bool) string {
	if trim {
		for len(row) > 0 && row[len(row)-1] == "" {
			row = row[:len(row)-1]
		}
	}
	return indent + strings.Join(row, "\t") + "\n"
}

// upper is a table's head as the terminal prints it.
func upper(head []string) []string {
	out := make([]string, len(head))
	for i, h := range head {
		out[i] = strings.ToUpper(h)
	}
	return out
}

// table writes a left-aligned table with its head in capitals.
func (e *errWriter) table(indent string, t Table) {
	tw := tabwriter.NewWriter(e, 0, 0, 2, ' ', 0)
	io.WriteString(tw, cells(indent, upper(t.Head), false))
	for _, row := range t.Rows {
		io.WriteString(tw, cells(indent, row, false))
	}
	tw.Flush()
}

// WriteText prints the run as `costdial run` does; perFailure adds every
// failure's full figures.
func (a *Run) WriteText(w io.Writer, perFailure bool) error {
	e := &errWriter{w: w}
	e.line(a.Name + ": " + a.Setup)
	if a.Description != "" {
		e.line(a.Description)
	}
	e.line("")
	e.fields("", 2, a.Summary)
	for _, n := range a.SummaryNotes {
		e.line(n)
	}
	a.Targets.writeText(e)
	e.line("\nBy failure:")
	e.table("  ", a.ByFailure)
	if perFailure {
		for _, f := range a.Failures {
			e.line("\n" + f.Title)
			e.fields("  ", 1, f.Lines)
		}
	}
	e.line("\nCost per month:")
	// a table of amounts, aligned right, each cell closed by a tab
	tw := tabwriter.NewWriter(e, 0, 0, 2, ' ', tabwriter.AlignRight)
	t := a.Cost
	io.WriteString(tw, "  "+strings.Join(upper(t.Head), "\t")+"\t\n")
	for r, row := range t.Rows {
		indent := "  "
		if t.sub(r) {
			indent = "    "
		}
		io.WriteString(tw, indent+strings.Join(row, "\t")+"\t\n")
	}
	tw.Flush()
	e.line("  " + a.ExpectedLoss)
	e.line("\n" + a.Closing)
	for _, l := range a.Advice {
		e.line(l)
	}
	return e.err
}

// writeText prints the targets, the verdict and, on a miss, the failures
// outside them.
func (t Targets) writeText(e *errWriter) {
	e.line("\nTargets: " + t.Goal)
	e.fields("  ", 1, t.Lines)
	if len(t.List.Rows) > 0 {
		e.line("")
		e.table("  ", t.List)
	}
	for _, n := range t.Notes {
		e.line("  " + n)
	}
	e.line("  " + t.Verdict)
	if t.MissesIntro == "" {
		return
	}
	e.line("  " + t.MissesIntro)
	tw := tabwriter.NewWriter(e, 0, 0, 2, ' ', 0)
	for _, row := range t.Misses.Rows {
		row = append([]string(nil), row...)
		row[2] = "(" + row[2] + ")"
		io.WriteString(tw, cells("    ", row, true))
	}
	tw.Flush()
}

// WriteText prints the sweep as `costdial sweep` does: the table of
// designs, the findings, and the files written.
func (a *Sweep) WriteText(w io.Writer) error {
	e := &errWriter{w: w}
	e.line(a.Name + ": " + a.Setup + "\n")
	if len(a.Pin) > 0 {
		e.line("Pinned: " + strings.Join(a.Pin, ", ") + "\n")
	}
	tw := tabwriter.NewWriter(e, 0, 0, 2, ' ', 0)
	io.WriteString(tw, cells("  ", upper(a.Table.Head), false))
	for r, row := range a.Table.Rows {
		row = append([]string(nil), row...)
		if n := a.Table.note(r); n != "" {
			row[len(row)-1] += " <- " + n
		}
		io.WriteString(tw, cells("  ", row, false))
	}
	tw.Flush()
	e.line("\nTargets: " + a.Goal + ". " + a.Legend)
	for _, f := range a.Findings {
		e.line(f)
	}
	if a.AsWritten != "" {
		e.line(a.AsWritten)
	}
	for _, l := range a.Advice {
		e.line(l)
	}
	if len(a.Files) > 0 {
		e.line("")
		for _, l := range a.Files {
			e.line(l)
		}
	}
	return e.err
}

// WriteText prints the comparison as `costdial compare` does.
func (a *Compare) WriteText(w io.Writer) error {
	e := &errWriter{w: w}
	e.line(a.Setup)
	e.line("  A  " + escape.Terminal(a.A)) // file names: anything
	e.line("  B  " + escape.Terminal(a.B) + "\n")
	tw := tabwriter.NewWriter(e, 0, 0, 2, ' ', 0)
	for _, row := range append([][]string{a.Table.Head}, a.Table.Rows...) {
		io.WriteString(tw, cells("  ", row, false))
	}
	tw.Flush()
	for _, n := range a.Notes {
		e.line("  " + n)
	}
	e.line("\n" + a.Verdict)
	return e.err
}

// WriteText tells the incidents as `costdial explain` does.
func (a *Explain) WriteText(w io.Writer) error {
	e := &errWriter{w: w}
	e.line(a.Head)
	for _, l := range a.Lines {
		e.line(l)
	}
	for _, s := range a.Stories {
		e.line("\n" + s.Title)
		for _, m := range s.Lines {
			e.printf("  %-14s %s\n", m.At, m.Text)
			for _, c := range m.Copies {
				e.printf("  %-14s   %-12s %s\n", "", c.Label, c.Value)
			}
			for _, st := range m.Steps {
				e.printf("  %-14s   %-10s %s\n", "", st.Label, st.Value)
			}
		}
	}
	return e.err
}

// WriteText prints every file's findings and counts, files apart by a
// blank line.
func (a *Audit) WriteText(w io.Writer) error {
	e := &errWriter{w: w}
	for i, f := range a.Files {
		if i > 0 {
			e.line("")
		}
		for _, x := range f.Findings {
			e.line(x.What)
			e.line("    " + x.Fix)
		}
		e.line(f.Summary)
	}
	return e.err
}

// WriteText prints the presets' table, or one preset in full.
func (a *Tiers) WriteText(w io.Writer) error {
	e := &errWriter{w: w}
	tw := tabwriter.NewWriter(e, 0, 0, 2, ' ', 0)
	if t := a.One; t != nil {
		io.WriteString(tw, t.Name+"\t"+t.Description+"\n")
		for _, f := range t.Figures {
			io.WriteString(tw, "  "+f.Label+"\t"+f.Value+"\n")
		}
		tw.Flush()
		e.line("\nSources:")
		for _, s := range t.Sources {
			e.line("  " + s.Label + ": " + s.Value)
		}
		return e.err
	}
	io.WriteString(tw, cells("", upper(a.Table.Head), false))
	for _, row := range a.Table.Rows {
		io.WriteString(tw, cells("", row, false))
	}
	tw.Flush()
	e.line("")
	for _, l := range a.Footer {
		e.line(l)
	}
	return e.err
}

// WriteText prints "FILE: OK" for each valid file to out and the problems
// of each other one to errOut.
func (v *Validation) WriteText(out, errOut io.Writer) error {
	e, ee := &errWriter{w: out}, &errWriter{w: errOut}
	for _, c := range v.Files {
		if c.OK {
			e.line(escape.Terminal(c.File) + ": OK")
			continue
		}
		ee.line(strings.Join(c.Errors, "\n"))
	}
	if e.err != nil {
		return e.err
	}
	return ee.err
}

// WriteText prints what was written, one line each.
func (wr *Written) WriteText(w io.Writer) error {
	e := &errWriter{w: w}
	for _, l := range wr.Lines {
		e.line(l)
	}
	return e.err
}

// WriteText prints the version.
func (v *Version) WriteText(w io.Writer) error {
	e := &errWriter{w: w}
	e.line(v.Line)
	return e.err
}
