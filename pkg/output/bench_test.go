package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// benchTree is a tree in the shape compile writes: the manifest (every
// file with its size, and a sha256 for those without secrets), scripts
// of the given size with their review copies, and one key bundle.
func benchTree(scripts, size int, dir string) []File {
	var files []File
	body := bytes.Repeat([]byte("crypto gdoi group G1\n"), size/21+1)[:size]
	for i := range scripts {
		name := fmt.Sprintf("%sdev%05d.ios", dir, i)
		files = append(files,
			File{Path: name, Data: body, Mode: 0o600},
			File{Path: "review/" + name, Data: body, Mode: 0o644})
	}
	files = append(files, File{Path: "keys/REKEY.pem", Data: bytes.Repeat([]byte("k"), 1700), Mode: 0o600})
	m := Manifest{Keys: []ManifestKey{}, KeySync: []ManifestKeySync{}, Groups: []ManifestGroup{}, Secrets: []string{}, Waivers: []ManifestWaiver{}, Members: []ManifestMember{}, DeployOrder: []string{}}
	for _, f := range files {
		e := ManifestFile{Path: f.Path, Secret: f.Mode == 0o600}
		if !e.Secret {
			n := len(f.Data)
			e.Size, e.SHA256 = &n, fmt.Sprintf("%064x", n)
		}
		m.Files = append(m.Files, e)
		if e.Secret && dir != "" {
			m.DeployOrder = append(m.DeployOrder, f.Path)
			name := strings.TrimSuffix(path.Base(f.Path), ".ios")
			m.Members = append(m.Members, ManifestMember{Name: name, Hostname: name, Address: "10.0.0.1",
				Groups: []ManifestMemberGroup{{Name: "G1", KeyServers: []string{"ks1", "ks2", "ks3", "ks4"}}}})
		}
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		panic(err)
	}
	return append(files, File{Path: manifestName, Data: data, Mode: 0o644})
}

// benchShapes are the two fleets of the performance targets: a pool of
// four key servers serving 1000 groups (few, large scripts) and 8000
// members behind four key servers (16000 small files).
var benchShapes = []struct {
	name  string
	files func() []File
}{
	{"pool1000", func() []File { return benchTree(4, 1_500_000, "") }},
	{"members8000", func() []File { return benchTree(8000, 2_600, "gm/") }},
}

// BenchmarkWriteFresh writes a tree into a directory that does not exist
// yet: with one flush of the file system (the default on Linux), and
// with the fsync of each file it replaced (the floor the target is set
// against).
func BenchmarkWriteFresh(b *testing.B) {
	for _, shape := range benchShapes {
		files := shape.files()
		for _, mode := range []string{"syncfs", "fsync-each"} {
			b.Run(shape.name+"/"+mode, func(b *testing.B) {
				if mode == "fsync-each" {
					setHook(b, &flushFS, func(*os.File) error { return errSyncFSUnsupported })
				}
				base := b.TempDir()
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					i++
					if _, err := Write(filepath.Join(base, fmt.Sprint(i)), files, opts); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkWriteUnchanged writes a tree over the same tree: the
// comparison finds nothing to do and writes nothing.
func BenchmarkWriteUnchanged(b *testing.B) {
	for _, shape := range benchShapes {
		files := shape.files()
		b.Run(shape.name, func(b *testing.B) {
			dir := filepath.Join(b.TempDir(), "out")
			if _, err := Write(dir, files, opts); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				res, err := Write(dir, files, opts)
				if err != nil || !res.Unchanged {
					b.Fatalf("Write = %+v, %v; want unchanged", res, err)
				}
			}
		})
	}
}

// BenchmarkParseManifest decodes the manifest of each shape (without the
// memory of ParseManifest, which a second read of the same bytes hits).
func BenchmarkParseManifest(b *testing.B) {
	for _, shape := range benchShapes {
		files := shape.files()
		data := files[len(files)-1].Data
		b.Run(shape.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if _, err := parseManifestUncached(data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
