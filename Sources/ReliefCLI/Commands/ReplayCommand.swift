import Dispatch
import Foundation
import ReliefEngine

/// `relief replay`: replay past case histories through the rules and report trajectories,
/// relief moments, coverage, rule usage and outcomes; with `--compare`, the difference a
/// second rules file makes. Reads JSON Lines or CSV in chunks and never holds more than a
/// batch of cases, so memory stays flat whatever the input size. Writes nothing but the report.
enum ReplayCommand {
    static let spec = CommandSpec(
        name: "relief replay",
        abstract: "Replay past case histories through the rules: trajectories, relief moments, coverage, rules diff.",
        arguments: [.init(name: "file", help: "Case histories: JSON Lines (one case per line, as triage reads them) or a CSV export (one row per message). '-' reads standard input.", optional: false, variadic: true)],
        options: [
            .value("rules", "file", "Rules file to replay with (default: $RELIEF_RULES, else the embedded default rules)."),
            .value("compare", "file", "Also replay with this rules file and report the cases whose leading situation, peak or responses differ."),
            .value("min-coverage", "percent", "Exit with status 1 when fewer than this percentage of steps are covered (0-100)."),
            .value("as-of", "time", "When the export was taken (ISO 8601), or case-end for each case's last event: an unanswered deadline after it is open, not missed."),
            .flag("relief-curve", "Also show, per situation, how CSAT, NPS and CES change with the wait for the first answer after the peak, and where satisfaction falls most."),
            .value("format", "format", "text (default), json, markdown or html."),
            .value("out", "path", "Write the report to this file instead of standard output."),
        ] + CSVOptions.specOptions + [TextLimit.option] + [
        ],
        discussion: """
        Each case is replayed one customer message at a time: the decision after every message is a
        step, the most severe step is the peak, and the relief moment is met when an agent answered
        within the peak situation's first-response target. Bad lines or rows are reported on standard
        error with file and line, skipped, and counted; the replay goes on. docs/replay.md has details.
        Exit status: 0 success, 1 coverage below --min-coverage, 64 usage error, 65 lines or rows
        skipped or a broken rules file, 66 input file missing, 73 --out cannot be written.
        """)

    enum ReportFormat: String, CaseIterable {
        case text, json, markdown, html
    }

    static let batchSize = 1024

    static func run(_ arguments: [String], _ env: CLIEnvironment) throws(CLIError) -> ExitCode {
        let args = try ParsedArguments.parse(arguments, spec: spec)
        if args.has("help") { env.stdout.write(spec.help); return .success }
        let options = try ReplayOptions.parse(args, env, command: spec.name)
        let paths = options.paths
        try CaseInput.checkInputs(paths, env)
        let loaded = try LoadedRules.load(option: options.rules, env)
        var compared: LoadedRules?
        if let path = options.compare { compared = try LoadedRules.load(option: path, env) }

        let output: ReplayOutput
        if let path = options.out, let input = paths.first(where: { $0 != "-" && FileInput.sameFile($0, path, env) }) {
            throw .cannotWrite(path: path, reason: "it is the input '\(input)'; the report would overwrite the cases it reads")
        }
        if let path = options.out { output = try ReplayOutput(path: path, env) } else { output = ReplayOutput(stdout: env.stdout) }
        let run = ReplayRun(
            rules: loaded, compare: compared, format: options.format, output: output.sink, env: env,
            csv: options.csv, limit: options.limit, asOf: options.asOf, reliefCurve: options.reliefCurve)
        run.zone = options.zone.display
        do {
            for path in paths {
                let name = FileInput.displayName(path)
                let source = try ChunkSource.open(path, env)
                switch CaseInput.format(of: path, source: source, forced: options.inputFormat) {
                case .jsonl: run.replayLines(source, file: name)
                case .csv: run.replayCSV(source, file: name)
                }
            }
            run.finish()
            try output.commit(env)
        } catch {
            run.drain()
            output.abandon()
            throw error
        }

        let report = run.report
        var status = ExitCode.success
        if output.isFile {
            env.note("wrote the replay of \(report.summary.cases) case\(report.summary.cases == 1 ? "" : "s") to \(options.out ?? "")")
        }
        if report.skipped > 0 {
            env.report(CaseInput.skippedMessage(report.skipped))
            status = .dataError
        }
        // A gate must not pass by accident: with nothing to measure, coverage is not 100%.
        if options.minCoverage != nil, report.summary.coverage.steps == 0 || report.summary.coverage.cells.isEmpty {
            let why = report.summary.coverage.steps == 0 ? "no customer message was replayed" : "no step had an expectation at stake"
            env.report(Diagnostic(message: "--min-coverage cannot be judged: \(why); check the input and --columns"))
            if status == .success { status = .problemsFound }
        } else if let gate = options.minCoverage, report.summary.coverage.percent < gate.value {
            let shown = String(format: "%.1f", report.summary.coverage.percent)
            env.report(Diagnostic(message: "coverage \(shown)% is below --min-coverage \(gate.written)"))
            if status == .success { status = .problemsFound }
        }
        return status
    }
}

