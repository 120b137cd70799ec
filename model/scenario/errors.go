package scenario

import (
	"fmt"
	"sort"
	"strings"
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
		b.WriteString(e.File)
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
	return b.String()
}

// ErrorList is every problem found in a scenario, in file order.
type ErrorList []*Error

func (l ErrorList) Error() string {
	msgs := make([]string, len(l))
	for i, e := range l {
		msgs[i] = e.Error()
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
