// Package audit finds structural flaws in a backup and disaster-recovery
// design without simulating it: too few copies, a failure that destroys
// every copy at once, retention shorter than the time it takes to notice
// damage, replicas standing in for backups, a recovery that cannot meet its
// RTO target even at best, and more. Every finding names the field to
// change, where it was written, what is wrong and how to fix it.
// docs/audit.md lists every check and the reason behind it.
package audit
