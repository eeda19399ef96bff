package output

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	type outcome int
	const (
		written outcome = iota
		unchanged
		foreign     // *ForeignFilesError, nothing touched
		badManifest // *ManifestError, nothing touched
		refused     // other error, nothing touched
	)
	cases := []struct {
		name string
		// at is where the output directory is, relative to the test's
		// temporary directory; "out" if empty.
		at    string
		setup func(t *testing.T, dir string)
		files []File
		want  outcome
		// wantForeign is ForeignFilesError.Paths.
		wantForeign []string
	}{
		{name: "new directory", files: v1()},
		{name: "new directory with missing parents", at: "a/b/out", files: v1()},
		{
			name:  "empty existing directory",
			setup: func(t *testing.T, dir string) { os.Mkdir(dir, 0o755) },
			files: v1(),
		},
		{
			name:  "rewrite with changes",
			setup: func(t *testing.T, dir string) { mustWrite(t, dir, v1()) },
			files: v2(),
		},
		{
			name:  "identical rewrite",
			setup: func(t *testing.T, dir string) { mustWrite(t, dir, v1()) },
			files: v1(),
			want:  unchanged,
		},
		{
			name: "only a mode differs",
			setup: func(t *testing.T, dir string) {
				mustWrite(t, dir, v1())
				os.Chmod(filepath.Join(dir, "keys/group.pem"), 0o644)
			},
			files: v1(),
		},
		{
			name: "an owned file was deleted",
			setup: func(t *testing.T, dir string) {
				mustWrite(t, dir, v1())
				os.Remove(filepath.Join(dir, "old.txt"))
			},
			files: v1(),
		},
		{
			name: "an empty directory is owned",
			setup: func(t *testing.T, dir string) {
				mustWrite(t, dir, v1())
				os.MkdirAll(filepath.Join(dir, "keys/empty/deeper"), 0o755)
			},
			files: v1(),
		},
		{
			name:  "manifest lists files that are not there",
			setup: func(t *testing.T, dir string) { mustWrite(t, dir, v2()) },
			files: v1(),
		},
		{
			name: "foreign file at the top",
			setup: func(t *testing.T, dir string) {
				mustWrite(t, dir, v1())
				mustWriteFile(t, filepath.Join(dir, "notes.txt"), "mine")
			},
			files:       v2(),
			want:        foreign,
			wantForeign: []string{"notes.txt"},
		},
		{
			name: "foreign file in an owned directory",
			setup: func(t *testing.T, dir string) {
				mustWrite(t, dir, v1())
				mustWriteFile(t, filepath.Join(dir, "keys/backup.pem"), "mine")
				mustWriteFile(t, filepath.Join(dir, "extra/deep/x"), "mine")
			},
			files:       v2(),
			want:        foreign,
			wantForeign: []string{"extra/deep/x", "keys/backup.pem"},
		},
		{
			name: "foreign file even when the content is otherwise identical",
			setup: func(t *testing.T, dir string) {
				mustWrite(t, dir, v1())
				mustWriteFile(t, filepath.Join(dir, "notes.txt"), "mine")
			},
			files:       v1(),
			want:        foreign,
			wantForeign: []string{"notes.txt"},
		},
		{
			name: "symbolic link at an owned path",
			setup: func(t *testing.T, dir string) {
				mustWrite(t, dir, v1())
				os.Remove(filepath.Join(dir, "ks1.ios"))
				os.Symlink("ks2.ios", filepath.Join(dir, "ks1.ios"))
			},
			files:       v2(),
			want:        foreign,
			wantForeign: []string{"ks1.ios"},
		},
		{
			name: "symbolic link to a directory is not followed",
			setup: func(t *testing.T, dir string) {
				mustWrite(t, dir, v1())
				os.Symlink("keys", filepath.Join(dir, "link"))
			},
			files:       v2(),
			want:        foreign,
			wantForeign: []string{"link"},
		},
		{
			name: "non-empty directory without a manifest",
			setup: func(t *testing.T, dir string) {
				mustWriteFile(t, filepath.Join(dir, "ks1.ios"), "hand-written")
				mustWriteFile(t, filepath.Join(dir, "sub/b"), "b")
			},
			files:       v1(),
			want:        foreign,
			wantForeign: []string{"ks1.ios", "sub/b"},
		},
		{
			name: "only empty directories and no manifest",
			setup: func(t *testing.T, dir string) {
				os.MkdirAll(filepath.Join(dir, "sub/deeper"), 0o755)
			},
			files:       v1(),
			want:        foreign,
			wantForeign: []string{"sub/", "sub/deeper/"},
		},
		{
			name: "manifest from another tool",
			setup: func(t *testing.T, dir string) {
				mustWriteFile(t, filepath.Join(dir, manifestName), `{"name": "webapp", "version": "1.0"}`)
			},
			files: v1(),
			want:  badManifest,
		},
		{
			name: "manifest is not JSON",
			setup: func(t *testing.T, dir string) {
				mustWrite(t, dir, v1())
				mustWriteFile(t, filepath.Join(dir, manifestName), "files:\n  - ks1.ios\n")
			},
			files: v1(),
			want:  badManifest,
		},
		{
			name: "manifest claims a path outside the directory",
			setup: func(t *testing.T, dir string) {
				mustWriteFile(t, filepath.Join(dir, manifestName), `{"files": [{"path": "../precious"}]}`)
			},
			files: v1(),
			want:  badManifest,
		},
		{
			name: "manifest is a symbolic link",
			setup: func(t *testing.T, dir string) {
				mustWriteFile(t, filepath.Join(filepath.Dir(dir), "elsewhere.json"), `{"files": []}`)
				os.Mkdir(dir, 0o755)
				os.Symlink("../elsewhere.json", filepath.Join(dir, manifestName))
			},
			files: v1(),
			want:  badManifest,
		},
		{
			name:  "output path is a regular file",
			setup: func(t *testing.T, dir string) { mustWriteFile(t, dir, "not a directory") },
			files: v1(),
			want:  refused,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			dir := filepath.Join(base, cmpOr(tc.at, "out"))
			if tc.setup != nil {
				tc.setup(t, dir)
			}
			before := snapshot(t, dir)
			var beforeInfo os.FileInfo
			if before != nil {
				beforeInfo, _ = os.Stat(dir)
			}

			res, err := Write(dir, tc.files, opts)

			switch tc.want {
			case written:
				if err != nil {
					t.Fatalf("Write: %v", err)
				}
				if res.Unchanged || res.Written != len(tc.files) {
					t.Errorf("Result = %+v, want Written %d", res, len(tc.files))
				}
				assertTree(t, dir, tc.files)
			case unchanged:
				if err != nil {
					t.Fatalf("Write: %v", err)
				}
				if !res.Unchanged || res.Written != 0 {
					t.Errorf("Result = %+v, want Unchanged", res)
				}
				assertSnapshot(t, dir, before)
				if after, _ := os.Stat(dir); !os.SameFile(beforeInfo, after) {
					t.Error("the directory was replaced")
				}
			default:
				if err == nil {
					t.Fatalf("Write succeeded (%+v), want an error", res)
				}
				var ferr *ForeignFilesError
				var merr *ManifestError
				switch {
				case tc.want == foreign && !errors.As(err, &ferr):
					t.Fatalf("error %v (%T), want *ForeignFilesError", err, err)
				case tc.want == foreign:
					if !slices.Equal(ferr.Paths, tc.wantForeign) || ferr.Dir != dir {
						t.Errorf("ForeignFilesError = %+v, want Dir %s Paths %q", ferr, dir, tc.wantForeign)
					}
				case tc.want == badManifest && !errors.As(err, &merr):
					t.Fatalf("error %v (%T), want *ManifestError", err, err)
				case tc.want == refused && (ferr != nil || merr != nil):
					t.Fatalf("error %v (%T), want a plain error", err, err)
				}
				if res != (Result{}) {
					t.Errorf("Result = %+v on error, want zero", res)
				}
				assertSnapshot(t, dir, before)
			}
			assertNoTemp(t, filepath.Dir(dir))
		})
	}
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func TestWriteThroughSymlink(t *testing.T) {
	base := t.TempDir()
	real := filepath.Join(base, "real")
	link := filepath.Join(base, "out")
	mustWrite(t, real, v1())
	if err := os.Symlink("real", link); err != nil {
		t.Fatal(err)
	}
	mustWrite(t, link, v2())
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the symbolic link was not kept: %v %v", fi, err)
	}
	assertTree(t, real, v2())
	assertNoTemp(t, base)
}

