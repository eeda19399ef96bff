package rules

// Sources of the GET VPN policy rules of issue 8 (pkg/validate overlap.go,
// authorization.go, controlplane.go, replaycounter.go).
const (
	factsOverlap = "Cisco IOS XE 17.x Security VPN configuration guide, \"GET VPN GM Removal and Policy Trigger\" (\"Overlapping ACLs in GETVPN groups are prohibited\"); docs/ios-facts.md, \"Policy ACLs: overlap and order\""
	factsSAOrder = "Cisco Security Manager 4.4 User Guide p.28-11 (a group's SAs are appended in order); docs/ios-facts.md, \"Policy ACLs: overlap and order\""
	factsAuth    = "Cisco Security Manager 4.4 User Guide p.28-6 (\"Configuring authorization is required if the key server serves more than one group\"); docs/ios-facts.md, \"Authorization\""
	factsReplay  = "Cisco Security Manager 4.4 User Guide p.28-12 (time-based anti-replay for many senders); the rule itself is getvpnc's inference from it, docs/ios-facts.md, \"Anti-replay with many senders\""
	factsControl = "docs/ios-facts.md, \"Control-plane exclusions\" (Cisco genieparser GET VPN test data; RFC 4271, 5881, 5883, 7868, 2328, 7761, 5905, 4253, 3417, 5426, 8907; RFC 6335 §6 port ranges); " + factsJoined
	factsJoined  = "Cisco Security Manager 4.4 User Guide p.28-10/28-11 (a group's ACLs are merged in order and \"treated as a single ACL\"); docs/ios-facts.md, \"Policy ACLs: overlap and order\""
)

// policyRules check the group policies as a whole: overlaps, who may
// register, what must stay in the clear, and anti-replay.
var policyRules = []Rule{
	errorRule("spec/acl-overlap-groups", "policy ACLs of two groups served by one key server overlap",
		"Two groups that share a key server have policy ACLs with permits some packet matches both, or use the very same ACL. Cisco prohibits overlapping ACLs in GET VPN groups (a packet in the overlap would fall under the policies of two groups). Permits overlap when their protocols are equal or one is ip, no port differs (an entry without a port matches all ports) and both the source and the destination prefixes intersect; denies are not considered. The rule is reported at the second use, with the first as related location.",
		"give each group its own ACL with disjoint permits (the message names the two overlapping entries), or serve the groups from different key servers", factsOverlap),
	warningRule("spec/acl-overlap-sas", "a permit of an SA overlaps a permit of an earlier SA of the same group",
		"IOS joins a group's SAs into one list in number order and the first match wins, so packets matched by a permit of an earlier SA never reach the later SA's overlapping permit: the later SA does not protect them, and its transform set is not used for them. The same ACL in two SAs of a group is the extreme case.",
		"make the SAs' permits disjoint, or merge the SAs", factsSAOrder),
	warningRule("spec/authorization", "a key server serving several groups lets a group's members register without authorization",
		"Cisco requires authorization when a key server serves more than one group: without it, any member the key server's IKE admits may register to any of its groups and receive their keys. The warning is at each group without authorization whose key servers serve another group. An authorization that admits every address (any, or 0.0.0.0/0, among its addresses) restricts nothing, so a group of a shared key server that has one gets the warning too, at that address, with its own message.",
		"add authorization: {addresses: [...]} to the group with its members' addresses (not any); getvpnc renders a standard ACL and `authorization address ipv4 ACL` on every key server of the group", factsAuth),
	warningRule("spec/control-plane", "a policy ACL would encrypt a control-plane protocol the spec declares",
		"For each protocol listed in controlPlane, a permit of a group's policy (its SAs' ACLs joined in SA number order, one list as the group member searches it) could match its packets before deny entries have taken them all out (from any address to any address, every port the protocol uses). Each entry is reported once per protocol, naming the first group it leaks in. Encrypted, such traffic cannot reach routers without the group's keys (a provider edge, a BFD or BGP peer, a management station), and routing that carries the registrations would depend on the keys it delivers. nat-t (UDP 4500) is the IKE of a member that registers with its key server through NAT. The client side of a TCP protocol (BGP, SSH, TACACS+) is an ephemeral port, any port from 1024 up (RFC 6335 puts the well-known ports below 1024), so an entry whose port on that side is below 1024 (such as destinationPort: 80 toward the client) cannot carry it; an entry without a port can.",
		"add the deny entries the message lists before the permit", factsControl),
	warningRule("spec/replay-counter", "counter-based anti-replay in an SA whose policy lets many hosts send",
		"An SA uses replay: {type: counter} while its ACL has a permit whose source is a prefix or any. All members encrypt with the group's one SA, so a receiver sees many senders in one sequence space; Cisco presents time-based anti-replay as what protects multi-sender traffic. That counters then drop good packets is getvpnc's inference, not a quoted Cisco statement, hence a warning.",
		"use time-based anti-replay: replay: {type: time, windowSize: 5}", factsReplay),
}
