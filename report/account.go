package report

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/costdial/costdial/model/catalog"
	"github.com/costdial/costdial/model/cost"
	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/model/sweep"
	"github.com/costdial/costdial/model/units"
)

// Account is one account of a run, laid out as a document: a title, a
// verdict, sections of paragraphs, tables and charts, and a footer. The
// HTML and Markdown renderings show the same account.
type Account struct {
	Title    string
	Subtitle string
	Verdict  []string // two sentences
	Sections []Section
	Footer   []string // what reproduces the report
}

// Section is one part of the account.
type Section struct {
	ID     string // anchor, e.g. "money"
	Title  string
	Blocks []Block
}

// Block is one paragraph, list, table or chart; exactly one field is set.
type Block struct {
	Text  string
	List  []string
	Table *Table
	Chart *Chart
}

// Table is a table of text cells.
type Table struct {
	Caption string
	Head    []string
	Rows    [][]string
	Numeric []bool // columns aligned right
	Strong  []bool // rows to emphasise (totals, the recommended design)
}

// Meta is what the footer says about how the report was made.
type Meta struct {
	Version string // costdial's version
	Digest  string // e.g. "sha256:…" of the scenario file's bytes
	Command string // the exact command line
}

// Build makes the account of the scenario s, its run r and, when the
// scenario has a dial, its sweep sw (nil otherwise).
func Build(s *scenario.Scenario, r *engine.Result, sw *sweep.Sweep, meta Meta) (*Account, error) {
	a := &Account{
		Title:    s.Name + ": backup and recovery report",
		Subtitle: strings.TrimSpace(s.Description),
	}
	a.Verdict = verdict(s, r)
	a.Sections = append(a.Sections, designSection(s), moneySection(s, r), riskSection(s, r))
	if sw != nil {
		d, err := dialSection(s, sw)
		if err != nil {
			return nil, err
		}
		a.Sections = append(a.Sections, d)
	}
	a.Sections = append(a.Sections, assumptionsSection(s, r))
	a.Footer = []string{
		"costdial " + meta.Version,
		"scenario " + meta.Digest,
		"command: " + meta.Command,
	}
	return a, nil
}

// oneIn prints a yearly rate as "1 in N years".
// (as the text report of run does).
// A rate of once a year or more is printed as a rate.
func oneIn(perYear float64) string {
	if perYear >= 0.5 {
		return fmt.Sprintf("%.3g times a year", perYear)
	}
	return "1 in " + Group(math.Round(1/perYear)) + " years"
}

// atPct says what an incident at the percentile costs against its target:
// "23.9h against 24h", or "a total loss against 1h".
func atPct(h, target float64) string {
	if math.IsInf(h, 1) {
		return "a total loss (target " + Hours(target) + ")"
	}
	return Hours(h) + " against " + Hours(target)
}

// price prints a money field of the scenario: "$400/h", "$250,000".
func price(cur string, m units.Money) string {
	return Money(cur, m.Amount) + m.Per.String()
}