func TestWriteInvalid(t *testing.T) {
	ok := File{"ks1.ios", []byte("x"), 0o644}
	cases := []struct {
		name     string
		files    []File
		manifest string // Options.ManifestPath; manifestName if empty
		wantMsg  []string
	}{
		{name: "empty path", files: withManifest(ok, File{"", nil, 0o644}), wantMsg: []string{"path is empty"}},
		{name: "absolute", files: withManifest(File{"/etc/x", nil, 0o644}), wantMsg: []string{`"/etc/x"`, "absolute"}},
		{name: "dot dot", files: withManifest(File{"../x", nil, 0o644}), wantMsg: []string{`"../x"`, ".."}},
		{name: "dot dot inside", files: withManifest(File{"a/../../x", nil, 0o644}), wantMsg: []string{".."}},
		{name: "not clean", files: withManifest(File{"a/./b", nil, 0o644}), wantMsg: []string{"not clean"}},
		{name: "leading dot slash", files: withManifest(File{"./a", nil, 0o644}), wantMsg: []string{"not clean"}},
		{name: "empty segment", files: withManifest(File{"a//b", nil, 0o644}), wantMsg: []string{"empty element"}},
		{name: "trailing slash", files: withManifest(File{"a/", nil, 0o644}), wantMsg: []string{"empty element"}},
		{name: "dot", files: withManifest(File{".", nil, 0o644}), wantMsg: []string{`"."`}},
		{name: "backslash", files: withManifest(File{`keys\group.pem`, nil, 0o644}), wantMsg: []string{"backslash"}},
		{name: "duplicate", files: withManifest(ok, ok), wantMsg: []string{`"ks1.ios" is listed more than once`}},
		{
			name:    "file is also a directory",
			files:   withManifest(File{"keys", nil, 0o644}, File{"keys/group.pem", nil, 0o600}),
			wantMsg: []string{`"keys" is also the parent directory of "keys/group.pem"`},
		},
		{name: "mode with type bits", files: withManifest(File{"d", nil, os.ModeDir | 0o755}), wantMsg: []string{"mode"}},
		{name: "mode zero", files: withManifest(File{"d", nil, 0}), wantMsg: []string{"owner read"}},
		{name: "no manifest among files", files: []File{ok}, wantMsg: []string{`manifest "manifest.json" is not among the files`}},
		{name: "no manifest path", files: withManifest(ok), manifest: "-", wantMsg: []string{"manifest path"}},
		{name: "manifest path escapes", files: withManifest(ok), manifest: "../m.json", wantMsg: []string{"manifest path"}},
		{
			name:    "manifest does not list a file",
			files:   append(withManifest(ok), File{"unlisted.ios", nil, 0o644}),
			wantMsg: []string{`does not list "unlisted.ios"`},
		},
		{
			name: "manifest lists a file not written",
			files: func() []File {
				fs := withManifest(ok, File{"ghost", nil, 0o644})
				return slices.DeleteFunc(fs, func(f File) bool { return f.Path == "ghost" })
			}(),
			wantMsg: []string{`lists "ghost"`},
		},
		{
			name:    "manifest without files list",
			files:   []File{ok, {manifestName, []byte(`{"version": 1}`), 0o644}},
			wantMsg: []string{`no "files" list`},
		},
		{
			name:    "all problems at once",
			files:   withManifest(File{"/a", nil, 0o644}, File{"b//c", nil, 0o644}, ok, ok),
			wantMsg: []string{`"/a"`, `"b//c"`, `"ks1.ios" is listed more than once`},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			dir := filepath.Join(base, "parent", "out")
			o := Options{ManifestPath: manifestName}
			switch tc.manifest {
			case "":
			case "-":
				o.ManifestPath = ""
			default:
				o.ManifestPath = tc.manifest
			}
			res, err := Write(dir, tc.files, o)
			if err == nil {
				t.Fatalf("Write succeeded (%+v), want an error", res)
			}
			for _, m := range tc.wantMsg {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("error %q does not mention %q", err, m)
				}
			}
			if entries, _ := os.ReadDir(base); len(entries) != 0 {
				t.Errorf("Write created %v", entries)
			}
		})
	}
}

