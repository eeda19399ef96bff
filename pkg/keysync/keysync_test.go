package keysync

import (
	"os"
	"strings"
	"testing"

	"github.com/getvpnc/getvpnc/pkg/exitcode"
	"github.com/getvpnc/getvpnc/pkg/keys"
	"github.com/getvpnc/getvpnc/pkg/plan"
)

var (
	keyA = []byte("public key A")
	keyB = []byte("public key B")
)

// threeKS is a key used by ks1 (primary), ks2 and ks3.
func threeKS(source string) plan.Key {
	return plan.Key{Label: "K", Modulus: 2048, Source: source, Primary: "ks1", KeyServers: []plan.Member{
		{Name: "ks1", Priority: 30, Role: "primary"}, {Name: "ks2", Priority: 20}, {Name: "ks3", Priority: 10}}}
}

// messages are the problems of r, as Diagnostics reports them.
func messages(r *Result) []string {
	var out []string
	for _, d := range r.Diagnostics(nil) {
		out = append(out, d.Message())
	}
	return out
}

func obs(m map[string]Observation) map[string]map[string]Observation {
	out := map[string]map[string]Observation{"ks1": {}, "ks2": {}, "ks3": {}}
	for ks, o := range m {
		out[ks]["K"] = o
	}
	return out
}

func actions(d Decision) string {
	var out []string
	for _, k := range d.KeyServers {
		out = append(out, k.Name+"="+k.Action)
	}
	return strings.Join(out, " ")
}

