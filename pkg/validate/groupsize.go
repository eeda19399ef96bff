package validate

import (
	"slices"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// maxKeyServers is the most cooperative key servers per group that a
// Cisco document hints at: the key server identifier (KS SID) table of
// "GET VPN Support with Suite B" goes up to KS8. No Cisco document states
// a maximum (docs/ios-facts.md, "Key servers per group"), so more is a
// warning, not an error.
const maxKeyServers = 8

// groupSize reports a group with more than maxKeyServers key servers, at
// the entry that goes past the limit (spec/too-many-key-servers). A name
// listed twice counts once: the repeat is spec/duplicate already.
func (c *checker) groupSize() {
	for gi, g := range c.s.Groups {
		ms := c.ix.members[gi]
		if len(ms) <= maxKeyServers {
			continue
		}
		ninth := g.KeyServers[slices.IndexFunc(g.KeyServers, func(m spec.GroupKeyServer) bool { return m.Name == ms[maxKeyServers] })].Ptr
		c.warnf(ninth, "spec/too-many-key-servers",
			"no Cisco document states how many cooperative key servers a group may have, but the Suite B key server identifier table stops at KS8 (GET VPN Support with Suite B); use at most 8, or confirm that the key server software supports this many COOP peers",
			"group %s has %d key servers, more than %d", diag.Quote(g.Name), len(ms), maxKeyServers)
	}
}
