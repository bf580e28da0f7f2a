import KithControl
import KithCore
import KithStorage
import Testing

@testable import KithNode

@Suite("ControlService: requests answered against a store, without sockets")
struct ControlServiceTests {
    /// A service over a fresh store, its host, and where it saves the block list.
    private struct Fixture {
        let store: EntryStore
        let host: FakeControlServiceHost
        let service: ControlService
        let blockListPath: String

        init(directory: String) throws {
            store = try EntryStore.open(directory: directory + "/home")
            blockListPath = directory + "/blocked"
            let identity = SigningKey.generate()
            host = FakeControlServiceHost(store: store, identity: identity)
            service = ControlService(
                host: host, store: store, identity: identity, blockListPath: blockListPath,
                hiddenListPath: nil, communityBookPath: nil)
        }

        /// Answers `request`; an answer given at once is recorded in `answers` too.
        func ask(_ request: ControlRequest, _ answers: LaterAnswers) -> ControlResponse? {
            service.answer(request, later: answers.collect)
        }
    }

    /// Runs `body` with a fixture in a temporary directory, and closes its store.
    private func withFixture(_ body: (Fixture, LaterAnswers) async throws -> Void) async throws {
        try await withTemporaryDirectory { directory in
            let fixture = try Fixture(directory: directory)
            try await body(fixture, LaterAnswers())
            try fixture.store.close()
        }
    }

    private static func post(_ text: String) throws -> ControlRequest {
        .post(community: nil, try Post(channel: .general, text: text))
    }

    @Test("posts read together wait for one commit, then are answered in order")
    func groupCommit() async throws {
        try await withFixture { fixture, answers in
            for request in try ["one", "two", "three"].map(Self.post) {
                #expect(fixture.ask(request, answers) == nil)
            }
            #expect(answers.all.isEmpty)
            #expect(fixture.host.commits.isEmpty)
            fixture.service.commitPostsAwaitingSync()
            #expect(fixture.host.commits.map(\.count) == [3])
            let entries = answers.all.compactMap(\.entry)
            #expect(entries.count == 3)
            #expect(entries.map(\.entry.sequence) == [1, 2, 3])
            #expect(entries.map(\.id) == fixture.host.commits[0].map(\.id.hex))
            #expect(entries.allSatisfy { $0.own })
            // Nothing waits any more: a second commit does nothing.
            fixture.service.commitPostsAwaitingSync()
            #expect(fixture.host.commits.count == 1)
            #expect(answers.all.count == 3)
        }
    }

    @Test("a batch that cannot be made durable refuses each of its posts, in order")
    func groupCommitFailure() async throws {
        try await withFixture { fixture, answers in
            fixture.host.commitFailure = .cannotPost("no room")
            for request in try ["one", "two"].map(Self.post) {
                #expect(fixture.ask(request, answers) == nil)
            }
            fixture.service.commitPostsAwaitingSync()
            let refusal = ControlResponse.refused(
                .cannotPublish("\(NodeError.cannotPost("no room"))"))
            #expect(answers.all == [refusal, refusal])
        }
    }

    @Test("a request naming a community the node is not in is refused and signs nothing")
    func unknownCommunity() async throws {
        try await withFixture { fixture, answers in
            let elsewhere = try CommunityKey(bytes: SecureRandom.bytes(32)).id
            let refusal = ControlResponse.refused(.unknownCommunity(elsewhere.hex))
            let post = try Post(channel: .general, text: "hello")
            let requests: [ControlRequest] = [
                .post(community: elsewhere, post),
                .nick(community: elsewhere, try DisplayName("alice")),
                .history(community: elsewhere, channel: .general, limit: 10),
                .inbox(community: elsewhere, limit: 10),
                .channels(community: elsewhere),
                .reach(community: elsewhere, sequence: 1),
            ]
            for request in requests {
                #expect(fixture.ask(request, answers) == refusal)
            }
            fixture.host.communityIDs = []
            #expect(
                fixture.ask(.channels(community: nil), answers)
                    == .refused(.unknownCommunity("(default)")))
            #expect(fixture.store.entryCount == 0)
            #expect(answers.all.isEmpty)
        }
    }

    @Test("a long history is answered in a later turn, and not once the node stopped")
    func historyInSteps() async throws {
        try await withFixture { fixture, answers in
            let author = SigningKey.generate()
            var previous = EntryID.zero
            let count = ControlService.historyPostsPerTurn + 3
            for sequence in 1...UInt64(count) {
                let entry = try Entry.sign(
                    community: DefaultCommunity.id, sequence: sequence, previous: previous,
                    timestamp: sequence, contentType: .post,
                    content: Post(channel: .general, text: "n\(sequence)").encoded(), with: author)
                _ = try fixture.store.append(verified: entry)
                previous = entry.id
            }
            let history = ControlRequest.history(community: nil, channel: .general, limit: 1_000)
            #expect(fixture.ask(history, answers) == nil)
            #expect(answers.all.isEmpty)
            #expect(fixture.host.runNextTurn())
            #expect(answers.all.count == 1)
            #expect(answers.all.first?.entries?.map(\.entry.sequence) == Array(1...UInt64(count)))
            #expect(!fixture.host.runNextTurn())

            #expect(fixture.ask(history, answers) == nil)
            fixture.host.isRunning = false
            #expect(fixture.host.runNextTurn())
            #expect(answers.all.count == 1)
        }
    }

    @Test("blocking saves the list, puts it in force, and leaves the author out of history")
    func blockingHidesHistory() async throws {
        try await withFixture { fixture, answers in
            let path = fixture.blockListPath
            let author = SigningKey.generate()
            let entry = try Entry.sign(
                community: DefaultCommunity.id, sequence: 1, previous: .zero, timestamp: 1,
                contentType: .post,
                content: Post(channel: .general, text: "hi").encoded(), with: author)
            _ = try fixture.store.append(verified: entry)
            let history = ControlRequest.history(community: nil, channel: .general, limit: 10)
            #expect(fixture.ask(history, answers)?.entries?.map(\.id) == [entry.id.hex])

            let blocked = fixture.ask(.block(author.publicKey), answers)
            #expect(
                blocked
                    == .blockedAuthors([
                        ControlBlockedAuthor(
                            publicKey: author.publicKey,
                            fingerprint: author.publicKey.fingerprint.full, refused: true)
                    ]))
            #expect(fixture.host.enforcedCount == 1)
            #expect(try BlockListFile(path: path).load().contains(author.publicKey))
            #expect(fixture.ask(history, answers)?.entries == [])
            // Blocking again changes nothing; the node's own key cannot be blocked.
            #expect(fixture.ask(.block(author.publicKey), answers) == blocked)
            #expect(fixture.host.enforcedCount == 1)
            let own = fixture.host.identity.publicKey
            #expect(
                fixture.ask(.block(own), answers)
                    == .failed("block: that is this node's own key; it cannot be blocked"))
            #expect(fixture.ask(.unblock(author.publicKey), answers) == .blockedAuthors([]))
            #expect(fixture.ask(history, answers)?.entries?.map(\.id) == [entry.id.hex])
            #expect(answers.all.isEmpty)
        }
    }

    @Test("communities_reload without a community book is refused")
    func reloadWithoutBook() async throws {
        try await withFixture { fixture, answers in
            #expect(
                fixture.ask(.communitiesReload, answers)
                    == .failed("this node keeps no community book"))
        }
    }
}
