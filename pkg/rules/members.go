package rules

// Sources of the group-member and IKE rules of issue 9 (pkg/validate
// members.go, memberacls.go, ike.go, secrets.go).
const (
	factsMemberACL = "Cisco Security Manager 4.4 User Guide p.28-9 (\"all statements in the group member security policy ACL must be deny statements\"; fail-close ends in an implicit permit ip any any); docs/ios-facts.md, \"Group member ACLs\""
	factsKSOrder   = "Cisco Security Manager 4.4 User Guide p.28-7 (the member's key server list is its registration order); " + design
	factsCOOPIKE   = "IOS facts research §6 (COOP key servers establish IKE with each other; the lab configures `crypto isakmp key` for the peer key server); " + design
	factsPSKForms  = "docs/ios-facts.md, \"Pre-shared keys: `crypto isakmp key`\" (which key IOS picks when a host key and a wildcard both match is not confirmed)"
	factsFailClose = "Cisco white paper \"Securing Cisco Group Encrypted Transport VPN Group Members Using the Fail-Close Feature\" and CSM 4.4 p.28-8/9; docs/ios-facts.md, \"Fail-close\" (whether registration is exempt automatically is not confirmed)"
	factsMemberIKE = "IOS facts research §5.5 (a member keys `crypto isakmp key ... address KS` for each key server); " + design
)

