#!/usr/bin/python3
"""The do-it-yourself baseline bench/compare.sh times getvpnc against.

What a user writes in an afternoon to turn a getvpnc spec into the same
output tree: PyYAML (libyaml's CSafeLoader) reads the spec, Jinja2
templates render one IOS script per key server and group member (and a
review copy without secrets), `openssl genrsa` + `openssl rsa -des3
-traditional` make the rekey key bundles, and a manifest.json lists the
files with their sha256. It handles only what the generated benchmark
specs use (bench/specgen) and validates nothing: it is a yardstick, not a
compiler. Writes are plain Python writes (no fsync): durability costs
getvpnc time the baseline does not pay.

Rerun semantics: keys/<label>.pem, when present, is reused (never
regenerated); everything else is rendered and written again.

usage: baseline.py SPEC -o OUT --passphrase-file FILE
"""
import base64
import hashlib
import ipaddress
import json
import os
import subprocess
import sys

import jinja2
import yaml

TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
ENCRYPTION = {"aes-128": "aes 128", "aes-192": "aes 192", "aes-256": "aes 256", "3des": "3des", "des": "des"}
ESP = {"aes-128": "esp-aes 128", "aes-192": "esp-aes 192", "aes-256": "esp-aes 256",
       "gcm-128": "esp-gcm 128", "gcm-256": "esp-gcm 256", "3des": "esp-3des", "des": "esp-des"}
HMAC = {"sha": "esp-sha-hmac", "sha256": "esp-sha256-hmac", "sha384": "esp-sha384-hmac", "sha512": "esp-sha512-hmac",
        "md5": "esp-md5-hmac"}


