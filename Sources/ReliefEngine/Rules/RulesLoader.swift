import Foundation

/// Loads a rules file into its compiled `RuleSet`, or lists everything wrong with it.
///
/// Every problem is collected with its line and column, so an author fixes a file in one pass.
public enum RulesLoader {
    /// The newest rules format this build reads.
    public static let supportedFormat = 1

    public struct Outcome: Sendable {
        /// The compiled rules; nil when any problem is an error.
        public var rules: RuleSet?
        /// Errors and warnings, in file order.
        public var problems: [RulesProblem]

        public var errors: [RulesProblem] { problems.filter { $0.severity == .error } }
    }

    static let topLevelKeys = [
        "format", "name", "version", "defaultLanguage", "languages", "negationWindow", "negatedTermWindow", "postNegationWindow",
        "proximityWindow", "owners", "signals",
        "precedence", "fallback", "situations", "expectations", "hitPolicy", "responses",
    ]

    public static func load(_ text: String) -> Outcome {
        let root: JSONNode
        do {
            root = try JSONParser.parse(text)
        } catch {
            return Outcome(rules: nil, problems: [RulesProblem(.syntax(error.message), at: error.position, field: "")])
        }
        var d = RulesDecoding()
        let rules = compile(root, &d)
        var problems = d.problems
        if let rules { problems += RulesLinter.lint(rules) }
        problems.sort { ($0.position ?? SourcePosition(line: Int.max, column: 0)) < ($1.position ?? SourcePosition(line: Int.max, column: 0)) }
        let hasErrors = problems.contains { $0.severity == .error }
        return Outcome(rules: hasErrors ? nil : rules, problems: problems)
    }

    /// The whole file, section by section (each in its own file, `RulesLoader+Section`), then
    /// the rule set assembled from them; nil when anything is an error.
    private static func compile(_ root: JSONNode, _ d: inout RulesDecoding) -> RuleSet? {
        guard let top = d.object(root, "", allowed: topLevelKeys) else { return nil }
        let here = root.position

        var format = supportedFormat
        if let node = d.required(top, "format", "", at: here), let n = d.number(node, "format") {
            if n != n.rounded() || n < 1 {
                d.report(.badValue(key: "format", expected: "a whole number such as 1"), node.position, "format")
            } else if n > Double(supportedFormat) {
                d.report(.unsupportedFormat(found: Int(min(n, 1e9)), supported: supportedFormat), node.position, "format")
                return nil
            } else {
                format = Int(n)
            }
        }
        let name = d.required(top, "name", "", at: here).flatMap { d.string($0, "name") }
        let version = d.required(top, "version", "", at: here).flatMap { d.string($0, "version") }

        let languages = compileLanguages(top, at: here, &d)
        var defaultLanguage = 0
        if let node = d.required(top, "defaultLanguage", "", at: here), let code = d.string(node, "defaultLanguage") {
            if let index = d.languages.firstIndex(of: code.lowercased()) {
                defaultLanguage = index
            } else if !d.languages.isEmpty {
                d.report(.unknownReference(kind: "language", name: code, suggestion: closestMatch(to: code, in: d.languages)), node.position, "defaultLanguage")
            }
        }
        let negationWindow = d.wholeNumber(top, "negationWindow", in: 0...5, default: 2)
        let negatedTermWindow = d.wholeNumber(top, "negatedTermWindow", in: 1...8, default: 5)
        let postNegationWindow = d.wholeNumber(top, "postNegationWindow", in: 0...5, default: 2)
        let proximityWindow = d.wholeNumber(top, "proximityWindow", in: 1...10, default: 4)

        var owners: [String: LocalizedText] = [:]
        if let node = d.required(top, "owners", "", at: here), let members = d.object(node, "owners", allowed: nil) {
            if members.isEmpty { d.report(.empty("'owners'"), node.position, "owners") }
            for member in members {
                if let text = d.localizedText(member.value, "owners." + member.key) { owners[member.key] = text }
            }
        }

        let lexicon = compileSignals(top, at: here, languages, &d)
        let references = SignalReferences(lexicon.signals)
        let precedence = compilePrecedence(top, at: here, &d)
        let fallback = d.required(top, "fallback", "", at: here).flatMap { d.enumName($0, "fallback", kind: "situation", as: Situation.self) }
        let situations = compileSituations(top, at: here, references, &d)
        let expectations = compileExpectations(top, at: here, references, &d)
        let hitPolicy = d.required(top, "hitPolicy", "", at: here).flatMap { d.enumName($0, "hitPolicy", kind: "hit policy", as: HitPolicy.self) }
        let responses = compileResponses(top, at: here, owners: owners, references, &d)

        guard d.problems.allSatisfy({ $0.severity != .error }),
              let name, let version, let fallback, let hitPolicy,
              situations.count == Situation.allCases.count, expectations.count == Expectation.allCases.count
        else { return nil }

        var cells: [Cell: [Int]] = [:]
        for (index, response) in responses.enumerated() { cells[response.cell, default: []].append(index) }
        if hitPolicy == .mostSpecific {
            for (cell, indexes) in cells {
                // Stable: more conditions first, then file order.
                cells[cell] = indexes.enumerated().sorted { a, b in
                    let sa = responses[a.element].specificity, sb = responses[b.element].specificity
                    return sa != sb ? sa > sb : a.offset < b.offset
                }.map(\.element)
            }
        }

        return RuleSet(
            format: format, name: name, version: version, languages: d.languages,
            defaultLanguage: defaultLanguage, languageLetters: languages.letters, owners: owners,
            signals: lexicon.signals,
            matcher: TermMatcher(terms: lexicon.terms, languages: languages.words, windows: TermMatcher.Windows(
                negation: negationWindow, negatedTerm: negatedTermWindow, postNegation: postNegationWindow, proximity: proximityWindow)),
            termSignal: lexicon.termSignal, termLanguage: lexicon.termLanguage, termIsException: lexicon.termIsException,
            termIsLatinSpelling: lexicon.termIsLatinSpelling,
            precedence: precedence, fallback: fallback,
            situations: situations, expectations: expectations, hitPolicy: hitPolicy, responses: responses, cells: cells)
    }

