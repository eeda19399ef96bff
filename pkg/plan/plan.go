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
	// Secrets are the refs some script uses, each once (by Ref()), sorted by Ref().
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
// reports, rather than panics on, a dangling reference.
func Build(doc *source.Document, s *spec.Spec) (*Plan, diag.List) {
	b := &builder{doc: doc, s: s}
	b.index()
	p := &Plan{SaveConfig: s.SavesConfig(), Secrets: usedSecrets(s)}
	usedKeys := map[string]bool{}
	for _, g := range s.Groups {
		usedKeys[g.Rekey.Key] = true
		p.Groups = append(p.Groups, b.group(g))
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
}

// members returns a group's KSs, highest priority (the primary) first.
func (b *builder) members(g spec.Group) []Member {
	var out []Member
	for _, m := range g.KeyServers {
		ks := b.kss[m.Name]
		out = append(out, Member{Name: m.Name, Address: ks.Addr.String(), Priority: m.Priority, Role: "secondary"})
	}
	sortMembers(out)
	if len(out) > 0 {
		out[0].Role = "primary"
	}
	return out
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
	for _, g := range b.s.Groups {
		if g.Rekey.Key != k.Label {
			continue
		}
		members := b.members(g)
		if len(members) > 0 {
			primaries = append(primaries, members[0])
		}
		for _, m := range members {
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

func (b *builder) group(g spec.Group) Group {
	return Group{Name: g.Name, Identity: g.Identity, KeyLabel: g.Rekey.Key, KeyServers: b.members(g)}
}

func (b *builder) keyServer(ks spec.KeyServer) (KeyServer, bool) {
	out := KeyServer{Name: ks.Name, Hostname: ks.Hostname, Address: ks.Addr.String()}
	labels := map[string]bool{}
	acls := map[string]ACL{}
	profiles := map[string]Profile{}
	sets := map[string]TransformSet{}
	for _, g := range b.s.Groups {
		members := b.members(g)
		self := slices.IndexFunc(members, func(m Member) bool { return m.Name == ks.Name })
		if self < 0 {
			continue
		}
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
		if g.Authorization != nil {
			kg.AuthorizationACL = g.Authorization.ACL
			acls[kg.AuthorizationACL] = authorizationACL(g.Authorization)
		}
		for _, sa := range g.SAsInOrder() {
			kg.SAs = append(kg.SAs, SA{Number: sa.Number, Profile: sa.Profile, ACL: sa.ACL, Replay: replay(sa.Replay)})
			if a, ok := b.acls[sa.ACL]; ok {
				acls[a.Name] = aclLines(a)
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
	slices.SortFunc(out.Groups, func(a, b KSGroup) int { return cmp.Compare(a.Name, b.Name) })
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
	for _, p := range b.s.ISAKMPPolicies {
		out.ISAKMP = append(out.ISAKMP, ISAKMPPolicy{
			Priority: p.Priority, Encryption: ikeEncryption[p.Encryption], Hash: p.Hash,
			Authentication: p.Authentication, Group: p.Group, Lifetime: p.Lifetime,
		})
	}
	slices.SortFunc(out.ISAKMP, func(a, b ISAKMPPolicy) int { return cmp.Compare(a.Priority, b.Priority) })
	return out, true
}
