#!/usr/bin/env python3
"""Builds the .zip fixtures of testdata/zip/ (issue 14, .zip input) with Python's zipfile.

Run from the repository root: python3 scripts/make-zip-fixtures.py
The output is deterministic (fixed timestamps, fixed "random" encryption header), so running it
again gives the same bytes. Sources are files already in testdata/ (named below).
The 100,000-entry archive is not committed (about 10 MB): crates/core/tests/zip_input.rs builds it.
"""
import io
import os
import struct
import zipfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "testdata", "zip")
DATE = (2025, 1, 31, 10, 15, 0)

# KB 4495258 ("TLS negotiation failed with error NoCredentials"): the Send log and the
# certificate it names, as testdata/samples/ holds them.
SEND_LOG = os.path.join(ROOT, "testdata", "samples", "SEND20240502-1.LOG")
CERT = os.path.join(ROOT, "testdata", "samples", "testservereku.contoso.com.cer")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def info(name, method=zipfile.ZIP_DEFLATED):
    zi = zipfile.ZipInfo(name, date_time=DATE)
    zi.compress_type = method
    zi.create_system = 0  # MS-DOS, as .NET's ZipArchive writes
    zi.external_attr = 0x20  # FILE_ATTRIBUTE_ARCHIVE
    return zi


def zip_bytes(entries):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data, method in entries:
            z.writestr(info(name, method), data)
    return buf.getvalue()


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    print(f"testdata/zip/{name}: {len(data)} bytes")


# --- Traditional PKWARE encryption (APPNOTE 6.1), "ZipCrypto" -------------------------------
CRC_TABLE = []
for n in range(256):
    c = n
    for _ in range(8):
        c = (c >> 1) ^ 0xEDB88320 if c & 1 else c >> 1
    CRC_TABLE.append(c)


def crc_byte(crc, b):
    return CRC_TABLE[(crc ^ b) & 0xFF] ^ (crc >> 8)


class ZipCrypto:
    def __init__(self, password):
        self.k = [0x12345678, 0x23456789, 0x34567890]
        for b in password:
            self.update(b)

    def update(self, b):
        k = self.k
        k[0] = crc_byte(k[0], b)
        k[1] = ((k[1] + (k[0] & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        k[2] = crc_byte(k[2], k[1] >> 24)

    def encrypt(self, data):
        out = bytearray()
        for p in data:
            t = (self.k[2] | 2) & 0xFFFF
            out.append(p ^ (((t * (t ^ 1)) >> 8) & 0xFF))
            self.update(p)
        return bytes(out)


def encrypted_zip(name, data, password, then):
    """A stored entry encrypted with ZipCrypto (flag bit 0), then the entries of `then` in clear."""
    crc = zlib.crc32(data) & 0xFFFFFFFF
    header = bytes(range(0x41, 0x41 + 11)) + bytes([crc >> 24])  # 6.1.6: last byte = CRC high byte
    body = ZipCrypto(password).encrypt(header + data)
    raw_name = name.encode()
    dos_time = (DATE[3] << 11) | (DATE[4] << 5) | (DATE[5] // 2)
    dos_date = ((DATE[0] - 1980) << 9) | (DATE[1] << 5) | DATE[2]
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x0001, 0, dos_time, dos_date,
                        crc, len(body), len(data), len(raw_name), 0) + raw_name + body
    # The clear entries follow, written by zipfile, their offsets moved by len(local).
    rest = zip_bytes(then)
    cd_at = rest.rfind(b"PK\x01\x02", 0, rest.rfind(b"PK\x05\x06"))
    first_cd = rest.find(b"PK\x01\x02")
    entries_part, cd_part = rest[:first_cd], bytearray(rest[first_cd:])
    del cd_at
    # Shift the local header offsets of the clear entries' central headers.
    pos = 0
    count = 0
    while cd_part[pos:pos + 4] == b"PK\x01\x02":
        n, m, k = struct.unpack_from("<HHH", cd_part, pos + 28)
        off = struct.unpack_from("<I", cd_part, pos + 42)[0]
        struct.pack_into("<I", cd_part, pos + 42, off + len(local))
        pos += 46 + n + m + k
        count += 1
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x0001, 0, dos_time,
                          dos_date, crc, len(body), len(data), len(raw_name), 0, 0, 0, 0, 0x20,
                          0) + raw_name
    clear_cd = bytes(cd_part[:pos])
    cd = central + clear_cd
    cd_offset = len(local) + len(entries_part)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count + 1, count + 1, len(cd), cd_offset, 0)
    return local + entries_part + cd + end


def main():
    os.makedirs(OUT, exist_ok=True)
    log, cer = read(SEND_LOG), read(CERT)
    # Compress-Archive -Path C:\Evidence\* on Windows PowerShell 5.1: deflate, names with "\".
    kb = zip_bytes([
        ("SmtpSend\\SEND20240502-1.LOG", log, zipfile.ZIP_DEFLATED),
        ("testservereku.contoso.com.cer", cer, zipfile.ZIP_DEFLATED),
    ])
    write("kb4495258-compress-archive.zip", kb)
    # The same archive cut after 60 % of its bytes (the log complete, the rest missing).
    write("kb4495258-truncated.zip", kb[: len(kb) * 6 // 10])
    # A zip bomb: 16 MiB of zeros (ratio about 1,000) before the real log.
    write("bomb-ratio.zip", zip_bytes([
        ("zeros.log", b"\0" * (16 << 20), zipfile.ZIP_DEFLATED),
        ("SmtpSend/SEND20240502-1.LOG", log, zipfile.ZIP_DEFLATED),
    ]))
    # An encrypted certificate (ZipCrypto, password "contoso") before the log in clear.
    write("encrypted-zipcrypto.zip", encrypted_zip(
        "testservereku.contoso.com.cer", cer, b"contoso",
        [("SmtpSend/SEND20240502-1.LOG", log, zipfile.ZIP_DEFLATED)]))
    # Zip in a zip in a zip: the middle one is read, the innermost is not (nesting depth 1).
    innermost = zip_bytes([("deep/SEND20240502-1.LOG", log, zipfile.ZIP_DEFLATED)])
    middle = zip_bytes([
        ("server1/SEND20240502-1.LOG", log, zipfile.ZIP_DEFLATED),
        ("server1/older.zip", innermost, zipfile.ZIP_STORED),
    ])
    write("nested-three-deep.zip", zip_bytes([
        ("evidence/server1.zip", middle, zipfile.ZIP_DEFLATED),
        ("evidence/testservereku.contoso.com.cer", cer, zipfile.ZIP_DEFLATED),
    ]))


if __name__ == "__main__":
    main()
