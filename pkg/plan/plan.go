package plan

import (
	"cmp"
	"maps"
	"net/netip"
	"slices"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// Plan is everything the render stage needs, minus key material.
type Plan struct {
	// Keys are the RSA keys some group uses, sorted by label.
	Keys []Key
	// KeyServers are the KSs that serve at least one group, sorted by name.
	KeyServers []KeyServer
	// Groups summarise each group for the manifest, sorted by name.
	Groups []Group
	// SaveConfig ends every script with `write memory`.
	SaveConfig bool
	// Members are the group members, one script each, sorted by name.
	Members []GroupMember
	// Trustpoint is ike.trustpoint when some ISAKMP policy authenticates
	// with rsa-sig, else "": the scripts name it in a comment (it must be
	// enrolled before they are applied) and configure nothing of it.
	Trustpoint string
	// Secrets are the references the scripts' key lines use, each once
	// (by Ref()), sorted by Ref(): what compile must resolve.
	Secrets []spec.SecretRef
}

// Key is one RSA rekey key the deployment needs.
type Key struct {
	Ptr        string
	Label      string
	Modulus    int
	Exportable bool
	// Source is "offline" (getvpnc generates a new key) or "device" (the
	// primary generates it).
	Source string
	// Primary is the key server that is primary for the key: the
	// highest-priority KS among the primaries of the groups using it.
	Primary string
	// KeyServers are the KSs that use the key, primary first.
	KeyServers []Member
}

// KeyServer is the plan of one KS script.
type KeyServer struct {
	Name     string
	Hostname string
	Address  string
	// KeyLabels are the keys this KS imports, sorted.
	KeyLabels     []string
	ACLs          []ACL
	ISAKMP        []ISAKMPPolicy
	TransformSets []TransformSet
	Profiles      []Profile
	Groups        []KSGroup
	// PeerKeys are the `crypto isakmp key` lines: the COOP peers first
	// (sorted by address), then the members (the wildcard first, then
	// hosts sorted by address). Empty when no policy is pre-share.
	PeerKeys []PeerKey
	// UnkeyedCOOP names the COOP peers, each once, that no key line keys
	// (the spec gives no coop key): the script says they need keys by
	// hand, or the operator would take COOP for configured.
	UnkeyedCOOP []string
}

// PeerKey is one `crypto isakmp key KEY address A [MASK]` line. The key is
// named, never held: render's `psk` function prints the value in a deploy
// script and <Secret> in a review copy.
type PeerKey struct {
	// Secret is the key's spec.SecretRef.Ref().
	Secret string
	// Address is the peer's address; "0.0.0.0" for the wildcard.
	Address string
	// Mask is "" for one host, "0.0.0.0" for the wildcard.
	Mask string
	// Peer is the peer's name (a key server or a member); "" for the
	// wildcard.
	Peer string
	// Role is what the peer is to this device: "coop" (another key
	// server of a group it serves), "member", "members" (the wildcard),
	// or "key server" (on a member's script).
	Role string
}

// The roles of a PeerKey.
const (
	RoleCOOP      = "coop"
	RoleMember    = "member"
	RoleMembers   = "members"
	RoleKeyServer = "key server"
)

// GroupMember is the plan of one member script.
type GroupMember struct {
	Name, Hostname, Address string
	// ISAKMP are all the spec's policies, as on the key servers.
	ISAKMP []ISAKMPPolicy
	// PeerKeys are one line per key server of its groups, each address
	// once, in the order its groups first list them. Empty when no
	// policy is pre-share.
	PeerKeys []PeerKey
	// ACLs are its local deny and fail-close ACLs (extended), each once,
	// sorted by name.
	ACLs []ACL
	// Groups are the groups it joins, in the member's order.
	Groups    []GMGroup
	CryptoMap string
	// FailCloseACL is the exemption ACL of `crypto map MAP gdoi
	// fail-close`; "" without fail-close.
	FailCloseACL string
	WANInterface string
}

// GMGroup is one group as configured on one member.
type GMGroup struct {
	Name     string
	Identity uint64
	// Servers are the key servers in registration order: the member's
	// explicit order, or the group's by falling priority.
	Servers []Peer
	// RegistrationInterface is `client registration interface`; "" when
	// unset.
	RegistrationInterface string
	// Seq is the crypto map entry's sequence number: 10, 20, ...
	Seq int
	// LocalDenyACL is `match address` under the entry; "" when unset.
	LocalDenyACL string
}

// ACL is a named access list with its entries in IOS form.
type ACL struct {
	Name string
	// Kind is the IOS keyword: "extended" (policy and multicast rekey
	// ACLs) or "standard" (authorization ACLs).
	Kind  string
	Lines []string
}

// ISAKMPPolicy is a `crypto isakmp policy` with IOS keywords.
type ISAKMPPolicy struct {
	Priority       int
	Encryption     string // "aes 256", "3des"
	Hash           string
	Authentication string
	Group          int
	Lifetime       int
}

// TransformSet is a `crypto ipsec transform-set` with its transforms in IOS form.
type TransformSet struct {
	Name       string
	Transforms string // "esp-aes 256 esp-sha256-hmac"
}

// Profile is a `crypto ipsec profile`; Lifetime 0 means the IOS default.
type Profile struct {
	Name         string
	TransformSet string
	Lifetime     int
}

// KSGroup is one group as configured on one KS.
type KSGroup struct {
	Name               string
	Identity           uint64
	RekeyAlgorithm     string // "aes 256", "3des-cbc"
	SigHash            string
	RekeyLifetime      int
	RetransmitInterval int
	RetransmitCount    int
	KeyLabel           string
	// MulticastACL is the rekey ACL name for multicast transport; empty
	// means unicast transport.
	MulticastACL string
	// MulticastAddress is the group address multicast rekeys go to.
	MulticastAddress string
	// AuthorizationACL is the standard ACL of `authorization address
	// ipv4`; empty when the group has no authorization.
	AuthorizationACL string
	SAs              []SA
	Address          string
	Priority         int
	Role             string
	// Peers are the other KSs of the group: primary first, then by
	// falling priority.
	Peers []Peer
}

// SA is one `sa ipsec` block.
type SA struct {
	Number  int
	Profile string
	ACL     string
	// Replay is the text after `replay` ("time window-size 5"); empty
	// means `no replay`.
	Replay string
}

// Peer is another KS of a group.
type Peer struct {
	Name     string
	Address  string
	Priority int
}

// Group is the manifest's view of a group.
type Group struct {
	Name       string
	Identity   uint64
	KeyLabel   string
	KeyServers []Member
}

// Member is a KS in a group with its COOP role.
type Member struct {
	Name     string
	Address  string
	Priority int
	Role     string // "primary" or "secondary"
}

// Build makes the plan. The spec must have passed validation; Build still
// reports, rather than panics on, a dangling reference: what it names is
// left out.
//
// Every per-member step is linear: each group's ordered key servers, its
// members and its authorization ACL are computed once (index), never per
// key server, key or member.
func Build(doc *source.Document, s *spec.Spec) (*Plan, diag.List) {
	b := &builder{doc: doc, s: s}
	b.index()
	p := &Plan{SaveConfig: s.SavesConfig(), Trustpoint: b.trustpoint()}
	usedKeys := map[string]bool{}
	for i := range b.groups {
		usedKeys[b.groups[i].g.Rekey.Key] = true
		p.Groups = append(p.Groups, b.group(&b.groups[i]))
	}
	slices.SortFunc(p.Groups, func(a, b Group) int { return cmp.Compare(a.Name, b.Name) })
	for _, k := range s.RSAKeys {
		if !usedKeys[k.Label] {
			continue // validate warned (spec/unused): no key is made for it
		}
		p.Keys = append(p.Keys, b.key(k))
	}
	slices.SortFunc(p.Keys, func(a, b Key) int { return cmp.Compare(a.Label, b.Label) })
	for _, ks := range s.KeyServers {
		if k, ok := b.keyServer(ks); ok {
			p.KeyServers = append(p.KeyServers, k)
		}
	}
	slices.SortFunc(p.KeyServers, func(a, b KeyServer) int { return cmp.Compare(a.Name, b.Name) })
	// Sorted by name before they are planned: sorting the plans would
	// move thousands of large structs.
	members := make([]*spec.GroupMember, len(s.GroupMembers))
	for i := range s.GroupMembers {
		members[i] = &s.GroupMembers[i]
	}
	slices.SortStableFunc(members, func(a, b *spec.GroupMember) int { return cmp.Compare(a.Name, b.Name) })
	p.Members = make([]GroupMember, 0, len(members))
	for _, m := range members {
		p.Members = append(p.Members, b.member(m))
	}
	p.Secrets = usedSecrets(s, p)
	b.list.Sort()
	return p, b.list
}

type builder struct {
	doc      *source.Document
	s        *spec.Spec
	list     diag.List
	kss      map[string]spec.KeyServer
	acls     map[string]spec.AccessList
	profiles map[string]spec.IPsecProfile
	sets     map[string]spec.TransformSet
	// groups parallels s.Groups; byName finds the first group of a name.
	groups []groupInfo
	byName map[string]*groupInfo
	// byKey are the groups that sign with each key label, in spec order.
	byKey map[string][]*groupInfo
	// served are the groups each key server serves, in spec order (a
	// group listing a key server twice counts its first entry, as
	// slices.IndexFunc finds it).
	served map[string][]servedGroup
	// isakmp is every policy in IOS words, sorted by priority.
	isakmp []ISAKMPPolicy
	// preShare says some policy authenticates with pre-shared keys.
	preShare bool
	// iosACLs caches each spec ACL in IOS form: thousands of members
	// carry the same few.
	iosACLs map[string]ACL
}

// acl returns the spec ACL named name in IOS form, formatted once per
// Build; false when the spec has none of that name.
func (b *builder) acl(name string) (ACL, bool) {
	if a, ok := b.iosACLs[name]; ok {
		return a, true
	}
	a, ok := b.acls[name]
	if !ok {
		return ACL{}, false
	}
	if b.iosACLs == nil {
		b.iosACLs = map[string]ACL{}
	}
	b.iosACLs[name] = aclLines(a)
	return b.iosACLs[name], true
}

func (b *builder) index() {
	b.kss = map[string]spec.KeyServer{}
	for _, ks := range b.s.KeyServers {
		b.kss[ks.Name] = ks
	}
	b.acls = map[string]spec.AccessList{}
	for _, a := range b.s.AccessLists {
		b.acls[a.Name] = a
	}
	b.profiles = map[string]spec.IPsecProfile{}
	for _, p := range b.s.IPsecProfiles {
		b.profiles[p.Name] = p
	}
	b.sets = map[string]spec.TransformSet{}
	for _, t := range b.s.TransformSets {
		b.sets[t.Name] = t
	}
	for _, p := range b.s.ISAKMPPolicies {
		b.isakmp = append(b.isakmp, isakmpPolicy(p))
		b.preShare = b.preShare || p.Authentication == authPreShare
	}
	slices.SortFunc(b.isakmp, func(a, b ISAKMPPolicy) int { return cmp.Compare(a.Priority, b.Priority) })
	b.indexGroups()
}

// trustpoint is the trustpoint the scripts name: ike.trustpoint when some
// policy is rsa-sig.
func (b *builder) trustpoint() string {
	if b.s.IKE == nil {
		return ""
	}
	for _, p := range b.s.ISAKMPPolicies {
		if p.Authentication == authRSASig {
			return b.s.IKE.Trustpoint
		}
	}
	return ""
}

func compareAddr(a, b string) int {
	x, err1 := netip.ParseAddr(a)
	y, err2 := netip.ParseAddr(b)
	if err1 != nil || err2 != nil {
		return cmp.Compare(a, b)
	}
	return x.Compare(y)
}

// key gathers the KSs that hold a key: the members of every group that
// signs with it. When several groups share a key, the highest-priority
// primary among them is the key's primary (ties go to the lower address).
func (b *builder) key(k spec.RSAKey) Key {
	out := Key{Ptr: k.Ptr, Label: k.Label, Modulus: k.Modulus, Exportable: k.Exportable, Source: k.Source}
	best := map[string]Member{}
	var primaries []Member
	for _, gi := range b.byKey[k.Label] {
		if len(gi.servers) > 0 {
			primaries = append(primaries, gi.servers[0])
		}
		for _, m := range gi.servers {
			if old, ok := best[m.Name]; !ok || m.Priority > old.Priority {
				best[m.Name] = m
			}
		}
	}
	sortMembers(primaries)
	if len(primaries) > 0 {
		out.Primary = primaries[0].Name
	}
	for _, m := range best {
		m.Role = "secondary"
		if m.Name == out.Primary {
			m.Role = "primary"
		}
		out.KeyServers = append(out.KeyServers, m)
	}
	sortMembers(out.KeyServers)
	slices.SortStableFunc(out.KeyServers, func(a, b Member) int {
		// The primary first even if another group gives a KS a higher priority.
		return cmp.Compare(boolRank(a.Name != out.Primary), boolRank(b.Name != out.Primary))
	})
	return out
}

func boolRank(b bool) int {
	if b {
		return 1
	}
	return 0
}

func sortMembers(ms []Member) {
	slices.SortFunc(ms, func(a, b Member) int {
		return cmp.Or(cmp.Compare(b.Priority, a.Priority), compareAddr(a.Address, b.Address), cmp.Compare(a.Name, b.Name))
	})
}

func (b *builder) group(gi *groupInfo) Group {
	g := gi.g
	return Group{Name: g.Name, Identity: g.Identity, KeyLabel: g.Rekey.Key, KeyServers: slices.Clone(gi.servers)}
}

func (b *builder) keyServer(ks spec.KeyServer) (KeyServer, bool) {
	out := KeyServer{Name: ks.Name, Hostname: ks.Hostname, Address: ks.Addr.String()}
	labels := map[string]bool{}
	acls := map[string]ACL{}
	profiles := map[string]Profile{}
	sets := map[string]TransformSet{}
	var served []*groupInfo
	for _, sg := range b.served[ks.Name] {
		gi, self := sg.gi, sg.self
		g, members := gi.g, gi.servers
		served = append(served, gi)
		labels[g.Rekey.Key] = true
		kg := KSGroup{
			Name:               g.Name,
			Identity:           g.Identity,
			RekeyAlgorithm:     rekeyAlgorithm[g.Rekey.Algorithm],
			SigHash:            g.Rekey.SigHash,
			RekeyLifetime:      g.Rekey.Lifetime,
			RetransmitInterval: g.Rekey.Retransmit.Interval,
			RetransmitCount:    g.Rekey.Retransmit.Count,
			KeyLabel:           g.Rekey.Key,
			Address:            ks.Addr.String(),
			Priority:           members[self].Priority,
			Role:               members[self].Role,
		}
		for i, m := range members {
			if i != self {
				kg.Peers = append(kg.Peers, Peer{Name: m.Name, Address: m.Address, Priority: m.Priority})
			}
		}
		if g.Rekey.Transport == "multicast" {
			kg.MulticastACL = g.Rekey.MulticastACL
			kg.MulticastAddress = g.Rekey.MulticastAddr.String()
			acls[kg.MulticastACL] = multicastRekeyACL(kg.MulticastACL, ks.Addr, g.Rekey.MulticastAddr)
		}
		if gi.auth != nil {
			kg.AuthorizationACL = gi.auth.Name
			acls[kg.AuthorizationACL] = *gi.auth
		}
		for _, sa := range g.SAsInOrder() {
			kg.SAs = append(kg.SAs, SA{Number: sa.Number, Profile: sa.Profile, ACL: sa.ACL, Replay: replay(sa.Replay)})
			if a, ok := b.acl(sa.ACL); ok {
				acls[a.Name] = a
			}
			if p, ok := b.profiles[sa.Profile]; ok {
				profiles[p.Name] = Profile{Name: p.Name, TransformSet: p.TransformSet, Lifetime: p.Lifetime}
				if t, ok := b.sets[p.TransformSet]; ok {
					sets[t.Name] = TransformSet{Name: t.Name, Transforms: transforms(t)}
				}
			}
		}
		out.Groups = append(out.Groups, kg)
	}
	if len(out.Groups) == 0 {
		return out, false
	}
	out.Groups = sortedByName(out.Groups)
	out.KeyLabels = slices.Sorted(maps.Keys(labels))
	for _, name := range slices.Sorted(maps.Keys(acls)) {
		out.ACLs = append(out.ACLs, acls[name])
	}
	for _, name := range slices.Sorted(maps.Keys(profiles)) {
		out.Profiles = append(out.Profiles, profiles[name])
	}
	for _, name := range slices.Sorted(maps.Keys(sets)) {
		out.TransformSets = append(out.TransformSets, sets[name])
	}
	out.ISAKMP = slices.Clone(b.isakmp)
	out.PeerKeys = b.keyServerPeerKeys(ks, served)
	out.UnkeyedCOOP = unkeyedCOOP(out)
	return out, true
}

// sortedByName returns groups sorted by name. It sorts their positions and
// moves each group once: a KSGroup is some 300 bytes, and sorting the
// groups themselves moved thousands of them n log n times (a third of
// Build on a pool of 2000 groups). Names are unique in a valid spec; equal
// ones keep their order.
func sortedByName(groups []KSGroup) []KSGroup {
	order := make([]int, len(groups))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(groups[a].Name, groups[b].Name) })
	out := make([]KSGroup, len(groups))
	for i, j := range order {
		out[i] = groups[j]
	}
	return out
}

