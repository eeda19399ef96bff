package validate

import (
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
	"github.com/getvpnc/getvpnc/schema"
)

// baseSpec is a valid spec; each case edits it with strings.Replace. It
// ends in baseIKE; addGroups adds groups before it.
const baseSpec = `version: 1
keyServers:
  - {name: ks1, hostname: KS-1, address: 192.0.2.1}
  - {name: ks2, hostname: KS-2, address: 192.0.2.2}
rsaKeys:
  - {label: K}
isakmpPolicies:
  - {priority: 10}
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
    identity: 1
    rekey: {key: K}
    sas: [{number: 1, profile: P, acl: A}]
    keyServers: [{name: ks1, priority: 10}, {name: ks2, priority: 20}]
` + baseIKE

// baseIKE is the last line of baseSpec: the coop key its two cooperative
// key servers need (spec/ike-coop-key otherwise warns).
const baseIKE = "ike: {preSharedKeys: {coop: {env: GETVPNC_TEST_COOP}}}\n"

// addGroups adds groups (list items) to the groups of text, a spec made
// from baseSpec, before its ike line.
func addGroups(t *testing.T, text, groups string) string {
	t.Helper()
	if !strings.Contains(text, baseIKE) {
		t.Fatal("the spec does not end in baseIKE")
	}
	return strings.Replace(text, baseIKE, groups+baseIKE, 1)
}

// semantic runs load, schema and the semantic rules on text.
func semantic(t *testing.T, text string) diag.List {
	t.Helper()
	doc, l := source.Load("s.yaml", []byte(text))
	if l.HasErrors() {
		t.Fatalf("load: %v", l)
	}
	s, err := Compile(schema.SpecJSON)
	if err != nil {
		t.Fatal(err)
	}
	if l := CheckSchema(doc, s); l.HasErrors() {
		t.Fatalf("schema: %v", l)
	}
	sp, err := spec.Decode(doc.Value)
	if err != nil {
		t.Fatal(err)
	}
	return Semantic(doc, sp)
}

func TestSemanticValidBase(t *testing.T) {
	if l := semantic(t, baseSpec); len(l) != 0 {
		t.Fatalf("base spec: %v", l)
	}
}

