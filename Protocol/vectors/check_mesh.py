#!/usr/bin/env python3
"""Independent checker for Kith's mesh vectors.

Verifies invite.json, beacon.json, entry-datagram.json, handshake.json, frames.json, private.json and replication.json
from the rules in invites.md, discovery.md, fastpath.md, sessions.md, content.md and replication.md alone, with no Kith code: BLAKE2b from hashlib; X25519, Ed25519 and
ChaCha20-Poly1305 from the `cryptography` package (OpenSSL); HChaCha20 (for XChaCha20-Poly1305)
and the Ed25519-to-X25519 conversions written out below.

Usage: python3 Protocol/vectors/check_mesh.py   (prints a summary; exits 1 on any mismatch)
"""

import hashlib
import json
import struct
import sys
from pathlib import Path

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.asymmetric.x25519 import (
    X25519PrivateKey,
    X25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

HERE = Path(__file__).resolve().parent
FIELD_PRIME = 2**255 - 19


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

    def equal(self, actual, expected, what):
        self.expect(actual == expected, f"{what}: got {actual!r}, expected {expected!r}")


def blake2b(data, key=b""):
    """BLAKE2b-256, keyed when key is not empty (conventions.md)."""
    return hashlib.blake2b(data, digest_size=32, key=key).digest()


def load(name):
    with open(HERE / name, encoding="utf-8") as handle:
        return json.load(handle)


# --- primitives not in `cryptography` -------------------------------------------------------------


def hchacha20(key, nonce16):
    """HChaCha20 (draft-irtf-cfrg-xchacha, section 2.2)."""

    def rotate(value, count):
        return ((value << count) & 0xFFFFFFFF) | (value >> (32 - count))

    def quarter(state, a, b, c, d):
        state[a] = (state[a] + state[b]) & 0xFFFFFFFF
        state[d] = rotate(state[d] ^ state[a], 16)
        state[c] = (state[c] + state[d]) & 0xFFFFFFFF
        state[b] = rotate(state[b] ^ state[c], 12)
        state[a] = (state[a] + state[b]) & 0xFFFFFFFF
        state[d] = rotate(state[d] ^ state[a], 8)
        state[c] = (state[c] + state[d]) & 0xFFFFFFFF
        state[b] = rotate(state[b] ^ state[c], 7)

    state = list(struct.unpack("<4I", b"expand 32-byte k"))
    state += list(struct.unpack("<8I", key))
    state += list(struct.unpack("<4I", nonce16))
    for _ in range(10):
        quarter(state, 0, 4, 8, 12)
        quarter(state, 1, 5, 9, 13)
        quarter(state, 2, 6, 10, 14)
        quarter(state, 3, 7, 11, 15)
        quarter(state, 0, 5, 10, 15)
        quarter(state, 1, 6, 11, 12)
        quarter(state, 2, 7, 8, 13)
        quarter(state, 3, 4, 9, 14)
    return struct.pack("<8I", *(state[0:4] + state[12:16]))


def xchacha_seal(key, nonce24, plaintext, associated):
    """XChaCha20-Poly1305: ChaCha20-Poly1305 under HChaCha20(key, nonce[0:16]), nonce 0^4 ‖ nonce[16:24]."""
    return ChaCha20Poly1305(hchacha20(key, nonce24[:16])).encrypt(
        bytes(4) + nonce24[16:], plaintext, associated
    )


def xchacha_open(key, nonce24, ciphertext, associated):
    try:
        return ChaCha20Poly1305(hchacha20(key, nonce24[:16])).decrypt(
            bytes(4) + nonce24[16:], ciphertext, associated
        )
    except InvalidTag:
        return None


def ed25519_public_to_x25519(public):
    """u = (1 + y) / (1 - y) mod p, from the Edwards y coordinate."""
    y = int.from_bytes(public, "little") & ((1 << 255) - 1)
    u = (1 + y) * pow((1 - y) % FIELD_PRIME, FIELD_PRIME - 2, FIELD_PRIME) % FIELD_PRIME
    return u.to_bytes(32, "little")


def ed25519_seed_to_x25519(seed):
    """The first half of SHA-512(seed), clamped as in RFC 7748."""
    scalar = bytearray(hashlib.sha512(seed).digest()[:32])
    scalar[0] &= 248
    scalar[31] &= 127
    scalar[31] |= 64
    return bytes(scalar)


def x25519(secret, public):
    shared = X25519PrivateKey.from_private_bytes(secret).exchange(
        X25519PublicKey.from_public_bytes(public)
    )
    if shared == bytes(32):
        raise ValueError("all-zero shared secret")
    return shared


def x25519_public(secret):
    return X25519PrivateKey.from_private_bytes(secret).public_key().public_bytes_raw()


def ed25519_public(seed):
    return Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes_raw()


def ed25519_sign(seed, message):
    return Ed25519PrivateKey.from_private_bytes(seed).sign(message)


def ed25519_valid(public, signature, message):
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
        return True
    except InvalidSignature:
        return False


# --- invites.md -----------------------------------------------------------------------------------

ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"


def base32(data):
    bits = "".join(f"{byte:08b}" for byte in data)
    bits += "0" * (-len(bits) % 5)
    return "".join(ALPHABET[int(bits[i : i + 5], 2)] for i in range(0, len(bits), 5))


def invite_payload(name, key, version=1):
    body = bytes([version, len(name)]) + name + key
    return body + hashlib.blake2b(body, digest_size=32).digest()[:4]


# invites.md, "Parsing": the Unicode White_Space code points, trimmed from both ends. (Python's
# str.strip() is not this set: it also strips U+001C to U+001F.)
WHITE_SPACE = frozenset(
    [0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680]
    + list(range(0x2000, 0x200B))
    + [0x2028, 0x2029, 0x202F, 0x205F, 0x3000]
)


def parse_invite(text):
    """Returns (name bytes, key) or raises ValueError(error name, detail)."""
    start, end = 0, len(text)
    while start < end and ord(text[start]) in WHITE_SPACE:
        start += 1
    while end > start and ord(text[end - 1]) in WHITE_SPACE:
        end -= 1
    trimmed = text[start:end]
    lowered = "".join(c.lower() if "A" <= c <= "Z" else c for c in trimmed)
    if not lowered.startswith("kith1"):
        raise ValueError("badPrefix", None)
    values = []
    for position, character in enumerate(lowered):
        if position < 5:
            continue
        if character not in ALPHABET:
            raise ValueError("badCharacter", position)
        values.append(ALPHABET.index(character))
    if len(values) % 8 in (1, 3, 6):
        raise ValueError("badLength", None)
    bits = "".join(f"{value:05b}" for value in values)
    whole = len(bits) // 8 * 8
    payload = bytes(int(bits[i : i + 8], 2) for i in range(0, whole, 8))
    if not 39 <= len(payload) <= 70:
        raise ValueError("badLength", None)
    if "1" in bits[whole:]:
        raise ValueError("badPadding", None)
    if hashlib.blake2b(payload[:-4], digest_size=32).digest()[:4] != payload[-4:]:
        raise ValueError("badChecksum", None)
    if payload[0] != 1:
        raise ValueError("unsupportedVersion", payload[0])
    name_length = payload[1]
    if not 1 <= name_length <= 32 or len(payload) != 38 + name_length:
        raise ValueError("badLength", None)
    name = payload[2 : 2 + name_length]
    try:
        name.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("badName", None)
    if any(byte < 0x20 or byte == 0x7F for byte in name):
        raise ValueError("badName", None)
    return name, payload[2 + name_length : 34 + name_length]


def check_invites(check):
    doc = load("invite.json")
    for case in doc["codes"]:
        name = bytes.fromhex(case["nameHex"])
        key = bytes.fromhex(case["communityKey"])
        check.equal(name, case["name"].encode(), f"invite {case['name']}: nameHex")
        payload = invite_payload(name, key)
        check.equal(payload.hex(), case["payload"], f"invite {case['name']}: payload")
        check.equal("kith1" + base32(payload), case["code"], f"invite {case['name']}: code")
        check.equal(parse_invite(case["code"]), (name, key), f"invite {case['name']}: parse")
    accepted = doc["accepted"]
    check.equal(parse_invite(accepted["text"]), parse_invite(accepted["code"]), "invite: accepted")
    code = doc["codes"][0]["code"]
    expected = parse_invite(code)
    trimmed = [int(point[2:], 16) for point in doc["whiteSpace"]["trimmed"]]
    check.equal(sorted(trimmed), sorted(WHITE_SPACE), "invite: the White_Space code points")
    for point in trimmed:
        character = chr(point)
        check.equal(parse_invite(character + code + character), expected, f"invite: U+{point:04X} trimmed")
    for point in (int(point[2:], 16) for point in doc["whiteSpace"]["notTrimmed"]):
        character = chr(point)
        for text, error in ((character + code, ("badPrefix", None)), (code + character, ("badCharacter", len(code)))):
            try:
                parse_invite(text)
                check.expect(False, f"invite: U+{point:04X} was trimmed")
            except ValueError as failure:
                check.equal(failure.args, error, f"invite: U+{point:04X} not trimmed")
    for case in doc["invalid"]:
        expected = case["expected"]
        try:
            parse_invite(case["code"])
            check.expect(False, f"invite '{case['note']}' parsed")
        except ValueError as error:
            name, detail = error.args
            check.equal(name, expected["error"], f"invite '{case['note']}': error")
            if "position" in expected:
                check.equal(detail, expected["position"], f"invite '{case['note']}': position")
            if "version" in expected:
                check.equal(detail, expected["version"], f"invite '{case['note']}': version")
    return len(doc["codes"]), len(doc["invalid"])


# --- discovery.md ---------------------------------------------------------------------------------


def open_beacon(datagram, keys):
    """discovery.md, "Receiving", rules 1-5. Returns (community name, fields) or the failing rule."""
    if len(datagram) > 256 or len(datagram) < 101:
        return "size"
    if datagram[0:2] != b"KB":
        return "magic"
    if datagram[2] != 1:
        return "version"
    for name, beacon_key in keys:
        plaintext = xchacha_open(beacon_key, datagram[3:27], datagram[27:], datagram[0:3])
        if plaintext is None:
            continue
        if len(plaintext) < 58:
            return "size"
        node, port, boot, counter, time = struct.unpack(">32sH8sQQ", plaintext[:58])
        flags = plaintext[58] if len(plaintext) > 58 else 0
        if port == 0:
            return "port"
        return name, {"nodeKey": node.hex(), "port": port, "bootID": boot.hex(), "counter": counter, "time": time,
                      "flags": flags}
    return "decryption"


def check_beacons(check):
    doc = load("beacon.json")
    label = doc["beaconKeyLabel"].encode()
    keys = {}
    for case in doc["beacons"]:
        community_key = bytes.fromhex(case["communityKey"])
        beacon_key = blake2b(label, key=community_key)
        check.equal(beacon_key.hex(), case["beaconKey"], f"beacon {case['name']}: beaconKey")
        keys[case["community"]] = beacon_key
        fields = case["fields"]
        plaintext = struct.pack(
            ">32sH8sQQ",
            bytes.fromhex(fields["nodeKey"]),
            fields["port"],
            bytes.fromhex(fields["bootID"]),
            fields["counter"],
            fields["time"],
        )
        if case["flagsByte"] == "present":
            plaintext += bytes([fields["flags"]])
        else:
            check.equal(fields["flags"], 0, f"beacon {case['name']}: no flags byte, no flag")
        check.equal(plaintext.hex(), case["plaintext"], f"beacon {case['name']}: plaintext")
        nonce = bytes.fromhex(case["nonce"])
        header = b"KB\x01"
        check.equal(header.hex(), case["associatedData"], f"beacon {case['name']}: associated data")
        datagram = header + nonce + xchacha_seal(beacon_key, nonce, plaintext, header)
        check.equal(datagram.hex(), case["datagram"], f"beacon {case['name']}: datagram")
        size = 102 if case["flagsByte"] == "present" else 101
        check.equal(len(datagram), size, f"beacon {case['name']}: size")
    receiver = [(name, keys[name]) for name in doc["receiverCommunities"]]
    for case in doc["beacons"]:
        fields = dict(case["fields"])
        del fields["bootIDSource"]
        opened = open_beacon(bytes.fromhex(case["datagram"]), receiver)
        check.equal(opened, (case["community"], fields), f"beacon {case['name']}: opened")
    for case in doc["dropped"]:
        result = open_beacon(bytes.fromhex(case["datagram"]), receiver)
        check.equal(result, case["rule"], f"beacon dropped '{case['name']}'")
    return len(doc["beacons"]), len(doc["dropped"])


# --- fastpath.md ---------------------------------------------------------------------------------


def entry_well_formed(entry):
    """entries.md, "Validation of a single entry", rules 1-5 (the signature is checked later)."""
    if len(entry) < 183 or len(entry) > 16567 or entry[0] != 1:
        return False
    (content_length,) = struct.unpack(">I", entry[115:119])
    (sequence,) = struct.unpack(">Q", entry[65:73])
    previous_zero = entry[73:105] == bytes(32)
    return content_length == len(entry) - 183 and sequence >= 1 and previous_zero == (sequence == 1)


def open_entry_datagram(datagram, keys):
    """fastpath.md, "Receiving", rules 2-7. Returns (community name, fields) or the failing rule."""
    if len(datagram) > 1452 or len(datagram) < 282:
        return "size"
    if datagram[0:2] != b"KE":
        return "magic"
    if datagram[2] != 1:
        return "version"
    for name, key, community_id in keys:
        plaintext = xchacha_open(key, datagram[3:27], datagram[27:], datagram[0:3])
        if plaintext is None:
            continue
        node, boot, counter, time = struct.unpack(">32s8sQQ", plaintext[:56])
        entry = plaintext[56:]
        if not entry_well_formed(entry):
            return "entry"
        if entry[33:65] != node:
            return "author"
        if entry[1:33] != community_id:
            return "community"
        fields = {"nodeKey": node.hex(), "bootID": boot.hex(), "counter": counter, "time": time, "entry": entry.hex()}
        return name, fields
    return "decryption"


def check_entry_datagrams(check):
    doc = load("entry-datagram.json")
    label = doc["entryDatagramKeyLabel"].encode()
    keys = {}
    for case in doc["datagrams"]:
        community_key = bytes.fromhex(case["communityKey"])
        key = blake2b(label, key=community_key)
        check.equal(key.hex(), case["entryDatagramKey"], f"entry datagram {case['name']}: key")
        keys[case["community"]] = (key, blake2b(b"kith community id v1", key=community_key))
        fields = case["fields"]
        entry = bytes.fromhex(fields["entry"])
        plaintext = struct.pack(
            ">32s8sQQ", bytes.fromhex(fields["nodeKey"]), bytes.fromhex(fields["bootID"]),
            fields["counter"], fields["time"]) + entry
        check.equal(plaintext.hex(), case["plaintext"], f"entry datagram {case['name']}: plaintext")
        check.expect(
            ed25519_valid(entry[33:65], entry[-64:], entry[:-64]),
            f"entry datagram {case['name']}: the entry's signature")
        nonce = bytes.fromhex(case["nonce"])
        header = b"KE\x01"
        check.equal(header.hex(), case["associatedData"], f"entry datagram {case['name']}: associated data")
        datagram = header + nonce + xchacha_seal(key, nonce, plaintext, header)
        check.equal(datagram.hex(), case["datagram"], f"entry datagram {case['name']}: datagram")
    receiver = [(name, *keys[name]) for name in doc["receiverCommunities"]]
    for case in doc["datagrams"]:
        fields = dict(case["fields"])
        del fields["bootIDSource"]
        opened = open_entry_datagram(bytes.fromhex(case["datagram"]), receiver)
        check.equal(opened, (case["community"], fields), f"entry datagram {case['name']}: opened")
    for case in doc["dropped"]:
        result = open_entry_datagram(bytes.fromhex(case["datagram"]), receiver)
        check.equal(result, case["rule"], f"entry datagram dropped '{case['name']}'")
    return len(doc["datagrams"]), len(doc["dropped"])


# --- sessions.md ----------------------------------------------------------------------------------


def aead(key, plaintext):
    return ChaCha20Poly1305(key).encrypt(bytes(12), plaintext, None)


def check_handshake(check):
    doc = load("handshake.json")
    k = bytes.fromhex(doc["community"]["key"])
    a_seed = bytes.fromhex(doc["initiator"]["seed"])
    b_seed = bytes.fromhex(doc["responder"]["seed"])
    x = bytes.fromhex(doc["initiator"]["ephemeralSecret"])
    y = bytes.fromhex(doc["responder"]["ephemeralSecret"])
    A, B = ed25519_public(a_seed), ed25519_public(b_seed)
    check.equal(A.hex(), doc["initiator"]["publicKey"], "handshake: A")
    check.equal(B.hex(), doc["responder"]["publicKey"], "handshake: B")
    A_c, B_c = ed25519_public_to_x25519(A), ed25519_public_to_x25519(B)
    a_c, b_c = ed25519_seed_to_x25519(a_seed), ed25519_seed_to_x25519(b_seed)
    check.equal(A_c.hex(), doc["initiator"]["curvePublicKey"], "handshake: A~")
    check.equal(B_c.hex(), doc["responder"]["curvePublicKey"], "handshake: B~")
    check.equal(a_c.hex(), doc["initiator"]["curveSecret"], "handshake: a~")
    check.equal(b_c.hex(), doc["responder"]["curveSecret"], "handshake: b~")
    check.equal(x25519_public(a_c), A_c, "handshake: a~ matches A~")
    X, Y = x25519_public(x), x25519_public(y)
    check.equal(X.hex(), doc["initiator"]["ephemeralPublicKey"], "handshake: X")
    check.equal(Y.hex(), doc["responder"]["ephemeralPublicKey"], "handshake: Y")

    N = blake2b(b"kith session key v1", key=k)
    check.equal(N.hex(), doc["networkKey"], "handshake: N")
    s1, s2, s3 = x25519(x, Y), x25519(x, B_c), x25519(a_c, Y)
    check.equal(s1, x25519(y, X), "handshake: s1 both ways")
    check.equal(s2, x25519(b_c, X), "handshake: s2 both ways")
    check.equal(s3, x25519(y, A_c), "handshake: s3 both ways")
    for name, value in (("s1", s1), ("s2", s2), ("s3", s3)):
        check.equal(value.hex(), doc[name], f"handshake: {name}")

    hello = X + blake2b(b"kith session v1 hello" + B + X, key=N)
    check.equal(hello.hex(), doc["hello"], "handshake: hello")
    reply = Y + blake2b(b"kith session v1 reply" + X + Y, key=N)
    check.equal(reply.hex(), doc["reply"], "handshake: reply")

    key3 = blake2b(b"kith session v1 auth key" + X + Y + s1 + s2, key=N)
    check.equal(key3.hex(), doc["authKey"], "handshake: key3")
    proof_a_message = b"kith session v1 initiator proof" + N + B + X + Y + blake2b(s1)
    check.equal(len(proof_a_message), 191, "handshake: initiator proof message size")
    check.equal(proof_a_message.hex(), doc["initiatorProofMessage"], "handshake: initiator proof message")
    sig_a = ed25519_sign(a_seed, proof_a_message)
    check.equal(sig_a.hex(), doc["initiatorProof"], "handshake: sigA")
    auth = aead(key3, A + sig_a)
    check.equal(len(auth), 112, "handshake: auth size")
    check.equal(auth.hex(), doc["auth"], "handshake: auth")

    key4 = blake2b(b"kith session v1 accept key" + X + Y + s1 + s2 + s3, key=N)
    check.equal(key4.hex(), doc["acceptKey"], "handshake: key4")
    proof_b_message = b"kith session v1 responder proof" + N + A + X + Y + sig_a + blake2b(s1)
    check.equal(len(proof_b_message), 255, "handshake: responder proof message size")
    check.equal(proof_b_message.hex(), doc["responderProofMessage"], "handshake: responder proof message")
    sig_b = ed25519_sign(b_seed, proof_b_message)
    check.equal(sig_b.hex(), doc["responderProof"], "handshake: sigB")
    check.expect(ed25519_valid(B, sig_b, proof_b_message), "handshake: sigB verifies")
    accept = aead(key4, sig_b)
    check.equal(len(accept), 80, "handshake: accept size")
    check.equal(accept.hex(), doc["accept"], "handshake: accept")

    master = blake2b(b"kith session v1 keys" + X + Y + s1 + s2 + s3 + A + B, key=N)
    check.equal(master.hex(), doc["master"], "handshake: master")
    i2r = blake2b(b"kith session v1 initiator to responder", key=master)
    r2i = blake2b(b"kith session v1 responder to initiator", key=master)
    session_id = blake2b(b"kith session v1 id", key=master)
    check.equal(i2r.hex(), doc["initiatorToResponderKey"], "handshake: keyI2R")
    check.equal(r2i.hex(), doc["responderToInitiatorKey"], "handshake: keyR2I")
    check.equal(session_id.hex(), doc["sessionID"], "handshake: sessionID")
    return i2r, r2i


def frame_nonce(counter):
    return counter.to_bytes(12, "big")


def check_frames(check, i2r, r2i):
    doc = load("frames.json")
    total = 0
    for direction, key in (("initiatorToResponder", i2r), ("responderToInitiator", r2i)):
        check.equal(doc[direction]["key"], key.hex(), f"frames {direction}: key")
        cipher = ChaCha20Poly1305(key)
        counter = 0
        for frame in doc[direction]["frames"]:
            payload = bytes.fromhex(frame["payload"])
            check.equal(frame["headerNonceCounter"], counter, f"frames {direction}: counter")
            check.equal(frame["headerNonce"], frame_nonce(counter).hex(), f"frames {direction}: header nonce")
            check.equal(frame["bodyNonce"], frame_nonce(counter + 1).hex(), f"frames {direction}: body nonce")
            header = cipher.encrypt(frame_nonce(counter), struct.pack(">I", len(payload)), None)
            body = cipher.encrypt(frame_nonce(counter + 1), payload, None)
            check.equal((header + body).hex(), frame["frame"], f"frames {direction}: frame at {counter}")
            counter += 2
            total += 1
    oversize = doc["oversizeHeader"]
    length = ChaCha20Poly1305(i2r).decrypt(frame_nonce(0), bytes.fromhex(oversize["header"]), None)
    declared = struct.unpack(">I", length)[0]
    check.equal(declared, oversize["declaredLength"], "frames: oversize header length")
    check.expect(declared > doc["maximumPayloadLength"], "frames: oversize header exceeds the maximum")
    return total


# --- content.md, private (0x0003) ----------------------------------------------------------------


def private_plaintext(recipient, text):
    body = recipient + struct.pack(">H", len(text)) + text
    return body + bytes(-len(body) % 64)


def private_key(label, shared, ephemeral_public, curve, sender):
    return blake2b(label + ephemeral_public + curve + sender, key=shared)


def open_private(content, author, seed, labels):
    """Opens content as the holder of `seed`: as recipient, else as sender when author is ours."""
    if len(content) < 89 + 64 + 16 or (len(content) - 105) % 64 or content[0] != 1:
        return None
    ephemeral, nonce, slot = content[1:33], content[33:57], content[57:89]
    associated = content[:89] + author
    own_public = ed25519_public(seed)
    own_curve = ed25519_public_to_x25519(own_public)
    shared = x25519(ed25519_seed_to_x25519(seed), ephemeral)
    recipient_key, sender_label = labels
    key = private_key(recipient_key, shared, ephemeral, own_curve, author)
    plaintext = xchacha_open(key, nonce, content[89:], associated)
    if plaintext is not None and plaintext[:32] != own_public:
        plaintext = None
    if plaintext is None and author == own_public:
        wrap = private_key(sender_label, shared, ephemeral, own_curve, author)
        key = bytes(a ^ b for a, b in zip(slot, wrap))
        plaintext = xchacha_open(key, nonce, content[89:], associated)
    if plaintext is None:
        return None
    # content.md, "Opening": rules 2 to 5 (rule 1, the recipient, is checked above).
    size = len(plaintext)
    length = struct.unpack(">H", plaintext[32:34])[0]
    if length < 1:
        return None
    if not size - 64 < 34 + length <= size:
        return None
    if any(plaintext[34 + length :]):
        return None
    text = plaintext[34 : 34 + length]
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\x00" in decoded:
        return None
    return plaintext[:32], decoded


def check_source(check, source, value, what):
    """Checks a value described as BLAKE2b-256("text") or as the first N bytes of one."""
    prefix = ""
    if source.startswith("first 24 bytes of "):
        prefix, source = "first 24 bytes of ", source[len("first 24 bytes of ") :]
    check.expect(source.startswith('BLAKE2b-256("') and source.endswith('")'), f"{what}: source {source}")
    digest = blake2b(source[len('BLAKE2b-256("') : -2].encode())
    check.equal(value.hex(), (digest[:24] if prefix else digest).hex(), f"{what}: {prefix}{source}")


def seal_private(sender_public, recipient_public, ephemeral_secret, nonce, plaintext, labels):
    """content.md, "Sealing", with the plaintext as given: returns (content, message key)."""
    ephemeral = x25519_public(ephemeral_secret)
    recipient_curve = ed25519_public_to_x25519(recipient_public)
    sender_curve = ed25519_public_to_x25519(sender_public)
    key = private_key(labels[0], x25519(ephemeral_secret, recipient_curve), ephemeral, recipient_curve, sender_public)
    wrap = private_key(labels[1], x25519(ephemeral_secret, sender_curve), ephemeral, sender_curve, sender_public)
    header = b"\x01" + ephemeral + nonce + bytes(a ^ b for a, b in zip(key, wrap))
    return header + xchacha_seal(key, nonce, plaintext, header + sender_public), key


def check_private(check):
    doc = load("private.json")
    seeds = {key["name"]: bytes.fromhex(key["seed"]) for key in doc["keys"]}
    for key in doc["keys"]:
        check.equal(ed25519_public(seeds[key["name"]]).hex(), key["publicKey"], f"private: {key['name']} key")
    labels = (doc["recipientLabel"].encode(), doc["senderLabel"].encode())

    def case_inputs(case):
        sender, recipient = seeds[case["sender"]], seeds[case["recipient"]]
        random = (bytes.fromhex(case["ephemeralSecret"]), bytes.fromhex(case["nonce"]))
        return sender, recipient, ed25519_public(sender), ed25519_public(recipient), random

    for message in doc["messages"]:
        name = message["name"]
        sender, recipient, sender_public, recipient_public, random = case_inputs(message)
        content = bytes.fromhex(message["content"])
        # Seal again from the rules and the fixed randomness: the bytes must be identical.
        plaintext = private_plaintext(recipient_public, message["text"].encode())
        sealed, _ = seal_private(sender_public, recipient_public, *random, plaintext, labels)
        check.equal(sealed.hex(), content.hex(), f"private {name}: content")
        check.equal(len(content) % 64, (89 + 16) % 64, f"private {name}: padded length")
        expected = (recipient_public, message["text"])
        check.equal(open_private(content, sender_public, recipient, labels), expected, f"private {name}: recipient opens")
        check.equal(open_private(content, sender_public, sender, labels), expected, f"private {name}: sender opens")
        outsider = seeds[doc["outsider"]]
        check.equal(open_private(content, sender_public, outsider, labels), None, f"private {name}: outsider")
        other = ed25519_public(outsider)
        check.equal(open_private(content, other, recipient, labels), None, f"private {name}: other author")
        tampered = bytes([content[0]]) + bytes([content[1] ^ 1]) + content[2:]
        check.equal(open_private(tampered, sender_public, recipient, labels), None, f"private {name}: tampered")
    for case in doc["unopenable"]:
        name = case["name"]
        sender, recipient, sender_public, recipient_public, random = case_inputs(case)
        plaintext = bytes.fromhex(case["plaintext"])
        content = bytes.fromhex(case["content"])
        check_source(check, case["ephemeralSecretSource"], random[0], f"private {name}")
        check_source(check, case["nonceSource"], random[1], f"private {name}")
        # Sealed exactly as the rules say, with the plaintext as it is: the tag verifies...
        sealed, key = seal_private(sender_public, recipient_public, *random, plaintext, labels)
        check.equal(sealed.hex(), content.hex(), f"private {name}: content")
        associated = content[:89] + sender_public
        check.equal(xchacha_open(key, random[1], content[89:], associated), plaintext, f"private {name}: tag verifies")
        # ...and opening refuses it all the same, as recipient and as sender.
        rule = case["rule"]
        check.equal(open_private(content, sender_public, recipient, labels), None, f"private {name}: recipient refuses (rule {rule})")
        check.equal(open_private(content, sender_public, sender, labels), None, f"private {name}: sender refuses (rule {rule})")
    return len(doc["messages"]) + len(doc["unopenable"])


MASK64 = (1 << 64) - 1


def digest_mix(x):
    """SplitMix64's output function (replication.md, "Digests")."""
    z = (x + 0x9E3779B97F4A7C15) & MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return z ^ (z >> 31)


def digest_value(author, sequence):
    return digest_mix(int.from_bytes(author[:8], "big") ^ digest_mix(sequence))


def clock_digest(items):
    """The 16 buckets (count, hash) of a set of (author, sequence) chains."""
    buckets = [[0, 0] for _ in range(16)]
    for author, sequence in items:
        bucket = buckets[author[0] >> 4]
        bucket[0] += 1
        bucket[1] ^= digest_value(author, sequence)
    return buckets


def encode_replication(kind, entry, community, digest_items):
    """A replication message's bytes, from the fields written beside it."""
    if kind == "communities":
        key = bytes.fromhex(load("communities.json")["default"]["key"])
        proof = blake2b(
            b"kith community proof v1"
            + bytes.fromhex(entry["sessionID"])
            + bytes.fromhex(entry["sender"]),
            key,
        )
        return bytes([1, 1]) + proof
    if kind == "clock":
        body = community + struct.pack(">H", len(entry["items"]))
        for item in entry["items"]:
            body += bytes.fromhex(item["author"]) + struct.pack(">QB", item["sequence"], item["flags"])
        return bytes([2]) + body
    if kind == "entry":
        return bytes([3]) + bytes.fromhex(entry["entry"])
    if kind in ("ping", "pong"):
        return bytes([4 if kind == "ping" else 5]) + struct.pack(">Q", entry["nonce"])
    if kind == "goodbye":
        return bytes([6, entry["reason"]]) + entry["text"].encode("utf-8")
    if kind == "digest":
        body = community
        for count, value in clock_digest(digest_items):
            body += struct.pack(">IQ", count, value)
        return bytes([7]) + body
    raise ValueError(kind)


def check_replication(check):
    doc = load("replication.json")
    community = bytes.fromhex(doc["community"])
    digests = doc["digests"]
    pair = [(bytes.fromhex(i["author"]), i["sequence"]) for i in digests[2]["items"]]
    for index, entry in enumerate(doc["messages"]):
        encoded = encode_replication(entry["type"], entry, community, pair)
        check.equal(encoded.hex(), entry["hex"], f"replication message {index} ({entry['type']})")
        if entry["type"] == "entry":
            raw = bytes.fromhex(entry["entry"])
            # entries.md: author at offset 33; the signature covers everything before it.
            check.expect(
                ed25519_valid(raw[33:65], raw[-64:], raw[:-64]), "replication entry signature"
            )
    for entry in digests:
        items = [(bytes.fromhex(i["author"]), i["sequence"]) for i in entry["items"]]
        for item, (author, sequence) in zip(entry["items"], items):
            check.equal(item["bucket"], author[0] >> 4, f"digest bucket of {item['author'][:8]}")
            check.equal(
                item["value"], f"{digest_value(author, sequence):016x}", f"digest value of {item['author'][:8]}"
            )
        expected = [{"count": c, "hash": f"{h:016x}"} for c, h in clock_digest(items)]
        check.equal(entry["buckets"], expected, f"digest: {entry['note']}")
    return len(doc["messages"]), len(digests)


def main():
    check = Checker()
    codes, bad_codes = check_invites(check)
    beacons, dropped = check_beacons(check)
    datagrams, datagrams_dropped = check_entry_datagrams(check)
    i2r, r2i = check_handshake(check)
    frames = check_frames(check, i2r, r2i)
    private = check_private(check)
    messages, digests = check_replication(check)
    print(
        f"invite.json: {codes} codes, {bad_codes} invalid; beacon.json: {beacons} beacons, "
        f"{dropped} dropped; entry-datagram.json: {datagrams} datagrams, {datagrams_dropped} dropped; "
        f"handshake.json: 4 messages; frames.json: {frames} frames; "
        f"private.json: {private} messages; replication.json: {messages} messages, {digests} digests"
    )
    for failure in check.failures:
        print("FAILED:", failure)
    print(f"vectors: {check.passed} passed, {len(check.failures)} failed")
    return 1 if check.failures else 0


if __name__ == "__main__":
    sys.exit(main())
