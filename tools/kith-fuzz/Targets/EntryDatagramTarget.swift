import KithCore
import KithMesh

/// The fast path's datagram decoder (fastpath.md) with the receiver keys of entry-datagram.json
/// (`garden` and `lobby`). The first byte picks a mode: 0 opens the rest as a datagram; 1 reads the
/// rest as a decrypted plaintext. An opened datagram sealed again with its nonce must give the
/// datagram back; a plaintext that reads as a datagram must encode to itself, and sealed, must
/// open to the same fields or be dropped at a rule the plaintext breaks.
enum EntryDatagramTarget {
    static let target = FuzzTarget(
        name: "entry-datagram", summary: "EntryDatagramCodec.open and EntryDatagram(plaintext:)",
        run: run)

    private static let keys = [
        EntryDatagramKey(community: VectorKeys.garden),
        EntryDatagramKey(community: VectorKeys.lobby),
    ]
    /// Magic and version, then the nonce.
    private static let nonceRange = 3..<27

    static func run(_ data: UnsafeRawBufferPointer) {
        var input = FuzzInput(data)
        let mode = input.byte() % 2
        let bytes = input.rest()
        if mode == 0 {
            checkDatagram(bytes)
        } else {
            checkPlaintext(bytes)
        }
    }

    private static func checkDatagram(_ datagram: [UInt8]) {
        guard let opened = try? EntryDatagramCodec.open(datagram, keys: keys) else { return }
        guard let key = keys.first(where: { $0.community == opened.community }) else {
            fuzzCheck(false, "a datagram opened with a key the receiver does not hold")
            return
        }
        fuzzCheck(opened.entry.author == opened.datagram.nodeKey, "opened from another author")
        fuzzCheck(opened.entry.community == key.community.id, "opened into another community")
        var nonce = ReplayedRandomSource(Array(datagram[nonceRange]))
        let sealed = EntryDatagramCodec.seal(opened.datagram, with: key, using: &nonce)
        fuzzCheck(sealed == datagram, "the datagram does not seal to itself")
    }

    private static func checkPlaintext(_ plaintext: [UInt8]) {
        guard let datagram = EntryDatagram(plaintext: plaintext) else {
            fuzzCheck(plaintext.count < 56, "a plaintext of \(plaintext.count) bytes was refused")
            return
        }
        fuzzCheck(datagram.plaintext == plaintext, "the datagram does not encode to its plaintext")
        var nonce = ReplayedRandomSource(plaintext)
        guard let sealed = EntryDatagramCodec.seal(datagram, with: keys[0], using: &nonce) else {
            fuzzCheck(
                datagram.entryBytes.count > EntryDatagramCodec.maximumEntryByteCount,
                "an entry of \(datagram.entryBytes.count) bytes was not sealed")
            return
        }
        switch Result(catching: { () throws(EntryDatagramError) in
            try EntryDatagramCodec.open(sealed, keys: keys)
        }) {
        case .success(let opened):
            fuzzCheck(opened.datagram == datagram, "the sealed datagram opens to other fields")
        case .failure(let error):
            let allowed: Bool
            switch error {
            case .tooShort, .invalidEntry, .notFromAuthor, .wrongCommunity: allowed = true
            default: allowed = false
            }
            fuzzCheck(allowed, "a datagram sealed with a receiver's key was dropped: \(error)")
        }
    }
}