func verdict(s *scenario.Scenario, r *engine.Result) []string {
	cur := r.Currency
	t := r.Targets
	pct := Percentile(t.Percentile)
	var first string
	targets := fmt.Sprintf("at most %s of data lost (RPO) and %s down (RTO) in %g%% of incidents", Hours(t.RPOHours), Hours(t.RTOHours), t.Percentile)
	switch {
	case t.Pass:
		first = fmt.Sprintf("This design costs %s a month to run and meets its targets: %s.", Money(cur, r.Cost.Monthly), targets)
	case t.RPOPass && t.RTOPass:
		first = fmt.Sprintf("This design costs %s a month to run and misses its targets taken together: each is met alone, but only %s of incidents meet both (%g%% needed).",
			Money(cur, r.Cost.Monthly), Pct(t.Met), t.Percentile)
	default:
		var missed []string
		if !t.RPOPass {
			missed = append(missed, fmt.Sprintf("data lost at %s is %s", pct, atPct(t.RPOAt, t.RPOHours)))
		}
		if !t.RTOPass {
			missed = append(missed, fmt.Sprintf("downtime at %s is %s", pct, atPct(t.RTOAt, t.RTOHours)))
		}
		which := "its RPO target"
		switch {
		case !t.RPOPass && !t.RTOPass:
			which = "both its targets"
		case !t.RTOPass:
			which = "its RTO target"
		}
		first = fmt.Sprintf("This design costs %s a month to run and misses %s: %s.", Money(cur, r.Cost.Monthly), which, strings.Join(missed, "; "))
	}
	years := float64(r.Trials) * r.Years
	var second string
	if r.TotalLoss.Count > 0 {
		second = fmt.Sprintf("Its risk of losing everything is %s (%s total losses in %s simulated years); with the expected cost of its incidents it costs %s a month.",
			oneIn(r.TotalLoss.PerYear), Group(float64(r.TotalLoss.Count)), Group(years), Money(cur, r.Cost.Total))
	} else {
		bound := "no bound"
		if r.TotalLoss.CI95[1] > 0 {
			bound = "rarer than " + oneIn(r.TotalLoss.CI95[1]) + " at 95% confidence"
		}
		second = fmt.Sprintf("It never lost everything in %s simulated years (%s); with the expected cost of its incidents it costs %s a month.",
			Group(years), bound, Money(cur, r.Cost.Total))
	}
	return []string{first, second}
}

// domainChain names a domain and those that contain it: "vps in dc-a in
// eu-central".
func domainChain(s *scenario.Scenario, name string) []string {
	var chain []string
	seen := map[string]bool{}
	for name != "" && !seen[name] {
		seen[name] = true
		chain = append(chain, name)
		next := ""
		for _, d := range s.Domains {
			if d.Name == name {
				next = d.In
			}
		}
		name = next
	}
	return chain
}

// Standing321 is how a design stands against the 3-2-1 rule: three
// copies, on two kinds of storage, one off site.
type Standing321 struct {
	Copies  []string // the primary and every store a job writes to
	Media   []string // distinct kinds of storage among them
	OffSite []string // copies outside every failure domain of the primary
	Out     []string // copies ransomware cannot reach (immutable or offline)
}

// Met reports whether the rule is met.
func (st Standing321) Met() bool {
	return len(st.Copies) >= 3 && len(st.Media) >= 2 && len(st.OffSite) >= 1
}

// Rule321 measures the design against the 3-2-1 rule. A store's kind of
// storage is its tier, or, without one, the store itself (the primary's
// disk, a NAS); a copy is off site when its failure domain shares no
// enclosing domain with the primary's.
func Rule321(s *scenario.Scenario) Standing321 {
	var st Standing321
	var primary scenario.Store
	for _, x := range s.Stores {
		if x.Primary {
			primary = x
		}
	}
	targets := map[string]bool{primary.Name: true}
	for _, b := range s.Backups {
		targets[b.To] = true
	}
	pd := domainChain(s, primary.Domain)
	media := map[string]bool{}
	for _, x := range s.Stores {
		if !targets[x.Name] {
			continue
		}
		st.Copies = append(st.Copies, x.Name)
		m := x.Tier
		if m == "" {
			m = x.Name
		}
		if !media[m] {
			media[m] = true
			st.Media = append(st.Media, m)
		}
		if x.Primary {
			continue
		}
		if x.Domain != "" && primary.Domain != "" {
			shared := false
			for _, d := range domainChain(s, x.Domain) {
				shared = shared || slices.Contains(pd, d)
			}
			if !shared {
				st.OffSite = append(st.OffSite, x.Name)
			}
		}
		if x.Immutable || x.Offline {
			st.Out = append(st.Out, x.Name)
		}
	}
	return st
}

func yesNo(b bool, yes string) string {
	if b {
		return yes
	}
	return ""
}

