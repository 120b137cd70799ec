package catalog

import (
	"fmt"
	"strings"

	"github.com/costdial/costdial/internal/suggest"
)

// Entry is one storage tier preset. Every figure is written in the same
// syntax a scenario file uses, so that a preset and a scenario override are
// parsed by the same code. Prices are in US dollars.
type Entry struct {
	Name        string `json:"name"`        // preset name, as used in `tier:`
	Description string `json:"description"` // one line: what the tier is

	Provider string `json:"provider"` // key of Providers ("aws", "gcp", ...); "" on premises
	Region   string `json:"region"`   // the region the prices are for; "" on premises

	Price  string `json:"price"`  // storage, e.g. "$0.023/GiB-month"
	Egress string `json:"egress"` // paid per byte sent out of the provider's network, e.g. "$0.09/GiB"
	// FreeEgress is a monthly egress allowance, as a multiple of the data
	// stored (Backblaze B2: 3); 0 when there is none.
	FreeEgress   float64 `json:"free_egress"`
	RetrievalFee string  `json:"retrieval_fee"` // retrieval fee per byte restored, e.g. "$0.02/GiB" ("$0/GiB" when none)
	Retrieval    string  `json:"retrieval"`     // delay before the first byte: a duration or distribution
	Restore      string  `json:"restore"`       // restore throughput of one stream, e.g. "85MB/s"
	MinDays      int     `json:"min_days"`      // minimum billed storage duration of an object, in days
	MinSize      string  `json:"min_size"`      // least size billed a month, e.g. "1TiB" ("0B" when none)
	Lockable     bool    `json:"lockable"`      // supports object lock / WORM (a store opts in with `immutable: true`)
	Offline      bool    `json:"offline"`       // air-gapped by nature (tape on a shelf)
	// Medium is the kind of storage it is, for the 3-2-1 rule's two kinds
	// of storage: what fails together. One of Media.
	Medium  string `json:"medium"`
	Monthly string `json:"monthly"` // fixed monthly cost, e.g. "$0/month"

	// AsOf is the date of the prices, YYYY-MM or YYYY-MM-DD: the day they
	// took effect, or the date the source states them for. It is not the
	// day they were read.
	AsOf string `json:"as_of"`
	// Sources back every figure above (see Figures).
	Sources []Source `json:"sources"`
}

// Source says where some figures of a preset come from.
type Source struct {
	// Figures names the figures it backs, by scenario key: "price",
	// "egress", "retrieval_fee", "retrieval", "restore", "min_days",
	// "min_size", "lock", "monthly", "region", and "free_egress" where there is
	// an allowance.
	Figures []string `json:"figures"`
	// Says is what the source says, in a few words.
	Says string `json:"says"`
	// URL is its public address; empty only for an Assumption.
	URL string `json:"url,omitempty"`
	// Date is the date of the source's statement (YYYY-MM or YYYY-MM-DD).
	Date string `json:"date"`
	// Assumption marks a figure no public source gave: costdial's guess,
	// to be replaced by what you measure or pay.
	Assumption bool `json:"assumption,omitempty"`
	// Unverified marks a figure taken from a secondary page, or one whose
	// primary page could not be re-read.
	Unverified bool `json:"unverified,omitempty"`
}

// Kinds of storage (Entry.Medium). Copies on one kind share its faults: a
// firmware or filesystem bug, a provider that closes the account.
const (
	ObjectStorage = "cloud object storage"
	Disk          = "disk"
	NAS           = "NAS"
	Tape          = "tape"
)

// Media lists the kinds of storage a preset can be.
var Media = []string{ObjectStorage, Disk, NAS, Tape}

// Figures lists every figure key a preset must back with a source.
var Figures = []string{"price", "egress", "retrieval_fee", "retrieval", "restore", "min_days", "min_size", "lock", "monthly", "region"}

// Provider is a cloud provider's network prices, used to price the bytes a
// backup job sends between regions or out of the provider's network.
type Provider struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Egress      string   `json:"egress"`       // to the internet, per byte
	InterRegion string   `json:"inter_region"` // to another region of the same provider, per byte
	AsOf        string   `json:"as_of"`
	Sources     []Source `json:"sources"`
}

// All returns every preset, in catalog order.
func All() []Entry { return append([]Entry(nil), entries...) }

// Lookup returns the preset with the given name.
func Lookup(name string) (Entry, bool) {
	for _, e := range entries {
		if e.Name == name {
			return e, true
		}
	}
	return Entry{}, false
}

// Names lists the preset names, in catalog order.
func Names() []string {
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name
	}
	return names
}

// UnknownTier says that no tier is named name: with the nearest names
// when one is close, else with every name, for an error message.
func UnknownTier(name string) string {
	if dym := suggest.DidYouMean(name, Names(), nil); dym != "" {
		return fmt.Sprintf("unknown tier %q%s", name, dym)
	}
	return fmt.Sprintf("unknown tier %q (known: %s)", name, strings.Join(Names(), ", "))
}

// Providers returns every provider's network prices, in catalog order.
func Providers() []Provider { return append([]Provider(nil), providers...) }

// LookupProvider returns the network prices of a provider.
func LookupProvider(name string) (Provider, bool) {
	for _, p := range providers {
		if p.Name == name {
			return p, true
		}
	}
	return Provider{}, false
}

// ProviderNames lists the provider keys, in catalog order.
func ProviderNames() []string {
	names := make([]string, len(providers))
	for i, p := range providers {
		names[i] = p.Name
	}
	return names
}
