import Dispatch
import Foundation
import ReliefEngine

/// `relief eval`: measures a rules file against cases a person labelled, before and after an
/// edit: agreement, the confusion between situations, precision and recall per situation,
/// crisis recall, a breakdown per source, and every miss with what decided it. Gates for CI.
enum EvalCommand {
    static let spec = CommandSpec(
        name: "relief eval",
        abstract: "Measure rules against labelled cases: agreement, confusion, crisis recall, every miss.",
        arguments: [
            .init(name: "labels", help: "Labels: TSV (id, first, peak, optional note; '#' comments) or JSON Lines cases that carry 'expect'.", optional: false),
            .init(name: "cases", help: "Case files: JSON Lines or CSV exports, as replay reads them. Without them, the labels file must hold the cases.", optional: true, variadic: true),
        ],
        options: [
            .value("rules", "file", "Rules file to measure (default: $RELIEF_RULES, else the embedded default rules)."),
            .flag("first", "Measure the customer's first message alone, at its own time, against the 'first' label (default)."),
            .flag("peak", "Replay each whole history and measure its peak against the 'peak' label."),
            .value("split", "part", "Measure only the tune (70%) or check (30%) part; the part is fixed by a hash of the case id."),
            .value("group", "field", "Break results down by this case field (channel, journey, customer.segment, attributes.NAME; default: the id's prefix)."),
            .value("format", "format", "text (default), json or markdown."),
            .value("misses", "count", "List at most this many misses (default: all)."),
            .value("min-agreement", "percent", "Exit with status 1 when agreement is below this percentage."),
            .value("min-crisis-recall", "percent", "Exit with status 1 when crisis recall is below this percentage."),
        ] + CSVOptions.specOptions + [TextLimit.option],
        discussion: """
        A label's case is found by id in the case files. A label whose case is not read is listed as a
        warning; an unknown situation, a repeated id or a peak below first is an error with file and line.
        The split is the first four bytes of SHA-256 of the id, as a number, modulo 10: 0-6 tune, 7-9 check.
        Exit status: 0 success, 1 a gate failed or nothing was measured, 64 usage error, 65 bad labels,
        unreadable lines or a broken rules file, 66 a file is missing.
        """)

    enum ReportFormat: String, CaseIterable {
        case text, json, markdown
    }

    static func run(_ arguments: [String], _ env: CLIEnvironment) throws(CLIError) -> ExitCode {
        let args = try ParsedArguments.parse(arguments, spec: spec)
        if args.has("help") { env.stdout.write(spec.help); return .success }
        let options = try EvalOptions.parse(args, env, command: spec.name)
        let zone = options.zone
        let (labelsPath, casePaths, mode, split) = (options.labelsPath, options.casePaths, options.mode, options.split)
        try CaseInput.checkInputs([labelsPath] + casePaths, env)
        let labels = try readLabels(labelsPath, env)
        let loaded = try LoadedRules.load(option: options.rules, env)

        let evaluator = Evaluator(rules: loaded.rules, mode: mode, grouping: options.grouping, textLimit: options.limit.messageBytes)
        var report = EvalReport(mode: mode, rules: loaded.rules, rulesSource: loaded.source, labelsSource: FileInput.displayName(labelsPath), split: split)
        var read = Set<String>()
        let input = CaseInput(csv: options.csv, batchSize: 1024, limit: options.limit)
        for path in casePaths {
            let file = FileInput.displayName(path)
            let source = try ChunkSource.open(path, env)
            let problem: (CLIError) -> Void = { error in
                env.report(error)
                report.skipped += 1
            }
            let batch: ([CaseInput.Item]) -> Void = { items in
                let results = evaluate(items, file: file, input: input, evaluator: evaluator, labels: labels, split: split)
                for result in results {
                    switch result {
                    case .failure(let error): problem(error)
                    case .success(let (caseId, verdict)):
                        guard read.insert(caseId).inserted else { report.repeatedCases.append(caseId); continue }
                        if let verdict { report.add(verdict) } else { report.casesWithoutLabel += 1 }
                    }
                }
            }
            input.read(source, format: CaseInput.format(of: path, source: source, forced: options.inputFormat), file: file, batch: batch, problem: problem,
                       note: env.note)
        }
        report.labelsWithoutCase = labels.labels.filter { !read.contains($0.caseId) && (split == nil || EvalSplit.of($0.caseId) == split) }

        let missLimit = options.missLimit
        switch options.format {
        case .text: env.stdout.write(EvalText.render(report, missLimit: missLimit, style: env.style(), zone: zone.display))
        case .markdown: env.stdout.write(EvalMarkdown.render(report, missLimit: missLimit, zone: zone.display))
        case .json: env.stdout.write(EvalJSON.render(report, missLimit: missLimit))
        }

        var status = ExitCode.success
        if report.skipped > 0 {
            env.report(CaseInput.skippedMessage(report.skipped))
            status = .dataError
        }
        let c = report.confusion
        var failures: [String] = []
        if c.total == 0 {
            failures.append("no labelled case was measured: check that the labels' ids are in the case files")
        } else {
            if let gate = options.minAgreement, let value = c.agreement, value < gate.value {
                failures.append("agreement \(String(format: "%.1f", value))% is below --min-agreement \(gate.written)")
            }
            if let gate = options.minCrisisRecall {
                if let value = c.recall(.crisis) {
                    if value < gate.value { failures.append("crisis recall \(String(format: "%.1f", value))% is below --min-crisis-recall \(gate.written)") }
                } else {
                    failures.append("no case is labelled crisis, so --min-crisis-recall cannot be checked")
                }
            }
        }
        for failure in failures { env.report(Diagnostic(message: failure)) }
        if !failures.isEmpty && status == .success { status = .problemsFound }
        return status
    }

