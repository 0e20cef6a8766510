import Testing
@testable import ReliefEngine

/// Did-you-mean hints: a slip of the fingers finds the word meant; another word finds nothing.
@Suite("Closest match")
struct ClosestMatchTests {
    @Test("one dropped, added, changed or swapped letter is one edit")
    func distances() {
        #expect(editDistance("case", "case") == 0)
        #expect(editDistance("cse", "case") == 1)
        #expect(editDistance("caase", "case") == 1)
        #expect(editDistance("cose", "case") == 1)
        #expect(editDistance("txet", "text") == 1, "a swap of neighbours is one edit")
        #expect(editDistance("", "abc") == 3)
        #expect(editDistance("abc", "") == 3)
        #expect(editDistance("triage", "rules") == 5)
    }

    @Test("the nearest candidate is chosen; a tie goes to the first listed; nothing close is nil")
    func choice() {
        #expect(closestMatch(to: "cse", in: ["at", "case", "customer"]) == "case")
        #expect(closestMatch(to: "jsno", in: ["lang", "json"]) == "json")
        #expect(closestMatch(to: "TRIAGE", in: ["triage"]) == "triage", "case does not count")
        #expect(closestMatch(to: "ab", in: ["ax", "ay"]) == "ax")
        #expect(closestMatch(to: "weather", in: ["check", "show", "suggest"]) == nil)
        #expect(closestMatch(to: "fi", in: ["et", "en"]) == nil, "a word with every letter changed is another word")
        #expect(closestMatch(to: "ee", in: ["et", "en"]) == "et")
    }

    @Test("didYouMean words the hint as the tail of a message, or adds nothing")
    func hint() {
        #expect(didYouMean("shwo", in: ["verify", "show", "stats"]) == "; did you mean 'show'?")
        #expect(didYouMean("weather", in: ["verify", "show", "stats"]) == "")
    }
}
