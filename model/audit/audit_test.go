package audit

import (
	"os"
	"strings"
	"testing"

	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/scenarios"
)

// clean is a design that passes every check: three copies on three media,
// one off site and locked, one offline, every job tested, retention longer
// than detection and dwell, a restore well within the RTO target.
const clean = `version: 1
name: clean
service:
  data: 100GiB
  writes: 1GiB/day
  downtime_cost: $100/h
  data_loss_cost: $100/h
  total_loss_cost: $200000
  targets: {rpo: 24h, rto: 8h, percentile: 95}
domains:
  - {name: site}
  - {name: host, in: site}
  - {name: cloud}
  - {name: home}
stores:
  - {name: live, primary: true, domain: host}
  - {name: bucket, domain: cloud, tier: s3-standard, immutable: true}
  - {name: nas, domain: home, tier: home-nas, offline: true}
backups:
  - {name: nightly, to: bucket, every: 24h, retention: 30d, restore_test: 7d}
  - {name: weekly, from: bucket, to: nas, every: 7d, retention: 8w, restore_test: 30d}
failures:
  - {name: disk, kind: destroy, rate: 0.3/y, hits: host}
  - {name: fire, kind: destroy, rate: 0.01/y, hits: site}
  - {name: bad-query, kind: logical, rate: 2/y, detect: "lognormal(2h, 48h)"}
  - {name: ransomware, kind: ransomware, rate: 0.05/y, dwell: "lognormal(5d, 30d)"}
`

// replicaOnly keeps its one copy as a streaming replica.
const replicaOnly = `version: 1
name: replica
service: {data: 100GiB, downtime_cost: $100/h}
domains: [{name: a}, {name: b}]
stores:
  - {name: live, primary: true, domain: a}
  - {name: standby, domain: b, standby: true}
backups:
  - {name: stream, to: standby, kind: replica, lag: 5s, restore_test: 30d}
failures:
  - {name: disk, rate: 0.3/y, hits: a}
`

func load(t *testing.T, yaml string, sets ...string) *scenario.Scenario {
	t.Helper()
	s, err := scenario.Load("x.yaml", []byte(yaml), sets)
	if err != nil {
		t.Fatalf("the test scenario does not load: %v", err)
	}
	return s
}

type want struct {
	sev   Severity
	check string
	path  string
	text  string // in the problem sentence
}

func find(fs []Finding, w want) bool {
	for _, f := range fs {
		if f.Severity == w.sev && f.Check == w.check && f.Path == w.path && strings.Contains(f.Problem, w.text) {
			return true
		}
	}
	return false
}

func TestCleanDesignHasNoFindings(t *testing.T) {
	if fs := Audit(load(t, clean)); len(fs) != 0 {
		for _, f := range fs {
			t.Errorf("unexpected %s %s at %s: %s", f.Severity, f.Check, f.Path, f.Problem)
		}
	}
}

