package secretref

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/infile"
	"github.com/getvpnc/getvpnc/pkg/secret"
	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// specText holds one reference per line, so every diagnostic's line
// says which reference it is about.
const specText = `ike:
  preSharedKeys:
    coop: {env: COOP_PSK}
    members: {file: secrets/members.psk}
groupMembers:
  - preSharedKey: "Leak-Canary-literal"
`

var (
	envRef  = spec.SecretRef{Ptr: "/ike/preSharedKeys/coop", Env: "COOP_PSK"}
	fileRef = spec.SecretRef{Ptr: "/ike/preSharedKeys/members", File: "secrets/members.psk"}
)

func literalRef(v string) spec.SecretRef {
	return spec.SecretRef{Ptr: "/groupMembers/0/preSharedKey", Literal: secret.New([]byte(v)), IsLiteral: true}
}

func loadDoc(t *testing.T) *source.Document {
	t.Helper()
	doc, diags := source.Load("spec.yaml", []byte(specText))
	if doc == nil {
		t.Fatal(diags)
	}
	return doc
}

func envOf(m map[string]string) LookupEnv {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

// writeSecretFile writes the members reference's file under dir.
func writeSecretFile(t *testing.T, dir, content string) string {
	t.Helper()
	p := filepath.Join(dir, "secrets", "members.psk")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// assertNoLeak fails when any diagnostic, printed as text or JSON, holds
// the value or a run of 6 of its characters.
func assertNoLeak(t *testing.T, l diag.List, values ...string) {
	t.Helper()
	var b bytes.Buffer
	diag.Print(&b, l)
	js, err := json.Marshal(diag.ToJSON(l))
	if err != nil {
		t.Fatal(err)
	}
	text := b.String() + string(js)
	for _, v := range values {
		for i := 0; i+6 <= len(v); i++ {
			if part := v[i : i+6]; strings.Contains(text, part) {
				t.Errorf("the diagnostics show %q of the secret:\n%s", part, text)
				break
			}
		}
	}
}

// one returns the only diagnostic of l, failing unless there is exactly one.
func one(t *testing.T, l diag.List) *diag.Diagnostic {
	t.Helper()
	if len(l) != 1 {
		t.Fatalf("%d diagnostics, want 1:\n%v", len(l), l)
	}
	return l[0]
}

func TestResolveEnv(t *testing.T) {
	res, l := Resolve([]spec.SecretRef{envRef}, loadDoc(t), t.TempDir(), envOf(map[string]string{"COOP_PSK": "Leak-Canary-1234-abcd"}))
	if len(l) != 0 {
		t.Fatalf("diagnostics: %v", l)
	}
	if got := string(res.Values["env:COOP_PSK"].Reveal()); got != "Leak-Canary-1234-abcd" {
		t.Errorf("value %q", got)
	}
}

func TestResolveEnvUnset(t *testing.T) {
	res, l := Resolve([]spec.SecretRef{envRef}, loadDoc(t), t.TempDir(), envOf(nil))
	d := one(t, l)
	if d.Severity != diag.Error || d.Code != CodeUnresolved || d.Pos.String() != "spec.yaml:3:17" || d.Path != "/ike/preSharedKeys/coop/env" {
		t.Errorf("got %s", d)
	}
	if !strings.Contains(d.Summary, "env:COOP_PSK") || !strings.Contains(d.Summary, "not set") {
		t.Errorf("message does not name the reference: %s", d)
	}
	if len(res.Absent) != 1 || res.Absent[0].Ref != "env:COOP_PSK" || res.Absent[0].Diag != d || len(res.Values) != 0 {
		t.Errorf("result %+v", res)
	}
}

// A variable set to "" is there, and empty: an error of its own, not an
// absent secret that --check may do without.
func TestResolveEnvEmpty(t *testing.T) {
	res, l := Resolve([]spec.SecretRef{envRef}, loadDoc(t), t.TempDir(), envOf(map[string]string{"COOP_PSK": ""}))
	if d := one(t, l); d.Code != CodeEmpty || d.Severity != diag.Error || !strings.Contains(d.Summary, "env:COOP_PSK") {
		t.Errorf("got %s", d)
	}
	if len(res.Absent) != 0 || len(res.Values) != 0 {
		t.Errorf("result %+v", res)
	}
}

func TestResolveFileRelativeToSpec(t *testing.T) {
	dir := t.TempDir()
	writeSecretFile(t, dir, "Leak-Canary-1234-file\r\n")
	res, l := Resolve([]spec.SecretRef{fileRef}, loadDoc(t), dir, envOf(nil))
	if len(l) != 0 {
		t.Fatalf("diagnostics: %v", l)
	}
	if got := string(res.Values["file:secrets/members.psk"].Reveal()); got != "Leak-Canary-1234-file" {
		t.Errorf("value %q, want the first line without its CRLF", got)
	}
}

func TestResolveFileAbsolute(t *testing.T) {
	p := writeSecretFile(t, t.TempDir(), "Leak-Canary-1234-abs\n")
	ref := spec.SecretRef{Ptr: fileRef.Ptr, File: p}
	res, l := Resolve([]spec.SecretRef{ref}, loadDoc(t), "/nonexistent-spec-dir", envOf(nil))
	if len(l) != 0 || string(res.Values["file:"+p].Reveal()) != "Leak-Canary-1234-abs" {
		t.Fatalf("diagnostics %v, values %v", l, res.Values)
	}
}

func TestResolveFileMissing(t *testing.T) {
	res, l := Resolve([]spec.SecretRef{fileRef}, loadDoc(t), t.TempDir(), envOf(nil))
	d := one(t, l)
	if d.Code != CodeUnresolved || d.Pos.String() != "spec.yaml:4:21" || !strings.Contains(d.Summary, "file:secrets/members.psk") {
		t.Errorf("got %s", d)
	}
	if len(res.Absent) != 1 || res.Absent[0].Ref != "file:secrets/members.psk" || res.Absent[0].Diag != d {
		t.Errorf("absent %v", res.Absent)
	}
}

// A file that is there but cannot be a secret file is refused at once —
// a FIFO without a writer is not waited for — and is not "absent":
// compile --check does not fall back over it.
func TestResolveFileRefused(t *testing.T) {
	for name, setup := range map[string]func(p string) error{
		"directory": func(p string) error { return os.MkdirAll(p, 0o755) },
		"fifo":      func(p string) error { return syscall.Mkfifo(p, 0o600) },
		"huge": func(p string) error {
			if err := os.WriteFile(p, nil, 0o600); err != nil {
				return err
			}
			return os.Truncate(p, infile.MaxSecretFile+1)
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "secrets", "members.psk")
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := setup(p); err != nil {
				t.Skip(err)
			}
			res, l := Resolve([]spec.SecretRef{fileRef}, loadDoc(t), dir, envOf(nil))
			d := one(t, l)
			if d.Code != CodeUnresolved || d.Severity != diag.Error || !strings.Contains(d.Summary, "file:secrets/members.psk") {
				t.Errorf("got %s", d)
			}
			if len(res.Absent) != 0 || len(res.Values) != 0 {
				t.Errorf("result %+v", res)
			}
		})
	}
}