func TestWriteFailsMidWrite(t *testing.T) {
	injected := errors.New("injected: no space left on device")
	cases := []struct {
		name  string
		setup func(t *testing.T, dir string)
	}{
		{name: "new directory"},
		{name: "empty directory", setup: func(t *testing.T, dir string) { os.Mkdir(dir, 0o755) }},
		{name: "previous run", setup: func(t *testing.T, dir string) { mustWrite(t, dir, v1()) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			if tc.setup != nil {
				tc.setup(t, dir)
			}
			before := snapshot(t, dir)
			var wrote []string
			setHook(t, &beforeWrite, func(rel string) error {
				wrote = append(wrote, rel)
				if rel == "ks1.ios" {
					return injected
				}
				return nil
			})
			res, err := Write(dir, v2(), opts)
			if !errors.Is(err, injected) {
				t.Fatalf("Write = %+v, %v; want the injected error", res, err)
			}
			if !strings.Contains(err.Error(), "ks1.ios") {
				t.Errorf("error %q does not name the file", err)
			}
			// The manifest is written first, alone, and ks1.ios only
			// after it: the failure comes once a file is complete.
			if len(wrote) < 2 {
				t.Fatalf("failure injected too early: only %v written", wrote)
			}
			assertSnapshot(t, dir, before)
			assertNoTemp(t, filepath.Dir(dir))
		})
	}
}

