import KithCore
import Testing

@Suite("Entry validation")
struct EntryValidationTests {
    /// Whether `bytes` pass all six rules.
    private func isValid(_ bytes: [UInt8]) -> Bool {
        (try? Entry(validating: bytes)) != nil
    }

    /// The error `Entry(validating:)` reports for `bytes`, or nil when they are valid.
    private func error(validating bytes: [UInt8]) -> EntryError? {
        do throws(EntryError) {
            _ = try Entry(validating: bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test("changing any single byte of a signed entry, by one bit or to another value, is rejected")
    func everySingleByteChange() throws {
        let entry = try EntryFixtures.post("every byte matters", key: EntryFixtures.alice())
        #expect(isValid(entry.bytes))
        for offset in entry.bytes.indices {
            var flipped = entry.bytes
            flipped[offset] ^= UInt8(1 << (offset % 8))
            #expect(!isValid(flipped), "bit flip at offset \(offset) accepted")
            var replaced = entry.bytes
            replaced[offset] = ~replaced[offset]
            #expect(!isValid(replaced), "replacement at offset \(offset) accepted")
        }
    }

    @Test("every truncation of a signed entry is rejected, without trapping")
    func everyTruncation() throws {
        let entry = try EntryFixtures.post("truncate me", key: EntryFixtures.alice())
        for length in 0..<entry.bytes.count {
            let prefix = Array(entry.bytes.prefix(length))
            let expected: EntryError =
                length < EntryFormat.minEntrySize
                ? .tooShort(length)
                : .contentLengthMismatch(
                    declared: UInt32(entry.content.count), actual: length - EntryFormat.minEntrySize
                )
            #expect(error(validating: prefix) == expected, "length \(length)")
            #expect(throws: expected) { try Entry(decoding: prefix) }
        }
    }

    @Test("content of 16,384 bytes is accepted; 16,385 is not")
    func contentSizeLimit() throws {
        let key = try EntryFixtures.alice()
        let largest = try EntryFixtures.entry(
            sequence: 1, previous: .zero, content: [UInt8](repeating: 7, count: 16_384), key: key)
        #expect(largest.bytes.count == EntryFormat.maxEntrySize)
        #expect(isValid(largest.bytes))
        #expect(throws: EntryError.contentTooLarge(16_385)) {
            try EntryFixtures.entry(
                sequence: 1, previous: .zero, content: [UInt8](repeating: 7, count: 16_385),
                key: key)
        }
        #expect(error(validating: largest.bytes + [0]) == .tooLong(16_568))
        let empty = try EntryFixtures.entry(sequence: 1, previous: .zero, content: [], key: key)
        #expect(empty.bytes.count == EntryFormat.minEntrySize)
        #expect(isValid(empty.bytes))
    }

    @Test("sequence 0 is rejected when signing and when validating")
    func zeroSequence() throws {
        let key = try EntryFixtures.alice()
        #expect(throws: EntryError.zeroSequence) {
            try EntryFixtures.entry(sequence: 0, previous: .zero, key: key)
        }
        var raw = RawEntry(try EntryFixtures.entry(sequence: 1, previous: .zero, key: key))
        raw.sequence = 0
        #expect(error(validating: raw.signed(with: key)) == .zeroSequence)
    }

    @Test("previous is zero exactly at sequence 1")
    func previousRules() throws {
        let key = try EntryFixtures.alice()
        #expect(throws: EntryError.previousMustBeZero) {
            try EntryFixtures.entry(sequence: 1, previous: EntryFixtures.someID, key: key)
        }
        #expect(throws: EntryError.previousMustNotBeZero) {
            try EntryFixtures.entry(sequence: 2, previous: .zero, key: key)
        }
        var raw = RawEntry(try EntryFixtures.entry(sequence: 1, previous: .zero, key: key))
        raw.previous = EntryFixtures.someID.bytes
        #expect(error(validating: raw.signed(with: key)) == .previousMustBeZero)
        raw.sequence = 2
        raw.previous = EntryID.zero.bytes
        #expect(error(validating: raw.signed(with: key)) == .previousMustNotBeZero)
        raw.previous = EntryFixtures.someID.bytes
        #expect(error(validating: raw.signed(with: key)) == nil)
    }

    @Test("another version byte is rejected before the signature is looked at")
    func version() throws {
        let key = try EntryFixtures.alice()
        var raw = RawEntry(try EntryFixtures.post("v", key: key))
        raw.version = 2
        #expect(error(validating: raw.signed(with: key)) == .unsupportedVersion(2))
        #expect(
            error(validating: raw.withSignature([UInt8](repeating: 0, count: 64)))
                == .unsupportedVersion(2))
    }

    @Test("a content length field that does not match is rejected")
    func contentLengthMismatch() throws {
        let key = try EntryFixtures.alice()
        var raw = RawEntry(try EntryFixtures.post("length", key: key))
        let actual = raw.content.count
        raw.declaredContentLength = UInt32(actual - 1)
        #expect(
            error(validating: raw.signed(with: key))
                == .contentLengthMismatch(declared: UInt32(actual - 1), actual: actual))
        raw.declaredContentLength = .max
        #expect(
            error(validating: raw.signed(with: key))
                == .contentLengthMismatch(declared: .max, actual: actual))
    }

    @Test("a signature by another key, or over other bytes, is rejected")
    func badSignatures() throws {
        let alice = try EntryFixtures.alice()
        let bob = try EntryFixtures.bob()
        let raw = RawEntry(try EntryFixtures.post("mine", key: alice))
        let forged = raw.withSignature(bob.signature(for: raw.signingInput).bytes)
        #expect(error(validating: forged) == .badSignature)
        let decoded = try Entry(decoding: forged)
        #expect(!decoded.hasValidSignature)
    }

    @Test("a small-order author with an identity signature is rejected (libsodium's rules)")
    func smallOrderAuthor() throws {
        var raw = RawEntry(try EntryFixtures.post("identity", key: EntryFixtures.alice()))
        raw.author = [1] + [UInt8](repeating: 0, count: 31)
        let bytes = raw.withSignature([1] + [UInt8](repeating: 0, count: 63))
        #expect(error(validating: bytes) == .badSignature)
    }

    @Test("unknown content types and malformed content are valid entries")
    func contentIsNotValidity() throws {
        let key = try EntryFixtures.alice()
        for code: UInt16 in [0, 5, 0x00ff, 0x0100, 0xfeff, 0xff00, 0xffff] {
            let entry = try Entry.sign(
                community: DefaultCommunity.id, sequence: 1, previous: .zero, timestamp: 0,
                contentType: ContentType(rawValue: code), content: [0xff, 0xfe], with: key)
            #expect(isValid(entry.bytes))
            #expect(entry.decodedContent == .unknown(ContentType(rawValue: code)))
        }
        let malformed = try Entry.sign(
            community: DefaultCommunity.id, sequence: 1, previous: .zero, timestamp: 0,
            contentType: .post, content: [3, 0x41, 0x42, 0x43, 0x20], with: key)
        #expect(isValid(malformed.bytes))
        #expect(malformed.decodedContent == .malformed(.post, .invalidChannelCharacter("A")))
    }
}
