package output

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// ruleID is the shape of a rule ID (pkg/rules): an area, a slash, a name.
// Only the shape is checked, not rules.Lookup (which output could import):
// a manifest may have been written by a newer getvpnc, whose catalogue has
// rules this one does not know (IDs are added, never removed), and such a
// manifest is still one getvpnc wrote; refusing it would lock an older
// getvpnc out of the output directory (ParseManifest: "the format can
// grow").
var ruleID = regexp.MustCompile(`^[a-z]+/[A-Za-z0-9-]{1,100}$`)

// checkWaiver checks one waivers[] entry against what a spec's waiver can
// be (schema/spec.schema.json) and what getvpnc writes for it: a rule ID,
// a reason of one printable line of at most 500 characters, a path that
// is empty or a JSON pointer, and a "waived" list (never null) whose
// positions are not negative. Its text is quoted in messages, since the
// manifest may have been edited by anyone.
func checkWaiver(w ManifestWaiver) error {
	switch {
	case !ruleID.MatchString(w.Rule):
		return fmt.Errorf("rule %s is not a rule ID", diag.Quote(w.Rule))
	case !validReason(w.Reason):
		return errors.New("reason is not one line of printable text of 1 to 500 characters")
	case w.Path != "" && !strings.HasPrefix(w.Path, "/"):
		return fmt.Errorf("path %s is not a JSON pointer", diag.Quote(w.Path))
	case w.Waived == nil:
		return errors.New(`has no "waived" list (getvpnc writes one, empty when the waiver removed nothing)`)
	}
	for j, d := range w.Waived {
		if d.Line < 0 || d.Column < 0 {
			return fmt.Errorf("waived[%d] has a negative line or column", j)
		}
	}
	return nil
}

// validReason is the schema's rule for a waiver's reason: at most 500
// characters, no control or format characters nor line breaks, and not
// only spaces.
func validReason(s string) bool {
	if !utf8.ValidString(s) || utf8.RuneCountInString(s) > 500 {
		return false
	}
	blank := true
	for _, r := range s {
		if unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp) {
			return false
		}
		if !unicode.In(r, unicode.Z) {
			blank = false
		}
	}
	return !blank
}
