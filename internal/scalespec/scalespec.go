// Package scalespec writes specs at the scale GET VPN is built for (Cisco
// engineered it for about 8000 members behind one COOP set), for the
// benchmarks that keep plan and render linear in the number of members.
package scalespec

import (
	"fmt"
	"strings"
)

// Members returns a valid spec with three cooperative key servers, two
// groups (CORP on all three, VIDEO on two) and n members sharing a profile
// (local deny ACL, fail-close); every fourth member also joins VIDEO. The
// pre-shared keys are environment references (COOP_PSK, MEMBERS_PSK) and
// the rekey key is getvpnkey, 1024 bits (the modulus of the test key
// render's benchmark imports).
func Members(n int) string {
	return MembersOn(n, 3)
}

// MembersOn is Members with servers cooperative key servers (2 to 200), all
// of them serving CORP, in priority order: the issue on performance sizes
// GET VPN as 8000 members behind four.
func MembersOn(n, servers int) string {
	var b strings.Builder
	b.WriteString("version: 1\nallowWeakCrypto: true\nkeyServers:\n")
	corp := make([]string, servers)
	for i := range servers {
		fmt.Fprintf(&b, "  - {name: ks%d, hostname: KS%d, address: 10.255.0.%d}\n", i+1, i+1, i+1)
		corp[i] = fmt.Sprintf("{name: ks%d, priority: %d}", i+1, 250-i*200/servers)
	}
	b.WriteString(`rsaKeys: [{label: getvpnkey, modulus: 1024}]
ike:
  preSharedKeys:
    coop: {env: COOP_PSK}
    members: {env: MEMBERS_PSK}
isakmpPolicies: [{priority: 10, group: 19}]
transformSets: [{name: TS}]
ipsecProfiles: [{name: P, transformSet: TS}]
accessLists:
  - name: POLICY
    entries:
      - {action: deny, protocol: udp, source: any, sourcePort: 848, destination: any, destinationPort: 848}
      - {action: deny, protocol: udp, source: any, sourcePort: 500, destination: any, destinationPort: 500}
      - {action: permit, protocol: ip, source: 10.0.0.0/9, destination: 10.0.0.0/9}
  - name: VIDEO-POLICY
    entries:
      - {action: deny, protocol: udp, source: any, sourcePort: 848, destination: any, destinationPort: 848}
      - {action: deny, protocol: udp, source: any, sourcePort: 500, destination: any, destinationPort: 500}
      - {action: permit, protocol: ip, source: 10.128.0.0/9, destination: 239.232.0.0/16}
  - name: LOCAL
    entries: [{action: deny, protocol: ip, source: 10.10.0.0/16, destination: 10.11.0.0/16}]
  - name: EXEMPT
    entries: [{action: deny, protocol: tcp, source: any, destination: any, destinationPort: 22}]
groups:
  - name: CORP
    identity: 1
    rekey: {key: getvpnkey}
    sas: [{number: 10, profile: P, acl: POLICY}]
    keyServers: [` + strings.Join(corp, ", ") + `]
  - name: VIDEO
    identity: 2
    rekey: {key: getvpnkey, transport: multicast, multicastAddress: 239.192.10.1}
    sas: [{number: 10, profile: P, acl: VIDEO-POLICY}]
    keyServers: [{name: ks2, priority: 250}, {name: ks1, priority: 200}]
memberProfiles:
  - name: branch
    wanInterface: GigabitEthernet0/0/0
    registrationInterface: Loopback0
    failClose: {acl: EXEMPT}
    groups: [{name: CORP, localDenyAcl: LOCAL}]
  - name: video
    wanInterface: GigabitEthernet0/0/0
    failClose: {acl: EXEMPT}
    groups: [{name: CORP, localDenyAcl: LOCAL}, {name: VIDEO}]
groupMembers:
`)
	for i := range n {
		profile := "branch"
		if i%4 == 3 {
			profile = "video"
		}
		fmt.Fprintf(&b, "  - {name: gm%d, hostname: GM%d, address: 10.%d.%d.1, profile: %s}\n", i, i, 1+i/250, i%250, profile)
	}
	return b.String()
}
