package report

// Field is one labelled figure or line: "Incidents", "2.81 a year".
type Field struct {
	Label, Value string
}

// Table is a table of text cells, every cell decided by the account that
// holds it; a rendering only lays it out.
type Table struct {
	Caption string
	Head    []string
	Rows    [][]string
	Numeric []bool   // columns aligned right where the rendering can
	Strong  []bool   // rows to emphasise: totals, the recommended design
	Sub     []bool   // rows that belong to the row above (a store's jobs)
	Notes   []string // a remark on a row ("cheapest meeting targets"), or ""
}

// add appends a row and its marks.
func (t *Table) add(row []string, strong, sub bool, note string) {
	t.Rows = append(t.Rows, row)
	t.Strong = append(t.Strong, strong)
	t.Sub = append(t.Sub, sub)
	t.Notes = append(t.Notes, note)
}

// strong reports whether row r is emphasised.
func (t *Table) strong(r int) bool { return r < len(t.Strong) && t.Strong[r] }

// sub reports whether row r belongs to the row above.
func (t *Table) sub(r int) bool { return r < len(t.Sub) && t.Sub[r] }

// note is row r's remark, or "".
func (t *Table) note(r int) string {
	if r < len(t.Notes) {
		return t.Notes[r]
	}
	return ""
}

// hasNotes reports whether any row has a remark.
func (t *Table) hasNotes() bool {
	for _, n := range t.Notes {
		if n != "" {
			return true
		}
	}
	return false
}

// numeric reports whether column c is aligned right.
func (t *Table) numeric(c int) bool { return c < len(t.Numeric) && t.Numeric[c] }
