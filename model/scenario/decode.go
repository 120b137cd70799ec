package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/costdial/costdial/internal/suggest"
	"go.yaml.in/yaml/v3"
)

// maxNodes bounds the YAML nodes (keys, values, list items) of a scenario,
// counted once as written and once with aliases expanded, so that a huge
// document or an alias bomb (a billion laughs) is refused at once instead
// of eating memory and burying the user in errors. A real scenario has a
// few hundred.
const maxNodes = 100000

// maxEntries bounds each list (stores, backups, dial values...), so that
// checks that compare entries with one another stay fast.
const maxEntries = 1000

// setter is implemented by the scalar value types of package units.
type setter interface{ Set(string) error }

// Parse decodes a scenario from YAML. It does not apply defaults or check
// the scenario: see Load for the whole pipeline. Every problem found while
// decoding is returned in an ErrorList; when the document itself was
// readable, the partly decoded scenario is returned with it.
func Parse(file string, data []byte) (*Scenario, error) {
	s := &Scenario{File: file, where: map[string]origin{}}
	p := &problems{s: s}
	if len(bytes.TrimSpace(data)) == 0 {
		p.list = append(p.list, &Error{File: file, Msg: "empty file: a scenario needs at least version, name, service.data, a primary store and a failure"})
		return nil, p.list.Err()
	}
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		p.list = append(p.list, &Error{File: file, Msg: "not a text file (binary data or invalid UTF-8): a scenario is a YAML text file"})
		return nil, p.list.Err()
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			p.list = append(p.list, &Error{File: file, Msg: "empty file: a scenario needs at least version, name, service.data, a primary store and a failure"})
		} else {
			p.list = append(p.list, yamlError(file, data, err))
		}
		return nil, p.list.Err()
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		p.list = append(p.list, &Error{File: file, Line: extra.Line, Col: extra.Column, Msg: "a second YAML document: a scenario file holds one"})
	}
	if n := countNodes(&doc, false, maxNodes); n > maxNodes {
		p.list = append(p.list, &Error{File: file, Msg: fmt.Sprintf("too large: more than %d YAML values (keys, values and list items); a scenario has a few hundred", maxNodes)})
		return nil, p.list.Err()
	}
	if n := countNodes(&doc, true, maxNodes); n > maxNodes {
		p.list = append(p.list, &Error{File: file, Msg: fmt.Sprintf("aliases (*name) expand to more than %d YAML values: refusing a possible alias bomb", maxNodes)})
		return nil, p.list.Err()
	}
	d := &decoder{p: p}
	root := &doc
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	if root.Kind != yaml.MappingNode {
		p.list = append(p.list, &Error{File: file, Line: root.Line, Col: root.Column, Msg: fmt.Sprintf("a scenario is a mapping of fields (got %s)", kindName(root))})
		return nil, p.list.Err()
	}
	d.decode(root, reflect.ValueOf(s).Elem(), "")
	s.decodeErrs = p.list
	if err := p.list.Err(); err != nil {
		return s, err // the scenario as far as it decoded, so Load can check the rest
	}
	return s, nil
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError turns a yaml.v3 syntax error into an Error with the file name,
// placed on the line that is wrong (see badLine).
func yamlError(file string, data []byte, err error) *Error {
	msg := err.Error()
	m := yamlLine.FindStringSubmatch(msg)
	if m == nil {
		return &Error{File: file, Msg: "invalid YAML: " + strings.TrimPrefix(msg, "yaml: ")}
	}
	line, _ := strconv.Atoi(m[1])
	lines := strings.SplitAfter(string(data), "\n")
	if k := badLine(lines, msg); k > 0 {
		line = k
	}
	e := &Error{File: file, Line: line, Col: 1, Msg: "invalid YAML: " + m[2]}
	if line <= len(lines) {
		e.Col = indentOf(lines[line-1]) + 1
		e.Msg += indentHint(lines, line)
	}
	return e
}

