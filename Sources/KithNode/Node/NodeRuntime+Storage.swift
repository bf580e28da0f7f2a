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
    /// when the condition changes says so, and pauses or resumes replication (replication.md,
    /// "Flow control"). The node never stops for a full disk.
    func checkStorage() {
        if store.writeFailure != nil {
            do {
                try store.sync()
                emit(.warning("writing to the log works again"))
                announceEntriesWritten()
            } catch {}
        }
        let available = availableSpace()
        storageAvailable = available
        let condition: StorageCondition
        if store.writeFailure != nil {
            condition = .failing
        } else if let failedAt = appendFailedAt,
            loop.now < failedAt + Self.appendRetryDelayMilliseconds
        {
            condition = .failing
        } else if let available, available < configuration.diskReserve {
            condition = .low
        } else if let available, available < configuration.strangerReserve {
            condition = .strangersRefused
        } else {
            condition = .ok
        }
        guard condition != storageCondition else { return }
        storageCondition = condition
        switch condition {
        case .ok:
            lastAppendFailureReported = nil
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
        perform(engine.handle(.storagePaused(!storesEntriesFromPeers)))
        perform(engine.handle(.strangerStoragePaused(condition != .ok)))
    }

    /// How long storing entries from peers pauses after an append failed although the disk seemed
    /// to have room (an index that cannot grow, an I/O error); then the node tries again.
    static let appendRetryDelayMilliseconds: UInt64 = 10_000

    /// Whether entries from peers are stored now.
    var storesEntriesFromPeers: Bool {
        storageCondition == .ok || storageCondition == .strangersRefused
    }

    static func mebibytes(_ bytes: UInt64?) -> String {
        guard let bytes else { return "? MiB" }
        return "\(bytes / (1 << 20)) MiB"
    }
}
