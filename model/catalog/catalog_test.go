package catalog

import (
	"strings"
	"testing"

	"github.com/costdial/costdial/model/units"
)

// Every preset parses with the scenario's own parsers, carries sources and a
// date, and the catalog has the tiers the project promises.
func TestCatalog(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range All() {
		if seen[e.Name] {
			t.Errorf("%s listed twice", e.Name)
		}
		seen[e.Name] = true
		for what, s := range map[string]string{"price": e.Price, "egress": e.Egress, "retrieval fee": e.RetrievalFee, "monthly": e.Monthly} {
			if _, err := units.ParseMoney(s); err != nil {
				t.Errorf("%s %s: %v", e.Name, what, err)
			}
		}
		if _, err := units.ParseDist(e.Retrieval); err != nil {
			t.Errorf("%s retrieval: %v", e.Name, err)
		}
		if r, err := units.ParseThroughput(e.Restore); err != nil || r <= 0 {
			t.Errorf("%s restore %q: %v", e.Name, e.Restore, err)
		}
		if len(e.Sources) == 0 || len(e.Date) != len("2006-01-02") || e.Description == "" {
			t.Errorf("%s: every preset needs a description, sources and a date", e.Name)
		}
		for _, s := range e.Sources {
			if !strings.Contains(s, "http") && !strings.Contains(s, "not sourced") && !strings.Contains(s, "specification") {
				t.Errorf("%s: source %q names no address", e.Name, s)
			}
		}
	}
	for _, want := range []string{"s3-standard", "s3-standard-ia", "s3-one-zone-ia", "s3-glacier-instant-retrieval",
		"s3-glacier-flexible-retrieval", "s3-glacier-deep-archive", "gcs-standard", "gcs-nearline", "gcs-coldline",
		"gcs-archive", "azure-hot", "azure-cool", "azure-cold", "azure-archive", "backblaze-b2", "wasabi",
		"cloudflare-r2", "local-disk", "home-nas", "lto-tape"} {
		if !seen[want] {
			t.Errorf("catalog lacks %s", want)
		}
	}
}
