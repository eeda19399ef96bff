package scalespec

import (
	"fmt"
	"strings"
)

// Shape is how a generated fleet's groups are spread over key servers.
type Shape int

const (
	// Pool: four cooperative key servers serve every group, and every
	// group's rekeys are signed by the one key the pool holds (a key
	// server imports one key per label, and a COOP set shares it).
	Pool Shape = iota
	// Own: every group has four key servers of its own and its own rekey
	// key: n groups are 4n key servers and n keys.
	Own
)

// Shapes are the shapes the benchmarks run, by name.
var Shapes = []Shape{Pool, Own}

func (s Shape) String() string {
	if s == Own {
		return "own"
	}
	return "pool"
}

// ParseShape returns the shape named name ("pool" or "own").
func ParseShape(name string) (Shape, bool) {
	for _, s := range Shapes {
		if s.String() == name {
			return s, true
		}
	}
	return 0, false
}

// Groups returns a valid spec of n groups (n ≤ 62500) in the given shape,
// no members, with no warning. Pool groups authorize their own /24 (a key
// server serving several groups needs authorization). Every group has its own policy ACL (the GDOI
// and ISAKMP denies, then a permit of its own /24 to the data centres), so
// groups on the same key servers never overlap. The cooperative pre-shared
// key is the environment reference COOP_PSK; keys are 2048 bits, REKEY in
// the pool shape and REKEY-<i> in the own shape.
func Groups(n int, shape Shape) string {
	var b strings.Builder
	b.WriteString("version: 1\nkeyServers:\n")
	servers := 4
	if shape == Own {
		servers = 4 * n
	}
	for i := range servers {
		fmt.Fprintf(&b, "  - {name: ks%d, hostname: KS%d, address: %s}\n", i+1, i+1, serverAddress(i))
	}
	b.WriteString("rsaKeys:\n")
	if shape == Own {
		for i := range n {
			fmt.Fprintf(&b, "  - {label: REKEY-%d, modulus: 2048}\n", i+1)
		}
	} else {
		b.WriteString("  - {label: REKEY, modulus: 2048}\n")
	}
	b.WriteString(`ike:
  preSharedKeys:
    coop: {env: COOP_PSK}
isakmpPolicies: [{priority: 10, encryption: aes-256, hash: sha256, authentication: pre-share, group: 19}]
transformSets: [{name: TS, encryption: aes-256, integrity: sha256}]
ipsecProfiles: [{name: PROFILE, transformSet: TS}]
accessLists:
`)
	for i := range n {
		fmt.Fprintf(&b, "  - name: POLICY-%d\n    entries:\n"+
			"      - {action: deny, protocol: udp, source: any, sourcePort: 848, destination: any, destinationPort: 848}\n"+
			"      - {action: deny, protocol: udp, source: any, sourcePort: 500, destination: any, destinationPort: 500}\n"+
			"      - {action: permit, protocol: ip, source: 10.%d.%d.0/24, destination: 172.16.0.0/12}\n", i+1, i/250, i%250)
	}
	b.WriteString("groups:\n")
	for i := range n {
		key, first := "REKEY", 1
		if shape == Own {
			key, first = fmt.Sprintf("REKEY-%d", i+1), 4*i+1
		}
		fmt.Fprintf(&b, "  - name: G%d\n    identity: %d\n    rekey: {key: %s}\n    sas: [{number: 10, profile: PROFILE, acl: POLICY-%d}]\n"+
			"    keyServers: [{name: ks%d, priority: 250}, {name: ks%d, priority: 200}, {name: ks%d, priority: 150}, {name: ks%d, priority: 100}]\n",
			i+1, i+1, key, i+1, first, first+1, first+2, first+3)
		if shape == Pool {
			// Key servers serving several groups must say who may
			// register to which: the group's own branch /24.
			fmt.Fprintf(&b, "    authorization: {addresses: [10.%d.%d.0/24]}\n", i/250, i%250)
		}
	}
	return b.String()
}

// serverAddress is the address of key server i (from 0): 10.200.0.1 on,
// 250 to a /24 from 10.200.0.0 up.
func serverAddress(i int) string {
	return fmt.Sprintf("10.%d.%d.%d", 200+i/(250*250), i/250%250, i%250+1)
}
