package source

import (
	"os"
	"reflect"
	"sync"
	"testing"
)

// TestReleaseKeepsPositionsAndValues: after Release, every pointer of the
// document has the position and the value it had before, asked from many
// goroutines at once (run with -race), and the bytes are loaded again once.
func TestReleaseKeepsPositionsAndValues(t *testing.T) {
	data, err := os.ReadFile("../../examples/enterprise/spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc, diags := Load("spec.yaml", data)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	type seen struct {
		pos, key any
		value    any
	}
	before := map[string]seen{}
	for ptr := range doc.Index().Value {
		v, _ := doc.Lookup(ptr)
		before[ptr] = seen{doc.Pos(ptr), doc.KeyPos(ptr), v}
	}
	if len(before) < 100 {
		t.Fatalf("only %d pointers", len(before))
	}
	doc.Release()
	if doc.Root != nil || doc.Value != nil {
		t.Fatal("Release kept the tree or the value")
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for ptr, want := range before {
				v, ok := doc.Lookup(ptr)
				got := seen{doc.Pos(ptr), doc.KeyPos(ptr), v}
				if !ok || !reflect.DeepEqual(got, want) {
					t.Errorf("%q after Release: %+v, before %+v", ptr, got, want)
					return
				}
			}
		})
	}
	wg.Wait()
	if doc.Root == nil {
		t.Error("the tree was not loaded again")
	}
}

// TestReleaseOfNil is a no-op, like the other methods of a nil Document.
func TestReleaseOfNil(t *testing.T) {
	var d *Document
	d.Release()
	if p := d.Pos("/x"); p.Line != 0 {
		t.Errorf("nil document has a position: %v", p)
	}
}
