package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
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
// line does. It fails on a crash, on a run past fuzzBound, or on a number
// that is not finite in any output (text, JSON or CSV); an input may be
// refused, but only with an ordinary error. Seeded with every example.
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
		if len(s.Dial) > 0 && sweep.Size(sweep.Axes(s, nil)) <= 4 {
			code, out, errOut := exec("sweep", file, "--trials", "5", "--workers", "1", "-o", "csv", "--out", filepath.Join(dir, "o"))
			if failed {
				return
			}
			if code != 0 {
				t.Errorf("loads but does not sweep (exit %d):\n%s", code, errOut)
				return
			}
			check("the sweep's CSV", strings.ReplaceAll(out, ",inf,", ",total loss,")) // inf marks a total loss, by design
			raw, _ := os.ReadFile(filepath.Join(dir, "o", "sweep.json"))
			if !json.Valid(raw) {
				t.Errorf("sweep.json is not valid JSON")
			}
		}
	}
}
