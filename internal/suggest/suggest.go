package suggest

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Nearest returns the names closest to typed by edit distance (an
// insertion, deletion, substitution or swap of two neighbouring letters
// each counts 1; case is ignored), when they are close enough to be what
// was meant: at most 2 edits, or a third of typed's length for longer
// words. Several names at the same distance are all returned, in the
// order given; none when nothing is close or typed is one of names.
func Nearest(typed string, names []string) []string {
	limit := max(2, utf8.RuneCountInString(typed)/3)
	best := limit + 1
	var out []string
	for _, n := range names {
		if n == typed {
			return nil
		}
		d := Distance(strings.ToLower(typed), strings.ToLower(n))
		switch {
		case d < best:
			best, out = d, []string{n}
		case d == best && !slices.Contains(out, n):
			out = append(out, n)
		}
	}
	return out
}

// DidYouMean is ": did you mean X?" (or "X or Y?") for the names nearest
// to typed, with each name passed through show (nil: as is), or "" when
// none is close.
func DidYouMean(typed string, names []string, show func(string) string) string {
	near := Nearest(typed, names)
	if len(near) == 0 {
		return ""
	}
	if len(near) > 3 {
		near = near[:3]
	}
	for i, n := range near {
		if show != nil {
			near[i] = show(n)
		}
	}
	return ": did you mean " + orList(near) + "?"
}

// Distance is the optimal string alignment distance between a and b: the
// fewest insertions, deletions, substitutions and swaps of two
// neighbouring characters that turn one into the other.
func Distance(a, b string) int {
	x, y := []rune(a), []rune(b)
	// three rows of the dynamic programme: two back, one back, this one
	prev2, prev, cur := make([]int, len(y)+1), make([]int, len(y)+1), make([]int, len(y)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(x); i++ {
		cur[0] = i
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(y)]
}

// orList joins words as "a, b or c".
func orList(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}
