package app

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestMemberScriptsOnlyChangeWithTheirContent: adding a member changes the
// key servers' scripts (a key line, the authorization ACL) and adds the
// member's, but leaves every other member's script byte for byte: at
// fleet scale a review must show the devices that change, not thousands
// that differ only in a hash of the spec.
func TestMemberScriptsOnlyChangeWithTheirContent(t *testing.T) {
	data, err := readExampleSpec(t, "enterprise")
	if err != nil {
		t.Fatal(err)
	}
	passFile, _ := filepath.Abs(filepath.Join(examplesDir, "demo-passphrase.txt"))
	tmp := t.TempDir()
	spec := filepath.Join(tmp, "spec.yaml")
	compile := func(text []byte, out string, extra ...string) {
		t.Helper()
		if err := os.WriteFile(spec, text, 0o644); err != nil {
			t.Fatal(err)
		}
		if code, _, stderr := run(t, append([]string{"compile", spec, "-o", out, "--passphrase-file", passFile}, extra...)...); code != 0 {
			t.Fatal(stderr)
		}
	}
	a, b := filepath.Join(tmp, "a"), filepath.Join(tmp, "b")
	compile(data, a)
	added := append(bytes.Clone(data), []byte("  - {name: br-oslo, hostname: BR-OSLO, address: 10.1.0.9, profile: branch}\n")...)
	compile(added, b, "--key", "CORP-REKEY="+filepath.Join(a, "keys", "CORP-REKEY.pem"), "--key", "VIDEO-REKEY="+filepath.Join(a, "keys", "VIDEO-REKEY.pem"))
	for _, name := range []string{"gm/br-berlin.ios", "review/gm/br-berlin.ios", "gm/br-london.ios"} {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		if !bytes.Equal(x, y) {
			t.Errorf("%s changed although only another member was added", name)
		}
	}
	x, _ := os.ReadFile(filepath.Join(a, "review", "ks-dc1.ios"))
	y, _ := os.ReadFile(filepath.Join(b, "review", "ks-dc1.ios"))
	if bytes.Equal(x, y) || !bytes.Contains(y, []byte("address 10.1.0.9\n")) {
		t.Error("the key server's script does not key the added member")
	}
}
