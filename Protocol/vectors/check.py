#!/usr/bin/env python3
"""Independent checker for Kith's protocol vectors.

Verifies identity.json, communities.json, entries.json and log.json from the rules in
Protocol/*.md alone, with no Kith code: BLAKE2b from hashlib, Ed25519 from the `cryptography`
package (OpenSSL), plus the extra checks entries.md rule 6 asks of libraries that lack them, and
CRC-32C and the log reader of log.md written out here.

Usage: python3 Protocol/vectors/check.py      (prints a summary; exits 1 on any mismatch)
"""

import hashlib
import json
import re
import struct
import sys
import unicodedata
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

HERE = Path(__file__).resolve().parent

# entries.md, "Encoding (format version 1)"
HEADER_SIZE = 119
SIGNATURE_SIZE = 64
MIN_ENTRY = HEADER_SIZE + SIGNATURE_SIZE  # 183
MAX_CONTENT = 16_384
MAX_ENTRY = MIN_ENTRY + MAX_CONTENT  # 16,567
HEADER = struct.Struct(">B32s32sQ32sQHI")  # version .. contentLength, big-endian

# log.md, "Segments" and "Records"
SEGMENT_MAGIC = b"KITHSEG1"
SEGMENT_HEADER_SIZE = 16
SEGMENT_NAME = re.compile(r"([0-9]{20})\.kseg")
RECORD_MAGIC = b"KREC"
RECORD_HEADER_SIZE = 12
CRC32C_CHECK = 0xE3069283  # CRC-32C("123456789")

# entries.md, rule 6
GROUP_ORDER = 2**252 + 27742317777372353535851937790883648493
FIELD_PRIME = 2**255 - 19
SMALL_ORDER = {
    bytes(32),
    b"\x01" + bytes(31),
    bytes.fromhex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
    bytes.fromhex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
    b"\xec" + b"\xff" * 30 + b"\x7f",
    b"\xed" + b"\xff" * 30 + b"\x7f",
    b"\xee" + b"\xff" * 30 + b"\x7f",
}


class Checker:
    """Counts checks; remembers what failed."""

    def __init__(self):
        self.passed = 0
        self.failures = []

    def expect(self, condition, what):
        if condition:
            self.passed += 1
        else:
            self.failures.append(what)
            print(f"MISMATCH: {what}")

    def equal(self, actual, expected, what):
        self.expect(actual == expected, f"{what}: got {actual!r}, expected {expected!r}")


def blake2b_256(data, key=b""):
    """conventions.md: BLAKE2b-256(m) and BLAKE2b-256(key: k, m)."""
    return hashlib.blake2b(data, digest_size=32, key=key).digest()


def public_key_from_seed(seed):
    return Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes_raw()


def sign(seed, message):
    return Ed25519PrivateKey.from_private_bytes(seed).sign(message)


def openssl_verify(public_key, signature, message):
    """Plain RFC 8032 verification as OpenSSL does it (S < L, decoding, cofactorless equation)."""
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
        return True
    except (InvalidSignature, ValueError):
        return False


def has_small_order(encoding):
    return encoding[:31] + bytes([encoding[31] & 0x7F]) in SMALL_ORDER


def verify(public_key, signature, message):
    """entries.md rule 6: libsodium's crypto_sign_verify_detached."""
    if int.from_bytes(signature[32:], "little") >= GROUP_ORDER:
        return False
    if has_small_order(signature[:32]):
        return False
    if int.from_bytes(public_key, "little") & ((1 << 255) - 1) >= FIELD_PRIME:
        return False
    if has_small_order(public_key):
        return False
    return openssl_verify(public_key, signature, message)


def decode_entry(data):
    """Fields of an entry at the offsets of entries.md (the caller checks the length first)."""
    version, community, author, sequence, previous, timestamp, content_type, content_length = (
        HEADER.unpack_from(data, 0)
    )
    return {
        "version": version,
        "community": community,
        "author": author,
        "sequence": sequence,
        "previous": previous,
        "timestamp": timestamp,
        "contentType": content_type,
        "contentLength": content_length,
        "content": data[HEADER_SIZE:-SIGNATURE_SIZE],
        "signature": data[-SIGNATURE_SIZE:],
    }


