package report

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/costdial/costdial/internal/numfmt"
	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/model/sweep"
	"github.com/costdial/costdial/plots"
)

// Chart is one chart of a report: its file name (without extension), a
// caption, and the chart itself, or Empty saying why there is nothing to
// draw.
type Chart struct {
	Name    string
	Caption string
	Chart   *plots.Chart
	Empty   string
}

func chart(name, caption string) func(*plots.Chart, error) (Chart, error) {
	return func(c *plots.Chart, err error) (Chart, error) {
		if reason, ok := plots.IsEmpty(err); ok {
			return Chart{Name: name, Caption: caption, Empty: reason}, nil
		}
		return Chart{Name: name, Caption: caption, Chart: c}, err
	}
}

// Save writes every chart that has something to draw to dir as NAME.png and
// NAME.svg, and returns the files written and, for each chart left out,
// why.
func Save(dir string, charts []Chart) (files, skipped []string, err error) {
	for _, c := range charts {
		if c.Chart == nil {
			skipped = append(skipped, fmt.Sprintf("%s: not drawn, %s", c.Name, c.Empty))
			continue
		}
		base := filepath.Join(dir, c.Name)
		if err := c.Chart.Save(base); err != nil {
			return files, skipped, err
		}
		files = append(files, base+".png", base+".svg")
	}
	return files, skipped, nil
}

// SavePNG writes every chart that has something to draw to dir as
// NAME.png only, and returns the files written.
func SavePNG(dir string, charts []Chart) ([]string, error) {
	var files []string
	for _, c := range charts {
		if c.Chart == nil {
			continue
		}
		path := filepath.Join(dir, c.Name+".png")
		if err := c.Chart.SavePNG(path); err != nil {
			return files, err
		}
		files = append(files, path)
	}
	return files, nil
}

// DialName describes a dial path in words: "how often nightly runs" for
// backups.nightly.every.
func DialName(path string) string {
	parts := strings.Split(path, ".")
	if len(parts) != 3 {
		return path
	}
	obj, key := parts[1], parts[2]
	switch parts[0] + "." + key {
	case "backups.every":
		return "how often " + obj + " runs"
	case "backups.kind":
		return "kind of backup of " + obj
	case "backups.retention":
		return "how long " + obj + " keeps its copies"
	case "backups.restore_test":
		return "how often " + obj + " is restore-tested"
	case "backups.lag":
		return "replication lag of " + obj
	case "backups.full_every":
		return "how often " + obj + " takes a full backup"
	case "stores.tier":
		return "storage tier of " + obj
	case "stores.immutable":
		return obj + " immutable (locked against deletion)"
	case "stores.domain":
		return "failure domain of " + obj
	case "stores.standby":
		return obj + " kept as a standby"
	}
	return path
}

// lostShare is the share of a summary's incidents that were total losses.
func lostShare(s engine.Summary) float64 { return 1 - s.RestoredShare() }

// RunCharts draws the distributions of data lost and downtime of one
// design, for all incidents and for each failure that had any.
func RunCharts(s *scenario.Scenario, r *engine.Result) ([]Chart, error) {
	var rpo, rto []plots.Curve
	all := lostShare(r.RPO)
	x, p := r.RPO.CDF()
	rpo = append(rpo, plots.Curve{Label: "all incidents", X: x, P: p, Lost: all})
	x, p = r.RTO.CDF()
	rto = append(rto, plots.Curve{Label: "all incidents", X: x, P: p, Lost: all})
	for _, name := range r.FailureOrder {
		f := r.Failures[name]
		lost := lostShare(f.RPO)
		if f.RPO.Incidents() == 0 {
			continue
		}
		x, p := f.RPO.CDF()
		rpo = append(rpo, plots.Curve{Label: name, X: x, P: p, Lost: lost})
		x, p = f.RTO.CDF()
		rto = append(rto, plots.Curve{Label: name, X: x, P: p, Lost: lost})
	}
	t := r.Targets
	a, err := chart("rpo-cdf", "Data lost per incident, by failure")(plots.CDF(s.Name+": data lost per incident", "data lost", rpo, t.RPOHours))
	if err != nil {
		return nil, err
	}
	b, err := chart("rto-cdf", "Downtime per incident, by failure")(plots.CDF(s.Name+": downtime per incident", "downtime", rto, t.RTOHours))
	if err != nil {
		return nil, err
	}
	return []Chart{a, b}, nil
}