func designSection(s *scenario.Scenario) Section {
	sec := Section{ID: "design", Title: "What the design is"}
	stores := &Table{Caption: "Stores", Head: []string{"store", "role", "failure domain", "tier", "protection"}}
	for _, st := range s.Stores {
		role := "backup target"
		if st.Primary {
			role = "primary (live data)"
		}
		if st.Standby {
			role += ", standby"
		}
		tier := st.Tier
		if tier == "" {
			tier = "(none: figures from the scenario)"
		}
		var prot []string
		for _, p := range []string{yesNo(st.Immutable, "locked (immutable)"), yesNo(st.Offline, "offline")} {
			if p != "" {
				prot = append(prot, p)
			}
		}
		domain := strings.Join(domainChain(s, st.Domain), " in ")
		if domain == "" {
			domain = "(none)"
		}
		stores.Rows = append(stores.Rows, []string{st.Name, role, domain, tier, strings.Join(prot, ", ")})
	}
	jobs := &Table{Caption: "Backup jobs", Head: []string{"job", "from", "to", "kind", "every", "keeps", "restore test"}}
	for _, b := range s.Backups {
		test := "never"
		if b.RestoreTest.Hours() > 0 {
			test = "every " + Hours(b.RestoreTest.Hours())
		}
		every := Hours(b.Every.Hours())
		if b.Kind == scenario.Replica {
			every = "continuous"
		}
		jobs.Rows = append(jobs.Rows, []string{b.Name, b.From, b.To, b.Kind, every, Hours(b.Retention.Hours()), test})
	}
	var domains []string
	for _, d := range s.Domains {
		domains = append(domains, strings.Join(domainChain(s, d.Name), " in "))
	}
	failures := &Table{Caption: "What can go wrong", Head: []string{"failure", "kind", "hits", "how often"}}
	for _, f := range s.Failures {
		failures.Rows = append(failures.Rows, []string{f.Name, f.Kind, f.Hits, Rate(f.Rate.PerYear())})
	}
	st := Rule321(s)
	rule := fmt.Sprintf("3-2-1 rule (three copies, two kinds of storage, one off site): %d copies (%s), %d kinds of storage (%s), %d off site (%s): ",
		len(st.Copies), strings.Join(st.Copies, ", "), len(st.Media), strings.Join(st.Media, ", "), len(st.OffSite), orNone(st.OffSite))
	if st.Met() {
		rule += "met."
	} else {
		rule += "not met."
	}
	if len(st.Out) > 0 {
		rule += fmt.Sprintf(" Out of ransomware's reach (locked or offline): %s.", strings.Join(st.Out, ", "))
	} else {
		rule += " No copy is out of ransomware's reach (none is locked or offline)."
	}
	sec.Blocks = []Block{
		{Table: stores}, {Table: jobs},
		{Text: "Failure domains (a failure that hits a domain hits everything in it): " + strings.Join(domains, "; ") + "."},
		{Table: failures},
		{Text: rule},
	}
	return sec
}

func orNone(v []string) string {
	if len(v) == 0 {
		return "none"
	}
	return strings.Join(v, ", ")
}

