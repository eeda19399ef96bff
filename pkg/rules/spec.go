package rules

// Sources of the GET VPN rules that rest on an IOS fact.
const (
	factsWeak      = "docs/ios-facts.md, \"Weak crypto\" (Cisco Field Notice FN72510)"
	factsMulticast = "docs/ios-facts.md, \"Multicast rekey addresses\" (IANA multicast registry, RFC 5771)"
	ciscoModel     = "Cisco IOS XE 17.12.1 YANG model (replay counter window-size); a published lab transcript (time-based window)"
	factsLifetimes = "docs/ios-facts.md, \"Lifetimes and rekey timers\""
	factsSuiteB    = "docs/ios-facts.md, \"GCM and GMAC (Suite B)\""
)

// specRules are the semantic checks of the spec (pkg/validate, pkg/plan).
var specRules = []Rule{
	errorRule("spec/acl-address", "an access-list address is not any, a host or a prefix",
		"Access-list entries and authorization addresses take any, a host address (10.0.0.1) or a prefix (10.10.0.0/16) whose host bits are zero; the script is built from the parsed value.",
		"write any, a host address such as 10.0.0.1, or a prefix such as 10.10.0.0/16", design),
	errorRule("spec/acl-encrypts-control", "a policy ACL would encrypt GDOI or ISAKMP traffic of the group's key servers",
		"A permit in the group's policy ACL matches UDP 848 (GDOI) or 500 (ISAKMP) packets to or from a key server of the group before any deny takes them out: members would then need the group's keys to register and to receive the very rekeys that deliver those keys.",
		"add a deny for the port before the permit, such as {action: deny, protocol: udp, source: any, sourcePort: 848, destination: any, destinationPort: 848}", design+" (GDOI registration and rekey run over UDP 848, IKE over UDP 500)"),
	errorRule("spec/acl-port", "a port on an access-list entry whose protocol has no ports",
		"sourcePort and destinationPort apply to tcp and udp only.",
		"remove the port, or set protocol to tcp or udp", design),
	errorRule("spec/address", "a key server address is not a unicast host address",
		"Group members register to the key server's address, so it must be a global unicast address (not 0.0.0.0, a loopback, multicast or broadcast address).",
		"give the key server an address group members can reach", design),
	errorRule("spec/duplicate", "a name, number, address or priority that must be unique is used twice",
		"Group names and identities, key server names and addresses, RSA key labels, ISAKMP priorities, transform set, IPsec profile and access list names, SA numbers must each be unique, and so must the names of access lists, multicast rekey ACLs and authorization ACLs, which share one name space on the key server, and the rule and path of each waiver. Key server names and key labels must also differ in more than letter case, because they become file names.",
		"rename one of the two (the message points at the first definition)", design),
	errorRule("spec/equal-priority", "two key servers of one group have the same priority",
		"The key server with the highest priority is the primary; equal priorities leave the primary ambiguous, and the IOS tie-break is not documented.",
		"give each key server of the group a different priority", "IOS facts research §8 item 8 (tie-break unconfirmed); "+design),
	errorRule("spec/gcm-integrity", "a GCM/GMAC transform set also names an integrity HMAC",
		"aes-gcm and aes-gmac already authenticate the data; they take no separate integrity transform.",
		"remove integrity, or choose an aes-* cipher", "Cisco IOS transform-set syntax (esp-gcm/esp-gmac take no HMAC)"),
	warningRule("spec/gcm-version", "a group uses a GCM transform set, which needs GET VPN 1.0.4 on every key server and group member",
		"GCM and GMAC TEKs are the GET VPN Suite B feature: every key server and group member must run GET VPN software 1.0.4 or later, and Cisco says to use it only after every device is upgraded. A member on older software cannot use the group's policy. The spec cannot say what the members run, so the rule is a reminder, raised once per group at the first SA whose profile uses gcm-128 or gcm-256.",
		"run show crypto gdoi feature suite-b on the primary key server and upgrade the devices it lists, then waive the rule; or use an aes-* cipher with an integrity HMAC", factsSuiteB+" (Cisco, \"GET VPN Support with Suite B\", prerequisites)"),
	errorRule("spec/key-label", "an RSA key label ends in .server",
		"IOS uses the .server suffix for its temporary SSH keys, so a rekey key of that name would be confused with one.",
		"choose another label", "IOS facts research §8 item 4 (.server is the suffix of SSH temporary keys)"),
	warningRule("spec/lifetime-over-day", "a rekey (KEK) or IPsec profile (TEK) lifetime is over one day (86400 s)",
		"A lifetime over one day is the long SA lifetime feature (IOS 15.3(2)T, IOS XE 3.9 (15.3(2)S)): the key server then checks the GET VPN version of every member and refuses registration from members without the feature, and Cisco requires AES-CBC or AES-GCM with a key of 128 bits or more. Raised at the rekey lifetime of a group, and at the lifetime of each IPsec profile a group uses.",
		"keep the lifetime at 86400 s or less; or run show crypto gdoi feature long-sa-lifetime on the primary key server, upgrade the members it lists, and waive the rule", factsLifetimes+" (Cisco TAC 215514; \"GET VPN Resiliency\", Long SA Lifetime)"),
	errorRule("spec/multicast-address", "a multicast rekey address is missing, not multicast, or given without multicast transport",
		"A multicast rekey needs multicastAddress, an address in 224.0.0.0/4; multicastAddress and multicastAcl are only used with transport: multicast.",
		"add multicastAddress (such as 239.192.1.1) for multicast transport, or remove multicastAddress and multicastAcl for unicast", factsMulticast),
	errorRule("spec/multicast-link-local", "a multicast rekey address is in 224.0.0.0/24",
		"224.0.0.0/24 is the Local Network Control Block: routers never forward it, so a rekey sent there would never leave the key server's link.",
		"use an administratively scoped address from 239.0.0.0/8, such as 239.192.1.1", factsMulticast),
	errorRule("spec/replay", "an anti-replay window size IOS does not accept",
		"A time-based window is 1..100 seconds; a counter window is one of 64, 128, 256, 512 or 1024; replay type none takes no window size.",
		"choose a window size in range for the replay type, or remove it for none", ciscoModel),
	warningRule("spec/retransmit", "rekey retransmissions (interval × count) take more than a tenth of the group's shortest TEK lifetime",
		"The key server sends a rekey before the old key expires (how long before is not documented for a TEK) and repeats it up to count times, interval seconds apart (IOS defaults 10 s × 2); a member that missed the first copy gets the new TEK only from a retransmission, which must arrive well before its old TEK expires. getvpnc calls \"well before\" a tenth: interval × count must be at most a tenth of the shortest TEK lifetime among the group's SAs (an IPsec profile without a lifetime has the IOS default, 3600 s). The tenth is getvpnc's margin, not a Cisco number: it keeps the defaults quiet for any TEK lifetime of 200 s or more and flags a series such as 60 s × 10 against a 3600 s TEK.",
		"lower retransmit interval or count, or lengthen the TEK lifetime of the IPsec profile", factsLifetimes+" (retransmit defaults: IOS facts research §5.1; the tenth: "+design+")"),
	warningRule("spec/rsa-sig", "an ISAKMP policy uses rsa-sig authentication",
		"rsa-sig needs certificates on every key server and group member, and getvpnc does not configure a PKI.",
		"enroll every key server and group member in a PKI trustpoint before deploying", design),
	warningRule("spec/tek-lifetime", "an SA's TEK (IPsec profile) lifetime is not shorter than its group's KEK (rekey) lifetime",
		"The KEK encrypts the rekeys that deliver each new TEK (RFC 3547 §4.7; Cisco TAC 116737: after a KEK rekey the key server uses the new KEK for all later TEK and KEK rekeys), so the long-lived KEK protects the rollover of the short-lived TEKs, as Cisco's defaults have it (KEK 86400 s, TEK 3600 s). Since IOS 15.2(1)T a member that misses a KEK rekey re-registers when its KEK expires (TAC 116737): with a TEK as long as the KEK or longer, the group's keys come to depend on registrations rather than rekeys. An IPsec profile without a lifetime has the IOS default, 3600 s; a rekey without one, 86400 s. No Cisco document states this rule: it is getvpnc's inference from the roles of the two keys.",
		"shorten the IPsec profile's lifetime, or lengthen the group's rekey lifetime", factsLifetimes+" (RFC 3547 §4.7, Cisco TAC 116737; the rule itself: "+design+", an inference)"),
	warningRule("spec/too-many-key-servers", "a group has more than 8 key servers",
		"No Cisco document states how many cooperative key servers a group may have. The key server identifier (KS SID) table of the GET VPN Suite B chapter goes up to KS8, which hints at 8; the limit is not confirmed, so the rule is a warning, raised at the ninth distinct key server of the group.",
		"use at most 8 key servers per group, or confirm that the key server software supports more COOP peers and waive the rule", "docs/ios-facts.md, \"Key servers per group\" (IOS facts research §5.6; not confirmed as a limit)"),
	errorRule("spec/undefined", "a reference to something the spec does not define",
		"A group, SA or profile names a key server, RSA key, access list, transform set or IPsec profile that is not defined.",
		"define it, or correct the name (the message lists the defined ones)", design),
	warningRule("spec/unused", "a key server or RSA key is not used by any group",
		"A key server in no group gets no script; an RSA key no group uses is not made. Either is most often a leftover or a typo.",
		"add it to a group, or remove it", design),
	errorRule("spec/weak-crypto", "legacy crypto: DES/3DES, MD5, DH group 1/2/5, or a 1024-bit rekey key",
		"IOS XE 17.11 and later refuse weak IKE and IPsec crypto by default (FN72510 lists IKE encryption, hash and DH groups and IPsec transform-set keywords). FN72510 does not list the GDOI rekey algorithm nor RSA key sizes: DES/3DES as the rekey algorithm and 1024-bit rekey keys are refused as legacy, and no Cisco source says whether IOS XE still accepts them. With allowWeakCrypto: true the rule is a warning.",
		"choose a modern value, or set allowWeakCrypto: true to accept it (then it is a warning)", factsWeak),
}
