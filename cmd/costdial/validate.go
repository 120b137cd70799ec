package main

import (
	"io"

	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/report"
	"github.com/spf13/cobra"
)

type validateOptions struct {
	files  []string
	sets   []string
	output string
	in     io.Reader
	limit  limitFlags
}

// newValidateCommand is `costdial validate`; runF, when not nil, is called
// with the parsed options instead of running.
func newValidateCommand(runF func(*validateOptions) error) *cobra.Command {
	opts := &validateOptions{}
	cmd := &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check scenario files and report every problem at once",
		Example: `  costdial validate scenarios/*.yaml
  costdial validate my.yaml --set backups.nightly.every=4h
  cat my.yaml | costdial validate -
  costdial validate scenarios/*.yaml -o json`,
		Args:              cobra.MinimumNArgs(1),
		ValidArgsFunction: completeScenarioFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.files = args
			if err := stdinOnce(args); err != nil {
				return err
			}
			if err := opts.limit.check(cmd); err != nil {
				return err
			}
			opts.in = cmd.InOrStdin()
			if runF != nil {
				return runF(opts)
			}
			return runValidate(opts, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	addSetFlag(cmd, &opts.sets)
	addOutputFlag(cmd, &opts.output, "text", "text", "json")
	addLimitFlags(cmd, &opts.limit, true)
	return cmd
}

// runValidate prints "FILE: OK" for each good file and the errors of each
// bad one (or, with -o json, one verdict per file); it fails when any file
// is bad. A FILE of "-" is read from standard input.
func runValidate(opts *validateOptions, out, errOut io.Writer) error {
	var acc report.Validation
	for _, f := range opts.files {
		var err error
		if f == "-" {
			var name string
			var data []byte
			if name, data, err = readStdin(opts.in, opts.limit.limits().FileBytes); err == nil {
				_, err = scenario.LoadLimited(name, data, opts.sets, opts.limit.limits())
			}
		} else {
			_, err = scenario.LoadFileLimited(f, opts.sets, opts.limit.limits())
		}
		acc.Add(f, err)
	}
	var err error
	if opts.output == "json" {
		err = acc.WriteJSON(out)
	} else {
		err = acc.WriteText(out, errOut)
	}
	if err != nil {
		return err
	}
	if acc.Bad > 0 {
		return exitError{1}
	}
	return nil
}

func addSetFlag(cmd *cobra.Command, sets *[]string) {
	cmd.Flags().StringArrayVar(sets, "set", nil, "override a field, PATH=VALUE (repeatable), e.g. --set backups.nightly.every=4h")
	cmd.RegisterFlagCompletionFunc("set", completeSet)
}
