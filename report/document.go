package report

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/costdial/costdial/internal/numfmt"
	"github.com/costdial/costdial/model/audit"
	"github.com/costdial/costdial/model/catalog"
	"github.com/costdial/costdial/model/cost"
	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/model/sweep"
	"github.com/costdial/costdial/model/units"
)

// Document is the report: the account of a run and, when the scenario
// has a dial, of its sweep, laid out as a document for a budget meeting: a
// title, a verdict, sections of paragraphs, tables and charts, and a
// footer. Its figures and sentences are the run's and the sweep's
// accounts' (Run, Sweep); the HTML and Markdown renderings show the same
// document.
type Document struct {
	Title    string
	Subtitle string
	Verdict  []string // two sentences
	Pass     bool     // whether the design meets its targets
	Sections []Section
	Footer   []string // what reproduces the report
}

// Section is one part of the document.
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

// Meta is what the footer says about how the report was made.
type Meta struct {
	Version string // costdial's version
	Digest  string // e.g. "sha256:…" of the scenario file's bytes
	Command string // the exact command line
}

// Build makes the report of the scenario s, its run r and, when the
// scenario has a dial, its sweep sw (nil otherwise).
func Build(s *scenario.Scenario, r *engine.Result, sw *sweep.Sweep, meta Meta) (*Document, error) {
	run := NewRun(s, r)
	d := &Document{
		Title:    s.Name + ": backup and recovery report",
		Subtitle: run.Description,
		Verdict:  run.Verdict,
		Pass:     run.Targets.Pass,
	}
	active := s.Active() // the design as it runs: every section shows it
	d.Sections = append(d.Sections, designSection(s, active), moneySection(s, active, r, run), riskSection(s, r, run))
	if sw != nil {
		sec, err := dialSection(s, sw, NewSweep(s, sw))
		if err != nil {
			return nil, err
		}
		d.Sections = append(d.Sections, sec)
	}
	d.Sections = append(d.Sections, assumptionsSection(s, active, run))
	d.Footer = []string{
		"costdial " + meta.Version,
		"scenario " + meta.Digest,
		"command: " + meta.Command,
	}
	return d, nil
}

// Charts lists the document's charts, in order, each named with prefix
// before its name: the files a Markdown rendering links to.
func (d *Document) Charts(prefix string) []Chart {
	var charts []Chart
	for _, sec := range d.Sections {
		for _, b := range sec.Blocks {
			if b.Chart != nil {
				c := *b.Chart
				c.Name = prefix + c.Name
				charts = append(charts, c)
			}
		}
	}
	return charts
}

