// Package report is costdial's account layer: for every result a command
// prints (a run, a sweep, the report for a budget meeting, a comparison,
// explained incidents, an audit, the tier catalog), it builds one account,
// once, from the model's results: every figure, verdict and sentence. The
// renderers lay an account out as terminal text, Markdown, HTML, CSV or
// JSON and decide nothing: text.go, markdown.go, html.go, csv.go and
// json.go import only layout packages (a test in internal/architecture
// keeps them so), and a test in cmd/costdial checks that every rendering
// of a run and of a sweep states what the terminal text states.
//
// Run and Sweep are the accounts of a run and a sweep; Document, the
// report, is assembled from them and adds its own sections and the charts
// (drawn with package plots). cmd/costdial only parses flags, runs the
// model and writes files. docs/architecture.md draws the whole.
package report
