package validate

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/source"
	"github.com/getvpnc/getvpnc/schema"
)

// unknownKeysSpec is the basic example with n unknown top-level keys.
func unknownKeysSpec(tb testing.TB, n int) []byte {
	tb.Helper()
	base, err := os.ReadFile("../../examples/basic/spec.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	var b strings.Builder
	b.Write(base)
	for i := range n {
		fmt.Fprintf(&b, "x%d: 1\n", i)
	}
	return []byte(b.String())
}

// TestSchemaDiagnosticsCapped checks that the schema stage reports at most
// diag.MaxPerStage problems, the first ones in file order, plus one that
// counts the rest.
func TestSchemaDiagnosticsCapped(t *testing.T) {
	doc, l := source.Load("s.yaml", unknownKeysSpec(t, 1000))
	if doc == nil {
		t.Fatalf("load:\n%s", printed(l))
	}
	s, err := Compile(schema.SpecJSON)
	if err != nil {
		t.Fatal(err)
	}
	got := CheckSchema(doc, s)
	if len(got) != diag.MaxPerStage+1 {
		t.Fatalf("CheckSchema gave %d diagnostics for 1000 unknown keys, want %d and a summary", len(got), diag.MaxPerStage)
	}
	if !strings.Contains(got[0].String(), `/x0: unknown property "x0"`) {
		t.Errorf("the first diagnostic is not the first unknown key: %s", got[0])
	}
	if last := got[diag.MaxPerStage]; last.Code != diag.CodeMore || !strings.Contains(last.Summary, "900 more") {
		t.Errorf("the summary is %s", last)
	}
}

// BenchmarkCheckSchemaManyUnknownKeys validates a spec with as many unknown
// keys as the node limit lets through: load, schema and the did-you-mean
// for every key.
func BenchmarkCheckSchemaManyUnknownKeys(b *testing.B) {
	data := unknownKeysSpec(b, source.MaxNodes/2-200)
	s, err := Compile(schema.SpecJSON)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		doc, l := source.Load("s.yaml", data)
		if doc == nil {
			b.Fatalf("load:\n%s", printed(l))
		}
		CheckSchema(doc, s)
	}
}
