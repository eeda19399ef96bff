package validate

// The kinds of ACL that share the name space of a key server's script.
const (
	aclPolicy = "access list"
	aclRekey  = "multicast rekey ACL"
	aclAuth   = "authorization ACL"
)

// aclNames reports an ACL name used twice (spec/duplicate): IOS has one
// name space for standard and extended lists, and a key server's script
// defines the policy access lists, each multicast group's rekey ACL and
// each authorization ACL in it. One pass, in spec order: the access
// lists, then per group its rekey ACL and its authorization ACL. A rekey
// or authorization ACL is pointed at by its name when the spec sets it,
// else at the object whose default name it takes.
func (c *checker) aclNames() {
	names := c.unique("access list name", false)
	names.clash = func(first, repeat string) (string, string) {
		switch {
		case first == aclAuth || repeat == aclAuth:
			return "access list name", "authorization, multicast rekey and policy ACLs share one name space on the key server; each name must be unique"
		case repeat == aclRekey:
			return "multicast rekey ACL name", "each must be unique"
		}
		return "access list name", "each must be unique"
	}
	for _, a := range c.s.AccessLists {
		names.seeAs(a.Name, a.Ptr+"/name", aclPolicy)
	}
	for _, g := range c.s.Groups {
		if r := g.Rekey; r.Transport == "multicast" && r.MulticastACL != "" {
			names.seeAs(r.MulticastACL, c.ptrOr(r.Ptr, "multicastAcl"), aclRekey)
		}
		if a := g.Authorization; a != nil {
			names.seeAs(a.ACL, c.ptrOr(a.Ptr, "acl"), aclAuth)
		}
	}
}