func TestDecide(t *testing.T) {
	fpA := keys.SPKIFingerprint(keyA)
	for _, tc := range []struct {
		name      string
		source    string
		observed  map[string]map[string]Observation
		supplied  []byte
		overwrite bool
		rotate    bool
		wantCase  string
		wantKey   string // fingerprint, "" for none
		actions   string
		exit      int
		rule      string // the problem's rule ID
		problem   string
		generate  bool
		phase1    bool
	}{
		{name: "no inventory: generate offline", source: "offline",
			wantCase: CaseGenerate, actions: "ks1=import ks2=import ks3=import", generate: true},
		{name: "no inventory, key supplied", source: "offline", supplied: keyA,
			wantCase: CaseGenerate, wantKey: fpA, actions: "ks1=import ks2=import ks3=import"},
		{name: "nobody holds it: generate", source: "offline", observed: obs(nil),
			wantCase: CaseGenerate, actions: "ks1=import ks2=import ks3=import", generate: true},
		{name: "nobody holds it, source device: phase 1", source: "device", observed: obs(nil),
			wantCase: CaseGenerate, actions: "ks1=generate ks2=import ks3=import", phase1: true},
		{name: "source device, no inventory: no proof, no phase 1", source: "device",
			wantCase: CaseGenerate, actions: "ks1=none ks2=none ks3=none", exit: 1,
			rule: CodePhase1Proof, problem: "capture `show crypto key mypubkey rsa` on every key server of the group (ks1, ks2, ks3) into DIR/<name>.txt and compile again with --inventory DIR"},
		{name: "source device, phase 2 without inventory", source: "device", supplied: keyA,
			wantCase: CaseReuse, wantKey: fpA, actions: "ks1=none ks2=import ks3=import"},
		{name: "holders agree, key supplied: lacking ones import", source: "offline", supplied: keyA,
			observed: obs(map[string]Observation{"ks1": {keyA, false, ""}, "ks3": {keyA, false, ""}}),
			wantCase: CaseReuse, wantKey: fpA, actions: "ks1=none ks2=import ks3=none"},
		{name: "everybody holds it: nothing to do, no key needed", source: "offline",
			observed: obs(map[string]Observation{"ks1": {keyA, false, ""}, "ks2": {keyA, false, ""}, "ks3": {keyA, true, ""}}),
			wantCase: CaseReuse, wantKey: fpA, actions: "ks1=none ks2=none ks3=none"},
		{name: "holders agree, no key: export from the primary", source: "offline",
			observed: obs(map[string]Observation{"ks1": {keyA, true, ""}, "ks2": {keyA, true, ""}}),
			wantCase: CaseReuse, wantKey: fpA, actions: "ks1=export ks2=none ks3=import", exit: 1,
			rule: CodeExportNeeded, problem: "On ks1 run: crypto key export rsa K pem terminal 3des <passphrase>"},
		{name: "primary not exportable: export from another holder", source: "offline",
			observed: obs(map[string]Observation{"ks1": {keyA, false, ""}, "ks2": {keyA, true, ""}}),
			wantCase: CaseReuse, wantKey: fpA, actions: "ks1=none ks2=export ks3=import", exit: 1,
			rule: CodeExportNeeded, problem: "On ks2 run: crypto key export rsa K pem terminal 3des <passphrase>"},
		{name: "no holder exportable: the key cannot leave the devices", source: "offline",
			observed: obs(map[string]Observation{"ks2": {keyA, false, ""}}),
			wantCase: CaseReuse, wantKey: fpA, actions: "ks1=import ks2=none ks3=import", exit: 1,
			rule: CodeNotExportable, problem: "key K cannot leave the devices: ks2 holds it, but not exportable"},
		{name: "supplied key is not the devices' key", source: "offline", supplied: keyB,
			observed: obs(map[string]Observation{"ks1": {keyA, true, ""}}),
			wantCase: CaseReuse, wantKey: fpA, actions: "ks1=none ks2=import ks3=import", exit: 1,
			rule: CodeSuppliedOther, problem: "but ks1 holds key sha256 " + fpA},
		{name: "holders differ: conflict", source: "offline",
			observed: obs(map[string]Observation{"ks1": {keyA, true, ""}, "ks2": {keyB, false, ""}}),
			wantCase: CaseConflict, actions: "ks1=none ks2=none ks3=none", exit: 4,
			rule: CodeConflict, problem: "the key servers hold different keys"},
		{name: "overwrite: primary's key wins", source: "offline", supplied: keyA, overwrite: true,
			observed: obs(map[string]Observation{"ks1": {keyA, false, ""}, "ks2": {keyB, false, ""}}),
			wantCase: CaseOverwrite, wantKey: fpA, actions: "ks1=none ks2=replace ks3=import"},
		{name: "overwrite with a key that is not the primary's", source: "offline", supplied: keyB, overwrite: true,
			observed: obs(map[string]Observation{"ks1": {keyA, true, ""}, "ks2": {keyB, false, ""}}),
			wantCase: CaseOverwrite, wantKey: fpA, actions: "ks1=none ks2=replace ks3=import", exit: 1,
			rule: CodeSuppliedOther, problem: "--overwrite needs the primary's key"},
		{name: "overwrite, primary lacks the key", source: "offline", overwrite: true,
			observed: obs(map[string]Observation{"ks2": {keyA, true, ""}, "ks3": {keyB, true, ""}}),
			wantCase: CaseOverwrite, actions: "ks1=none ks2=none ks3=none", exit: 1,
			rule: CodeNoPrimaryKey, problem: "the primary ks1 does not hold K"},
		{name: "overwrite, primary not exportable and no key", source: "offline", overwrite: true,
			observed: obs(map[string]Observation{"ks1": {keyA, false, ""}, "ks2": {keyB, true, ""}}),
			wantCase: CaseOverwrite, wantKey: fpA, actions: "ks1=none ks2=replace ks3=import", exit: 1,
			rule: CodeNotExportable, problem: "holds it non-exportable, so it cannot be copied"},
		{name: "overwrite, no key: export from the primary", source: "offline", overwrite: true,
			observed: obs(map[string]Observation{"ks1": {keyA, true, ""}, "ks2": {keyB, true, ""}}),
			wantCase: CaseOverwrite, wantKey: fpA, actions: "ks1=export ks2=replace ks3=import", exit: 1,
			rule: CodeExportNeeded, problem: "compile again with --overwrite --key K=FILE"},
		{name: "rotate: holders get it replaced, others import", source: "offline", rotate: true,
			observed: obs(map[string]Observation{"ks1": {keyA, true, ""}, "ks2": {keyB, false, ""}}),
			wantCase: CaseGenerate, actions: "ks1=replace ks2=replace ks3=import", generate: true},
		{name: "rotate without inventory: everybody imports the new key", source: "offline", rotate: true, supplied: keyA,
			wantCase: CaseGenerate, actions: "ks1=import ks2=import ks3=import", generate: true},
		{name: "a label held by an EC key: conflict, never an import", source: "offline", supplied: keyA,
			observed: obs(map[string]Observation{"ks2": {keyB, false, "EC"}}),
			wantCase: CaseConflict, actions: "ks1=none ks2=none ks3=none", exit: 4,
			rule: CodeNotRSA, problem: "ks2 holds an EC key under the label K"},
		{name: "EC holder with --overwrite: still refused", source: "offline", supplied: keyA, overwrite: true,
			observed: obs(map[string]Observation{"ks1": {keyA, true, "RSA"}, "ks3": {keyB, true, "EC"}}),
			wantCase: CaseConflict, actions: "ks1=none ks2=none ks3=none", exit: 4,
			rule: CodeNotRSA, problem: "also not with --overwrite or --rotate-key"},
		{name: "EC holder with --rotate-key: still refused", source: "offline", rotate: true,
			observed: obs(map[string]Observation{"ks1": {keyB, true, "EC"}}),
			wantCase: CaseConflict, actions: "ks1=none ks2=none ks3=none", exit: 4,
			rule: CodeNotRSA, problem: "Remove or rename that key by hand on ks1"},
		{name: "overwrite without a conflict changes nothing", source: "offline", overwrite: true, supplied: keyA,
			observed: obs(map[string]Observation{"ks1": {keyA, false, ""}}),
			wantCase: CaseReuse, wantKey: fpA, actions: "ks1=none ks2=import ks3=import"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := Input{Keys: []plan.Key{threeKS(tc.source)}, Observed: tc.observed, Overwrite: tc.overwrite, Rotate: map[string]bool{"K": tc.rotate}}
			if tc.supplied != nil {
				in.Supplied = map[string]Supplied{"K": {File: "k.pem", Origin: "read from k.pem", SPKI: tc.supplied}}
			}
			r := Decide(in)
			d := r.Keys[0]
			if d.Case != tc.wantCase {
				t.Errorf("case %s, want %s", d.Case, tc.wantCase)
			}
			got := ""
			if d.SHA256 != nil {
				got = *d.SHA256
			}
			if got != tc.wantKey {
				t.Errorf("key %q, want %q", got, tc.wantKey)
			}
			if a := actions(d); a != tc.actions {
				t.Errorf("actions %s, want %s", a, tc.actions)
			}
			code, msgs := r.Blocking(), messages(r)
			if code != tc.exit {
				t.Errorf("exit %d, want %d (%v)", code, tc.exit, msgs)
			}
			if tc.problem != "" && (len(msgs) != 1 || !strings.Contains(msgs[0], tc.problem)) {
				t.Errorf("problem %q, want it to contain %q", msgs, tc.problem)
			}
			switch {
			case tc.exit == 0 && d.Problem != nil:
				t.Errorf("unexpected problem %+v", d.Problem)
			case tc.exit != 0 && (d.Problem == nil || d.Problem.Code != tc.rule):
				t.Errorf("problem %+v, want rule %s", d.Problem, tc.rule)
			}
			if d.Generate != tc.generate || d.Phase1 != tc.phase1 {
				t.Errorf("generate %v phase1 %v, want %v %v", d.Generate, d.Phase1, tc.generate, tc.phase1)
			}
		})
	}
}

