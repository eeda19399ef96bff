package validate

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// authorization checks each group's authorization block: its addresses
// parse, its standard ACL name is no other ACL's (IOS has one name space
// for standard and extended lists, and the key server's script defines
// them all), and a key server that serves several groups restricts each
// of them, to less than every address (spec/authorization).
func (c *checker) authorization() {
	c.authorizationNames()
	for _, g := range c.s.Groups {
		a := g.Authorization
		if a == nil {
			continue
		}
		for i, addr := range a.Addresses {
			if _, err := spec.ParseACLAddress(addr); err != nil {
				c.errorf(a.Ptr+"/addresses/"+strconv.Itoa(i), "spec/acl-address", "write any, a host address such as 10.0.0.1, or a prefix such as 10.10.0.0/16", "%v", err)
			}
		}
	}
	c.authorizationRequired()
}

// aclName is where an ACL name was first defined, and as what.
type aclName struct {
	ptr  string
	auth bool // an authorization ACL (else an access list or a rekey ACL)
}

// authorizationNames reports an authorization ACL whose name another ACL
// already has, and a multicast rekey ACL named like an earlier group's
// authorization ACL. Clashes among access lists and rekey ACLs are
// groups()'s to report.
func (c *checker) authorizationNames() {
	names := map[string]aclName{}
	for _, a := range c.s.AccessLists {
		if _, ok := names[a.Name]; !ok {
			names[a.Name] = aclName{ptr: a.Ptr + "/name"}
		}
	}
	dup := func(name, ptr string, first aclName) {
		c.list.Add(errWithRelated(c, ptr, "spec/duplicate", fmt.Sprintf("duplicate access list name %s", diag.Quote(name)),
			"authorization, multicast rekey and policy ACLs share one name space on the key server; each name must be unique", first.ptr, "first defined here"))
	}
	for _, g := range c.s.Groups {
		if g.Rekey.Transport == "multicast" && g.Rekey.MulticastACL != "" {
			ptr := g.Rekey.Ptr
			if _, set := c.doc.Lookup(ptr + "/multicastAcl"); set {
				ptr += "/multicastAcl"
			}
			switch first, ok := names[g.Rekey.MulticastACL]; {
			case !ok:
				names[g.Rekey.MulticastACL] = aclName{ptr: ptr}
			case first.auth:
				dup(g.Rekey.MulticastACL, ptr, first)
			}
		}
		a := g.Authorization
		if a == nil {
			continue
		}
		ptr := a.Ptr
		if _, set := c.doc.Lookup(ptr + "/acl"); set {
			ptr += "/acl"
		}
		if first, ok := names[a.ACL]; ok {
			dup(a.ACL, ptr, first)
			continue
		}
		names[a.ACL] = aclName{ptr: ptr, auth: true}
	}
}

// authorizationRequired warns at each group that a key server shares
// with other groups when the group has no authorization, or one that
// admits every address: "Configuring authorization is required if the
// key server serves more than one group" (CSM 4.4 p.28-6). Without it, or
// with `any` (0.0.0.0/0) among the allowed addresses, any member that IKE
// admits may register to any group of that key server and receive its
// keys.
func (c *checker) authorizationRequired() {
	served := map[string][]int{} // key server -> groups, in spec order
	for i, g := range c.s.Groups {
		for _, m := range uniqueMembers(g) {
			served[m] = append(served[m], i)
		}
	}
	for i, g := range c.s.Groups {
		ptr, all := g.Ptr, ""
		if a := g.Authorization; a != nil {
			k := admitsAll(a.Addresses)
			if k < 0 {
				continue
			}
			ptr, all = a.Ptr+"/addresses/"+strconv.Itoa(k), a.Addresses[k]
		}
		kss, others, firstOther := sharers(c.s.Groups, i, served)
		if len(kss) == 0 {
			continue
		}
		d := &diag.Diagnostic{Severity: diag.Warning, Pos: c.doc.Pos(ptr), Path: ptr, Code: "spec/authorization",
			Summary: fmt.Sprintf("group %s has no authorization, but %s also %s %s", diag.Quote(g.Name), keyServersPhrase(kss), serveVerb(kss), groupsPhrase(others)),
			Detail:  "Cisco requires authorization when a key server serves more than one group, or any member IKE admits may register to any of them; add authorization: {addresses: [...]} with the members' addresses",
			Related: []diag.Related{{Pos: c.doc.Pos(c.s.Groups[firstOther].Ptr), Msg: "also served by the same key server"}}}
		if all != "" {
			d.Summary = fmt.Sprintf("the authorization of group %s admits every address (%s), but %s also %s %s", diag.Quote(g.Name), all, keyServersPhrase(kss), serveVerb(kss), groupsPhrase(others))
			d.Detail = "an authorization that admits any address restricts nothing: any member IKE admits may still register to this group; list only the addresses its members register from"
		}
		c.list.Add(d)
	}
}

// admitsAll returns the index of the first address that admits every
// member (any, or a /0 prefix), or -1. An address that does not parse is
// spec/acl-address's.
func admitsAll(addrs []string) int {
	for k, s := range addrs {
		if a, err := spec.ParseACLAddress(s); err == nil && (a.Any || a.Prefix.Bits() == 0) {
			return k
		}
	}
	return -1
}

// sharers returns, for group i, the key servers it shares with other
// groups, the other groups they serve (quoted, each once, in the order
// found) and the first of them.
func sharers(groups []spec.Group, i int, served map[string][]int) (kss, others []string, first int) {
	first = -1
	seen := map[int]bool{i: true}
	for _, m := range uniqueMembers(groups[i]) {
		if len(served[m]) < 2 {
			continue
		}
		kss = append(kss, m)
		for _, j := range served[m] {
			if !seen[j] {
				seen[j] = true
				others = append(others, diag.Quote(groups[j].Name))
				if first < 0 {
					first = j
				}
			}
		}
	}
	return kss, others, first
}

func keyServersPhrase(names []string) string {
	if len(names) == 1 {
		return "key server " + names[0]
	}
	return "key servers " + listSome(names, 5)
}

func serveVerb(kss []string) string {
	if len(kss) == 1 {
		return "serves"
	}
	return "serve"
}

func groupsPhrase(quoted []string) string {
	if len(quoted) == 1 {
		return "group " + quoted[0]
	}
	return "groups " + listSome(quoted, 5)
}

// uniqueMembers is a group's key server names, each once (a repeat is
// reported as spec/duplicate).
func uniqueMembers(g spec.Group) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range g.KeyServers {
		if !seen[m.Name] {
			seen[m.Name] = true
			out = append(out, m.Name)
		}
	}
	return out
}

// listSome joins up to n items and says how many more there are, so a
// message stays one line however many groups a key server serves.
func listSome(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:n], ", "), len(items)-n)
}
