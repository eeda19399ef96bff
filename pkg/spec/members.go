package spec

import "net/netip"

// GroupMember is one group-member (GM) device: it registers with the key
// servers of the groups it joins and encrypts the traffic their policy
// names on its WAN interface.
type GroupMember struct {
	Ptr      string `json:"-"`
	Name     string `json:"name"`
	Hostname string `json:"hostname"`
	// Address is the address the member registers from: the IKE peer
	// address the key servers see (and key and authorize).
	Address string     `json:"address"`
	Addr    netip.Addr `json:"-"`
	// Profile names the memberProfiles entry whose settings the member
	// takes where it sets none of its own.
	Profile string `json:"profile"`
	MemberSettings
}

// MemberProfile holds settings that many members share, so a spec with
// thousands of members lists each one in a line or two.
type MemberProfile struct {
	Ptr  string `json:"-"`
	Name string `json:"name"`
	MemberSettings
}

// MemberSettings are what a member sets or takes from its profile: a
// member's own value wins, field by field (Groups as a whole list).
type MemberSettings struct {
	// WANInterface carries the crypto map (`interface X` / ` crypto map M`).
	WANInterface string `json:"wanInterface"`
	// RegistrationInterface, when set, is the interface whose address the
	// member registers from (`client registration interface`).
	RegistrationInterface string `json:"registrationInterface"`
	// CryptoMap is the crypto map's name; the default is GETVPN-MAP.
	CryptoMap string `json:"cryptoMap"`
	// FailClose, when set, drops the interface's clear traffic until the
	// member has registered, except what its ACL exempts. IOS has one
	// fail-close per crypto map, so it is the member's, not a group's.
	FailClose *FailClose `json:"failClose"`
	// Groups are the groups the member joins, one crypto map entry each,
	// in this order.
	Groups []MemberGroup `json:"groups"`
	// PreSharedKey is this member's own IKE key with its key servers;
	// unset, it uses ike.preSharedKeys.members.
	PreSharedKey *SecretRef `json:"preSharedKey"`
}

// MemberGroup is a member's membership of one group.
type MemberGroup struct {
	Ptr  string `json:"-"`
	Name string `json:"name"`
	// LocalDenyACL names an access list of deny entries that the member
	// keeps in the clear whatever the group's policy says (`match
	// address` under the crypto map entry).
	LocalDenyACL string `json:"localDenyAcl"`
	// KeyServers, when set, is the order in which the member tries the
	// group's key servers: a permutation of them. Unset, the group's key
	// servers by falling priority.
	KeyServers []string `json:"keyServers"`
}

// FailClose is `crypto map M gdoi fail-close` with its exemption ACL.
type FailClose struct {
	Ptr string `json:"-"`
	// ACL names the access list whose deny entries are let through in
	// the clear before registration.
	ACL string `json:"acl"`
}

// IKE is how the devices authenticate each other in IKE (ISAKMP): the key
// servers with their COOP peers, the members with their key servers.
type IKE struct {
	Ptr string `json:"-"`
	// PreSharedKeys are used by the ISAKMP policies with authentication
	// pre-share.
	PreSharedKeys *PreSharedKeys `json:"preSharedKeys"`
	// Trustpoint names the PKI trustpoint, enrolled on every device
	// before its script is applied, that rsa-sig policies use.
	Trustpoint string `json:"trustpoint"`
}

// PreSharedKeys are the IKE pre-shared keys, each a secret reference.
type PreSharedKeys struct {
	Ptr string `json:"-"`
	// COOP is the key each pair of cooperative key servers shares.
	COOP *SecretRef `json:"coop"`
	// Members is the key between the members and their key servers,
	// unless a member has its own.
	Members *SecretRef `json:"members"`
	// MembersWildcard keys the members on the key servers with one line
	// for every address (`address 0.0.0.0 0.0.0.0`) instead of a line
	// per member.
	MembersWildcard bool `json:"membersWildcard"`
}

// DefaultCryptoMap is the crypto map name of a member that names none.
const DefaultCryptoMap = "GETVPN-MAP"
