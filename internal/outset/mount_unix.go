//go:build unix

package outset

import (
	"path/filepath"
	"syscall"
)

// mountPoint reports whether dir is where a file system is mounted: its
// device differs from its parent's, and it cannot be renamed.
func mountPoint(dir string) bool {
	var a, b syscall.Stat_t
	if syscall.Stat(dir, &a) != nil || syscall.Stat(filepath.Dir(dir), &b) != nil {
		return false
	}
	return a.Dev != b.Dev
}
