package sweep

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync/atomic"

	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
)

// Axis is one knob of the dial and the values it takes.
type Axis struct {
	Set    string   `json:"set"`
	Values []string `json:"values"`
	// From is where the axis was given, for errors: "the dial" of the
	// scenario, or "--dial".
	From string `json:"-"`
}

// Point is one design of the grid.
type Point struct {
	// Design numbers the design from 1, in grid order, as the table does.
	Design       int               `json:"design"`
	Set          map[string]string `json:"set"`
	Result       *engine.Result    `json:"result"`
	Pareto       bool              `json:"pareto"`
	MeetsTargets bool              `json:"meets_targets"`
	// RPO and RTO, in hours, at the target percentile over every incident,
	// total losses counted as the worst outcome (the run's
	// Targets.RPOAt and RTOAt); null when total losses reach the percentile.
	RPOAtTarget *float64 `json:"rpo_at_target"`
	RTOAtTarget *float64 `json:"rto_at_target"`

	values []string // in axis order
}

// Label names the point by its dial values, e.g. "every=4h tier=s3-standard".
// Axes with a single value (pinned) are left out, unless every axis is.
func (p Point) Label(axes []Axis) string {
	var parts []string
	for _, i := range Turning(axes) {
		parts = append(parts, ShortName(axes[i].Set)+"="+p.values[i])
	}
	return strings.Join(parts, " ")
}

// Turning returns the indexes of the axes with more than one value, or of
// every axis when none has.
func Turning(axes []Axis) []int {
	var idx, all []int
	for i, a := range axes {
		all = append(all, i)
		if len(a.Values) > 1 {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return all
	}
	return idx
}

// Values returns the point's dial values in axis order.
func (p Point) Values() []string { return p.values }

// ShortName is the last segment of a dial path: "every" for backups.nightly.every.
func ShortName(path string) string {
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		return path[i+1:]
	}
	return path
}

// Sweep is the result of turning the dial; its JSON is sweep.json.
//
// Money is compared in whole cents, as it prints: designs whose monthly
// cost rounds to the same cent are as cheap as each other, and the one
// with the lower cost with its risk comes first.
type Sweep struct {
	Scenario string  `json:"scenario"`
	Axes     []Axis  `json:"axes"`
	Points   []Point `json:"points"`
	// Cheapest is the index in Points of the cheapest design meeting the
	// targets, or nil; CheapestDesign is its design number (from 1).
	Cheapest       *int `json:"-"`
	CheapestDesign *int `json:"cheapest_meeting_targets"`
	// LeastTotalDesign is the design number of the design that costs least
	// with its risk (see LeastTotal).
	LeastTotalDesign int `json:"least_cost_with_risk"`
	// TradeOff is the move from the cheapest design meeting the targets to
	// the one costing least with its risk; nil when they are the same
	// design or no design meets the targets.
	TradeOff *TradeOff `json:"trade_off"`
	// AsWritten is the index in Points of the design with the scenario's
	// own values on every axis, or nil when no design has them. Unlike
	// lists what still tells it from the scenario as written (empty when
	// it is that design): a dial over a store's tier applies the preset's
	// figures, replacing those the file gave.
	AsWritten *int                  `json:"-"`
	Unlike    []scenario.Difference `json:"-"`
}

// TradeOff is what moving from one design to another costs and saves a
// month, in whole cents: "spend $207 more a month, avoid $3,518 of
// expected loss".
type TradeOff struct {
	From int `json:"from"` // design numbers, from 1
	To   int `json:"to"`
	// MorePerMonth is To's monthly cost minus From's (negative: it saves).
	MorePerMonth float64 `json:"more_per_month"`
	// AvoidedLossPerMonth is From's expected loss a month minus To's.
	AvoidedLossPerMonth float64 `json:"avoided_loss_per_month"`
}

// cents rounds money to the cent, as it prints, for comparisons.
func cents(v float64) int64 { return int64(math.Round(v * 100)) }

// cheaper orders designs by monthly cost to the cent, ties broken by the
// cost with risk to the cent, then by grid order.
func cheaper(a, b *Point) bool {
	ca, cb := cents(a.Result.Cost.Monthly), cents(b.Result.Cost.Monthly)
	if ca != cb {
		return ca < cb
	}
	return cents(a.Result.Cost.Total) < cents(b.Result.Cost.Total)
}

