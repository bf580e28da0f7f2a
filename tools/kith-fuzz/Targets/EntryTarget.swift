import KithCore

/// `Entry(decoding:)` on arbitrary bytes: both forms of the decoder must agree, `EntryPreview`
/// (the header alone, what a node reads before dropping an entry) must accept exactly the same
/// bytes and read the same fields, and the fields of a decoded entry must encode back to exactly
/// its bytes.
enum EntryTarget {
    static let target = FuzzTarget(
        name: "entry", summary: "Entry(decoding:) and re-encoding of its fields", run: run)

    static func run(_ data: UnsafeRawBufferPointer) {
        let bytes = Array(data)
        let fromBuffer = Result { () throws(EntryError) in try Entry(decoding: data) }
        let preview = Result { () throws(EntryError) in try EntryPreview(bytes) }
        let entry: Entry
        do throws(EntryError) {
            entry = try Entry(decoding: bytes)
        } catch {
            if case .success = preview {
                fuzzCheck(false, "the preview accepted an entry the decoder refused")
            }
            guard case .failure(let bufferError) = fromBuffer else {
                fuzzCheck(false, "only the buffer decoder accepted the entry")
                return
            }
            fuzzCheck(bufferError == error, "the decoders disagree: \(bufferError) and \(error)")
            return
        }
        guard case .success(let copy) = fromBuffer else {
            fuzzCheck(false, "only the array decoder accepted the entry")
            return
        }
        fuzzCheck(copy == entry && copy.id == entry.id, "the decoders read different entries")
        guard case .success(let header) = preview else {
            fuzzCheck(false, "the preview refused an entry the decoder accepted")
            return
        }
        fuzzCheck(
            header.chain == entry.chain && header.sequence == entry.sequence
                && header.byteCount == bytes.count,
            "the preview read other fields than the decoder")
        fuzzCheck(encodedFields(of: entry) == bytes, "the fields do not encode to the bytes")
        fuzzCheck(
            entry.signingInput.count + Signature.byteCount == bytes.count,
            "the signing input and signature do not cover the entry")
        _ = entry.decodedContent
        _ = entry.description
    }

    /// The entry's bytes rebuilt from its fields, in the order of entries.md.
    private static func encodedFields(of entry: Entry) -> [UInt8] {
        var bytes: [UInt8] = [entry.version]
        bytes += entry.community.bytes
        bytes += entry.author.bytes
        bytes += bigEndian(entry.sequence)
        bytes += entry.previous.bytes
        bytes += bigEndian(entry.timestamp)
        bytes += bigEndian(entry.contentType.rawValue)
        bytes += bigEndian(UInt32(entry.content.count))
        bytes += entry.content
        bytes += entry.signature.bytes
        return bytes
    }
}

/// The big-endian bytes of `value`.
func bigEndian<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
    withUnsafeBytes(of: value.bigEndian) { Array($0) }
}
