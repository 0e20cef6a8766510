/// Facts a message states in figures and signs rather than words: the amounts of money it names
/// ("5000 eurot", "€1,200", "$300"), the temperatures it names ("-20 kraadi", "miinus 25",
/// "-18°C", "20 below"), the ages of people it names ("84-aastane ema", "ta on 84", "my
/// 3-year-old"), how intensely it is written (angry emoji, "!!!", SHOUTING), whether it asks
/// something, whether it shares links or hashtags, and which script its letters are in. Signals
/// test them as `text.NAME`, one name for each `TextFact`.
///
/// One pass over the UTF-8 bytes; words are only collected, and numbers only read, when the text
/// holds a digit, so most messages cost a walk over their bytes and nothing more.
public struct TextFacts: Sendable, Equatable {
    /// The largest amount of money named, in its own currency's units.
    public var largestAmount: Double?
    /// The lowest temperature named, in degrees Celsius as written.
    public var lowestTemperature: Double?
    /// The oldest and the youngest age of a person named, in years.
    public var oldestAge: Double?
    public var youngestAge: Double?
    /// Angry or upset emoji, runs of two or more exclamation marks, and shouting (at least
    /// three words of three or more capital letters, counted once per message).
    public var intensity = 0
    /// Happy, laughing, loving or festive emoji: small talk and praise, never a problem alone.
    public var cheer = 0
    /// Question marks that end a question ("?", "??" and "?!" count once), outside links.
    public var questions = 0
    /// Links ("http://…", "https://…"): a message that shares one and names no problem is most
    /// often a share, a promotion or small talk.
    public var links = 0
    /// Hashtags: "#" at the start of a word, followed by a letter, outside links.
    public var hashtags = 0
    /// Letters of a script none of the rules' languages use (Cyrillic, CJK, Arabic...), and
    /// Latin letters: how the language of a text no marker word names is judged.
    public var otherScriptLetters = 0
    public var latinLetters = 0

    public init() {}

    /// The value a field signal tests for `fact`; nil when the text does not state it.
    public subscript(fact: TextFact) -> Double? {
        switch fact {
        case .amount: largestAmount
        case .temperature: lowestTemperature
        case .oldestAge: oldestAge
        case .youngestAge: youngestAge
        case .intensity: Double(intensity)
        case .questions: Double(questions)
        case .cheer: Double(cheer)
        case .links: Double(links)
        case .hashtags: Double(hashtags)
        }
    }