// Each check, provoked by one change to the clean design.
func TestChecks(t *testing.T) {
	noRansomware := strings.Replace(clean, `  - {name: ransomware, kind: ransomware, rate: 0.05/y, dwell: "lognormal(5d, 30d)"}`+"\n", "", 1)
	noFire := strings.Replace(clean, "  - {name: fire, kind: destroy, rate: 0.01/y, hits: site}\n", "", 1)
	for _, tc := range []struct {
		name  string
		yaml  string
		sets  []string
		wants []want
		not   []string // checks that must not fire
	}{
		{"no backup at all", clean, []string{"stores.bucket.enabled=false"},
			[]want{{Error, "three-copies", "backups", "no copy"}, {Info, "switched-off", "stores.bucket", ""}, {Info, "switched-off", "backups.weekly", ""}}, nil},
		{"two copies", clean, []string{"stores.nas.enabled=false"},
			[]want{{Warning, "three-copies", "stores", "2 copies"}}, []string{"two-media", "off-site"}},
		{"one medium", clean, []string{"stores.nas.enabled=false", "stores.bucket.tier=local-disk", "stores.bucket.immutable=false"},
			[]want{{Warning, "two-media", "stores", "on disk"}}, nil},
		{"nothing off site", clean, []string{"stores.bucket.domain=site", "stores.nas.domain=site"},
			[]want{{Warning, "off-site", "stores", "outside site"}, {Error, "single-point", "stores.bucket.domain", "fire destroys"}}, nil},
		{"primary without a domain", clean, []string{"stores.live.domain="},
			[]want{{Info, "off-site", "stores.live.domain", "no failure domain"}}, nil},
		{"nothing locked or offline", noRansomware, []string{"stores.bucket.immutable=false", "stores.nas.offline=false"},
			[]want{{Warning, "immutable-or-offline", "stores", "delete them all"}}, []string{"ransomware-reach"}},
		{"an untested job", clean, []string{"backups.weekly.restore_test=0s"},
			[]want{{Warning, "untested", "backups.weekly.restore_test", "never restore-tested"}}, nil},
		{"every copy on the host", clean, []string{"stores.bucket.domain=host", "stores.nas.domain=host"},
			[]want{{Error, "single-point", "stores.bucket.domain", "disk destroys"}}, nil},
		{"ransomware reaches every copy", clean, []string{"stores.bucket.immutable=false", "stores.nas.offline=false"},
			[]want{{Error, "ransomware-reach", "failures.ransomware", "reaches the live data and every copy"}}, []string{"immutable-or-offline"}},
		{"a domain holds everything, unstruck", noFire, []string{"stores.bucket.domain=site", "stores.nas.domain=site"},
			[]want{{Warning, "shared-domain", "domains.site", "no failure in the scenario strikes it"}}, []string{"single-point"}},
		{"every copy expires before detection", clean, []string{"backups.nightly.retention=1d", "backups.weekly.retention=1d"},
			[]want{{Error, "retention-detect", "failures.bad-query.detect", "no clean point is left"}}, nil},
		{"one copy expires before detection", clean, []string{"backups.nightly.retention=1d"},
			[]want{{Warning, "retention-detect", "backups.nightly.retention", "less than the 48h (p95)"}}, nil},
		{"the attacker outwaits every surviving copy", clean, []string{"backups.nightly.retention=7d", "backups.weekly.retention=14d"},
			[]want{{Error, "retention-dwell", "failures.ransomware.dwell", "30d (p95)"}}, nil},
		{"a break outlives the retention", clean, []string{"backups.nightly.breaks=1/y", "backups.nightly.restore_test=30d", "backups.nightly.retention=7d"},
			[]want{{Warning, "retention-tests", "backups.nightly.retention", "31d"}}, nil},
		{"a replica is the only copy", replicaOnly + "  - {name: oops, kind: logical, rate: 1/y, detect: 2h}\n", nil,
			[]want{{Error, "replica-only", "backups.stream.kind", "within its lag (5s)"}}, nil},
		{"a replica is the only copy, nothing corrupts", replicaOnly, nil,
			[]want{{Warning, "replica-only", "backups.stream.kind", "no failure in the scenario corrupts data"}}, nil},
		{"a delayed replica outlasts detection", replicaOnly + "  - {name: oops, kind: logical, rate: 1/y, detect: 2h}\n", []string{"backups.stream.lag=1d"},
			nil, []string{"replica-only"}},
		{"an offline standby", clean, []string{"stores.nas.standby=true"},
			[]want{{Error, "standby-offline", "stores.nas.standby", "cannot take over"}}, nil},
		{"a copy starts before its source finishes", clean, []string{"backups.nightly.duration=1h"},
			[]want{{Warning, "copy-before-source", "backups.weekly.every", "takes 1h"}}, nil},
		{"a copy that drifts against its source", clean, []string{"backups.nightly.duration=1h", "backups.weekly.every=36h"},
			nil, []string{"copy-before-source"}},
		// every restore misses 10 minutes: from the bucket (the newest point
		// but in the 24h of each week after the weekly copy, when the NAS
		// holds the same point and restores faster: 144 of 168 hours, 85.7%) it is
		// detect 15min + decide 30min + provision 2h + 100 GiB at S3
		// Standard's 85 MB/s (21min) + dns 5min + verify 30min = 3.68h,
		// provisioning the longest step; disk is 0.3 of 2.36 incidents a
		// year (13%), fire 0.01 (0.42%), each missing every time
		{"the RTO target cannot be met", clean, []string{"service.targets.rto=10m"},
			[]want{{Error, "rto-unreachable", "recovery.provision", "After disk the runbook restores the newest point, in 85.7% of its incidents from bucket, which takes about 3.68h"},
				{Error, "rto-unreachable", "recovery.decide", "After bad-query"}, {Warning, "rto-unreachable", "recovery.provision", "After fire"}}, nil},
		{"a cold tier's delay", clean, []string{"stores.bucket.tier=s3-glacier-deep-archive", "stores.nas.enabled=false", "service.targets.rto=12h"},
			[]want{{Error, "rto-unreachable", "stores.bucket", "retrieval 10.5h"}}, nil},
		// the NAS restores within the target, but it is the newest point
		// only in the 24h after each weekly copy; the rest of the week the
		// runbook restores the bucket's newer dump from Deep Archive:
		// decide 30min + retrieval 10.5h + transfer 21min + dns 5min +
		// verify 30min = 11.9h for bad-query, over 8h in 144 of 168 hours
		// (85.7%); bad-query is 2 of 2.36 incidents a year, so 72.6% of all
		// incidents miss. The fastest surviving copy (the NAS) fits.
		{"a cold tier the runbook restores from, though a fast copy exists", clean, []string{"stores.bucket.tier=s3-glacier-deep-archive"},
			[]want{{Error, "rto-unreachable", "stores.bucket", "After bad-query the runbook restores the newest point, in 85.7% of its incidents from bucket, which takes about 11.9h"},
				{Error, "rto-unreachable", "stores.bucket", "85.7% of bad-query incidents miss it with each step at its mean, 72.6% of all incidents"}}, nil},
		{"every run fails", clean, []string{"backups.nightly.fail=100%"},
			[]want{{Error, "runs-fail", "backups.nightly.fail", "Every run of job nightly fails"}}, nil},
		// 99% of runs fail and the job keeps 30: all have failed 0.99^30 =
		// 74.0% of the time
		{"nearly every run fails", clean, []string{"backups.nightly.fail=99%"},
			[]want{{Error, "runs-fail", "backups.nightly.fail", "all 30 runs it keeps have failed 74.0% of the time"}}, nil},
		// 0.9^30 = 4.2%, within the 5% at p95; the newest good point is on
		// average 0.9/0.1 = 9 runs older
		{"most runs fail", clean, []string{"backups.nightly.fail=90%"},
			[]want{{Warning, "runs-fail", "backups.nightly.fail", "on average 9 runs (9d) older"}}, nil},
		{"a few runs fail", clean, []string{"backups.nightly.fail=20%"}, nil, []string{"runs-fail"}},
		{"points expire before the next run", clean, []string{"backups.nightly.retention=12h"},
			[]want{{Warning, "retention-gap", "backups.nightly.retention", "for 12h of every 24h (50.0% of the time) it holds nothing"}}, nil},
		{"the only job's points expire before the next run", clean, []string{"stores.nas.enabled=false", "backups.nightly.retention=12h"},
			[]want{{Error, "retention-gap", "backups.nightly.retention", "every incident then is a total loss"}}, nil},
		// the full of a weekly cycle expires with its last incremental,
		// 12h after that one ran: then nothing, for 12h of every 7d
		{"an incremental chain's full expires before the next", clean, []string{"backups.nightly.kind=incremental", "backups.nightly.retention=12h"},
			[]want{{Warning, "retention-gap", "backups.nightly.retention", "for 12h of every 7d (7.1% of the time)"}}, nil},
		{"a pitr base kept shorter than its interval", clean, []string{"backups.nightly.kind=pitr", "backups.nightly.every=30d", "backups.nightly.retention=7d"},
			[]want{{Warning, "retention-gap", "backups.nightly.retention", "takes a base backup every 30d but keeps each 7d, and its log needs a base to replay onto: for 23d of every 30d (76.7% of the time)"}}, nil},
		{"retention of exactly the interval", clean, []string{"backups.nightly.retention=24h"}, nil, []string{"retention-gap"}},
		// 12 breaks a year, a test every 90d: 12 * 90/365 = 2.96 breaks
		// between tests; broken 1 - exp(-12/365) (1 - exp(-2.96)) / 2.96 =
		// 69.0% of the time (fix 1d)
		{"breaks far more often than tests", clean, []string{"backups.nightly.breaks=12/y", "backups.nightly.restore_test=90d"},
			[]want{{Error, "breaks-outpace-tests", "backups.nightly.restore_test", "about 3 breaks between two tests, so it is broken about 69.0% of the time"}}, nil},
		// 6 a year, a test every 61d: 1.0 break between tests, broken
		// 1 - exp(-6/365) (1 - exp(-1.003)) / 1.003 = 37.9%
		{"a break between every two tests", clean, []string{"backups.nightly.breaks=6/y", "backups.nightly.restore_test=61d"},
			[]want{{Warning, "breaks-outpace-tests", "backups.nightly.restore_test", "about 1 break between two tests, so it is broken about 37.9% of the time"}}, nil},
		{"breaks rarer than tests", clean, []string{"backups.nightly.breaks=6/y", "backups.nightly.restore_test=30d"}, nil, []string{"breaks-outpace-tests"}},
		// the NAS keeps 8 weeks, the oldest point 7d + 8w = 63d = 1512h old:
		// at $100/h that is $151,200, more than a $150,000 total loss
		{"a total loss cheaper than an old restore", clean, []string{"service.total_loss_cost=$150000"},
			[]want{{Warning, "total-loss-cheap", "service.total_loss_cost", "weekly keeps loses up to 63d of writes, priced $151,200"}}, nil},
		{"penalties all zero", clean, []string{"service.downtime_cost=$0/h", "service.data_loss_cost=$0/h", "service.total_loss_cost=$0"},
			[]want{{Warning, "penalties-zero", "service", "cost with risk equals the cost to run"}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fs := Audit(load(t, tc.yaml, tc.sets...))
			for _, w := range tc.wants {
				if !find(fs, w) {
					t.Errorf("no %s %s at %s saying %q", w.sev, w.check, w.path, w.text)
				}
			}
			for _, f := range fs {
				for _, c := range tc.not {
					if f.Check == c {
						t.Errorf("unexpected %s: %s", c, f.Problem)
					}
				}
				if f.Problem == "" || f.Fix == "" || f.File != "x.yaml" {
					t.Errorf("incomplete finding %+v", f)
				}
			}
			if t.Failed() {
				for _, f := range fs {
					t.Logf("%s %s %s: %s", f.Severity, f.Check, f.Path, f.Problem)
				}
			}
		})
	}
}

