import Foundation
import KithControl
import KithCore
import KithSystem
@_exported import KithTestSupport
import Synchronization

@testable import KithNode

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// Why a test helper gave up.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
}

/// Collects what a node reports, from its loop thread, for the test to read.
final class EventRecorder: Sendable {
    private let events = Mutex<[NodeEvent]>([])

    /// The handler to give the node.
    var handler: @Sendable (NodeEvent) -> Void {
        { [self] event in self.events.withLock { $0.append(event) } }
    }

    /// Everything recorded so far.
    var all: [NodeEvent] { events.withLock { $0 } }

    /// The texts of the posts delivered so far (received and posted).
    var deliveredTexts: [String] {
        all.compactMap { event in
            guard case .entry(let delivered) = event else { return nil }
            guard case .post(let post) = delivered.entry.decodedContent else { return nil }
            return post.text
        }
    }
}
