package scenario

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/costdial/costdial/model/catalog"
	"github.com/costdial/costdial/model/units"
)

const minimal = `version: 1
name: tiny
service:
  data: 10GiB
stores:
  - name: live
    primary: true
  - name: bucket
    domain: away
domains:
  - name: away
backups:
  - name: nightly
    to: bucket
failures:
  - name: disk
    rate: 0.3/y
`

func TestMinimalGetsDefaults(t *testing.T) {
	s, err := Load("tiny.yaml", []byte(minimal), nil)
	if err != nil {
		t.Fatal(err)
	}
	b := s.Backups[0]
	for _, c := range []struct {
		what      string
		got, want string
	}{
		{"from", b.From, "live"},
		{"kind", b.Kind, Full},
		{"every", b.Every.String(), "1d"},
		{"retention", b.Retention.String(), "1w"},
		{"failure kind", s.Failures[0].Kind, Destroy},
		{"failure hits", s.Failures[0].Hits, "live"},
		{"trials", strconv.Itoa(s.Simulate.Trials), "100000"},
		{"provision", s.Recovery.Provision.String(), "2h"},
		{"restore", s.Stores[1].Restore.String(), "100MB/s"},
		{"rpo target", s.Service.Targets.RPO.String(), "1d"},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.what, c.got, c.want)
		}
	}
}