// A finding is placed where its field was written, or names the --set flag.
func TestPositions(t *testing.T) {
	fs := Audit(load(t, clean, "backups.weekly.restore_test=0s", "backups.nightly.retention=1d"))
	for _, w := range []struct {
		path      string
		line, col int
		flag      string
	}{
		{"backups.weekly.restore_test", 0, 0, "--set backups.weekly.restore_test=0s"},
	} {
		for _, f := range fs {
			if f.Path == w.path && (f.Line != w.line || f.Col != w.col || f.Flag != w.flag) {
				t.Errorf("%s at %d:%d %q, want %d:%d %q", f.Path, f.Line, f.Col, f.Flag, w.line, w.col, w.flag)
			}
		}
	}
	fs = Audit(load(t, clean, "stores.bucket.domain=host", "stores.nas.domain=host"))
	fs = append(fs, Audit(load(t, strings.Replace(clean, "restore_test: 30d}", "restore_test: 0s}", 1)))...)
	got := map[string]string{}
	for _, f := range fs {
		got[f.Check] = f.Where()
	}
	// the weekly job is on line 21; its restore_test: 0s at column 83
	if got["untested"] != "x.yaml:21:83" {
		t.Errorf("untested placed at %q, want x.yaml:21:83", got["untested"])
	}
	if got["single-point"] != "x.yaml (--set stores.bucket.domain=host)" {
		t.Errorf("single-point placed at %q", got["single-point"])
	}
}

