// Package report builds one account of a run, the report a budget meeting
// reads, and renders it as a self-contained HTML page and as Markdown. The
// account is built once from the model's results (a scenario, its run and,
// when the scenario has a dial, its sweep); the renderings only lay it out.
//
// It also draws the charts of a sweep and of a run (with package plots), so
// that `sweep`, `plot` and `report` show the same charts.
package report
