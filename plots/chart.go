package plots

import (
	"bytes"
	"errors"
	"image/color"
	"io"
	"regexp"

	"github.com/costdial/costdial/internal/outset"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Size of every chart: 10 by 6.25 inches (720x450 points), drawn as PNG at
// 160 dpi (1600x1000 pixels, sharp on a slide).
const (
	width  = 10 * vg.Inch
	height = 6.25 * vg.Inch
	dpi    = 160
)

// Typeface of every chart: Liberation Sans, which has the metrics of Arial
// and Helvetica. SVGs name it with those as fallbacks instead of embedding
// a font, so a browser without Liberation Sans lays the text out the same.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// svgFamily is the font-family SVGs are given.
const svgFamily = `'Liberation Sans',Arial,Helvetica,sans-serif`

// Empty is the error of a chart with nothing to draw; Reason says why in
// words a reader of the report understands.
type Empty struct{ Reason string }

func (e *Empty) Error() string { return "nothing to draw: " + e.Reason }

// IsEmpty reports whether err says a chart had nothing to draw, and why.
func IsEmpty(err error) (reason string, ok bool) {
	var e *Empty
	if errors.As(err, &e) {
		return e.Reason, true
	}
	return "", false
}

// legendEntry is one line of a chart's legend.
type legendEntry struct {
	text   string
	thumbs []plot.Thumbnailer
}

// Chart is a drawn chart: one or more panels stacked top to bottom that
// share their x axis, and a legend in a strip below them, where it never
// covers data.
type Chart struct {
	panels []*plot.Plot
	legend []legendEntry
}

func (c *Chart) addLegend(text string, thumbs ...plot.Thumbnailer) {
	c.legend = append(c.legend, legendEntry{text, thumbs})
}

// legendStyle is the text style of the legend.
func legendStyle() plot.Legend {
	l := plot.NewLegend()
	l.TextStyle.Font = font.From(sans, vg.Points(10))
	l.Top, l.Left = true, true
	l.ThumbnailWidth = vg.Points(22)
	l.Padding = vg.Points(2)
	return l
}

// legendColumns splits the legend into one column, or two when it is long.
func (c *Chart) legendColumns() []plot.Legend {
	if len(c.legend) == 0 {
		return nil
	}
	cols, long := 1, false
	for _, e := range c.legend {
		long = long || len(e.text) > 60
	}
	if len(c.legend) > 3 && !long {
		cols = 2
	}
	per := (len(c.legend) + cols - 1) / cols
	var out []plot.Legend
	for i := 0; i < len(c.legend); i += per {
		l := legendStyle()
		for _, e := range c.legend[i:min(i+per, len(c.legend))] {
			l.Add(e.text, e.thumbs...)
		}
		out = append(out, l)
	}
	return out
}

// draw lays the chart out on dc.
func (c *Chart) draw(dc draw.Canvas) {
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	cols := c.legendColumns()
	strip := vg.Length(0)
	for _, l := range cols {
		r := l.Rectangle(dc)
		strip = max(strip, r.Max.Y-r.Min.Y)
	}
	margin := vg.Points(10)
	if strip > 0 {
		strip += 2 * margin
	}
	area := draw.Crop(dc, margin, -margin, strip, -margin)
	if len(cols) > 0 {
		w := (dc.Max.X - dc.Min.X - 2*margin) / vg.Length(len(cols))
		for i, l := range cols {
			lc := draw.Crop(dc, margin+w*vg.Length(i), 0, margin, 0)
			lc.Max.X = lc.Min.X + w
			lc.Max.Y = lc.Min.Y + strip - margin
			l.Draw(lc)
		}
	}
	if len(c.panels) == 1 {
		c.panels[0].Draw(area)
		return
	}
	rows := make([][]*plot.Plot, len(c.panels))
	for i, p := range c.panels {
		rows[i] = []*plot.Plot{p}
	}
	tiles := draw.Tiles{Rows: len(c.panels), Cols: 1, PadY: vg.Points(12)}
	canvases := plot.Align(rows, tiles, area)
	for i, p := range c.panels {
		p.Draw(canvases[i][0])
	}
}

// WritePNG writes the chart as a PNG image.
func (c *Chart) WritePNG(w io.Writer) error {
	img := vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(dpi))}
	c.draw(draw.New(img))
	_, err := img.WriteTo(w)
	return err
}

var svgFont = regexp.MustCompile(`font-family:Liberation Sans;`)

// WriteSVG writes the chart as an SVG document that names its typeface
// instead of embedding it.
func (c *Chart) WriteSVG(w io.Writer) error {
	b, err := c.svg()
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

func (c *Chart) svg() ([]byte, error) {
	svg := vgsvg.NewWith(vgsvg.UseWH(width, height))
	c.draw(draw.New(svg))
	var buf bytes.Buffer
	if _, err := svg.WriteTo(&buf); err != nil {
		return nil, err
	}
	return svgFont.ReplaceAll(buf.Bytes(), []byte("font-family:"+svgFamily+";")), nil
}

var svgProlog = regexp.MustCompile(`(?s)\A.*?(<svg)`)

// InlineSVG returns the chart as an <svg> element to place in an HTML page:
// no XML prolog, scaled to the width of its container, with a title for
// screen readers.
func (c *Chart) InlineSVG(title string) ([]byte, error) {
	b, err := c.svg()
	if err != nil {
		return nil, err
	}
	b = svgProlog.ReplaceAll(b, []byte("$1"))
	// fixed points become a viewBox scaled to the page
	b = regexp.MustCompile(`\A<svg width="[^"]*" height="[^"]*"`).ReplaceAll(b, []byte(`<svg role="img" width="100%" preserveAspectRatio="xMidYMid meet"`))
	var t bytes.Buffer
	t.WriteString("<title>")
	xmlEscape(&t, title)
	t.WriteString("</title>")
	if i := bytes.IndexByte(b, '>'); i >= 0 {
		b = append(b[:i+1:i+1], append(t.Bytes(), b[i+1:]...)...)
	}
	return b, nil
}

func xmlEscape(w *bytes.Buffer, s string) {
	for _, r := range s {
		switch r {
		case '<':
			w.WriteString("&lt;")
		case '>':
			w.WriteString("&gt;")
		case '&':
			w.WriteString("&amp;")
		case '"':
			w.WriteString("&quot;")
		default:
			w.WriteRune(r)
		}
	}
}

// SavePNG writes the chart to path as PNG only, through a temporary file.
func (c *Chart) SavePNG(path string) error {
	return outset.WriteFile(path, c.WritePNG)
}

// Save writes the chart to base.png and base.svg, each through a temporary
// file renamed into place.
func (c *Chart) Save(base string) error {
	if err := outset.WriteFile(base+".png", c.WritePNG); err != nil {
		return err
	}
	return outset.WriteFile(base+".svg", c.WriteSVG)
}

// newPanel is a plot with the chart's fonts and a grid.
func newPanel(title string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, vg.Points(14))
	p.Title.Padding = vg.Points(8)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, vg.Points(11))
		a.Tick.Label.Font = font.From(sans, vg.Points(10))
	}
	p.Legend.TextStyle.Font = font.From(sans, vg.Points(10))
	return p
}
