//go:build !unix

package engine

// cpuSeconds is not measured here; benchmarks then report no CPU figure.
func cpuSeconds() float64 { return 0 }
