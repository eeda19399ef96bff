package validate

import (
	"fmt"
	"strings"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// Semantic checks the rules the schema cannot express: names are unique
// (ACLs of every kind in one name space) and defined before use, group
// identities and COOP priorities are distinct, values are in range
// (addresses, ports, replay windows, multicast rekey addresses), legacy
// crypto needs the opt-in, names derived from a group's name fit, and
// definitions are used. Over each group's joined policy (see
// policyIndex) it checks that GDOI, ISAKMP and the declared control plane
// stay in the clear, that no permit is shadowed by a deny before it, and
// that policies do not overlap between the SAs of a group or between
// groups of one key server. It warns about what breaks members quietly:
// a shared key server without authorization, counter anti-replay with
// many senders, lifetimes over a day or a TEK not shorter than its KEK,
// long retransmissions, GCM without GET VPN 1.0.4, more key servers than
// Cisco documents. It checks the group members and their profiles
// (members), that IKE authentication has the keys or the trustpoint its
// policies need (ike), and refuses pre-shared keys written in the spec
// (literalSecrets). Every rule has a stable code (spec/..., pkg/rules);
// the work is bounded for any spec (specIndex, denyBudget); the list is
// sorted and capped at diag.MaxPerStage.
func Semantic(doc *source.Document, s *spec.Spec) diag.List {
	c := &checker{doc: doc, s: s, ix: newIndex(s)}
	c.keyServers()
	c.keys()
	c.isakmp()
	c.transformSets()
	c.profiles()
	c.acls()
	c.groups()
	c.members()
	c.ike()
	c.failCloseRegistration()
	c.literalSecrets()
	c.controlTraffic()
	c.lifetimes()
	c.retransmits()
	c.gcmVersion()
	c.groupSize()
	c.unused()
	c.authorization()
	c.overlaps()
	c.shadowed()
	c.controlPlane()
	c.replayCounter()
	c.derivedNames()
	return c.list.Cap(diag.MaxPerStage)
}

type checker struct {
	doc  *source.Document
	s    *spec.Spec
	list diag.List
	ix   *specIndex   // built once, before the rules
	pol  *policyIndex // see policies

	undefinedDetail map[string]string // kind -> the detail of spec/undefined (see undefined)

	denyScans int // deny entries the scans for a covering deny read (see denyBudget)
}

// report adds a diagnostic of code at ptr, positioned in the document,
// with the locations rel relates to it: the one way the semantic rules
// build a diagnostic.
func (c *checker) report(sev diag.Severity, ptr, code, summary, detail string, rel ...diag.Related) {
	c.list.Add(&diag.Diagnostic{Severity: sev, Pos: c.doc.Pos(ptr), Path: ptr, Code: code,
		Summary: summary, Detail: detail, Related: rel})
}

// reportKey is report for a diagnostic about a whole mapping or list,
// such as ike.preSharedKeys or a secret reference {env: NAME}: it points
// at its key, as the schema stage does, since a block mapping's value
// starts on the line after it. A scalar is pointed at itself.
func (c *checker) reportKey(sev diag.Severity, ptr, code, summary, detail string, rel ...diag.Related) {
	pos := c.doc.Pos(ptr)
	if v, _ := c.doc.Lookup(ptr); isCompound(v) {
		pos = c.doc.KeyPos(ptr)
	}
	c.list.Add(&diag.Diagnostic{Severity: sev, Pos: pos, Path: ptr, Code: code,
		Summary: summary, Detail: detail, Related: rel})
}

func isCompound(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return true
	}
	return false
}

// rel is a related location: ptr, positioned in the document, and what
// it is.
func (c *checker) rel(ptr, msg string) diag.Related {
	return diag.Related{Pos: c.doc.Pos(ptr), Msg: msg}
}

// ptrOr returns the pointer of field (a member name) of the object at
// parent when the spec sets it, else parent: a value that comes from a
// default is pointed at through the object that takes it.
func (c *checker) ptrOr(parent, field string) string {
	if _, set := c.doc.Lookup(parent + "/" + field); set {
		return parent + "/" + field
	}
	return parent
}

func (c *checker) errorf(ptr, code, detail, format string, args ...any) {
	c.report(diag.Error, ptr, code, fmt.Sprintf(format, args...), detail)
}

func (c *checker) warnf(ptr, code, detail, format string, args ...any) {
	c.report(diag.Warning, ptr, code, fmt.Sprintf(format, args...), detail)
}

