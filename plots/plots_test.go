package plots

import (
	"bytes"
	"encoding/xml"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/costdial/costdial/internal/golden"
	"gonum.org/v1/plot"
)

// dial is a small sweep: backups every 1h, 4h, 24h on a dearer and a
// cheaper tier, the cheaper one missing the RTO target.
func dial() []Design {
	return []Design{
		{Number: 1, Label: "every=1h fast", Cost: 400, Value: 0.95},
		{Number: 2, Label: "every=1h cold", Cost: 120, Value: 0.95, MissesRTO: true},
		{Number: 3, Label: "every=4h fast", Cost: 110, Value: 3.8},
		{Number: 4, Label: "every=4h cold", Cost: 40, Value: 3.8, MissesRTO: true},
		{Number: 5, Label: "every=24h fast", Cost: 22, Value: 22.8},
		{Number: 6, Label: "every=24h cold", Cost: 17, Value: 22.8, MissesRTO: true},
		{Number: 7, Label: "every=7d fast", Cost: 15, Value: 160, MissesRPO: true},
		{Number: 8, Label: "every=7d cold", Cost: 14, Value: math.Inf(1), MissesRPO: true, MissesRTO: true},
	}
}

func frontier(designs []Design) CostChart {
	return CostChart{Title: "data lost against cost to run", Quantity: "data lost", Percentile: 95, Currency: "$",
		Target: 24, Designs: designs, Pick: 4, PickWhy: "cheapest meeting both targets"}
}

func curves() []Curve {
	return []Curve{
		{Label: "every=24h", X: []float64{0, 1, 6, 12, 22.8, 24}, P: []float64{0.1, 0.15, 0.35, 0.6, 0.92, 0.97}, Lost: 0.03},
		{Label: "every=7d", X: []float64{0, 10, 84, 160, 168}, P: []float64{0.1, 0.12, 0.5, 0.95, 1}},
	}
}