    /// Adds what `text` states.
    public mutating func add(_ text: String) {
        var copy = text
        copy.withUTF8 { scan($0) }
    }

    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) {
        var i = 0
        let n = bytes.count
        var exclamations = 0
        var previous: UInt32 = 0x20
        var inLink = false
        var wordStart = -1
        var wordUpper = true
        var wordLetters = 0
        var shouted = 0
        var hasDigit = false
        var mayNameWordAge = false
        func closeWord(_ end: Int) {
            guard wordStart >= 0 else { return }
            if wordUpper && wordLetters >= 3 { shouted += 1 }
            let length = end - wordStart
            if length >= 6 && !mayNameWordAge {
                // "neljane", "kolmeaastase": an age written as a word is read with the figures.
                var opening: UInt32 = 0
                for k in wordStart..<(wordStart + 4) { opening = opening << 8 | UInt32(bytes[k] | 0x20) }
                if Self.numeralOpenings.contains(opening),
                    Self.estonianWordAge(String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart..<end]), as: UTF8.self).lowercased()) != nil {
                    mayNameWordAge = true
                }
            }
            if length == 4 || length == 5 {
                // "http", "https": the rest of the word up to white space is a link.
                var lower: UInt32 = 0
                for k in wordStart..<min(end, wordStart + 4) { lower = lower << 8 | UInt32(bytes[k] | 0x20) }
                if lower == 0x6874_7470 && !inLink { inLink = true; links += 1 }
            }
            wordStart = -1
            wordUpper = true
            wordLetters = 0
        }
        while i < n {
            let b = bytes[i]
            let lower = b | 0x20
            if b < 0x80 && lower >= 0x61 && lower <= 0x7A {
                // A run of ASCII letters, the bulk of most messages, taken in one go.
                if exclamations >= 2 { intensity += 1 }
                exclamations = 0
                if wordStart < 0 { wordStart = i }
                var j = i
                while j < n {
                    let c = bytes[j]
                    let l = c | 0x20
                    guard c < 0x80 && l >= 0x61 && l <= 0x7A else { break }
                    if c >= 0x61 { wordUpper = false }
                    j += 1
                }
                latinLetters += j - i
                wordLetters += j - i
                previous = UInt32(bytes[j - 1])
                i = j
                continue
            }
            var scalar = UInt32(b)
            var length = 1
            if b >= 0x80 {
                if b & 0xE0 == 0xC0, i + 1 < n { scalar = UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F); length = 2 }
                else if b & 0xF0 == 0xE0, i + 2 < n { scalar = UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F); length = 3 }
                else if b & 0xF8 == 0xF0, i + 3 < n { scalar = UInt32(b & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F); length = 4 }
            }
            if scalar != 0x21 {
                if exclamations >= 2 { intensity += 1 }
                exclamations = 0
            }
            if b >= 0x30 && b <= 0x39 {
                hasDigit = true
                if wordStart < 0 { wordStart = i }
                wordUpper = false
            } else if b >= 0x80, let u = Unicode.Scalar(scalar), u.properties.isAlphabetic {
                if scalar < 0x250 { latinLetters += 1 } else if !TextFolding.isMark(u) { otherScriptLetters += 1 }
                if wordStart < 0 { wordStart = i }
                wordLetters += 1
                if wordUpper && !u.properties.isUppercase { wordUpper = false }
            } else {
                closeWord(i)
                switch scalar {
                case 0x21: exclamations += 1
                case 0x3F, 0xFF1F:
                    if !inLink && previous != 0x3F && previous != 0x21 && previous != 0xFF1F { questions += 1 }
                case 0x20, 0x09, 0x0A, 0x0D: inLink = false
                case 0x23:
                    // A hashtag: "#" where a word may start, and a letter right after it ("#5521" is
                    // an order number).
                    if !inLink && (i == 0 || previous == 0x20 || previous == 0x09 || previous == 0x0A || previous == 0x0D
                        || previous == 0x28), i + 1 < n {
                        let next = bytes[i + 1]
                        let nextLower = next | 0x20
                        if (nextLower >= 0x61 && nextLower <= 0x7A) || next >= 0xC0 { hashtags += 1 }
                    }
                default:
                    // Every emoji either set holds is at U+2600 or above.
                    guard scalar >= 0x2600 else { break }
                    if Self.upsetEmoji.contains(scalar) { intensity += 1 }
                    if Self.cheerfulEmoji.contains(scalar) { cheer += 1 }
                }
            }
            previous = scalar
            i += length
        }
        closeWord(n)
        if exclamations >= 2 { intensity += 1 }
        if shouted >= 3 { intensity += 1 }
        if hasDigit || mayNameWordAge { readFigures(bytes) }
    }

    // MARK: - Amounts, temperatures and ages

    private enum Token: Equatable {
        case word(String)
        case number(Double)
        /// A full stop after a number and before a lower-case word: an Estonian ordinal
        /// ("5. klassis", "3. korda"), not the end of a sentence.
        case ordinalDot
        case minus, currency, degree, percent, other
    }

    /// Splits a text with digits into words (lower-cased), numbers and the signs around them,
    /// then reads amounts, temperatures and ages from their neighbourhoods.
    private mutating func readFigures(_ bytes: UnsafeBufferPointer<UInt8>) {
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 4 + 4)
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b >= 0x30 && b <= 0x39 {
                let (value, next) = Self.number(bytes, from: i)
                tokens.append(.number(value))
                i = next
                continue
            }
            let lower = b | 0x20
            if (b < 0x80 && lower >= 0x61 && lower <= 0x7A) || b >= 0xC0 {
                // A word: letters, and the bytes of non-ASCII letters, up to anything else.
                let start = i
                while i < n {
                    let c = bytes[i]
                    let l = c | 0x20
                    if (c < 0x80 && l >= 0x61 && l <= 0x7A) || c >= 0x80 {
                        // Stop at a non-ASCII sign that is not a letter (€, °, emoji).
                        if c >= 0xC0 && !Self.isLetterAt(bytes, i) { break }
                        i += 1
                    } else { break }
                }
                if i == start { i += Self.scalarLength(bytes[i]); tokens.append(Self.sign(bytes, start)); continue }
                if i - start <= 16 {
                    tokens.append(.word(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self).lowercased()))
                } else {
                    tokens.append(.other)
                }
                continue
            }
            switch b {
            case 0x2D:
                // A hyphen joined to the word before it ("COVID-19", "A-4") names, it does not negate.
                let joined = i > 0 && { let p = bytes[i - 1] | 0x20; return (p >= 0x61 && p <= 0x7A) || bytes[i - 1] >= 0x80 }()
                tokens.append(joined ? .other : .minus)
            case 0x2E:
                let afterNumber: Bool = { if case .number = tokens.last { return true }; return false }()
                tokens.append(afterNumber && Self.lowerCaseWordFollows(bytes, after: i) ? .ordinalDot : .other)
            case 0x24: tokens.append(.currency)
            case 0x25: tokens.append(.percent)
            case 0x20, 0x09, 0x0A, 0x0D: break
            default: if b >= 0x80 { tokens.append(Self.sign(bytes, i)) } else { tokens.append(.other) }
            }
            i += b >= 0x80 ? Self.scalarLength(b) : 1
        }
        read(tokens)
    }

    /// Whether, after spaces, a word starting with a lower-case letter follows position `i`
    /// (ASCII, or the lower-case Latin letters of Estonian: õ ä ö ü š ž). After a number, such a
    /// full stop is an Estonian ordinal ("3. märtsil"), which `TextFolding` does not take for the
    /// end of a sentence either.
    static func lowerCaseWordFollows(_ bytes: UnsafeBufferPointer<UInt8>, after i: Int) -> Bool {
        var j = i + 1
        while j < bytes.count && bytes[j] == 0x20 { j += 1 }
        guard j > i + 1, j < bytes.count else { return false }
        let b = bytes[j]
        if b >= 0x61 && b <= 0x7A { return true }
        guard j + 1 < bytes.count else { return false }
        return (b == 0xC3 && bytes[j + 1] >= 0xA0) || (b == 0xC5 && (bytes[j + 1] == 0xA1 || bytes[j + 1] == 0xBE))
    }

    private static func scalarLength(_ lead: UInt8) -> Int {
        lead & 0xE0 == 0xC0 ? 2 : lead & 0xF0 == 0xE0 ? 3 : lead & 0xF8 == 0xF0 ? 4 : 1
    }

    private static func scalar(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
        let b = bytes[i]
        let length = scalarLength(b)
        guard i + length <= bytes.count else { return 0xFFFD }
        switch length {
        case 2: return UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
        case 3: return UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
        case 4: return UInt32(b & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
        default: return UInt32(b)
        }
    }

    private static func isLetterAt(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        Unicode.Scalar(scalar(bytes, i))?.properties.isAlphabetic ?? false
    }

    /// A non-ASCII sign: the euro, pound and degree signs and the typographic minus matter.
    private static func sign(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Token {
        switch scalar(bytes, i) {
        case 0x20AC, 0xA3: return .currency
        case 0xB0: return .degree
        case 0x2212, 0x2013: return .minus
        default: return .other
        }
    }

    /// Finds amounts, temperatures and ages in the token stream.
    private mutating func read(_ tokens: [Token]) {
        func at(_ k: Int) -> Token { k >= 0 && k < tokens.count ? tokens[k] : .other }
        for (k, token) in tokens.enumerated() {
            if case .word(let w) = token, let age = Self.estonianWordAge(w), Self.isWordAge(tokens, at: k) {
                oldestAge = max(oldestAge ?? age, age)
                youngestAge = min(youngestAge ?? age, age)
                continue
            }
            guard case .number(var value) = token else { continue }
            let before = at(k - 1), before2 = at(k - 2)
            // Thousands written out: "5 tuhat eurot", "5k", "2 thousand dollars".
            var u = k + 1
            if Self.isWord(at(u), in: Self.thousands) {
                value *= 1000
                u += 1
            }
            let unit = at(u), unit2 = at(u + 1)
            if unit == .currency || before == .currency || (before == .minus && before2 == .currency) || Self.isCurrencyWord(unit) || Self.isCurrencyWord(before) {
                largestAmount = max(largestAmount ?? value, value)
                continue
            }
            if Self.isAge(tokens, at: k) {
                oldestAge = max(oldestAge ?? value, value)
                youngestAge = min(youngestAge ?? value, value)
            }
            // Temperatures: a unit after the number; a sign before it, or frost after the unit.
            let negative = before == .minus || Self.isWord(before, in: Self.minusWords)
            let isDegrees = unit == .degree || Self.isWord(unit, in: Self.degreeWords)
            var bareMinus = false
            if negative, unit != .percent, value <= 60 {
                if case .number = before2 {} else { bareMinus = true }
            }
            if isDegrees || bareMinus {
                var t = negative ? -value : value
                let frostAfter = Self.isWord(unit2, in: Self.frostWords) || (unit2 == .word("c") && Self.isWord(at(u + 2), in: Self.frostWords))
                if isDegrees, t > 0, frostAfter { t = -t }
                lowestTemperature = min(lowestTemperature ?? t, t)
            }
        }
    }

    /// Whether the number at `k` is a person's age: followed by an age word ("84-aastane ema",
    /// "3-year-old", "88 лет"), or stated of a person ("ta on 84", "my dad is 84", "she's 84",
    /// "I'm 82", "ему 85", "aged 79", "poeg (16)", "ema, 84,"). A whole number of 1 to 115 only;
    /// "30-aastane laen" (a loan's term), "100-aastane maja", "klient 10 aastat" (tenure),
    /// "5. klassis" (an ordinal) and "aged 90 days" are not ages.
    private static func isAge(_ tokens: [Token], at k: Int) -> Bool {
        func at(_ j: Int) -> Token { j >= 0 && j < tokens.count ? tokens[j] : .other }
        func word(_ j: Int) -> String { if case .word(let w) = at(j) { return w }; return "" }
        guard case .number(let value) = tokens[k], value >= 1, value <= 115, value == value.rounded() else { return false }
        if at(k + 1) == .ordinalDot { return false }
        var u = k + 1
        if at(u) == .minus { u += 1 }
        let unit = word(u)
        // "84-aastane ema", "ema on 84-aastane", "olen 82-aastane": an Estonian age adjective
        // names a person only beside one; "30-aastane laen" is a loan's term. The partitive
        // ("10-aastast tütart") always stands before its noun, so only that noun decides.
        if unit == "aastast" { return isPerson(word(u + 1)) }
        if unit.hasPrefix("aastane") || unit.hasPrefix("aastase") {
            let before = word(k - 1)
            return isPerson(word(u + 1)) || isPerson(before) || estonianStating.contains(before) || before == "on" || before == "oli"
        }
        if unit == "aastat" || unit == "years" || unit == "year" {
            var v = u + 1
            // "3-year-old": the second hyphen follows a letter, so it reads as a sign.
            let hyphenated = at(k + 1) == .minus
            if at(v) == .minus || at(v) == .other { v += 1 }
            guard word(v) == "vana" || word(v) == "old" else { return false }
            // Things have ages too: "my 9-year-old is stuck" and "ema on 84 aastat vana" are
            // people, "a 3-year-old laptop" and "the house is 100 years old" are not.
            let next = word(v + 1)
            if isPerson(next) { return true }
            if hyphenated { return next.isEmpty || afterAgeNoun.contains(next) }
            return statesOfPerson(tokens, at: k)
        }
        // "14a tütar", "82a üürnik": the short form of "aastane", only before a person.
        if unit == "a" { return isPerson(word(u + 1)) }
        // "88 лет" may also be a span of years ("клиент уже 10 лет"); only an old age is taken.
        if unit == "yo" || unit.hasPrefix("летн") || (unit == "лет" && value >= 60) { return true }

        let before = word(k - 1)
        let next = at(k + 1)
        let endsStatement: Bool = {
            if next == .other || k + 1 >= tokens.count { return true }
            return ["ja", "and", "ning", "aga", "but", "лет", "год", "года", "и"].contains(word(k + 1))
        }()
        if before == "aged" || before == "vanus" { return !timeUnits.contains(word(k + 1)) }
        guard endsStatement else { return false }
        if statesOfPerson(tokens, at: k) { return true }
        // "сыну 14", "мама 79 лет", "с двумя детьми 3 и 7 лет", "детьми (3 и 6 лет)": a Russian
        // person word, then the age. Russian words only: "ema 84" without a sign stays unread.
        if isRussianPerson(before) || (at(k - 1) == .other && isRussianPerson(word(k - 2))) { return true }
        // "3 и 7 лет": the second age of a pair stated of the person before the first.
        if word(k - 1) == "и", case .number = at(k - 2), isRussianPerson(word(k - 3)) || (at(k - 3) == .other && isRussianPerson(word(k - 4))) { return true }
        // "poeg (16)", "ema, 84, elab üksi": a person, a sign, the number, a sign.
        return at(k - 1) == .other && next == .other && isPerson(word(k - 2))
    }

    /// An age written as an Estonian word: "neljane" and "neljaaastane" (4), "kolmese",
    /// "kolmeaastase" (3), for the ages from two to ten a parent writes that way.
    static func estonianWordAge(_ w: String) -> Double? {
        guard w.count >= 6 else { return nil }
        for (stem, age) in estonianNumeralStems where w.hasPrefix(stem) {
            let rest = w.dropFirst(stem.count)
            if rest == "ne" || rest.hasPrefix("se") && rest.count <= 5 || rest.hasPrefix("aastane") || rest.hasPrefix("aastase") { return age }
        }
        return nil
    }

    /// Genitive stems of the numerals two to ten, with and without their marks, longest first
    /// so that "kaheksa" is not read as "kahe".
    static let estonianNumeralStems: [(String, Double)] = [
        ("kaheksa", 8), ("üheksa", 9), ("uheksa", 9), ("yheksa", 9), ("seitsme", 7), ("kolme", 3), ("nelja", 4),
        ("kümne", 10), ("kumne", 10), ("kymne", 10), ("kahe", 2), ("viie", 5), ("kuue", 6),
    ]

    /// The first four bytes of each numeral stem, each with bit 0x20 set (lower case for ASCII,
    /// and the same for both cases of "ü"), as the scan sees a word's opening.
    static let numeralOpenings: Set<UInt32> = Set(estonianNumeralStems.map { stem, _ in
        stem.utf8.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1 | 0x20) }
    })

    /// Whether the age word at `k` is said of a person, as "84-aastane" is: beside a person word
    /// ("mu kolmene poeg", "kolmeaastase tütrega") or stated ("ta on neljane"). "kolmene pakk"
    /// (a pack of three) and "sain viiese" (a school mark) are not ages.
    private static func isWordAge(_ tokens: [Token], at k: Int) -> Bool {
        func word(_ j: Int) -> String { if j >= 0 && j < tokens.count, case .word(let w) = tokens[j] { return w }; return "" }
        let before = word(k - 1)
        return isPerson(word(k + 1)) || isPerson(before) || estonianStating.contains(before) || before == "on" || before == "oli"
    }

    /// Whether the words before the number at `k` state it of a person: "olen", "I am", "ta on",
    /// "isa on", "she is", "my dad was", "she's", "I'm", "ему".
    private static func statesOfPerson(_ tokens: [Token], at k: Int) -> Bool {
        func at(_ j: Int) -> Token { j >= 0 && j < tokens.count ? tokens[j] : .other }
        func word(_ j: Int) -> String { if case .word(let w) = at(j) { return w }; return "" }
        switch word(k - 1) {
        case "olen", "am": return true
        // Estonian "on" is "is": "ta on 84", "isa on 84".
        case "on", "oli": return estonianStating.contains(word(k - 2)) || isPerson(word(k - 2))
        case "is", "was": return ["she", "he", "who"].contains(word(k - 2)) || isPerson(word(k - 2))
        // "she's 84", "mum's 84", "I'm 82": the apostrophe reads as a sign.
        case "s": return at(k - 2) == .other && (["she", "he"].contains(word(k - 3)) || isPerson(word(k - 3)))
        case "m": return at(k - 2) == .other && word(k - 3) == "i"
        case "ему", "ей", "мне": return true
        default: return false
        }
    }

    /// Words that follow "my 9-year-old" when it is a person: "my 9-year-old is stuck".
    static let afterAgeNoun: Set<String> = ["is", "was", "has", "had", "and", "who", "can", "cant", "got", "needs", "son", "daughter", "boy", "girl"]

    /// Estonian words that state something of the person spoken of: "ta on 84", "olen 82-aastane".
    static let estonianStating: Set<String> = ["ta", "tema", "olen"]
    /// Units that make "aged 90 days" the age of a debt, not of a person.
    static let timeUnits: Set<String> = ["days", "day", "weeks", "week", "months", "month", "hours", "päeva", "nädalat", "kuud"]

    /// Whether `w` is a word for a person whose age a customer gives: the whole word, in one of
    /// its forms. Estonian nouns take a case ending after their stem ("ema", "emale", "emaga",
    /// "tütrel"); English ones a plural "s"; Russian stems take up to three letters. Whole
    /// words, so "email", "Sony" and "isiklik" are not people.
    static func isPerson(_ w: String) -> Bool {
        guard !w.isEmpty else { return false }
        if personWords.contains(w) || russianPersonWords.contains(w) { return true }
        for stem in estonianPersonStems where w.hasPrefix(stem) && estonianEndings.contains(String(w.dropFirst(stem.count))) { return true }
        for stem in russianPersonStems where w.hasPrefix(stem) && w.count - stem.count <= 3 { return true }
        return false
    }

    /// Estonian person words as their stems take case endings: "ema", "tütre", "naabri".
    static let estonianPersonStems: [String] = [
        "ema", "isa", "vanaema", "vanaisa", "lapse", "poja", "tütre", "tutre", "naise", "mehe", "naabri", "memme", "taadi",
        "pensionäri", "pensionari", "proua", "härra", "harra", "poisi", "tüdruku", "tudruku", "venna", "õe", "abikaasa",
        "beebi", "sõbra", "sobra", "onu", "tädi", "tadi", "kliendi", "vanemate", "ämma", "tytre", "tydruku", "üürniku",
        "patsiendi", "vanuri",
    ]
    /// The case endings Estonian person words take in a customer's message, "" included.
    static let estonianEndings: Set<String> = [
        "", "l", "le", "lt", "ga", "s", "st", "sse", "d", "t", "ks", "ni", "na", "ta", "de", "del", "dele", "dega",
    ]
    /// Person words in their nominative and English forms, whole.
    static let personWords: Set<String> = [
        "laps", "poeg", "tütar", "tutar", "naine", "mees", "naaber", "memm", "taat", "pensionär", "pensionar", "poiss",
        "tüdruk", "tudruk", "tytar", "tydruk", "vend", "õde", "ode", "sõber", "sober", "klient", "ämm", "äi", "üürnik",
        "patsient", "vanur",
        // The partitive after an age ("10-aastast tütart", "6-aastast poega").
        "tütart", "tutart", "tytart", "poega", "last", "poissi", "tüdrukut", "tudrukut",
        "mother", "mom", "mum", "mommy", "father", "dad", "daddy", "grandma", "grandmother", "grandpa", "grandfather", "gran",
        "granny", "grandson", "granddaughter", "grandchild", "son", "daughter", "child", "kid", "baby", "wife", "husband",
        "neighbour", "neighbor", "brother", "sister", "uncle", "aunt", "partner", "mothers", "fathers", "sons", "daughters",
        "kids", "children", "babies", "neighbours", "neighbors", "brothers", "sisters", "parents", "grandparents",
    ]
    /// Russian person stems: "мама", "маме", "дочь", "сыну", "соседка".
    static let russianPersonStems: [String] = [
        "мам", "мать", "матер", "отец", "отц", "пап", "бабушк", "дедушк", "доч", "сын", "ребён", "ребен", "сосед",
        "муж", "жен", "внук", "внуч", "малыш", "мальчик", "девочк", "бабул", "свекров", "тёщ", "тещ",
    ]
    /// Russian person words whose stem is too short to take endings safely ("дет" would also
    /// start "детали"), whole.
    static let russianPersonWords: Set<String> = [
        "дети", "детей", "детьми", "детям", "детях", "дед", "деда", "деду", "дедом", "сестра", "сестре",
        "сестры", "брат", "брату", "брата",
    ]

    /// Whether `w` is a Russian word for a person, in one of its forms.
    static func isRussianPerson(_ w: String) -> Bool {
        guard let first = w.unicodeScalars.first, (0x0400...0x04FF).contains(first.value) else { return false }
        return isPerson(w)
    }

    private static func isWord(_ t: Token, in set: Set<String>) -> Bool {
        if case .word(let w) = t { return set.contains(w) }
        return false
    }

    private static func isCurrencyWord(_ t: Token) -> Bool {
        guard case .word(let w) = t else { return false }
        return currencyWords.contains(w) || currencyWords.contains(where: { $0.count >= 4 && w.hasPrefix($0) })
    }

    static let currencyWords: Set<String> = [
        "eur", "euro", "eurot", "eurod", "euros", "eurit", "eurone", "usd", "dollar", "dollars", "dollarit", "gbp",
        "pound", "pounds", "naela", "rub", "rubla", "sek", "nok", "евро", "эвро", "евриков", "руб", "рублей",
    ]
    static let thousands: Set<String> = ["k", "tuhat", "tuh", "thousand", "tuhande", "grand", "тыс", "тысяч", "тысячи", "тысяча", "тыщ"]
    static let degreeWords: Set<String> = [
        "kraadi", "kraad", "kraadiga", "degrees", "degree", "deg", "c", "градусов", "градуса", "градус",
    ]
    static let minusWords: Set<String> = ["miinus", "minus", "miinust", "минус"]
    static let frostWords: Set<String> = ["külma", "kulma", "below", "pakast", "pakase", "мороза"]
    /// Angry or upset faces and gestures: evidence of strong feeling, never a situation alone.
    static let upsetEmoji: Set<UInt32> = [
        0x1F621, 0x1F92C, 0x1F620, 0x1F624, 0x1F4A2, 0x1F47F, 0x1F595, 0x1F644, 0x1F612, 0x1F629, 0x1F62B,
        0x1F62D, 0x1F622, 0x1F61E, 0x1F614, 0x1F623, 0x1F616, 0x2639, 0x1F641, 0x1F44E, 0x1F4A9, 0x1F92F, 0x1F631,
    ]
    /// Smiling, laughing, loving, applauding and festive emoji.
    static let cheerfulEmoji: Set<UInt32> = [
        0x1F600, 0x1F601, 0x1F602, 0x1F603, 0x1F604, 0x1F605, 0x1F606, 0x1F609, 0x1F60A, 0x1F60B, 0x1F60D, 0x1F60E,
        0x1F618, 0x1F917, 0x1F929, 0x1F973, 0x1F970, 0x1F923, 0x263A, 0x2764, 0x1F499, 0x1F49A, 0x1F49B, 0x1F49C,
        0x1F496, 0x1F495, 0x1F44F, 0x1F64C, 0x1F44D, 0x1F389, 0x1F38A, 0x1F383, 0x1F47B, 0x1F384, 0x1F381, 0x2728,
        0x1F31F, 0x1F525, 0x1F4AF, 0x1F64F, 0x1F60C, 0x1F619, 0x1F61A, 0x1F61C, 0x1F61D, 0x1F61B,
    ]

    /// Reads a number starting at `bytes[start]`: digits with "," "." or a space between groups
    /// of three ("5 000", "1,200.50", "1.200,50"). The last separator followed by other than
    /// three digits is the decimal point. At most 18 digits are read into the value.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (Double, Int) {
        func isDigit(_ k: Int) -> Bool { k < bytes.count && bytes[k] >= 0x30 && bytes[k] <= 0x39 }
        var i = start
        var groups: [Range<Int>] = []
        var separators: [UInt8] = []
        var groupStart = i
        while true {
            while isDigit(i) { i += 1 }
            groups.append(groupStart..<i)
            guard i < bytes.count, groups.count < 8 else { break }
            let s = bytes[i]
            guard s == 0x2C || s == 0x2E || s == 0x20, isDigit(i + 1) else { break }
            if s == 0x20 {
                // A space only groups thousands: "5 000", never "5 2026".
                var k = i + 1
                while isDigit(k) { k += 1 }
                if k - (i + 1) != 3 || groups.last!.count > 3 { break }
            }
            separators.append(s)
            i += 1
            groupStart = i
        }
        var integer: Double = 0
        var fraction: Double = 0
        var fractionScale: Double = 1
        var digits = 0
        func addInteger(_ r: Range<Int>) {
            for k in r where digits < 18 { integer = integer * 10 + Double(bytes[k] - 0x30); digits += 1 }
        }
        addInteger(groups[0])
        for (k, group) in groups.dropFirst().enumerated() {
            let isLast = k == groups.count - 2
            let separator = separators[k]
            let decimal = isLast && separator != 0x20
                && (group.count != 3 || (separators.count == 1 && separator == 0x2E && groups[0].count > 3))
            if decimal {
                for d in group.prefix(9) { fractionScale /= 10; fraction += Double(bytes[d] - 0x30) * fractionScale }
            } else {
                addInteger(group)
            }
        }
        return (integer + fraction, i)
    }
}
