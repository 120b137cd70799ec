// Package golden checks test output against golden files: one helper for
// every package's golden text, JSON and images, one -update flag to
// rewrite them, and a line diff of what changed when they differ.
//
// Import it only from tests: it registers the -update flag.
package golden
