package app

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/output"
)

// TestMain lets the test binary play a compile that is killed: with
// GETVPNC_CRASH_AT set it forces the fallback swap, runs Main on the
// arguments after "--" and SIGKILLs itself at that crash point. With
// childMainEnv set it only runs Main on those arguments, for a case whose
// environment must be set at start-up (GODEBUG; see runGetvpnc).
func TestMain(m *testing.M) {
	if os.Getenv(childMainEnv) != "" {
		args := os.Args[slices.Index(os.Args, "--")+1:]
		os.Exit(Main(args, strings.NewReader(""), os.Stdout, os.Stderr))
	}
	if at := os.Getenv("GETVPNC_CRASH_AT"); at != "" {
		want, _ := strconv.Atoi(at)
		output.Hooks.NoExchange = os.Getenv("GETVPNC_CRASH_EXCHANGE") == ""
		nth, _ := strconv.Atoi(os.Getenv("GETVPNC_CRASH_NTH"))
		output.Hooks.At = func(p output.Point) {
			if int(p) == want {
				if nth--; nth <= 0 {
					syscall.Kill(os.Getpid(), syscall.SIGKILL)
				}
			}
		}
		args := os.Args[slices.Index(os.Args, "--")+1:]
		code := Main(args, strings.NewReader(""), os.Stdout, os.Stderr)
		os.Exit(100 + code) // the crash point was not reached
	}
	os.Exit(m.Run())
}

// crashCompile runs a compile in a child process that is killed at p and
// returns its stderr.
func crashCompile(t *testing.T, p output.Point, exchange bool, args ...string) string {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), "GETVPNC_CRASH_AT="+strconv.Itoa(int(p)))
	if exchange {
		cmd.Env = append(cmd.Env, "GETVPNC_CRASH_EXCHANGE=1")
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	ee, ok := err.(*exec.ExitError)
	if !ok || !ee.Sys().(syscall.WaitStatus).Signaled() {
		t.Fatalf("the child was not killed at point %d: %v\n%s", p, err, stderr.String())
	}
	return stderr.String()
}

// TestCrashDuringWriteKeepsTheKey kills a compile at every crash point of
// the write — a plain rerun that changes the scripts, and a --rotate-key
// run — with the fallback swap and with the exchange, then runs a normal
// compile: it must end with the old key (killed before the swap was
// complete) or the rotated one (killed after), with the bundle bytes
// intact, and no leftovers.
func TestCrashDuringWriteKeepsTheKey(t *testing.T) {
	spec, passFile := labSpec(t)
	data, err := readExampleSpecFile(t, spec)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name     string
		point    output.Point
		exchange bool
	}{
		{"while building the new tree", output.AfterManifest, false},
		{"before the swap", output.AfterBuild, false},
		{"between the two renames", output.BetweenRenames, false},
		{"after the fallback swap", output.AfterSwap, false},
		{"after the exchange", output.AfterSwap, true},
	} {
		for _, rotate := range []bool{false, true} {
			name := tc.name
			if rotate {
				name += ", rotating"
			}
			t.Run(name, func(t *testing.T) {
				tmp := t.TempDir()
				out := filepath.Join(tmp, "out")
				if code, stderr := compileLab(t, out); code != 0 {
					t.Fatalf("first compile: exit %d\n%s", code, stderr)
				}
				oldBundle, oldFP := bundleOf(t, out)
				// A changed spec, so the rerun really rewrites OUT.
				changed := filepath.Join(tmp, "spec.yaml")
				os.WriteFile(changed, []byte(strings.Replace(string(data), "identity: ", "identity: 1", 1)), 0o644)
				args := []string{"compile", changed, "-o", out, "--passphrase-file", passFile}
				if rotate {
					args = append(args, "--rotate-key", "getvpnkey")
				}
				stderr := crashCompile(t, tc.point, tc.exchange, args...)
				want, wantBundle := oldFP, oldBundle
				if rotate && tc.point == output.AfterSwap {
					want, wantBundle = reportedFingerprint(t, stderr), nil
				}

				code, stderr := compileLab(t, out)
				if code != 0 {
					t.Fatalf("compile after the crash: exit %d\n%s", code, stderr)
				}
				got, fp := bundleOf(t, out)
				if fp != want || reportedFingerprint(t, stderr) != want {
					t.Fatalf("OUT holds key %s after the crash, want %s\n%s", fp, want, stderr)
				}
				if wantBundle != nil && !bytes.Equal(got, wantBundle) {
					t.Error("the bundle's bytes changed")
				}
				if left, _ := filepath.Glob(filepath.Join(tmp, ".out.getvpnc-*")); len(left) != 0 {
					t.Errorf("leftovers remain: %v", left)
				}
			})
		}
	}
}

// TestCrashWhileDeletingTheOldTree kills a --rotate-key compile after
// each removal of the old tree's deletion (after the fallback swap and
// after the exchange): whatever is left of the old tree must still prove
// it is getvpnc's (its manifest goes last), so the next compile removes
// it and keeps the rotated key.
func TestCrashWhileDeletingTheOldTree(t *testing.T) {
	spec, passFile := labSpec(t)
	for _, exchange := range []bool{false, true} {
		for n := 1; ; n++ {
			tmp := t.TempDir()
			out := filepath.Join(tmp, "out")
			if code, stderr := compileLab(t, out); code != 0 {
				t.Fatalf("first compile: exit %d\n%s", code, stderr)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^$", "--", "compile", spec, "-o", out, "--passphrase-file", passFile, "--rotate-key", "getvpnkey")
			cmd.Env = append(os.Environ(), "GETVPNC_CRASH_AT="+strconv.Itoa(int(output.WhileDiscarding)), "GETVPNC_CRASH_NTH="+strconv.Itoa(n))
			if exchange {
				cmd.Env = append(cmd.Env, "GETVPNC_CRASH_EXCHANGE=1")
			}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			if ee, ok := err.(*exec.ExitError); !ok || !ee.Sys().(syscall.WaitStatus).Signaled() {
				if n == 1 {
					t.Fatalf("exchange %v: the deletion was never reached: %v\n%s", exchange, err, stderr.String())
				}
				break // the deletion has fewer than n steps: all were tried
			}
			want := reportedFingerprint(t, stderr.String())
			code, after := compileLab(t, out)
			if code != 0 {
				t.Fatalf("exchange %v, killed after removal %d: the next compile: exit %d\n%s", exchange, n, code, after)
			}
			if _, fp := bundleOf(t, out); fp != want {
				t.Fatalf("exchange %v, killed after removal %d: OUT holds key %s, want the rotated %s", exchange, n, fp, want)
			}
			if left, _ := filepath.Glob(filepath.Join(tmp, ".out.getvpnc-*")); len(left) != 0 {
				t.Errorf("exchange %v, killed after removal %d: leftovers remain: %v", exchange, n, left)
			}
		}
	}
}
