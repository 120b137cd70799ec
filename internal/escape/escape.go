// Package escape makes text a scenario supplies safe for where it lands:
// a Markdown document, a CSV cell, a POSIX shell command, a terminal. Each
// place has one function; every renderer calls it rather than escaping on
// its own. (HTML is escaped by html/template.)
package escape

import (
	"net/url"
	"strconv"
	"strings"
	"unicode"
)

// markdownSpecial are the characters that start Markdown markup anywhere
// in a line (emphasis, code, links, images, tables, strike-through, raw
// HTML, entities), with what each becomes. A backslash escape renders the
// character itself in CommonMark and GitHub; <, > and & become entities,
// which every Markdown tool renders as the character and none reads as
// HTML.
var markdownSpecial = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
	`|`, `\|`, `~`, `\~`, `<`, `&lt;`, `>`, `&gt;`, `&`, `&amp;`,
)

// Markdown returns text as Markdown that renders as the text itself, on
// one line: markup characters are escaped, raw HTML (a <script>, a <!--
// that would hide the rest of the page) becomes text, and new lines and
// tabs become spaces, so that the text cannot end the table cell, list
// item or paragraph it is put in. What would start a block at the start
// of a line (a heading's #, a list's - or 1., a rule of - or =) is
// escaped there.
func Markdown(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if text == "" {
		return text
	}
	text = markdownSpecial.Replace(text)
	if digits := len(text) - len(strings.TrimLeft(text, "0123456789")); digits > 0 && blockStart(text) {
		return text[:digits] + `\` + text[digits:] // 1\. (a backslash escapes punctuation only)
	}
	if blockStart(text) {
		return `\` + text
	}
	return text
}

// blockStart reports whether text at the start of a line would begin a
// block: a heading, a list item, a thematic break or a setext underline.
func blockStart(text string) bool {
	spaced := func(i int) bool { return i >= len(text) || text[i] == ' ' }
	if strings.Trim(text, "-= ") == "" {
		return true
	}
	switch text[0] {
	case '#':
		hashes := len(text) - len(strings.TrimLeft(text, "#"))
		return hashes < len(text) && spaced(hashes)
	case '-', '+':
		return spaced(1)
	}
	digits := len(text) - len(strings.TrimLeft(text, "0123456789"))
	return digits > 0 && digits < len(text) && (text[digits] == '.' || text[digits] == ')') && spaced(digits+1)
}

// MarkdownLink returns a relative file path as the destination of a
// Markdown link or image, percent-encoded so that a space, a parenthesis
// or a bracket in a file name cannot end the link.
func MarkdownLink(path string) string {
	parts := strings.Split(path, "/")
	for i, p := range parts {
		p = url.PathEscape(p)
		p = strings.NewReplacer("(", "%28", ")", "%29", "<", "%3C", ">", "%3E", "*", "%2A", "_", "%5F").Replace(p)
		parts[i] = p
	}
	return strings.Join(parts, "/")
}

// MarkdownCode returns lines as a fenced code block, which Markdown shows
// verbatim: no HTML, no markup, and no blank line inside ends it. The
// fence is longer than any run of backticks in the text, so nothing in it
// can close it.
func MarkdownCode(lines ...string) string {
	text := strings.Join(lines, "\n")
	longest, run := 0, 0
	for _, r := range text {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", max(3, longest+1))
	return fence + "\n" + text + "\n" + fence + "\n"
}

// CSVCell neutralises a cell that a spreadsheet would read as a formula:
// one starting with =, +, -, @, a tab or a carriage return gets a leading
// single quote, which spreadsheets show as text. A number (a negative one
// too) is left as it is. The CSV writer quotes the cell where it must.
func CSVCell(cell string) string {
	if cell == "" || !strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return cell
	}
	if _, err := strconv.ParseFloat(cell, 64); err == nil {
		return cell
	}
	return "'" + cell
}

// Shell quotes an argument for a POSIX shell, so that a command pasted
// into one runs with exactly these arguments: an argument of plain
// characters is left as it is, any other is put in single quotes, where
// nothing is expanded (a single quote inside closes them, is escaped with
// a backslash, and opens them again).
func Shell(arg string) string {
	if arg != "" && strings.IndexFunc(arg, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=:,+@%", r))
	}) < 0 {
		return arg
	}
	return "'" + strings.ReplaceAll(arg, "'", `'\''`) + "'"
}

// ShellCommand quotes every argument and joins them with spaces.
func ShellCommand(args ...string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = Shell(a)
	}
	return strings.Join(q, " ")
}

// Unprintable reports whether r is a control or invisible formatting
// character (an escape, a new line, a right-to-left override), which can
// move a terminal's cursor or disguise text.
func Unprintable(r rune) bool {
	return unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == unicode.ReplacementChar
}

// Terminal returns text to print on a terminal: as it is when every
// character is printable, else quoted as a Go string ("a\x1b[2J"), so
// that no escape sequence reaches the terminal and the reader sees that
// the text is odd.
func Terminal(text string) string {
	if strings.IndexFunc(text, Unprintable) < 0 {
		return text
	}
	return strconv.Quote(text)
}
