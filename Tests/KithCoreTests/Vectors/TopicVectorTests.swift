import KithCore
import KithTestSupport
import Testing

/// entries.json's `currentTopics`: the topic rule of content.md replayed on the entry vectors, in
/// file order and in reverse, gives the same winners as the file.
@Suite("Topic vectors")
struct TopicVectorTests {
    @Test("currentTopics: the same winner whatever order the entries arrive in")
    func currentTopicsInAnyOrder() throws {
        let vectors = try loadVectors(EntryVectors.self, file: "entries.json")
        #expect(!vectors.currentTopics.isEmpty)
        let expected = Dictionary(
            uniqueKeysWithValues: vectors.currentTopics.map {
                ("\($0.community) \($0.channel)", "\($0.entry): \($0.text)")
            })
        for order in [vectors.entries, vectors.entries.reversed()] {
            var winners: [String: (entry: Entry, name: String, topic: Topic)] = [:]
            for vector in order {
                let entry = try Entry(validating: TestHex.bytes(vector.hex))
                guard case .topic(let topic) = entry.decodedContent else { continue }
                let key = "\(vector.community) \(topic.channel.name)"
                if let current = winners[key]?.entry,
                    !Topic.isNewer(
                        timestamp: entry.timestamp, id: entry.id, than: current.timestamp,
                        id: current.id)
                {
                    continue
                }
                winners[key] = (entry, vector.name, topic)
            }
            #expect(winners.mapValues { "\($0.name): \($0.topic.text)" } == expected)
        }
    }
}
