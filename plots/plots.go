package plots

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/costdial/costdial/internal/numfmt"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A colour-blind-safe palette (Okabe and Ito).
var (
	blue      = color.RGBA{0, 114, 178, 255}
	orange    = color.RGBA{230, 159, 0, 255}
	green     = color.RGBA{0, 158, 115, 255}
	vermilion = color.RGBA{213, 94, 0, 255}
	grey      = color.RGBA{120, 120, 120, 255}
	purple    = color.RGBA{204, 121, 167, 255}
	sky       = color.RGBA{86, 180, 233, 255}
	black     = color.RGBA{0, 0, 0, 255}
)

var palette = []color.Color{blue, orange, green, vermilion, purple, sky, grey}

// dashes are the line patterns of the curves of a chart, in the order of
// palette, so that curves stay apart when printed in grey: solid, long
// dashes, dots, dash-dot, short dashes, dash-dot-dot, long-short.
var dashes = [][]vg.Length{
	nil,
	{vg.Points(9), vg.Points(4)},
	{vg.Points(2), vg.Points(3)},
	{vg.Points(9), vg.Points(3), vg.Points(2), vg.Points(3)},
	{vg.Points(4), vg.Points(3)},
	{vg.Points(9), vg.Points(3), vg.Points(2), vg.Points(3), vg.Points(2), vg.Points(3)},
	{vg.Points(14), vg.Points(3), vg.Points(5), vg.Points(3)},
}