    /// Decodes and measures one batch on all cores; results come back in input order, each
    /// with the case id read (so repeats can be found) and its verdict when it is labelled.
    static func evaluate(_ items: [CaseInput.Item], file: String, input: CaseInput, evaluator: Evaluator, labels: EvalLabelSet, split: EvalSplit?) -> [Result<(String, EvalVerdict?), CLIError>] {
        let results = ResultSlots<Result<(String, EvalVerdict?), CLIError>>(count: items.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount * 4, items.count / 16))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var i = worker
            while i < items.count {
                defer { i += workers }
                switch input.decode(items[i], file: file) {
                case .failure(let error): results.set(i, .failure(error))
                case .success(let c):
                    guard let label = labels[c.id], split == nil || EvalSplit.of(c.id) == split else {
                        results.set(i, .success((c.id, nil)))
                        continue
                    }
                    results.set(i, .success((c.id, evaluator.evaluate(c, label: label))))
                }
            }
        }
        return results.values.map { $0! }
    }

    /// Labels from a TSV file, or from the `expect` of cases in a JSON Lines file.
    static func readLabels(_ path: String, _ env: CLIEnvironment) throws(CLIError) -> EvalLabelSet {
        let file = FileInput.displayName(path)
        let text = try FileInput.text(try FileInput.read(path, env), file: file)
        let firstByte = text.utf8.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) })
        let isJSON = isJSONLines(path) || (!path.lowercased().hasSuffix(".tsv") && firstByte == UInt8(ascii: "{"))
        var problems: [EvalLabelProblem] = []
        var labels = EvalLabelSet()
        if isJSON {
            var number = 0
            for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
                number += 1
                guard line.contains(where: { !$0.isWhitespace }) else { continue }
                do {
                    let node = try JSONParser.parse(String(line))
                    if let label = try EvalLabelSet.label(fromCase: node, line: number) { try labels.add(label) }
                } catch let error as JSONSyntaxError {
                    problems.append(EvalLabelProblem(line: number, column: error.position.column, field: "", message: error.message))
                } catch let error as EvalLabelProblem {
                    problems.append(error)
                } catch {}
            }
            if problems.isEmpty && labels.count == 0 {
                throw .badInput(file: file, line: nil, field: "expect", message: "no case in this file carries 'expect'; give a labels file (TSV) before the case files")
            }
        } else {
            let parsed = EvalLabelSet.parseTSV(text)
            labels = parsed.labels
            problems = parsed.problems
            if problems.isEmpty && labels.count == 0 { throw .badInput(file: file, line: nil, field: nil, message: "the labels file holds no labels") }
        }
        if !problems.isEmpty { throw .badLabels(file: file, problems: problems) }
        return labels
    }

    /// Whether a path names JSON Lines by its extension.
    static func isJSONLines(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json")
    }
}