def main(argv):
    spec_path, out, passfile = argv[1], argv[argv.index("-o") + 1], argv[argv.index("--passphrase-file") + 1]
    if not yaml.__with_libyaml__:
        sys.exit("baseline: PyYAML without libyaml (install python3-yaml from Debian)")
    with open(spec_path, "rb") as f:
        raw = f.read()
    spec = yaml.load(raw, Loader=yaml.CSafeLoader)
    with open(passfile) as f:
        passphrase = f.read().rstrip("\n")

    psk = {name: secret(ref) for name, ref in spec.get("ike", {}).get("preSharedKeys", {}).items()}
    psk_ref = {name: "env:" + ref["env"] for name, ref in spec.get("ike", {}).get("preSharedKeys", {}).items()}
    servers = {ks["name"]: ks for ks in spec["keyServers"]}
    acls = {a["name"]: a for a in spec.get("accessLists", [])}
    tsets = {t["name"]: t for t in spec.get("transformSets", [])}
    profiles = {p["name"]: p for p in spec.get("ipsecProfiles", [])}
    mprofiles = {p["name"]: p for p in spec.get("memberProfiles", [])}
    members = spec.get("groupMembers", [])
    policies = [isakmp(p) for p in spec.get("isakmpPolicies", [])]

    os.makedirs(os.path.join(out, "keys"), exist_ok=True)
    keys = {k["label"]: rsa_key(out, k, passfile) for k in spec.get("rsaKeys", [])}

    groups = []
    for g in spec["groups"]:
        kss = sorted(g["keyServers"], key=lambda k: -k["priority"])
        groups.append(dict(g, keyServers=kss, members=[]))
    by_group = {g["name"]: g for g in groups}
    for m in members:
        for mg in mprofiles[m["profile"]]["groups"]:
            by_group[mg["name"]]["members"].append(m)

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, autoescape=False)
    ks_template, gm_template = env.get_template("ks.ios.j2"), env.get_template("gm.ios.j2")
    files = {}  # path -> (bytes, secret)

    for ks in spec["keyServers"]:
        mine = [g for g in groups if any(k["name"] == ks["name"] for k in g["keyServers"])]
        peers, kmembers, seen = [], [], set()
        for g in mine:
            for k in g["keyServers"]:
                if k["name"] != ks["name"] and k["name"] not in seen:
                    seen.add(k["name"])
                    peers.append(servers[k["name"]])
            for m in g["members"]:
                if m["name"] not in seen:
                    seen.add(m["name"])
                    kmembers.append(m)
        peers.sort(key=lambda p: spec["keyServers"].index(p))
        gviews, acl_views, used_ts, used_prof, used_keys = [], {}, [], [], []
        for g in mine:
            rk = g["rekey"]
            me = next(k for k in g["keyServers"] if k["name"] == ks["name"])
            view = dict(name=g["name"], identity=g["identity"], key=rk["key"],
                        algorithm=ENCRYPTION[rk.get("algorithm", "aes-256")], sighash=rk.get("sigHash", "sha256"),
                        lifetime=rk.get("lifetime", 86400), interval=rk.get("retransmit", {}).get("interval", 10),
                        count=rk.get("retransmit", {}).get("count", 2), multicast=None, auth=None,
                        role="primary" if me is g["keyServers"][0] else "secondary", priority=me["priority"],
                        address=ks["address"], peers=[servers[k["name"]]["address"] for k in g["keyServers"] if k is not me],
                        sas=[])
            if rk.get("transport") == "multicast":
                name = rk.get("multicastAcl", g["name"] + "-REKEY")
                view["multicast"] = dict(acl=name, address=rk["multicastAddress"])
                acl_views[name] = ["permit udp host %s eq 848 host %s eq 848" % (ks["address"], rk["multicastAddress"])]
            auth = g.get("authorization", {}).get("addresses")
            if auth or g["members"]:
                view["auth"] = g["name"] + "-AUTH"
                lines = ["permit " + wildcard(a) for a in auth] if auth else ["permit host " + m["address"] for m in g["members"]]
                acl_views[view["auth"]] = ("standard", lines)
            for sa in g["sas"]:
                view["sas"].append(dict(number=sa["number"], profile=sa["profile"], acl=sa["acl"]))
                acl_views[sa["acl"]] = ("extended", [entry(e) for e in acls[sa["acl"]]["entries"]])
                prof = profiles[sa["profile"]]
                if prof not in used_prof:
                    used_prof.append(prof)
                    if tsets[prof["transformSet"]] not in used_ts:
                        used_ts.append(tsets[prof["transformSet"]])
            if rk["key"] not in used_keys:
                used_keys.append(rk["key"])
            gviews.append(view)
        acl_list = []
        for name in sorted(acl_views):
            v = acl_views[name]
            acl_list.append(dict(name=name, kind=v[0], lines=v[1]) if isinstance(v, tuple)
                            else dict(name=name, kind="extended", lines=v))
        ctx = dict(ks=ks, groups=gviews, keys=[keys[k] for k in used_keys], acls=acl_list, policies=policies,
                   peers=peers, members=kmembers, coop=psk.get("coop"), memkey=psk.get("members"),
                   coop_ref=psk_ref.get("coop"), mem_ref=psk_ref.get("members"), passphrase=passphrase,
                   tsets=[transform_set(t) for t in used_ts], profiles=used_prof)
        for review in (False, True):
            path = ("review/" if review else "") + ks["name"] + ".ios"
            files[path] = (ks_template.render(ctx, review=review).encode(), not review)

    for m in members:
        prof = mprofiles[m["profile"]]
        mg, kss, seen, acl_views = [], [], set(), {}
        for i, pg in enumerate(prof["groups"]):
            g = by_group[pg["name"]]
            addrs = [(servers[k["name"]]["address"], k["name"]) for k in g["keyServers"]]
            for a in addrs:
                if a[0] not in seen:
                    seen.add(a[0])
                    kss.append(a[0])
            if pg.get("localDenyAcl"):
                acl_views[pg["localDenyAcl"]] = [entry(e) for e in acls[pg["localDenyAcl"]]["entries"]]
            mg.append(dict(name=g["name"], identity=g["identity"], servers=addrs, seq=10 * (i + 1),
                           local=pg.get("localDenyAcl")))
        fail = prof.get("failClose", {}).get("acl")
        if fail:
            acl_views[fail] = [entry(e) for e in acls[fail]["entries"]]
        ctx = dict(m=m, prof=prof, groups=mg, servers=kss, policies=policies, memkey=psk.get("members"),
                   mem_ref=psk_ref.get("members"), fail=fail, acls=[dict(name=n, lines=acl_views[n]) for n in sorted(acl_views)])
        for review in (False, True):
            path = ("review/" if review else "") + "gm/" + m["name"] + ".ios"
            files[path] = (gm_template.render(ctx, review=review).encode(), not review)

    os.makedirs(os.path.join(out, "review", "gm") if members else os.path.join(out, "review"), exist_ok=True)
    if members:
        os.makedirs(os.path.join(out, "gm"), exist_ok=True)
    for path, (data, is_secret) in files.items():
        write(os.path.join(out, path), data, is_secret)
    for label, k in keys.items():
        files["keys/%s.pem" % label] = (k["bundle"], False)

    manifest = dict(
        tool=dict(name="baseline", version="0"),
        spec=dict(path=os.path.relpath(spec_path, out), sha256=hashlib.sha256(raw).hexdigest()),
        keys=[dict(label=k["label"], modulus=k["modulus"], sha256=k["sha256"], keyData="\n".join(k["keydata"]))
              for k in keys.values()],
        keySync=[dict(label=k["label"], case="generate", sha256=k["sha256"], action=k["action"]) for k in keys.values()],
        groups=[dict(name=g["name"], identity=g["identity"], key=g["rekey"]["key"],
                     keyServers=[dict(name=k["name"], address=servers[k["name"]]["address"], priority=k["priority"],
                                      role="primary" if i == 0 else "secondary") for i, k in enumerate(g["keyServers"])])
                for g in groups],
        members=[dict(name=m["name"], hostname=m["hostname"], address=m["address"],
                      groups=[dict(name=pg["name"], keyServers=[k["name"] for k in by_group[pg["name"]]["keyServers"]])
                              for pg in mprofiles[m["profile"]]["groups"]]) for m in members],
        secrets=sorted(psk_ref.values()),
        waivers=[],
        deployOrder=[ks["name"] + ".ios" for ks in spec["keyServers"]] + ["gm/%s.ios" % m["name"] for m in members],
        files=[dict(path=p, secret=True) if s else dict(path=p, sha256=hashlib.sha256(d).hexdigest(), size=len(d))
               for p, (d, s) in sorted(files.items())],
    )
    write(os.path.join(out, "manifest.json"), (json.dumps(manifest, indent=2) + "\n").encode(), False)
    print("baseline wrote %s: %d files" % (out, len(files) + 1))


