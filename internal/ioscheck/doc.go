// Package ioscheck is an independent checker for the Cisco IOS scripts that
// getvpnc generates: key-server scripts and group-member scripts. It consumes
// the text of a script (the lines an engineer pastes at the "(config)#"
// prompt) and produces a parsed model plus every problem it finds, each with
// its file and line.
//
// The checker exists so that the renderer's output can be proven well formed
// by code that shares nothing with the renderer nor the planner: it parses
// text, tracks the IOS configuration mode from the command structure, and
// accepts only the commands, keywords and value ranges recorded in the
// project's sourced IOS facts (research/ios-facts.md, cited as "ios-facts
// §N" in comments, and docs/ios-facts.md). Anything else is a problem,
// because a line IOS does not know is either rejected on the device or,
// worse, swallowed by an interactive prompt.
//
// Check examines one script: line hygiene, mode and indentation, command
// syntax and ranges, and references between blocks (each named object
// defined before the line that uses it). A key-server script also gets the
// interactive key import dialog checked (PEM structure, and that the
// encrypted private key decrypts and matches the public key) and its groups'
// server blocks. A group-member script (Kind, from Options, the header or its
// content) gets its groups' key-server lists, its crypto map entries, its
// fail-close (a match list and "activate", in place before the map is
// applied), its deny-only access lists and the interface carrying the map
// checked, and must hold no rekey key material nor "server local".
//
// CheckGroup examines the scripts of the cooperative key servers that share
// GDOI groups: same identity, byte-identical group policy, consistent
// redundancy peers and priorities, and the same rekey key everywhere
// (ios-facts §6).
//
// CheckDeployment relates the scripts of a whole deployment: for every
// member and every key server of its groups, the member's server list is
// exactly the group's key-server addresses in registration order, the
// identity is the same, both sides share an ISAKMP policy and, with
// pre-share, hold the same key for each other (a host line, else the most
// specific masked line such as the wildcard); every pair of COOP key servers
// is keyed both ways with the same key. Keys are compared by a digest that
// is never printed; a problem names the two lines that differ.
//
// The checker never prints and never echoes secrets (passphrases, pre-shared
// keys) in its messages, and its models keep no secret.
package ioscheck
