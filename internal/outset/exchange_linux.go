//go:build linux && (amd64 || arm64)

package outset

import (
	"syscall"
	"unsafe"
)

// exchange swaps the names of two directories in one step (Linux
// renameat2 with RENAME_EXCHANGE), so that a reader never finds --out
// missing.
func exchange(a, b string) error {
	const renameExchange = 1 << 1
	pa, err := syscall.BytePtrFromString(a)
	if err != nil {
		return err
	}
	pb, err := syscall.BytePtrFromString(b)
	if err != nil {
		return err
	}
	atFDCWD := -100
	_, _, errno := syscall.Syscall6(sysRenameat2, uintptr(atFDCWD), uintptr(unsafe.Pointer(pa)), uintptr(atFDCWD), uintptr(unsafe.Pointer(pb)), renameExchange, 0)
	if errno != 0 {
		return errno
	}
	return nil
}