// charts draws every kind of chart into dir and returns their base paths.
func charts(t *testing.T, dir string) map[string]string {
	t.Helper()
	bases := map[string]string{}
	draw := func(name string) func(*Chart, error) {
		return func(c *Chart, err error) {
			bases[name] = filepath.Join(dir, name)
			if err == nil {
				err = c.Save(bases[name])
			}
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
	}
	draw("frontier")(Frontier(frontier(dial())))
	draw("total")(Total("monthly cost with its risk", "how often nightly runs", "$", []Bar{
		{Label: "1h", Outlay: 400, Penalty: 90}, {Label: "4h", Outlay: 110, Penalty: 160}, {Label: "24h", Outlay: 22, Penalty: 7000},
	}))
	draw("cdf")(CDF("data lost per incident", "data lost", curves(), 24))
	return bases
}

func TestChartsArePNGAndSVGForASlide(t *testing.T) {
	dir := t.TempDir()
	for name, base := range charts(t, dir) {
		raw, err := os.ReadFile(base + ".png")
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("%s.png: %v", name, err)
		}
		if b := img.Bounds(); b.Dx() != 1600 || b.Dy() != 1000 {
			t.Errorf("%s.png is %dx%d, want 1600x1000", name, b.Dx(), b.Dy())
		}
		svg, err := os.ReadFile(base + ".svg")
		if err != nil {
			t.Fatal(err)
		}
		var root struct {
			XMLName xml.Name
			Width   string `xml:"width,attr"`
			Height  string `xml:"height,attr"`
		}
		if err := xml.Unmarshal(svg, &root); err != nil {
			t.Fatalf("%s.svg is not XML: %v", name, err)
		}
		// 720x450 points is 1600x1000 pixels at 160 dpi
		if root.XMLName.Local != "svg" || root.Width != "720pt" || root.Height != "450pt" {
			t.Errorf("%s.svg: root <%s width=%q height=%q>, want <svg width=720pt height=450pt>", name, root.XMLName.Local, root.Width, root.Height)
		}
		// the typeface is named, with fallbacks of the same metrics, not embedded
		if bytes.Contains(svg, []byte("@font-face")) || bytes.Contains(svg, []byte("base64")) {
			t.Errorf("%s.svg embeds a font", name)
		}
		if !bytes.Contains(svg, []byte("font-family:"+svgFamily)) {
			t.Errorf("%s.svg does not name the font family %s", name, svgFamily)
		}
		if len(svg) > 100_000 {
			t.Errorf("%s.svg is %d bytes, want under 100 kB", name, len(svg))
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
	if len(entries) != 6 {
		t.Errorf("%d files written, want 6 (3 charts as PNG and SVG)", len(entries))
	}
}

// TestChartsMatchGolden compares the PNGs with reviewed ones in testdata;
// run `go test ./plots -update` after a deliberate change and look at them.
func TestChartsMatchGolden(t *testing.T) {
	dir := t.TempDir()
	for name, base := range charts(t, dir) {
		got, err := os.ReadFile(base + ".png")
		if err != nil {
			t.Fatal(err)
		}
		golden.CheckPNG(t, filepath.Join("testdata", name+".png"), got)
	}
}

func TestChartsAreReproducible(t *testing.T) {
	a, b := charts(t, t.TempDir()), charts(t, t.TempDir())
	for name := range a {
		for _, ext := range []string{".png", ".svg"} {
			x, err := os.ReadFile(a[name] + ext)
			if err != nil {
				t.Fatal(err)
			}
			y, err := os.ReadFile(b[name] + ext)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(x, y) {
				t.Errorf("%s%s differs between two renderings of the same data", name, ext)
			}
		}
	}
}

func TestAxis(t *testing.T) {
	for _, tc := range []struct {
		name   string
		values []float64
		log    bool
		zeroAt float64 // where 0 is drawn
		floor  string  // label of the tick that stands for zero, if any
	}{
		{name: "narrow range stays linear", values: []float64{1, 5, 50}, zeroAt: 0},
		{name: "zero on a narrow range stays linear", values: []float64{0, 2, 24}, zeroAt: 0},
		{name: "decades go log", values: []float64{0.5, 24, 168}, log: true},
		{name: "zero on a log axis is drawn a decade below the least value", values: []float64{0, 0.5, 24, 168}, log: true, zeroAt: 0.05, floor: "0"},
		{name: "values below 1e-6 of the largest drawn a decade below that", values: []float64{1e-9, 10, 1000}, log: true, zeroAt: 0.0001, floor: "0"},
		{name: "a least value above 1e-6 of the largest is drawn where it is", values: []float64{0.0167, 2000}, log: true, zeroAt: 0.00167},
		{name: "NaN and Inf ignored", values: []float64{math.NaN(), math.Inf(1), 1, 2}, zeroAt: 0},
		{name: "all zero", values: []float64{0, 0}, zeroAt: 0},
		{name: "nothing", values: nil, zeroAt: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := plot.New()
			place := axis(&p.X, tc.values, hoursAxis, "")
			t0, _ := p.X.Tick.Marker.(ticks)
			isLog := t0.log
			if isLog {
				// a log axis is linear in log10 of the values
				place0 := place
				place = func(v float64) float64 { return math.Pow(10, place0(v)) }
			}
			if isLog != tc.log {
				t.Fatalf("log scale = %v, want %v", isLog, tc.log)
			}
			if isLog {
				for _, v := range tc.values {
					if finite(v) && place(v) <= 0 {
						t.Errorf("%g placed at %g on a log axis", v, place(v))
					}
				}
			}
			if tc.zeroAt != 0 || !isLog {
				if got := place(0); math.Abs(got-tc.zeroAt) > 1e-12 {
					t.Errorf("0 placed at %g, want %g", got, tc.zeroAt)
				}
			}
			if tc.floor != "" {
				found := false
				for _, tk := range p.X.Tick.Marker.Ticks(math.Log10(tc.zeroAt/2), 4) {
					found = found || (tk.Label == tc.floor && math.Abs(math.Pow(10, tk.Value)-tc.zeroAt) < 1e-12)
				}
				if !found {
					t.Errorf("no tick %q at %g", tc.floor, tc.zeroAt)
				}
			}
		})
	}
}

// TestTicksRead checks that every kind of axis is labelled at values a
// person would pick, in the axis's unit.
func TestTicksRead(t *testing.T) {
	for _, tc := range []struct {
		name     string
		t        ticks // on a log axis, min and max are values, not their log10
		min, max float64
		want     []string
	}{
		{"hours, linear", ticks{q: hoursAxis}, 0, 27.9, []string{"0", "5 h", "10 h", "15 h", "20 h", "25 h"}},
		{"minutes, linear", ticks{q: hoursAxis}, 0, 1.5, []string{"0", "20 min", "40 min", "60 min", "80 min"}},
		{"days, linear", ticks{q: hoursAxis}, 0, 240, []string{"0", "2 d", "4 d", "6 d", "8 d", "10 d"}},
		{"hours, log, a few decades", ticks{q: hoursAxis, log: true}, 0.5, 200, []string{"30 min", "1 h", "2 h", "6 h", "12 h", "24 h", "2 d", "1 w"}},
		{"hours, log, many decades", ticks{q: hoursAxis, log: true}, 1.0 / 3600, 9000, []string{"1 s", "10 s", "1 min", "10 min", "1 h", "6 h", "24 h", "1 w", "30 d", "1 y"}},
		{"money, linear", ticks{q: moneyAxis, currency: "$"}, 13, 440, []string{"$100", "$200", "$300", "$400"}},
		{"money, log", ticks{q: moneyAxis, currency: "€", log: true}, 8, 600, []string{"€10.00", "€20.00", "€50.00", "€100", "€200", "€500"}},
		{"money, cents", ticks{q: moneyAxis, currency: "$"}, 0, 0.5, []string{"$0.00", "$0.10", "$0.20", "$0.30", "$0.40", "$0.50"}},
		{"share", ticks{q: shareAxis}, 0.5, 1.02, []string{"50%", "60%", "70%", "80%", "90%", "100%"}},
		{"nothing to mark", ticks{q: shareAxis}, 5, 5, nil},
	} {
		var got []string
		for _, tk := range tc.t.ticks(tc.min, tc.max) {
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: Ticks(%g, %g) labels %q, want %q", tc.name, tc.min, tc.max, got, tc.want)
		}
	}
}

// TestWrap checks that long bar labels break after hyphens and at spaces
// into lines that fit under their bar, and that short ones are kept.
func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"4h (#2)", 14, "4h (#2)"},
		{"s3-standard-ia (#2)", 14, "s3-standard-ia\n(#2)"},
		{"s3-glacier-instant-retrieval (#3)", 14, "s3-glacier-\ninstant-\nretrieval (#3)"},
		{"s3-glacier-deep-archive-bulk (#7)", 14, "s3-glacier-\ndeep-archive-\nbulk (#7)"},
		// a word longer than a line stays whole
		{"immutable-unlockable-storage", 5, "immutable-\nunlockable-\nstorage"},
	} {
		if got := wrap(tc.in, tc.n); got != tc.want {
			t.Errorf("wrap(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
	// cold-archive's seven tiers do not fit on one line each: they are
	// wrapped, every line within its bar, and the upper panel is numbered
	tiers := []string{"s3-standard (#1)", "s3-standard-ia (#2)", "s3-glacier-instant-retrieval (#3)", "s3-glacier-flexible-retrieval (#4)",
		"s3-glacier-flexible-retrieval-bulk (#5)", "s3-glacier-deep-archive (#6)", "s3-glacier-deep-archive-bulk (#7)"}
	got, fits := wrapLabels(tiers)
	if fits {
		t.Fatalf("seven tier names fit under their bars (%d characters each): %q", barLabelChars(7), tiers)
	}
	for _, l := range got {
		for _, line := range strings.Split(l, "\n") {
			if len(line) > barLabelChars(len(tiers)) {
				t.Errorf("line %q of %q is longer than %d characters", line, l, barLabelChars(len(tiers)))
			}
		}
	}
	if n := numberLabels(tiers); n[2] != "#3" || n[6] != "#7" {
		t.Errorf("numberLabels = %q, want #1 to #7", n)
	}
	if got, fits := wrapLabels([]string{"1h (#1)", "4h (#2)", "24h (#3)"}); !fits || got[2] != "24h (#3)" {
		t.Errorf("short labels changed: %q (fit %v)", got, fits)
	}
}

// TestCDFShowsEveryCurve checks that a curve identical to one already drawn
// is named in the legend rather than hidden under it, and that a curve
// ending below 100% has its end share written on the chart.
func TestCDFShowsEveryCurve(t *testing.T) {
	a := Curve{Label: "#1 immutable=true", X: []float64{0, 1, 24, 168}, P: []float64{0.1, 0.6, 0.9, 0.997}, Lost: 0.003}
	b := a
	b.Label = "#3 immutable=true again"
	c := Curve{Label: "#2 immutable=false", X: []float64{0, 1, 24, 168}, P: []float64{0.1, 0.6, 0.9, 0.947}, Lost: 0.053}
	ch, err := CDF("ransomware", "data lost", []Curve{a, c, b}, 168)
	if err != nil {
		t.Fatal(err)
	}
	svg, err := ch.svg()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"#3 immutable=true again (the same curve as #1)",
		">99.7%</text>", ">94.7%</text>",
		"#2 immutable=false (ends at 94.7%: 5.3% of incidents were total losses)",
	} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("the chart does not hold %q", want)
		}
	}
}

