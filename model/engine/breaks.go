package engine

import (
	"fmt"
	"math"
	"strings"
)

// startBreaks draws the breaks of job ji over the warm-up and the trial
// from streams of the job's own. A break ends at the next restore test plus
// fix, or sooner when an incident looks at the job's points (discover).
// The job starts the warm-up in its steady state: broken with probability
// b/(b+D), where b is its break rate and D the rate at which breaks are
// found (incidents that look at its points, discoveryRates, plus 2/period
// for restore tests), since a time of mean 1/D before (the age of a state
// left at rate D). This is exact for breaks found only by incidents and fix
// 0; the warm-up absorbs the rest.
func (t *trial) startBreaks(ji int) {
	j := &t.m.jobs[ji]
	t.breaks[ji].reset()
	if j.breaksPH <= 0 {
		return
	}
	if t.share.from != nil {
		t.share.replay(&t.breaks[ji])
		return
	}
	s := stream{splitmix(t.seed ^ j.id ^ keyStart)}
	// restore tests run every period at a phase of their own: a trial is
	// any stretch of time, not one that starts with a test
	phase := s.next() * j.restoreTest
	end := func(at float64) float64 {
		if j.restoreTest > 0 {
			return math.Ceil((at-phase)/j.restoreTest)*j.restoreTest + phase + j.fix
		}
		return math.Inf(1) // found only when an incident looks
	}
	from := -t.m.warm
	sb := &j.steady
	if s.next() < sb.broken {
		age := 1e7      // never found: broken since long before
		if sb.age > 0 { // D > 0
			age = min(age, s.exp(sb.age))
		}
		t.addBreak(ji, from-age, end(from-age))
	}
	arr := t.arr.of(t.seed^j.id, sb.gap, -from, t.m.hours, j.none)
	// in time order: the backward part reversed, then the forward part
	for i := len(arr) - 1; i >= 0; i-- {
		if arr[i].k < 0 {
			t.addBreak(ji, arr[i].at, end(arr[i].at))
		}
	}
	for _, s := range arr {
		if s.k >= 0 {
			t.addBreak(ji, s.at, end(s.at))
		}
	}
	t.share.endJob()
}

// addBreak adds a break of job ji from a to b, and logs it for the designs
// that replay this trial's breaks.
func (t *trial) addBreak(ji int, a, b float64) {
	t.breaks[ji].add(a, b)
	t.share.log.add(a, b)
}

// breakShare lets designs whose breaks are decided alike (the same
// breakKey; the seed is the group's) draw them once: the first such design
// plays each block of trials first and logs every break it draws, and the
// others replay the log in the same order (see shareBreaks). Every design
// of a group plays the same trials of a block, skipping the same ones
// (play), so the replay stays in step. Its log and position last a block.
type breakShare struct {
	log  *breakLog // set on the design that logs its breaks for others
	from *breakLog // set on a design that replays another's
	// where the replay has got to in the block under way: the next entry
	// of from.ends, and the first interval of that entry
	read, iv int
}

// breakLog holds the breaks one design drew for a block of trials, in the
// order startBreaks added them: for each trial, for each job with breaks,
// its intervals, ending at the next entry of ends.
type breakLog struct {
	iv   []interval
	ends []int
}

// startBlock empties the log and rewinds the replay for a new block.
func (s *breakShare) startBlock() {
	if s.log != nil {
		s.log.iv, s.log.ends = s.log.iv[:0], s.log.ends[:0]
	}
	s.read, s.iv = 0, 0
}

// replay adds to b the breaks of the next job the log holds.
func (s *breakShare) replay(b *spans) {
	end := s.from.ends[s.read]
	for _, iv := range s.from.iv[s.iv:end] {
		b.add(iv.a, iv.b)
	}
	s.read, s.iv = s.read+1, end
}

// add logs a break, when this design logs its breaks.
func (l *breakLog) add(a, b float64) {
	if l != nil {
		l.iv = append(l.iv, interval{a, b})
	}
}

// endJob marks the end of a job's breaks in the log.
func (s *breakShare) endJob() {
	if l := s.log; l != nil {
		l.ends = append(l.ends, len(l.iv))
	}
}

// breakKey is what decides a trial's breaks besides its seed: the
// warm-up, the span, and each job's identity, break rate, restore tests,
// fix and discovery rate (see startBreaks).
func breakKey(m *model) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%x %x", math.Float64bits(m.warm), math.Float64bits(m.hours))
	for ji := range m.jobs {
		j := &m.jobs[ji]
		fmt.Fprintf(&b, " %x:%x:%x:%x:%x", j.id, math.Float64bits(j.breaksPH), math.Float64bits(j.restoreTest), math.Float64bits(j.fix), math.Float64bits(j.discovery))
	}
	return b.String()
}

// shareBreaks lets every trial whose breaks are decided as an earlier
// one's are (same breakKey) replay that trial's breaks instead of drawing
// them again: the earlier one plays each block first (runGroup) and logs
// them.
func shareBreaks(ts []*trial) {
	first := map[string]*trial{}
	for _, t := range ts {
		k := breakKey(t.m)
		p, ok := first[k]
		if !ok {
			first[k] = t
			continue
		}
		if p.share.log == nil {
			p.share.log = new(breakLog)
		}
		t.share.from = p.share.log
	}
}
