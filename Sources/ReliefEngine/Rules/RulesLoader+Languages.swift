extension RulesLoader {
    /// What the rules know of each language, by language index: its letters, its negators and
    /// marker words, and how people type its letters informally.
    struct Languages {
        var letters: [Set<Unicode.Scalar>]
        var words: [TermMatcher.LanguageWords]
        /// Letters people often type another way ("y" for "ü" in quick Estonian, "zh" or "z" for
        /// "ж" in Russian typed in Latin letters).
        var informalSpellings: [[InformalSpelling]]
        /// How a language of another script is typed in Latin letters ("u menja ne rabotaet"):
        /// such spellings count only in a message whose marker words are mostly that language's.
        var latinSpellings: [[InformalSpelling]]
    }

    /// The `languages` section. It comes first: every localized text is checked against the
    /// codes it adds to `d.languages`. A language with `playbookIn` is read (its terms,
    /// negators and markers) but worded in another: a team in Estonia reads its Russian-writing
    /// customers' messages and answers from its Estonian playbook, so its texts need no third
    /// translation.
    static func compileLanguages(_ top: [JSONMember], at here: SourcePosition, _ d: inout RulesDecoding) -> Languages {
        var languageLetters: [Set<Unicode.Scalar>] = []
        var languageWords: [TermMatcher.LanguageWords] = []
        var informalSpellings: [[InformalSpelling]] = []
        var latinSpellings: [[InformalSpelling]] = []
        var playbookIn: [(language: Int, target: String, position: SourcePosition?, field: String)] = []
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
                var spellings: [InformalSpelling] = []
                var latin: [InformalSpelling] = []
                if let fields = d.object(member.value, path, allowed: ["negators", "postNegators", "markers", "letters", "informalSpellings", "latinSpellings", "playbookIn"]) {
                    if let node = d.member(fields, "playbookIn"), let target = d.string(node, path + ".playbookIn") {
                        playbookIn.append((d.languages.count - 1, target.lowercased(), node.position, path + ".playbookIn"))
                    }
                    spellings = decodeSpellings(d.member(fields, "informalSpellings"), path + ".informalSpellings", &d)
                    latin = decodeSpellings(d.member(fields, "latinSpellings"), path + ".latinSpellings", &d)
                    // A negator typed in Latin letters negates as well: "ne" for "не" in "ne slomalsja".
                    if let list = d.member(fields, "negators").flatMap({ d.stringList($0, path + ".negators") }) {
                        languageNegators = list.flatMap { ([$0.0] + informalVariants(of: $0.0, latin)).flatMap { TextFolding.fold($0).split(separator: " ").map(String.init) } }
                    }
                    if let list = d.member(fields, "postNegators").flatMap({ d.stringList($0, path + ".postNegators") }) {
                        for (i, (text, position)) in list.enumerated() {
                            let words = TextFolding.fold(text).split(separator: " ").map(String.init)
                            if words.isEmpty || words.count > 3 {
                                d.report(.badValue(key: "postNegators", expected: "one to three words, such as \"pole\" or \"ei ole\""), position, "\(path).postNegators[\(i)]")
                            } else {
                                languagePostNegators.append(words)
                                for variant in informalVariants(of: text, latin) {
                                    languagePostNegators.append(TextFolding.fold(variant).split(separator: " ").map(String.init))
                                }
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
                latinSpellings.append(latin)
            }
        }
        d.wordedIn = Array(d.languages.indices)
        let borrowers = Set(playbookIn.map(\.language))
        for entry in playbookIn {
            let target = d.languages.firstIndex(of: entry.target)
            // One step only: a language read here but worded in another must name one that has
            // its own wording, so every text is found in one look.
            if let target, !borrowers.contains(target) {
                d.wordedIn[entry.language] = target
                continue
            }
            if target == nil {
                d.report(.unknownReference(kind: "language", name: entry.target, suggestion: closestMatch(to: entry.target, in: d.languages)), entry.position, entry.field)
            } else {
                d.report(.badValue(key: "playbookIn", expected: "another language of the file that has its own wording"), entry.position, entry.field)
            }
            // The file does not load; leaving the language's texts optional keeps this the one
            // error reported for it rather than one per text.
            if let own = d.languages.indices.first(where: { !borrowers.contains($0) }) { d.wordedIn[entry.language] = own }
        }
        return Languages(letters: languageLetters, words: languageWords, informalSpellings: informalSpellings, latinSpellings: latinSpellings)
    }

    /// `{ "ü": "y" }` or `{ "я": ["ya", "ja"], "ь": [""] }`: each letter and the ways it is typed
    /// instead ("" drops it).
    static func decodeSpellings(_ node: JSONNode?, _ path: String, _ d: inout RulesDecoding) -> [InformalSpelling] {
        guard let node, let pairs = d.object(node, path, allowed: nil) else { return [] }
        var spellings: [InformalSpelling] = []
        for pair in pairs {
            let field = "\(path).\(pair.key)"
            let written: [String]? = {
                if case .array(let items) = pair.value.value {
                    return items.enumerated().compactMap { d.string($0.element, "\(field)[\($0.offset)]", nonEmpty: false) }
                }
                return d.string(pair.value, field).map { [$0] }
            }()
            guard pair.key.count == 1, let letter = pair.key.first, let written, !written.isEmpty else {
                d.report(.badValue(key: pair.key, expected: "one letter mapped to how it is typed, such as \"ü\": \"y\" or \"я\": [\"ya\", \"ja\"]"), pair.keyPosition, field)
                continue
            }
            spellings.append(InformalSpelling(letter: letter, written: written))
        }
        return spellings
    }
}
