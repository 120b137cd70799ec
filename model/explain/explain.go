package explain

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/costdial/costdial/internal/suggest"
	"github.com/costdial/costdial/model/engine"
	"github.com/costdial/costdial/model/scenario"
)

// Options say which incidents to pick.
type Options struct {
	Failure string // only this failure's incidents; "" for all
	Worst   bool   // the incidents that set the tail, instead of the first ones
	// Percentile, from 1 to 100 when set, picks the incidents nearest the
	// run's percentile instead: a typical tail incident, not the worst.
	Percentile float64
	// By is what the tail is ranked by: ByRPO (data lost, the default) or
	// ByRTO (downtime); total losses count as the worst of either.
	By     string
	N      int // how many (at least 1)
	Engine engine.Options
}

// What the tail is ranked by (Options.By).
const (
	ByRPO = "rpo"
	ByRTO = "rto"
)

// Told is one incident picked for telling, with its full detail.
type Told struct {
	Trial    int64
	Seq      int // its place among the trial's service incidents, from 0
	Incident engine.Incident
	// Earlier are the trial's service incidents before it: what they left
	// behind (a wiped store, damaged data) can shape this one.
	Earlier []engine.Incident
	// Warm are logical incidents of the warm-up (played before the
	// measured span and not counted) still unnoticed when it began.
	Warm []engine.Incident
}

// Picked is what a run and the pick found.
type Picked struct {
	Options Options // as the pick used them (N and By filled in)
	Result  *engine.Result
	Told    []Told
	// Matching is the number of service incidents that could have been
	// picked (of the failure asked for, or all).
	Matching int64
	// At is, with Options.Percentile, the run's value at that percentile
	// (hours of data lost or downtime; +Inf when total losses reach it),
	// the value the picked incidents are nearest.
	At float64
}

// Tail is the run's figures the picks rank by: data lost or downtime, of
// the failure asked for or of every incident.
func (p *Picked) Tail() engine.Summary {
	return tailOf(p.Result, p.Options)
}

func tailOf(r *engine.Result, opts Options) engine.Summary {
	sum := r.RPO
	if opts.Failure != "" {
		sum = r.Failures[opts.Failure].RPO
	}
	if opts.By == ByRTO {
		sum = r.RTO
		if opts.Failure != "" {
			sum = r.Failures[opts.Failure].RTO
		}
	}
	return sum
}

// key orders candidates: the first ones by trial and time, the worst ones
// total losses first, then by data lost (or downtime), then the other,
// those nearest a percentile by their distance from it.
type key struct {
	trial int64
	seq   int
	inc   engine.Incident
}

// value is what an incident is ranked by: hours of data lost or downtime,
// +Inf for a total loss.
func value(inc engine.Incident, by string) float64 {
	switch {
	case inc.TotalLoss:
		return math.Inf(1)
	case by == ByRTO:
		return inc.RTO
	}
	return inc.RPO
}

// inOrder orders by trial, then place in the trial.
func inOrder(a, b key) int {
	if a.trial != b.trial {
		if a.trial < b.trial {
			return -1
		}
		return 1
	}
	return a.seq - b.seq
}

// desc orders by x descending: -1 when a comes first, 0 on a tie.
func desc(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

func less(worst bool, by string) func(a, b key) int {
	other := ByRTO
	if by == ByRTO {
		other = ByRPO
	}
	return func(a, b key) int {
		if worst {
			if c := desc(value(a.inc, by), value(b.inc, by)); c != 0 {
				return c
			}
			if c := desc(value(a.inc, other), value(b.inc, other)); c != 0 {
				return c
			}
		}
		return inOrder(a, b)
	}
}

// nearest orders by distance from q (total losses are at +Inf), then in
// trial order.
func nearest(q float64, by string) func(a, b key) int {
	dist := func(k key) float64 {
		v := value(k.inc, by)
		switch {
		case math.IsInf(q, 1) && math.IsInf(v, 1):
			return 0
		case math.IsInf(q, 1) || math.IsInf(v, 1):
			return math.Inf(1)
		}
		return math.Abs(v - q)
	}
	return func(a, b key) int {
		if c := -desc(dist(a), dist(b)); c != 0 {
			return c
		}
		return inOrder(a, b)
	}
}

// Pick runs s, chooses opts.N incidents and returns them with their detail.
func Pick(ctx context.Context, s *scenario.Scenario, opts Options) (*Picked, error) {
	if opts.N < 1 {
		opts.N = 1
	}
	if opts.Failure != "" {
		known := false
		var names []string
		for _, f := range s.Failures {
			known = known || f.Name == opts.Failure
			names = append(names, f.Name)
		}
		if !known {
			return nil, fmt.Errorf("--failure: no failure named %q%s (have: %s)", opts.Failure, suggest.DidYouMean(opts.Failure, names, nil), strings.Join(names, ", "))
		}
	}
	if opts.By == "" {
		opts.By = ByRPO
	}
	picked := &Picked{Options: opts}
	cmp := less(opts.Worst, opts.By)
	if opts.Percentile > 0 {
		// the value at the percentile, from a plain run of the same seed
		plain := opts.Engine
		plain.Observe, plain.Detail = nil, nil
		res, err := engine.Run(ctx, s, plain)
		if err != nil {
			return nil, err
		}
		picked.At = tailOf(res, opts).Quantile(opts.Percentile / 100)
		cmp = nearest(picked.At, opts.By)
		opts.Engine.Progress = nil // shown once, for the first run
	}
	var mu sync.Mutex
	var best []key // the opts.N best so far, sorted
	var matching int64
	first := opts.Engine
	first.Observe = func(r *engine.TrialRecord) {
		mu.Lock()
		defer mu.Unlock()
		for i, inc := range r.Incidents {
			if opts.Failure != "" && inc.Failure != opts.Failure {
				continue
			}
			matching++
			k := key{r.Trial, i, inc}
			if len(best) == opts.N && cmp(k, best[len(best)-1]) >= 0 {
				continue
			}
			at, _ := slices.BinarySearchFunc(best, k, cmp)
			best = slices.Insert(best, at, k)
			if len(best) > opts.N {
				best = best[:opts.N]
			}
		}
	}
	first.Detail = nil
	res, err := engine.Run(ctx, s, first)
	if err != nil {
		return nil, err
	}
	picked.Result, picked.Matching = res, matching
	if len(best) == 0 {
		return picked, nil
	}
	trials := map[int64]bool{}
	for _, k := range best {
		trials[k.trial] = true
	}
	all := map[int64][]engine.Incident{}
	warm := map[int64][]engine.Incident{}
	second := opts.Engine
	second.Progress = nil
	second.Detail = func(i int64) bool { return trials[i] }
	second.Observe = func(r *engine.TrialRecord) {
		if !trials[r.Trial] {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		all[r.Trial] = append([]engine.Incident(nil), r.Incidents...)
		warm[r.Trial] = append([]engine.Incident(nil), r.Warm...)
	}
	if _, err := engine.Run(ctx, s, second); err != nil {
		return nil, err
	}
	for _, k := range best {
		incs := all[k.trial]
		if k.seq >= len(incs) || incs[k.seq].Detail == nil || incs[k.seq].RPO != k.inc.RPO || incs[k.seq].RTO != k.inc.RTO {
			// the same seed must replay the same trial
			return nil, fmt.Errorf("explain: trial %d did not replay the same (internal error)", k.trial)
		}
		inc := incs[k.seq]
		picked.Told = append(picked.Told, Told{Trial: k.trial, Seq: k.seq, Incident: inc, Earlier: incs[:k.seq], Warm: warm[k.trial]})
	}
	return picked, nil
}
