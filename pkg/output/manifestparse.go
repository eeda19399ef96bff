package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/getvpnc/getvpnc/pkg/diag"
	"github.com/getvpnc/getvpnc/pkg/infile"
)

// ParseManifest is the one decoder of OUT/manifest.json, for every reader:
// Write's ownership (which files it may replace), compile's and plan's key
// check (which keys OUT records), --check and verify. A manifest getvpnc
// cannot have written is an error, never a manifest that records less:
// one JSON object and nothing after it; "files" present; every field
// getvpnc writes, when present, of the type it writes (a list is never
// null); every path in files[] one getvpnc would write; every label in
// keys[] and keySync[] a label the spec allows, each at most once; every
// recorded sha256 64 lower-case hex digits, and none for a file marked
// secret; every waiver one a spec can hold (see checkWaiver); every
// deployOrder entry one of files[], once; every secrets entry a reference
// (env:, file:, literal:), once; every member name once. Fields it does
// not know are ignored, so the format can grow; "keys", "keySync",
// "waivers", "members", "secrets" and "deployOrder" may be absent (a
// manifest without them records keys only through files[], and one
// written before waivers or members existed records none).
//
// ParseManifest remembers the last manifest it accepted and decodes it
// only once for the same bytes, because one run reads one manifest
// several times (the ownership checks of plan and compile, the key check,
// the check of the new manifest before it is written, which on a rerun is
// the same) and a fleet's manifest is megabytes of JSON. Each caller gets
// its own copy of the lists, so what one caller does to its manifest can
// never change what the next one is told (the files getvpnc may delete).
func ParseManifest(data []byte) (*Manifest, error) {
	if m := lastManifest.get(data); m != nil {
		return m.copyLists(), nil
	}
	// One decode at a time: a caller that comes while Prefetch decodes the
	// same bytes waits for it and finds them remembered, instead of
	// decoding them again beside it.
	lastManifest.decoding.Lock()
	defer lastManifest.decoding.Unlock()
	if m := lastManifest.get(data); m != nil {
		return m.copyLists(), nil
	}
	m, err := parseManifestUncached(data)
	if err == nil {
		lastManifest.put(data, m)
		return m.copyLists(), nil
	}
	return m, err
}

// copyLists returns m with every list copied (their entries are values;
// the strings and numbers they point to are never written).
func (m *Manifest) copyLists() *Manifest {
	c := *m
	c.Pending, c.Keys, c.KeySync, c.Groups = slices.Clone(m.Pending), slices.Clone(m.Keys), slices.Clone(m.KeySync), slices.Clone(m.Groups)
	c.Members, c.Secrets, c.Waivers = slices.Clone(m.Members), slices.Clone(m.Secrets), slices.Clone(m.Waivers)
	c.DeployOrder, c.Files = slices.Clone(m.DeployOrder), slices.Clone(m.Files)
	return &c
}

// lastManifest is the memory of ParseManifest.
var lastManifest manifestMemo

// manifestMemo holds one accepted manifest with a copy of its bytes.
type manifestMemo struct {
	// decoding is held by the one ParseManifest that decodes.
	decoding sync.Mutex
	mu       sync.Mutex
	data     []byte
	m        *Manifest
}

// get returns the manifest remembered for data, nil if it is another.
func (c *manifestMemo) get(data []byte) *Manifest {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m != nil && bytes.Equal(c.data, data) {
		return c.m
	}
	return nil
}

// put remembers m as the manifest of data.
func (c *manifestMemo) put(data []byte, m *Manifest) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.data, c.m = bytes.Clone(data), m
}

// parseManifestUncached is ParseManifest without its memory.
func parseManifestUncached(data []byte) (*Manifest, error) {
	m, err := decodeManifest(data)
	if err != nil {
		if off, ok := problemOffset(data, err); ok {
			return nil, &ManifestLineError{Line: 1 + bytes.Count(data[:min(off, int64(len(data)))], []byte("\n")), Err: err}
		}
		return nil, err
	}
	return m, nil
}

// ManifestLineError is a manifest problem at a line of the file (the
// JSON decoder knows the byte; people read lines).
type ManifestLineError struct {
	Line int
	Err  error
}

func (e *ManifestLineError) Error() string { return e.Err.Error() }
func (e *ManifestLineError) Unwrap() error { return e.Err }

// problemOffset finds the byte offset a problem of the manifest is at:
// where the JSON decoder stopped, the end of a file cut short, where the
// data after the object starts, or the value a field problem names. A
// problem of the whole file (no "files" list) has none.
func problemOffset(data []byte, err error) (int64, bool) {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var fp *fieldProblem
	switch {
	case errors.As(err, &se):
		return se.Offset, true
	case errors.As(err, &te):
		return te.Offset, true
	case errors.As(err, &fp) && fp.offset >= 0:
		return fp.offset, true
	case errors.As(err, &fp):
		return locate(data, fp.at)
	case errors.Is(err, errCutShort):
		// The last line that holds anything: where the file was cut.
		return int64(len(bytes.TrimRight(data, " \t\r\n"))), true
	}
	return 0, false
}

