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

// Axis is one knob of the dial and the values it takes: a field and its
// values, or (Choose) named alternatives, each setting some fields, whose
// names are then the Values.
type Axis struct {
	Set    string            `json:"set,omitempty"`
	Values []string          `json:"values"`
	Choose []scenario.Choice `json:"choose,omitempty"`
	// From is where the axis was given, for errors: "the dial" of the
	// scenario, or "--dial".
	From string `json:"-"`
}

// paths lists the fields the axis sets: its own, or those of every
// alternative, each once.
func (a Axis) paths() []string {
	if len(a.Choose) == 0 {
		return []string{a.Set}
	}
	var out []string
	seen := map[string]bool{}
	for _, c := range a.Choose {
		for _, x := range c.Set {
			if !seen[x.Path] {
				seen[x.Path] = true
				out = append(out, x.Path)
			}
		}
	}
	return out
}

// assignments are the fields value v of the axis sets.
func (a Axis) assignments(v string) scenario.Assignments {
	if len(a.Choose) == 0 {
		return scenario.Assignments{{Path: a.Set, Value: v}}
	}
	for _, c := range a.Choose {
		if c.Name == v {
			return c.Set
		}
	}
	return nil
}

// Point is one design of the grid.
type Point struct {
	// Design numbers the design from 1, in grid order, as the table does.
	Design int `json:"design"`
	// Label names the design by its dial values (see Label).
	Label string `json:"label"`
	// Set holds every field the design's dial values set.
	Set          map[string]string `json:"set"`
	Result       *engine.Result    `json:"result"`
	Pareto       bool              `json:"pareto"`
	MeetsTargets bool              `json:"meets_targets"`
	// RPO and RTO, in hours, at the target percentile over every incident,
	// total losses counted as the worst outcome (the run's
	// Targets.RPOAt and RTOAt); null when total losses reach the percentile.
	RPOAtTarget *float64 `json:"rpo_at_target"`
	RTOAtTarget *float64 `json:"rto_at_target"`
	// SameAs is, for a design identical to an earlier one (its dial sets
	// only fields of parts switched off), that design's number: it was
	// not run again, and its Result is that design's.
	SameAs *int `json:"same_as,omitempty"`

	values []string // in axis order
}

