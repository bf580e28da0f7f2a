import KithCommandLine
import KithStorage

/// Notes on standard error about damage a scan met, for commands whose output is not a report
/// on the log's health (`dump`, `stats`, `show`, `follow`).
enum DamageNotes {
    /// One note per corrupt region and damaged segment, and a hint to run `verify`.
    static func report(_ summary: ScanSummary, context: CommandContext) {
        for region in summary.corruptRegions { context.note(region.description) }
        for segment in summary.damagedSegments { context.note(segment.description) }
        if !summary.isClean {
            context.note("the log is damaged; run 'kith-log verify' for details")
        }
    }

    /// A note for one damage event met while following the log.
    static func report(_ event: LogCursor.Event, context: CommandContext) {
        switch event {
        case .record: break
        case .corruptRegion(let region): context.note(region.description)
        case .damagedSegment(let segment): context.note(segment.description)
        }
    }
}
