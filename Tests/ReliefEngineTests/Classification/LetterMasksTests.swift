import Testing
@testable import ReliefEngine

/// The letter table must count exactly what asking each language's set of letters counts.
@Suite("Language letters")
struct LetterMasksTests {
    static let letters: [Set<Unicode.Scalar>] = [
        Set("õäöüšžÕÄÖÜŠŽ".unicodeScalars),   // Estonian
        Set("äöåÄÖÅ".unicodeScalars),         // Finnish and Swedish: shares ä and ö
        Set("āēīūčģķļņšžĀĒĪŪ".unicodeScalars), // Latvian: shares š and ž
    ]

    @Test("random texts of ASCII, shared and unshared letters, Cyrillic, CJK, emoji and combining marks count as the sets count")
    func tableMatchesSets() throws {
        let masks = try #require(LetterMasks(Self.letters))
        let pieces = ["a", "Tere ", "õ", "Ä", "ö", "å", "ā", "š", "Ž", "ж", "中", "😀", "e\u{0308}", "\n", "1234567", "ü", "ß", "é"]
        var generator = SplitMix64(seed: 0x1E77E5)
        for _ in 0..<2_000 {
            let text = (0..<Int(generator.next() % 60)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            var fromTable = [0, 0, 0], fromSets = [0, 0, 0]
            masks.count(in: text, into: &fromTable)
            LetterMasks.count(in: text, sets: Self.letters, into: &fromSets)
            #expect(fromTable == fromSets, "\(text.debugDescription)")
            if fromTable != fromSets { return }
        }
    }

    @Test("an Estonian sentence counts its õ, ä, ö and ü for Estonian, and the shared ä and ö for Finnish: õ õ ü ä ö ö")
    func estonianSentence() throws {
        let masks = try #require(LetterMasks(Self.letters))
        var counts = [0, 0, 0]
        masks.count(in: "Tõnu ütles, et pakk jõudis kätte alles öösel.", into: &counts)
        #expect(counts == [6, 3, 0])
    }

    @Test("letters beyond the table, or more than eight languages, leave the sets to do the counting")
    func falsBackWhenTheTableCannotHoldThem() {
        #expect(LetterMasks([Set("აბ".unicodeScalars)]) == nil)
        #expect(LetterMasks(Array(repeating: Set("õ".unicodeScalars), count: 9)) == nil)
        #expect(LetterMasks([Set("õ".unicodeScalars), []]) != nil)
    }
}
