package inventory

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/keys"
)

// want is the expected reading of one record; SPKI is checked through the
// fingerprint.
type want struct {
	line                  int
	label, generatedAt    string
	bits                  int
	storage               string
	temporary             bool
	usage                 string
	exportable, redundant bool
	fingerprint           string
}

func got(k *Key) want {
	return want{k.Line, k.Label, k.GeneratedAt, k.Bits, k.Storage, k.Temporary, k.Usage, k.Exportable, k.Redundancy, k.Fingerprint()}
}

const gp, enc = "General Purpose Key", "Encryption Key"

// TestParseLayouts reads every layout fixture into exactly the records it
// holds, with every field, in file order.
func TestParseLayouts(t *testing.T) {
	tests := []struct {
		fixture  string
		commands []Command
		keys     []want
	}{
		{"ios15-ks1-getvpnkey.txt", []Command{{1, "KS-1", "getvpnkey", false, true, false, 0}}, []want{
			{2, "getvpnkey", "16:16:14 UTC Nov 5 2022", 1024, "not specified", false, gp, true, false, fpSample},
		}},
		{"ios15-ks2-getvpnkey.txt", []Command{{1, "KS-2", "getvpnkey", false, true, false, 0}}, []want{
			{2, "getvpnkey", "16:22:26 UTC Nov 5 2022", 1024, "not specified", false, gp, false, false, fpSample},
		}},
		{"ios15-ks1-getvpnkey-crlf.txt", []Command{{1, "KS-1", "getvpnkey", false, true, false, 0}}, []want{
			{2, "getvpnkey", "16:16:14 UTC Nov 5 2022", 1024, "not specified", false, gp, true, false, fpSample},
		}},
		{"synthetic-iosxe169-getvpnkey.txt", []Command{{1, "KS-3", "getvpnkey", false, true, true, 0}}, []want{
			{2, "getvpnkey", "09:41:07 UTC Mar 14 2023", 1024, "private-config", false, gp, false, true, fpSample},
		}},
		{"synthetic-ios15-several-keys.txt", []Command{{1, "KS-1", "", false, true, true, 0}}, []want{
			{2, "KS-1.example.com", "10:02:51 UTC Nov 5 2022", 1024, "not specified", false, gp, false, false, fpKS1},
			{14, "KS-1.example.com.server", "10:03:12 UTC Nov 5 2022", 768, "temporary", true, enc, false, false, fpKS1Server},
			{25, "GETVPN-REKEY-RSA", "16:16:14 UTC Nov 5 2022", 2048, "not specified", false, gp, true, false, fpGetVPN},
			{42, "TP-self-signed-4022463512", "10:05:33 UTC Nov 5 2022", 1024, "private-config", false, gp, false, false, fpTP15},
		}},
		{"synthetic-iosxe17-bits-crlf.txt", []Command{{1, "KS-2", "", false, true, true, 0}}, []want{
			{2, "TP-self-signed-1718522903", "01:29:46 UTC May 1 2024", 2048, "private-config", false, gp, false, true, fpTPXE},
			{19, "GETVPN-REKEY-RSA", "01:35:02 UTC May 1 2024", 2048, "private-config", false, gp, true, true, fpGetVPN},
			{36, "TP-self-signed-1718522903.server", "02:13:00 UTC May 1 2024", 2176, "temporary", true, enc, false, false, fpTPXEServ},
			{53, "CISCO_IDEVID_SUDI", "02:13:06 UTC May 1 2024", 2048, "act2 (label=act2, key index=24)", false, gp, false, false, fpSUDI},
		}},
		{"synthetic-ios122sx.txt", []Command{{1, "KS-SX", "", false, true, true, 0}}, []want{
			{2, "KS-SX.example.com", "08:12:40 UTC Feb 2 2015", 1024, "", false, gp, false, false, fpSXRouter},
			{12, "GETVPN-REKEY-RSA", "08:15:03 UTC Feb 2 2015", 1024, "", false, gp, true, false, fpSX},
		}},
		{"synthetic-begin-no-generated-at.txt", []Command{{1, "KS-4", "", true, true, true, 0}}, []want{
			{2, "GETVPN-REKEY-RSA", "", 2048, "not specified", false, gp, true, false, fpGetVPN},
			{18, "KS-4.example.com", "11:20:45 UTC Jun 9 2023", 2048, "not specified", false, gp, false, false, fpKS4},
		}},
		{"synthetic-pager-session-log-crlf.txt", []Command{{15, "KS-1", "", false, true, true, 0}}, []want{
			{16, "KS-1.example.com", "10:02:51 UTC Nov 5 2022", 1024, "not specified", false, gp, false, false, fpKS1},
			{29, "GETVPN-REKEY-RSA", "16:16:14 UTC Nov 5 2022", 2048, "not specified", false, gp, true, false, fpGetVPN},
		}},
		{"synthetic-no-keys.txt", []Command{{1, "KS-5", "", false, true, true, 0}}, nil},
	}
	for _, tt := range tests {
		t.Run(strings.TrimSuffix(tt.fixture, ".txt"), func(t *testing.T) {
			c := mustParse(t, tt.fixture)
			if c.File != tt.fixture {
				t.Errorf("File = %q", c.File)
			}
			if !slices.Equal(c.Commands, tt.commands) {
				t.Errorf("Commands = %+v, want %+v", c.Commands, tt.commands)
			}
			if len(c.Keys) != len(tt.keys) {
				t.Fatalf("got %d keys, want %d: %+v", len(c.Keys), len(tt.keys), c.Keys)
			}
			for i := range c.Keys {
				if g := got(&c.Keys[i]); g != tt.keys[i] {
					t.Errorf("key %d:\n got %+v\nwant %+v", i, g, tt.keys[i])
				}
			}
		})
	}
}

