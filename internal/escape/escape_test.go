package escape

import (
	"encoding/csv"
	"os/exec"
	"strings"
	"testing"
)

func TestMarkdown(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"small-saas", "small-saas"},
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"ends here <!--", "ends here &lt;!--"},
		{"a | b", `a \| b`},
		{"*bold* _it_ `code` [l](x) ~~s~~", "\\*bold\\* \\_it\\_ \\`code\\` \\[l\\](x) \\~\\~s\\~\\~"},
		{"line one\n\nline two\t!", "line one line two !"},
		{"# heading", `\# heading`},
		{"#hashtag", "#hashtag"},
		{"#", "#"},
		{"- item", `\- item`},
		{"-0/y", "-0/y"},
		{"1. first", `1\. first`},
		{"12) x", `12\) x`},
		{"0.5", "0.5"},
		{"---", `\---`},
		{"&lt;b&gt;", "&amp;lt;b&amp;gt;"},
		{`back\slash`, `back\\slash`},
	} {
		if got := Markdown(tc.in); got != tc.want {
			t.Errorf("Markdown(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMarkdownLink(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"budget-cost-rpo.png", "budget-cost-rpo.png"},
		{"budget report-cost-rpo.png", "budget%20report-cost-rpo.png"},
		{"a(b)<c>[d].png", "a%28b%29%3Cc%3E%5Bd%5D.png"},
	} {
		if got := MarkdownLink(tc.in); got != tc.want {
			t.Errorf("MarkdownLink(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMarkdownCode(t *testing.T) {
	got := MarkdownCode("costdial run --set 'x=a", "", "<b>```</b>'")
	want := "````\ncostdial run --set 'x=a\n\n<b>```</b>'\n````\n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCSVCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"4h", "4h"},
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+3/y", "'+3/y"},
		{"-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"},
		{"@SUM(1)", "'@SUM(1)"},
		{"\t=1", "'\t=1"},
		{"-1.5", "-1.5"},
		{"", ""},
	} {
		if got := CSVCell(tc.in); got != tc.want {
			t.Errorf("CSVCell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// the writer quotes what needs it, after neutralising
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write([]string{CSVCell(`=1+2,"x"`)})
	w.Flush()
	if got := b.String(); got != `"'=1+2,""x"""`+"\n" {
		t.Errorf("written as %q", got)
	}
}

// A quoted argument reaches a real shell as it was.
func TestShell(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	args := []string{"plain.yaml", "my design;touch PWNED;$(id).yaml", "it's", "", "a\nb", "`id`", "*", "~", "--set=x=1h"}
	out, err := exec.Command(sh, "-c", "printf '%s\\0' "+ShellCommand(args...)).Output()
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00")
	if strings.Join(got, "|") != strings.Join(args, "|") {
		t.Errorf("the shell read %q, want %q", got, args)
	}
	if Shell("plain.yaml") != "plain.yaml" || Shell("a b") != "'a b'" {
		t.Errorf("plain arguments are quoted, or others not")
	}
}

func TestTerminal(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"scenarios/small-saas.yaml", "scenarios/small-saas.yaml"},
		{"my design.yaml", "my design.yaml"},
		{"x\x1b[2J\x1b[32mALL GOOD.yaml", `"x\x1b[2J\x1b[32mALL GOOD.yaml"`},
		{"a\u202eb", `"a\u202eb"`},
	} {
		if got := Terminal(tc.in); got != tc.want {
			t.Errorf("Terminal(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
