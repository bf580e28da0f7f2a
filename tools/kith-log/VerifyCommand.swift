import KithCommandLine
import KithCore
import KithStorage

/// `kith-log verify [--strict]`: checks every record, signature and chain of the log.
struct VerifyCommand: Command {
    static let strict = Flag(
        "strict", help: "Also fail when the log holds a fork or ends with a partial record.")

    static var configuration: CommandConfiguration {
        CommandConfiguration(
            name: "verify",
            abstract: "Check the log's records, signatures and chains, and report what is wrong.",
            discussion: "Reads every segment and checks record framing and checksums (corrupt "
                + "regions, damaged segments, a partial record at the end), every entry's "
                + "signature, "
                + "and every chain, replaying the entries in log order as a writer would (gaps, "
                + "broken links, forks, duplicates). Each finding is printed with its log offset, "
                + "then "
                + "a summary line. Exit status 0 when the log is sound, 1 when it is not. A fork "
                + "is "
                + "evidence that an author used a key twice, not damage of the log: it is reported "
                + "and fails only with --strict, as does a partial record at the end (which a "
                + "running writer may be completing). Findings and the summary name each chain's "
                + "community (by the name this home gives it, else the start of its id); "
                + "--community checks only that community's entries (damage to the log is always "
                + "reported).",
            options: [KithHome.option, LogLocation.logOption, strict, EntryFilter.communityOption]
        )
    }

    /// How many records are checked together (their signatures on every core).
    static let batchSize = 1024

    let location: LogLocation.Choice
    let isStrict: Bool
    let community: CommunitySelector?

    init(arguments: ParsedArguments) throws(UsageError) {
        location = try LogLocation.Choice(arguments: arguments)
        isStrict = arguments.isSet(Self.strict)
        community = try EntryFilter.community(arguments)
    }

    func run(_ context: CommandContext) throws {
        let reader = try LogLocation.openReader(location, context: context)
        let total: UInt64
        do {
            total = try reader.endOffset().rawValue
        } catch {
            throw KithLogError.log(error)
        }
        let progress = ProgressReporter(label: "Verifying", total: total, context: context)
        var verification = LogVerification()
        verification.communities = LogLocation.communityNames(location, context: context)
        verification.selector = community
        if let problem = community?.problem(names: verification.communities) {
            throw UsageError(problem)
        }
        var batch: [LogRecord] = []
        batch.reserveCapacity(Self.batchSize)
        let summary: ScanSummary
        do {
            summary = try reader.forEachRecord(from: .zero) {
                (offset, payload) throws(Never) -> ScanControl in
                batch.append(LogRecord(offset: offset, payload: Array(payload)))
                if batch.count >= Self.batchSize {
                    Self.check(batch, into: &verification)
                    batch.removeAll(keepingCapacity: true)
                    progress.update(completed: min(total, offset.rawValue))
                }
                return .continue
            }
        } catch {
            switch error {
            case .log(let logError): throw KithLogError.log(logError)
            }
        }
        Self.check(batch, into: &verification)
        progress.update(completed: total)
        progress.finish()
        verification.addScanDamage(summary)

        for finding in verification.sortedFindings { context.printLine(finding.line) }
        context.printLine(verification.summaryLine(strict: isStrict))
        let failures = verification.failureCount(strict: isStrict)
        guard failures == 0 else {
            throw CommandFailure(
                "the log is not sound: \(failures) problem\(failures == 1 ? "" : "s") found")
        }
    }

    /// Decodes a batch of records, checks their signatures in parallel, and adds them in order.
    static func check(_ records: [LogRecord], into verification: inout LogVerification) {
        var entries: [Entry] = []
        var decoded: [Result<Int, EntryError>] = []
        entries.reserveCapacity(records.count)
        decoded.reserveCapacity(records.count)
        for record in records {
            do {
                entries.append(try Entry(decoding: record.payload))
                decoded.append(.success(entries.count - 1))
            } catch {
                decoded.append(.failure(error))
            }
        }
        let validity = ParallelVerifier.verifySignatures(entries)
        for (record, result) in zip(records, decoded) {
            switch result {
            case .success(let index):
                verification.addEntry(
                    entries[index], offset: record.offset, signatureIsValid: validity[index])
            case .failure(let error):
                verification.addUndecodable(
                    offset: record.offset, size: record.payload.count, error: error)
            }
        }
    }
}
