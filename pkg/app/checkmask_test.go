package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
)

// TestCheckDiffHidesPreSharedKeys: a review copy overwritten with its
// deploy script (an operator's slip) is shown in --check's diff with the
// pre-shared keys masked, as the passphrase and private keys are.
func TestCheckDiffHidesPreSharedKeys(t *testing.T) {
	data, err := readExampleSpec(t, "enterprise")
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	spec := filepath.Join(tmp, "spec.yaml")
	if err := os.WriteFile(spec, data, 0o644); err != nil {
		t.Fatal(err)
	}
	passFile, _ := filepath.Abs(filepath.Join(examplesDir, "demo-passphrase.txt"))
	out := filepath.Join(tmp, "out")
	if code, _, stderr := run(t, "compile", spec, "-o", out, "--passphrase-file", passFile); code != 0 {
		t.Fatal(stderr)
	}
	var keys []string
	for _, name := range []string{"coop", "members"} {
		b, err := os.ReadFile(filepath.Join(examplesDir, "demo-secrets", name+".psk"))
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, strings.TrimSpace(string(b)))
	}
	for _, name := range []string{"gm/br-london.ios", "ks-dc1.ios"} {
		deploy, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, "review", name), deploy, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, stderr := run(t, "compile", spec, "-o", out, "--passphrase-file", passFile, "--check")
	if code != exitcode.Drift {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stdout, "-crypto isakmp key 0 <pre-shared key> address 10.255.0.1\n") {
		t.Errorf("the diff does not show the masked key line:\n%s", stdout)
	}
	for _, k := range keys {
		if strings.Contains(stdout+stderr, k) {
			t.Errorf("--check shows a pre-shared key:\n%s", stdout)
		}
	}
}
