package engine

import (
	"context"
	"testing"

	"github.com/costdial/costdial/model/scenario"
	"github.com/costdial/costdial/scenarios"
)

// BenchmarkBundled measures simulated service-years per second on the
// bundled teaching scenario, on all cores:
//
//	go test -run '^$' -bench Bundled ./model/engine
func BenchmarkBundled(b *testing.B) {
	s, err := scenario.Load(scenarios.Default, scenarios.Bundled(), []string{"simulate.trials=100000"})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := Run(context.Background(), s, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	years := float64(b.N) * float64(s.Simulate.Trials) * s.Simulate.Years
	b.ReportMetric(years/b.Elapsed().Seconds(), "service-years/s")
}
