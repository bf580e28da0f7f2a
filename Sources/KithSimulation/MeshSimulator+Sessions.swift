import KithCore
import KithMesh

/// Sessions: a dial reaches the peer after a round trip and a handshake, both overlay policies
/// decide whether to keep the session, and the engines exchange frames over it until one side
/// closes it or it times out.
extension MeshSimulator {
    /// `node` dials `peer`.
    func dial(from node: SimulatedNode, to peer: Int) {
        guard node.dialing[peer] == nil else { return }
        let attempt = nextAttempt
        nextAttempt += 1
        node.dialing[peer] = attempt
        report.dials += 1
        let latency = drawLatency()
        if nodes[peer].isUp, canReach(node.index, peer) {
            // Connect (one round trip), then the four handshake messages (two more).
            let delay = 3 * 2 * latency + configuration.handshakeCost
            queue.schedule(
                .dialArrives(from: node.index, to: peer, attempt: attempt, run: node.run),
                at: now + delay)
        } else {
            // A host that is down answers with a reset; one that cannot be reached times out.
            let delay = nodes[peer].isUp ? 5_000_000 : 2 * latency
            queue.schedule(
                .dialFails(from: node.index, to: peer, attempt: attempt, run: node.run),
                at: now + delay)
        }
    }

    /// The handshake of `from`'s dial to `to` completes: both sides decide whether to keep it.
    func dialArrives(from: Int, to: Int, attempt: Int, run: Int) {
        let initiator = nodes[from]
        let responder = nodes[to]
        guard initiator.isUp, initiator.run == run, initiator.dialing[to] == attempt else { return }
        guard responder.isUp, canReach(from, to) else {
            initiator.dialing[to] = nil
            initiator.overlay.dialEnded(responder.identity.publicKey, .failed, now: milliseconds)
            decide(initiator)
            return
        }
        initiator.dialing[to] = nil
        // One session per pair: a dial that finds one open is dropped (sessions.md).
        if initiator.sessionWith[to] != nil || responder.sessionWith[from] != nil {
            initiator.overlay.dialEnded(
                responder.identity.publicKey, .superseded, now: milliseconds)
            decide(initiator)
            return
        }
        // The responder's own dial to the initiator, if any, is superseded by this session.
        if responder.dialing[from] != nil {
            responder.dialing[from] = nil
            responder.overlay.dialEnded(
                initiator.identity.publicKey, .superseded, now: milliseconds)
        }
        let kept = responder.overlay.admit(
            initiator.identity.publicKey, direction: .inbound, now: milliseconds)
        guard kept == .keep else {
            // Refused with goodbye 1 right after the handshake.
            report.refusals += 1
            initiator.overlay.dialEnded(responder.identity.publicKey, .refused, now: milliseconds)
            decide(initiator)
            return
        }
        _ = initiator.overlay.admit(
            responder.identity.publicKey, direction: .outbound, now: milliseconds)
        let handles = (PeerHandle(nextHandle), PeerHandle(nextHandle + 1))
        nextHandle += 2
        let session = SimulatedSession(
            id: sessions.count, nodes: (from, to), handles: handles, latency: drawLatency(),
            establishedAt: now)
        sessions.append(session)
        let sessionID = random.bytes(32)
        for side in 0...1 {
            let node = nodes[session.node(on: side)]
            let remote = nodes[session.node(on: 1 - side)]
            let handle = session.handle(on: side)
            node.sessionWith[remote.index] = session.id
            node.sessionOf[handle] = session.id
            node.sessionsOpened += 1
            report.sessionEvents.append((now, node.index, true))
            let info = ReplicationSessionInfo(
                peer: handle, sessionID: sessionID, remoteKey: remote.identity.publicKey,
                community: community.id)
            perform(node.engine.handle(.sessionOpened(info)), at: node)
            perform(
                node.engine.handle(.writable(handle, bufferSpace: reportRoom(session, side: side))),
                at: node)
        }
        decide(initiator)
        decide(responder)
    }

    /// The room `side`'s engine is told it has, which resets its count of bytes sent since.
    func reportRoom(_ session: SimulatedSession, side: Int) -> Int {
        session.directions[side].bytesSinceReport = 0
        return max(0, configuration.outputHighWatermark - session.directions[side].inFlight)
    }

