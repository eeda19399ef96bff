package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
)

// ks2OtherKey is a capture of ks2 holding another 2048-bit key under K
// than the base's good.pem (sha256 a26b4674...).
const ks2OtherKey = `KS-2#show crypto key mypubkey rsa
% Key pair was generated at: 09:12:44 UTC Mar 3 2026
Key name: K
Key type: RSA KEYS 2048 bits
 Storage Device: not specified
 Usage: General Purpose Key
 Key is not exportable.
 Key Data:
  30820122 300D0609 2A864886 F70D0101 01050003 82010F00 3082010A 02820101
  00CB59D1 8B4DD280 C18391FA B635F0BE BE084166 2666F8D4 117343EA C75CAEB9
  57823DCB 88BD3E02 F565F1F0 19C2C069 89E7108B B841586B 64E958D7 455E48AB
  B35902D8 ADD7B04A 9A40258E DF8B0BF6 ADA4A71A 7580A2C4 29F39E1E 4DC26833
  BC252504 76AAFE84 4ABD5B46 3D7B56B5 10039F4B BEE6F895 F5CFC405 329A9051
  3FC06349 9747FAAC 555FC685 13685605 67F1D7E9 F764C0C5 C1E6C0B3 3E15360D
  1914FB35 62D7D34F 82094532 E5B6C39F 4AD2BED0 AAC72385 1EB0C44A 9593C049
  00832AED CB63A8A2 4A7C1CB8 D1BC493B 40030956 62BE73AF 3D5D2390 FC8E3CAF
  BE927C84 E48E93B6 71F633BE B5E57E10 273BED83 60382D94 BABB1B93 4D193CCD
  D7020301 0001
KS-2#
`

const (
	goodFP  = "36082331aeb60bd6f4c112a3a377c4348a12b6a69dfb3f61bc1e9ae08b9d77c0"
	otherFP = "a26b4674be8791742edf155d5b6eb756c2a21137d6c3da7dd59b16a01314b570"
)

// verifyCase is one verify scenario on the hostile catalogue's base (two
// key servers ks1 and ks2, ks2 the primary, key K = mat/good.pem), run in
// a fresh directory so every path in the output is relative.
type verifyCase struct {
	name string
	// ks1, ks2 edit the base captures of inv/ks1.txt, inv/ks2.txt.
	ks1, ks2 func(string) string
	// spec is appended to spec.yaml; ks3 adds an unused key server.
	spec string
	ks3  bool
	args []string
}

