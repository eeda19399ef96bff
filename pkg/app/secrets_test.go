package app

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/infile"
	"github.com/getvpnc/getvpnc/pkg/render"
)

// pskSpec keys the COOP pair from the environment, the members from a
// file beside the spec, and one member (br2) from a variable of its own.
// The reference lines are 11, 12 and 34.
const pskSpec = `version: 1
keyServers:
  - {name: ks1, hostname: KS-1, address: 192.0.2.1}
  - {name: ks2, hostname: KS-2, address: 192.0.2.2}
rsaKeys:
  - {label: K}
isakmpPolicies:
  - {priority: 10, authentication: pre-share}
ike:
  preSharedKeys:
    coop: {env: COOP_PSK}
    members: {file: secrets/members.psk}
transformSets:
  - {name: TS}
ipsecProfiles:
  - {name: P, transformSet: TS}
accessLists:
  - name: A
    entries:
      - {action: permit, protocol: ip, source: 10.1.0.0/16, destination: 10.2.0.0/16}
groups:
  - name: G
    identity: 100
    rekey: {key: K, lifetime: 86400}
    sas: [{number: 1, profile: P, acl: A}]
    keyServers: [{name: ks1, priority: 10}, {name: ks2, priority: 20}]
groupMembers:
  - {name: br1, hostname: BR-1, address: 10.9.0.1, wanInterface: GigabitEthernet0/0, groups: [{name: G}]}
  - name: br2
    hostname: BR-2
    address: 10.9.0.2
    wanInterface: GigabitEthernet0/0
    groups: [{name: G}]
    preSharedKey: {env: BR2_PSK}
`

// The distinctive values of pskSpec's keys: none may ever be printed.
const (
	coopPSK    = "Leak-Canary-1234-coop"
	br2PSK     = "Leak-Canary-1234-br2"
	membersPSK = "Leak-Canary-1234-members"
)

// pskEnv is the environment that resolves every key of pskSpec.
func pskEnv() map[string]string { return map[string]string{"COOP_PSK": coopPSK, "BR2_PSK": br2PSK} }

// pskDir writes pskSpec (with the replacements, old and new pairs) and
// its members key file into a new directory; it returns the spec's path
// and the compile arguments that name the base's key and passphrase.
func pskDir(t *testing.T, edits ...string) (spec string, keyArgs []string) {
	t.Helper()
	dir := t.TempDir()
	text := pskSpec
	for i := 0; i+1 < len(edits); i += 2 {
		if !strings.Contains(text, edits[i]) {
			t.Fatalf("%q is not in the spec", edits[i])
		}
		text = strings.Replace(text, edits[i], edits[i+1], 1)
	}
	spec = filepath.Join(dir, "spec.yaml")
	writeFile(t, spec, text)
	if err := os.MkdirAll(filepath.Join(dir, "secrets"), 0o700); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "secrets", "members.psk"), membersPSK+"\n")
	base, err := filepath.Abs(filepath.Join(hostileDir, "_base"))
	if err != nil {
		t.Fatal(err)
	}
	return spec, []string{"--passphrase-file", filepath.Join(base, "pass.txt"), "--key", "K=" + filepath.Join(base, "mat", "good.pem")}
}

func compileArgs(spec, out string, keyArgs []string, extra ...string) []string {
	return append(append([]string{"compile", spec, "-o", out}, keyArgs...), extra...)
}

// assertNoPSK fails when text holds any of the keys, or a run of 8
// characters of one ("Leak-Can" and on: the canary part is distinctive).
func assertNoPSK(t *testing.T, what, text string, values ...string) {
	t.Helper()
	for _, v := range values {
		for i := 0; i+8 <= len(v); i++ {
			if strings.Contains(text, v[i:i+8]) {
				t.Errorf("%s holds %q of a pre-shared key:\n%s", what, v[i:i+8], text)
				break
			}
		}
	}
}

