package scenario

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Issue 11: hostile and extreme input. Each family has a mechanism; these
// tests check the mechanism on the cases that first showed the problem.

// load returns the error text of loading yaml with sets, or "" if it loads.
func loadErr(t *testing.T, yaml string, sets []string, lim Limits) string {
	t.Helper()
	_, err := LoadLimited("x.yaml", []byte(yaml), sets, lim)
	if err == nil {
		return ""
	}
	return err.Error()
}

// Family 1: work whose size is known in advance is refused above a
// documented limit, naming the number and how to raise it.
func TestLimitsRefuseWork(t *testing.T) {
	dial7 := minimal + "dial:\n"
	for i := 0; i < 7; i++ {
		dial7 += "  - {set: backups.nightly.fail, values: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]}\n"
	}
	// seven different paths, so that the grid and not a duplicate is the fault
	paths := []string{"backups.nightly.fail", "backups.nightly.compression", "stores.bucket.min_days", "stores.bucket.restore",
		"backups.nightly.duration", "backups.nightly.fix", "backups.nightly.restore_test"}
	vals := [][]string{
		{"0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"},
		{"0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"},
		{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"},
		{"1MB/s", "2MB/s", "3MB/s", "4MB/s", "5MB/s", "6MB/s", "7MB/s", "8MB/s", "9MB/s", "10MB/s"},
		{"0s", "1m", "2m", "3m", "4m", "5m", "6m", "7m", "8m", "9m"},
		{"1h", "2h", "3h", "4h", "5h", "6h", "7h", "8h", "9h", "10h"},
		{"0s", "1d", "2d", "3d", "4d", "5d", "6d", "7d", "8d", "9d"},
	}
	dial7 = minimal + "dial:\n"
	for i, p := range paths {
		dial7 += fmt.Sprintf("  - {set: %s, values: [%s]}\n", p, strings.Join(vals[i], ", "))
	}
	// 200 jobs, each to a store of its own, and a failure of the primary
	// 60000 times a year: 61315 incidents in a year and its 8 days of
	// warm-up, within that limit, each looking at 200 jobs' points
	wide := "version: 1\nname: wide\nservice: {data: 1GiB}\nstores:\n  - {name: live, primary: true}\n"
	jobs := "backups:\n"
	for i := range 200 {
		wide += fmt.Sprintf("  - {name: s%d}\n", i)
		jobs += fmt.Sprintf("  - {name: j%d, to: s%d}\n", i, i)
	}
	wide += jobs + "failures:\n  - {name: disk, rate: 60000/y}\n  - {name: lost-copy, hits: s0, rate: 1000/y}\n"
	for _, tc := range []struct {
		name string
		yaml string
		sets []string
		lim  Limits
		want []string // empty: loads
	}{
		// issue 23.17: 60000/y * (1 + 8/365) * 200 = 12263013.7 searches;
		// lost-copy destroys a copy, not the primary: it searches nothing
		{"a trial's work", wide, nil, DefaultLimits,
			[]string{"x.yaml:408:24: failures.disk.rate: about 12263014 searches expected in each trial of 1 year and its warm-up of 8d",
				"the most from failures.disk.rate, 60000/y, each looking at the points of 200 jobs), above the limit of 10000000", "--max-trial-work 12263014"}},
		{"a trial's work, raised", wide, nil, Limits{Work: 12263014}, nil},
		{"a billion failures a year", minimal, []string{"failures.disk.rate=1e9/y"}, DefaultLimits,
			[]string{"failures.disk.rate: about 1021917809 incidents and job breaks expected in each trial", "above the limit of 100000", "--max-incidents 1021917809"}},
		{"a billion breaks a year", minimal, []string{"backups.nightly.breaks=1e9/y"}, DefaultLimits,
			[]string{"backups.nightly.breaks: about 1021917809 incidents", "--max-incidents"}},
		// the engine plays a warm-up of 8 days (the nightly's interval and
		// its week of retention) before each trial, and the limits count it:
		// 0.3/y over 1000000 years and 8 days is 300000.0066 incidents
		{"years add up", minimal, []string{"simulate.years=1000000"}, DefaultLimits,
			[]string{"failures.disk.rate: about 300001 incidents", "each trial of 1000000 years and its warm-up of 8d (the most from failures.disk.rate, 0.3/y)"}},
		{"the limit raised", minimal, []string{"simulate.years=1000000", "simulate.trials=10"}, Limits{Incidents: 300001}, nil},
		// 1e9 trials of 2 years and 8/365 of a year: 2021917808.2 years
		{"years simulated", minimal, []string{"simulate.trials=1000000000", "simulate.years=2"}, DefaultLimits,
			[]string{"simulate.trials: 1000000000 trials of 2 years and its warm-up of 8d are 2021917809 years to simulate, above the limit of 1000000000", "--max-trial-years 2021917809"}},
		{"years simulated, raised", minimal, []string{"simulate.trials=1000000000", "simulate.years=2"}, Limits{TrialYears: 2021917809}, nil},
		// issue 23.16: a trial's span within the limit, its warm-up of a
		// year far above it (this ran out of memory)
		{"the warm-up counts", minimal, []string{"simulate.years=1e-6", "simulate.trials=1", "failures.disk.rate=1e8/y", "backups.nightly.retention=1y"}, DefaultLimits,
			[]string{"failures.disk.rate: about 100274073 incidents and job breaks expected in each trial of 0.000001 years and its warm-up of 366d", "--max-incidents 100274073"}},
		// 1e9 trials of 0.001 years are 1e6 years; with their warm-ups of
		// 366 days, 1e9 * (0.001 + 366/365) = 1003739726.03
		{"the warm-up counts in years", minimal, []string{"simulate.years=1e-3", "simulate.trials=1000000000", "backups.nightly.retention=1y"}, DefaultLimits,
			[]string{"simulate.trials: 1000000000 trials of 0.001 years and its warm-up of 366d are 1003739727 years", "above the limit of 1000000000"}},
		{"designs in a grid", dial7, nil, DefaultLimits,
			[]string{"dial: 10000000 designs in the dial's grid", "above the limit of 1000", "--max-designs 10000000"}},
		{"designs limit raised", strings.Replace(dial7, "  - {set: backups.nightly.restore_test", "  - {set: backups.nightly.restore_testx", 1), nil, Limits{Designs: 10_000_000},
			[]string{"unknown field \"restore_testx\""}}, // only the misspelt path, no grid error
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := loadErr(t, tc.yaml, tc.sets, tc.lim)
			if len(tc.want) == 0 && got != "" {
				t.Fatalf("refused: %s", got)
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("error lacks %q:\n%s", w, got)
				}
			}
			if tc.name == "designs limit raised" && strings.Contains(got, "designs in the dial") {
				t.Errorf("grid refused although the limit was raised:\n%s", got)
			}
		})
	}
}