func TestWriteFailsWhenParentIsBlocked(t *testing.T) {
	base := t.TempDir()
	mustWriteFile(t, filepath.Join(base, "blocker"), "a file where a directory should be")
	_, err := Write(filepath.Join(base, "blocker", "out"), v1(), opts)
	if err == nil || !strings.Contains(err.Error(), "blocker") {
		t.Fatalf("Write: %v, want an error naming the blocked parent", err)
	}
}

// exchangeModes runs a test once with the platform's atomic exchange and
// once with the two-rename fallback forced.
func exchangeModes(t *testing.T, f func(t *testing.T)) {
	t.Run("exchange", f)
	t.Run("fallback", func(t *testing.T) {
		setHook(t, &exchange, func(a, b string) error {
			return &os.LinkError{Op: "exchange", Old: a, New: b, Err: errExchangeUnsupported}
		})
		f(t)
	})
}

func TestWriteSwapModes(t *testing.T) {
	exchangeModes(t, func(t *testing.T) {
		base := t.TempDir()
		dir := filepath.Join(base, "out")
		mustWrite(t, dir, v1())
		res := mustWrite(t, dir, v2())
		if res.Unchanged || res.Written != len(v2()) {
			t.Errorf("Result = %+v", res)
		}
		assertTree(t, dir, v2())
		// And back again: v1's nested directories come and go cleanly.
		mustWrite(t, dir, v1())
		assertTree(t, dir, v1())
		assertNoTemp(t, base)
	})
}

func TestWriteUsesExchange(t *testing.T) {
	real := exchange
	var calls int
	var last error
	setHook(t, &exchange, func(a, b string) error {
		calls++
		last = real(a, b)
		return last
	})
	dir := filepath.Join(t.TempDir(), "out")
	mustWrite(t, dir, v1())
	mustWrite(t, dir, v2())
	if calls != 1 {
		t.Fatalf("exchange called %d times, want 1", calls)
	}
	if errors.Is(last, errExchangeUnsupported) {
		t.Skipf("the atomic exchange is not available here: %v", last)
	}
	if last != nil {
		t.Fatalf("exchange: %v", last)
	}
	assertTree(t, dir, v2())
}

