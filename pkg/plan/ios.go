package plan

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/spec"
)

// These tables map spec values to the IOS keywords of ios-facts.md §5.1.
// They are the only place where a spec enum becomes IOS text.

// rekeyAlgorithm: `rekey algorithm {aes 128|aes 192|aes 256|3des-cbc|des-cbc}`.
var rekeyAlgorithm = map[string]string{
	"aes-128": "aes 128", "aes-192": "aes 192", "aes-256": "aes 256",
	"3des": "3des-cbc", "des": "des-cbc",
}

// ikeEncryption: `encr {aes 128|aes 192|aes 256|3des|des}` under
// `crypto isakmp policy` (IOS shows `encryption` as `encr`).
var ikeEncryption = map[string]string{
	"aes-128": "aes 128", "aes-192": "aes 192", "aes-256": "aes 256",
	"3des": "3des", "des": "des",
}

// espCipher and espIntegrity: the transform-set keywords.
var espCipher = map[string]string{
	"aes-128": "esp-aes 128", "aes-192": "esp-aes 192", "aes-256": "esp-aes 256",
	"gcm-128": "esp-gcm 128", "gcm-256": "esp-gcm 256",
	"3des": "esp-3des", "des": "esp-des",
}

var espIntegrity = map[string]string{
	"sha": "esp-sha-hmac", "sha256": "esp-sha256-hmac", "sha384": "esp-sha384-hmac",
	"sha512": "esp-sha512-hmac", "md5": "esp-md5-hmac",
}

func transforms(t spec.TransformSet) string {
	out := espCipher[t.Encryption]
	if t.Integrity != "" {
		out += " " + espIntegrity[t.Integrity]
	}
	return out
}

// replay returns the words after `replay`, or "" for `no replay`.
func replay(r *spec.Replay) string {
	switch r.Type {
	case "time":
		return fmt.Sprintf("time window-size %d", r.WindowSize)
	case "counter":
		return fmt.Sprintf("counter window-size %d", r.WindowSize)
	}
	return ""
}

// The two kinds of named access list (`ip access-list {standard |
// extended} NAME`, docs/ios-facts.md "Authorization").
const (
	aclExtended = "extended"
	aclStandard = "standard"
)

// aclLines renders the entries in IOS order: action, protocol, source
// [eq port], destination [eq port]. The action and the protocol are
// written as the spec gives them: the schema's enums are the IOS
// keywords themselves (permit, deny; the extended ACL protocols as the
// IOS XE 17.12.1 model lists them, docs/ios-facts.md, "Control-plane
// exclusions"), so there is nothing to map, and no table whose miss would
// print an empty word.
func aclLines(a spec.AccessList) ACL {
	out := ACL{Name: a.Name, Kind: aclExtended}
	for _, e := range a.Entries {
		src, _ := spec.ParseACLAddress(e.Source)
		dst, _ := spec.ParseACLAddress(e.Destination)
		var b strings.Builder
		fmt.Fprintf(&b, "%s %s %s", e.Action, e.Protocol, src.IOS())
		if e.SourcePort != nil {
			fmt.Fprintf(&b, " eq %d", *e.SourcePort)
		}
		b.WriteString(" " + dst.IOS())
		if e.DestinationPort != nil {
			fmt.Fprintf(&b, " eq %d", *e.DestinationPort)
		}
		out.Lines = append(out.Lines, b.String())
	}
	return out
}

// multicastRekeyACL is the extended ACL `rekey address ipv4 NAME` names
// on key server ks: the GDOI rekeys (UDP 848) it sends from its address
// to the group address (docs/ios-facts.md, "Multicast rekey addresses").
func multicastRekeyACL(name string, ks, group netip.Addr) ACL {
	return ACL{Name: name, Kind: aclExtended, Lines: []string{
		fmt.Sprintf("permit udp host %s eq 848 host %s eq 848", ks, group),
	}}
}

// authorizationACL renders a group's authorization as a standard ACL, one
// `permit any`, `permit host A` or `permit A WILDCARD` per address, in the
// spec's order.
func authorizationACL(a *spec.Authorization) ACL {
	out := ACL{Name: a.ACL, Kind: aclStandard}
	for _, addr := range a.Addresses {
		p, _ := spec.ParseACLAddress(addr)
		out.Lines = append(out.Lines, "permit "+p.IOS())
	}
	return out
}

// isakmpPolicy is a `crypto isakmp policy` in IOS words. Key servers and
// members carry the same list, so they match by construction.
func isakmpPolicy(p spec.ISAKMPPolicy) ISAKMPPolicy {
	return ISAKMPPolicy{
		Priority: p.Priority, Encryption: ikeEncryption[p.Encryption], Hash: p.Hash,
		Authentication: p.Authentication, Group: p.Group, Lifetime: p.Lifetime,
	}
}

// The `authentication` keywords of an ISAKMP policy that decide what IKE
// needs: pre-shared keys, or certificates of a trustpoint (docs/ios-facts.md,
// "Pre-shared keys" and "IKE with certificates").
const (
	authPreShare = "pre-share"
	authRSASig   = "rsa-sig"
)

// wildcardAddress and wildcardMask make `crypto isakmp key KEY address
// 0.0.0.0 0.0.0.0`, the key for every peer address (docs/ios-facts.md,
// "Wildcard and subnet keys").
const (
	wildcardAddress = "0.0.0.0"
	wildcardMask    = "0.0.0.0"
)

// cryptoMapSeq is the sequence number of a member's i-th crypto map entry
// (`crypto map MAP SEQ gdoi`, SEQ 1..65535): 10, 20, ..., leaving room for
// an entry added by hand between two.
func cryptoMapSeq(i int) int { return 10 * (i + 1) }

// authorizationFromMembers is the standard ACL of a group that admits its
// members' addresses: one `permit host A` each, in the order given
// (docs/ios-facts.md, "Authorization ACL form").
func authorizationFromMembers(name string, addrs []netip.Addr) ACL {
	out := ACL{Name: name, Kind: aclStandard, Lines: make([]string, 0, len(addrs))}
	for _, a := range addrs {
		out.Lines = append(out.Lines, "permit host "+a.String())
	}
	return out
}

// UsesPreShare reports whether the policy authenticates with pre-shared
// keys (`crypto isakmp key` lines).
func (p ISAKMPPolicy) UsesPreShare() bool { return p.Authentication == authPreShare }

// UsesRSASig reports whether the policy authenticates with certificates
// (of the plan's Trustpoint).
func (p ISAKMPPolicy) UsesRSASig() bool { return p.Authentication == authRSASig }
