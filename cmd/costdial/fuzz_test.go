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
//	go test ./cmd/costdial -run '^$' -fuzz FuzzScenarioRun -fuzztime 60s
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
		dir := t.TempDir()
		file := filepath.Join(dir, "f.yaml")
		if err := os.WriteFile(file, data, 0o644); err != nil {
			t.Fatal(err)
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
		exec := func(args ...string) (int, string, string) {
			// the engine checks for cancellation between blocks of trials,
			// so a trial that never ends is caught by the timer alone
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var o, e strings.Builder
			var code int
			done := make(chan struct{})
			go func() {
				defer close(done)
				code = executeContext(ctx, args, &o, &e)
			}()
			select {
			case <-done:
			case <-time.After(fuzzBound):
				cancel()
				t.Fatalf("costdial %s: still running after %v", strings.Join(args, " "), fuzzBound)
			}
			if code == 3 || strings.Contains(e.String(), "goroutine ") || strings.Contains(e.String(), "panic") {
				t.Fatalf("costdial %s crashed (exit %d):\n%s", strings.Join(args, " "), code, e.String())
			}
			if strings.Contains(e.String(), "unsupported value") || strings.Contains(e.String(), "json:") {
				t.Fatalf("costdial %s: a number JSON cannot hold:\n%s", strings.Join(args, " "), e.String())
			}
			return code, o.String(), e.String()
		}
		code, out, errOut := exec("run", file, "--trials", "20", "--workers", "1", "--format", "json")
		if code != 0 {
			t.Fatalf("loads but does not run (exit %d):\n%s", code, errOut)
		}
		if !json.Valid([]byte(out)) {
			t.Fatalf("invalid JSON:\n%s", out)
		}
		_, out, _ = exec("run", file, "--trials", "20", "--workers", "1", "--per-failure")
		check("the report", out)
		if len(s.Dial) > 0 && sweep.Size(sweep.Axes(s, nil)) <= 4 {
			code, out, errOut := exec("sweep", file, "--trials", "5", "--workers", "1", "--format", "csv", "--out", filepath.Join(dir, "o"))
			if code != 0 {
				t.Fatalf("loads but does not sweep (exit %d):\n%s", code, errOut)
			}
			check("the sweep's CSV", strings.ReplaceAll(out, ",inf,", ",total loss,")) // inf marks a total loss, by design
			raw, _ := os.ReadFile(filepath.Join(dir, "o", "sweep.json"))
			if !json.Valid(raw) {
				t.Fatalf("sweep.json is not valid JSON")
			}
		}
	})
}
