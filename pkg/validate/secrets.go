package validate

import (
	"github.com/getvpnc/getvpnc/pkg/spec"
)

// literalSecrets reports every pre-shared key written in the spec itself:
// secret/literal, an error, or with allowLiteralSecrets
// secret/literal-allowed, a warning. Each is reported once at the place
// it is written (a profile's key, which its members share, at the
// profile). The message says where, never what: the value is a
// secret.Value and is not read here.
func (c *checker) literalSecrets() {
	seen := map[string]bool{}
	check := func(r *spec.SecretRef) {
		if r == nil || !r.IsLiteral || seen[r.Ptr] {
			return
		}
		seen[r.Ptr] = true
		if c.s.AllowLiteralSecrets {
			c.warnf(r.Ptr, "secret/literal-allowed",
				"allowLiteralSecrets accepts it, but the spec now holds a secret; move it to an environment variable or a file and write {env: NAME} or {file: PATH}",
				"a pre-shared key is written in the spec itself")
			return
		}
		c.errorf(r.Ptr, "secret/literal",
			"write {env: NAME} or {file: PATH} (relative to the spec) and keep the key there, or set allowLiteralSecrets: true to accept it (insecure)",
			"a pre-shared key is written in the spec itself")
	}
	if c.s.IKE != nil && c.s.IKE.PreSharedKeys != nil {
		check(c.s.IKE.PreSharedKeys.COOP)
		check(c.s.IKE.PreSharedKeys.Members)
	}
	for _, p := range c.s.MemberProfiles {
		check(p.PreSharedKey)
	}
	for _, m := range c.s.GroupMembers {
		check(m.PreSharedKey)
	}
}
