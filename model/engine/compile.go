package engine

import (
	"math"

	"github.com/costdial/costdial/model/cost"
	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/model/units"
)

// The engine works in hours, with stores, jobs and failures addressed by
// index. compile turns a validated scenario into this form once per run,
// with the tables its trials read (tabulate); a model is read-only from
// then on and shared by every worker.

// store is a compiled store.
type store struct {
	name                    string
	id                      uint64 // identity from the name: keys its retrieval draws
	primary                 bool
	stands                  bool    // a standby: restoring from it needs no new host
	bytesPerHour            float64 // restore throughput
	retrieval               units.Dist
	egressPerGiB, feePerGiB float64
	jobs                    []int // jobs that write into this store
	copies                  bool  // a job writing into it copies another store
	// periodic is the store's job when it has just one and that one is
	// a full or incremental job (copies included), which newestOfJob
	// would send to periodicPoint; -1 otherwise
	periodic int
}

// job kinds, as small integers for the inner loops
const (
	kindFull = iota
	kindIncremental
	kindReplica
	kindPITR
)

var jobKinds = map[string]int{scenario.Full: kindFull, scenario.Incremental: kindIncremental, scenario.Replica: kindReplica, scenario.PITR: kindPITR}

// job is a compiled job. The searches read its numbers for every run they
// pass over: the fields read once per trial or incident come last so
// that the rest share fewer cache lines.
type job struct {
	kind        int
	from, to    int
	fromPrimary bool
	every       float64 // hours between runs (0 for a replica)
	offset      float64 // runs start at k*every + offset
	fullEvery   float64
	cycle       float64 // incremental: runs per full cycle (a full, then incrementals)
	dur, ret    float64
	replayBPH   float64 // pitr log replay, bytes per hour
	fail        float64
	// failCut is fail scaled to the 53-bit draws of failed: for a whole n
	// below 2^53, n/2^53 < fail exactly when n < ceil(fail*2^53) (scaling by
	// a power of two is exact), so the test needs no conversion to float
	failCut     uint64
	logFail     float64 // log(fail)
	failBlock   float64 // runs per block when failures are skipped in blocks
	breaksPH    float64 // breaks per hour
	restoreTest float64 // hours between restore tests (0: none)
	fix         float64
	fullBytes   float64 // bytes moved to restore a full point
	incrBytes   float64 // bytes added per incremental in the chain
	logBPH      float64 // pitr: log bytes per hour (writes * compression)

	id        uint64      // identity from the name: keys its streams and lag draws
	discovery float64     // rate (per hour) of incidents whose search looks at its points
	steady    steadyBreak // its steady state of breaks, where a trial's warm-up starts
	none      [2]float64  // nones of its breaks over the warm-up and the trial
	lag       units.Dist
	name      string
}

// failure is a compiled failure.
type failure struct {
	index       int
	name        string
	id          uint64 // identity from the name: keys its strikes
	kind        string
	meanGap     float64 // mean hours between strikes
	hits        []bool  // stores hit (destroy, outage)
	hitsPrimary bool
	detect      units.Dist
	lasts       units.Dist
	dwell       units.Dist
	// own is the distribution every incident of the failure draws from
	// first (detect, lasts or dwell by kind; nil for a destroy)
	own        *units.Dist
	ownPurpose uint64
	trustEnc   bool       // ransomware: points are trusted up to the encryption
	looks      []int      // the jobs whose points its searches look at (looksAt)
	none       [2]float64 // nones of its strikes over the warm-up and the trial
	// its own targets, when it has them (scenario.Failure.Targets), in hours
	goal                      bool
	goalRPO, goalRTO, goalPct float64
}

// model is a compiled scenario: one design.
type model struct {
	s          *scenario.Scenario
	stores     []store
	jobs       []job
	failures   []failure
	primary    int
	hours      float64 // length of one trial
	data       float64 // bytes
	writesPH   float64 // bytes written per hour
	rec        scenario.Recovery
	rpoTarget  float64
	rtoTarget  float64
	percentile float64
	// the most total losses a year the service allows (0: no such target)
	totalLossTarget float64

	warm    float64 // hours played before the measured span (scenario.WarmupHours)
	seedMix uint64  // the part of every trial's seed that comes from the run's seed (trialSeed)
	maxLoss float64 // the most data a failover may lose
}

// runBefore is the index of the last run starting before time a.
func (j *job) runBefore(a float64) float64 { return math.Ceil((a-j.offset)/j.every) - 1 }

// lastStart is the start of the last run starting at or before x.
func (j *job) lastStart(x float64) float64 {
	return math.Floor((x-j.offset)/j.every)*j.every + j.offset
}

// fullOf is the index of the full run whose chain run k belongs to (k
// itself for any job but an incremental one).
func (j *job) fullOf(k float64) float64 {
	if j.kind != kindIncremental {
		return k
	}
	return math.Floor(k/j.cycle) * j.cycle
}

// maxRuns bounds the runs a schedule may index over a trial: run indices
// stay whole numbers a float64 holds exactly and nowhere near overflow.
const maxRuns = 1 << 50

