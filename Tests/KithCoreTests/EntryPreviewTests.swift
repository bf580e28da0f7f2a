import KithCore
import Testing

/// `EntryPreview` reads what a node needs to drop an entry, and refuses what the decoder refuses.
@Suite("Entry preview")
struct EntryPreviewTests {
    @Test("the preview reads the header's fields and the size, as the decoder does")
    func readsTheHeader() throws {
        let author = SigningKey.generate()
        let community = CommunityKey.generate().id
        let first = try Entry.sign(
            community: community, sequence: 1, previous: EntryID.zero, timestamp: 1_000,
            contentType: .post, content: Post(channel: .general, text: "one").encoded(),
            with: author)
        let entry = try Entry.sign(
            community: community, sequence: 2, previous: first.id, timestamp: 1_234,
            contentType: .post, content: Post(channel: .general, text: "hi").encoded(),
            with: author)
        let preview = try EntryPreview(entry.bytes)
        #expect(preview.chain == entry.chain)
        #expect(preview.author == author.publicKey)
        #expect(preview.community == community)
        #expect(preview.sequence == 2)
        #expect(preview.byteCount == entry.bytes.count)
    }

    @Test("bytes the decoder refuses, the preview refuses with the same error")
    func refusesLikeTheDecoder() throws {
        let entry = try Entry.sign(
            community: CommunityKey.generate().id, sequence: 1, previous: EntryID.zero,
            timestamp: 1, contentType: .post,
            content: Post(channel: .general, text: "x").encoded(), with: SigningKey.generate())
        let cases: [[UInt8]] = [
            Array(entry.bytes.prefix(50)), [0x02] + entry.bytes.dropFirst(), [],
        ]
        for broken in cases {
            let decoded = Result { () throws(EntryError) in try Entry(decoding: broken) }
            let previewed = Result { () throws(EntryError) in try EntryPreview(broken) }
            guard case .failure(let decodeError) = decoded,
                case .failure(let previewError) = previewed
            else {
                Issue.record("both must refuse \(broken.count) bytes")
                continue
            }
            #expect(decodeError == previewError)
        }
    }
}