    /// Whether `id` may name a signal, response or rule: lower-case ASCII letters, digits and '-'.
    public static func isValidId(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first.isASCII, first.properties.isLowercase || ("0"..."9").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isLowercase || ("0"..."9").contains($0) || $0 == "-") }
    }

    /// One letter and the ways people type it instead: `"ü": "y"`, `"я": ["ya", "ja", "ia"]`.
    struct InformalSpelling {
        var written: [String]
        /// The letter, lower-case, as one scalar: terms are compared scalar by scalar, because
        /// comparing `Character`s normalizes and compiling thousands of terms felt it.
        var scalar: Unicode.Scalar

        init(letter: Character, written: [String]) {
            self.written = written
            scalar = String(letter).lowercased().unicodeScalars.first!
        }
    }

    /// The most informal spellings one term gets: a Russian word typed in Latin letters can be
    /// spelled many ways ("пожалуйста": "pozhaluysta", "pozhalujsta", "pozaluista"...), and the
    /// commonest come first, so the cap keeps the lexicon's size linear in its terms.
    static let maxInformalVariants = 12

    /// `source` typed informally: every letter of `spellings` typed each way it is typed, the
    /// first ways first, at most `maxInformalVariants`; none when no letter has another spelling.
    static func informalVariants(of source: String, _ spellings: [InformalSpelling]) -> [String] {
        guard !spellings.isEmpty else { return [] }
        var results = [""]
        var changed = false
        for scalar in source.unicodeScalars {
            // Terms are mostly lower-case ASCII or Cyrillic already; only other letters are asked.
            let v = scalar.value
            let isUpper = !((0x61...0x7A).contains(v) || (0x430...0x45F).contains(v) || v < 0x41) && scalar.properties.isUppercase
            let lower = isUpper ? (scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar) : scalar
            guard let spelling = spellings.first(where: { $0.scalar == lower }) else {
                for k in results.indices { results[k].unicodeScalars.append(scalar) }
                continue
            }
            changed = true
            var next: [String] = []
            for prefix in results {
                for way in spelling.written where next.count < maxInformalVariants { next.append(prefix + (isUpper ? way.uppercased() : way)) }
            }
            results = next
        }
        return changed ? results : []
    }

    static func describe(_ problem: Term.ParseProblem) -> String {
        switch problem {
        case .empty: return "is empty"
        case .starOnly: return "is only a '*'; a prefix needs at least one letter before the star"
        case .starInsideWord(let w): return "has a '*' inside '\(w)'; a star may only end a word"
        case .noLetters(let w): return "has no letters or digits in '\(w)'"
        case .misplacedAny: return "uses '_' (any word) where it cannot stand; '_' may follow a word in a phrase, as in \"cant _\", but cannot start a term or be part of an '&' term"
        case .badProximity: return "is not a proximity term of the form \"word & word\": each side of '&' must be one word or prefix, and '~' cannot be combined with '&'"
        }
    }
}
