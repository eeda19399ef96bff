package app

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
)

// run calls Main in process and returns the exit code, stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// snapshot reads every file under dir with its mode and mtime.
type fileState struct {
	data  []byte
	mode  os.FileMode
	mtime time.Time
}

func snapshot(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	out := map[string]fileState{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[rel] = fileState{data, fi.Mode(), fi.ModTime()}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(t *testing.T, a, b map[string]fileState, mtimes bool) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for p, x := range a {
		y, ok := b[p]
		switch {
		case !ok:
			t.Errorf("%s disappeared", p)
		case !bytes.Equal(x.data, y.data) || x.mode != y.mode:
			t.Errorf("%s changed", p)
		case mtimes && !x.mtime.Equal(y.mtime):
			t.Errorf("%s was rewritten", p)
		}
	}
}

// TestChangeManagement runs, for every shipped example, what a change
// pipeline does: compile twice (identical trees, the key reused, nothing
// rewritten), check the review copies hold no secret, `--check` (0, and 5
// after a hand edit, which it leaves alone).
func TestChangeManagement(t *testing.T) {
	passFile, err := filepath.Abs(filepath.Join(examplesDir, "demo-passphrase.txt"))
	if err != nil {
		t.Fatal(err)
	}
	pass := string(demoPassphrase(t))
	for _, dir := range exampleDirs(t) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			spec := filepath.Join(dir, "spec.yaml")
			out := filepath.Join(t.TempDir(), "out")
			compile := func(extra ...string) (int, string, string) {
				return run(t, append([]string{"compile", spec, "-o", out, "--passphrase-file", passFile}, extra...)...)
			}
			if code, _, stderr := compile(); code != 0 {
				t.Fatalf("first compile: %d\n%s", code, stderr)
			}
			first := snapshot(t, out)
			code, _, stderr := compile()
			if code != 0 || !strings.Contains(stderr, "reused from") || !strings.Contains(stderr, "is up to date") {
				t.Fatalf("second compile: %d\n%s", code, stderr)
			}
			sameTree(t, first, snapshot(t, out), true)

			// One review copy per script, none holding a secret.
			scripts, reviews := 0, 0
			for p, f := range first {
				switch {
				case strings.HasPrefix(p, "review/"):
					reviews++
					for _, leak := range []string{pass, "PRIVATE KEY-----", "Proc-Type:", "DEK-Info:"} {
						if bytes.Contains(f.data, []byte(leak)) {
							t.Errorf("%s holds %q", p, leak)
						}
					}
					if _, ok := first[strings.TrimPrefix(p, "review/")]; !ok {
						t.Errorf("%s has no deploy script", p)
					}
				case strings.HasSuffix(p, ".ios"):
					scripts++
				}
			}
			if scripts == 0 || scripts != reviews {
				t.Errorf("%d scripts, %d review copies", scripts, reviews)
			}

			if code, _, stderr := compile("--check"); code != 0 {
				t.Fatalf("--check on a fresh tree: %d\n%s", code, stderr)
			}
			var victim string
			for p := range first {
				if strings.HasSuffix(p, ".ios") && !strings.HasPrefix(p, "review/") {
					victim = p
					break
				}
			}
			edited := append(bytes.Clone(first[victim].data), []byte("ip route 0.0.0.0 0.0.0.0 192.0.2.254\n")...)
			if err := os.WriteFile(filepath.Join(out, victim), edited, 0o600); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, out)
			code, stdout, stderr := compile("--check")
			if code != exitcode.Drift || !strings.Contains(stdout, "changed  "+victim) {
				t.Fatalf("--check after a hand edit: %d\n%s\n%s", code, stdout, stderr)
			}
			if strings.Contains(stdout, pass) || strings.Contains(stdout, "ip route") {
				t.Errorf("--check showed a secret-bearing file:\n%s", stdout)
			}
			sameTree(t, before, snapshot(t, out), true)
		})
	}
}

