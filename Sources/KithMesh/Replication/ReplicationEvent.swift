import KithCore

/// What the IO layer tells the replication engine.
public enum ReplicationEvent: Sendable {
    /// A session finished its handshake. The engine sends `communities` at once; entries follow
    /// once the peer's credit (``writable(_:bufferSpace:)``) allows.
    case sessionOpened(ReplicationSessionInfo)
    /// The session ended (the connection closed, or the IO layer closed it). Idempotent.
    case sessionClosed(PeerHandle)
    /// The node wants to end the session for `reason` (shutdown, too many sessions, a duplicate
    /// session: sessions.md): the engine says `goodbye` and asks to disconnect.
    case closeRequested(PeerHandle, GoodbyeReason)
    /// One frame's payload arrived from the peer. The IO layer reads the next frame from that
    /// peer only after the ``ReplicationAction/ingest(_:_:)`` this one caused has been reported
    /// with ``entriesIngested(_:_:)`` (replication.md, "Flow control": verify before reading more).
    case frameReceived(PeerHandle, [UInt8])
    /// Entries became the next entries of their chains in the local log: posted here (`from` nil)
    /// or received from the peer `from`. Fork entries are never reported here: they are not relayed.
    case entriesAppended([Entry], from: PeerHandle?)
    /// Entries became the next entries of their chains from datagrams on one link (fastpath.md):
    /// the peers of the sessions `heardBy` are on that link and heard the same datagrams, so they
    /// are taken to hold the entries: not pushed them, only noted after the note delay.
    case entriesAppendedFromDatagrams([Entry], heardBy: Set<PeerHandle>)
    /// What became of the entries the engine asked the IO layer to ingest for `peer`, in order.
    case entriesIngested(PeerHandle, [IngestOutcome])
    /// The session's outgoing buffer has room for `bufferSpace` more bytes now (the absolute room,
    /// not an increment). The engine sends entries only while it has room; it starts with none.
    case writable(PeerHandle, bufferSpace: Int)
    /// The time is `now` milliseconds (any fixed origin, never going backwards): runs keepalive.
    case tick(now: UInt64)
    /// The user's block list changed: from now on the engine refuses exactly the chains of these
    /// authors (replication.md, "Refusing an author"). Open sessions are sent a `clock` per shared
    /// community listing the newly refused authors at `2^64 - 1` and the authors no longer refused
    /// at the node's real head, and catch-up of the latter resumes. The node's own key is ignored.
    case refusedAuthorsChanged(Set<PublicKey>)
    /// The node can store no entries from peers for now (its disk is nearly full, or writing
    /// failed) when true, and can again when false (replication.md, "Flow control"). While
    /// paused the engine asks no peer to push anything, and tells the peers it had asked to
    /// stop; when it resumes it asks again for what peers hold more of.
    case storagePaused(Bool)
    /// The node keeps its remaining room for people it knows (replication.md, "Strangers"):
    /// while true, strangers' entries are dropped unverified and their chains are not asked for;
    /// when false again, the engine asks for what peers hold more of.
    case strangerStoragePaused(Bool)
    /// The node joined or left communities while running: from now on it holds exactly these
    /// keys (replication.md, "Joining and leaving"). Everything kept for a community left is
    /// dropped, and a session that shares a community left, or whose peer proved it holds a
    /// community joined, is closed with `goodbye` 6 so that a new session agrees on the shared
    /// communities again.
    case communitiesChanged([CommunityKey])
}
