package validate

import "github.com/getvpnc/getvpnc/pkg/diag"

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
	for _, g := range c.s.Groups {
		seen := map[string]bool{}
		ninth := ""
		for _, m := range g.KeyServers {
			if seen[m.Name] {
				continue
			}
			seen[m.Name] = true
			if len(seen) == maxKeyServers+1 {
				ninth = m.Ptr
			}
		}
		if ninth == "" {
			continue
		}
		c.warnf(ninth, "spec/too-many-key-servers",
			"no Cisco document states how many cooperative key servers a group may have, but the Suite B key server identifier table stops at KS8 (GET VPN Support with Suite B); use at most 8, or confirm that the key server software supports this many COOP peers",
			"group %s has %d key servers, more than %d", diag.Quote(g.Name), len(seen), maxKeyServers)
	}
}
