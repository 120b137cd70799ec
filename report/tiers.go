package report

import (
	"strconv"
	"strings"

	"github.com/costdial/costdial/internal/numfmt"
	"github.com/costdial/costdial/model/catalog"
	"github.com/costdial/costdial/model/units"
)

// Tiers is the account of `costdial tiers`: the catalog's presets as a
// table, or one preset in full with every source.
type Tiers struct {
	Table  Table
	Footer []string
	// One is the preset asked for by name, or nil.
	One *Tier

	json map[string]any
}

// Tier is one preset in full.
type Tier struct {
	Name, Description string
	Figures           []Field
	Sources           []Field // the figures a source backs, and the source
}

// tiersShape is the version of the JSON of `tiers -o json`.
const tiersShape = 1

// NewTiers builds the account of the catalog's presets, with the columns
// -o wide adds when wide; a name picks one preset (known: catalog.Lookup).
func NewTiers(name string, wide bool) *Tiers {
	a := &Tiers{json: map[string]any{"version": tiersShape, "currency": "USD", "providers": catalog.Providers()}}
	if name != "" {
		e, _ := catalog.Lookup(name)
		a.json["tier"] = e
		a.One = tierOf(e)
		return a
	}
	entries := catalog.All()
	a.json["tiers"] = entries
	a.Table.Head = []string{"tier", "storage", "egress", "fee", "first byte", "min days"}
	if wide {
		a.Table.Head = append(a.Table.Head, "region", "restore", "min size", "lock", "fixed", "prices of")
	}
	for _, e := range entries {
		row := []string{e.Name, dollars(e.Price), dollars(e.Egress), dollars(e.RetrievalFee), e.Retrieval, strconv.Itoa(e.MinDays)}
		if wide {
			region := e.Region
			if e.Provider != "" {
				region = e.Provider + ":" + e.Region
			}
			row = append(row, orDash(region), human(e.Restore), orDash(strings.TrimSuffix(e.MinSize, "0B")), lockOf(e), dollars(e.Monthly), e.AsOf)
		}
		a.Table.add(row, false, false, "")
	}
	a.Footer = []string{
		"US dollars: storage per GiB-month, egress and retrieval fee per GiB. More: -o wide;",
		"every figure with its source: costdial tiers NAME.",
	}
	return a
}

// tierOf is one preset in full.
func tierOf(e catalog.Entry) *Tier {
	region := "on premises"
	if e.Provider != "" {
		region = e.Provider + ", " + e.Region
	}
	t := &Tier{Name: e.Name, Description: e.Description, Figures: []Field{
		{"region", region}, {"price", e.Price}, {"egress", e.Egress}, {"free_egress", freeEgress(e.FreeEgress)}, {"retrieval_fee", e.RetrievalFee},
		{"retrieval", e.Retrieval}, {"restore", e.Restore + " per stream"}, {"min_days", strconv.Itoa(e.MinDays)},
		{"min_size", e.MinSize}, {"lock", lockOf(e)}, {"medium", e.Medium}, {"monthly", e.Monthly}, {"prices of", e.AsOf},
	}}
	sources := e.Sources
	if p, ok := catalog.LookupProvider(e.Provider); ok {
		t.Figures = append(t.Figures, Field{"inter_region", p.InterRegion + " (" + p.Description + ", to another region)"})
		sources = append(sources, p.Sources...)
	}
	for _, s := range sources {
		t.Sources = append(t.Sources, Field{strings.Join(s.Figures, ", "), sourceText(s)})
	}
	return t
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

// dollars prints a catalog price as a unit price, without its unit.
func dollars(s string) string {
	m, err := units.ParseMoney(s)
	if err != nil {
		return s
	}
	return numfmt.Price("$", m.Amount)
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
