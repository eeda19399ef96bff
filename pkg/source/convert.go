package source

import (
	"fmt"
	"math"
	"strconv"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// converter walks a yaml.Node tree, building the JSON value and collecting
// every problem it meets. It never stops at the first one. (The index of a
// converted document is built when it is first used: see Document.Index.)
type converter struct {
	file  string
	diags diag.List
	// secret reports the pointers where a secret may be written; nil
	// means none.
	secret func(ptr string) bool
}

func (c *converter) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: c.file, Line: n.Line, Column: n.Column}
}

func (c *converter) errorf(n *yaml.Node, ptr, code, detail, format string, args ...any) {
	summary := fmt.Sprintf(format, args...)
	if c.secret != nil && c.secret(ptr) {
		// Every message of the converter may quote what it could not
		// read (a date, a tag, a number, a key); where a pre-shared key
		// goes that text may be the key, so none of it is shown.
		summary = "this value cannot be read, and it is not shown: a pre-shared key goes here"
		detail = "write a secret reference, {env: NAME} or {file: PATH}, without tags, anchors or aliases"
	}
	c.diags.Add(&diag.Diagnostic{
		Severity: diag.Error,
		Pos:      c.pos(n),
		Path:     ptr,
		Code:     code,
		Summary:  summary,
		Detail:   detail,
	})
}

const noAnchors = "anchors and aliases are not supported: write the value out"

// convert returns the JSON value of n, found at ptr, and whether it could be
// converted. A value that could not be converted is left out of its parent;
// its problem is in c.diags.
func (c *converter) convert(n *yaml.Node, ptr string) (any, bool) {
	if n.Kind == yaml.AliasNode {
		c.errorf(n, ptr, "yaml/alias", noAnchors, "alias *%s", show(n.Value))
		return nil, false
	}
	if n.Anchor != "" {
		// Report the anchor but keep converting: problems inside the
		// anchored value are worth reporting too.
		c.errorf(n, ptr, "yaml/anchor", noAnchors, "anchor &%s", show(n.Anchor))
	}
	if n.Style&yaml.TaggedStyle != 0 {
		c.tagError(n, ptr)
		return nil, false
	}
	switch n.Kind {
	case yaml.MappingNode:
		if !c.checkCollectionTag(n, ptr, "!!map", "a mapping") {
			return nil, false
		}
		return c.mapping(n, ptr), true
	case yaml.SequenceNode:
		if !c.checkCollectionTag(n, ptr, "!!seq", "a list") {
			return nil, false
		}
		items := make([]any, 0, len(n.Content))
		for i, item := range n.Content {
			if v, ok := c.convert(item, ptr+"/"+strconv.Itoa(i)); ok {
				items = append(items, v)
			} else {
				// Keep indexes aligned with the YAML; the list is
				// discarded anyway because it holds an error.
				items = append(items, nil)
			}
		}
		return items, true
	case yaml.ScalarNode:
		return c.scalar(n, ptr)
	}
	// DocumentNode cannot appear below the top; anything else is a kind
	// this version of yaml.v3 does not produce.
	c.errorf(n, ptr, "yaml/internal", "", "unexpected YAML node kind %d", n.Kind)
	return nil, false
}

// checkCollectionTag rejects mappings and lists that are not plain ones.
// Explicit tags are refused before (tagError); this is a guard in case
// yaml.v3 resolves a collection to another tag by itself.
func (c *converter) checkCollectionTag(n *yaml.Node, ptr, want, what string) bool {
	if n.Tag == want || n.Tag == "" {
		return true
	}
	c.errorf(n, ptr, "yaml/tag", "remove the tag", "tag %s is not supported on %s", show(n.Tag), what)
	return false
}

// tagError refuses a value with an explicit tag. Every explicit tag is
// refused, the JSON ones too (!!int "10", !!str 0100): a spec reads the same
// to every reader only when a value's type is what it looks like, and a
// tag that makes a quoted "10" a number or 0100 text is a trap for the next
// person who edits the file. The detail says how to write the value.
func (c *converter) tagError(n *yaml.Node, ptr string) {
	fix := "remove the tag"
	switch {
	case n.Kind == yaml.MappingNode:
		c.errorf(n, ptr, "yaml/tag", fix, "tag %s is not supported on a mapping", show(n.Tag))
		return
	case n.Kind == yaml.SequenceNode:
		c.errorf(n, ptr, "yaml/tag", fix, "tag %s is not supported on a list", show(n.Tag))
		return
	case n.Tag == "!!int" || n.Tag == "!!float":
		fix = "write the number without a tag, in decimal: such as 10 or 0.5"
		if isDecimalNumber(n.Value) {
			fix = "write the number without a tag or quotes: " + show(n.Value)
			if f, err := strconv.ParseFloat(n.Value, 64); err != nil || math.IsInf(f, 0) || len(n.Value) > maxNumberLen {
				fix = "write the number without a tag, in decimal; " + show(n.Value) + " is too large or too long for a number anyway"
			}
		}
	case n.Tag == "!!str":
		fix = "quote the text instead of tagging it: " + diag.Quote(n.Value)
	case n.Tag == "!!bool":
		fix = "write true or false, without a tag"
	case n.Tag == "!!null":
		fix = "write null, or leave the value empty, without a tag"
	}
	c.errorf(n, ptr, "yaml/tag", fix, "tag %s is not supported", show(n.Tag))
}

