package plots

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A colour-blind-safe palette (Okabe and Ito).
var (
	blue   = color.RGBA{0, 114, 178, 255}
	orange = color.RGBA{230, 159, 0, 255}
	green  = color.RGBA{0, 158, 115, 255}
	red    = color.RGBA{213, 94, 0, 255}
	grey   = color.RGBA{120, 120, 120, 255}
	purple = color.RGBA{204, 121, 167, 255}
	sky    = color.RGBA{86, 180, 233, 255}
)

var palette = []color.Color{blue, orange, green, red, purple, sky, grey}

func newPlot(title string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(13)
	p.X.Label.TextStyle.Font.Size = vg.Points(11)
	p.Y.Label.TextStyle.Font.Size = vg.Points(11)
	p.Legend.Top = true
	p.Legend.TextStyle.Font.Size = vg.Points(9)
	p.Add(plotter.NewGrid())
	return p
}

// axis decides the scale of one axis from the values it will show: log when
// they span more than two decades, never over values at or below zero.
// On a log axis every value is drawn where it is, down to the least
// positive one or a millionth of the largest, whichever is greater; zeros and
// anything smaller are drawn a decade below that, and the returned note
// says so for the axis label. place maps a value to where it is drawn.
func axis(a *plot.Axis, values []float64) (place func(float64) float64, note string) {
	lo, hi := math.Inf(1), 0.0
	for _, v := range values {
		if finite(v) && v > 0 {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if hi == 0 || hi/lo <= 100 {
		a.Tick.Marker = niceTicks{}
		return func(v float64) float64 { return v }, ""
	}
	a.Scale = plot.LogScale{}
	a.Tick.Marker = plot.LogTicks{Prec: -1}
	shown := math.Max(lo, hi*1e-6)
	floor := shown / 10
	zeros, tiny := false, false
	for _, v := range values {
		switch {
		case !finite(v):
		case v <= 0:
			zeros = true
		case v < shown:
			tiny = true
		}
	}
	g := func(v float64) string { return strconv.FormatFloat(v, 'g', 2, 64) }
	switch {
	case tiny:
		note = " (below " + g(shown) + " drawn at " + g(floor) + ")"
	case zeros:
		note = " (0 drawn at " + g(floor) + ")"
	}
	return func(v float64) float64 {
		if v < shown {
			return floor
		}
		return v
	}, note
}

// pad widens an axis beyond its data by the fractions lo and hi of its
// span (of its decades, on a log axis), so that glyphs at the ends are drawn
// whole and the legend has room above the data.
func pad(a *plot.Axis, lo, hi float64) {
	if a.Max <= a.Min {
		return
	}
	if _, isLog := a.Scale.(plot.LogScale); isLog && a.Min > 0 {
		r := a.Max / a.Min
		a.Min, a.Max = a.Min/math.Pow(r, lo), a.Max*math.Pow(r, hi)
		return
	}
	span := a.Max - a.Min
	if a.Min >= 0 {
		a.Min = math.Max(0, a.Min-span*lo) // no negative costs or hours
	} else {
		a.Min -= span * lo
	}
	a.Max += span * hi
}

// niceTicks marks a linear axis every 1, 2 or 5 times a power of ten,
// about six labels, printed as plainly as they can be.
type niceTicks struct{}

// Ticks returns the major and minor ticks between min and max.
func (niceTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) || !finite(min) || !finite(max) {
		return nil
	}
	raw := (max - min) / 6
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{2, 5, 10} {
		if step >= raw {
			break
		}
		step = m * mag
	}
	var ticks []plot.Tick
	minor := step / 2
	for i := math.Ceil(min / minor); i*minor <= max+minor*1e-9; i++ {
		v := i * minor
		if math.Mod(i, 2) == 0 {
			ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(roundTo(v, step), 'f', -1, 64)})
		} else {
			ticks = append(ticks, plot.Tick{Value: v})
		}
	}
	return ticks
}