/// One replay run: reads inputs batch by batch, replays each batch on all cores, then folds the
/// results into the report in input order and streams per-case output.
///
/// Folding runs on one serial queue while the next batch is read and replayed, with at most two
/// batches waiting, so memory stays flat. Everything the fold touches (the report, the output,
/// the counters) is touched only on that queue, hence `@unchecked Sendable`.
final class ReplayRun: @unchecked Sendable {
    private enum WorkResult: Sendable {
        case pending
        case replayed(CaseReplay, CaseReplay?, String?)
        case failed(CLIError)
    }

    private(set) var report: ReplayReport
    private let replayer: Replayer
    private let comparer: Replayer?
    private let format: ReplayCommand.ReportFormat
    private let out: OutputSink
    private let env: CLIEnvironment
    /// Where the text, Markdown and HTML reports show times (`--tz`, else `TZ`).
    var zone = TimeZone(identifier: "UTC")!
    private let input: CaseInput
    private var written = 0
    private var htmlRows: [String] = []
    private var lastProgress: UInt64 = 0
    private var progressShown = false
    private let started = DispatchTime.now().uptimeNanoseconds
    private let folder = DispatchQueue(label: "relief.replay.fold")
    private let inFlight = DispatchSemaphore(value: 2)

    init(rules: LoadedRules, compare: LoadedRules?, format: ReplayCommand.ReportFormat, output: OutputSink, env: CLIEnvironment, csv: CSVOptions, limit: TextLimit, asOf: ReplayAsOf?, reliefCurve: Bool = false) {
        replayer = Replayer(rules: rules.rules, textLimit: limit.messageBytes, asOf: asOf)
        comparer = compare.map { Replayer(rules: $0.rules, textLimit: limit.messageBytes, asOf: asOf) }
        report = ReplayReport(rules: rules.rules, rulesSource: rules.source, compare: compare.map { (rules: $0.rules, source: $0.source) })
        report.asOf = asOf
        report.showsReliefCurve = reliefCurve
        self.format = format
        out = output
        self.env = env
        input = CaseInput(csv: csv, batchSize: ReplayCommand.batchSize, limit: limit)
        lastProgress = started
        if format == .json { out.write(ReplayJSON.opening) }
    }

    // MARK: - Inputs

    func replayLines(_ source: ChunkSource, file: String) {
        folder.async { [self] in
            report.beginFile(file, format: "jsonl")
            if let line = input.csv.unusedOnJSONLines(file: file) { note(line) }
        }
        input.readLines(source) { process($0, file: file) }
    }

    func replayCSV(_ source: ChunkSource, file: String) {
        let holdRows = input.csv.holdRows
        folder.async { [self] in
            report.beginFile(file, format: "csv")
            report.heldRowLimit = holdRows
        }
        let tally = input.readCSV(source, file: file, batch: { process($0, file: file) }, problem: { problem in
            folder.async { [self] in skip(problem, file: file) }
        })
        folder.async { [self] in
            report.casesReplayedEarly += tally.casesEarly
            report.lateRows += tally.lateRows
            for line in tally.notes(file: file, encoding: input.csv.encoding) { note(line) }
        }
    }