func TestConflictTableNamesEveryKeyServer(t *testing.T) {
	r := Decide(Input{Keys: []plan.Key{threeKS("offline")},
		Observed: obs(map[string]Observation{"ks1": {keyA, true, ""}, "ks2": {keyB, false, ""}})})
	msgs := messages(r)
	for _, want := range []string{
		"ks1 (primary)  " + keys.SPKIFingerprint(keyA) + "  yes",
		"ks2            " + keys.SPKIFingerprint(keyB) + "  no",
		"ks3            -",
	} {
		if !strings.Contains(msgs[0], want) {
			t.Errorf("table lacks %q:\n%s", want, msgs[0])
		}
	}
}

func TestDecideRefusesAModulusOtherThanTheSpecs(t *testing.T) {
	data, err := os.ReadFile("../keys/testdata/ios15-export-3des.txt")
	if err != nil {
		t.Fatal(err)
	}
	spki, err := keys.PublicSPKI(data)
	if err != nil {
		t.Fatal(err)
	}
	k := threeKS("offline") // modulus 2048; the IOS key has 1024 bits
	r := Decide(Input{Keys: []plan.Key{k}, Observed: obs(map[string]Observation{"ks1": {spki, true, "RSA"}}),
		Supplied: map[string]Supplied{"K": {File: "export.txt", SPKI: spki}}})
	code, msgs := r.Blocking(), messages(r)
	if code != exitcode.Invalid || len(msgs) != 1 || !strings.Contains(msgs[0], "has 1024 bits, but the spec says modulus 2048; set modulus: 1024") {
		t.Fatalf("code %d, %q", code, msgs)
	}
	if p := r.Keys[0].Problem; p.Code != CodeModulus {
		t.Fatalf("rule %s, want %s", p.Code, CodeModulus)
	}
	k.Modulus = 1024
	r = Decide(Input{Keys: []plan.Key{k}, Observed: obs(map[string]Observation{"ks1": {spki, true, "RSA"}}),
		Supplied: map[string]Supplied{"K": {File: "export.txt", SPKI: spki}}})
	if code := r.Blocking(); code != 0 {
		t.Fatalf("a matching modulus must pass: %q", messages(r))
	}
}

// A bundle left in OUT that the devices do not hold (a rotation or a new
// key not deployed yet) gets advice about deploying, not only "supply the
// key the devices hold".
func TestDecideUndeployedBundleFromOutput(t *testing.T) {
	k := threeKS("offline")
	in := Input{Keys: []plan.Key{k}, Observed: obs(map[string]Observation{"ks1": {keyA, true, "RSA"}}),
		Supplied: map[string]Supplied{"K": {File: "out/keys/K.pem", SPKI: keyB, FromOutput: true}}}
	r := Decide(in)
	code, msgs := r.Blocking(), messages(r)
	if code != exitcode.Invalid || len(msgs) != 1 || !strings.Contains(msgs[0], "ks1 holds key sha256") ||
		!strings.Contains(msgs[0], "deploy that compile's scripts and capture again") {
		t.Fatalf("code %d, %q", code, msgs)
	}
	in.Supplied["K"] = Supplied{File: "k.pem", SPKI: keyB}
	if msgs := messages(Decide(in)); len(msgs) != 1 || strings.Contains(msgs[0], "deploy") {
		t.Fatalf("a --key file got the output-directory advice: %q", msgs)
	}
}