// Further lines of a secret file are counted, positioned at the first of
// them, and never shown: they may be secrets too.
func TestResolveFileExtraLines(t *testing.T) {
	dir := t.TempDir()
	writeSecretFile(t, dir, "Leak-Canary-1234-first\n\n  \nLeak-Canary-second\nLeak-Canary-third\n")
	res, l := Resolve([]spec.SecretRef{fileRef}, loadDoc(t), dir, envOf(nil))
	d := one(t, l)
	if d.Code != CodeFileLines || d.Severity != diag.Warning || !strings.Contains(d.Summary, "2 more non-empty lines ignored") {
		t.Errorf("got %s", d)
	}
	if len(d.Related) != 1 || d.Related[0].Pos.Line != 4 {
		t.Errorf("related %+v, want line 4 of the secret file", d.Related)
	}
	if string(res.Values["file:secrets/members.psk"].Reveal()) != "Leak-Canary-1234-first" {
		t.Errorf("the first line is the secret")
	}
	assertNoLeak(t, l, "Leak-Canary-1234-first", "Leak-Canary-second", "Leak-Canary-third")
}

func TestResolveFileEmptyFirstLine(t *testing.T) {
	dir := t.TempDir()
	writeSecretFile(t, dir, "\r\nLeak-Canary-1234-second\n")
	res, l := Resolve([]spec.SecretRef{fileRef}, loadDoc(t), dir, envOf(nil))
	var codes []string
	for _, d := range l {
		codes = append(codes, d.Code)
	}
	if !slices.Contains(codes, CodeEmpty) || len(res.Values) != 0 {
		t.Errorf("codes %v, values %v", codes, res.Values)
	}
	assertNoLeak(t, l, "Leak-Canary-1234-second")
}