// Severity of the worst finding, for the exit status.
func TestWorst(t *testing.T) {
	if _, ok := Worst(nil); ok {
		t.Error("no findings, yet a worst one")
	}
	if w, _ := Worst([]Finding{{Severity: Warning}, {Severity: Error}, {Severity: Info}}); w != Error {
		t.Errorf("worst = %s", w)
	}
}

// The lesson scenarios: audit finds each one's planted flaw, and nothing at
// error level once the flaw is fixed.
func TestLessons(t *testing.T) {
	all := scenarios.All()
	for _, tc := range []struct {
		file  string
		sets  []string
		flaw  want   // zero: no error expected
		other string // the one other error check allowed, if any
	}{
		{"shared-domain.yaml", nil, want{Error, "single-point", "stores.second-disk.domain", "server-dies destroys the live data"}, ""},
		// off site, the server still takes a mean 38.7h to replace: the
		// simulation agrees the RTO target is missed (p95 14.2h against 8h)
		{"shared-domain.yaml", []string{"stores.second-disk.domain=offsite"}, want{}, "rto-unreachable"},
		{"shared-domain.yaml", []string{"stores.second-disk.domain=offsite", "recovery.provision=4h"}, want{}, ""},
		{"replica-is-not-a-backup.yaml", nil, want{Error, "replica-only", "backups.streaming.kind", "bad-migration"}, ""},
		{"replica-is-not-a-backup.yaml", []string{"backups.streaming.lag=24h"}, want{}, ""},
		{"ransomware-immutable.yaml", []string{"stores.locked.immutable=false"}, want{Error, "ransomware-reach", "failures.ransomware", "every copy"}, ""},
		{"ransomware-immutable.yaml", nil, want{}, ""},
		{"cold-archive.yaml", nil, want{Error, "rto-unreachable", "stores.archive", "retrieval 10.5h"}, ""},
		// on S3 Standard a restore still mostly misses: a full of 5 TiB
		// (17.97h at 85 MB/s) and the k daily incrementals of 50 GiB since
		// (0.175h each), after detect, decide, 4h of provisioning, dns and
		// verify (5.33h), is over 24h for k >= 4, 26 of the cycle's 30
		// days (867 of the check's 1,000 moments); storage-array-fails is
		// 0.2 of 1.2 incidents a year, so 14.45% of all incidents miss, as
		// the simulation finds (RTO p95 26.9h)
		{"cold-archive.yaml", []string{"stores.archive.tier=s3-standard"}, want{Error, "rto-unreachable", "stores.archive", "86.7% of storage-array-fails incidents miss it with each step at its mean, 14.5% of all incidents"}, ""},
		// two streams halve the transfer: 5.33h + 8.99h + 0.088h k is
		// within 24h for every k up to 29
		{"cold-archive.yaml", []string{"stores.archive.tier=s3-standard", "stores.archive.streams=2"}, want{}, ""},
		{"small-saas.yaml", nil, want{}, ""},
		{"pitr-database.yaml", nil, want{}, ""},
	} {
		t.Run(tc.file+" "+strings.Join(tc.sets, " "), func(t *testing.T) {
			s, err := scenario.Load(tc.file, all[tc.file], tc.sets)
			if err != nil {
				t.Fatal(err)
			}
			fs := Audit(s)
			if tc.flaw.check != "" && !find(fs, tc.flaw) {
				t.Errorf("the planted flaw was not found: %+v", tc.flaw)
			}
			for _, f := range fs {
				if f.Severity == Error && f.Check != tc.flaw.check && f.Check != tc.other {
					t.Errorf("unexpected error %s at %s: %s", f.Check, f.Path, f.Problem)
				}
			}
			if tc.other != "" && !find(fs, want{Error, tc.other, "recovery.provision", "provision 38.7h"}) {
				t.Errorf("no %s error", tc.other)
			}
		})
	}
}