// Every fault is reported with file:line:col, the field path and what was
// found; all of a file's faults come back at once.
func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		yaml string
		want []string // each must appear in the error text
	}{
		{"unknown field", strings.Replace(minimal, "    to: bucket", "    to: bucket\n    evrey: 4h", 1),
			[]string{"x.yaml:15:5: backups.nightly.evrey: unknown field: did you mean every? (got \"evrey\""}},
		{"bad unit", strings.Replace(minimal, "data: 10GiB", "data: 10 gallons", 1),
			[]string{"x.yaml:4:9: service.data: invalid size \"10 gallons\""}},
		{"bare size", strings.Replace(minimal, "data: 10GiB", "data: 50", 1),
			[]string{"service.data: invalid size \"50\": a bare number is ambiguous"}},
		{"zero every", strings.Replace(minimal, "    to: bucket", "    to: bucket\n    every: 0s", 1),
			[]string{"x.yaml:15:12: backups.nightly.every: must be above zero (got \"0s\")"}},
		{"unknown store", strings.Replace(minimal, "to: bucket", "to: bukket", 1),
			[]string{"backups.nightly.to: unknown store \"bukket\": did you mean bucket? (known: live, bucket)"}},
		{"unknown domain", strings.Replace(minimal, "domain: away", "domain: faraway", 1),
			[]string{"x.yaml:9:13: stores.bucket.domain: unknown domain \"faraway\""}},
		{"unknown tier", strings.Replace(minimal, "domain: away\n", "domain: away\n    tier: s4-standard\n", 1),
			[]string{"stores.bucket.tier: unknown tier \"s4-standard\""}},
		{"duplicate store", strings.Replace(minimal, "  - name: bucket", "  - name: live\n  - name: bucket", 1),
			[]string{"stores[1].name: \"live\" is already the name of a store"}},
		{"duplicate failure", minimal + "  - name: disk\n    rate: 1/y\n",
			[]string{"failures[1].name: duplicate failure name \"disk\""}},
		{"domain cycle", strings.Replace(minimal, "  - name: away\n", "  - {name: away, in: b}\n  - {name: b, in: away}\n", 1),
			[]string{"domains.away.in: domains nest in a cycle", "domains.b.in: domains nest in a cycle"}},
		{"no primary", strings.Replace(minimal, "    primary: true\n", "", 1),
			[]string{"stores.live.primary: no store is the primary, and live is the one store no job writes to"}},
		{"two primaries", strings.Replace(minimal, "    domain: away\n", "    domain: away\n    primary: true\n", 1),
			[]string{"stores.bucket.primary: more than one primary store (got live, bucket)"}},
		{"lognormal p95 below median", minimal + "    kind: logical\n    detect: lognormal(48h, 2h)\n",
			[]string{"failures.disk.detect: invalid duration distribution \"lognormal(48h, 2h)\": lognormal p95 must not be below the median"}},
		{"fraction out of range", strings.Replace(minimal, "    to: bucket", "    to: bucket\n    fail: 150%", 1),
			[]string{"backups.nightly.fail: invalid fraction \"150%\": must be between 0 and 1"}},
		{"empty file", "", []string{"x.yaml: empty file"}},
		{"only a comment", "# nothing here\n", []string{"x.yaml: empty file"}},
		{"invalid yaml", "version: 1\nname: [unclosed\n", []string{"x.yaml:", "invalid YAML"}},
		{"tab indentation", "version: 1\nservice:\n\tdata: 1GiB\n", []string{"x.yaml:3:1: invalid YAML"}},
		{"binary", "\x00\x01\x02\xff\xfe", []string{"x.yaml: not a text file"}},
		{"not a mapping", "- a\n- b\n", []string{"x.yaml:1:1: a scenario is a mapping of fields (got a list)"}},
		{"alias bomb", aliasBomb(), []string{"alias bomb"}},
		{"missing everything", "version: 1\n", []string{"name: missing", "service.data: missing", "stores: no primary store", "failures: missing"}},
		{"wrong money unit", strings.Replace(minimal, "    domain: away\n", "    domain: away\n    price: $5/h\n", 1),
			[]string{"stores.bucket.price: expected an amount like $0.023/GiB-month (got \"$5/h\")"}},
		{"field for another kind", strings.Replace(minimal, "    to: bucket", "    to: bucket\n    replay: 10GiB/h", 1),
			[]string{"backups.nightly.replay: only for pitr jobs (this job is full)"}},
		{"logical hits a backup", minimal + "    kind: logical\n    hits: bucket\n",
			[]string{"failures.disk.hits: logical damage strikes the live data"}},
		{"ransomware with hits", minimal + "    kind: ransomware\n    hits: bucket\n",
			[]string{"failures.disk.hits: only for destroy, logical and outage failures (this one is ransomware)"}},
		{"offline replica", strings.Replace(strings.Replace(minimal, "    to: bucket", "    to: bucket\n    kind: replica", 1), "    domain: away\n", "    domain: away\n    offline: true\n", 1),
			[]string{"backups.nightly.to: a replica is a live copy"}},
		{"no rate", strings.Replace(minimal, "    rate: 0.3/y\n", "", 1),
			[]string{"failures.disk.rate: missing"}},
		{"given twice", strings.Replace(minimal, "name: tiny\n", "name: tiny\nname: again\n", 1),
			[]string{"x.yaml:3:1: name: given twice"}},
		{"bad dial value", minimal + "dial:\n  - set: backups.nightly.every\n    values: [1h, soon]\n",
			[]string{"dial[0].values[1]: backups.nightly.every: invalid duration \"soon\""}},
		{"bad dial path", minimal + "dial:\n  - set: backups.weekly.every\n    values: [1h]\n",
			[]string{"no element named \"weekly\" (have: nightly)"}},
		{"currency mix", strings.Replace(minimal, "  data: 10GiB\n", "  data: 10GiB\n  downtime_cost: $5/h\n  data_loss_cost: €5/h\n", 1),
			[]string{"service.data_loss_cost: one currency per file"}},
		{"copy cycle", strings.Replace(minimal, "  - name: nightly\n    to: bucket\n", "  - name: nightly\n    to: bucket\n  - {name: a, from: bucket, to: nas}\n  - {name: b, from: nas, to: bucket}\n", 1) + "",
			[]string{"unknown store \"nas\""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load("x.yaml", []byte(tc.yaml), nil)
			if err == nil {
				t.Fatalf("no error; want %q", tc.want)
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("error is %T, want ErrorList", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not contain %q:\n%v", w, err)
				}
			}
		})
	}
}

// aliasBomb names one long list of values from many dial entries, so that
// a few kilobytes expand to far more nodes than any real scenario has.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("version: 1\nname: bomb\nx-values: &v [")
	for i := 0; i < 500; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString("1h")
	}
	b.WriteString("]\ndial:\n  - &a {set: backups.nightly.every, values: *v}\n")
	for i := 0; i < 300; i++ {
		b.WriteString("  - *a\n")
	}
	return b.String()
}

