import Foundation
import Testing
@testable import ReliefEngine

@Suite("Classifying cases")
struct ClassifierTests {
    let rules: RuleSet
    let classifier: Classifier
    init() throws {
        rules = try MiniRules.load()
        classifier = Classifier(rules: rules)
    }

    func quick(_ text: String, channel: Channel? = nil, language: String? = nil) -> Decision {
        classifier.classify(.quick(text: text, channel: channel, language: language, openedAt: MiniRules.date("2026-03-01T09:00:00Z")), now: MiniRules.date("2026-03-01T09:00:00Z"))
    }

    @Test("the more intense situation leads and the others stay visible: a delayed wedding dress is elevated")
    func precedence() {
        let d = quick("The wedding dress arrived broken")
        #expect(d.situation == .elevated)
        #expect(d.situations.map(\.situation) == [.elevated, .unexpected])
        #expect(d.situations[0].rules == [RuleMatch(id: "elevated-life-event", signals: ["wedding"])])
        #expect(!d.fallback)
    }

    @Test("a case no rule matches falls to the fallback and says so")
    func fallback() {
        let d = quick("What colour is the sky?")
        #expect(d.situation == .everyday)
        #expect(d.fallback)
        #expect(d.situations.isEmpty)
        #expect(d.signals.isEmpty)
    }

    @Test("a calm message can still be crisis; evidence keeps the customer's words")
    func evidence() {
        let d = quick("Mu jurist võtab ühendust ja läheme kohtusse.", language: "et")
        #expect(d.situation == .crisis)
        #expect(d.signals.map(\.id) == ["court"])
        #expect(d.signals[0].evidence == [Evidence(term: "kohtu*", matched: "kohtusse")])
    }

    @Test("conditions combine all, any and not")
    func conditions() {
        #expect(quick("It is broken", channel: .social).situation == .crisis)
        #expect(quick("It is broken, thanks", channel: .social).situation == .unexpected, "the not(thanks) part fails")
        #expect(quick("It is broken", channel: .email).situation == .unexpected)
    }

    @Test("expectations: the situation's defaults plus those raised by signals, ranked by score")
    func expectationRanking() {
        // unexpected defaults: recovery, consistency; defect raises recovery again.
        let d = quick("It is broken")
        #expect(d.expectations == [.recovery, .consistency])
        #expect(d.responses.map(\.id) == ["unexpected-recovery", "unexpected-consistency"])
        #expect(d.uncovered.isEmpty)
    }

    @Test("the first-response deadline is the opening time plus the situation's target")
    func deadline() {
        let d = quick("It is broken")
        #expect(d.firstResponseTarget.text == "PT4H")
        #expect(d.firstResponseBy == MiniRules.date("2026-03-01T13:00:00Z"))
        #expect(d.responses.first?.by == MiniRules.date("2026-03-01T09:15:00Z"), "each response: opening time plus its own target (PT15M)")
    }

    @Test("the playbook speaks the customer's language, given or detected")
    func language() {
        #expect(quick("See on katki ja mul on kiire").language == "et")
        #expect(quick("See on katki ja mul on kiire").responses.first?.say == "Ütle unexpected-recovery")
        #expect(quick("My kettle is broken and the lid too").language == "en")
        #expect(quick("katki", language: "en").language == "en")
        #expect(quick("Jõudis kohale, tänan").language == "et", "letters only Estonian uses count")
        #expect(quick("xyz").language == "en", "no clue: the default language")
    }

