package report

import (
	"html/template"
	"io"
)

// page is the HTML template: one self-contained file, CSS inline, charts as
// inline SVG, no script, font or image fetched from anywhere, so that it
// opens from an email attachment with no network.
var page = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="costdial">
<title>{{.Title}}</title>
<style>
:root { --ink: #1a1a1a; --muted: #555; --rule: #d0d0d0; --band: #f4f6f8; --good: #006b4f; --bad: #a33b00; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, Helvetica, sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--rule); }
p.sub { color: var(--muted); margin: 0 0 1rem; }
.verdict { background: var(--band); border-left: 5px solid {{if .Pass}}var(--good){{else}}var(--bad){{end}}; padding: .8rem 1rem; margin: 1rem 0; font-size: 1.08rem; }
.verdict p { margin: .3rem 0; }
nav ol { margin: .3rem 0 0; padding: 0; list-style-position: inside; display: flex; flex-wrap: wrap; gap: .1rem 1.8rem; }
nav a { color: inherit; }
.scroll { overflow-x: auto; margin: .8rem 0; }
table { border-collapse: collapse; font-size: .9rem; min-width: 50%; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
th, td { padding: .25rem .6rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
td:last-child { overflow-wrap: anywhere; min-width: 12rem; }
th { background: var(--band); font-weight: 600; }
td:first-child { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
td.sub { padding-left: 1.6rem; }
td.note { min-width: 0; font-style: italic; }
tr.strong td { font-weight: 600; }
figure.chart { margin: 1.2rem 0; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { display: block; width: 100%; height: auto; max-width: 60rem; border: 1px solid var(--rule); }
figure.chart figcaption { color: var(--muted); font-size: .9rem; margin-top: .3rem; }
figure.empty p { border: 1px dashed var(--rule); padding: 1rem; color: var(--muted); }
ul { padding-left: 1.3rem; }
li { margin: .15rem 0; }
ul.small { font-size: .85rem; columns: 2; }
footer { margin-top: 3rem; padding-top: .6rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: .8rem; }
footer code { word-break: break-all; }
@media (max-width: 40rem) { ul.small { columns: 1; } }
@media print {
  @page { size: A4; margin: 14mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  tr, .verdict { break-inside: avoid; page-break-inside: avoid; }
  .scroll { overflow: visible; }
  table { font-size: 8.5pt; }
  nav { display: none; }
  figure.chart svg { max-height: 120mm; }
}
</style>
</head>
<body>
<main>
<header>
<h1>{{.Title}}</h1>
{{if .Subtitle}}<p class="sub">{{.Subtitle}}</p>{{end}}
</header>
<section class="verdict" id="verdict" aria-label="Verdict">
{{range .Verdict}}<p>{{.}}</p>
{{end}}</section>
<nav aria-label="Contents"><strong>Contents</strong><ol>
{{range .Sections}}<li><a href="#{{.ID}}">{{.Title}}</a></li>
{{end}}</ol></nav>
{{range .Sections}}
<section id="{{.ID}}">
<h2>{{.Title}}</h2>
{{range .Blocks}}{{if .Text}}<p>{{.Text}}</p>
{{else if .List}}<ul{{if gt (len .List) 8}} class="small"{{end}}>{{range .List}}<li>{{.}}</li>{{end}}</ul>
{{else if .Table}}{{template "table" .Table}}
{{else if .SVG}}<figure class="chart" id="chart-{{.Name}}">{{.SVG}}<figcaption>{{.Caption}}</figcaption></figure>
{{else if .Empty}}<figure class="chart empty" id="chart-{{.Name}}"><p>Not drawn: {{.Empty}}.</p><figcaption>{{.Caption}}</figcaption></figure>
{{end}}{{end}}</section>
{{end}}
<footer>
{{range .Footer}}<div><code>{{.}}</code></div>
{{end}}</footer>
</main>
</body>
</html>
{{define "table"}}<div class="scroll"><table>
{{if .Caption}}<caption>{{.Caption}}</caption>{{end}}
<thead><tr>{{range $i, $h := .Head}}<th scope="col"{{if index $.Num $i}} class="num"{{end}}>{{$h}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr{{if .Strong}} class="strong"{{end}}>{{$sub := .Sub}}{{range $i, $c := .Cells}}<td{{if index $.Num $i}} class="num"{{else if and $sub (eq $i 0)}} class="sub"{{else if and $.Notes (eq $i $.Last)}} class="note"{{end}}>{{$c}}</td>{{end}}</tr>
{{end}}</tbody>
</table></div>{{end}}
`))

type htmlBlock struct {
	Text    string
	List    []string
	Table   *htmlTable
	Name    string
	Caption string
	SVG     template.HTML
	Empty   string
}

type htmlTable struct {
	Caption string
	Head    []string
	Rows    []htmlRow
	Num     []bool
	Notes   bool // the last column holds the rows' notes
	Last    int  // the last column's index
}

type htmlRow struct {
	Cells  []string
	Strong bool
	Sub    bool
}

type htmlSection struct {
	ID, Title string
	Blocks    []htmlBlock
}

// htmlTableOf lays out a table for the page: a last column for the rows'
// notes when any has one.
func htmlTableOf(t *Table) *htmlTable {
	ht := &htmlTable{Caption: t.Caption, Head: t.Head}
	notes := t.hasNotes()
	ht.Notes = notes
	if notes {
		ht.Head = append(append([]string(nil), t.Head...), "")
	}
	ht.Last = len(ht.Head) - 1
	ht.Num = make([]bool, len(ht.Head))
	for i := range ht.Num {
		ht.Num[i] = t.numeric(i)
	}
	for r, row := range t.Rows {
		if notes {
			row = append(append([]string(nil), row...), t.note(r))
		}
		ht.Rows = append(ht.Rows, htmlRow{Cells: row, Strong: t.strong(r), Sub: t.sub(r)})
	}
	return ht
}

// WriteHTML renders the report as one self-contained HTML page.
func (d *Document) WriteHTML(w io.Writer) error {
	data := struct {
		Title, Subtitle string
		Pass            bool
		Verdict         []string
		Sections        []htmlSection
		Footer          []string
	}{Title: d.Title, Subtitle: d.Subtitle, Verdict: d.Verdict, Footer: d.Footer, Pass: d.Pass}
	for _, s := range d.Sections {
		hs := htmlSection{ID: s.ID, Title: s.Title}
		for _, b := range s.Blocks {
			var hb htmlBlock
			switch {
			case b.Table != nil:
				hb.Table = htmlTableOf(b.Table)
			case b.Chart != nil:
				hb.Name, hb.Caption = b.Chart.Name, b.Chart.Caption
				if b.Chart.Chart == nil {
					hb.Empty = b.Chart.Empty
					break
				}
				svg, err := b.Chart.Chart.InlineSVG(b.Chart.Caption)
				if err != nil {
					return err
				}
				hb.SVG = template.HTML(svg) // drawn by package plots, its text escaped there
			default:
				hb.Text, hb.List = b.Text, b.List
			}
			hs.Blocks = append(hs.Blocks, hb)
		}
		data.Sections = append(data.Sections, hs)
	}
	return page.Execute(w, data)
}
