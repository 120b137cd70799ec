package report

// The Markdown renderings: a run, a sweep and the report, each laid out
// from its account with one table writer and one escaping rule.

import (
	"fmt"
	"io"
	"strings"

	"github.com/costdial/costdial/internal/escape"
)

// md builds a Markdown document.
type md struct{ strings.Builder }

// para writes text as a paragraph, escaped.
func (b *md) para(text string) { fmt.Fprintf(b, "%s\n\n", mdEscape(text)) }

// strong writes text as an emphasised paragraph.
func (b *md) strong(text string) { fmt.Fprintf(b, "**%s**\n\n", mdEscape(text)) }

// heading writes a heading of the given level.
func (b *md) heading(level int, text string) {
	fmt.Fprintf(b, "%s %s\n\n", strings.Repeat("#", level), mdEscape(text))
}

// list writes items as a bulleted list.
func (b *md) list(items []string) {
	if len(items) == 0 {
		return
	}
	for _, item := range items {
		fmt.Fprintf(b, "- %s\n", mdEscape(item))
	}
	b.WriteString("\n")
}

// lines writes lines as one paragraph, keeping its line breaks.
func (b *md) lines(ls []string) {
	if len(ls) == 0 {
		return
	}
	escaped := make([]string, len(ls))
	for i, l := range ls {
		escaped[i] = mdEscape(l)
	}
	fmt.Fprintf(b, "%s\n\n", strings.Join(escaped, "\n"))
}

// fields writes labelled figures as a two-column table.
func (b *md) fields(fs []Field) {
	t := Table{Head: []string{"", ""}}
	for _, f := range fs {
		t.add([]string{f.Label, f.Value}, false, false, "")
	}
	b.table(&t)
}

// mdEscape is the one escaping rule of every Markdown rendering: text a
// scenario supplies renders as itself, and cannot end its cell, list item
// or paragraph, or reach a Markdown tool as HTML (escape.Markdown).
func mdEscape(s string) string { return escape.Markdown(s) }

// table writes a table: its caption in bold, numeric columns aligned
// right, emphasised rows in bold, a row belonging to the one above marked
// "↳", and a last column for the rows' notes when any has one.
func (b *md) table(t *Table) {
	if t.Caption != "" {
		b.strong(t.Caption)
	}
	cell := func(s string) string {
		if s = mdEscape(s); s == "" {
			return " "
		}
		return s
	}
	head := t.Head
	notes := t.hasNotes()
	if notes {
		head = append(append([]string(nil), head...), "")
	}
	b.WriteString("|")
	for _, h := range head {
		fmt.Fprintf(b, " %s |", cell(h))
	}
	b.WriteString("\n|")
	for i := range head {
		if t.numeric(i) {
			b.WriteString("---:|")
		} else {
			b.WriteString("---|")
		}
	}
	b.WriteString("\n")
	for r, row := range t.Rows {
		if notes {
			row = append(append([]string(nil), row...), t.note(r))
		}
		b.WriteString("|")
		for i, c := range row {
			c = cell(c)
			if t.sub(r) && i == 0 {
				c = "↳ " + c
			}
			if t.strong(r) && c != " " {
				c = "**" + c + "**"
			}
			fmt.Fprintf(b, " %s |", c)
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
}

// flush writes the document to w.
func (b *md) flush(w io.Writer) error {
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMarkdown prints the run as Markdown (`run -o markdown`), for a wiki
// or a pull request: what the text prints, but each failure's full
// figures.
func (a *Run) WriteMarkdown(w io.Writer) error {
	var b md
	b.heading(1, a.Name)
	if a.Description != "" {
		b.para(a.Description)
	}
	b.para(a.Setup + ".")
	b.fields(a.Summary)
	for _, n := range a.SummaryNotes {
		b.para(n)
	}
	a.Targets.writeMarkdown(&b)
	b.heading(2, "By failure")
	b.table(&a.ByFailure)
	b.heading(2, "Cost per month")
	b.table(&a.Cost)
	b.para(a.ExpectedLoss)
	b.strong(a.Closing)
	b.lines(a.Advice)
	return b.flush(w)
}

// writeMarkdown writes the targets section.
func (t Targets) writeMarkdown(b *md) {
	b.heading(2, "Targets")
	b.para(t.Goal + ".")
	var items []string
	for _, f := range t.Lines {
		items = append(items, f.Label+" "+f.Value)
	}
	b.list(items)
	if len(t.List.Rows) > 0 {
		b.table(&t.List)
	}
	for _, n := range t.Notes {
		b.para(n)
	}
	b.strong(t.Verdict)
	if len(t.Misses.Rows) > 0 {
		m := t.Misses
		m.Caption = t.MissesIntro
		b.table(&m)
	}
}

// WriteMarkdown prints the sweep as Markdown: its table, findings and
// notes.
func (a *Sweep) WriteMarkdown(w io.Writer) error {
	var b md
	b.heading(1, a.Name+": the cost dial")
	b.para(a.Setup + ".")
	if len(a.Pin) > 0 {
		b.para("Pinned: " + strings.Join(a.Pin, ", ") + ".")
	}
	b.table(&a.Table)
	b.para("Targets: " + a.Goal + ". " + a.Legend)
	b.list(a.Findings)
	if a.AsWritten != "" {
		b.para(a.AsWritten)
	}
	b.lines(a.Advice)
	return b.flush(w)
}

// WriteMarkdown renders the report as Markdown. Charts are linked as
// images at imgPrefix+NAME.png; Charts(imgPrefix) lists them for the
// caller to write there.
func (d *Document) WriteMarkdown(w io.Writer, imgPrefix string) error {
	var b md
	b.heading(1, d.Title)
	if d.Subtitle != "" {
		b.para(d.Subtitle)
	}
	fmt.Fprintf(&b, "> **Verdict.** %s\n\n", mdEscape(strings.Join(d.Verdict, " ")))
	for _, s := range d.Sections {
		b.heading(2, s.Title)
		for _, bl := range s.Blocks {
			switch {
			case bl.Table != nil:
				b.table(bl.Table)
			case bl.Chart != nil:
				if bl.Chart.Chart == nil {
					fmt.Fprintf(&b, "*%s: not drawn, %s.*\n\n", mdEscape(bl.Chart.Caption), mdEscape(bl.Chart.Empty))
				} else {
					fmt.Fprintf(&b, "![%s](%s)\n\n", mdEscape(bl.Chart.Caption), escape.MarkdownLink(imgPrefix+bl.Chart.Name+".png"))
				}
			case len(bl.List) > 0:
				b.list(bl.List)
			default:
				b.para(bl.Text)
			}
		}
	}
	// the footer (the command that reproduces the report, which may hold
	// anything a --set value held) is shown verbatim
	b.WriteString("---\n\n")
	b.WriteString(escape.MarkdownCode(d.Footer...))
	return b.flush(w)
}