def first_broken_rule(data):
    """entries.md, "Validation of a single entry": the first failing rule, or None if valid."""
    if not MIN_ENTRY <= len(data) <= MAX_ENTRY:
        return "length"
    if data[0] != 0x01:
        return "version"
    fields = decode_entry(data)
    if fields["contentLength"] != len(data) - MIN_ENTRY:
        return "contentLength"
    if fields["sequence"] < 1:
        return "sequence"
    if (fields["previous"] == bytes(32)) != (fields["sequence"] == 1):
        return "previous"
    if not verify(fields["author"], fields["signature"], data[: len(data) - SIGNATURE_SIZE]):
        return "signature"
    return None


def channel_scalar_allowed(character):
    """content.md: a-z 0-9 - _ . or a non-ASCII letter, mark or number."""
    if ord(character) < 0x80:
        return character in "abcdefghijklmnopqrstuvwxyz0123456789-_."
    return unicodedata.category(character)[0] in "LMN"


def decode_content(content_type, content):
    """content.md: the decoded content as the vectors write it."""
    malformed = {"kind": "malformed"}
    if content_type in (1, 4):  # post, topic: channelLength, channel, text
        if not content:
            return malformed
        length = content[0]
        if not 1 <= length <= 64 or len(content) < 1 + length:
            return malformed
        try:
            channel = content[1 : 1 + length].decode("utf-8")
            text = content[1 + length :].decode("utf-8")
        except UnicodeDecodeError:
            return malformed
        if not all(channel_scalar_allowed(c) for c in channel):
            return malformed
        if "\x00" in text:
            return malformed
        if content_type == 1:
            return {"kind": "post", "channel": channel, "text": text} if text else malformed
        if len(content) - 1 - length > 512:
            return malformed
        return {"kind": "topic", "channel": channel, "text": text}
    if content_type == 2:  # about
        if not 1 <= len(content) <= 64:
            return malformed
        try:
            name = content.decode("utf-8")
        except UnicodeDecodeError:
            return malformed
        if any(ord(c) < 0x20 or ord(c) == 0x7F for c in name):
            return malformed
        return {"kind": "about", "name": name}
    if content_type == 3:  # private: version, ephemeralPublic, nonce, senderSlot, ciphertext and tag
        if not content or content[0] != 1:
            return malformed
        if len(content) < 89 + 64 + 16 or (len(content) - 89 - 16) % 64 != 0:
            return malformed
        return {
            "kind": "private",
            "version": 1,
            "ephemeralPublic": content[1:33].hex(),
            "nonce": content[33:57].hex(),
            "senderSlot": content[57:89].hex(),
            "plaintextLength": len(content) - 89 - 16,
        }
    return {"kind": "unknown"}


def check_source(check, source, value, what):
    """Checks a seed or key described as BLAKE2b-256("text") or as the bytes 0x00 to 0x1f."""
    match = re.fullmatch(r'BLAKE2b-256\("(.*)"\)', source)
    if match:
        check.equal(value.hex(), blake2b_256(match.group(1).encode()).hex(), f"{what} source")
    elif source == "the 32 bytes 0x00, 0x01, ..., 0x1f":
        check.equal(value, bytes(range(32)), f"{what} source")


def fingerprint(digest, groups):
    text = digest[:8].hex()
    return "-".join(text[i * 4 : i * 4 + 4] for i in range(groups))


def check_identity(check, document):
    for key in document["keys"]:
        name = f"identity {key['name']}"
        seed = bytes.fromhex(key["seed"])
        public_key = public_key_from_seed(seed)
        check.equal(public_key.hex(), key["publicKey"], f"{name} public key")
        digest = blake2b_256(public_key)
        check.equal(digest.hex(), key["fingerprintDigest"], f"{name} fingerprint digest")
        check.equal(fingerprint(digest, 4), key["fingerprint"], f"{name} fingerprint")
        check.equal(fingerprint(digest, 2), key["fingerprintShort"], f"{name} short fingerprint")
        check.equal(key["keyFile"], (b"KITHKEY1" + seed).hex(), f"{name} key file")
        check.equal(len(bytes.fromhex(key["keyFile"])), 40, f"{name} key file length")
        message = bytes.fromhex(key["message"])
        signature = bytes.fromhex(key["signature"])
        check.equal(sign(seed, message).hex(), key["signature"], f"{name} signature")
        check.expect(verify(public_key, signature, message), f"{name} signature verifies")
        check_source(check, key["seedSource"], seed, name)


