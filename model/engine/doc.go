// Package engine is costdial's Monte Carlo simulator. It plays many trials
// of a scenario: in each, failures strike as Poisson processes and every
// incident is resolved against the backup schedules by arithmetic on those
// schedules (the newest usable point is computed, never found by stepping
// through runs or hours). It reports realized RPO and RTO per incident,
// yearly downtime and data loss, total-loss rates and the figures the cost
// model needs. Summaries count total losses as the worst outcome, and
// intervals take the trial, not the incident, as the independent unit.
//
// Every random number is keyed, not drawn from a generator carried along:
// by the run's seed and the trial's index, by the failure's or job's name,
// and within an incident by the strike and the purpose of the draw
// (random.go). Every accumulator is an integer. So the same seed and trial
// count give the same result on any number of cores, and designs with the
// same failures meet the same incidents.
//
// The code follows the lifetimes of its state:
//
//   - compile.go, tables.go: a model is the scenario compiled once, with
//     the tables its trials read; read-only, shared by every worker.
//   - run.go: workers take blocks of trials; a block's strikes are drawn
//     once and played by every design that shares them.
//   - trial.go, breaks.go: a trial is one worker's player of one design;
//     play resets its per-trial state (trialState) and resolves each strike.
//   - incident.go: an incident is one strike being resolved, passed to its
//     failure's handler and on to the searches.
//   - points.go: the searches for the newest usable point answering a
//     query, over spans (spans.go) of wipes, breaks and damage.
//   - trace.go, observe.go: what a trial did, recorded only when asked.
//   - accumulate.go, stats.go, result.go: sums and the Result built from
//     them.
package engine
