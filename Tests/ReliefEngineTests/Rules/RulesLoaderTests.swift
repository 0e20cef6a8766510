import Testing
@testable import ReliefEngine

@Suite("Loading a rules file")
struct RulesLoaderTests {
    func messages(_ problems: [RulesProblem]) -> [String] { problems.map { $0.formatted(file: "r.json5") } }

    @Test("the mini rules load with no errors and no warnings, and their examples pass")
    func loadsClean() throws {
        let outcome = RulesLoader.load(MiniRules.text())
        #expect(outcome.problems.isEmpty, "\(messages(outcome.problems))")
        let rules = try #require(outcome.rules)
        #expect(rules.name == "mini")
        #expect(rules.languages == ["et", "en"])
        #expect(rules.signals.count == 12)
        #expect(SignalExampleCheck.run(rules).isEmpty)
    }

    @Test("a syntax error names line and column")
    func syntaxError() {
        let text = "{\n  format: 1,\n  name: \"x\" \"y\",\n}"
        let problems = RulesLoader.load(text).problems
        #expect(problems.count == 1)
        #expect(problems.first?.severity == .error)
        #expect(problems.first?.position?.line == 3)
        #expect(messages(problems).first?.hasPrefix("r.json5:3:") == true)
    }

    @Test("a newer format is refused with the highest supported version named")
    func newerFormat() {
        let problems = MiniRules.problems(replacing: [("format: 1,", "format: 7,")])
        #expect(problems.map(\.kind) == [.unsupportedFormat(found: 7, supported: 1)])
        #expect(problems[0].message.contains("reads format 1"))
    }

