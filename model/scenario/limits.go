package scenario

import (
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"

	"github.com/costdial/costdial/model/units"
)

// Limits bound the memory and time a scenario may ask for, so that a file
// from a stranger (or a slip like rate: 1/m, once a minute) is refused with
// a clear message instead of exhausting the machine. docs/limits.md lists
// them; the command line raises them with --max-incidents,
// --max-trial-years, --max-trial-work, --max-designs and --max-file-size. A scenario file
// cannot raise its own limits.
type Limits struct {
	// Incidents is the most incidents and job breaks expected in one trial:
	// the sum of every failure's rate and every job's breaks, times the
	// years of a trial and its warm-up (WarmupHours).
	Incidents float64
	// TrialYears is the most years simulated in all: trials times the
	// years of a trial and its warm-up.
	TrialYears float64
	// Work is the most searches expected in one trial: every incident that
	// looks for a point to restore, times the jobs whose points it looks
	// at, over the trial and its warm-up. It bounds a trial's time.
	Work float64
	// Designs is the most designs a sweep's grid may hold.
	Designs int
	// FileBytes is the largest scenario file read.
	FileBytes int64
}

// DefaultLimits are the limits when none are given.
var DefaultLimits = Limits{Incidents: 100_000, TrialYears: 1e9, Work: 1e7, Designs: 1_000, FileBytes: 4 << 20}

// Fixed bounds of single values; docs/limits.md lists them too.
const (
	maxMinDays  = 36500               // a minimum storage duration of a century
	maxMoney    = 1e12                // any one amount of money, in its unit
	maxSize     = units.Size(1 << 60) // 1 EiB of data
	maxRateHour = 8760.0              // a rate above once an hour gets a hint about units
)

// orDefault fills the zero fields of l with the defaults.
func (l Limits) orDefault() Limits {
	if !(l.Incidents > 0) {
		l.Incidents = DefaultLimits.Incidents
	}
	if !(l.TrialYears > 0) {
		l.TrialYears = DefaultLimits.TrialYears
	}
	if !(l.Work > 0) {
		l.Work = DefaultLimits.Work
	}
	if l.Designs <= 0 {
		l.Designs = DefaultLimits.Designs
	}
	if l.FileBytes <= 0 {
		l.FileBytes = DefaultLimits.FileBytes
	}
	return l
}

