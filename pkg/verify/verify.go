// Package verify is the decision of `getvpnc verify`: after a deployment,
// does every key server hold the rekey key it should? It compares, for
// every rekey key of the plan, the key each key server's capture
// (pkg/inventory) holds under the label with the expected key (from the
// output directory's manifest or a --key file) or, without one, with the
// primary's key, and returns the findings with one verify/key-mismatch
// error per key server that does not match. It reads and prints nothing:
// pkg/app prints the findings as tables or JSON, and shows the
// diagnostics as every stage's.
package verify

import (
	"fmt"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/inventory"
	"github.com/getvpnc/getvpnc/pkg/plan"
)

// CodeKeyMismatch is the rule of a key server whose capture lacks the
// expected key or holds another one.
const CodeKeyMismatch = "verify/key-mismatch"

// Results of one key server, as the table and the JSON show them.
const (
	ResultOK        = "ok"
	ResultDifferent = "DIFFERENT"
	ResultMissing   = "MISSING"
)

// Sources of the expected key.
const (
	SourceExpected = "expected key"      // OUT's manifest or a --key file
	SourcePrimary  = "the primary's key" // neither was given
)

// Key is the finding for one rekey key: the key expected and what each
// key server's capture holds under the label. The text tables and the
// JSON document are both printed from it, so they cannot disagree; its
// fields are verify's JSON contract (README, "getvpnc verify --format
// json").
type Key struct {
	Label string `json:"label"`
	// Source is SourceExpected or SourcePrimary.
	Source string `json:"source"`
	// SHA256 is the expected key's fingerprint; nil when unknown (no
	// expectation given and the primary holds no key under the label).
	SHA256     *string     `json:"sha256"`
	KeyServers []KeyServer `json:"keyServers"`
}

// KeyServer is one key server's row of a Key.
type KeyServer struct {
	Name string `json:"name"`
	// Holds is the fingerprint of the key the capture shows under the
	// label; nil when it shows none.
	Holds *string `json:"holds"`
	// Result is ResultOK, ResultDifferent or ResultMissing.
	Result string `json:"result"`
}

// Compare compares, for every key of keys, each key server's capture
// (captures, by key server name) with the expected key (expected, label
// → sha256) or, when none is expected, with the primary's key, and
// returns the findings (never nil) with one error per key server that
// does not match: verify/key-mismatch, or, for a key server whose capture
// lists no key under the label, what unproven returns when that capture
// cannot show the key is missing (taken at HOST>, filtered, without its
// command: importing the key is then not the fix). unproven may be nil.
func Compare(keys []plan.Key, expected map[string]string, captures map[string]*inventory.Capture, unproven func(ks, label string) *diag.Diagnostic) ([]Key, diag.List) {
	out := []Key{}
	var mismatches diag.List
	for _, k := range keys {
		want, source := expected[k.Label], SourceExpected
		if want == "" {
			// No expectation given: the primary's key, which every other
			// key server must equal.
			source = SourcePrimary
			if rec := captures[k.Primary].Find(k.Label); rec != nil {
				want = rec.Fingerprint()
			}
		}
		vk := Key{Label: k.Label, Source: source, SHA256: orNil(want), KeyServers: []KeyServer{}}
		for _, m := range k.KeyServers {
			row := KeyServer{Name: m.Name, Result: ResultMissing}
			if rec := captures[m.Name].Find(k.Label); rec != nil {
				held := rec.Fingerprint()
				row.Holds, row.Result = &held, ResultOK
				if want == "" || held != want {
					row.Result = ResultDifferent
				}
			}
			if row.Result != ResultOK {
				d := keyMismatch(captures[m.Name], m.Name, k.Label, row.Result, source)
				if row.Result == ResultMissing && unproven != nil {
					if p := unproven(m.Name, k.Label); p != nil {
						d = p
					}
				}
				mismatches.Add(d)
			}
			vk.KeyServers = append(vk.KeyServers, row)
		}
		out = append(out, vk)
	}
	return out, mismatches
}

func orNil(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// keyMismatch is the verify/key-mismatch error for one key server whose
// capture lacks the key or holds another one: at the capture's record of
// the label, or at the capture file when the label is not in it.
func keyMismatch(c *inventory.Capture, ks, label, result, source string) *diag.Diagnostic {
	d := &diag.Diagnostic{Severity: diag.Error, Code: CodeKeyMismatch}
	if c != nil {
		d.Pos.File = c.File
		if rec := c.Find(label); rec != nil {
			d.Pos.Line = rec.Line
		}
	}
	if result == ResultMissing {
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
