package source

import (
	"fmt"
	"os"
	"reflect"
	"strings"
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

// TestReleaseAwkwardKeys: keys that EscapeToken escapes ("/", "~", a
// blank, "%", an empty key, non-ASCII) and a long list keep their pointers,
// positions and values across Release, with goroutines asking while one
// releases (run with -race).
func TestReleaseAwkwardKeys(t *testing.T) {
	var b strings.Builder
	b.WriteString("\"a/b\": 1\n\"~\": {\"~1\": x, \"\": y}\n\"a b\": [1, 2]\n\"%41\": z\n\"\": e\n\"é\": u\nlist:\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "  - {\"k/%d\": %d}\n", i, i)
	}
	doc, diags := Load("s.yaml", []byte(b.String()))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	checkIndexComplete(t, doc)
	type seen struct{ pos, key, v any }
	before := map[string]seen{}
	for ptr := range doc.Index().Value {
		v, ok := doc.Lookup(ptr)
		if !ok {
			t.Fatalf("%q does not resolve", ptr)
		}
		before[ptr] = seen{doc.Pos(ptr), doc.KeyPos(ptr), v}
	}
	for _, p := range []string{"/a~1b", "/~0/~01", "/~0/", "/a%20b/1", "/%2541", "/", "/%C3%A9", "/list/2999/k~12999"} {
		if _, ok := before[p]; !ok {
			t.Errorf("pointer %q missing", p)
		}
	}
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			if i == 0 {
				doc.Release()
			}
			for ptr, want := range before {
				v, _ := doc.Lookup(ptr)
				if got := (seen{doc.Pos(ptr), doc.KeyPos(ptr), v}); !reflect.DeepEqual(got, want) {
					t.Errorf("%q: %+v, want %+v", ptr, got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}
