// Package inventory reads what RSA keys the key servers already hold, from
// captures the user pasted by hand: the output of `show crypto key mypubkey
// rsa` on each key server, saved as <key-server>.txt. getvpnc cannot log in
// to key servers (users are often air-gapped), yet it must decide, as Cisco
// Security Manager's key synchronisation does, whether to generate the
// group's rekey key, reuse one a key server already has, or overwrite keys
// that differ between servers. This package turns the captures into typed
// records (label, size, storage, exportability and the public key itself)
// for that decision; it makes no decision of its own.
//
// A capture is terminal text, so the parser expects noise around the
// records: prompts and command echoes, banners, syslog messages, pager
// prompts and the backspaces that erase them, CRLF line ends and trailing
// blanks. It knows every record layout seen on IOS 12.2SX, IOS 15 and
// IOS-XE (ios-facts.md §4.3): optional "generated at" and "Key type" lines,
// Storage Device, Temporary key or On Cryptographic Device lines, and Key
// Data whose last partial group is a 9th group (classic IOS) or on its own
// line (IOS-XE). Key Data is compared as bytes, never line by line.
//
// A capture that is damaged (truncated, a digit lost, a record without its
// name or exportability) is an error at the line where the damage is, never
// a guess: a wrong reading could make getvpnc overwrite a working key. So
// is a line where IOS refused the command (% Invalid input, % Ambiguous
// command...). Each command echo records whether it ran at the privileged
// prompt and whether the prompt after its output follows (Command): what
// the caller needs before it reads a capture's silence about a label as
// "this key server does not hold it".
package inventory