// pick is the design a sweep recommends, and why: the cheapest meeting
// every target; -1 when no design meets them, so that none is ringed or
// called recommended.
func pick(sw *sweep.Sweep) (int, string) {
	if sw.Cheapest != nil {
		return *sw.Cheapest, "cheapest meeting the targets"
	}
	return -1, ""
}

// AllBars is the most designs a sweep can have for its cost-with-risk
// chart to draw a bar for each; a larger sweep draws, along its first
// dial, the design with least cost with risk at each value.
const AllBars = 20

// AllCurves is the most designs a sweep can have for its distribution
// charts to draw a curve for every one of them: as many as the charts have
// colours and line patterns (seven, enough for cold-archive's seven tiers);
// a larger sweep draws only the designs that CurveDesigns picks.
const AllCurves = 7

// CurveDesign is a design of a sweep that gets a curve on the distribution
// charts: its index in the sweep and the roles it plays there
// ("recommended", "cheapest", "least cost with risk"), if any.
type CurveDesign struct {
	Index int
	Roles []string
}

// CurveDesigns picks the designs of a sweep, costing costs a month, that the
// distribution charts draw: every design, in table order, when there are at
// most AllCurves, so that a design that fails (a replica that copies a bad
// change, a store ransomware can reach) is on the chart beside the one that
// works; otherwise the recommended design (index chosen), the cheapest
// (cheap) and the one with least cost with risk (least), each once, in that
// order. Each design carries the roles it plays; "cheapest" only when no
// other design costs the same to the cent.
func CurveDesigns(costs []float64, chosen, cheap, least int) []CurveDesign {
	n := len(costs)
	tied := false
	for i, c := range costs {
		tied = tied || (i != cheap && cheap >= 0 && cheap < n && math.Round(c*100) == math.Round(costs[cheap]*100))
	}
	roles := func(i int) []string {
		var r []string
		if i == chosen {
			r = append(r, "recommended")
		}
		if i == cheap && !tied {
			r = append(r, "cheapest")
		}
		if i == least {
			r = append(r, "least cost with risk")
		}
		return r
	}
	var out []CurveDesign
	if n <= AllCurves {
		for i := 0; i < n; i++ {
			out = append(out, CurveDesign{Index: i, Roles: roles(i)})
		}
		return out
	}
	for _, i := range []int{chosen, cheap, least} {
		seen := false
		for _, d := range out {
			seen = seen || d.Index == i
		}
		if !seen && i >= 0 && i < n {
			out = append(out, CurveDesign{Index: i, Roles: roles(i)})
		}
	}
	return out
}