// TestCompileSecretUnresolved: a reference that cannot be resolved stops
// compile with exit 1, naming the reference at its line in the spec, and
// leaves OUT as it was: not created when it did not exist, not changed
// (no byte, no mtime, no lock left) when it did.
func TestCompileSecretUnresolved(t *testing.T) {
	for _, c := range []struct {
		name   string
		env    func(map[string]string)
		remove string // a file to remove beside the spec
		want   string
	}{
		{"env not set", func(e map[string]string) { delete(e, "COOP_PSK") }, "",
			"spec.yaml:11:17: /ike/preSharedKeys/coop/env: secret env:COOP_PSK cannot be resolved: the environment variable COOP_PSK is not set"},
		{"member's env not set", func(e map[string]string) { delete(e, "BR2_PSK") }, "",
			"spec.yaml:34:25: /groupMembers/1/preSharedKey/env: secret env:BR2_PSK cannot be resolved"},
		{"file missing", func(map[string]string) {}, "secrets/members.psk",
			"spec.yaml:12:21: /ike/preSharedKeys/members/file: secret file:secrets/members.psk cannot be resolved: cannot read the secret file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			spec, keyArgs := pskDir(t)
			dir := filepath.Dir(spec)
			env := pskEnv()
			c.env(env)
			if c.remove != "" {
				os.Remove(filepath.Join(dir, c.remove))
			}
			// OUT does not exist: it is not created.
			fresh := filepath.Join(dir, "fresh")
			code, stdout, stderr := runGetvpnc(t, compileArgs(spec, fresh, keyArgs), env)
			if code != exitcode.Invalid || !strings.Contains(stderr, c.want) || !strings.Contains(stderr, "[secret/unresolved]") {
				t.Errorf("exit %d, want %d with %q; stderr:\n%s", code, exitcode.Invalid, c.want, stderr)
			}
			if _, err := os.Lstat(fresh); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("OUT was created: %v", err)
			}
			assertNoPSK(t, "the output", stdout+stderr, coopPSK, br2PSK, membersPSK)

			// OUT holds an earlier compile: nothing of it changes.
			out := filepath.Join(dir, "out")
			writeFile(t, filepath.Join(dir, "secrets", "members.psk"), membersPSK+"\n")
			if code, _, stderr := runGetvpnc(t, compileArgs(spec, out, keyArgs), pskEnv()); code != 0 {
				t.Fatalf("the first compile: exit %d\n%s", code, stderr)
			}
			if c.remove != "" {
				os.Remove(filepath.Join(dir, c.remove))
			}
			before := snapshot(t, out)
			entries, _ := os.ReadDir(dir)
			code, stdout, _ = runGetvpnc(t, compileArgs(spec, out, keyArgs, "--format", "json"), env)
			if code != exitcode.Invalid || !strings.Contains(stdout, `"code": "secret/unresolved"`) {
				t.Errorf("exit %d, stdout:\n%s", code, stdout)
			}
			sameTree(t, before, snapshot(t, out), true)
			if after, _ := os.ReadDir(dir); len(after) != len(entries) {
				t.Errorf("%d entries beside OUT, then %d: a lock or temporary left", len(entries), len(after))
			}
			assertNoPSK(t, "the JSON", stdout, coopPSK, br2PSK, membersPSK)
		})
	}
}

// TestCompileSecretFileRefused: a file reference to a directory, a FIFO
// (no writer: it must not be waited on) or a file over the limit is
// refused with exit 1, naming the reference, and OUT is not created.
// runGetvpnc fails a run that does not finish.
func TestCompileSecretFileRefused(t *testing.T) {
	for name, c := range map[string]struct {
		make func(p string) error
		want string
	}{
		"directory": {func(p string) error { return os.Mkdir(p, 0o700) }, "a directory"},
		"fifo":      {func(p string) error { return syscall.Mkfifo(p, 0o600) }, "a named pipe (FIFO)"},
		"huge":      {func(p string) error { return os.Truncate(p, infile.MaxSecretFile+1) }, "larger than the limit of 64 KiB"},
	} {
		t.Run(name, func(t *testing.T) {
			spec, keyArgs := pskDir(t)
			p := filepath.Join(filepath.Dir(spec), "secrets", "members.psk")
			if name != "huge" {
				os.Remove(p)
			}
			if err := c.make(p); err != nil {
				t.Skip(err)
			}
			out := filepath.Join(filepath.Dir(spec), "out")
			code, _, stderr := runGetvpnc(t, compileArgs(spec, out, keyArgs), pskEnv())
			if code != exitcode.Invalid || !strings.Contains(stderr, "secret file:secrets/members.psk cannot be resolved") || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr:\n%s", code, stderr)
			}
			if _, err := os.Lstat(out); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("OUT was created: %v", err)
			}
		})
	}
}

