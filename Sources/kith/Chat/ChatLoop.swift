import Foundation
import KithCommandLine
import KithCore
import KithNode

/// Runs a chat: reads what the person types (through the line editor on a terminal, as lines
/// otherwise), takes what the feed brings, hands both to the ``ChatSession`` and carries out its
/// actions. Single-threaded: everything happens on the caller's thread.
final class ChatLoop {
    /// How a chat ended.
    enum Ending: Equatable {
        /// The person quit (`/quit`, Ctrl-D, Ctrl-C on an empty line, end of input, a signal).
        case quit
        /// The node went away.
        case nodeLost(String)
    }

    private var session: ChatSession
    private let link: ChatNodeLink
    private let screen: any ChatScreen
    private let feed: ChatFeed
    private let waiter: InputWaiter
    /// The line editor, on a terminal; nil when input is read as plain lines.
    private var editor: LineEditor?
    private var partialLine: [UInt8] = []
    private var ending: Ending?
    /// What the feed brought before the node's stream opened, handled after start-up.
    private var early: [ChatFeed.Item] = []
    /// Entries this chat posted that the node's stream has not shown yet: at end of input the
    /// chat waits for them, so a script sees what it posted.
    private var unseenOwn: Set<EntryID> = []
    /// How long the chat waits for those at end of input.
    static let drainMilliseconds: UInt64 = 5_000
    /// How often the chat looks whether the community book changed, at most (milliseconds).
    static let bookCheckMilliseconds: Int32 = 1_000
    /// The community book file as last seen.
    private var bookStamp: ChatCommunityBook.FileStamp?

    init(
        session: ChatSession, link: ChatNodeLink, screen: any ChatScreen, feed: ChatFeed,
        waiter: InputWaiter, editor: LineEditor?
    ) {
        self.session = session
        self.link = link
        self.screen = screen
        self.feed = feed
        self.waiter = waiter
        self.editor = editor
        bookStamp = link.communityBook.fileStamp()
    }

    /// Runs until the chat ends; `input` is the descriptor read (standard input).
    func run(input: Int32) throws -> Ending {
        try waitForSubscription()
        if let ending { return ending }
        carryOut(session.handle(.started))
        take(early)
        early.removeAll()
        var inputOpen = true
        var drainDeadline: UInt64?
        while ending == nil {
            if let deadline = drainDeadline {
                let now = SystemClock.monotonicMilliseconds()
                guard !unseenOwn.isEmpty, now < deadline else { break }
                if try waiter.wait(for: nil, timeoutMilliseconds: Int32(deadline - now)).woken {
                    takeFeed()
                }
                continue
            }
            let ready = try waiter.wait(
                for: inputOpen ? input : nil, timeoutMilliseconds: Self.bookCheckMilliseconds)
            checkCommunityBook()
            if ready.woken { takeFeed() }
            if ready.input, ending == nil {
                let bytes = try waiter.read(input)
                if bytes.isEmpty {
                    inputOpen = false
                    if endOfInput() {
                        drainDeadline = SystemClock.monotonicMilliseconds() + Self.drainMilliseconds
                    }
                } else {
                    typed(bytes)
                }
            }
        }
        screen.finish()
        return ending ?? .quit
    }

    /// Adopts the community book when another program changed it (`kith community` in another
    /// terminal), before what was typed meanwhile: a `/community switch` to a community just
    /// joined then works. The session never moves a chat out of a community left this way, so
    /// a line typed under the old prompt is refused, not sent elsewhere.
    private func checkCommunityBook() {
        let stamp = link.communityBook.fileStamp()
        guard stamp != bookStamp else { return }
        bookStamp = stamp
        guard let list = try? link.communityBook.communities() else { return }
        carryOut(session.handle(.communitiesChanged(list)))
    }

