import KithChat
import KithCommandLine
import KithControl
import KithCore
import KithNode
import KithStorage
import KithSystem
import KithTestSupport

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// A node in a temporary home on loopback, and a chat loop attached to it the way `kith chat`
/// attaches with plain input: the input is a pipe the test writes, the screen records.
final class ChatLoopFixture {
    let home: String
    let key: SigningKey
    let node: Node
    let screen = RecordingChatScreen()
    let mailbox: ChatMailbox
    let loop: ChatLoop
    /// The pipe's ends: the loop reads `input`, the test writes `typing`.
    let input: Int32
    private(set) var typing: Int32?

    /// Starts a node in `home` and makes a chat loop for it (not yet running). With a
    /// `follower`, the chat follows the next node when this one goes away, as `kith chat` does.
    init(home: String, follower: (ChatNodeConnection) -> ChatNodeFollower? = { _ in nil }) throws {
        self.home = home
        key = SigningKey.generate()
        node = try Self.startNode(home: home, key: key)

        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw SystemCallError.current("pipe") }
        input = ends[0]
        typing = ends[1]
        let waiter = try InputWaiter()
        mailbox = ChatMailbox(waiter: waiter)
        let book = CommunityBook(home: home)
        let memberships = try book.load()
        let session = ChatSession(
            configuration: ChatSessionConfiguration(
                ownKey: key.publicKey,
                communities: try ChatCommunityBook.chatCommunities(memberships),
                community: memberships[0].id, channel: try ChannelName("general"),
                historyOnJoin: 0, style: ChatStyle(usesColor: false),
                timeLabel: {
                    TimeFormatting.localClockTime(millisecondsSinceEpoch: $0, offsetSeconds: 0)
                },
                dateTimeLabel: {
                    TimeFormatting.localDateTime(millisecondsSinceEpoch: $0, offsetSeconds: 0)
                }, isInteractive: false, dayLabel: nil))
        loop = ChatLoop(
            session: session,
            link: ChatNodeLink(
                communityBook: ChatCommunityBook(book: book, socketPath: home + "/control.sock")),
            screen: screen, mailbox: mailbox, waiter: waiter, editor: nil,
            follower: follower(
                ChatNodeConnection(
                    socketPath: home + "/control.sock", key: key.publicKey, ownNode: nil)))
    }

    /// The node's control socket.
    var socketPath: String { home + "/control.sock" }

    /// Starts a node in `home` with `key` on loopback only, serving `<home>/control.sock`.
    static func startNode(home: String, key: SigningKey) throws -> Node {
        let configuration = NodeConfiguration.loopbackOnly(home: home)
        let node = try Node(
            configuration: configuration, identity: key,
            store: try EntryStore.open(directory: home), events: { _ in })
        try node.start()
        return node
    }

    deinit {
        close(input)
        if let typing { close(typing) }
    }

    /// Writes `text` to the loop's input.
    func type(_ text: String) {
        guard let typing else { return }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes {
                write(typing, $0.baseAddress, $0.count)
            }
            guard result > 0 else { return }
            written += result
        }
    }

    /// Ends the loop's input, as Ctrl-D or the end of a script does.
    func endInput() {
        if let typing { close(typing) }
        typing = nil
    }

    /// Stops the node and waits until it has.
    func stopNode() async {
        node.stop()
        _ = await node.waitUntilStopped()
    }
}
