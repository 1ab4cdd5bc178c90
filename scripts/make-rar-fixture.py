#!/usr/bin/env python3
"""Writes a RAR 4.x archive whose files are stored, not compressed (method 0x30).

There is no free RAR writer in Debian, and WinRAR is what many agencies' clerks use, so
the fixture is written from the published RAR 4.x block layout:

  every block   HEAD_CRC u16, HEAD_TYPE u8, HEAD_FLAGS u16, HEAD_SIZE u16, then its fields;
                HEAD_CRC is the low 16 bits of the CRC-32 of the header from HEAD_TYPE on
  marker        the fixed 7 bytes "Rar!" 1A 07 00
  archive 0x73  RESERVED1 u16, RESERVED2 u32
  file    0x74  PACK_SIZE u32, UNP_SIZE u32, HOST_OS u8, FILE_CRC u32 (CRC-32 of the data),
                FTIME u32 (MS-DOS date and time), UNP_VER u8, METHOD u8, NAME_SIZE u16,
                ATTR u32, FILE_NAME; then PACK_SIZE bytes of data. Flag 0x8000 says data
                follows the header; flag 0x0200 with a name holding no zero byte says the
                name is UTF-8.
  end     0x7B  no fields

    make-rar-fixture.py OUTPUT NAME=SOURCE [NAME=SOURCE...]

NAME is the path stored in the archive, folders separated by backslashes as WinRAR on
Windows writes them.
"""
import struct
import sys
import zlib

MARKER = b"Rar!\x1a\x07\x00"
HOST_WIN32 = 2
UNPACK_VERSION = 29          # RAR 2.9, the version WinRAR 3 and 4 write
METHOD_STORE = 0x30
FLAG_LONG_BLOCK = 0x8000     # ADD_SIZE (here PACK_SIZE) follows and data comes after the header
FLAG_UNICODE_NAME = 0x0200
FLAG_END_NO_NEXT_VOLUME = 0x4000
ATTRIBUTE_ARCHIVE = 0x20     # FILE_ATTRIBUTE_ARCHIVE, as Windows sets on any new file


def block(head_type, flags, fields):
    """A block header: its CRC covers everything from HEAD_TYPE to the end of the header."""
    size = 7 + len(fields)
    body = struct.pack("<BHH", head_type, flags, size) + fields
    return struct.pack("<H", zlib.crc32(body) & 0xFFFF) + body


def dos_time(year, month, day, hour, minute, second):
    date = ((year - 1980) << 9) | (month << 5) | day
    time = (hour << 11) | (minute << 5) | (second // 2)
    return (date << 16) | time


def file_block(name, data, when):
    encoded = name.encode("utf-8")
    flags = FLAG_LONG_BLOCK
    if any(byte >= 0x80 for byte in encoded):
        # No zero byte in the name: the reader takes it as UTF-8 rather than as an OEM name
        # followed by RAR's own compressed UTF-16.
        assert b"\x00" not in encoded
        flags |= FLAG_UNICODE_NAME
    assert len(data) < 1 << 32, "large files need the HIGH_PACK_SIZE fields, not written here"
    fields = struct.pack("<IIBIIBBHI", len(data), len(data), HOST_WIN32, zlib.crc32(data),
                         dos_time(*when), UNPACK_VERSION, METHOD_STORE, len(encoded), ATTRIBUTE_ARCHIVE)
    return block(0x74, flags, fields + encoded) + data


def archive(files, when=(2020, 5, 6, 9, 30, 0)):
    out = bytearray(MARKER)
    out += block(0x73, 0, struct.pack("<HI", 0, 0))
    for name, data in files:
        out += file_block(name, data, when)
    out += block(0x7B, FLAG_END_NO_NEXT_VOLUME, b"")
    return bytes(out)


def main(argv):
    if len(argv) < 3 or any("=" not in pair for pair in argv[2:]):
        sys.exit(__doc__)
    files = []
    for pair in argv[2:]:
        name, source = pair.split("=", 1)
        with open(source, "rb") as f:
            files.append((name, f.read()))
    with open(argv[1], "wb") as f:
        f.write(archive(files))


if __name__ == "__main__":
    main(sys.argv)
