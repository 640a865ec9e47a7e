#!/usr/bin/env python3
"""Draws the installed page's PNG icons (web/icon-192.png, web/icon-512.png) from the same
shapes as web/icon.svg (a padlock on a blue rounded square), with the standard library only."""
import struct
import zlib
from pathlib import Path

BLUE = (0x0B, 0x5C, 0xAD)
WHITE = (0xFF, 0xFF, 0xFF)


def colour(x: float, y: float) -> tuple | None:
    """The colour at (x, y) in the SVG's 64x64 box, None outside the rounded square."""
    r = 12
    cx, cy = min(max(x, r), 64 - r), min(max(y, r), 64 - r)
    if (x - cx) ** 2 + (y - cy) ** 2 > r * r:
        return None
    # keyhole
    if (x - 32) ** 2 + (y - 38) ** 2 <= 3.5**2 or (30.5 <= x <= 33.5 and 39 <= y <= 45):
        return BLUE
    # body
    if 18 <= x <= 46 and 28 <= y <= 50:
        return WHITE
    # shackle: a ring of radius 8 (stroke 5) above y=22, and its legs down to the body
    d = ((x - 32) ** 2 + (y - 22) ** 2) ** 0.5
    if y <= 22 and 5.5 <= d <= 10.5:
        return WHITE
    if 22 <= y <= 28 and (21.5 <= x <= 26.5 or 37.5 <= x <= 42.5):
        return WHITE
    return BLUE


def png(size: int) -> bytes:
    rows = bytearray()
    for py in range(size):
        rows.append(0)
        for px in range(size):
            # 4x4 supersampling for smooth edges
            acc = [0, 0, 0, 0]
            for sy in range(4):
                for sx in range(4):
                    c = colour((px + (sx + 0.5) / 4) * 64 / size, (py + (sy + 0.5) / 4) * 64 / size)
                    if c is not None:
                        acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 255
            n = 16
            alpha = acc[3] // n
            if alpha:
                k = acc[3] / 255
                rows += bytes((round(acc[0] / k), round(acc[1] / k), round(acc[2] / k), alpha))
            else:
                rows += bytes(4)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b"")


if __name__ == "__main__":
    web = Path(__file__).resolve().parent.parent / "web"
    for size in (192, 512):
        (web / f"icon-{size}.png").write_bytes(png(size))
        print(f"web/icon-{size}.png")
