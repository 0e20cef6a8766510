extension RulesLoader {
    /// The signals and, for the text detectors, every term in one table for the matcher: the
    /// signal, language and role (term or exception) of each term by its index.
    struct Lexicon {
        var signals: [Signal] = []
        var terms: [Term] = []
        var termSignal: [Int] = []
        var termLanguage: [Int] = []
        var termIsException: [Bool] = []
        var termIsLatinSpelling: [Bool] = []
    }

    /// The `signals` section: ids, detectors, terms (with their informal spellings) and examples.
    static func compileSignals(_ top: [JSONMember], at here: SourcePosition, _ languages: Languages, _ d: inout RulesDecoding) -> Lexicon {
        let languageWords = languages.words
        let informalSpellings = languages.informalSpellings
        let latinSpellings = languages.latinSpellings
        let negatorSets = languageWords.map { Set($0.negators) }
        var signals: [Signal] = []
        var terms: [Term] = []
        var termSignal: [Int] = []
        var termLanguage: [Int] = []
        var termIsException: [Bool] = []
        var termIsLatinSpelling: [Bool] = []
        var signalIds: [String: SourcePosition] = [:]
        var exampleNodes: [(Int, JSONNode, String)] = []
        var likelihoods: [(signal: Int, position: SourcePosition, path: String)] = []
        if let node = d.required(top, "signals", "", at: here), let items = d.array(node, "signals", nonEmpty: true) {
            for (index, item) in items.enumerated() {
                let path = "signals[\(index)]"
                guard let fields = d.object(item, path, allowed: ["id", "about", "text", "except", "field", "history", "weighted", "examples", "negation"]) else { continue }
                guard let idNode = d.required(fields, "id", path, at: item.position), let id = d.string(idNode, path + ".id") else { continue }
                if !isValidId(id) {
                    d.report(.badValue(key: "id", expected: "lower-case letters, digits and '-', starting with a letter or digit"), idNode.position, path + ".id")
                }
                if let first = signalIds[id] {
                    d.report(.duplicateId(kind: "signal", id: id, first: first), idNode.position, path + ".id")
                    continue
                }
                signalIds[id] = idNode.position
                let about = d.member(fields, "about").flatMap { d.string($0, path + ".about") } ?? ""
                let negation = d.member(fields, "negation").flatMap { d.bool($0, path + ".negation") } ?? true
                let detectors = ["text", "field", "history", "weighted"].filter { d.member(fields, $0) != nil }
                if let exceptNode = d.member(fields, "except"), detectors != ["text"] {
                    d.report(.badValue(key: "except", expected: "terms beside a 'text' detector; a weighted, field or history signal takes no exceptions"), exceptNode.position, path + ".except")
                }
                if detectors.count != 1 {
                    d.report(.detectorCount(detectors.count), item.position, path)
                    continue
                }
                let signalIndex = signals.count
                var seenTerms: [FoldedKey: SourcePosition] = [:]
                /// Compiles one term as written, as typed informally, or both; returns the
                /// matcher indexes it was given (none when it is a duplicate or does not parse).
                func compile(_ source: String, at position: SourcePosition, _ language: Int, _ key: String, negation: Bool, _ termPath: String, spellings: Spellings = .both) -> [Int] {
                    var added: [Int] = []
                    let informal = spellings == .asWritten ? [] : Self.informalVariants(of: source, informalSpellings[language])
                    let latin = spellings == .asWritten ? [] : Self.informalVariants(of: source, latinSpellings[language])
                    let written = spellings == .informal ? [] : [source]
                    for (variant, spelling) in (written + informal + latin).enumerated() {
                        let variant = spellings == .informal ? variant + 1 : variant
                        let isLatin = variant >= 1 + informal.count
                        switch Term.parseTerm(spelling) {
                        case .success(let parsed):
                            let spelled = parsed.words.map { $0.isAny ? "_" : $0.text + ($0.isPrefix ? "*" : "") }
                            let termKey = FoldedKey(key + ":" + (parsed.requiresNegation ? "~" : "") + spelled.joined(separator: parsed.isProximity ? " & " : " "))
                            if let first = seenTerms[termKey] {
                                if key == "weighted" {
                                    d.report(.repeatedWeight(word: source, signal: id, first: first, spelled: variant == 0 ? nil : spelling), position, termPath)
                                } else if variant == 0 {
                                    d.report(.duplicateTerm(term: source, signal: id, first: first), position, termPath)
                                }
                                continue
                            }
                            seenTerms[termKey] = position
                            let isNegator = { (w: TermWord) in negatorSets[language].contains(w.text) }
                            let negatable = negation && !parsed.requiresNegation
                                && (parsed.isProximity ? !parsed.words.contains(where: isNegator) : parsed.words.count == 1 && !isNegator(parsed.words[0]))
                            added.append(terms.count)
                            terms.append(Term(
                                source: source, words: parsed.words, negatable: negatable, requiresNegation: parsed.requiresNegation,
                                isProximity: parsed.isProximity, language: language))
                            termSignal.append(signalIndex)
                            termLanguage.append(language)
                            termIsException.append(key == "except")
                            termIsLatinSpelling.append(isLatin)
                        case .failure(let problem):
                            if variant == 0 { d.report(.badTerm(term: source, reason: describe(problem)), position, termPath) }
                        }
                    }
                    return added
                }
                var detector: Signal.Detector?
                switch detectors[0] {
                case "text":
                    var indexes: [Int] = []
                    var lists: [(key: String, language: Int, path: String, terms: [(String, SourcePosition)])] = []
                    for key in ["text", "except"] {
                        guard let textNode = d.member(fields, key) else { continue }
                        guard let languageMembers = d.object(textNode, path + "." + key, allowed: d.languages) else { continue }
                        for member in languageMembers {
                            guard let language = d.languages.firstIndex(of: member.key) else { continue }
                            let listPath = "\(path).\(key).\(member.key)"
                            guard let list = d.stringList(member.value, listPath) else { continue }
                            if list.isEmpty { d.report(.empty("the '\(member.key)' term list"), member.value.position, listPath) }
                            lists.append((key, language, listPath, list))
                        }
                        if languageMembers.isEmpty { d.report(.empty("the term list"), textNode.position, path + "." + key) }
                    }
                    // Every term as written first, then the informal spellings: a Russian term
                    // typed in Latin letters that spells a term of another language ("проблем*"
                    // as "problem*") is left to that term, which that language's negators cancel.
                    for spellings in [Spellings.asWritten, .informal] {
                        for list in lists {
                            for (termIndex, (source, position)) in list.terms.enumerated() {
                                let added = compile(source, at: position, list.language, list.key, negation: negation, "\(list.path)[\(termIndex)]", spellings: spellings)
                                if list.key == "text" { indexes += added }
                            }
                        }
                    }
                    detector = .text(terms: indexes)
                case "weighted":
                    let first = terms.count
                    let decoded = decodeWeighted(d.member(fields, "weighted")!, path + ".weighted", &d)
                    var words = WeightedWords(terms: 0..<0, wordOfTerm: [], words: [], weights: [], bias: decoded.bias ?? 0, atLeast: decoded.atLeast ?? 0.5)
                    for entry in decoded.entries {
                        let count = compile(entry.word, at: entry.position, entry.language, "weighted", negation: false, entry.path).count
                        guard count > 0 else { continue }
                        words.wordOfTerm += Array(repeating: words.words.count, count: count)
                        words.words.append(entry.word)
                        words.weights.append(entry.weight)
                    }
                    words.terms = first..<terms.count
                    if decoded.bias != nil && decoded.atLeast != nil {
                        if words.holdsWithoutWords {
                            d.report(.weightedWithoutWords(signal: id, bias: words.bias, threshold: words.threshold), d.member(fields, "weighted")!.position, path + ".weighted.bias")
                        }
                        detector = .weighted(words)
                    }
                case "field":
                    let fieldNode = d.member(fields, "field")!
                    detector = decodeField(fieldNode, path + ".field", &d).map(Signal.Detector.field)
                    if case .field(let test) = detector, case .likelihood = test.path {
                        let pathNode = fieldNode["path"] ?? fieldNode
                        likelihoods.append((signalIndex, pathNode.position, path + ".field.path"))
                    }
                default:
                    detector = decodeHistory(d.member(fields, "history")!, path + ".history", &d).map(Signal.Detector.history)
                }
                guard let detector else { continue }
                signals.append(Signal(id: id, about: about, detector: detector, examples: SignalExamples(), position: idNode.position))
                if let examples = d.member(fields, "examples") { exampleNodes.append((signalIndex, examples, path + ".examples")) }
            }
        }
        for (signalIndex, node, path) in exampleNodes {
            signals[signalIndex].examples = decodeExamples(node, path, &d)
        }
        resolveLikelihoods(likelihoods, in: &signals, &d)
        return Lexicon(
            signals: signals, terms: terms, termSignal: termSignal, termLanguage: termLanguage, termIsException: termIsException,
            termIsLatinSpelling: termIsLatinSpelling)
    }

    /// Points each `likelihood.ID` field at the weighted signal it names, which may be defined
    /// later in the file; a field naming no signal, or one that weighs no words, is an error.
    private static func resolveLikelihoods(_ pending: [(signal: Int, position: SourcePosition, path: String)], in signals: inout [Signal], _ d: inout RulesDecoding) {
        let indexById = Dictionary(signals.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, position, path) in pending {
            guard case .field(var test) = signals[index].detector, case .likelihood(let id, _) = test.path else { continue }
            guard let target = indexById[id] else {
                let weighted = signals.filter { if case .weighted = $0.detector { return true } else { return false } }.map(\.id)
                d.report(.unknownReference(kind: "weighted signal", name: id, suggestion: closestMatch(to: id, in: weighted)), position, path)
                continue
            }
            guard case .weighted = signals[target].detector else {
                d.report(.badValue(key: "path", expected: "likelihood.ID of a signal that weighs words; '\(id)' is not a weighted signal"), position, path)
                continue
            }
            test.path = .likelihood(of: id, signal: target)
            signals[index].detector = .field(test)
        }
    }

    /// Which spellings of a term to compile: the informal ones come after every term of the
    /// signal as written, so a term of one language is never shadowed by another's spelling.
    enum Spellings { case asWritten, informal, both }

    /// One weighted word as written: `"pension*": 1.8` under a language.
    struct WeightedEntry {
        var word: String
        var weight: Double
        var language: Int
        var position: SourcePosition
        var path: String
    }

    /// `weighted: { bias: -4.2, atLeast: 0.6, words: { et: { "pension*": 1.8, ... } } }`: the
    /// numbers, checked, and the words with their weights, in the order written.
    static func decodeWeighted(_ node: JSONNode, _ path: String, _ d: inout RulesDecoding) -> (bias: Double?, atLeast: Double?, entries: [WeightedEntry]) {
        guard let fields = d.object(node, path, allowed: ["bias", "atLeast", "words"]) else { return (nil, nil, []) }
        let bias = d.required(fields, "bias", path, at: node.position).flatMap { d.number($0, path + ".bias") }
        var atLeast = d.required(fields, "atLeast", path, at: node.position).flatMap { d.number($0, path + ".atLeast") }
        if let value = atLeast, !(value > 0 && value < 1) {
            d.report(.badValue(key: "atLeast", expected: "a likelihood between 0 and 1, such as 0.6"), d.member(fields, "atLeast")!.position, path + ".atLeast")
            atLeast = nil
        }
        var entries: [WeightedEntry] = []
        if let wordsNode = d.required(fields, "words", path, at: node.position),
            let languageMembers = d.object(wordsNode, path + ".words", allowed: d.languages)
        {
            for member in languageMembers {
                guard let language = d.languages.firstIndex(of: member.key) else { continue }
                let listPath = "\(path).words.\(member.key)"
                guard let list = d.object(member.value, listPath, allowed: nil) else { continue }
                if list.isEmpty { d.report(.empty("the '\(member.key)' word list"), member.value.position, listPath) }
                for entry in list {
                    let entryPath = "\(listPath).\(entry.key)"
                    guard let weight = d.number(entry.value, entryPath) else { continue }
                    entries.append(WeightedEntry(word: entry.key, weight: weight, language: language, position: entry.value.position, path: entryPath))
                }
            }
            if languageMembers.isEmpty { d.report(.empty("the word list"), wordsNode.position, path + ".words") }
        }
        return (bias, atLeast, entries)
    }
}