// ReadFileLimited reads a scenario file of at most max bytes (the default
// limit when max is 0), refusing a larger one before reading it whole, so
// that /dev/zero or a huge file is refused at once.
func ReadFileLimited(path string, max int64) ([]byte, error) {
	if max <= 0 {
		max = DefaultLimits.FileBytes
	}
	fail := func(format string, args ...any) ([]byte, error) {
		return nil, ErrorList{{File: path, Msg: fmt.Sprintf(format, args...)}}
	}
	f, err := os.Open(path)
	if err != nil {
		return fail("cannot read: %v", unwrapPathError(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return fail("cannot read: is a directory")
	}
	return ReadLimited(path, f, max)
}

// ReadLimited reads a scenario of at most max bytes (the default limit
// when max is 0) from r, refusing a larger one before reading it whole;
// name is what errors are reported against.
func ReadLimited(name string, r io.Reader, max int64) ([]byte, error) {
	if max <= 0 {
		max = DefaultLimits.FileBytes
	}
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, ErrorList{{File: name, Msg: fmt.Sprintf("cannot read: %v", unwrapPathError(err))}}
	}
	if int64(len(data)) > max {
		return nil, ErrorList{{File: name, Msg: fmt.Sprintf("larger than %s: a scenario is a short text file (raise the limit with --max-file-size if this one is real)", units.Size(max).Human())}}
	}
	return data, nil
}

// GridSize returns the number of designs a dial makes from the number of
// values of each axis: their product, as a float so that it cannot wrap.
func GridSize(counts []int) float64 {
	n := 1.0
	for _, c := range counts {
		n *= float64(c)
	}
	return n
}

// contribution is one term of the expected incidents in a trial.
type contribution struct {
	path string
	rate float64 // per year
}

// validateWork refuses a scenario whose size is known in advance to exceed
// the limit on incidents per trial (validateDial checks the designs).
func (s *Scenario) validateWork(p *problems, lim Limits) {
	years := s.Simulate.Years
	if !(years > 0) {
		return // reported by validateSimulate
	}
	// the engine plays a warm-up before each trial's measured span: it
	// counts in every limit as the span does
	played, warm := s.playedYears(), s.WarmupHours()
	span := plural(years, "year")
	if warm > 0 {
		span += " and its warm-up of " + units.FromHours(math.Ceil(warm)).String()
	}
	if n := float64(s.Simulate.Trials) * played; n > lim.TrialYears {
		p.at("simulate.trials", "%s trials of %s are %s years to simulate, above the limit of %s: "+
			"fewer trials or shorter ones, or raise the limit with --max-trial-years %s", count(float64(s.Simulate.Trials)), span, count(n), count(lim.TrialYears), count(n))
	}
	var terms []contribution
	for _, f := range s.Failures {
		terms = append(terms, contribution{"failures." + f.Name + ".rate", f.Rate.PerYear()})
	}
	for _, b := range s.Backups {
		if b.Breaks > 0 {
			terms = append(terms, contribution{"backups." + b.Name + ".breaks", b.Breaks.PerYear()})
		}
	}
	total := 0.0
	for _, t := range terms {
		total += t.rate * played
	}
	if total > lim.Incidents {
		sort.SliceStable(terms, func(i, j int) bool { return terms[i].rate > terms[j].rate })
		top := terms[0]
		msg := fmt.Sprintf("about %s incidents and job breaks expected in each trial of %s (the most from %s, %s/y), above the limit of %s: "+
			"refused to keep memory and time bounded; if you mean it, raise the limit with --max-incidents %s",
			count(total), span, top.path, strconv.FormatFloat(top.rate, 'g', 6, 64), count(lim.Incidents), count(total))
		if top.rate > maxRateHour {
			msg += "; note that this is more than once an hour: in a rate, m means minutes (1/m is once a minute) and once a month is 1/month"
		}
		p.at(top.path, "%s", msg)
	}
	if work, top := s.trialWork(played); work > lim.Work {
		p.at(top.path, "about %s searches expected in each trial of %s (each incident that looks for a point to restore, times the jobs whose points it looks at; the most from %s, %s/y, each looking at the points of %d jobs), "+
			"above the limit of %s: refused to keep a trial's time bounded; fewer failures, jobs or years in a trial, or raise the limit with --max-trial-work %s",
			count(work), span, top.path, strconv.FormatFloat(top.rate, 'g', 6, 64), top.jobs, count(lim.Work), count(work))
	}
}

// searcher is a failure whose incidents look for a point to restore.
type searcher struct {
	path string  // its rate field
	rate float64 // incidents a year
	jobs int     // the jobs whose points each looks at
}

// trialWork is the searches one trial of played years is expected to make,
// and the failure that makes most. An incident that hits the primary (a
// destroy or an outage of its host, logical damage, ransomware) looks for
// the newest usable point, at the points of every job writing to a store
// it did not hit, other than the primary; other incidents look at none. As
// the engine plays them: parts switched off do not count.
func (s *Scenario) trialWork(played float64) (float64, searcher) {
	a := s.Active()
	total, top := 0.0, searcher{}
	for _, f := range a.Failures {
		hits := map[string]bool{}
		primary := ""
		for _, st := range a.Stores {
			hits[st.Name] = a.Hits(f, st)
			if st.Primary {
				primary = st.Name
			}
		}
		if !hits[primary] && f.Kind != Logical && f.Kind != Ransomware {
			continue
		}
		c := searcher{path: "failures." + f.Name + ".rate", rate: f.Rate.PerYear()}
		for _, b := range a.Backups {
			if b.To != primary && !hits[b.To] {
				c.jobs++
			}
		}
		total += c.rate * float64(c.jobs) * played
		if c.rate*float64(c.jobs) > top.rate*float64(top.jobs) || top.path == "" {
			top = c
		}
	}
	return total, top
}

// count prints a number of things compactly: 1200, 525600, 1e+09.
func count(v float64) string {
	if v < 1e15 {
		return fmt.Sprintf("%.0f", math.Ceil(v))
	}
	return fmt.Sprintf("%.3g", v)
}

// plural writes "1 year", "2 years", "0.5 years".
func plural(n float64, word string) string {
	s := strconv.FormatFloat(n, 'f', -1, 64) + " " + word
	if n != 1 {
		s += "s"
	}
	return s
}

// validateMagnitudes refuses single values so large that what is computed
// from them (data times price times copies, say) could not be printed as a
// finite number.
func (s *Scenario) validateMagnitudes(p *problems) {
	if s.Service.Data > maxSize {
		p.at("service.data", "at most 1 EiB (got %s)", quote(s.Service.Data))
	}
	for _, f := range s.moneyFields() {
		if f.m.Amount > maxMoney {
			p.at(f.path, "at most %g in its unit (got %s)", maxMoney, quote(f.m))
		}
	}
	fast := []struct {
		path string
		t    units.Throughput
	}{{"service.writes", s.Service.Writes}}
	for _, st := range s.Stores {
		fast = append(fast, struct {
			path string
			t    units.Throughput
		}{"stores." + st.Name + ".restore", st.Restore})
	}
	for _, b := range s.Backups {
		fast = append(fast, struct {
			path string
			t    units.Throughput
		}{"backups." + b.Name + ".replay", b.Replay})
	}
	for _, f := range fast {
		if float64(f.t) > float64(maxSize) {
			p.at(f.path, "at most 1 EiB/s (got %s)", quote(f.t))
		}
	}
}

// HasControlChar reports whether text holds a control or invisible
// formatting character, which must not reach a terminal from a scenario.
func HasControlChar(text string) bool {
	_, bad := controlChar(text, "")
	return bad
}
