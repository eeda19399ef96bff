package ioscheck

import "net/netip"

// Script is the parsed model of one key-server script. Lists keep the order
// of the script. Secrets (passphrases, pre-shared keys) are not kept.
type Script struct {
	File string
	// Hostname and Device come from the getvpnc header comment
	// "! getvpnc VERSION -- key server HOSTNAME (DEVICE)"; empty when absent.
	Hostname string
	Device   string

	Imports   []*KeyImport
	Generates []*KeyGenerate
	Exports   []*KeyExport
	Zeroizes  []*KeyZeroize

	// ACLs holds the named access lists (extended and standard) defined at
	// the end of the script, in the order of their first line.
	ACLs           []*ACL
	ISAKMPPolicies []*ISAKMPPolicy
	ISAKMPKeys     []*ISAKMPKey
	TransformSets  []*TransformSet
	Profiles       []*Profile
	Groups         []*Group

	// EndLine is the line of the final "end", 0 when it is missing.
	EndLine int
	// WriteMemoryLine is the line of the "write memory" that may follow
	// "end" (at the exec prompt), 0 when the script does not save.
	WriteMemoryLine int

	// keys is the RSA key state at the end of the script, by label.
	keys map[string]*keyState
}

// KeyImport is one "crypto key import rsa" command and its PEM dialog.
type KeyImport struct {
	Line       int
	Label      string
	Exportable bool
	// PublicLine is the line of "-----BEGIN PUBLIC KEY-----" (0 if missing).
	PublicLine int
	// PublicKey is the DER SubjectPublicKeyInfo of the public block, nil
	// when the block is missing or does not parse as an RSA key.
	PublicKey []byte
	// Bits is the modulus size of the public key (0 when unknown).
	Bits int
	// Decrypted reports that the private block decrypted, parsed, validated
	// and matched the public key.
	Decrypted bool
}

// KeyGenerate is one "crypto key generate rsa ... label L modulus N exportable".
type KeyGenerate struct {
	Line    int
	Label   string
	Modulus int
}

// KeyExport is one "crypto key export rsa L pem terminal 3des P".
type KeyExport struct {
	Line  int
	Label string
}

// KeyZeroize is one "crypto key zeroize rsa L" and its "yes" answer.
type KeyZeroize struct {
	Line  int
	Label string
}

// ACL is an "ip access-list extended" or "ip access-list standard" block.
type ACL struct {
	Line int
	Name string
	// Standard marks a standard list: its entries match the source
	// address only (ACE.Protocol is empty, ACE.Dst is unset).
	Standard bool
	Entries  []*ACE
	// permits counts the permit lines, valid or not, so that a bad entry is
	// not also reported as a missing one.
	permits int
	lines   []srcLine
}

// ACE is one entry of an extended access list.
type ACE struct {
	Line     int
	Action   string // "permit" or "deny"
	Protocol string // keyword or number as written
	Src, Dst Endpoint
	fields   []string
}

// Endpoint is the address (and port) part of an access-list entry.
type Endpoint struct {
	// Prefix is the matched addresses: 0.0.0.0/0 for "any", /32 for "host".
	Prefix netip.Prefix
	Host   bool
	// PortOp is "", "eq" or "range"; Ports holds one or two ports.
	PortOp string
	Ports  []int
}

// ISAKMPPolicy is a "crypto isakmp policy N" block.
type ISAKMPPolicy struct {
	Line           int
	Priority       int
	Encryption     string // "aes 256", "3des", ...
	Hash           string
	Authentication string
	Group          int
	Lifetime       int
	// seen records the line of each setting, valid or not.
	seen isakmpLines
}

// ISAKMPKey is a "crypto isakmp key SECRET address A [MASK]" line; the secret
// is not kept.
type ISAKMPKey struct {
	Line    int
	Address netip.Addr
	// Mask is the zero Addr when the line has no mask.
	Mask netip.Addr
}

// TransformSet is a "crypto ipsec transform-set" line.
type TransformSet struct {
	Line       int
	Name       string
	Transforms []string // as written, "esp-aes 256" counts as one
	line       srcLine
}

// Profile is a "crypto ipsec profile" block.
type Profile struct {
	Line             int
	Name             string
	TransformSet     string
	TransformSetLine int
	Lifetime         int
	lifetimeLine     int
	lines            []srcLine
}

// Group is a "crypto gdoi group" block.
type Group struct {
	Line         int
	Name         string
	Identity     uint64
	IdentityLine int
	Server       *Server
	// policy is the group block without the per-key-server lines, the text
	// CheckGroup compares across key servers.
	policy []srcLine
}

// Server is the "server local" block of a group. A *Line field is the line
// of the setting, 0 when the script does not set it.
type Server struct {
	Line           int
	RekeyAlgorithm string // "aes 256", ...
	RekeySigHash   string
	RekeyLifetime  int // seconds
	// RekeyRetransmit is the interval in seconds, RekeyRetransmitN the
	// number of retransmissions.
	RekeyRetransmit  int
	RekeyRetransmitN int
	RekeyLabel       string // the rekey RSA key label
	RekeyLabelLine   int
	RekeyUnicast     bool
	RekeyUnicastLine int
	// RekeyACL is the multicast rekey access list ("" for unicast).
	RekeyACL     string
	RekeyACLLine int
	// AuthACL is the standard access list of "authorization address ipv4"
	// ("" when the group admits every member).
	AuthACL     string
	AuthACLLine int
	// Address is the key server's own address (zero when not set).
	Address     netip.Addr
	AddressLine int
	SAs         []*SA
	Redundancy  *Redundancy

	rekeyAlgorithmLn  int
	rekeySigHashLn    int
	rekeyLifetimeLn   int
	rekeyRetransmitLn int
}

// SA is an "sa ipsec N" block.
type SA struct {
	Line        int
	Number      int
	Profile     string
	ProfileLine int
	Match       string
	MatchLine   int
	// Replay is the replay line as written ("replay time window-size 5",
	// "no replay", ...), empty when absent.
	Replay     string
	ReplayLine int
}

// Redundancy is the "redundancy" (COOP) block of a server.
type Redundancy struct {
	Line         int
	Priority     int
	PriorityLine int
	Peers        []Peer
	// peerLines counts the peer lines, valid or not.
	peerLines int
}

// Peer is a "peer address ipv4" line.
type Peer struct {
	Line    int
	Address netip.Addr
}

// srcLine is one raw line of the script and its number.
type srcLine struct {
	n    int
	text string
}

// keyState is where the key under a label came from, as of the end of the
// script.
type keyState struct {
	line       int
	generated  bool
	exportable bool
	imp        *KeyImport
}