// memberRules check the group members, their profiles, IKE authentication
// and how pre-shared keys are given.
var memberRules = []Rule{
	errorRule("spec/authorization-empty", "a group declares authorization without addresses, and no member joins it",
		"An authorization without addresses admits the members that join the group: getvpnc builds its ACL from their addresses. With no member in groupMembers joining the group, the ACL would admit nobody, and every registration to the group would be refused. The diagnostic is at the authorization.",
		"list the addresses the group's members register from under authorization.addresses, or add the members to groupMembers", factsAuth),
	warningRule("spec/ike-coop-key", "pre-shared keys are in use, a group has cooperative key servers, and ike.preSharedKeys has no coop key",
		"Cooperative key servers talk to each other over IKE (COOP runs over IKEv1), so with an ISAKMP policy using pre-share each pair needs a pre-shared key on both sides. Without ike.preSharedKeys.coop getvpnc writes none, and COOP does not come up until the keys are configured by hand. Raised once, at ike.preSharedKeys (or ike, or the first group with two or more key servers, whichever the spec has), naming the groups.",
		"add ike: {preSharedKeys: {coop: {env: NAME}}} (or {file: PATH}); or waive the rule if the COOP keys are configured outside getvpnc", factsCOOPIKE),
	errorRule("spec/ike-member-key", "pre-shared keys are in use and a member has no key",
		"With an ISAKMP policy using pre-share, each member authenticates to the key servers of its groups with its own preSharedKey or, without one, ike.preSharedKeys.members. A member with neither cannot register. membersWildcard also needs the members key: it is the key of the wildcard line on the key servers. The diagnostic is at the member (or at membersWildcard).",
		"add ike.preSharedKeys.members: {env: NAME} (or {file: PATH}), or give the member (or its profile) preSharedKey", factsMemberIKE),
	errorRule("spec/ike-trustpoint", "an ISAKMP policy uses rsa-sig and ike.trustpoint is not set",
		"rsa-sig authenticates with certificates, which every key server and member must hold from a PKI trustpoint enrolled before its script is applied; getvpnc names the trustpoint in the scripts and must know it. The diagnostic is at the policy's authentication.",
		"set ike.trustpoint to the trustpoint's name, or use authentication: pre-share", design),
	errorRule("spec/member-acl-permit", "a member's local deny ACL or fail-close ACL has a permit entry",
		"A member's local ACL (localDenyAcl, `match address` under its crypto map entry) comes before the group's policy, and all its entries must be deny statements: traffic it denies stays in the clear. The fail-close ACL ends in an implicit permit ip any any, which drops what no deny exempts, so its entries are denies too. A permit in either is a mistake. The diagnostic is at the reference to the ACL (in the member, or in the profile it inherits it from), with the permit entry related.",
		"make the entries deny entries, or name an access list of denies only", factsMemberACL),
	errorRule("spec/member-incomplete", "a member has no wanInterface or joins no group, even with its profile",
		"A member needs the interface that carries its crypto map and at least one group to join; either may come from its profile. The diagnostic is at the member.",
		"set wanInterface and groups on the member or on its profile", design),
	errorRule("spec/member-ks-order", "a member's explicit key server order is not exactly the group's key servers",
		"A member's keyServers for a group is the order in which it tries the group's key servers: it must name every key server of the group, each once, and no other. A member never lists an address that is not a key server of its group, and one that omits a key server loses it as a fallback. The diagnostic is at the name that is not a key server of the group, or at the list that lacks one.",
		"list each key server of the group once, or remove keyServers to use the group's order (by priority, highest first)", factsKSOrder),
	errorRule("spec/member-unauthorized", "a member's address is not admitted by the declared authorization of a group it joins",
		"A group that declares authorization addresses admits only those: a member of the group whose address none of them matches is refused registration. (Without declared addresses the authorization is built from the members' addresses.) The diagnostic is at the member's address, with the authorization related.",
		"add the member's address (or a prefix holding it) to the group's authorization.addresses, or remove addresses so that getvpnc builds them from the members", factsAuth),
	warningRule("spec/psk-wildcard", "membersWildcard is set while a group has no authorization",
		"With membersWildcard the key servers accept the members key from every address (`crypto isakmp key KEY address 0.0.0.0 0.0.0.0`), so any device that knows it passes IKE; only authorization then decides who may register. A group without authorization (one no member joins and that declares none) is open to every such device. Raised once, at membersWildcard, naming the groups.",
		"add authorization: {addresses: [...]} to the groups the message names, or key the members one by one (remove membersWildcard)", factsAuth),
	errorRule("spec/psk-wildcard-own", "membersWildcard is set and a member has its own pre-shared key",
		"With membersWildcard the key servers key every member with one wildcard line (`crypto isakmp key 0 KEY address 0.0.0.0 0.0.0.0`). A member with its own key would need a host line beside it on the key servers, and which of two keys that both match a peer IOS uses is not confirmed; getvpnc does not write a configuration whose working depends on it. The diagnostic is at the member's preSharedKey (or its profile's).",
		"remove the member's preSharedKey so that it uses ike.preSharedKeys.members, or remove membersWildcard", factsPSKForms),
	errorRule("spec/psk-wildcard-coop", "membersWildcard is set and the coop key is another key than the members key",
		"With membersWildcard the key servers hold the wildcard line for every address (`crypto isakmp key 0 KEY address 0.0.0.0 0.0.0.0`) beside one host line per COOP peer. A COOP peer then matches two lines, and which of two keys that both match IOS uses is not confirmed; getvpnc does not write a configuration whose working depends on it. With the same reference for coop and members both lines hold the same key. Raised at the coop key when some group has cooperative key servers.",
		"give ike.preSharedKeys.coop the same reference as members, or remove membersWildcard", factsPSKForms),
	warningRule("spec/fail-close-registration", "a member's fail-close ACL does not exempt its own registration with a key server",
		"Before a member has registered, fail-close drops all traffic on the interface that the fail-close ACL's deny entries do not let through. No Cisco source says that the member's own ISAKMP (UDP 500) and GDOI (UDP 848) packets to and from its key servers pass by themselves; if they do not, the member never registers and its WAN interface stays shut. getvpnc checks each member's packets to and from each key server of its groups, both directions, against the ACL's first matching entry. Raised once per fail-close setting (a member's or a profile's), naming the first member and key server it fails.",
		"add `{action: deny, protocol: udp, source: any, sourcePort: 500, destination: any, destinationPort: 500}` and the same for 848 at the top of the fail-close ACL (or narrower denies between the members and the key servers)", factsFailClose),
	errorRule("secret/literal", "a pre-shared key is written in the spec itself",
		"A secret in the spec ends up in every copy of it: version control, reviews, tickets. getvpnc takes pre-shared keys by reference, {env: NAME} or {file: PATH}, and refuses a key written as a string unless allowLiteralSecrets: true. The message never shows the key.",
		"write {env: NAME} or {file: PATH} (relative to the spec) instead, and put the key there; or set allowLiteralSecrets: true to accept it (insecure)", design),
	warningRule("secret/literal-allowed", "a pre-shared key is written in the spec itself, accepted by allowLiteralSecrets",
		"With allowLiteralSecrets: true a key written in the spec is used, and each one is a warning: the spec holds a secret. The message never shows the key.",
		"move the key to an environment variable or a file and write {env: NAME} or {file: PATH}, then remove allowLiteralSecrets", design),
}
