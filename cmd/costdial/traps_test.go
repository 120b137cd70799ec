package main

import (
	"strings"
	"testing"
)

// A mistyped flag, tier or failure name is answered with the nearest one
// that exists; --version prints what the version command prints.
func TestInputTraps(t *testing.T) {
	const saas = "../../scenarios/small-saas.yaml"
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stderr []string
	}{
		{"a misspelt flag", []string{"run", saas, "--trails", "100"}, 2,
			[]string{"unknown flag: --trails: did you mean --trials?", "Run 'costdial run --help' for usage."}},
		{"a long flag with one dash", []string{"run", saas, "-trials", "100"}, 2,
			[]string{"unknown shorthand flag: 't' in -trials: did you mean --trials?"}},
		{"two flags as near", []string{"run", saas, "--sed", "1"}, 2,
			[]string{"unknown flag: --sed: did you mean --seed or --set?"}},
		{"a sweep flag", []string{"sweep", saas, "--dail", "backups.nightly.every=1h"}, 2,
			[]string{"unknown flag: --dail: did you mean --dial?"}},
		{"a hidden flag is not suggested", []string{"run", saas, "--formt", "json"}, 2,
			[]string{"unknown flag: --formt\n"}},
		{"a flag like none", []string{"run", saas, "--zzzzzz"}, 2,
			[]string{"unknown flag: --zzzzzz\n"}},
		{"a tier", []string{"tiers", "s3-glacier-deep-archiv"}, 2,
			[]string{`unknown tier "s3-glacier-deep-archiv": did you mean s3-glacier-deep-archive?`}},
		{"a failure", []string{"explain", saas, "--trials", "100", "--failure", "ransomwre"}, 1,
			[]string{`--failure: no failure named "ransomwre": did you mean ransomware? (have: bad-query, disk-dies, dc-fire, region-outage, ransomware)`}},
		{"a store in --set", []string{"run", saas, "--set", "stores.bukcet.tier=s3-standard"}, 1,
			[]string{`stores.bukcet.tier: no element named "bukcet": did you mean bucket? (have: live, bucket, nas)`}},
		{"a percentile as a fraction", []string{"run", saas, "--set", "service.targets.percentile=0.95"}, 1,
			[]string{"service.targets.percentile: in percent, from 1 to 100: did you mean 95? (got 0.95) (from --set service.targets.percentile=0.95)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut := checkCLI(t, tc.args, tc.code, nil, tc.stderr)
			if strings.Contains(tc.name, "not suggested") && strings.Contains(errOut, "did you mean") {
				t.Errorf("suggested a hidden flag: %s", errOut)
			}
		})
	}
	_, version, _ := costdial("version")
	for _, flag := range []string{"--version", "-v"} {
		out, _ := checkCLI(t, []string{flag}, 0, nil, nil)
		if out != version || !strings.HasPrefix(out, "costdial ") {
			t.Errorf("costdial %s printed %q, want what costdial version prints, %q", flag, out, version)
		}
	}
}
