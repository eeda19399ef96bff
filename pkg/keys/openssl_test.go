package keys

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// openssl runs the openssl binary, skipping the test when there is none
// (CI installs it). Passphrases go through files, never argv.
func openssl(t *testing.T, args ...string) (stdout, stderr []byte, err error) {
	t.Helper()
	bin, lookErr := exec.LookPath("openssl")
	if lookErr != nil {
		t.Skip("openssl not on PATH")
	}
	var out, errb bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	return out.Bytes(), errb.Bytes(), err
}

func writeTemp(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestOpenSSLReadsOurBundle checks that OpenSSL, the reference reader of
// legacy PEM, decrypts what Encrypt writes and derives the same public key.
func TestOpenSSLReadsOurBundle(t *testing.T) {
	pass := "Interop-Pass1"
	b, err := Encrypt(testKey(t), []byte(pass), nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	bundle := writeTemp(t, dir, "rekey.pem", b.File())
	passFile := writeTemp(t, dir, "pass", []byte(pass+"\n"))

	out, stderr, err := openssl(t, "rsa", "-in", bundle, "-passin", "file:"+passFile, "-pubout")
	if err != nil {
		t.Fatalf("openssl rsa -pubout: %v\n%s", err, stderr)
	}
	if !bytes.Equal(out, b.PublicPEM) {
		t.Errorf("openssl public key:\n%s\nwant PublicPEM:\n%s", out, b.PublicPEM)
	}

	out, stderr, err = openssl(t, "rsa", "-in", bundle, "-passin", "file:"+passFile, "-check", "-noout")
	if err != nil {
		t.Fatalf("openssl rsa -check: %v\n%s%s", err, out, stderr)
	}
	if !strings.Contains(string(out), "RSA key ok") {
		t.Errorf("openssl rsa -check printed %q", out)
	}

	wrong := writeTemp(t, dir, "wrong", []byte("Interop-Pass2\n"))
	if _, _, err := openssl(t, "rsa", "-in", bundle, "-passin", "file:"+wrong, "-check", "-noout"); err == nil {
		t.Error("openssl accepted a wrong passphrase")
	}
}

// TestParseReadsOpenSSLOutput goes the other way: a key OpenSSL
// re-encrypts as traditional 3DES PEM must parse, with the same key.
func TestParseReadsOpenSSLOutput(t *testing.T) {
	pass, newPass := "Interop-Pass1", "Other-Pass-22"
	b, err := Encrypt(testKey(t), []byte(pass), nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := writeTemp(t, dir, "in.pem", b.File())
	passFile := writeTemp(t, dir, "pass", []byte(pass+"\n"))
	newPassFile := writeTemp(t, dir, "newpass", []byte(newPass+"\n"))
	outFile := filepath.Join(dir, "out.pem")

	_, stderr, err := openssl(t, "rsa", "-in", in, "-passin", "file:"+passFile,
		"-des3", "-traditional", "-passout", "file:"+newPassFile, "-out", outFile)
	if err != nil {
		t.Fatalf("openssl rsa -des3 -traditional: %v\n%s", err, stderr)
	}
	data, err := os.ReadFile(outFile)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse(data, []byte(newPass))
	if err != nil {
		t.Fatalf("Parse of OpenSSL output: %v\n%s", err, data)
	}
	if !back.Key.Equal(b.Key) || !bytes.Equal(back.PublicPEM, b.PublicPEM) || back.Cipher != "DES-EDE3-CBC" {
		t.Error("OpenSSL round trip changed the key")
	}
}