// cheaperWithRisk orders designs by cost with risk to the cent, ties
// broken by the monthly cost to the cent.
func cheaperWithRisk(a, b *Point) bool {
	ta, tb := cents(a.Result.Cost.Total), cents(b.Result.Cost.Total)
	if ta != tb {
		return ta < tb
	}
	return cents(a.Result.Cost.Monthly) < cents(b.Result.Cost.Monthly)
}

// ParseDial parses a --dial flag, PATH=V1,V2,... Commas inside parentheses
// (as in lognormal(1h, 4h)) do not split values.
func ParseDial(arg string) (Axis, error) {
	path, list, ok := strings.Cut(arg, "=")
	path = strings.TrimSpace(path)
	if !ok || path == "" || strings.TrimSpace(list) == "" {
		return Axis{}, fmt.Errorf("--dial: expected PATH=V1,V2,..., e.g. backups.nightly.every=1h,4h,24h (got %q)", arg)
	}
	var values []string
	depth, start := 0, 0
	for i, c := range list {
		switch c {
		case '(':
			depth++
		case ')':
			depth--
		case ',':
			if depth == 0 {
				values = append(values, strings.TrimSpace(list[start:i]))
				start = i + 1
			}
		}
	}
	values = append(values, strings.TrimSpace(list[start:]))
	for _, v := range values {
		if v == "" {
			return Axis{}, fmt.Errorf("--dial %s: empty value in %q", path, list)
		}
	}
	return Axis{Set: path, Values: values, From: "--dial"}, nil
}

// Axes merges the scenario's dial with command-line axes: an axis for a
// path already dialled replaces its values, a new path is added at the end.
func Axes(s *scenario.Scenario, extra []Axis) []Axis {
	var axes []Axis
	for _, a := range s.Dial {
		axes = append(axes, Axis{Set: a.Set, Values: append([]string(nil), a.Values...), From: "the dial"})
	}
	for _, e := range extra {
		replaced := false
		for i := range axes {
			if axes[i].Set == e.Set {
				axes[i].Values, axes[i].From, replaced = e.Values, e.From, true
			}
		}
		if !replaced {
			axes = append(axes, e)
		}
	}
	return axes
}

// Size is the number of designs of the grid (+Inf past any int).
func Size(axes []Axis) float64 {
	var counts []int
	for _, a := range axes {
		counts = append(counts, len(a.Values))
	}
	return scenario.GridSize(counts)
}

// Combo returns the values of design i of the grid, the last axis turning
// fastest.
func Combo(axes []Axis, i int) []string {
	combo := make([]string, len(axes))
	for j := len(axes) - 1; j >= 0; j-- {
		n := len(axes[j].Values)
		combo[j] = axes[j].Values[i%n]
		i /= n
	}
	return combo
}

// batchSize is the number of designs run together.
const batchSize = 32

// Options configure a sweep.
type Options struct {
	Engine engine.Options
	// Limits bound each design's work and the number of designs (zero
	// fields: scenario.DefaultLimits).
	Limits scenario.Limits
	// Progress, if set, is called as designs start, with the number done.
	Progress func(i, n int, label string)
}

// check refuses axes that cannot make an honest sweep: no values, a path
// given twice, a path a dial may not turn, or more designs than the limit.
func check(file string, axes []Axis, lim scenario.Limits) error {
	var problems []string
	seen := map[string]bool{}
	for _, a := range axes {
		if seen[a.Set] {
			problems = append(problems, fmt.Sprintf("%s: dial: %s is turned by two axes: give it one axis with all its values", file, a.Set))
		}
		seen[a.Set] = true
		if err := scenario.DialPathError(a.Set); err != nil {
			problems = append(problems, fmt.Sprintf("%s: dial: %v", file, err))
		}
		if len(a.Values) == 0 {
			problems = append(problems, fmt.Sprintf("%s: dial: %s has no values", file, a.Set))
		}
		for _, v := range a.Values {
			if scenario.HasControlChar(v) {
				problems = append(problems, fmt.Sprintf("%s: dial: %s: a value holds a control or formatting character (got %q)", file, a.Set, v))
			}
		}
	}
	if lim.Designs <= 0 {
		lim.Designs = scenario.DefaultLimits.Designs
	}
	if n := Size(axes); n > float64(lim.Designs) {
		problems = append(problems, fmt.Sprintf("%s: dial: %.0f designs (the product of the number of values of each axis), above the limit of %d: turn fewer knobs at once, or raise the limit with --max-designs %.0f", file, n, lim.Designs, n))
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "\n"))
	}
	return nil
}

