// Package spec is the typed form of a getvpnc spec (version 1). It is
// decoded from the JSON value that the load stage built and the schema
// already accepted, so decoding only fails on a bug; each element keeps the
// JSON pointer it came from, so later stages can point diagnostics at the
// user's YAML.
package spec

import "net/netip"

// Spec is one GET VPN deployment.
type Spec struct {
	Version         int  `json:"version"`
	AllowWeakCrypto bool `json:"allowWeakCrypto"`
	// SaveConfig, unset or true, ends every script with `write memory`;
	// see SavesConfig.
	SaveConfig     *bool          `json:"saveConfig"`
	KeyServers     []KeyServer    `json:"keyServers"`
	RSAKeys        []RSAKey       `json:"rsaKeys"`
	ISAKMPPolicies []ISAKMPPolicy `json:"isakmpPolicies"`
	TransformSets  []TransformSet `json:"transformSets"`
	IPsecProfiles  []IPsecProfile `json:"ipsecProfiles"`
	AccessLists    []AccessList   `json:"accessLists"`
	Groups         []Group        `json:"groups"`
	Waivers        []Waiver       `json:"waivers"`
	// ControlPlane names what runs on the WAN beside the GET VPN traffic
	// ("bgp", "bfd", ...): the policy ACLs must leave it in the clear.
	ControlPlane []string `json:"controlPlane"`
	// IKE is how key servers and members authenticate in IKE; nil when
	// the spec says nothing (validate then warns or refuses).
	IKE            *IKE            `json:"ike"`
	GroupMembers   []GroupMember   `json:"groupMembers"`
	MemberProfiles []MemberProfile `json:"memberProfiles"`
	// AllowLiteralSecrets accepts pre-shared keys written in the spec
	// itself, with a warning for each.
	AllowLiteralSecrets bool `json:"allowLiteralSecrets"`
}

// KeyServer is one key-server device.
type KeyServer struct {
	Ptr      string `json:"-"`
	Name     string `json:"name"`
	Hostname string `json:"hostname"`
	Address  string `json:"address"`
	// Addr is Address as ParseIPv4 read it. Everything downstream uses
	// Addr, never the text: a script holds the address getvpnc parsed.
	Addr netip.Addr `json:"-"`
}

// RSAKey is one RSA rekey key.
type RSAKey struct {
	Ptr        string `json:"-"`
	Label      string `json:"label"`
	Modulus    int    `json:"modulus"`
	Exportable bool   `json:"exportable"`
	Source     string `json:"source"`
}

// ISAKMPPolicy is one `crypto isakmp policy`.
type ISAKMPPolicy struct {
	Ptr            string `json:"-"`
	Priority       int    `json:"priority"`
	Encryption     string `json:"encryption"`
	Hash           string `json:"hash"`
	Authentication string `json:"authentication"`
	Group          int    `json:"group"`
	Lifetime       int    `json:"lifetime"`
}

// TransformSet is one `crypto ipsec transform-set`.
type TransformSet struct {
	Ptr        string `json:"-"`
	Name       string `json:"name"`
	Encryption string `json:"encryption"`
	Integrity  string `json:"integrity"`
}

// IPsecProfile is one `crypto ipsec profile`.
type IPsecProfile struct {
	Ptr          string `json:"-"`
	Name         string `json:"name"`
	TransformSet string `json:"transformSet"`
	Lifetime     int    `json:"lifetime"`
}

// AccessList is one extended IPv4 access list.
type AccessList struct {
	Ptr     string     `json:"-"`
	Name    string     `json:"name"`
	Entries []ACLEntry `json:"entries"`
}

// ACLEntry is one access-list line. Ports are nil when not matched.
type ACLEntry struct {
	Ptr             string `json:"-"`
	Action          string `json:"action"`
	Protocol        string `json:"protocol"`
	Source          string `json:"source"`
	SourcePort      *int   `json:"sourcePort"`
	Destination     string `json:"destination"`
	DestinationPort *int   `json:"destinationPort"`
}

// Group is one GDOI group.
type Group struct {
	Ptr        string           `json:"-"`
	Name       string           `json:"name"`
	Identity   uint64           `json:"identity"`
	Rekey      Rekey            `json:"rekey"`
	SAs        []SA             `json:"sas"`
	KeyServers []GroupKeyServer `json:"keyServers"`
	// Authorization is nil when the group admits every member that IKE
	// admits.
	Authorization *Authorization `json:"authorization"`
}

// Authorization is the group's `authorization address ipv4 ACL`: the
// addresses of the members allowed to register, rendered as a standard ACL.
// A group that members join and that declares no authorization gets one
// built from its members' addresses (FromMembers).
type Authorization struct {
	Ptr string `json:"-"`
	// Addresses are the declared addresses and prefixes; none means
	// FromMembers.
	Addresses []string `json:"addresses"`
	// ACL is the standard ACL's name; the default is <group name>-AUTH.
	ACL string `json:"acl"`
}

// Rekey is a group's rekey policy.
type Rekey struct {
	Ptr              string      `json:"-"`
	Key              string      `json:"key"`
	Algorithm        string      `json:"algorithm"`
	SigHash          string      `json:"sigHash"`
	Transport        string      `json:"transport"`
	MulticastAddress string      `json:"multicastAddress"`
	MulticastAddr    netip.Addr  `json:"-"` // MulticastAddress parsed; invalid when unset
	MulticastACL     string      `json:"multicastAcl"`
	Lifetime         int         `json:"lifetime"`
	Retransmit       *Retransmit `json:"retransmit"`
}

// Retransmit is `rekey retransmit <interval> number <count>`.
type Retransmit struct {
	Interval int `json:"interval"`
	Count    int `json:"count"`
}

// SA is one `sa ipsec` entry of a group.
type SA struct {
	Ptr     string  `json:"-"`
	Number  int     `json:"number"`
	Profile string  `json:"profile"`
	ACL     string  `json:"acl"`
	Replay  *Replay `json:"replay"`
}

// Replay is an SA's anti-replay setting.
type Replay struct {
	Type       string `json:"type"`
	WindowSize int    `json:"windowSize"`
}

// GroupKeyServer is a KS's membership in a group.
type GroupKeyServer struct {
	Ptr      string `json:"-"`
	Name     string `json:"name"`
	Priority int    `json:"priority"`
}

// Waiver accepts the warnings of one warning-level rule, with the reason a
// reviewer reads in the manifest; pkg/waiver checks and applies it.
type Waiver struct {
	Ptr  string `json:"-"`
	Rule string `json:"rule"`
	// Reason is one line of printable text (the schema says so).
	Reason string `json:"reason"`
	// Path, when set, limits the waiver to the warnings whose JSON
	// pointer is Path or lies under it.
	Path string `json:"path"`
}

// SavesConfig reports whether scripts end by saving the configuration
// (`write memory`): the default, since an imported RSA key lives in the
// private configuration and is lost at the next reload until it is saved
// (docs/ios-facts.md, "Saving the configuration").
func (s *Spec) SavesConfig() bool { return s.SaveConfig == nil || *s.SaveConfig }

// FromMembers reports whether the authorization admits the address of
// every member of the group, and only those: the spec declares no
// addresses.
func (a *Authorization) FromMembers() bool { return len(a.Addresses) == 0 }