def check_communities(check, document):
    message = document["idDerivationMessage"].encode()
    check.equal(document["idDerivationMessage"], "kith community id v1", "id derivation message")
    default = document["default"]
    check.equal(default["name"], "lobby", "default community name")
    check.equal(
        default["key"], blake2b_256(b"kith default community v1").hex(), "default community key"
    )
    for community in [default] + document["communities"]:
        key = bytes.fromhex(community["key"])
        check.equal(blake2b_256(message, key=key).hex(), community["id"], f"{community['name']} id")
        check_source(check, community["keySource"], key, community["name"])


def check_entries(check, document, community_ids):
    seeds = {}
    for author in document["authors"]:
        seed = bytes.fromhex(author["seed"])
        check.equal(public_key_from_seed(seed).hex(), author["publicKey"], f"{author['name']} key")
        check_source(check, author["seedSource"], seed, author["name"])
        seeds[author["name"]] = seed
    for community in document["communities"]:
        check.equal(community["id"], community_ids.get(community["name"]), community["name"])

    entries = {}
    for vector in document["entries"]:
        name = vector["name"]
        data = bytes.fromhex(vector["hex"])
        check.equal(first_broken_rule(data), None, f"{name} is valid")
        fields = decode_entry(data)
        expected = vector["fields"]
        for field in ("version", "sequence", "timestamp", "contentType", "contentLength"):
            check.equal(fields[field], expected[field], f"{name} {field}")
        for field in ("community", "author", "previous", "content", "signature"):
            check.equal(fields[field].hex(), expected[field], f"{name} {field}")
        check.equal(blake2b_256(data).hex(), vector["id"], f"{name} id")
        check.equal(fields["community"].hex(), community_ids.get(vector["community"]), f"{name} community")

        # Encode again from the fields and sign with the author's seed (Ed25519 is deterministic).
        seed = seeds[vector["author"]]
        header = HEADER.pack(
            expected["version"],
            bytes.fromhex(expected["community"]),
            public_key_from_seed(seed),
            expected["sequence"],
            bytes.fromhex(expected["previous"]),
            expected["timestamp"],
            expected["contentType"],
            expected["contentLength"],
        )
        signing_input = header + bytes.fromhex(expected["content"])
        check.equal((signing_input + sign(seed, signing_input)).hex(), vector["hex"], f"{name} bytes")
        check.equal(
            decode_content(fields["contentType"], fields["content"]),
            vector["decodedContent"],
            f"{name} content",
        )
        entries[name] = fields | {"id": blake2b_256(data)}

    plain_accepts = []
    for vector in document["invalid"]:
        data = bytes.fromhex(vector["hex"])
        check.equal(first_broken_rule(data), vector["rule"], f"invalid {vector['name']} rule")
        if vector["rule"] == "signature":
            fields = decode_entry(data)
            if openssl_verify(fields["author"], fields["signature"], data[:-SIGNATURE_SIZE]):
                plain_accepts.append(vector["name"])
    return entries, plain_accepts


def check_current_topics(check, document):
    """content.md, topic: per community and channel, the well-formed topic entry with the greatest
    timestamp, ties broken by the greater id (bytewise); the same whatever order entries arrive in."""
    for order in (document["entries"], list(reversed(document["entries"]))):
        winners = {}  # (community, channel) -> (timestamp, id, name, text)
        for vector in order:
            fields = decode_entry(bytes.fromhex(vector["hex"]))
            content = decode_content(fields["contentType"], fields["content"])
            if content["kind"] != "topic":
                continue
            key = (vector["community"], content["channel"])
            candidate = (fields["timestamp"], blake2b_256(bytes.fromhex(vector["hex"])), vector["name"], content["text"])
            if key not in winners or candidate[:2] > winners[key][:2]:
                winners[key] = candidate
        expected = {(t["community"], t["channel"]): (t["entry"], t["text"]) for t in document["currentTopics"]}
        check.equal({k: (v[2], v[3]) for k, v in winners.items()}, expected, "current topics")
    check.expect(len(document["currentTopics"]) > 0, "entries.json has current topics")


