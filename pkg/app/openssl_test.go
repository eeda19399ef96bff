package app

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/render"
)

// requireOpenSSL returns the openssl binary; CI installs it, so there a
// missing binary fails instead of skipping.
func requireOpenSSL(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("openssl")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("openssl is not installed; .ci/run installs it")
		}
		t.Skip("openssl not installed")
	}
	return p
}

var importDialog = regexp.MustCompile(`(?m)^crypto key import rsa (\S+) (?:pem exportable )?terminal (\S+)\n(-----BEGIN PUBLIC KEY-----\n[^-]*-----END PUBLIC KEY-----\n)quit\n(-----BEGIN RSA PRIVATE KEY-----\n(?:[^-].*\n|\n)*-----END RSA PRIVATE KEY-----\n)quit\n`)

// TestExamplesOpenSSL checks, with OpenSSL as an independent reader, that
// every private key in every example output — in the bundles and in the
// import dialogs of the scripts — decrypts with the passphrase to the key
// whose public half the scripts import.
func TestExamplesOpenSSL(t *testing.T) {
	openssl := requireOpenSSL(t)
	pass := demoPassphrase(t)
	tmp := t.TempDir()
	passFile := filepath.Join(tmp, "pass")
	if err := os.WriteFile(passFile, pass, 0o600); err != nil {
		t.Fatal(err)
	}
	pubout := func(t *testing.T, privatePEM []byte) []byte {
		t.Helper()
		in := filepath.Join(tmp, "key.pem")
		if err := os.WriteFile(in, privatePEM, 0o600); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(openssl, "rsa", "-in", in, "-passin", "file:"+passFile, "-check", "-noout").CombinedOutput(); err != nil {
			t.Fatalf("openssl rsa -check: %v\n%s", err, out)
		}
		out, err := exec.Command(openssl, "rsa", "-in", in, "-passin", "file:"+passFile, "-pubout").Output()
		if err != nil {
			t.Fatalf("openssl rsa -pubout: %v", err)
		}
		return out
	}
	for _, dir := range exampleDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			_, bundles, files := compileExample(t, dir)
			for label, b := range bundles {
				if got := pubout(t, b.File()); !bytes.Equal(got, b.PublicPEM) {
					t.Errorf("bundle %s: OpenSSL's public key differs from the bundle's:\n%s", label, got)
				}
			}
			for _, f := range files {
				if k, ok := render.ScriptKind(f.Path); !ok || k != render.KindKeyServer {
					continue // a member script imports no key
				}
				dialogs := importDialog.FindAllSubmatch(f.Data, -1)
				if len(dialogs) == 0 {
					t.Fatalf("%s has no import dialog", f.Path)
				}
				for _, d := range dialogs {
					label, linePass, public, private := string(d[1]), d[2], d[3], d[4]
					if !bytes.Equal(linePass, pass) {
						t.Errorf("%s: the import line of %s does not carry the passphrase", f.Path, label)
					}
					if got := pubout(t, private); !bytes.Equal(got, public) {
						t.Errorf("%s: the private key of %s does not belong to the public key the script imports", f.Path, label)
					}
					if b := bundles[label]; b == nil || !bytes.Equal(public, b.PublicPEM) {
						t.Errorf("%s: imports a public key for %s that is not the bundle's", f.Path, label)
					}
				}
			}
		})
	}
}
