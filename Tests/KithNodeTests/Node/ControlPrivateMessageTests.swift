import KithControl
import KithCore
import KithStorage
import Testing

@testable import KithNode

@Suite("Control socket: private messages", .serialized)
struct ControlPrivateMessageTests {
    @Test("msg reaches the recipient's tail opened; a relay holds and shows only ciphertext")
    func privateMessageAcrossARelay() async throws {
        try await withTemporaryDirectory { directory in
            // alice - carol - bob: carol relays the message and is neither its sender nor recipient.
            let (alice, carol, bob) = try await TestNode.startRelayLine(in: directory)
            var bobTail = try ControlTestConnection(home: bob.home)
            defer { bobTail.close() }
            var carolTail = try ControlTestConnection(home: carol.home)
            defer { carolTail.close() }
            for tail in [bobTail, carolTail] { try tail.send(ControlRequestFields(op: "tail")) }
            #expect(try bobTail.response().tailing == true)
            #expect(try carolTail.response().tailing == true)

            let text = "meet at the plaza at noon"
            let answer = try alice.ask(
                ControlRequestFields(op: "msg", text: text, recipient: bob.key.publicKey.hex))
            #expect(answer.ok)
            let sent = try #require(answer.entry)
            let expected = ControlPrivateMessage(
                sender: alice.key.publicKey, recipient: bob.key.publicKey, text: text)
            #expect(sent.privateMessage == expected)
            #expect(sent.own)
            #expect(sent.entry.contentType == .privateMessage)

            let received = try bobTail.entry(withID: sent.id)
            #expect(received.privateMessage == expected)
            #expect(!received.own)
            let relayed = try carolTail.entry(withID: sent.id)
            #expect(relayed.privateMessage == nil)
            #expect(relayed.bytes == sent.bytes)

            #expect(await alice.stop() == nil)
            #expect(await bob.stop() == nil)
            #expect(await carol.stop() == nil)

            // Every log, the relay's and the parties', holds the sealed bytes only.
            let id = try EntryID(hex: sent.id)
            for home in [carol.home, bob.home, alice.home] {
                let store = try EntryStore.open(directory: home)
                defer { try? store.close() }
                let stored = try #require(try store.entry(id))
                #expect(stored.contentType == .privateMessage)
                #expect(!contains(stored.bytes, Array(text.utf8)))
                #expect(!contains(stored.bytes, Array("plaza".utf8)))
            }
        }
    }

    @Test("the sender's own tail shows the message it sent, opened")
    func senderTailShowsSentMessage() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            var tail = try ControlTestConnection(home: node.home)
            defer { tail.close() }
            try tail.send(ControlRequestFields(op: "tail"))
            #expect(try tail.response().tailing == true)
            let recipient = SigningKey.generate().publicKey
            let answer = try node.ask(
                ControlRequestFields(op: "msg", text: "note", recipient: recipient.hex))
            let sent = try #require(answer.entry)
            let line = try tail.entry(withID: sent.id)
            #expect(
                line.privateMessage
                    == ControlPrivateMessage(
                        sender: node.key.publicKey, recipient: recipient, text: "note"))
            #expect(await node.stop() == nil)
        }
    }

    @Test("msg refuses a missing or bad recipient, the node's own key, and a bad text")
    func refusesBadRequests() async throws {
        try await withTemporaryDirectory { directory in
            let node = try TestNode.start(home: directory + "/node")
            let someone = SigningKey.generate().publicKey.hex
            let tooLong = String(repeating: "x", count: PrivateMessage.maxTextByteCount + 1)
            let refused: [(ControlRequestFields, String)] = [
                (ControlRequestFields(op: "msg", text: "hi"), "recipient"),
                (ControlRequestFields(op: "msg", recipient: someone), "text"),
                (ControlRequestFields(op: "msg", text: "hi", recipient: "abc"), "recipient"),
                (
                    ControlRequestFields(
                        op: "msg", text: "hi", recipient: String(repeating: "0", count: 64)),
                    "recipient"
                ),
                (
                    ControlRequestFields(op: "msg", text: "hi", recipient: node.key.publicKey.hex),
                    "recipient"
                ),
                (ControlRequestFields(op: "msg", text: "", recipient: someone), "text"),
                (ControlRequestFields(op: "msg", text: "a\u{0}b", recipient: someone), "text"),
                (ControlRequestFields(op: "msg", text: tooLong, recipient: someone), "text"),
                (
                    ControlRequestFields(
                        op: "msg", community: "not-an-id", text: "hi", recipient: someone),
                    "community"
                ),
            ]
            for (request, field) in refused {
                let answer = try node.ask(request)
                #expect(!answer.ok, "\(request)")
                #expect(answer.error?.contains(field) == true, "\(answer.error ?? "")")
            }
            // A refused request publishes nothing; the longest text that fits is sent.
            #expect(try await node.node.status().entryCount == 0)
            let longest = String(repeating: "x", count: PrivateMessage.maxTextByteCount)
            let answer = try node.ask(
                ControlRequestFields(op: "msg", text: longest, recipient: someone))
            #expect(answer.ok)
            #expect(answer.entry?.privateMessage?.text == longest)
            #expect(await node.stop() == nil)
        }
    }
}

/// Whether `needle` occurs in `haystack` as a run of consecutive bytes.
private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
    return (0...(haystack.count - needle.count)).contains {
        haystack[$0..<($0 + needle.count)].elementsEqual(needle)
    }
}
