package app

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/inventory"
)

// verifiedKey is verify's finding for one rekey key: the key it expects
// and what each key server's capture holds under the label. The text
// tables and the JSON document are both printed from it, so they cannot
// disagree.
type verifiedKey struct {
	Label string `json:"label"`
	// Source is "expected key" (OUT's manifest or a --key file) or "the
	// primary's key" (neither was given).
	Source string `json:"source"`
	// SHA256 is the expected key's fingerprint; nil when unknown (no
	// expectation given and the primary holds no key under the label).
	SHA256     *string             `json:"sha256"`
	KeyServers []verifiedKeyServer `json:"keyServers"`
}

// verifiedKeyServer is one key server's row of a verifiedKey.
type verifiedKeyServer struct {
	Name string `json:"name"`
	// Holds is the fingerprint of the key the capture shows under the
	// label; nil when it shows none.
	Holds *string `json:"holds"`
	// Result is "ok", "DIFFERENT" or "MISSING".
	Result string `json:"result"`
}

// compareKeys compares, for every rekey key of the plan, each key
// server's capture with the expected key (expected, by label) or, without
// one, with the primary's key, and returns the findings with one
// verify/key-mismatch error per key server that does not match.
func compareKeys(f *front, expected map[string]string, captures map[string]*inventory.Capture) ([]verifiedKey, diag.List) {
	keys := []verifiedKey{}
	var mismatches diag.List
	for _, k := range f.plan.Keys {
		want, source := expected[k.Label], "expected key"
		if want == "" {
			// No expectation given: the primary's key, which every other
			// key server must equal.
			source = "the primary's key"
			if rec := captures[k.Primary].Find(k.Label); rec != nil {
				want = rec.Fingerprint()
			}
		}
		vk := verifiedKey{Label: k.Label, Source: source, SHA256: orNil(want), KeyServers: []verifiedKeyServer{}}
		for _, m := range k.KeyServers {
			row := verifiedKeyServer{Name: m.Name, Result: "MISSING"}
			if rec := captures[m.Name].Find(k.Label); rec != nil {
				held := rec.Fingerprint()
				row.Holds, row.Result = &held, "ok"
				if want == "" || held != want {
					row.Result = "DIFFERENT"
				}
			}
			if row.Result != "ok" {
				mismatches.Add(keyMismatch(captures[m.Name], m.Name, k.Label, row.Result, source))
			}
			vk.KeyServers = append(vk.KeyServers, row)
		}
		keys = append(keys, vk)
	}
	return keys, mismatches
}

// printVerifyTables writes verify's text result: per key, the expected
// key and a table of what each key server holds.
func printVerifyTables(w io.Writer, keys []verifiedKey) {
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
func (s *session) printVerifyJSON(keys []verifiedKey) {
	if keys == nil {
		keys = []verifiedKey{}
	}
	s.printDocJSON(struct {
		Keys        []verifiedKey         `json:"keys"`
		Diagnostics []diag.JSONDiagnostic `json:"diagnostics"`
	}{keys, diag.ToJSON(s.diags)})
}

func orNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func orDash(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}

// keyMismatch is the verify/key-mismatch error for one key server whose
// capture lacks the key or holds another one: at the capture's record of
// the label, or at the capture file when the label is not in it.
func keyMismatch(c *inventory.Capture, ks, label, result, source string) *diag.Diagnostic {
	d := &diag.Diagnostic{Severity: diag.Error, Code: "verify/key-mismatch"}
	if c != nil {
		d.Pos.File = c.File
		if rec := c.Find(label); rec != nil {
			d.Pos.Line = rec.Line
		}
	}
	if result == "MISSING" {
		d.Summary = fmt.Sprintf("key server %s does not hold key %s", ks, label)
		d.Detail = "import the key on it (its script, or the bundle with crypto key import rsa), then capture again"
	} else {
		if !strings.HasPrefix(source, "the ") {
			source = "the " + source
		}
		d.Summary = fmt.Sprintf("key server %s holds another key under %s: not %s", ks, label, source)
		d.Detail = "the key servers do not sign rekeys with one key: import the expected key on it, or run compile with --inventory to decide which key to keep"
	}
	return d
}
