extension RulesLoader {
    /// The signals and, for the text detectors, every term in one table for the matcher: the
    /// signal, language and role (term or exception) of each term by its index.
    struct Lexicon {
        var signals: [Signal] = []
        var terms: [Term] = []
        var termSignal: [Int] = []
        var termLanguage: [Int] = []
        var termIsException: [Bool] = []
    }

    /// The `signals` section: ids, detectors, terms (with their informal spellings) and examples.
    static func compileSignals(_ top: [JSONMember], at here: SourcePosition, _ languages: Languages, _ d: inout RulesDecoding) -> Lexicon {
        let languageWords = languages.words
        let informalSpellings = languages.informalSpellings
        var signals: [Signal] = []
        var terms: [Term] = []
        var termSignal: [Int] = []
        var termLanguage: [Int] = []
        var termIsException: [Bool] = []
        var signalIds: [String: SourcePosition] = [:]
        var exampleNodes: [(Int, JSONNode, String)] = []
        if let node = d.required(top, "signals", "", at: here), let items = d.array(node, "signals", nonEmpty: true) {
            for (index, item) in items.enumerated() {
                let path = "signals[\(index)]"
                guard let fields = d.object(item, path, allowed: ["id", "about", "text", "except", "field", "history", "examples", "negation"]) else { continue }
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
                let detectors = ["text", "field", "history"].filter { d.member(fields, $0) != nil }
                if let exceptNode = d.member(fields, "except"), detectors != ["text"] {
                    d.report(.badValue(key: "except", expected: "terms beside a 'text' detector; field and history signals have no words to except"), exceptNode.position, path + ".except")
                }
                if detectors.count != 1 {
                    d.report(.detectorCount(detectors.count), item.position, path)
                    continue
                }
                let signalIndex = signals.count
                var detector: Signal.Detector?
                switch detectors[0] {
                case "text":
                    var indexes: [Int] = []
                    var seenTerms: [String: SourcePosition] = [:]
                    for key in ["text", "except"] {
                        guard let textNode = d.member(fields, key) else { continue }
                        guard let languageMembers = d.object(textNode, path + "." + key, allowed: d.languages) else { continue }
                        for member in languageMembers {
                            guard let language = d.languages.firstIndex(of: member.key) else { continue }
                            let listPath = "\(path).\(key).\(member.key)"
                            guard let list = d.stringList(member.value, listPath) else { continue }
                            if list.isEmpty { d.report(.empty("the '\(member.key)' term list"), member.value.position, listPath) }
                            for (termIndex, (source, position)) in list.enumerated() {
                                // The term as written, and as people type it informally, both under the term's name.
                                let informal = Self.informalVariant(of: source, informalSpellings[language])
                                for (variant, spelling) in ([source] + (informal.map { [$0] } ?? [])).enumerated() {
                                    switch Term.parseTerm(spelling) {
                                    case .success(let parsed):
                                        let spelled = parsed.words.map { $0.isAny ? "_" : $0.text + ($0.isPrefix ? "*" : "") }
                                        let termKey = key + ":" + (parsed.requiresNegation ? "~" : "") + spelled.joined(separator: parsed.isProximity ? " & " : " ")
                                        if let first = seenTerms[termKey] {
                                            if variant == 0 { d.report(.duplicateTerm(term: source, signal: id, first: first), position, "\(listPath)[\(termIndex)]") }
                                            continue
                                        }
                                        seenTerms[termKey] = position
                                        let isNegator = { (w: TermWord) in languageWords[language].negators.contains(w.text) }
                                        let negatable = negation && !parsed.requiresNegation
                                            && (parsed.isProximity ? !parsed.words.contains(where: isNegator) : parsed.words.count == 1 && !isNegator(parsed.words[0]))
                                        if key == "text" { indexes.append(terms.count) }
                                        terms.append(Term(
                                            source: source, words: parsed.words, negatable: negatable, requiresNegation: parsed.requiresNegation,
                                            isProximity: parsed.isProximity, language: language))
                                        termSignal.append(signalIndex)
                                        termLanguage.append(language)
                                        termIsException.append(key == "except")
                                    case .failure(let problem):
                                        if variant == 0 { d.report(.badTerm(term: source, reason: describe(problem)), position, "\(listPath)[\(termIndex)]") }
                                    }
                                }
                            }
                        }
                        if languageMembers.isEmpty { d.report(.empty("the term list"), textNode.position, path + "." + key) }
                    }
                    detector = .text(terms: indexes)
                case "field":
                    detector = decodeField(d.member(fields, "field")!, path + ".field", &d).map(Signal.Detector.field)
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
        return Lexicon(signals: signals, terms: terms, termSignal: termSignal, termLanguage: termLanguage, termIsException: termIsException)
    }
}
