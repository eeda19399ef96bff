package jsonout

import (
	"strings"
	"testing"
)

// TestWrite: indented, one newline at the end, "<", ">" and "&" as written.
func TestWrite(t *testing.T) {
	var b strings.Builder
	if err := Write(&b, map[string]any{"m": "a <b> & c -> d", "l": []int{1}}); err != nil {
		t.Fatal(err)
	}
	want := "{\n  \"l\": [\n    1\n  ],\n  \"m\": \"a <b> & c -> d\"\n}\n"
	if b.String() != want {
		t.Fatalf("got %q, want %q", b.String(), want)
	}
	if err := Write(&b, func() {}); err == nil {
		t.Fatal("a value JSON cannot hold must be an error")
	}
}
