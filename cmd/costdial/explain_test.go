package main

import (
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
	} {
		t.Run(tc.name, func(t *testing.T) {
			checkCLI(t, tc.args, tc.code, tc.stdout, tc.stderr)
		})
	}
}
