package app

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/keys/keytest"
)

// attackExport is an IOS-style export of a real 1024-bit key (label
// getvpnkey, passphrase cisco123) whose PUBLIC KEY base64 is wrapped so that
// it carries lines; their text with blanks removed is base64 of the key.
func attackExport(t *testing.T, lines ...string) (string, *keys.Bundle) {
	t.Helper()
	piece := strings.ReplaceAll(strings.Join(lines, ""), " ", "")
	k, err := keytest.KeyWithBase64(piece)
	if err != nil {
		t.Fatal(err)
	}
	b, err := keys.Encrypt(k, []byte("cisco123"), nil)
	if err != nil {
		t.Fatal(err)
	}
	body := keytest.Rewrap(b.SPKI(), piece, lines...)
	text := "KS-1(config)#crypto key export rsa getvpnkey pem terminal 3des cisco123\n% Key name: getvpnkey\n   Usage: General Purpose Key\n   Key data:\n" +
		"-----BEGIN PUBLIC KEY-----\n" + strings.Join(body, "\n") + "\n-----END PUBLIC KEY-----\n" + string(b.PrivatePEM)
	path := filepath.Join(t.TempDir(), "export.txt")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, b
}

// TestKeyFileCannotCarryIOSLines compiles through app.Main with a --key
// file that hides "quit" and a config line in its PUBLIC KEY base64: it is
// refused at the line, and nothing is written. The same key wrapped with
// pure-base64 lines is accepted, and every script and the bundle carry
// getvpnc's canonical encoding, never the file's lines.
func TestKeyFileCannotCarryIOSLines(t *testing.T) {
	spec := filepath.Join(examplesDir, "lab-ios15", "spec.yaml")
	pass := filepath.Join(t.TempDir(), "pass")
	os.WriteFile(pass, []byte("cisco123\n"), 0o600)

	evil, _ := attackExport(t, "quit", "username x privilege 15 secret 0 pwned")
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := run(t, "compile", spec, "-o", out, "--passphrase-file", pass, "--key", "getvpnkey="+evil)
	if code != exitcode.Invalid {
		t.Errorf("exit %d, want 1\n%s", code, stderr)
	}
	if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(evil) + `:8: .*not base64`).MatchString(stderr) {
		t.Errorf("no FILE:LINE message for the injected line:\n%s", stderr)
	}
	noLine(t, out, "username x privilege")
	if _, err := os.Stat(out); err == nil {
		t.Errorf("%s was written", out)
	}

	// plan refuses it the same way, without a passphrase.
	code, _, pstderr := run(t, "plan", spec, "--key", "getvpnkey="+evil)
	if code != exitcode.Invalid || !strings.Contains(pstderr, evil+":8: ") {
		t.Errorf("plan: exit %d\n%s", code, pstderr)
	}

	ok, b := attackExport(t, "quit", "usernamexprivilege15secret0pwned")
	code, _, stderr = run(t, "compile", spec, "-o", out, "--passphrase-file", pass, "--key", "getvpnkey="+ok)
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	canon := string(b.PublicPEM) + "quit\n" + string(b.PrivatePEM) + "quit\n"
	for _, name := range []string{"ks-1.ios", "ks-2.ios"} {
		data, _ := os.ReadFile(filepath.Join(out, name))
		if !strings.Contains(string(data), canon) {
			t.Errorf("%s does not carry the canonical blocks:\n%s", name, data)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(out, "keys", "getvpnkey.pem")); string(data) != string(b.File()) {
		t.Errorf("bundle is not the canonical encoding:\n%s", data)
	}
	noLine(t, out, "usernamexprivilege15secret0pwned")
}

// noLine fails if any file under dir has a line equal to or starting with s.
func noLine(t *testing.T, dir, s string) {
	t.Helper()
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return nil
		}
		data, _ := os.ReadFile(p)
		for _, l := range strings.Split(string(data), "\n") {
			if strings.HasPrefix(l, s) {
				t.Errorf("%s has the line %q", p, l)
			}
		}
		return nil
	})
}

// TestPlanChecksKeyFiles: every key-file problem found without the
// passphrase stops plan with exit 1 and the positioned message compile
// prints, where plan used to say "compile would go ahead".
func TestPlanChecksKeyFiles(t *testing.T) {
	spec := filepath.Join(examplesDir, "lab-ios15", "spec.yaml")
	dir := t.TempDir()
	pass := filepath.Join(dir, "pass")
	os.WriteFile(pass, []byte("cisco123\n"), 0o600)
	export, _ := os.ReadFile("../keys/testdata/ios15-export-3des.txt")
	s := string(export)
	begin := strings.Index(s, "-----BEGIN RSA")
	pub, priv := s[strings.Index(s, "-----BEGIN PUBLIC"):begin], s[begin:]
	blk, _ := pem.Decode([]byte(pub))
	sample, err := x509.ParsePKIXPublicKey(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	e1DER, _ := x509.MarshalPKIXPublicKey(&rsa.PublicKey{N: sample.(*rsa.PublicKey).N, E: 1})
	e1 := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: e1DER}))

	cases := map[string]struct {
		data string
		line string // FILE:LINE prefix expected, after the file name
	}{
		"no-private":    {pub, ": no RSA PRIVATE KEY block"},
		"two-private":   {pub + priv + priv, ":25: found 2 RSA PRIVATE KEY blocks"},
		"unencrypted":   {pub + strings.Replace(strings.Replace(priv, "Proc-Type: 4,ENCRYPTED\n", "", 1), "DEK-Info: DES-EDE3-CBC,54E8AFA5C254479C\n\n", "", 1), ":7: RSA PRIVATE KEY block is not encrypted"},
		"broken-base64": {pub + strings.Replace(priv, "pW+6CGVT", "pW+6CG*T", 1), ":11: damaged key block: this line of the RSA PRIVATE KEY block is not base64"},
		"e1":            {e1 + priv, ":1: the public exponent is 1"},
		"extra-header":  {pub + strings.Replace(priv, "\n\n", "\nX-Note: hi\n\n", 1), ":10: damaged key block: extra header"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join(dir, name+".pem")
			os.WriteFile(file, []byte(c.data), 0o600)
			code, _, stderr := run(t, "plan", spec, "--key", "getvpnkey="+file)
			if code != exitcode.Invalid || !strings.Contains(stderr, file+c.line) {
				t.Errorf("plan: exit %d, want 1 with %q\n%s", code, file+c.line, stderr)
			}
			ccode, _, cstderr := run(t, "compile", spec, "-o", filepath.Join(dir, "out-"+name), "--passphrase-file", pass, "--key", "getvpnkey="+file)
			if ccode != exitcode.Invalid || !strings.Contains(cstderr, file+c.line) {
				t.Errorf("compile: exit %d, want 1 with %q\n%s", ccode, file+c.line, cstderr)
			}
		})
	}
}

