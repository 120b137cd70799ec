package catalog

// Entry is one storage tier preset. Every figure is written in the same
// syntax a scenario file uses, so that a preset and a scenario override are
// parsed by the same code.
type Entry struct {
	Name        string // preset name, as used in `tier:`
	Description string // one line: what the tier is

	Price        string // storage, e.g. "$0.023/GiB-month"
	Egress       string // paid per byte restored out of the tier, e.g. "$0.09/GiB"
	RetrievalFee string // retrieval fee per byte restored, e.g. "$0.02/GiB" ("$0/GiB" when none)
	Retrieval    string // delay before the first byte: a duration or distribution, e.g. "12h" or "uniform(3h, 5h)"
	Restore      string // restore throughput out of the tier, e.g. "100MB/s"
	MinDays      int    // minimum billed storage duration of an object, in days
	Lockable     bool   // supports object lock / WORM (a store opts in with `immutable: true`)
	Offline      bool   // air-gapped by nature (tape on a shelf)
	Monthly      string // fixed monthly cost, e.g. "$0/month"

	// Sources: one entry per figure group, each "what: URL (as of YYYY-MM-DD)".
	Sources []string
	// Date is the date the figures were read from their sources (YYYY-MM-DD).
	Date string
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