// unique reports every repeat of a key, pointing at the repeat and
// relating it to the first definition. fold makes the comparison
// case-insensitive, for names that become file names. A key may be seen
// as one of several kinds (seeAs); clash then words a repeat from the
// kinds of the first definition and of the repeat.
type unique struct {
	c     *checker
	what  string
	fold  bool
	first map[string]firstDef
	clash func(first, repeat string) (what, detail string)
}

// firstDef is where a key was first seen, and as what kind.
type firstDef struct{ ptr, kind string }

func (c *checker) unique(what string, fold bool) *unique {
	return &unique{c: c, what: what, fold: fold, first: map[string]firstDef{}}
}

func (u *unique) see(key, ptr string) { u.seeAs(key, ptr, "") }

func (u *unique) seeAs(key, ptr, kind string) {
	k := key
	if u.fold {
		k = strings.ToLower(key)
	}
	prev, ok := u.first[k]
	if !ok {
		u.first[k] = firstDef{ptr, kind}
		return
	}
	what, detail := u.what, "each must be unique"
	if u.fold {
		detail = "names must differ in more than letter case, because they become file names"
	}
	if u.clash != nil {
		what, detail = u.clash(prev.kind, kind)
	}
	u.c.report(diag.Error, ptr, "spec/duplicate", fmt.Sprintf("duplicate %s %s", what, diag.Quote(key)), detail, u.c.rel(prev.ptr, "first defined here"))
}

// Why a legacy value needs the opt-in. A Cisco notice is named only for
// what it lists (docs/ios-facts.md, "Weak crypto"): FN72510 lists IKE
// encryption, hash and DH groups and IPsec transform-set keywords
// (spec/weak-crypto); it does not list the GDOI rekey algorithm
// (spec/weak-rekey-algorithm) nor RSA key sizes (spec/rsa-1024), and
// FN72511 is about SSH keys only.
const (
	weakFN72510 = "IOS XE 17.11 and later refuse it by default (Cisco FN72510)"
	weakRekey   = "DES and 3DES are legacy ciphers; no Cisco source says whether IOS XE 17.11 and later still accept them as the rekey algorithm"
	weakRSA1024 = "Cisco's command reference recommends a 2048-bit modulus (for a CA key), recent IOS XE images offer only 2048 to 4096 bits when they generate a key, " +
		"and no Cisco source says whether IOS XE accepts a 1024-bit rekey key"
)

// The three legacy-crypto rules, split along what FN72510 covers.
const (
	codeWeakCrypto = "spec/weak-crypto"
	codeWeakRekey  = "spec/weak-rekey-algorithm"
	codeRSA1024    = "spec/rsa-1024"
)

// weak reports a legacy value under code: an error, or a warning with
// allowWeakCrypto.
func (c *checker) weak(ptr, code, what, why string) {
	if c.s.AllowWeakCrypto {
		c.warnf(ptr, code, why, "%s is legacy crypto", what)
		return
	}
	c.errorf(ptr, code, why+"; choose a modern value, or set allowWeakCrypto: true to accept it", "%s is legacy crypto", what)
}

func (c *checker) keyServers() {
	names := c.unique("key server name", true)
	addrs := c.unique("key server address", false)
	for _, ks := range c.s.KeyServers {
		names.see(ks.Name, ks.Ptr+"/name")
		addrs.see(ks.Addr.String(), ks.Ptr+"/address")
		if !ks.Addr.IsGlobalUnicast() {
			c.errorf(ks.Ptr+"/address", "spec/address", "a key server needs a unicast address that group members can reach", "%s is not a unicast host address", ks.Addr)
		}
	}
}

func (c *checker) keys() {
	labels := c.unique("RSA key label", true)
	for _, k := range c.s.RSAKeys {
		labels.see(k.Label, k.Ptr+"/label")
		if strings.HasSuffix(strings.ToLower(k.Label), ".server") {
			c.errorf(k.Ptr+"/label", "spec/key-label", "IOS uses the .server suffix for temporary SSH keys", "key label %s must not end in .server", diag.Quote(k.Label))
		}
		if k.Modulus == 1024 {
			c.weak(k.Ptr+"/modulus", codeRSA1024, "a 1024-bit RSA key", weakRSA1024)
		}
	}
}

