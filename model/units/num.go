package units

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// splitNumber splits s into a leading decimal number and the rest.
// It accepts an optional sign, digits, a decimal point and an exponent.
func splitNumber(s string) (float64, string, bool) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' || s[i] == '_') {
		if s[i] != '.' {
			digits++
		}
		i++
	}
	if digits == 0 {
		return 0, s, false
	}
	// An exponent only when followed by a digit (so "5e" is not eaten from "5eur").
	if i+1 < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && s[j] >= '0' && s[j] <= '9' {
			for j < len(s) && s[j] >= '0' && s[j] <= '9' {
				j++
			}
			i = j
		}
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(s[:i], "_", ""), 64)
	if err != nil || !finite(v) {
		return 0, s, false
	}
	return v, s[i:], true
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// tooLarge is the hint for a value whose number is fine but whose unit
// carries it beyond what a float64 holds.
const tooLarge = "too large to compute with"

// formatFloat prints v in the shortest form that parses back to v.
func formatFloat(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// syntaxError is the error every parser in this package returns: what was
// expected and what was found, in the standard library's voice.
type syntaxError struct {
	what  string // "duration", "size", ...
	input string
	hint  string
}

func (e *syntaxError) Error() string {
	if e.hint == "" {
		return fmt.Sprintf("invalid %s %q", e.what, e.input)
	}
	return fmt.Sprintf("invalid %s %q: %s", e.what, e.input, e.hint)
}

func errSyntax(what, input, hint string) error {
	return &syntaxError{what: what, input: input, hint: hint}
}
