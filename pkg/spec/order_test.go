package spec

import "testing"

// TestSAsInOrder: by number, equal numbers in spec order, the group left
// as it was.
func TestSAsInOrder(t *testing.T) {
	g := Group{SAs: []SA{{Ptr: "a", Number: 20}, {Ptr: "b", Number: 10}, {Ptr: "c", Number: 20}, {Ptr: "d", Number: 10}, {Ptr: "e", Number: 5}}}
	var got string
	for _, sa := range g.SAsInOrder() {
		got += sa.Ptr
	}
	if got != "ebdac" {
		t.Errorf("SAsInOrder: %s, want ebdac", got)
	}
	if g.SAs[0].Ptr != "a" {
		t.Error("SAsInOrder reordered the group's own SAs")
	}
}
