package source

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// parse checks the encoding, parses the single YAML document in data and
// returns its top node. A nil node means the file cannot be converted; the
// list then says why.
func parse(file string, data []byte) (*yaml.Node, diag.List) {
	var diags diag.List
	if d := checkEncoding(file, data); d != nil {
		diags.Add(d)
		return nil, diags
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			diags.Add(emptySpec(file))
		} else {
			diags.Add(syntaxError(file, data, err))
		}
		return nil, diags
	}
	if len(doc.Content) == 0 || isEmptyNull(doc.Content[0]) {
		diags.Add(emptySpec(file))
		return nil, diags
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case errors.Is(err, io.EOF):
	case err != nil:
		diags.Add(syntaxError(file, data, err))
	default:
		diags.Add(secondDocument(file, data, next.Line))
	}
	return doc.Content[0], diags
}

// isEmptyNull reports whether n is the implicit null of a document with no
// content, such as "---" alone or a file of comments.
func isEmptyNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null" && n.Value == "" && n.Style == 0
}

func emptySpec(file string) *diag.Diagnostic {
	// File-level: there is no line to point at.
	return &diag.Diagnostic{
		Severity: diag.Error,
		Pos:      diag.Pos{File: file},
		Code:     "yaml/empty",
		Summary:  "the spec is empty",
	}
}

func secondDocument(file string, data []byte, line int) *diag.Diagnostic {
	if line < 1 {
		line = 1
	}
	d := &diag.Diagnostic{
		Severity: diag.Error,
		Pos:      diag.Pos{File: file, Line: line, Column: 1},
		Code:     "yaml/multiple-documents",
		Summary:  "only one YAML document per spec",
	}
	if strings.HasPrefix(sourceLine(data, line), "---") {
		d.Detail = fmt.Sprintf("remove the '---' at line %d", line)
	} else {
		d.Detail = fmt.Sprintf("a second document starts at line %d: remove it", line)
	}
	return d
}

// sourceLine returns line n (1-based) of data without its line break.
func sourceLine(data []byte, n int) string {
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(data, '\n')
		if j < 0 {
			return ""
		}
		data = data[j+1:]
	}
	if j := bytes.IndexByte(data, '\n'); j >= 0 {
		data = data[:j]
	}
	return string(bytes.TrimSuffix(data, []byte("\r")))
}

// lineCount is the number of lines a reader sees in data: a final line
// break does not start a new line.
func lineCount(data []byte) int {
	n := bytes.Count(data, []byte("\n"))
	if len(data) > 0 && data[len(data)-1] != '\n' {
		n++
	}
	return max(n, 1)
}

// checkEncoding reports the first byte sequence that is not YAML-printable
// UTF-8: invalid UTF-8 (a Latin-1 or UTF-16 file), NUL bytes (a binary file)
// and control characters. yaml.v3 reports these without a position and
// accepts UTF-16, so they are checked here first. It returns nil when the
// whole file is fine. Columns count characters, as yaml.v3's do.
func checkEncoding(file string, data []byte) *diag.Diagnostic {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		pos := diag.Pos{File: file, Line: line, Column: col}
		switch {
		case r == utf8.RuneError && size == 1:
			return &diag.Diagnostic{
				Severity: diag.Error, Pos: pos, Code: "yaml/encoding",
				Summary: fmt.Sprintf("the file is not valid UTF-8 (byte 0x%02x)", data[i]),
				Detail:  "save it as UTF-8 text",
			}
		case r == 0:
			return &diag.Diagnostic{
				Severity: diag.Error, Pos: pos, Code: "yaml/encoding",
				Summary: "the file contains a NUL byte",
				Detail:  "it is binary or saved as UTF-16: save it as UTF-8 text",
			}
		case !yamlPrintable(r):
			return &diag.Diagnostic{
				Severity: diag.Error, Pos: pos, Code: "yaml/encoding",
				Summary: fmt.Sprintf("control character %U is not allowed in YAML", r),
				Detail:  "remove it (inside double quotes it can be written as an escape such as \\x01)",
			}
		}
		i += size
		switch {
		case r == '\n':
			line, col = line+1, 1
		case r == '\r' && (i >= len(data) || data[i] != '\n'):
			line, col = line+1, 1 // a lone CR also ends a line in YAML
		case r == '\r':
			// CR of a CRLF pair: the LF ends the line.
		default:
			col++
		}
	}
	return nil
}

