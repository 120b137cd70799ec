package main

import (
	"fmt"
	"io"

	"github.com/costdial/costdial/model/catalog"
	"github.com/costdial/costdial/report"
	"github.com/spf13/cobra"
)

type tiersOptions struct {
	output string
	name   string
}

// newTiersCommand is `costdial tiers`; runF, when not nil, is called with
// the parsed options instead of running.
func newTiersCommand(runF func(*tiersOptions) error) *cobra.Command {
	opts := &tiersOptions{}
	cmd := &cobra.Command{
		Use:   "tiers [NAME]",
		Short: "List the storage tier presets, their figures and where each comes from",
		Long: `Tiers lists the catalog's storage presets: price per GiB-month, egress and
retrieval fee per GiB, delay to the first byte and minimum billed days, in
US dollars for the region each names. -o wide adds the region, restore
speed per stream, minimum size, object lock and the date of the prices.
With NAME it shows one preset in full, every figure with its public
source, and the providers' network prices used for transfers.`,
		Example: `  costdial tiers
  costdial tiers -o wide
  costdial tiers wasabi
  costdial tiers -o json`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: completeTiers,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.name = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return runTiers(opts, cmd.OutOrStdout())
		},
	}
	addOutputFlag(cmd, &opts.output, "text", "text", "wide", "json")
	return cmd
}

func completeTiers(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, e := range catalog.All() {
		out = append(out, e.Name+"\t"+e.Description)
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func runTiers(opts *tiersOptions, out io.Writer) error {
	if opts.name != "" {
		if _, ok := catalog.Lookup(opts.name); !ok {
			return usageError{fmt.Errorf("%s", catalog.UnknownTier(opts.name))}
		}
	}
	acc := report.NewTiers(opts.name, opts.output == "wide")
	if opts.output == "json" {
		return acc.WriteJSON(out)
	}
	return acc.WriteText(out)
}
