package plan

import (
	"encoding/json"
	"net/netip"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/spec"
	"github.com/getvpnc/getvpnc/schema"
)

// TestMulticastRekeyACL: the rekey ACL of a key server permits GDOI from
// its address to the group address, as ios-facts "Multicast rekey
// addresses" writes it.
func TestMulticastRekeyACL(t *testing.T) {
	a := multicastRekeyACL("REKEY", netip.MustParseAddr("202.100.1.1"), netip.MustParseAddr("239.0.1.2"))
	if a.Name != "REKEY" || a.Kind != aclExtended || len(a.Lines) != 1 || a.Lines[0] != "permit udp host 202.100.1.1 eq 848 host 239.0.1.2 eq 848" {
		t.Errorf("got %+v", a)
	}
}

// TestACLProtocolAsGiven: every protocol of the schema's enum is written
// as it is, the IOS keyword, never as an empty word.
func TestACLProtocolAsGiven(t *testing.T) {
	protocols := protocolEnum(t)
	if len(protocols) < 2 {
		t.Fatalf("the schema's protocol enum: %q", protocols)
	}
	for _, p := range protocols {
		a := aclLines(spec.AccessList{Name: "A", Entries: []spec.ACLEntry{{Action: "deny", Protocol: p, Source: "any", Destination: "10.0.0.0/8"}}})
		if want := "deny " + p + " any 10.0.0.0 0.255.255.255"; len(a.Lines) != 1 || a.Lines[0] != want {
			t.Errorf("%s: %q, want %q", p, a.Lines, want)
		}
	}
}

// protocolEnum is the enum of the schema's ACL entry protocol.
func protocolEnum(t *testing.T) []string {
	t.Helper()
	var doc any
	if err := json.Unmarshal(schema.SpecJSON, &doc); err != nil {
		t.Fatal(err)
	}
	var found []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if p, ok := x["protocol"].(map[string]any); ok {
				for _, e := range p["enum"].([]any) {
					found = append(found, e.(string))
				}
			}
			for _, sub := range x {
				walk(sub)
			}
		case []any:
			for _, sub := range x {
				walk(sub)
			}
		}
	}
	walk(doc)
	return found
}
