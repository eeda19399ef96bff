package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
)

// TestPhase1OnlyOnProof: `source: device` makes the primary run `crypto key
// generate rsa ... label L`, which on IOS XE silently replaces an existing
// key, so phase 1 may rest only on captures that prove no key server holds
// L. A capture of another host, one the pager cut off, and one that does
// not show the command that produced it prove nothing: compile and plan
// refuse them (exit 1) and compile writes nothing. The last case is the
// control: the same captures done right give phase 1.
func TestPhase1OnlyOnProof(t *testing.T) {
	tmp := t.TempDir()
	passFile := filepath.Join(tmp, "pass")
	writeFile(t, passFile, "cisco123\n")
	data, err := readExampleSpec(t, "lab-ios15")
	if err != nil {
		t.Fatal(err)
	}
	spec := filepath.Join(tmp, "device.yaml")
	writeFile(t, spec, strings.Replace(string(data), "{label: getvpnkey, modulus: 1024}", "{label: getvpnkey, modulus: 1024, source: device}", 1))
	several, err := os.ReadFile("../inventory/testdata/synthetic-ios15-several-keys.txt")
	if err != nil {
		t.Fatal(err)
	}
	// One full record of another label (the device's own key).
	record := strings.Join(strings.Split(string(several), "\n")[1:13], "\n") + "\n"
	echo := "KS-2#show crypto key mypubkey rsa\n"
	ks1 := "KS-1#show crypto key mypubkey rsa\nKS-1#\n"

	tests := []struct {
		name, ks2 string
		want      string // in stderr; "" for the control, which must succeed
	}{
		{"prompt of another host", strings.ReplaceAll(echo+record+"KS-2#\n", "KS-2#", "KS-9#"),
			`ks-2.txt:1: captured on "KS-9" (the prompt), but key server ks-2 is KS-2 in the spec`},
		{"cut off at the pager", echo + record + " --More-- \n", "ks-2.txt:14: the capture ends at the pager prompt"},
		{"pager prompt erased, nothing after it", echo + record + " --More-- " + strings.Repeat("\b", 10) + strings.Repeat(" ", 10) + strings.Repeat("\b", 10) + "\n\n",
			"ks-2.txt:14: the capture ends at the pager prompt"},
		{"records under another command", "KS-2#show running-config\n" + record + "KS-2#\n",
			"ks-2.txt: this capture has no `show crypto key mypubkey rsa` command line"},
		{"records without any command", record, "ks-2.txt: this capture has no `show crypto key mypubkey rsa` command line"},
		{"echo without a prompt", "#show crypto key mypubkey rsa\n" + record, "ks-2.txt:1: this capture has no `show crypto key mypubkey rsa` command line"},
		{"output filter", "KS-2#show crypto key mypubkey rsa | begin KS-2\n" + record + "KS-2#\n",
			"ks-2.txt:1: this capture's command has an output filter"},
		{"cut after the echo", echo, "ks-2.txt:1: no prompt follows the output of this command"},
		{"cut after the listing", echo + record, "ks-2.txt:1: no prompt follows the output of this command"},
		{"invalid input", echo + "                    ^\n% Invalid input detected at '^' marker.\n\nKS-2#\n", "ks-2.txt:3: IOS refused the command here"},
		{"ambiguous command", echo + "% Ambiguous command:  \"show crypto key mypubkey rsa\"\nKS-2#\n", "ks-2.txt:2: IOS refused the command here"},
		{"user EXEC prompt", "KS-2>show crypto key mypubkey rsa\nKS-2>\n", "ks-2.txt:1: this command was run at the user EXEC prompt"},
		{"second echo is not the closing prompt", echo + "KS-2#show crypto key mypubkey rsa K2\nKS-2#\n",
			"ks-2.txt:1: no prompt follows the output of this command"},
		{"control", echo + record + "KS-2#\n", ""},
		{"control: empty listing", echo + "KS-2#\n", ""},
		{"control: a complete covering command after another", "KS-2#show crypto key mypubkey rsa K2\nKS-2#\n" + echo + record + "KS-2#exit\n", ""},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv := filepath.Join(tmp, "inv"+string(rune('a'+i)))
			if err := os.Mkdir(inv, 0o700); err != nil {
				t.Fatal(err)
			}
			writeFile(t, filepath.Join(inv, "ks-1.txt"), ks1)
			writeFile(t, filepath.Join(inv, "ks-2.txt"), tt.ks2)
			out := filepath.Join(tmp, "out"+string(rune('a'+i)))
			code, _, stderr := run(t, "compile", spec, "-o", out, "--inventory", inv, "--passphrase-file", passFile)
			if tt.want == "" {
				if code != 0 {
					t.Fatalf("control: exit %d\n%s", code, stderr)
				}
				s1, _ := os.ReadFile(filepath.Join(out, "ks-1.ios"))
				if !strings.Contains(string(s1), "crypto key generate rsa general-keys label getvpnkey") {
					t.Fatalf("control: no phase 1 script:\n%s", s1)
				}
				return
			}
			if code != exitcode.Invalid || !strings.Contains(stderr, tt.want) {
				t.Fatalf("compile: exit %d, want %d with %q:\n%s", code, exitcode.Invalid, tt.want, stderr)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("compile wrote %s although it refused the inventory", out)
			}
			if code, _, stderr := run(t, "plan", spec, "--inventory", inv); code != exitcode.Invalid || !strings.Contains(stderr, tt.want) {
				t.Fatalf("plan: exit %d, want %d with %q:\n%s", code, exitcode.Invalid, tt.want, stderr)
			}
		})
	}
}

// TestOverwriteNeedsInventory: --overwrite decides between the keys the
// captures show; without --inventory it would be silently ignored.
func TestOverwriteNeedsInventory(t *testing.T) {
	spec := filepath.Join(examplesDir, "lab-ios15", "spec.yaml")
	for _, args := range [][]string{
		{"plan", spec, "--overwrite"},
		{"compile", spec, "-o", filepath.Join(t.TempDir(), "out"), "--overwrite"},
	} {
		code, _, stderr := run(t, args...)
		if code != exitcode.Usage || !strings.Contains(stderr, "--overwrite needs --inventory") {
			t.Errorf("%s: exit %d, want %d saying --overwrite needs --inventory:\n%s", args[0], code, exitcode.Usage, stderr)
		}
	}
}