// mapping converts a mapping. Keys must be strings and unique: yaml.v3
// checks duplicates only when decoding into Go values, never in a Node tree.
func (c *converter) mapping(n *yaml.Node, ptr string) map[string]any {
	obj := make(map[string]any, len(n.Content)/2)
	first := newKeySet(len(n.Content) / 2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name, ok := c.key(k, ptr)
		if !ok {
			continue
		}
		child := Child(ptr, name)
		if prev, dup := first.get(name); dup && c.secret != nil && c.secret(child) {
			// A key where a pre-shared key goes may be the key itself
			// ({Hunter2} is a mapping): neither name nor pointer shows it.
			c.errorf(k, ptr, "yaml/duplicate-key", "", "")
			continue
		} else if dup {
			c.diags.Add(&diag.Diagnostic{
				Severity: diag.Error,
				Pos:      c.pos(k),
				Path:     child,
				Code:     "yaml/duplicate-key",
				Summary:  "duplicate key " + diag.Quote(name),
				Detail:   "a key may appear only once in a mapping: remove or rename one of them",
				Related:  []diag.Related{{Pos: c.pos(prev), Msg: diag.Quote(name) + " first defined here"}},
			})
			continue
		}
		first.add(name, k)
		if val, ok := c.convert(v, child); ok {
			obj[name] = val
		}
	}
	return obj
}

// keySet is the first key node of each name in one mapping. Most mappings
// of a spec have a handful of keys, for which a scan of a slice is cheaper
// than a map made per mapping (a tenth of the load stage went to those
// maps); a large mapping gets a map.
type keySet struct {
	names []string
	nodes []*yaml.Node
	large map[string]*yaml.Node
}

// smallKeySet is the most keys a keySet scans.
const smallKeySet = 16

func newKeySet(n int) keySet {
	if n > smallKeySet {
		return keySet{large: make(map[string]*yaml.Node, n)}
	}
	return keySet{names: make([]string, 0, n), nodes: make([]*yaml.Node, 0, n)}
}

func (s *keySet) get(name string) (*yaml.Node, bool) {
	if s.large != nil {
		k, ok := s.large[name]
		return k, ok
	}
	for i, n := range s.names {
		if n == name {
			return s.nodes[i], true
		}
	}
	return nil, false
}

func (s *keySet) add(name string, k *yaml.Node) {
	if s.large != nil {
		s.large[name] = k
		return
	}
	s.names = append(s.names, name)
	s.nodes = append(s.nodes, k)
}

// key returns the string a mapping key stands for, or reports why the key
// is not a plain string.
func (c *converter) key(k *yaml.Node, ptr string) (string, bool) {
	switch {
	case k.Kind == yaml.AliasNode:
		c.errorf(k, ptr, "yaml/alias", noAnchors, "alias *%s used as a key", show(k.Value))
		return "", false
	case k.Kind != yaml.ScalarNode:
		c.errorf(k, ptr, "yaml/key-type", "keys must be plain strings: quote the key",
			"%s cannot be a key", kindName(k))
		return "", false
	case k.Tag == "!!merge":
		c.errorf(k, ptr, "yaml/merge-key", "anchors, aliases and merge keys are not supported: write the keys out",
			"merge key <<")
		return "", false
	}
	problem := keyProblem(k.Value)
	at := Child(ptr, k.Value)
	if problem != "" {
		at = ptr // the key must not reach a pointer, which is printed raw
	}
	if k.Anchor != "" {
		c.errorf(k, at, "yaml/anchor", noAnchors, "anchor &%s", show(k.Anchor))
	}
	if k.Style&yaml.TaggedStyle != 0 {
		c.errorf(k, at, "yaml/tag", "remove the tag (quote the key if it is not a plain name)", "tag %s is not supported on a key", show(k.Tag))
		return "", false
	}
	if k.Tag == "!!str" {
		if problem != "" {
			c.errorf(k, ptr, "yaml/key", "keys are names: letters, digits and punctuation", "key %s %s", diag.Quote(k.Value), problem)
			return "", false
		}
		return k.Value, true
	}
	what, known := keyTypes[k.Tag]
	if !known {
		c.errorf(k, at, "yaml/tag", "remove the tag", "tag %s is not supported", show(k.Tag))
		return "", false
	}
	c.errorf(k, at, "yaml/key-type", "quote the key: "+diag.Quote(k.Value),
		"key %s is read as %s, not a string", show(k.Value), what)
	return "", false
}

// maxKeyLen bounds a mapping key. Keys of a spec are short property names;
// a longer key is a mistake, and it would be echoed in messages and in the
// JSON pointer of every diagnostic below it.
const maxKeyLen = 128

// keyProblem says why text cannot be a key, or returns "". A key becomes
// part of JSON pointers, which diagnostics print as they are, so it must be
// short and printable: a terminal escape in a key must never reach the
// terminal.
func keyProblem(s string) string {
	if len(s) > maxKeyLen {
		return fmt.Sprintf("is too long (at most %d bytes)", maxKeyLen)
	}
	for _, r := range s {
		switch {
		case r == '\t':
			// Harmless on a terminal, and seen in keys pasted from tables.
		case unicode.IsControl(r):
			return "holds a control character"
		case !unicode.IsPrint(r) && r != ' ':
			return fmt.Sprintf("holds the unprintable character %U", r)
		}
	}
	return ""
}

// keyTypes names what YAML reads a plain key as, for the tags a plain
// scalar resolves to.
var keyTypes = map[string]string{
	"!!int":       "a number",
	"!!float":     "a number",
	"!!bool":      "a boolean",
	"!!null":      "null",
	"!!timestamp": "a date",
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	return "this node"
}
