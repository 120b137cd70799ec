package sweep

import (
	"context"
	"testing"

	"github.com/costdial/costdial/scenarios"
)

// The sweep finds the design with the scenario's own dial values, and
// says what still tells it from the scenario as written: the bundled
// scenario's bucket gives its own restore speed, which a dial over its
// tier replaces with the preset's.
func TestAsWritten(t *testing.T) {
	for _, tc := range []struct {
		file, yaml string
		sets       []string
		want       int // design number, 0: none
		unlike     []string
	}{
		{file: "small-saas.yaml", want: 10, unlike: []string{"stores.bucket.restore", "backups.nightly.replay"}},
		{file: "pitr-database.yaml", want: 2},
		{file: "small-saas.yaml", sets: []string{"backups.nightly.every=2h"}},
		{file: "dial.yaml", yaml: closedForm, want: 4},
	} {
		data := []byte(tc.yaml)
		if tc.yaml == "" {
			data = scenarios.All()[tc.file]
		}
		sets := append([]string{"simulate.trials=20"}, tc.sets...)
		s, err := Run(context.Background(), tc.file, data, sets, axesOf(t, string(data), nil), Options{})
		if err != nil {
			t.Fatal(err)
		}
		got := 0
		if s.AsWritten != nil {
			got = *s.AsWritten + 1
		}
		var unlike []string
		for _, d := range s.Unlike {
			unlike = append(unlike, d.Path)
		}
		if got != tc.want || len(unlike) != len(tc.unlike) || (len(unlike) > 0 && unlike[0] != tc.unlike[0]) {
			t.Errorf("%s %v: design #%d unlike %v, want #%d unlike %v", tc.file, tc.sets, got, unlike, tc.want, tc.unlike)
		}
	}
}
