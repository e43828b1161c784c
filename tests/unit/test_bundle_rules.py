"""The pure rules of the export bundle: SM3 against GB/T 32905, theory recomputation,
the trust file, bag-info and manifests, the envelope."""

import hashlib
import json

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives import serialization

from app.core import bundle as layout
from app.core import envelope
from app.core.journal import key_id
from app.verifier import new_hasher


def test_sm3_gbt32905_vectors():
    # GB/T 32905-2016 Appendix A: "abc" and "abcd" x 16.
    vectors = {b"abc": "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
               b"abcd" * 16: "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"}
    for msg, want in vectors.items():
        h = hashes.Hash(hashes.SM3())
        h.update(msg)
        assert h.finalize().hex() == want
        ours = new_hasher("sm3")
        ours.update(msg)
        assert ours.hexdigest() == want  # the hasher the bundle writer and verifier use


def _papers():
    return (json.dumps({"paper_id": "P1", "seed": 4242, "questions": [
        {"qid": "J1", "type": "judge", "answer": ["T"], "points": "1"},
        {"qid": "S1", "type": "single", "answer": ["B"], "points": "1.5"},
        {"qid": "M1", "type": "multiple", "answer": ["A", "C"], "points": "2"}]}) + "\n").encode()


def _answers(*rows):
    return "".join(json.dumps(r) + "\n" for r in rows).encode()


def _results(scores):
    return json.dumps({"plan_no": "X", "candidates": [{"ticket_no": t, "theory": s} for t, s in scores.items()]}).encode()


def test_theory_recomputation_matches_and_multiple_choice_is_all_or_nothing():
    answers = _answers(
        {"ticket_no": "A1", "paper_id": "P1", "answers": [{"qid": "J1", "chosen": ["T"]}, {"qid": "S1", "chosen": ["B"]},
                                                           {"qid": "M1", "chosen": ["C", "A"]}]},
        {"ticket_no": "A2", "paper_id": "P1", "answers": [{"qid": "J1", "chosen": ["F"]}, {"qid": "M1", "chosen": ["A"]}]})
    checked, fault = layout.recompute_theory(_papers(), answers, _results({"A1": "4.5", "A2": 0, "A3": None}))
    assert (checked, fault) == (2, None)
    checked, fault = layout.recompute_theory(_papers(), answers, _results({"A1": 4.5, "A2": "2"}))
    assert "A2" in fault and "复算为 0" in fault


def test_theory_recomputation_faults():
    a = {"ticket_no": "A1", "paper_id": "P1", "answers": [{"qid": "S1", "chosen": ["B"]}]}
    assert "没有理论成绩" in layout.recompute_theory(_papers(), _answers(a), _results({}))[1]
    assert "没有作答记录" in layout.recompute_theory(_papers(), b"", _results({"A1": "1.5"}))[1]
    assert "出现两次" in layout.recompute_theory(_papers(), _answers(a, a), _results({"A1": "1.5"}))[1]
    with pytest.raises(layout.BundleFault, match="不在试卷"):
        layout.recompute_theory(_papers(), _answers({**a, "answers": [{"qid": "ZZ", "chosen": []}]}),
                                _results({"A1": 0}))
    with pytest.raises(layout.BundleFault, match="引用的试卷"):
        layout.recompute_theory(_papers(), _answers({**a, "paper_id": "P9"}), _results({"A1": 0}))


def test_trust_file_round_trip_and_lying_key_id_refused():
    raw = bytes(range(32))
    trust = layout.TrustFile("site-1", "某认定中心", (layout.TrustedKey("site", key_id(raw), raw, "site-1"),
                                                   layout.TrustedKey("admin", key_id(raw[::-1]), raw[::-1], "admin")))
    text = layout.trust_text(trust)
    assert layout.parse_trust(text, key_id) == trust
    lying = text.replace(key_id(raw), "0" * 16)
    with pytest.raises(layout.BundleFault, match="key_id 不符"):
        layout.parse_trust(lying, key_id)
    with pytest.raises(layout.BundleFault, match="首行"):
        layout.parse_trust("hello\n", key_id)


def test_manifest_paths_percent_encoded_and_bag_info_one_line():
    digests = {"data/a\nb%.txt": "ab" * 32, "data/plain.txt": "cd" * 32}
    text = layout.manifest_text(digests)
    assert b"data/a%0Ab%25.txt" in text
    assert layout.parse_manifest("m", text) == digests
    with pytest.raises(ValueError):
        layout.bag_info_text([("X", "two\nlines")])
    assert layout.parse_bag_info(layout.bag_info_text([("A", "1"), ("B", "甲 乙")])) == {"A": "1", "B": "甲 乙"}


def test_envelope_round_trip_and_tampering():
    centre = X25519PrivateKey.generate()
    pub = centre.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    data = hashlib.sha256(b"x").digest() * (envelope.CHUNK // 16)  # two chunks
    blob = envelope.seal(data, pub)
    assert envelope.open_sealed(blob, centre) == data
    flipped = bytearray(blob)
    flipped[-5] ^= 1
    with pytest.raises(envelope.EnvelopeError, match="解密失败"):
        envelope.open_sealed(bytes(flipped), centre)
    with pytest.raises(envelope.EnvelopeError, match="截断"):
        envelope.open_sealed(blob[:-10], centre)
    # Dropping the last chunk entirely leaves a non-last chunk at the end: refused.
    first_len = int.from_bytes(blob[len(envelope.MAGIC) + 4 + int.from_bytes(blob[20:24], "big"):][:4], "big")
    cut = len(envelope.MAGIC) + 4 + int.from_bytes(blob[20:24], "big") + 4 + first_len
    with pytest.raises(envelope.EnvelopeError):
        envelope.open_sealed(blob[:cut], centre)
    with pytest.raises(envelope.EnvelopeError, match="不是加密给"):
        envelope.open_sealed(blob, X25519PrivateKey.generate())
