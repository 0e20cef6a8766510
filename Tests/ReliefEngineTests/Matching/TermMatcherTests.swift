import Testing
@testable import ReliefEngine

@Suite("Matching text terms")
struct TermMatcherTests {
    func matcher(
        _ terms: [String], negators: [String] = ["ei", "pole", "not", "no", "hasnt"], postNegators: [[String]] = [],
        window: Int = 2, negation: Bool = true, proximity: Int = 4
    ) -> TermMatcher {
        let compiled = terms.map { source -> Term in
            let parsed = try! Term.parseTerm(source).get()
            let words = parsed.words
            let negatable = negation && !parsed.requiresNegation
                && (parsed.isProximity ? !words.contains { negators.contains($0.text) } : words.count == 1 && !negators.contains(words[0].text))
            return Term(source: source, words: words, negatable: negatable, requiresNegation: parsed.requiresNegation, isProximity: parsed.isProximity)
        }
        return TermMatcher(
            terms: compiled, languages: [TermMatcher.LanguageWords(negators: negators, postNegators: postNegators)],
            windows: TermMatcher.Windows(negation: window, negatedTerm: 5, proximity: proximity))
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

@Suite("Proximity, any-word phrases, negation after a term, and negators by language")
struct TermMatcherConstructionTests {
    let base = TermMatcherTests()

    @Test("a proximity term matches its words in any order within the window, in one sentence")
    func proximity() {
        let m = base.matcher(["arve & vale*"])
        #expect(base.matched(m, "arve on jälle vale") == ["arve & vale*=arve on jälle vale"])
        #expect(base.matched(m, "Vale arve tuli") == ["arve & vale*=Vale arve"])
        #expect(base.matched(m, "arve, mis eile tuli, on valesti") == [], "six words apart is outside a window of four")
        #expect(base.matched(base.matcher(["arve & vale*"], proximity: 6), "arve, mis eile tuli, on valesti") == ["arve & vale*=arve, mis eile tuli, on valesti"])
        #expect(base.matched(m, "Arve tuli. Vale kuupäev") == [], "a sentence ends between them")
        #expect(base.matched(base.matcher(["sündis & tütar"]), "meie perre sündis 3. märtsil tütar") == ["sündis & tütar=sündis 3. märtsil tütar"],
            "the full stop of an Estonian ordinal date does not end the sentence")
        #expect(base.matched(base.matcher(["sündis & tütar"]), "Laps sündis 3. Tütar on terve") == [], "a full stop before a capital still does")
        #expect(base.matched(m, "arve") == [])
    }

    @Test("a negator before a proximity term, or between its words, cancels it")
    func proximityNegation() {
        let m = base.matcher(["arve & vale*"])
        #expect(base.matched(m, "arve ei ole vale") == [])
        #expect(base.matched(m, "pole vale arve") == [])
        #expect(base.matched(m, "vale arve, ei saa aru") == ["arve & vale*=vale arve"], "a negator after it, in the next clause, does not")
        let withNegator = base.matcher(["pole & vett"])
        #expect(base.matched(withNegator, "pole meil kaks päeva vett") == ["pole & vett=pole meil kaks päeva vett"], "a negator that is part of the term is its meaning")
    }

    @Test("'_' stands for any one word of the same clause")
    func anyWord() {
        let m = base.matcher(["cant _", "keeps _ing"])
        #expect(base.matched(m, "I can't log in") == ["cant _=can't log"])
        #expect(base.matched(m, "I can't.") == [])
        #expect(base.matched(m, "I cant, honestly") == [])
        #expect(base.matched(m, "cant") == [])
        #expect(throws: Term.ParseProblem.misplacedAny) { try Term.parseTerm("_ cant").get() }
        #expect(throws: Term.ParseProblem.misplacedAny) { try Term.parseTerm("cant & _").get() }
        #expect(throws: Term.ParseProblem.badProximity) { try Term.parseTerm("arve & & vale").get() }
        #expect(throws: Term.ParseProblem.badProximity) { try Term.parseTerm("vale arve & summa").get() }
        #expect(throws: Term.ParseProblem.badProximity) { try Term.parseTerm("~arve & vale").get() }
    }

    @Test("a post-negator shortly after a term cancels it, within its clause; a bare 'ei' before a verb does not")
    func negationAfter() {
        let m = base.matcher(["viga", "rike"], postNegators: [["pole"], ["ei", "ole"]])
        #expect(base.matched(m, "viga pole, tahtsin lihtsalt teada") == [])
        #expect(base.matched(m, "Viga siin ei ole") == [])
        #expect(base.matched(m, "viga, pole kindel kus") == ["viga=viga"])
        #expect(base.matched(m, "rike ei lase mul internetti kasutada") == ["rike=rike"])
        #expect(base.matched(m, "viga on suur ja pole lahendust") == ["viga=viga"], "outside the window of two")
    }

    @Test("each language's negators cancel only that language's terms")
    func negatorsByLanguage() {
        let et = Term(source: "probleem*", words: [TermWord(text: "probleem", isPrefix: true)], negatable: true, language: 0)
        let en = Term(source: "broken", words: [TermWord(text: "broken", isPrefix: false)], negatable: true, language: 1)
        let m = TermMatcher(terms: [et, en], languages: [.init(negators: ["ei", "pole"]), .init(negators: ["no", "not"])])
        #expect(base.matched(m, "no probleemi") == ["probleem*=probleemi"], "English 'no' is also Estonian filler")
        #expect(base.matched(m, "pole probleemi") == [])
        #expect(base.matched(m, "ei broken") == ["broken=broken"])
        #expect(base.matched(m, "not broken") == [])
    }

    @Test("memory for a text grows with what its words satisfy, not with the longest chain of nested prefixes")
    func nestedPrefixesDoNotReserve() {
        let prefixes = (1...300).map { String(repeating: "a", count: $0) + "*" }
        let m = base.matcher(prefixes)
        #expect(m.longestPrefixChain == 300)
        var scratch = TermMatcher.Scratch()
        var result = TermMatcher.ScanResult()
        m.scan(String(repeating: "b ", count: 20_000), scratch: &scratch, into: &result)
        #expect(result.hits.isEmpty)
        #expect(scratch.satisfied.count < 100_000, "20,000 words satisfying nothing need no room per prefix")
        m.scan(String(repeating: "a", count: 50) + " b", scratch: &scratch, into: &result)
        #expect(result.hits.count == 50)
    }
}

@Suite("Folding text")
struct TextFoldingTests {
    @Test("lower-cases, strips Estonian and other Latin diacritics, and splits on punctuation")
    func fold() {
        #expect(TextFolding.fold("Õunad, ÄRA! Šokolaad-Žürii") == "ounad ara sokolaad zurii")
        #expect(TextFolding.fold("Straße café naïve") == "strasse cafe naive")
        #expect(TextFolding.fold("Ещё ЁЛКА течёт") == "еще елка течет", "Russian ё is typed е as often as not")
        // A word that is folded already is one word as it stands, and exactly what folding gives.
        for word in ["katki", "rikk", "covid19", "сломал", "течет"] {
            #expect(TextFolding.isFoldedWord(word) && TextFolding.fold(word) == word, "\(word)")
        }
        for word in ["Katki", "köök", "e-mail", "течёт", "Сломал", "", "a b"] { #expect(!TextFolding.isFoldedWord(word), "\(word)") }
        #expect(TextFolding.fold("I can't") == "i cant")
        #expect(TextFolding.fold("I'll go, she’ll see, it's O'Brien") == "i ll go she ll see it s o brien", "only n't joins: I'll is never 'ill'")
        #expect(TextFolding.fold("T-1001") == "t 1001")
    }

    /// The obvious folding, scalar by scalar, for the characters `randomTexts` uses.
    static func referenceTokens(_ text: String) -> [(folded: String, original: String, clauseStart: Bool, sentenceStart: Bool)] {
        var tokens: [(folded: String, original: String, clauseStart: Bool, sentenceStart: Bool)] = []
        var folded = "", original = "", pendingOriginal = ""
        var clause = true, sentence = true
        let scalars = Array(text.unicodeScalars)
        func close() {
            if !folded.isEmpty { tokens.append((folded, original, clause, sentence)); clause = false; sentence = false }
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
                // The full stop of an Estonian ordinal ("3. märtsil"): a digit before it, spaces
                // and a lower-case word after it.
                var next = k + 1
                while next < scalars.count && scalars[next] == " " { next += 1 }
                let lowerAfter = next > k + 1 && next < scalars.count && (("a"..."z").contains(scalars[next]) || "õäöüšž".unicodeScalars.contains(scalars[next]))
                let ordinal = u == "." && k > 0 && ("0"..."9").contains(scalars[k - 1]) && lowerAfter
                if !ordinal && [".", "!", "?", ";", ",", "\n"].contains(u) { clause = true }
                if !ordinal && [".", "!", "?", "\n"].contains(u) { sentence = true }
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
                #expect(token.sentenceStart == expected[i].sentenceStart, "\(text.debugDescription) token \(i)")
            }
        }
    }
}
