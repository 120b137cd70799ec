// Package audit finds structural flaws in a backup and disaster-recovery
// design without simulating it: too few copies, a failure that destroys
// every copy at once, retention shorter than the time it takes to notice
// damage or than the interval, runs that mostly fail, breaks that outpace
// restore tests, replicas standing in for backups, restores (the ones the
// runbook takes, as the engine picks them) that miss the RTO target, and
// more. Every finding names the field to
// change, where it was written, what is wrong and how to fix it.
// docs/audit.md lists every check and the reason behind it.
package audit
