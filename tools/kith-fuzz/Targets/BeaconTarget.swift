import KithMesh

/// The discovery beacon decoder (discovery.md) with the receiver keys of beacon.json (`garden`
/// and `lobby`). The first byte picks a mode: 0 opens the rest as a datagram; 1 reads the rest as
/// a decrypted plaintext. An opened beacon sealed again with the datagram's nonce must give the
/// datagram back (when it has the flags byte and no reserved bytes); a plaintext that reads as a
/// beacon must start with that beacon's encoding (all of it but the flags byte, and no flag, when
/// it has no flags byte) and survive sealing and opening (unless its port is 0, which a receiver
/// drops).
enum BeaconTarget {
    static let target = FuzzTarget(
        name: "beacon", summary: "BeaconCodec.open and Beacon(plaintext:)", run: run)

    private static let keys = [
        BeaconKey(community: VectorKeys.garden),
        BeaconKey(community: VectorKeys.lobby),
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
        guard let opened = try? BeaconCodec.open(datagram, keys: keys) else { return }
        guard let key = keys.first(where: { $0.community == opened.community }) else {
            fuzzCheck(false, "a beacon opened with a key the receiver does not hold")
            return
        }
        var nonce = ReplayedRandomSource(Array(datagram[nonceRange]))
        let sealed = BeaconCodec.seal(opened.beacon, with: key, using: &nonce)
        if datagram.count == BeaconCodec.datagramByteCount {
            fuzzCheck(sealed == datagram, "the beacon does not seal to its datagram")
        }
        let reopened = try? BeaconCodec.open(sealed, keys: keys)
        fuzzCheck(reopened == opened, "the sealed beacon does not open to itself")
    }

    private static func checkPlaintext(_ plaintext: [UInt8]) {
        guard let beacon = Beacon(plaintext: plaintext) else {
            fuzzCheck(plaintext.count < 58, "a plaintext of \(plaintext.count) bytes was refused")
            return
        }
        if plaintext.count > 58 {
            fuzzCheck(
                plaintext.starts(with: beacon.plaintext),
                "the beacon does not encode to its plaintext")
        } else {
            fuzzCheck(
                beacon.flags.isEmpty && plaintext == Array(beacon.plaintext.dropLast()),
                "a plaintext without flags does not encode to itself and no flag")
        }
        var nonce = ReplayedRandomSource(plaintext)
        let sealed = BeaconCodec.seal(beacon, with: keys[0], using: &nonce)
        let opened = Result { () throws(BeaconError) in try BeaconCodec.open(sealed, keys: keys) }
        // A receiver drops a beacon whose port is 0.
        let expected: Result<OpenedBeacon, BeaconError> =
            beacon.port == 0
            ? .failure(.invalidPort)
            : .success(OpenedBeacon(beacon: beacon, community: VectorKeys.garden))
        fuzzCheck(opened == expected, "the sealed beacon opens as \(opened), not \(expected)")
    }
}
