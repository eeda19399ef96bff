package ioscheck

import (
	"fmt"
	"strings"
	"testing"
)

// dialog returns the import command and its dialog as written in ks1.ios.
func dialog(t *testing.T) string {
	text := fixture(t, "ks1.ios")
	i := strings.Index(text, importCmd)
	end := "-----END RSA PRIVATE KEY-----\nquit\n"
	j := strings.Index(text, end)
	if i < 0 || j < 0 {
		t.Fatal("fixture has no import dialog")
	}
	return text[i : j+len(end)]
}

// pemLine returns line n (1-based) of ks1.ios.
func pemLine(t *testing.T, n int) string {
	return strings.Split(fixture(t, "ks1.ios"), "\n")[n-1]
}

func TestCheckImportDialog(t *testing.T) {
	L := base(t)
	imp, pubL, privL, dekL := L(importCmd), L(pubBegin), L(privBegin), L(dekInfo)
	endPriv := L("-----END RSA PRIVATE KEY-----")
	pub2 := pemLine(t, pubL+2) // a full-width body line of the public key
	other := strings.TrimSuffix(fixture(t, "other-public.pem"), "\n")
	pubBlock := dialog(t)[len(importCmd)+1 : strings.Index(dialog(t), "-----END PUBLIC KEY-----")+len("-----END PUBLIC KEY-----")]
	noOpts := &Options{}
	runMutations(t, []mutation{
		{name: "pem exportable form", edits: []string{importCmd, "crypto key import rsa GETVPN-REKEY-RSA pem exportable terminal " + testPass}},
		{name: "terminal form without pem", edits: []string{importCmd, "crypto key import rsa GETVPN-REKEY-RSA terminal " + testPass}},
		{name: "url form", edits: []string{importCmd, "crypto key import rsa GETVPN-REKEY-RSA pem url nvram: " + testPass},
			wants: []want{{n: imp, msg: `want "crypto key import rsa LABEL [pem [exportable]] terminal PASSPHRASE"`}}},
		{name: "missing quit after public key", edits: []string{"-----END PUBLIC KEY-----\nquit\n", "-----END PUBLIC KEY-----\n"},
			wants: []want{{line: privBegin, msg: fmt.Sprintf(`expected "quit" after the public key of the import at line %d`, imp)}}},
		{name: "missing final quit", edits: []string{"-----END RSA PRIVATE KEY-----\nquit\n", "-----END RSA PRIVATE KEY-----\n"},
			wants: []want{{n: endPriv + 1, msg: fmt.Sprintf(`expected "quit" after the private key of the import at line %d`, imp)}}},
		{name: "blank line instead of quit", edits: []string{"-----END PUBLIC KEY-----\nquit\n", "-----END PUBLIC KEY-----\n\n"},
			wants: []want{{n: pubL + 9, msg: `expected "quit" after the public key`}}},
		{name: "public key missing", edits: []string{pubBlock + "\nquit\n", ""},
			wants: []want{{line: privBegin, msg: "expected -----BEGIN PUBLIC KEY----- for the key import at line"}}},
		{name: "RSA PUBLIC KEY block", edits: []string{pubBegin, "-----BEGIN RSA PUBLIC KEY-----"},
			wants: []want{{n: pubL, msg: "not RSA PUBLIC KEY"}}},
		{name: "PKCS#8 private key", edits: []string{privBegin, "-----BEGIN ENCRYPTED PRIVATE KEY-----"},
			wants: []want{{n: privL, msg: "not PKCS#8"}}},
		{name: "public block not terminated", edits: []string{"-----END PUBLIC KEY-----\n", ""},
			wants: []want{{n: pubL + 8, msg: "expected base64 text or -----END PUBLIC KEY----- in the block of line"}}},
		{name: "bad base64 character", edits: []string{pub2, strings.Replace(pub2, pub2[10:11], "*", 1)},
			wants: []want{{n: pubL + 2, msg: "expected base64 text or -----END PUBLIC KEY-----"}}},
		{name: "base64 line width", edits: []string{pub2 + "\n", pub2[:32] + "\n" + pub2[32:] + "\n"},
			wants: []want{
				{n: pubL + 2, msg: "base64 line is 32 characters, want 64"},
				{n: pubL + 3, msg: "base64 line is 32 characters, want 64"},
			}},
		{name: "public key damaged", edits: []string{"MIIBIjANBgkqhkiG9w0BAQEF", "MIIBIjANBgkqhkiG9w0BAQEA"},
			wants: []want{{n: pubL, msg: "public key is not a valid SubjectPublicKeyInfo"}}},
		{name: "public key of another key pair", edits: []string{pubBlock, other},
			wants: []want{{line: privBegin, msg: fmt.Sprintf("private key does not belong to the public key of line %d", pubL)}}},
		{name: "private key not encrypted", edits: []string{"Proc-Type: 4,ENCRYPTED\n" + dekInfo + "\n\n", ""},
			wants: []want{{n: privL, msg: `private key is not encrypted: expected "Proc-Type: 4,ENCRYPTED"`}}},
		{name: "DEK-Info missing", edits: []string{dekInfo + "\n", ""},
			wants: []want{{n: dekL, msg: `expected "DEK-Info: CIPHER,IV" after Proc-Type`}}},
		{name: "no blank line after DEK-Info", edits: []string{dekInfo + "\n\n", dekInfo + "\n"},
			wants: []want{{n: dekL + 1, msg: "expected a blank line after DEK-Info"}}},
		{name: "lower-case IV", edits: []string{dekInfo, dekInfo[:len(dekInfo)-16] + strings.ToLower(dekInfo[len(dekInfo)-16:])},
			wants: []want{{n: dekL, msg: "DEK-Info IV must be upper-case hex"}}},
		{name: "short IV", edits: []string{dekInfo, dekInfo[:len(dekInfo)-2]},
			wants: []want{{n: dekL, msg: "DEK-Info IV must be 16 hex digits"}}},
		{name: "AES private key", edits: []string{dekInfo, "DEK-Info: AES-256-CBC,E260A075DD2F96C76B96DDB973E5D510"},
			wants: []want{{n: dekL, msg: "private key cipher AES-256-CBC is not confirmed to import on IOS"}}},
		{name: "DES private key", edits: []string{"DES-EDE3-CBC,", "DES-CBC,"},
			wants: []want{{n: dekL, msg: "DES-CBC is single DES; it needs the allow-weak option"}}},
		{name: "DES private key allowed weak but wrong cipher", edits: []string{"DES-EDE3-CBC,", "DES-CBC,"},
			opts:  &Options{Passphrase: testPass, AllowWeak: true},
			wants: []want{{n: privL, msg: "private key does not decrypt with the passphrase"}}},
		{name: "unknown cipher", edits: []string{"DES-EDE3-CBC,", "RC2-CBC,"},
			wants: []want{{n: dekL, msg: `unknown private key cipher "RC2-CBC"`}}},
		{name: "wrong expected passphrase", opts: &Options{Passphrase: "Wrong-Pass-1234"},
			wants: []want{
				{n: imp, msg: "the passphrase on the import command is not the expected passphrase"},
				{n: privL, msg: "private key does not decrypt with the passphrase"},
			}},
		{name: "wrong passphrase on the command", edits: []string{importCmd, "crypto key import rsa GETVPN-REKEY-RSA pem terminal Wrong-Pass-1234"}, opts: noOpts,
			wants: []want{{n: privL, msg: "private key does not decrypt with the passphrase"}}},
		{name: "command passphrase differs from expected", edits: []string{importCmd, "crypto key import rsa GETVPN-REKEY-RSA pem terminal Wrong-Pass-1234"},
			wants: []want{{n: imp, msg: "the passphrase on the import command is not the expected passphrase"}}},
		{name: "passphrase too short", edits: []string{importCmd, "crypto key import rsa GETVPN-REKEY-RSA pem terminal Short-1"}, opts: noOpts,
			wants: []want{{n: imp, msg: "passphrase must be 8..64 printable ASCII characters without spaces or '?'"}}},
		{name: "passphrase too long", edits: []string{importCmd, "crypto key import rsa GETVPN-REKEY-RSA pem terminal " + strings.Repeat("x", 65)}, opts: noOpts,
			wants: []want{{n: imp, msg: "passphrase must be 8..64"}}},
		{name: "passphrase with question mark", edits: []string{importCmd, "crypto key import rsa GETVPN-REKEY-RSA pem terminal What?Pass-123"},
			wants: []want{{n: imp, msg: "passphrase must be 8..64"}}},
		{name: "label ending in .server", edits: []string{importCmd, "crypto key import rsa rekey.server pem terminal " + testPass},
			wants: []want{
				{n: imp, msg: `key label "rekey.server" ends in ".server"`},
				{line: "  rekey authentication mypubkey rsa GETVPN-REKEY-RSA", msg: "is not imported or generated in this script"},
			}},
		{name: "several import dialogs", fn: func(t *testing.T, s string) string {
			d := dialog(t)
			return strings.Replace(s, d, d+strings.Replace(d, "rsa GETVPN-REKEY-RSA", "rsa SECOND-RSA", 1), 1)
		}},
		{name: "same label imported twice", fn: func(t *testing.T, s string) string {
			d := dialog(t)
			return strings.Replace(s, d, d+d, 1)
		}, wants: []want{{line: importCmd, nth: 2, msg: fmt.Sprintf("key GETVPN-REKEY-RSA already exists from line %d; zeroize it first", imp)}}},
	})
}

