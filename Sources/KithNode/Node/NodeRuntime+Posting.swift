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
        let entry: Entry
        do {
            entry = try store.publish(
                contentType: contentType, content: content, in: community, by: identity,
                timestamp: SystemClock.wallMilliseconds())
        } catch {
            if case .log = error {
                stop(because: .store(error))
                return .failure(.store(error))
            }
            return .failure(.cannotPost("\(error)"))
        }
        deliver(entry, isOwn: true)
        perform(engine.handle(.entriesAppended([entry], from: nil)))
        sessions.flushAll()
        return .success(entry)
    }
}
