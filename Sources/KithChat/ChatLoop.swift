import Foundation
import KithCommandLine
import KithControl
import KithCore
import KithNode
import KithSystem

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Runs a chat: reads what the person types (through the line editor on a terminal, as lines
/// otherwise), reads the node's stream and answers (``ChatNodeChannel``), hands both to the
/// ``ChatSession`` and carries out its actions. One thread: a poll waits for the input, the
/// node's two sockets and the wake-up pipe of the ``ChatMailbox`` (signals, and the events of a
/// node running in this process) at once; an entry read is shown in the same turn, and a
/// request never waits for its answer.
package final class ChatLoop {
    /// How a chat ended.
    package enum Ending: Equatable {
        /// The person quit (`/quit`, Ctrl-D, Ctrl-C on an empty line, end of input, a signal).
        case quit
        /// The node went away.
        case nodeLost(String)
    }

    var session: ChatSession
    let link: ChatNodeLink
    let screen: any ChatScreen
    let mailbox: ChatMailbox
    let waiter: InputWaiter
    /// The node's stream and the requests to it, following the next node when it goes away.
    let node: ChatNodeChannel
    /// The line editor, on a terminal; nil when input is read as plain lines.
    var editor: LineEditor?
    /// The terminal in raw mode, for Ctrl-Z; nil when input is read as plain lines.
    let terminal: RawTerminal?
    var partialLine: [UInt8] = []
    var ending: Ending?
    /// Whether the node streams its entries (the chat starts once it does).
    var isSubscribed = false
    /// Whether the session started: what comes before waits in ``early``.
    var hasStarted = false
    /// Whether the chat's loop ended: only the answers still due are taken, and not shown.
    var hasFinished = false
    /// What came before the chat started, handled once it did.
    var early: [ChatMailbox.Item] = []
    /// What the node brought before the chat started, handled once it did.
    var earlyFromNode: [ChatNodeChannel.Event] = []
    /// Entries this chat posted that the node's stream has not shown yet: at end of input the
    /// chat waits for them, so a script sees what it posted.
    var unseenOwn: Set<EntryID> = []
    /// The chat's own entries that came through the stream while requests were unanswered: a
    /// post's entry may come before the answer to the post.
    var arrivedOwn: Set<EntryID> = []
    /// The session's requests whose answer the loop has not taken yet.
    var unanswered = 0
    /// Answers the chat gave without asking the node, taken after the actions that asked.
    var answeredHere: [(request: ChatRequest, purpose: ChatPurpose, reply: ChatReply)] = []
    /// How long the chat waits for those at end of input.
    static let drainMilliseconds: UInt64 = 5_000
    /// While more requests than this wait for the node, the chat reads no more input: what it
    /// holds for the node stays bounded however fast a script writes.
    static let unansweredLimit = 256
    /// The highest sequence number of this node's own entries the chat posted, per community:
    /// with plain input, the chat waits at its end until a peer holds them.
    var postedHeads: [CommunityID: UInt64] = [:]
    /// While waiting for peers at the end: the communities no peer held yet, and how many
    /// `reach` questions are out.
    var unreached: [CommunityID: UInt64] = [:]
    var reachQuestionsOut = 0
    /// Errors shown with plain input, where each one fails the run.
    package private(set) var errorCount = 0
    /// Whether a signal ended the chat (it then waits for nothing).
    var interrupted = false
    /// How often the chat looks whether the community book changed, at most (milliseconds).
    static let bookCheckMilliseconds: Int32 = 1_000
    /// The community book file as last seen.
    var bookStamp: ChatCommunityBook.FileStamp?
    /// How often an interactive chat asks the node whether peers' clocks disagree with this
    /// machine's (milliseconds).
    static let clockCheckMilliseconds: UInt64 = 10_000
    /// When the late entries the session gathers are due to be shown (monotonic ms), if any.
    var lateArrivalsDue: UInt64?
    /// The node's latest events, for `/status` (they stay out of the conversation).
    var nodeEvents: [String] = []
    /// How many of them are kept.
    static let nodeEventsKept = 50
    /// When the chat next asks about clocks (monotonic milliseconds).
    var nextClockCheck: UInt64 = 0
    /// Whether the chat asked about clocks and waits for the answer.
    var clockQuestionOut = false
    /// When the chat last said that clocks disagree (monotonic milliseconds), if it did.
    var clockSkewShownAt: UInt64?
    /// How long the chat waits before saying it again, while it goes on.
    static let clockRepeatMilliseconds: UInt64 = 600_000
    /// The beacons the node had dropped for clock skew when the chat last asked.
    var clockSkewSeen = 0
    /// When a lone Esc was typed during a reverse search (monotonic ms), if no byte followed
    /// yet: after ``escapeMilliseconds`` it is the Esc key, which cancels the search.
    var escapeTypedAt: UInt64?
    /// How long a byte may take to follow an Esc and still belong to the same key.
    static let escapeMilliseconds: UInt64 = 100

    package init(
        session: ChatSession, link: ChatNodeLink, screen: any ChatScreen, mailbox: ChatMailbox,
        waiter: InputWaiter, editor: LineEditor?, terminal: RawTerminal? = nil,
        follower: ChatNodeFollower? = nil
    ) {
        self.terminal = terminal
        self.session = session
        self.link = link
        self.screen = screen
        self.mailbox = mailbox
        self.waiter = waiter
        self.editor = editor
        node = ChatNodeChannel(socketPath: link.socketPath, follower: follower)
        bookStamp = link.communityBook.fileStamp()
    }

    /// Runs until the chat ends; `input` is the descriptor read (standard input).
    package func run(input: Int32) throws -> Ending {
        // Nothing appended after the history shown on start is missed: the chat starts once
        // the node streams entries.
        node.subscribe()
        // A node that cannot be reached at all is known at once: the loop must not wait first.
        takeNodeEventsAndAnswers()
        while ending == nil, !isSubscribed {
            _ = try turn(input: nil, timeoutMilliseconds: -1, looksAround: false)
        }
        if ending == nil { start() }
        var inputOpen = true
        var drainDeadline: UInt64?
        while ending == nil {
            if let deadline = drainDeadline {
                let now = SystemClock.monotonicMilliseconds()
                guard !unseenOwn.isEmpty || unanswered > 0, now < deadline else { break }
                _ = try turn(
                    input: nil, timeoutMilliseconds: Int32(deadline - now), looksAround: false)
                continue
            }
            // Input waits while many requests wait, so that what the chat holds for the node
            // stays bounded.
            let readsInput = inputOpen && node.unansweredCount < Self.unansweredLimit
            let inputReady = try turn(
                input: readsInput ? input : nil, timeoutMilliseconds: waitMilliseconds(),
                looksAround: true)
            guard inputReady, ending == nil else { continue }
            let bytes = try waiter.read(input)
            if bytes.isEmpty {
                inputOpen = false
                if endOfInput() {
                    drainDeadline = SystemClock.monotonicMilliseconds() + Self.drainMilliseconds
                }
            } else {
                typed(bytes)
            }
            takeNodeEventsAndAnswers()
        }
        lateArrivalsDue = 0
        showLateArrivalsIfDue()
        screen.finish()
        hasFinished = true
        node.stopFollowing()
        // What was asked last (a post just before quitting) still reaches the node.
        let deadline = SystemClock.monotonicMilliseconds() + Self.drainMilliseconds
        while node.unansweredCount > 0 {
            let now = SystemClock.monotonicMilliseconds()
            guard now < deadline else { break }
            _ = try turn(input: nil, timeoutMilliseconds: Int32(deadline - now), looksAround: false)
        }
        return ending ?? .quit
    }

    /// The session starts, and takes what came before.
    private func start() {
        hasStarted = true
        carryOut(session.handle(.started))
        take(early)
        early.removeAll()
        handle(earlyFromNode)
        earlyFromNode.removeAll()
        takeNodeEventsAndAnswers()
    }

    /// One turn of the loop: waits at most `timeoutMilliseconds` (-1: without limit) until the
    /// node's sockets, the mailbox or `input` (nil: not read now) have something, and handles
    /// what came but the input; with `looksAround`, also the timers (late arrivals, a lone Esc,
    /// the community book, clocks). Returns whether `input` is ready to read.
    func turn(input: Int32?, timeoutMilliseconds: Int32, looksAround: Bool) throws -> Bool {
        var polled = input.map { [pollfd(fd: $0, events: Int16(POLLIN), revents: 0)] } ?? []
        let nodeStart = polled.count
        polled += node.pollDescriptors
        var timeout = timeoutMilliseconds
        if let deadline = node.answerDeadline {
            let now = SystemClock.monotonicMilliseconds()
            let untilLate = Int32(clamping: deadline > now ? deadline - now : 0)
            timeout = timeout < 0 ? untilLate : min(timeout, untilLate)
        }
        let woken = try waiter.wait(for: &polled, timeoutMilliseconds: timeout)
        let inputReady = input != nil && polled[0].revents != 0
        if woken { take(mailbox.takeAll()) }
        if looksAround {
            showLateArrivalsIfDue()
            if !inputReady { escapeTimedOutIfDue() }
            checkCommunityBook()
            checkClockSkew()
        }
        node.service(Array(polled[nodeStart...]))
        takeNodeEventsAndAnswers()
        return inputReady
    }

    /// How long the loop may wait: until the next community book check, or sooner when late
    /// entries are due to be shown.
    private func waitMilliseconds() -> Int32 {
        let dues = [lateArrivalsDue, escapeTypedAt.map { $0 + Self.escapeMilliseconds }]
        guard let due = dues.compactMap({ $0 }).min() else { return Self.bookCheckMilliseconds }
        let now = SystemClock.monotonicMilliseconds()
        return Int32(min(UInt64(Self.bookCheckMilliseconds), due > now ? due - now : 0))
    }

    /// Has the session show the late entries it gathered, once their time came.
    func showLateArrivalsIfDue() {
        guard let due = lateArrivalsDue, SystemClock.monotonicMilliseconds() >= due else { return }
        lateArrivalsDue = nil
        carryOut(session.handle(.lateArrivalsCollected))
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

    /// Handles what other threads brought, in order: signals and the in-process node's events.
    /// Before the chat started, only a stopping signal is handled at once.
    private func take(_ items: [ChatMailbox.Item]) {
        for item in items {
            if !hasStarted, !Self.stopsTheChat(item) {
                early.append(item)
                continue
            }
            switch item {
            case .signal(let number):
                if number == SIGWINCH {
                    screen.resized()
                } else if number == SIGCONT {
                    continued()
                } else {
                    interrupted = true
                    ending = ending ?? .quit
                }
            case .nodeEvent(let line, let isNotable):
                let time = TimeFormatting.localClockTime(
                    millisecondsSinceEpoch: SystemClock.wallMilliseconds(),
                    offsetSeconds: TimeFormatting.localOffsetSeconds(
                        at: SystemClock.wallMilliseconds()))
                nodeEvents.append("\(time) \(line)")
                if nodeEvents.count > Self.nodeEventsKept { nodeEvents.removeFirst() }
                if isNotable { screen.show(.notice("-- " + line)) }
            }
        }
    }

    /// Whether `item` ends the chat: a signal other than a resize or a continue.
    private static func stopsTheChat(_ item: ChatMailbox.Item) -> Bool {
        if case .signal(let number) = item { return ChatMailbox.stopsTheChat(number) }
        return false
    }

    /// Carries out actions in order; a request's answer comes later, from the node's socket.
    func carryOut(_ actions: [ChatAction]) {
        for action in actions {
            switch action {
            case .show(let output):
                if editor == nil, case .error = output { errorCount += 1 }
                screen.show(output)
            case .perform(let request, let purpose):
                unanswered += 1
                switch link.plan(request) {
                case .answered(let reply): answeredHere.append((request, purpose, reply))
                case .ask(let controlRequest):
                    node.ask(controlRequest, for: .chat(request, purpose))
                }
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