// badLine finds the line a YAML syntax error is on. yaml.v3 reports the
// line where the block holding the error began (a list dozens of lines
// up), not the line that broke it. Parsing stops at the first error, so
// the first n such that the first n lines alone fail with the same error
// is the line that broke it; a binary search finds it in a few parses. It
// returns 0 when no prefix reproduces the error.
func badLine(lines []string, msg string) int {
	fails := func(n int) bool {
		var doc yaml.Node
		err := yaml.Unmarshal([]byte(strings.Join(lines[:n], "")), &doc)
		return err != nil && err.Error() == msg
	}
	lo, hi := 0, len(lines) // fails(lo) is false (no lines), fails(hi) is the error
	if !fails(hi) {
		return 0
	}
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if fails(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// indentOf is the column at which a line's content starts, counting a
// list item's "- " as indentation: the column its fields line up with.
func indentOf(line string) int {
	n := 0
	for n < len(line) {
		switch {
		case line[n] == ' ':
			n++
		case line[n] == '-' && n+1 < len(line) && line[n+1] == ' ':
			n += 2
		default:
			return n
		}
	}
	return n
}

// indentHint names the line before line n (from 1) when the two are
// indented differently, the usual cause of a YAML syntax error: one of
// them is out of line.
func indentHint(lines []string, n int) string {
	for k := n - 1; k >= 1; k-- {
		prev := strings.TrimSpace(lines[k-1])
		if prev == "" || strings.HasPrefix(prev, "#") {
			continue
		}
		a, b := indentOf(lines[n-1]), indentOf(lines[k-1])
		if a == b || strings.HasSuffix(strings.TrimSpace(strings.SplitN(lines[k-1], " #", 2)[0]), ":") && a > b {
			return "" // in line with it, or the first field of the block it opens
		}
		return fmt.Sprintf(" (this line is indented %s, line %d before it %s: fields of one mapping line up)", spaces(a), k, spaces(b))
	}
	return ""
}

func spaces(n int) string {
	if n == 1 {
		return "1 space"
	}
	return fmt.Sprintf("%d spaces", n)
}

// countNodes counts the nodes under n, following aliases when expand is
// set, and stops counting past limit.
func countNodes(n *yaml.Node, expand bool, limit int) int {
	count := 0
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		if n == nil || count > limit {
			return
		}
		count++
		if depth > 1000 { // a cycle of aliases, or absurd nesting
			count = limit + 1
			return
		}
		if n.Kind == yaml.AliasNode {
			if expand {
				walk(n.Alias, depth+1)
			}
			return
		}
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return count
}

type decoder struct {
	p *problems
}

func (d *decoder) fail(n *yaml.Node, path, format string, args ...any) {
	d.p.list = append(d.p.list, &Error{File: d.p.s.File, Line: n.Line, Col: n.Column, Path: path, Msg: fmt.Sprintf(format, args...)})
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return strconv.Quote(n.Value)
	}
	return "an alias"
}

// fieldNames lists the YAML keys of a struct type, for "did you mean" help.
func fieldNames(t reflect.Type) []string {
	var names []string
	for i := 0; i < t.NumField(); i++ {
		if tag := t.Field(i).Tag.Get("yaml"); tag != "" && tag != "-" {
			names = append(names, tag)
		}
	}
	return names
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// decode stores node n into v, recording where each field was written.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind == yaml.AliasNode {
		d.decode(n.Alias, v, path)
		return
	}
	if path != "" {
		if _, seen := d.p.s.where[path]; !seen {
			d.p.s.where[path] = origin{line: n.Line, col: n.Column}
		}
	}
	if s, ok := v.Addr().Interface().(setter); ok {
		d.scalar(n, path, func(text string) error { return s.Set(text) })
		return
	}
	if a, ok := v.Addr().Interface().(*Assignments); ok {
		d.assignments(n, a, path)
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.mapping(n, v, path)
	case reflect.Slice:
		d.sequence(n, v, path)
	default:
		if msg := yamlType(n, v.Kind()); msg != "" {
			d.fail(n, path, "%s", msg)
			return
		}
		d.scalar(n, path, func(text string) error { return setBasic(v, text) })
	}
}

// yamlType refuses a scalar whose YAML type is not the field's: a number
// or a boolean written as text ("5000", "true") is text to YAML, and to
// the JSON Schema editors check files with, so the loader refuses it too:
// one rule in both. (--set values are text by nature, and parsed as the
// field wants.)
func yamlType(n *yaml.Node, kind reflect.Kind) string {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return "" // scalar says what is wrong
	}
	want, ok := map[reflect.Kind]string{
		reflect.Bool: "!!bool", reflect.Int: "!!int", reflect.Uint64: "!!int", reflect.Float64: "!!float",
	}[kind]
	if !ok || n.Tag == want || want == "!!float" && n.Tag == "!!int" {
		return ""
	}
	what := map[string]string{"!!bool": "true or false", "!!int": "a whole number", "!!float": "a number"}[want]
	if n.Tag == "!!str" && n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
		return fmt.Sprintf("expected %s, not text: write it without quotes (got %q)", what, n.Value)
	}
	return fmt.Sprintf("expected %s (got %q)", what, n.Value)
}

