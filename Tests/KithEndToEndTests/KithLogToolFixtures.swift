import Dispatch
import Foundation
import KithCore
import KithStorage
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Builds one author's chain for kith-log's tests: each entry names the previous one, with
/// chosen timestamps, as a node would sign them.
struct KithLogChainBuilder {
    /// The author's key.
    let key: SigningKey
    /// The community of the chain.
    let community: CommunityID
    /// The last entry signed, if any.
    private(set) var head: Entry?

    /// A builder for a new random author in the default community.
    init(key: SigningKey = .generate(), community: CommunityID = DefaultCommunity.id) {
        self.key = key
        self.community = community
    }

    /// Signs the next post of the chain.
    mutating func post(_ text: String, channel: String = "general", at timestamp: UInt64) throws
        -> Entry
    {
        let content = try Post(channel: ChannelName(channel), text: text).encoded()
        return try next(.post, content: content, at: timestamp)
    }

    /// Signs the next about (display name) of the chain.
    mutating func about(_ name: String, at timestamp: UInt64) throws -> Entry {
        try next(.about, content: About(name: DisplayName(name)).encoded(), at: timestamp)
    }

    /// Signs a post with the same sequence as `entry` (and the same previous): a fork of it. The
    /// chain's head does not change.
    func fork(of entry: Entry, text: String, at timestamp: UInt64) throws -> Entry {
        let content = try Post(channel: .general, text: text).encoded()
        return try Entry.sign(
            community: community, sequence: entry.sequence, previous: entry.previous,
            timestamp: timestamp, contentType: .post, content: content, with: key)
    }

    private mutating func next(_ type: ContentType, content: [UInt8], at timestamp: UInt64) throws
        -> Entry
    {
        let entry = try Entry.sign(
            community: community, sequence: (head?.sequence ?? 0) + 1, previous: head?.id ?? .zero,
            timestamp: timestamp, contentType: type, content: content, with: key)
        head = entry
        return entry
    }
}

/// Log files for kith-log's tests, written with KithStorage as a node writes them.
enum KithLogFixture {
    /// `<home>/log`.
    static func logDirectory(_ home: String) -> String { EntryStore.logDirectory(in: home) }

    /// The first segment file of the log of `home`.
    static func firstSegment(_ home: String) -> String {
        logDirectory(home) + "/" + SegmentFormat.fileName(baseOffset: 0)
    }

    /// Offers `entries` in order to the store in `home` (created if needed) and closes it.
    @discardableResult
    static func ingest(_ entries: [Entry], home: String) throws -> [AppendOutcome] {
        let store = try EntryStore.open(directory: home)
        let outcomes = try store.ingest(entries.map(\.bytes))
        try store.close()
        return outcomes
    }

    /// Ingests into `home` alice's about at 2026-11-28T16:00:00Z and then one post per text, an
    /// hour apart (the first at 17:00); returns the entries.
    @discardableResult
    static func ingestHourly(_ texts: [String], home: String) throws -> [Entry] {
        var alice = KithLogChainBuilder()
        let start = try milliseconds("2026-11-28T16:00:00Z")
        var entries = [try alice.about("alice", at: start)]
        for (hour, text) in texts.enumerated() {
            entries.append(try alice.post(text, at: start + UInt64(hour + 1) * 3_600_000))
        }
        try ingest(entries, home: home)
        return entries
    }

    /// Every record of the log of `home`, read with KithStorage's reader.
    static func records(_ home: String) throws -> [LogRecord] {
        try LogReader(directory: logDirectory(home)).readAll().records
    }

    /// XORs the byte at file position `position` of `path` with `0xff`.
    static func flipByte(at position: UInt64, in path: String) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seek(toOffset: position)
        let byte = try #require(try handle.read(upToCount: 1)?.first)
        try handle.seek(toOffset: position)
        try handle.write(contentsOf: Data([byte ^ 0xff]))
    }

    /// Appends raw bytes to the end of `path`.
    static func append(_ bytes: [UInt8], to path: String) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes))
    }

    /// Milliseconds since the Unix epoch of an ISO 8601 time, computed with Foundation.
    static func milliseconds(_ iso: String) throws -> UInt64 {
        let date = try #require(ISO8601DateFormatter().date(from: iso))
        return UInt64(date.timeIntervalSince1970 * 1000)
    }

    /// The JSON objects of a command's standard output, one per line.
    static func jsonLines(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map { line in
            try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)"
            )
        }
    }
}

