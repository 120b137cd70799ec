package plots

import (
	"bytes"
	"encoding/xml"
	"flag"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/cmpimg"
)

var update = flag.Bool("update", false, "rewrite the golden images in testdata")

// dial is a small sweep: backups every 1h, 4h, 24h on a dearer and a
// cheaper tier, the cheaper one missing the RTO target.
func dial() []Design {
	return []Design{
		{Label: "every=1h fast", Cost: 400, Value: 0.95, Meets: true, Pareto: true},
		{Label: "every=1h cold", Cost: 120, Value: 0.95, Pareto: true},
		{Label: "every=4h fast", Cost: 110, Value: 3.8, Meets: true, Pareto: true},
		{Label: "every=4h cold", Cost: 40, Value: 3.8, Pareto: true},
		{Label: "every=24h fast", Cost: 22, Value: 22.8, Meets: true, Pareto: true, Chosen: true},
		{Label: "every=24h cold", Cost: 17, Value: 22.8, Pareto: true},
	}
}

func curves() []Curve {
	return []Curve{
		{Label: "every=24h", X: []float64{0, 1, 6, 12, 22.8, 24}, P: []float64{0.1, 0.15, 0.35, 0.6, 0.95, 1}},
		{Label: "every=7d", X: []float64{0, 10, 84, 160, 168}, P: []float64{0.1, 0.12, 0.5, 0.95, 1}},
	}
}

// charts draws every kind of chart into dir and returns their base paths.
func charts(t *testing.T, dir string) map[string]string {
	t.Helper()
	bases := map[string]string{}
	draw := func(name string, f func(base string) error) {
		bases[name] = filepath.Join(dir, name)
		if err := f(bases[name]); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	draw("frontier", func(b string) error {
		return Frontier(b, "data lost against monthly cost", "RPO at p95 (hours)", "$", dial(), 24)
	})
	draw("total", func(b string) error {
		return Total(b, "monthly cost with its risk", "every", "$", []Bar{
			{Label: "1h", Outlay: 400, Penalty: 90}, {Label: "4h", Outlay: 110, Penalty: 160}, {Label: "24h", Outlay: 22, Penalty: 700},
		})
	})
	draw("cdf", func(b string) error {
		return CDF(b, "data lost per incident", "RPO (hours)", curves(), 24)
	})
	return bases
}

func TestChartsArePNGAndSVGAt800x600(t *testing.T) {
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
		if b := img.Bounds(); b.Dx() != 800 || b.Dy() != 600 {
			t.Errorf("%s.png is %dx%d, want 800x600", name, b.Dx(), b.Dy())
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
		// 600x450 points is 800x600 pixels at 96 dpi
		if root.XMLName.Local != "svg" || root.Width != "600pt" || root.Height != "450pt" {
			t.Errorf("%s.svg: root <%s width=%q height=%q>, want <svg width=600pt height=450pt>", name, root.XMLName.Local, root.Width, root.Height)
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
		golden := filepath.Join("testdata", name+".png")
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./plots -update)", err)
		}
		ok, err := cmpimg.Equal("png", got, want)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			bad := filepath.Join("testdata", name+"_got.png")
			os.WriteFile(bad, got, 0o644)
			t.Errorf("%s.png differs from %s; wrote %s", name, golden, bad)
		}
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
		name      string
		values    []float64
		log       bool
		zeroAt    float64 // where 0 is drawn
		notePart  string
		finiteMin bool
	}{
		{name: "narrow range stays linear", values: []float64{1, 5, 50}, zeroAt: 0},
		{name: "zero on a narrow range stays linear", values: []float64{0, 2, 24}, zeroAt: 0},
		{name: "decades go log", values: []float64{0.5, 24, 168}, log: true},
		{name: "zero on a log axis is drawn a decade below the least value", values: []float64{0, 0.5, 24, 168}, log: true, zeroAt: 0.05, notePart: "(0 drawn at 0.05)"},
		{name: "values below 1e-6 of the largest drawn a decade below that", values: []float64{1e-9, 10, 1000}, log: true, zeroAt: 0.0001, notePart: "(below 0.001 drawn at 0.0001)"},
		{name: "a least value above 1e-6 of the largest is drawn where it is", values: []float64{0.0167, 2000}, log: true, zeroAt: 0.00167},
		{name: "NaN and Inf ignored", values: []float64{math.NaN(), math.Inf(1), 1, 2}, zeroAt: 0},
		{name: "all zero", values: []float64{0, 0}, zeroAt: 0},
		{name: "nothing", values: nil, zeroAt: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := plot.New()
			place, note := axis(&p.X, tc.values)
			_, isLog := p.X.Scale.(plot.LogScale)
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
			if !strings.Contains(note, tc.notePart) || (tc.notePart == "" && note != "") {
				t.Errorf("note %q, want it to contain %q", note, tc.notePart)
			}
		})
	}
}

