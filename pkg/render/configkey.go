package render

import "strconv"

// keyBuilder encodes values for a cache key: each string with its length
// before it, each number in decimal and each followed by a separator, so
// two sequences of values have one encoding only when they are equal.
// It is what configCache's keys are made of: a key is built for every
// member (thousands) and must cost much less than the rendering it saves.
type keyBuilder struct{ b []byte }

func (k *keyBuilder) str(s string) {
	k.b = strconv.AppendInt(k.b, int64(len(s)), 10)
	k.b = append(k.b, ':')
	k.b = append(k.b, s...)
}

func (k *keyBuilder) int(n int) {
	k.b = strconv.AppendInt(k.b, int64(n), 10)
	k.b = append(k.b, ';')
}

func (k *keyBuilder) uint(n uint64) {
	k.b = strconv.AppendUint(k.b, n, 10)
	k.b = append(k.b, ';')
}

func (k *keyBuilder) bool(v bool) {
	k.b = strconv.AppendBool(k.b, v)
	k.b = append(k.b, ';')
}

// key encodes every value of c the configuration template can see: equal
// keys mean equal configurations (TestMemberConfigKeyCoversEveryField
// changes each value in turn and checks that the key changes).
func (c *gmConfig) key() string {
	k := keyBuilder{b: make([]byte, 0, 512)}
	k.int(len(c.ISAKMP))
	for _, p := range c.ISAKMP {
		k.int(p.Priority)
		k.str(p.Encryption)
		k.str(p.Hash)
		k.str(p.Authentication)
		k.int(p.Group)
		k.int(p.Lifetime)
	}
	k.int(len(c.PeerKeys))
	for _, p := range c.PeerKeys {
		k.str(p.Secret)
		k.str(p.Address)
		k.str(p.Mask)
		k.str(p.Peer)
		k.str(p.Role)
	}
	k.int(len(c.ACLs))
	for _, a := range c.ACLs {
		k.str(a.Name)
		k.str(a.Kind)
		k.int(len(a.Lines))
		for _, l := range a.Lines {
			k.str(l)
		}
	}
	k.int(len(c.Groups))
	for _, g := range c.Groups {
		k.str(g.Name)
		k.uint(g.Identity)
		k.int(len(g.Servers))
		for _, s := range g.Servers {
			k.str(s.Name)
			k.str(s.Address)
			k.int(s.Priority)
		}
		k.str(g.RegistrationInterface)
		k.int(g.Seq)
		k.str(g.LocalDenyACL)
	}
	k.str(c.CryptoMap)
	k.str(c.FailCloseACL)
	k.str(c.WANInterface)
	k.bool(c.Save)
	return string(k.b)
}
