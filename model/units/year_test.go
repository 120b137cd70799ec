package units

import (
	"testing"

	"github.com/costdial/costdial/internal/numfmt"
)

// The year the engine counts in is the year every figure is printed in:
// package numfmt, which imports nothing of model/, keeps its own constant.
func TestYearIsNumfmtYear(t *testing.T) {
	if Year.Hours() != numfmt.HoursPerYear {
		t.Errorf("units.Year is %gh, numfmt.HoursPerYear %dh", Year.Hours(), numfmt.HoursPerYear)
	}
}