// SweepCharts draws the charts of a sweep: data lost and downtime against
// the cost to run, the cost with risk of every design (along the first
// dial that turns when there are more than AllBars), and the distributions
// of the designs CurveDesigns picks. A chart on which every design ties is
// not drawn: a sentence says so instead.
func SweepCharts(s *scenario.Scenario, sw *sweep.Sweep) ([]Chart, error) {
	cur := s.Currency()
	t := sw.Points[0].Result.Targets
	chosen, why := pick(sw)
	var unique []int // the designs not the same as an earlier one
	for i, p := range sw.Points {
		if !p.Duplicate() {
			unique = append(unique, i)
		}
	}
	var designs []plots.Design
	for i, p := range sw.Points {
		designs = append(designs, plots.Design{
			Number: i + 1, Label: p.Label, Cost: p.Result.Cost.Monthly,
			MissesRPO: !p.Result.Targets.RPOPass, MissesRTO: !p.Result.Targets.RTOPass, MissesJoint: !p.Result.Targets.Pass,
			MissesOther: otherMisses(p.Result),
		})
	}
	withValues := func(v func(sweep.Point) *float64) []plots.Design {
		out := append([]plots.Design(nil), designs...)
		for i, p := range sw.Points {
			out[i].Value = orInf(v(p))
		}
		return out
	}
	var out []Chart
	add := func(name, caption string) func(*plots.Chart, error) error {
		return func(c *plots.Chart, err error) error {
			ch, err := chart(name, caption)(c, err)
			out = append(out, ch)
			return err
		}
	}
	// tie reports whether every design (two or more) shows the same
	// figure on a chart, as figure prints it: the chart is then replaced
	// by a sentence
	tie := func(figure func(sweep.Point) string) bool {
		if len(unique) < 2 {
			return false
		}
		for _, i := range unique[1:] {
			if figure(sw.Points[i]) != figure(sw.Points[unique[0]]) {
				return false
			}
		}
		return true
	}
	same := func(what string) string { return "every design " + what }
	pct := strings.TrimPrefix(numfmt.Percentile(t.Percentile), "p")
	for _, q := range []struct {
		name, quantity, title string
		target                float64
		value                 func(sweep.Point) *float64
	}{
		{"cost-rpo", "data lost", "data lost against cost to run", t.RPOHours, func(p sweep.Point) *float64 { return p.RPOAtTarget }},
		{"cost-rto", "downtime", "downtime against cost to run", t.RTOHours, func(p sweep.Point) *float64 { return p.RTOAtTarget }},
	} {
		caption := strings.ToUpper(q.quantity[:1]) + q.quantity[1:] + " in " + pct + "% of incidents against the cost to run, every design"
		figure := func(p sweep.Point) string { return optHours(q.value(p)) }
		if tie(figure) {
			out = append(out, Chart{Name: q.name, Caption: caption,
				Empty: fmt.Sprintf("every design's %s at %s is %s, whatever it costs", q.quantity, numfmt.Percentile(t.Percentile), at(orInf(q.value(sw.Points[0]))))})
			continue
		}
		if err := add(q.name, caption)(plots.Frontier(plots.CostChart{
			Title: s.Name + ": " + q.title, Quantity: q.quantity, Percentile: t.Percentile,
			Currency: cur, Target: q.target, Designs: withValues(q.value), Pick: chosen, PickWhy: why,
		})); err != nil {
			return nil, err
		}
	}
	bars, xLabel, caption := costBars(sw, unique)
	total := func(p sweep.Point) string {
		return numfmt.Money(cur, p.Result.Cost.Monthly) + " " + numfmt.Money(cur, p.Result.Cost.Total)
	}
	if tie(total) {
		out = append(out, Chart{Name: "total-cost", Caption: caption,
			Empty: same(fmt.Sprintf("costs %s a month to run and %s with its risk", numfmt.Money(cur, sw.Points[0].Result.Cost.Monthly), numfmt.Money(cur, sw.Points[0].Result.Cost.Total)))})
	} else if err := add("total-cost", caption)(plots.Total(s.Name+": cost a month with its risk", xLabel, cur, bars)); err != nil {
		return nil, err
	}
	costs := make([]float64, len(sw.Points))
	for i, p := range sw.Points {
		costs[i] = p.Result.Cost.Monthly
	}
	drawn := CurveDesigns(costs, chosen, sw.CheapestOverall(), sw.LeastTotal())
	curves := func(rpo bool) []plots.Curve {
		var cs []plots.Curve
		for _, d := range drawn {
			if sw.Points[d.Index].Duplicate() {
				continue // its curve is its twin's
			}
			r := sw.Points[d.Index].Result
			x, p := r.RTO.CDF()
			if rpo {
				x, p = r.RPO.CDF()
			}
			label := fmt.Sprintf("#%d %s", d.Index+1, sw.Points[d.Index].Label)
			if len(d.Roles) > 0 {
				label += ": " + strings.Join(d.Roles, ", ")
			}
			cs = append(cs, plots.Curve{Label: label, X: x, P: p, Lost: lostShare(r.RPO)})
		}
		return cs
	}
	which := "every design"
	if len(drawn) < len(sw.Points) {
		which = "the cheapest and the one with least cost with risk"
		if chosen >= 0 {
			which = "the recommended design, " + which
		}
	}
	for _, c := range []struct {
		name, quantity string
		rpo            bool
		target         float64
		summary        func(*engine.Result) engine.Summary
	}{
		{"rpo-cdf", "data lost", true, t.RPOHours, func(r *engine.Result) engine.Summary { return r.RPO }},
		{"rto-cdf", "downtime", false, t.RTOHours, func(r *engine.Result) engine.Summary { return r.RTO }},
	} {
		caption := strings.ToUpper(c.quantity[:1]) + c.quantity[1:] + " per incident: " + which
		if tie(func(p sweep.Point) string {
			x, q := c.summary(p.Result).CDF()
			return fmt.Sprint(x, q, p.Result.RPO.TotalLosses)
		}) {
			out = append(out, Chart{Name: c.name, Caption: caption, Empty: same("has the same distribution of " + c.quantity + " per incident")})
			continue
		}
		if err := add(c.name, caption)(plots.CDF(s.Name+": "+c.quantity+" per incident", c.quantity, curves(c.rpo), c.target)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// otherMisses names what a design misses besides the service's RPO and
// RTO, for the cost charts: "the total-loss target", "disk-dies's
// targets", or "" when it misses nothing else.
func otherMisses(r *engine.Result) string {
	var out []string
	for _, g := range r.Goals {
		switch {
		case g.Pass || g.Kind == engine.GoalIncidents && g.Failure == "":
		case g.Kind == engine.GoalTotalLoss:
			out = append(out, "the total-loss target")
		default:
			out = append(out, "the targets of "+g.Failure)
		}
	}
	if len(out) > 1 {
		return "other targets"
	}
	return strings.Join(out, "")
}

// costBars are the bars of the cost-with-risk chart, its x axis's label
// and the chart's caption: a bar per design (unique lists those not the
// same as an earlier one) when there are at most AllBars; otherwise, for
// each value of the first dial that turns, the design that costs least
// with its risk over the other dials.
func costBars(sw *sweep.Sweep, unique []int) (bars []plots.Bar, xLabel, caption string) {
	bar := func(i int, name string) plots.Bar {
		c := sw.Points[i].Result.Cost
		return plots.Bar{Label: fmt.Sprintf("%s (#%d)", name, i+1), Outlay: c.Monthly, Penalty: c.Penalty}
	}
	if len(unique) <= AllBars {
		for _, i := range unique {
			bars = append(bars, bar(i, sw.Points[i].Label))
		}
		return bars, "design", "Cost with risk of every design"
	}
	axis := sweep.Turning(sw.Axes)[0]
	first := sw.Axes[axis]
	for _, v := range first.Values {
		best := -1
		for i, p := range sw.Points {
			if p.Values()[axis] == v && (best < 0 || p.Result.Cost.Total < sw.Points[best].Result.Cost.Total) {
				best = i
			}
		}
		bars = append(bars, bar(best, v))
	}
	name := DialName(first.Set)
	if len(first.Choose) > 0 {
		name = "the " + sweep.Names(sw.Axes)[axis]
	}
	return bars, name + " (at each value, the design with least cost with risk)", "Cost with risk along " + name
}

func orInf(v *float64) float64 {
	if v == nil {
		return math.Inf(1)
	}
	return *v
}
