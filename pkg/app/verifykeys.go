package app

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/verify"
)

// printVerifyTables writes verify's text result: per key, the expected
// key and a table of what each key server holds.
func printVerifyTables(w io.Writer, keys []verify.Key) {
	for _, k := range keys {
		fmt.Fprintf(w, "key %s: %s sha256 %s\n", k.Label, k.Source, orDash(k.SHA256))
		tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
		fmt.Fprintln(tw, "    key server\tholds (sha256 of the public key)\tresult")
		for _, m := range k.KeyServers {
			fmt.Fprintf(tw, "    %s\t%s\t%s\n", m.Name, orDash(m.Holds), m.Result)
		}
		tw.Flush()
	}
}

// printVerifyJSON writes verify's JSON document: the findings (none when
// verify stopped before comparing) and every diagnostic.
func (s *session) printVerifyJSON(keys []verify.Key) {
	if keys == nil {
		keys = []verify.Key{}
	}
	s.printDocJSON(struct {
		Keys        []verify.Key          `json:"keys"`
		Diagnostics []diag.JSONDiagnostic `json:"diagnostics"`
	}{keys, diag.ToJSON(s.diags)})
}

func orDash(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}
