package diag

import (
	"fmt"
	"io"

	"github.com/getvpnc/getvpnc/pkg/jsonout"
)

// Print writes one diagnostic per line, FILE:LINE:COL: /pointer: message
// [rule], with related positions indented underneath.
func Print(w io.Writer, l List) {
	for _, d := range l {
		fmt.Fprintln(w, d.String())
		for _, r := range d.Related {
			fmt.Fprintf(w, "    %s: %s\n", r.Pos, r.Msg)
		}
	}
}

// JSONDiagnostic is the documented machine-readable form of a diagnostic
// (README, "JSON diagnostics"). Rule and Code hold the same ID: code is
// the field the first releases had, kept so existing consumers go on
// working; rule is the name the catalogue uses.
type JSONDiagnostic struct {
	File     string        `json:"file"`
	Line     int           `json:"line"`
	Column   int           `json:"column"`
	Path     string        `json:"path"`
	Code     string        `json:"code"`
	Rule     string        `json:"rule"`
	Severity string        `json:"severity"`
	Message  string        `json:"message"`
	Related  []JSONRelated `json:"related"`
}

// JSONRelated is a related position in JSON: where a duplicate was first
// defined, say.
type JSONRelated struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// ToJSON converts the list to its documented JSON form; an empty list, and
// a diagnostic's empty related list, become empty arrays, never null, so a
// consumer can iterate without a check.
func ToJSON(l List) []JSONDiagnostic {
	out := make([]JSONDiagnostic, 0, len(l))
	for _, d := range l {
		rel := make([]JSONRelated, 0, len(d.Related))
		for _, r := range d.Related {
			rel = append(rel, JSONRelated{File: r.Pos.File, Line: r.Pos.Line, Column: r.Pos.Column, Message: r.Msg})
		}
		out = append(out, JSONDiagnostic{
			File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Column,
			Path: d.Path, Code: d.Code, Rule: d.Code, Severity: d.Severity.String(), Message: d.Message(),
			Related: rel,
		})
	}
	return out
}

// PrintJSON writes the list as a JSON array, as jsonout writes every
// JSON document (a message's "->" or "<name>" stays as it reads in text).
func PrintJSON(w io.Writer, l List) error {
	return jsonout.Write(w, ToJSON(l))
}