func (c verifyCase) setup(t *testing.T) {
	t.Helper()
	t.Chdir(t.TempDir())
	copyTree(t, verifyBase, ".")
	if err := os.Mkdir("inv", 0o755); err != nil {
		t.Fatal(err)
	}
	edit := func(file string, f func(string) string) {
		data, err := os.ReadFile(filepath.Join("mat", "cap-"+file))
		if err != nil {
			t.Fatal(err)
		}
		s := string(data)
		if f != nil {
			s = f(s)
		}
		writeFile(t, filepath.Join("inv", file), s)
	}
	edit("ks1.txt", c.ks1)
	edit("ks2.txt", c.ks2)
	spec, err := os.ReadFile("spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := string(spec)
	if c.ks3 {
		s = strings.Replace(s, "  - {name: ks2, hostname: KS-2, address: 192.0.2.2}\n",
			"  - {name: ks2, hostname: KS-2, address: 192.0.2.2}\n  - {name: ks3, hostname: KS-3, address: 192.0.2.3}\n", 1)
	}
	writeFile(t, "spec.yaml", s+c.spec)
}

// verifyBase is the hostile catalogue's base, as an absolute path (the
// cases change directory).
var verifyBase = func() string {
	p, err := filepath.Abs(filepath.Join(hostileDir, "_base"))
	if err != nil {
		panic(err)
	}
	return p
}()

var (
	otherKey   = func(string) string { return ks2OtherKey }
	otherHost  = func(s string) string { return strings.NewReplacer("KS-1#", "KS-9#").Replace(s) }
	noKeyK     = func(s string) string { return strings.Replace(s, "Key name: K\n", "Key name: KS-2.example.com\n", 1) }
	waiverUsed = "waivers:\n  - {rule: spec/unused, reason: ks3 is on order}\n"
)

// TestVerifyText: the text output of verify, byte for byte — recorded
// before verify moved onto the session type, which must not change it:
// the table on stdout, the diagnostics on stderr, then the waivers'
// report.
func TestVerifyText(t *testing.T) {
	table := "key K: expected key sha256 " + goodFP + "\n" +
		"    key server  holds (sha256 of the public key)                                  result\n"
	for _, tc := range []struct {
		verifyCase
		code           int
		stdout, stderr string
	}{
		{verifyCase{name: "ok", args: []string{"--key", "K=mat/good.pem"}}, 0,
			table + "    ks2         " + goodFP + "  ok\n    ks1         " + goodFP + "  ok\n", ""},
		{verifyCase{name: "mismatch, a waived warning", ks2: otherKey, ks3: true, spec: waiverUsed, args: []string{"--key", "K=mat/good.pem"}}, 1,
			table + "    ks2         " + otherFP + "  DIFFERENT\n    ks1         " + goodFP + "  ok\n",
			"inv/ks2.txt:2: key server ks2 holds another key under K: not the expected key; the key servers do not sign rekeys with one key: import the expected key on it, or run compile with --inventory to decide which key to keep [verify/key-mismatch]\n" +
				"1 warning waived by the spec\n"},
		{verifyCase{name: "the primary lacks the key", ks2: noKeyK}, 1,
			"key K: the primary's key sha256 -\n" +
				"    key server  holds (sha256 of the public key)                                  result\n" +
				"    ks2         -                                                                 MISSING\n" +
				"    ks1         " + goodFP + "  DIFFERENT\n",
			"inv/ks2.txt: key server ks2 does not hold key K; import the key on it (its script, or the bundle with crypto key import rsa), then capture again [verify/key-mismatch]\n" +
				"inv/ks1.txt:2: key server ks1 holds another key under K: not the primary's key; the key servers do not sign rekeys with one key: import the expected key on it, or run compile with --inventory to decide which key to keep [verify/key-mismatch]\n"},
		{verifyCase{name: "refused capture, an unused waiver", ks1: otherHost, spec: waiverUsed}, 1, "",
			"inv/ks1.txt:1: captured on \"KS-9\" (the prompt), but key server ks1 is KS-1 in the spec; capture `show crypto key mypubkey rsa` on KS-1 and save it as inv/ks1.txt [verify/hostname]\n" +
				"spec.yaml:25:5: warning: /waivers/0: the waiver of spec/unused removed no warning in this run; remove it, or correct its rule or path [spec/waiver-unused]\n"},
		{verifyCase{name: "no key file", args: []string{"--key", "K=nothere.pem"}}, 1, "",
			"nothere.pem: key file does not exist; check the path [input/missing]\n"},
		{verifyCase{name: "no manifest", args: []string{"-o", "nothere"}}, 1, "",
			"nothere/manifest.json: the manifest does not exist; check the path [input/missing]\n"},
		{verifyCase{name: "two specs", args: []string{"x"}}, 2, "",
			"getvpnc: verify takes exactly one SPEC file; run 'getvpnc verify --help' [getvpnc/usage]\n"},
		{verifyCase{name: "-o and --key", args: []string{"-o", "out", "--key", "K=mat/good.pem"}}, 2, "",
			"getvpnc: give either -o OUT or --key, not both [getvpnc/usage]\n"},
		{verifyCase{name: "unknown flag", args: []string{"--bogus"}}, 2, "",
			"getvpnc verify: unknown flag \"--bogus\" [getvpnc/usage]\nRun 'getvpnc verify --help' for usage.\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.setup(t)
			args := append([]string{"verify", "spec.yaml", "--inventory", "inv"}, tc.args...)
			code, stdout, stderr := run(t, args...)
			if code != tc.code || stdout != tc.stdout || stderr != tc.stderr {
				t.Errorf("getvpnc %s: exit %d, want %d\nstdout:\n%s\nwant:\n%s\nstderr:\n%s\nwant:\n%s",
					strings.Join(args, " "), code, tc.code, stdout, tc.stdout, stderr, tc.stderr)
			}
		})
	}
	t.Run("no inventory flag", func(t *testing.T) {
		verifyCase{}.setup(t)
		code, stdout, stderr := run(t, "verify", "spec.yaml")
		if code != exitcode.Usage || stdout != "" || stderr != "getvpnc: verify needs the captures: --inventory DIR [getvpnc/usage]\n" {
			t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
		}
	})
}
