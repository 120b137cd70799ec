package scenario

import "github.com/costdial/costdial/model/units"

// Scenario is one service, its copies, the failures that threaten it and the
// runbook that recovers it. Field names and YAML keys are a public contract.
type Scenario struct {
	Version     int       `yaml:"version"`
	Name        string    `yaml:"name"`
	Description string    `yaml:"description"`
	Simulate    Simulate  `yaml:"simulate"`
	Service     Service   `yaml:"service"`
	Domains     []Domain  `yaml:"domains"`
	Stores      []Store   `yaml:"stores"`
	Backups     []Backup  `yaml:"backups"`
	Failures    []Failure `yaml:"failures"`
	Recovery    Recovery  `yaml:"recovery"`
	Dial        []Axis    `yaml:"dial"`

	// File is the name errors are reported against.
	File string `yaml:"-"`
	// where each field path was given: a position in File, or a --set flag.
	where map[string]origin
	// problems found while decoding, reported with the validation's
	decodeErrs ErrorList
	// limits on the work the scenario may ask for (zero: DefaultLimits)
	limits Limits
	// design is set for one design of a sweep, whose dial values are
	// applied: its dial is not checked value by value again
	design bool
}

// Simulate holds the Monte Carlo settings.
type Simulate struct {
	Years  float64 `yaml:"years"`  // length of one trial
	Trials int     `yaml:"trials"` // number of trials
	Seed   uint64  `yaml:"seed"`   // seed of every random stream
}

// Service describes the live data and what its loss costs.
type Service struct {
	Data          units.Size       `yaml:"data"`
	Writes        units.Throughput `yaml:"writes"`
	DowntimeCost  units.Money      `yaml:"downtime_cost"`
	DataLossCost  units.Money      `yaml:"data_loss_cost"`
	TotalLossCost units.Money      `yaml:"total_loss_cost"`
	Targets       Targets          `yaml:"targets"`
	// ExchangeRate is units of the scenario's currency per US dollar, to
	// convert the catalog's prices (0 when not given).
	ExchangeRate float64 `yaml:"exchange_rate"`
}

// Targets are what a design must meet: an RPO and an RTO at a percentile
// of incidents, and at most TotalLoss total losses a year (0 when the
// scenario sets no total-loss target).
type Targets struct {
	RPO        units.Duration `yaml:"rpo"`
	RTO        units.Duration `yaml:"rto"`
	Percentile float64        `yaml:"percentile"`
	TotalLoss  units.Rate     `yaml:"total_loss"`
}

// FailureTargets are the RPO and RTO one failure's own incidents must
// meet at a percentile of them. A field the scenario leaves out takes the
// service's; a failure without targets has none (Percentile 0).
type FailureTargets struct {
	RPO        units.Duration `yaml:"rpo"`
	RTO        units.Duration `yaml:"rto"`
	Percentile float64        `yaml:"percentile"`
}

// Domain is a failure domain; In names the domain that contains it.
type Domain struct {
	Name string `yaml:"name"`
	In   string `yaml:"in"`
}

// Store is a place that holds data: the primary (live data) or a backup target.
type Store struct {
	Name         string           `yaml:"name"`
	Primary      bool             `yaml:"primary"`
	Domain       string           `yaml:"domain"`
	Tier         string           `yaml:"tier"`
	Provider     string           `yaml:"provider"`
	Region       string           `yaml:"region"`
	Price        units.Money      `yaml:"price"`
	Egress       units.Money      `yaml:"egress"`
	FreeEgress   float64          `yaml:"free_egress"`
	RetrievalFee units.Money      `yaml:"retrieval_fee"`
	Retrieval    units.Dist       `yaml:"retrieval"`
	Restore      units.Throughput `yaml:"restore"`
	Streams      int              `yaml:"streams"`
	InterRegion  units.Money      `yaml:"inter_region"`
	MinDays      float64          `yaml:"min_days"`
	MinSize      units.Size       `yaml:"min_size"`
	Immutable    bool             `yaml:"immutable"`
	Offline      bool             `yaml:"offline"`
	Standby      bool             `yaml:"standby"`
	Monthly      units.Money      `yaml:"monthly"`
	Enabled      bool             `yaml:"enabled"` // false switches the store and its jobs off
}

