import KithControl
import KithCore
import KithMesh
import KithStorage
import KithSystem

extension NodeRuntime {
    /// Signs and appends this node's next entry in `community` (fsynced before it returns), then
    /// hands it to the engine, which pushes it to every session that is current. Posts waiting
    /// for their batch's sync are committed first, so the node's entries go out in order.
    func publish(contentType: ContentType, content: [UInt8], in community: CommunityID)
        -> Result<Entry, NodeError>
    {
        loop.assertConfined()
        commitPostsAwaitingSync()
        let entry: Entry
        switch appendOwn(contentType: contentType, content: content, in: community) {
        case .success(let appended): entry = appended
        case .failure(let error): return .failure(error)
        }
        do {
            try store.commitOwn([entry])
        } catch {
            return .failure(notDurable([entry], error))
        }
        announce([entry])
        return .success(entry)
    }

    /// Signs and appends this node's next entry in `community` without waiting for the disk;
    /// the caller commits it (``commitPostsAwaitingSync()`` or `store.commitOwn`) before anyone
    /// may see it: sign after sync (Protocol/replication.md).
    func appendOwn(contentType: ContentType, content: [UInt8], in community: CommunityID)
        -> Result<Entry, NodeError>
    {
        guard state == .running else { return .failure(.notRunning) }
        guard holds(community) else {
            return .failure(.cannotPost("the node is not in community \(community.hex.prefix(16))"))
        }
        do {
            let entry = try store.appendOwn(
                contentType: contentType, content: content, in: community, by: identity,
                timestamp: SystemClock.wallMilliseconds())
            ownEntriesSigned += 1
            return .success(entry)
        } catch {
            checkStorage()
            return .failure(.cannotPost("\(error)"))
        }
    }

    /// Group commit: makes every post appended since the last commit durable with one fsync,
    /// sends them to peers and `tail` clients, and answers each post's client in order.
    func commitPostsAwaitingSync() {
        guard !postsAwaitingSync.isEmpty else { return }
        let batch = postsAwaitingSync
        postsAwaitingSync.removeAll()
        let entries = batch.map(\.entry)
        do {
            try store.commitOwn(entries)
        } catch {
            let failure = notDurable(entries, error)
            for post in batch {
                post.answer(.refused(.cannotPublish("\(failure)")))
            }
            return
        }
        announce(entries)
        for post in batch { post.answer(publishedAnswer(post.entry)) }
    }

    /// What happens when this node's appended entries could not be made durable (a full disk):
    /// they wait, readable but unsent, until the log is written (never sent before: sign after
    /// sync), and the node says so in its status.
    private func notDurable(_ entries: [Entry], _ error: StoreError) -> NodeError {
        entriesAwaitingDisk.append(contentsOf: entries)
        checkStorage()
        return .cannotPost("\(StoreError.notDurable(entries[entries.count - 1], error))")
    }

    /// Hands this node's durable `entries` to the link (one datagram each) and to `tail`
    /// clients, then to the engine, after any that waited for the disk. The datagram goes first:
    /// it is what other people wait for.
    private func announce(_ entries: [Entry]) {
        announceEntriesWritten()
        for entry in entries {
            discovery.multicast(entry)
            deliver(entry, isOwn: true)
        }
        perform(engine.handle(.entriesAppended(entries, from: nil)))
        sessions.flushAll()
    }
}

extension NodeRuntime {
    /// Sends the node's own entries that waited for the disk, once the log is durable again.
    func announceEntriesWritten() {
        guard store.writeFailure == nil, !entriesAwaitingDisk.isEmpty else { return }
        let written = entriesAwaitingDisk
        entriesAwaitingDisk.removeAll()
        for entry in written {
            discovery.multicast(entry)
            deliver(entry, isOwn: true)
        }
        perform(engine.handle(.entriesAppended(written, from: nil)))
    }
}
