package validate

import (
	"fmt"
	"net/netip"
	"strconv"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

func (c *checker) groups() {
	names := c.unique("group name", false)
	idents := map[uint64]spec.Group{}

	for _, g := range c.s.Groups {
		names.see(g.Name, g.Ptr+"/name")
		if first, ok := idents[g.Identity]; ok {
			c.identityShared(g, first)
		} else {
			idents[g.Identity] = g
		}
		c.rekey(g)

		numbers := c.unique("sa ipsec number", false)
		for _, sa := range g.SAs {
			numbers.see(strconv.Itoa(sa.Number), sa.Ptr+"/number")
			if _, ok := c.ix.profiles[sa.Profile]; !ok {
				undefined(c, c.ix.profiles, sa.Ptr+"/profile", "IPsec profile", sa.Profile)
			}
			c.replay(sa)
			if _, ok := c.ix.acls[sa.ACL]; !ok {
				undefined(c, c.ix.acls, sa.Ptr+"/acl", "access list", sa.ACL)
			}
		}

		members := c.unique("key server in this group", false)
		prios := map[int]string{}
		for _, m := range g.KeyServers {
			members.see(m.Name, m.Ptr+"/name")
			if _, ok := c.ix.keyServers[m.Name]; !ok {
				undefined(c, c.ix.keyServers, m.Ptr+"/name", "key server", m.Name)
			}
			if first, ok := prios[m.Priority]; ok {
				c.report(diag.Error, m.Ptr+"/priority", "spec/equal-priority",
					fmt.Sprintf("priority %d is also used by another key server of group %s", m.Priority, diag.Quote(g.Name)),
					"the highest priority is the primary key server; equal priorities leave the primary ambiguous (the IOS tie-break is not documented)",
					c.rel(first, "also used here"))
				continue
			}
			prios[m.Priority] = m.Ptr + "/priority"
		}
	}
}

// identityShared reports group g using the identity number of the
// earlier group first. A group member names the group it joins by this
// number, so two groups with one number cannot be told apart.
func (c *checker) identityShared(g, first spec.Group) {
	c.report(diag.Error, g.Ptr+"/identity", "spec/identity-shared",
		fmt.Sprintf("identity number %d is also used by group %s", g.Identity, diag.Quote(first.Name)),
		"a group member asks for its group by identity number, so each group needs its own",
		c.rel(first.Ptr+"/identity", "first used here"))
}

// localNetworkControl is 224.0.0.0/24, the IANA "Local Network Control
// Block": link-local control traffic (OSPF 224.0.0.5/6, EIGRP 224.0.0.10,
// PIM 224.0.0.13, ...) that multicast routers never forward, whatever the
// TTL (docs/ios-facts.md, "Multicast rekey addresses"). A rekey sent there
// reaches no group member beyond the key server's own link.
var localNetworkControl = netip.MustParsePrefix("224.0.0.0/24")

func (c *checker) rekey(g spec.Group) {
	r := g.Rekey
	if _, ok := c.ix.keys[r.Key]; !ok {
		undefined(c, c.ix.keys, r.Ptr+"/key", "RSA key", r.Key)
	}
	if r.Algorithm == "3des" || r.Algorithm == "des" {
		c.weak(r.Ptr+"/algorithm", codeWeakRekey, "rekey algorithm "+r.Algorithm, weakRekey)
	}
	switch r.Transport {
	case "multicast":
		if r.MulticastAddress == "" {
			c.errorf(r.Ptr, "spec/multicast-missing", "add multicastAddress, such as 239.192.1.1", "multicast rekey needs multicastAddress")
			break
		}
		a := r.MulticastAddr
		switch {
		case !a.IsMulticast():
			c.errorf(r.Ptr+"/multicastAddress", "spec/multicast-address", "use an address in 224.0.0.0/4, normally from 239.0.0.0/8", "%s is not a multicast address", a)
		case localNetworkControl.Contains(a):
			c.errorf(r.Ptr+"/multicastAddress", "spec/multicast-link-local",
				"use an administratively scoped address from 239.0.0.0/8, such as 239.192.1.1",
				"%s is in %s, the local network control block, whose traffic routers never forward (OSPF, EIGRP, PIM and other link-local control protocols use it)", a, localNetworkControl)
		}
	default:
		if r.MulticastAddress != "" {
			c.errorf(r.Ptr+"/multicastAddress", "spec/multicast-only", "remove it, or set transport: multicast", "multicastAddress is only used with multicast transport")
		}
		if r.MulticastACL != "" {
			c.errorf(r.Ptr+"/multicastAcl", "spec/multicast-only", "remove it, or set transport: multicast", "multicastAcl is only used with multicast transport")
		}
	}
}

func (c *checker) replay(sa spec.SA) {
	r := sa.Replay
	ptr := sa.Ptr + "/replay/windowSize"
	switch r.Type {
	case "time":
		if r.WindowSize < 1 || r.WindowSize > 100 {
			c.errorf(ptr, "spec/replay", "a time-based window is 1..100 seconds", "window size %d is out of range", r.WindowSize)
		}
	case "counter":
		switch r.WindowSize {
		case 64, 128, 256, 512, 1024:
		default:
			c.errorf(ptr, "spec/replay", "a counter window is one of 64, 128, 256, 512 or 1024", "window size %d is not allowed", r.WindowSize)
		}
	case "none":
		if r.WindowSize != 0 {
			c.errorf(ptr, "spec/replay", "remove windowSize, or choose type time or counter", "replay type none takes no window size")
		}
	}
}
