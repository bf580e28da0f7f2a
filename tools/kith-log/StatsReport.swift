import KithCommandLine
import KithCore
import KithStorage

/// The `stats` report as text lines or one JSON object (pure).
struct StatsReport {
    /// The counts and sizes.
    let statistics: LogStatistics
    /// The segment files on disk.
    let segments: SegmentFiles
    /// What the scan found besides records.
    let summary: ScanSummary
    /// How many chains hold a fork entry.
    let forkedChains: Int
    /// The home's community names.
    var communities = CommunityNames()

    /// The report as aligned text lines.
    func textLines() -> [String] {
        let stats = statistics
        var lines = [
            "segments:      \(segments.files.count) (\(segments.totalSize) bytes on disk)",
            "records:       \(stats.recordCount) "
                + "(\(Self.count(stats.entryCount, "entry", "entries")), "
                + "\(stats.undecodableCount) undecodable)",
            "entry bytes:   \(stats.entryBytes) total, "
                + Self.decimal(LogStatistics.average(stats.entryBytes, over: stats.entryCount))
                + " average",
            "log bytes:     \(stats.recordBytes) total, "
                + Self.decimal(LogStatistics.average(stats.recordBytes, over: stats.recordCount))
                + " average per record",
            "time span:     " + timeSpan(),
            "forks:         \(Self.count(stats.forkCount, "fork entry", "fork entries")) in "
                + Self.count(forkedChains, "chain", "chains"),
            "unchained:     \(Self.count(stats.unchainedCount, "entry", "entries")) after a gap in "
                + "their chain",
            "damage:        "
                + Self.count(summary.corruptRegions.count, "corrupt region", "corrupt regions")
                + ", "
                + Self.count(summary.damagedSegments.count, "damaged segment", "damaged segments"),
            "",
            "communities (\(stats.communities.count)):",
        ]
        for (id, tally) in stats.communitiesByEntries {
            lines.append(
                "  \(UntrustedText.escaped(communities.label(id)))  "
                    + "\(Self.count(tally.chains, "chain", "chains")), "
                    + "\(Self.count(tally.entries, "entry", "entries")), \(tally.bytes) bytes")
        }
        lines.append("")
        lines.append("authors (\(stats.authors.count)):")
        for author in stats.authorsByEntries {
            let name = author.name.map { UntrustedText.escaped($0) } ?? "(no name)"
            var line =
                "  \(author.key.fingerprint.full)  \(name)  "
                + "\(Self.count(author.entries, "entry", "entries")), \(author.bytes) bytes"
            if author.forks > 0 { line += ", " + Self.count(author.forks, "fork", "forks") }
            lines.append(line)
        }
        lines.append("")
        lines.append("channels (\(stats.channels.count)):")
        for (name, tally) in stats.channelsByPosts {
            lines.append(
                "  #\(UntrustedText.escaped(name))  "
                    + "\(Self.count(tally.entries, "post", "posts")), \(tally.bytes) bytes")
        }
        lines.append("")
        lines.append("content types (\(stats.types.count)):")
        for (type, tally) in stats.typesByCode {
            lines.append(
                "  \(type) (\(type.rawValue))  \(Self.count(tally.entries, "entry", "entries")), "
                    + "\(tally.bytes) bytes")
        }
        return lines
    }

    /// The report as one JSON object (averages are left to the reader: totals and counts are
    /// there).
    func jsonObject() -> JSONObject {
        let stats = statistics
        let authors: [JSONValue] = stats.authorsByEntries.map { author in
            .object([
                "author": .string(author.key.hex),
                "fingerprint": .string(author.key.fingerprint.full),
                "name": author.name.map { .string($0) } ?? .null,
                "entries": .int(author.entries),
                "bytes": .unsigned(author.bytes),
                "forks": .int(author.forks),
            ])
        }
        let channels: [JSONValue] = stats.channelsByPosts.map { name, tally in
            .object([
                "channel": .string(name), "posts": .int(tally.entries),
                "bytes": .unsigned(tally.bytes),
            ])
        }
        let communityObjects: [JSONValue] = stats.communitiesByEntries.map { id, tally in
            .object([
                "community": .string(id.hex),
                "name": communities.name(of: id).map { .string($0) } ?? .null,
                "chains": .int(tally.chains),
                "entries": .int(tally.entries),
                "bytes": .unsigned(tally.bytes),
            ])
        }
        let types: [JSONValue] = stats.typesByCode.map { type, tally in
            .object([
                "content_type": .unsigned(UInt64(type.rawValue)),
                "type": .string(type.name ?? "unknown"),
                "entries": .int(tally.entries),
                "bytes": .unsigned(tally.bytes),
            ])
        }
        return [
            "segments": .int(segments.files.count),
            "disk_bytes": .unsigned(segments.totalSize),
            "records": .int(stats.recordCount),
            "entries": .int(stats.entryCount),
            "undecodable": .int(stats.undecodableCount),
            "entry_bytes": .unsigned(stats.entryBytes),
            "log_bytes": .unsigned(stats.recordBytes),
            "first_timestamp": stats.earliest.map { .unsigned($0) } ?? .null,
            "first_time": stats.earliest.map { .string(Self.time($0)) } ?? .null,
            "last_timestamp": stats.latest.map { .unsigned($0) } ?? .null,
            "last_time": stats.latest.map { .string(Self.time($0)) } ?? .null,
            "forks": .int(stats.forkCount),
            "forked_chains": .int(forkedChains),
            "unchained": .int(stats.unchainedCount),
            "chains": .int(stats.chains.count),
            "corrupt_regions": .int(summary.corruptRegions.count),
            "damaged_segments": .int(summary.damagedSegments.count),
            "communities": .array(communityObjects),
            "authors": .array(authors),
            "channels": .array(channels),
            "types": .array(types),
        ]
    }

    private func timeSpan() -> String {
        guard let first = statistics.earliest, let last = statistics.latest else { return "(none)" }
        return Self.time(first) + " to " + Self.time(last)
    }

    private static func time(_ milliseconds: UInt64) -> String {
        TimeFormatting.iso8601UTC(millisecondsSinceEpoch: milliseconds)
    }

    /// `1 entry`, `2 entries`.
    static func count(_ number: Int, _ singular: String, _ plural: String) -> String {
        "\(number) \(number == 1 ? singular : plural)"
    }

    /// A number with one decimal: `212.5`.
    static func decimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
