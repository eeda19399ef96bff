package rules

// Sources of the group-member and IKE rules of issue 9 (pkg/validate
// members.go).
const (
	factsMemberACL = "Cisco Security Manager 4.4 User Guide p.28-9 (\"all statements in the group member security policy ACL must be deny statements\"; fail-close ends in an implicit permit ip any any); docs/ios-facts.md, \"Group member ACLs\""
	factsKSOrder   = "Cisco Security Manager 4.4 User Guide p.28-7 (the member's key server list is its registration order); " + design
)

// memberRules check the group members and their profiles.
var memberRules = []Rule{
	errorRule("spec/authorization-empty", "a group declares authorization without addresses, and no member joins it",
		"An authorization without addresses admits the members that join the group: getvpnc builds its ACL from their addresses. With no member in groupMembers joining the group, the ACL would admit nobody, and every registration to the group would be refused. The diagnostic is at the authorization.",
		"list the addresses the group's members register from under authorization.addresses, or add the members to groupMembers", factsAuth),
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
}
