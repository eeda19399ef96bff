package rules

// Sources of the tool's own rules.
const (
	inputLimits = design + " (README, \"Input limits\")"
	passphrase  = design + " (README, \"The passphrase\")"
	outputSafe  = design + " (README, \"Output\")"
	exitCodes   = design + " (README, \"Exit codes\")"
)

// toolRules are getvpnc's own: input files, the passphrase, the output
// directory, the command outcome and the cap on diagnostics.
var toolRules = []Rule{
	errorRule("diag/more", "more problems than one stage shows",
		"Each stage shows at most 100 problems, in file order; this one counts the rest. The spec's waivers apply first, so a waived warning neither takes one of the 100 places nor is counted here. It is an error when any dropped problem is one, a warning otherwise; as an error-level rule it cannot be waived. So many problems usually mean a wrong or generated file.",
		"fix the problems shown and run again", inputLimits),
	errorRule("getvpnc/drift", "compile --check: the output directory differs from the spec",
		"A file in OUT is missing, extra or not what compiling the spec now writes (exit 5).",
		"run compile without --check to update OUT, or find out who changed it", exitCodes+"; README, \"Change management\""),
	errorRule("getvpnc/invalid", "the inputs were refused (exit 1)",
		"A refusal (exit 1) that no more specific rule covers: an -o that cannot be an output directory (a file, a FIFO, a path below a file, a root directory, a symbolic link to nothing) or whose interrupted run's leftovers need a decision, at the -o path; and, in --format json, a refusal with no position of its own (the two passphrases typed differ), so nothing is lost.",
		"read the message; fix the input it names", exitCodes),
	errorRule("getvpnc/io", "a read or write failed, or an internal error (exit 3)",
		"The system failed a read or a write, or getvpnc hit an internal error; the inputs are not at fault. A report or JSON document that cannot be written to standard output (a full disk, a closed file) is one too, whatever the command: its answer did not reach the reader; after a compile the line says the output directory was written all the same.",
		"check permissions and free space, then run again", exitCodes),
	errorRule("getvpnc/key-conflict", "key servers hold different keys under one label (exit 4)",
		"The captures show two or more different keys under one rekey label, so no single key can be kept on every key server (a key sync problem, pkg/keysync; a key that is not RSA under the label is keysync/not-rsa, also exit 4).",
		"pass --overwrite to keep the primary's key and replace the others, make the keys equal by hand, or --rotate-key LABEL (README, \"Keeping the same RSA key on every key server\")", exitCodes+"; docs/ios-facts.md, \"Key synchronisation\""),
	errorRule("getvpnc/interrupted", "interrupted at the passphrase prompt (exit 128+N)",
		"Ctrl-C or Ctrl-\\ at the passphrase prompt, or SIGINT, SIGTERM or SIGHUP from outside while getvpnc waits there, ends the run with exit status 128+N for signal N (130 for Ctrl-C, 131 Ctrl-\\, 129 SIGHUP, 143 SIGTERM), as a shell reports a command killed by that signal. The terminal is put back as it was (echo on) and nothing is written.",
		"run again and type the passphrase, or give it with --passphrase-file FILE or GETVPNC_PASSPHRASE", exitCodes+"; README, \"The passphrase\""),
	warningRule("getvpnc/passphrase-file", "the passphrase file has more non-empty lines than the first",
		"Only the first line is the passphrase; a second line usually means the wrong file. The other lines are counted, never shown.",
		"keep only the passphrase in the file", passphrase),
	errorRule("getvpnc/usage", "a bad command line (exit 2)",
		"An unknown command or flag, a missing argument, an empty file flag, a flag given twice, or no passphrase available.",
		"run 'getvpnc COMMAND --help' for usage", exitCodes),
	errorRule("input/missing", "an input file does not exist",
		"The spec, a key file or the passphrase file named on the command line does not exist.",
		"check the path", inputLimits),
	errorRule("input/not-regular", "an input is not a regular file",
		"Inputs are read from regular files only: a FIFO, a device or a directory is refused, so a read can never hang.",
		"save the input as a regular file (for a passphrase from a command, use GETVPNC_PASSPHRASE)", inputLimits),
	errorRule("input/too-large", "an input is over its size limit",
		"Limits: spec 16 MiB, capture 4 MiB, key file 1 MiB, passphrase file 64 KiB. A larger file is the wrong file.",
		"check that this is the right file", inputLimits),
	errorRule("output/bundle-mismatch", "a bundle in OUT/keys is not the key OUT's manifest records",
		"The manifest records each key's sha256; a bundle beside it that holds another key was replaced, or the manifest was edited, and getvpnc cannot tell which key the devices hold. The diagnostic is at the bundle, with the manifest related.",
		"put back the bundle or the manifest that belong together (from a backup), pass the key the devices hold with --key LABEL=FILE, or make a new key on purpose with --rotate-key LABEL", outputSafe),
	warningRule("output/cleanup", "the new output is in place but the previous tree could not be removed whole",
		"compile swaps the new tree in whole and then removes the previous one; when files getvpnc did not write appeared in it meanwhile, or the removal failed, the previous tree is left beside OUT (files getvpnc did not write are never deleted). OUT itself is complete.",
		"look at what is left at the path named and remove it by hand", outputSafe),
	errorRule("output/foreign", "the output directory holds files getvpnc did not write",
		"getvpnc replaces OUT whole, so it refuses to touch a directory with files its manifest does not list.",
		"move those files away, or choose another -o", outputSafe),
	errorRule("output/key-missing", "OUT's manifest records a key whose bundle is gone",
		"A rerun reuses OUT/keys/<label>.pem so a key never changes silently; when the manifest records a key whose bundle is missing and the decision would make a new one, compile refuses rather than replace the key the devices hold. The diagnostic is at the manifest.",
		"give the key back with --key LABEL=FILE (the bundle from a backup, or a key server's export), or make a new key on purpose with --rotate-key LABEL", outputSafe+"; README, \"Change management\""),
	errorRule("output/key-unused", "OUT holds a key the spec no longer uses",
		"getvpnc replaces OUT whole, so compiling would delete the bundle (or the manifest's record) of a key no group uses any more; a key is never lost without being asked. The diagnostic is at the output directory, one line per key.",
		"keep a copy of the bundle and pass --drop-key LABEL, or add the key back to the spec", outputSafe+"; README, \"Change management\""),
	errorRule("output/manifest", "OUT's manifest.json is not one getvpnc wrote",
		"The manifest says which files getvpnc may replace and which keys OUT holds; one getvpnc cannot have written (invalid or cut-short JSON, data after the object, a list given as null, a field of another type, a path, label or sha256 getvpnc never writes, not a regular file) is not trusted, by compile, compile --check, plan -o and verify -o alike. The diagnostic is at the manifest, at the line of the problem when it has one.",
		"restore the manifest, or remove OUT if nothing in it is needed", outputSafe),
	errorRule("passphrase/empty", "the first line of the passphrase file is empty",
		"The passphrase is the first line of the file, and an empty passphrase is refused.",
		"put the passphrase on the first line", passphrase),
	errorRule("passphrase/refused", "the passphrase breaks the passphrase rules",
		"IOS types the passphrase on the `crypto key import rsa` line, so it is limited in length and characters. It is never shown.",
		"choose a passphrase that meets the rules the message names", passphrase),
}
