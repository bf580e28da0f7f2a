import KithCore
import KithMesh
import KithStorage

extension NodeRuntime {
    /// Signs and appends this node's next entry in `community` (fsynced before it returns), then
    /// hands it to the engine, which pushes it to every session that is current.
    func publish(contentType: ContentType, content: [UInt8], in community: CommunityID)
        -> Result<Entry, NodeError>
    {
        guard state == .running else { return .failure(.notRunning) }
        guard holds(community) else {
            return .failure(.cannotPost("the node is not in community \(community.hex.prefix(16))"))
        }
        let entry: Entry
        do {
            entry = try store.publish(
                contentType: contentType, content: content, in: community, by: identity,
                timestamp: SystemClock.wallMilliseconds())
        } catch {
            // A full disk is an answer, not a stop: the node goes on and says so. An entry that
            // was signed but not written is sent once it is (never before: sign after sync).
            if case .notDurable(let entry, _) = error { entriesAwaitingDisk.append(entry) }
            checkStorage()
            return .failure(.cannotPost("\(error)"))
        }
        announceEntriesWritten()
        deliver(entry, isOwn: true)
        perform(engine.handle(.entriesAppended([entry], from: nil)))
        sessions.flushAll()
        return .success(entry)
    }
}

extension NodeRuntime {
    /// Sends the node's own entries that waited for the disk, once the log is durable again.
    func announceEntriesWritten() {
        guard store.writeFailure == nil, !entriesAwaitingDisk.isEmpty else { return }
        let written = entriesAwaitingDisk
        entriesAwaitingDisk.removeAll()
        for entry in written { deliver(entry, isOwn: true) }
        perform(engine.handle(.entriesAppended(written, from: nil)))
    }
}
