// Package units holds the value types of a scenario file: durations with
// days, weeks and years; sizes; throughputs; event rates; money; fractions;
// and duration distributions. Each type parses the text a person writes
// (Parse / Set), prints a form that parses back to the same value (String),
// and is used unchanged by the YAML decoder and by --set flags.
package units
