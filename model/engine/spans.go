package engine

import "math"

// interval is a half-open span of simulated hours [a, b).
type interval struct{ a, b float64 }

// spans is a list of intervals kept in order of their starts, with the
// running maximum of their ends, so that "which span covers x" is two
// binary searches however many spans a trial piles up: a trial's time is
// linear in its incidents, not quadratic.
//
// Ends may be lowered later (a store that comes back, a break that is
// found); the running maximum is then repaired from that span on, which
// stops as soon as it no longer changes, so the repairs cost amortised
// constant time in the way the engine uses them.
type spans struct {
	iv    []interval
	reach []float64 // reach[i] = max(iv[0].b, ..., iv[i].b)
	// end is at least every span's end: reach[len(iv)-1] once a span was
	// added, -Inf after reset (any value is true of an empty list). It
	// lets a query after every span has ended answer inline, with no
	// bounds check.
	end float64
	// probes counts the steps of binary searches (tests bound it); it
	// survives reset
	probes int64
}

func (s *spans) reset() {
	s.iv, s.reach = s.iv[:0], s.reach[:0]
	s.end = math.Inf(-1)
}

// add inserts [a, b). Spans usually arrive in order of their starts, which
// costs constant time; an earlier start is inserted in its place.
func (s *spans) add(a, b float64) {
	i := len(s.iv)
	s.iv = append(s.iv, interval{a, b})
	s.reach = append(s.reach, b)
	for ; i > 0 && s.iv[i-1].a > a; i-- {
		s.probes++
		s.iv[i] = s.iv[i-1]
	}
	s.iv[i] = interval{a, b}
	s.repair(i, true)
	s.end = s.reach[len(s.reach)-1]
}

// setEnd changes the end of span i.
func (s *spans) setEnd(i int, b float64) {
	s.iv[i].b = b
	s.repair(i, false)
	s.end = s.reach[len(s.reach)-1]
}

// repair recomputes reach from i on; unless all is set it stops where
// reach no longer changes, since every later value depends only on it.
func (s *spans) repair(i int, all bool) {
	for ; i < len(s.iv); i++ {
		s.probes++
		r := s.iv[i].b
		if i > 0 {
			r = max(r, s.reach[i-1])
		}
		if !all && r == s.reach[i] {
			return
		}
		s.reach[i] = r
	}
}

// capCovering lowers to end the end of every span covering d (a < d < b)
// that ends later. The spans that start before d and reach past it are
// found by binary search; one pass repairs the running maximum.
func (s *spans) capCovering(d, end float64) {
	n := s.startsUpTo(d, true)
	if n == 0 || s.reach[n-1] <= d {
		return
	}
	j := s.firstReaching(n, d)
	for i := j; i < n; i++ {
		s.probes++
		if s.iv[i].b > d && s.iv[i].b > end {
			s.iv[i].b = end
		}
	}
	for i := j; i < len(s.iv); i++ {
		s.probes++
		r := s.iv[i].b
		if i > 0 {
			r = max(r, s.reach[i-1])
		}
		if i >= n && r == s.reach[i] {
			return // every later reach, end among them, is unchanged
		}
		s.reach[i] = r
	}
	s.end = s.reach[len(s.reach)-1]
}

// endOpenAt ends at end the spans that start exactly at a and have no end
// yet.
func (s *spans) endOpenAt(a, end float64) {
	for i := len(s.iv) - 1; i >= 0 && s.iv[i].a >= a; i-- {
		s.probes++
		if s.iv[i].a == a && math.IsInf(s.iv[i].b, 1) {
			s.setEnd(i, end)
		}
	}
}

// startsUpTo is the number of spans whose start is at most x (strict: below x).
func (s *spans) startsUpTo(x float64, strict bool) int {
	lo, hi := 0, len(s.iv)
	for lo < hi {
		s.probes++
		m := int(uint(lo+hi) >> 1)
		if a := s.iv[m].a; a < x || !strict && a == x {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// firstReaching is the first index below n whose reach exceeds x (n when
// none does).
func (s *spans) firstReaching(n int, x float64) int {
	lo, hi := 0, n
	for lo < hi {
		s.probes++
		m := int(uint(lo+hi) >> 1)
		if s.reach[m] > x {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

// shortSpans is the length up to which a plain scan beats the binary
// searches (the answers are the same: the first span in order that fits).
const shortSpans = 8

// covering returns the start of the first span (in order of starts) with
// a <= x < b.
//
// covering, coveringOpen and endsAfter first answer inline the common case
// of a query after every span has ended (end at most x; an empty list
// too): searches ask about times near the current incident, after the
// spans of earlier incidents were over. The rest is the full search.
func (s *spans) covering(x float64) (float64, bool) {
	if s.end > x {
		return s.coveringIn(x)
	}
	return 0, false
}

func (s *spans) coveringIn(x float64) (float64, bool) {
	if len(s.iv) <= shortSpans {
		for i, iv := range s.iv {
			if iv.a <= x && x < iv.b {
				s.probes += int64(i + 1)
				return iv.a, true
			}
		}
		s.probes += int64(len(s.iv))
		return 0, false
	}
	n := s.startsUpTo(x, false)
	if n == 0 || s.reach[n-1] <= x {
		return 0, false
	}
	// the first span reaching past x covers it: every earlier one ends by x
	return s.iv[s.firstReaching(n, x)].a, true
}

// coveringOpen is covering for the open span: a < x < b.
func (s *spans) coveringOpen(x float64) (float64, bool) {
	if s.end > x {
		return s.coveringOpenIn(x)
	}
	return 0, false
}

func (s *spans) coveringOpenIn(x float64) (float64, bool) {
	if len(s.iv) <= shortSpans {
		for i, iv := range s.iv {
			if iv.a < x && x < iv.b {
				s.probes += int64(i + 1)
				return iv.a, true
			}
		}
		s.probes += int64(len(s.iv))
		return 0, false
	}
	n := s.startsUpTo(x, true)
	if n == 0 || s.reach[n-1] <= x {
		return 0, false
	}
	return s.iv[s.firstReaching(n, x)].a, true
}

// endsAfter reports whether a span that started by q ends after x.
func (s *spans) endsAfter(q, x float64) bool {
	return s.end > x && s.endsAfterIn(q, x)
}

func (s *spans) endsAfterIn(q, x float64) bool {
	if len(s.iv) <= shortSpans {
		for i, iv := range s.iv {
			if iv.a <= q && iv.b > x {
				s.probes += int64(i + 1)
				return true
			}
		}
		s.probes += int64(len(s.iv))
		return false
	}
	n := s.startsUpTo(q, false)
	return n > 0 && s.reach[n-1] > x
}

// firstStartIn returns the smallest start a with lo < a < hi.
func (s *spans) firstStartIn(lo, hi float64) (float64, bool) {
	if len(s.iv) == 0 {
		return 0, false
	}
	i := s.startsUpTo(lo, false)
	if i < len(s.iv) && s.iv[i].a < hi {
		return s.iv[i].a, true
	}
	return 0, false
}

// lastStartUpTo returns the largest start at most x.
func (s *spans) lastStartUpTo(x float64) (float64, bool) {
	if len(s.iv) == 0 {
		return 0, false
	}
	if n := s.startsUpTo(x, false); n > 0 {
		return s.iv[n-1].a, true
	}
	return 0, false
}
