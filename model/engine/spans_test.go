package engine

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The span queries (binary searches past shortSpans, and the inline answer
// when a query comes after every span has ended) agree with a plain scan of
// the list after any sequence of the changes the engine makes, on short and
// long lists, at span edges and between them.
func TestSpansMatchScan(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	// times on a coarse grid, so that queries hit starts and ends exactly
	at := func() float64 { return float64(r.IntN(60)) }
	for _, n := range []int{3, 8, 9, 40} { // list lengths up to about n
		var s spans
		if n == 40 {
			s.reset() // both the zero value and a reset list must work
		}
		for step := range 3000 {
			switch op := r.IntN(10); {
			case op < 4 || len(s.iv) == 0:
				if len(s.iv) >= n {
					s.reset()
					continue
				}
				a := at()
				b := a + float64(1+r.IntN(20))
				if r.IntN(4) == 0 {
					b = math.Inf(1)
				}
				s.add(a, b)
			case op < 6:
				i := r.IntN(len(s.iv))
				s.setEnd(i, s.iv[i].a+float64(r.IntN(10)))
			case op < 8:
				d := at()
				s.capCovering(d, d+float64(r.IntN(5)))
			default:
				s.endOpenAt(at(), at()+30)
			}
			if len(s.iv) > 0 && s.end != s.reach[len(s.reach)-1] {
				t.Fatalf("n %d step %d: end %v, last reach %v", n, step, s.end, s.reach[len(s.reach)-1])
			}
			for x := -1.0; x <= 82; x += 0.5 {
				var wantA, wantO float64
				var okA, okO, after bool
				for _, iv := range s.iv {
					if !okA && iv.a <= x && x < iv.b {
						wantA, okA = iv.a, true
					}
					if !okO && iv.a < x && x < iv.b {
						wantO, okO = iv.a, true
					}
				}
				if a, ok := s.covering(x); ok != okA || a != wantA {
					t.Fatalf("n %d step %d: covering(%v) = %v %v, want %v %v (%v)", n, step, x, a, ok, wantA, okA, s.iv)
				}
				if a, ok := s.coveringOpen(x); ok != okO || a != wantO {
					t.Fatalf("n %d step %d: coveringOpen(%v) = %v %v, want %v %v (%v)", n, step, x, a, ok, wantO, okO, s.iv)
				}
				q := at()
				for _, iv := range s.iv {
					after = after || iv.a <= q && iv.b > x
				}
				if got := s.endsAfter(q, x); got != after {
					t.Fatalf("n %d step %d: endsAfter(%v, %v) = %v, want %v (%v)", n, step, q, x, got, after, s.iv)
				}
			}
		}
	}
}
