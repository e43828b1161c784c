"""QR code matrices for printing in bulk: byte mode, error correction M, mask 0, in numpy.

A certificate batch prints hundreds of QR codes; a pure Python encoder spends 2-3 ms on each
(Reed-Solomon over GF(256) and placing some 3,000 modules one at a time).  Here everything that
depends only on the version is computed once: the function patterns with the format and version
information for (M, mask 0), taken from the ``qrcode`` library's own template; the zigzag order
of the data modules; the Reed-Solomon remainders of each data position as a table, so that the
error correction of a code is one table lookup and one XOR reduction.  Each code is then a few
array operations.  The bytes are placed in byte mode without an ECI designator (readers take
UTF-8 from the bytes, as OpenCV's does).  ``tests/unit/test_qr_matrix.py`` checks the result
module for module against ``qrcode`` and decodes it with OpenCV.
"""

from __future__ import annotations

import functools

import numpy as np
from qrcode.base import rs_blocks
from qrcode.constants import ERROR_CORRECT_M
from qrcode.main import QRCode

_EXP = np.zeros(512, np.int32)
_LOG = np.zeros(256, np.int32)
_x = 1
for _i in range(255):
    _EXP[_i], _LOG[_x] = _x, _i
    _x <<= 1
    if _x & 0x100:
        _x ^= 0x11D
_EXP[255:510] = _EXP[:255]


def _gf_mul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    out = _EXP[(_LOG[a] + _LOG[b]) % 255]
    return np.where((a == 0) | (b == 0), 0, out)


@functools.lru_cache(maxsize=None)
def _generator(n: int) -> np.ndarray:
    """The generator polynomial of degree n, coefficients highest first (monic)."""
    g = np.array([1], np.int32)
    for i in range(n):
        nxt = np.zeros(len(g) + 1, np.int32)
        nxt[:-1] ^= g
        nxt[1:] ^= _gf_mul(g, np.full(len(g), _EXP[i], np.int32))
        g = nxt
    return g


@functools.lru_cache(maxsize=None)
def _remainders(k: int, ec: int) -> np.ndarray:
    """(k, ec): row j is the remainder of x**(ec + k - 1 - j) modulo the generator, so the
    error correction of data d[0..k) is the XOR over j of d[j] * row j."""
    gen = _generator(ec)[1:]
    rows = np.zeros((k, ec), np.int32)
    rem = np.zeros(ec, np.int32)
    rem_one = gen.copy()  # x**ec mod g
    rows[k - 1] = rem_one
    for j in range(k - 2, -1, -1):  # multiply the previous remainder by x
        lead = rows[j + 1][0]
        rem = np.append(rows[j + 1][1:], 0)
        if lead:
            rem ^= _gf_mul(gen, np.full(ec, lead, np.int32))
        rows[j] = rem
    return rows


def _ecc(data: np.ndarray, ec: int) -> np.ndarray:
    table = _remainders(len(data), ec)
    return np.bitwise_xor.reduce(_gf_mul(np.broadcast_to(data[:, None], table.shape), table), axis=0)


class _Template(QRCode):
    def map_data(self, data, mask_pattern):  # keep the function patterns, place nothing
        self.template = [row[:] for row in self.modules]


@functools.lru_cache(maxsize=None)
def _version(version: int):
    """(template with the data modules 0, their (rows, cols) in placement order, the mask-0 bits
    over them, the blocks [(data, ec)] of error correction M, data capacity in bytes)."""
    q = _Template(version=version, error_correction=ERROR_CORRECT_M, mask_pattern=0)
    q.data_cache = []
    q.makeImpl(False, 0)
    n = version * 4 + 17
    reserved = np.array([[v is not None for v in row] for row in q.template])
    template = np.array([[bool(v) for v in row] for row in q.template])
    rows, cols = [], []
    col, upward = n - 1, True
    while col > 0:
        if col == 6:
            col -= 1
        for r in (range(n - 1, -1, -1) if upward else range(n)):
            for c in (col, col - 1):
                if not reserved[r, c]:
                    rows.append(r)
                    cols.append(c)
        upward, col = not upward, col - 2
    rows_a, cols_a = np.array(rows), np.array(cols)
    blocks = [(b.data_count, b.total_count - b.data_count) for b in rs_blocks(version, ERROR_CORRECT_M)]
    mask = (rows_a + cols_a) % 2 == 0
    return template, rows_a, cols_a, mask, blocks, sum(d for d, _ in blocks)


def _fits(version: int, length: int) -> bool:
    count_bits = 8 if version <= 9 else 16
    blocks = rs_blocks(version, ERROR_CORRECT_M)
    return 4 + count_bits + 8 * length <= 8 * sum(b.data_count for b in blocks)


def qr_matrix(data: bytes) -> np.ndarray:
    """The QR matrix (True = dark, no quiet zone) of ``data`` in byte mode, error correction M, mask 0."""
    version = next((v for v in range(1, 41) if _fits(v, len(data))), None)
    if version is None:
        raise ValueError("QR 内容过长")
    template, rows, cols, mask, blocks, capacity = _version(version)
    count_bits = 8 if version <= 9 else 16
    header = (0b0100 << count_bits) | len(data)
    head_bits = 4 + count_bits
    bits = np.concatenate([
        np.array([(header >> (head_bits - 1 - i)) & 1 for i in range(head_bits)], np.uint8),
        np.unpackbits(np.frombuffer(data, np.uint8)),
    ])
    room = capacity * 8
    bits = np.concatenate([bits, np.zeros(min(4, room - len(bits)), np.uint8)])   # terminator
    bits = np.concatenate([bits, np.zeros(-len(bits) % 8, np.uint8)])               # to a byte
    codewords = np.packbits(bits).astype(np.int32)
    pad = np.resize(np.array([0xEC, 0x11], np.int32), capacity - len(codewords))
    codewords = np.concatenate([codewords, pad])
    data_blocks, ec_blocks, at = [], [], 0
    for k, ec in blocks:
        d = codewords[at:at + k]
        at += k
        data_blocks.append(d)
        ec_blocks.append(_ecc(d, ec))
    longest = max(len(d) for d in data_blocks)
    interleaved = [d[i] for i in range(longest) for d in data_blocks if i < len(d)]
    interleaved += [e[i] for i in range(len(ec_blocks[0])) for e in ec_blocks]
    stream = np.unpackbits(np.array(interleaved, np.uint8))
    placed = np.zeros(len(rows), np.uint8)   # remainder bits stay 0
    placed[:len(stream)] = stream
    matrix = template.copy()
    matrix[rows, cols] = placed.astype(bool) ^ mask
    return matrix
