import Dispatch
import Foundation
import ReliefEngine

/// `relief queue`: the triage desk. Every open case is re-triaged at one moment, so waiting
/// time, overdue promises and repeat contacts count, and listed with what needs a person first:
/// overdue replies, promises and updates, then by situation, then by time left.
///
/// Reads what replay reads (JSON Lines or CSV exports) in batches, through the same input path;
/// only a small line per open case is kept, to be sorted. Writes nothing to the audit log unless
/// `--record`.
enum QueueCommand {
    enum ReportFormat: String, CaseIterable {
        case text, json, markdown
    }

    static let spec = CommandSpec(
        name: "relief queue",
        abstract: "The triage desk: every open case re-triaged now, what needs a person first at the top.",
        arguments: [.init(name: "file", help: "Open cases: JSON Lines (one case per line, as triage reads them) or a CSV export (one row per message). '-' reads standard input.", optional: false, variadic: true)],
        options: [
            .value("now", "time", "Re-triage as of this ISO 8601 time instead of the clock; events after it are not known yet."),
            .value("owner", "role", "Show only cases whose next step this owner role holds (an id from the rules' owners, such as duty-manager)."),
            .value("situation", "situation", "Show only cases in this situation: " + Situation.allCases.map(\.rawValue).joined(separator: ", ") + "."),
            .value("format", "format", ReportFormat.allCases.map(\.rawValue).joined(separator: ", ") + " (default text)."),
            .value("rules", "file", "Rules file to use (default: $RELIEF_RULES, else the embedded default rules)."),
            .flag("record", "Record every case whose situation changed since its last event as a re-triage in the audit log (command 'queue', with the situation before)."),
        ] + AuditSettings.options.filter { QueueOptions.recordOnly.contains($0.long) }
            + CSVOptions.specOptions + [TextLimit.option],
        discussion: """
        A case is open unless its last status is resolved or closed with no customer message since.
        What is due, whichever comes first: a reply to a waiting customer (the oldest unanswered
        message plus the situation's first-response target), a promise an agent made, or an update
        when the situation has an update cadence and the last word was ours. Order: overdue first,
        then the rules' precedence (crisis first), then the due time, then the case id.
        In a terminal the lines fit its width and use colour (not with NO_COLOR or TERM=dumb).
        Exit status: 0 success, 64 usage error, 65 lines or rows skipped or a broken rules file,
        66 input file missing, 73 the audit log cannot be written (with --record; nothing printed).
        """)

    static func run(_ arguments: [String], _ env: CLIEnvironment) throws(CLIError) -> ExitCode {
        let args = try ParsedArguments.parse(arguments, spec: spec)
        if args.has("help") { env.stdout.write(spec.help); return .success }
        let options = try QueueOptions.parse(args, env, command: spec.name)
        try CaseInput.checkInputs(options.paths, env)
        let loaded = try LoadedRules.load(option: options.rules, env)
        if let owner = options.owner, loaded.rules.owners[owner] == nil {
            let owners = loaded.rules.owners.keys.sorted()
            throw .usage("unknown owner '\(owner)'; the rules' owners are " + owners.joined(separator: ", ")
                + (closestMatch(to: owner, in: owners).map { "; did you mean '\($0)'?" } ?? ""), command: spec.name)
        }
        let audit = options.record ? try AuditSettings.resolve(args, env) : nil
        let now = options.now ?? env.now()

        let run = QueueRun(
            triage: QueueTriage(rules: loaded.rules, textLimit: options.limit.messageBytes), now: now,
            filter: QueueReport.Filter(owner: options.owner, situation: options.situation),
            input: CaseInput(csv: options.csv, batchSize: 1024, limit: options.limit), env: env,
            recorder: audit.map { QueueRun.Recorder(audit: $0, rulesDigest: loaded.digest, clock: env.now) })
        for path in options.paths {
            let name = FileInput.displayName(path)
            let source = try ChunkSource.open(path, env)
            switch CaseInput.format(of: path, source: source, forced: options.inputFormat) {
            case .jsonl: try run.readLines(source, file: name)
            case .csv: try run.readCSV(source, file: name)
            }
        }
        let report = run.finish()

        let out = env.stdout
        switch options.format {
        case .text: QueueText.write(report, style: env.style(), width: env.screenWidth, to: out.write)
        case .json: QueueJSON.write(report, to: out.write)
        case .markdown: QueueMarkdown.write(report, to: out.write)
        }
        if let audit, let log = audit.log, run.recorded > 0 {
            env.note("recorded \(run.recorded) re-triage\(run.recorded == 1 ? "" : "s") in \(log.path)")
        }
        if report.skipped > 0 {
            env.report(CaseInput.skippedMessage(report.skipped))
            return .dataError
        }
        return .success
    }
}

/// One queue run: reads the inputs batch by batch, re-triages each batch on all cores and keeps
/// the line of every open case; with `--record`, appends each batch's re-triages to the audit
/// log in input order. One batch is worked on while the next is read; everything else runs on
/// the calling thread.
final class QueueRun {
    /// What `--record` needs: where to record, and the rules' digest for each entry.
    struct Recorder: Sendable {
        var audit: AuditSettings
        var rulesDigest: String
        /// The wall clock, read when each entry is made (`recordedAt`), whatever `--now` says.
        var clock: @Sendable () -> Date
    }