// docs/audit.md explains every check, and every check is one Audit can report.
func TestChecksDocumented(t *testing.T) {
	doc, err := os.ReadFile("../../docs/audit.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range Checks {
		if !strings.Contains(string(doc), "### `"+c+"`") {
			t.Errorf("docs/audit.md has no section ### `%s`", c)
		}
	}
	src := ""
	for _, f := range []string{"checks.go", "rto.go", "runs.go"} {
		b, _ := os.ReadFile(f)
		src += string(b)
	}
	for _, c := range Checks {
		if !strings.Contains(src, `"`+c+`"`) {
			t.Errorf("check %s is listed but never reported", c)
		}
	}
}

// With job offsets in the format, a copy that starts after its source's run
// has finished is fine, and one that starts during it is not.
func TestCopyOffsets(t *testing.T) {
	fs := Audit(load(t, clean, "backups.nightly.duration=1h", "backups.weekly.offset=2h"))
	for _, f := range fs {
		if f.Check == "copy-before-source" {
			t.Errorf("an offset past the source's run still warned: %s", f.Problem)
		}
	}
	fs = Audit(load(t, clean, "backups.nightly.duration=1h", "backups.weekly.offset=10m"))
	if !find(fs, want{Warning, "copy-before-source", "backups.weekly.every", "10min after the start of each run of nightly"}) {
		t.Errorf("no warning for a copy 10 minutes into its source's run: %+v", fs)
	}
}

// A domain that a declared failure strikes is reported once, as a single
// point of failure, not again as an unstruck shared domain above it.
func TestSharedDomainOnce(t *testing.T) {
	noFire := strings.Replace(clean, "  - {name: fire, kind: destroy, rate: 0.01/y, hits: site}\n", "", 1)
	fs := Audit(load(t, noFire, "stores.bucket.domain=host", "stores.nas.domain=host"))
	if !find(fs, want{Error, "single-point", "stores.bucket.domain", "disk destroys"}) {
		t.Error("no single-point error")
	}
	for _, f := range fs {
		if f.Check == "shared-domain" {
			t.Errorf("also reported as a shared domain: %s", f.Problem)
		}
	}
}
