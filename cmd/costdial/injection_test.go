package main

import (
	"encoding/csv"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// hostileScenario has scenario text aimed at every place it lands: raw
// HTML for Markdown, a comment that would hide the rest of a page, table
// pipes, a heading, and dial values a spreadsheet would evaluate.
const hostileScenario = `version: 1
name: "<script>alert('name')</script> *x*"
description: "Line <b>one</b> | pipe\n\n# not a heading\n- not an item\nends <!--"
service: {data: 1GiB}
stores: [{name: live, primary: true}, {name: b, provider: "<i>prov</i>", region: "reg|ion"}]
backups: [{name: n, to: b}]
failures: [{name: d, rate: 3/y}]
dial:
  - set: stores.b.region
    values: ["<img src=x onerror=alert(1)>", "=HYPERLINK(\"http://x\")", "@SUM(1)"]
`

// splitFenced separates Markdown's fenced code blocks, which it shows
// verbatim, from the rest: the prose, and the text of each block.
func splitFenced(md string) (prose string, blocks []string) {
	var p, block []string
	fence := ""
	for _, line := range strings.Split(md, "\n") {
		isFence := len(line) >= 3 && strings.Trim(line, "`") == ""
		switch {
		case fence == "" && isFence:
			fence, block = line, nil
		case fence != "" && isFence && len(line) >= len(fence):
			blocks = append(blocks, strings.Join(block, "\n"))
			fence = ""
		case fence != "":
			block = append(block, line)
		default:
			p = append(p, line)
		}
	}
	return strings.Join(p, "\n"), blocks
}

// rawHTML finds what a Markdown tool would pass through as HTML: a tag, a
// comment, a processing instruction.
var rawHTML = regexp.MustCompile(`<[A-Za-z!/?]`)

// checkMarkdown fails when Markdown, outside its fenced code blocks, holds
// raw HTML or a line that scenario text turned into a block of its own.
func checkMarkdown(t *testing.T, what, md string) {
	t.Helper()
	prose, _ := splitFenced(md)
	if m := rawHTML.FindString(prose); m != "" {
		i := strings.Index(prose, m)
		t.Errorf("%s: raw HTML %q in Markdown: ...%s...", what, m, prose[max(0, i-40):min(len(prose), i+60)])
	}
	for _, line := range strings.Split(prose, "\n") {
		if strings.HasPrefix(line, "# not a heading") || strings.HasPrefix(line, "- not an item") {
			t.Errorf("%s: scenario text makes a block of its own: %q", what, line)
		}
	}
}

// Issue 23.9: Markdown output (report, run, sweep) escapes everything a
// scenario supplies.
func TestMarkdownEscapesScenarioText(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "h.yaml")
	os.WriteFile(file, []byte(hostileScenario), 0o644)
	out := filepath.Join(dir, "r.md")
	if code, _, stderr := costdial("report", file, "--trials", "20", "-o", "markdown", "--out", out); code != 0 {
		t.Fatalf("report: exit %d\n%s", code, stderr)
	}
	md, _ := os.ReadFile(out)
	checkMarkdown(t, "report", string(md))
	for _, args := range [][]string{{"run", "-o", "markdown"}, {"sweep", "-o", "markdown"}} {
		code, stdout, stderr := costdial(append(args, file, "--trials", "20")...)
		if code != 0 {
			t.Fatalf("%s: exit %d\n%s", args[0], code, stderr)
		}
		checkMarkdown(t, args[0], stdout)
		if !strings.Contains(stdout, "&lt;script&gt;") {
			t.Errorf("%s: the scenario's name is not shown escaped:\n%s", args[0], stdout)
		}
	}
}

// Issue 23.10 and 23.11: the Markdown report's footer gives the command in
// a fenced block (a blank line in a --set value does not end it), every
// argument quoted for a POSIX shell, with every flag the run needed.
func TestReportFooterCommand(t *testing.T) {
	dir := t.TempDir()
	data, _ := os.ReadFile(smallSaas)
	file := filepath.Join(dir, "my design;touch PWNED;$(id).yaml")
	os.WriteFile(file, data, 0o644)
	out := filepath.Join(dir, "r.md")
	args := []string{"report", file, "--set", "description=ok\n\n<img src=x onerror=alert(1)>", "--trials", "20",
		"--max-incidents", "5000", "--max-trial-years", "1e6", "-o", "markdown", "--out", out}
	if code, _, stderr := costdial(args...); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	raw, _ := os.ReadFile(out)
	md := string(raw)
	checkMarkdown(t, "report", md)
	var command string
	_, blocks := splitFenced(md)
	for _, block := range blocks {
		if _, c, ok := strings.Cut(block, "command: "); ok {
			command = c // the footer's last line, with any new lines its arguments hold
		}
	}
	if command == "" {
		t.Fatalf("no fenced command in the footer:\n%s", md[max(0, len(md)-600):])
	}
	// the shell reads back exactly the arguments given
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	got, err := exec.Command(sh, "-c", "printf '%s\\0' "+strings.TrimPrefix(command, "costdial ")).Output()
	if err != nil {
		t.Fatalf("%v: %s", err, command)
	}
	read := strings.Split(strings.TrimSuffix(string(got), "\x00"), "\x00")
	want := []string{"report", file, "--set", "description=ok\n\n<img src=x onerror=alert(1)>", "--trials", "20",
		"--max-incidents", "5000", "--max-trial-years", "1e+06", "--output", "markdown", "--out", out}
	if strings.Join(read, "\x00") != strings.Join(want, "\x00") {
		t.Errorf("the footer's command reads as\n%q\nwant\n%q", read, want)
	}
	if _, err := os.Stat(filepath.Join(dir, "PWNED")); err == nil {
		t.Errorf("the command ran a command of the file name")
	}
}