// fieldProblem is a manifest problem at a value: the one the path at
// names (object keys and list indexes from the top), or the one at
// offset when that is known (>= 0).
type fieldProblem struct {
	at     []any
	offset int64
	err    error
}

func (p *fieldProblem) Error() string { return p.err.Error() }
func (p *fieldProblem) Unwrap() error { return p.err }

// atValue is a problem at the value path names.
func atValue(err error, path ...any) error { return &fieldProblem{at: path, offset: -1, err: err} }

// locate returns the offset of the value at path in data, a manifest
// json.Unmarshal has read, by walking its tokens; false when the path is
// not there.
func locate(data []byte, path []any) (int64, bool) {
	dec := json.NewDecoder(bytes.NewReader(data))
	skip := func() bool { return dec.Decode(&json.RawMessage{}) == nil }
	for _, step := range path {
		tok, err := dec.Token()
		if err != nil {
			return 0, false
		}
		found := false
		switch want := step.(type) {
		case string:
			if tok != json.Delim('{') {
				return 0, false
			}
			for !found && dec.More() {
				key, err := dec.Token()
				if err != nil {
					return 0, false
				}
				if found = key == want; !found && !skip() {
					return 0, false
				}
			}
		case int:
			if tok != json.Delim('[') {
				return 0, false
			}
			for i := 0; !found && dec.More(); i++ {
				if found = i == want; !found && !skip() {
					return 0, false
				}
			}
		}
		if !found {
			return 0, false
		}
	}
	return skipSeparators(data, dec.InputOffset()), true
}

// skipSeparators moves off past the blanks, ':' and ',' before a value.
func skipSeparators(data []byte, off int64) int64 {
	for off < int64(len(data)) && strings.IndexByte(" \t\r\n:,", data[off]) >= 0 {
		off++
	}
	return off
}

// errCutShort is a manifest that ends inside its object, as one whose
// writing was interrupted does.
var errCutShort = errors.New("invalid JSON: the file ends before the manifest's object does (was it cut short?)")

// manifestLists are the top-level fields getvpnc writes as lists, which
// a manifest must never give as null.
var manifestLists = []string{"files", "keys", "keySync", "groups", "pending", "waivers", "members", "secrets", "deployOrder"}

// decodeManifest is ParseManifest without the line of the problem.
func decodeManifest(data []byte) (*Manifest, error) {
	m, err := decodeTop(data)
	if err != nil {
		return nil, err
	}
	if err := checkManifest(m); err != nil {
		return nil, err
	}
	return m, nil
}

// decodeTop decodes the manifest and checks its top level: one JSON
// object, "files" there, no list null. The document is read once by the
// JSON decoder (syntax and types), and once more by topLevel, a plain
// byte scan of the object's own keys, for what the decoder cannot tell:
// which fields are there and which are null.
func decodeTop(data []byte) (*Manifest, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var m Manifest
	err := dec.Decode(&m)
	var te *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return nil, errCutShort
	case errors.As(err, &te) && te.Field == "":
		// The document is not an object at all.
		return nil, fmt.Errorf("invalid JSON: %w", jsonProblem(err))
	case err != nil && te == nil:
		return nil, fmt.Errorf("invalid JSON: %w", jsonProblem(err))
	}
	typeErr := err // a field of the wrong type, reported after the checks below
	end := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		return nil, &fieldProblem{offset: skipSeparators(data, end), err: errors.New("invalid JSON: more follows the manifest's object")}
	}
	top := topLevel(data[:end])
	if top == nil {
		return nil, &fieldProblem{offset: skipSeparators(data, 0), err: errors.New("it is null, not a JSON object")}
	}
	if _, ok := top["files"]; !ok {
		return nil, errors.New(`it has no "files" list`)
	}
	for _, list := range manifestLists {
		if isNull, ok := top[list]; ok && isNull {
			return nil, atValue(fmt.Errorf(`"%s" is null, where getvpnc writes a list`, list), list)
		}
	}
	if typeErr != nil {
		return nil, jsonProblem(typeErr)
	}
	return &m, nil
}

