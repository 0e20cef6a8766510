import Dispatch
import Foundation
import ReliefEngine

/// `relief rules suggest`: terms that would have put missed cases where a person put them,
/// each measured on every labelled case and printed as a snippet to paste into the rules.
/// Labels come from a labels file, from the overrides in an audit log, or both.
enum SuggestCommand {
    static let spec = CommandSpec(
        name: "relief rules suggest",
        abstract: "Suggest terms from misses and overrides, each measured on all labelled cases.",
        arguments: [
            .init(name: "labels", help: "Labels as relief eval reads them (TSV, or JSON Lines cases with 'expect'). Optional with --log.", optional: true),
            .init(name: "cases", help: "Case files (JSON Lines or CSV exports) holding the labelled cases' texts.", optional: true, variadic: true),
        ],
        options: [
            .value("rules", "file", "Rules file to improve (default: $RELIEF_RULES, else the embedded default rules)."),
            .value("log", "file", "An audit log: every override is a label (the person's situation), its words from the cases given or from --log-text."),
            .flag("allow-broken-log", "Read a log whose hash chain does not verify."),
            .flag("first", "Measure first messages (default)."),
            .flag("peak", "Measure the peak of each replayed history."),
            .value("split", "part", "Use only the tune or check part of the labels (suggest on tune; judge on check)."),
            .value("signal", "id", "Only suggest terms for this signal."),
            .value("top", "count", "How many suggestions to print (default: 20)."),
            .value("min-precision", "percent", "Leave out suggestions whose precision is below this (default: 60)."),
            .value("format", "format", "text (default) or json."),
        ] + CSVOptions.specOptions + [TextLimit.option],
        discussion: """
        For each miss, the words, prefixes, word pairs and near pairs of its texts are tried with each text
        signal that would fix it. Each candidate is measured by switching its signal on in every labelled
        case it matches and deciding again: fixes, breaks, support (cases it matches) and precision (the
        share of those labelled with the situation it leads to). Ranked by fixes minus breaks.
        Exit status: 0 success (also when there is nothing to suggest), 64 usage error, 65 bad labels,
        unreadable lines or a broken log, 66 a file is missing.
        """)

    enum Format: String, CaseIterable { case text, json }

