package validate

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
	"github.com/getvpnc/getvpnc/schema"
)

// front runs load, the real schema, decode and the semantic rules on text,
// like the command does, and fails the test on a Decode error: a spec the
// schema accepts must always decode (anything else ends as exit 3).
func front(t *testing.T, text string) diag.List {
	t.Helper()
	doc, l := source.Load("s.yaml", []byte(text))
	if l.HasErrors() {
		return l
	}
	s, err := Compile(schema.SpecJSON)
	if err != nil {
		t.Fatal(err)
	}
	if l := CheckSchema(doc, s); l.HasErrors() {
		return l
	}
	sp, err := spec.Decode(doc.Value)
	if err != nil {
		t.Fatalf("the schema accepted a spec that Decode refuses: %v", err)
	}
	return Semantic(doc, sp)
}

func lines(l diag.List) string {
	var out []string
	for _, d := range l {
		out = append(out, d.String())
	}
	return strings.Join(out, "\n")
}

// TestStrictIPv4 covers addresses that jsonschema v5's ipv4 format lets
// through (it reads octets with strconv.Atoi): each must be refused where
// it is written, never reach a script.
func TestStrictIPv4(t *testing.T) {
	for _, bad := range []string{
		`"10.+255.2.1"`, `"10.-0.2.1"`, `10.255.00.1`, `010.1.1.1`, `"192.0.2.01"`,
		`"+192.0.2.2"`, `"192.0.2.2 "`, `" 192.0.2.2"`, `"192.0.2.2\n"`, `"192.0.2"`,
		`"192.0.2.2.2"`, `"192.0.2.256"`, `"192.0.2.0x2"`, `"::ffff:192.0.2.2"`, `"192.0.2.2%eth0"`,
		`"１92.0.2.2"`,
	} {
		t.Run(bad, func(t *testing.T) {
			text := strings.Replace(baseSpec, "address: 192.0.2.2}", "address: "+bad+"}", 1)
			got := lines(front(t, text))
			want := "s.yaml:4:42: /keyServers/1/address: "
			if !strings.HasPrefix(got, want) || !strings.Contains(got, "is not a valid ipv4 address") {
				t.Errorf("got:\n%s\nwant a line starting %q, saying it is not a valid ipv4 address", got, want)
			}
			text = strings.Replace(baseSpec, "rekey: {key: K}", "rekey: {key: K, transport: multicast, multicastAddress: "+bad+"}", 1)
			got = lines(front(t, text))
			want = "s.yaml:20:61: /groups/0/rekey/multicastAddress: "
			if !strings.HasPrefix(got, want) || !strings.Contains(got, "is not a valid ipv4 address") {
				t.Errorf("multicast: got:\n%s\nwant a line starting %q", got, want)
			}
		})
	}
}

// TestStrictIPv4Duplicate: before, "192.0.2.01" passed the schema and was
// not seen as a repeat of 192.0.2.1; it must now be refused, and a real
// repeat still is one.
func TestStrictIPv4Duplicate(t *testing.T) {
	got := lines(front(t, strings.Replace(baseSpec, "address: 192.0.2.2}", "address: 192.0.2.1}", 1)))
	if !strings.Contains(got, "/keyServers/1/address: duplicate key server address \"192.0.2.1\"") {
		t.Errorf("got:\n%s", got)
	}
}

