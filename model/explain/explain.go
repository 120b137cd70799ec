package explain

import (
	"context"
	"fmt"
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
	N       int    // how many (at least 1)
	Engine  engine.Options
}

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
	Result *engine.Result
	Told   []Told
	// Matching is the number of service incidents that could have been
	// picked (of the failure asked for, or all).
	Matching int64
}

// key orders candidates: the first ones by trial and time, the worst ones
// total losses first, then by data lost, then downtime.
type key struct {
	trial int64
	seq   int
	inc   engine.Incident
}

func less(worst bool) func(a, b key) int {
	return func(a, b key) int {
		if worst {
			if a.inc.TotalLoss != b.inc.TotalLoss {
				if a.inc.TotalLoss {
					return -1
				}
				return 1
			}
			if a.inc.RPO != b.inc.RPO {
				if a.inc.RPO > b.inc.RPO {
					return -1
				}
				return 1
			}
			if a.inc.RTO != b.inc.RTO {
				if a.inc.RTO > b.inc.RTO {
					return -1
				}
				return 1
			}
		}
		if a.trial != b.trial {
			if a.trial < b.trial {
				return -1
			}
			return 1
		}
		return a.seq - b.seq
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
	cmp := less(opts.Worst)
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
	picked := &Picked{Result: res, Matching: matching}
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