func moneySection(s *scenario.Scenario, r *engine.Result) Section {
	cur := r.Currency
	c := r.Cost
	sec := Section{ID: "money", Title: "The money"}
	run := &Table{Caption: "Cost to run, a month", Head: []string{"store / job", "GiB held", "GiB billed", "storage", "transfer", "fixed", "restore tests", "restores", "total"},
		Numeric: []bool{false, true, true, true, true, true, true, true, true}}
	for _, st := range s.Stores {
		sc, ok := c.Stores[st.Name]
		if !ok {
			continue
		}
		run.Rows = append(run.Rows, []string{st.Name, GiB(sc.GiB), GiB(sc.BilledGiB), Money(cur, sc.Storage), Money(cur, sc.Transfer), Money(cur, sc.Fixed), Money(cur, sc.Tests), Money(cur, sc.Restores), Money(cur, storeTotal(sc))})
		run.Strong = append(run.Strong, false)
		for _, b := range s.Backups {
			if j, ok := c.Jobs[b.Name]; ok && b.To == st.Name {
				run.Rows = append(run.Rows, []string{"  job " + b.Name, GiB(j.GiB), GiB(j.BilledGiB), Money(cur, j.Storage), Money(cur, j.Transfer), "", "", "", ""})
				run.Strong = append(run.Strong, false)
			}
		}
	}
	run.Rows = append(run.Rows, []string{"total", "", "", Money(cur, c.Storage), Money(cur, c.Transfer), Money(cur, c.Fixed), Money(cur, c.RestoreTests), Money(cur, c.Restores), Money(cur, c.Monthly)})
	run.Strong = append(run.Strong, true)

	sv := s.Service
	loss := &Table{Caption: "Expected loss, a month", Head: []string{"cause", "what the run measured", "priced at", "a month"}, Numeric: []bool{false, false, false, true}}
	loss.Rows = [][]string{
		{"downtime", Hours(r.Downtime.Mean) + " down a year", price(cur, sv.DowntimeCost), Money(cur, c.PenaltyDowntime)},
		{"lost writes", Hours(r.DataLoss.Mean) + " of writes lost a year", price(cur, sv.DataLossCost), Money(cur, c.PenaltyDataLoss)},
		{"total loss", totalLossRate(r), price(cur, sv.TotalLossCost), Money(cur, c.PenaltyTotalLoss)},
		{"total", "", "", Money(cur, c.Penalty)},
	}
	loss.Strong = []bool{false, false, false, true}
	sec.Blocks = []Block{
		{Table: run},
		{Table: loss},
		{Text: fmt.Sprintf("Cost with risk: %s to run plus %s of expected loss is %s a month.", Money(cur, c.Monthly), Money(cur, c.Penalty), Money(cur, c.Total))},
	}
	return sec
}

// storeTotal is what one store costs to run a month: every column of the
// cost table.
func storeTotal(sc cost.Store) float64 {
	return sc.Storage + sc.Transfer + sc.Fixed + sc.Tests + sc.Restores
}

func totalLossRate(r *engine.Result) string {
	if r.TotalLoss.Count == 0 {
		return "none in " + Group(float64(r.Trials)*r.Years) + " years"
	}
	return oneIn(r.TotalLoss.PerYear)
}

// failureLoss is the expected loss a month one failure causes: all its
// downtime (rebuilds after its total losses included), the writes its
// restored incidents lost and those its rollbacks discarded, and its total
// losses at the total-loss cost. Summed over failures it is the penalty.
func failureLoss(s *scenario.Scenario, f engine.Failure) float64 {
	sv := s.Service
	restored := f.IncidentsPerYear - f.TotalLossPerYear
	lost := restored*f.RPO.Mean + f.DiscardedPerYear
	return (f.DowntimePerYear*sv.DowntimeCost.Amount + lost*sv.DataLossCost.Amount + f.TotalLossPerYear*sv.TotalLossCost.Amount) / 12
}