// Job kinds.
const (
	Full        = "full"
	Incremental = "incremental"
	Replica     = "replica"
	PITR        = "pitr"
)

// Backup is a job that copies data from one store to another.
type Backup struct {
	Name        string           `yaml:"name"`
	From        string           `yaml:"from"`
	To          string           `yaml:"to"`
	Kind        string           `yaml:"kind"`
	Every       units.Duration   `yaml:"every"`
	Offset      units.Duration   `yaml:"offset"`
	FullEvery   units.Duration   `yaml:"full_every"`
	Lag         units.Dist       `yaml:"lag"`
	Replay      units.Throughput `yaml:"replay"`
	Retention   units.Duration   `yaml:"retention"`
	Duration    units.Duration   `yaml:"duration"`
	Compression float64          `yaml:"compression"`
	Fail        units.Fraction   `yaml:"fail"`
	Breaks      units.Rate       `yaml:"breaks"`
	RestoreTest units.Duration   `yaml:"restore_test"`
	Fix         units.Duration   `yaml:"fix"`
	Transfer    units.Money      `yaml:"transfer"`
	Enabled     bool             `yaml:"enabled"` // false switches the job off
}

// Failure kinds.
const (
	Destroy    = "destroy"
	Logical    = "logical"
	Outage     = "outage"
	Ransomware = "ransomware"
)

// Failure is a kind of event that strikes at a Poisson rate.
type Failure struct {
	Name   string     `yaml:"name"`
	Kind   string     `yaml:"kind"`
	Rate   units.Rate `yaml:"rate"`
	Hits   string     `yaml:"hits"`
	Detect units.Dist `yaml:"detect"`
	Lasts  units.Dist `yaml:"lasts"`
	Dwell  units.Dist `yaml:"dwell"`
	Trust  string     `yaml:"trust"` // ransomware: points trusted up to the intrusion or the encryption
	// Targets its own incidents must meet, besides the service's.
	Targets FailureTargets `yaml:"targets"`
}

// HasTargets reports whether the failure has targets of its own.
func (f Failure) HasTargets() bool { return f.Targets.Percentile > 0 }

// Trust settings of a ransomware failure.
const (
	TrustIntrusion  = "intrusion"
	TrustEncryption = "encryption"
)

// Recovery is the disaster-recovery runbook; every step is a distribution.
type Recovery struct {
	Detect        units.Dist `yaml:"detect"`
	Decide        units.Dist `yaml:"decide"`
	Provision     units.Dist `yaml:"provision"`
	FailoverAfter units.Dist `yaml:"failover_after"`
	// FailoverMaxLoss is the most data a failover may lose; an outage whose
	// best copy is older is waited out. Defaults to the RPO target.
	FailoverMaxLoss units.Duration `yaml:"failover_max_loss"`
	DNS             units.Dist     `yaml:"dns"`
	Verify          units.Dist     `yaml:"verify"`
}

// Axis is one knob of the cost dial: a field path and the values it
// takes, or (Choose) named alternatives, each a set of assignments.
type Axis struct {
	Set    string   `yaml:"set"`
	Values []string `yaml:"values"`
	Choose []Choice `yaml:"choose"`
}

// Choice is one named alternative of a dial's choose: the fields it sets
// (none: the scenario as written).
type Choice struct {
	Name string      `yaml:"name" json:"name"`
	Set  Assignments `yaml:"set" json:"set"`
}

// Assignment sets one field, addressed as --set addresses it.
type Assignment struct {
	Path, Value string
}

// Assignments are field settings in the order written: written in YAML
// and JSON as a mapping of field paths to values.
type Assignments []Assignment
