import KithCommandLine
import KithControl
import KithCore
import KithSystem

/// What the node brings the chat: its entries, the answers to the chat's questions, and news of
/// the node itself (``ChatNodeChannel/Event``).
extension ChatLoop {
    /// Takes what the node brought and the answers the chat gave itself, until nothing more
    /// comes of them (an answer may lead to another request, answered at once).
    func takeNodeEventsAndAnswers() {
        while true {
            let events = node.takeEvents()
            let given = answeredHere
            answeredHere.removeAll()
            guard !events.isEmpty || !given.isEmpty else { return }
            for answer in given { replied(answer.request, answer.purpose, answer.reply) }
            handle(events)
        }
    }

    /// Handles what the node brought, in order; entries that came together form one batch.
    /// Before the chat started it waits (only the stream's start and the node's loss count);
    /// once the chat ended, only the answers to `reach` count.
    func handle(_ events: [ChatNodeChannel.Event]) {
        var batch: [ControlEntry] = []
        func flush() {
            guard !batch.isEmpty else { return }
            carryOut(session.handle(.arrived(batch)))
            batch.removeAll()
        }
        for event in events {
            switch event {
            case .subscribed:
                isSubscribed = true
            case .lost(let reason):
                flush()
                ending = ending ?? .nodeLost(reason)
            case .answered(.reach(let community, _), let response):
                reachAnswered(community, reached: response.ok && response.reached == true)
            case _ where hasFinished:
                continue
            case _ where !hasStarted:
                earlyFromNode.append(event)
            case .arrived(let entries, let dropped):
                if dropped > 0 {
                    flush()
                    screen.show(
                        .error("!! \(dropped) entries were not shown: the chat fell behind"))
                }
                for entry in entries {
                    if unseenOwn.remove(entry.entry.id) == nil, entry.isOwn, unanswered > 0 {
                        arrivedOwn.insert(entry.entry.id)
                    }
                    batch.append(entry)
                }
            case .answered(let question, let response):
                flush()
                answered(question, response)
            case .notice(let text):
                flush()
                screen.show(.notice("-- " + text))
            }
        }
        flush()
    }

    /// Takes the answer to `question` (a failure when none came).
    private func answered(_ question: ChatNodeQuestion, _ response: ControlResponse) {
        switch question {
        case .chat(let request, let purpose):
            replied(request, purpose, link.reply(to: request, from: response))
        case .clockSkew:
            clockQuestionOut = false
            clockSkewAnswered(response.status?.clockSkew)
        case .reach, .liveness:
            break
        }
    }

    /// Takes the node's answer to a request: notes the entries the chat posted, and feeds the
    /// answer to the session.
    func replied(_ request: ChatRequest, _ purpose: ChatPurpose, _ reply: ChatReply) {
        unanswered -= 1
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

    /// On a terminal, every 10 seconds: asks the node (`status`, on the request connection)
    /// whether it dropped peers' beacons because their clocks are more than 5 minutes from this
    /// machine's (Protocol/discovery.md, "Replay guard"): no peer is found across that gap,
    /// silently otherwise.
    func checkClockSkew() {
        guard editor != nil, !clockQuestionOut else { return }
        let now = SystemClock.monotonicMilliseconds()
        guard now >= nextClockCheck else { return }
        nextClockCheck = now + Self.clockCheckMilliseconds
        clockQuestionOut = true
        node.ask(.status, for: .clockSkew)
    }

    /// Says that clocks disagree when the node dropped more beacons for it since the last
    /// answer (again after 10 minutes while it goes on).
    private func clockSkewAnswered(_ skew: NodeClockSkew?) {
        guard let skew, skew.beaconsRejected > clockSkewSeen else { return }
        clockSkewSeen = skew.beaconsRejected
        let now = SystemClock.monotonicMilliseconds()
        if let shown = clockSkewShownAt, now - shown < Self.clockRepeatMilliseconds { return }
        clockSkewShownAt = now
        screen.show(.error("!! " + UntrustedText.replaced(skew.warning)))
    }

    /// With plain input, after the chat ended by itself: waits at most `milliseconds` until a
    /// peer in session holds everything this chat posted (`reach`, asked again once a round of
    /// answers came, at most every 50 ms). Returns the communities whose posts no peer holds yet (empty when all
    /// were reached, or nothing was posted).
    package func waitForPeers(milliseconds: UInt64) throws -> [CommunityID] {
        guard editor == nil, ending == nil || ending == .quit, !interrupted else { return [] }
        let deadline = SystemClock.monotonicMilliseconds() + milliseconds
        unreached = postedHeads
        var nextRound: UInt64 = 0
        while !unreached.isEmpty, !interrupted {
            let now = SystemClock.monotonicMilliseconds()
            guard now < deadline else { break }
            if reachQuestionsOut == 0, now >= nextRound {
                for (community, sequence) in unreached {
                    reachQuestionsOut += 1
                    node.ask(
                        .reach(community: community, sequence: sequence),
                        for: .reach(community, sequence: sequence))
                }
                takeNodeEventsAndAnswers()
                nextRound = now + 50
                continue
            }
            let due = reachQuestionsOut > 0 ? deadline : min(deadline, nextRound)
            _ = try turn(
                input: nil, timeoutMilliseconds: Int32(due > now ? due - now : 0),
                looksAround: false)
        }
        return unreached.keys.sorted { $0.hex < $1.hex }
    }

    private func reachAnswered(_ community: CommunityID, reached: Bool) {
        reachQuestionsOut -= 1
        if reached { unreached[community] = nil }
    }
}