/// A `kith-log follow` (or other long-running) child process whose output a test reads while it
/// runs, and stops with a signal.
final class KithLogRunningProcess: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var output = Data()
    private var errors = Data()
    private var closedStreams = 0

    /// Starts `binary` with `arguments` and `environment`; standard input is `/dev/null`.
    init(_ binary: KithBinary, _ arguments: [String], environment: [String: String]) throws {
        process.executableURL = binary.url
        process.arguments = arguments
        process.environment = environment
        let outputPipe = Pipe()
        let errorPipe = Pipe()
        process.standardOutput = outputPipe
        process.standardError = errorPipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        collect(outputPipe.fileHandleForReading, isError: false)
        collect(errorPipe.fileHandleForReading, isError: true)
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// What the process has written to standard output so far.
    var standardOutput: String {
        lock.withLock { String(decoding: output, as: UTF8.self) }
    }

    /// What the process has written to standard error so far.
    var standardError: String {
        lock.withLock { String(decoding: errors, as: UTF8.self) }
    }

    /// The complete lines written to standard output so far.
    var outputLines: [String] {
        let text = standardOutput
        guard let lastNewline = text.lastIndex(of: "\n") else { return [] }
        return text[..<lastNewline].split(separator: "\n", omittingEmptySubsequences: false).map(
            String.init)
    }

    /// Waits until `condition` holds, checking every 10 ms; throws when the process exits without
    /// it holding, or after `timeout`.
    func wait(
        for what: String, timeout: Duration = .seconds(30), until condition: () -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            if !process.isRunning, lock.withLock({ closedStreams == 2 }) {
                throw KithBinary.Failure(
                    description: "the process exited (status \(process.terminationStatus)) before "
                        + "\(what)\n--- stdout ---\n\(standardOutput)--- stderr "
                        + "---\n\(standardError)"
                )
            }
            guard ContinuousClock.now < deadline else {
                throw KithBinary.Failure(
                    description: "timed out after \(timeout) waiting for \(what)\n--- stdout ---\n"
                        + "\(standardOutput)--- stderr ---\n\(standardError)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Sends `signal` and waits for the process to exit; returns its exit status (128 + the
    /// signal number when the signal killed it).
    func stop(with signal: Int32, timeout: Duration = .seconds(30)) async throws -> Int32 {
        kill(process.processIdentifier, signal)
        return try await exitStatus(timeout: timeout)
    }

    /// Waits for the process to exit by itself; returns its exit status.
    func exitStatus(timeout: Duration = .seconds(30)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else {
                kill(process.processIdentifier, SIGKILL)
                throw KithBinary.Failure(description: "the process did not exit within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        let status = process.terminationStatus
        return process.terminationReason == .uncaughtSignal ? 128 + status : status
    }

    /// Reads `handle` to its end on a background thread, keeping what arrives.
    private func collect(_ handle: FileHandle, isError: Bool) {
        DispatchQueue.global().async { [self] in
            while true {
                let data = handle.availableData
                if data.isEmpty {
                    lock.withLock { closedStreams += 1 }
                    return
                }
                lock.withLock {
                    if isError { errors.append(data) } else { output.append(data) }
                }
            }
        }
    }
}

// MARK: - Running the tools
/// Runs `kith-log` with `arguments` in the scratch space's environment.
func kithLog(_ arguments: [String], _ space: ScratchSpace) async throws
    -> KithBinary.Result
{
    try await KithBinary.kithLog().run(arguments, environment: space.environment())
}

/// Runs `kith --home home` with `arguments` and expects success.
@discardableResult
func kith(_ arguments: [String], home: String, _ space: ScratchSpace) async throws
    -> KithBinary.Result
{
    let result = try await KithBinary.kith().run(
        ["--home", home] + arguments, environment: space.environment())
    #expect(result.status == 0, "\(result)")
    return result
}

/// The text of each post (the name of each about) that `kith-log --home HOME dump --json
/// ARGUMENTS` prints, in order; expects exit status 0.
func dumpedTexts(home: String, _ arguments: [String], _ space: ScratchSpace) async throws
    -> [String]
{
    let result = try await kithLog(["--home", home, "dump", "--json"] + arguments, space)
    #expect(result.status == 0, "\(result)")
    return try KithLogFixture.jsonLines(result.standardOutput).map {
        ($0["text"] as? String) ?? ($0["name"] as? String) ?? "?"
    }
}

/// A JSON number as `UInt64`.
func number(_ value: Any?) -> UInt64? {
    (value as? NSNumber)?.uint64Value
}

/// A log made by `kith`: `nick alice`, then posts "hello world" (#general), "second post"
/// (#random) and "third post" (#general). Returns the author's public key and fingerprint.
@discardableResult
func makeKithLog(home: String, _ space: ScratchSpace) async throws -> (
    key: String, fingerprint: String
) {
    try await kith(["nick", "alice"], home: home, space)
    try await kith(["post", "hello", "world"], home: home, space)
    try await kith(["post", "--channel", "random", "second post"], home: home, space)
    try await kith(["post", "third post"], home: home, space)
    let identity = try await kith(["id", "--json"], home: home, space)
    let object = try #require(try KithLogFixture.jsonLines(identity.standardOutput).first)
    return (
        try #require(object["public_key"] as? String),
        try #require(object["fingerprint"] as? String)
    )
}