// checkManifest makes the checks of ParseManifest on the decoded fields.
func checkManifest(m *Manifest) error {
	for i, f := range m.Files {
		if err := checkPath(f.Path); err != nil {
			return atValue(fmt.Errorf("files[%d] path %s: %w", i, diag.Quote(f.Path), err), "files", i, "path")
		}
		if f.SHA256 != "" && !isSHA256Hex(f.SHA256) {
			return atValue(fmt.Errorf("files[%d] sha256 %s is not 64 lower-case hex digits", i, diag.Quote(f.SHA256)), "files", i, "sha256")
		}
		if f.Secret && f.SHA256 != "" {
			return atValue(fmt.Errorf("files[%d] %s holds a secret and has a sha256, which getvpnc never writes for such a file", i, diag.Quote(f.Path)), "files", i, "sha256")
		}
		if f.Secret && f.Size != nil {
			return atValue(fmt.Errorf("files[%d] %s holds a secret and has a size, which getvpnc never writes for such a file", i, diag.Quote(f.Path)), "files", i, "size")
		}
	}
	if err := checkDeployOrder(m.DeployOrder, m.Files); err != nil {
		return err
	}
	if err := checkSecretRefs(m.Secrets); err != nil {
		return err
	}
	seen := map[string]bool{}
	for i, gm := range m.Members {
		if gm.Name == "" || seen[gm.Name] {
			return atValue(fmt.Errorf("members[%d] name %s is empty or appears twice", i, diag.Quote(gm.Name)), "members", i, "name")
		}
		seen[gm.Name] = true
	}
	if m.Spec.SHA256 != "" && !isSHA256Hex(m.Spec.SHA256) {
		return atValue(fmt.Errorf("spec sha256 %s is not 64 lower-case hex digits", diag.Quote(m.Spec.SHA256)), "spec", "sha256")
	}
	seen = map[string]bool{}
	for i, k := range m.Keys {
		if err := checkRecord("keys", i, k.Label, k.SHA256, seen); err != nil {
			return err
		}
	}
	seen = map[string]bool{}
	for i, k := range m.KeySync {
		if err := checkRecord("keySync", i, k.Label, k.SHA256, seen); err != nil {
			return err
		}
	}
	for i, w := range m.Waivers {
		if err := checkWaiver(w); err != nil {
			return atValue(fmt.Errorf("waivers[%d] %w", i, err), "waivers", i)
		}
	}
	return nil
}

// checkDeployOrder checks deployOrder[]: each entry a file the manifest
// lists, each once.
func checkDeployOrder(order []string, files []ManifestFile) error {
	listed := make(map[string]bool, len(files))
	for _, f := range files {
		listed[f.Path] = true
	}
	seen := make(map[string]bool, len(order))
	for i, p := range order {
		switch {
		case !listed[p]:
			return atValue(fmt.Errorf("deployOrder[%d] %s is not one of the files", i, diag.Quote(p)), "deployOrder", i)
		case seen[p]:
			return atValue(fmt.Errorf("deployOrder[%d] %s appears twice", i, diag.Quote(p)), "deployOrder", i)
		}
		seen[p] = true
	}
	return nil
}

// secretRefKinds are the prefixes of a secret reference (spec.SecretRef.Ref).
var secretRefKinds = []string{"env:", "file:", "literal:"}

// checkSecretRefs checks secrets[]: each a reference getvpnc writes (a
// kind, then printable text), each once. It cannot tell a value from a
// name; it refuses what no reference looks like.
func checkSecretRefs(refs []string) error {
	seen := make(map[string]bool, len(refs))
	for i, r := range refs {
		kind := slices.IndexFunc(secretRefKinds, func(k string) bool { return strings.HasPrefix(r, k) && len(r) > len(k) })
		if kind < 0 || strings.ContainsFunc(r, func(c rune) bool { return c < 0x20 || c == 0x7f }) {
			return atValue(fmt.Errorf("secrets[%d] %s is not a secret reference (env:NAME, file:PATH)", i, diag.Quote(r)), "secrets", i)
		}
		if seen[r] {
			return atValue(fmt.Errorf("secrets[%d] %s appears twice", i, diag.Quote(r)), "secrets", i)
		}
		seen[r] = true
	}
	return nil
}

// checkRecord checks entry i of keys[] or keySync[] (list): its label
// and its fingerprint, which messages and scripts repeat.
func checkRecord(list string, i int, label string, sha *string, seen map[string]bool) error {
	name := fmt.Sprintf("%s[%d]", list, i)
	if !ValidLabel(label) {
		return atValue(fmt.Errorf("%s label %s is not a key label (a letter, then up to 63 letters, digits, '_', '.' or '-')", name, diag.Quote(label)), list, i, "label")
	}
	if seen[label] {
		return atValue(fmt.Errorf("%s label %s appears twice", name, label), list, i, "label")
	}
	seen[label] = true
	if sha != nil && !isSHA256Hex(*sha) {
		return atValue(fmt.Errorf("%s sha256 %s is not 64 lower-case hex digits", name, diag.Quote(*sha)), list, i, "sha256")
	}
	return nil
}