// price prints a money field of the scenario: "$400/h", "$250,000".
func price(cur string, m units.Money) string {
	return numfmt.Money(cur, m.Amount) + m.Per.String()
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

// designSection describes the design as it runs (a, from Scenario.Active): the
// stores and jobs switched off are named once, and are in no table, copy
// count or figure.
func designSection(s, a *scenario.Scenario) Section {
	sec := Section{ID: "design", Title: "What the design is"}
	stores := &Table{Caption: "Stores", Head: []string{"store", "role", "failure domain", "tier", "protection"}}
	for _, st := range a.Stores {
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
		if st.Immutable {
			prot = append(prot, "locked (immutable)")
		}
		if st.Offline {
			prot = append(prot, "offline")
		}
		domain := strings.Join(domainChain(s, st.Domain), " in ")
		if domain == "" {
			domain = "(none)"
		}
		stores.add([]string{st.Name, role, domain, tier, strings.Join(prot, ", ")}, false, false, "")
	}
	jobs := &Table{Caption: "Backup jobs", Head: []string{"job", "from", "to", "kind", "every", "keeps", "restore test"}}
	for _, b := range a.Backups {
		test := "never"
		if b.RestoreTest.Hours() > 0 {
			test = "every " + numfmt.Hours(b.RestoreTest.Hours())
		}
		every := numfmt.Hours(b.Every.Hours())
		if b.Kind == scenario.Replica {
			every = "continuous"
		}
		jobs.add([]string{b.Name, b.From, b.To, b.Kind, every, numfmt.Hours(b.Retention.Hours()), test}, false, false, "")
	}
	var domains []string
	for _, d := range s.Domains {
		domains = append(domains, strings.Join(domainChain(s, d.Name), " in "))
	}
	failures := &Table{Caption: "What can go wrong", Head: []string{"failure", "kind", "hits", "how often"}}
	for _, f := range s.Failures {
		failures.add([]string{f.Name, f.Kind, f.Hits, numfmt.Often(f.Rate.PerYear())}, false, false, "")
	}
	sec.Blocks = []Block{{Table: stores}, {Table: jobs}}
	if off := s.Off(); len(off) > 0 {
		sec.Blocks = append(sec.Blocks, Block{Text: fmt.Sprintf("Switched off (enabled: false, or nothing switched on feeds it), and so in no figure of this report: %s.", strings.Join(off, ", "))})
	}
	sec.Blocks = append(sec.Blocks,
		Block{Text: "Failure domains (a failure that hits a domain hits everything in it): " + strings.Join(domains, "; ") + "."},
		Block{Table: failures},
		Block{Text: rule321(a)},
	)
	return sec
}

// rule321 states the design's standing against the 3-2-1 rule, as the
// audit measures it (audit.Rule321).
func rule321(a *scenario.Scenario) string {
	st := audit.Rule321(a)
	rule := fmt.Sprintf("3-2-1 rule (three copies, two kinds of storage, one off site): %s (%s), %s (%s), %d off site (%s): ",
		numfmt.Counted(int64(len(st.Copies)), "copy", "copies"), strings.Join(st.Copies, ", "), kinds(len(st.Media)), strings.Join(st.Media, ", "), len(st.OffSite), orNoneList(st.OffSite))
	if st.Met() {
		rule += "met."
	} else {
		rule += "not met."
	}
	if len(st.Out) > 0 {
		rule += fmt.Sprintf(" Out of ransomware's reach (locked or offline, and keeping points): %s.", strings.Join(st.Out, ", "))
	} else {
		rule += " No copy is out of ransomware's reach (none that keeps points is locked or offline)."
	}
	return rule
}

// kinds counts kinds of storage: "1 kind of storage", "3 kinds of storage".
func kinds(n int) string {
	if n == 1 {
		return "1 kind of storage"
	}
	return fmt.Sprintf("%d kinds of storage", n)
}

func orNoneList(v []string) string {
	if len(v) == 0 {
		return "none"
	}
	return strings.Join(v, ", ")
}

// moneySection is the cost to run by store and job, the expected loss by
// cause, and the run's closing sentence.
func moneySection(s, active *scenario.Scenario, r *engine.Result, run *Run) Section {
	cur := r.Currency
	c := r.Cost
	sec := Section{ID: "money", Title: "The money"}
	costs := costTable(active, cur, c, true)
	costs.Caption = "Cost to run, a month"
	sv := s.Service
	loss := &Table{Caption: "Expected loss, a month", Head: []string{"cause", "what the run measured", "priced at", "a month"}, Numeric: []bool{false, false, false, true}}
	loss.add([]string{"downtime", numfmt.Hours(r.Downtime.Mean) + " down a year", price(cur, sv.DowntimeCost), numfmt.Money(cur, c.PenaltyDowntime)}, false, false, "")
	loss.add([]string{"lost writes", numfmt.Hours(r.DataLoss.Mean) + " of writes lost a year", price(cur, sv.DataLossCost), numfmt.Money(cur, c.PenaltyDataLoss)}, false, false, "")
	loss.add([]string{"total loss", totalLossRate(r), price(cur, sv.TotalLossCost), numfmt.Money(cur, c.PenaltyTotalLoss)}, false, false, "")
	loss.add([]string{"total", "", "", numfmt.Money(cur, c.Penalty)}, true, false, "")
	sec.Blocks = []Block{{Table: &costs}, {Table: loss}, {Text: run.Closing}}
	if len(run.Advice) > 0 {
		sec.Blocks = append(sec.Blocks, Block{Text: strings.Join(run.Advice, " ")})
	}
	return sec
}

func totalLossRate(r *engine.Result) string {
	if r.TotalLoss.Count == 0 {
		return "none in " + numfmt.Group(float64(r.Trials)*r.Years) + " years"
	}
	return numfmt.Often(r.TotalLoss.PerYear)
}

// failureLoss is the expected loss a month one failure causes: all its
// downtime (rebuilds after its total losses included), the writes its
// restored incidents lost and those its rollbacks discarded, and its total
// losses, at the price of risk (cost.Price). Summed over failures it is
// the penalty.
func failureLoss(s *scenario.Scenario, f engine.Failure) float64 {
	restored := f.IncidentsPerYear - f.TotalLossPerYear
	return cost.Price(s, cost.Exposure{
		DowntimeHours: f.DowntimePerYear,
		DataLossHours: restored*f.RPO.Mean + f.DiscardedPerYear,
		TotalLosses:   f.TotalLossPerYear,
	}).Total
}

// riskSection repeats the run's figures and its targets, then splits the
// expected loss by failure.
func riskSection(s *scenario.Scenario, r *engine.Result, run *Run) Section {
	cur := r.Currency
	sec := Section{ID: "risk", Title: "What drives the risk"}
	head := &Table{Caption: "Per incident and per year (total losses counted as the worst outcome)", Head: []string{"", "figure"}}
	for _, f := range run.Summary {
		head.add([]string{f.Label, f.Value}, false, false, "")
	}
	sec.Blocks = []Block{{Table: head}}
	for _, n := range run.SummaryNotes {
		sec.Blocks = append(sec.Blocks, Block{Text: n})
	}
	tg := run.Targets
	var lines []string
	for _, f := range tg.Lines {
		lines = append(lines, f.Label+" "+f.Value)
	}
	sec.Blocks = append(sec.Blocks, Block{Text: "Targets: " + tg.Goal + "."})
	if len(lines) > 0 {
		sec.Blocks = append(sec.Blocks, Block{List: lines})
	}
	if len(tg.List.Rows) > 0 {
		list := tg.List
		list.Caption = "Every target and whether it holds"
		sec.Blocks = append(sec.Blocks, Block{Table: &list})
	}
	for _, n := range tg.Notes {
		sec.Blocks = append(sec.Blocks, Block{Text: n})
	}
	sec.Blocks = append(sec.Blocks, Block{Text: tg.Verdict})
	if len(tg.Misses.Rows) > 0 {
		misses := tg.Misses
		misses.Caption = tg.MissesIntro
		sec.Blocks = append(sec.Blocks, Block{Table: &misses})
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
			tl = numfmt.Pct(x.f.TotalLossShare)
		}
		by.add([]string{x.name, x.f.Kind, numfmt.PerYear(x.f.IncidentsPerYear), tl, meanOf(x.f.RPO), meanOf(x.f.RTO), numfmt.Money(cur, x.loss), numfmt.Pct(share)}, false, false, "")
	}
	sec.Blocks = append(sec.Blocks, Block{Table: by})
	if len(rows) > 0 && sum > 0 {
		sec.Blocks = append(sec.Blocks, Block{Text: fmt.Sprintf("%s causes %s of the expected loss. A failure's expected loss counts all its downtime (rebuilding after its total losses too), the writes its restored incidents lost and those its rollbacks discarded, and its total losses at %s each, so the rows add up to the expected loss above; the means shown are of its restored incidents (\"-\": none was restored).",
			rows[0].name, numfmt.Pct(rows[0].loss/sum), price(cur, s.Service.TotalLossCost))})
	}
	return sec
}

