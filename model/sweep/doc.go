// Package sweep turns the cost dial: it runs a scenario once for every
// combination of its dial values (a grid), all with the same seed so that
// differences between designs are the designs' and not noise, and finds the
// Pareto front of monthly cost against RPO and RTO at the target percentile
// and recommends: the cheapest design that meets the targets, the one with
// the least cost with its risk, and the trade-off between them, comparing
// money in cents.
package sweep
