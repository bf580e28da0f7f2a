import KithCore
import KithStorage

/// Reads every record of a log in order, decoding entries and replaying their chains, without
/// loading the log into memory or taking its lock.
enum LogScan {
    /// Calls `body` for each record from the start of the log until it returns `.stop`; returns
    /// what the scan found (corrupt regions, damaged segments, partial tail).
    static func forEach(
        in reader: LogReader,
        replay: inout ChainReplay,
        _ body: (ScannedRecord) -> ScanControl
    ) throws(KithLogError) -> ScanSummary {
        do {
            return try reader.forEachRecord(from: .zero) {
                (offset, payload) throws(Never) -> ScanControl in
                body(ScannedRecord.read(offset: offset, payload: payload, replay: &replay))
            }
        } catch {
            switch error {
            case .log(let logError): throw .log(logError)
            }
        }
    }
}