func (c *checker) isakmp() {
	prios := c.unique("ISAKMP policy priority", false)
	for _, p := range c.s.ISAKMPPolicies {
		prios.see(fmt.Sprint(p.Priority), p.Ptr+"/priority")
		if p.Encryption == "3des" || p.Encryption == "des" {
			c.weak(p.Ptr+"/encryption", codeWeakCrypto, "IKE encryption "+p.Encryption, weakFN72510)
		}
		if p.Hash == "md5" {
			c.weak(p.Ptr+"/hash", codeWeakCrypto, "IKE hash md5", weakFN72510)
		}
		if p.Authentication == "rsa-sig" {
			c.warnf(p.Ptr+"/authentication", "spec/rsa-sig", "enroll every key server and group member in a PKI trustpoint before deploying", "rsa-sig needs certificates, which getvpnc does not configure")
		}
		if p.Group == 1 || p.Group == 2 || p.Group == 5 {
			c.weak(p.Ptr+"/group", codeWeakCrypto, fmt.Sprintf("Diffie-Hellman group %d", p.Group), weakFN72510)
		}
	}
}

func (c *checker) transformSets() {
	names := c.unique("transform set name", false)
	for _, t := range c.s.TransformSets {
		names.see(t.Name, t.Ptr+"/name")
		if spec.IsGCM(t.Encryption) && t.Integrity != "" {
			c.errorf(t.Ptr+"/integrity", "spec/gcm-integrity", "remove integrity, or choose an aes-* cipher", "%s already authenticates the data; it takes no integrity HMAC", t.Encryption)
		}
		if t.Encryption == "3des" || t.Encryption == "des" {
			c.weak(t.Ptr+"/encryption", codeWeakCrypto, "ESP cipher "+t.Encryption, weakFN72510)
		}
		if t.Integrity == "md5" {
			c.weak(t.Ptr+"/integrity", codeWeakCrypto, "ESP integrity md5", weakFN72510)
		}
	}
}

func (c *checker) profiles() {
	names := c.unique("IPsec profile name", false)
	for _, p := range c.s.IPsecProfiles {
		names.see(p.Name, p.Ptr+"/name")
		if _, ok := c.ix.sets[p.TransformSet]; !ok {
			undefined(c, c.ix.sets, p.Ptr+"/transformSet", "transform set", p.TransformSet)
		}
	}
}

// undefined reports name, a what that known does not define. The detail
// lists every defined name; it is made once per kind and shared by every
// diagnostic of that kind, or n undefined references to n definitions
// would cost n² in names sorted and copied.
func undefined[V any](c *checker, known map[string]V, ptr, what, name string) {
	detail, ok := c.undefinedDetail[what]
	if !ok {
		detail = "define it under " + plural(what)
		if len(known) > 0 {
			detail += " (defined: " + strings.Join(sortedKeys(known), ", ") + ")"
		}
		if c.undefinedDetail == nil {
			c.undefinedDetail = map[string]string{}
		}
		c.undefinedDetail[what] = detail
	}
	c.errorf(ptr, "spec/undefined", detail, "%s %s is not defined", what, diag.Quote(name))
}

func plural(what string) string {
	switch what {
	case "transform set":
		return "transformSets"
	case "IPsec profile":
		return "ipsecProfiles"
	case "access list":
		return "accessLists"
	case "RSA key":
		return "rsaKeys"
	case "key server":
		return "keyServers"
	case "member profile":
		return "memberProfiles"
	case "group":
		return "groups"
	}
	return what
}

// aclAddress reports an access-list or authorization address that does
// not parse (spec/acl-address).
func (c *checker) aclAddress(ptr string, err error) {
	c.errorf(ptr, "spec/acl-address", "write any, a host address such as 10.0.0.1, or a prefix such as 10.10.0.0/16", "%v", err)
}

func (c *checker) acls() {
	c.aclNames()
	for _, a := range c.s.AccessLists {
		for _, e := range a.Entries {
			for _, f := range []struct{ field, value string }{{"source", e.Source}, {"destination", e.Destination}} {
				if _, err := spec.ParseACLAddress(f.value); err != nil {
					c.aclAddress(e.Ptr+"/"+f.field, err)
				}
			}
			if e.Protocol != "tcp" && e.Protocol != "udp" {
				if e.SourcePort != nil {
					c.errorf(e.Ptr+"/sourcePort", "spec/acl-port", "ports apply to tcp and udp only", "protocol %s has no ports", e.Protocol)
				}
				if e.DestinationPort != nil {
					c.errorf(e.Ptr+"/destinationPort", "spec/acl-port", "ports apply to tcp and udp only", "protocol %s has no ports", e.Protocol)
				}
			}
		}
	}
}
