package sweep

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
)

// Axis is one knob of the dial and the values it takes.
type Axis struct {
	Set    string   `json:"set"`
	Values []string `json:"values"`
	// Flag marks an axis given with --dial, so that its bad values are
	// blamed on --dial.
	Flag bool `json:"-"`
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
	return Axis{Set: path, Values: values, Flag: true}, nil
}

// blameDial rewrites an error about a value a --dial axis set, which Load
// reports as coming from --set, to name --dial.
func blameDial(line string, axes []Axis, combo []string) string {
	for j, a := range axes {
		if !a.Flag {
			continue
		}
		set := a.Set + "=" + combo[j]
		line = strings.Replace(line, "(from --set "+set+")", "(from --dial "+set+")", 1)
		line = strings.Replace(line, "--set: "+a.Set+": ", "--dial: "+a.Set+": ", 1)
	}
	return line
}

// Axes merges the scenario's dial with command-line axes: an axis for a
// path already dialled replaces its values, a new path is added at the end.
func Axes(s *scenario.Scenario, extra []Axis) []Axis {
	var axes []Axis
	for _, a := range s.Dial {
		axes = append(axes, Axis{Set: a.Set, Values: append([]string(nil), a.Values...)})
	}
	for _, e := range extra {
		replaced := false
		for i := range axes {
			if axes[i].Set == e.Set {
				axes[i].Values, axes[i].Flag, replaced = e.Values, e.Flag, true
			}
		}
		if !replaced {
			axes = append(axes, e)
		}
	}
	return axes
}

// Grid lists every combination of the axes' values, the last axis
// turning fastest.
func Grid(axes []Axis) [][]string {
	combos := [][]string{{}}
	for _, a := range axes {
		var next [][]string
		for _, c := range combos {
			for _, v := range a.Values {
				next = append(next, append(append([]string(nil), c...), v))
			}
		}
		combos = next
	}
	return combos
}

// Options configure a sweep.
type Options struct {
	Engine engine.Options
	// Progress, if set, is called before each design runs.
	Progress func(i, n int, label string)
}

// Run runs the scenario in file (its bytes in data, with the --set
// overrides sets) once per combination of the axes.
func Run(ctx context.Context, file string, data []byte, sets []string, axes []Axis, opts Options) (*Sweep, error) {
	if len(axes) == 0 {
		return nil, fmt.Errorf("%s: nothing to sweep: the scenario has no dial and no --dial was given (e.g. --dial backups.nightly.every=1h,4h,24h)", file)
	}
	grid := Grid(axes)
	// load every design before simulating any, so that a bad dial value is
	// reported at once, with every other problem, and no run is wasted
	designs := make([]*scenario.Scenario, len(grid))
	points := make([]Point, len(grid))
	var problems []string
	seen := map[string]bool{}
	for i, combo := range grid {
		pointSets := append([]string(nil), sets...)
		setMap := map[string]string{}
		for j, v := range combo {
			pointSets = append(pointSets, axes[j].Set+"="+v)
			setMap[axes[j].Set] = v
		}
		points[i] = Point{Set: setMap, values: combo}
		s, err := scenario.Load(file, data, pointSets)
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				line = blameDial(line, axes, combo)
				if !seen[line] {
					seen[line] = true
					problems = append(problems, line)
				}
			}
			continue
		}
		designs[i] = s
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "\n"))
	}
	sw := &Sweep{Axes: axes, Scenario: designs[0].Name}
	for i, s := range designs {
		p := points[i]
		if opts.Progress != nil {
			opts.Progress(i, len(grid), p.Label(axes))
		}
		r, err := engine.Run(ctx, s, opts.Engine)
		if err != nil {
			return nil, err
		}
		p.Result = r
		p.Design = i + 1
		p.MeetsTargets = r.Targets.Pass
		p.RPOAtTarget = finite(r.Targets.RPOAt)
		p.RTOAtTarget = finite(r.Targets.RTOAt)
		sw.Points = append(sw.Points, p)
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
