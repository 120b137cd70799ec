package main

import (
	"fmt"
	"io"

	"github.com/costdial/costdial/model/scenario"
	"github.com/spf13/cobra"
)

type validateOptions struct {
	files []string
	sets  []string
	limit limitFlags
}

func newValidateCommand() *cobra.Command {
	opts := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check scenario files and report every problem at once",
		Example: `  costdial validate scenarios/*.yaml
  costdial validate my.yaml --set backups.nightly.every=4h`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.files = args
			if err := opts.limit.check(cmd); err != nil {
				return err
			}
			return runValidate(opts, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	addSetFlag(cmd, &opts.sets)
	addLimitFlags(cmd, &opts.limit, true)
	return cmd
}

// runValidate prints "FILE: OK" for each good file and the errors of each
// bad one; it fails when any file is bad.
func runValidate(opts *validateOptions, out, errOut io.Writer) error {
	bad := 0
	for _, f := range opts.files {
		if _, err := scenario.LoadFileLimited(f, opts.sets, opts.limit.limits()); err != nil {
			fmt.Fprintln(errOut, err)
			bad++
			continue
		}
		fmt.Fprintf(out, "%s: OK\n", f)
	}
	if bad > 0 {
		return exitError{1}
	}
	return nil
}

func addSetFlag(cmd *cobra.Command, sets *[]string) {
	cmd.Flags().StringArrayVar(sets, "set", nil, "override a field, PATH=VALUE (repeatable), e.g. --set backups.nightly.every=4h")
}
