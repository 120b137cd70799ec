package sweep

import (
	"context"
	"flag"
	"strconv"
	"testing"

	"github.com/costdial/costdial/model/scenario"

	"github.com/costdial/costdial/scenarios"
)

var benchTrials = flag.Int("sweep.trials", 100000, "trials per design in the sweep benchmarks (1000000 for the goals of issue 15)")

// The bundled dial (15 designs) and a 100-design dial, on all cores:
//
//	go test -run '^$' -bench Sweep -benchtime 1x ./model/sweep -args -sweep.trials=1000000
//
// Each reports seconds per sweep (s/sweep) and design-trials per second.
func BenchmarkSweepBundled(b *testing.B) {
	benchSweep(b, nil)
}

// BenchmarkSweep100 turns the bundled scenario's nightly interval through
// 20 values and its bucket's tier through 5.
func BenchmarkSweep100(b *testing.B) {
	var every []string
	for h := 1; h <= 20; h++ {
		every = append(every, strconv.Itoa(h)+"h")
	}
	benchSweep(b, []Axis{
		{Set: "backups.nightly.every", Values: every, From: "--dial"},
		{Set: "stores.bucket.tier", Values: []string{"s3-standard", "s3-standard-ia", "s3-glacier-instant-retrieval", "s3-glacier-flexible-retrieval", "s3-glacier-deep-archive"}, From: "--dial"},
	})
}

func benchSweep(b *testing.B, extra []Axis) {
	sets := []string{"simulate.trials=" + strconv.Itoa(*benchTrials)}
	base, err := scenario.Load(scenarios.Default, scenarios.Bundled(), sets)
	if err != nil {
		b.Fatal(err)
	}
	axes := Axes(base, extra)
	designs := Size(axes)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Run(context.Background(), scenarios.Default, scenarios.Bundled(), sets, axes, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(sec, "s/sweep")
	b.ReportMetric(float64(designs)*float64(*benchTrials)/sec, "design-trials/s")
	b.ReportMetric(float64(designs), "designs")
}
