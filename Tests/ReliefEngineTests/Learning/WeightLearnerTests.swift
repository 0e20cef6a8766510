import Testing
@testable import ReliefEngine

@Suite("Learning weighted words from labelled texts")
struct WeightLearnerTests {
    /// Ten cases are few, so the data are given more pull than the default (made for hundreds).
    let learner: WeightLearner = {
        var options = WeightLearner.Options()
        options.strength = 10
        return WeightLearner(options: options)
    }()

    @Test("a text's words are folded as the matcher folds them, cut to six letters, counted once; digits and one- or two-letter words left out")
    func terms() {
        #expect(learner.terms(of: "Pensioni ei tulnud! PENSION 2024, ei") == ["pensio*", "tulnud*"])
        #expect(learner.terms(of: "Kõik läks ja ma") == ["koik", "laks"])
        #expect(learner.terms(of: "") == [])
    }

    static let examples: [(text: String, positive: Bool)] = [
        ("my account was hacked and money is gone", true),
        ("hacked account, someone took my savings", true),
        ("they hacked my email and money vanished", true),
        ("money left the account, not me", true),
        ("how do I change my email", false),
        ("what are your opening hours", false),
        ("can I change my delivery address", false),
        ("thanks, the parcel came", false),
        ("how do I change the address on my account", false),
        ("a question about opening hours", false),
    ]

    @Test("words only in the situation's cases weigh for it, words only outside weigh against, and a word seen once weighs nothing")
    func weights() throws {
        let learned = learner.learn(Self.examples)
        #expect(learned.texts == 10 && learned.positives == 4)
        let weight = Dictionary(uniqueKeysWithValues: learned.weights.map { ($0.term, $0.weight) })
        #expect(try #require(weight["hacked*"]) > 0)
        #expect(try #require(weight["money"]) > 0)
        #expect(weight["change*"].map { $0 < 0 } ?? true)
        #expect(weight["savings*"] == nil, "seen in one text only")
        #expect(learned.bias < 0, "most cases are not in the situation")
        #expect(learned.weights.map(\.weight) == learned.weights.map(\.weight).sorted(by: >), "heaviest first")
    }

    @Test("the same cases in another order give the same weights")
    func deterministic() {
        #expect(learner.learn(Self.examples) == learner.learn(Self.examples.reversed()))
    }

    @Test("one very long case does not shrink every step: learning still settles, and says whether it did")
    func longCase() {
        // A form letter of 300 words, sent twice, beside the short cases.
        let letter = (1...300).map { "formword\(Character(UnicodeScalar(97 + $0 % 26)!))\($0 / 26 == 0 ? "" : String(repeating: "q", count: $0 / 26))" }
            .joined(separator: " ")
        let learned = learner.learn(Self.examples + [(letter, false), (letter, false)])
        #expect(learned.converged, "stopped after \(learned.iterations) steps")
        var few = learner.options
        few.iterations = 3
        let cut = WeightLearner(options: few).learn(Self.examples)
        #expect(!cut.converged && cut.iterations == 3)
    }

    @Test("the step is set by the cases as a whole, bounded on both sides")
    func lipschitz() {
        // One case of 300 words and 99 of one word: the longest row alone would allow a step
        // of 1/75; the cases as a whole allow a far longer one.
        let rows = [Array(0..<300)] + Array(repeating: [300], count: 99)
        let n = 100.0
        let estimate = WeightLearner.lipschitz(rows, columns: 301, n: n)
        let bound = 301 * n / (4 * n)
        // Any vector's Rayleigh quotient is a lower bound of the largest eigenvalue: all ones.
        let ones = rows.map { Double($0.count + 1) }
        let quotient = ones.reduce(0) { $0 + $1 * $1 } / 302
        #expect(estimate >= quotient / (4 * n))
        #expect(estimate < bound / 5)
    }

    @Test("a weaker pull of the data keeps fewer words")
    func strength() {
        var weak = WeightLearner.Options()
        weak.strength = 1
        #expect(WeightLearner(options: weak).learn(Self.examples).weights.count < learner.learn(Self.examples).weights.count)
    }
}
