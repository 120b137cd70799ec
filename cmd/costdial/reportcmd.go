package main

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/costdial/costdial/internal/escape"
	"github.com/costdial/costdial/internal/outset"
	"github.com/costdial/costdial/model/sweep"
	"github.com/costdial/costdial/report"
	"github.com/spf13/cobra"
)

type reportOptions struct {
	sim    simOptions
	out    string
	format string
	dials  []string
}

// newReportCommand is `costdial report`; runF, when not nil, is called
// with the parsed options and the command line instead of running.
func newReportCommand(runF func(*reportOptions, string) error) *cobra.Command {
	opts := &reportOptions{}
	cmd := &cobra.Command{
		Use:   "report [FILE]",
		Short: "Write a report for a budget meeting: one HTML page (or Markdown) with the verdict, the money, the risk and the cost dial",
		Long: `Report runs the scenario and, when it has a dial (or --dial is given),
every design of the dial, and writes one report: a verdict in two
sentences, what the design is, what it costs to run and to risk, what
drives the risk, the cost dial with its charts and the trade-off it
offers, every assumption it rests on, and how to reproduce it.

The HTML report is one self-contained file (styles and charts inline, no
script, nothing fetched from the network): it opens from an email
attachment. -o markdown writes the same content for a wiki or a pull
request, with the charts as PNG files beside it. Without FILE it reports on
the bundled teaching scenario.`,
		Example: `  costdial report scenarios/small-saas.yaml
  costdial report scenarios/small-saas.yaml --out budget.html --trials 20000
  costdial report scenarios/small-saas.yaml -o markdown --out docs/backup-report.md
  costdial report scenarios/small-saas.yaml --set backups.nightly.every=4h`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.sim.file = args[0]
			}
			if runF != nil {
				return runF(opts, commandLine(cmd, args))
			}
			return runReport(cmd.Context(), opts, commandLine(cmd, args), cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	addSimFlags(cmd, &opts.sim)
	cmd.Flags().StringVar(&opts.out, "out", "", "file to write (default report.html, or report.md with -o markdown)")
	addOutputFlag(cmd, &opts.format, "html", "html", "markdown")
	cmd.Flags().StringArrayVar(&opts.dials, "dial", nil, "add or replace a dial axis, PATH=V1,V2,... (repeatable)")
	return cmd
}

// commandLine is the command that reproduces the report, for its footer,
// quoted for a POSIX shell: the arguments and every flag that changes the
// result or that the run needed (a raised limit), in a stable order.
// --workers is left out: the result does not depend on it.
func commandLine(cmd *cobra.Command, args []string) string {
	parts := append(strings.Fields(cmd.CommandPath()), args...)
	for _, name := range []string{"set", "dial", "trials", "years", "seed",
		"max-incidents", "max-trial-years", "max-trial-work", "max-designs", "max-file-size", "output", "out"} {
		flag := cmd.Flags().Lookup(name)
		changed := cmd.Flags().Changed(name)
		if name == "output" { // or its deprecated alias
			changed = changed || cmd.Flags().Changed("format")
		}
		if flag == nil || !changed {
			continue
		}
		if list, err := cmd.Flags().GetStringArray(name); err == nil {
			for _, v := range list {
				parts = append(parts, "--"+name, v)
			}
			continue
		}
		parts = append(parts, "--"+name, flag.Value.String())
	}
	return escape.ShellCommand(parts...)
}

func runReport(ctx context.Context, opts *reportOptions, command string, out, errOut io.Writer) error {
	if err := checkOut(&opts.sim, opts.out); err != nil {
		return err
	}
	name := "report.html" // -o is html or markdown: addOutputFlag refused any other
	if opts.format == "markdown" {
		name = "report.md"
	}
	if opts.out == "" {
		opts.out = name
	}
	if ctx == nil {
		ctx = context.Background()
	}
	extra, err := parseDials(opts.dials)
	if err != nil {
		return err
	}
	sets := opts.sim.overrides()
	s, data, err := opts.sim.load(sets)
	if err != nil {
		return err
	}
	o := outset.Options{
		Label:   "--out " + escape.Terminal(opts.out),
		Inputs:  opts.sim.inputs(),
		DirHint: "give a file name, e.g. --out " + filepath.Join(opts.out, name),
	}
	if opts.format == "markdown" {
		o.Beside = "-o markdown writes its charts as files beside the report: give a file's path, or use -o html (one self-contained file)"
	}
	set, err := outset.File(opts.out, o)
	if err != nil {
		return err
	}
	committed := false
	defer func() {
		if !committed {
			set.Abort()
		}
	}()
	r, err := simulate(ctx, s, opts.sim.workers, errOut)
	if err != nil {
		return err
	}
	var sw *sweep.Sweep
	if axes := sweep.Axes(s, extra); len(axes) > 0 {
		if sw, err = opts.sim.sweep(ctx, s, data, sets, axes, s.Name+" dial", errOut); err != nil {
			return err
		}
	}
	acc, err := report.Build(s, r, sw, report.Meta{
		Version: versionString(),
		Digest:  fmt.Sprintf("sha256:%x", sha256.Sum256(data)),
		Command: command,
	})
	if err != nil {
		return err
	}
	if opts.format == "markdown" {
		// the charts go beside the Markdown file, named after it
		stem := set.Stem() + "-"
		if _, err := report.SavePNG(set.Path(""), acc.Charts(stem)); err != nil {
			return set.Err(err)
		}
		err = outset.WriteFile(set.Main(), func(w io.Writer) error { return acc.WriteMarkdown(w, stem) })
	} else {
		err = outset.WriteFile(set.Main(), acc.WriteHTML)
	}
	if err != nil {
		return set.Err(err)
	}
	committed = true // Commit removes what it leaves behind itself
	files, err := set.Commit()
	if err != nil {
		return err
	}
	return report.NewWritten(files, nil).WriteText(out)
}
