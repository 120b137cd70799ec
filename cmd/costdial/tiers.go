package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/costdial/costdial/model/catalog"
	"github.com/costdial/costdial/model/units"
	"github.com/spf13/cobra"
)

type tiersOptions struct {
	format string
}

func newTiersCommand() *cobra.Command {
	opts := &tiersOptions{}
	cmd := &cobra.Command{
		Use:   "tiers",
		Short: "List the storage tier presets, their figures and where each comes from",
		Example: `  costdial tiers
  costdial tiers --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTiers(opts, cmd.OutOrStdout())
		},
	}
	cmd.Flags().StringVar(&opts.format, "format", "text", "output format: text or json")
	return cmd
}

func runTiers(opts *tiersOptions, out io.Writer) error {
	entries := catalog.All()
	switch opts.format {
	case "json":
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(entries)
	case "text":
	default:
		return usageError{fmt.Errorf("unknown --format %q (text or json)", opts.format)}
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "TIER\tSTORAGE\tEGRESS\tRETRIEVAL FEE\tFIRST BYTE\tRESTORE\tMIN DAYS\tLOCK\tFIXED\tAS OF")
	for _, e := range entries {
		restore := e.Restore
		if t, err := units.ParseThroughput(e.Restore); err == nil {
			restore = t.Human()
		}
		lock := "-"
		switch {
		case e.Offline:
			lock = "offline"
		case e.Lockable:
			lock = "object lock"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n",
			e.Name, e.Price, e.Egress, e.RetrievalFee, e.Retrieval, restore, e.MinDays, lock, e.Monthly, e.Date)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(out, "\nSources:")
	for _, e := range entries {
		fmt.Fprintf(out, "  %s: %s\n", e.Name, e.Description)
		for _, s := range e.Sources {
			fmt.Fprintf(out, "    - %s\n", strings.TrimSpace(s))
		}
	}
	return nil
}
