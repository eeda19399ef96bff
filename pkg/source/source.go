// Package source is the load stage: it turns the bytes of a YAML spec into a
// JSON-typed value that the schema validator can check, plus an index from
// JSON pointer to the YAML nodes each value came from, so every later stage
// can report a problem at the user's line and column.
//
// It converts the yaml.Node tree itself instead of letting yaml.v3 decode into
// interface{}, because that decoder silently does things a network engineer
// would not expect: it reads 0100 as the octal number 64, turns 2024-01-01
// into a time.Time, merges "<<" keys, and makes non-string keys produce maps
// the validator cannot read. Each such construct is rejected here with a
// positioned diagnostic saying how to write the value instead. All problems in
// the file are reported at once, except YAML syntax errors, after which the
// parser cannot go on.
package source

import (
	"strconv"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// Document is a loaded spec.
type Document struct {
	// File is the file name as given on the command line; it is the File of
	// every position the document reports.
	File string
	// Root is the document's top node (a mapping for a valid spec). It is
	// nil after Release.
	Root *yaml.Node
	// Value holds JSON types only: map[string]any, []any, string, bool, nil
	// and json.Number, which is what jsonschema v5 validates. It is nil
	// after Release.
	Value any

	// mu guards what follows, and Root and Value once released.
	mu sync.Mutex
	// index maps JSON pointers into Value to the nodes they came from; see
	// Index. Nil until first used.
	index *Index
	// nodes is how many nodes Root holds, to size the index.
	nodes int
	// data and secret are what the document was loaded from, to load it
	// again after Release.
	data   []byte
	secret func(ptr string) bool
	// released says Root and Value were dropped and not loaded again.
	released bool
}

// Index maps every JSON pointer into Value to the nodes it came from. It is
// built on first use, from Root: a spec that loads, validates and compiles
// without a problem never asks where a value is, and building the map of a
// 1000-group spec's pointers was a third of loading it and a tenth of its
// memory. It is safe for concurrent use.
func (d *Document) Index() *Index {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.index == nil {
		d.restoreLocked()
		d.index = &Index{Value: make(map[string]*yaml.Node, d.nodes/2+1), Key: make(map[string]*yaml.Node, d.nodes/2+1)}
		if d.Root != nil {
			d.index.add(d.Root, "")
		}
	}
	return d.index
}

// Index maps a JSON pointer in EscapeToken's form ("" is the whole document)
// to YAML nodes. A Document's Index has an entry for every value of Value
// and for every key of its mappings, and no other. The pointers compare equal, byte for byte, to jsonschema v5's
// ValidationError.InstanceLocation.
type Index struct {
	// Value is the node each value came from.
	Value map[string]*yaml.Node
	// Key is the mapping key node of each mapping entry. Sequence items and
	// the root have no key, so they have no entry here.
	Key map[string]*yaml.Node
}

// Load parses data, the contents of file, as a single YAML document and
// converts it to JSON types. It returns a nil Document whenever the list holds
// errors: a spec that cannot be read faithfully must not reach validation.
// The list is sorted.
func Load(file string, data []byte) (doc *Document, diags diag.List) {
	return LoadSecret(file, data, nil)
}

// LoadSecret is Load for a document where secrets may be written: at a
// pointer for which secret reports true (or under it), no problem the
// loader reports shows the text it found there.
func LoadSecret(file string, data []byte, secret func(ptr string) bool) (doc *Document, diags diag.List) {
	defer func() {
		// yaml.v3 re-panics anything that is not its own error type. No
		// input may crash the tool, so a parser bug becomes a diagnostic.
		if r := recover(); r != nil {
			doc = nil
			diags = diag.List{{
				Severity: diag.Error,
				Pos:      diag.Pos{File: file, Line: 1, Column: 1},
				Code:     "yaml/internal",
				Summary:  "the YAML parser failed on this file",
				Detail:   "please report this file to the getvpnc maintainers",
			}}
		}
	}()
	if d := tooManyIndicators(file, data); d != nil {
		return nil, diag.List{d}
	}
	root, diags := parse(file, data)
	if root == nil {
		return nil, diags.Cap(diag.MaxPerStage)
	}
	nodes, d := tooManyNodesIn(file, root)
	if d != nil {
		return nil, diag.List{d}
	}
	c := converter{
		file:   file,
		secret: secret,
	}
	value, _ := c.convert(root, "")
	diags.Append(c.diags)
	diags = diags.Cap(diag.MaxPerStage)
	if diags.HasErrors() {
		return nil, diags
	}
	return &Document{File: file, Root: root, Value: value, nodes: nodes, data: data, secret: secret}, diags
}

// Pos returns the position of the value at ptr. When ptr is not in the index
// (a pointer to a property that is missing, say), it drops trailing tokens
// until it reaches a pointer that is, so the position is that of the nearest
// enclosing value that exists. A nil Document has no positions.
func (d *Document) Pos(ptr string) diag.Pos {
	if d == nil {
		return diag.Pos{}
	}
	for {
		if n, ok := d.Index().Value[ptr]; ok {
			return d.nodePos(n)
		}
		if ptr == "" {
			return diag.Pos{File: d.File}
		}
		ptr = parent(ptr)
	}
}

// KeyPos returns the position of the mapping key at ptr when the value at
// ptr is a mapping entry, and Pos(ptr) otherwise. Diagnostics about a whole
// mapping or list point at its key: the value of "group:" starts on the
// next line, which is not where a reader looks for "group".
func (d *Document) KeyPos(ptr string) diag.Pos {
	if d == nil {
		return diag.Pos{}
	}
	if n, ok := d.Index().Key[ptr]; ok {
		return d.nodePos(n)
	}
	return d.Pos(ptr)
}

// Lookup returns the value at ptr and whether it exists.
func (d *Document) Lookup(ptr string) (any, bool) {
	if d == nil {
		return nil, false
	}
	tokens, ok := SplitPointer(ptr)
	if !ok {
		return nil, false
	}
	v := d.value()
	for _, t := range tokens {
		switch x := v.(type) {
		case map[string]any:
			if v, ok = x[t]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(t)
			if err != nil || i < 0 || i >= len(x) || strconv.Itoa(i) != t {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

func (d *Document) nodePos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: d.File, Line: n.Line, Column: n.Column}
}