// TestValueChecks: each class of character a key line cannot take is
// named with its position, the length cap and the weak threshold hold at
// their edges, and no diagnostic shows any run of the value.
func TestValueChecks(t *testing.T) {
	long := "Leak-Canary-1234-" + strings.Repeat("x", MaxLength-17)
	for _, c := range []struct {
		value string
		want  []string // code: message part
	}{
		{"Leak-Canary-1234", nil},
		{"Leak Canary-1234", []string{CodeCharset + ": character 5 is a space"}},
		{"Leak-Canary-1234\t", []string{CodeCharset + ": character 17 is a control character"}},
		{"Leak-Canary-1234\x7f", []string{CodeCharset + ": character 17 is a control character"}},
		{"Leak-Cänary-1234", []string{CodeCharset + ": character 7 is a non-ASCII character"}},
		{"Leak-Canary-1234\xff", []string{CodeCharset + ": character 17 is a non-ASCII character"}},
		{"Leak-Canary?-1234", []string{CodeCharset + ": character 12 is '?'"}},
		{"Leak-\"Canary-1234", []string{CodeCharset + ": character 6 is '\"'"}},
		{"Leak Canary 1234 x", []string{CodeCharset + ": character 5 is a space (and 2 more characters it cannot take)"}},
		{long, nil},
		{long + "y", []string{CodeLength + ": longer than 64 characters"}},
		{long + " ", []string{CodeCharset + ": character 65 is a space", CodeLength + ": longer than 64"}},
		{"Leak-Canary-123", []string{CodeWeak + ": shorter than 16 characters"}},
		{"Leak Canary-12", []string{CodeCharset + ": a space"}}, // short, but refused: no weak warning on top
		{"", []string{CodeEmpty + ": is empty"}},
	} {
		t.Run(fmt.Sprintf("%q", c.value), func(t *testing.T) {
			res, l := Resolve([]spec.SecretRef{literalRef(c.value)}, loadDoc(t), t.TempDir(), envOf(nil))
			if len(l) != len(c.want) {
				t.Fatalf("%d diagnostics, want %d: %v", len(l), len(c.want), l)
			}
			for _, w := range c.want {
				code, part, _ := strings.Cut(w, ": ")
				if !slices.ContainsFunc(l, func(d *diag.Diagnostic) bool {
					return d.Code == code && strings.Contains(d.Message(), part) && d.Pos.String() == "spec.yaml:6:19" && strings.Contains(d.Summary, "literal:/groupMembers/0/preSharedKey")
				}) {
					t.Errorf("no %s at spec.yaml:6:19 saying %q: %v", code, part, l)
				}
			}
			_, ok := res.Values["literal:/groupMembers/0/preSharedKey"]
			if ok == l.HasErrors() {
				t.Errorf("value kept %v with errors %v", ok, l.HasErrors())
			}
			assertNoLeak(t, l, c.value)
		})
	}
}

// TestResolveOnce: a reference used twice (two members naming one
// variable) is read and reported once.
func TestResolveOnce(t *testing.T) {
	calls := 0
	lookup := func(string) (string, bool) { calls++; return "", false }
	second := envRef
	second.Ptr = "/groupMembers/0/preSharedKey"
	res, l := Resolve([]spec.SecretRef{envRef, second}, loadDoc(t), t.TempDir(), lookup)
	if calls != 1 || len(l) != 1 || len(res.Absent) != 1 {
		t.Errorf("%d lookups, diagnostics %v, absent %v", calls, l, res.Absent)
	}
}

func TestFirstLine(t *testing.T) {
	for in, want := range map[string][3]any{
		"":              {"", 0, 0},
		"k":             {"k", 0, 0},
		"k\r\n":         {"k", 0, 0},
		"k\n\n \t\n":    {"k", 0, 0},
		"k\nx\r\n\ny\n": {"k", 2, 2},
		"\nx":           {"", 1, 2},
	} {
		line, ignored, at := infile.FirstLine([]byte(in))
		if got := [3]any{string(line), ignored, at}; got != want {
			t.Errorf("firstLine(%q) = %v, want %v", in, got, want)
		}
	}
}