// Run runs the scenario in file (its bytes in data, with the --set
// overrides sets) once per combination of the axes. Every design is
// loaded and checked before any runs, so that all problems are reported
// at once and no run is wasted; then each is loaded again as its turn
// comes, so that only one design is held at a time.
func Run(ctx context.Context, file string, data []byte, sets []string, axes []Axis, opts Options) (*Sweep, error) {
	if len(axes) == 0 {
		return nil, fmt.Errorf("%s: nothing to sweep: the scenario has no dial and no --dial was given (e.g. --dial backups.nightly.every=1h,4h,24h)", file)
	}
	if err := check(file, axes, opts.Limits); err != nil {
		return nil, err
	}
	n := int(Size(axes))
	load := func(i int) (*scenario.Scenario, Point, error) {
		combo := Combo(axes, i)
		var more []scenario.Override
		setMap := map[string]string{}
		for j, v := range combo {
			from := axes[j].From
			if from == "" {
				from = "dial"
			}
			more = append(more, scenario.Override{Path: axes[j].Set, Value: v, From: from})
			setMap[axes[j].Set] = v
		}
		s, err := scenario.LoadDesign(file, data, sets, more, opts.Limits)
		return s, Point{Set: setMap, values: combo}, err
	}
	var problems []string
	seen := map[string]bool{}
	name, currency := "", ""
	// the scenario as written, to find the design that has its dial values
	written, _ := scenario.LoadDesign(file, data, sets, nil, opts.Limits)
	var asWritten *int
	var unlike []scenario.Difference
	for i := 0; i < n; i++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		s, _, err := load(i)
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !seen[line] {
					seen[line] = true
					problems = append(problems, line)
				}
			}
			continue
		}
		if name == "" {
			name, currency = s.Name, s.Currency()
		} else if c := s.Currency(); c != currency {
			label := func(i int) string { return Point{values: Combo(axes, i)}.Label(axes) }
			if line := fmt.Sprintf("%s: design %s is in %s where design %s is in %s: %v", file, label(i), c,
				label(0), currency, scenario.ErrMixedCurrencies); !seen[line] {
				seen[line] = true
				problems = append(problems, line)
			}
		}
		if written != nil && asWritten == nil && sameDial(written, s, axes) {
			asWritten, unlike = &i, scenario.Differences(written, s)
		}
	}
	if len(problems) > 0 {
		if extra := len(problems) - scenario.MaxShown; extra > 0 {
			problems = append(problems[:scenario.MaxShown], fmt.Sprintf("... and %d more %s (fix the first ones and run again)", extra, map[bool]string{true: "problem", false: "problems"}[extra == 1]))
		}
		return nil, errors.New(strings.Join(problems, "\n"))
	}
	sw := &Sweep{Axes: axes, Scenario: name, AsWritten: asWritten, Unlike: unlike}
	// designs run in batches, so that those facing the same failures share
	// each trial's strikes (engine.RunDesigns) while only a batch's
	// designs and accumulators are held at once
	for first := 0; first < n; first += batchSize {
		var batch []*scenario.Scenario
		var points []Point
		for i := first; i < min(first+batchSize, n); i++ {
			s, p, err := load(i)
			if err != nil {
				return nil, err // cannot happen: every design loaded above
			}
			batch, points = append(batch, s), append(points, p)
		}
		eopts := opts.Engine
		if opts.Progress != nil {
			opts.Progress(first, n, points[0].Label(axes))
			var last atomic.Int64
			last.Store(int64(first))
			eopts.Progress = func(done, total int64) {
				i := int64(first) + done*int64(len(batch))/total
				if i < int64(n) && i < int64(first+len(batch)) && last.Swap(i) < i {
					opts.Progress(int(i), n, points[i-int64(first)].Label(axes))
				}
			}
		}
		rs, err := engine.RunDesigns(ctx, batch, eopts)
		if err != nil {
			return nil, err
		}
		for k, r := range rs {
			p := points[k]
			p.Result = r
			p.Design = first + k + 1
			p.MeetsTargets = r.Targets.Pass
			p.RPOAtTarget = finite(r.Targets.RPOAt)
			p.RTOAtTarget = finite(r.Targets.RTOAt)
			sw.Points = append(sw.Points, p)
		}
	}
	sw.recommend()
	return sw, nil
}

