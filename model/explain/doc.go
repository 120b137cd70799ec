// Package explain picks incidents from a run for `costdial explain` to
// tell: the first ones of a failure, or the ones that set the tail (total
// losses, then the largest data losses). It plays the run twice with the
// same seed: once to choose, once to record the chosen trials in full
// (engine.Options.Detail). The engine is the only simulator: the incidents
// told are the ones the run counted, with the figures it counted.
package explain
