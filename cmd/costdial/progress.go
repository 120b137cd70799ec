package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// progress draws a bar on a terminal's stderr once a run has taken more
// than a second; elsewhere (pipes, files, CI) it draws nothing.
type progress struct {
	mu       sync.Mutex
	w        io.Writer
	label    string
	start    time.Time
	drawn    bool
	last     time.Time
	disabled bool
}

func newProgress(w io.Writer, label string) *progress {
	p := &progress{w: w, label: label, start: time.Now()}
	f, ok := w.(*os.File)
	if !ok {
		p.disabled = true
		return p
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		p.disabled = true
	}
	return p
}

func (p *progress) update(done, total int64) {
	if p.disabled {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.start) < time.Second || now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last, p.drawn = now, true
	const width = 30
	frac := float64(done) / float64(total)
	n := int(frac * width)
	fmt.Fprintf(p.w, "\r%s [%s%s] %3.0f%% %s", p.label, strings.Repeat("=", n), strings.Repeat(" ", width-n), frac*100, eta(now.Sub(p.start), frac))
}

// eta estimates the time left from the time spent on a fraction of the
// work, as "ETA 1m05s" (padded, so a shorter one overwrites a longer one).
func eta(spent time.Duration, frac float64) string {
	if frac <= 0 {
		return "ETA ?      "
	}
	left := time.Duration(float64(spent) * (1 - frac) / frac).Round(time.Second)
	return fmt.Sprintf("ETA %-7s", left)
}

func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", len(p.label)+52))
	}
}
