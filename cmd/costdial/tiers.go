package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/costdial/costdial/model/catalog"
	"github.com/costdial/costdial/model/units"
	"github.com/spf13/cobra"
)

// tiersShape is the version of the JSON that `tiers -o json` prints.
const tiersShape = 1

type tiersOptions struct {
	output string
	name   string
}

func newTiersCommand() *cobra.Command {
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
	entries := catalog.All()
	if opts.name != "" {
		e, ok := catalog.Lookup(opts.name)
		if !ok {
			return usageError{fmt.Errorf("%s", catalog.UnknownTier(opts.name))}
		}
		entries = []catalog.Entry{e}
	}
	if opts.output == "json" {
		v := map[string]any{"version": tiersShape, "currency": "USD", "providers": catalog.Providers()}
		if opts.name != "" {
			v["tier"] = entries[0]
		} else {
			v["tiers"] = entries
		}
		return writeJSON(out, v)
	}
	if opts.name != "" {
		return writeTier(out, entries[0])
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	wide := opts.output == "wide"
	head := "TIER\tSTORAGE\tEGRESS\tFEE\tFIRST BYTE\tMIN DAYS"
	if wide {
		head += "\tREGION\tRESTORE\tMIN SIZE\tLOCK\tFIXED\tPRICES OF"
	}
	fmt.Fprintln(tw, head)
	for _, e := range entries {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d", e.Name, dollars(e.Price), dollars(e.Egress), dollars(e.RetrievalFee), e.Retrieval, e.MinDays)
		if wide {
			region := e.Region
			if e.Provider != "" {
				region = e.Provider + ":" + e.Region
			}
			fmt.Fprintf(tw, "\t%s\t%s\t%s\t%s\t%s\t%s", orDash(region), human(e.Restore), orDash(strings.TrimSuffix(e.MinSize, "0B")), lockOf(e), dollars(e.Monthly), e.AsOf)
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(out, "\nUS dollars: storage per GiB-month, egress and retrieval fee per GiB. More: -o wide;")
	fmt.Fprintln(out, "every figure with its source: costdial tiers NAME.")
	return nil
}

// writeTier prints one preset in full.
func writeTier(out io.Writer, e catalog.Entry) error {
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\n", e.Name, e.Description)
	region := "on premises"
	if e.Provider != "" {
		region = e.Provider + ", " + e.Region
	}
	rows := [][2]string{
		{"region", region}, {"price", e.Price}, {"egress", e.Egress}, {"free_egress", freeEgress(e.FreeEgress)}, {"retrieval_fee", e.RetrievalFee},
		{"retrieval", e.Retrieval}, {"restore", e.Restore + " per stream"}, {"min_days", strconv.Itoa(e.MinDays)},
		{"min_size", e.MinSize}, {"lock", lockOf(e)}, {"monthly", e.Monthly}, {"prices of", e.AsOf},
	}
	if p, ok := catalog.LookupProvider(e.Provider); ok {
		rows = append(rows, [2]string{"inter_region", p.InterRegion + " (" + p.Description + ", to another region)"})
	}
	for _, r := range rows {
		fmt.Fprintf(tw, "  %s\t%s\n", r[0], r[1])
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(out, "\nSources:")
	sources := e.Sources
	if p, ok := catalog.LookupProvider(e.Provider); ok {
		sources = append(sources, p.Sources...)
	}
	for _, s := range sources {
		fmt.Fprintf(out, "  %s: %s\n", strings.Join(s.Figures, ", "), sourceText(s))
	}
	return nil
}

// sourceText is a source as one line: what it says, where and when.
func sourceText(s catalog.Source) string {
	t := s.Says
	switch {
	case s.Assumption:
		t = "ASSUMPTION: " + t
	case s.Unverified:
		t += ", " + s.URL + " (" + s.Date + "; UNVERIFIED)"
	default:
		t += ", " + s.URL + " (" + s.Date + ")"
	}
	return t
}

// dollars prints a catalog amount with three significant digits and no unit.
func dollars(s string) string {
	m, err := units.ParseMoney(s)
	if err != nil {
		return s
	}
	return "$" + strconv.FormatFloat(m.Amount, 'g', 3, 64)
}

func human(s string) string {
	if t, err := units.ParseThroughput(s); err == nil {
		return t.Human()
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func lockOf(e catalog.Entry) string {
	switch {
	case e.Offline:
		return "offline"
	case e.Lockable:
		return "object lock"
	}
	return "-"
}

// freeEgress describes a monthly egress allowance.
func freeEgress(x float64) string {
	if x == 0 {
		return "none"
	}
	return strconv.FormatFloat(x, 'g', -1, 64) + "x the data stored, each month"
}
