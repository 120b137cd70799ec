package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/costdial/costdial/model/catalog"
	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/scenarios"
	"github.com/spf13/cobra"
)

// stdinOnce refuses a list of files that names standard input ("-") more
// than once: it can be read only once.
func stdinOnce(files []string) error {
	n := 0
	for _, f := range files {
		if f == "-" {
			n++
		}
	}
	if n > 1 {
		return usageError{fmt.Errorf(`"-" (standard input) is given twice: it can be read once, so give it once`)}
	}
	return nil
}

// readStdin reads a scenario given as "-".
func readStdin(in io.Reader, max int64) (string, []byte, error) {
	data, err := scenario.ReadLimited("(stdin)", in, max)
	return "(stdin)", data, err
}

// completeScenarioFile completes a scenario file argument: YAML files.
func completeScenarioFile(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 && cmd.Name() != "validate" {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return []string{"yaml", "yml"}, cobra.ShellCompDirectiveFilterFileExt
}

// completeSet completes --set and --dial: field paths of the scenario on
// the command line (or the bundled one), with its store, job, failure and
// domain names, and after "=" the values a field takes where they are few
// (tier names, kinds, true and false).
func completeSet(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	name, data := scenarios.Default, scenarios.Bundled()
	if len(args) > 0 && args[0] != "-" {
		if d, err := scenario.ReadFile(args[0]); err == nil {
			name, data = args[0], d
		}
	}
	s, _ := scenario.Parse(name, data)
	if s == nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	if path, _, ok := strings.Cut(toComplete, "="); ok {
		var out []string
		for _, v := range scenario.FieldValues(path) {
			out = append(out, path+"="+v)
		}
		if len(out) == 0 && strings.HasSuffix(path, ".tier") {
			for _, t := range catalog.Names() {
				out = append(out, path+"="+t)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
	var out []string
	for _, p := range scenario.Paths(s) {
		if strings.HasPrefix(p, toComplete) {
			out = append(out, p+"=")
		}
	}
	slices.Sort(out)
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}