func riskSection(s *scenario.Scenario, r *engine.Result) Section {
	cur := r.Currency
	t := r.Targets
	pct := Percentile(t.Percentile)
	sec := Section{ID: "risk", Title: "What drives the risk"}
	head := &Table{Caption: "Per incident and per year (total losses counted as the worst outcome)", Head: []string{"", "figure"}}
	head.Rows = [][]string{
		{"incidents", Rate(r.IncidentsPerYear)},
		{"data lost (RPO)", fmt.Sprintf("%s at %s (target %s); half of incidents lose at most %s", Hours(t.RPOAt), pct, Hours(t.RPOHours), Hours(r.RPOWithLosses(0.5)))},
		{"downtime (RTO)", fmt.Sprintf("%s at %s (target %s); half of incidents are back within %s", Hours(t.RTOAt), pct, Hours(t.RTOHours), Hours(r.RTOWithLosses(0.5)))},
		{"within the RPO target", Pct(t.RPOMet) + " of incidents"},
		{"within the RTO target", Pct(t.RTOMet) + " of incidents"},
		{"within both", fmt.Sprintf("%s of incidents (%g%% needed): %s", Pct(t.Met), t.Percentile, map[bool]string{true: "met", false: "missed"}[t.Pass])},
		{"down a year", fmt.Sprintf("%s, availability %s", Hours(r.Downtime.Mean), Pct(r.Availability))},
		{"losing everything", totalLossRate(r)},
	}
	type row struct {
		name string
		f    engine.Failure
		loss float64
	}
	var rows []row
	for _, name := range r.FailureOrder {
		f := r.Failures[name]
		rows = append(rows, row{name, f, failureLoss(s, f)})
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].loss > rows[j].loss })
	sum := 0.0
	for _, x := range rows {
		sum += x.loss
	}
	by := &Table{Caption: "Failures by the expected loss they cause", Head: []string{"failure", "kind", "incidents a year", "of them total losses", "data lost, mean", "downtime, mean", "expected loss a month", "share"},
		Numeric: []bool{false, false, true, true, true, true, true, true}}
	for _, x := range rows {
		share := 0.0
		if sum > 0 {
			share = x.loss / sum
		}
		tl := "none"
		if x.f.TotalLossPerYear > 0 {
			tl = Pct(x.f.TotalLossShare)
		}
		rpo, rto := "-", "-"
		if x.f.RPO.Count > 0 {
			rpo, rto = Hours(x.f.RPO.Mean), Hours(x.f.RTO.Mean)
		}
		by.Rows = append(by.Rows, []string{x.name, x.f.Kind, fmt.Sprintf("%.3g", x.f.IncidentsPerYear), tl, rpo, rto, Money(cur, x.loss), Pct(share)})
	}
	sec.Blocks = []Block{{Table: head}, {Table: by}}
	if len(rows) > 0 && sum > 0 {
		sec.Blocks = append(sec.Blocks, Block{Text: fmt.Sprintf("%s causes %s of the expected loss. A failure's expected loss counts all its downtime (rebuilding after its total losses too), the writes its restored incidents lost and those its rollbacks discarded, and its total losses at %s each, so the rows add up to the expected loss above; the means shown are of its restored incidents (\"-\": none was restored).",
			rows[0].name, Pct(rows[0].loss/sum), price(cur, s.Service.TotalLossCost))})
	}
	if ms := r.Misses(); len(ms) > 0 {
		years := float64(r.Trials) * r.Years
		tb := &Table{Caption: fmt.Sprintf("What makes the targets miss: incidents outside them (%s %s, %s %s), by failure", "RPO", Hours(t.RPOHours), "RTO", Hours(t.RTOHours)),
			Head:    []string{"failure", "outside the targets a year", "beyond the RPO", "beyond the RTO", "total losses", "share of all incidents", "fixing it alone is enough"},
			Numeric: []bool{false, true, true, true, true, true, false}}
		for _, m := range ms {
			tb.Rows = append(tb.Rows, []string{m.Failure, fmt.Sprintf("%.3g", float64(m.Missed)/years), fmt.Sprintf("%.3g", float64(m.RPO)/years),
				fmt.Sprintf("%.3g", float64(m.RTO)/years), fmt.Sprintf("%.3g", float64(m.TotalLosses)/years), Pct(m.Share), map[bool]string{true: "yes", false: "no"}[m.Enough]})
		}
		sec.Blocks = append(sec.Blocks, Block{Table: tb}, Block{Text: fmt.Sprintf("The targets need %g%% of incidents within both; %s are. A failure's share of all incidents is how much of that percentile it takes.", t.Percentile, Pct(t.Met))})
	}
	return sec
}

