//go:build !unix

package outset

// mountPoint cannot tell here; a swap that fails says so instead.
func mountPoint(dir string) bool { return false }
