// Package ioscheck is an independent checker for the Cisco IOS key-server
// scripts that getvpnc generates. It consumes the text of a script (the lines
// an engineer pastes at the "(config)#" prompt) and produces a parsed model
// plus every problem it finds, each with its file and line.
//
// The checker exists so that the renderer's output can be proven well formed
// by code that shares nothing with the renderer: it parses text, tracks the
// IOS configuration mode from the command structure, and accepts only the
// commands, keywords and value ranges recorded in the project's sourced IOS
// facts (research/ios-facts.md, cited as "ios-facts §N" in comments). Anything
// else is a problem, because a line IOS does not know is either rejected on
// the device or, worse, swallowed by an interactive prompt.
//
// Check examines one script: line hygiene, mode and indentation, command
// syntax and ranges, the interactive key import dialog (PEM structure, and
// that the encrypted private key decrypts and matches the public key), and
// references between blocks. CheckGroup examines the scripts of the
// cooperative key servers that share GDOI groups: same identity, byte-identical
// group policy, consistent redundancy peers and priorities, and the same rekey
// key everywhere (ios-facts §6).
//
// The checker never prints and never echoes secrets (passphrases, pre-shared
// keys) in its messages.
package ioscheck