func dialSection(s *scenario.Scenario, sw *sweep.Sweep) (Section, error) {
	cur := s.Currency()
	sec := Section{ID: "dial", Title: "Turning the cost dial"}
	turning := sweep.Turning(sw.Axes)
	var names []string
	for _, i := range turning {
		a := sw.Axes[i]
		name := DialName(a.Set)
		if name != a.Set {
			name += " (" + a.Set + ")"
		}
		names = append(names, fmt.Sprintf("%s: %s", name, strings.Join(a.Values, ", ")))
	}
	r0 := sw.Points[0].Result
	t := r0.Targets
	pct := Percentile(t.Percentile)
	sec.Blocks = append(sec.Blocks, Block{Text: fmt.Sprintf("The dial turns %s. That is %d designs, each run with the same %d trials and seed %d, so they differ by their design and not by chance.",
		strings.Join(names, " and "), len(sw.Points), r0.Trials, r0.Seed)})
	tb := &Table{Caption: "Every design of the dial"}
	tb.Head = []string{"#"}
	for _, i := range turning {
		tb.Head = append(tb.Head, sweep.ShortName(sw.Axes[i].Set))
	}
	tb.Head = append(tb.Head, "cost to run", "RPO "+pct, "RTO "+pct, "cost with risk", "targets")
	tb.Numeric = make([]bool, len(tb.Head))
	for i := len(turning) + 1; i < len(tb.Head)-1; i++ {
		tb.Numeric[i] = true
	}
	chosen, _ := pick(sw)
	least := sw.LeastTotal()
	for i, p := range sw.Points {
		row := []string{fmt.Sprint(p.Design)}
		for _, k := range turning {
			row = append(row, p.Values()[k])
		}
		tt := p.Result.Targets
		mark := "met"
		switch {
		case !tt.RPOPass && !tt.RTOPass:
			mark = "misses both"
		case !tt.RPOPass:
			mark = "misses RPO"
		case !tt.RTOPass:
			mark = "misses RTO"
		case !tt.Pass:
			mark = "misses both together"
		}
		row = append(row, Money(cur, p.Result.Cost.Monthly), fmtOpt(p.RPOAtTarget), fmtOpt(p.RTOAtTarget), Money(cur, p.Result.Cost.Total), mark)
		tb.Rows = append(tb.Rows, row)
		tb.Strong = append(tb.Strong, i == chosen || i == least)
	}
	sec.Blocks = append(sec.Blocks, Block{Table: tb})
	var rec []string
	if sw.Cheapest != nil {
		c := sw.Points[*sw.Cheapest]
		rec = append(rec, fmt.Sprintf("Cheapest design meeting the targets: #%d, %s, at %s a month to run (%s with its risk).",
			c.Design, c.Label(sw.Axes), Money(cur, c.Result.Cost.Monthly), Money(cur, c.Result.Cost.Total)))
	} else {
		c := sw.Points[sw.Closest()]
		rec = append(rec, fmt.Sprintf("No design meets the targets. The closest is #%d, %s, at %s a month to run, with %s of incidents within both targets (%g%% needed).",
			c.Design, c.Label(sw.Axes), Money(cur, c.Result.Cost.Monthly), Pct(c.Result.Targets.Met), c.Result.Targets.Percentile))
	}
	l := sw.Points[least]
	rec = append(rec, fmt.Sprintf("Least cost including risk: #%d, %s, %s a month to run plus %s of expected loss, %s in all.",
		l.Design, l.Label(sw.Axes), Money(cur, l.Result.Cost.Monthly), Money(cur, l.Result.Cost.Penalty), Money(cur, l.Result.Cost.Total)))
	if to := sw.TradeOff; to != nil {
		from, dest := sw.Points[to.From-1].Result.Cost, l.Result.Cost
		more := AsShown(dest.Monthly) - AsShown(from.Monthly)
		saved := AsShown(from.Penalty) - AsShown(dest.Penalty)
		verb := "spend " + Money(cur, more) + " more"
		if more < 0 {
			verb = "spend " + Money(cur, -more) + " less"
		}
		avoid := "avoid " + Money(cur, saved) + " of expected loss"
		if saved < 0 {
			avoid = "carry " + Money(cur, -saved) + " more expected loss"
		}
		rec = append(rec, fmt.Sprintf("The trade-off: moving from #%d to #%d, %s a month to run and %s a month.", to.From, to.To, verb, avoid))
		if !l.MeetsTargets {
			rec = append(rec, fmt.Sprintf("#%d does not meet the targets: it buys less expected loss, not the percentile the targets ask for.", to.To))
		}
	} else if sw.Cheapest != nil {
		rec = append(rec, "The trade-off: none. The cheapest design meeting the targets is also the one with the least cost including risk.")
	}
	sec.Blocks = append(sec.Blocks, Block{List: rec})
	charts, err := SweepCharts(s, sw)
	if err != nil {
		return sec, err
	}
	for i := range charts {
		sec.Blocks = append(sec.Blocks, Block{Chart: &charts[i]})
	}
	return sec, nil
}

