package main

import (
	"encoding/json"
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
