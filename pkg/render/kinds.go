package render

import "fmt"

// Kind is a kind of device getvpnc writes a script for.
type Kind string

// The device kinds.
const (
	KindKeyServer Kind = "keyserver"
	KindMember    Kind = "member"
)

// kindSpec is one row of the kinds table: the template that formats the
// kind's scripts (named by its path under templates/) and the directory
// its scripts go to (layout.go).
type kindSpec struct {
	kind     Kind
	template string
	dir      string
}

// kinds is every device kind, in deploy order: the key servers first,
// since a member registers with a key server as soon as its crypto map is
// applied (docs/ios-facts.md, "Deploy order and what the operator sees").
// A new kind or platform is a row here, a template, and a device builder.
var kinds = []kindSpec{
	{kind: KindKeyServer, template: "ios/keyserver.tmpl", dir: keyServerDir},
	{kind: KindMember, template: "ios/groupmember.tmpl", dir: memberDir},
}

// kindOf returns the row of k. Kinds are this package's constants, so an
// unknown one is a bug.
func kindOf(k Kind) kindSpec {
	for _, s := range kinds {
		if s.kind == k {
			return s
		}
	}
	panic(fmt.Sprintf("render: unknown device kind %q", k))
}
