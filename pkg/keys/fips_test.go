package keys

import (
	"bytes"
	"crypto/fips140"
	"errors"
	"os"
	"os/exec"
	"testing"
)

// fipsChildEnv marks the child process of TestFIPSOnlyRefusesCleanly.
const fipsChildEnv = "GETVPNC_KEYS_FIPS_CHILD"

// TestFIPSOnlyRefusesCleanly runs TestFIPSOnlyChild in a child process with
// GODEBUG=fips140=only (the setting is fixed at start-up), where
// x509.EncryptPEMBlock would panic: Encrypt and Parse must return
// ErrFIPSOnly instead.
func TestFIPSOnlyRefusesCleanly(t *testing.T) {
	if os.Getenv(fipsChildEnv) != "" {
		t.Skip("in the child process")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestFIPSOnlyChild$", "-test.v")
	cmd.Env = append(os.Environ(), fipsChildEnv+"=1", "GODEBUG=fips140=only")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child failed: %v\n%s", err, out)
	}
	if !bytes.Contains(out, []byte("--- PASS: TestFIPSOnlyChild")) {
		t.Fatalf("child did not run TestFIPSOnlyChild:\n%s", out)
	}
}

func TestFIPSOnlyChild(t *testing.T) {
	if os.Getenv(fipsChildEnv) == "" {
		t.Skip("run by TestFIPSOnlyRefusesCleanly")
	}
	if !fips140.Enforced() {
		t.Fatal("child is not in FIPS 140-only mode")
	}
	key, err := Generate(2048)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Encrypt(key, []byte(samplePass), nil); !errors.Is(err, ErrFIPSOnly) {
		t.Errorf("Encrypt: %v, want ErrFIPSOnly", err)
	}
	if _, err := Parse(readFixture(t, "ios15-export-3des.txt"), []byte(samplePass)); !errors.Is(err, ErrFIPSOnly) {
		t.Errorf("Parse: %v, want ErrFIPSOnly", err)
	}
}
