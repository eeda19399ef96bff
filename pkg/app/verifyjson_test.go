package app

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/exitcode"
)

// verifyDoc is verify's JSON document, decoded.
type verifyDoc struct {
	Keys        []verifyDocKey        `json:"keys"`
	Diagnostics []diag.JSONDiagnostic `json:"diagnostics"`
}

type verifyDocKey struct {
	Label      string        `json:"label"`
	Source     string        `json:"source"`
	SHA256     *string       `json:"sha256"`
	KeyServers []verifyDocKS `json:"keyServers"`
}

type verifyDocKS struct {
	Name   string  `json:"name"`
	Holds  *string `json:"holds"`
	Result string  `json:"result"`
}

// verifyJSON runs verify with --format json and decodes its stdout, which
// must be exactly one JSON document with every member present (null, not
// absent, for an unknown key) and nothing unknown.
func verifyJSON(t *testing.T, args ...string) (int, verifyDoc, string) {
	t.Helper()
	code, stdout, stderr := run(t, append([]string{"verify"}, args...)...)
	dec := json.NewDecoder(strings.NewReader(stdout))
	dec.DisallowUnknownFields()
	var doc verifyDoc
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("verify printed no JSON document: %v\nstdout:\n%s\nstderr:\n%s", err, stdout, stderr)
	}
	if dec.More() {
		t.Fatalf("stdout holds more than one JSON document:\n%s", stdout)
	}
	var raw struct {
		Keys        *[]map[string]json.RawMessage `json:"keys"`
		Diagnostics *[]json.RawMessage            `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(stdout), &raw); err != nil || raw.Keys == nil || raw.Diagnostics == nil {
		t.Fatalf("keys and diagnostics must be arrays, never null or absent:\n%s", stdout)
	}
	for _, k := range *raw.Keys {
		for _, m := range []string{"label", "source", "sha256", "keyServers"} {
			if _, ok := k[m]; !ok {
				t.Errorf("a key has no %q member:\n%s", m, stdout)
			}
		}
		var kss []map[string]json.RawMessage
		if err := json.Unmarshal(k["keyServers"], &kss); err != nil || kss == nil {
			t.Errorf("keyServers must be an array: %s", k["keyServers"])
		}
		for _, ks := range kss {
			for _, m := range []string{"name", "holds", "result"} {
				if _, ok := ks[m]; !ok {
					t.Errorf("a key server has no %q member:\n%s", m, stdout)
				}
			}
		}
	}
	return code, doc, stderr
}

func ptr(s string) *string { return &s }

// TestVerifyJSON: with --format json, verify prints one document on
// stdout — the keys as the table shows them and every diagnostic — also
// when it stops before comparing (a refused capture, a usage error), with
// the exit codes of text mode.
func TestVerifyJSON(t *testing.T) {
	withKey := []string{"--key", "K=mat/good.pem"}
	for _, tc := range []struct {
		verifyCase
		code  int
		keys  []verifyDocKey
		diags []string // "SEVERITY RULE FILE:LINE" of each diagnostic, in order
	}{
		{verifyCase{name: "ok", args: withKey}, 0,
			[]verifyDocKey{{"K", "expected key", ptr(goodFP), []verifyDocKS{{"ks2", ptr(goodFP), "ok"}, {"ks1", ptr(goodFP), "ok"}}}},
			nil},
		{verifyCase{name: "ok, the primary's key", ks3: true, spec: waiverUsed}, 0,
			[]verifyDocKey{{"K", "the primary's key", ptr(goodFP), []verifyDocKS{{"ks2", ptr(goodFP), "ok"}, {"ks1", ptr(goodFP), "ok"}}}},
			nil},
		{verifyCase{name: "mismatch", ks2: otherKey, args: withKey}, 1,
			[]verifyDocKey{{"K", "expected key", ptr(goodFP), []verifyDocKS{{"ks2", ptr(otherFP), "DIFFERENT"}, {"ks1", ptr(goodFP), "ok"}}}},
			[]string{"error verify/key-mismatch inv/ks2.txt:2"}},
		{verifyCase{name: "missing, no expected key", ks2: noKeyK}, 1,
			[]verifyDocKey{{"K", "the primary's key", nil, []verifyDocKS{{"ks2", nil, "MISSING"}, {"ks1", ptr(goodFP), "DIFFERENT"}}}},
			[]string{"error verify/key-mismatch inv/ks2.txt:0", "error verify/key-mismatch inv/ks1.txt:2"}},
		{verifyCase{name: "refused capture", ks1: otherHost, spec: waiverUsed, args: withKey}, 1, nil,
			[]string{"error verify/hostname inv/ks1.txt:1", "warning spec/waiver-unused spec.yaml:25"}},
		{verifyCase{name: "no key file", args: []string{"--key", "K=nothere.pem"}}, 1, nil,
			[]string{"error input/missing nothere.pem:0"}},
		{verifyCase{name: "two -o", args: []string{"-o", "a", "-o", "b"}}, 2, nil,
			[]string{"error getvpnc/usage :0"}},
		{verifyCase{name: "unknown flag", args: []string{"--bogus"}}, 2, nil,
			[]string{"error getvpnc/usage :0"}},
		{verifyCase{name: "-o and --key", args: []string{"-o", "out", "--key", "K=mat/good.pem"}}, 2, nil,
			[]string{"error getvpnc/usage :0"}},
		{verifyCase{name: "no --inventory", args: []string{"--inventory="}}, 2, nil,
			[]string{"error getvpnc/usage :0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.setup(t)
			args := append([]string{"spec.yaml", "--inventory", "inv", "--format", "json"}, tc.args...)
			code, doc, stderr := verifyJSON(t, args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, stderr)
			}
			if tc.keys == nil {
				tc.keys = []verifyDocKey{}
			}
			if !reflect.DeepEqual(doc.Keys, tc.keys) {
				got, _ := json.Marshal(doc.Keys)
				want, _ := json.Marshal(tc.keys)
				t.Errorf("keys:\n%s\nwant:\n%s", got, want)
			}
			var got []string
			for _, d := range doc.Diagnostics {
				if d.Rule != d.Code {
					t.Errorf("rule %q, code %q: the same ID", d.Rule, d.Code)
				}
				got = append(got, d.Severity+" "+d.Code+" "+d.File+":"+strconv.Itoa(d.Line))
			}
			if !reflect.DeepEqual(got, tc.diags) {
				t.Errorf("diagnostics %q, want %q", got, tc.diags)
			}
			// The waivers' count, and nothing else, may go to stderr.
			if stderr != "" && !strings.HasSuffix(stderr, "waived by the spec\n") {
				t.Errorf("stderr holds more than the waivers' count:\n%s", stderr)
			}
		})
	}
	t.Run("no inventory flag", func(t *testing.T) {
		verifyCase{}.setup(t)
		code, doc, _ := verifyJSON(t, "spec.yaml", "--format", "json")
		if code != exitcode.Usage || len(doc.Keys) != 0 || len(doc.Diagnostics) != 1 || doc.Diagnostics[0].Code != "getvpnc/usage" ||
			!strings.Contains(doc.Diagnostics[0].Message, "--inventory DIR") {
			t.Errorf("exit %d, %+v: want exit 2 and one getvpnc/usage naming --inventory", code, doc)
		}
	})
	t.Run("bad --format", func(t *testing.T) {
		verifyCase{}.setup(t)
		code, stdout, stderr := run(t, "verify", "spec.yaml", "--inventory", "inv", "--format", "yaml")
		if code != exitcode.Usage || stdout != "" || !strings.Contains(stderr, "--format must be text or json") {
			t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
		}
	})
}