// coarsen merges runs of a schedule so fine that the runs of a trial would
// number more than maxRuns (every: 1ns over centuries) into groups of a
// power of two: a group yields a point when any of its runs does, so it
// fails with probability fail^n. Content times move by less than one
// group, a tiny share of the span simulated.
func (j *job) coarsen(horizon float64) {
	if j.every <= 0 || horizon/j.every <= maxRuns {
		return
	}
	n := math.Exp2(math.Ceil(math.Log2(horizon / j.every / maxRuns)))
	j.every *= n
	j.fail = math.Pow(j.fail, n)
}

// failCut is ceil(fail*2^53), the cut failed compares its draws with.
func failCut(fail float64) uint64 { return uint64(math.Ceil(min(max(fail, 0), 1) * (1 << 53))) }

// primaryName is the name of the scenario's primary store.
func primaryName(s *scenario.Scenario) string {
	for _, st := range s.Stores {
		if st.Primary {
			return st.Name
		}
	}
	return ""
}

func compile(s *scenario.Scenario) *model {
	s = s.Active() // parts switched off (enabled: false) do not exist for the engine
	m := &model{
		s:               s,
		hours:           s.Simulate.Years * units.Year.Hours(),
		data:            float64(s.Service.Data),
		writesPH:        s.Service.Writes.BytesPerHour(),
		rec:             s.Recovery,
		rpoTarget:       s.Service.Targets.RPO.Hours(),
		rtoTarget:       s.Service.Targets.RTO.Hours(),
		percentile:      s.Service.Targets.Percentile,
		totalLossTarget: s.Service.Targets.TotalLoss.PerYear(),
	}
	index := map[string]int{}
	for i, st := range s.Stores {
		index[st.Name] = i
		if st.Primary {
			m.primary = i
		}
		m.stores = append(m.stores, store{
			name: st.Name, primary: st.Primary,
			stands:       st.Standby,
			bytesPerHour: st.Restore.BytesPerHour() * float64(max(st.Streams, 1)),
			retrieval:    st.Retrieval,
			egressPerGiB: cost.RestoreEgress(s, st.Name, primaryName(s)), feePerGiB: st.RetrievalFee.Amount,
		})
	}
	for i, b := range s.Backups {
		j := job{
			name: b.Name, kind: jobKinds[b.Kind], from: index[b.From], to: index[b.To],
			every: b.Every.Hours(), offset: b.Offset.Hours(), fullEvery: b.FullEvery.Hours(),
			dur: b.Duration.Hours(), ret: b.Retention.Hours(),
			lag: b.Lag, replayBPH: b.Replay.BytesPerHour(),
			fail: float64(b.Fail), breaksPH: b.Breaks.PerHour(),
			restoreTest: b.RestoreTest.Hours(), fix: b.Fix.Hours(),
			fullBytes: m.data * b.Compression,
			logBPH:    m.writesPH * b.Compression,
		}
		j.fromPrimary = j.from == m.primary
		if b.Kind == scenario.Replica {
			j.every = 0
		}
		// runs are indexed from time 0; the span a search may reach is the
		// trial, with room for a warm-up before it, and the points kept
		j.coarsen(8*m.hours + 2*(j.dur+j.ret) + units.Year.Hours())
		if b.Kind == scenario.Incremental {
			j.incrBytes = min(m.writesPH*j.every, m.data) * b.Compression
			j.cycle = max(1, math.Round(j.fullEvery/j.every))
		}
		j.failCut = failCut(j.fail)
		if j.fail > 0 && j.fail < 1 {
			j.logFail = math.Log(j.fail)
			// (at most 2^40 runs, so offsets within a block stay exact)
			j.failBlock = min(math.Ceil(1/(1-j.fail)), 1<<40)
		}
		m.jobs = append(m.jobs, j)
		m.stores[j.to].jobs = append(m.stores[j.to].jobs, i)
		m.stores[j.to].copies = m.stores[j.to].copies || !j.fromPrimary
	}
	for i := range m.stores {
		st := &m.stores[i]
		st.periodic = -1
		if len(st.jobs) == 1 {
			if k := m.jobs[st.jobs[0]].kind; k == kindFull || k == kindIncremental {
				st.periodic = st.jobs[0]
			}
		}
	}
	for _, f := range s.Failures {
		cf := failure{index: len(m.failures), name: f.Name, kind: f.Kind, meanGap: 1 / f.Rate.PerHour(), detect: f.Detect, lasts: f.Lasts, dwell: f.Dwell,
			trustEnc: f.Trust == scenario.TrustEncryption}
		if f.HasTargets() {
			cf.goal, cf.goalRPO, cf.goalRTO, cf.goalPct = true, f.Targets.RPO.Hours(), f.Targets.RTO.Hours(), f.Targets.Percentile
		}
		cf.hits = make([]bool, len(s.Stores))
		for i, st := range s.Stores {
			cf.hits[i] = s.Hits(f, st)
		}
		cf.hitsPrimary = cf.hits[m.primary] || f.Kind == scenario.Logical || f.Kind == scenario.Ransomware
		m.failures = append(m.failures, cf)
	}
	for i := range m.failures {
		f := &m.failures[i]
		switch f.kind {
		case scenario.Logical:
			f.own, f.ownPurpose = &f.detect, drawDetect
		case scenario.Outage:
			f.own, f.ownPurpose = &f.lasts, drawLasts
		case scenario.Ransomware:
			f.own, f.ownPurpose = &f.dwell, drawDwell
		}
	}
	m.tabulate()
	return m
}
