package ioscheck

import "net/netip"

// Script is the parsed model of one key-server or group-member script.
// Lists keep the order of the script. Secrets (passphrases, pre-shared
// keys) are not kept.
type Script struct {
	File string
	// Kind is what the script configures: Options.Kind, else the kind its
	// header names, else inferred from its content (never KindAuto).
	Kind Kind
	// Hostname, Device and Address come from the getvpnc header comment
	// "! getvpnc VERSION -- key server HOSTNAME (DEVICE)", or "-- group
	// member script for HOSTNAME (DEVICE, ADDRESS)"; empty (zero) when
	// absent. A member's Address is the one it registers from, the one its
	// key servers key and authorize.
	Hostname string
	Device   string
	Address  netip.Addr

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
	// CryptoMaps and Interfaces are a group member's: its crypto map
	// (entries and fail-close, in the order of the map's first line) and
	// the interfaces it is applied to.
	CryptoMaps []*CryptoMap
	Interfaces []*Interface

	// EndLine is the line of the final "end", 0 when it is missing.
	EndLine int
	// WriteMemoryLine is the line of the "write memory" that may follow
	// "end" (at the exec prompt), 0 when the script does not save.
	WriteMemoryLine int

	// keys is the RSA key state at the end of the script, by label.
	keys map[string]*keyState
	// hostKeys indexes the one-host ISAKMPKeys by address (the first line
	// for an address), maskedKeys are the others: keyFor stays linear in
	// the masked lines when a key server keys thousands of members.
	hostKeys   map[netip.Addr]*ISAKMPKey
	maskedKeys []*ISAKMPKey
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
// is not kept, only a digest CheckDeployment compares (see keyDigest).
type ISAKMPKey struct {
	Line    int
	Address netip.Addr
	// Mask is the zero Addr when the line has no mask.
	Mask   netip.Addr
	digest *keyDigest
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

// Group is a "crypto gdoi group" block: a key server's (Server set) or a
// group member's (Servers set).
type Group struct {
	Line         int
	Name         string
	Identity     uint64
	IdentityLine int
	Server       *Server
	// Servers are a member's "server address ipv4" lines: the key servers
	// it registers with, in the order it tries them.
	Servers []Peer
	// RegistrationInterface is a member's "client registration interface"
	// ("" when unset; RegistrationLine 0).
	RegistrationInterface string
	RegistrationLine      int
	// serverLines counts the "server address ipv4" lines, valid or not.
	serverLines int
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

// CryptoMap is a group member's crypto map: its "crypto map NAME SEQ gdoi"
// entries, one per group it joins, and its fail-close.
type CryptoMap struct {
	// Line is the map's first line (an entry or the fail-close).
	Line      int
	Name      string
	Entries   []*MapEntry
	FailClose *FailClose
}

// MapEntry is a "crypto map NAME SEQ gdoi" block. A *Line field is the line
// of the setting, 0 when the block does not set it.
type MapEntry struct {
	Line      int
	Seq       int
	Group     string
	GroupLine int
	// Match is the local deny access list ("" when unset).
	Match     string
	MatchLine int
}

// FailClose is a "crypto map NAME gdoi fail-close" block.
type FailClose struct {
	Line int
	// Match is the access list whose deny entries pass in the clear
	// before registration.
	Match        string
	MatchLine    int
	ActivateLine int
}

// Interface is an "interface IFACE" block.
type Interface struct {
	Line          int
	Name          string
	CryptoMap     string
	CryptoMapLine int
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