    // MARK: - Replaying

    private func process(_ batch: [CaseInput.Item], file: String) {
        guard !batch.isEmpty else { return }
        let slots = ResultSlots<WorkResult>(count: batch.count)
        let replayer = self.replayer
        let comparer = self.comparer
        let json = format == .json
        // Four strands per core: a core that finishes early takes another strand while the
        // fold holds the other core, instead of waiting for it.
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 4, batch.count / 16))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var i = worker
            while i < batch.count {
                let supportCase: SupportCase
                switch input.decode(batch[i], file: file) {
                case .success(let c): supportCase = c
                case .failure(let error):
                    slots.set(i, .failed(error))
                    i += workers
                    continue
                }
                let before = replayer.replay(supportCase)
                let after = comparer?.replay(supportCase)
                slots.set(i, .replayed(before, after, json ? ReplayJSON.caseText(before, after: after) : nil))
                i += workers
            }
        }
        inFlight.wait()
        folder.async { [self] in
            fold(slots.values.map { $0 ?? .pending }, file: file)
            inFlight.signal()
        }
    }

    /// Adds one replayed batch to the report and the output, in input order. On `folder` only.
    private func fold(_ results: [WorkResult], file: String) {
        for result in results {
            switch result {
            case .pending: break
            case .failed(let error): skip(error, file: file)
            case .replayed(let before, let after, let text):
                report.add(before, after: after)
                switch format {
                case .json:
                    out.write(ReplayJSON.separator(written: written) + (text ?? ""))
                case .html:
                    if htmlRows.count < ReplayHTML.caseLimit { htmlRows.append(ReplayHTML.caseRow(before, after: after, zone: zone)) }
                case .text, .markdown:
                    break
                }
                written += 1
            }
        }
        progress(file)
    }

    /// Reports a line or row that was left out, and counts it.
    /// A warning on standard error that does not change the exit status.
    private func note(_ line: String) {
        clearProgress()
        env.note(line)
    }

    private func skip(_ error: CLIError, file: String) {
        clearProgress()
        env.report(error)
        let skipped: ReplayReport.Skipped
        switch error {
        case .syntax(let f, let position, let message):
            skipped = .init(file: f, line: position.line, message: message)
        case .badCase(let f, let e):
            skipped = .init(file: f, line: e.position.line, message: (e.field.isEmpty ? "" : "field '\(e.field)': ") + e.message)
        case .badInput(let f, let line, let field, let message):
            skipped = .init(file: f, line: line, message: (field.map { "field '\($0)': " } ?? "") + message)
        default:
            skipped = .init(file: file, line: nil, message: error.message)
        }
        report.skip(skipped)
    }

    /// Waits until every batch read so far is folded into the report.
    func drain() { folder.sync {} }

    /// Waits for every batch to be folded, then writes everything after the cases.
    func finish() {
        drain()
        clearProgress()
        switch format {
        case .json: out.write(ReplayJSON.closing(report, written: written))
        case .text: out.write(ReplayText.render(report, style: out === env.stdout ? env.style() : .plain, zone: zone))
        case .markdown: out.write(ReplayMarkdown.render(report, zone: zone))
        case .html: out.write(ReplayHTML.render(report, caseRows: htmlRows, zone: zone))
        }
    }

    // MARK: - Progress

    /// A progress line on standard error, at most twice a second, only when it is a terminal.
    private func progress(_ file: String) {
        guard env.stderrIsTerminal else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastProgress >= 500_000_000 else { return }
        lastProgress = now
        let seconds = Double(now - started) / 1e9
        let s = report.summary
        let rate = seconds > 0 ? Int(Double(s.events) / seconds) : 0
        env.stderr.write("\r\u{1B}[Kreplaying \(file): \(s.cases) cases, \(s.events) events (\(rate) events/s)")
        env.stderr.flush()
        progressShown = true
    }

    private func clearProgress() {
        guard progressShown else { return }
        env.stderr.write("\r\u{1B}[K")
        progressShown = false
    }
}