// TestIntegralFloats: 100.0 and 1e2 are integers for JSON Schema but not
// for the decoder; they used to end as an internal error (exit 3).
func TestIntegralFloats(t *testing.T) {
	for _, tc := range []struct{ old, new, want string }{
		{"priority: 20}", "priority: 20.0}", "s.yaml:22:67: /groups/0/keyServers/1/priority: must be an integer, not 20.0; write 20, not 20.0 [schema/type]"},
		{"priority: 20}", "priority: 2e1}", "s.yaml:22:67: /groups/0/keyServers/1/priority: must be an integer, not 2e1; write 20, not 2e1 [schema/type]"},
		{"priority: 20}", "priority: 20.000}", "s.yaml:22:67: /groups/0/keyServers/1/priority: must be an integer, not 20.000; write 20, not 20.000 [schema/type]"},
		{"{priority: 10}", "{priority: 10, lifetime: 7200.0}", "s.yaml:8:30: /isakmpPolicies/0/lifetime: must be an integer, not 7200.0; write 7200, not 7200.0 [schema/type]"},
		{"{priority: 10}", "{priority: 1e2}", "s.yaml:8:16: /isakmpPolicies/0/priority: must be an integer, not 1e2; write 100, not 1e2 [schema/type]"},
		{"version: 1", "version: 1.0", "s.yaml:1:10: /version: must be an integer, not 1.0; write 1, not 1.0 [schema/type]"},
		{"{label: K}", "{label: K, modulus: 2048.0}", "s.yaml:6:25: /rsaKeys/0/modulus: must be an integer, not 2048.0; write 2048, not 2048.0 [schema/type]"},
		{"{priority: 10}", "{priority: 10, group: 14.0}", "s.yaml:8:27: /isakmpPolicies/0/group: must be an integer, not 14.0; write 14, not 14.0 [schema/type]"},
		{"protocol: ip, source: 10.1.0.0/16", "protocol: tcp, sourcePort: -0, source: 10.1.0.0/16", "s.yaml:16:53: /accessLists/0/entries/0/sourcePort: must be an integer, not -0; write 0, not -0 [schema/type]"},
	} {
		t.Run(tc.new, func(t *testing.T) {
			text := strings.Replace(baseSpec, tc.old, tc.new, 1)
			if text == baseSpec {
				t.Fatalf("edit %q did not apply", tc.old)
			}
			if got := lines(front(t, text)); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// TestIntegralFloatOutOfRange: a value the schema refuses anyway gets one
// diagnostic, not two.
func TestIntegralFloatOutOfRange(t *testing.T) {
	got := lines(front(t, strings.Replace(baseSpec, "priority: 20}", "priority: 300.0}", 1)))
	want := "s.yaml:22:67: /groups/0/keyServers/1/priority: must be <= 255, got 300.0 [schema/maximum]"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestEveryIntegerField writes each integer of a spec that sets every
// optional field as N.0 and as Ne0, and checks that each is refused at its
// own position with the fix, never reaching Decode. It first checks that
// the fixture has every integer field of spec.Spec, so a new field cannot
// be missed.
func TestEveryIntegerField(t *testing.T) {
	text := string(fixture(t, "full-spec.yaml"))
	if l := front(t, text); len(l) != 0 {
		t.Fatalf("fixture: %s", lines(l))
	}
	doc, _ := source.Load("s.yaml", []byte(text))

	numbers := map[string]string{} // pointer -> digits
	present := map[string]bool{}   // shapes, list indexes as *
	var walk func(v any, ptr string)
	walk = func(v any, ptr string) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				walk(e, source.Child(ptr, k))
			}
		case []any:
			for i, e := range x {
				walk(e, ptr+"/"+strconv.Itoa(i))
			}
		case json.Number:
			numbers[ptr] = string(x)
			present[shape(ptr)] = true
		}
	}
	walk(doc.Value, "")
	for _, want := range integerFields(reflect.TypeFor[spec.Spec](), "") {
		if !present[want] {
			t.Errorf("the fixture sets no %s: add it", want)
		}
	}

	src := strings.Split(text, "\n")
	for _, ptr := range slices.Sorted(maps.Keys(numbers)) {
		n := doc.Index().Value[ptr]
		digits := numbers[ptr]
		line := src[n.Line-1]
		col := n.Column - 1
		if line[col:col+len(digits)] != digits {
			t.Fatalf("%s: %q is not at %d:%d", ptr, digits, n.Line, n.Column)
		}
		for _, written := range []string{digits + ".0", digits + "e0"} {
			edited := slices.Clone(src)
			edited[n.Line-1] = line[:col] + written + line[col+len(digits):]
			got := lines(front(t, strings.Join(edited, "\n")))
			want := doc.Pos(ptr).String() + ": " + ptr + ": must be an integer, not " + written + "; write " + digits + ", not " + written + " [schema/type]"
			if got != want {
				t.Errorf("%s written %s:\n got %s\nwant %s", ptr, written, got, want)
			}
		}
	}
}

// integerFields lists the JSON pointer shapes of every integer field of t.
func integerFields(t reflect.Type, ptr string) []string {
	switch t.Kind() {
	case reflect.Pointer:
		return integerFields(t.Elem(), ptr)
	case reflect.Slice:
		return integerFields(t.Elem(), ptr+"/*")
	case reflect.Struct:
		var out []string
		for f := range t.Fields() {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			out = append(out, integerFields(f.Type, ptr+"/"+name)...)
		}
		return out
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return []string{ptr}
	}
	return nil
}

func shape(ptr string) string {
	tokens := strings.Split(ptr, "/")
	for i, tok := range tokens {
		if tok != "" && strings.Trim(tok, "0123456789") == "" {
			tokens[i] = "*"
		}
	}
	return strings.Join(tokens, "/")
}

// TestMulticastLinkLocal: 224.0.0.0/24 carries link-local control traffic
// (OSPF, EIGRP, PIM, ...) that routers never forward; rekeys sent there
// reach no group member beyond the KS's own link.
func TestMulticastLinkLocal(t *testing.T) {
	for _, tc := range []struct{ addr, want string }{
		{"224.0.0.0", "s.yaml:20:61: /groups/0/rekey/multicastAddress: 224.0.0.0 is in 224.0.0.0/24, the local network control block, whose traffic routers never forward (OSPF, EIGRP, PIM and other link-local control protocols use it); use an administratively scoped address from 239.0.0.0/8, such as 239.192.1.1 [spec/multicast-link-local]"},
		{"224.0.0.13", "s.yaml:20:61: /groups/0/rekey/multicastAddress: 224.0.0.13 is in 224.0.0.0/24, the local network control block, whose traffic routers never forward (OSPF, EIGRP, PIM and other link-local control protocols use it); use an administratively scoped address from 239.0.0.0/8, such as 239.192.1.1 [spec/multicast-link-local]"},
		{"224.0.0.255", "s.yaml:20:61: /groups/0/rekey/multicastAddress: 224.0.0.255 is in 224.0.0.0/24, the local network control block, whose traffic routers never forward (OSPF, EIGRP, PIM and other link-local control protocols use it); use an administratively scoped address from 239.0.0.0/8, such as 239.192.1.1 [spec/multicast-link-local]"},
		{"224.0.1.1", ""},
		{"239.192.1.1", ""},
	} {
		t.Run(tc.addr, func(t *testing.T) {
			l := front(t, strings.Replace(baseSpec, "rekey: {key: K}", "rekey: {key: K, transport: multicast, multicastAddress: "+tc.addr+"}", 1))
			var errs diag.List
			for _, d := range l {
				if d.Code != "spec/acl-encrypts-control" { // the base ACL is not the point here
					errs = append(errs, d)
				}
			}
			if got := lines(errs); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
			if tc.want != "" && len(errs) > 0 && errs[0].Code != "spec/multicast-link-local" {
				t.Errorf("code %s, want spec/multicast-link-local", errs[0].Code)
			}
		})
	}
}

// TestWeakCryptoMessages pins every legacy-crypto message and its rule: a
// Cisco notice is named only for what it lists (docs/ios-facts.md, "Weak
// crypto": FN72510 lists IKE encryption, hash and DH groups and IPsec
// transform-set keywords, spec/weak-crypto; it does not list the GDOI
// rekey algorithm, spec/weak-rekey-algorithm, nor RSA key sizes,
// spec/rsa-1024). Each is an error without allowWeakCrypto and a warning
// with it.
func TestWeakCryptoMessages(t *testing.T) {
	const fn72510 = "IOS XE 17.11 and later refuse it by default (Cisco FN72510)"
	const rekey = "DES and 3DES are legacy ciphers; no Cisco source says whether IOS XE 17.11 and later still accept them as the rekey algorithm"
	const rsa1024 = "Cisco's command reference recommends a 2048-bit modulus (for a CA key), recent IOS XE images offer only 2048 to 4096 bits when they generate a key, " +
		"and no Cisco source says whether IOS XE accepts a 1024-bit rekey key"
	const optIn = "; choose a modern value, or set allowWeakCrypto: true to accept it"
	for _, tc := range []struct{ old, new, code, want string }{
		{"{priority: 10}", "{priority: 10, encryption: 3des}", "spec/weak-crypto", "s.yaml:8:32: /isakmpPolicies/0/encryption: IKE encryption 3des is legacy crypto; " + fn72510},
		{"{priority: 10}", "{priority: 10, encryption: des}", "spec/weak-crypto", "s.yaml:8:32: /isakmpPolicies/0/encryption: IKE encryption des is legacy crypto; " + fn72510},
		{"{priority: 10}", "{priority: 10, hash: md5}", "spec/weak-crypto", "s.yaml:8:26: /isakmpPolicies/0/hash: IKE hash md5 is legacy crypto; " + fn72510},
		{"{priority: 10}", "{priority: 10, group: 2}", "spec/weak-crypto", "s.yaml:8:27: /isakmpPolicies/0/group: Diffie-Hellman group 2 is legacy crypto; " + fn72510},
		{"{name: TS}", "{name: TS, encryption: 3des}", "spec/weak-crypto", "s.yaml:10:28: /transformSets/0/encryption: ESP cipher 3des is legacy crypto; " + fn72510},
		{"{name: TS}", "{name: TS, integrity: md5}", "spec/weak-crypto", "s.yaml:10:27: /transformSets/0/integrity: ESP integrity md5 is legacy crypto; " + fn72510},
		{"rekey: {key: K}", "rekey: {key: K, algorithm: 3des}", "spec/weak-rekey-algorithm", "s.yaml:20:32: /groups/0/rekey/algorithm: rekey algorithm 3des is legacy crypto; " + rekey},
		{"rekey: {key: K}", "rekey: {key: K, algorithm: des}", "spec/weak-rekey-algorithm", "s.yaml:20:32: /groups/0/rekey/algorithm: rekey algorithm des is legacy crypto; " + rekey},
		{"{label: K}", "{label: K, modulus: 1024}", "spec/rsa-1024", "s.yaml:6:25: /rsaKeys/0/modulus: a 1024-bit RSA key is legacy crypto; " + rsa1024},
	} {
		t.Run(tc.new, func(t *testing.T) {
			rule := " [" + tc.code + "]"
			text := strings.Replace(baseSpec, tc.old, tc.new, 1)
			l := front(t, text)
			if got := lines(l); got != tc.want+optIn+rule {
				t.Errorf("refused:\n got %s\nwant %s", got, tc.want+optIn+rule)
			}
			if len(l) != 1 || l[0].Severity != diag.Error || l[0].Code != tc.code {
				t.Errorf("want one error %s, got %v", tc.code, l)
			}
			text = strings.Replace(text, "version: 1\n", "version: 1\nallowWeakCrypto: true\n", 1)
			want := strings.Replace(tc.want, ": /", ": warning: /", 1)
			l = front(t, text)
			// One line further down: allowWeakCrypto was inserted.
			if got, wantLine := lines(l), shiftLine(want)+rule; got != wantLine {
				t.Errorf("opted in:\n got %s\nwant %s", got, wantLine)
			}
			if len(l) != 1 || l[0].Severity != diag.Warning || l[0].Code != tc.code {
				t.Errorf("want one warning %s, got %v", tc.code, l)
			}
		})
	}
}

// shiftLine adds one to the line number of a "s.yaml:L:C: ..." line.
func shiftLine(s string) string {
	l, tail, _ := strings.Cut(strings.TrimPrefix(s, "s.yaml:"), ":")
	n, _ := strconv.Atoi(l)
	return "s.yaml:" + strconv.Itoa(n+1) + ":" + tail
}