def secret(ref):
    return os.environ[ref["env"]]


def isakmp(p):
    return dict(priority=p["priority"], encr=ENCRYPTION[p.get("encryption", "aes-256")], hash=p.get("hash", "sha256"),
                auth=p.get("authentication", "pre-share"), group=p.get("group", 14), lifetime=p.get("lifetime", 86400))


def transform_set(t):
    enc = t.get("encryption", "aes-256")
    line = ESP[enc] if enc.startswith("gcm") else ESP[enc] + " " + HMAC[t.get("integrity", "sha256")]
    return dict(name=t["name"], line=line)


def wildcard(cidr):
    if cidr == "any":
        return "any"
    net = ipaddress.ip_network(cidr, strict=False)
    if net.prefixlen == 32:
        return "host %s" % net.network_address
    return "%s %s" % (net.network_address, net.hostmask)


def entry(e):
    words = [e["action"], e["protocol"], wildcard(e["source"])]
    if "sourcePort" in e:
        words.append("eq %s" % e["sourcePort"])
    words.append(wildcard(e["destination"]))
    if "destinationPort" in e:
        words.append("eq %s" % e["destinationPort"])
    return " ".join(words)


def rsa_key(out, k, passfile):
    """Reuses keys/<label>.pem or makes it with openssl (the passphrase goes by file, never argv)."""
    path = os.path.join(out, "keys", k["label"] + ".pem")
    action = "reuse"
    if not os.path.exists(path):
        action = "generate"
        plain = subprocess.run(["openssl", "genrsa", str(k.get("modulus", 2048))], check=True,
                               capture_output=True).stdout
        public = subprocess.run(["openssl", "rsa", "-pubout"], input=plain, check=True, capture_output=True).stdout
        private = subprocess.run(["openssl", "rsa", "-des3", "-traditional", "-passout", "file:" + passfile],
                                 input=plain, check=True, capture_output=True).stdout
        write(path, public + private, True)
    with open(path, "rb") as f:
        bundle = f.read()
    text = bundle.decode()
    cut = text.index("-----BEGIN RSA PRIVATE KEY-----")
    public, private = text[:cut], text[cut:]
    der = base64.b64decode("".join(l for l in public.splitlines() if not l.startswith("-----")))
    hexwords = ["%08X" % int.from_bytes(der[i:i + 4], "big") if i + 4 <= len(der) else der[i:].hex().upper()
                for i in range(0, len(der), 4)]
    keydata = ["  " + " ".join(hexwords[i:i + 8]) for i in range(0, len(hexwords), 8)]
    return dict(label=k["label"], modulus=k.get("modulus", 2048), public=public.rstrip("\n"),
                private=private.rstrip("\n"), sha256=hashlib.sha256(der).hexdigest(), keydata=keydata,
                bundle=bundle, action=action)


def write(path, data, is_secret):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if is_secret else 0o644)
    with os.fdopen(fd, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main(sys.argv)