// label names a design by its dial values, e.g. "every=4h tier=s3-standard",
// the value alone for an axis of named alternatives ("xregion"). Axes
// with a single value (pinned) are left out, unless every axis is.
func label(axes []Axis, values []string) string {
	names := Names(axes)
	var parts []string
	for _, i := range Turning(axes) {
		if len(axes[i].Choose) > 0 {
			parts = append(parts, values[i])
			continue
		}
		parts = append(parts, names[i]+"="+values[i])
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

// Duplicate reports whether the design is the same as an earlier one.
func (p Point) Duplicate() bool { return p.SameAs != nil }

// Option is the name of an axis of named alternatives in tables.
const Option = "option"

// Names are the axes' names in tables and labels, each different from
// the others shown (those that turn, Turning): the last segment of the
// field's path ("every" for backups.nightly.every), or as many more as
// tell it from another axis ("bucket.price" and "nas.price"); "option"
// for an axis of named alternatives, "option 2" for a second one.
func Names(axes []Axis) []string {
	names := make([]string, len(axes))
	depth := make([]int, len(axes))
	shown := make([]bool, len(axes))
	for _, i := range Turning(axes) {
		shown[i] = true
	}
	options := 0
	for i, a := range axes {
		if len(a.Choose) > 0 {
			options++
			names[i] = Option
			if options > 1 {
				names[i] = fmt.Sprintf("%s %d", Option, options)
			}
			continue
		}
		depth[i] = 1
	}
	suffix := func(path string, k int) string {
		segs := strings.Split(path, ".")
		return strings.Join(segs[max(0, len(segs)-k):], ".")
	}
	for changed := true; changed; {
		changed = false
		for i, a := range axes {
			if depth[i] > 0 {
				names[i] = suffix(a.Set, depth[i])
			}
		}
		for i, a := range axes {
			if depth[i] == 0 {
				continue
			}
			for j := range axes {
				if j != i && shown[i] && shown[j] && names[j] == names[i] && depth[i] < strings.Count(a.Set, ".")+1 {
					depth[i]++
					changed = true
					break
				}
			}
		}
	}
	return names
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
		ax := Axis{Set: a.Set, Values: append([]string(nil), a.Values...), From: "the dial"}
		if len(a.Choose) > 0 {
			ax.Values = nil
			ax.Choose = append([]scenario.Choice(nil), a.Choose...)
			for _, c := range a.Choose {
				ax.Values = append(ax.Values, c.Name)
			}
		}
		axes = append(axes, ax)
	}
	for _, e := range extra {
		replaced := false
		for i := range axes {
			if axes[i].Set == e.Set && len(axes[i].Choose) == 0 {
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
		what := a.Set
		if len(a.Choose) > 0 {
			what = "choose " + strings.Join(a.Values, ", ")
		}
		for _, path := range a.paths() {
			if seen[path] {
				problems = append(problems, fmt.Sprintf("%s: dial: %s is turned by two axes: give it one axis with all its values", file, path))
			}
			seen[path] = true
			if err := scenario.DialPathError(path); err != nil {
				problems = append(problems, fmt.Sprintf("%s: dial: %v", file, err))
			}
		}
		if len(a.Values) == 0 {
			problems = append(problems, fmt.Sprintf("%s: dial: %s has no values", file, what))
		}
		for _, v := range a.Values {
			if scenario.HasControlChar(v) {
				problems = append(problems, fmt.Sprintf("%s: dial: %s: a value holds a control or formatting character (got %q)", file, what, v))
			}
		}
		for _, c := range a.Choose {
			for _, x := range c.Set {
				if scenario.HasControlChar(x.Path + x.Value) {
					problems = append(problems, fmt.Sprintf("%s: dial: option %s: a field or value holds a control or formatting character (got %q)", file, c.Name, x.Path+": "+x.Value))
				}
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
			if len(axes[j].Choose) > 0 {
				from += " option " + v
			}
			for _, a := range axes[j].assignments(v) {
				more = append(more, scenario.Override{Path: a.Path, Value: a.Value, From: from})
				setMap[a.Path] = a.Value
			}
		}
		s, err := scenario.LoadDesign(file, data, sets, more, opts.Limits)
		return s, Point{Set: setMap, values: combo, Label: label(axes, combo)}, err
	}
	var problems []string
	seen := map[string]bool{}
	name, currency := "", ""
	// the scenario as written, to find the design that has its dial values
	written, _ := scenario.LoadDesign(file, data, sets, nil, opts.Limits)
	var asWritten *int
	var unlike []scenario.Difference
	// designs identical to an earlier one are run once: sameAs[i] is the
	// index of the first, or -1
	sameAs := make([]int, n)
	first := map[[32]byte]int{}
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
			design := func(i int) string { return label(axes, Combo(axes, i)) }
			if line := fmt.Sprintf("%s: design %s is in %s where design %s is in %s: %v", file, design(i), c,
				design(0), currency, scenario.ErrMixedCurrencies); !seen[line] {
				seen[line] = true
				problems = append(problems, line)
			}
		}
		if written != nil && asWritten == nil && sameDial(written, s, axes) {
			asWritten, unlike = &i, scenario.Differences(written, s)
		}
		fp := scenario.Fingerprint(s)
		if j, ok := first[fp]; ok {
			sameAs[i] = j
		} else {
			first[fp], sameAs[i] = i, -1
		}
	}
	if len(problems) > 0 {
		if extra := len(problems) - scenario.MaxShown; extra > 0 {
			problems = append(problems[:scenario.MaxShown], fmt.Sprintf("... and %d more %s (fix the first ones and run again)", extra, map[bool]string{true: "problem", false: "problems"}[extra == 1]))
		}
		return nil, errors.New(strings.Join(problems, "\n"))
	}
	sw := &Sweep{Axes: axes, Scenario: name, AsWritten: asWritten, Unlike: unlike}
	var unique []int // the designs to run, in grid order
	for i := range n {
		if sameAs[i] < 0 {
			unique = append(unique, i)
		}
	}
	sw.Points = make([]Point, n)
	// designs run in batches, so that those facing the same failures share
	// each trial's strikes (engine.RunDesigns) while only a batch's
	// designs and accumulators are held at once
	for from := 0; from < len(unique); from += batchSize {
		idx := unique[from:min(from+batchSize, len(unique))]
		var batch []*scenario.Scenario
		var points []Point
		for _, i := range idx {
			s, p, err := load(i)
			if err != nil {
				return nil, err // cannot happen: every design loaded above
			}
			batch, points = append(batch, s), append(points, p)
		}
		eopts := opts.Engine
		if opts.Progress != nil {
			total := len(unique)
			opts.Progress(from, total, points[0].Label)
			var last atomic.Int64
			last.Store(int64(from))
			eopts.Progress = func(done, all int64) {
				i := int64(from) + done*int64(len(batch))/all
				if i < int64(total) && i < int64(from+len(batch)) && last.Swap(i) < i {
					opts.Progress(int(i), total, points[i-int64(from)].Label)
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
			p.Design = idx[k] + 1
			p.MeetsTargets = r.Pass
			p.RPOAtTarget = finite(r.Targets.RPOAt)
			p.RTOAtTarget = finite(r.Targets.RTOAt)
			sw.Points[idx[k]] = p
		}
	}
	for i := range n {
		j := sameAs[i]
		if j < 0 {
			continue
		}
		_, p, err := load(i)
		if err != nil {
			return nil, err // cannot happen: every design loaded above
		}
		f := sw.Points[j]
		p.Design, p.Result, p.MeetsTargets = i+1, f.Result, f.MeetsTargets
		p.RPOAtTarget, p.RTOAtTarget = f.RPOAtTarget, f.RTOAtTarget
		d := j + 1
		p.SameAs = &d
		sw.Points[i] = p
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
		for _, path := range a.paths() {
			if !scenario.SameAt(s, d, path) {
				return false
			}
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
// expensive to run (to the cent), with at most the same RPO and RTO at the
// target percentile and no more total losses, and strictly better in one.
// Total losses are compared as the run can tell them apart: a design has
// fewer only when the 95% intervals of the two rates do not overlap, and
// no more when its rate is lower or the intervals overlap, so that noise
// in a rare event puts no design on the front. A design the same as an
// earlier one is not marked again.
func (sw *Sweep) markPareto() {
	type key struct {
		cost, rpo, rto float64
		loss           engine.TotalLoss
	}
	of := func(p *Point) key {
		return key{float64(cents(p.Result.Cost.Monthly)), value(p.RPOAtTarget), value(p.RTOAtTarget), p.Result.TotalLoss}
	}
	for i := range sw.Points {
		a := &sw.Points[i]
		a.Pareto = !a.Duplicate()
		if !a.Pareto {
			continue
		}
		ka := of(a)
		for j := range sw.Points {
			b := &sw.Points[j]
			if i == j || b.Duplicate() {
				continue
			}
			kb := of(b)
			fewer := kb.loss.CI95[1] < ka.loss.CI95[0]
			noMore := kb.loss.PerYear <= ka.loss.PerYear || kb.loss.CI95[0] <= ka.loss.CI95[1]
			if kb.cost <= ka.cost && kb.rpo <= ka.rpo && kb.rto <= ka.rto && noMore &&
				(kb.cost < ka.cost || kb.rpo < ka.rpo || kb.rto < ka.rto || fewer) {
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
		if pc >= c || p.Duplicate() {
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
// the one that misses the fewest of its goals; then, between designs that
// both miss a total-loss target, the one with fewer total losses; then
// the one with the highest share of incidents within the service's RPO
// and RTO; then the fewer total losses; then the cheaper.
func (sw *Sweep) Closest() int {
	type standing struct {
		missed   int
		lossMiss bool
		met      float64
		losses   float64
	}
	of := func(p *Point) standing {
		st := standing{met: p.Result.Targets.Met, losses: p.Result.TotalLoss.PerYear}
		for _, g := range p.Result.Goals {
			if !g.Pass {
				st.missed++
				st.lossMiss = st.lossMiss || g.Kind == engine.GoalTotalLoss
			}
		}
		return st
	}
	best := 0
	for i := range sw.Points {
		a, b := of(&sw.Points[i]), of(&sw.Points[best])
		var closer bool
		switch {
		case a.missed != b.missed:
			closer = a.missed < b.missed
		case a.lossMiss && b.lossMiss && a.losses != b.losses:
			closer = a.losses < b.losses
		case a.met != b.met:
			closer = a.met > b.met
		case a.losses != b.losses:
			closer = a.losses < b.losses
		default:
			closer = cheaper(&sw.Points[i], &sw.Points[best])
		}
		if closer {
			best = i
		}
	}
	return best
}
