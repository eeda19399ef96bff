package app

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// examplesAbs is examplesDir made absolute when the tests start, for the
// tests that change directory.
var examplesAbs, _ = filepath.Abs(examplesDir)

// readExampleSpec returns the bytes of the spec of example name for a test
// that writes it somewhere else: its `{file: ../demo-secrets/...}`
// references, relative to the example's directory, are pointed at a copy
// of examples/demo-secrets in a directory of the test's own, so the spec
// compiles wherever the test puts it.
func readExampleSpec(t testing.TB, name string) ([]byte, error) {
	t.Helper()
	return readExampleSpecFile(t, filepath.Join(examplesDir, name, "spec.yaml"))
}

// readExampleSpecFile is readExampleSpec for a spec path.
func readExampleSpecFile(t testing.TB, path string) ([]byte, error) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	secrets := filepath.Join(t.TempDir(), "demo-secrets")
	if err := os.MkdirAll(secrets, 0o700); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(examplesAbs, "demo-secrets")
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(secrets, e.Name()), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return bytes.ReplaceAll(data, []byte("{file: ../demo-secrets/"), []byte("{file: "+filepath.ToSlash(secrets)+"/")), nil
}
