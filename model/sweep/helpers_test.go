package sweep

import (
	"testing"

	"github.com/costdial/costdial/model/scenario"
)

func mustLoad(t *testing.T, yaml string) *scenario.Scenario {
	t.Helper()
	s, err := scenario.Load("dial.yaml", []byte(yaml), nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
