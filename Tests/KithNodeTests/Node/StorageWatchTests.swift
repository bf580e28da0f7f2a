import KithControl
import Testing

@testable import KithNode

@Suite("StorageWatch: when the node stores entries")
struct StorageWatchTests {
    private static let mebibyte: UInt64 = 1 << 20

    @Test("the free space against the two reserves decides, and only a change is reported")
    func reserves() {
        let watch = StorageWatch(reserve: 10 * Self.mebibyte, strangerReserve: 50 * Self.mebibyte)
        #expect(watch.update(writeFailing: false, available: 100 * Self.mebibyte, now: 0) == nil)
        #expect(watch.condition == .ok)
        #expect(
            watch.update(writeFailing: false, available: 40 * Self.mebibyte, now: 1)
                == .strangersRefused)
        #expect(watch.storesEntriesFromPeers)
        #expect(watch.update(writeFailing: false, available: 39 * Self.mebibyte, now: 2) == nil)
        #expect(watch.available == 39 * Self.mebibyte)
        #expect(watch.update(writeFailing: false, available: 9 * Self.mebibyte, now: 3) == .low)
        #expect(!watch.storesEntriesFromPeers)
        #expect(watch.update(writeFailing: true, available: 90 * Self.mebibyte, now: 4) == .failing)
        #expect(watch.update(writeFailing: false, available: nil, now: 5) == .ok)
        #expect(watch.available == nil)
    }

    @Test("a failed append pauses storing for the retry delay and warns once per reason")
    func failedAppend() {
        let watch = StorageWatch(reserve: 0, strangerReserve: 0)
        #expect(watch.appendFailed(because: "index full", now: 1_000))
        #expect(!watch.appendFailed(because: "index full", now: 1_500))
        #expect(watch.update(writeFailing: false, available: nil, now: 1_600) == .failing)
        let resumes = 1_500 + StorageWatch.appendRetryDelayMilliseconds
        #expect(watch.update(writeFailing: false, available: nil, now: resumes - 1) == nil)
        #expect(watch.update(writeFailing: false, available: nil, now: resumes) == .ok)
        // Once storing resumed, the same reason is worth a warning again.
        #expect(watch.appendFailed(because: "index full", now: resumes + 1))
        watch.countRefused()
        watch.countRefused()
        #expect(watch.entriesRefused == 2)
    }
}