func (d *decoder) scalar(n *yaml.Node, path string, set func(string) error) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		d.fail(n, path, "expected a single value (got %s)", kindName(n))
		return
	}
	if err := set(n.Value); err != nil {
		d.fail(n, path, "%s", err)
	}
}

// setBasic parses text into a string, bool, int, uint or float field.
func setBasic(v reflect.Value, text string) error {
	switch v.Kind() {
	case reflect.String:
		v.SetString(text)
	case reflect.Bool:
		switch text {
		case "true":
			v.SetBool(true)
		case "false":
			v.SetBool(false)
		default:
			return fmt.Errorf("expected true or false (got %q)", text)
		}
	case reflect.Int:
		i, err := strconv.ParseInt(strings.ReplaceAll(text, "_", ""), 10, 64)
		if err != nil {
			return fmt.Errorf("expected a whole number (got %q)", text)
		}
		v.SetInt(i)
	case reflect.Uint64:
		u, err := strconv.ParseUint(strings.ReplaceAll(text, "_", ""), 10, 64)
		if err != nil {
			return fmt.Errorf("expected a whole number from 0 up (got %q)", text)
		}
		v.SetUint(u)
	case reflect.Float64:
		f, err := strconv.ParseFloat(strings.ReplaceAll(text, "_", ""), 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			return fmt.Errorf("expected a number (got %q)", text)
		}
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Errorf("expected a finite number (got %q)", text)
		}
		v.SetFloat(f)
	default:
		return fmt.Errorf("cannot set a %s", v.Kind())
	}
	return nil
}

func (d *decoder) mapping(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // "recovery:" with nothing under it: all defaults
	}
	if n.Kind != yaml.MappingNode {
		d.fail(n, path, "expected a mapping of fields (got %s)", kindName(n))
		return
	}
	t := v.Type()
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		key := k.Value
		if k.Tag == "!!merge" {
			d.fail(k, path, "merge keys (<<) are not supported: write the fields out")
			continue
		}
		if seen[key] {
			d.fail(k, join(path, key), "given twice")
			continue
		}
		seen[key] = true
		field := -1
		for j := 0; j < t.NumField(); j++ {
			if tag := t.Field(j).Tag.Get("yaml"); tag == key && tag != "-" && tag != "" {
				field = j
			}
		}
		if field < 0 {
			d.fail(k, join(path, key), "unknown field%s (got %q; known fields: %s)", suggest.DidYouMean(key, fieldNames(t), nil), key, strings.Join(fieldNames(t), ", "))
			continue
		}
		d.decode(val, v.Field(field), join(path, key))
	}
}

// assignments decodes a mapping of field paths to values, in the order
// written (a choice's set).
func (d *decoder) assignments(n *yaml.Node, a *Assignments, path string) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // "set:" with nothing under it: the scenario as written
	}
	if n.Kind != yaml.MappingNode {
		d.fail(n, path, "expected a mapping of field paths to values, e.g. {stores.vault.enabled: true} (got %s)", kindName(n))
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		for val.Kind == yaml.AliasNode {
			val = val.Alias
		}
		key := join(path, k.Value)
		switch {
		case k.Tag == "!!merge":
			d.fail(k, path, "merge keys (<<) are not supported: write the fields out")
			continue
		case seen[k.Value]:
			d.fail(k, key, "given twice")
			continue
		case val.Kind != yaml.ScalarNode || val.Tag == "!!null":
			d.fail(val, key, "expected a single value (got %s)", kindName(val))
			continue
		}
		seen[k.Value] = true
		d.p.s.where[key] = origin{line: val.Line, col: val.Column}
		*a = append(*a, Assignment{Path: k.Value, Value: val.Value})
	}
}

// elemName returns the `name` of a list element, used as its path segment.
func elemName(n *yaml.Node) string {
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "name" && n.Content[i+1].Kind == yaml.ScalarNode {
			return n.Content[i+1].Value
		}
	}
	return ""
}

func (d *decoder) sequence(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.fail(n, path, "expected a list (got %s)", kindName(n))
		return
	}
	if len(n.Content) > maxEntries {
		d.fail(n, path, "at most %d entries in a list (got %d): a scenario describes one service", maxEntries, len(n.Content))
		return
	}
	v.Set(reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content)))
	for i, c := range n.Content {
		p := fmt.Sprintf("%s[%d]", path, i)
		d.p.s.where[p] = origin{line: c.Line, col: c.Column}
		if name := elemName(c); name != "" && v.Type().Elem().Kind() == reflect.Struct {
			p = path + "." + name
		}
		d.decode(c, v.Index(i), p)
	}
}