// roundTo rounds v to the precision of step, so 0.30000000000000004 prints
// as 0.3.
func roundTo(v, step float64) float64 {
	digits := math.Max(0, -math.Floor(math.Log10(step))+1)
	f := math.Pow(10, digits)
	return math.Round(v*f) / f
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// Design is one point of a sweep, for the cost-vs-RPO/RTO plots.
type Design struct {
	Label  string  // e.g. "every=4h tier=s3-standard"
	Cost   float64 // monthly cost (x axis)
	Value  float64 // RPO or RTO at the target percentile, in hours (y axis)
	Pareto bool    // on the Pareto front
	Meets  bool    // meets both targets
	Chosen bool    // the cheapest design meeting the targets
}

// Frontier draws Value against Cost for every design: meeting the targets
// as circles, missing them as triangles, the front of this chart (the least
// Value each budget buys) as a labelled staircase, the chosen design ringed,
// and the target as a labelled horizontal line. It writes base.png and
// base.svg. Design.Pareto (the front over cost, RPO and RTO together) is
// kept for callers; the line shows the two-dimensional front.
func Frontier(base, title, yLabel, currency string, designs []Design, target float64) error {
	var shown []Design
	for _, d := range designs {
		if finite(d.Value) && finite(d.Cost) {
			shown = append(shown, d)
		}
	}
	if off := len(designs) - len(shown); off > 0 {
		title += fmt.Sprintf(" (%d off the chart: total loss at the percentile)", off)
	}
	p := newPlot(title)
	var xs, ys []float64
	for _, d := range shown {
		xs, ys = append(xs, d.Cost), append(ys, d.Value)
	}
	ys = append(ys, target)
	px, xNote := axis(&p.X, xs)
	py, yNote := axis(&p.Y, ys)
	p.X.Label.Text = "monthly cost (" + currency + "/month)" + xNote
	p.Y.Label.Text = yLabel + yNote
	at := func(d Design) plotter.XY { return plotter.XY{X: px(d.Cost), Y: py(d.Value)} }

	var meets, misses, front plotter.XYs
	var frontLabels []string
	for _, d := range shown {
		if d.Meets {
			meets = append(meets, at(d))
		} else {
			misses = append(misses, at(d))
		}
	}
	for _, d := range front2D(shown) {
		front = append(front, at(d))
		frontLabels = append(frontLabels, d.Label)
	}
	if len(front) > 1 {
		l, err := plotter.NewLine(front)
		if err != nil {
			return err
		}
		l.StepStyle = plotter.PostStep
		l.Color, l.Width = blue, vg.Points(1.5)
		p.Add(l)
		p.Legend.Add("front: least "+shortLabel(yLabel)+" for the money", l)
	}
	if len(xs) > 0 {
		lo, hi := px(minOf(xs)), px(maxOf(xs))
		if err := hline(p, lo, hi, py(target), "target "+hours(target), red); err != nil {
			return err
		}
	}
	if err := scatter(p, misses, draw.TriangleGlyph{}, orange, 5, "misses the targets"); err != nil {
		return err
	}
	if err := scatter(p, meets, draw.CircleGlyph{}, green, 5, "meets the targets"); err != nil {
		return err
	}
	for _, d := range shown {
		if d.Chosen {
			if err := scatter(p, plotter.XYs{at(d)}, draw.RingGlyph{}, blue, 10, "cheapest meeting the targets"); err != nil {
				return err
			}
		}
	}
	if len(front) > 0 {
		labels, err := plotter.NewLabels(plotter.XYLabels{XYs: front, Labels: frontLabels})
		if err != nil {
			return err
		}
		for i := range labels.TextStyle {
			labels.TextStyle[i].Font.Size = vg.Points(8)
			labels.TextStyle[i].XAlign = draw.XLeft
		}
		labels.Offset = vg.Point{X: vg.Points(6), Y: vg.Points(3)}
		p.Add(labels)
	}
	pad(&p.X, 0.05, 0.05)
	pad(&p.Y, 0.05, 0.12)
	return save(p, base)
}

// front2D returns the designs that no cheaper-or-equal design beats on
// Value, in cost order: the staircase of the best Value each budget buys.
func front2D(designs []Design) []Design {
	sorted := append([]Design(nil), designs...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Cost != sorted[j].Cost {
			return sorted[i].Cost < sorted[j].Cost
		}
		return sorted[i].Value < sorted[j].Value
	})
	var front []Design
	best := math.Inf(1)
	for _, d := range sorted {
		if d.Value < best {
			front = append(front, d)
			best = d.Value
		}
	}
	return front
}

