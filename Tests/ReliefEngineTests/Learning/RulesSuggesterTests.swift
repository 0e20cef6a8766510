import Foundation
import Testing
@testable import ReliefEngine

@Suite("rules suggest: terms measured on labelled cases")
struct RulesSuggesterTests {
    func cases(_ texts: [(String, Situation)], rules: RuleSet, language: String = "en") -> [SuggestionCase] {
        let classifier = Classifier(rules: rules)
        return texts.enumerated().compactMap { i, pair in
            SuggestionCase(SupportCase.quick(id: "c-\(i)", text: pair.0, language: language), expected: pair.1, source: "test", mode: .first, classifier: classifier)
        }
    }

    @Test("a word the misses share is proposed for a signal that fixes them, with fixes, breaks, support and precision counted on every case")
    func proposesAMeasuredWord() throws {
        let rules = try MiniRules.load()
        let labelled = cases([
            ("The table is wobbly", .unexpected),
            ("My chair came wobbly and bent", .unexpected),
            ("Wobbly legs on the stool", .unexpected),
            ("Is the wobbly look in fashion", .everyday),
            ("Thanks a lot", .everyday),
        ], rules: rules)
        var options = RulesSuggester.Options()
        options.minimumPrecision = 0
        let suggestions = RulesSuggester(rules: rules, options: options).suggest(labelled)
        let wobbly = try #require(suggestions.first { $0.term == "wobbly" })
        #expect(wobbly.situation == .unexpected)
        #expect(wobbly.fixes == 3)
        #expect(wobbly.breaks == 1, "the everyday question with the same word is broken")
        #expect(wobbly.support == 4)
        #expect(wobbly.precision == 75)
        #expect(wobbly.net == 2)
        #expect(["defect", "repeat", "promise-broken", "waiting", "reopened", "hopping"].contains(wobbly.signal))
        #expect(SuggestionText.snippet(wobbly).hasPrefix("\"wobbly\",  // e.g. c-"))
    }

    @Test("an inflected word is offered as the shortest prefix that does not fire inside other words of the cases")
    func shortestSafePrefix() throws {
        let rules = try MiniRules.load()
        let labelled = cases([
            ("Laud kõikus kogu aeg", .unexpected),
            ("Tool hakkas kõikuma", .unexpected),
            ("Riiul on kõikuv ja kõikus", .unexpected),
            ("Kõik on korras, aitäh", .everyday),
            ("Kõike head", .everyday),
        ], rules: rules, language: "et")
        var options = RulesSuggester.Options()
        options.minimumPrecision = 0
        options.top = 50
        let terms = RulesSuggester(rules: rules, options: options).suggest(labelled).map(\.term)
        #expect(terms.contains("koiku*"))
        #expect(!terms.contains("koik*"), "it would fire inside 'kõik' (all)")
        #expect(!terms.contains("koikus"), "the prefix reaches every form the word did, so the word is not offered again")
    }

    @Test("nothing to suggest when every case is already right, and suggestions respect the precision floor")
    func nothingToSuggest() throws {
        let rules = try MiniRules.load()
        let right = cases([("It is broken", .unexpected), ("Thanks", .everyday)], rules: rules)
        #expect(RulesSuggester(rules: rules).suggest(right).isEmpty)
        let labelled = cases([("The table is wobbly", .unexpected), ("My chair is wobbly", .unexpected), ("Wobbly jelly is fun", .everyday), ("wobbly wobbly", .everyday), ("so wobbly", .everyday)], rules: rules)
        var options = RulesSuggester.Options()
        options.minimumPrecision = 60
        #expect(!RulesSuggester(rules: rules, options: options).suggest(labelled).contains { $0.term == "wobbly" })
    }
}
