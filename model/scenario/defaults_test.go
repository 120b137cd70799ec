package scenario

import (
	"os"
	"strings"
	"testing"
)

// docs/scenario.md lists every default: each default value must appear in
// a table row that names its field.
func TestDefaultsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/scenario.md")
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, line := range strings.Split(string(doc), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "|") {
			rows = append(rows, line)
		}
	}
	for section, defaults := range map[string]map[string]string{
		"simulate": defaultSimulate, "service": defaultService, "stores": defaultStore,
		"backups": defaultBackup, "failures": defaultFailure, "recovery": defaultRecovery, "lag": defaultLag,
	} {
		for key, value := range defaults {
			field := key[strings.LastIndexByte(key, '.')+1:]
			if section == "lag" {
				field = "lag"
			}
			found := false
			for _, row := range rows {
				if strings.Contains(row, field) && strings.Contains(row, "`"+value+"`") {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("docs/scenario.md: no table row names %s.%s with its default `%s`", section, key, value)
			}
		}
	}
}
