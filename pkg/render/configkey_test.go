package render

import (
	"reflect"
	"testing"

	"github.com/getvpnc/getvpnc/internal/scalespec"
)

// TestMemberConfigKeyCoversEveryField: members share the rendering of
// equal configurations, found by gmConfig.key, so a value the key left out
// would give a member another member's configuration. Each value the
// configuration holds (every field, however deep, of a configuration with
// every list filled) is changed in turn; the key must change each time.
func TestMemberConfigKeyCoversEveryField(t *testing.T) {
	in := memberInput(t, scalespec.MembersOn(4, 2))
	gm := in.Plan.Members[3] // a video member: two groups
	c := memberConfig(in, gm)
	for i := range c.PeerKeys {
		c.PeerKeys[i].Mask = "255.255.255.255" // no field left empty
	}
	base := c.key()
	n := 0
	forEachLeaf(reflect.ValueOf(&c).Elem(), "gmConfig", func(path string, v reflect.Value) {
		n++
		old := reflect.ValueOf(v.Interface())
		switch v.Kind() {
		case reflect.String:
			v.SetString(v.String() + "x")
		case reflect.Int, reflect.Int64:
			v.SetInt(v.Int() + 1)
		case reflect.Uint64:
			v.SetUint(v.Uint() + 1)
		case reflect.Bool:
			v.SetBool(!v.Bool())
		default:
			t.Fatalf("%s: a %s: teach this test to change it", path, v.Kind())
		}
		if c.key() == base {
			t.Errorf("changing %s leaves the key the same", path)
		}
		v.Set(old)
	})
	if c.key() != base || n < 20 {
		t.Fatalf("%d values changed, key restored: %v", n, c.key() == base)
	}
}

// forEachLeaf calls f with every settable value under v that is not a
// struct or slice (each element of a slice: the test data fills them).
func forEachLeaf(v reflect.Value, path string, f func(string, reflect.Value)) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			forEachLeaf(v.Field(i), path+"."+v.Type().Field(i).Name, f)
		}
	case reflect.Slice:
		for i := range v.Len() {
			forEachLeaf(v.Index(i), path+"[]", f)
		}
	default:
		f(path, v)
	}
}
