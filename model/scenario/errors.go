package scenario

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/costdial/costdial/internal/escape"
)

// Error is one problem in a scenario, located by file, line and column and
// by the field's path (stores.bucket.price).
type Error struct {
	File string
	Line int // 0 when the problem has no place in the file (a --set flag)
	Col  int
	Path string // field path; empty for problems with the document itself
	Msg  string
}

func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(escape.Terminal(e.File))
		b.WriteString(":")
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, "%d:%d:", e.Line, e.Col)
	}
	if b.Len() > 0 {
		b.WriteString(" ")
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return printable(b.String())
}

// printable escapes control and formatting characters (an escape
// sequence, a new line, a bidirectional override), so that no text from a
// scenario can move the cursor or forge a line of output.
func printable(s string) string {
	if _, bad := controlChar(s, ""); !bad {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if _, bad := controlChar(string(r), ""); bad {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// MaxShown is how many problems an ErrorList prints; the rest are counted.
const MaxShown = 50

// ErrorList is every problem found in a scenario, in file order.
type ErrorList []*Error

// Error prints one problem a line, each once, at most MaxShown of them
// followed by how many more there are, so that a cascade stays readable.
func (l ErrorList) Error() string {
	var msgs []string
	seen := map[string]bool{}
	for _, e := range l {
		m := e.Error()
		if seen[m] {
			continue
		}
		seen[m] = true
		msgs = append(msgs, m)
	}
	if n := len(msgs) - MaxShown; n > 0 {
		word := "problems"
		if n == 1 {
			word = "problem"
		}
		msgs = append(msgs[:MaxShown], fmt.Sprintf("... and %d more %s (fix the first ones and run again)", n, word))
	}
	return strings.Join(msgs, "\n")
}

// Err returns nil for an empty list, else the list sorted by position.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	sort.SliceStable(l, func(i, j int) bool {
		if l[i].Line != l[j].Line {
			return l[i].Line < l[j].Line
		}
		return l[i].Col < l[j].Col
	})
	return l
}

// origin is where a field's value came from.
type origin struct {
	line, col int
	flag      string // "--set PATH=VALUE" when the value came from the command line
}

// problems collects errors for one scenario, placing each by field path.
type problems struct {
	s    *Scenario
	list ErrorList
}

// at records a problem with the field at path, placed where the field (or
// its nearest written parent) was given.
func (p *problems) at(path, format string, args ...any) {
	e := &Error{File: p.s.File, Path: path, Msg: fmt.Sprintf(format, args...)}
	for q := path; ; {
		if o, ok := p.s.where[q]; ok {
			if o.flag != "" {
				e.Msg += " (from " + o.flag + ")"
			} else {
				e.Line, e.Col = o.line, o.col
			}
			break
		}
		i := strings.LastIndexAny(q, ".[")
		if i < 0 {
			break
		}
		q = q[:i]
	}
	p.list = append(p.list, e)
}