// yamlPrintable is the character set YAML 1.1 allows in a stream, the same
// check yaml.v3's reader makes.
func yamlPrintable(r rune) bool {
	switch {
	case r == '\t', r == '\n', r == '\r':
		return true
	case r >= 0x20 && r <= 0x7E:
		return true
	case r == 0x85:
		return true
	case r >= 0xA0 && r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return true
	}
	return r >= 0x10000 && r <= 0x10FFFF
}

var (
	// yaml.v3 formats syntax errors as "yaml: line N: problem", or
	// "yaml: problem" when the problem is on the first line.
	syntaxLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)
	// "yaml: unknown anchor 'x' referenced" carries no line at all.
	unknownAnchorRE = regexp.MustCompile(`^yaml: unknown anchor '(.*)' referenced$`)
)

// parserProblems are the messages of yaml.v3's parser (parserc.go) as
// opposed to its scanner. For these, yaml.v3 reports the 0-based line of
// the problem (it adds one only for scanner errors), so the real line is
// one more than the number in the message.
var parserProblems = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"did not find expected node content":     true,
	"did not find expected key":              true,
	"did not find expected '-' indicator":    true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found duplicate %TAG directive":         true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

// syntaxError turns a yaml.v3 parse error into a positioned diagnostic.
// yaml.v3 reports a line but never a column, so the column is left out.
func syntaxError(file string, data []byte, err error) *diag.Diagnostic {
	msg := err.Error()
	d := &diag.Diagnostic{Severity: diag.Error, Code: "yaml/syntax", Pos: diag.Pos{File: file, Line: 1}}
	if m := unknownAnchorRE.FindStringSubmatch(msg); m != nil {
		// Aliases are rejected anyway; say so where the alias is.
		d.Code = "yaml/alias"
		// The name is not repeated: the parser cannot say where in the
		// spec the alias stands, and where a pre-shared key goes the
		// name may be the key (the position shows the alias).
		d.Summary = "this alias refers to an anchor that is not defined"
		d.Detail = "anchors and aliases are not supported: write the value out"
		d.Pos.Line, d.Pos.Column = findAlias(data, m[1])
		return d
	}
	problem := strings.TrimPrefix(msg, "yaml: ")
	if m := syntaxLineRE.FindStringSubmatch(msg); m != nil {
		n, convErr := strconv.Atoi(m[1])
		if convErr == nil && n > 0 {
			d.Pos.Line = n
		}
		problem = m[2]
	}
	if parserProblems[problem] {
		// The line is 0-based for parser errors; a message without a line
		// means line 0, which is line 1 all the same.
		if _, hadLine := strings.CutPrefix(msg, "yaml: line "); hadLine {
			d.Pos.Line++
		}
	}
	// End-of-input problems can name the empty line after the final line
	// break; point at the last line a reader can see.
	d.Pos.Line = min(d.Pos.Line, lineCount(data))
	d.Summary = "invalid YAML: " + problem
	return d
}

// findAlias returns the line and column of the first "*name" in data that
// is followed by a character that cannot continue an alias name, or line 1
// when there is none.
func findAlias(data []byte, name string) (line, col int) {
	needle := []byte("*" + name)
	for off := 0; ; {
		i := bytes.Index(data[off:], needle)
		if i < 0 {
			return 1, 0
		}
		i += off
		end := i + len(needle)
		if end == len(data) || bytes.IndexByte([]byte(" \t\r\n,]}"), data[end]) >= 0 {
			line = bytes.Count(data[:i], []byte("\n")) + 1
			start := bytes.LastIndexByte(data[:i], '\n') + 1
			return line, utf8.RuneCount(data[start:i]) + 1
		}
		off = end
	}
}
