//go:build !(linux && (amd64 || arm64))

package outset

import "errors"

// exchange is not available here: swapDir moves the old set aside instead.
func exchange(a, b string) error { return errors.New("no atomic exchange") }
