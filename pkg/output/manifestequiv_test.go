package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"testing"
)

// decodeManifestBefore is the decoder of the top level as it was before
// the single-pass decodeManifest: two decodes, a map of raw values then the
// struct. The equivalence test holds the new one to its answers.
func decodeManifestBefore(data []byte) (*Manifest, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var top map[string]json.RawMessage
	if err := dec.Decode(&top); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, errCutShort
		}
		return nil, fmt.Errorf("invalid JSON: %w", jsonProblem(err))
	}
	end := dec.InputOffset()
	if _, err := dec.Token(); err != io.EOF {
		return nil, &fieldProblem{offset: skipSeparators(data, end), err: errors.New("invalid JSON: more follows the manifest's object")}
	}
	if top == nil {
		return nil, &fieldProblem{offset: skipSeparators(data, 0), err: errors.New("it is null, not a JSON object")}
	}
	if _, ok := top["files"]; !ok {
		return nil, errors.New(`it has no "files" list`)
	}
	for _, list := range []string{"files", "keys", "keySync", "groups", "pending", "waivers", "members", "secrets", "deployOrder"} {
		if v, ok := top[list]; ok && string(bytes.TrimSpace(v)) == "null" {
			return nil, atValue(fmt.Errorf(`"%s" is null, where getvpnc writes a list`, list), list)
		}
	}
	var m Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, jsonProblem(err)
	}
	return &m, nil
}

// FuzzDecodeManifestAsBefore: the one-decode top level (decodeTop)
// accepts and refuses what the two decodes did, with the same message;
// for a document both accept, the fields decode alike.
func FuzzDecodeManifestAsBefore(f *testing.F) {
	for _, s := range []string{
		`{"files":[]}`, `null`, `[]`, `"x"`, `{"files":null}`, `{"keys":null,"files":[]}`,
		`{"files":[],"keys":null,"keys":[]}`, `{"Files":[]}`, `{"fi\u006ces":[]}`, `{"files":[]} {}`,
		`{"files":[],"tool":5}`, `{"files":"x"}`, `{"files":[{"path":"a"}],"members":[{"name":"m","groups":null}]}`,
		`{"files":[], "deployOrder" : null }`, `{"files":[],"x":{"y":[1,"]}"]},"pending":null}`, `{"files":[`,
		`{"files":[],"Keys":null}`, `{"files":[],"spec":{"sha256":1}}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		before, errBefore := decodeManifestBefore(data)
		after, errAfter := decodeTop(data)
		switch {
		case (errBefore == nil) != (errAfter == nil):
			t.Fatalf("%q: before %v, now %v", data, errBefore, errAfter)
		case errBefore != nil && errBefore.Error() != errAfter.Error():
			t.Fatalf("%q: before %v, now %v", data, errBefore, errAfter)
		case errBefore == nil && !reflect.DeepEqual(before, after):
			t.Fatalf("%q: decoded differently:\nbefore %+v\nnow    %+v", data, before, after)
		}
	})
}

// TestParseManifestRemembersOnlyTheSameBytes: a manifest read again is
// not decoded again; other bytes, even one byte more, are decoded.
func TestParseManifestRemembersOnlyTheSameBytes(t *testing.T) {
	a := []byte(`{"files":[{"path":"a.ios"}]}`)
	b := []byte(`{"files":[{"path":"b.ios"}]}`)
	if _, err := ParseManifest(a); err != nil {
		t.Fatal(err)
	}
	if lastManifest.get(bytes.Clone(a)) == nil {
		t.Error("the same bytes would be decoded again")
	}
	a[len(a)-3] = 'x' // the caller's buffer changes: the memory kept its own copy
	mb, err := ParseManifest(b)
	if err != nil || mb.Files[0].Path != "b.ios" {
		t.Fatalf("ParseManifest(b) = %+v, %v", mb, err)
	}
	if _, err := ParseManifest([]byte(`{"files":null}`)); err == nil {
		t.Fatal("a refused manifest was accepted")
	}
	if lastManifest.get(b) == nil {
		t.Error("a refused manifest displaced the remembered one")
	}
}
