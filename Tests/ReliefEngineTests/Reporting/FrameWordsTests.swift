import Testing
@testable import ReliefEngine

@Suite("Frame words")
struct FrameWordsTests {
    @Test("every situation, expectation and condition key has a name of its own in every language")
    func names() {
        for words in FrameWords.all {
            let situations = Situation.allCases.map(words.name)
            let expectations = Expectation.allCases.map(words.name)
            let keys = ResponseCondition.Key.allCases.map(words.name)
            for list in [situations, expectations, keys] {
                #expect(Set(list).count == list.count, "\(words.code): \(list)")
                #expect(!list.contains(""), "\(words.code)")
            }
        }
    }

    @Test("Estonian leaves no English word in the frame; only the shared 'segment' and empty affixes match")
    func estonianIsEstonian() {
        let english = Mirror(reflecting: FrameWords.english).children
        let estonian = Dictionary(uniqueKeysWithValues: Mirror(reflecting: FrameWords.estonian).children.map { ($0.label!, "\($0.value)") })
        var compared = 0
        for child in english {
            guard let label = child.label, let word = child.value as? String, !word.isEmpty, label != "code", label != "segment" else { continue }
            #expect(estonian[label] != word, "\(label) is '\(word)' in both")
            compared += 1
        }
        #expect(compared > 30)
        #expect(FrameWords.estonian.units == .estonian)
    }

    @Test("the words follow the language code; a language without its own gets English")
    func choice() {
        #expect(FrameWords.forLanguage("et") == .estonian)
        #expect(FrameWords.forLanguage("ET") == .estonian)
        #expect(FrameWords.forLanguage("en") == .english)
        #expect(FrameWords.forLanguage("fi") == .english)
        #expect(FrameWords.estonian.within(ISODuration.parse("PT90M")!) == "1 t 30 min jooksul")
        #expect(FrameWords.english.within(ISODuration.parse("P2D")!) == "within 2 d")
    }
}