def check_chain_steps(check, steps, entries):
    """entries.md, "Chains" and "Forks", replayed on an empty log."""
    heads = {}  # (author, community) -> [sequence, id, forked]
    held = set()
    for index, step in enumerate(steps):
        entry = entries[step["entry"]]
        chain = (entry["author"], entry["community"])
        sequence, head_id, forked = heads.get(chain, [0, bytes(32), False])
        if entry["id"] in held:
            decision = {"decision": "duplicate"}
        elif entry["sequence"] == sequence + 1 and entry["previous"] == head_id:
            decision = {"decision": "append"}
        elif entry["sequence"] == sequence + 1:
            decision = {"decision": "forkIgnored"} if forked else {"decision": "fork", "forkKind": "brokenLink"}
        elif entry["sequence"] > sequence + 1:
            decision = {"decision": "gap", "expected": sequence + 1}
        else:
            decision = {"decision": "forkIgnored"} if forked else {"decision": "fork", "forkKind": "sameSequence"}

        if decision["decision"] == "append":
            held.add(entry["id"])
            heads[chain] = [entry["sequence"], entry["id"], forked]
        elif decision["decision"] == "fork":
            held.add(entry["id"])
            heads[chain][2] = True
        check.equal(
            decision, {k: v for k, v in step.items() if k != "entry"}, f"chain step {index} ({step['entry']})"
        )


def make_crc32c_table():
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
        table.append(crc)
    return table


CRC32C_TABLE = make_crc32c_table()


def crc32c(data):
    """log.md: the Castagnoli CRC, reflected polynomial 0x82F63B78, init and final XOR 0xFFFFFFFF."""
    crc = 0xFFFFFFFF
    for byte in data:
        crc = (crc >> 8) ^ CRC32C_TABLE[(crc ^ byte) & 0xFF]
    return crc ^ 0xFFFFFFFF


def sound_record_length(data, p):
    """log.md: the payload length of the sound record at position p of a segment file, or None."""
    if len(data) - p < RECORD_HEADER_SIZE or data[p : p + 4] != RECORD_MAGIC:
        return None
    length, checksum = struct.unpack_from(">II", data, p + 4)
    if not 1 <= length <= MAX_ENTRY or len(data) - p - RECORD_HEADER_SIZE < length:  # 16,567
        return None
    payload = data[p + RECORD_HEADER_SIZE : p + RECORD_HEADER_SIZE + length]
    if crc32c(data[p + 4 : p + 8] + payload) != checksum:
        return None
    return length


def read_segment(data, base):
    """log.md, "Reading and recovery", for one segment whose header is right: the records
    [(log offset, payload)], the corrupt regions [(log offset, size)] and the torn tail
    (log offset, size) or None."""
    records, corrupt = [], []
    p = SEGMENT_HEADER_SIZE
    while p != len(data):
        length = sound_record_length(data, p)
        if length is not None:
            records.append((base + p, data[p + RECORD_HEADER_SIZE : p + RECORD_HEADER_SIZE + length]))
            p += RECORD_HEADER_SIZE + length
            continue
        q = data.find(RECORD_MAGIC, p + 1)
        while q != -1 and sound_record_length(data, q) is None:
            q = data.find(RECORD_MAGIC, q + 1)
        if q == -1:
            return records, corrupt, (base + p, len(data) - p)
        corrupt.append((base + p, q - p))
        p = q
    return records, corrupt, None