// A file that appears in the output directory after it was checked moves
// out with the previous tree; it must be kept, and reported.
func TestWriteKeepsFilesAddedDuringSwap(t *testing.T) {
	exchangeModes(t, func(t *testing.T) {
		base := t.TempDir()
		dir := filepath.Join(base, "out")
		mustWrite(t, dir, v1())
		setHook(t, &beforeSwap, func() { mustWriteFile(t, filepath.Join(dir, "keys/late.txt"), "mine") })

		res, err := Write(dir, v2(), opts)
		var cerr *CleanupError
		if !errors.As(err, &cerr) {
			t.Fatalf("Write = %+v, %v; want a *CleanupError", res, err)
		}
		if res.Written != len(v2()) {
			t.Errorf("Result = %+v, want the full result with the cleanup error", res)
		}
		assertTree(t, dir, v2())
		if !slices.Equal(cerr.Kept, []string{"keys/late.txt"}) || cerr.Dir != dir {
			t.Errorf("CleanupError = %+v", cerr)
		}
		if !strings.Contains(filepath.Base(cerr.Path), ".out.getvpnc-kept-") {
			t.Errorf("kept in %s, want a .getvpnc-kept- directory", cerr.Path)
		}
		assertTree(t, cerr.Path, []File{{"keys/late.txt", []byte("mine"), 0o644}})

		// The kept tree survives the next run.
		setHook(t, &beforeSwap, nil)
		mustWrite(t, dir, v1())
		if _, err := os.Stat(filepath.Join(cerr.Path, "keys/late.txt")); err != nil {
			t.Errorf("the next run removed the kept file: %v", err)
		}
	})
}

// The fallback swap can crash after moving the old tree aside and before
// moving the new one in. The next run puts the old tree back first.
func TestWriteRecoversFromCrash(t *testing.T) {
	cases := []struct {
		name          string
		files         []File
		wantUnchanged bool
	}{
		{name: "same output", files: v1(), wantUnchanged: true},
		{name: "new output", files: v2()},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			dir := filepath.Join(base, "out")
			mustWrite(t, filepath.Join(base, "build"), v1())
			if err := os.Rename(filepath.Join(base, "build"), filepath.Join(base, ".out.getvpnc-old-1234")); err != nil {
				t.Fatal(err)
			}
			// A new tree killed while its manifest, written first, was half written.
			mustWriteFile(t, filepath.Join(base, ".out.getvpnc-new-99", manifestName), `{"version": 1, "fi`)

			res := mustWrite(t, dir, tc.files)
			if res.Unchanged != tc.wantUnchanged {
				t.Errorf("Result = %+v, want Unchanged %v", res, tc.wantUnchanged)
			}
			assertTree(t, dir, tc.files)
			assertNoTemp(t, base)
		})
	}
}

func TestWriteLeavesOtherHiddenDirectoriesAlone(t *testing.T) {
	base := t.TempDir()
	others := []string{
		".out.getvpnc-new-x1",    // not MkdirTemp's digits
		".outer.getvpnc-new-1",   // another output directory's
		".out.getvpnc-kept-7",    // kept on purpose
		".out.getvpnc-new-1.bak", // not exactly the pattern
		"out.getvpnc-new-1",      // not hidden
	}
	for _, o := range others {
		mustWriteFile(t, filepath.Join(base, o, "f"), "mine")
	}
	mustWriteFile(t, filepath.Join(base, ".out.getvpnc-new-5"), "a file, not a directory")
	before := snapshot(t, base)
	dir := filepath.Join(base, "out")
	mustWrite(t, dir, v1())
	mustWrite(t, dir, v2())
	after := snapshot(t, base)
	for p, e := range before {
		if p != "." && after[p] != e {
			t.Errorf("%s changed or disappeared", p)
		}
	}
}

