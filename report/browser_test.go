package report

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/costdial/costdial/internal/golden"
	"github.com/costdial/costdial/scenarios"
)

// chromium finds a Chromium or Chrome to drive: $CHROMIUM, then the usual
// names on PATH.
func chromium() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestReportInBrowser opens the HTML report of the bundled scenario from a
// file:// URL in headless Chromium, as someone opening an email attachment
// offline would, and checks that it renders with no console error and no
// network request, that every chart is visible (non-zero size, in the
// viewport once scrolled to), and that it prints to PDF on a sane number of
// A4 pages. With -update it also takes the README's screenshot.
func TestReportInBrowser(t *testing.T) {
	exe := chromium()
	if exe == "" {
		t.Skip("no Chromium found (set CHROMIUM or install Debian's chromium package; .ci/run does): the report was not checked in a browser")
	}
	if testing.Short() {
		t.Skip("starts a browser")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "report.html")
	var page bytes.Buffer
	// the scenario's own trial count: the screenshot shows the README's figures
	if err := build(t, "small-saas.yaml", "simulate.trials=100000").WriteHTML(&page); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, page.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	fileURL := (&url.URL{Scheme: "file", Path: path}).String()

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.WindowSize(1280, 900),
	)
	defer cancelAlloc()
	var mu sync.Mutex
	var problems, requests []string
	listen := func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				problems = append(problems, "console "+string(e.Type))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				problems = append(problems, "log: "+e.Entry.Text+" "+e.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			requests = append(requests, e.Request.URL)
		}
	}
	ctx, cancel := chromedp.NewContext(alloc, chromedp.WithListener(listen))
	defer cancel()
	// start the browser before any timeout: a timeout on the first Run
	// would stop the browser with it
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, log.Enable, cdp.Empty{})
		return err
	})); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	tctx, stop := context.WithTimeout(ctx, 90*time.Second)
	defer stop()
	if err := chromedp.Do(tctx, chromedp.Navigate(fileURL)); err != nil {
		t.Fatal(err)
	}

	// every chart: scrolled to, then measured
	type box struct {
		ID                    string
		W, H, Top, Bottom, VH float64
	}
	boxes, err := chromedp.Run(tctx, chromedp.Evaluate[[]box](`Array.from(document.querySelectorAll('figure.chart svg')).map(e => {
		e.scrollIntoView({block: 'start'});
		const r = e.getBoundingClientRect();
		return {ID: e.closest('figure').id, W: r.width, H: r.height, Top: r.top, Bottom: r.bottom, VH: window.innerHeight};
	})`))
	if err != nil {
		t.Fatal(err)
	}
	if len(boxes) != 5 {
		t.Errorf("%d charts on the page, want 5", len(boxes))
	}
	for _, b := range boxes {
		if b.W < 300 || b.H < 150 {
			t.Errorf("%s is drawn %gx%g px, too small to read", b.ID, b.W, b.H)
		}
		if b.Top < -1 || b.Top >= b.VH {
			t.Errorf("%s is not in the viewport once scrolled to (top %g, viewport %g)", b.ID, b.Top, b.VH)
		}
	}
	// the text of the charts lays out: an SVG <text> with no width would
	// mean the named font family fell through to nothing
	textWidth, err := chromedp.Run(tctx, chromedp.Evaluate[float64](`Math.min(...Array.from(document.querySelectorAll('figure.chart svg text')).slice(0, 20).map(t => t.getComputedTextLength()))`))
	if err != nil {
		t.Fatal(err)
	}
	if textWidth <= 0 {
		t.Errorf("chart text has no width (%g): its font did not resolve", textWidth)
	}

	pdf, err := chromedp.Run(tctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		t.Fatal(err)
	}
	pages := bytes.Count(pdf, []byte("/Type /Page")) - bytes.Count(pdf, []byte("/Type /Pages"))
	if pages == 0 {
		pages = bytes.Count(pdf, []byte("/Type/Page")) - bytes.Count(pdf, []byte("/Type/Pages"))
	}
	if pages < 3 || pages > 16 {
		t.Errorf("the report prints on %d A4 pages, want 3 to 16", pages)
	}
	t.Logf("charts %d, printed pages %d, PDF %d bytes", len(boxes), pages, len(pdf))

	if golden.Updating() {
		if err := chromedp.Do(tctx, chromedp.EmulateViewport(1100, 1400), chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`)); err != nil {
			t.Fatal(err)
		}
		shot, err := chromedp.Run(tctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		out := filepath.Join("..", "docs", "img", "report", "report.png")
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(out, shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("browser reported an error: %s", p)
	}
	for _, u := range requests {
		if u != fileURL {
			t.Errorf("the page requested %s; it must fetch nothing", strings.TrimSpace(u))
		}
	}
}

// TestScreenshots writes a full-page screenshot of every example
// scenario's report to $COSTDIAL_SHOTS, for a person to look at; it does
// nothing unless that is set.
func TestScreenshots(t *testing.T) {
	out := os.Getenv("COSTDIAL_SHOTS")
	exe := chromium()
	if out == "" || exe == "" {
		t.Skip("set COSTDIAL_SHOTS to a folder (and have Chromium) to take screenshots of every example's report")
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromedp.ExecPath(exe),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "profile")), chromedp.WindowSize(1100, 1400))
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	for file := range scenarios.All() {
		var page bytes.Buffer
		if err := build(t, file).WriteHTML(&page); err != nil {
			t.Fatal(err)
		}
		html := filepath.Join(out, strings.TrimSuffix(file, ".yaml")+".html")
		if err := os.WriteFile(html, page.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate((&url.URL{Scheme: "file", Path: html}).String())); err != nil {
			t.Fatal(err)
		}
		// one viewport at each section and each chart
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('section, figure').length`))
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`document.querySelectorAll('section, figure')[%d].scrollIntoView({block: 'start'}), true`, i))); err != nil {
				t.Fatal(err)
			}
			shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(fmt.Sprintf("%s-%02d.png", strings.TrimSuffix(html, ".html"), i), shot, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
