package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/model/sweep"
)

// fuzzBound is how long one fuzzed scenario may run (a few trials, a
// small sweep) before it counts as a hang.
const fuzzBound = 30 * time.Second

// nonFinite finds a NaN or an infinity printed as a number.
var nonFinite = regexp.MustCompile(`NaN|[+-]Inf|\$Inf|Inf[a-z]*\b`)

// FuzzScenarioRun loads, validates and runs whole scenarios (with a few
// trials) and, when they have a small dial, sweeps them, as the command
// line does, and renders every output format of what it runs: run as
// text, JSON and Markdown; sweep as text, JSON, CSV, Markdown and its files;
// report as HTML and Markdown. It fails on a crash, on a run past
// fuzzBound, on a number that is not finite in any output, on scenario
// text that reaches Markdown or CSV unescaped (markdownLeak, csvLeak) or
// HTML as a tag of its own; an input may be refused, but only with an
// ordinary error. Seeded with every example and with hostile text.
//
//	go test ./cmd/costdial -run '^$' -fuzz FuzzScenarioRun -fuzztime 60s -fuzzminimizetime 3s
//
// (each input runs the engine, so the default minimization of every new
// interesting input, a minute each, would take most of a short run).
func FuzzScenarioRun(f *testing.F) {
	files, _ := filepath.Glob("../../scenarios/*.yaml")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, seed := range []string{
		"version: 1\nname: t\nservice: {data: 1GiB}\nstores: [{name: live, primary: true}, {name: b}]\nbackups: [{name: n, to: b, fail: 50%, breaks: 2/y}]\nfailures: [{name: d, rate: 3/y}]\n",
		"version: 1\nname: t\nsimulate: {years: 100}\nservice: {data: 1e30TB, writes: 1GiB/s}\nstores: [{name: live, primary: true}, {name: b, price: $1e11/GiB-month}]\nbackups: [{name: n, to: b, kind: incremental, every: 1s}]\nfailures: [{name: d, rate: 1/m}]\n",
		"version: 1\nname: t\nservice: {data: 1GiB, targets: {percentile: 100}}\nstores: [{name: live, primary: true}, {name: b}]\nbackups: [{name: n, to: b, kind: pitr}]\nfailures: [{name: d, kind: ransomware, rate: 1/y, dwell: 1y}]\ndial: [{set: backups.n.lag, values: [0s, 1y]}]\n",
		// issue 20: a total-loss target a few trials cannot show, a failure's
		// own targets, and options of which two make the same design
		"version: 1\nname: t\nservice: {data: 1GiB, targets: {total_loss: 1/1000000y}}\nstores: [{name: live, primary: true}, {name: b}, {name: c, enabled: false}]\n" +
			"backups: [{name: n, to: b}, {name: m, to: c}]\nfailures: [{name: d, rate: 3/y, targets: {rto: 0s}}]\n" +
			"dial: [{choose: [{name: a}, {name: o, set: {stores.c.enabled: true}}, {name: same, set: {stores.c.price: $1/GiB-month}}]}]\n",
		hostileScenario,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// the whole of one input (load, runs, sweep) runs under a timer:
		// the engine checks for cancellation only between blocks of trials
		done := make(chan struct{})
		go func() {
			defer close(done)
			fuzzOne(t, data)
		}()
		select {
		case <-done:
		case <-time.After(fuzzBound):
			t.Fatalf("still running after %v:\n%s", fuzzBound, data)
		}
	})
}