// TestKeyDataIsTheSPKI checks that each record's SPKI is its own Key Data,
// decoded here by keys.ParseKeyData, the other reader of this layout, from
// blocks cut out with plain string handling. The pager fixture is left out:
// its blocks hold terminal control text that only the parser replays.
func TestKeyDataIsTheSPKI(t *testing.T) {
	for _, name := range fixtures {
		if strings.Contains(name, "pager") {
			continue
		}
		t.Run(strings.TrimSuffix(name, ".txt"), func(t *testing.T) {
			text := strings.ReplaceAll(string(readFixture(t, name)), "\r\n", "\n")
			c := mustParse(t, name)
			blocks := strings.Split(text, " Key Data:\n")[1:]
			if len(blocks) != len(c.Keys) {
				t.Fatalf("%d Key Data blocks, %d keys", len(blocks), len(c.Keys))
			}
			for i, block := range blocks {
				der, err := keys.ParseKeyData(keyDataHex(t, " Key Data:\n"+block))
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(c.Keys[i].SPKI, der) {
					t.Errorf("key %q: SPKI is not its Key Data", c.Keys[i].Label)
				}
			}
		})
	}
}

// TestSameKeyOnTwoServers is the check CSM's key synchronisation rests on
// (ios-facts §0, §4.2): the key exported from KS-1 and imported on KS-2
// shows the same Key Data on both, which is the SPKI of the export itself.
func TestSameKeyOnTwoServers(t *testing.T) {
	ks1 := mustParse(t, "ios15-ks1-getvpnkey.txt").Find("getvpnkey")
	ks2 := mustParse(t, "ios15-ks2-getvpnkey.txt").Find("getvpnkey")
	if ks1 == nil || ks2 == nil {
		t.Fatal("getvpnkey not found")
	}
	if !bytes.Equal(ks1.SPKI, ks2.SPKI) || ks1.Fingerprint() != ks2.Fingerprint() {
		t.Error("KS-1 and KS-2 differ")
	}
	if ks1.Exportable == ks2.Exportable {
		t.Error("the import on KS-2 was not exportable, the key on KS-1 was")
	}

	b, err := keys.Parse(readFixture(t, "../../keys/testdata/ios15-export-3des.txt"), []byte("cisco123"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ks1.SPKI, b.SPKI()) {
		t.Error("Key Data is not the SPKI of the same key's export (ios-facts §1.2)")
	}
	if ks1.Fingerprint() != b.Fingerprint() {
		t.Errorf("Fingerprint %s, bundle %s", ks1.Fingerprint(), b.Fingerprint())
	}

	raw, err := hex.DecodeString(keyDataHex(t, string(readFixture(t, "ios15-ks1-getvpnkey.txt"))))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(raw)
	if fp := hex.EncodeToString(sum[:]); ks1.Fingerprint() != fp || fp != fpSample {
		t.Errorf("Fingerprint %s, sha256 of the hex %s, want %s", ks1.Fingerprint(), fp, fpSample)
	}
}

// TestLayoutsOfSameKeyAgree reads one key laid out every way IOS prints it,
// and damaged the ways pasting damages it, and gets the same SPKI each time.
func TestLayoutsOfSameKeyAgree(t *testing.T) {
	sample := sampleLines(t)
	lower := slices.Clone(sample)
	for i := 8; i < 13; i++ {
		lower[i] = strings.ToLower(lower[i])
	}
	unindented := slices.Clone(sample)
	for i := range unindented {
		unindented[i] = strings.TrimSpace(unindented[i])
	}
	noTrailing := slices.Clone(sample)
	for i := range noTrailing {
		noTrailing[i] = strings.TrimRight(noTrailing[i], " ")
	}
	tabs := slices.Clone(sample)
	for i := 8; i < 13; i++ {
		tabs[i] = strings.ReplaceAll(tabs[i], " ", "\t")
	}
	ownLine := slices.Clone(sample[:12])
	ownLine = append(ownLine, strings.TrimSuffix(sample[12], " 0001"), "  0001")
	inputs := map[string][]byte{
		"classic 9th group (IOS 15)": readFixture(t, "ios15-ks1-getvpnkey.txt"),
		"CRLF":                       readFixture(t, "ios15-ks1-getvpnkey-crlf.txt"),
		"own line (IOS-XE)":          readFixture(t, "synthetic-iosxe169-getvpnkey.txt"),
		"own line, same header":      join(ownLine),
		"lower case":                 join(lower),
		"indentation lost":           join(unindented),
		"trailing blanks lost":       join(noTrailing),
		"tabs":                       join(tabs),
		"CR only":                    bytes.ReplaceAll(join(sample), []byte("\n"), []byte("\r")),
		"byte order mark":            append([]byte("\ufeff"), join(sample)...),
		"no final newline":           bytes.TrimSuffix(join(sample), []byte("\n")),
	}
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range inputs {
			if !yield(k) {
				return
			}
		}
	}) {
		t.Run(name, func(t *testing.T) {
			c, diags := Parse("cap.txt", inputs[name])
			if len(diags) > 0 {
				t.Fatal(diags)
			}
			k := c.Find("getvpnkey")
			if k == nil || k.Fingerprint() != fpSample || k.Bits != 1024 || k.Line != 2 {
				t.Fatalf("got %+v", c.Keys)
			}
		})
	}
}

