extension ReplicationEngine {
    /// The clock moved to `time`: closes sessions that received nothing for the idle timeout,
    /// pings those that sent nothing for the ping interval, asks again for stalled chains, sends
    /// the digests, the answers to digests and the notes that are due.
    mutating func tick(_ time: UInt64, into actions: inout [ReplicationAction]) {
        now = max(now, time)
        for peer in sessionOrder {
            guard let session = sessions[peer] else { continue }
            if now - session.lastReceived >= configuration.idleTimeout {
                removeSession(peer)
                actions.append(.disconnect(peer, .idleTimeout))
            } else if now - session.lastSent >= configuration.pingInterval {
                sessions[peer]?.send(.ping(nonce: nextPingNonce), now: now, into: &actions)
                nextPingNonce &+= 1
            }
        }
        checkStalls()
        sendDueDigests(into: &actions)
        answerDeferredDigests(into: &actions)
        for peer in sessionOrder { pump(peer, into: &actions) }
    }
}