func TestRead(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	mustWrite(t, dir, v2())

	got, err := Read(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	want := sortedFiles(v2())
	if !slices.EqualFunc(got, want, func(a, b File) bool {
		return a.Path == b.Path && string(a.Data) == string(b.Data) && a.Mode == b.Mode
	}) {
		t.Errorf("Read = %v, want %v", got, want)
	}

	owned, err := Owned(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	wantOwned := []string{"keys/group.pem", "ks1.ios", "ks2.ios", manifestName, "site/a/readme.txt"}
	if !slices.Equal(owned, wantOwned) {
		t.Errorf("Owned = %q, want %q", owned, wantOwned)
	}

	// A missing owned file is left out, so a comparison reports it.
	os.Remove(filepath.Join(dir, "ks2.ios"))
	got, err = Read(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want)-1 || slices.ContainsFunc(got, func(f File) bool { return f.Path == "ks2.ios" }) {
		t.Errorf("Read after removing ks2.ios = %v", got)
	}
}

func TestReadRefuses(t *testing.T) {
	cases := []struct {
		name        string
		setup       func(t *testing.T, dir string)
		wantMissing bool
	}{
		{name: "missing directory", wantMissing: true},
		{name: "no manifest", setup: func(t *testing.T, dir string) { mustWriteFile(t, filepath.Join(dir, "a"), "x") }, wantMissing: true},
		{
			name: "owned path is a symbolic link",
			setup: func(t *testing.T, dir string) {
				mustWrite(t, dir, v1())
				os.Remove(filepath.Join(dir, "ks1.ios"))
				os.Symlink("/etc/passwd", filepath.Join(dir, "ks1.ios"))
			},
		},
		{
			name: "owned path is reached through a symbolic link",
			setup: func(t *testing.T, dir string) {
				mustWrite(t, dir, v1())
				mustWriteFile(t, filepath.Join(filepath.Dir(dir), "outside", "group.pem"), "not ours")
				os.RemoveAll(filepath.Join(dir, "keys"))
				os.Symlink("../outside", filepath.Join(dir, "keys"))
			},
		},
		{
			name: "manifest from another tool",
			setup: func(t *testing.T, dir string) {
				mustWriteFile(t, filepath.Join(dir, manifestName), `{"files": "all of them"}`)
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			if tc.setup != nil {
				tc.setup(t, dir)
			}
			files, err := Read(dir, opts)
			if err == nil {
				t.Fatalf("Read = %v, want an error", files)
			}
			if got := errors.Is(err, os.ErrNotExist); got != tc.wantMissing {
				t.Errorf("errors.Is(%v, ErrNotExist) = %v, want %v", err, got, tc.wantMissing)
			}
		})
	}
}

func TestForeignFilesErrorMessage(t *testing.T) {
	cases := []struct {
		name  string
		paths []string
		want  []string
		not   []string
	}{
		{name: "one", paths: []string{"notes.txt"}, want: []string{"out", "(notes.txt)", "did not write", "choose an empty or new directory, or move them away"}},
		{
			name:  "many",
			paths: []string{"a", "b", "c", "d", "e", "f", "g"},
			want:  []string{"(a, b, c, d, e and 2 more)"},
			not:   []string{", f"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			msg := (&ForeignFilesError{Dir: "out", Paths: tc.paths}).Error()
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("%q does not contain %q", msg, w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(msg, n) {
					t.Errorf("%q contains %q", msg, n)
				}
			}
		})
	}
}

func TestCheckPath(t *testing.T) {
	valid := []string{"a", "a.ios", "keys/group.pem", "a/b/c/d", ".hidden", "a..b", "...", "sp ace"}
	invalid := []string{"", ".", "..", "/", "/a", "a/", "./a", "a/.", "a/..", "../a", "a//b", `a\b`, "a\x00b"}
	for _, p := range valid {
		if err := checkPath(p); err != nil {
			t.Errorf("checkPath(%q) = %v, want nil", p, err)
		}
	}
	for _, p := range invalid {
		if err := checkPath(p); err == nil {
			t.Errorf("checkPath(%q) = nil, want an error", p)
		}
	}
}