// TestFind picks the GET VPN key out of a capture that also holds the
// router's own key, its temporary .server key and a self-signed key.
func TestFind(t *testing.T) {
	c := mustParse(t, "synthetic-ios15-several-keys.txt")
	tests := []struct{ label, fingerprint string }{
		{"GETVPN-REKEY-RSA", fpGetVPN},
		{"KS-1.example.com", fpKS1},
		{"KS-1.example.com.server", fpKS1Server},
		{"getvpn-rekey-rsa", ""}, // labels are case-sensitive
		{"GETVPN-REKEY", ""},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.label, func(t *testing.T) {
			k := c.Find(tt.label)
			if tt.fingerprint == "" {
				if k != nil {
					t.Fatalf("found %+v", k)
				}
				return
			}
			if k == nil || k.Label != tt.label || k.Fingerprint() != tt.fingerprint {
				t.Fatalf("got %+v", k)
			}
			if k != &c.Keys[slices.IndexFunc(c.Keys, func(x Key) bool { return x.Label == tt.label })] {
				t.Error("Find returned a copy, not the capture's record")
			}
		})
	}
	var none *Capture
	if none.Find("x") != nil {
		t.Error("nil capture found a key")
	}
	var nokey *Key
	if nokey.Fingerprint() != "" || (&Key{}).Fingerprint() != "" {
		t.Error("a missing key has a fingerprint")
	}
}

// TestRecordsWithoutGeneratedAt reads records that start at "Key name:",
// one right after another, as `| begin` output or an old image shows them.
func TestRecordsWithoutGeneratedAt(t *testing.T) {
	s := sampleLines(t)
	second := slices.Clone(s[2:])
	second[0] = "Key name: other"
	second[4] = " Key is not exportable."
	c, diags := Parse("cap.txt", join(s[2:], second))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if len(c.Keys) != 2 || c.Keys[0].Label != "getvpnkey" || c.Keys[0].Line != 1 ||
		c.Keys[1].Label != "other" || c.Keys[1].Line != 12 || c.Keys[1].Exportable || c.Keys[0].GeneratedAt != "" {
		t.Fatalf("got %+v", c.Keys)
	}
}