// axis decides the scale of one axis from the values it will show and how
// its ticks read: log when they span more than two decades, never over
// values at or below zero. A log axis is drawn as a linear axis of log10
// of the values (gonum/plot places an axis label badly on a log scale),
// with ticks at the values themselves. On a log axis every value is drawn
// where it is, down to the least positive one or a millionth of the
// largest, whichever is greater; zeros and anything smaller are drawn a
// decade below that, at a tick labelled "0". place maps a value to where
// it is drawn; extra ticks, at values, are added to the axis's own.
func axis(a *plot.Axis, values []float64, q quantity, currency string, extra ...plot.Tick) (place func(float64) float64) {
	lo, hi := math.Inf(1), 0.0
	for _, v := range values {
		if finite(v) && v > 0 {
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	t := ticks{q: q, currency: currency, extra: extra}
	if hi == 0 || hi/lo <= 100 {
		a.Tick.Marker = t
		return func(v float64) float64 { return v }
	}
	t.log = true
	shown := math.Max(lo, hi*1e-6)
	floor := shown / 10
	for _, v := range values {
		if finite(v) && v < shown {
			t.extra = append(t.extra, plot.Tick{Value: floor, Label: "0"})
			break
		}
	}
	a.Tick.Marker = t
	return func(v float64) float64 {
		if v < shown {
			v = floor
		}
		return math.Log10(v)
	}
}

// pad widens an axis beyond its data by the fractions lo and hi of its
// span (of its decades, on a log axis), so that glyphs at the ends are drawn
// whole.
func pad(a *plot.Axis, lo, hi float64) {
	if a.Max <= a.Min {
		if a.Max == 0 {
			a.Min, a.Max = 0, 1
			return
		}
		a.Min, a.Max = a.Min*0.9, a.Max*1.1
		return
	}
	span := a.Max - a.Min
	if t, ok := a.Tick.Marker.(ticks); a.Min >= 0 && !(ok && t.log) {
		a.Min = math.Max(0, a.Min-span*lo) // no negative costs or hours
	} else {
		a.Min -= span * lo
	}
	a.Max += span * hi
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// Design is one design of a sweep, for the cost charts.
type Design struct {
	Number    int     // its number in the sweep's table, drawn beside it
	Label     string  // its dial values, e.g. "every=4h tier=s3-standard"
	Cost      float64 // monthly cost to run (x axis)
	Value     float64 // RPO or RTO at the target percentile, in hours; +Inf for a total loss
	MissesRPO bool    // misses the RPO target
	MissesRTO bool    // misses the RTO target
	// MissesJoint: each target alone is met, but not both by enough incidents
	MissesJoint bool
	// MissesOther names what else it misses ("the total-loss target"), or
	// is empty; a design meeting its RPO and RTO that misses another
	// target is drawn apart from those that meet every target
	MissesOther string
}

// CostChart describes a chart of RPO or RTO against the cost to run.
type CostChart struct {
	Title      string  // e.g. "small-saas: data lost against cost to run"
	Quantity   string  // what Value is: "data lost" or "downtime"
	Percentile float64 // the target percentile, e.g. 95
	Currency   string
	Target     float64 // the target, in hours
	Designs    []Design
	Pick       int    // index in Designs of the recommended design, or -1
	PickWhy    string // why it is recommended, e.g. "cheapest meeting both targets"
}

// Frontier draws Value against Cost for every design, each numbered as in
// the sweep's table: designs meeting both targets as circles, missing one as
// a glyph that says which, the least Value each budget buys as a staircase,
// the recommended design ringed and named in the legend, and the target as
// a labelled line. Designs whose percentile is a total loss are drawn on a
// "total loss" level above the others, never left out.
func Frontier(c CostChart) (*Chart, error) {
	var shown []Design
	for _, d := range c.Designs {
		if finite(d.Cost) && !math.IsNaN(d.Value) {
			shown = append(shown, d)
		}
	}
	if len(shown) == 0 {
		return nil, &Empty{"no design has a cost to draw"}
	}
	p := newPanel(c.Title)
	var xs, ys []float64
	lost := false
	for _, d := range shown {
		xs = append(xs, d.Cost)
		if finite(d.Value) {
			ys = append(ys, d.Value)
		} else {
			lost = true
		}
	}
	ys = append(ys, c.Target)
	// the total-loss level sits above every finite value
	top := maxOf(ys)
	var extra []plot.Tick
	lossY := 0.0
	if lost {
		lossY = top * 1.6
		if top <= 0 {
			lossY = 1
		}
		if hi, lo := top, minPositive(ys); lo > 0 && hi/lo > 100 {
			lossY = top * 4
		}
		extra = append(extra, plot.Tick{Value: lossY, Label: "total loss"})
		ys = append(ys, lossY)
	}
	px := axis(&p.X, xs, moneyAxis, c.Currency)
	x0, x1 := px(minOf(xs)), px(maxOf(xs))
	same := x1 <= x0
	if same {
		// every design costs the same: a short stretch of axis centred on
		// that cost, with that cost its only tick, so that no range of
		// costs is suggested that no design has
		h := math.Max(0.05*math.Abs(x0), 0.5)
		x0, x1 = x0-h, x1+h
	}
	py := axis(&p.Y, ys, hoursAxis, "", extra...)
	if t, ok := p.Y.Tick.Marker.(ticks); ok && lost {
		t.cut = top * 1.2
		p.Y.Tick.Marker = t
	}
	p.X.Label.Text = "cost to run a month"
	p.Y.Label.Text = c.Quantity + " in " + pctWord(c.Percentile) + " of incidents, at most"
	at := func(d Design) plotter.XY {
		y := py(lossY)
		if finite(d.Value) {
			y = py(d.Value)
		}
		return plotter.XY{X: px(d.Cost), Y: y}
	}

	if lost {
		if err := hline(p, x0, x1, py(lossY), "", grey, false); err != nil {
			return nil, err
		}
	}
	var front plotter.XYs
	for _, d := range front2D(shown) {
		front = append(front, at(d))
	}
	// a bigger budget buys no less: the staircase goes on at its last
	// level to the dearest design, so that it stays visible when the
	// cheapest designs already reach the best value
	if last := len(front) - 1; !same && last >= 0 && front[last].X < x1 {
		front = append(front, plotter.XY{X: x1, Y: front[last].Y})
	}
	ch := &Chart{panels: []*plot.Plot{p}}
	if len(front) > 1 {
		l, err := plotter.NewLine(front)
		if err != nil {
			return nil, err
		}
		l.StepStyle = plotter.PostStep
		l.Color, l.Width = blue, vg.Points(1.5)
		p.Add(l)
		ch.addLegend("least "+c.Quantity+" for the money", l)
	}
	// the target's label sits right of the last design, clear of it
	if err := hline(p, x0, x1+0.12*(x1-x0), py(c.Target), "target "+duration(c.Target), vermilion, true); err != nil {
		return nil, err
	}
	// a design's group: how it stands against its RPO and RTO, and, when
	// it meets them, whether it misses another target
	type group struct {
		rpo, rto, joint bool
		other           string
	}
	groupOf := func(d Design) group {
		joint := d.MissesJoint && !d.MissesRPO && !d.MissesRTO
		g := group{rpo: d.MissesRPO, rto: d.MissesRTO, joint: joint}
		if !d.MissesRPO && !d.MissesRTO && !joint {
			g.other = d.MissesOther
		}
		return g
	}
	groups := []struct {
		group
		shape  draw.GlyphDrawer
		col    color.Color
		legend string
	}{
		{group{}, draw.CircleGlyph{}, green, "meets every target"},
		{group{rpo: true}, draw.TriangleGlyph{}, orange, "misses the RPO target (data lost)"},
		{group{rto: true}, draw.SquareGlyph{}, vermilion, "misses the RTO target (downtime)"},
		{group{rpo: true, rto: true}, draw.CrossGlyph{}, black, "misses both RPO and RTO targets"},
		{group{joint: true}, draw.PlusGlyph{}, purple, "meets RPO and RTO alone, not both together"},
	}
	// the other targets missed, in the order of the designs
	var others []string
	for _, d := range shown {
		if g := groupOf(d); g.other != "" && !slices.Contains(others, g.other) {
			others = append(others, g.other)
		}
	}
	for i, o := range others {
		groups = append(groups, struct {
			group
			shape  draw.GlyphDrawer
			col    color.Color
			legend string
		}{group{other: o}, draw.PyramidGlyph{}, []color.Color{sky, grey, blue}[i%3], "meets RPO and RTO, misses " + o})
	}
	for _, g := range groups {
		var xy plotter.XYs
		for _, d := range shown {
			if groupOf(d) == g.group {
				xy = append(xy, at(d))
			}
		}
		if s, err := scatter(p, xy, g.shape, g.col, 5); err != nil {
			return nil, err
		} else if s != nil {
			ch.addLegend(g.legend, s)
		}
	}
	if c.Pick >= 0 && c.Pick < len(c.Designs) {
		d := c.Designs[c.Pick]
		if finite(d.Cost) {
			s, err := scatter(p, plotter.XYs{at(d)}, draw.RingGlyph{}, blue, 8)
			if err != nil {
				return nil, err
			}
			ch.addLegend(fmt.Sprintf("#%d, %s: %s", d.Number, c.PickWhy, d.Label), s)
		}
	}
	if err := numbers(p, shown, at); err != nil {
		return nil, err
	}
	if len(shown) > 0 {
		ch.addLegend("numbers as in the table of designs")
	}
	pad(&p.X, 0.05, 0.02)
	if same {
		cost := shown[0].Cost
		span := x1 - x0
		p.X.Min, p.X.Max = x0-0.05*span, x1+0.14*span
		p.X.Tick.Marker = plot.ConstantTicks{{Value: cost, Label: numfmt.Money(c.Currency, cost)}}
		ch.addLegend("every design costs " + numfmt.Money(c.Currency, cost) + " a month to run")
	}
	pad(&p.Y, 0.05, 0.08)
	if t, ok := p.Y.Tick.Marker.(ticks); ok && !t.log {
		p.Y.Min = 0 // hours from zero, so that distances read true
	}
	return ch, nil
}

// numbers labels every point with the numbers of the designs drawn there.
// Designs drawn within about a label's size of each other share one label,
// placed at the first of them, so that labels do not overprint.
func numbers(p *plot.Plot, designs []Design, at func(Design) plotter.XY) error {
	var pts []plotter.XY
	for _, d := range designs {
		pts = append(pts, at(d))
	}
	x0, x1, y0, y1 := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, q := range pts {
		x0, x1, y0, y1 = math.Min(x0, q.X), math.Max(x1, q.X), math.Min(y0, q.Y), math.Max(y1, q.Y)
	}
	if t, ok := p.Y.Tick.Marker.(ticks); ok && !t.log && y0 > 0 {
		y0 = 0 // a linear axis of hours is drawn from zero: nearness is on its whole height
	}
	spanX, spanY := math.Max(x1-x0, 1e-12), math.Max(y1-y0, 1e-12)
	type group struct {
		at    plotter.XY
		names []string
	}
	var groups []*group
	order := make([]int, len(pts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return pts[order[a]].X < pts[order[b]].X })
	for _, i := range order {
		q := pts[i]
		var g *group
		for _, h := range groups {
			// a label of n characters at 9 points is about 5n points wide,
			// on a plot about 650 points wide
			reach := (5*float64(len(strings.Join(h.names, ","))) + 16) / 650
			if q.X >= h.at.X-0.02*spanX && (q.X-h.at.X)/spanX < reach && math.Abs(q.Y-h.at.Y)/spanY < 0.03 {
				g = h
				break
			}
		}
		if g == nil {
			g = &group{at: q}
			groups = append(groups, g)
		}
		g.names = append(g.names, strconv.Itoa(designs[i].Number))
	}
	// a lone design is labelled to its right; a group above its first
	// design, so that the label does not run over the others
	for _, above := range []bool{false, true} {
		var xy plotter.XYs
		var labels []string
		for _, g := range groups {
			if (len(g.names) > 1) == above {
				xy = append(xy, g.at)
				labels = append(labels, strings.Join(g.names, ","))
			}
		}
		if len(xy) == 0 {
			continue
		}
		l, err := plotter.NewLabels(plotter.XYLabels{XYs: xy, Labels: labels})
		if err != nil {
			return err
		}
		for i := range l.TextStyle {
			l.TextStyle[i].Font = font.From(sans, vg.Points(9))
			l.TextStyle[i].XAlign = draw.XLeft
			l.TextStyle[i].YAlign = draw.YCenter
		}
		l.Offset = vg.Point{X: vg.Points(7)}
		if above {
			l.Offset = vg.Point{X: vg.Points(-3), Y: vg.Points(12)}
		}
		p.Add(l)
	}
	return nil
}

// pctWord prints 95 as "95%".
func pctWord(p float64) string { return strconv.FormatFloat(p, 'g', -1, 64) + "%" }

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

// Bar is one value of a dial, for the cost-with-risk chart.
type Bar struct {
	Label   string  // the dial's value, e.g. "4h", with the design's number
	Outlay  float64 // monthly cost to run
	Penalty float64 // expected monthly loss (downtime, data, total loss)
}

// Total draws, along a dial, the cost with risk in two panels sharing the
// dial's axis: above, what each design costs to run and the loss it is
// expected to carry, stacked, with the least total named; below, the cost
// to run alone on its own scale, so that it stays readable beside a much
// larger expected loss.
func Total(title, xLabel, currency string, bars []Bar) (*Chart, error) {
	if len(bars) == 0 {
		return nil, &Empty{"the dial has no values"}
	}
	outlay, penalty := make(plotter.Values, len(bars)), make(plotter.Values, len(bars))
	names := make([]string, len(bars))
	best := 0
	for i, b := range bars {
		outlay[i], penalty[i] = clean(b.Outlay), clean(b.Penalty)
		names[i] = b.Label
		if outlay[i]+penalty[i] < outlay[best]+penalty[best] {
			best = i
		}
	}
	w := vg.Points(math.Min(60, 420/float64(len(bars))))
	ch := &Chart{}

	top := newPanel(title)
	top.Y.Label.Text = "cost with risk a month"
	ob, err := plotter.NewBarChart(outlay, w)
	if err != nil {
		return nil, err
	}
	ob.Color, ob.LineStyle.Width = blue, 0
	pb, err := plotter.NewBarChart(penalty, w)
	if err != nil {
		return nil, err
	}
	pb.Color, pb.LineStyle.Width = orange, 0
	pb.StackOn(ob)
	top.Add(ob, pb)
	ch.addLegend("cost to run (storage, transfer, fixed, restore tests, restores)", ob)
	ch.addLegend("expected loss (downtime, lost writes, total losses)", pb)
	totals := make([]float64, len(bars))
	var tl []string
	for i := range bars {
		totals[i] = outlay[i] + penalty[i]
		s := numfmt.Money(currency, totals[i])
		if i == best {
			s += " least"
		}
		tl = append(tl, s)
	}
	if err := barLabels(top, totals, tl); err != nil {
		return nil, err
	}
	// labels too long for their bar's slot are wrapped over lines on the
	// lower panel, and the upper one is labelled with the numbers alone,
	// so that no two labels run into each other
	topNames, lowNames := names, names
	if wrapped, ok := wrapLabels(names); !ok {
		topNames, lowNames = numberLabels(names), wrapped
	}
	top.NominalX(topNames...)
	top.Y.Tick.Marker = ticks{q: moneyAxis, currency: currency}
	top.Y.Min, top.Y.Max = 0, maxOf(totals)*1.15+1e-9

	if maxOf(outlay) <= 0 {
		// nothing to run: no second panel of zeros
		top.X.Label.Text = xLabel
		top.X.Min, top.X.Max = -0.5, float64(len(bars))-0.5
		ch.panels = []*plot.Plot{top}
		ch.addLegend("every design costs nothing to run: all of it is expected loss")
		return ch, nil
	}
	low := newPanel("")
	low.Y.Label.Text = "cost to run a month"
	lb, err := plotter.NewBarChart(outlay, w)
	if err != nil {
		return nil, err
	}
	lb.Color, lb.LineStyle.Width = blue, 0
	low.Add(lb)
	var ol []string
	for _, v := range outlay {
		ol = append(ol, numfmt.Money(currency, v))
	}
	if err := barLabels(low, outlay, ol); err != nil {
		return nil, err
	}
	low.NominalX(lowNames...)
	low.X.Label.Text = xLabel
	low.Y.Tick.Marker = ticks{q: moneyAxis, currency: currency}
	low.Y.Min, low.Y.Max = 0, maxOf(outlay)*1.2+1e-9
	for _, p := range []*plot.Plot{top, low} {
		p.X.Min, p.X.Max = -0.5, float64(len(bars))-0.5
	}
	ch.panels = []*plot.Plot{top, low}
	return ch, nil
}

// barLabelChars is about how many characters of a 10-point label fit
// under one of n bars across a chart's plotting width (about 640 points,
// at about 5.6 points a character, leaving a gap between labels).
func barLabelChars(n int) int { return int(640 / float64(n) / 5.6 * 0.9) }

// wrapLabels returns the labels broken over lines at hyphens and spaces so
// that each line fits under its bar, and whether they all fit on one line
// as they were.
func wrapLabels(labels []string) ([]string, bool) {
	most := barLabelChars(len(labels))
	fits := true
	for _, l := range labels {
		fits = fits && len(l) <= most
	}
	if fits {
		return labels, true
	}
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = wrap(l, most)
	}
	return out, false
}

// wrap breaks s after hyphens and at spaces into lines of at most n
// characters where it can (a single word longer than n stays whole).
func wrap(s string, n int) string {
	var words []string
	start := 0
	for i, r := range s {
		if r == '-' {
			words = append(words, s[start:i+1])
			start = i + 1
		} else if r == ' ' {
			words = append(words, s[start:i+1])
			start = i + 1
		}
	}
	words = append(words, s[start:])
	var lines []string
	line := ""
	for _, w := range words {
		if line != "" && len(strings.TrimRight(line+w, " ")) > n {
			lines = append(lines, strings.TrimRight(line, " "))
			line = ""
		}
		line += w
	}
	lines = append(lines, strings.TrimRight(line, " "))
	return strings.Join(lines, "\n")
}

// numberLabels keeps, of labels ending in a design's number such as
// "4h (#2)", the number alone ("#2"); others are kept whole.
func numberLabels(labels []string) []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = l
		if j := strings.LastIndex(l, "(#"); j >= 0 && strings.HasSuffix(l, ")") {
			out[i] = l[j+1 : len(l)-1]
		}
	}
	return out
}

