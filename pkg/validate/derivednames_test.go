package validate

import (
	"strings"
	"testing"
)

// TestDerivedNames: a default ACL name made from the group name must fit
// the 64 characters any IOS name has; a given name, or a short enough
// group name, is not reported.
func TestDerivedNames(t *testing.T) {
	long := "G" + strings.Repeat("x", 59) // 60 characters: a valid group name
	multicast := "rekey: {key: K, transport: multicast, multicastAddress: 239.192.1.1}"
	t.Run("multicast rekey ACL", func(t *testing.T) {
		text := edit(t, "name: G\n", "name: "+long+"\n", "rekey: {key: K}", multicast)
		expect(t, semantic(t, text), "spec/derived-name",
			wantDiag{"spec/derived-name", "error", "s.yaml:18:11", "/groups/0/name", nil, "is 66 characters long"})
	})
	t.Run("authorization ACL", func(t *testing.T) {
		text := edit(t, "name: G\n", "name: "+long+"\n", "priority: 20}]\n", "priority: 20}]\n    authorization: {addresses: [10.1.0.0/16]}\n")
		expect(t, semantic(t, text), "spec/derived-name",
			wantDiag{"spec/derived-name", "error", "s.yaml:18:11", "/groups/0/name", nil, "authorization ACL name"})
	})
	t.Run("given names are checked by the schema, not here", func(t *testing.T) {
		text := edit(t, "name: G\n", "name: "+long+"\n", "rekey: {key: K}", strings.TrimSuffix(multicast, "}")+", multicastAcl: R}",
			"priority: 20}]\n", "priority: 20}]\n    authorization: {addresses: [10.1.0.0/16], acl: AUTH}\n")
		expect(t, semantic(t, text), "spec/derived-name")
	})
	t.Run("64 characters fit", func(t *testing.T) {
		text := edit(t, "name: G\n", "name: "+long[:58]+"\n", "rekey: {key: K}", multicast)
		expect(t, semantic(t, text), "spec/derived-name")
	})
}
