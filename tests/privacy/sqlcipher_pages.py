"""Decrypt every page of a SQLCipher 4 file ourselves, free pages included.

Independent of SQLCipher: with a raw key (PRAGMA key = "x'...'") SQLCipher 4
uses the key itself for AES-256-CBC; each 4096-byte page ends in 80 reserved
bytes (16 IV, 64 HMAC-SHA512). The HMAC key is PBKDF2-HMAC-SHA512 of the key
over the file's salt (its first 16 bytes) XOR 0x3a, 2 iterations, 32 bytes,
and covers the page's ciphertext, its IV and the page number (4 bytes, little
endian). Checking every HMAC proves each page was decrypted with the right
key, so "string not found" cannot come from a wrong decryption.
"""

from __future__ import annotations

import hashlib
import hmac
import struct
from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE_SIZE = 4096
SALT_SIZE = 16
IV_SIZE = 16
HMAC_SIZE = 64
RESERVE = IV_SIZE + HMAC_SIZE
HEADER = b"SQLite format 3\x00"


def decrypt_pages(path: Path, key: bytes) -> list[bytes]:
    data = path.read_bytes()
    assert data and len(data) % PAGE_SIZE == 0, len(data)
    salt = data[:SALT_SIZE]
    hmac_key = hashlib.pbkdf2_hmac("sha512", key, bytes(b ^ 0x3A for b in salt), 2, 32)
    pages = []
    for index in range(len(data) // PAGE_SIZE):
        page = data[index * PAGE_SIZE:(index + 1) * PAGE_SIZE]
        start = SALT_SIZE if index == 0 else 0
        body = page[start:PAGE_SIZE - RESERVE]
        iv = page[PAGE_SIZE - RESERVE:PAGE_SIZE - HMAC_SIZE]
        mac = page[PAGE_SIZE - HMAC_SIZE:]
        expected = hmac.new(hmac_key, body + iv + struct.pack("<I", index + 1),
                            hashlib.sha512).digest()
        assert hmac.compare_digest(mac, expected), f"HMAC of page {index + 1} does not match"
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        plain = decryptor.update(body) + decryptor.finalize()
        pages.append(HEADER + plain if index == 0 else plain)
    first = pages[0]
    assert first.startswith(HEADER)
    # The decrypted header must say what SQLCipher 4 writes: 4096-byte pages, 80 reserved.
    assert struct.unpack(">H", first[16:18])[0] == PAGE_SIZE and first[20] == RESERVE
    return pages


def found(path: Path, key: bytes, needles: list[str]) -> set[str]:
    """Which of the strings (UTF-8) occur anywhere in the decrypted file."""
    plain = b"".join(decrypt_pages(path, key))
    return {needle for needle in needles if needle.encode("utf-8") in plain}