func barLabels(p *plot.Plot, heights []float64, text []string) error {
	var xy plotter.XYs
	for i, h := range heights {
		xy = append(xy, plotter.XY{X: float64(i), Y: h})
	}
	l, err := plotter.NewLabels(plotter.XYLabels{XYs: xy, Labels: text})
	if err != nil {
		return err
	}
	for i := range l.TextStyle {
		l.TextStyle[i].Font = font.From(sans, vg.Points(9))
		l.TextStyle[i].XAlign = draw.XCenter
	}
	l.Offset = vg.Point{Y: vg.Points(3)}
	p.Add(l)
	return nil
}

func clean(v float64) float64 {
	if !finite(v) || v < 0 {
		return 0
	}
	return v
}

// Curve is one empirical distribution: X in hours (ascending), P the
// share of all incidents at most X, and Lost the share that were total
// losses (no copy could be restored), where P ends below 1.
type Curve struct {
	Label string
	X, P  []float64
	Lost  float64
}

// CDF draws the curves as steps: hours against the share of all incidents
// that lost at most that, with the target as a labelled line. A curve with
// total losses ends below 100%, at the share restored, and its legend says
// how many were lost.
func CDF(title, quantity string, curves []Curve, target float64) (*Chart, error) {
	p := newPanel(title)
	ch := &Chart{panels: []*plot.Plot{p}}
	var all []float64
	drawn := 0
	for _, c := range curves {
		all = append(all, c.X...)
		if len(c.X) > 0 {
			drawn++
		}
	}
	if drawn == 0 {
		return nil, &Empty{"no incident was restored, so there is no " + quantity + " to draw"}
	}
	all = append(all, target)
	px := axis(&p.X, all, hoursAxis, "")
	p.X.Label.Text = quantity + " in one incident"
	p.Y.Label.Text = "share of incidents with at most that " + quantity
	// start the share axis just below the lowest curve's first step, so a
	// large share of zero-loss incidents does not squash the rest
	low := 1.0
	anyLost := false
	for _, c := range curves {
		if len(c.P) > 0 && finite(c.P[0]) {
			low = math.Min(low, c.P[0])
		}
		anyLost = anyLost || c.Lost > 0
	}
	yMin := math.Max(0, math.Floor((low-0.05)*10)/10)
	p.Y.Tick.Marker = ticks{q: shareAxis}
	right := px(maxOf(append([]float64{0}, finiteOnly(all)...)))
	type end struct {
		at  float64
		col color.Color
	}
	var ends []end
	type line struct {
		c     Curve
		thumb plot.Thumbnailer
	}
	var lines []line
	for i, c := range curves {
		kept := 1 - math.Min(1, clean(c.Lost))
		// a curve identical to one already drawn would hide under it:
		// it is named in the legend with that curve's line instead
		same := -1
		for j, l := range lines {
			if sameCurve(l.c, c) {
				same = j
				break
			}
		}
		if same >= 0 {
			ch.addLegend(c.Label+" (the same curve as "+shortName(lines[same].c.Label)+")", lines[same].thumb)
			continue
		}
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
			// a single value: draw the step up to it
			xy = append(plotter.XYs{{X: xy[0].X, Y: yMin}}, xy[0])
		}
		// carry the curve on at its last level to the right of the chart
		if last := xy[len(xy)-1]; last.X < right {
			xy = append(xy, plotter.XY{X: right, Y: last.Y})
		} else if len(xy) == 2 {
			xy = append(xy, plotter.XY{X: last.X * 1.5, Y: last.Y})
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return nil, err
		}
		l.StepStyle = plotter.PostStep
		l.Color, l.Width = palette[i%len(palette)], vg.Points(2)
		l.Dashes = dashes[i%len(dashes)]
		p.Add(l)
		label := c.Label
		if c.Lost > 0 {
			label += fmt.Sprintf(" (ends at %s: %s of incidents were total losses)", share(kept), share(c.Lost))
		}
		ch.addLegend(label, l)
		lines = append(lines, line{c, l})
		if c.Lost > 0 {
			ends = append(ends, end{kept, palette[i%len(palette)]})
		}
	}
	// where a curve ends below 100%, its share restored is written at the
	// right, in its colour, so that the gap to 100% reads as a number;
	// a label too close to one already written is left to the legend
	var written []float64
	for _, e := range ends {
		close := false
		for _, w := range written {
			close = close || math.Abs(w-e.at) < 0.035*(1-yMin)
		}
		if close {
			continue
		}
		written = append(written, e.at)
		lab, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: right, Y: e.at}}, Labels: []string{share(e.at)}})
		if err != nil {
			return nil, err
		}
		lab.TextStyle[0].Color = e.col
		lab.TextStyle[0].Font = font.From(sans, vg.Points(10))
		lab.TextStyle[0].XAlign = draw.XRight
		lab.TextStyle[0].YAlign = draw.YBottom
		lab.Offset = vg.Point{Y: vg.Points(2)}
		p.Add(lab)
	}
	if finite(target) {
		t := px(target)
		line, err := plotter.NewLine(plotter.XYs{{X: t, Y: yMin}, {X: t, Y: 1}})
		if err != nil {
			return nil, err
		}
		line.Color, line.Width, line.Dashes = vermilion, vg.Points(1), []vg.Length{vg.Points(2), vg.Points(2)}
		p.Add(line)
		lab, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: t, Y: yMin + (1-yMin)*0.04}}, Labels: []string{"target " + duration(target)}})
		if err != nil {
			return nil, err
		}
		lab.TextStyle[0].Color = vermilion
		lab.TextStyle[0].Font = font.From(sans, vg.Points(10))
		lab.Offset = vg.Point{X: vg.Points(4)}
		// near the right edge the label goes left of its line, inside the
		// chart rather than past its axis
		if left := px(minOf(all)); right > left && (t-left)/(right-left) > 0.85 {
			lab.TextStyle[0].XAlign = draw.XRight
			lab.Offset = vg.Point{X: vg.Points(-4)}
		}
		p.Add(lab)
	}
	if anyLost {
		ch.addLegend("a curve below 100% at the right: the rest were total losses")
	}
	pad(&p.X, 0.02, 0.02)
	p.Y.Min, p.Y.Max = yMin, 1.02
	return ch, nil
}