// fuzzOne checks one input; it reports with t.Errorf (it runs on its own
// goroutine) and returns at the first failure.
func fuzzOne(t *testing.T, data []byte) {
	{
		dir := t.TempDir()
		file := filepath.Join(dir, "f.yaml")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Error(err)
			return
		}
		s, err := scenario.Load(file, data, []string{"simulate.trials=20"})
		if err != nil {
			return // refused: the unit tests check the messages
		}
		// names are the user's text; a name "NaN" is not a number
		strip := []string{s.Name, s.Description}
		for _, x := range s.Stores {
			strip = append(strip, x.Name, x.Tier)
		}
		for _, x := range s.Backups {
			strip = append(strip, x.Name)
		}
		for _, x := range s.Failures {
			strip = append(strip, x.Name)
		}
		for _, x := range s.Domains {
			strip = append(strip, x.Name)
		}
		for _, a := range s.Dial {
			strip = append(strip, a.Set)
			strip = append(strip, a.Values...)
		}
		check := func(what, out string) {
			for _, x := range strip {
				if x != "" {
					out = strings.ReplaceAll(out, x, "")
				}
			}
			if m := nonFinite.FindString(out); m != "" {
				t.Errorf("%s prints %q:\n%s", what, m, out)
			}
		}
		failed := false
		fail := func(format string, args ...any) {
			t.Errorf(format, args...)
			failed = true
		}
		exec := func(args ...string) (int, string, string) {
			var o, e strings.Builder
			code := executeContext(context.Background(), args, strings.NewReader(""), &o, &e)
			if code == 3 || strings.Contains(e.String(), "goroutine ") || strings.Contains(e.String(), "panic") {
				fail("costdial %s crashed (exit %d):\n%s", strings.Join(args, " "), code, e.String())
			}
			if strings.Contains(e.String(), "unsupported value") || strings.Contains(e.String(), "json:") {
				fail("costdial %s: a number JSON cannot hold:\n%s", strings.Join(args, " "), e.String())
			}
			return code, o.String(), e.String()
		}
		code, out, errOut := exec("run", file, "--trials", "20", "--workers", "1", "-o", "json")
		if failed {
			return
		}
		if code != 0 {
			t.Errorf("loads but does not run (exit %d):\n%s", code, errOut)
			return
		}
		if !json.Valid([]byte(out)) {
			t.Errorf("invalid JSON:\n%s", out)
			return
		}
		_, out, _ = exec("run", file, "--trials", "20", "--workers", "1", "--per-failure")
		check("the report", out)
		_, out, _ = exec("run", file, "--trials", "20", "--workers", "1", "-o", "markdown")
		check("run -o markdown", out)
		markdownLeak(t, "run -o markdown", out)
		small := len(s.Dial) == 0 || sweep.Size(sweep.Axes(s, nil)) <= 4
		if len(s.Dial) > 0 && small {
			code, out, errOut := exec("sweep", file, "--trials", "5", "--workers", "1", "-o", "csv", "--out", filepath.Join(dir, "o"))
			if failed {
				return
			}
			if code != 0 {
				t.Errorf("loads but does not sweep (exit %d):\n%s", code, errOut)
				return
			}
			check("the sweep's CSV", out)
			csvLeak(t, "sweep -o csv", out)
			raw, _ := os.ReadFile(filepath.Join(dir, "o", "sweep.json"))
			if !json.Valid(raw) {
				t.Errorf("sweep.json is not valid JSON")
			}
			raw, _ = os.ReadFile(filepath.Join(dir, "o", "sweep.csv"))
			csvLeak(t, "sweep.csv", string(raw))
			for _, format := range []string{"text", "json", "markdown"} {
				_, out, _ := exec("sweep", file, "--trials", "5", "--workers", "1", "-o", format)
				check("sweep -o "+format, out)
				switch format {
				case "json":
					if !json.Valid([]byte(out)) {
						t.Errorf("sweep -o json is not valid JSON:\n%s", out)
					}
				case "markdown":
					markdownLeak(t, "sweep -o markdown", out)
				}
			}
		}
		if small {
			for _, format := range []string{"html", "markdown"} {
				path := filepath.Join(dir, "r."+format)
				code, _, errOut := exec("report", file, "--trials", "5", "--workers", "1", "-o", format, "--out", path)
				if failed {
					return
				}
				if code != 0 {
					t.Errorf("loads but does not report (exit %d):\n%s", code, errOut)
					return
				}
				raw, _ := os.ReadFile(path)
				check("report -o "+format, string(raw))
				if format == "markdown" {
					markdownLeak(t, "report -o markdown", string(raw))
				} else {
					htmlLeak(t, string(raw))
				}
			}
		}
	}
}

