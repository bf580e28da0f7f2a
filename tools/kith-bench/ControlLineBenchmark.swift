import KithControl
import KithCore

/// The cost of the control socket's entry lines (Protocol/control.md, `tail`): what the node
/// writes for every subscriber of every entry it appends, and what a chat reads.
enum ControlLineBenchmark {
    /// Makes `count` tail lines of short signed posts, from the entry the node delivers to the
    /// line's bytes, with the generic encoder (Foundation's JSONEncoder, the only one before the
    /// lines were written by hand) and with the hand-written one, and reads them back (entry
    /// decoded and checked against its id) both ways, as a chat does; prints the rates.
    static func run(count: Int) throws {
        let key = SigningKey.generate()
        let community = try CommunityID(hex: String(repeating: "ab", count: 32))
        var entries: [DeliveredEntry] = []
        var previous = EntryID.zero
        for sequence in 1...UInt64(count) {
            let post = try Post(channel: .general, text: "hello \(sequence)")
            let entry = try Entry.sign(
                community: community, sequence: sequence, previous: previous,
                timestamp: 1_764_360_000_000 + sequence, contentType: .post,
                content: post.encoded(), with: key)
            previous = entry.id
            entries.append(DeliveredEntry(entry: entry, authorName: "alice", isOwn: false))
        }
        var bytes = 0
        let genericStart = now()
        for entry in entries {
            bytes &+= ControlResponse.appended(ControlEntry(entry)).genericLine.count
        }
        let generic = now() - genericStart
        var fastBytes = 0
        let fastStart = now()
        for entry in entries { fastBytes &+= ControlEntry(entry).responseLine.count }
        let fast = now() - fastStart
        let lines = entries.map { ControlEntry($0).responseLine }
        let decodeStart = now()
        var decoded = 0
        // Decoding checks each entry's bytes against its id.
        for line in lines where ControlResponse(line: line.dropLast())?.entry != nil {
            decoded += 1
        }
        let decode = now() - decodeStart
        let genericDecodeStart = now()
        for line in lines where ControlResponse(genericLine: line.dropLast())?.entry != nil {
            decoded += 1
        }
        let genericDecode = now() - genericDecodeStart
        print("control tail lines (\(count) short posts, \(fastBytes / count) bytes each):")
        print(
            "  encode, JSONEncoder (before): \(formatRate(Double(count) / generic)) lines/s, "
                + "\(micro(generic, count)) µs each")
        print(
            "  encode, hand-written (now):   \(formatRate(Double(count) / fast)) lines/s, "
                + "\(micro(fast, count)) µs each")
        print(
            "  decode, JSONDecoder (before): \(formatRate(Double(count) / genericDecode)) lines/s, "
                + "\(micro(genericDecode, count)) µs each")
        print(
            "  decode, hand-written (now):   \(formatRate(Double(count) / decode)) lines/s, "
                + "\(micro(decode, count)) µs each")
        if bytes != fastBytes { print("  the two encoders wrote different byte counts") }
        if decoded != 2 * count { print("  some lines did not decode") }
    }

    private static func micro(_ seconds: Double, _ count: Int) -> String {
        String(Double(Int(seconds / Double(count) * 1e7)) / 10)
    }
}