// dialSection is the sweep's account with its charts.
func dialSection(s *scenario.Scenario, sw *sweep.Sweep, acc *Sweep) (Section, error) {
	sec := Section{ID: "dial", Title: "Turning the cost dial"}
	sec.Blocks = append(sec.Blocks, Block{Text: acc.Dial})
	if len(acc.Pin) > 0 {
		sec.Blocks = append(sec.Blocks, Block{Text: "Pinned: " + strings.Join(acc.Pin, ", ") + "."})
	}
	tb := acc.Table
	tb.Caption = "Every design of the dial"
	sec.Blocks = append(sec.Blocks, Block{Table: &tb}, Block{Text: "Targets: " + acc.Goal + ". " + acc.Legend}, Block{List: acc.Findings})
	if acc.AsWritten != "" {
		sec.Blocks = append(sec.Blocks, Block{Text: acc.AsWritten})
	}
	charts, err := SweepCharts(s, sw)
	if err != nil {
		return sec, err
	}
	for i := range charts {
		sec.Blocks = append(sec.Blocks, Block{Chart: &charts[i]})
	}
	return sec, nil
}

func assumptionsSection(s, active *scenario.Scenario, run *Run) Section {
	sec := Section{ID: "assumptions", Title: "Assumptions"}
	cat := &Table{Caption: "Figures from the storage catalog (a store's own figures replace them)", Head: []string{"store", "tier", "figures", "date", "source"}}
	for _, st := range active.Stores {
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
	sec.Blocks = append(sec.Blocks, Block{Text: "Simulation: " + run.Setup + ". The same seed and trial count give the same report on any machine."})
	var defs []string
	off := s.Off()
	for _, f := range s.Defaulted() {
		if !slices.ContainsFunc(off, func(p string) bool { return strings.HasPrefix(f.Path, p+".") }) {
			defs = append(defs, f.Path+" = "+f.Value)
		}
	}
	if len(defs) > 0 {
		sec.Blocks = append(sec.Blocks, Block{Text: fmt.Sprintf("Fields left at their default (%d; see docs/scenario.md):", len(defs))}, Block{List: defs})
	}
	return sec
}
