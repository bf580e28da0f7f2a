import Foundation
import KithCore
import KithNode

/// `kith-bench flood`: a stranger in the default community (whose key is public) who connects to
/// a node's session port and sends it entries as fast as the socket takes them, for a while, then
/// prints what it sent. It reconnects, with a fresh key, whenever the node closes the session.
///
/// The load of tools/lab/bench-stranger; the node's defences are Protocol/replication.md,
/// "Strangers". The entries are valid posts signed before the flood starts and sent in turn
/// (`--pool`), so that signing never slows the sender.
enum FloodCommand {
    /// What one flood did.
    struct Totals {
        var entries = 0
        var bytes = 0
        var sessions = 0
        var reconnects = 0
        var failedConnects = 0
        var lastError: FloodError?
    }

    static func run(_ options: FloodOptions) {
        let signingStarted = now()
        let pool = FloodPool.make(
            count: options.poolSize, entrySize: options.entrySize, authors: options.authors)
        let signingTook = now() - signingStarted
        let size = pool.first?.bytes.count ?? 0
        print(
            "flood: target \(options.target), lobby, authors \(options.authors.rawValue), "
                + "entries of \(size) B, pool of \(formatRate(Double(pool.count))) "
                + "(signed in \(String(format: "%.2f", signingTook)) s)")
        FileHandle.standardError.write(
            Data("flood: flooding for \(options.seconds) s\n".utf8))
        let started = now()
        let totals = flood(options, pool: pool, until: started + options.seconds)
        let took = now() - started
        print(
            "flood: sent \(formatRate(Double(totals.entries))) entries "
                + "(\(formatRate(Double(totals.bytes))) B of frames) in "
                + "\(String(format: "%.2f", took)) s: "
                + "\(formatRate(Double(totals.entries) / took)) entries/s, "
                + "\(String(format: "%.1f", Double(totals.bytes) / took / 1e6)) MB/s; "
                + "sessions \(totals.sessions), reconnects \(totals.reconnects), "
                + "failed connects \(totals.failedConnects)")
        if let error = totals.lastError {
            print("flood: last session ended: \(error)")
        }
    }

    /// Sends `pool`'s entries in turn, over one session after another, until `deadline`.
    private static func flood(_ options: FloodOptions, pool: [Entry], until deadline: Double)
        -> Totals
    {
        var totals = Totals()
        var next = 0
        while now() < deadline {
            let connection: FloodConnection
            do {
                connection = try FloodConnection.open(
                    address: options.target, responder: options.responder,
                    identity: .generate())
            } catch {
                totals.failedConnects += 1
                totals.lastError = error
                Thread.sleep(forTimeInterval: 0.05)
                continue
            }
            if totals.sessions > 0 { totals.reconnects += 1 }
            totals.sessions += 1
            do {
                while now() < deadline {
                    // Queue about 64 KiB of frames at a time; write them as the socket takes them.
                    if connection.isDrained {
                        repeat {
                            try connection.queue(pool[next])
                            next = (next + 1) % pool.count
                        } while connection.queuedBytes < 64 * 1024
                    }
                    try connection.transfer()
                    if !connection.isDrained { try connection.wait(milliseconds: 100) }
                }
            } catch {
                totals.lastError = error
            }
            totals.entries += connection.entriesSent
            totals.bytes += connection.bytesSent
        }
        return totals
    }
}
