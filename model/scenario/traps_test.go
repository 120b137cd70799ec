package scenario

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// A percentile is in percent: a fraction is refused with the percent it
// likely means, since 0.95 (read as 0.95%) lets almost any design meet
// its targets; 1 and 100 are the ends of the range.
func TestPercentileInPercent(t *testing.T) {
	for _, tc := range []struct {
		value string
		want  string // "" when accepted
	}{
		{"0.95", `service.targets.percentile: in percent, from 1 to 100: did you mean 95? (got 0.95)`},
		{"0.999", "did you mean 99.9?"},
		{"0.5", "did you mean 50?"},
		{"0", "service.targets.percentile: in percent, from 1 to 100 (got 0)"},
		{"-5", "in percent, from 1 to 100 (got -5)"},
		{"100.5", "in percent, from 1 to 100 (got 100.5)"},
		{"1", ""},
		{"95", ""},
		{"100", ""},
	} {
		_, err := Load("x.yaml", []byte(minimal), []string{"service.targets.percentile=" + tc.value})
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("percentile %s refused: %v", tc.value, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("percentile %s: got %v, want %q", tc.value, err, tc.want)
		}
	}
	// written in the file, the error is placed on the value
	yaml := strings.Replace(minimal, "  data: 10GiB\n", "  data: 10GiB\n  targets: {percentile: 0.95}\n", 1)
	if _, err := Load("x.yaml", []byte(yaml), nil); err == nil || !strings.Contains(err.Error(), "x.yaml:5:25: service.targets.percentile: in percent, from 1 to 100: did you mean 95?") {
		t.Errorf("got %v", err)
	}
}

// A name that is not there is answered with the nearest one that is, in
// the file and from --set alike, for every kind of name.
func TestSuggestions(t *testing.T) {
	for _, tc := range []struct {
		name string
		yaml string
		sets []string
		want string
	}{
		{"tier", strings.Replace(minimal, "    domain: away\n", "    domain: away\n    tier: s3-standrd\n", 1), nil,
			"stores.bucket.tier: unknown tier \"s3-standrd\": did you mean s3-standard? (see `costdial tiers`)"},
		{"tier by --set", minimal, []string{"stores.bucket.tier=s3-glacier-deep-archiv"},
			"unknown tier \"s3-glacier-deep-archiv\": did you mean s3-glacier-deep-archive?"},
		{"field", strings.Replace(minimal, "    to: bucket", "    to: bucket\n    retension: 30d", 1), nil,
			"backups.nightly.retension: unknown field: did you mean retention? (got \"retension\""},
		{"field by --set", minimal, []string{"backups.nightly.evry=4h"},
			"backups.nightly.evry: unknown field \"evry\": did you mean every? (known:"},
		{"section field by --set", minimal, []string{"service.targets.rp=1h"},
			"unknown field \"rp\": did you mean rpo? (known: rpo, rto, percentile, total_loss)"},
		{"store", strings.Replace(minimal, "to: bucket", "to: bukcet", 1), nil,
			"backups.nightly.to: unknown store \"bukcet\": did you mean bucket? (known: live, bucket)"},
		{"store by --set", minimal, []string{"stores.bukcet.restore=1GB/s"},
			"stores.bukcet.restore: no element named \"bukcet\": did you mean bucket? (have: live, bucket)"},
		{"job by --set", minimal, []string{"backups.nigthly.every=4h"},
			"no element named \"nigthly\": did you mean nightly? (have: nightly)"},
		{"failure by --set", minimal, []string{"failures.dsik.rate=1/y"},
			"no element named \"dsik\": did you mean disk? (have: disk)"},
		{"domain", strings.Replace(minimal, "domain: away", "domain: awya", 1), nil,
			"stores.bucket.domain: unknown domain \"awya\": did you mean away? (known: away)"},
		{"domain a failure hits", minimal + "    hits: awy\n", nil,
			"failures.disk.hits: unknown store or domain \"awy\": did you mean away? (known: away, live, bucket)"},
		{"job kind", strings.Replace(minimal, "    to: bucket", "    to: bucket\n    kind: ful", 1), nil,
			"backups.nightly.kind: unknown kind \"ful\": did you mean full? (full, incremental, replica, pitr)"},
		{"failure kind", minimal + "    kind: destory\n", nil,
			"failures.disk.kind: unknown kind \"destory\": did you mean destroy? (destroy, logical, outage, ransomware)"},
		{"trust", minimal + "    kind: ransomware\n    trust: encrypton\n", nil,
			"failures.disk.trust: unknown trust \"encrypton\": did you mean encryption? (intrusion:"},
		{"nothing close", strings.Replace(minimal, "to: bucket", "to: archive", 1), nil,
			"backups.nightly.to: unknown store \"archive\" (known: live, bucket)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load("x.yaml", []byte(tc.yaml), tc.sets)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v\nwant %q", err, tc.want)
			}
		})
	}
}