// Issue 23.12 and 23.22: sweep.csv neutralises a cell a spreadsheet would
// evaluate, and leaves a figure empty where no incident was restored (JSON
// writes null), never inf or 0.
func TestSweepCSVCells(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "h.yaml")
	os.WriteFile(file, []byte(hostileScenario), 0o644)
	code, stdout, stderr := costdial("sweep", file, "--trials", "20", "-o", "csv", "--out", filepath.Join(dir, "o"))
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	written, _ := os.ReadFile(filepath.Join(dir, "o", "sweep.csv"))
	for what, text := range map[string]string{"-o csv": stdout, "sweep.csv": string(written)} {
		rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		var cells []string
		for _, row := range rows {
			for _, c := range row {
				if c != "" && strings.ContainsRune("=+@\t\r", rune(c[0])) {
					t.Errorf("%s: a spreadsheet evaluates %q", what, c)
				}
				if c != "" && c[0] == '\'' {
					cells = append(cells, c)
				}
			}
		}
		if strings.Join(cells, " ") != `'=HYPERLINK("http://x") '@SUM(1)` {
			t.Errorf("%s: neutralised cells %q", what, cells)
		}
	}

	// every incident a total loss: no percentile, no mean
	total := filepath.Join(dir, "total.yaml")
	os.WriteFile(total, []byte(`version: 1
name: t
service: {data: 1GiB}
stores: [{name: live, primary: true}, {name: b}]
backups: [{name: n, to: b, fail: 100%}]
failures: [{name: d, rate: 3/y}]
dial: [{set: backups.n.every, values: [1h, 2h]}]
`), 0o644)
	code, stdout, stderr = costdial("sweep", total, "--trials", "20", "-o", "csv")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	rows, _ := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	for _, row := range rows[1:] {
		for i, name := range rows[0] {
			switch name {
			case "rpo_at_target_hours", "rto_at_target_hours", "rpo_mean_hours", "rto_mean_hours":
				if row[i] != "" {
					t.Errorf("%s = %q for a design whose every incident is a total loss, want empty", name, row[i])
				}
			}
		}
	}
}

// Issue 23.13: validate and audit print a file name with escape sequences
// quoted, so it cannot clear the screen or forge a verdict.
func TestFileNamesQuoted(t *testing.T) {
	dir := t.TempDir()
	data, _ := os.ReadFile(smallSaas)
	name := filepath.Join(dir, "x\x1b[2J\x1b[H\x1b[32mALL GOOD\x1b[0m.yaml")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Skip("this file system refuses the name:", err)
	}
	bad := filepath.Join(dir, "y\x1b[2J.yaml")
	os.WriteFile(bad, []byte("version: 1\n"), 0o644)
	for _, args := range [][]string{{"validate", name, bad}, {"audit", name, bad}, {"validate", "-o", "json", name}} {
		_, stdout, stderr := costdial(args...)
		if strings.ContainsRune(stdout+stderr, '\x1b') {
			t.Errorf("%s prints an escape character:\n%q", args[0], stdout+stderr)
		}
		if args[1] != "-o" && !strings.Contains(stdout+stderr, `x\x1b[2J`) {
			t.Errorf("%s does not show the name quoted:\n%q", args[0], stdout+stderr)
		}
	}
}

// Issue 23.14: the Markdown report's chart links work when --out has a
// space (or a parenthesis) in its name.
func TestMarkdownChartLinks(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "budget report (v2).md")
	if code, _, stderr := costdial("report", smallSaas, "--trials", "20", "-o", "markdown", "--out", out); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	md, _ := os.ReadFile(out)
	links := regexp.MustCompile(`!\[[^\]]*\]\(([^)\s]+)\)`).FindAllStringSubmatch(string(md), -1)
	if len(links) != 5 {
		t.Fatalf("%d chart links, want 5:\n%s", len(links), md)
	}
	for _, l := range links {
		path, err := url.PathUnescape(l[1])
		if err != nil {
			t.Errorf("link %q: %v", l[1], err)
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, path)); err != nil {
			t.Errorf("link %q leads nowhere: %v", l[1], err)
		}
	}
}

// Issue 23.15: provider and region are plain text, as names are.
func TestProviderRegionPlainText(t *testing.T) {
	for _, field := range []string{"provider", "region"} {
		for _, v := range []string{"a\x1b[2Jb", "a\rb", "a\nb", "a\u202eb"} {
			code, _, stderr := costdial("validate", smallSaas, "--set", "stores.bucket."+field+"="+v)
			if code != 1 || !strings.Contains(stderr, "control or formatting character") || strings.ContainsAny(stderr, "\x1b\r") {
				t.Errorf("%s=%q: exit %d\n%q", field, v, code, stderr)
			}
		}
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "s.yaml")
	os.WriteFile(file, []byte(strings.Replace(hostileScenario, `region: "reg|ion"`, `region: "reg\u001b[2Jion"`, 1)), 0o644)
	if code, _, stderr := costdial("validate", file); code != 1 || !strings.Contains(stderr, "stores.b.region: control or formatting character") {
		t.Errorf("in a file: exit %d\n%q", code, stderr)
	}
}