// TestSecretValueNeverShown: whatever is wrong with a key — a character
// IOS cannot take, too long, too short, extra lines in its file — the
// messages, text and JSON, compile and compile --check, name the
// reference and never show the key or any run of it.
func TestSecretValueNeverShown(t *testing.T) {
	long := "Leak-Canary-1234-" + strings.Repeat("Z", 60)
	for _, c := range []struct {
		name  string
		env   map[string]string
		file  string // the members key file's content
		edits []string
		rule  string
	}{
		{"space in env", map[string]string{"COOP_PSK": "Leak-Canary-1234 coop"}, "", nil, "secret/charset"},
		{"control character in env", map[string]string{"COOP_PSK": "Leak-Canary-1234-coop\x1b[2J"}, "", nil, "secret/charset"},
		{"non-ASCII in file", nil, "Leak-Canary-1234-mémbers\n", nil, "secret/charset"},
		{"'?' in file", nil, "Leak-Canary-1234?members\n", nil, "secret/charset"},
		{"too long in env", map[string]string{"BR2_PSK": long}, "", nil, "secret/length"},
		{"too short in env", map[string]string{"COOP_PSK": "Leak-Canary-12"}, "", nil, "secret/weak"},
		{"extra lines in file", nil, membersPSK + "\nLeak-Canary-5678-other\n", nil, "secret/file-lines"},
		{"literal with a space", nil, "", []string{"preSharedKey: {env: BR2_PSK}", `preSharedKey: "Leak-Canary-1234 Zq9xW7"`, "version: 1\n", "version: 1\nallowLiteralSecrets: true\n"}, "secret/charset"},
	} {
		t.Run(c.name, func(t *testing.T) {
			spec, keyArgs := pskDir(t, c.edits...)
			env := pskEnv()
			for k, v := range c.env {
				env[k] = v
			}
			values := []string{coopPSK, br2PSK, membersPSK, "Leak-Canary-1234 Zq9xW7"}
			for _, v := range env {
				values = append(values, v)
			}
			if c.file != "" {
				writeFile(t, filepath.Join(filepath.Dir(spec), "secrets", "members.psk"), c.file)
				line, rest, _ := strings.Cut(c.file, "\n")
				values = append(values, line, strings.TrimSpace(rest))
			}
			out := filepath.Join(filepath.Dir(spec), "out")
			for _, extra := range [][]string{nil, {"--format", "json"}, {"--check"}, {"--check", "--format", "json"}} {
				code, stdout, stderr := runGetvpnc(t, compileArgs(spec, out, keyArgs, extra...), env)
				if !strings.Contains(stdout+stderr, c.rule) {
					t.Errorf("%v: exit %d, no %s:\nstdout:\n%s\nstderr:\n%s", extra, code, c.rule, stdout, stderr)
				}
				assertNoPSK(t, strings.Join(append([]string{"compile"}, extra...), " "), stdout+stderr, values...)
			}
		})
	}
}