func TestChartsSurviveAwkwardData(t *testing.T) {
	dir := t.TempDir()
	nan, inf := math.NaN(), math.Inf(1)
	for _, tc := range []struct {
		name string
		draw func(base string) error
	}{
		{"frontier with total losses", func(b string) error {
			return Frontier(b, "t", "RPO at p95 (hours)", "$", []Design{{Label: "a", Cost: 10, Value: inf}, {Label: "b", Cost: 20, Value: 1}, {Label: "c", Cost: nan, Value: 2}}, 24)
		}},
		{"frontier with nothing on the chart", func(b string) error {
			return Frontier(b, "t", "RPO at p95 (hours)", "$", []Design{{Label: "a", Cost: 10, Value: inf}}, 24)
		}},
		{"frontier of one design at zero", func(b string) error {
			return Frontier(b, "t", "RPO at p95 (hours)", "$", []Design{{Label: "a", Cost: 0, Value: 0, Meets: true, Chosen: true}}, 1)
		}},
		{"total with no bars", func(b string) error { return Total(b, "t", "every", "$", nil) }},
		{"total with NaN", func(b string) error {
			return Total(b, "t", "every", "$", []Bar{{Label: "1h", Outlay: nan, Penalty: 3}, {Label: "2h", Outlay: 1, Penalty: inf}})
		}},
		{"cdf of one value", func(b string) error {
			return CDF(b, "t", "RPO (hours)", []Curve{{Label: "a", X: []float64{0}, P: []float64{1}}}, 1)
		}},
		{"cdf with no curves", func(b string) error { return CDF(b, "t", "RPO (hours)", nil, 1) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-"))
			if err := tc.draw(base); err != nil {
				t.Fatal(err)
			}
			for _, ext := range []string{".png", ".svg"} {
				if fi, err := os.Stat(base + ext); err != nil || fi.Size() == 0 {
					t.Errorf("%s%s not written: %v", base, ext, err)
				}
			}
		})
	}
}

func TestMissingDirectoryIsAnErrorAndWritesNothing(t *testing.T) {
	dir := t.TempDir()
	base := filepath.Join(dir, "no-such-dir", "cdf")
	if err := CDF(base, "t", "RPO (hours)", curves(), 24); err == nil {
		t.Fatal("no error for a missing directory")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("left %d entries in %s", len(entries), dir)
	}
}

func TestNiceTicks(t *testing.T) {
	for _, tc := range []struct {
		min, max float64
		want     []string
	}{
		{0, 27.9, []string{"0", "5", "10", "15", "20", "25"}},
		{0, 1.02, []string{"0", "0.2", "0.4", "0.6", "0.8", "1"}},
		{13, 440, []string{"100", "200", "300", "400"}},
		{0.1, 0.7, []string{"0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"}},
		{5, 5, nil},
	} {
		var got []string
		for _, tk := range (niceTicks{}).Ticks(tc.min, tc.max) {
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
		}
		if strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("Ticks(%g, %g) labels %v, want %v", tc.min, tc.max, got, tc.want)
		}
	}
}
