package spec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/getvpnc/getvpnc/pkg/diag"
)

// Decode turns a schema-valid JSON value into a Spec, fills in the defaults
// the schema documents, and records each element's JSON pointer. The value
// must already have passed the schema: an error here means a bug in the
// schema or in this decoder, not in the user's input.
func Decode(value any) (*Spec, error) {
	raw, err := json.Marshal(value)
	if err != nil {
		return nil, fmt.Errorf("internal: re-encoding the spec: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var s Spec
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("internal: decoding the validated spec: %w", err)
	}
	if err := s.parseAddresses(); err != nil {
		return nil, err
	}
	s.setPointers()
	s.applyProfiles()
	s.applyDefaults()
	return &s, nil
}

// parseAddresses fills the parsed form of every address. The schema's ipv4
// format is ParseIPv4, so an error here is a bug, like any Decode error.
func (s *Spec) parseAddresses() error {
	var err error
	for i := range s.KeyServers {
		ks := &s.KeyServers[i]
		if ks.Addr, err = ParseIPv4(ks.Address); err != nil {
			return fmt.Errorf("internal: key server address %s passed the schema: %w", diag.Quote(ks.Address), err)
		}
	}
	for i := range s.GroupMembers {
		m := &s.GroupMembers[i]
		if m.Addr, err = ParseIPv4(m.Address); err != nil {
			return fmt.Errorf("internal: member address %s passed the schema: %w", diag.Quote(m.Address), err)
		}
	}
	for i := range s.Groups {
		r := &s.Groups[i].Rekey
		if r.MulticastAddress == "" {
			continue
		}
		if r.MulticastAddr, err = ParseIPv4(r.MulticastAddress); err != nil {
			return fmt.Errorf("internal: multicast address %s passed the schema: %w", diag.Quote(r.MulticastAddress), err)
		}
	}
	return nil
}

// applyDefaults fills the defaults that spec.schema.json documents. Keeping
// them here (not in templates) means every later stage sees final values.
func (s *Spec) applyDefaults() {
	for i := range s.RSAKeys {
		def(&s.RSAKeys[i].Modulus, 2048)
		defs(&s.RSAKeys[i].Source, "offline")
	}
	for i := range s.ISAKMPPolicies {
		p := &s.ISAKMPPolicies[i]
		defs(&p.Encryption, "aes-256")
		defs(&p.Hash, "sha256")
		defs(&p.Authentication, "pre-share")
		def(&p.Group, 14)
		def(&p.Lifetime, 86400)
	}
	for i := range s.TransformSets {
		t := &s.TransformSets[i]
		defs(&t.Encryption, "aes-256")
		if t.Integrity == "" && !IsGCM(t.Encryption) {
			t.Integrity = "sha256"
		}
	}
	joined := map[string]bool{}
	for i := range s.GroupMembers {
		m := &s.GroupMembers[i]
		defs(&m.CryptoMap, DefaultCryptoMap)
		for _, mg := range m.Groups {
			joined[mg.Name] = true
		}
	}
	for i := range s.Groups {
		g := &s.Groups[i]
		r := &g.Rekey
		defs(&r.Algorithm, "aes-256")
		defs(&r.SigHash, "sha256")
		defs(&r.Transport, "unicast")
		def(&r.Lifetime, 86400)
		if r.Retransmit == nil {
			r.Retransmit = &Retransmit{}
		}
		def(&r.Retransmit.Interval, 10)
		def(&r.Retransmit.Count, 2)
		if r.Transport == "multicast" {
			defs(&r.MulticastACL, g.Name+"-REKEY")
		}
		if g.Authorization == nil && joined[g.Name] {
			g.Authorization = &Authorization{Ptr: g.Ptr}
		}
		if g.Authorization != nil {
			defs(&g.Authorization.ACL, g.Name+"-AUTH")
		}
		for j := range g.SAs {
			sa := &g.SAs[j]
			if sa.Replay == nil {
				sa.Replay = &Replay{Type: "time", WindowSize: 5}
			}
			if sa.Replay.Type == "time" {
				def(&sa.Replay.WindowSize, 5)
			}
			if sa.Replay.Type == "counter" {
				def(&sa.Replay.WindowSize, 64)
			}
		}
	}
}

func (s *Spec) setPointers() {
	for i := range s.KeyServers {
		s.KeyServers[i].Ptr = ptr("keyServers", i)
	}
	for i := range s.RSAKeys {
		s.RSAKeys[i].Ptr = ptr("rsaKeys", i)
	}
	for i := range s.ISAKMPPolicies {
		s.ISAKMPPolicies[i].Ptr = ptr("isakmpPolicies", i)
	}
	for i := range s.TransformSets {
		s.TransformSets[i].Ptr = ptr("transformSets", i)
	}
	for i := range s.IPsecProfiles {
		s.IPsecProfiles[i].Ptr = ptr("ipsecProfiles", i)
	}
	for i := range s.AccessLists {
		a := &s.AccessLists[i]
		a.Ptr = ptr("accessLists", i)
		for j := range a.Entries {
			a.Entries[j].Ptr = a.Ptr + "/entries/" + strconv.Itoa(j)
		}
	}
	for i := range s.Groups {
		g := &s.Groups[i]
		g.Ptr = ptr("groups", i)
		g.Rekey.Ptr = g.Ptr + "/rekey"
		for j := range g.SAs {
			g.SAs[j].Ptr = g.Ptr + "/sas/" + strconv.Itoa(j)
		}
		for j := range g.KeyServers {
			g.KeyServers[j].Ptr = g.Ptr + "/keyServers/" + strconv.Itoa(j)
		}
		if g.Authorization != nil {
			g.Authorization.Ptr = g.Ptr + "/authorization"
		}
	}
	for i := range s.Waivers {
		s.Waivers[i].Ptr = ptr("waivers", i)
	}
	if s.IKE != nil {
		s.IKE.Ptr = "/ike"
		if k := s.IKE.PreSharedKeys; k != nil {
			k.Ptr = "/ike/preSharedKeys"
			setRef(k.COOP, k.Ptr+"/coop")
			setRef(k.Members, k.Ptr+"/members")
		}
	}
	for i := range s.MemberProfiles {
		p := &s.MemberProfiles[i]
		p.Ptr = ptr("memberProfiles", i)
		p.MemberSettings.setPointers(p.Ptr)
	}
	for i := range s.GroupMembers {
		m := &s.GroupMembers[i]
		m.Ptr = ptr("groupMembers", i)
		m.MemberSettings.setPointers(m.Ptr)
	}
}

func (ms *MemberSettings) setPointers(at string) {
	if ms.FailClose != nil {
		ms.FailClose.Ptr = at + "/failClose"
	}
	for j := range ms.Groups {
		ms.Groups[j].Ptr = at + "/groups/" + strconv.Itoa(j)
	}
	setRef(ms.PreSharedKey, at+"/preSharedKey")
}

func setRef(r *SecretRef, at string) {
	if r != nil {
		r.Ptr = at
	}
}

// applyProfiles gives each member the settings of its profile that it does
// not set itself. What a member takes keeps the profile's pointers, so a
// problem in an inherited setting points at the profile, where it is
// written. A profile that does not exist is validate's to report; the
// first of two profiles with one name is the one used, as everywhere.
func (s *Spec) applyProfiles() {
	profiles := map[string]*MemberProfile{}
	for i := range s.MemberProfiles {
		if p := &s.MemberProfiles[i]; profiles[p.Name] == nil {
			profiles[p.Name] = p
		}
	}
	for i := range s.GroupMembers {
		m := &s.GroupMembers[i]
		p := profiles[m.Profile]
		if m.Profile == "" || p == nil {
			continue
		}
		defs(&m.WANInterface, p.WANInterface)
		defs(&m.RegistrationInterface, p.RegistrationInterface)
		defs(&m.CryptoMap, p.CryptoMap)
		if m.FailClose == nil {
			m.FailClose = p.FailClose
		}
		if m.Groups == nil {
			m.Groups = p.Groups
		}
		if m.PreSharedKey == nil {
			m.PreSharedKey = p.PreSharedKey
		}
	}
}

func ptr(list string, i int) string { return "/" + list + "/" + strconv.Itoa(i) }

func def(v *int, d int) {
	if *v == 0 {
		*v = d
	}
}

func defs(v *string, d string) {
	if *v == "" {
		*v = d
	}
}

// IsGCM reports whether a transform-set cipher carries its own integrity check.
func IsGCM(enc string) bool { return enc == "gcm-128" || enc == "gcm-256" }
