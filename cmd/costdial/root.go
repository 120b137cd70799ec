package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

// exitError carries an exit code for errors already reported (validate).
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// usageError marks a mistake in the command line, answered with a usage hint.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

func newRootCommand(out, errOut io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "costdial",
		Short: "How much data you lose, how long you are down, and what it costs to do better",
		Long: `costdial plays years of incidents against a backup and disaster-recovery
design described in a YAML scenario, and reports the data lost (RPO), the
downtime (RTO) and the monthly cost of the design with its risk.

A FILE of "-" reads the scenario from standard input. Commands that print
data take -o/--output: text, json (with a "version" field for its shape),
csv where the data is a table, markdown where it is a report.

Exit status: 0 success; 1 a scenario is invalid or a check failed (a bad
file, a failed run, validate finding a problem); 2 a usage mistake (an
unknown command or flag, a bad flag value); 3 an internal error (a bug:
please report it).`,
		Example: `  costdial run                          # the bundled teaching scenario
  costdial validate scenarios/*.yaml
  costdial run scenarios/small-saas.yaml --set backups.nightly.every=4h
  costdial sweep scenarios/small-saas.yaml --out out/
  costdial audit scenarios/*.yaml
  costdial compare scenarios/small-saas.yaml --set stores.nas.enabled=false
  costdial explain scenarios/small-saas.yaml --failure ransomware --worst
  costdial tiers`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetOut(out)
	root.SetErr(errOut)
	root.SetFlagErrorFunc(flagError)
	root.Version = versionString()
	root.SetVersionTemplate("costdial {{.Version}}\n")
	root.AddCommand(
		newValidateCommand(nil),
		newAuditCommand(nil),
		newTiersCommand(nil),
		newVersionCommand(),
		newRunCommand(nil),
		newSweepCommand(nil),
		newPlotCommand(nil),
		newReportCommand(nil),
		newSchemaCommand(),
		newCompareCommand(nil),
		newExplainCommand(nil),
	)
	return root
}

// exitInterrupted is the exit code after SIGINT, SIGTERM or SIGHUP (128 + SIGINT),
// as shells report a command stopped by Ctrl-C.
const exitInterrupted = 130

// execute runs the command line and turns every outcome into an exit code:
// 0 success, 1 a problem with the input or the run, 2 a command-line mistake.
// No panic or stack trace reaches the user.
func execute(args []string, out, errOut io.Writer) (code int) {
	return executeIn(args, os.Stdin, out, errOut)
}

// executeIn is execute with standard input given, for a scenario read from "-".
func executeIn(args []string, in io.Reader, out, errOut io.Writer) (code int) {
	return executeContext(context.Background(), args, in, out, errOut)
}

// executeContext is executeIn that stops when ctx is cancelled (SIGINT,
// SIGTERM or SIGHUP): the simulation stops, temporaries and locks are
// removed and the exit code is 130.
func executeContext(ctx context.Context, args []string, in io.Reader, out, errOut io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(errOut, "costdial: internal error: %v\nplease report this with the command and scenario that caused it\n", r)
			code = 3
		}
	}()
	root := newRootCommand(out, errOut)
	root.SetIn(in)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return 0
	}
	if ctx.Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, ctx.Err())) {
		fmt.Fprintln(errOut, "costdial: interrupted; no output was written or replaced")
		return exitInterrupted
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	var ue usageError
	if errors.As(err, &ue) || strings.HasPrefix(err.Error(), "unknown command") || strings.Contains(err.Error(), "arg(s)") {
		fmt.Fprintf(errOut, "costdial: %v\nRun '%s --help' for usage.\n", err, cmd.CommandPath())
		return 2
	}
	fmt.Fprintf(errOut, "%v\n", err)
	return 1
}

// addOutputFlag adds -o/--output with the formats a command prints, and
// keeps --format working as a hidden, deprecated alias.
func addOutputFlag(cmd *cobra.Command, output *string, def string, formats ...string) {
	usage := "output format: " + strings.Join(formats, ", ")
	cmd.Flags().StringVarP(output, "output", "o", def, usage)
	cmd.Flags().StringVar(output, "format", def, usage)
	cmd.Flags().MarkHidden("format")
	cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(formats, cobra.ShellCompDirectiveNoFileComp))
	prev := cmd.PreRunE
	cmd.PreRunE = func(c *cobra.Command, args []string) error {
		if c.Flags().Changed("format") {
			fmt.Fprintln(c.ErrOrStderr(), "costdial: --format is deprecated: use -o/--output")
		}
		for _, f := range formats {
			if *output == f {
				if prev != nil {
					return prev(c, args)
				}
				return nil
			}
		}
		return usageError{fmt.Errorf("unknown --output %q (%s)", *output, strings.Join(formats, ", "))}
	}
}