func TestSet(t *testing.T) {
	for _, tc := range []struct {
		set  string
		want string // error substring, or "" for success
	}{
		{"backups.nightly.every=4h", ""},
		{"stores.bucket.restore=1Gbit/s", ""},
		{"service.targets.rpo=1h", ""},
		{"simulate.trials=500", ""},
		{"recovery.provision=lognormal(1h, 4h)", ""},
		{"backups.weekly.every=4h", `no element named "weekly"`},
		{"backups.nightly.evry=4h", `unknown field "evry"`},
		{"backups.nightly.every=4", "missing unit"},
		{"service=1", "names a group of fields"},
		{"nonsense", "expected PATH=VALUE"},
	} {
		t.Run(tc.set, func(t *testing.T) {
			s, err := Load("x.yaml", []byte(minimal), []string{tc.set})
			if tc.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				path, value, _ := ParseSet(tc.set)
				if !s.IsSet(path) {
					t.Errorf("%s not recorded as set to %s", path, value)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

// A --set value that breaks the scenario is reported against the flag.
func TestSetValidatedAsFlag(t *testing.T) {
	_, err := Load("x.yaml", []byte(minimal), []string{"backups.nightly.every=0s"})
	if err == nil || !strings.Contains(err.Error(), "backups.nightly.every: must be above zero (got \"0s\") (from --set backups.nightly.every=0s)") {
		t.Errorf("got %v", err)
	}
}

func FuzzLoad(f *testing.F) {
	f.Add([]byte(minimal))
	f.Add([]byte(aliasBomb()))
	f.Add([]byte("version: 1\nname: x\n"))
	f.Add([]byte("- [\n"))
	f.Add([]byte("stores: {a: &a [*a]}\n"))
	f.Add([]byte(minimal + "dial:\n  - choose: [{name: a, set: {backups.nightly.every: 1h, stores.bucket.price: $1/GiB-month}}, {name: b}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Load("fuzz.yaml", data, nil)
		if err == nil && s == nil {
			t.Fatal("nil scenario without error")
		}
		if err != nil {
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("error %T %v is not a non-empty ErrorList", err, err)
			}
		}
	})
}

// A tier preset fills every figure the file leaves out; a figure the file
// gives wins; a tier set from the command line brings all of its figures.
func TestTierPresetOverride(t *testing.T) {
	e, ok := catalog.Lookup("s3-standard")
	if !ok {
		t.Fatal("s3-standard missing from the catalog")
	}
	yaml := strings.Replace(minimal, "    domain: away\n", "    domain: away\n    tier: s3-standard\n    price: $1/GiB-month\n", 1)
	s, err := Load("x.yaml", []byte(yaml), nil)
	if err != nil {
		t.Fatal(err)
	}
	st := s.Stores[1]
	if st.Price.String() != "$1/GiB-month" {
		t.Errorf("price %v, want the file's $1/GiB-month", st.Price)
	}
	wantEgress, _ := units.ParseMoney(e.Egress)
	wantRestore, _ := units.ParseThroughput(e.Restore)
	if st.Egress != wantEgress || st.Restore != wantRestore || st.MinDays != float64(e.MinDays) {
		t.Errorf("egress %v restore %v min_days %v, want the preset's %v %v %v", st.Egress, st.Restore, st.MinDays, e.Egress, e.Restore, e.MinDays)
	}
	deep, _ := catalog.Lookup("s3-glacier-deep-archive")
	s, err = Load("x.yaml", []byte(yaml), []string{"stores.bucket.tier=s3-glacier-deep-archive"})
	if err != nil {
		t.Fatal(err)
	}
	wantPrice, _ := units.ParseMoney(deep.Price)
	if s.Stores[1].Price != wantPrice || s.Stores[1].MinDays != float64(deep.MinDays) {
		t.Errorf("after --set tier: price %v min_days %v, want the preset's %v %v", s.Stores[1].Price, s.Stores[1].MinDays, deep.Price, deep.MinDays)
	}
}
