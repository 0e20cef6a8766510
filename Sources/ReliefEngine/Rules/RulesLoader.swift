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

        // Languages come first: every localized text is checked against them.
        var languageLetters: [Set<Unicode.Scalar>] = []
        var languageWords: [TermMatcher.LanguageWords] = []
        // Per language: letters people often type another way ("y" for "ü" in quick Estonian).
        var informalSpellings: [[(letter: Character, written: String)]] = []
        if let node = d.required(top, "languages", "", at: here), let members = d.object(node, "languages", allowed: nil) {
            if members.isEmpty { d.report(.empty("'languages'"), node.position, "languages") }
            for member in members {
                let path = "languages." + member.key
                let code = member.key.lowercased()
                guard code.count >= 2, code.allSatisfy({ $0.isLetter || $0 == "-" }) else {
                    d.report(.badValue(key: member.key, expected: "a language code such as et or en"), member.keyPosition, path)
                    continue
                }
                d.languages.append(code)
                var languageNegators: [String] = []
                var languagePostNegators: [[String]] = []
                var languageMarkers: [String] = []
                var letters = Set<Unicode.Scalar>()
                var spellings: [(letter: Character, written: String)] = []
                if let fields = d.object(member.value, path, allowed: ["negators", "postNegators", "markers", "letters", "informalSpellings"]) {
                    if let node = d.member(fields, "informalSpellings"), let pairs = d.object(node, path + ".informalSpellings", allowed: nil) {
                        for pair in pairs {
                            let field = "\(path).informalSpellings.\(pair.key)"
                            guard pair.key.count == 1, let letter = pair.key.first, let written = d.string(pair.value, field), !written.isEmpty else {
                                d.report(.badValue(key: pair.key, expected: "one letter mapped to how it is typed, such as \"ü\": \"y\""), pair.keyPosition, field)
                                continue
                            }
                            spellings.append((letter, written))
                        }
                    }
                    if let list = d.member(fields, "negators").flatMap({ d.stringList($0, path + ".negators") }) {
                        languageNegators = list.flatMap { TextFolding.fold($0.0).split(separator: " ").map(String.init) }
                    }
                    if let list = d.member(fields, "postNegators").flatMap({ d.stringList($0, path + ".postNegators") }) {
                        for (i, (text, position)) in list.enumerated() {
                            let words = TextFolding.fold(text).split(separator: " ").map(String.init)
                            if words.isEmpty || words.count > 3 {
                                d.report(.badValue(key: "postNegators", expected: "one to three words, such as \"pole\" or \"ei ole\""), position, "\(path).postNegators[\(i)]")
                            } else {
                                languagePostNegators.append(words)
                            }
                        }
                    }
                    if let list = d.member(fields, "markers").flatMap({ d.stringList($0, path + ".markers") }) {
                        languageMarkers = list.flatMap { TextFolding.fold($0.0).split(separator: " ").map(String.init) }
                    }
                    if let s = d.member(fields, "letters").flatMap({ d.string($0, path + ".letters") }) {
                        for scalar in s.unicodeScalars where !scalar.properties.isWhitespace {
                            letters.insert(scalar)
                            letters.formUnion(String(scalar).uppercased().unicodeScalars)
                        }
                    }
                }
                languageWords.append(TermMatcher.LanguageWords(negators: languageNegators, postNegators: languagePostNegators, markers: languageMarkers))
                languageLetters.append(letters)
                informalSpellings.append(spellings)
            }
        }
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

        // Signals.
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
        let signalNames = signals.map(\.id)
        for (signalIndex, node, path) in exampleNodes {
            signals[signalIndex].examples = decodeExamples(node, path, &d)
        }

        func signalRef(_ node: JSONNode, _ path: String) -> Int? {
            guard let id = d.string(node, path) else { return nil }
            if let index = signalNames.firstIndex(of: id) { return index }
            d.report(.unknownReference(kind: "signal", name: id, suggestion: closestMatch(to: id, in: signalNames)), node.position, path)
            return nil
        }

        func condition(_ node: JSONNode, _ path: String, depth: Int = 0) -> Condition? {
            if node.stringValue != nil { return signalRef(node, path).map(Condition.signal) }
            guard depth < 32, let members = d.object(node, path, allowed: ["all", "any", "not"]) else {
                if depth >= 32 { d.report(.badValue(key: "when", expected: "nested at most 32 levels"), node.position, path) }
                return nil
            }
            guard members.count == 1, let only = members.first, ["all", "any", "not"].contains(only.key) else {
                d.report(.badValue(key: d.lastKey(path), expected: "a signal id or an object with exactly one of 'all', 'any', 'not'"), node.position, path)
                return nil
            }
            let childPath = path + "." + only.key
            if only.key == "not" { return condition(only.value, childPath, depth: depth + 1).map(Condition.not) }
            guard let items = d.array(only.value, childPath, nonEmpty: true) else { return nil }
            var children: [Condition] = []
            var ok = true
            for (i, item) in items.enumerated() {
                if let c = condition(item, "\(childPath)[\(i)]", depth: depth + 1) { children.append(c) } else { ok = false }
            }
            guard ok, !children.isEmpty else { return nil }
            return only.key == "all" ? .all(children) : .any(children)
        }

        // Precedence and fallback.
        var precedence: [Situation] = []
        if let node = d.required(top, "precedence", "", at: here), let items = d.array(node, "precedence") {
            for (i, item) in items.enumerated() {
                if let s = d.enumName(item, "precedence[\(i)]", kind: "situation", as: Situation.self) {
                    if precedence.contains(s) {
                        d.report(.badValue(key: "precedence", expected: "each situation once"), item.position, "precedence[\(i)]")
                    } else {
                        precedence.append(s)
                    }
                }
            }
            for s in Situation.allCases where !precedence.contains(s) {
                d.report(.badValue(key: "precedence", expected: "a list of all four situations; '\(s.rawValue)' is missing"), node.position, "precedence")
            }
        }
        let fallback = d.required(top, "fallback", "", at: here).flatMap { d.enumName($0, "fallback", kind: "situation", as: Situation.self) }

        // Situations.
        var situations: [Situation: SituationRules] = [:]
        var ruleIds: [String: SourcePosition] = [:]
        if let node = d.required(top, "situations", "", at: here),
           let members = d.object(node, "situations", allowed: Situation.allCases.map(\.rawValue)) {
            for situation in Situation.allCases where d.member(members, situation.rawValue) == nil {
                d.report(.missingSituation(situation.rawValue), node.position, "situations." + situation.rawValue)
            }
            for member in members {
                guard let situation = Situation(rawValue: member.key) else { continue }
                let path = "situations." + member.key
                guard let fields = d.object(member.value, path, allowed: ["wants", "reliefMoment", "firstResponse", "updateEvery", "expectations", "rules"]) else { continue }
                let at = member.value.position
                let wants = d.required(fields, "wants", path, at: at).flatMap { d.localizedText($0, path + ".wants") }
                let relief = d.required(fields, "reliefMoment", path, at: at).flatMap { d.localizedText($0, path + ".reliefMoment") }
                let targetNode = d.required(fields, "firstResponse", path, at: at)
                let target = targetNode.flatMap { d.duration($0, path + ".firstResponse") }
                // Optional: a situation without a cadence asks for no regular updates.
                let cadenceNode = d.member(fields, "updateEvery")
                var cadenceOK = true
                var cadence: ISODuration?
                if let cadenceNode {
                    cadence = d.duration(cadenceNode, path + ".updateEvery")
                    if let c = cadence, c.seconds <= 0 {
                        d.report(.badValue(key: "updateEvery", expected: "a duration longer than zero, such as PT1H"), cadenceNode.position, path + ".updateEvery")
                        cadence = nil
                    }
                    cadenceOK = cadence != nil
                }
                var defaults: [Expectation] = []
                if let list = d.required(fields, "expectations", path, at: at).flatMap({ d.array($0, path + ".expectations") }) {
                    for (i, item) in list.enumerated() {
                        if let e = d.enumName(item, "\(path).expectations[\(i)]", kind: "expectation", as: Expectation.self), !defaults.contains(e) {
                            defaults.append(e)
                        }
                    }
                }
                var rules: [SituationRule] = []
                if let list = d.required(fields, "rules", path, at: at).flatMap({ d.array($0, path + ".rules") }) {
                    for (i, item) in list.enumerated() {
                        let rulePath = "\(path).rules[\(i)]"
                        guard let ruleFields = d.object(item, rulePath, allowed: ["id", "about", "when"]) else { continue }
                        guard let idNode = d.required(ruleFields, "id", rulePath, at: item.position),
                              let id = d.string(idNode, rulePath + ".id") else { continue }
                        if let first = ruleIds[id] {
                            d.report(.duplicateId(kind: "situation rule", id: id, first: first), idNode.position, rulePath + ".id")
                            continue
                        }
                        ruleIds[id] = idNode.position
                        let about = d.member(ruleFields, "about").flatMap { d.string($0, rulePath + ".about") } ?? ""
                        guard let whenNode = d.required(ruleFields, "when", rulePath, at: item.position),
                              let when = condition(whenNode, rulePath + ".when") else { continue }
                        rules.append(SituationRule(id: id, about: about, when: when))
                    }
                }
                if let wants, let relief, let target, cadenceOK {
                    situations[situation] = SituationRules(
                        wants: wants, reliefMoment: relief, firstResponse: target, updateEvery: cadence, expectations: defaults, rules: rules,
                        positions: .init(situation: member.keyPosition, firstResponse: targetNode?.position, updateEvery: cadenceNode?.position))
                }
            }
        }

        // Expectations.
        var expectations: [Expectation: ExpectationRules] = [:]
        if let node = d.required(top, "expectations", "", at: here),
           let members = d.object(node, "expectations", allowed: Expectation.allCases.map(\.rawValue)) {
            for expectation in Expectation.allCases where d.member(members, expectation.rawValue) == nil {
                d.report(.missingKey(expectation.rawValue), node.position, "expectations." + expectation.rawValue)
            }
            for member in members {
                guard let expectation = Expectation(rawValue: member.key) else { continue }
                let path = "expectations." + member.key
                guard let fields = d.object(member.value, path, allowed: ["about", "raisedBy"]) else { continue }
                let about = d.required(fields, "about", path, at: member.value.position).flatMap { d.localizedText($0, path + ".about") }
                var raisedBy: [Int] = []
                if let list = d.member(fields, "raisedBy").flatMap({ d.array($0, path + ".raisedBy") }) {
                    for (i, item) in list.enumerated() {
                        if let s = signalRef(item, "\(path).raisedBy[\(i)]"), !raisedBy.contains(s) { raisedBy.append(s) }
                    }
                }
                if let about { expectations[expectation] = ExpectationRules(about: about, raisedBy: raisedBy) }
            }
        }

        let hitPolicy = d.required(top, "hitPolicy", "", at: here).flatMap { d.enumName($0, "hitPolicy", kind: "hit policy", as: HitPolicy.self) }

        // Responses.
        var responses: [Response] = []
        var responseIds: [String: SourcePosition] = [:]
        if let node = d.required(top, "responses", "", at: here), let items = d.array(node, "responses", nonEmpty: true) {
            let allowed = ["id", "situation", "expectation", "when", "say", "tone", "do", "owner", "within"]
            for (index, item) in items.enumerated() {
                let path = "responses[\(index)]"
                guard let fields = d.object(item, path, allowed: allowed) else { continue }
                let at = item.position
                guard let idNode = d.required(fields, "id", path, at: at), let id = d.string(idNode, path + ".id") else { continue }
                if let first = responseIds[id] {
                    d.report(.duplicateId(kind: "response", id: id, first: first), idNode.position, path + ".id")
                    continue
                }
                responseIds[id] = idNode.position
                let situation = d.required(fields, "situation", path, at: at).flatMap { d.enumName($0, path + ".situation", kind: "situation", as: Situation.self) }
                let expectation = d.required(fields, "expectation", path, at: at).flatMap { d.enumName($0, path + ".expectation", kind: "expectation", as: Expectation.self) }
                let say = d.required(fields, "say", path, at: at).flatMap { d.localizedText($0, path + ".say") }
                let tone = d.required(fields, "tone", path, at: at).flatMap { d.localizedText($0, path + ".tone") }
                let actions = d.required(fields, "do", path, at: at).flatMap { d.localizedList($0, path + ".do") }
                let withinNode = d.required(fields, "within", path, at: at)
                let within = withinNode.flatMap { d.duration($0, path + ".within") }
                var owner: String?
                if let ownerNode = d.required(fields, "owner", path, at: at), let o = d.string(ownerNode, path + ".owner") {
                    if owners[o] != nil || owners.isEmpty { owner = o } else {
                        d.report(.unknownReference(kind: "owner", name: o, suggestion: closestMatch(to: o, in: owners.keys.sorted())), ownerNode.position, path + ".owner")
                    }
                }
                var channels: Set<Channel>?, journeys: Set<Journey>?, segments: Set<String>?, languages: Set<Int>?
                var required: [Int] = []
                var whenOK = true
                if let whenNode = d.member(fields, "when") {
                    let wp = path + ".when"
                    if let whenFields = d.object(whenNode, wp, allowed: ["channel", "journey", "segment", "language", "signals"]) {
                        for member in whenFields {
                            let mp = wp + "." + member.key
                            guard let list = d.array(member.value, mp, nonEmpty: true) else { whenOK = false; continue }
                            switch member.key {
                            case "channel": channels = Set(list.enumerated().compactMap { d.enumName($1, "\(mp)[\($0)]", kind: "channel", as: Channel.self) })
                            case "journey": journeys = Set(list.enumerated().compactMap { d.enumName($1, "\(mp)[\($0)]", kind: "journey", as: Journey.self) })
                            case "segment": segments = Set(list.enumerated().compactMap { d.string($1, "\(mp)[\($0)]")?.lowercased() })
                            case "language":
                                var set = Set<Int>()
                                for (i, item) in list.enumerated() {
                                    guard let code = d.string(item, "\(mp)[\(i)]") else { continue }
                                    if let l = d.languages.firstIndex(of: code.lowercased()) { set.insert(l) } else {
                                        d.report(.unknownReference(kind: "language", name: code, suggestion: closestMatch(to: code, in: d.languages)), item.position, "\(mp)[\(i)]")
                                    }
                                }
                                languages = set
                            case "signals":
                                for (i, item) in list.enumerated() {
                                    if let s = signalRef(item, "\(mp)[\(i)]") { if !required.contains(s) { required.append(s) } } else { whenOK = false }
                                }
                            default: break
                            }
                        }
                    } else { whenOK = false }
                }
                if let situation, let expectation, let say, let tone, let actions, let within, let owner, whenOK {
                    responses.append(Response(
                        id: id, cell: Cell(situation, expectation), channels: channels, journeys: journeys,
                        segments: segments, languages: languages, signals: required, say: say, tone: tone,
                        actions: actions, owner: owner, within: within, position: idNode.position, withinPosition: withinNode?.position))
                }
            }
        }

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
            defaultLanguage: defaultLanguage, languageLetters: languageLetters, owners: owners,
            signals: signals,
            matcher: TermMatcher(terms: terms, languages: languageWords, windows: TermMatcher.Windows(
                negation: negationWindow, negatedTerm: negatedTermWindow, postNegation: postNegationWindow, proximity: proximityWindow)),
            termSignal: termSignal, termLanguage: termLanguage, termIsException: termIsException, precedence: precedence, fallback: fallback,
            situations: situations, expectations: expectations, hitPolicy: hitPolicy, responses: responses, cells: cells)
    }

    static func isValidId(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, first.isASCII, first.properties.isLowercase || ("0"..."9").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isLowercase || ("0"..."9").contains($0) || $0 == "-") }
    }

    /// `source` with every letter of `spellings` typed the informal way, or nil when it has none.
    static func informalVariant(of source: String, _ spellings: [(letter: Character, written: String)]) -> String? {
        guard !spellings.isEmpty else { return nil }
        var changed = false
        var result = ""
        for character in source {
            if let spelling = spellings.first(where: { $0.letter == character || String($0.letter).uppercased() == String(character) }) {
                result += character.isUppercase ? spelling.written.uppercased() : spelling.written
                changed = true
            } else {
                result.append(character)
            }
        }
        return changed ? result : nil
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