    @Test("an unknown signal in a situation rule is an error with a did-you-mean and its position")
    func unknownSignal() throws {
        let problems = MiniRules.problems(replacing: [(#"when: "court""#, #"when: "cuort""#)])
        let problem = try #require(problems.first { $0.severity == .error })
        #expect(problem.kind == .unknownReference(kind: "signal", name: "cuort", suggestion: "court"))
        #expect(problem.message == "unknown signal 'cuort'; did you mean 'court'?")
        #expect(problem.position != nil)
        #expect(problem.field == "situations.crisis.rules[0].when")
    }

    @Test("unknown situation and expectation names in a response are errors with suggestions")
    func unknownNames() {
        let extra = [MiniRules.response("x1", "crisiss", "trust"), MiniRules.response("x2", "crisis", "empaty")]
        let kinds = MiniRules.problems(extra: extra).map(\.kind)
        #expect(kinds.contains(.unknownReference(kind: "situation", name: "crisiss", suggestion: "crisis")))
        #expect(kinds.contains(.unknownReference(kind: "expectation", name: "empaty", suggestion: "empathy")))
    }

    @Test("duplicate ids are errors that point back at the first one")
    func duplicates() throws {
        let problems = MiniRules.problems(extra: [MiniRules.response("crisis-trust", "crisis", "trust")])
        let duplicate = try #require(problems.first { if case .duplicateId = $0.kind { return true } else { return false } })
        guard case .duplicateId(let kind, let id, _) = duplicate.kind else { return }
        #expect(kind == "response")
        #expect(id == "crisis-trust")
    }

    @Test("a blank string is empty, whatever white space it holds; a zero-width or visible character is not")
    func blankStrings() {
        for blank in ["", " ", "\t\n", "\u{00A0}", "\u{3000}", " \u{2028} "] { #expect(RulesDecoding.isBlank(blank), "\(blank.unicodeScalars.map(\.value))") }
        for text in ["a", " a", "\u{200B}", "õ", " \u{00A0}x"] { #expect(!RulesDecoding.isBlank(text), "\(text.unicodeScalars.map(\.value))") }
    }

    @Test("an empty term list, a bad term and a bad duration are errors")
    func badValues() {
        let problems = MiniRules.problems(replacing: [
            (#"en: ["lawyer*", "sue"]"#, "en: []"),
            (#""pulm*""#, #""pu*lm""#),
            (#"firstResponse: "PT4H""#, #"firstResponse: "4 hours""#),
        ])
        let kinds = problems.map(\.kind)
        #expect(kinds.contains(.empty("the 'en' term list")))
        #expect(kinds.contains(.badTerm(term: "pu*lm", reason: "has a '*' inside 'pu*lm'; a star may only end a word")))
        #expect(kinds.contains(.badDuration("4 hours")))
    }

    @Test("updateEvery is optional and read as a duration; a bad one is an error naming its line, column and field")
    func updateEvery() throws {
        let rules = try MiniRules.load(replacing: [(#"firstResponse: "PT15M","#, #"firstResponse: "PT15M", updateEvery: "PT1H","#)])
        #expect(rules.situations[.crisis]?.updateEvery?.seconds == 3600)
        #expect(rules.situations[.elevated]?.updateEvery == nil)

        let source = MiniRules.text().replacingOccurrences(of: #"firstResponse: "PT15M","#, with: #"firstResponse: "PT15M", updateEvery: "every hour","#)
        let outcome = RulesLoader.load(source)
        #expect(outcome.rules == nil)
        let problem = try #require(outcome.problems.first)
        #expect(problem.kind == .badDuration("every hour"))
        #expect(problem.field == "situations.crisis.updateEvery")
        let line = source.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("every hour") }! + 1
        #expect(problem.formatted(file: "team.json5").hasPrefix("team.json5:\(line):"))

        let zero = MiniRules.problems(replacing: [(#"firstResponse: "PT15M","#, #"firstResponse: "PT15M", updateEvery: "PT0M","#)])
        #expect(zero.map(\.kind) == [.badValue(key: "updateEvery", expected: "a duration longer than zero, such as PT1H")])
    }

    @Test("a window outside its range is an error naming the range")
    func windows() {
        let kinds = MiniRules.problems(replacing: [("negationWindow: 2,", "negationWindow: 9, negatedTermWindow: 2.5,")]).map(\.kind)
        #expect(kinds == [.badValue(key: "negationWindow", expected: "a whole number from 0 to 5"),
                          .badValue(key: "negatedTermWindow", expected: "a whole number from 1 to 8")])
    }

    @Test("an unknown key is a warning with a suggestion, not an error")
    func unknownKey() throws {
        let outcome = RulesLoader.load(MiniRules.text().replacingOccurrences(of: "hitPolicy:", with: "hitPolcy: \"first\", hitPolicy:"))
        #expect(outcome.rules != nil)
        let warning = try #require(outcome.problems.first)
        #expect(warning.severity == .warning)
        #expect(warning.kind == .unknownKey("hitPolcy", suggestion: "hitPolicy"))
    }

    @Test("a localized text missing a declared language is an error naming the language")
    func missingLanguage() {
        let problems = MiniRules.problems(replacing: [(#"wants: { et: "Lihtsust.", en: "Ease." }"#, #"wants: { en: "Ease." }"#)])
        #expect(problems.map(\.kind) == [.missingLanguage("et")])
        #expect(problems.first?.field == "situations.everyday.wants.et")
    }

    @Test("a language with playbookIn is read but worded in another: its texts may be left out, and it reads the other's")
    func playbookIn() throws {
        let russian = #"ru: { playbookIn: "et", negators: ["не"], markers: ["и", "не"], letters: "абвгдеёжзийклмнопрстуфхцчшщъыьэюя" },"#
        let rules = try MiniRules.load(replacing: [(#"en: { negators: ["not", "no", "never"]"#, russian + #" en: { negators: ["not", "no", "never"]"#)])
        #expect(rules.languages == ["et", "ru", "en"])
        let ru = try #require(rules.languageIndex("ru"))
        #expect(rules.situations[.everyday]?.wants.text(ru) == "Lihtsust.", "no ru text written: the Estonian one")
        #expect(rules.owners["lead"]?.text(ru) == "valvejuht")
        // A text written for the language is used as written.
        let written = try MiniRules.load(replacing: [
            (#"en: { negators: ["not", "no", "never"]"#, russian + #" en: { negators: ["not", "no", "never"]"#),
            (#"wants: { et: "Lihtsust.", en: "Ease." }"#, #"wants: { et: "Lihtsust.", ru: "Простоты.", en: "Ease." }"#),
        ])
        #expect(written.situations[.everyday]?.wants.text(ru) == "Простоты.")
    }

    @Test("playbookIn must name another language of the file that has its own wording")
    func playbookInProblems() {
        func problems(_ entry: String) -> [RulesProblem] {
            MiniRules.problems(replacing: [(#"en: { negators: ["not", "no", "never"]"#, entry + #" en: { negators: ["not", "no", "never"]"#)])
        }
        let unknown = problems(#"ru: { playbookIn: "fi", markers: ["и"] },"#)
        #expect(unknown.map(\.kind) == [.unknownReference(kind: "language", name: "fi", suggestion: nil)])
        #expect(unknown.first?.field == "languages.ru.playbookIn")
        let itself = problems(#"ru: { playbookIn: "ru", markers: ["и"] },"#)
        #expect(itself.map(\.field).contains("languages.ru.playbookIn"))
        let chained = problems(#"ru: { playbookIn: "et", markers: ["и"] }, uk: { playbookIn: "ru", markers: ["і"] },"#)
        #expect(chained.map(\.field) == ["languages.uk.playbookIn"], "one step only")
        // Without playbookIn, a language's texts are still required.
        #expect(problems(#"ru: { markers: ["и"] },"#).contains { $0.kind == .missingLanguage("ru") })
    }

    @Test("a missing situation and a signal with two detectors are errors")
    func structure() {
        var problems = MiniRules.problems(replacing: [(#"rules: [{ id: "everyday-thanks", when: "thanks" }],"#, "")])
        #expect(problems.map(\.kind).contains(.missingKey("rules")))
        problems = MiniRules.problems(replacing: [(#"field: { path: "channel", in: ["social"] },"#, #"field: { path: "channel", in: ["social"] }, text: { en: ["x"] },"#)])
        #expect(problems.map(\.kind).contains(.detectorCount(2)))
    }

    @Test("a weighted signal's likelihood, weights and words are checked where they are written")
    func weightedProblems() {
        func problems(_ weighted: String) -> [RulesProblem] {
            MiniRules.problems(replacing: [(#"field: { path: "channel", in: ["social"] },"#, "weighted: \(weighted),")])
        }
        // The signal replaces "social" (the fourth); a signal that does not load leaves its
        // references unresolved, as any broken detector does.
        var found = problems(#"{ bias: -2, atLeast: 1.5, words: { en: { "stolen": 2 } } }"#)
        #expect(found.first?.field == "signals[3].weighted.atLeast")
        #expect(found.first?.message.contains("a likelihood between 0 and 1") == true)
        found = problems(#"{ bias: -2, atLeast: 0.6, words: { en: { "stolen": "high" } } }"#)
        #expect(found.map(\.field) == ["signals[3].weighted.words.en.stolen"])
        found = problems(#"{ bias: Infinity, atLeast: 0.6, words: { en: { "stolen": NaN } } }"#)
        #expect(Array(found.map(\.field).prefix(2)) == ["signals[3].weighted.bias", "signals[3].weighted.words.en.stolen"])
        #expect(found.prefix(2).allSatisfy { $0.message.contains("a finite number") }, "\(found.map(\.message))")
        found = problems(#"{ atLeast: 0.6, words: { en: { "stolen": 2 } } }"#)
        #expect(found.first?.kind == .missingKey("bias"))
        found = problems(#"{ bias: -2, atLeast: 0.6, words: { en: { "_ _": 2 } } }"#)
        #expect(found.map(\.field) == ["signals[3].weighted.words.en._ _"])
        #expect(problems(#"{ bias: -2, atLeast: 0.6, words: { en: { "stolen": 2, "card*": 0.5 } } }"#).filter { $0.severity == .error }.isEmpty)
    }

    @Test("a weighted word listed twice, in another case or as its informal spelling, is an error: one weight would be lost")
    func repeatedWeight() {
        func errors(_ weighted: String, informal: Bool = false) -> [RulesProblem] {
            var replacements = [(#"field: { path: "channel", in: ["social"] },"#, "weighted: \(weighted),")]
            if informal { replacements.append((#"letters: "õäöü" }"#, #"letters: "õäöü", informalSpellings: { "ü": "y" } }"#)) }
            return MiniRules.problems(replacing: replacements).filter { $0.severity == .error }
        }
        var found = errors(#"{ bias: -2, atLeast: 0.6, words: { en: { "stolen": 2, "Stolen": 1 } } }"#)
        #expect(found.map(\.field) == ["signals[3].weighted.words.en.Stolen"])
        #expect(found.first?.message.hasPrefix("word 'Stolen' of weighted signal 'social' is weighed twice") == true, "\(found.map(\.message))")
        found = errors(#"{ bias: -2, atLeast: 0.6, words: { et: { "kylm": 1, "külm": 2 } } }"#, informal: true)
        #expect(found.map(\.field) == ["signals[3].weighted.words.et.külm"])
        #expect(found.first?.message.contains("typed informally ('kylm')") == true, "\(found.map(\.message))")
        #expect(errors(#"{ bias: -2, atLeast: 0.6, words: { et: { "külm": 2, "kulm": 1 } } }"#, informal: true).map(\.field) == ["signals[3].weighted.words.et.kulm"],
                "folding diacritics makes 'kulm' the same word as 'külm'")
        #expect(errors(#"{ bias: -2, atLeast: 0.6, words: { et: { "külm": 2, "soe": -1 } } }"#, informal: true).isEmpty)
    }

    @Test("a weighted signal whose bias alone reaches its likelihood holds for every case, so it is an error")
    func weightedWithoutWords() {
        func errors(_ weighted: String) -> [RulesProblem] {
            MiniRules.problems(replacing: [(#"field: { path: "channel", in: ["social"] },"#, "weighted: \(weighted),")]).filter { $0.severity == .error }
        }
        // atLeast 0.5 asks for a sum of 0; atLeast 0.7 for 0.847.
        let found = errors(#"{ bias: 0, atLeast: 0.5, words: { en: { "stolen": 2 } } }"#)
        #expect(found.map(\.field) == ["signals[3].weighted.bias"])
        #expect(found.first?.message.contains("holds for a case with none of its words") == true, "\(found.map(\.message))")
        #expect(errors(#"{ bias: 0.9, atLeast: 0.7, words: { en: { "calm": -3 } } }"#).count == 1)
        #expect(errors(#"{ bias: 0.84, atLeast: 0.7, words: { en: { "stolen": 2 } } }"#).isEmpty)
    }

    @Test("a likelihood field names a weighted signal defined anywhere in the file; any other name is an error at its path")
    func likelihoodField() throws {
        let weighted = #"""
            { id: "taken-likely", about: "Money perhaps taken.", field: { path: "likelihood.taken", gte: 0.4 } },
            { id: "taken", about: "Money taken.", weighted: { bias: -2, atLeast: 0.75, words: { en: { "stolen": 2.5 } } } },
            { id: "big-order",
            """#
        #expect(MiniRules.problems(replacing: [(#"{ id: "big-order","#, weighted)]).filter { $0.severity == .error }.isEmpty,
            "the weighted signal may come after the field that reads it")
        let unknown = MiniRules.problems(replacing: [(#"{ id: "big-order","#, weighted.replacingOccurrences(of: "likelihood.taken", with: "likelihood.takne"))])
        let problem = try #require(unknown.first { $0.severity == .error })
        #expect(problem.kind == .unknownReference(kind: "weighted signal", name: "takne", suggestion: "taken"))
        #expect(problem.field == "signals[5].field.path", "the field that names it, where it is written")
        #expect(problem.position?.line != nil)
        let notWeighted = MiniRules.problems(replacing: [(#"{ id: "big-order","#, weighted.replacingOccurrences(of: "likelihood.taken", with: "likelihood.social"))])
        #expect(notWeighted.filter { $0.severity == .error }.map(\.message) == ["'path' must be likelihood.ID of a signal that weighs words; 'social' is not a weighted signal"])
    }

    @Test("'except' beside a detector without words says which detectors take exceptions")
    func exceptBesideWeighted() {
        let found = MiniRules.problems(replacing: [(#"field: { path: "channel", in: ["social"] },"#, #"weighted: { bias: -2, atLeast: 0.6, words: { en: { "stolen": 2 } } }, except: { en: ["joke"] },"#)])
        #expect(found.first { $0.field == "signals[3].except" }?.message == "'except' must be terms beside a 'text' detector; a weighted, field or history signal takes no exceptions")
    }

    @Test("a term repeated within a signal, even spelled without diacritics, is a warning")
    func duplicateTerm() {
        let outcome = RulesLoader.load(MiniRules.text().replacingOccurrences(of: #"et: ["tänan", "aitäh"]"#, with: #"et: ["tänan", "aitäh", "TANAN"]"#))
        #expect(outcome.rules != nil)
        #expect(outcome.problems.count == 1)
        #expect(outcome.problems.first?.severity == .warning)
        #expect(outcome.problems.first?.message.hasPrefix("term 'TANAN' of signal 'thanks' repeats the one at") == true)
    }

    @Test("a cell with no response is a warning")
    func emptyCell() {
        let source = MiniRules.text().replacingOccurrences(of: MiniRules.response("crisis-empathy", "crisis", "empathy"), with: "")
        let outcome = RulesLoader.load(source)
        #expect(outcome.rules != nil)
        #expect(outcome.problems.map(\.kind) == [.emptyCell(.crisis, .empathy)])
    }

    @Test("a response that can never win is a warning: same conditions as an earlier one")
    func unreachable() {
        let extra = [
            MiniRules.response("a", "unexpected", "recovery", when: #"{ channel: ["email"] }"#),
            MiniRules.response("b", "unexpected", "recovery", when: #"{ channel: ["email"] }"#),
            MiniRules.response("c", "unexpected", "recovery", when: #"{ channel: ["email", "chat"], signals: ["defect"] }"#),
        ]
        let kinds = RulesLoader.load(MiniRules.text(extra: extra)).problems.map(\.kind)
        #expect(kinds == [.unreachableResponse(id: "b", beatenBy: "a")])
    }

    @Test("with the first hit policy, anything after a response without conditions can never win")
    func unreachableFirst() {
        let extra = [MiniRules.response("late", "unexpected", "recovery", when: #"{ channel: ["email"] }"#)]
        let source = MiniRules.text(extra: extra).replacingOccurrences(of: #"hitPolicy: "most-specific""#, with: #"hitPolicy: "first""#)
        #expect(RulesLoader.load(source).problems.map(\.kind) == [.unreachableResponse(id: "late", beatenBy: "unexpected-recovery")])
    }

    @Test("a long chain of nested prefix terms is a warning naming the chain; the default rules' chains are short")
    func prefixChains() throws {
        // "pulm*" already exists; eight more, each a prefix of the next, make a chain of nine.
        let chain = (1...8).map { "pulm" + String(repeating: "a", count: $0) + "*" }
        let source = MiniRules.text().replacingOccurrences(of: #"text: { et: ["pulm*"]"#, with: #"text: { et: ["pulm*", "# + chain.map { "\"\($0)\"" }.joined(separator: ", ") + "]")
        let problems = RulesLoader.load(source).problems
        let kinds = problems.map(\.kind)
        #expect(kinds == [.prefixChain(chain: ["pulm"] + (1...8).map { "pulm" + String(repeating: "a", count: $0) }, signal: "wedding")])
        #expect(problems.first?.message.contains("9 prefix terms nest inside each other") == true)
        let shorter = MiniRules.text().replacingOccurrences(of: #"text: { et: ["pulm*"]"#, with: #"text: { et: ["pulm*", "# + chain.prefix(7).map { "\"\($0)\"" }.joined(separator: ", ") + "]")
        #expect(RulesLoader.load(shorter).problems.isEmpty, "a chain of eight passes")
        let defaults = try #require(RulesLoader.load(DefaultRules.source).rules)
        #expect((RulesLinter.longestPrefixChain(defaults)?.chain.count ?? 0) <= 5)
    }

    @Test("informal spellings: an Estonian term with ü also matches the word typed with y, and evidence names the term as written")
    func informalSpellings() throws {
        let rules = try MiniRules.load(replacing: [
            (#"letters: "õäöü" }"#, #"letters: "õäöü", informalSpellings: { "ü": "y" } }"#),
            (#"text: { et: ["katki","#, #"text: { et: ["külm*", "katki","#),
        ])
        let classifier = Classifier(rules: rules)
        let decision = classifier.classify(SupportCase.quick(text: "Radiaator on kylm ja katki", channel: .email), now: nil)
        let defect = try #require(decision.signals.first { $0.id == "defect" })
        #expect(defect.evidence.contains { $0.term == "külm*" && $0.matched == "kylm" })
        // English terms are left alone: "y" is not a letter of theirs to vary.
        #expect(RulesLoader.informalVariants(of: "why _", []).isEmpty)
        #expect(RulesLoader.informalVariants(of: "Süüdi", [.init(letter: "ü", written: ["y"])]) == ["Syydi"])
        let bad = RulesLoader.load(MiniRules.text().replacingOccurrences(of: #"letters: "õäöü" }"#, with: #"letters: "õäöü", informalSpellings: { "üü": "y" } }"#))
        #expect(bad.problems.contains { $0.field == "languages.et.informalSpellings.üü" })
        for empty in [#"{ "ü": "" }"#, #"{ "ü": [] }"#, #"{ "ü": [1] }"#] {
            let problems = RulesLoader.load(MiniRules.text().replacingOccurrences(of: #"letters: "õäöü" }"#, with: #"letters: "õäöü", informalSpellings: \#(empty) }"#)).problems
            #expect(problems.contains { $0.field.hasPrefix("languages.et.informalSpellings.ü") }, "\(empty)")
        }
    }

    @Test("several ways to type a letter: every combination up to a cap, the first ways first, and a dropped letter")
    func informalSpellingsWithSeveralWays() throws {
        let russian: [RulesLoader.InformalSpelling] = [
            .init(letter: "ж", written: ["zh", "z"]), .init(letter: "я", written: ["ya", "ja"]), .init(letter: "ь", written: [""]),
            .init(letter: "н", written: ["n"]), .init(letter: "е", written: ["e"]), .init(letter: "м", written: ["m"]),
        ]
        #expect(RulesLoader.informalVariants(of: "меня", russian) == ["menya", "menja"])
        #expect(RulesLoader.informalVariants(of: "жмянь*", russian) == ["zhmyan*", "zhmjan*", "zmyan*", "zmjan*"])
        let many = RulesLoader.informalVariants(of: "яяяяяя", russian)
        #expect(many.count == RulesLoader.maxInformalVariants && many.first == "yayayayayaya" && Set(many).count == many.count)

        let rules = try MiniRules.load(replacing: [
            (#"letters: "õäöü" }"#, #"letters: "õäöü", informalSpellings: { "ü": ["y", "u"] } }"#),
            (#"text: { et: ["katki","#, #"text: { et: ["külm*", "katki","#),
        ])
        let classifier = Classifier(rules: rules)
        for typed in ["kylm", "kulm"] {
            let decision = classifier.classify(SupportCase.quick(text: "Radiaator on \(typed) ja katki", channel: .email), now: nil)
            let defect = try #require(decision.signals.first { $0.id == "defect" })
            #expect(defect.evidence.contains { $0.term == "külm*" && $0.matched == typed })
        }
    }

    @Test("a failing signal example is reported with the example's position")
    func failingExample() throws {
        let rules = try MiniRules.load(replacing: [(#"noMatch: { et: ["Tavaline kleit"]"#, #"noMatch: { et: ["Pulmakleit"]"#)])
        let problems = SignalExampleCheck.run(rules)
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("signal 'wedding': example \"Pulmakleit\" should not match but did") == true)
        #expect(problems.first?.position != nil)
    }

    @Test("a signal without examples gets warnings naming what is missing")
    func missingExamples() {
        let source = MiniRules.text().replacingOccurrences(of: #"examples: { match: { et: ["Tanan väga"], en: ["Thanks a lot"] }, noMatch: { et: ["Tere"], en: ["Hello"] } } },"#, with: "},")
        let kinds = RulesLoader.load(source).problems.map(\.kind)
        #expect(kinds.contains(.missingExample(signal: "thanks", what: "'match' (et)")))
        #expect(kinds.contains(.missingExample(signal: "thanks", what: "'noMatch' (en)")))
    }
}