def check_log(check, document, entries_document):
    """log.json: CRC-32C values, the segment and its records, and the recovery cases."""
    for vector in document["crc32c"]:
        value = crc32c(bytes.fromhex(vector["input"]))
        check.equal(f"{value:08x}", vector["crc32c"], f"crc32c {vector['name']}")
    check.equal(crc32c(b"123456789"), CRC32C_CHECK, "crc32c check value of log.md")
    listed = {(v["input"], v["crc32c"]) for v in document["crc32c"]}
    check.expect(
        (b"123456789".hex(), f"{CRC32C_CHECK:08x}") in listed, "log.json lists the check value of log.md"
    )

    entry_names = {bytes.fromhex(e["hex"]): e["name"] for e in entries_document["entries"]}
    segment = document["segment"]
    data = bytes.fromhex(segment["hex"])
    base = segment["baseOffset"]
    name = SEGMENT_NAME.fullmatch(segment["fileName"])
    check.expect(name is not None, f"segment file name {segment['fileName']}")
    check.equal(int(name.group(1)) if name else None, base, "segment file name's base offset")
    check.equal(len(data), segment["size"], "segment size")
    check.equal(data[:8], SEGMENT_MAGIC, "segment magic")
    check.equal(int.from_bytes(data[8:16], "big"), base, "segment header base offset")

    records, corrupt, tail = read_segment(data, base)
    check.equal(corrupt, [], "segment corrupt regions")
    check.equal(tail, None, "segment torn tail")
    check.equal(len(records), len(segment["records"]), "segment record count")
    offset = base + SEGMENT_HEADER_SIZE
    for record, (read_offset, payload) in zip(segment["records"], records):
        what = f"log record {record['entry']}"
        raw = bytes.fromhex(record["hex"])
        magic, length, checksum = struct.unpack_from(">4sII", raw, 0)
        check.equal(record["offset"], offset, f"{what} offset follows the previous record")
        check.equal(read_offset, record["offset"], f"{what} offset")
        check.equal(data[offset - base : offset - base + len(raw)], raw, f"{what} bytes in the segment")
        check.equal(magic, RECORD_MAGIC, f"{what} magic")
        check.equal(length, record["length"], f"{what} length field")
        check.equal(len(raw), RECORD_HEADER_SIZE + length, f"{what} size")
        check.equal(f"{checksum:08x}", record["checksum"], f"{what} checksum field")
        check.equal(crc32c(raw[4:8] + raw[RECORD_HEADER_SIZE:]), checksum, f"{what} checksum")
        check.equal(payload, raw[RECORD_HEADER_SIZE:], f"{what} payload")
        check.equal(entry_names.get(payload), record["entry"], f"{what} payload is that entry")
        offset += len(raw)
    check.equal(offset - base, len(data), "segment ends after its last record")

    for case in document["recovery"]:
        what = f"log recovery {case['name']}"
        damaged = bytearray(data)
        if "truncateTo" in case:
            del damaged[case["truncateTo"] :]
        if "flipPosition" in case:
            damaged[case["flipPosition"]] ^= 0xFF
        if "appended" in case:
            damaged += bytes.fromhex(case["appended"])
        check.equal(bytes(damaged).hex(), case["hex"], f"{what} bytes")
        case_data = bytes.fromhex(case["hex"])
        records, corrupt, tail = read_segment(case_data, base)
        read = []
        for record_offset, payload in records:
            name = entry_names.get(payload)
            if name is None:  # log.md: a sound record whose payload is not a valid entry
                read.append({"offset": record_offset, "entry": None, "notAnEntry": first_broken_rule(payload)})
            else:
                read.append({"offset": record_offset, "entry": name})
        check.equal(read, case["records"], f"{what} records")
        regions = [{"offset": o, "size": n} for o, n in corrupt]
        check.equal(regions, case["corruptRegions"], f"{what} corrupt regions")
        check.equal(tail and {"offset": tail[0], "size": tail[1]}, case["tornTail"], f"{what} torn tail")
        # A writer that opens the log cuts a torn tail in its last segment (here the only one).
        size_after = tail[0] - base if tail else len(case_data)
        check.equal(size_after, case["sizeAfterWriterOpens"], f"{what} size after a writer opens the log")

    # The signed-sequence file: magic, then two 80-byte records per chain (log.md).
    signed = document["signedSequences"]
    data = bytes.fromhex(signed["hex"])
    check.equal(data[:8], b"KITHSIG1", "signed-sequence file magic")
    check.equal((len(data) - 8) % 80, 0, "signed-sequence file holds whole records")
    found = {}
    for index in range((len(data) - 8) // 80):
        record = data[8 + 80 * index : 8 + 80 * (index + 1)]
        (stored,) = struct.unpack_from(">I", record, 72)
        if crc32c(record[:72]) != stored or record[76:] != bytes(4):
            continue
        chain = (record[:32].hex(), record[32:64].hex())
        (sequence,) = struct.unpack_from(">Q", record, 64)
        check.equal(index % 2, sequence % 2, f"signed sequence {sequence} is in its parity's record")
        found[chain] = max(found.get(chain, 0), sequence)
    check.equal(found, {(signed["author"], signed["community"]): signed["lastSigned"]}, "last signed sequence")


def decode_arrival(data):
    """log.md, "The arrivals file": a 64-byte record's fields, or None when it is not sound."""
    if len(data) != 64 or struct.unpack(">I", data[60:64])[0] != crc32c(data[:60]):
        return None
    offset, time, source = struct.unpack(">QQB", data[:17])
    peer = data[20:52]
    if data[17:20] != bytes(3) or source not in (0, 1, 2) or (source == 0 and peer != bytes(32)):
        return None
    return offset, time, source, (peer.hex() if source != 0 else ""), data[52:60].hex()


def read_arrivals(data, magic):
    """The sound records of an arrivals file, in order; a torn last record is ignored."""
    if data[:8] != magic:
        return []
    starts = range(8, len(data) - 63, 64)
    return [r for r in (decode_arrival(data[p:p + 64]) for p in starts) if r is not None]


def check_arrivals(check, document):
    magic = bytes.fromhex(document["magic"])
    check.equal(magic, b"KITHARV1", "arrivals magic")
    fields = []
    for record in document["records"]:
        peer = bytes.fromhex(record["peer"]) if record["peer"] else bytes(32)
        body = struct.pack(">QQB3x", record["logOffset"], record["time"], record["source"])
        body += peer + bytes.fromhex(record["idPrefix"])
        encoded = body + struct.pack(">I", crc32c(body))
        check.equal(encoded.hex(), record["hex"], f"arrival {record['name']}")
        expected = (record["logOffset"], record["time"], record["source"], record["peer"],
                    record["idPrefix"])
        check.equal(decode_arrival(encoded), expected, f"arrival {record['name']} decoded")
        fields.append(expected)
    file = bytes.fromhex(document["file"])
    check.equal(file, magic + b"".join(bytes.fromhex(r["hex"]) for r in document["records"]),
                "arrivals file")
    check.equal(read_arrivals(file, magic), fields, "arrivals file read")
    check.equal(read_arrivals(bytes.fromhex(document["tornFile"]), magic), fields[:-1],
                "arrivals torn file read")
    for case in document["invalid"]:
        check.equal(decode_arrival(bytes.fromhex(case["hex"])), None, f"arrival {case['name']}")


def main():
    check = Checker()
    load = lambda name: json.loads((HERE / name).read_text(encoding="utf-8"))
    identity, communities, entries = load("identity.json"), load("communities.json"), load("entries.json")

    check_identity(check, identity)
    check_communities(check, communities)
    community_ids = {communities["default"]["name"]: communities["default"]["id"]}
    community_ids |= {c["name"]: c["id"] for c in communities["communities"]}
    held_entries, plain_accepts = check_entries(check, entries, community_ids)
    check_chain_steps(check, entries["chainSteps"], held_entries)
    check_current_topics(check, entries)
    log = load("log.json")
    check_log(check, log, entries)
    arrivals = load("arrivals.json")
    check_arrivals(check, arrivals)

    print(
        f"identity.json: {len(identity['keys'])} keys; "
        f"communities.json: {1 + len(communities['communities'])} communities; "
        f"entries.json: {len(entries['entries'])} entries, {len(entries['invalid'])} invalid cases, "
        f"{len(entries['chainSteps'])} chain steps, {len(entries['currentTopics'])} current topics; "
        f"log.json: {len(log['crc32c'])} CRC-32C values, {len(log['segment']['records'])} records, "
        f"{len(log['recovery'])} recovery cases; "
        f"arrivals.json: {len(arrivals['records'])} records, {len(arrivals['invalid'])} invalid"
    )
    if plain_accepts:
        print(
            "note: plain OpenSSL verification alone would accept "
            + ", ".join(plain_accepts)
            + "; rule 6's extra checks reject them"
        )
    print(f"vectors: {check.passed} passed, {len(check.failures)} failed")
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
