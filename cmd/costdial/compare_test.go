package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCompareCommand(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr []string
	}{
		{"a variant", []string{"compare", "../../scenarios/small-saas.yaml", "--set", "stores.bucket.immutable=true", "--trials", "3000"}, 0,
			[]string{"Two designs on the same failures: 3000 trials of 1 year, seed 1", "B  ../../scenarios/small-saas.yaml --set stores.bucket.immutable=true",
				"Cost with risk a month", "cheaper than A (95% CI $338 to $587, paired over the same 3,000 trials), beyond the noise."}, nil},
		{"a design against itself", []string{"compare", "../../scenarios/small-saas.yaml", "../../scenarios/small-saas.yaml", "--trials", "2000"}, 0,
			[]string{"the two designs behave identically"}, nil},
		{"a small change is within the noise", []string{"compare", "../../scenarios/small-saas.yaml", "--set", "backups.nightly.fail=1.5%", "--trials", "3000"}, 0,
			[]string{"within the noise"}, nil},
		{"two files, --set on both", []string{"compare", "../../scenarios/shared-domain.yaml", "../../scenarios/small-saas.yaml", "--set", "service.targets.rto=1h", "--trials", "2000"}, 0,
			[]string{"A  ../../scenarios/shared-domain.yaml", "B  ../../scenarios/small-saas.yaml"}, nil},
		{"one file needs a variant", []string{"compare", "../../scenarios/small-saas.yaml"}, 2, nil, []string{"one file and --set"}},
		{"bad files are all reported", []string{"compare", "nope.yaml", "nada.yaml"}, 1, nil, []string{"nope.yaml: cannot read", "nada.yaml: cannot read"}},
		{"a bad variant", []string{"compare", "../../scenarios/small-saas.yaml", "--set", "backups.nightly.every=0s"}, 1, nil, []string{"backups.nightly.every: must be above zero"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkCLI(t, tc.args, tc.code, tc.stdout, tc.stderr)
		})
	}
}

// The JSON holds both results and the paired differences; the difference
// of the cost with risk is the difference of the two results' totals.
func TestCompareJSON(t *testing.T) {
	code, out, errOut := costdial("compare", "../../scenarios/small-saas.yaml", "--set", "stores.bucket.immutable=true", "--trials", "3000", "-o", "json")
	if code != 0 {
		t.Fatal(errOut)
	}
	var v struct {
		A, B struct {
			Cost struct {
				Total float64 `json:"total_per_month"`
			}
		}
		Total struct {
			Mean   float64
			CI95   [2]float64
			Beyond bool `json:"beyond_noise"`
		} `json:"total_per_month"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	if d := v.B.Cost.Total - v.A.Cost.Total; d-v.Total.Mean > 0.001 || v.Total.Mean-d > 0.001 {
		t.Errorf("difference %v, results differ by %v", v.Total.Mean, d)
	}
	if !v.Total.Beyond || !(v.Total.CI95[0] < v.Total.Mean && v.Total.Mean < v.Total.CI95[1]) {
		t.Errorf("interval %v around %v", v.Total.CI95, v.Total.Mean)
	}
}

// audit and compare follow the JSON conventions: a version, snake_case keys.
func TestPlanJSONConventions(t *testing.T) {
	for _, args := range [][]string{
		{"audit", "../../scenarios/small-saas.yaml", "-o", "json"},
		{"compare", "--set", "stores.nas.enabled=false", "--trials", "2000", "-o", "json"},
	} {
		code, out, errOut := costdial(args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		var v map[string]any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		if v["version"] != 1.0 {
			t.Errorf("%v: version %v, want 1", args, v["version"])
		}
		snake(t, strings.Join(args, " "), v)
	}
}

// Issue 23.20: costdial converts no currency, so a comparison of designs
// in two (compare, a dial, a --dial) is refused rather than ranked as one.
func TestMixedCurrenciesRefused(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(text), 0o644)
		return path
	}
	const design = "version: 1\nname: t\nservice: {data: 1GiB, downtime_cost: %s/h}\nstores: [{name: live, primary: true}, {name: b}]\nbackups: [{name: n, to: b, fail: 50%%}]\nfailures: [{name: d, rate: 3/y}]\n"
	eur := write("eur.yaml", fmt.Sprintf(design, "€100"))
	usd := write("usd.yaml", fmt.Sprintf(design, "$100"))
	// the dial turns the only money of the file
	dial := write("dial.yaml", strings.Replace(fmt.Sprintf(design, ""), ", downtime_cost: /h", "", 1)+"dial: [{set: service.total_loss_cost, values: [€100000, $100000, £100000]}]\n")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"compare", eur, usd}, "A is in € and B in $: costdial compares designs in one currency and converts none"},
		{[]string{"compare", eur, "--set", "service.downtime_cost=$100/h"}, "A is in € and B in $"},
		{[]string{"sweep", dial}, "dial[0].values[1]: service.total_loss_cost=$100000 makes a design in $, where service.total_loss_cost=€100000 makes one in €"},
		{[]string{"validate", dial}, "service.total_loss_cost=£100000 makes a design in £"},
		{[]string{"report", dial, "--out", filepath.Join(dir, "r.html")}, "makes a design in $"},
		{[]string{"sweep", eur, "--dial", "service.downtime_cost=€10/h,$10/h"}, "design downtime_cost=$10/h is in $ where design downtime_cost=€10/h is in €"},
	} {
		code, _, stderr := costdial(append(tc.args, "--trials", "20")...)
		if tc.args[0] == "validate" {
			code, _, stderr = costdial(tc.args...)
		}
		if code != 1 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, want 1 and %q:\n%s", tc.args, code, tc.want, stderr)
		}
	}
	// one currency: compared as before
	if code, _, stderr := costdial("compare", eur, "--set", "service.downtime_cost=€200/h", "--trials", "20"); code != 0 {
		t.Errorf("€ against €: exit %d\n%s", code, stderr)
	}
}
