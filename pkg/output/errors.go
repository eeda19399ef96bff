package output

import (
	"errors"
	"fmt"
	"strings"
)

// maxListed is how many paths an error message names before it says how
// many more there are.
const maxListed = 5

// listPaths formats paths for a message, naming at most maxListed of them.
func listPaths(paths []string) string {
	if len(paths) <= maxListed {
		return strings.Join(paths, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(paths[:maxListed], ", "), len(paths)-maxListed)
}

// ForeignFilesError is returned by Write when the output directory holds
// something getvpnc did not write. Nothing was changed.
type ForeignFilesError struct {
	// Dir is the output directory, as given to Write.
	Dir string
	// Paths lists what getvpnc does not own, sorted, slash-separated and
	// relative to Dir. A directory is listed (with a trailing slash) only
	// when there is no manifest and the tree holds nothing but directories.
	Paths []string
	// HoldsKeys is set when Dir holds anything under keys/, where getvpnc
	// keeps the key bundles: then the advice is to move the foreign files
	// away, never to start over in a new directory (a new key).
	HoldsKeys bool
	// Manifest is the manifest's path relative to Dir (Options.ManifestPath),
	// the list the foreign files are missing from.
	Manifest string
}

// Error names the directory and the first few foreign paths, and says what
// to do.
func (e *ForeignFilesError) Error() string {
	advice := "choose an empty or new directory, or move them away"
	if e.HoldsKeys {
		advice = "move them away, and keep keys/ where it is (a key bundle may be the only copy of a key in use; a new output directory would get a new key)"
	}
	return fmt.Sprintf("getvpnc will not replace output directory %s: it holds files getvpnc did not write (%s); %s",
		e.Dir, listPaths(e.Paths), advice)
}

// ManifestError reports a manifest that getvpnc cannot have written: it is
// not a regular file, or ParseManifest refuses it (not one JSON object, no
// "files" list, a field of the wrong type, an invalid path or label).
// Since the manifest is what proves ownership, Write then refuses to
// replace the directory.
type ManifestError struct {
	// Path is the manifest's path on disk.
	Path string
	// Err says what is wrong with it.
	Err error
	// Dir is set when the manifest was read to tell which files of the
	// output directory Dir getvpnc wrote, before it replaces, checks or
	// reads the directory: Dir is then left alone.
	Dir string
}

// Error names the manifest and the problem, and when it guards Dir, that
// Dir will not be replaced and what to do.
func (e *ManifestError) Error() string {
	msg := fmt.Sprintf("%s is not a manifest written by getvpnc: %v", e.Path, e.Err)
	if e.Dir == "" {
		return msg
	}
	return fmt.Sprintf("getvpnc will not replace %s because it cannot tell which files there it wrote: %s; %s", e.Dir, msg, e.Step())
}

// Line is the line of the manifest the problem is at; 0 when it is the
// whole file (not a regular file, no "files" list).
func (e *ManifestError) Line() int {
	var le *ManifestLineError
	if errors.As(e.Err, &le) {
		return le.Line
	}
	return 0
}

// Step says what to do about a manifest that guards its directory.
func (e *ManifestError) Step() string {
	return "put back the manifest getvpnc wrote (from a backup), or move the files away and keep any key bundle (keys/*.pem): it may be the only copy of a key in use (a compile takes it back with --key LABEL=FILE)"
}

// Unwrap returns the underlying problem.
func (e *ManifestError) Unwrap() error { return e.Err }

// CleanupError is returned by Write together with a complete Result when the
// new tree is in place but the previous tree, already moved out of the output
// directory, could not be fully removed. The output is correct; the caller
// should pass this on as a warning.
type CleanupError struct {
	// Dir is the output directory, as given to Write.
	Dir string
	// Path is where what is left of the previous tree now is.
	Path string
	// Kept lists, sorted and relative to Path, what was left because
	// getvpnc does not own it (it appeared after the directory was checked).
	Kept []string
	// Err is the error that stopped the removal, if any.
	Err error
}

// Error says the output is in place and what was left where.
func (e *CleanupError) Error() string {
	if len(e.Kept) > 0 {
		return fmt.Sprintf("the new output is in place in %s, but the previous tree held files getvpnc did not write (%s); they were kept in %s",
			e.Dir, listPaths(e.Kept), e.Path)
	}
	return fmt.Sprintf("the new output is in place in %s, but removing the previous tree in %s failed: %v", e.Dir, e.Path, e.Err)
}

// Unwrap returns the error that stopped the removal.
func (e *CleanupError) Unwrap() error { return e.Err }

// RecoveryError is returned by Open when an interrupted earlier run left
// trees beside the output directory and repairing them could lose a key:
// a human must choose. Nothing was changed.
type RecoveryError struct {
	// Dir is the output directory, as given to Open.
	Dir string
	// Problem says what was found.
	Problem string
	// Steps are the commands that settle it.
	Steps []string
}

// Error says what was found and what to run.
func (e *RecoveryError) Error() string {
	return fmt.Sprintf("getvpnc will not touch output directory %s: %s", e.Dir, e.Reason())
}

// Reason is the message without the directory, for a diagnostic that
// shows it as its position.
func (e *RecoveryError) Reason() string {
	return fmt.Sprintf("%s.\n  To settle it: %s\n  then run getvpnc again", e.Problem, strings.Join(e.Steps, "\n  or "))
}

// DirError reports an output directory path that cannot be used as one:
// a root directory, or a symbolic link to nothing. It is the user's to
// fix (Step says how); nothing was created or changed.
type DirError struct {
	// Dir is the output directory, as given.
	Dir string
	// Problem says what is wrong with it.
	Problem string
	// Step says what to do.
	Step string
}

// Error names the directory, the problem and the step.
func (e *DirError) Error() string {
	return fmt.Sprintf("output directory %s: %s", e.Dir, e.Reason())
}

// Reason is the message without the directory, for a diagnostic that
// shows it as its position.
func (e *DirError) Reason() string {
	return fmt.Sprintf("%s; %s", e.Problem, e.Step)
}
