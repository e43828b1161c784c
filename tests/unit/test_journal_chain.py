"""The chain rules alone (the store-level tamper tests are in tests/integration)."""

from dataclasses import replace

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app.core import journal as j

SITE = "site-1"


def chain(n):
    out, prev = [], j.GENESIS
    for seq in range(1, n + 1):
        e = j.Entry(seq, f"2026-12-05T08:00:{seq:02d}.000Z", "admin", "admin", "m1", "test", str(seq), {"n": seq}, prev)
        e = replace(e, hash=j.entry_hash(e))
        out.append(e)
        prev = e.hash
    return out


def signed(entries, seq, key):
    h = entries[seq - 1].hash
    pub = key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return j.Checkpoint(seq, h, "t", key.sign(j.checkpoint_message(SITE, seq, h)), j.key_id(pub)), pub


def test_intact_chain_verifies():
    key = Ed25519PrivateKey.generate()
    es = chain(10)
    cp, pub = signed(es, 10, key)
    r = j.verify(SITE, es, [cp], {cp.key_id: pub})
    assert r.ok and r.entries == 10 and r.last_checkpoint_seq == 10


def test_each_kind_of_tampering_names_the_entry():
    key = Ed25519PrivateKey.generate()
    es = chain(10)
    cp, pub = signed(es, 8, key)
    keys = {cp.key_id: pub}
    edited = es[:4] + [replace(es[4], payload={"n": 999})] + es[5:]
    assert j.verify(SITE, edited, [cp], keys).bad_seq == 5
    deleted = es[:4] + es[5:]
    assert j.verify(SITE, deleted, [cp], keys).bad_seq == 5
    swapped = es[:3] + [replace(es[4], seq=4), replace(es[3], seq=5)] + es[5:]
    assert j.verify(SITE, swapped, [cp], keys).bad_seq == 4
    truncated = es[:6]
    r = j.verify(SITE, truncated, [cp], keys)
    assert not r.ok and "截断" in r.fault
    forged_key = Ed25519PrivateKey.generate()
    bad_cp, _ = signed(es, 8, forged_key)
    r = j.verify(SITE, es, [replace(bad_cp, key_id=cp.key_id)], keys)
    assert not r.ok and "签名无效" in r.fault


def test_anchor_outside_the_store_catches_a_removed_checkpoint():
    es = chain(10)
    r = j.verify(SITE, es[:5], [], {}, anchored=[(8, es[7].hash)])
    assert not r.ok and "截断" in r.fault
    r = j.verify(SITE, es, [], {}, anchored=[(8, es[7].hash)])
    assert not r.ok and "删除" in r.fault