// Family 1: the input is bounded before it is read whole.
func TestReadFileLimited(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err == nil {
		start := time.Now()
		_, err := ReadFileLimited("/dev/zero", 0)
		if err == nil || !strings.Contains(err.Error(), "/dev/zero: larger than 4 MiB") || !strings.Contains(err.Error(), "--max-file-size") {
			t.Errorf("/dev/zero: got %v", err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("/dev/zero took %v to refuse", d)
		}
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, []byte(minimal+"# "+strings.Repeat("x", 100)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFileLimited(big, 100); err == nil || !strings.Contains(err.Error(), "larger than 100 B") {
		t.Errorf("a file over a 100 B limit: got %v", err)
	}
	if _, err := ReadFileLimited(big, 1<<20); err != nil {
		t.Errorf("a file under the limit: %v", err)
	}
	if _, err := ReadFileLimited(dir, 0); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("a directory: got %v", err)
	}
}

// Family 5: a large plain file is called large, not an alias bomb, in one line.
func TestLargeFileIsNotABomb(t *testing.T) {
	var b strings.Builder
	b.WriteString(minimal)
	for i := 0; i < 40000; i++ {
		fmt.Fprintf(&b, "  - {name: f%d, rate: 1/y}\n", i)
	}
	if b.Len() < 1<<20 {
		t.Fatalf("test file is only %d bytes", b.Len())
	}
	got := loadErr(t, b.String(), nil, DefaultLimits)
	if !strings.Contains(got, "too large: more than 100000 YAML values") || strings.Contains(got, "bomb") {
		t.Errorf("got:\n%.500s", got)
	}
	if n := strings.Count(got, "\n"); n != 0 {
		t.Errorf("%d lines for one problem", n+1)
	}
	if got := loadErr(t, aliasBomb(), nil, DefaultLimits); !strings.Contains(got, "alias bomb") || strings.Count(got, "\n") != 0 {
		t.Errorf("alias bomb: got\n%.500s", got)
	}
}

// Family 2: a rate meant per month but written per minute is refused by
// the incidents limit, with a hint about the unit.
func TestRatePerMinuteHint(t *testing.T) {
	for _, rate := range []string{"1/m", "1/min", "2/s"} {
		got := loadErr(t, minimal, []string{"failures.disk.rate=" + rate}, DefaultLimits)
		if !strings.Contains(got, "m means minutes") || !strings.Contains(got, "1/month") {
			t.Errorf("rate %s: got\n%s", rate, got)
		}
	}
	// once a month is fine
	if got := loadErr(t, minimal, []string{"failures.disk.rate=1/month"}, DefaultLimits); got != "" {
		t.Errorf("1/month refused: %s", got)
	}
}

// Family 3: NaN, Inf and values that overflow what is computed from them
// are refused with the field, never passed on.
func TestNonFiniteRefused(t *testing.T) {
	for _, tc := range []struct {
		set  string
		want string
	}{
		{"simulate.years=nan", "simulate.years: expected a finite number (got \"nan\")"},
		{"simulate.years=Inf", "simulate.years: expected a finite number"},
		{"simulate.years=1e400", "simulate.years: expected a finite number"},
		{"service.targets.percentile=NaN", "service.targets.percentile: expected a finite number"},
		{"stores.bucket.min_days=.inf", "stores.bucket.min_days: expected a number"},
		{"stores.bucket.min_days=inf", "stores.bucket.min_days: expected a finite number"},
		{"stores.bucket.min_days=1e300", "stores.bucket.min_days: must be from 0 to 36500 days"},
		{"backups.nightly.compression=NaN", "backups.nightly.compression: expected a finite number"},
		{"backups.nightly.fail=nan%", "backups.nightly.fail: invalid fraction"},
		{"service.data=1e300PiB", "service.data: invalid size \"1e300PiB\": too large to compute with"},
		{"service.data=1e30TB", "service.data: at most 1 EiB"},
		{"service.writes=1e300PiB/s", "service.writes: invalid throughput"},
		{"service.writes=1e30TB/s", "service.writes: at most 1 EiB/s"},
		{"stores.bucket.price=$1e308/GiB-month", "stores.bucket.price: at most 1e+12 in its unit"},
		{"stores.bucket.price=$1e308/TB-month", "stores.bucket.price: at most 1e+12"},
		{"stores.bucket.price=$1e308/kB-month", "stores.bucket.price: invalid amount of money \"$1e308/kB-month\": too large"},
		{"service.downtime_cost=$1e400/h", "service.downtime_cost: invalid amount of money"},
		{"failures.disk.rate=1e308/ns", "failures.disk.rate: invalid rate \"1e308/ns\": too large"},
		{"recovery.provision=uniform(1h, 1e300y)", "recovery.provision: invalid duration distribution"},
		{"backups.nightly.every=1e300y", "backups.nightly.every: invalid duration \"1e300y\": too long"},
	} {
		got := loadErr(t, minimal, []string{tc.set}, DefaultLimits)
		if !strings.Contains(got, tc.want) {
			t.Errorf("--set %s: error lacks %q:\n%s", tc.set, tc.want, got)
		}
	}
	// the same values written in the file are blamed on their line
	got := loadErr(t, strings.Replace(minimal, "  data: 10GiB", "  data: 10GiB\n  targets: {percentile: .nan}", 1), nil, DefaultLimits)
	if !strings.Contains(got, "x.yaml:5:25: service.targets.percentile: expected a number") {
		t.Errorf("percentile .nan in the file:\n%s", got)
	}
}

// Family 3: --set cannot rename an entry (it used to reset the entry's
// other fields to their defaults), and a dial may not turn one field twice,
// nor the settings and targets every design shares.
func TestSetAndDialRefusals(t *testing.T) {
	if got := loadErr(t, minimal, []string{"backups.nightly.name=renamed"}, DefaultLimits); !strings.Contains(got, "backups.nightly.name: renaming an entry is not supported") {
		t.Errorf("rename: %s", got)
	}
	for _, tc := range []struct {
		dial string
		want string
	}{
		{"  - {set: backups.nightly.every, values: [1h]}\n  - {set: backups.nightly.every, values: [2h]}\n",
			"x.yaml:20:11: dial[1].set: dial[0] already turns backups.nightly.every"},
		{"  - {set: simulate.trials, values: [10, 100]}\n", "dial[0].set: a dial cannot turn simulate.trials: every design of a sweep runs the same trials"},
		{"  - {set: simulate.seed, values: [1, 2]}\n", "a dial cannot turn simulate.seed"},
		{"  - {set: simulate.years, values: [1, 2]}\n", "a dial cannot turn simulate.years"},
		{"  - {set: service.targets.rpo, values: [1h, 2h]}\n", "a dial cannot turn service.targets.rpo: every design of a sweep is judged against the same targets"},
		{"  - {set: backups.nightly.name, values: [a, b]}\n", "a dial cannot rename an entry"},
		{"  - {set: name, values: [a, b]}\n", "a dial cannot turn name: it describes the whole sweep"},
		{"  - {set: backups.nightly.every, values: [\"\\n4h\"]}\n", "dial[0].values[0]: control or formatting character U+000A"},
	} {
		got := loadErr(t, minimal+"dial:\n"+tc.dial, nil, DefaultLimits)
		if !strings.Contains(got, tc.want) {
			t.Errorf("dial\n%s: error lacks %q:\n%s", tc.dial, tc.want, got)
		}
	}
}

// Family 5: a dial value is validated as the design it makes, and blamed
// on its own line and column, not on a --set nobody typed.
func TestDialValuesBlamedWhereWritten(t *testing.T) {
	yaml := minimal + "dial:\n  - set: backups.nightly.every\n    values: [1h, 0s, -1h]\n  - set: failures.disk.rate\n    values: [1/y, 1/m]\n"
	got := loadErr(t, yaml, nil, DefaultLimits)
	for _, w := range []string{
		"x.yaml:20:18: dial[0].values[1]: backups.nightly.every=0s: backups.nightly.every: must be above zero (got \"0s\")",
		"x.yaml:20:22: dial[0].values[2]: backups.nightly.every=-1h: backups.nightly.every: must be above zero",
		"x.yaml:22:19: dial[1].values[1]: failures.disk.rate=1/m: failures.disk.rate: about 537120 incidents", // 525600 a year for a year and 8 days
	} {
		if !strings.Contains(got, w) {
			t.Errorf("error lacks %q", w)
		}
	}
	if strings.Contains(got, "--set") && !strings.Contains(got, "--max-incidents") {
		t.Errorf("a dial value is blamed on --set:\n%s", got)
	}
	if strings.Contains(got, "(from --set") {
		t.Errorf("a dial value is blamed on --set:\n%s", got)
	}
	// a scenario's own problem is reported once, not once per dial value
	bad := strings.Replace(yaml, "    rate: 0.3/y\n", "    rate: 0.3/y\n    kind: meteor\n", 1)
	if n := strings.Count(loadErr(t, bad, nil, DefaultLimits), "unknown kind \"meteor\""); n != 1 {
		t.Errorf("the scenario's own error is reported %d times", n)
	}
}

// Family 5: a duplicate name is one error, not also a bogus one about the
// fields the two entries mixed; names and descriptions are plain text.
func TestClearErrors(t *testing.T) {
	dup := strings.Replace(minimal, "backups:\n  - name: nightly\n    to: bucket\n",
		"backups:\n  - name: nightly\n    to: bucket\n    every: 4h\n  - name: nightly\n    to: bucket\n", 1)
	got := loadErr(t, dup, nil, DefaultLimits)
	if !strings.Contains(got, "duplicate backup name \"nightly\"") || strings.Contains(got, "every") || strings.Count(got, "\n") != 0 {
		t.Errorf("duplicate job name:\n%s", got)
	}
	for _, tc := range []struct {
		set, want string
	}{
		{"name=\x1b[2Jhi", "name: control or formatting character U+001B in the name"},
		{"name=a\nThis design meets its targets", "name: control or formatting character U+000A"},
		{"description=ok\x1b[1A", "description: control or formatting character U+001B"},
		{"description=\u202egnirts", "description: control or formatting character U+202E"},
	} {
		got := loadErr(t, minimal, []string{tc.set}, DefaultLimits)
		if !strings.Contains(got, tc.want) {
			t.Errorf("--set %q: error lacks %q:\n%s", tc.set, tc.want, got)
		}
		if strings.ContainsAny(got, "\x1b\u202e") || strings.Contains(got, "\nThis design") {
			t.Errorf("--set %q: the error prints the raw character:\n%q", tc.set, got)
		}
	}
	if got := loadErr(t, minimal, []string{"description=two\nlines\tand a tab"}, DefaultLimits); got != "" {
		t.Errorf("a description with a new line and a tab: %s", got)
	}
	// an entry's name reaches error paths escaped
	e := &Error{File: "x.yaml", Line: 1, Col: 1, Path: "backups.\x1b[2J", Msg: "m"}
	if got := e.Error(); got != `x.yaml:1:1: backups.\x1b[2J: m` {
		t.Errorf("escaped path: %q", got)
	}
}

// Family 5: a cascade is de-duplicated and capped, saying how many more.
func TestErrorCascadeCapped(t *testing.T) {
	var l ErrorList
	for i := 0; i < 200; i++ {
		l = append(l, &Error{File: "x.yaml", Line: i + 1, Col: 1, Msg: "bad"}, &Error{File: "x.yaml", Line: i + 1, Col: 1, Msg: "bad"})
	}
	lines := strings.Split(l.Error(), "\n")
	if len(lines) != MaxShown+1 || lines[MaxShown] != "... and 150 more problems (fix the first ones and run again)" {
		t.Errorf("%d lines, last %q", len(lines), lines[len(lines)-1])
	}
	one := ErrorList{{Msg: "a"}, {Msg: "a"}}
	if got := one.Error(); got != "a" {
		t.Errorf("duplicates: %q", got)
	}
}

// Family 1: a list longer than any real scenario's is refused at once, so
// that checks comparing entries stay fast.
func TestLongListsRefused(t *testing.T) {
	var b strings.Builder
	b.WriteString(minimal)
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&b, "  - {name: f%d, rate: 1/y}\n", i)
	}
	start := time.Now()
	got := loadErr(t, b.String(), nil, DefaultLimits)
	if !strings.Contains(got, "x.yaml:16:3: failures: at most 1000 entries in a list (got 1001)") {
		t.Errorf("got:\n%.300s", got)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}
