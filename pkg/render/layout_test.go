package render

import "testing"

// TestLayout pins the output tree's paths: they are what manifests,
// pipelines and the README name, and what --check and the key checks read.
func TestLayout(t *testing.T) {
	for got, want := range map[string]string{
		ScriptPath(KindKeyServer, "ks1"): "ks1.ios", ReviewPath(KindKeyServer, "ks1"): "review/ks1.ios",
		ScriptPath(KindMember, "br-1"): "gm/br-1.ios", ReviewPath(KindMember, "br-1"): "review/gm/br-1.ios",
		BundlePath("K"): "keys/K.pem", ManifestPath: "manifest.json",
	} {
		if got != want {
			t.Errorf("layout: %s, want %s", got, want)
		}
	}
	for p, want := range map[string]Kind{
		"ks1.ios": KindKeyServer, "gm.ios": KindKeyServer, "gm/br-1.ios": KindMember,
		"review/ks1.ios": "", "review/gm/br-1.ios": "", "keys/K.pem": "", "manifest.json": "", "x/y.ios": "", "gm/a/b.ios": "",
	} {
		k, ok := ScriptKind(p)
		if k != want || ok != (want != "") || IsScript(p) != ok {
			t.Errorf("ScriptKind(%q) = %q, %v; IsScript %v; want %q", p, k, ok, IsScript(p), want)
		}
	}
	if !IsReview("review/ks1.ios") || !IsReview("review/gm/br-1.ios") || IsReview("reviewks1.ios") || IsReview("ks1.ios") || IsReview("gm/br-1.ios") {
		t.Error("IsReview")
	}
	for p, want := range map[string]string{"keys/K.pem": "K", "keys/a/b.pem": "", "keys/K.txt": "", "K.pem": "", "review/keys/K.pem": ""} {
		if got, ok := BundleLabel(p); got != want || ok != (want != "") {
			t.Errorf("BundleLabel(%q) = %q, %v; want %q", p, got, ok, want)
		}
	}
}

// TestKindsTable: every kind has its own directory and template, and the
// template is one the embedded set holds.
func TestKindsTable(t *testing.T) {
	base, err := parsed()
	if err != nil {
		t.Fatal(err)
	}
	dirs := map[string]bool{}
	for _, k := range kinds {
		if dirs[k.dir] {
			t.Errorf("%s: directory %q is another kind's", k.kind, k.dir)
		}
		dirs[k.dir] = true
		for _, name := range []string{k.head, k.config} {
			if base.Lookup(name) == nil {
				t.Errorf("%s: no template %q", k.kind, name)
			}
		}
	}
	for _, name := range []string{"ios/_acl.tmpl", "ios/_isakmp.tmpl", "ios/_isakmpkey.tmpl", "ios/_group.tmpl"} {
		if base.Lookup(name) == nil {
			t.Errorf("no partial %q: templates are named by their path under templates/", name)
		}
	}
}