// unkeyedCOOP is ks's COOP peers, each once in group order, that none of
// its key lines keys.
func unkeyedCOOP(ks KeyServer) []string {
	keyed := map[string]bool{}
	for _, k := range ks.PeerKeys {
		if k.Role == RoleCOOP {
			keyed[k.Peer] = true
		}
	}
	var out []string
	for _, g := range ks.Groups {
		for _, p := range g.Peers {
			if !keyed[p.Name] {
				keyed[p.Name] = true
				out = append(out, p.Name)
			}
		}
	}
	return out
}

// KeyServersInDeployOrder is the order key servers are deployed in: the
// highest priority each holds in any of its groups, falling, then the
// name. The primary goes first: it holds the rekey key and the others
// take the group's keys from it (docs/ios-facts.md, "Deploy order and
// what the operator sees"; the order among key servers is getvpnc's
// choice, no Cisco text prescribes one).
func (p *Plan) KeyServersInDeployOrder() []KeyServer {
	out := slices.Clone(p.KeyServers)
	top := func(ks KeyServer) int {
		best := 0
		for _, g := range ks.Groups {
			best = max(best, g.Priority)
		}
		return best
	}
	slices.SortStableFunc(out, func(a, b KeyServer) int {
		return cmp.Or(cmp.Compare(top(b), top(a)), cmp.Compare(a.Name, b.Name))
	})
	return out
}