// TestCheckDiffsReviewCopies edits a spec value and expects --check to show
// the change in the review copy's unified diff.
func TestCheckDiffsReviewCopies(t *testing.T) {
	passFile, _ := filepath.Abs(filepath.Join(examplesDir, "demo-passphrase.txt"))
	tmp := t.TempDir()
	data, err := readExampleSpec(t, "basic")
	if err != nil {
		t.Fatal(err)
	}
	spec := filepath.Join(tmp, "spec.yaml")
	os.WriteFile(spec, data, 0o644)
	out := filepath.Join(tmp, "out")
	if code, _, stderr := run(t, "compile", spec, "-o", out, "--passphrase-file", passFile); code != 0 {
		t.Fatal(stderr)
	}
	os.WriteFile(spec, bytes.Replace(data, []byte("lifetime: 7200"), []byte("lifetime: 3600"), 1), 0o644)
	code, stdout, _ := run(t, "compile", spec, "-o", out, "--passphrase-file", passFile, "--check")
	if code != exitcode.Drift {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{
		out + " is out of date [getvpnc/drift]:\n", // the rule ID, as on every printed problem
		"changed  ks1.ios (holds secrets: no diff shown; see its review copy)",
		"changed  review/ks1.ios\n",
		"--- a/review/ks1.ios\n+++ b/review/ks1.ios\n",
		"- set security-association lifetime seconds 7200\n+ set security-association lifetime seconds 3600\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("--check output lacks %q:\n%s", want, stdout)
		}
	}
}

// TestRotateKey: a rerun never changes the key; --rotate-key does, and says so.
func TestRotateKey(t *testing.T) {
	passFile, _ := filepath.Abs(filepath.Join(examplesDir, "demo-passphrase.txt"))
	spec := filepath.Join(examplesDir, "basic", "spec.yaml")
	out := filepath.Join(t.TempDir(), "out")
	key := filepath.Join(out, "keys", "GETVPN-REKEY-RSA.pem")
	if code, _, stderr := run(t, "compile", spec, "-o", out, "--passphrase-file", passFile); code != 0 {
		t.Fatal(stderr)
	}
	old, _ := os.ReadFile(key)
	code, _, stderr := run(t, "compile", spec, "-o", out, "--passphrase-file", passFile, "--rotate-key", "GETVPN-REKEY-RSA")
	if code != 0 || !strings.Contains(stderr, "rotated: new key generated, replacing the previous one") {
		t.Fatalf("%d\n%s", code, stderr)
	}
	if now, _ := os.ReadFile(key); bytes.Equal(now, old) {
		t.Fatal("--rotate-key kept the old key")
	}
	// The bundle now in OUT must not be replaced by a different passphrase.
	wrong := filepath.Join(t.TempDir(), "wrong")
	os.WriteFile(wrong, []byte("Another-Passphrase-9\n"), 0o600)
	code, _, stderr = run(t, "compile", spec, "-o", out, "--passphrase-file", wrong)
	if code != exitcode.Invalid || !strings.Contains(stderr, "--rotate-key GETVPN-REKEY-RSA to replace it") {
		t.Fatalf("a wrong passphrase must not rotate the key: %d\n%s", code, stderr)
	}
}

// TestValidateJSON parses validate --format json for a spec with an
// unknown key.
func TestValidateJSON(t *testing.T) {
	tmp := t.TempDir()
	data, _ := readExampleSpec(t, "basic")
	spec := filepath.Join(tmp, "spec.yaml")
	os.WriteFile(spec, bytes.Replace(data, []byte("    hostname: KS-2\n"), []byte("    hostname: KS-2\n    hostnme: typo\n"), 1), 0o644)
	code, stdout, stderr := run(t, "validate", spec, "--format", "json")
	if code != exitcode.Invalid || stderr != "" {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	var got []struct {
		File, Path, Code, Severity, Message string
		Line, Column                        int
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout)
	}
	if len(got) != 1 || got[0].File != spec || got[0].Line != 11 || got[0].Column != 5 || got[0].Path != "/keyServers/1/hostnme" ||
		got[0].Code != "schema/additionalProperties" || got[0].Severity != "error" || !strings.Contains(got[0].Message, `unknown property "hostnme"`) {
		t.Fatalf("got %+v", got)
	}
	// A valid spec gives an empty list, and a usage problem is a diagnostic too.
	if code, stdout, _ := run(t, "validate", filepath.Join(examplesDir, "basic", "spec.yaml"), "--format", "json"); code != 0 || strings.TrimSpace(stdout) != "[]" {
		t.Fatalf("valid spec: %d %q", code, stdout)
	}
	if code, stdout, _ := run(t, "compile", spec, "--format", "json"); code != exitcode.Usage || !strings.Contains(stdout, `"code": "getvpnc/usage"`) {
		t.Fatalf("usage in JSON: %d %s", code, stdout)
	}
}

