// Package architecture holds the tests that keep costdial's shape as
// docs/architecture.md draws it: which package may import which, that the
// renderers only lay accounts out, and that each rule issue 18 found
// written twice lives in one place. It has no code of its own.
package architecture
