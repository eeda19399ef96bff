package rules

// Sources of the secret-resolution rules.
const (
	secretRefs = design + " (README, \"Secrets\")"
	pskFacts   = "docs/ios-facts.md, \"Pre-shared keys: `crypto isakmp key`\" (no Cisco source found gives the keystring's length limit or character set, so the limits are getvpnc's safe choice)"
	pskWeak    = "IKEv2 (RFC 5996, now RFC 7296, section 2.15) asks that a pre-shared key contain as much unpredictability as the strongest key negotiated, and RFC 6617 section 1 notes that a weak one is open to dictionary attacks; the 16-character threshold is " + design
)

// secretRules are the checks compile makes when it resolves the secret
// references the scripts use (pkg/secretref): the IKE pre-shared keys.
// validate and plan do not resolve secrets; every message names the
// reference (env:NAME, file:PATH), never the value.
var secretRules = []Rule{
	errorRule("secret/charset", "a pre-shared key holds a character a `crypto isakmp key` line cannot take",
		"The key is written as one word on the IOS line, so getvpnc takes printable ASCII (0x21 to 0x7E) without '?', which the IOS CLI takes as a request for help, and '\"'. The message says where the first such character is (\"character 5\") and its class (a space, a control character, a non-ASCII character, '?', '\"'), never the character or the key. A trailing space or a Windows line end left in an environment variable is the usual cause.",
		"use a random key of printable ASCII, such as `openssl rand -base64 32`", pskFacts),
	errorRule("secret/empty", "a secret reference resolves to nothing",
		"The environment variable is set but empty, or the first line of the file is empty (only the first line is read), or a literal is \"\". An empty pre-shared key would leave the `crypto isakmp key` line without its key.",
		"put the key in the variable or on the first line of the file", secretRefs),
	warningRule("secret/file-lines", "a secret file has more non-empty lines than the first",
		"Only the first line of a {file: PATH} reference is the key; a second line usually means the wrong file, or a file of several keys. The other lines are counted, never shown; the warning is at the reference, with the first ignored line related.",
		"keep one key per file, on its first line", secretRefs),
	errorRule("secret/length", "a pre-shared key is longer than 64 characters",
		"No Cisco source found states the keystring limit of `crypto isakmp key`; 64 characters is getvpnc's conservative cap, well under the 128 that circulates, so that no device truncates the key and keys both sides differently.",
		"use a random key of 16 to 64 characters (`openssl rand -base64 32` gives 44)", pskFacts),
	errorRule("secret/unresolved", "a secret reference cannot be read",
		"An {env: NAME} whose variable is not set, or a {file: PATH} (relative to the spec's directory unless absolute) that does not exist, cannot be read, is not a regular file (a FIFO or a directory is refused at once, never waited on) or is larger than 64 KiB. compile writes nothing. compile --check without the secrets (a variable not set, a file that does not exist) compares the review copies only, which need none, and says which references it did without.",
		"set the variable, or create the file with the key on its first line; check the path, which is relative to the spec", secretRefs),
	warningRule("secret/weak", "a pre-shared key is shorter than 16 characters",
		"A short pre-shared key can be found by an offline search once an IKE exchange keyed with it is captured. The warning can be waived (waivers, rule secret/weak) for a lab.",
		"use a random key of 16 to 64 characters (`openssl rand -base64 32`)", pskWeak),
}
