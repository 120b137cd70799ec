package engine

import (
	"math"
	"math/rand/v2"

	"github.com/costdial/costdial/model/units"
)

// Every random number of a run comes from a key, never from a generator
// carried from one trial to the next: the run's seed and the trial's index
// (trialSeed), a failure's or job's name (hashName) and, within an
// incident, the strike and the purpose of the draw. So no draw depends on
// another, on the order trials are played in or on what else a design
// holds: a result is the same on any number of workers, and designs with
// the same failures meet the same incidents (common random numbers).

// Purposes of the per-incident draws. Each draw of an incident comes from
// its own number, keyed by the incident and the purpose, so no design
// choice that draws more or fewer numbers shifts any other draw.
const (
	drawDetect uint64 = iota + 1
	drawDecide
	drawProvision
	drawRetrieval
	drawLag
	drawLasts
	drawWait
	drawDwell
	drawDNS
	drawVerify
)

// Keys of the streams a trial draws before any incident.
const (
	keyAhead = 0xA0761D6478BD642F // arrivals from 0 on
	keyBack  = 0xE7037ED1A0B428DB // arrivals before 0 (the warm-up)
	keyStart = 0x8EBC6AF09C88C6E3 // a job's break state at the warm-up's start
	keyRuns  = 0x589965CC75374CC3 // failed runs
)

func splitmix(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
	x = (x ^ (x >> 27)) * 0x94D049BB133111EB
	return x ^ (x >> 31)
}

// hashName is a stable identity for a name (FNV-1a), so that a job or a
// failure keeps its random streams whatever else a design changes.
func hashName(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// uniform maps 64 random bits to (0, 1), never 0 or 1.
func uniform(x uint64) float64 { return (float64(x>>11) + 0.5) / (1 << 53) }

// trialSeed is the seed of trial number index of a run seeded by seed,
// given seedMix = splitmix(seed).
func trialSeed(seedMix uint64, index int64) uint64 {
	return splitmix(seedMix ^ splitmix(uint64(index)^0x5851F42D4C957F2D))
}

// strikeKey is the identity of strike number k of the failure identified
// by failID in the trial seeded by seed: the key of its incident's draws.
func strikeKey(seed, failID uint64, k int64) uint64 {
	return splitmix(seed ^ failID*0x9E3779B97F4A7C15 ^ uint64(k)*0xD1B54A32D192ED03)
}

// drawKeyed draws d for the incident whose key is key and the purpose
// given (sub tells apart draws of one purpose, such as the lag of each
// job): d's quantile at one uniform keyed by the three.
func drawKeyed(key uint64, d *units.Dist, purpose, sub uint64) float64 {
	return d.Quantile(uniform(splitmix(key ^ purpose*0xD6E8FEB86659FD93 ^ sub*0xFF51AFD7ED558CCD)))
}

// stream is a sequence of uniforms from a key (SplitMix64).
type stream struct{ x uint64 }

// Uint64 makes a stream a rand.Source.
func (s *stream) Uint64() uint64 {
	s.x += 0x9E3779B97F4A7C15
	return splitmix(s.x)
}

func (s *stream) next() float64 {
	s.x += 0x9E3779B97F4A7C15
	return uniform(splitmix(s.x))
}

// exp draws an exponential time of the given mean by inversion.
func (s *stream) exp(mean float64) float64 { return -math.Log(s.next()) * mean }

// strike is one arrival of a Poisson process: its time and its number,
// counted from 0 (forward from time 0, then -1, -2, ... backward).
type strike struct {
	at float64
	k  int64
}

// arrivals draws the arrivals of Poisson processes (failures' strikes,
// jobs' breaks) into a buffer it reuses. Its generator is re-keyed for
// each process, so it carries nothing from one process to the next.
type arrivals struct {
	src stream
	rng *rand.Rand // reads src; its ExpFloat64 is the ziggurat method
	buf []strike
}

// init readies a for use; a must not be copied afterwards (its generator
// reads a.src).
func (a *arrivals) init() { a.rng = rand.New(&a.src) }

// of returns every arrival in [-back, ahead) of a Poisson process with the
// given mean gap: forward from 0 and backward from 0, each direction from
// its own stream keyed by seed (the first gap by inversion, the later ones
// by the ziggurat method). A strike's time and number depend only on its
// process, never on how long the trial or its warm-up are. The first gap
// of each direction is tested against its span before taking a logarithm:
// it is at least the span exactly when u <= exp(-span/mean), given in none
// (ahead, back; see nones), the usual case of a rare failure. The result
// is valid until the next call.
func (a *arrivals) of(seed uint64, mean, back, ahead float64, none [2]float64) []strike {
	buf := a.buf[:0]
	if !(mean > 0) || math.IsInf(mean, 1) {
		return buf
	}
	if u := uniform(splitmix(seed ^ keyAhead)); u > none[0] {
		a.src.x = seed ^ keyAhead
		for k, at := int64(0), -math.Log(u)*mean; at < ahead; k, at = k+1, at+a.rng.ExpFloat64()*mean {
			buf = append(buf, strike{at, k})
		}
	}
	if u := uniform(splitmix(seed ^ keyBack)); u > none[1] {
		a.src.x = seed ^ keyBack
		for k, at := int64(-1), -math.Log(u)*mean; at <= back; k, at = k-1, at+a.rng.ExpFloat64()*mean {
			buf = append(buf, strike{-at, k})
		}
	}
	a.buf = buf
	return buf
}

// nones is the chance that a process with the given mean gap has no
// arrival ahead of 0 within ahead, and none before 0 within back.
func nones(mean, back, ahead float64) [2]float64 {
	return [2]float64{math.Exp(-ahead / mean), math.Exp(-back / mean)}
}