// A chart's year is the engine's: 365 days (it was 365.25, so a year of
// downtime was marked "365 d" and the "1 y" tick sat six hours off).
func TestYearTick(t *testing.T) {
	if got := duration(8760); got != "1 y" {
		t.Errorf("duration(8760h) = %q, want \"1 y\"", got)
	}
	for _, v := range niceDurations {
		if v > 24*365 && math.Mod(v, 8760) != 0 {
			t.Errorf("a tick at %gh is not a whole number of 365-day years", v)
		}
	}
}

// A design that meets its RPO and RTO but misses another target (its
// total losses) is not drawn as meeting every target: it has a glyph and a
// legend entry of its own; with no design picked, none is ringed.
func TestFrontierShowsOtherMisses(t *testing.T) {
	designs := []Design{
		{Number: 1, Label: "today", Cost: 163, Value: 23.6, MissesOther: "the total-loss target"},
		{Number: 2, Label: "b2", Cost: 205, Value: 23.3},
	}
	c := frontier(designs)
	for _, pick := range []int{1, -1} {
		c.Pick = pick
		ch, err := Frontier(c)
		if err != nil {
			t.Fatal(err)
		}
		svg, err := ch.svg()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"meets every target", "meets RPO and RTO, misses the total-loss target"} {
			if !strings.Contains(string(svg), want) {
				t.Errorf("the chart does not hold %q", want)
			}
		}
		if ringed := strings.Contains(string(svg), "#2, cheapest meeting both targets"); ringed != (pick == 1) {
			t.Errorf("pick %d: #2 ringed %v", pick, ringed)
		}
	}
}