func assumptionsSection(s *scenario.Scenario, r *engine.Result) Section {
	sec := Section{ID: "assumptions", Title: "Assumptions"}
	cat := &Table{Caption: "Figures from the storage catalog (a store's own figures replace them)", Head: []string{"store", "tier", "figures", "date", "source"}}
	for _, st := range s.Stores {
		e, ok := catalog.Lookup(st.Tier)
		if !ok {
			continue
		}
		type row struct{ figs, date, src string }
		var rows []*row
		bySrc := map[string]*row{}
		for _, key := range s.FromTier(st.Name) {
			v := scenario.TierFigure(e, key)
			if v == "" || key == "provider" || key == "offline" || (key == "free_egress" && v == "0") || (key == "inter_region" && e.Provider == "") {
				continue // not a figure: what the preset is, or nothing
			}
			sources, date := e.Sources, e.AsOf
			if key == "inter_region" {
				p, _ := catalog.LookupProvider(e.Provider)
				sources, date = p.Sources, p.AsOf
			}
			var texts []string
			for _, so := range sources {
				if key != "inter_region" && !slices.Contains(so.Figures, key) {
					continue
				}
				if key == "inter_region" && !slices.Contains(so.Figures, key) && len(so.Figures) > 0 {
					continue
				}
				text := so.Says
				if so.URL != "" {
					text += ", " + so.URL
				}
				switch {
				case so.Assumption:
					text = "ASSUMPTION: " + text
				case so.Unverified:
					text = "UNVERIFIED: " + text
				}
				texts = append(texts, text)
				if so.Date != "" {
					date = so.Date
				}
			}
			src := strings.Join(texts, "; ")
			if src == "" {
				src = "no source given"
			}
			r, ok := bySrc[src+date]
			if !ok {
				r = &row{date: date, src: src}
				bySrc[src+date] = r
				rows = append(rows, r)
			} else {
				r.figs += ", "
			}
			r.figs += key + " " + v
		}
		for _, r := range rows {
			cat.Rows = append(cat.Rows, []string{st.Name, e.Name, r.figs, r.date, r.src})
		}
	}
	if len(cat.Rows) > 0 {
		sec.Blocks = append(sec.Blocks, Block{Table: cat})
	} else {
		sec.Blocks = append(sec.Blocks, Block{Text: "No store uses a catalog tier: every price and speed is the scenario's own."})
	}
	sv := s.Service
	pen := &Table{Caption: "Penalties, what the money figures of risk rest on", Head: []string{"field", "value", "given in the scenario"}}
	for _, p := range []struct{ path, v string }{
		{"service.downtime_cost", price(s.Currency(), sv.DowntimeCost)},
		{"service.data_loss_cost", price(s.Currency(), sv.DataLossCost)},
		{"service.total_loss_cost", price(s.Currency(), sv.TotalLossCost)},
	} {
		given := "yes"
		if !s.IsSet(p.path) {
			given = "no: the default"
		}
		pen.Rows = append(pen.Rows, []string{p.path, p.v, given})
	}
	sec.Blocks = append(sec.Blocks, Block{Table: pen})
	sec.Blocks = append(sec.Blocks, Block{Text: fmt.Sprintf("Simulation: %s trials of %g year(s) each, seed %d. The same seed and trial count give the same report on any machine.",
		Group(float64(r.Trials)), r.Years, r.Seed)})
	var defs []string
	for _, f := range s.Defaulted() {
		defs = append(defs, f.Path+" = "+f.Value)
	}
	if len(defs) > 0 {
		sec.Blocks = append(sec.Blocks, Block{Text: fmt.Sprintf("Fields left at their default (%d; see docs/scenario.md):", len(defs))}, Block{List: defs})
	}
	return sec
}
