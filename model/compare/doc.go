// Package compare runs two designs on the same random failures and
// estimates their difference with an interval that accounts for the
// pairing: both designs see the same trials (common random numbers), so the
// noise that is common to both cancels and the interval on the difference
// is much narrower than the two designs' own intervals suggest.
// docs/compare.md explains the estimate.
package compare
