package catalog

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/costdial/costdial/model/units"
)

var date = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// checkSources reports a source without an address (unless it is an
// assumption) or a date, and every figure in want that no source backs.
func checkSources(t *testing.T, name, asOf string, sources []Source, want []string) {
	t.Helper()
	if !regexp.MustCompile(`^\d{4}-\d{2}(-\d{2})?$`).MatchString(asOf) {
		t.Errorf("%s: the date of its prices %q is not YYYY-MM or YYYY-MM-DD", name, asOf)
	}
	backed := map[string]bool{}
	for _, s := range sources {
		if s.Assumption == (s.URL != "") {
			t.Errorf("%s: source %q must have an address or be an assumption, not both or neither", name, s.Says)
		}
		if s.URL != "" && !strings.HasPrefix(s.URL, "https://") {
			t.Errorf("%s: source address %q is not https", name, s.URL)
		}
		if strings.Contains(s.URL, "facts.md") || strings.Contains(s.Says, "facts.md") {
			t.Errorf("%s: cites the project's notes, not a public source", name)
		}
		if !date.MatchString(s.Date) || s.Says == "" || len(s.Figures) == 0 {
			t.Errorf("%s: source %q needs what it says, the figures it backs and a date (got %q)", name, s.Says, s.Date)
		}
		for _, f := range s.Figures {
			backed[f] = true
		}
	}
	for _, f := range want {
		if !backed[f] {
			t.Errorf("%s: no source backs its %s", name, f)
		}
	}
}

// Every preset parses with the scenario's own parsers, has a source with a
// date for every figure, and the catalog has the tiers the project promises.
func TestCatalog(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range All() {
		if seen[e.Name] {
			t.Errorf("%s listed twice", e.Name)
		}
		seen[e.Name] = true
		if !slices.Contains(Media, e.Medium) {
			t.Errorf("%s: kind of storage %q is not one of %v", e.Name, e.Medium, Media)
		}
		for what, s := range map[string]string{"price": e.Price, "egress": e.Egress, "retrieval fee": e.RetrievalFee, "monthly": e.Monthly} {
			if m, err := units.ParseMoney(s); err != nil || m.Currency != "$" {
				t.Errorf("%s %s %q: not US dollars (%v)", e.Name, what, s, err)
			}
		}
		if _, err := units.ParseDist(e.Retrieval); err != nil {
			t.Errorf("%s retrieval: %v", e.Name, err)
		}
		if _, err := units.ParseSize(e.MinSize); err != nil {
			t.Errorf("%s min_size: %v", e.Name, err)
		}
		if r, err := units.ParseThroughput(e.Restore); err != nil || r <= 0 {
			t.Errorf("%s restore %q: %v", e.Name, e.Restore, err)
		}
		if e.Description == "" {
			t.Errorf("%s: no description", e.Name)
		}
		if e.Provider != "" {
			if _, ok := LookupProvider(e.Provider); !ok || e.Region == "" {
				t.Errorf("%s: provider %q unknown or region %q missing", e.Name, e.Provider, e.Region)
			}
			if e.Region != "" && !strings.Contains(e.Description, e.Region) && e.Region != "auto" && e.Provider != "backblaze" {
				t.Errorf("%s: the description does not state the region %s", e.Name, e.Region)
			}
		}
		want := Figures
		if e.FreeEgress > 0 {
			want = append(append([]string(nil), Figures...), "free_egress")
		}
		checkSources(t, e.Name, e.AsOf, e.Sources, want)
	}
	for _, p := range Providers() {
		for _, s := range []string{p.Egress, p.InterRegion} {
			if m, err := units.ParseMoney(s); err != nil || m.Per != units.PerGiB {
				t.Errorf("provider %s: %q is not a price per GiB (%v)", p.Name, s, err)
			}
		}
		checkSources(t, p.Name, p.AsOf, p.Sources, []string{"egress", "inter_region"})
	}
	for _, want := range []string{"s3-standard", "s3-standard-ia", "s3-one-zone-ia", "s3-glacier-instant-retrieval",
		"s3-glacier-flexible-retrieval", "s3-glacier-flexible-retrieval-expedited", "s3-glacier-flexible-retrieval-bulk",
		"s3-glacier-deep-archive", "s3-glacier-deep-archive-bulk", "ebs-snapshot", "ebs-snapshot-archive",
		"gcs-standard", "gcs-nearline", "gcs-coldline", "gcs-archive", "azure-hot", "azure-cool", "azure-cold", "azure-archive",
		"azure-archive-high-priority", "backblaze-b2", "wasabi", "cloudflare-r2", "cloudflare-r2-infrequent-access",
		"local-disk", "home-nas", "lto-tape", "onprem-tape-library"} {
		if !seen[want] {
			t.Errorf("catalog lacks %s", want)
		}
	}
}

// Every Azure preset is priced for one region, archive included.
func TestOneAzureRegion(t *testing.T) {
	var regions []string
	for _, e := range All() {
		if e.Provider == "azure" && !slices.Contains(regions, e.Region) {
			regions = append(regions, e.Region)
		}
	}
	if len(regions) != 1 {
		t.Errorf("Azure presets use regions %v, want one", regions)
	}
}

// The figures this catalog corrected, checked against what their sources say.
func TestCorrectedFigures(t *testing.T) {
	perGiB := func(name string) float64 {
		e, _ := Lookup(name)
		m, _ := units.ParseMoney(e.Price)
		return m.Amount
	}
	for _, tc := range []struct {
		name string
		got  float64
		want float64
	}{
		{"wasabi: $7.99 per TB of 2^40 bytes", perGiB("wasabi"), 7.99 / 1024},
		{"backblaze-b2: $6.95 per TB", perGiB("backblaze-b2"), 6.95 / 1024},
		{"azure-archive in East US 2", perGiB("azure-archive"), 0.002},
		{"azure-hot in East US 2", perGiB("azure-hot"), 0.0184},
	} {
		if d := tc.got - tc.want; d > 1e-12 || d < -1e-12 {
			t.Errorf("%s: %v per GiB-month, want %v", tc.name, tc.got, tc.want)
		}
	}
	if w, _ := Lookup("wasabi"); w.MinSize != "1TiB" || w.AsOf != "2026-07-01" || w.FreeEgress != 1 {
		t.Errorf("wasabi: minimum %s from %s, free egress %vx; want 1TiB from 2026-07-01, 1x", w.MinSize, w.AsOf, w.FreeEgress)
	}
	if b, _ := Lookup("backblaze-b2"); b.FreeEgress != 3 || b.Egress != "$0.01/GiB" {
		t.Errorf("backblaze-b2: free egress %vx then %s; want 3x then $0.01/GiB", b.FreeEgress, b.Egress)
	}
}
