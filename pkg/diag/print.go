package diag

import (
	"encoding/json"
	"fmt"
	"io"
)

// Print writes one diagnostic per line, FILE:LINE:COL: /pointer: message,
// with related positions indented underneath.
func Print(w io.Writer, l List) {
	for _, d := range l {
		fmt.Fprintln(w, d.String())
		for _, r := range d.Related {
			fmt.Fprintf(w, "    %s: %s\n", r.Pos, r.Msg)
		}
	}
}

// JSONDiagnostic is the documented machine-readable form of a diagnostic.
type JSONDiagnostic struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Path     string `json:"path"`
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// ToJSON converts the list to its documented JSON form; an empty list becomes
// an empty array, never null.
func ToJSON(l List) []JSONDiagnostic {
	out := make([]JSONDiagnostic, 0, len(l))
	for _, d := range l {
		out = append(out, JSONDiagnostic{
			File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Column,
			Path: d.Path, Code: d.Code, Severity: d.Severity.String(), Message: d.Message(),
		})
	}
	return out
}

// PrintJSON writes the list as an indented JSON array.
func PrintJSON(w io.Writer, l List) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(ToJSON(l))
}
