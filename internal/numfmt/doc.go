// Package numfmt prints costdial's figures: hours in the unit a person
// would use, money, shares, yearly rates, sizes and counts. It is the one
// home of every number format, so that the terminal text, the Markdown and
// HTML reports, the audit's messages and the charts print a figure alike:
// one thousands separator, one money style, one length of year (365 days,
// as package units counts it), one rule for when a rate becomes "1 in N
// years", one word for a figure without bound.
//
// It imports nothing of costdial, so that every package may use it:
// model/audit, plots (which imports nothing of model/), report and cmd.
package numfmt
