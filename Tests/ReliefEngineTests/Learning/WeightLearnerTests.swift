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

    @Test("a weaker pull of the data keeps fewer words")
    func strength() {
        var weak = WeightLearner.Options()
        weak.strength = 1
        #expect(WeightLearner(options: weak).learn(Self.examples).weights.count < learner.learn(Self.examples).weights.count)
    }
}