    static func run(_ arguments: [String], _ env: CLIEnvironment) throws(CLIError) -> ExitCode {
        let args = try ParsedArguments.parse(arguments, spec: spec)
        if args.has("help") { env.stdout.write(spec.help); return .success }
        func usage(_ m: String) -> CLIError { .usage(m, command: spec.name) }
        if args.has("first") && args.has("peak") { throw usage("give either --first or --peak, not both") }
        let mode: EvalMode = args.has("peak") ? .peak : .first
        let format: Format = try args.choice("format", command: spec.name) ?? .text
        let split: EvalSplit? = try args.choice("split", command: spec.name)
        var options = RulesSuggester.Options()
        if let text = args.value("top") {
            guard let n = Int(text), n > 0 else { throw usage("--top must be a positive whole number, found '\(text)'") }
            options.top = n
        }
        if let gate = try PercentGate.parse(args, "min-precision", command: spec.name) { options.minimumPrecision = gate.value }
        let (csv, inputFormat) = try CSVOptions.parse(args, env, command: spec.name)
        let limit = try TextLimit.parse(args, command: spec.name)
        guard !args.positionals.isEmpty || args.value("log") != nil else { throw usage("give a labels file, an audit log (--log), or both") }

        let loaded = try LoadedRules.load(option: args.value("rules"), env)
        if let id = args.value("signal") {
            guard let index = loaded.rules.signalIndex(id) else {
                let names = loaded.rules.signals.map(\.id)
                throw usage("the rules have no signal '\(id)'" + didYouMean(id, in: names))
            }
            guard case .text = loaded.rules.signals[index].detector else { throw usage("'\(id)' is not a text signal; terms can only be added to text signals") }
            options.signal = index
        }

        var labels = EvalLabelSet()
        var labelSource: [String: String] = [:]
        var casePaths = Array(args.positionals.dropFirst())
        if let labelsPath = args.positionals.first {
            try CaseInput.checkInputs([labelsPath], env)
            labels = try EvalCommand.readLabels(labelsPath, env)
            for label in labels.labels { labelSource[label.caseId] = "\(FileInput.displayName(labelsPath)):\(label.line)" }
            if casePaths.isEmpty && EvalCommand.isJSONLines(labelsPath) { casePaths = [labelsPath] }
        }
        // Overrides: the person's situation is the label; a later override of a case wins.
        var loggedTexts: [String: SupportCase] = [:]
        if let logPath = args.value("log") {
            let overrides = try readOverrides(logPath, allowBroken: args.has("allow-broken-log"), env)
            for o in overrides {
                labels.replace(EvalLabel(caseId: o.caseId, first: o.situation, peak: o.situation, line: o.seq))
                labelSource[o.caseId] = "\(FileInput.displayName(logPath)) seq \(o.seq)"
                if let text = o.text { loggedTexts[o.caseId] = SupportCase.quick(id: o.caseId, text: text) }
            }
        }
        try CaseInput.checkInputs(casePaths, env)

        let classifier = Classifier(rules: loaded.rules, textLimit: limit.messageBytes)
        var cases: [SuggestionCase] = []
        var seen = Set<String>()
        func take(_ c: SupportCase) {
            guard seen.insert(c.id).inserted, let label = labels[c.id], split == nil || EvalSplit.of(c.id) == split else { return }
            if let sc = SuggestionCase(c, expected: label.expected(mode), source: labelSource[c.id] ?? "", mode: mode, classifier: classifier) { cases.append(sc) }
        }
        let input = CaseInput(csv: csv, batchSize: 1024, limit: limit)
        let skipped = try input.readCases(casePaths, forced: inputFormat, env, each: take)
        for (id, c) in loggedTexts.sorted(by: { $0.key < $1.key }) where !seen.contains(id) { take(c) }

        let suggestions = RulesSuggester(rules: loaded.rules, options: options).suggest(cases)
        switch format {
        case .text: env.stdout.write(SuggestionText.render(suggestions, cases: cases.count, rules: loaded.rules, style: env.style()))
        case .json: env.stdout.write(JSONWriter.writePretty(SuggestionText.json(suggestions, cases: cases.count)) + "\n")
        }
        if skipped > 0 {
            env.report(CaseInput.skippedMessage(skipped))
            return .dataError
        }
        return .success
    }

    /// An override found in an audit log.
    struct LoggedOverride {
        var seq: Int
        var caseId: String
        var situation: Situation
        var text: String?
    }

    /// The overrides of a log, in order. A log whose chain does not verify is refused unless allowed.
    static func readOverrides(_ path: String, allowBroken: Bool, _ env: CLIEnvironment) throws(CLIError) -> [LoggedOverride] {
        let display = FileInput.displayName(path)
        let full = env.resolve(path)
        try CaseInput.checkInputs([path], env)
        let report: AuditReport
        do { report = try AuditLogFile.verify(path: full) } catch { throw .cannotRead(path: display, reason: "\(error)") }
        if let problem = report.problem, !allowBroken {
            throw .badInput(file: display, line: problem.line, field: nil,
                            message: "the audit log does not verify (\(problem.kind.rawValue)); check it with 'relief audit verify \(display)', or give --allow-broken-log")
        }
        var overrides: [LoggedOverride] = []
        try AuditCommand.entries(display, full) { entry in
            guard case .object(let o)? = entry.body["override"], case .string(let name)? = o["situation"],
                  let situation = Situation(rawValue: name), case .string(let caseId)? = entry.body["caseId"] else { return }
            var text: String?
            if case .string(let t)? = entry.body["text"] { text = t }
            overrides.append(LoggedOverride(seq: entry.seq, caseId: caseId, situation: situation, text: text))
        }
        return overrides
    }
}
