package app

import (
	"os"

	"github.com/getvpnc/getvpnc/pkg/keys"

	"path/filepath"
	"testing"
)

// FuzzFront feeds arbitrary bytes through load, schema, semantic rules and
// plan: whatever the input, the stages must return diagnostics, never
// panic, and every error must carry the file name.
func FuzzFront(f *testing.F) {
	specs, _ := filepath.Glob(filepath.Join(examplesDir, "*", "spec.yaml"))
	scripts, _ := filepath.Glob("../../cmd/getvpnc/testdata/script/*.txtar")
	for _, p := range append(specs, scripts...) {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fr, err := frontFromBytes("f.yaml", data)
		if err != nil {
			t.Fatalf("front returned an error instead of diagnostics: %v", err)
		}
		for _, d := range fr.diags {
			if d.Pos.File != "f.yaml" {
				t.Errorf("diagnostic without the file: %s", d)
			}
		}
		if !fr.invalid && fr.plan == nil {
			t.Fatal("a valid spec must produce a plan")
		}
	})
}

// BenchmarkCompileExample measures the whole in-memory pipeline — load,
// validate, plan and render — on the multicast example, reusing its
// committed key (key generation is random-time and measured elsewhere).
func BenchmarkCompileExample(b *testing.B) {
	dir := filepath.Join(examplesDir, "multicast")
	data, err := readExampleSpecFile(b, filepath.Join(dir, "spec.yaml"))
	if err != nil {
		b.Fatal(err)
	}
	pem, err := os.ReadFile(filepath.Join(dir, "want", "keys", "WAN-REKEY.pem"))
	if err != nil {
		b.Fatal(err)
	}
	pass := []byte("demo-only-Passphrase-1")
	bundle, err := keys.Parse(pem, pass)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		f, err := frontFromBytes("spec.yaml", data)
		if err != nil || f.invalid {
			b.Fatal(err, f.diags)
		}
		if _, err := renderFront(f, map[string]*keys.Bundle{"WAN-REKEY": bundle}, pass); err != nil {
			b.Fatal(err)
		}
	}
}
