package inventory

import (
	"crypto/sha256"
	"encoding/hex"
)

// Key is one record of `show crypto key mypubkey rsa`.
type Key struct {
	// Label is the key's name ("Key name:"). Labels are case-sensitive.
	// It is device text: quote it (diag.Quote) before it goes into a message.
	Label string
	// Type is "RSA" for an RSA key (also when the record has no "Key type:"
	// line, as on IOS 12.2SX), otherwise the first word of the "Key type:"
	// line: "EC" for "Key type: EC KEYS", as `show crypto key mypubkey all`
	// and `show crypto key mypubkey ec` print an elliptic-curve key on
	// IOS-XE (genieparser golden outputs ShowCryptoKeyMypubkeyAll and
	// ShowCryptoKeyMypubkeyEc; mypubkey rsa lists only RSA keys). A label held
	// by a non-RSA key is taken: the key decision must not import over it.
	Type string
	// Line is the 1-based line of the record's first line in the file: the
	// "% Key pair was generated at:" line, or "Key name:" when the record has
	// no such line.
	Line int
	// GeneratedAt is the text after "% Key pair was generated at: ", as IOS
	// prints it (for an imported key, the import time); "" if absent.
	GeneratedAt string
	// Bits is the modulus size: from "Key type: RSA KEYS  N bits" if the
	// line says it (Parse checks it against the key), else from the key.
	// For an EC key it is the curve size; 0 for a key type Go cannot read.
	Bits int
	// Storage is the "Storage Device:" value (such as "not specified" or
	// "private-config"), "temporary" for a "Temporary key", the value of
	// "On Cryptographic Device:" (such as "act2 (label=act2, key index=24)"),
	// or "" when the record names none (IOS 12.2SX).
	Storage string
	// Temporary is true for a "Temporary key", such as the ".server" key SSH
	// creates; such a key does not survive a reload.
	Temporary bool
	// Usage is the "Usage:" value: "General Purpose Key", "Encryption Key"
	// or "Signature Key".
	Usage string
	// Exportable says whether `crypto key export rsa` can export the key.
	Exportable bool
	// Redundancy is true when the exportability line adds "Redundancy
	// enabled." (the key is synchronised to a standby supervisor).
	Redundancy bool
	// SPKI is the Key Data: the public key as SubjectPublicKeyInfo DER, the
	// same bytes as keys.Bundle.SPKI for the same key.
	SPKI []byte
}

// Fingerprint returns the lowercase hex SHA-256 of the SPKI, the same value
// as keys.Bundle.Fingerprint for the same key, or "" if there is no key.
func (k *Key) Fingerprint() string {
	if k == nil || len(k.SPKI) == 0 {
		return ""
	}
	sum := sha256.Sum256(k.SPKI)
	return hex.EncodeToString(sum[:])
}

// Command is one echo of the show command in a capture. It tells the caller
// which device the capture came from and whether the output was limited to
// one label, so a capture of the wrong device or of a mistyped label can be
// caught before it is read as "this key server has no such key".
type Command struct {
	// Line is the 1-based line of the echo.
	Line int
	// Host is the hostname in the prompt ("KS-1" for "KS-1#show ..."), ""
	// if the echo has no prompt.
	Host string
	// Label is the label argument of the command, "" when it lists every
	// key (an output filter after "|" is not a label).
	Label string
	// Filtered is set when the command has an output filter ("| begin
	// X", "| include Y"): its output may leave out any key, so it cannot
	// show that a label is absent.
	Filtered bool
	// Privileged is set when the echo's prompt is the privileged EXEC
	// prompt ("KS-1#", also "KS-1(config)#"); at the user EXEC prompt
	// ("KS-1>") the command may not run at all.
	Privileged bool
	// Complete is set when the prompt IOS prints after the output (Host
	// and "#" at the start of a line, maybe with the next command after
	// it) follows the listing, before any other echo of a key listing:
	// only then was nothing cut from its end. A capture proves a label
	// absent only through a complete command; a listing that shows the
	// label proves it present without one.
	Complete bool
	// Unreadable is the 1-based line of the first non-blank text between
	// the echo and the closing prompt that the parser does not read: no
	// record line, no Key Data, no syslog message or pager leftover (0 if
	// there is none). Such text may be records the parser did not see (each
	// line behind a terminal time stamp, say), so a listing that holds any
	// does not show that a label is absent.
	Unreadable int
}

// Capture is one file of pasted `show crypto key mypubkey rsa` output.
type Capture struct {
	// File is the file name given to Parse; it is the File of every
	// position Parse reports.
	File string
	// Keys are the RSA key records in file order, each label once, except
	// that usage keys have two records under one label: a "Signature Key"
	// and an "Encryption Key".
	Keys []Key
	// Commands are the echoes found of commands that list RSA keys
	// (`show crypto key mypubkey rsa` or `... all`), in file order; an echo
	// of `... ec`, which lists no RSA key, is not one of them.
	Commands []Command
}

// Find returns the record for label (exact, case-sensitive match, as IOS
// compares labels), or nil if the capture has none: an RSA record if there
// is one, else a record of another key type. For usage keys it returns the
// first of the two records; check Usage, or scan Keys.
func (c *Capture) Find(label string) *Key {
	if c == nil {
		return nil
	}
	var other *Key
	for i := range c.Keys {
		switch k := &c.Keys[i]; {
		case k.Label != label:
		case k.Type == "RSA":
			return k
		case other == nil:
			other = k
		}
	}
	return other
}