// TestKeyNameIsNeverShown: the "% Key name:" line of an export is key-file
// text, which may hold the passphrase (pasted there, or a garbled copy of
// the export command), so no message shows it: a name IOS could print (one
// printable token of at most 64 characters) that differs from the label is
// a key/label warning naming only the line; any other is refused as
// key/text, also without the text.
func TestKeyNameIsNeverShown(t *testing.T) {
	spec := filepath.Join(examplesDir, "lab-ios15", "spec.yaml")
	export, _ := os.ReadFile("../keys/testdata/ios15-export-3des.txt")
	secret := "S3cretPassw0rdXYZ"
	for _, c := range []struct {
		name, code, want string
		exit             int
	}{
		{"other-name", "key/label", ":2: warning: the \"% Key name:\" line of this export names another key of its device (not shown: key-file text may hold the passphrase); the scripts import it as getvpnkey", 0},
		{secret, "key/label", ":2: warning: the \"% Key name:\" line of this export names another key", 0},
		{"getvpnkey " + secret, "key/text", ":2: a \"% Key name:\" line IOS does not print", 1},
		{strings.Repeat("K", 65), "key/text", ":2: a \"% Key name:\" line IOS does not print", 1},
		{"k\u202eey", "key/text", ":2: a \"% Key name:\" line IOS does not print", 1},
	} {
		file := filepath.Join(t.TempDir(), "k.txt")
		os.WriteFile(file, []byte(strings.Replace(string(export), "% Key name: getvpnkey", "% Key name: "+c.name, 1)), 0o600)
		code, stdout, stderr := run(t, "plan", spec, "--key", "getvpnkey="+file)
		if code != c.exit || !strings.Contains(stderr, file+c.want) || !strings.Contains(stderr, "["+c.code+"]") {
			t.Errorf("%.40q: exit %d, want %d with %q [%s]\n%.600s", c.name, code, c.exit, file+c.want, c.code, stderr)
		}
		if strings.Contains(stdout+stderr, strings.Fields(c.name)[len(strings.Fields(c.name))-1]) && c.name != "other-name" {
			t.Errorf("%.40q: the key name reached the output:\n%.600s", c.name, stdout+stderr)
		}
		if c.name == "other-name" && strings.Contains(stderr, "other-name") {
			t.Errorf("the key name reached the output:\n%s", stderr)
		}
	}
}

// TestNonRSAKeyHoldsLabel: a key server whose `show crypto key mypubkey
// all` shows an EC key under the group's label is a conflict (exit 4, the
// table), not an import; --overwrite does not replace it either.
func TestNonRSAKeyHoldsLabel(t *testing.T) {
	spec := filepath.Join(examplesDir, "lab-ios15", "spec.yaml")
	inv := t.TempDir()
	ks1, _ := os.ReadFile("../inventory/testdata/ios15-ks1-getvpnkey.txt")
	os.WriteFile(filepath.Join(inv, "ks-1.txt"), []byte(strings.Replace(string(ks1), "Key name: getvpnkey", "Key name: other", 1)+"KS-1#\n"), 0o600)
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKIXPublicKey(&ec.PublicKey)
	ks2 := "KS-2#show crypto key mypubkey all\n% Key pair was generated at: 07:22:56 UTC Aug 30 2022\nKey name: getvpnkey\nKey type: EC KEYS\n" +
		" Storage Device: private-config\n Usage: Signature Key\n Key is not exportable. Redundancy enabled.\n Key Data:\n" + keys.FormatKeyData(der) + "\nKS-2#\n"
	os.WriteFile(filepath.Join(inv, "ks-2.txt"), []byte(ks2), 0o600)
	export, _ := filepath.Abs("../keys/testdata/ios15-export-3des.txt")
	for _, extra := range [][]string{nil, {"--overwrite"}} {
		args := append([]string{"plan", spec, "--inventory", inv, "--key", "getvpnkey=" + export}, extra...)
		code, stdout, stderr := run(t, args...)
		if code != exitcode.Conflict || !strings.Contains(stderr, "ks-2 holds an EC key under the label getvpnkey") ||
			!strings.Contains(stdout, "(EC key, not RSA)") || strings.Contains(stdout, "import\n") {
			t.Errorf("%v: exit %d\n%s%s", extra, code, stdout, stderr)
		}
	}
}