// shortLabel turns "RPO at p95 (hours)" into "RPO".
func shortLabel(label string) string {
	if i := strings.IndexByte(label, ' '); i > 0 {
		return label[:i]
	}
	return label
}

// Bar is one design along the first dial axis, for the total-cost plot.
type Bar struct {
	Label   string  // value of the first axis, e.g. "4h"
	Outlay  float64 // monthly cost to run
	Penalty float64 // expected monthly loss (downtime, data loss, total loss)
}

// Total draws, along the first dial axis, stacked bars of what a design
// costs to run and the loss it is expected to carry, marks the least total
// and writes base.png and base.svg.
func Total(base, title, xLabel, currency string, bars []Bar) error {
	p := newPlot(title)
	p.X.Label.Text = xLabel
	p.Y.Label.Text = "cost per month (" + currency + "/month)"
	p.Y.Tick.Marker = niceTicks{}
	outlay, penalty := make(plotter.Values, len(bars)), make(plotter.Values, len(bars))
	names := make([]string, len(bars))
	best := -1
	for i, b := range bars {
		outlay[i], penalty[i] = clean(b.Outlay), clean(b.Penalty)
		names[i] = b.Label
		if best < 0 || outlay[i]+penalty[i] < outlay[best]+penalty[best] {
			best = i
		}
	}
	if len(bars) == 0 {
		return save(p, base)
	}
	w := vg.Points(math.Min(60, 360/float64(len(bars))))
	ob, err := plotter.NewBarChart(outlay, w)
	if err != nil {
		return err
	}
	ob.Color, ob.LineStyle.Width = blue, 0
	pb, err := plotter.NewBarChart(penalty, w)
	if err != nil {
		return err
	}
	pb.Color, pb.LineStyle.Width = orange, 0
	pb.StackOn(ob)
	p.Add(ob, pb)
	p.Legend.Add("to run (storage, fixed, restores)", ob)
	p.Legend.Add("expected loss (downtime, data, total loss)", pb)
	p.NominalX(names...)
	top := outlay[best] + penalty[best]
	mark, err := plotter.NewLabels(plotter.XYLabels{
		XYs:    plotter.XYs{{X: float64(best), Y: top}},
		Labels: []string{"least: " + currency + strconv.FormatFloat(math.Round(top), 'f', 0, 64)},
	})
	if err != nil {
		return err
	}
	mark.TextStyle[0].XAlign = draw.XCenter
	mark.TextStyle[0].Font.Size = vg.Points(9)
	mark.Offset = vg.Point{Y: vg.Points(4)}
	p.Add(mark)
	maxTop := 0.0
	for i := range bars {
		maxTop = math.Max(maxTop, outlay[i]+penalty[i])
	}
	p.Y.Min, p.Y.Max = 0, maxTop*1.3+1e-9 // room for the legend
	p.X.Min, p.X.Max = -0.5, float64(len(bars))-0.5
	return save(p, base)
}

func clean(v float64) float64 {
	if !finite(v) || v < 0 {
		return 0
	}
	return v
}

// Curve is one empirical CDF: X in hours (ascending), P the fraction of
// incidents at most X.
type Curve struct {
	Label string
	X, P  []float64
}

