// Package engine is costdial's Monte Carlo simulator. It plays many trials
// of a scenario: in each, failures strike as Poisson processes and every
// incident is resolved against the backup schedules by arithmetic on those
// schedules (the newest usable point is computed, never found by stepping
// through runs or hours). It reports realized RPO and RTO per incident,
// yearly downtime and data loss, total-loss rates and the figures the cost
// model needs. Summaries count total losses as the worst outcome, and
// intervals take the trial, not the incident, as the independent unit.
// Trials run in fixed blocks, each with its own seeded random
// stream, and every accumulator is an integer, so the same seed and trial
// count give the same result on any number of cores.
package engine
