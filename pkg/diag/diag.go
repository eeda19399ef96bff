// Package diag holds the diagnostics every pipeline stage returns: a problem in
// the user's input, where it is (file, line, column and JSON pointer), a stable
// code, and what to do about it. Stages collect diagnostics and never print;
// only Print formats them, so every command reports problems the same way.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a diagnostic blocks the build.
type Severity int

const (
	// Error blocks the build: nothing is written.
	Error Severity = iota + 1
	// Warning is reported but the build goes on.
	Warning
)

// String returns "error" or "warning", the words used in JSON output.
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Pos is a position in an input file. Line and Column are 1-based; Line 0
// means the problem has no position inside the file (a missing file, say).
type Pos struct {
	File   string
	Line   int
	Column int
}

// String formats the position as FILE:LINE:COL, FILE:LINE or FILE.
func (p Pos) String() string {
	switch {
	case p.Line <= 0:
		return p.File
	case p.Column <= 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column)
}

// Related is a secondary position that helps explain a diagnostic, such as
// where a duplicated name was first defined.
type Related struct {
	Pos Pos
	Msg string
}

// Diagnostic is one problem found in the inputs.
type Diagnostic struct {
	Severity Severity
	Pos      Pos
	// Path is the JSON pointer into the spec ("" when it does not apply).
	Path string
	// Code is a stable identifier such as "schema/type" or "spec/duplicate"; pkg/rules lists them all.
	Code string
	// Summary says what is wrong, in one line.
	Summary string
	// Detail says why, or what to do about it (a did-you-mean goes here).
	Detail  string
	Related []Related
	// rest is set on a summary Cap made: what it stands for.
	rest *rest
}

// Message is the summary followed by the detail, as printed on one line.
func (d *Diagnostic) Message() string {
	if d.Detail == "" {
		return d.Summary
	}
	if strings.HasSuffix(d.Summary, "?") {
		// A question ("did you mean X?") ends its own clause.
		return d.Summary + " " + d.Detail
	}
	return d.Summary + "; " + d.Detail
}

// String formats the diagnostic as FILE:LINE:COL: /pointer: message [rule].
// The rule ID in brackets ends the diagnostic's first line, so a reader or
// a grep finds what to look up with `getvpnc rules ID`; a message of
// several lines (a key-sync table, say) goes on beneath that line.
func (d *Diagnostic) String() string {
	var b strings.Builder
	if d.Pos.File != "" {
		b.WriteString(d.Pos.String())
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	if d.Path != "" {
		b.WriteString(d.Path)
		b.WriteString(": ")
	}
	first, rest, multi := strings.Cut(d.Message(), "\n")
	b.WriteString(first)
	if d.Code != "" {
		b.WriteString(" [")
		b.WriteString(d.Code)
		b.WriteString("]")
	}
	if multi {
		b.WriteString("\n")
		b.WriteString(rest)
	}
	return b.String()
}

// List collects diagnostics. The zero value is ready to use.
type List []*Diagnostic

// Add appends d.
func (l *List) Add(d *Diagnostic) { *l = append(*l, d) }

// Errorf appends an error at pos with the given code and pointer.
func (l *List) Errorf(pos Pos, path, code, format string, args ...any) {
	l.Add(&Diagnostic{Severity: Error, Pos: pos, Path: path, Code: code, Summary: fmt.Sprintf(format, args...)})
}

// Warnf appends a warning at pos with the given code and pointer.
func (l *List) Warnf(pos Pos, path, code, format string, args ...any) {
	l.Add(&Diagnostic{Severity: Warning, Pos: pos, Path: path, Code: code, Summary: fmt.Sprintf(format, args...)})
}

// Append adds every diagnostic of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the error diagnostics.
func (l List) Errors() List {
	var out List
	for _, d := range l {
		if d.Severity == Error {
			out = append(out, d)
		}
	}
	return out
}

// Sort orders the list by file, line, column, pointer, code and message, and
// drops exact repeats. Libraries such as jsonschema report in map order, so
// sorting is what makes output the same on every run.
func (l *List) Sort() {
	slices.SortStableFunc(*l, func(a, b *Diagnostic) int {
		return cmp.Or(
			comparePos(a.Pos, b.Pos),
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Code, b.Code),
			cmp.Compare(a.Message(), b.Message()),
		)
	})
	*l = slices.CompactFunc(*l, func(a, b *Diagnostic) bool {
		return a.String() == b.String()
	})
}

// comparePos orders positions by file, line and column, as Sort and Cap
// do.
func comparePos(a, b Pos) int {
	return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
}

// Error implements error so a List can travel as one; it names the first
// problem and how many more there are.
func (l List) Error() string {
	switch len(l) {
	case 0:
		return "no problems"
	case 1:
		return l[0].String()
	}
	return fmt.Sprintf("%s (and %d more)", l[0].String(), len(l)-1)
}