// TestRerunFromElsewhereIsNotDrift: the same compile spelt differently
// (another working directory, ./ prefixes) writes the same bytes.
func TestRerunFromElsewhereIsNotDrift(t *testing.T) {
	passFile, _ := filepath.Abs(filepath.Join(examplesDir, "demo-passphrase.txt"))
	spec, _ := filepath.Abs(filepath.Join(examplesDir, "basic", "spec.yaml"))
	tmp := t.TempDir()
	out := filepath.Join(tmp, "out")
	if code, _, stderr := run(t, "compile", spec, "-o", out, "--passphrase-file", passFile); code != 0 {
		t.Fatal(stderr)
	}
	m, _ := os.ReadFile(filepath.Join(out, "manifest.json"))
	rel, _ := filepath.Rel(out, spec)
	if !strings.Contains(string(m), `"path": "`+filepath.ToSlash(rel)+`"`) {
		t.Fatalf("spec.path is not relative to the output directory:\n%s", m)
	}
	t.Chdir(tmp)
	relSpec, _ := filepath.Rel(tmp, spec)
	code, _, stderr := run(t, "compile", "./"+relSpec, "-o", "./out/", "--passphrase-file", passFile, "--check")
	if code != 0 {
		t.Fatalf("--check from another directory: %d\n%s", code, stderr)
	}
}

// TestCheckWithoutPassphrase: a pipeline without the passphrase can still
// run --check; it compares the review copies, which carry every non-secret
// change. It works on a full output tree and on the usual commit of one
// (review copies and manifest only, no deploy scripts or key bundles).
func TestCheckWithoutPassphrase(t *testing.T) {
	passFile, _ := filepath.Abs(filepath.Join(examplesDir, "demo-passphrase.txt"))
	tmp := t.TempDir()
	data, _ := readExampleSpec(t, "shared-ks")
	spec := filepath.Join(tmp, "spec.yaml")
	os.WriteFile(spec, data, 0o644)
	out := filepath.Join(tmp, "out")
	if code, _, stderr := run(t, "compile", spec, "-o", out, "--passphrase-file", passFile); code != 0 {
		t.Fatal(stderr)
	}
	check := func() (int, string, string) { return run(t, "compile", spec, "-o", out, "--check") }
	if code, _, stderr := check(); code != 0 || !strings.Contains(stderr, "checking the review copies only") {
		t.Fatalf("full tree: %d\n%s", code, stderr)
	}

	// Keep only what a pipeline commits.
	for _, p := range []string{"ks-a.ios", "ks-b.ios", "keys"} {
		os.RemoveAll(filepath.Join(out, p))
	}
	if code, stdout, stderr := check(); code != 0 {
		t.Fatalf("committed subset: %d\n%s%s", code, stdout, stderr)
	}
	os.WriteFile(spec, bytes.Replace(data, []byte("lifetime: 1800"), []byte("lifetime: 900"), 1), 0o644)
	code, stdout, _ := check()
	if code != exitcode.Drift || !strings.Contains(stdout, "\n- set security-association lifetime seconds 1800\n+ set security-association lifetime seconds 900\n") {
		t.Fatalf("a changed spec must show in the review diff: %d\n%s", code, stdout)
	}
	if !strings.Contains(stdout, "changed  review/ks-a.ios") || strings.Contains(stdout, "keys/") {
		t.Fatalf("report:\n%s", stdout)
	}
}
