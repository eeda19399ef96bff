package app

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
)

// baseCompile compiles the hostile catalogue's base spec into dir/out
// with its key and passphrase, and returns the spec, the passphrase file,
// the key file and out.
func baseCompile(t *testing.T) (spec, pass, key, out string) {
	t.Helper()
	base, err := filepath.Abs(filepath.Join(hostileDir, "_base"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	spec, pass, key = filepath.Join(base, "spec.yaml"), filepath.Join(base, "pass.txt"), filepath.Join(base, "mat", "good.pem")
	out = filepath.Join(dir, "out")
	if code, _, stderr := run(t, "compile", spec, "-o", out, "--passphrase-file", pass, "--key", "K="+key); code != 0 {
		t.Fatalf("compile: exit %d\n%s", code, stderr)
	}
	return spec, pass, key, out
}

// TestBrokenManifestEveryReader: however OUT/manifest.json is broken (cut
// short, data after the object, a list given as null, a bad sha256, a
// wrong type), every reader — compile, compile --check, plan -o and
// verify -o — refuses it as output/manifest at the manifest, at the line
// of the problem, with a message that reads cleanly.
func TestBrokenManifestEveryReader(t *testing.T) {
	spec, pass, key, out := baseCompile(t)
	manifest := filepath.Join(out, "manifest.json")
	good, err := os.ReadFile(manifest)
	if err != nil {
		t.Fatal(err)
	}
	lineOf := func(s string) int {
		i := strings.Index(string(good), s)
		if i < 0 {
			t.Fatalf("%q is not in the manifest", s)
		}
		return 1 + strings.Count(string(good[:i]), "\n")
	}
	inv := t.TempDir()
	base := filepath.Dir(spec)
	for _, ks := range []string{"ks1", "ks2"} {
		copyFile(t, filepath.Join(base, "mat", "cap-"+ks+".txt"), filepath.Join(inv, ks+".txt"))
	}
	files := lineOf(`"files": [`)
	for name, c := range map[string]struct {
		data string
		line int
		says string
	}{
		"cut short":    {`{"tool":`, 1, "the file ends before the manifest's object does"},
		"trailing":     {string(good) + "\n{}\n", strings.Count(string(good), "\n") + 2, "more follows the manifest's object"},
		"files null":   {strings.Replace(string(good), `"files": [`, `"files": null, "x": [`, 1), files, `"files" is null, where getvpnc writes a list`},
		"bad sha256":   {strings.Replace(string(good), `"sha256": "3608`, `"sha256": "X608`, 1), lineOf(`"sha256": "3608`), "keys[0] sha256"},
		"files number": {strings.Replace(string(good), `"files": [`, `"files": 5, "x": [`, 1), files, "files is a number, where getvpnc writes a list"},
	} {
		t.Run(name, func(t *testing.T) {
			writeFile(t, manifest, c.data)
			for _, args := range [][]string{
				{"compile", spec, "-o", out, "--passphrase-file", pass, "--key", "K=" + key},
				{"compile", spec, "-o", out, "--check", "--passphrase-file", pass, "--key", "K=" + key},
				{"plan", spec, "-o", out},
				{"verify", spec, "--inventory", inv, "-o", out},
			} {
				code, stdout, stderr := run(t, append(args, "--format", "json")...)
				diags, err := jsonDiagnostics(stdout)
				if err != nil {
					t.Fatalf("%s: %v\n%s", args[0], err, stderr)
				}
				found := false
				for _, d := range diags {
					if d.Code == "getvpnc/invalid" {
						t.Errorf("%s %s: refused without its rule: %s", args[0], args[3], d)
					}
					if d.Code == "output/manifest" {
						found = true
						if d.File != manifest || d.Line != c.line || d.Severity != "error" {
							t.Errorf("%s %s: %s, want an error at %s:%d", args[0], args[3], d, manifest, c.line)
						}
						if !strings.Contains(d.Message, c.says) || strings.Count(d.Message, manifest) > 0 || strings.Contains(d.Message, " ,") {
							t.Errorf("%s %s: message %q: want it to say %q, without repeating the path", args[0], args[3], d.Message, c.says)
						}
					}
				}
				if code != exitcode.Invalid || !found {
					t.Errorf("%s %s: exit %d, no output/manifest in:\n%s", args[0], args[3], code, listDiags(diags))
				}
				code, _, stderr = run(t, args...)
				if want := manifest + ":" + strconv.Itoa(c.line) + ": "; code != exitcode.Invalid || !strings.Contains(stderr, want) || !strings.Contains(stderr, "[output/manifest]") {
					t.Errorf("%s %s (text): exit %d, want %s... [output/manifest]:\n%s", args[0], args[3], code, want, stderr)
				}
			}
		})
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, string(data))
}