    private enum Result: Sendable {
        case pending
        case closed
        case open(QueueItem, AuditBody?)
        case failed(CLIError)
    }

    private let triage: QueueTriage
    private let now: Date
    private let input: CaseInput
    private let env: CLIEnvironment
    private let recorder: Recorder?
    private var report: QueueReport
    private var read = 0
    private(set) var recorded = 0

    init(triage: QueueTriage, now: Date, filter: QueueReport.Filter, input: CaseInput, env: CLIEnvironment, recorder: Recorder?) {
        self.triage = triage
        self.now = now
        self.input = input
        self.env = env
        self.recorder = recorder
        report = QueueReport(now: now, rules: triage.rules, filter: filter)
    }

    /// Each file is taken in whole before the next begins (or its notes are printed), so what is
    /// reported comes in input order.
    func readLines(_ source: ChunkSource, file: String) throws(CLIError) {
        if let line = input.csv.unusedOnJSONLines(file: file) { env.note(line) }
        var failure: CLIError?
        input.readLines(source) { batch in
            guard failure == nil else { return }
            do throws(CLIError) { try process(batch, file: file) } catch { failure = error }
        }
        if let failure { throw failure }
        try collectInFlight()
    }

    func readCSV(_ source: ChunkSource, file: String) throws(CLIError) {
        var failure: CLIError?
        let tally = input.readCSV(source, file: file, batch: { batch in
            guard failure == nil else { return }
            do throws(CLIError) { try process(batch, file: file) } catch { failure = error }
        }, problem: { problem in rowProblems.append(problem) })
        if let failure { throw failure }
        try collectInFlight()
        for line in tally.notes(file: file, encoding: input.csv.encoding) { env.note(line) }
    }

    /// The desk, sorted.
    func finish() -> QueueReport {
        report.sort(precedence: triage.rules.precedence)
        return report
    }

    /// A batch being re-triaged on the pool while the next one is read.
    private struct InFlight {
        var slots: ResultSlots<Result>
        var done: DispatchGroup
    }

    private var inFlight: InFlight?
    /// Rows the CSV reader could not use while a batch was in flight: reported after that
    /// batch's own problems, as they come after its rows.
    private var rowProblems: [CLIError] = []

    /// Starts re-triaging `batch` on all cores and, while it runs, takes in the batch before it:
    /// reading, collecting and recording overlap the work instead of leaving a core idle.
    private func process(_ batch: [CaseInput.Item], file: String) throws(CLIError) {
        guard !batch.isEmpty else { return }
        let slots = ResultSlots<Result>(count: batch.count)
        let triage = self.triage, now = self.now, input = self.input, recorder = self.recorder
        let first = read
        read += batch.count
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 4, batch.count / 16))
        let done = DispatchGroup()
        DispatchQueue.global().async(group: done) {
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var i = worker
                while i < batch.count {
                    defer { i += workers }
                    let supportCase: SupportCase
                    switch input.decode(batch[i], file: file) {
                    case .success(let c): supportCase = c
                    case .failure(let error):
                        slots.set(i, .failed(error))
                        continue
                    }
                    guard let assessed = triage.assess(supportCase, now: now, index: first + i, previous: recorder != nil) else {
                        slots.set(i, .closed)
                        continue
                    }
                    var body: AuditBody?
                    if let recorder, let previous = assessed.previous, let decision = assessed.decision {
                        body = Self.record(decision, previous: previous, item: batch[i], recorder: recorder, now: now)
                    }
                    slots.set(i, .open(assessed.item, body))
                }
            }
        }
        try collectInFlight()
        inFlight = InFlight(slots: slots, done: done)
    }

    /// Waits for the batch in flight, if any, and adds its cases in input order; with
    /// `--record`, appends its re-triages to the audit log.
    private func collectInFlight() throws(CLIError) {
        defer {
            for problem in rowProblems { skip(problem) }
            rowProblems.removeAll()
        }
        guard let batch = inFlight else { return }
        inFlight = nil
        batch.done.wait()
        var bodies: [AuditBody] = []
        for result in batch.slots.values.map({ $0 ?? .pending }) {
            switch result {
            case .pending, .closed: break
            case .failed(let error): skip(error)
            case .open(let item, let body):
                report.add(item)
                if let body { bodies.append(body) }
            }
        }
        if let recorder, !bodies.isEmpty {
            try recorder.audit.record(bodies)
            recorded += bodies.count
        }
    }

    /// The audit entry of a re-triage that changed the case's situation.
    private static func record(_ decision: Decision, previous: Situation, item: CaseInput.Item, recorder: Recorder, now: Date) -> AuditBody {
        let digest: String
        switch item {
        case .line(_, let bytes): digest = SHA256.hexDigest(bytes)
        case .decoded(let c): digest = SHA256.hexDigest(JSONWriter.write(c.json))
        case .tooLong: digest = ""
        }
        var record = DecisionRecord(
            time: now, recordedAt: recorder.clock(), actor: recorder.audit.actor, command: "queue", caseDigest: digest, rulesDigest: recorder.rulesDigest,
            text: nil, decision: decision)
        record.previousSituation = previous
        record.keyed = recorder.audit.keyed
        return record.serialized
    }

    /// Reports a line or row that was left out, and counts it.
    private func skip(_ error: CLIError) {
        env.report(error)
        report.skipped += 1
    }
}
