import Foundation
import ReliefEngine

/// `relief rules learn`: weights for a `weighted` signal, learned from labelled cases and
/// printed as a signal to paste into the rules file.
enum LearnCommand {
    static let spec = CommandSpec(
        name: "relief rules learn",
        abstract: "Learn a weighted signal from labelled cases: which words, together, tell of a situation.",
        arguments: [
            .init(name: "labels", help: "Labels as relief eval reads them (TSV, or JSON Lines cases with 'expect').", optional: false),
            .init(name: "cases", help: "Case files (JSON Lines or CSV exports) holding the labelled cases' texts. Without them, the labels file must hold the cases.", optional: true, variadic: true),
        ],
        options: [
            .value("labels", "file", "More labels, read with the first (a set in another file: English beside Estonian); give its cases too.", repeatable: true),
            .value("situation", "name", "The situation the words tell of (default: crisis)."),
            .flag("first", "Learn from the customer's first message (default)."),
            .flag("peak", "Learn from every customer message of a case, against its peak label."),
            .value("split", "part", "Learn only from the tune or the check part of the labels (learn on tune; measure on check)."),
            .value("id", "id", "The signal's id (default: SITUATION-words)."),
            .value("lang", "code", "The language the words are listed under (default: the rules' default language)."),
            .value("at-least", "likelihood", "The likelihood, between 0 and 1, at which the signal holds (default: 0.7)."),
            .value("strength", "number", "How strongly the cases outweigh the penalty on weights; larger keeps more words (default: 0.5)."),
            .value("rules", "file", "The rules file whose languages the signal is written for (default: $RELIEF_RULES, else the embedded default rules)."),
        ] + CSVOptions.specOptions + [TextLimit.option],
        discussion: """
        A logistic regression with an L1 penalty over the folded words of each case, cut to their first six
        letters, so that most words get no weight and the rest can be read and argued with. The same cases
        give the same weights. Measure the signal with relief eval on the part it did not learn from.
        Exit status: 0 success, 1 no labelled case was read or nothing could be learned (no word weighs, or
        the signal would hold for every case), 64 usage error, 65 bad labels or unreadable lines, 66 a file
        is missing.
        """)

    static func run(_ arguments: [String], _ env: CLIEnvironment) throws(CLIError) -> ExitCode {
        let args = try ParsedArguments.parse(arguments, spec: spec)
        if args.has("help") { env.stdout.write(spec.help); return .success }
        func usage(_ m: String) -> CLIError { .usage(m, command: spec.name) }
        if args.has("first") && args.has("peak") { throw usage("give either --first or --peak, not both") }
        let mode: EvalMode = args.has("peak") ? .peak : .first
        let situation: Situation = try args.choice("situation", command: spec.name) ?? .crisis
        let split: EvalSplit? = try args.choice("split", command: spec.name)
        let id = args.value("id") ?? situation.rawValue + "-words"
        guard RulesLoader.isValidId(id) else {
            throw usage("--id must be lower-case letters, digits and '-', starting with a letter or digit, found '\(id)'")
        }
        var atLeast = 0.7
        if let text = args.value("at-least") {
            guard let value = Double(text), value > 0, value < 1 else { throw usage("--at-least must be a likelihood between 0 and 1 (exclusive), found '\(text)'") }
            atLeast = value
        }
        var options = WeightLearner.Options()
        if let text = args.value("strength") {
            guard let value = Double(text), value > 0, value.isFinite else { throw usage("--strength must be a positive number, found '\(text)'") }
            options.strength = value
        }
        let (csv, inputFormat) = try CSVOptions.parse(args, env, command: spec.name)
        let limit = try TextLimit.parse(args, command: spec.name)
        let loaded = try LoadedRules.load(option: args.value("rules"), env)
        let language = args.value("lang") ?? loaded.rules.languages[loaded.rules.defaultLanguage]
        guard loaded.rules.languageIndex(language) != nil else {
            throw usage("the rules do not speak '\(language)'; expected one of " + loaded.rules.languages.joined(separator: ", "))
        }

        let labelsPath = args.positionals[0]
        var casePaths = Array(args.positionals.dropFirst())
        if casePaths.isEmpty { casePaths = [labelsPath] }
        let morePaths = args.all("labels")
        try CaseInput.checkInputs([labelsPath] + morePaths + casePaths, env)
        var labels = try EvalCommand.readLabels(labelsPath, env)
        for path in morePaths {
            for label in try EvalCommand.readLabels(path, env).labels {
                guard labels[label.caseId] == nil else {
                    throw .badInput(file: FileInput.displayName(path), line: label.line, field: "id", message: "case '\(label.caseId)' is labelled in an earlier labels file too")
                }
                labels.replace(label)
            }
        }

        var examples: [(text: String, positive: Bool)] = []
        var seen = Set<String>()
        let input = CaseInput(csv: csv, batchSize: 1024, limit: limit)
        let skipped = try input.readCases(casePaths, forced: inputFormat, env) { c in
            guard seen.insert(c.id).inserted, let label = labels[c.id], split == nil || EvalSplit.of(c.id) == split else { return }
            examples.append((customerText(c, mode: mode), label.expected(mode) == situation))
        }
        guard !examples.isEmpty else {
            env.report(Diagnostic(message: "no labelled case was read: check that the labels' ids are in the case files"))
            return .problemsFound
        }
        let learned = WeightLearner(options: options).learn(examples)
        if let problem = WeightedWordsSnippet.problem(learned, situation: situation, atLeast: atLeast) {
            env.report(Diagnostic(message: problem))
            return .problemsFound
        }
        if !learned.converged {
            env.report(Diagnostic(.warning, message: "learning stopped after \(learned.iterations) steps before the weights settled; the words are usable but not the best these cases give"))
        }
        if loaded.rules.signalIndex(id) != nil {
            env.report(Diagnostic(.warning, message: "the rules already have a signal '\(id)': paste this one in its place, or give --id another name"))
        }
        env.stdout.write(WeightedWordsSnippet.render(learned, id: id, situation: situation, language: language, atLeast: atLeast, arguments: arguments))
        if skipped > 0 {
            env.report(CaseInput.skippedMessage(skipped))
            return .dataError
        }
        return .success
    }

    /// What the customer wrote that the signal would read: the subject and the first message,
    /// or every customer message for the peak.
    static func customerText(_ c: SupportCase, mode: EvalMode) -> String {
        var parts: [String] = c.subject.map { [$0] } ?? []
        for event in c.events {
            guard case .message(from: .customer, let text, _, _) = event.kind else { continue }
            parts.append(text)
            if mode == .first { break }
        }
        return parts.joined(separator: "\n")
    }
}
