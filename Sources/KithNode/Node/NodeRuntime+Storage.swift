import KithControl
import KithCore
import KithMesh
import KithStorage
import KithSystem

extension NodeRuntime {
    /// The bytes still free for the home, or nil when the system cannot say.
    func availableSpace() -> UInt64? {
        if let measure = configuration.availableSpace { return measure(store.directory) }
        return try? FileSystem.availableBytes(at: store.directory)
    }

    /// Once a second and after a failure: retries a failed write, measures the free space, and
    /// when the condition changes (``StorageWatch``) says so, and pauses or resumes replication
    /// (replication.md, "Flow control"). The node never stops for a full disk.
    func checkStorage() {
        if store.writeFailure != nil {
            do {
                try store.sync()
                emit(.warning("writing to the log works again"))
                announceEntriesWritten()
            } catch {}
        }
        let available = availableSpace()
        guard
            let condition = storage.update(
                writeFailing: store.writeFailure != nil, available: available, now: loop.now)
        else { return }
        switch condition {
        case .ok:
            emit(.warning("the disk has room again: entries from peers are stored again"))
        case .strangersRefused:
            emit(
                .warning(
                    "the disk is filling (\(Self.mebibytes(available)) free): entries of strangers "
                        + "in open communities are refused, to keep "
                        + "\(Self.mebibytes(configuration.strangerReserve)) for people you know"))
        case .low:
            emit(
                .warning(
                    "the disk is nearly full (\(Self.mebibytes(available)) free, the node keeps "
                        + "\(Self.mebibytes(configuration.diskReserve))): entries from peers are "
                        + "refused until there is room"))
        case .failing:
            emit(
                .warning(
                    "writing to the log failed (\(store.writeFailure.map { "\($0)" } ?? "?")): "
                        + "nothing more is stored until a retry succeeds"))
        }
        perform(engine.handle(.storagePaused(!storage.storesEntriesFromPeers)))
        perform(engine.handle(.strangerStoragePaused(condition != .ok)))
    }

    static func mebibytes(_ bytes: UInt64?) -> String {
        guard let bytes else { return "? MiB" }
        return "\(bytes / (1 << 20)) MiB"
    }
}