    /// Waits until the node streams entries, so nothing appended after the history shown on
    /// start is missed.
    private func waitForSubscription() throws {
        while ending == nil {
            _ = try waiter.wait(for: nil)
            let (items, _) = feed.takeAll()
            guard
                let start = items.firstIndex(where: {
                    if case .subscribed = $0 { true } else { false }
                })
            else {
                // Node events before the stream opened are shown once the chat starts.
                early += items
                if items.contains(where: Self.stopsTheChat) {
                    take(early)
                    early.removeAll()
                }
                continue
            }
            early += items[..<start]
            early += items[(start + 1)...]
            return
        }
    }

    /// Whether `item` ends the chat: the node's stream ended, or a signal other than a resize.
    private static func stopsTheChat(_ item: ChatFeed.Item) -> Bool {
        switch item {
        case .ended: true
        case .signal(let number): number != SIGWINCH
        default: false
        }
    }

    private func takeFeed() {
        let (items, dropped) = feed.takeAll()
        if dropped > 0 {
            screen.show(.error("!! \(dropped) entries were not shown: the chat fell behind"))
        }
        take(early + items)
        early.removeAll()
    }

    /// Handles what the feed brought, in order; entries that came together form one batch.
    private func take(_ items: [ChatFeed.Item]) {
        var batch: [ChatEntry] = []
        func flush() {
            guard !batch.isEmpty else { return }
            carryOut(session.handle(.arrived(batch)))
            batch.removeAll()
        }
        for item in items {
            switch item {
            case .entry(let entry):
                unseenOwn.remove(entry.entry.id)
                batch.append(entry)
            case .subscribed:
                continue
            case .ended(let reason):
                flush()
                ending = ending ?? .nodeLost(reason)
            case .signal(let number):
                flush()
                if number == SIGWINCH {
                    screen.resized()
                } else {
                    ending = ending ?? .quit
                }
            case .nodeEvent(let line):
                flush()
                screen.show(.notice("-- " + line))
            }
        }
        flush()
    }

    private func typed(_ bytes: [UInt8]) {
        guard var editor else {
            partialLine += bytes
            while let newline = partialLine.firstIndex(of: 0x0a), ending == nil {
                var line = Array(partialLine[..<newline])
                partialLine.removeSubrange(...newline)
                if line.last == 0x0d { line.removeLast() }
                carryOut(session.handle(.typed(String(decoding: line, as: UTF8.self))))
            }
            return
        }
        let before = editor.state
        let events = editor.feed(bytes)
        self.editor = editor
        if editor.state != before { screen.inputChanged(editor.state) }
        for event in events where ending == nil {
            switch event {
            case .submit(let line):
                carryOut(session.handle(.typed(line)))
            case .interrupt(let lineWasEmpty):
                if lineWasEmpty { ending = .quit }
            case .endOfInput:
                ending = .quit
            case .bell:
                screen.bell()
            }
        }
    }

    /// Input ended: runs a last unterminated line. True when the chat should still show what it
    /// posted before ending (plain input); on a terminal it ends at once.
    private func endOfInput() -> Bool {
        guard editor == nil else {
            ending = ending ?? .quit
            return false
        }
        if !partialLine.isEmpty {
            let line = String(decoding: partialLine, as: UTF8.self)
            partialLine.removeAll()
            carryOut(session.handle(.typed(line)))
        }
        return ending == nil
    }

    /// Carries out actions in order; the answer to each request is fed back at once.
    private func carryOut(_ actions: [ChatAction]) {
        for action in actions {
            switch action {
            case .show(let output):
                screen.show(output)
            case .perform(let request, let purpose):
                let reply = link.perform(request)
                if purpose == .send, case .entries(let posted) = reply {
                    unseenOwn.formUnion(posted.map(\.entry.id))
                }
                carryOut(session.handle(.replied(purpose, reply)))
            case .setPrompt(let prompt):
                screen.setPrompt(prompt)
            case .quit:
                ending = ending ?? .quit
            }
        }
    }
}
