package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// "With and without the NAS" is one dial, and one --set.
func TestEnabledOnADialAndASet(t *testing.T) {
	out := filepath.Join(t.TempDir(), "o")
	code, stdout, errOut := costdial("sweep", "../../scenarios/small-saas.yaml", "--trials", "2000", "--out", out,
		"--dial", "backups.nightly.every=24h", "--dial", "stores.bucket.tier=s3-standard", "--dial", "stores.nas.enabled=true,false")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// without the NAS the design saves its $12 a month and the weekly
	// pull's transfer out of S3
	if !strings.Contains(stdout, "  1  true     $41.76") || !strings.Contains(stdout, "  2  false    $19.98") {
		t.Errorf("sweep:\n%s", stdout)
	}
	code, stdout, errOut = costdial("run", "../../scenarios/small-saas.yaml", "--trials", "2000", "--set", "stores.nas.enabled=false")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.Contains(stdout, "nas") || strings.Contains(stdout, "weekly-pull") {
		t.Errorf("a store switched off is in the report:\n%s", stdout)
	}
	code, _, errOut = costdial("validate", "../../scenarios/small-saas.yaml", "--set", "stores.live.enabled=false")
	if code != 1 || !strings.Contains(errOut, "stores.live.enabled: the primary holds the live data and cannot be switched off") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

// --both changes the design both sides start from.
func TestCompareBoth(t *testing.T) {
	code, out, errOut := costdial("compare", "../../scenarios/small-saas.yaml", "--trials", "2000",
		"--both", "stores.nas.enabled=false", "--set", "stores.bucket.immutable=true")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"A  ../../scenarios/small-saas.yaml --set stores.nas.enabled=false\n",
		"B  ../../scenarios/small-saas.yaml --set stores.nas.enabled=false --set stores.bucket.immutable=true\n",
		"Cost to run a month        $19.98",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
}
