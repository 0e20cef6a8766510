import Testing
@testable import ReliefEngine

@Suite("Matching text terms")
struct TermMatcherTests {
    func matcher(_ terms: [String], negators: [String] = ["ei", "pole", "not", "no", "hasnt"], window: Int = 2, negation: Bool = true) -> TermMatcher {
        let compiled = terms.map { source -> Term in
            let words = try! Term.parse(source).get()
            let startsNegated = negators.contains(words[0].text)
            let requires = source.hasPrefix("~")
            return Term(source: source, words: words, negatable: negation && !startsNegated && words.count == 1 && !requires, requiresNegation: requires)
        }
        return TermMatcher(terms: compiled, negators: negators, markers: [], negationWindow: window, negatedTermWindow: 5)
    }

    func matched(_ m: TermMatcher, _ text: String) -> [String] {
        m.hits(in: text).map { m.terms[$0.term].source + "=" + $0.matched(in: text) }
    }

    @Test("ignores case: KATKI matches katki")
    func caseInsensitive() {
        #expect(matched(matcher(["katki"]), "Telefon on KATKI!") == ["katki=KATKI"])
    }

    @Test("ignores diacritics on both sides: tanan matches tänan and the other way round")
    func diacritics() {
        #expect(matched(matcher(["tänan"]), "tanan vaga") == ["tänan=tanan"])
        #expect(matched(matcher(["tootab"]), "Nüüd töötab") == ["tootab=töötab"])
        #expect(matched(matcher(["šokk"]), "see oli sokk") == ["šokk=sokk"])
    }

    @Test("a prefix term matches inflected Estonian forms")
    func prefixes() {
        let m = matcher(["rikk*"])
        #expect(matched(m, "rike") == [])
        #expect(matched(m, "Suur rikke tõttu") == ["rikk*=rikke"])
        #expect(matched(m, "seadmega juhtus rikkega seotud asi") == ["rikk*=rikkega"])
        #expect(matched(m, "parikk") == [], "a prefix matches the start of a word only")
    }

    @Test("whole words respect word boundaries: kohus does not fire inside kohustus")
    func wordBoundaries() {
        let m = matcher(["kohus"])
        #expect(matched(m, "See on minu kohustus") == [])
        #expect(matched(m, "Lähen kohus-asjaga edasi") == ["kohus=kohus"])
        #expect(matched(m, "kohus.") == ["kohus=kohus"])
    }

    @Test("a phrase matches consecutive words only, and quotes them as written")
    func phrases() {
        let m = matcher(["ei tööta"])
        #expect(matched(m, "Mu telefon EI TOOTA enam") == ["ei tööta=EI TOOTA"])
        #expect(matched(m, "ei see tööta") == [])
        #expect(matched(m, "tööta ei") == [])
    }

    @Test("a negator shortly before a problem word cancels it; a phrase with the negator is kept")
    func negation() {
        let m = matcher(["probleem*", "broken", "ei tööta"])
        #expect(matched(m, "Pole probleemi, aitäh") == [])
        #expect(matched(m, "pole mingit probleemi") == [], "two words back is still inside the window")
        #expect(matched(m, "ei ole enam mingit probleemi") == ["probleem*=probleemi"], "outside the window")
        #expect(matched(m, "It is not broken") == [])
        #expect(matched(m, "It is broken") == ["broken=broken"])
        #expect(matched(m, "Pesumasin ei tööta") == ["ei tööta=ei tööta"])
    }

    @Test("a ~ term matches only after a negator, with other words between")
    func requiresNegation() {
        let m = matcher(["~kohale jõudnud", "~arrived"])
        #expect(matched(m, "Pakk pole siiani kohale jõudnud") == ["~kohale jõudnud=kohale jõudnud"])
        #expect(matched(m, "pakk on kohale jõudnud, aitäh") == [])
        #expect(matched(m, "It hasn't arrived") == ["~arrived=arrived"])
        #expect(matched(m, "It has not yet arrived") == ["~arrived=arrived"])
        #expect(matched(m, "It arrived today") == [])
        #expect(matched(m, "Pakk ei ole tänaseks ikka veel kohale jõudnud") == ["~kohale jõudnud=kohale jõudnud"], "five words back")
        #expect(matched(m, "Ei tea, kas on kohale jõudnud") == [], "negation does not cross a comma")
    }

    @Test("negation stops at the end of a clause")
    func clauses() {
        let m = matcher(["broken", "probleem*"])
        #expect(matched(m, "No, broken again") == ["broken=broken"])
        #expect(matched(m, "Pole. Probleem on suur") == ["probleem*=Probleem"])
        #expect(matched(m, "not broken") == [])
    }

    @Test("a signal can switch negation off")
    func negationOff() {
        let m = matcher(["pulm*"], negation: false)
        #expect(matched(m, "ei pulmad") == ["pulm*=pulmad"])
    }

    @Test("the apostrophe of n't is dropped, so doesn't, doesnt and doesn’t are one word")
    func apostrophes() {
        let m = matcher(["doesn't work"])
        #expect(matched(m, "it doesnt work") == ["doesn't work=doesnt work"])
        #expect(matched(m, "it doesn’t work") == ["doesn't work=doesn’t work"])
        #expect(matched(m, "It DOESN'T work") == ["doesn't work=DOESN'T work"])
    }