func TestSemanticRules(t *testing.T) {
	acl := `      - {action: permit, protocol: ip, source: 10.1.0.0/16, destination: 10.2.0.0/16}`
	for _, tc := range []struct {
		name     string
		old, new string
		want     string // one diagnostic line, exactly
	}{
		{"duplicate ks name ignoring case", "{name: ks2,", "{name: KS1,",
			"s.yaml:4:12: /keyServers/1/name: duplicate key server name \"KS1\"; names must differ in more than letter case, because they become file names [spec/duplicate]"},
		{"key server address not unicast", "address: 192.0.2.2", "address: 224.0.0.5",
			"s.yaml:4:42: /keyServers/1/address: 224.0.0.5 is not a unicast host address; a key server needs a unicast address that group members can reach [spec/address]"},
		{"label ending in .server", "{label: K}", "{label: K.server}\n  - {label: K}",
			"s.yaml:6:13: /rsaKeys/0/label: key label \"K.server\" must not end in .server; IOS uses the .server suffix for temporary SSH keys [spec/key-label]"},
		{"undefined transform set", "{name: P, transformSet: TS}", "{name: P, transformSet: TX}",
			"s.yaml:12:29: /ipsecProfiles/0/transformSet: transform set \"TX\" is not defined; define it under transformSets (defined: TS) [spec/undefined]"},
		{"undefined acl", "acl: A}", "acl: B}",
			"s.yaml:21:40: /groups/0/sas/0/acl: access list \"B\" is not defined; define it under accessLists (defined: A) [spec/undefined]"},
		{"undefined key", "rekey: {key: K}", "rekey: {key: Q}",
			"s.yaml:20:18: /groups/0/rekey/key: RSA key \"Q\" is not defined; define it under rsaKeys (defined: K) [spec/undefined]"},
		{"undefined key server", "{name: ks2, priority: 20}", "{name: ks3, priority: 20}",
			"s.yaml:22:52: /groups/0/keyServers/1/name: key server \"ks3\" is not defined; define it under keyServers (defined: ks1, ks2) [spec/undefined]"},
		{"gcm takes no integrity", "{name: TS}", "{name: TS, encryption: gcm-256, integrity: sha256}",
			"s.yaml:10:48: /transformSets/0/integrity: gcm-256 already authenticates the data; it takes no integrity HMAC; remove integrity, or choose an aes-* cipher [spec/gcm-integrity]"},
		{"multicast needs an address", "rekey: {key: K}", "rekey: {key: K, transport: multicast}",
			"s.yaml:20:12: /groups/0/rekey: multicast rekey needs multicastAddress; add multicastAddress, such as 239.192.1.1 [spec/multicast-missing]"},
		{"multicast address must be multicast", "rekey: {key: K}", "rekey: {key: K, transport: multicast, multicastAddress: 10.0.0.1}",
			"s.yaml:20:61: /groups/0/rekey/multicastAddress: 10.0.0.1 is not a multicast address; use an address in 224.0.0.0/4, normally from 239.0.0.0/8 [spec/multicast-address]"},
		{"multicast address without multicast", "rekey: {key: K}", "rekey: {key: K, multicastAddress: 239.1.1.1}",
			"s.yaml:20:39: /groups/0/rekey/multicastAddress: multicastAddress is only used with multicast transport; remove it, or set transport: multicast [spec/multicast-only]"},
		{"time window out of range", "acl: A}", "acl: A, replay: {type: time, windowSize: 500}}",
			"s.yaml:21:76: /groups/0/sas/0/replay/windowSize: window size 500 is out of range; a time-based window is 1..100 seconds [spec/replay]"},
		{"counter window not a power of two", "acl: A}", "acl: A, replay: {type: counter, windowSize: 100}}",
			"s.yaml:21:79: /groups/0/sas/0/replay/windowSize: window size 100 is not allowed; a counter window is one of 64, 128, 256, 512 or 1024 [spec/replay]"},
		{"duplicate sa number", "sas: [{number: 1, profile: P, acl: A}]", "sas: [{number: 1, profile: P, acl: A}, {number: 1, profile: P, acl: A}]",
			"s.yaml:21:53: /groups/0/sas/1/number: duplicate sa ipsec number \"1\"; each must be unique [spec/duplicate]"},
		{"acl prefix with host bits", "source: 10.1.0.0/16", "source: 10.1.2.0/16",
			"s.yaml:16:48: /accessLists/0/entries/0/source: \"10.1.2.0/16\" has host bits set; did you mean 10.1.0.0/16? write any, a host address such as 10.0.0.1, or a prefix such as 10.10.0.0/16 [spec/acl-address]"},
		{"port on ip protocol", "protocol: ip, source: 10.1.0.0/16", "protocol: ip, sourcePort: 80, source: 10.1.0.0/16",
			"s.yaml:16:52: /accessLists/0/entries/0/sourcePort: protocol ip has no ports; ports apply to tcp and udp only [spec/acl-port]"},
		{"permit any any encrypts GDOI", acl, "      - {action: permit, protocol: ip, source: any, destination: any}",
			"s.yaml:16:9: /accessLists/0/entries/0: access list \"A\" would encrypt GDOI (UDP 848) and ISAKMP (UDP 500) traffic of key server ks1 (192.0.2.1), used by group \"G\"; add `{action: deny, protocol: udp, source: any, sourcePort: 848, destination: any, destinationPort: 848}` and `{action: deny, protocol: udp, source: any, sourcePort: 500, destination: any, destinationPort: 500}` before it [spec/acl-encrypts-control]"},
		{"deny 848 only still leaks ISAKMP", acl,
			"      - {action: deny, protocol: udp, source: any, sourcePort: 848, destination: any, destinationPort: 848}\n      - {action: permit, protocol: ip, source: 192.0.2.0/24, destination: 10.0.0.0/8}",
			"s.yaml:17:9: /accessLists/0/entries/1: access list \"A\" would encrypt ISAKMP (UDP 500) traffic of key server ks1 (192.0.2.1), used by group \"G\"; add `{action: deny, protocol: udp, source: any, sourcePort: 500, destination: any, destinationPort: 500}` before it [spec/acl-encrypts-control]"},
		{"a deny of one direction leaves the other", acl,
			"      - {action: deny, protocol: udp, source: 192.0.2.0/24, sourcePort: 848, destination: any, destinationPort: 848}\n      - {action: deny, protocol: udp, source: any, sourcePort: 500, destination: any, destinationPort: 500}\n      - {action: permit, protocol: ip, source: any, destination: 192.0.2.0/24}",
			"s.yaml:18:9: /accessLists/0/entries/2: access list \"A\" would encrypt GDOI (UDP 848) traffic of key server ks1 (192.0.2.1), used by group \"G\"; add `{action: deny, protocol: udp, source: any, sourcePort: 848, destination: any, destinationPort: 848}` before it [spec/acl-encrypts-control]"},
		{"weak crypto without opt-in", "{priority: 10}", "{priority: 10, hash: md5}",
			"s.yaml:8:26: /isakmpPolicies/0/hash: IKE hash md5 is legacy crypto; IOS XE 17.11 and later refuse it by default (Cisco FN72510); choose a modern value, or set allowWeakCrypto: true to accept it [spec/weak-crypto]"},
		{"rsa-sig needs a PKI", "{priority: 10}", "{priority: 10, authentication: rsa-sig}",
			"s.yaml:8:36: warning: /isakmpPolicies/0/authentication: rsa-sig needs certificates, which getvpnc does not configure; enroll every key server and group member in a PKI trustpoint before deploying [spec/rsa-sig]"},
		{"weak crypto with opt-in is a warning", "version: 1\n", "version: 1\nallowWeakCrypto: true\n",
			""},
		{"key server in no group", "keyServers: [{name: ks1, priority: 10}, {name: ks2, priority: 20}]", "keyServers: [{name: ks1, priority: 10}]",
			"s.yaml:4:12: warning: /keyServers/1/name: key server \"ks2\" is not a member of any group; no script is written for it [spec/unused]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.Replace(baseSpec, tc.old, tc.new, 1)
			if text == baseSpec {
				t.Fatalf("the edit %q did not apply", tc.old)
			}
			l := semantic(t, text)
			var lines []string
			for _, d := range l {
				lines = append(lines, d.String())
			}
			got := strings.Join(lines, "\n")
			if tc.want == "" {
				if len(l) != 0 {
					t.Fatalf("want no diagnostics, got:\n%s", got)
				}
				return
			}
			if !strings.Contains(got+"\n", tc.want+"\n") {
				t.Errorf("want the line\n%s\ngot:\n%s", tc.want, got)
			}
		})
	}
}

func TestSemanticWeakOptIn(t *testing.T) {
	text := strings.Replace(baseSpec, "version: 1\n", "version: 1\nallowWeakCrypto: true\n", 1)
	text = strings.Replace(text, "{label: K}", "{label: K, modulus: 1024}", 1)
	l := semantic(t, text)
	if l.HasErrors() || len(l) != 1 || l[0].Code != "spec/rsa-1024" || l[0].Severity != diag.Warning {
		t.Fatalf("want one rsa-1024 warning, got %v", l)
	}
}

func TestSemanticEqualPriorityRelatesFirst(t *testing.T) {
	l := semantic(t, strings.Replace(baseSpec, "priority: 20}", "priority: 10}", 1))
	if len(l) != 1 || l[0].Code != "spec/equal-priority" || len(l[0].Related) != 1 || l[0].Related[0].Pos.Line != 22 {
		t.Fatalf("got %#v", l)
	}
}
