package report

import (
	"encoding/csv"
	"io"
)

// WriteCSV prints the sweep as CSV (`sweep -o csv`, and sweep.csv): one
// row per design.
func (a *Sweep) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(a.CSV); err != nil {
		return err
	}
	return cw.Error()
}