    @Test("every occurrence is found, in text order, with terms sharing words")
    func multipleHits() {
        let m = matcher(["arve", "arve*", "topelt arve"])
        let hits = matched(m, "topelt arve ja teine arvega")
        #expect(hits == ["topelt arve=topelt arve", "arve=arve", "arve*=arve", "arve*=arvega"])
    }

    @Test("text in other scripts, emoji and broken bytes never crash and do not match Latin terms")
    func otherScripts() {
        let m = matcher(["katki"])
        #expect(matched(m, "Привет 😡 katki 💥 東京") == ["katki=katki"])
        #expect(matched(m, "") == [])
        #expect(matched(m, "   ,,, !!! ") == [])
    }

    @Test("a decomposed accent folds like a composed one")
    func decomposed() {
        #expect(matched(matcher(["tänan"]), "ta\u{308}nan") == ["tänan=ta\u{308}nan"])
    }

    @Test("term parsing rejects a bare star and a star inside a word")
    func termParsing() throws {
        #expect(throws: Term.ParseProblem.starOnly) { try Term.parse("*").get() }
        #expect(throws: Term.ParseProblem.starInsideWord("ri*kk")) { try Term.parse("ri*kk").get() }
        #expect(throws: Term.ParseProblem.empty) { try Term.parse("   ").get() }
        #expect(try Term.parse("Ei  TÖÖTA*").get() == [TermWord(text: "ei", isPrefix: false), TermWord(text: "toota", isPrefix: true)])
    }
}

@Suite("Folding text")
struct TextFoldingTests {
    @Test("lower-cases, strips Estonian and other Latin diacritics, and splits on punctuation")
    func fold() {
        #expect(TextFolding.fold("Õunad, ÄRA! Šokolaad-Žürii") == "ounad ara sokolaad zurii")
        #expect(TextFolding.fold("Straße café naïve") == "strasse cafe naive")
        #expect(TextFolding.fold("I can't") == "i cant")
        #expect(TextFolding.fold("I'll go, she’ll see, it's O'Brien") == "i ll go she ll see it s o brien", "only n't joins: I'll is never 'ill'")
        #expect(TextFolding.fold("T-1001") == "t 1001")
    }

    /// The obvious folding, scalar by scalar, for the characters `randomTexts` uses.
    static func referenceTokens(_ text: String) -> [(folded: String, original: String, clauseStart: Bool)] {
        var tokens: [(folded: String, original: String, clauseStart: Bool)] = []
        var folded = "", original = "", pendingOriginal = ""
        var clause = true
        let scalars = Array(text.unicodeScalars)
        func close() {
            if !folded.isEmpty { tokens.append((folded, original, clause)); clause = false }
            folded = ""; original = ""; pendingOriginal = ""
        }
        for (k, u) in scalars.enumerated() {
            let map: [Unicode.Scalar: String] = ["õ": "o", "Õ": "o", "ä": "a", "Ä": "a", "ö": "o", "ü": "u", "Ü": "u", "š": "s", "ž": "z", "é": "e", "ß": "ss"]
            if let m = map[u] {
                folded += m; original += pendingOriginal + String(u); pendingOriginal = ""
            } else if u.isASCII, u.properties.isAlphabetic || ("0"..."9").contains(u) {
                folded += String(u).lowercased(); original += pendingOriginal + String(u); pendingOriginal = ""
            } else if u == "'", !folded.isEmpty, k + 1 < scalars.count, scalars[k + 1] == "t" || scalars[k + 1] == "T",
                      k + 2 >= scalars.count || !(scalars[k + 2].properties.isAlphabetic) {
                pendingOriginal += "'"
            } else {
                close()
                if [".", "!", "?", ";", ",", "\n"].contains(u) { clause = true }
            }
        }
        close()
        return tokens
    }

    @Test("random mixes of ASCII runs, Estonian letters, digits, apostrophes and punctuation fold as the obvious scalar-by-scalar folding does, quoting the original words")
    func randomTexts() {
        let pieces = ["a", "Tere", "kohale", "JÕUDMATA", "Klienditeenindusele", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "õ", "Ü", "ž", "ß", "é", "7", "42", "n't", "'", "'t", " ", "  ", ".", ",", "-", "@", "\n", "?", "[", "{", "`", "~"]
        var random = SplitMix64(seed: 11)
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...14, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            var folded = FoldedText()
            folded.load(text)
            let expected = Self.referenceTokens(text)
            #expect(folded.tokens.map { folded.word($0) } == expected.map(\.folded), "\(text.debugDescription)")
            guard folded.tokenCount == expected.count else { continue }
            for (i, token) in folded.tokens.enumerated() {
                #expect(folded.original(from: i, to: i) == expected[i].original, "\(text.debugDescription) token \(i)")
                #expect(token.clauseStart == expected[i].clauseStart, "\(text.debugDescription) token \(i)")
            }
        }
    }
}