// recommend marks the Pareto front and fills in the cheapest design
// meeting the targets, the least cost with risk and the trade-off.
func (sw *Sweep) recommend() {
	sw.markPareto()
	sw.Cheapest, sw.CheapestDesign, sw.TradeOff = sw.cheapestMeeting(), nil, nil
	lt := sw.LeastTotal()
	sw.LeastTotalDesign = lt + 1
	if sw.Cheapest == nil {
		return
	}
	c := *sw.Cheapest
	d := c + 1
	sw.CheapestDesign = &d
	if c == lt {
		return
	}
	from, to := sw.Points[c].Result.Cost, sw.Points[lt].Result.Cost
	sw.TradeOff = &TradeOff{
		From: c + 1, To: lt + 1,
		MorePerMonth:        float64(cents(to.Monthly)-cents(from.Monthly)) / 100,
		AvoidedLossPerMonth: float64(cents(from.Penalty)-cents(to.Penalty)) / 100,
	}
}

// sameDial reports whether design d has the values of scenario s on every
// axis.
func sameDial(s, d *scenario.Scenario, axes []Axis) bool {
	for _, a := range axes {
		if !scenario.SameAt(s, d, a.Set) {
			return false
		}
	}
	return true
}

func finite(v float64) *float64 {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return nil
	}
	return &v
}

func value(v *float64) float64 {
	if v == nil {
		return math.Inf(1)
	}
	return *v
}

// markPareto marks the designs no other design beats: none is at most as
// expensive (to the cent) with at most the same RPO and RTO and strictly
// better in one.
func (sw *Sweep) markPareto() {
	for i := range sw.Points {
		a := &sw.Points[i]
		ca, ra, ta := cents(a.Result.Cost.Monthly), value(a.RPOAtTarget), value(a.RTOAtTarget)
		a.Pareto = true
		for j := range sw.Points {
			if i == j {
				continue
			}
			b := &sw.Points[j]
			cb, rb, tb := cents(b.Result.Cost.Monthly), value(b.RPOAtTarget), value(b.RTOAtTarget)
			if cb <= ca && rb <= ra && tb <= ta && (cb < ca || rb < ra || tb < ta) {
				a.Pareto = false
				break
			}
		}
	}
}

func (sw *Sweep) cheapestMeeting() *int {
	best := -1
	for i := range sw.Points {
		if sw.Points[i].MeetsTargets && (best < 0 || cheaper(&sw.Points[i], &sw.Points[best])) {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	return &best
}

// CheapestOverall returns the index of the cheapest design, met or not.
func (sw *Sweep) CheapestOverall() int {
	best := 0
	for i := range sw.Points {
		if cheaper(&sw.Points[i], &sw.Points[best]) {
			best = i
		}
	}
	return best
}

// LeastTotal returns the index of the design that costs least with its
// risk (outlay plus expected loss), ties going to the cheaper to run.
func (sw *Sweep) LeastTotal() int {
	best := 0
	for i := range sw.Points {
		if cheaperWithRisk(&sw.Points[i], &sw.Points[best]) {
			best = i
		}
	}
	return best
}

// NextCheaper returns the index of the most expensive design cheaper (to
// the cent) than design i, or -1: what one would get by saving a little
// more. Among designs of that cost, the one with the least cost with risk.
func (sw *Sweep) NextCheaper(i int) int {
	next := -1
	c := cents(sw.Points[i].Result.Cost.Monthly)
	for j := range sw.Points {
		p := &sw.Points[j]
		pc := cents(p.Result.Cost.Monthly)
		if pc >= c {
			continue
		}
		if next < 0 {
			next = j
			continue
		}
		nc := cents(sw.Points[next].Result.Cost.Monthly)
		if pc > nc || pc == nc && cents(p.Result.Cost.Total) < cents(sw.Points[next].Result.Cost.Total) {
			next = j
		}
	}
	return next
}

// Closest returns the design that comes nearest to meeting the targets:
// the one with the highest share of incidents within both, the cheaper on
// a tie.
func (sw *Sweep) Closest() int {
	best := 0
	for i := range sw.Points {
		a, b := sw.Points[i].Result.Targets, sw.Points[best].Result.Targets
		if a.Met > b.Met || a.Met == b.Met && cheaper(&sw.Points[i], &sw.Points[best]) {
			best = i
		}
	}
	return best
}
