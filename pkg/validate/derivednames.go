package validate

import (
	"fmt"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// maxIOSName is the length the schema allows an IOS object name (its
// iosName definition): a name getvpnc derives must fit it as well as one
// the spec gives.
const maxIOSName = 64

// derivedNames reports a default ACL name, built from a group's name, that
// is longer than a name the spec could give (spec/derived-name): the
// multicast rekey ACL <group>-REKEY and the authorization ACL
// <group>-AUTH. A group name of 60 characters is valid; its derived names
// are not, and would reach the script unchecked.
func (c *checker) derivedNames() {
	for _, g := range c.s.Groups {
		if g.Rekey.Transport == "multicast" {
			c.derivedName(g, g.Rekey.Ptr+"/multicastAcl", g.Rekey.MulticastACL, "multicast rekey ACL", "rekey.multicastAcl")
		}
		if a := g.Authorization; a != nil {
			c.derivedName(g, a.Ptr+"/acl", a.ACL, "authorization ACL", "authorization.acl")
		}
	}
}

func (c *checker) derivedName(g spec.Group, ptr, name, what, field string) {
	if _, given := c.doc.Lookup(ptr); given || len(name) <= maxIOSName {
		return
	}
	c.errorf(g.Ptr+"/name", "spec/derived-name",
		fmt.Sprintf("set %s to a name of at most %d characters, or shorten the group name", field, maxIOSName),
		"the default %s name %s, made from the group name, is %d characters long, more than the %d an IOS name may have here",
		what, diag.Quote(name), len(name), maxIOSName)
}
