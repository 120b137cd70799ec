// Package cost computes what a design costs a month: storage held in each
// store (by job kind, compression and minimum billed duration), fixed costs,
// and, from a simulation's tallies, expected restore fees and the expected
// penalty of its incidents.
package cost
