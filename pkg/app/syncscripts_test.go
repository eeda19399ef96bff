package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/internal/ioscheck"
	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/render"
)

// TestSyncScriptsPassIOSCheck compiles the lab example through the
// key-sync paths that add commands — overwrite (zeroize with the label,
// `yes`, import) and phase 1 (generate, export) — and runs the independent
// IOS checker on every script written.
func TestSyncScriptsPassIOSCheck(t *testing.T) {
	exportFile, _ := filepath.Abs("../keys/testdata/ios15-export-3des.txt")
	tmp := t.TempDir()
	passFile := filepath.Join(tmp, "pass")
	os.WriteFile(passFile, []byte("cisco123\n"), 0o600)

	// ks-2 holds another key under the label: a conflict, overwritten.
	other, err := keys.Generate(1024)
	if err != nil {
		t.Fatal(err)
	}
	b, err := keys.Encrypt(other, []byte("cisco123"), nil)
	if err != nil {
		t.Fatal(err)
	}
	inv := filepath.Join(tmp, "inv")
	os.Mkdir(inv, 0o700)
	ks1, _ := os.ReadFile("../inventory/testdata/ios15-ks1-getvpnkey.txt")
	os.WriteFile(filepath.Join(inv, "ks-1.txt"), ks1, 0o600)
	ks2 := "KS-2#show crypto key mypubkey rsa\n% Key pair was generated at: 10:00:00 UTC Jan 1 2024\nKey name: getvpnkey\n" +
		"Key type: RSA KEYS\n Storage Device: not specified\n Usage: General Purpose Key\n Key is not exportable.\n Key Data:\n" +
		b.KeyData() + "\nKS-2#\n"
	os.WriteFile(filepath.Join(inv, "ks-2.txt"), []byte(ks2), 0o600)

	spec := filepath.Join(examplesDir, "lab-ios15", "spec.yaml")
	out := filepath.Join(tmp, "out")
	code, _, stderr := run(t, "compile", spec, "-o", out, "--inventory", inv, "--passphrase-file", passFile)
	if code != exitcode.Conflict {
		t.Fatalf("conflict: exit %d\n%s", code, stderr)
	}
	code, _, stderr = run(t, "compile", spec, "-o", out, "--inventory", inv, "--overwrite", "--key", "getvpnkey="+exportFile, "--passphrase-file", passFile)
	if code != 0 {
		t.Fatalf("overwrite: exit %d\n%s", code, stderr)
	}
	checkScripts(t, out, "cisco123", 2)
	s2, _ := os.ReadFile(filepath.Join(out, "ks-2.ios"))
	if !strings.Contains(string(s2), "crypto key zeroize rsa getvpnkey\nyes\n") {
		t.Fatalf("ks-2 does not replace its key:\n%s", s2)
	}

	// source: device — phase 1 writes the primary's generate/export script.
	data, _ := readExampleSpecFile(t, spec)
	dspec := filepath.Join(tmp, "device.yaml")
	os.WriteFile(dspec, []byte(strings.Replace(string(data), "{label: getvpnkey, modulus: 1024}", "{label: getvpnkey, modulus: 1024, source: device}", 1)), 0o644)
	out1 := filepath.Join(tmp, "phase1")
	// Phase 1 needs captures proving that no key server holds the label.
	empty := filepath.Join(tmp, "empty")
	os.Mkdir(empty, 0o700)
	for _, ks := range []string{"ks-1", "ks-2"} {
		os.WriteFile(filepath.Join(empty, ks+".txt"), []byte(strings.ToUpper(ks)+"#show crypto key mypubkey rsa\n"+strings.ToUpper(ks)+"#\n"), 0o600)
	}
	if code, _, stderr := run(t, "compile", dspec, "-o", out1, "--inventory", empty, "--passphrase-file", passFile); code != 0 {
		t.Fatalf("phase 1: exit %d\n%s", code, stderr)
	}
	checkScripts(t, out1, "cisco123", 1)
}

func checkScripts(t *testing.T, dir, pass string, want int) {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(dir, "*.ios"))
	if len(paths) != want {
		t.Fatalf("%d scripts in %s, want %d", len(paths), dir, want)
	}
	// Key servers the key sync leaves alone hold the key already.
	held := map[string][]string{}
	manifest, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m render.Manifest
	if err := json.Unmarshal(manifest, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range m.KeySync {
		for _, ks := range k.KeyServers {
			if ks.Action == "none" {
				held[ks.Name] = append(held[ks.Name], k.Label)
			}
		}
	}
	var scripts []*ioscheck.Script
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s, problems := ioscheck.Check(filepath.Base(p), data, ioscheck.Options{Passphrase: pass, AllowWeak: true, HeldLabels: held[strings.TrimSuffix(filepath.Base(p), ".ios")]})
		for _, pr := range problems {
			t.Error(pr)
		}
		scripts = append(scripts, s)
	}
	if want > 1 {
		for _, pr := range ioscheck.CheckGroup(scripts) {
			t.Error(pr)
		}
	}
}