// markdownLeak fails when Markdown holds scenario text a Markdown tool
// would read as markup. costdial's own Markdown, outside its fenced code
// blocks and its image lines, holds no <, no backtick and no bracket that
// is not escaped, and every row of a table has as many cells as its head:
// any of these comes from text that was not escaped.
func markdownLeak(t *testing.T, what, md string) {
	prose, _ := splitFenced(md)
	var head int // cells in the current table's head; 0 outside a table
	for n, line := range strings.Split(prose, "\n") {
		if i := strings.LastIndex(line, "]("); strings.HasPrefix(line, "![") && strings.HasSuffix(line, ")") && i > 0 {
			// a chart's image, ![caption](file): the caption is checked as
			// text, the file is percent-encoded
			if dest := line[i+2 : len(line)-1]; strings.ContainsAny(dest, " <>()[]`") {
				t.Errorf("%s, line %d: an image's file is not encoded: %q", what, n+1, line)
			}
			line = line[2:i]
		}
		bad := ""
		for i := 0; i < len(line) && bad == ""; i++ {
			switch c := line[i]; c {
			case '\\':
				i++ // an escaped character
			case '<', '`', '[', ']':
				bad = line[i:min(len(line), i+40)]
			}
		}
		if bad != "" {
			t.Errorf("%s, line %d: unescaped markup %q in %q", what, n+1, bad, line)
		}
		if !strings.HasPrefix(line, "|") {
			head = 0
			continue
		}
		cells := 0
		for i := 0; i < len(line); i++ {
			switch line[i] {
			case '\\':
				i++
			case '|':
				cells++
			}
		}
		if head == 0 {
			head = cells
		} else if cells != head {
			t.Errorf("%s, line %d: a table row with %d cell walls, its head %d: %q", what, n+1, cells, head, line)
		}
	}
}

// csvLeak fails when a CSV cell would be read by a spreadsheet as a
// formula: one that starts with =, +, -, @, a tab or a carriage return and
// is not a number.
func csvLeak(t *testing.T, what, text string) {
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Errorf("%s: not CSV: %v", what, err)
		return
	}
	for _, row := range rows {
		for _, c := range row {
			if c == "" || !strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				continue
			}
			if _, err := strconv.ParseFloat(c, 64); err != nil {
				t.Errorf("%s: a spreadsheet evaluates the cell %q", what, c)
			}
		}
	}
}

// reportTags are the HTML elements costdial's report is made of (its page
// and the inline SVG of its charts); any other comes from scenario text.
var reportTags = map[string]bool{}

func init() {
	for _, tag := range strings.Fields(`html head meta title style body main header h1 h2 p section nav strong ol ul li a div
		table caption thead tbody tr th td figure figcaption footer code svg g path text rect line circle defs clippath use tspan image`) {
		reportTags[tag] = true
	}
}

var htmlTag = regexp.MustCompile(`<(/?)([A-Za-z][A-Za-z0-9-]*)|<!--|<!\[|<\?`)

// htmlLeak fails when the HTML report holds an element, comment or
// processing instruction costdial does not write.
func htmlLeak(t *testing.T, page string) {
	page = strings.TrimPrefix(page, "<!DOCTYPE html>")
	for _, m := range htmlTag.FindAllStringSubmatch(page, -1) {
		if len(m[2]) == 0 || !reportTags[strings.ToLower(m[2])] {
			t.Errorf("the HTML report holds %q, which costdial does not write", m[0])
		}
	}
}