    /// The small rules with Russian read and worded from the Estonian playbook, and one Russian
    /// term: "сломал*" for `defect`.
    func russianMiniRules(markers: String = #"["и"]"#, more: String = "") throws -> RuleSet {
        try MiniRules.load(replacing: [
            (#"en: { negators: ["not", "no", "never"]"#, #"ru: { playbookIn: "et", negators: ["не"], markers: \#(markers), letters: "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"\#(more) }, en: { negators: ["not", "no", "never"]"#),
            (#"text: { et: ["katki", "rikk*", "ei tööta", "probleem*"],"#, #"text: { et: ["katki", "rikk*", "ei tööta", "probleem*"], ru: ["сломал*"],"#),
            (#"noMatch: { et: ["Pole probleemi"],"#, #"noMatch: { et: ["Pole probleemi"], ru: ["Ничего не сломалось"],"#),
            (#"match: { et: ["Pesumasin on katki"],"#, #"match: { et: ["Pesumasin on katki"], ru: ["Стиральная машина сломалась"],"#),
        ])
    }

    @Test("a language the rules read by its letters is detected as itself, not as a script the rules do not speak; its negators cancel only its own terms")
    func lettersOfAnotherScript() throws {
        #expect(quick("Интернет не работает третий день").language == "und", "Cyrillic, and no language claims it")
        let c = Classifier(rules: try russianMiniRules())
        let broken = c.classify(.quick(text: "Стиральная машина сломалась вчера"), now: nil)
        #expect(broken.language == "ru")
        #expect(broken.situation == .unexpected)
        #expect(broken.responses.first?.say == "Ütle unexpected-recovery", "worded from the Estonian playbook")
        #expect(c.classify(.quick(text: "Ничего не сломалось, просто вопрос"), now: nil).signals.contains { $0.id == "defect" } == false)
        // An Estonian negator does not cancel a Russian term, nor a Russian one an Estonian term.
        #expect(c.classify(.quick(text: "ei сломалась"), now: nil).signals.contains { $0.id == "defect" })
        #expect(c.classify(.quick(text: "не katki"), now: nil).signals.contains { $0.id == "defect" })
        #expect(c.classify(.quick(text: "日本語のメッセージです、よろしくお願いします"), now: nil).language == "und", "a script no language claims")
    }

    @Test("Russian typed in Latin letters: its terms and negators match typed so, only where its markers lead the text")
    func latinSpellings() throws {
        let c = Classifier(rules: try russianMiniRules(
            markers: #"["и", "menja", "chto"]"#,
            more: #", latinSpellings: { "с": "s", "л": "l", "о": "o", "м": "m", "а": "a", "н": "n", "е": "e", "я": ["ya", "ja"], "ь": [""] }"#))
        let typed = c.classify(.quick(text: "u menja slomalas stiralka, chto delat"), now: nil)
        #expect(typed.language == "ru")
        #expect(typed.signals.first { $0.id == "defect" }?.evidence.contains { $0.term == "сломал*" && $0.matched == "slomalas" } == true)
        #expect(!c.classify(.quick(text: "u menja ne slomalas, chto delat"), now: nil).signals.contains { $0.id == "defect" }, "the negator typed in Latin letters")
        // Without Russian markers leading, the Latin spelling is some other language's word.
        #expect(!c.classify(.quick(text: "Slomal is my friend's nickname"), now: nil).signals.contains { $0.id == "defect" })
        // A case that names its language settles it, whatever the markers say.
        #expect(!c.classify(.quick(text: "u menja slomalas, chto", language: "en"), now: nil).signals.contains { $0.id == "defect" })
        #expect(c.classify(.quick(text: "slomal is all it says", language: "ru"), now: nil).signals.contains { $0.id == "defect" })
        #expect(!c.classify(.quick(text: "Tere, slomal on mu sõbra hüüdnimi ja menja"), now: nil).signals.contains { $0.id == "defect" }, "Estonian markers lead")
    }

    @Test("most-specific hit policy: the response with the most conditions wins, ties to the first written")
    func mostSpecific() throws {
        let rules = try MiniRules.load(extra: [
            MiniRules.response("email-one", "unexpected", "recovery", when: #"{ channel: ["email"] }"#),
            MiniRules.response("email-defect", "unexpected", "recovery", when: #"{ channel: ["email"], signals: ["defect"] }"#),
            MiniRules.response("email-other", "unexpected", "recovery", when: #"{ journey: ["complaint"] }"#),
        ])
        let c = Classifier(rules: rules)
        var supportCase = SupportCase.quick(text: "It is broken", channel: .email)
        #expect(c.classify(supportCase, now: nil).responses.first?.id == "email-defect")
        supportCase.journey = .complaint
        #expect(c.classify(supportCase, now: nil).responses.first?.id == "email-defect")
        let chat = SupportCase.quick(text: "It is broken", channel: .chat)
        #expect(c.classify(chat, now: nil).responses.first?.id == "unexpected-recovery", "the default when nothing narrower matches")
        var complaint = SupportCase.quick(text: "I keep waiting", channel: .chat)
        complaint.journey = .complaint
        complaint.events[0] = CaseEvent(at: nil, kind: .message(from: .customer, text: "broken", channel: .chat, promise: nil))
        #expect(c.classify(complaint, now: nil).responses.first?.id == "email-other")
    }

    @Test("first hit policy: the first matching response in file order wins")
    func firstPolicy() throws {
        let rules = try MiniRules.load(
            extra: [MiniRules.response("email-defect", "unexpected", "recovery", when: #"{ channel: ["email"], signals: ["defect"] }"#)],
            replacing: [(#"hitPolicy: "most-specific""#, #"hitPolicy: "first""#)])
        let d = Classifier(rules: rules).classify(.quick(text: "It is broken", channel: .email), now: nil)
        #expect(d.responses.first?.id == "unexpected-recovery")
    }

    @Test("an override sets the situation and the playbook but records what the engine said")
    func override() {
        let d = classifier.classify(.quick(text: "thanks"), now: nil, override: (.crisis, "customer is in hospital"))
        #expect(d.situation == .crisis)
        #expect(d.override == Override(engineSituation: .everyday, reason: "customer is in hospital"))
        #expect(d.responses.allSatisfy { $0.situation == .crisis })
    }

    @Test("explain shows for every situation which conditions held and which did not")
    func explain() throws {
        let d = classifier.classify(.quick(text: "It is broken", channel: .email), now: nil, explain: true)
        let explanation = try #require(d.explanation)
        #expect(explanation.map(\.situation) == [.crisis, .elevated, .unexpected, .everyday])
        let crisis = explanation[0]
        #expect(!crisis.matched)
        #expect(crisis.rules[1].condition == .all([.signal("social", held: false), .signal("defect", held: true), .not(.signal("thanks", held: false), held: true)], held: false))
        #expect(DecisionText.describe(crisis.rules[1].condition) == "all(social ✗, defect ✓, not(thanks ✗))")
        #expect(explanation[2].matched)
    }

    @Test("same input, same output")
    func deterministic() {
        let a = quick("The wedding dress arrived broken")
        let b = quick("The wedding dress arrived broken")
        #expect(a == b)
        #expect(DecisionJSON.pretty(a) == DecisionJSON.pretty(b))
    }
}

@Suite("Signals over fields and history")
struct HistorySignalTests {
    let classifier: Classifier
    init() throws { classifier = Classifier(rules: try MiniRules.load()) }

    func signals(_ c: SupportCase, now: String?) -> [String] {
        classifier.classify(c, now: now.map(MiniRules.date)).signals.map(\.id)
    }

    func message(_ at: String, _ from: Party = .customer, _ text: String = "hello", channel: Channel? = nil, promise: String? = nil) -> CaseEvent {
        CaseEvent(at: MiniRules.date(at), kind: .message(from: from, text: text, channel: channel, promise: promise.map { Promise(due: MiniRules.date($0)) }))
    }

    @Test("field tests: channel in a list, tenure and attributes compared as numbers")
    func fields() {
        var c = SupportCase(id: "f", channel: .social)
        c.customer.tenureMonths = 60
        c.attributes["orderValue"] = .number(999)
        #expect(signals(c, now: nil) == ["social", "loyal"])
        c.attributes["orderValue"] = .string("1500")
        #expect(signals(c, now: nil) == ["social", "loyal", "big-order"])
    }

    @Test("facts the text states are fields: an age named in the message raises a signal testing text.oldestAge")
    func textFactFields() throws {
        let elderly = #"""
            { id: "elderly", about: "A person of 75 or older.", field: { path: "text.oldestAge", gte: 75 },
              examples: { matchCases: [{ text: "isa on 84 ja ootab" }], noMatchCases: [{ text: "olen 40-aastane" }] } },
            { id: "big-order",
            """#
        let rules = try MiniRules.load(replacing: [(#"{ id: "big-order","#, elderly)])
        let classifier = Classifier(rules: rules)
        func raised(_ text: String) -> Bool {
            classifier.classify(.quick(text: text), now: nil).signals.contains { $0.id == "elderly" }
        }
        #expect(raised("My dad is 84 and the heating is broken"))
        #expect(raised("Ema on 91-aastane ja küte ei tööta"))
        #expect(!raised("My dad is 60 and the heating is broken"))
        #expect(!raised("Tellimus 84 on katki"))
    }

    @Test("a weighted signal holds when its words, each counted once, reach the likelihood; words against it count down and are not evidence")
    func weightedWords() throws {
        // Threshold: log(0.75 / 0.25) = 1.0986 over a bias of -2: "stolen" alone (2.5) is not
        // enough, "stolen" and "card" (3.5) is, and "joke" (-2) takes it back below.
        let weighted = #"""
            { id: "taken", about: "Money taken.",
              weighted: { bias: -2, atLeast: 0.75, words: { en: { "stolen": 2.5, "card*": 1, "joke": -2, "please": -0.1 }, et: { "varasta*": 3.2 } } } },
            { id: "big-order",
            """#
        let rules = try MiniRules.load(replacing: [(#"{ id: "big-order","#, weighted)])
        let classifier = Classifier(rules: rules)
        func decide(_ texts: [String]) -> Decision {
            var c = SupportCase(id: "w")
            c.events = texts.map { CaseEvent(at: nil, kind: .message(from: .customer, text: $0, channel: nil, promise: nil)) }
            return classifier.classify(c, now: nil)
        }
        func holds(_ texts: String...) -> Bool { decide(texts).signals.contains { $0.id == "taken" } }
        #expect(!holds("my card was stolen as a joke"))
        #expect(holds("my card was stolen"))
        #expect(holds("stolen", "the cards are blocked now"), "words add up across the customer's messages")
        #expect(!holds("stolen stolen stolen"), "a word counts once however often it is written")
        #expect(holds("Mu kaart varastati"), "an Estonian word weighs as much in any text")
        #expect(!holds("Stolen? No, that was a joke, card is fine"))
        let evidence = try #require(decide(["Please help, my card was stolen"]).signals.first { $0.id == "taken" }?.evidence)
        #expect(evidence.map(\.term) == ["card* +1.00", "stolen +2.50"], "only the words that weigh for it, each with its weight")
        let repeated = try #require(decide(["Stolen! My CARD, the card I use, was stolen"]).signals.first { $0.id == "taken" }?.evidence)
        #expect(repeated.map(\.matched) == ["Stolen", "CARD"], "a word is evidence once, as first written")
        let later = try #require(decide(["my card", "Card STOLEN, the card!"]).signals.first { $0.id == "taken" }?.evidence)
        #expect(later.map(\.matched) == ["card", "STOLEN"], "a word met again in a later message is not evidence twice")
    }

    @Test("a likelihood field reads a weighted signal's sum at its own threshold, and shows the likelihood as evidence")
    func likelihoodField() throws {
        // bias -2 and "stolen" 2.5 give 1 / (1 + e^-0.5) = 0.622: short of 0.75, past 0.6.
        let weighted = #"""
            { id: "taken-likely", about: "Money perhaps taken.", field: { path: "likelihood.taken", gte: 0.6 } },
            { id: "taken", about: "Money taken.",
              weighted: { bias: -2, atLeast: 0.75, words: { en: { "stolen": 2.5, "card*": 1, "joke": -2 } } } },
            { id: "big-order",
            """#
        let classifier = Classifier(rules: try MiniRules.load(replacing: [(#"{ id: "big-order","#, weighted)]))
        func signals(_ text: String) -> [String: [String]] {
            Dictionary(uniqueKeysWithValues: classifier.classify(.quick(text: text), now: nil).signals.map { ($0.id, $0.evidence.map(\.matched)) })
        }
        #expect(signals("it was stolen")["taken-likely"] == ["0.622"])
        #expect(signals("it was stolen")["taken"] == nil, "the weighted signal itself keeps its own threshold")
        #expect(signals("my card was stolen")["taken-likely"] == ["0.818"])
        #expect(signals("my card was stolen")["taken"] != nil)
        #expect(signals("stolen, as a joke")["taken-likely"] == nil)
        #expect(signals("nothing here")["taken-likely"] == nil)
    }

    @Test("a weighted sum that reaches its threshold exactly holds, whatever order the words come in")
    func weightedSumOrder() throws {
        // atLeast 0.5 asks for a sum of 0: -0.3 + 0.1 + 0.2 is 0 on paper, and a few 1e-17 above
        // or below it in floating point depending on the order of the additions.
        let weighted = #"""
            { id: "taken", about: "Money taken.",
              weighted: { bias: -0.3, atLeast: 0.5, words: { en: { "stolen": 0.1, "card": 0.2 } } } },
            { id: "big-order",
            """#
        let classifier = Classifier(rules: try MiniRules.load(replacing: [(#"{ id: "big-order","#, weighted)]))
        func holds(_ text: String) -> Bool {
            classifier.classify(SupportCase.quick(text: text), now: nil).signals.contains { $0.id == "taken" }
        }
        #expect(holds("stolen card"))
        #expect(holds("card stolen"))
        #expect(!holds("card"))
    }

    @Test("the third customer message raises repeat contact; agent messages do not count")
    func repeatContact() {
        var c = SupportCase(id: "r", events: [message("2026-03-01T09:00:00Z"), message("2026-03-01T10:00:00Z", .agent), message("2026-03-01T11:00:00Z")])
        #expect(!signals(c, now: "2026-03-01T11:00:00Z").contains("repeat"))
        c.events.append(message("2026-03-01T12:00:00Z"))
        #expect(signals(c, now: "2026-03-01T12:00:00Z").contains("repeat"))
    }

    @Test("a promise is overdue once its due time passes with no agent message or resolution after it")
    func promises() {
        var c = SupportCase(id: "p", events: [
            message("2026-03-01T09:00:00Z"),
            message("2026-03-01T10:00:00Z", .agent, "refund by Tuesday", promise: "2026-03-03T09:00:00Z"),
        ])
        #expect(!signals(c, now: "2026-03-03T08:00:00Z").contains("promise-broken"), "not due yet")
        #expect(signals(c, now: "2026-03-03T10:00:00Z").contains("promise-broken"))
        c.events.append(message("2026-03-02T10:00:00Z", .agent, "still on it"))
        #expect(signals(c, now: "2026-03-03T10:00:00Z").contains("promise-broken"), "a message before the due time does not keep the promise")
        c.events.append(message("2026-03-03T09:30:00Z", .agent, "refund sent"))
        #expect(!signals(c, now: "2026-03-04T10:00:00Z").contains("promise-broken"))
        var resolved = SupportCase(id: "p2", events: [message("2026-03-01T10:00:00Z", .agent, "soon", promise: "2026-03-02T00:00:00Z")])
        resolved.events.append(CaseEvent(at: MiniRules.date("2026-03-01T12:00:00Z"), kind: .status("resolved")))
        #expect(!signals(resolved, now: "2026-03-05T00:00:00Z").contains("promise-broken"))
    }

    @Test("hours waiting count from the oldest unanswered customer message; an agent reply resets them")
    func waiting() {
        var c = SupportCase(id: "w", events: [message("2026-03-01T09:00:00Z"), message("2026-03-01T20:00:00Z")])
        #expect(signals(c, now: "2026-03-02T09:00:00Z").contains("waiting"), "24 hours since the first unanswered message")
        #expect(!signals(c, now: "2026-03-02T08:00:00Z").contains("waiting"))
        c.events.append(message("2026-03-01T21:00:00Z", .agent))
        #expect(!signals(c, now: "2026-03-05T09:00:00Z").contains("waiting"))
        #expect(!signals(c, now: nil).contains("waiting"), "no clock, no waiting")
    }

    @Test("reopened: a reopened status, or a customer writing after a resolution")
    func reopened() {
        let resolved = CaseEvent(at: nil, kind: .status("resolved"))
        var c = SupportCase(id: "o", events: [message("2026-03-01T09:00:00Z"), resolved])
        #expect(!signals(c, now: nil).contains("reopened"))
        c.events.append(message("2026-03-02T09:00:00Z"))
        #expect(signals(c, now: nil).contains("reopened"))
        let explicit = SupportCase(id: "o2", events: [CaseEvent(at: nil, kind: .status("reopened"))])
        #expect(signals(explicit, now: nil).contains("reopened"))
    }

    @Test("channel changed: the customer wrote on two channels; a message without one is on the case's channel")
    func channels() {
        var c = SupportCase(id: "c", channel: .email, events: [message("2026-03-01T09:00:00Z")])
        #expect(!signals(c, now: nil).contains("hopping"))
        c.events.append(message("2026-03-01T10:00:00Z", channel: .phone))
        #expect(signals(c, now: nil).contains("hopping"))
    }

    @Test("evidence says whose it is: the customer's words, a value of the case, or a history fact measured at now")
    func evidenceKinds() throws {
        var c = SupportCase(id: "k", channel: .social, events: [
            message("2026-03-01T09:00:00Z", .customer, "it is broken"),
            message("2026-03-01T10:00:00Z", .agent, "refund by Tuesday", promise: "2026-03-03T09:00:00Z"),
            message("2026-03-02T09:00:00Z", .customer, "any news?", channel: .email),
            message("2026-03-03T09:00:00Z", .customer, "hello?", channel: .phone),
        ])
        c.customer.tenureMonths = 72
        let d = classifier.classify(c, now: MiniRules.date("2026-03-04T13:00:00Z"))
        func evidence(_ id: String) -> [Evidence] { d.signals.first { $0.id == id }?.evidence ?? [] }
        #expect(evidence("defect") == [Evidence(term: "broken", matched: "broken", kind: .words)])
        #expect(evidence("social") == [Evidence(term: "channel in [social]", matched: "social", kind: .value)])
        #expect(evidence("loyal") == [Evidence(term: "customer.tenureMonths ≥ 60", matched: "72", kind: .value)])
        #expect(evidence("repeat") == [Evidence(term: "customerMessages ≥ 3", matched: "3", kind: .history(.customerMessages(3)))])
        // Unanswered since the agent's reply: the message of 2 March, 09:00, 52 hours before now.
        #expect(evidence("waiting") == [Evidence(term: "hoursWaiting ≥ 24", matched: "52.0", kind: .history(.waiting(seconds: 52 * 3600)))])
        let due = MiniRules.date("2026-03-03T09:00:00Z")
        #expect(evidence("promise-broken") == [Evidence(term: "promiseOverdue", matched: "due 2026-03-03T09:00:00Z", kind: .history(.promiseOverdue(due: due, bySeconds: 28 * 3600)))])
        #expect(evidence("hopping") == [Evidence(term: "channelChanged", matched: "email, phone, social", kind: .history(.channels([.phone, .email, .social])))])
    }

    @Test("replaying event by event gives the same decision as classifying the whole case")
    func incremental() {
        let c = SupportCase(id: "i", events: [message("2026-03-01T09:00:00Z", .customer, "it is broken"), message("2026-03-01T10:00:00Z", .agent), message("2026-03-02T10:00:00Z", .customer, "my lawyer")])
        var evaluation = classifier.start(SupportCase(id: "i"))
        for e in c.events { evaluation.apply(e) }
        let now = MiniRules.date("2026-03-02T10:00:00Z")
        #expect(evaluation.decide(now: now) == classifier.classify(c, now: now))
        #expect(evaluation.decide(now: now).situation == .crisis)
    }
}

@Suite("Classifying many cases with one workspace")
struct ClassifierWorkspaceTests {
    @Test("reusing a workspace across cases gives the same decisions as classifying each afresh")
    func workspaceChangesNothing() throws {
        let classifier = try DefaultRulesSupport.classifier()
        var workspace = CaseEvaluation.Workspace()
        var compared = 0
        for file in FixtureCaseTests.files {
            let supportCase = try DefaultRulesSupport.fixtureCase(file)
            let now = supportCase.lastEventTime
            let fresh = classifier.classify(supportCase, now: now, explain: true)
            let reused = classifier.classify(supportCase, now: now, explain: true, workspace: &workspace)
            #expect(reused == fresh, "\(file)")
            compared += 1
        }
        #expect(compared >= 40)
    }

    @Test("hours waiting are worded with one decimal, halves rounding to even as printf does")
    func oneDecimal() {
        #expect(CaseEvaluation.oneDecimal(0) == "0.0")
        #expect(CaseEvaluation.oneDecimal(25.5) == "25.5")
        #expect(CaseEvaluation.oneDecimal(1.04) == "1.0")
        #expect(CaseEvaluation.oneDecimal(1.06) == "1.1")
        #expect(CaseEvaluation.oneDecimal(0.25) == "0.2")
        #expect(CaseEvaluation.oneDecimal(0.75) == "0.8")
        #expect(CaseEvaluation.oneDecimal(99.96) == "100.0")
        #expect(CaseEvaluation.oneDecimal(-2.25) == String(format: "%.1f", -2.25))
        #expect(CaseEvaluation.oneDecimal(123_456_789_012.34) == "123456789012.3")
        #expect(CaseEvaluation.oneDecimal(999_999_999_999_999.9) == String(format: "%.1f", 999_999_999_999_999.9))
        // Values near a half, where a naive `(x * 10).rounded()` and printf part ways.
        var mismatches: [Double] = []
        for i in 0..<20_000 {
            for x in [Double(i) * 0.05, Double(i) / 3600 * 7, Double(i) * 0.37 / 3] where CaseEvaluation.oneDecimal(x) != String(format: "%.1f", x) {
                mismatches.append(x)
            }
        }
        #expect(mismatches.isEmpty, "first: \(mismatches.prefix(5))")
    }
}

@Suite("Replay steps agree with full decisions")
struct ReplayStepAgreementTests {
    @Test("after every customer message of every fixture case, the replay step says what the full decision says")
    func stepsMatchFull() throws {
        let classifier = try DefaultRulesSupport.classifier()
        let replayer = Replayer(rules: classifier.rules)
        var steps = 0
        var customerMessages = 0
        for file in FixtureCaseTests.files {
            let c = try DefaultRulesSupport.fixtureCase(file)
            let replay = replayer.replay(c)
            var header = c
            header.events = []
            var evaluation = classifier.start(header)
            var lastTime = c.openedAt
            var stepIndex = 0
            for event in c.events {
                evaluation.apply(event)
                if let at = event.at { lastTime = at }
                guard event.isCustomerMessage else { continue }
                customerMessages += 1
                let full = evaluation.decide(now: event.at ?? lastTime)
                guard stepIndex < replay.steps.count else { break }
                let step = replay.steps[stepIndex]
                stepIndex += 1
                #expect(step.situation == full.situation, "\(file)")
                #expect(step.fallback == full.fallback, "\(file)")
                #expect(step.signals == full.signals.map(\.id), "\(file)")
                #expect(step.rules == full.situations.flatMap { $0.rules.map(\.id) }, "\(file)")
                #expect(step.expectations == full.expectations, "\(file)")
                #expect(step.uncovered == full.uncovered, "\(file)")
                #expect(step.responses == full.responses.map(\.id), "\(file)")
                steps += 1
            }
        }
        #expect(steps == customerMessages)
        #expect(steps >= FixtureCaseTests.files.count)
    }
}

@Suite("Field comparisons")
struct FieldComparisonTests {
    @Test("strings compare without regard to case; ASCII without Foundation, anything else through it")
    func caseInsensitive() {
        #expect(FieldEvaluation.same(.string("VIP"), .string("vip")))
        #expect(FieldEvaluation.same(.string("High-Value"), .string("high-value")))
        #expect(!FieldEvaluation.same(.string("web"), .string("social")))
        #expect(!FieldEvaluation.same(.string("web"), .string("webs")))
        #expect(!FieldEvaluation.same(.string("a["), .string("a{")))
        #expect(FieldEvaluation.same(.string("ÜLIKOOL"), .string("ülikool")))
        #expect(!FieldEvaluation.same(.string("ülikool"), .string("ulikool")))
        #expect(FieldEvaluation.asciiEqualIgnoringCase("Mari", "mARI") == true)
        #expect(FieldEvaluation.asciiEqualIgnoringCase("Mari", "Marie") == false)
        #expect(FieldEvaluation.asciiEqualIgnoringCase("Mari", "Märi") == nil)
        #expect(FieldEvaluation.asciiEqualIgnoringCase("Mari", "Mari ü") == nil)
    }
}

@Suite("Evidence in the customer's own words")
struct EvidenceWordsTests {
    @Test("the same words typed precomposed and with a combining mark are one piece of evidence, as Swift compares text")
    func canonicallyEquivalentWordsCountOnce() throws {
        let classifier = try DefaultRulesSupport.classifier()
        let precomposed = "kätte saamata"
        let decomposed = "ka\u{0308}tte saamata"
        #expect(Array(precomposed.utf8) != Array(decomposed.utf8))
        let once = classifier.classify(SupportCase.quick(text: "Pakk on ikka \(precomposed)."), now: nil)
        let twice = classifier.classify(SupportCase.quick(text: "Pakk on ikka \(precomposed). Ikka \(decomposed)!"), now: nil)
        let evidenceOnce = try #require(once.signals.first { $0.id == "delay" }).evidence
        let evidenceTwice = try #require(twice.signals.first { $0.id == "delay" }).evidence
        #expect(evidenceOnce.count == 1)
        #expect(evidenceTwice == evidenceOnce)
    }
}
