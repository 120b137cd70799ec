//go:build unix

package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets a test run costdial as a process of its own (for signals
// and file descriptors): the test binary acts as costdial when
// COSTDIAL_AS_MAIN is set.
func TestMain(m *testing.M) {
	if os.Getenv("COSTDIAL_AS_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// costdialProcess is costdial with args as a process of its own.
func costdialProcess(args ...string) *exec.Cmd {
	c := exec.Command(os.Args[0], args...)
	c.Env = append(os.Environ(), "COSTDIAL_AS_MAIN=1")
	return c
}

// saasCopy copies small-saas.yaml into dir and returns its path.
func saasCopy(t *testing.T, dir string) string {
	t.Helper()
	data, err := os.ReadFile(smallSaas)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "s.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// isSymlink reports whether path is a symbolic link pointing at want.
func isSymlink(t *testing.T, path, want string) bool {
	t.Helper()
	got, err := os.Readlink(path)
	return err == nil && got == want
}

// Issue 23.1: --out writes through a symbolic link and into a special file
// (a device, a pipe, a descriptor such as /dev/stdout) instead of putting a
// regular file in its place.
func TestOutWritesThroughLinksAndSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	in := saasCopy(t, dir)

	t.Run("a link to a regular file", func(t *testing.T) {
		real := filepath.Join(dir, "real.html")
		os.WriteFile(real, []byte("old"), 0o644)
		link := filepath.Join(dir, "link.html")
		os.Symlink("real.html", link)
		code, _, stderr := costdial("report", in, "--trials", "20", "--out", link)
		if code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		if !isSymlink(t, link, "real.html") {
			t.Errorf("the link was replaced")
		}
		if page, _ := os.ReadFile(real); !bytes.HasPrefix(page, []byte("<!DOCTYPE html>")) {
			t.Errorf("the file the link points to was not written: %.40q", page)
		}
	})
	t.Run("a link to /dev/null", func(t *testing.T) {
		link := filepath.Join(dir, "null.html")
		os.Symlink("/dev/null", link)
		code, stdout, stderr := costdial("report", in, "--trials", "20", "--out", link)
		if code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
		if !isSymlink(t, link, "/dev/null") {
			t.Errorf("the link to /dev/null was replaced")
		}
		if st, err := os.Stat("/dev/null"); err != nil || st.Mode()&os.ModeCharDevice == 0 {
			t.Errorf("/dev/null is no longer a device: %v", err)
		}
		if strings.Contains(stdout, "Wrote") {
			t.Errorf("a report into a device is announced as a file written:\n%s", stdout)
		}
	})
	t.Run("a named pipe", func(t *testing.T) {
		fifo := filepath.Join(dir, "pipe")
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Skip("no named pipes here:", err)
		}
		spare := filepath.Join(dir, "pipe-spare") // the same pipe, to free the reader if the old code replaces it
		os.Link(fifo, spare)
		read := make(chan []byte, 1)
		go func() {
			f, err := os.Open(fifo)
			if err != nil {
				read <- nil
				return
			}
			b, _ := io.ReadAll(f)
			f.Close()
			read <- b
		}()
		code, _, stderr := costdial("report", in, "--trials", "20", "--out", fifo)
		if code != 0 {
			t.Errorf("exit %d\n%s", code, stderr)
		}
		if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
			t.Errorf("the named pipe was replaced")
		}
		var got []byte
		select {
		case got = <-read:
		case <-time.After(5 * time.Second):
			if f, err := os.OpenFile(spare, os.O_WRONLY, 0); err == nil {
				f.Close()
			}
			got = <-read
		}
		if !bytes.HasPrefix(got, []byte("<!DOCTYPE html>")) {
			t.Errorf("the pipe's reader got %.40q, want the report", got)
		}
	})
	t.Run("standard output through a descriptor", func(t *testing.T) {
		// /dev/stdout is a link to /proc/self/fd/1; a link of our own to it
		// is the same path without touching /dev
		link := filepath.Join(dir, "stdout")
		if err := os.Symlink("/proc/self/fd/1", link); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat("/proc/self/fd/1"); err != nil {
			t.Skip("no /proc/self/fd here")
		}
		c := costdialProcess("report", in, "--trials", "20", "--out", link)
		var stdout, stderr bytes.Buffer
		c.Stdout, c.Stderr = &stdout, &stderr
		if err := c.Run(); err != nil {
			t.Fatalf("%v\n%s", err, stderr.String())
		}
		if !isSymlink(t, link, "/proc/self/fd/1") {
			t.Errorf("the link to standard output was replaced")
		}
		if !bytes.HasPrefix(stdout.Bytes(), []byte("<!DOCTYPE html>")) || !bytes.HasSuffix(bytes.TrimSpace(stdout.Bytes()), []byte("</html>")) {
			t.Errorf("standard output is not the report alone: %.60q ... %.60q", stdout.String(), stdout.String()[max(0, stdout.Len()-60):])
		}
	})
	t.Run("markdown cannot put its charts beside a stream", func(t *testing.T) {
		link := filepath.Join(dir, "null.md")
		os.Symlink("/dev/null", link)
		start := time.Now()
		code, _, stderr := costdial("report", in, "--trials", "1000000", "-o", "markdown", "--out", link)
		if code != 1 || !strings.Contains(stderr, "--out "+link+": not a file in a directory") {
			t.Errorf("exit %d\n%s", code, stderr)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("refused only after %v", d)
		}
	})
	if got := listDir(t, dir); strings.Join(got, " ") != "link.html null.html null.md pipe pipe-spare real.html s.yaml stdout" {
		t.Errorf("left in the directory: %v", got)
	}
}

// Issue 23.2: an output that is one of the inputs is refused before
// anything runs, however it is named.
func TestOutIsAnInput(t *testing.T) {
	dir := t.TempDir()
	in := saasCopy(t, dir)
	before, _ := os.ReadFile(in)
	link := filepath.Join(dir, "link.yaml")
	os.Symlink("s.yaml", link)
	for _, out := range []string{in, link, filepath.Join(dir, ".", "s.yaml")} {
		for _, format := range []string{"html", "markdown"} {
			start := time.Now()
			code, _, stderr := costdial("report", in, "--trials", "1000000", "-o", format, "--out", out)
			if code != 1 || !strings.Contains(stderr, "--out "+out+": is the scenario "+in+"; give another file") {
				t.Errorf("--out %s -o %s: exit %d\n%s", out, format, code, stderr)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("refused only after %v", d)
			}
		}
	}
	if after, _ := os.ReadFile(in); !bytes.Equal(before, after) {
		t.Errorf("the scenario was overwritten")
	}
}

// Issue 23.3: sweep and plot write through a link to a directory; the link
// stays.
func TestOutLinkToDirectory(t *testing.T) {
	for _, command := range []string{"sweep", "plot"} {
		t.Run(command, func(t *testing.T) {
			dir := t.TempDir()
			os.Mkdir(filepath.Join(dir, "real"), 0o755)
			link := filepath.Join(dir, "link")
			os.Symlink("real", link)
			for range 2 { // into an empty directory, then over a set
				code, _, stderr := costdial(command, smallSaas, "--trials", "20", "--out", link)
				if code != 0 {
					t.Fatalf("exit %d\n%s", code, stderr)
				}
				if !isSymlink(t, link, "real") {
					t.Fatalf("the link was replaced")
				}
				if _, err := os.Stat(filepath.Join(dir, "real", "rpo-cdf.png")); err != nil {
					t.Errorf("nothing written through the link: %v", err)
				}
			}
			if got := listDir(t, dir); strings.Join(got, " ") != "link real" {
				t.Errorf("left beside --out: %v", got)
			}
		})
	}
}

// Issue 23.4: report -o markdown writes its file and charts all or
// nothing, and an error names no temporary file.
func TestReportMarkdownAllOrNothing(t *testing.T) {
	// the first chart the report writes, and the last (each failed on the
	// old code, which moved the others in)
	for _, chart := range []string{"cost-rpo", "rto-cdf"} {
		t.Run(chart, func(t *testing.T) {
			dir := t.TempDir()
			os.WriteFile(filepath.Join(dir, "r.md"), []byte("old"), 0o644)
			// a directory where the chart goes: it cannot be written
			os.Mkdir(filepath.Join(dir, "r-"+chart+".png"), 0o755)
			before := listDir(t, dir)
			code, _, stderr := costdial("report", smallSaas, "--trials", "20", "-o", "markdown", "--out", filepath.Join(dir, "r.md"))
			if code != 1 {
				t.Errorf("exit %d, want 1\n%s", code, stderr)
			}
			if want := "--out " + filepath.Join(dir, "r.md") + ": " + filepath.Join(dir, "r-"+chart+".png") + " is a directory"; !strings.Contains(stderr, want) {
				t.Errorf("stderr lacks %q:\n%s", want, stderr)
			}
			if strings.Contains(stderr, "costdial-") || strings.Contains(stderr, ".png-") {
				t.Errorf("the error names a temporary file:\n%s", stderr)
			}
			if got := listDir(t, dir); strings.Join(got, " ") != strings.Join(before, " ") {
				t.Errorf("files now %v, were %v", got, before)
			}
			if md, _ := os.ReadFile(filepath.Join(dir, "r.md")); string(md) != "old" {
				t.Errorf("r.md was replaced")
			}
		})
	}
	// the same set over a previous one replaces it whole
	dir := t.TempDir()
	for seed := range 2 {
		if code, _, stderr := costdial("report", smallSaas, "--trials", "20", "--seed", strconv.Itoa(seed+1), "-o", "markdown", "--out", filepath.Join(dir, "r.md")); code != 0 {
			t.Fatalf("exit %d\n%s", code, stderr)
		}
	}
	if got := strings.Join(listDir(t, dir), " "); got != "r-cost-rpo.png r-cost-rto.png r-rpo-cdf.png r-rto-cdf.png r-total-cost.png r.md" {
		t.Errorf("after two reports: %s", got)
	}
}

// Issue 23.5: a sweep or plot into the working directory (or one holding
// it) is refused before anything runs: the swap would pull the directory
// out from under the shell.
func TestOutIsWorkingDirectory(t *testing.T) {
	wd := filepath.Join(t.TempDir(), "work")
	os.Mkdir(wd, 0o755)
	saas, _ := filepath.Abs(smallSaas)
	t.Chdir(wd)
	var before syscall.Stat_t
	syscall.Stat(wd, &before)
	for _, out := range []string{".", wd, "./", filepath.Dir(wd)} {
		for _, command := range []string{"sweep", "plot"} {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			var o, e strings.Builder
			code := executeContext(ctx, []string{command, saas, "--trials", "1000000", "--out", out}, strings.NewReader(""), &o, &e)
			cancel()
			if code != 1 || !strings.Contains(e.String(), "--out "+out+": holds the working directory") {
				t.Errorf("%s --out %s: exit %d\n%s", command, out, code, e.String())
			}
		}
	}
	var after syscall.Stat_t
	if err := syscall.Stat(wd, &after); err != nil || after.Ino != before.Ino {
		t.Errorf("the working directory was swapped away")
	}
}

// Issue 23.6: SIGHUP stops costdial as SIGINT does, removing its lock and
// unfinished set; a run that finds what a killed one left removes it.
func TestHangupAndOrphans(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "o")
	c := costdialProcess("sweep", smallSaas, "--trials", "100000000", "--out", out)
	var stderr bytes.Buffer
	c.Stderr = &stderr
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	lock := filepath.Join(parent, ".o.costdial-lock")
	for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		if _, err := os.Stat(lock); err == nil {
			break
		}
		if time.Since(start) > 20*time.Second {
			c.Process.Kill()
			t.Fatalf("the sweep never took its lock")
		}
	}
	time.Sleep(300 * time.Millisecond)
	c.Process.Signal(syscall.SIGHUP)
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		c.Process.Kill()
		<-done
		t.Errorf("still running 20 s after SIGHUP")
	}
	if code := c.ProcessState.ExitCode(); code != exitInterrupted {
		t.Errorf("exit %d after SIGHUP, want %d\n%s", code, exitInterrupted, stderr.String())
	}
	if got := listDir(t, parent); len(got) != 0 {
		t.Errorf("left behind after SIGHUP: %v", got)
	}

	// what a killed run leaves (SIGKILL cannot be caught)
	os.WriteFile(lock, []byte("999999999\n"), 0o644)
	os.MkdirAll(filepath.Join(parent, ".o.costdial-new-123", "sweep.json"), 0o755)
	os.MkdirAll(filepath.Join(parent, ".o.costdial-new-456-old"), 0o755)
	if code, _, stderr := costdial("sweep", smallSaas, "--trials", "20", "--out", out); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if got := listDir(t, parent); strings.Join(got, " ") != "o" {
		t.Errorf("orphans left beside --out: %v", got)
	}
}

