"""The record format, enrollment codes and offline authorisation codes (pure core)."""

import datetime as dt
import os

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.core import authcodes, enrollment
from app.core import records as rec

SITE = "site-1"


def _pub(k):
    return k.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


@pytest.fixture
def keys():
    return Ed25519PrivateKey.generate(), os.urandom(32)


def _seal(keys, seq=1, payload=None, machine="T001"):
    signer, aead = keys
    return rec.seal(rec.Header(SITE, machine, seq, "answer", "2026-11-22T08:00:00.000Z"),
                    payload or {"q": 1, "a": "B"}, aead, signer)


def test_round_trip_through_json(keys):
    env = _seal(keys, payload={"q": 3, "a": "对"})
    back = rec.Envelope.from_json(env.to_json())
    record = rec.open_envelope(back, _pub(keys[0]), keys[1], SITE)
    assert record.payload == {"q": 3, "a": "对"}
    assert back.content_hash == env.content_hash
    assert "对" not in env.to_json()  # the answer is not readable in transit or on the stick


@pytest.mark.parametrize("field,value", [("seq", 2), ("kind", "other"), ("machine", "T002"), ("at", "2026-11-22T09:00:00Z")])
def test_any_header_change_is_refused(keys, field, value):
    d = _seal(keys).to_dict()
    d[field] = value
    with pytest.raises(rec.RecordRejected):
        rec.open_envelope(rec.Envelope.from_dict(d), _pub(keys[0]), keys[1], SITE)


def test_other_machine_key_wrong_site_and_wrong_aead_key_refused(keys):
    env = _seal(keys)
    with pytest.raises(rec.RecordRejected, match="签名"):
        rec.open_envelope(env, _pub(Ed25519PrivateKey.generate()), keys[1], SITE)
    with pytest.raises(rec.RecordRejected, match="其他站点"):
        rec.open_envelope(env, _pub(keys[0]), keys[1], "site-2")
    with pytest.raises(rec.RecordRejected, match="解密"):
        rec.open_envelope(env, _pub(keys[0]), os.urandom(32), SITE)


def test_classify_duplicate_and_conflict(keys):
    a, b = _seal(keys, 1, {"a": 1}), _seal(keys, 1, {"a": 2})
    assert rec.classify(None, a.content_hash) == "new"
    assert rec.classify(a.content_hash, a.content_hash) == "duplicate"
    with pytest.raises(rec.RecordRejected):
        rec.classify(a.content_hash, b.content_hash)


def test_gaps():
    assert rec.contiguous_upto({1, 2, 3, 5, 7}) == 3
    assert rec.missing({1, 2, 3, 5, 7}, 3) == [4, 6]
    assert rec.missing(set()) == []
    assert rec.contiguous_upto({6, 7}, 5) == 7


def test_enrollment_code_is_short_and_bound_to_key_and_nonce():
    pub, nonce = os.urandom(32), os.urandom(12)
    code = enrollment.enrollment_code(pub, nonce)
    assert len(code) == 11 and code[5] == "-"
    assert not set(code.replace("-", "")) & set("ILOU")
    assert enrollment.enrollment_code(os.urandom(32), nonce) != code
    assert enrollment.enrollment_code(pub, os.urandom(12)) != code
    assert enrollment.normalise_code(code.lower().replace("-", " ")) == code


T0 = dt.datetime(2026, 11, 22, 8, 0, tzinfo=dt.timezone.utc)


def _verifier():
    key = authcodes.authcode_key(b"k" * 32)
    return key, authcodes.Verifier(key, "T007")


def test_authcode_accepts_once():
    key, v = _verifier()
    ch = v.challenge("2641000001", "resume", "4821", T0)
    code = authcodes.code_for(key, ch)
    assert len(code) == 8 and code.isdigit()
    v.accept(ch, "resume", code, T0 + dt.timedelta(minutes=2))
    with pytest.raises(authcodes.AuthCodeRefused, match="已使用"):
        v.accept(ch, "resume", code, T0 + dt.timedelta(minutes=3))


def test_authcode_expiry_wrong_action_wrong_code_other_candidate():
    key, v = _verifier()
    ch = v.challenge("2641000001", "resume", "4821", T0)
    code = authcodes.code_for(key, ch)
    with pytest.raises(authcodes.AuthCodeRefused, match="过期"):
        v.accept(ch, "resume", code, T0 + dt.timedelta(minutes=11))
    with pytest.raises(authcodes.AuthCodeRefused, match="操作不符"):
        v.accept(ch, "force_submit", code, T0)
    other = authcodes.Challenge("T007", "2641000002", "resume", ch.counter, "4821", T0)
    with pytest.raises(authcodes.AuthCodeRefused, match="错误"):
        v.accept(other, "resume", code, T0)
    with pytest.raises(authcodes.AuthCodeRefused, match="错误"):
        v.accept(ch, "resume", f"{(int(code) + 1) % 10**8:08d}", T0)
    # a refused attempt does not burn the code
    v.accept(ch, "resume", code, T0 + dt.timedelta(minutes=9))


def test_proctor_card_codes_work_once_per_counter():
    key, v = _verifier()
    card = dict(authcodes.card_codes(key, "T007", "unlock", range(1, 6)))
    ch = v.challenge("2641000001", "unlock", "1111", T0)
    v.accept(ch, "unlock", card[ch.counter], T0)
    ch2 = v.challenge("2641000001", "unlock", "2222", T0)
    with pytest.raises(authcodes.AuthCodeRefused):
        v.accept(ch2, "unlock", card[ch.counter], T0)
    v.accept(ch2, "unlock", card[ch2.counter], T0)
