package scenario

import (
	"math"
	"strings"
	"testing"
)

const moneyBase = `
version: 1
name: money
service:
  data: 100GiB
  downtime_cost: %s400/h
stores:
  - {name: live, primary: true}
  - {name: bucket, tier: s3-standard}
backups:
  - {name: j, to: bucket}
failures:
  - {name: disk, rate: 1/y}
`

func moneyScenario(cur string) string { return strings.Replace(moneyBase, "%s", cur, 1) }

// A scenario in € that takes catalog prices is refused without a rate and
// converted with one; a rate in a dollar scenario is refused.
func TestCurrency(t *testing.T) {
	_, err := Load("eur.yaml", []byte(moneyScenario("€")), nil)
	if err == nil || !strings.Contains(err.Error(), "stores.bucket: takes price, egress, retrieval_fee, inter_region, monthly from the catalog's tier \"s3-standard\", in US dollars, but this scenario's money is in €: give service.exchange_rate") {
		t.Errorf("a € scenario with catalog prices and no rate: %v", err)
	}
	s, err := Load("eur.yaml", []byte(moneyScenario("€")), []string{"service.exchange_rate=0.9"})
	if err != nil {
		t.Fatal(err)
	}
	st := s.Stores[1]
	if math.Abs(st.Price.Amount-0.023*0.9) > 1e-12 || st.Price.Currency != "€" || math.Abs(st.Egress.Amount-0.09*0.9) > 1e-12 {
		t.Errorf("converted at 0.9: price %v, egress %v; want €0.0207/GiB-month, €0.081/GiB", st.Price, st.Egress)
	}
	if s.Backups[0].Transfer.Amount != 0 || s.Currency() != "€" {
		t.Errorf("transfer %v (want 0 from an on-premises primary), currency %s", s.Backups[0].Transfer, s.Currency())
	}
	// a price written in the file is not converted
	s, err = Load("eur.yaml", []byte(moneyScenario("€")), []string{"service.exchange_rate=0.9", "stores.bucket.price=€0.02/GiB-month"})
	if err != nil || s.Stores[1].Price.Amount != 0.02 {
		t.Errorf("a written price changed: %v %v", s.Stores[1].Price, err)
	}
	// every catalog price replaced: no rate needed
	if _, err := Load("eur.yaml", []byte(moneyScenario("€")), []string{"stores.bucket.price=€0.02/GiB-month", "stores.bucket.egress=€0.08/GiB",
		"stores.bucket.retrieval_fee=€0/GiB", "stores.bucket.inter_region=€0.02/GiB", "stores.bucket.monthly=€0/month"}); err != nil {
		t.Errorf("a € scenario that sets every price: %v", err)
	}
	_, err = Load("usd.yaml", []byte(moneyScenario("$")), []string{"service.exchange_rate=0.9"})
	if err == nil || !strings.Contains(err.Error(), "service.exchange_rate: converts the catalog's US-dollar prices") {
		t.Errorf("a rate in a $ scenario: %v", err)
	}
	_, err = Load("eur.yaml", []byte(moneyScenario("€")), []string{"service.exchange_rate=-1"})
	if err == nil || !strings.Contains(err.Error(), "must be above zero") {
		t.Errorf("a negative rate: %v", err)
	}
}

// The transfer price of a job follows the two stores' providers and regions.
func TestTransferPrice(t *testing.T) {
	const base = `
version: 1
name: transfer
service: {data: 100GiB}
stores:
  - {name: live, primary: true, provider: aws, region: us-east-1}
  - {name: same, tier: s3-standard}
  - {name: west, tier: s3-standard, region: us-west-2}
  - {name: gcs, tier: gcs-standard}
  - {name: home}
backups:
  - {name: to-same, to: same}
  - {name: to-west, to: west}
  - {name: to-gcs, to: gcs}
  - {name: west-home, from: west, to: home}
  - {name: gcs-west, from: gcs, to: west, transfer: $0.05/GiB}
failures:
  - {name: disk, rate: 1/y}
`
	s, err := Load("t.yaml", []byte(base), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{
		"to-same":   0,    // one region of one provider
		"to-west":   0.02, // AWS between regions, from the primary's provider
		"to-gcs":    0.09, // AWS to the internet
		"west-home": 0.09, // S3 egress to a store on premises
		"gcs-west":  0.05, // written in the file
	}
	for _, b := range s.Backups {
		if math.Abs(b.Transfer.Amount-want[b.Name]) > 1e-12 {
			t.Errorf("%s: transfer %v, want $%v/GiB", b.Name, b.Transfer, want[b.Name])
		}
	}
	if p := s.TransferPrice("west", "live"); p.Amount != 0.02 {
		t.Errorf("a restore from us-west-2 to us-east-1 pays %v, want $0.02/GiB", p)
	}
	if p := s.TransferPrice("same", "live"); p.Amount != 0 {
		t.Errorf("a restore within us-east-1 pays %v, want nothing", p)
	}
}