// Issue 23.7: a lock is held only by another process that holds it: a
// stale lock naming this very process (as process 1 in a container finds
// one naming process 1) or process 1 is taken over.
func TestStaleLockNamingALiveProcess(t *testing.T) {
	for _, pid := range []int{os.Getpid(), 1} {
		parent := t.TempDir()
		os.WriteFile(filepath.Join(parent, ".o.costdial-lock"), []byte(strconv.Itoa(pid)+"\n"), 0o644)
		if code, _, stderr := costdial("plot", smallSaas, "--trials", "20", "--out", filepath.Join(parent, "o")); code != 0 {
			t.Errorf("lock naming process %d: exit %d\n%s", pid, code, stderr)
		}
		if got := listDir(t, parent); strings.Join(got, " ") != "o" {
			t.Errorf("left beside --out: %v", got)
		}
	}
}

// Issue 23.8: report refuses a directory as --out before it simulates, and
// an empty --out is a usage error in report, sweep and plot alike.
func TestOutDirectoryOrEmpty(t *testing.T) {
	dir := t.TempDir()
	d := filepath.Join(dir, "r.html")
	os.Mkdir(d, 0o755)
	for _, format := range []string{"html", "markdown"} {
		start := time.Now()
		code, _, stderr := costdial("report", smallSaas, "--trials", "1000000", "-o", format, "--out", d)
		if code != 1 || !strings.Contains(stderr, "--out "+d+": is a directory; give a file name, e.g. --out "+filepath.Join(d, "report.")) {
			t.Errorf("-o %s: exit %d\n%s", format, code, stderr)
		}
		if strings.Contains(stderr, "costdial-") {
			t.Errorf("the error names a temporary file:\n%s", stderr)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("refused only after %v", d)
		}
	}
	saas, _ := filepath.Abs(smallSaas)
	t.Chdir(dir)
	for _, command := range []string{"report", "sweep", "plot"} {
		code, _, stderr := costdial(command, saas, "--trials", "20", "--out", "")
		if code != 2 || !strings.Contains(stderr, "--out is empty") {
			t.Errorf("%s --out '': exit %d\n%s", command, code, stderr)
		}
	}
	if got := listDir(t, dir); strings.Join(got, " ") != "r.html" {
		t.Errorf("written: %v", got)
	}
}
