package verify

import (
	"testing"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/inventory"
	"github.com/getvpnc/getvpnc/pkg/plan"
)

func capture(file string, recs ...inventory.Key) *inventory.Capture {
	return &inventory.Capture{File: file, Keys: recs}
}

// TestCompare: every key server of every key gets a row; one that lacks
// the key (MISSING, at its capture file) or holds another (DIFFERENT, at
// the record's line) is one verify/key-mismatch error. Without an
// expected key the primary's is expected; when the primary holds none,
// nothing is known to be right.
func TestCompare(t *testing.T) {
	a, b := []byte("key A"), []byte("key B")
	fpA := (&inventory.Key{SPKI: a}).Fingerprint()
	k := plan.Key{Label: "K", Primary: "ks1", KeyServers: []plan.Member{{Name: "ks1"}, {Name: "ks2"}, {Name: "ks3"}}}
	captures := map[string]*inventory.Capture{
		"ks1": capture("inv/ks1.txt", inventory.Key{Label: "K", Type: "RSA", Line: 3, SPKI: a}),
		"ks2": capture("inv/ks2.txt", inventory.Key{Label: "K", Type: "RSA", Line: 9, SPKI: b}),
		"ks3": capture("inv/ks3.txt", inventory.Key{Label: "other", Type: "RSA", Line: 2, SPKI: a}),
	}
	type row struct{ name, result string }
	check := func(t *testing.T, got Key, source string, sha *string, rows []row) {
		t.Helper()
		if got.Label != "K" || got.Source != source || (got.SHA256 == nil) != (sha == nil) || sha != nil && *got.SHA256 != *sha {
			t.Errorf("key %+v, want source %q sha256 %v", got, source, sha)
		}
		if len(got.KeyServers) != len(rows) {
			t.Fatalf("rows %+v, want %v", got.KeyServers, rows)
		}
		for i, r := range rows {
			if ks := got.KeyServers[i]; ks.Name != r.name || ks.Result != r.result || (ks.Holds == nil) != (r.result == ResultMissing) {
				t.Errorf("row %d: %+v, want %v", i, ks, r)
			}
		}
	}
	mismatch := func(t *testing.T, d *diag.Diagnostic, pos, summary string) {
		t.Helper()
		if d.Severity != diag.Error || d.Code != CodeKeyMismatch || d.Pos.String() != pos || d.Summary != summary {
			t.Errorf("got %s (%v), want an error %s at %s: %s", d, d.Pos, CodeKeyMismatch, pos, summary)
		}
	}

	// The primary's key is expected: ks2 differs, ks3 lacks it.
	keys, l := Compare([]plan.Key{k}, nil, captures, nil)
	if len(keys) != 1 || len(l) != 2 {
		t.Fatalf("keys %+v, diagnostics %v", keys, l)
	}
	check(t, keys[0], SourcePrimary, &fpA, []row{{"ks1", ResultOK}, {"ks2", ResultDifferent}, {"ks3", ResultMissing}})
	mismatch(t, l[0], "inv/ks2.txt:9", "key server ks2 holds another key under K: not the primary's key")
	mismatch(t, l[1], "inv/ks3.txt", "key server ks3 does not hold key K")

	// An expected key that nobody holds: every holder differs.
	keys, l = Compare([]plan.Key{k}, map[string]string{"K": "00"}, captures, nil)
	zero := "00"
	check(t, keys[0], SourceExpected, &zero, []row{{"ks1", ResultDifferent}, {"ks2", ResultDifferent}, {"ks3", ResultMissing}})
	if len(l) != 3 {
		t.Fatalf("diagnostics %v", l)
	}
	mismatch(t, l[0], "inv/ks1.txt:3", "key server ks1 holds another key under K: not the expected key")

	// No expectation and a primary without the key: nothing is ok.
	delete(captures, "ks1")
	keys, l = Compare([]plan.Key{k}, nil, captures, nil)
	check(t, keys[0], SourcePrimary, nil, []row{{"ks1", ResultMissing}, {"ks2", ResultDifferent}, {"ks3", ResultMissing}})
	if len(l) != 3 || l[0].Pos.File != "" {
		t.Fatalf("a key server without a capture has no position: %v", l)
	}

	if keys, l := Compare(nil, nil, nil, nil); keys == nil || len(keys) != 0 || l != nil {
		t.Errorf("no keys: %v %v", keys, l)
	}
}

// TestCompareUnproven: only a MISSING row takes unproven's diagnostic; a
// DIFFERENT row of the same capture stays verify/key-mismatch.
func TestCompareUnproven(t *testing.T) {
	a, b := []byte("key A"), []byte("key B")
	keys := []plan.Key{
		{Label: "K", Primary: "ks1", KeyServers: []plan.Member{{Name: "ks1"}, {Name: "ks2"}}},
		{Label: "L", Primary: "ks1", KeyServers: []plan.Member{{Name: "ks2"}}},
	}
	captures := map[string]*inventory.Capture{
		"ks1": capture("inv/ks1.txt", inventory.Key{Label: "K", Type: "RSA", Line: 3, SPKI: a}),
		"ks2": capture("inv/ks2.txt", inventory.Key{Label: "K", Type: "RSA", Line: 9, SPKI: b}),
	}
	var asked []string
	unproven := func(ks, label string) *diag.Diagnostic {
		asked = append(asked, ks+"/"+label)
		return &diag.Diagnostic{Severity: diag.Error, Pos: diag.Pos{File: "inv/" + ks + ".txt", Line: 1}, Code: "inventory/not-privileged"}
	}
	_, l := Compare(keys, nil, captures, unproven)
	if len(l) != 2 || l[0].Code != CodeKeyMismatch || l[0].Pos.String() != "inv/ks2.txt:9" || l[1].Code != "inventory/not-privileged" {
		t.Errorf("got %v", l)
	}
	if len(asked) != 1 || asked[0] != "ks2/L" {
		t.Errorf("unproven asked for %v, want only ks2/L", asked)
	}
}
