package main

import (
	"errors"
	"fmt"

	"github.com/costdial/costdial/internal/suggest"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// flagError answers a mistake in c's flags as a usage error, suggesting
// the nearest flag for one it does not know: --trails gets "did you mean
// --trials?", and -trials (one dash) "did you mean --trials?". Cobra
// suggests commands itself, but not flags.
func flagError(c *cobra.Command, err error) error {
	var unknown interface {
		GetSpecifiedName() string
		GetSpecifiedShortnames() string
	}
	if !errors.As(err, &unknown) {
		return usageError{err}
	}
	var names []string
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden && f.Deprecated == "" {
			names = append(names, f.Name)
		}
	})
	typed := unknown.GetSpecifiedName()
	if group := unknown.GetSpecifiedShortnames(); group != "" {
		// -trials: a long flag written with one dash, or a typo of one
		if len([]rune(group)) < 2 {
			return usageError{err}
		}
		typed = group
		for _, n := range names {
			if n == group {
				return usageError{fmt.Errorf("%v: did you mean --%s?", err, n)}
			}
		}
	}
	dashes := func(n string) string { return "--" + n }
	return usageError{fmt.Errorf("%v%s", err, suggest.DidYouMean(typed, names, dashes))}
}