// TestNoise checks that what surrounds records on a terminal changes
// nothing: output of other commands, a pager prompt erased in the middle of
// Key Data, a syslog message in the middle of a record. (A pager prompt
// right before the closing prompt is an aborted listing: TestPagerAborted.)
func TestNoise(t *testing.T) {
	s := sampleLines(t)
	more := " --More-- " + strings.Repeat("\b", 9) + strings.Repeat(" ", 8) + strings.Repeat("\b", 9)
	lines := []string{
		"KS-1#show clock",
		"*16:20:01.123 UTC Sat Nov 5 2022",
		"KS-1#show version | include uptime",
		"KS-1 uptime is 2 weeks, 3 days, 4 hours, 5 minutes",
		s[0], s[1], s[2],
		"*Nov  5 16:20:02.000: %CRYPTO_ENGINE-5-KEY_ADDITION: A key named getvpnkey has been generated or imported by crypto-engine",
		s[3], s[4], s[5], s[6], s[7], s[8], s[9],
		more + s[10],
		"--More--",
		"\x1b[K" + s[11] + " --More--",
		s[12],
		"KS-1#",
		"KS-1#show crypto key mypubkey ec",
		"% No EC keys",
	}
	c, diags := Parse("cap.txt", join(lines))
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	if len(c.Keys) != 1 || c.Keys[0].Fingerprint() != fpSample || c.Keys[0].Line != 6 {
		t.Fatalf("got %+v", c.Keys)
	}
}

// TestCommandEcho lists the command forms that make a capture without keys
// valid, and near misses that do not.
func TestCommandEcho(t *testing.T) {
	tests := []struct {
		line string
		want *Command
	}{
		{"KS-1#show crypto key mypubkey rsa", &Command{7, "KS-1", "", false, true, false, 0}},
		{"KS-1#show crypto key mypubkey rsa getvpnkey", &Command{7, "KS-1", "getvpnkey", false, true, false, 0}},
		{"KS-1# show crypto key mypubkey rsa GETVPN-REKEY-RSA ", &Command{7, "KS-1", "GETVPN-REKEY-RSA", false, true, false, 0}},
		{"KS-1#sh cry key myp rsa", &Command{7, "KS-1", "", false, true, false, 0}},
		{"ks-1#SH CRYPTO K MYPUB R", &Command{7, "ks-1", "", false, true, false, 0}},
		{"KS-1#sho crypt ke mypubkey rs", &Command{7, "KS-1", "", false, true, false, 0}},
		{"KS-1#show crypto key mypubkey rsa | begin GETVPN", &Command{7, "KS-1", "", true, true, false, 0}},
		{"KS-1#show crypto key mypubkey rsa|include Key", &Command{7, "KS-1", "", true, true, false, 0}},
		{"KS-1#show crypto key mypubkey rsa K | include Key", &Command{7, "KS-1", "K", true, true, false, 0}},
		{"KS-1(config)#do show crypto key mypubkey rsa getvpnkey", &Command{7, "KS-1", "getvpnkey", false, true, false, 0}},
		{"KS-1>show crypto key mypubkey rsa", &Command{7, "KS-1", "", false, false, false, 0}},
		{"#show crypto key mypubkey rsa", &Command{7, "", "", false, true, false, 0}},
		{"show crypto key mypubkey rsa", nil}, // no prompt: typed into the file, not captured
		{"KS-1#show crypto key mypubkey all", &Command{7, "KS-1", "", false, true, false, 0}},
		{"KS-1#show crypto key pubkey-chain rsa", nil},
		{"KS-1#show crypto key mypubkey rsax", nil},
		{"KS-1#s crypto key mypubkey rsa", nil},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			cmd, ecOnly, ok := parseEcho(tt.line, 7)
			if ecOnly || ok != (tt.want != nil) || ok && cmd != *tt.want {
				t.Fatalf("parseEcho = %+v, %v; want %+v", cmd, ok, tt.want)
			}
			c, diags := Parse("cap.txt", []byte(tt.line+"\n"))
			if (c != nil) != ok {
				t.Errorf("Parse of the echo alone: %v", diags)
			}
		})
	}
	if _, ecOnly, ok := parseEcho("KS-1#show crypto key mypubkey ec", 7); !ok || !ecOnly {
		t.Errorf("mypubkey ec: ok %v, ecOnly %v", ok, ecOnly)
	}
}
