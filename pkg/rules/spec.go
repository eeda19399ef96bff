package rules

// Sources of the GET VPN rules that rest on an IOS fact.
const (
	factsWeak      = "docs/ios-facts.md, \"Weak crypto\" (Cisco Field Notice FN72510)"
	factsWeakRekey = "docs/ios-facts.md, \"Weak crypto\" (the IOS XE 17.12.1 YANG model lists des-cbc and 3des-cbc; FN72510 does not list the rekey algorithm)"
	factsWeak1024  = "docs/ios-facts.md, \"Weak crypto\" (Cisco Security Command Reference, `crypto key generate rsa`; Cisco Field Notice FN72511, SSH keys only)"
	factsMulticast = "docs/ios-facts.md, \"Multicast rekey addresses\" (IANA multicast registry, RFC 5771)"
	ciscoModel     = "Cisco IOS XE 17.12.1 YANG model (replay counter window-size); a published lab transcript (time-based window)"
)

// specRules are the semantic checks of the spec (pkg/validate, pkg/plan).
var specRules = []Rule{
	errorRule("spec/acl-address", "an access-list address is not any, a host or a prefix",
		"Access-list entries take any, a host address (10.0.0.1) or a prefix (10.10.0.0/16) whose host bits are zero; the script is built from the parsed value.",
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
	errorRule("spec/duplicate", "a name, number or address that must be unique is used twice",
		"Group names, key server names and addresses, RSA key labels, ISAKMP priorities, transform set, IPsec profile and access list names, SA numbers and multicast rekey ACLs must each be unique. Key server names and key labels must also differ in more than letter case, because they become file names.",
		"rename one of the two (the message points at the first definition)", design),
	errorRule("spec/equal-priority", "two key servers of one group have the same priority",
		"The key server with the highest priority is the primary; equal priorities leave the primary ambiguous, and the IOS tie-break is not documented.",
		"give each key server of the group a different priority", "IOS facts research §8 item 8 (tie-break unconfirmed); "+design),
	errorRule("spec/gcm-integrity", "a GCM/GMAC transform set also names an integrity HMAC",
		"aes-gcm and aes-gmac already authenticate the data; they take no separate integrity transform.",
		"remove integrity, or choose an aes-* cipher", "Cisco IOS transform-set syntax (esp-gcm/esp-gmac take no HMAC)"),
	errorRule("spec/identity-shared", "two groups have the same identity number",
		"A group member asks the key server for its group by the group's identity number (`identity number N`), so two groups with one number cannot be told apart. The diagnostic is at the second group's identity, with the first one related. (Until issue 8 this was spec/duplicate.)",
		"give each group its own identity number", design+" (RFC 6407: a member names the group it joins by its group identity)"),
	errorRule("spec/key-label", "an RSA key label ends in .server",
		"IOS uses the .server suffix for its temporary SSH keys, so a rekey key of that name would be confused with one.",
		"choose another label", "IOS facts research §8 item 4 (.server is the suffix of SSH temporary keys)"),
	errorRule("spec/multicast-address", "a multicast rekey address is not a multicast address",
		"The rekey is sent to multicastAddress, which must be in 224.0.0.0/4. (Until issue 8 this rule also covered a missing address and multicast settings with unicast transport; those are spec/multicast-missing and spec/multicast-only.)",
		"use an address in 224.0.0.0/4, normally an administratively scoped one from 239.0.0.0/8 such as 239.192.1.1", factsMulticast),
	errorRule("spec/multicast-link-local", "a multicast rekey address is in 224.0.0.0/24",
		"224.0.0.0/24 is the Local Network Control Block: routers never forward it, so a rekey sent there would never leave the key server's link.",
		"use an administratively scoped address from 239.0.0.0/8, such as 239.192.1.1", factsMulticast),
	errorRule("spec/multicast-missing", "a multicast rekey has no multicastAddress",
		"With transport: multicast the key server sends each rekey to one group address (`rekey address ipv4`), and there is no default for it.",
		"add multicastAddress, such as 239.192.1.1, or use transport: unicast", factsMulticast),
	errorRule("spec/multicast-only", "multicastAddress or multicastAcl given with unicast transport",
		"multicastAddress and multicastAcl are only used by a multicast rekey; with unicast transport they would be ignored, so a spec that sets them most likely meant transport: multicast.",
		"set transport: multicast, or remove multicastAddress and multicastAcl", factsMulticast),
	errorRule("spec/replay", "an anti-replay window size IOS does not accept",
		"A time-based window is 1..100 seconds; a counter window is one of 64, 128, 256, 512 or 1024; replay type none takes no window size.",
		"choose a window size in range for the replay type, or remove it for none", ciscoModel),
	errorRule("spec/rsa-1024", "a 1024-bit RSA rekey key",
		"The rekey key signs every rekey. Cisco's command reference recommends a 2048-bit modulus (for a CA key), and recent IOS XE images offer only 2048 to 4096 bits when they generate a key. Cisco FN72511 (IOS XE 17.11+ refuses RSA keys under 2048 bits) is about SSH keys only, and FN72510 does not list RSA key sizes: no Cisco source says whether IOS XE accepts a 1024-bit GDOI rekey key. It is an error unless allowWeakCrypto: true, which makes it a warning. (Until issue 8 this was spec/weak-crypto.)",
		"use modulus: 2048 (or more), or set allowWeakCrypto: true to keep a 1024-bit key (then it is a warning)", factsWeak1024),
	warningRule("spec/rsa-sig", "an ISAKMP policy uses rsa-sig authentication",
		"rsa-sig needs certificates on every key server and group member, and getvpnc does not configure a PKI.",
		"enroll every key server and group member in a PKI trustpoint before deploying", design),
	errorRule("spec/undefined", "a reference to something the spec does not define",
		"A group, SA or profile names a key server, RSA key, access list, transform set or IPsec profile that is not defined.",
		"define it, or correct the name (the message lists the defined ones)", design),
	warningRule("spec/unused", "a definition nothing refers to",
		"A key server in no group gets no script; an RSA key no group uses is not made; a transform set no IPsec profile uses, an IPsec profile no SA uses and an access list no SA uses are written to no script. Each is most often a leftover, or a typo in the reference meant to name it. ISAKMP policies are written to every key server, so they are never unused. The warning is at the definition's name.",
		"refer to it where it was meant to be used, or remove it", design),
	errorRule("spec/weak-crypto", "IKE or IPsec crypto that IOS XE 17.11+ refuses by default: DES/3DES, MD5, DH group 1/2/5",
		"IOS XE 17.11 and later refuse weak IKE and IPsec crypto by default: Cisco FN72510 lists IKE encryption (des, 3des), hash (md5) and DH groups (1, 2, 5) and IPsec transform-set keywords (esp-des, esp-3des, esp-md5-hmac, ...). The rekey algorithm and RSA key sizes, which FN72510 does not list, have rules of their own (spec/weak-rekey-algorithm, spec/rsa-1024). With allowWeakCrypto: true the rule is a warning.",
		"choose a modern value (aes, sha256, group 14 or higher), or set allowWeakCrypto: true to accept it (then it is a warning)", factsWeak),
	errorRule("spec/weak-rekey-algorithm", "a DES or 3DES rekey algorithm",
		"The rekey algorithm encrypts the rekey messages. DES and 3DES are legacy ciphers; Cisco FN72510 does not list the GDOI rekey algorithm, so no Cisco source says whether IOS XE 17.11 and later still accept `rekey algorithm 3des-cbc` or `des-cbc`. It is an error unless allowWeakCrypto: true, which makes it a warning. (Until issue 8 this was spec/weak-crypto.)",
		"use algorithm: aes-256 (the default) or another aes-*, or set allowWeakCrypto: true to accept it (then it is a warning)", factsWeakRekey),
}
