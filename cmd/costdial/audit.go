package main

import (
	"fmt"
	"io"

	"github.com/costdial/costdial/model/audit"
	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/report"
	"github.com/costdial/costdial/scenarios"
	"github.com/spf13/cobra"
)

type auditOptions struct {
	files  []string
	sets   []string
	format string
	in     io.Reader
	limit  limitFlags
}

// newAuditCommand is `costdial audit`; runF, when not nil, is called with
// the parsed options instead of running.
func newAuditCommand(runF func(*auditOptions) error) *cobra.Command {
	opts := &auditOptions{}
	cmd := &cobra.Command{
		Use:   "audit [FILE]...",
		Short: "Find structural flaws in a design without simulating it",
		Long: `Audit checks a design against the rules a reliability engineer would
apply before simulating anything: the 3-2-1-1-0 rule, single points of
failure, retention shorter than detection or dwell, replicas standing in
for backups, recoveries that cannot meet the RTO target even at best, and
more (docs/audit.md lists every check and why). Each finding names the
field, where it is written, what is wrong and how to fix it.
It exits with status 1 when any finding is an error, so a repository of
designs can gate on it. Without FILE it audits the bundled scenario; a
FILE of "-" is read from standard input.`,
		Example: `  costdial audit scenarios/*.yaml
  costdial audit scenarios/ransomware-immutable.yaml --set stores.locked.immutable=false
  costdial audit my.yaml -o json
  cat my.yaml | costdial audit -`,
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
			return runAudit(opts, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	addSetFlag(cmd, &opts.sets)
	addOutputFlag(cmd, &opts.format, "text", "text", "json")
	addLimitFlags(cmd, &opts.limit, true)
	return cmd
}

func runAudit(opts *auditOptions, out, errOut io.Writer) error {
	files := opts.files
	if len(files) == 0 {
		files = []string{""}
	}
	var acc report.Audit
	failed := false
	for _, f := range files {
		var s *scenario.Scenario
		var err error
		lim := opts.limit.limits()
		switch f {
		case "":
			s, err = scenario.LoadLimited("(bundled) "+scenarios.Default, scenarios.Bundled(), opts.sets, lim)
		case "-":
			var name string
			var data []byte
			if name, data, err = readStdin(opts.in, lim.FileBytes); err == nil {
				s, err = scenario.LoadLimited(name, data, opts.sets, lim)
			}
		default:
			s, err = scenario.LoadFileLimited(f, opts.sets, lim)
		}
		if err != nil {
			fmt.Fprintln(errOut, err)
			failed = true
			continue
		}
		acc.Add(s.File, audit.Audit(s))
	}
	write := acc.WriteText
	if opts.format == "json" {
		write = acc.WriteJSON
	}
	if err := write(out); err != nil {
		return err
	}
	if failed || acc.Failed {
		return exitError{1}
	}
	return nil
}