// sameCurve reports whether two curves draw the same line.
func sameCurve(a, b Curve) bool {
	if len(a.X) != len(b.X) || len(a.P) != len(b.P) || a.Lost != b.Lost {
		return false
	}
	for i := range a.X {
		if a.X[i] != b.X[i] {
			return false
		}
	}
	for i := range a.P {
		if a.P[i] != b.P[i] {
			return false
		}
	}
	return true
}

// shortName is how a curve's legend refers to another: its design number
// ("#11") when its label starts with one, else its whole label.
func shortName(label string) string {
	if f := strings.Fields(label); len(f) > 0 && strings.HasPrefix(f[0], "#") {
		return f[0]
	}
	return label
}

// share prints a fraction as a percentage with enough digits to be non-zero.
func share(f float64) string {
	switch {
	case f >= 0.1 && f <= 0.9:
		return strconv.FormatFloat(f*100, 'f', 0, 64) + "%"
	case f > 0.999 && f < 1:
		return strconv.FormatFloat(f*100, 'f', 3, 64) + "%"
	case f >= 0.01:
		return strconv.FormatFloat(f*100, 'f', 1, 64) + "%"
	}
	return strconv.FormatFloat(numfmt.RoundSig(f*100, 2), 'f', -1, 64) + "%"
}

