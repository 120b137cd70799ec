// Package sweep turns the cost dial: it runs a scenario once for every
// combination of its dial values (a grid), all with the same seed so that
// differences between designs are the designs' and not noise, and finds the
// Pareto front of monthly cost against RPO and RTO at the target percentile
// and the cheapest design that meets the targets.
package sweep
