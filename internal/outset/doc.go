// Package outset writes costdial's output files without destroying what
// costdial did not write. It holds the whole machinery every command and
// package plots share: the atomic write of one file (through a temporary
// file renamed into place), the set of files written into a hidden
// directory and swapped in whole, the lock that keeps two commands from
// writing one output at once, and the check of whether the lock's holder
// still runs.
package outset