func scatter(p *plot.Plot, xy plotter.XYs, shape draw.GlyphDrawer, c color.Color, r float64) (*plotter.Scatter, error) {
	if len(xy) == 0 {
		return nil, nil
	}
	s, err := plotter.NewScatter(xy)
	if err != nil {
		return nil, err
	}
	s.GlyphStyle = draw.GlyphStyle{Shape: shape, Color: c, Radius: vg.Points(r)}
	p.Add(s)
	return s, nil
}

// hline draws a horizontal line from x0 to x1 at y, labelled at its right
// end; dashed lines are targets, solid ones levels.
func hline(p *plot.Plot, x0, x1, y float64, label string, c color.Color, dashed bool) error {
	if x1 <= x0 {
		x1 = x0*1.1 + 1
	}
	l, err := plotter.NewLine(plotter.XYs{{X: x0, Y: y}, {X: x1, Y: y}})
	if err != nil {
		return err
	}
	l.Color, l.Width = c, vg.Points(1)
	if dashed {
		l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	}
	p.Add(l)
	if label == "" {
		return nil
	}
	lab, err := plotter.NewLabels(plotter.XYLabels{XYs: plotter.XYs{{X: x1, Y: y}}, Labels: []string{label}})
	if err != nil {
		return err
	}
	lab.TextStyle[0].Color = c
	lab.TextStyle[0].Font = font.From(sans, vg.Points(10))
	lab.TextStyle[0].XAlign = draw.XRight
	lab.Offset = vg.Point{Y: vg.Points(3)}
	p.Add(lab)
	return nil
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

func minPositive(v []float64) float64 {
	m := math.Inf(1)
	for _, x := range v {
		if x > 0 && finite(x) {
			m = math.Min(m, x)
		}
	}
	if math.IsInf(m, 1) {
		return 0
	}
	return m
}

func minOf(v []float64) float64 {
	m := math.Inf(1)
	for _, x := range v {
		if finite(x) {
			m = math.Min(m, x)
		}
	}
	return m
}

func maxOf(v []float64) float64 {
	m := math.Inf(-1)
	for _, x := range v {
		if finite(x) {
			m = math.Max(m, x)
		}
	}
	return m
}
