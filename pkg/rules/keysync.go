package rules

// Sources of the key-sync rules.
const (
	factsSync = "docs/ios-facts.md, \"Key synchronisation\" (CSM 4.4 p.28-14, \"Generating and Synchronizing RSA Keys\")"
	syncSteps = "README, \"Keeping the same RSA key on every key server\""
)

// keysyncRules are the problems of the key-sync decision (pkg/keysync):
// what the captures, the --key files and OUT's bundles say cannot be
// turned into one key on every key server without the user's help.
// getvpnc/key-conflict is listed with the tool's rules, where it was first
// registered; it is the key-sync conflict.
var keysyncRules = []Rule{
	errorRule("keysync/export-needed", "a key server holds the key the others need, and getvpnc does not have it",
		"Some key servers hold the key (or, with --overwrite, the primary's key is kept) and others must import it, so getvpnc needs a copy to put in their scripts. The message names the key server to export it from. Exit 1.",
		"run the `crypto key export rsa LABEL pem terminal 3des <passphrase>` the message shows, save its output, and compile again with --key LABEL=FILE", factsSync+"; "+syncSteps),
	errorRule("keysync/modulus", "the key to use does not have the spec's modulus",
		"The key the key servers hold, or the --key file, has another size than rsaKeys[].modulus. The spec is what the manifest and the review copies state, so a silent mismatch would leave them wrong. Exit 1.",
		"set modulus in the spec to the key's size, or use a key of the spec's size (--rotate-key LABEL makes a new one)", design+"; "+syncSteps),
	errorRule("keysync/not-exportable", "the key to copy is held non-exportable, and no file gives it",
		"The key servers that hold the key (or the primary, with --overwrite) hold it non-exportable, so it cannot leave the device, and no --key file gives it. Exit 1.",
		"pass the bundle getvpnc wrote when it made the key (--key LABEL=OUT/keys/LABEL.pem), or remove the key from the key servers (crypto key zeroize rsa LABEL) and compile again to make a new one", factsSync),
	errorRule("keysync/not-rsa", "a key server holds a key that is not RSA under the rekey label",
		"The GET VPN rekey key is RSA. A key of another type (EC, say) under the label most likely serves something else (SSH, a trustpoint), and getvpnc knows only how to zeroize RSA keys, so it never imports over, replaces or rotates it, also not with --overwrite or --rotate-key. Exit 4, as for a conflict.",
		"remove or rename that key on the key server by hand and capture again, or give the rekey key another label in the spec", factsSync),
	errorRule("keysync/overwrite-no-primary", "--overwrite, but the primary does not hold the label",
		"--overwrite keeps the primary's key; when the primary holds none there is nothing to keep, and choosing among the other holders would be a guess. Exit 1.",
		"make the keys equal by hand, or remove the label from every key server and compile again to make a new key", factsSync),
	errorRule("keysync/phase1-proof", "source: device without captures proving that no key server holds the key",
		"A source: device key is generated on the primary, and on IOS XE `crypto key generate rsa` replaces an existing key under the label without a prompt: without captures of every key server showing the label absent, a rerun could destroy the live rekey key. Exit 1.",
		"phase 1: capture `show crypto key mypubkey rsa` on every key server into DIR/<name>.txt and pass --inventory DIR; phase 2: pass the primary's export with --key LABEL=FILE", factsSync+"; "+syncSteps+", \"Generating the key on the primary\""),
	errorRule("keysync/supplied-differs", "the --key file or OUT's bundle is not the key the key servers hold",
		"The captures show the key servers holding one key (or, with --overwrite, the primary's), and the key file supplied for the label is another. Importing it would leave the key servers with different keys. When the file is OUT's bundle, the scripts of the compile that made it were most likely not deployed yet. Exit 1.",
		"pass the key the key servers hold with --key LABEL=FILE, or deploy the compile that made the bundle and capture again", factsSync+"; "+syncSteps),
}
