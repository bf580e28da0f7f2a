import Foundation
import KithCore
import Testing

/// `kith-log trace` on the homes of a line of three real nodes: an entry posted on A reaches C
/// through B, and each node's arrivals file says from whom and when.
@Suite(
    "System: kith-log trace across a line of three hosts",
    .enabled(if: Lab.isAvailable, Lab.skipMessage),
    .enabled(if: KithTools.areBuilt, SystemLab.notBuiltMessage)
)
struct TraceAcrossLineTests {
    @Test("trace rebuilds the path A → B → C with a delay per hop, as text, DOT and SVG")
    func traceAlongTheLine() async throws {
        try await SystemLab.run { system in
            let (a, b, c) = try await system.startLineOfThree()
            var fingerprints: [String: String] = [:]
            for node in [a, b, c] {
                let key = try PublicKey(hex: try await node.publicKey())
                fingerprints[node.name] = String(key.fingerprint.full.prefix(9))
            }
            try a.post("follow me")
            try await system.expectDelivered("follow me", from: a, nick: "ann", to: [b, c])
            try await system.expectCleanStops([a, b, c])

            let posted = try #require(try await a.log().records.first { $0.text == "follow me" })
            let id = try #require(posted.id)
            let homes = [a, b, c].flatMap { ["--home", $0.home.path] }
            let trace = try await KithTools.runKithLog(
                ["trace", String(id.prefix(12))] + homes)
            #expect(trace.succeeded, "\(trace.standardOutput)\(trace.standardError)")
            let lines = trace.standardOutput.split(separator: "\n").map(String.init)
            #expect(lines.count == 4, "\(lines)")
            guard lines.count == 4 else { return }
            #expect(lines[0].hasPrefix("entry \(id) (sequence "), "\(lines[0])")
            let (aName, bName, cName) = (
                a.home.lastPathComponent, b.home.lastPathComponent, c.home.lastPathComponent
            )
            #expect(
                lines[1].hasPrefix("\(aName) (\(fingerprints["a"] ?? "?"))  posted here at "),
                "\(lines)")
            #expect(lines[2].hasPrefix("└─ \(bName) (\(fingerprints["b"] ?? "?"))  +"), "\(lines)")
            #expect(
                lines[3].hasPrefix("   └─ \(cName) (\(fingerprints["c"] ?? "?"))  +"), "\(lines)")
            // One clock serves all three hosts here, so each hop's delay is not negative.
            for line in lines[2...3] {
                #expect(line.contains(" ms  (") || line.contains(" s  ("), "\(line)")
            }

            // Alone, C's home shows B as a peer that is not among the homes given.
            let alone = try await KithTools.runKithLog(["trace", id, "--home", c.home.path])
            #expect(alone.succeeded, "\(alone.standardError)")
            #expect(
                alone.standardOutput.contains(
                    "peer \(fingerprints["b"] ?? "?") (not among the homes given)\n└─ \(cName) ("),
                "\(alone.standardOutput)")

            let dot = try await KithTools.runKithLog(
                ["trace", id, "--format", "dot"] + homes)
            #expect(dot.succeeded)
            #expect(dot.standardOutput.contains("n0 -> n1 [label=\"+"), "\(dot.standardOutput)")
            #expect(dot.standardOutput.contains("n1 -> n2 [label=\"+"), "\(dot.standardOutput)")
            let svg = try await KithTools.runKithLog(
                ["trace", id, "--format", "svg"] + homes)
            #expect(svg.succeeded)
            #expect(svg.standardOutput.hasPrefix("<svg "))
            #expect(svg.standardOutput.components(separatedBy: "<rect ").count == 4)
            #expect(svg.standardOutput.components(separatedBy: "marker-end=").count == 3)
        }
    }
}
