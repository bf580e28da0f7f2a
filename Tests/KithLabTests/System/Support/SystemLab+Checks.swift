import Testing

/// Expectations shared by the system scenarios.
extension SystemLab {
    /// Waits until every node in `receivers` printed `text` as a chat line and holds it in its log
    /// as a post by `sender`; checks the chat line's shape:
    /// `HH:MM #channel nick (fp-short): text`.
    func expectDelivered(
        _ text: String, from sender: KithHost, nick: String, channel: String = "general",
        to receivers: [KithHost], timeout: Duration = .seconds(60),
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        guard let fingerprint = try await sender.status()?.fingerprint else {
            throw SystemTestFailure(summary: "\(sender) does not answer", details: [])
        }
        try await waitUntil("\(receivers) to show '\(text)' from \(sender)", timeout: timeout) {
            receivers.allSatisfy { $0.chatLine(showing: text) != nil }
        }
        let shortForm = String(fingerprint.prefix(9))
        for receiver in receivers {
            let line = receiver.chatLine(showing: text) ?? ""
            #expect(
                Self.isClockTime(line.prefix(5))
                    && line.dropFirst(5) == " #\(channel) \(nick) (\(shortForm)): \(text)",
                "chat line on \(receiver.name): \(line)", sourceLocation: sourceLocation)
            let posts = try await receiver.log().posts(by: fingerprint)
            #expect(
                posts.filter { $0.text == text }.count == 1,
                "\(receiver.name)'s log holds '\(text)' by \(sender.name) once",
                sourceLocation: sourceLocation)
        }
    }

    /// Checks that every node's log verifies (`kith-log verify --strict` exits 0) and holds each
    /// entry once, with no fork, gap or duplicate record.
    func expectSoundLogs(_ nodes: [KithHost], sourceLocation: SourceLocation = #_sourceLocation)
        async throws
    {
        for node in nodes {
            let verification = try await node.verifyLog()
            #expect(
                verification.succeeded,
                """
                kith-log verify on \(node.name): \(verification.standardOutput)\
                \(verification.standardError)
                """,
                sourceLocation: sourceLocation)
            let log = try await node.log()
            #expect(
                log.isClean,
                "\(node.name)'s log: \(log.records.count) records, \(log.idSet.count) distinct",
                sourceLocation: sourceLocation)
        }
    }

    /// Stops every node with SIGTERM and checks that each exits with status 0.
    func expectCleanStops(_ nodes: [KithHost], sourceLocation: SourceLocation = #_sourceLocation)
        async throws
    {
        for node in nodes {
            let termination = try await node.stop()
            #expect(
                termination == .exited(0), "\(node.name) \(termination)",
                sourceLocation: sourceLocation)
        }
    }

    /// True for `HH:MM`.
    private static func isClockTime(_ text: Substring) -> Bool {
        let characters = Array(text)
        return characters.count == 5 && characters[2] == ":"
            && [0, 1, 3, 4].allSatisfy { characters[$0].isASCII && characters[$0].isNumber }
    }
}
