// Package report turns the model's results into what people read: the
// account of a run that `costdial report` writes, the same account as a
// self-contained HTML page and as Markdown, the terminal text of `run` and
// `sweep`, and the charts of a run and a sweep (drawn with package plots),
// so that `sweep`, `plot` and `report` show the same charts. The account is
// built once from a scenario, its run and, when the scenario has a dial,
// its sweep; the renderings only lay it out. cmd/costdial only parses
// flags, runs the model and writes files.
package report
