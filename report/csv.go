package report

import (
	"encoding/csv"
	"io"

	"github.com/costdial/costdial/internal/escape"
)

// WriteCSV prints the sweep as CSV (`sweep -o csv`, and sweep.csv): one
// row per design. A cell a spreadsheet would read as a formula (a dial's
// value or path the scenario gave, starting with =, +, -, @...) is
// neutralised (escape.CSVCell); numbers are left as they are.
func (a *Sweep) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	for _, row := range a.CSV {
		cells := make([]string, len(row))
		for i, c := range row {
			cells[i] = escape.CSVCell(c)
		}
		if err := cw.Write(cells); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
