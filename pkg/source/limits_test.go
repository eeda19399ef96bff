package source

import (
	"fmt"
	"strings"
	"testing"
)

// manyKeys is a mapping of n one-line entries, "x0: 1" and so on.
func manyKeys(n int) []byte {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "x%d: 1\n", i)
	}
	return []byte(b.String())
}

// TestTooManyNodes checks that a document with more YAML nodes than any
// real spec needs is refused with its own code instead of being converted,
// indexed and validated node by node (1.4 million keys under the byte
// limit took 26 s and 2.8 GB).
func TestTooManyNodes(t *testing.T) {
	// MaxNodes/2 keys make MaxNodes+1 nodes with the mapping itself.
	doc, l := Load("s.yaml", manyKeys(MaxNodes/2))
	if doc != nil || len(l) != 1 || l[0].Code != "yaml/too-many-nodes" {
		t.Fatalf("Load of %d nodes: doc=%v\n%s", MaxNodes+1, doc != nil, printed(l))
	}
	if !strings.Contains(l[0].String(), fmt.Sprint(MaxNodes)) {
		t.Errorf("the message does not give the limit: %s", l[0])
	}
	// One key fewer is at the limit and loads.
	if doc, l := Load("s.yaml", manyKeys(MaxNodes/2-1)); doc == nil {
		t.Fatalf("Load of %d nodes refused:\n%s", MaxNodes-1, printed(l))
	}
}

// TestTooManyNodesBeforeParsing checks the quick count that runs before the
// YAML parser, which alone would take seconds and a gigabyte to build the
// node tree of a 16 MiB flow list: such a file is refused at line 1 without
// being parsed (the parser would report the syntax error at the end).
func TestTooManyNodesBeforeParsing(t *testing.T) {
	data := []byte("a: [" + strings.Repeat("1,", 3*MaxNodes) + "\n")
	doc, l := Load("s.yaml", data)
	if doc != nil || len(l) != 1 || l[0].Code != "yaml/too-many-nodes" || l[0].Pos.Line != 1 {
		t.Fatalf("Load: doc=%v\n%s", doc != nil, printed(l))
	}
}

// TestLoadDiagnosticsCapped checks that the load stage reports at most
// diag.MaxPerStage problems plus one that counts the rest.
func TestLoadDiagnosticsCapped(t *testing.T) {
	var b strings.Builder
	for i := range 500 {
		fmt.Fprintf(&b, "x%d: 0%d\n", i, 100+i) // leading zeros: one error each
	}
	_, l := Load("s.yaml", []byte(b.String()))
	if len(l) != 101 || l[100].Code != "diag/more" || l[0].Pos.Line != 1 {
		t.Fatalf("Load of 500 errors gave %d diagnostics; the last: %v", len(l), l[len(l)-1])
	}
}

// BenchmarkLoadManyKeys loads a spec of many unknown keys just under the
// node limit: the worst a spec can cost before it is refused.
func BenchmarkLoadManyKeys(b *testing.B) {
	data := manyKeys(MaxNodes/2 - 1)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		Load("s.yaml", data)
	}
}