func TestCheckKeyCommands(t *testing.T) {
	L := base(t)
	imp := L(importCmd)
	const gen = "crypto key generate rsa general-keys label GEN-RSA modulus 2048 exportable"
	after := "-----END RSA PRIVATE KEY-----\nquit\n" // where commands go after the dialog
	exportable := []string{importCmd, "crypto key import rsa GETVPN-REKEY-RSA pem exportable terminal " + testPass}
	generateInstead := func(t *testing.T, s string) string {
		return strings.Replace(s, dialog(t), "crypto key generate rsa general-keys label GETVPN-REKEY-RSA modulus 2048 exportable\n", 1)
	}
	runMutations(t, []mutation{
		{name: "zeroize before import", edits: []string{importCmd + "\n", "crypto key zeroize rsa GETVPN-REKEY-RSA\nyes\n" + importCmd + "\n"}},
		{name: "zeroize without label", edits: []string{importCmd + "\n", "crypto key zeroize rsa\nyes\n" + importCmd + "\n"},
			wants: []want{{line: "crypto key zeroize rsa", msg: "without a label removes every RSA key on the device"}}},
		{name: "zeroize without yes", edits: []string{importCmd + "\n", "crypto key zeroize rsa GETVPN-REKEY-RSA\n" + importCmd + "\n"},
			wants: []want{{line: importCmd, msg: `expected "yes" to answer the zeroize confirmation prompt of line`}}},
		{name: "zeroize two labels", edits: []string{importCmd + "\n", "crypto key zeroize rsa A-RSA B-RSA\nyes\n" + importCmd + "\n"},
			wants: []want{{line: "crypto key zeroize rsa A-RSA B-RSA", msg: `want "crypto key zeroize rsa LABEL"`}}},
		{name: "zeroize after import", edits: []string{after, after + "crypto key zeroize rsa GETVPN-REKEY-RSA\nyes\n"},
			wants: []want{{line: "  rekey authentication mypubkey rsa GETVPN-REKEY-RSA",
				msg: "rekey key GETVPN-REKEY-RSA is removed by the zeroize at line"}}},
		{name: "generate", edits: []string{after, after + gen + "\n"}},
		{name: "generate without general-keys", edits: []string{after, after + "crypto key generate rsa label GEN-RSA modulus 4096 exportable\n"}},
		{name: "generate 1024 weak", edits: []string{after, after + strings.Replace(gen, "2048", "1024", 1) + "\n"},
			wants: []want{{line: strings.Replace(gen, "2048", "1024", 1), msg: "RSA modulus of 1024 bits is below 2048"}}},
		{name: "generate 1024 allowed weak", edits: []string{after, after + strings.Replace(gen, "2048", "1024", 1) + "\n"},
			opts: &Options{Passphrase: testPass, AllowWeak: true}},
		{name: "generate 512", edits: []string{after, after + strings.Replace(gen, "2048", "512", 1) + "\n"},
			wants: []want{{line: strings.Replace(gen, "2048", "512", 1), msg: `modulus "512" is not a number in 1024..4096`}}},
		{name: "generate 8192", edits: []string{after, after + strings.Replace(gen, "2048", "8192", 1) + "\n"},
			wants: []want{{line: strings.Replace(gen, "2048", "8192", 1), msg: "1024..4096"}}},
		{name: "generate not exportable", edits: []string{after, after + strings.TrimSuffix(gen, " exportable") + "\n"},
			wants: []want{{line: strings.TrimSuffix(gen, " exportable"), msg: `want "crypto key generate rsa general-keys label LABEL modulus N exportable"`}}},
		{name: "generate over an imported key", edits: []string{after, after + strings.Replace(gen, "GEN-RSA", "GETVPN-REKEY-RSA", 1) + "\n"},
			wants: []want{{line: strings.Replace(gen, "GEN-RSA", "GETVPN-REKEY-RSA", 1), msg: fmt.Sprintf("key GETVPN-REKEY-RSA already exists from line %d", imp)}}},
		{name: "generated rekey key", fn: generateInstead},
		{name: "export generated key", fn: generateInstead,
			edits: []string{"!\nno ip access-list", "crypto key export rsa GETVPN-REKEY-RSA pem terminal 3des " + testPass + "\n!\nno ip access-list"}},
		{name: "export exportable import", edits: append(exportable, after, after+"crypto key export rsa GETVPN-REKEY-RSA pem terminal 3des "+testPass+"\n")},
		{name: "export non-exportable import", edits: []string{after, after + "crypto key export rsa GETVPN-REKEY-RSA pem terminal 3des " + testPass + "\n"},
			wants: []want{{line: "crypto key export rsa GETVPN-REKEY-RSA pem terminal 3des " + testPass,
				msg: fmt.Sprintf(`key GETVPN-REKEY-RSA was imported without "exportable" at line %d; IOS refuses to export it`, imp)}}},
		{name: "export unknown key", edits: []string{after, after + "crypto key export rsa OTHER-RSA pem terminal 3des " + testPass + "\n"},
			wants: []want{{line: "crypto key export rsa OTHER-RSA pem terminal 3des " + testPass, msg: "key OTHER-RSA is exported but not generated or imported earlier"}}},
		{name: "export with aes", edits: append(exportable, after, after+"crypto key export rsa GETVPN-REKEY-RSA pem terminal aes "+testPass+"\n"),
			wants: []want{{line: "crypto key export rsa GETVPN-REKEY-RSA pem terminal aes " + testPass, msg: `want "crypto key export rsa LABEL pem terminal 3des PASSPHRASE"`}}},
		{name: "export bad passphrase", edits: append(exportable, after, after+"crypto key export rsa GETVPN-REKEY-RSA pem terminal 3des short\n"),
			wants: []want{{line: "crypto key export rsa GETVPN-REKEY-RSA pem terminal 3des short", msg: "passphrase must be 8..64"}}},
	})
}