// TestCheckWithoutSecrets: compile --check in a pipeline that holds no
// secrets compares the review copies only, says which references it did
// without (by name), and exits 0 when OUT is up to date and 5 when a
// review copy changed. A secret that is there but wrong is still refused.
func TestCheckWithoutSecrets(t *testing.T) {
	spec, keyArgs := pskDir(t)
	dir := filepath.Dir(spec)
	out := filepath.Join(dir, "out")
	if code, _, stderr := runGetvpnc(t, compileArgs(spec, out, keyArgs), pskEnv()); code != 0 {
		t.Fatalf("compile: exit %d\n%s", code, stderr)
	}
	before := snapshot(t, out)
	os.Remove(filepath.Join(dir, "secrets", "members.psk"))
	for _, format := range []string{"text", "json"} {
		code, stdout, stderr := runGetvpnc(t, compileArgs(spec, out, keyArgs, "--check", "--format", format), nil)
		if code != 0 {
			t.Errorf("%s: exit %d, want 0\nstdout:\n%s\nstderr:\n%s", format, code, stdout, stderr)
		}
		want := "getvpnc: secret reference(s) not available: env:BR2_PSK, env:COOP_PSK, file:secrets/members.psk: checking the review copies only"
		if !strings.Contains(stderr, want) || strings.Contains(stdout+stderr, "secret/unresolved") {
			t.Errorf("%s: stderr does not say what was left out, or reports it as an error:\nstdout:\n%s\nstderr:\n%s", format, stdout, stderr)
		}
		if format == "json" && strings.TrimSpace(stdout) != "[]" {
			t.Errorf("json: stdout %s, want []", stdout)
		}
	}
	sameTree(t, before, snapshot(t, out), true)

	// Only one variable missing: the others are resolved, the check is
	// still of the review copies.
	env := pskEnv()
	delete(env, "BR2_PSK")
	writeFile(t, filepath.Join(dir, "secrets", "members.psk"), membersPSK+"\n")
	if code, _, stderr := runGetvpnc(t, compileArgs(spec, out, keyArgs, "--check"), env); code != 0 || !strings.Contains(stderr, "not available: env:BR2_PSK: checking the review copies only") {
		t.Errorf("exit %d\n%s", code, stderr)
	}

	// A key that is there but that IOS cannot take: refused, even here.
	env["COOP_PSK"] = "Leak-Canary-1234 coop"
	if code, _, stderr := runGetvpnc(t, compileArgs(spec, out, keyArgs, "--check"), env); code != exitcode.Invalid || !strings.Contains(stderr, "[secret/charset]") {
		t.Errorf("exit %d, want %d\n%s", code, exitcode.Invalid, stderr)
	}

	// A file that is there but refused is not "absent": an error.
	os.Remove(filepath.Join(dir, "secrets", "members.psk"))
	os.Mkdir(filepath.Join(dir, "secrets", "members.psk"), 0o700)
	if code, _, stderr := runGetvpnc(t, compileArgs(spec, out, keyArgs, "--check"), nil); code != exitcode.Invalid || !strings.Contains(stderr, "[secret/unresolved]") {
		t.Errorf("exit %d, want %d\n%s", code, exitcode.Invalid, stderr)
	}
	os.Remove(filepath.Join(dir, "secrets", "members.psk"))

	// A change that shows in the review copies: drift, without secrets.
	data, _ := os.ReadFile(spec)
	writeFile(t, spec, strings.Replace(string(data), "lifetime: 86400", "lifetime: 43200", 1))
	if code, stdout, stderr := runGetvpnc(t, compileArgs(spec, out, keyArgs, "--check"), nil); code != exitcode.Drift || !strings.Contains(stdout, "changed  review/ks1.ios") {
		t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, exitcode.Drift, stdout, stderr)
	}
	sameTree(t, before, snapshot(t, out), true)
}

// TestValidateAndPlanReadNoSecret: validate and plan do not resolve the
// references (compile does): they pass without the secrets.
func TestValidateAndPlanReadNoSecret(t *testing.T) {
	spec, keyArgs := pskDir(t)
	os.Remove(filepath.Join(filepath.Dir(spec), "secrets", "members.psk"))
	for _, args := range [][]string{{"validate", spec}, {"plan", spec, keyArgs[2], keyArgs[3]}} {
		if code, stdout, stderr := runGetvpnc(t, args, nil); code != 0 || strings.Contains(stdout+stderr, "secret/") {
			t.Errorf("%s: exit %d\nstdout:\n%s\nstderr:\n%s", args[0], code, stdout, stderr)
		}
	}
}

// TestNoPSKOutsideDeployScripts compiles a spec with members and every
// kind of key reference and reads everything it produced: a pre-shared
// key may be only in a deploy script, which is 0600 — never in a review
// copy, the manifest, a key bundle, stdout or stderr.
func TestNoPSKOutsideDeployScripts(t *testing.T) {
	spec, keyArgs := pskDir(t)
	out := filepath.Join(filepath.Dir(spec), "out")
	values := []string{coopPSK, br2PSK, membersPSK}
	for _, format := range []string{"text", "json"} {
		code, stdout, stderr := runGetvpnc(t, compileArgs(spec, out, keyArgs, "--format", format), pskEnv())
		if code != 0 {
			t.Fatalf("compile: exit %d\n%s", code, stderr)
		}
		assertNoPSK(t, "compile's output ("+format+")", stdout+stderr, values...)
	}
	holders := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		holds := false
		for _, v := range values {
			holds = holds || bytes.Contains(data, []byte(v))
		}
		if !holds {
			return nil
		}
		holders++
		info, err := d.Info()
		if err != nil {
			return err
		}
		if !render.IsScript(rel) || render.IsReview(rel) || rel == render.ManifestPath || info.Mode().Perm() != 0o600 {
			t.Errorf("%s (mode %#o) holds a pre-shared key: only a 0600 deploy script may", rel, info.Mode().Perm())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if holders == 0 {
		t.Error("no deploy script holds a pre-shared key: the scripts write no key lines")
	}
}
