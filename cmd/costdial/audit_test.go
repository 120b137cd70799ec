package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestAuditCommand(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout []string
	}{
		{"a flawed design exits 1", []string{"audit", "../../scenarios/shared-domain.yaml"}, 1,
			[]string{"shared-domain.yaml:32:13: error: stores.second-disk.domain: Failure server-dies destroys the live data", "    fix: move second-disk out of server", "2 errors"}},
		{"a sound design exits 0", []string{"audit", "../../scenarios/small-saas.yaml"}, 0,
			[]string{"warning: service.total_loss_cost", "no errors, 3 warnings, no notes"}},
		{"the bundled scenario", []string{"audit"}, 0, []string{"(bundled) small-saas.yaml: no errors"}},
		{"a --set that removes the lock", []string{"audit", "../../scenarios/ransomware-immutable.yaml", "--set", "stores.locked.immutable=false"}, 1,
			[]string{"error: failures.ransomware: Ransomware ransomware reaches the live data and every copy"}},
		{"several files, one flawed", []string{"audit", "../../scenarios/small-saas.yaml", "../../scenarios/cold-archive.yaml"}, 1,
			[]string{"small-saas.yaml: no errors", "cold-archive.yaml: 2 errors"}},
		// without the offline NAS, ransomware reaches every copy
		{"a switched-off store is noted", []string{"audit", "../../scenarios/small-saas.yaml", "--set", "stores.nas.enabled=false"}, 1,
			[]string{"info: stores.nas: stores.nas is switched off", "info: backups.weekly-pull", "error: failures.ransomware"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkCLI(t, tc.args, tc.code, tc.stdout, nil)
		})
	}
	code, _, errOut := costdial("audit", "nope.yaml")
	if code != 1 || !strings.Contains(errOut, "nope.yaml: cannot read") {
		t.Errorf("a missing file: exit %d, %s", code, errOut)
	}
	if code, _, _ := costdial("audit", "-o", "xml"); code != 2 {
		t.Errorf("a bad --format exits %d, want 2", code)
	}
}

func TestAuditJSON(t *testing.T) {
	code, out, _ := costdial("audit", "-o", "json", "../../scenarios/cold-archive.yaml")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	var v struct {
		Version int
		Files   []struct {
			File     string
			Errors   int
			Findings []map[string]any
		}
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	reports := v.Files
	if v.Version != 1 {
		t.Errorf("version %d", v.Version)
	}
	if len(reports) != 1 || reports[0].Errors != 2 {
		t.Fatalf("got %+v", reports)
	}
	f := reports[0].Findings[0]
	for key, want := range map[string]any{"severity": "error", "check": "rto-unreachable", "path": "stores.archive", "line": 27.0, "col": 5.0} {
		if f[key] != want {
			t.Errorf("%s = %v, want %v", key, f[key], want)
		}
	}
}