    /// Performs what `node`'s engine asked.
    func perform(_ actions: [ReplicationAction], at node: SimulatedNode) {
        for action in actions {
            switch action {
            case .send(let peer, let message):
                guard let sessionID = node.sessionOf[peer] else { continue }
                let session = sessions[sessionID]
                let side = session.side(of: node.index)
                guard session.isOpen[side], let bytes = try? message.encoded() else { continue }
                if case .entry = message, configuration.withholdingNodes.contains(node.index) {
                    continue
                }
                session.directions[side].inFlight += bytes.count + 36
                session.directions[side].bytesSinceReport += bytes.count + 36
                transmit(bytes, on: session, from: side)
            case .ingest(let peer, let entry):
                node.pendingIngest.append((peer, entry))
                startIngest(at: node)
            case .disconnect(let peer, let reason):
                guard let sessionID = node.sessionOf[peer] else { continue }
                let ending: OverlayEnding =
                    switch reason {
                    case .closedLocally, .peerSaidGoodbye(.shutdown, _),
                        .peerSaidGoodbye(.rebalancing, _):
                        .normal
                    case .peerSaidGoodbye(.tooManySessions, _): .refused
                    default: .failed
                    }
                closeLocally(sessions[sessionID], at: node, ending: ending)
            }
        }
    }

    /// Schedules the delivery of `frame` from `side`, after the frames before it.
    func transmit(_ frame: [UInt8], on session: SimulatedSession, from side: Int) {
        let size = UInt64(frame.count + 36)
        let transmission = size / max(1, configuration.bytesPerMicrosecond)
        let arrival =
            max(now + session.latency, session.directions[side].lastDelivery) + transmission
        session.directions[side].lastDelivery = arrival
        queue.schedule(.frame(session: session.id, from: side, bytes: frame), at: arrival)
    }

    /// Delivers `frame`, the oldest frame `side` sent on `session` (frames of one direction
    /// arrive in order). While the two nodes cannot reach each other it waits.
    func deliverFrame(_ frame: [UInt8], on session: SimulatedSession, from side: Int) {
        let receiverSide = 1 - side
        let sender = nodes[session.node(on: side)]
        let receiver = nodes[session.node(on: receiverSide)]
        guard session.isOpen[receiverSide] else { return }
        guard canReach(sender.index, receiver.index), session.directions[side].held.isEmpty
        else {
            session.directions[side].held.append(frame)
            return
        }
        session.directions[side].inFlight -= frame.count + 36
        receiver.bytesReceived += frame.count + 36
        if frame.first == ReplicationMessageType.entry.rawValue {
            receiver.entryCopiesReceived += 1
        }
        perform(
            receiver.engine.handle(.frameReceived(session.handle(on: receiverSide), frame)),
            at: receiver)
        // The sender learns of room as a node does: once it spent the low watermark's worth and
        // what it queued has drained to it.
        if session.isOpen[side],
            session.directions[side].bytesSinceReport >= configuration.outputLowWatermark,
            session.directions[side].inFlight <= configuration.outputLowWatermark
        {
            let room = reportRoom(session, side: side)
            perform(
                sender.engine.handle(.writable(session.handle(on: side), bufferSpace: room)),
                at: sender)
        }
    }

    /// `node` closes its side of `session` (after its goodbye, if any, was queued); the other side
    /// sees the connection close after the delay.
    func closeLocally(_ session: SimulatedSession, at node: SimulatedNode, ending: OverlayEnding) {
        let side = session.side(of: node.index)
        guard session.isOpen[side] else { return }
        session.isOpen[side] = false
        forget(session, at: node, ending: ending)
        let other = 1 - side
        if session.isOpen[other] {
            let arrival = max(now + session.latency, session.directions[side].lastDelivery)
            queue.schedule(.closed(session: session.id, side: other), at: arrival + 1)
        }
    }

    /// The connection closed under `side`: the peer closed it or crashed.
    func remoteClosed(_ session: SimulatedSession, side: Int) {
        guard session.isOpen[side] else { return }
        let node = nodes[session.node(on: side)]
        session.isOpen[side] = false
        perform(node.engine.handle(.sessionClosed(session.handle(on: side))), at: node)
        forget(session, at: node, ending: .normal)
    }

    private func forget(_ session: SimulatedSession, at node: SimulatedNode, ending: OverlayEnding)
    {
        let side = session.side(of: node.index)
        let peer = session.node(on: 1 - side)
        if node.sessionWith[peer] == session.id { node.sessionWith[peer] = nil }
        node.sessionOf[session.handle(on: side)] = nil
        node.sessionsClosed += 1
        report.sessionEvents.append((now, node.index, false))
        node.overlay.sessionEnded(nodes[peer].identity.publicKey, ending, now: milliseconds)
        decide(node)
    }
}
