import Foundation
import KithCommandLine
import KithControl
import KithCore
import KithNode
import KithSystem

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
    /// Follows the next node when the one in use goes away.
    private let follower: ChatNodeFollower?
    /// The line editor, on a terminal; nil when input is read as plain lines.
    private var editor: LineEditor?
    /// The terminal in raw mode, for Ctrl-Z; nil when input is read as plain lines.
    private let terminal: RawTerminal?
    private var partialLine: [UInt8] = []
    private var ending: Ending?
    /// What the feed brought before the node's stream opened, handled after start-up.
    private var early: [ChatFeed.Item] = []
    /// Entries this chat posted that the node's stream has not shown yet: at end of input the
    /// chat waits for them, so a script sees what it posted.
    private var unseenOwn: Set<EntryID> = []
    /// The chat's own entries that came through the stream while requests were unanswered: a
    /// post's entry may come before the answer to the post.
    private var arrivedOwn: Set<EntryID> = []
    /// Sends the chat's requests without holding its input.
    private let requester: ChatRequester
    /// Requests sent whose answer the loop has not taken yet.
    private var unanswered = 0
    /// How long the chat waits for those at end of input.
    static let drainMilliseconds: UInt64 = 5_000
    /// The highest sequence number of this node's own entries the chat posted, per community:
    /// with plain input, the chat waits at its end until a peer holds them.
    private var postedHeads: [CommunityID: UInt64] = [:]
    /// Errors shown with plain input, where each one fails the run.
    private(set) var errorCount = 0
    /// Whether a signal ended the chat (it then waits for nothing).
    private var interrupted = false
    /// How often the chat looks whether the community book changed, at most (milliseconds).
    static let bookCheckMilliseconds: Int32 = 1_000
    /// The community book file as last seen.
    private var bookStamp: ChatCommunityBook.FileStamp?
    /// How often an interactive chat asks the node whether peers' clocks disagree with this
    /// machine's (milliseconds).
    static let clockCheckMilliseconds: UInt64 = 10_000
    /// When the late entries the session gathers are due to be shown (monotonic ms), if any.
    private var lateArrivalsDue: UInt64?
    /// The node's latest events, for `/status` (they stay out of the conversation).
    private var nodeEvents: [String] = []
    /// How many of them are kept.
    static let nodeEventsKept = 50
    /// When the chat next asks about clocks (monotonic milliseconds).
    private var nextClockCheck: UInt64 = 0
    /// When the chat last said that clocks disagree (monotonic milliseconds), if it did.
    private var clockSkewShownAt: UInt64?
    /// How long the chat waits before saying it again, while it goes on.
    static let clockRepeatMilliseconds: UInt64 = 600_000
    /// The beacons the node had dropped for clock skew when the chat last asked.
    private var clockSkewSeen = 0
    /// When a lone Esc was typed during a reverse search (monotonic ms), if no byte followed
    /// yet: after ``escapeMilliseconds`` it is the Esc key, which cancels the search.
    private var escapeTypedAt: UInt64?
    /// How long a byte may take to follow an Esc and still belong to the same key.
    static let escapeMilliseconds: UInt64 = 100

    init(
        session: ChatSession, link: ChatNodeLink, screen: any ChatScreen, feed: ChatFeed,
        waiter: InputWaiter, editor: LineEditor?, terminal: RawTerminal? = nil,
        follower: ChatNodeFollower? = nil
    ) {
        self.follower = follower
        self.terminal = terminal
        self.session = session
        self.link = link
        self.screen = screen
        self.feed = feed
        self.waiter = waiter
        self.editor = editor
        bookStamp = link.communityBook.fileStamp()
        requester = ChatRequester(link: link, feed: feed)
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
                guard !unseenOwn.isEmpty || unanswered > 0, now < deadline else { break }
                if try waiter.wait(for: nil, timeoutMilliseconds: Int32(deadline - now)).woken {
                    takeFeed()
                }
                continue
            }
            let ready = try waiter.wait(
                for: inputOpen ? input : nil, timeoutMilliseconds: waitMilliseconds())
            showLateArrivalsIfDue()
            if !ready.input { escapeTimedOutIfDue() }
            checkCommunityBook()
            checkClockSkew()
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
        lateArrivalsDue = 0
        showLateArrivalsIfDue()
        screen.finish()
        // What was asked last (a post just before quitting) still reaches the node.
        _ = requester.waitUntilAnswered(milliseconds: Int(Self.drainMilliseconds))
        requester.stop()
        return ending ?? .quit
    }

    /// How long the loop may wait: until the next community book check, or sooner when late
    /// entries are due to be shown.
    private func waitMilliseconds() -> Int32 {
        let dues = [lateArrivalsDue, escapeTypedAt.map { $0 + Self.escapeMilliseconds }]
        guard let due = dues.compactMap({ $0 }).min() else { return Self.bookCheckMilliseconds }
        let now = SystemClock.monotonicMilliseconds()
        return Int32(min(UInt64(Self.bookCheckMilliseconds), due > now ? due - now : 0))
    }

    /// Tells the line editor that nothing followed a lone Esc, once its time passed.
    private func escapeTimedOutIfDue() {
        guard let typedAt = escapeTypedAt, var editor,
            SystemClock.monotonicMilliseconds() >= typedAt + Self.escapeMilliseconds
        else { return }
        escapeTypedAt = nil
        let before = editor.state
        editor.escapeTimedOut()
        self.editor = editor
        if editor.state != before { screen.inputChanged(editor.state) }
    }

    /// Has the session show the late entries it gathered, once their time came.
    private func showLateArrivalsIfDue() {
        guard let due = lateArrivalsDue, SystemClock.monotonicMilliseconds() >= due else { return }
        lateArrivalsDue = nil
        carryOut(session.handle(.lateArrivalsCollected))
    }

    /// On a terminal, every 10 seconds: when the node dropped peers' beacons because their
    /// clocks are more than 5 minutes from this machine's, says so (again after 10 minutes
    /// while it goes on)
    /// (Protocol/discovery.md, "Replay guard"): no peer is found across that gap, silently
    /// otherwise.
    private func checkClockSkew() {
        guard editor != nil else { return }
        let now = SystemClock.monotonicMilliseconds()
        guard now >= nextClockCheck else { return }
        nextClockCheck = now + Self.clockCheckMilliseconds
        guard let skew = link.clockSkew(), skew.beaconsRejected > clockSkewSeen else { return }
        clockSkewSeen = skew.beaconsRejected
        if let shown = clockSkewShownAt, now - shown < Self.clockRepeatMilliseconds { return }
        clockSkewShownAt = now
        screen.show(.error("!! " + UntrustedText.replaced(skew.warning)))
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
        case .signal(let number): ChatFeed.stopsTheChat(number)
        default: false
        }
    }

    /// With plain input, after the chat ended by itself: waits at most `milliseconds` until a
    /// peer in session holds everything this chat posted. Returns the communities whose posts
    /// no peer holds yet (empty when all were reached, or nothing was posted).
    func waitForPeers(milliseconds: UInt64) throws -> [CommunityID] {
        guard editor == nil, ending == nil || ending == .quit, !interrupted else { return [] }
        let deadline = SystemClock.monotonicMilliseconds() + milliseconds
        var waiting = postedHeads
        while true {
            for (community, sequence) in waiting
            where link.wasReached(community, through: sequence) {
                waiting[community] = nil
            }
            let now = SystemClock.monotonicMilliseconds()
            guard !waiting.isEmpty, now < deadline else { break }
            let woken = try waiter.wait(
                for: nil, timeoutMilliseconds: Int32(min(50, deadline - now)))
            if woken.woken {
                // A signal while waiting stops the wait; entries that arrive are not shown now.
                let (items, _) = feed.takeAll()
                if items.contains(where: Self.stopsTheChat) { break }
            }
        }
        return waiting.keys.sorted { $0.hex < $1.hex }
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
        var batch: [ControlEntry] = []
        func flush() {
            guard !batch.isEmpty else { return }
            carryOut(session.handle(.arrived(batch)))
            batch.removeAll()
        }
        for item in items {
            switch item {
            case .entry(let entry):
                if unseenOwn.remove(entry.entry.id) == nil, entry.isOwn, unanswered > 0 {
                    arrivedOwn.insert(entry.entry.id)
                }
                batch.append(entry)
            case .replied(let request, let purpose, let reply, let unreadByNode):
                flush()
                replied(request, purpose, reply, unreadByNode: unreadByNode)
            case .subscribed:
                continue
            case .ended(let reason, let generation):
                flush()
                // The end of a subscription the chat already replaced is no news.
                guard feed.isCurrent(generation) else { continue }
                if ending == nil, let notice = follower?.followNextNode(after: reason) {
                    screen.show(.notice("-- " + notice))
                    continue
                }
                ending = ending ?? .nodeLost(reason)
            case .signal(let number):
                flush()
                if number == SIGWINCH {
                    screen.resized()
                } else if number == SIGCONT {
                    continued()
                } else {
                    interrupted = true
                    ending = ending ?? .quit
                }
            case .nodeEvent(let line, let isNotable):
                flush()
                let time = TimeFormatting.localClockTime(
                    millisecondsSinceEpoch: SystemClock.wallMilliseconds(),
                    offsetSeconds: TimeFormatting.localOffsetSeconds(
                        at: SystemClock.wallMilliseconds()))
                nodeEvents.append("\(time) \(line)")
                if nodeEvents.count > Self.nodeEventsKept { nodeEvents.removeFirst() }
                if isNotable { screen.show(.notice("-- " + line)) }
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
        let completer = session
        let events = editor.feed(bytes) { completer.completions(for: $0) }
        self.editor = editor
        escapeTypedAt = editor.isWaitingAfterEscape ? SystemClock.monotonicMilliseconds() : nil
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
            case .suspend:
                suspend()
            case .redraw:
                screen.redrawAll()
            case .nextActivity:
                carryOut(session.handle(.typed("/next")))
            case .pasted(let lineCount, let wasCut):
                if wasCut {
                    screen.show(
                        .error(
                            "!! the paste was cut: the input line holds at most "
                                + "\(editor.maximumLineBytes) bytes"))
                }
                guard lineCount > 1 else { continue }
                screen.show(
                    .notice(
                        "-- \(lineCount) lines in the input: Enter posts them as one message, "
                            + "Ctrl-U clears them"))
            }
        }
    }

    /// Ctrl-Z: gives the terminal back as it was and stops this process like any terminal
    /// program (SIGTSTP, default action); when the shell continues it (`fg`), takes raw mode
    /// again and redraws the input line. When nothing can stop it (SIGTSTP ignored, or no shell
    /// with job control to continue it, where the system discards the signal), it carries on
    /// at once.
    private func suspend() {
        guard let terminal else { return }
        screen.suspend()
        do {
            try terminal.restore()
        } catch {
            screen.show(.error("!! cannot suspend: \(error)"))
            return
        }
        JobControl.stopUntilContinued()
        do {
            try terminal.enterRawMode()
        } catch {
            screen.show(.error("!! the terminal could not be set up again: \(error)"))
            ending = ending ?? .quit
            return
        }
        screen.resume()
    }

    /// The process was continued after a stop, maybe one it did not ask for (`kill -STOP`, or
    /// SIGTSTP from another program): the shell may have set the terminal back to its own
    /// mode meanwhile, so raw mode is set again and the input line redrawn.
    private func continued() {
        guard let terminal, terminal.isRaw else { return }
        do {
            try terminal.reapplyRawMode()
        } catch {
            screen.show(.error("!! the terminal could not be set up again: \(error)"))
            ending = ending ?? .quit
            return
        }
        screen.resume()
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

    /// Takes the node's answer to a request: asks the next node when none read it, notes the
    /// entries the chat posted, and feeds the answer to the session.
    private func replied(
        _ request: ChatRequest, _ purpose: ChatPurpose, _ reply: ChatReply, unreadByNode: Bool
    ) {
        unanswered -= 1
        if unreadByNode, let notice = follower?.followNextNode(after: "it did not answer") {
            screen.show(.notice("-- " + notice))
            unanswered += 1
            requester.submit(request, purpose: purpose)
            return
        }
        if purpose == .send, case .entries(let posted) = reply {
            unseenOwn.formUnion(posted.map(\.entry.id).filter { !arrivedOwn.contains($0) })
            for item in posted where item.isOwn {
                let community = item.entry.community
                postedHeads[community] = max(postedHeads[community] ?? 0, item.entry.sequence)
            }
        }
        if unanswered == 0 { arrivedOwn.removeAll() }
        carryOut(session.handle(.replied(purpose, reply)))
    }

    /// Carries out actions in order; a request's answer comes later, through the feed.
    private func carryOut(_ actions: [ChatAction]) {
        for action in actions {
            switch action {
            case .show(let output):
                if editor == nil, case .error = output { errorCount += 1 }
                screen.show(output)
            case .perform(let request, let purpose):
                unanswered += 1
                requester.submit(request, purpose: purpose)
            case .setPrompt(let prompt):
                screen.setPrompt(prompt)
            case .collectLateArrivals(let milliseconds):
                if lateArrivalsDue == nil {
                    lateArrivalsDue = SystemClock.monotonicMilliseconds() + milliseconds
                }
            case .bell:
                screen.bell()
            case .showNodeEvents:
                if nodeEvents.isEmpty {
                    screen.show(.notice("-- the node reported nothing yet"))
                } else {
                    screen.show(.notice("-- what the node reported lately:"))
                    for line in nodeEvents { screen.show(.notice("--   " + line)) }
                }
            case .quit:
                ending = ending ?? .quit
            }
        }
    }
}