// CDF draws the curves as steps, hours against the fraction of incidents,
// with the target as a labelled vertical line, and writes base.png and
// base.svg.
func CDF(base, title, xLabel string, curves []Curve, target float64) error {
	p := newPlot(title)
	var all []float64
	for _, c := range curves {
		all = append(all, c.X...)
	}
	all = append(all, target)
	px, note := axis(&p.X, all)
	p.X.Label.Text = xLabel + note
	p.Y.Label.Text = "fraction of incidents at most x"
	p.Y.Tick.Marker = niceTicks{}
	// start the fraction axis just below the lowest curve's first step, so a
	// large share of zero-loss incidents does not squash the rest
	low := 1.0
	for _, c := range curves {
		if len(c.P) > 0 && finite(c.P[0]) {
			low = math.Min(low, c.P[0])
		}
	}
	yMin := math.Max(0, math.Floor((low-0.05)*10)/10)
	if yMin > 0 {
		p.Y.Label.Text += " (axis starts at " + strconv.FormatFloat(yMin, 'f', -1, 64) + ")"
	}
	p.Legend.Top, p.Legend.Left = true, true
	right := px(maxOf(append([]float64{0}, finiteOnly(all)...)))
	for i, c := range curves {
		var xy plotter.XYs
		for j := range c.X {
			if j < len(c.P) && finite(c.X[j]) && finite(c.P[j]) {
				xy = append(xy, plotter.XY{X: px(c.X[j]), Y: c.P[j]})
			}
		}
		if len(xy) == 0 {
			continue
		}
		if len(xy) == 1 {
			// a single value: draw the step up to it and a short run after
			xy = append(plotter.XYs{{X: xy[0].X, Y: 0}}, xy[0])
		}
		// carry the curve on at its last level to the right of the chart
		if last := xy[len(xy)-1]; last.X < right {
			xy = append(xy, plotter.XY{X: right, Y: last.Y})
		} else if len(xy) == 2 {
			xy = append(xy, plotter.XY{X: last.X * 1.5, Y: last.Y})
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return err
		}
		l.StepStyle = plotter.PostStep
		l.Color, l.Width = palette[i%len(palette)], vg.Points(2)
		if i > 0 {
			l.Dashes = []vg.Length{vg.Points(6), vg.Points(3)}
		}
		p.Add(l)
		p.Legend.Add(c.Label, l)
	}
	if finite(target) {
		t := px(target)
		line, err := plotter.NewLine(plotter.XYs{{X: t, Y: yMin}, {X: t, Y: 1}})
		if err != nil {
			return err
		}
		line.Color, line.Width, line.Dashes = red, vg.Points(1), []vg.Length{vg.Points(2), vg.Points(2)}
		p.Add(line)
		lab, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: t, Y: yMin + (1-yMin)*0.05}}, Labels: []string{"target " + hours(target)}})
		if err != nil {
			return err
		}
		lab.TextStyle[0].Color = red
		lab.TextStyle[0].Font.Size = vg.Points(9)
		lab.Offset = vg.Point{X: vg.Points(4)}
		p.Add(lab)
	}
	pad(&p.X, 0.02, 0.02)
	p.Y.Min, p.Y.Max = yMin, 1.02
	return save(p, base)
}

func scatter(p *plot.Plot, xy plotter.XYs, shape draw.GlyphDrawer, c color.Color, r float64, legend string) error {
	if len(xy) == 0 {
		return nil
	}
	s, err := plotter.NewScatter(xy)
	if err != nil {
		return err
	}
	s.GlyphStyle = draw.GlyphStyle{Shape: shape, Color: c, Radius: vg.Points(r)}
	p.Add(s)
	p.Legend.Add(legend, s)
	return nil
}

func hline(p *plot.Plot, x0, x1, y float64, label string, c color.Color) error {
	if x1 <= x0 {
		x1 = x0*1.1 + 1
	}
	l, err := plotter.NewLine(plotter.XYs{{X: x0, Y: y}, {X: x1, Y: y}})
	if err != nil {
		return err
	}
	l.Color, l.Width, l.Dashes = c, vg.Points(1), []vg.Length{vg.Points(4), vg.Points(3)}
	p.Add(l)
	lab, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: x1, Y: y}}, Labels: []string{label}})
	if err != nil {
		return err
	}
	lab.TextStyle[0].Color = c
	lab.TextStyle[0].Font.Size = vg.Points(9)
	lab.TextStyle[0].XAlign = draw.XRight
	lab.Offset = vg.Point{Y: vg.Points(3)}
	p.Add(lab)
	return nil
}

// hours prints a duration in hours the way the reports do.
func hours(h float64) string {
	switch {
	case h < 1:
		return strconv.FormatFloat(h*60, 'g', 3, 64) + "min"
	case h < 48:
		return strconv.FormatFloat(h, 'g', 3, 64) + "h"
	default:
		return strconv.FormatFloat(h/24, 'g', 3, 64) + "d"
	}
}

func finiteOnly(v []float64) []float64 {
	var out []float64
	for _, x := range v {
		if finite(x) {
			out = append(out, x)
		}
	}
	return out
}

func minOf(v []float64) float64 {
	m := math.Inf(1)
	for _, x := range v {
		m = math.Min(m, x)
	}
	return m
}

func maxOf(v []float64) float64 {
	m := math.Inf(-1)
	for _, x := range v {
		m = math.Max(m, x)
	}
	return m
}
