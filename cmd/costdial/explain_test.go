package main

import (
	"regexp"
	"strings"
	"testing"
)

func TestExplainCommand(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr []string
	}{
		{"the bundled scenario", []string{"explain", "--trials", "1000"}, 0, []string{"small-saas: 1000 trials of 1 year, seed 1:", "Trial 0, incident 1 of the trial"}, nil},
		{"a replica copies the damage", []string{"explain", "../../scenarios/replica-is-not-a-backup.yaml", "--failure", "bad-migration", "--trials", "1000"}, 0,
			[]string{"standby-db   nothing usable: a replica, it already held the damage", "No clean copy can be restored: a total loss"}, nil},
		{"a cold restore", []string{"explain", "../../scenarios/cold-archive.yaml", "--failure", "storage-array-fails", "--trials", "1000"}, 0,
			[]string{"retrieval  ", "(alongside the provisioning: the longer counts)"}, nil},
		// detection after 29.8min, then 1.21h down: 1.7h of writes rolled back
		{"a rollback discards writes", []string{"explain", "../../scenarios/pitr-database.yaml", "--failure", "bad-statement"}, 0,
			[]string{"Somebody notices, 29.8min later", "Down: 1.21h (RTO).", "The 1.7h of writes made since the damage are rolled back"}, nil},
		{"nothing happened", []string{"explain", "--failure", "dc-fire", "--trials", "5"}, 0, []string{"None happened in this run"}, nil},
		{"an unknown failure", []string{"explain", "--failure", "meteor", "--trials", "100"}, 1, nil, []string{`no failure named "meteor"`}},
		{"a bad --n", []string{"explain", "--n", "0"}, 2, nil, []string{"--n must be from 1 to 100"}},
		// the outage outlasts failover_after, but every copy is older than
		// the 1h failover_max_loss (the RPO target): that is why it is
		// waited out, not a failover "taking -3600s more"
		{"a failover refused for its loss", []string{"explain", "--set", "service.targets.rpo=1h", "--failure", "region-outage", "--trials", "300", "--n", "2"}, 0,
			[]string{"No copy lies within recovery.failover_max_loss (1h, by default the RPO target): failing over to the newest, on bucket, would lose", "The service waits it out."}, nil},
		{"a typical tail incident", []string{"explain", "--percentile", "95", "--trials", "2000"}, 0,
			[]string{"The p95 of data lost, total losses counted as the worst, is ", "Telling the 1 incident nearest it."}, nil},
		{"a typical tail incident by downtime", []string{"explain", "--percentile", "90", "--by", "rto", "--n", "2", "--trials", "2000"}, 0,
			[]string{"The p90 of downtime, total losses counted as the worst, is ", "Telling the 2 incidents nearest it."}, nil},
		{"the worst by downtime", []string{"explain", "--worst", "--by", "rto", "--trials", "2000"}, 0,
			[]string{"the p99 of downtime, total losses counted as the worst, is "}, nil},
		{"a percentile as a fraction", []string{"explain", "--percentile", "0.95"}, 2, nil, []string{"--percentile: in percent, from 1 to 100: did you mean 95? (got 0.95)"}},
		{"a percentile out of range", []string{"explain", "--percentile", "101"}, 2, nil, []string{"--percentile: in percent, from 1 to 100 (got 101)"}},
		{"worst and a percentile", []string{"explain", "--percentile", "95", "--worst"}, 2, nil, []string{"give --worst or --percentile, not both"}},
		{"an unknown ranking", []string{"explain", "--by", "downtime"}, 2, nil, []string{`unknown --by "downtime" (rpo: data lost, rto: downtime)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, _ := checkCLI(t, tc.args, tc.code, tc.stdout, tc.stderr)
			if strings.Contains(out, "-") && regexp.MustCompile(`-[0-9.]+(s|min|h|d)\b`).MatchString(out) {
				t.Errorf("a negative duration:\n%s", out)
			}
		})
	}
}
