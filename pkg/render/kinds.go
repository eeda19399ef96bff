package render

import "fmt"

// Kind is a kind of device getvpnc writes a script for.
type Kind string

// The device kinds.
const (
	KindKeyServer Kind = "keyserver"
	KindMember    Kind = "member"
)

// kindSpec is one row of the kinds table: the templates that format the
// kind's scripts (named by their path under templates/) and the directory
// its scripts go to (layout.go). A script is its head, the comment that
// differs between the deploy script and the review copy, followed by its
// configuration, which is rendered once for both (pieces).
type kindSpec struct {
	kind   Kind
	head   string
	config string
	dir    string
}

// kinds is every device kind, in deploy order: the key servers first,
// since a member registers with a key server as soon as its crypto map is
// applied (docs/ios-facts.md, "Deploy order and what the operator sees").
// A new kind or platform is a row here, its templates, and a device
// builder.
var kinds = []kindSpec{
	{kind: KindKeyServer, head: "ios/keyserver.tmpl", config: "ios/keyserver-config.tmpl", dir: keyServerDir},
	{kind: KindMember, head: "ios/groupmember.tmpl", config: "ios/groupmember-config.tmpl", dir: memberDir},
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