// ValidLabel reports whether label is one the spec allows for a key,
// which makes keys/<label>.pem a plain file name.
func ValidLabel(label string) bool {
	if label == "" || len(label) > 64 || !(label[0] >= 'A' && label[0] <= 'Z' || label[0] >= 'a' && label[0] <= 'z') {
		return false
	}
	return !strings.ContainsFunc(label, func(r rune) bool {
		return !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '.' || r == '-')
	})
}

func isSHA256Hex(s string) bool {
	return len(s) == 64 && !strings.ContainsFunc(s, func(r rune) bool { return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') })
}

// jsonProblem words a decoding error in the manifest's terms: which field
// has which JSON type where getvpnc writes another.
func jsonProblem(err error) error {
	var te *json.UnmarshalTypeError
	if !errors.As(err, &te) {
		return err
	}
	field := te.Field
	if field == "" {
		field = "the manifest"
	}
	return &typeProblem{msg: fmt.Sprintf("%s is %s, where getvpnc writes %s", field, jsonKind(te.Value), goKind(te.Type)), te: te}
}

func jsonKind(v string) string {
	switch v {
	case "array":
		return "a list"
	case "object":
		return "an object"
	case "bool":
		return "true or false"
	case "string":
		return "a string"
	}
	if n, ok := strings.CutPrefix(v, "number"); ok {
		// The decoder names the literal only sometimes ("number 2.5").
		if n = strings.TrimSpace(n); n != "" {
			return "the number " + n
		}
		return "a number"
	}
	return v
}

func goKind(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Uint, reflect.Uint64, reflect.Uint32:
		return "a whole number"
	case reflect.String:
		return "a string"
	case reflect.Slice:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Bool:
		return "true or false"
	}
	return t.String()
}

// loadManifest reads and parses the manifest at manifestPath inside dir,
// with no link followed. The error wraps fs.ErrNotExist when there is none
// and is a *ManifestError when it is there but getvpnc cannot have written
// it (see ParseManifest).
func loadManifest(dir, manifestPath string) (*Manifest, error) {
	if err := checkPath(manifestPath); err != nil {
		return nil, fmt.Errorf("manifest path %q: %w", manifestPath, err)
	}
	full := filepath.Join(dir, filepath.FromSlash(manifestPath))
	data, err := readInside(dir, manifestPath, "the output directory's manifest", infile.MaxManifest)
	if err != nil {
		return nil, manifestReadError(dir, full, err)
	}
	m, err := ParseManifest(data)
	if err != nil {
		return nil, &ManifestError{Path: full, Err: err}
	}
	return m, nil
}

// Prefetch reads and decodes dir's manifest, if it has one getvpnc could
// have written, so that the ParseManifest of the same bytes later in the
// run finds it decoded. It reports nothing and decides nothing: the run
// reads the manifest again where it needs it (under the lock, for the
// key decision), and only bytes equal to these find the decoding done. A
// compile starts it beside loading the spec, which keeps one core busy
// while the other waits; a 1000-group manifest is 0.7 MB of JSON, 12 ms
// to decode.
func Prefetch(dir, manifestPath string) {
	if checkPath(manifestPath) != nil {
		return
	}
	if data, err := readInside(dir, manifestPath, "the output directory's manifest", maxPrefetch); err == nil {
		_, _ = ParseManifest(data)
	}
}

// maxPrefetch is the largest manifest Prefetch decodes: a failed decoding
// is not remembered, so a manifest getvpnc cannot have written is decoded
// twice, and a big one (up to infile.MaxManifest) would cost twice the time
// and memory to be refused. getvpnc's own are well below it (1000 groups:
// 0.7 MB).
const maxPrefetch = 16 << 20

// Manifest returns the output directory's manifest, parsed by
// ParseManifest, or nil when there is none. A manifest getvpnc cannot
// have written is a *ManifestError.
func (t *Tree) Manifest() (*Manifest, error) {
	m, err := loadManifest(t.target, t.opts.ManifestPath)
	var me *ManifestError
	if err != nil && !errors.As(err, &me) && errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return m, err
}

// parseManifest returns the set of paths a manifest's "files" list names,
// after ParseManifest has accepted the whole manifest.
func parseManifest(data []byte) (map[string]bool, error) {
	m, err := ParseManifest(data)
	if err != nil {
		return nil, err
	}
	listed := make(map[string]bool, len(m.Files))
	for _, f := range m.Files {
		listed[f.Path] = true
	}
	return listed, nil
}

// typeProblem words a JSON type error in the manifest's terms and keeps
// the decoder's error, with its offset, for the line.
type typeProblem struct {
	msg string
	te  *json.UnmarshalTypeError
}

func (p *typeProblem) Error() string { return p.msg }
func (p *typeProblem) Unwrap() error { return p.te }
