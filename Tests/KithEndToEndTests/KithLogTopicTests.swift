import Foundation
import KithCore
import KithStorage
import Testing

@Suite("KithLogTool dump: topic entries")
struct KithLogTopicTests {
    @Test("dump shows a topic's channel and text, as JSON members and as a text line")
    func dumpTopic() async throws {
        try await withScratchSpace { space in
            let home = space.path + "/home"
            let key = SigningKey.generate()
            let post = try Entry.sign(
                community: DefaultCommunity.id, sequence: 1, previous: .zero,
                timestamp: 1_700_000_000_000, contentType: .post,
                content: Post(channel: .general, text: "hello").encoded(), with: key)
            let topic = try Entry.sign(
                community: DefaultCommunity.id, sequence: 2, previous: post.id,
                timestamp: 1_700_000_001_000, contentType: .topic,
                content: Topic(channel: ChannelName("plans"), text: "Dates and places").encoded(),
                with: key)
            let outcomes = try KithLogFixture.ingest([post, topic], home: home)
            #expect(outcomes.count == 2)

            let json = try await kithLog(
                ["--home", home, "dump", "--json", "--type", "topic"], space)
            #expect(json.status == 0, "\(json)")
            let objects = try KithLogFixture.jsonLines(json.standardOutput)
            #expect(objects.count == 1)
            #expect(objects.first?["type"] as? String == "topic")
            #expect(objects.first?["channel"] as? String == "plans")
            #expect(objects.first?["topic"] as? String == "Dates and places")
            #expect(objects.first?["text"] == nil)

            let text = try await kithLog(["--home", home, "dump", "--type", "0x0004"], space)
            #expect(text.status == 0, "\(text)")
            #expect(text.outputLines.count == 1)
            #expect(text.outputLines.first?.hasSuffix("#plans  topic: Dates and places") == true)
        }
    }
}
