import Foundation
import KithControl
import KithCore
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

/// A fresh, short directory under /tmp (Unix socket paths must stay short), removed afterwards.
func withTemporaryDirectory<Result>(_ body: (String) async throws -> Result) async throws
    -> Result
{
    let path = "/tmp/kith-node-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

/// Waits until `socket` is ready for `events`, or fails after `timeoutMilliseconds`.
func waitForSocket(_ socket: Socket, _ events: PollEvents, timeoutMilliseconds: Int32 = 10_000)
    throws
{
    var descriptors = [pollfd(fd: socket.descriptor, events: events.rawValue, revents: 0)]
    guard try Poll.wait(&descriptors, timeoutMilliseconds: timeoutMilliseconds) > 0 else {
        throw TestFailure(description: "socket not ready for \(events)")
    }
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