// A scenario without a primary gets one error, the missing primary, and
// not the cascade its absence sets off: the store that holds the live
// data is fed by no job, jobs' from (which defaults to the primary)
// names no store, the transfer price from it has no unit, replicas do
// not stream from it. Every example, with its primary unmarked or its
// primary: true line deleted.
func TestMissingPrimaryIsOneError(t *testing.T) {
	files, _ := filepath.Glob("../../scenarios/*.yaml")
	if len(files) == 0 {
		t.Fatal("no example scenarios")
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(raw), "primary: true") {
			t.Fatalf("%s marks no primary", f)
		}
		for _, variant := range []string{"primary: false", ""} {
			data := strings.Replace(string(raw), "primary: true", variant, 1)
			_, err := Load(f, []byte(data), nil)
			if err == nil {
				t.Fatalf("%s without a primary loads", f)
			}
			list := err.(ErrorList)
			if len(list) != 1 || !strings.Contains(list[0].Msg, "no store is the primary") || !strings.HasSuffix(list[0].Path, ".primary") {
				t.Errorf("%s without a primary (%q): %d errors, want the one:\n%v", filepath.Base(f), variant, len(list), err)
			}
		}
	}
	// with no store a job leaves unfed, there is no candidate to name
	_, err := Load("x.yaml", []byte("version: 1\nname: x\nservice: {data: 1GiB}\nstores: [{name: a}]\nfailures: [{name: f, rate: 1/y}]\n"), nil)
	if err == nil || err.Error() != "x.yaml:4:9: stores: no primary store: mark the store holding the live data with primary: true" {
		t.Errorf("got %v", err)
	}
}

// A YAML syntax error is placed on the line that is out of line, with its
// neighbour's indentation, not on the line where the block holding it
// began (which is what yaml.v3 reports: 46, 38, 66 and 3 for these).
func TestYAMLErrorLine(t *testing.T) {
	raw, err := os.ReadFile("../../scenarios/small-saas.yaml")
	if err != nil {
		t.Fatal(err)
	}
	lineOf := func(text string) int {
		i := strings.Index(string(raw), text)
		if i < 0 {
			t.Fatalf("small-saas.yaml has no %q", text)
		}
		return strings.Count(string(raw[:i]), "\n") + 1
	}
	for _, tc := range []struct {
		name, old, new string
		line           int // the line of new
		want           string
	}{
		// a field of a job one space to the left of its siblings
		{"dedented field", "    to: bucket\n    kind: full", "    to: bucket\n   kind: full", 1,
			":4: invalid YAML: did not find expected '-' indicator (this line is indented 3 spaces, line %d before it 4 spaces"},
		// one to the right: it reads as the value of the line before
		{"indented field", "    restore: 100MB/s\n", "      restore: 100MB/s\n", 0,
			":7: invalid YAML: mapping values are not allowed in this context (this line is indented 6 spaces, line %d before it 4 spaces"},
		// a failure's field in line with the list's dash
		{"field at the dash", "  - name: disk-dies\n    kind: destroy", "  - name: disk-dies\n  kind: destroy", 1,
			":3: invalid YAML: did not find expected '-' indicator (this line is indented 2 spaces, line %d before it 4 spaces"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			line := lineOf(tc.old) + tc.line
			data := strings.Replace(string(raw), tc.old, tc.new, 1)
			_, err := Load("x.yaml", []byte(data), nil)
			want := "x.yaml:" + itoa(line) + strings.Replace(tc.want, "%d", itoa(line-1), 1)
			if err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("got %v\nwant %s...", err, want)
			}
		})
	}
	// the first field of a block one space too far in: the next field,
	// in line with the rest, is where parsing fails, and the message
	// names both lines
	data := strings.Replace(string(raw), "  data: 50GiB\n", "   data: 50GiB\n", 1)
	line := lineOf("  data: 50GiB\n") + 1
	_, err = Load("x.yaml", []byte(data), nil)
	if want := "x.yaml:" + itoa(line) + ":3: invalid YAML: did not find expected key (this line is indented 2 spaces, line " + itoa(line-1) + " before it 3 spaces"; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v\nwant %s...", err, want)
	}
	// an error that is not about indentation keeps its line and no hint
	_, err = Load("x.yaml", []byte("version: 1\nname: \"unclosed\nservice: {data: 1GiB}\n"), nil)
	if err == nil || !strings.HasPrefix(err.Error(), "x.yaml:2:1: invalid YAML") || strings.Contains(err.Error(), "indented") {
		t.Errorf("got %v", err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
