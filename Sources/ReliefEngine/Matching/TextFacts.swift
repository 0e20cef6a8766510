/// Facts a message states in figures and signs rather than words: the amounts of money it names
/// ("5000 eurot", "€1,200", "$300"), the temperatures it names ("-20 kraadi", "miinus 25",
/// "-18°C", "20 below"), and how intensely it is written (angry emoji, "!!!", SHOUTING).
/// Signals test them as `text.amount`, `text.temperature` and `text.intensity`.
public struct TextFacts: Sendable, Equatable {
    /// The largest amount of money named, in its own currency's units.
    public var largestAmount: Double?
    /// The lowest temperature named, in degrees Celsius as written.
    public var lowestTemperature: Double?
    /// Angry or upset emoji, runs of two or more exclamation marks, and shouting (at least
    /// three words of three or more capital letters), each counted once per occurrence; shouting
    /// counts once per message.
    public var intensity = 0
    /// Happy, laughing, loving or festive emoji: small talk and praise, never a problem alone.
    public var cheer = 0
    /// Question marks that end a question ("?", "??" and "?!" count once), outside links.
    public var questions = 0
    /// Letters of a script none of the rules' languages use (Cyrillic, CJK, Arabic...), and
    /// Latin letters: how the language of a text no marker word names is judged.
    public var otherScriptLetters = 0
    public var latinLetters = 0

    public init() {}

    /// Adds what `text` states.
    public mutating func add(_ text: String) {
        var tokens: [Token] = []
        var shoutedWords = 0
        var word = ""
        var wordIsUpper = true
        var wordLetters = 0
        var exclamations = 0
        var inLink = false
        func closeWord() {
            if word == "http" || word == "https" || word == "www" { inLink = true }
            if !word.isEmpty {
                if wordIsUpper && wordLetters >= 3 { shoutedWords += 1 }
                tokens.append(.word(word))
            }
            word = ""
            wordIsUpper = true
            wordLetters = 0
        }
        var scalars = Array(text.unicodeScalars)
        scalars.append(" ")
        var i = 0
        while i < scalars.count {
            let u = scalars[i]
            if u != "!" {
                if exclamations >= 2 { intensity += 1 }
                exclamations = 0
            }
            if u == "?" || u == "？" {
                // A run ("??", "?!?") is one question; a link's query string is none.
                let previous = i > 0 ? scalars[i - 1] : " "
                if !inLink && previous != "?" && previous != "!" && previous != "？" { questions += 1 }
            }
            if u.properties.isWhitespace { inLink = false }
            if ("0"..."9").contains(u) {
                closeWord()
                let (value, next) = Self.number(scalars, from: i)
                tokens.append(.number(value))
                i = next
                continue
            }
            if u.properties.isAlphabetic {
                if u.isASCII || u.value < 0x250 { latinLetters += 1 } else if !Self.isMark(u) { otherScriptLetters += 1 }
                word.unicodeScalars.append(contentsOf: u.properties.lowercaseMapping.unicodeScalars)
                wordLetters += 1
                if !u.properties.isUppercase { wordIsUpper = false }
                i += 1
                continue
            }
            closeWord()
            switch u {
            case "!": exclamations += 1
            case "-", "\u{2212}", "\u{2013}": tokens.append(.minus)
            case "€": tokens.append(.currency)
            case "$", "£": tokens.append(.currency)
            case "°": tokens.append(.degree)
            case "%": tokens.append(.percent)
            default:
                if Self.upsetEmoji.contains(u.value) { intensity += 1 }
                if Self.cheerfulEmoji.contains(u.value) { cheer += 1 }
                if !u.properties.isWhitespace { tokens.append(.other) }
            }
            i += 1
        }
        if shoutedWords >= 3 { intensity += 1 }
        read(tokens)
    }

    private enum Token: Equatable {
        case word(String)
        case number(Double)
        case minus, currency, degree, percent, other
    }

    /// Finds amounts and temperatures in the token stream.
    private mutating func read(_ tokens: [Token]) {
        for (k, token) in tokens.enumerated() {
            guard case .number(var value) = token else { continue }
            let before = k > 0 ? tokens[k - 1] : .other
            let before2 = k > 1 ? tokens[k - 2] : .other
            let after = k + 1 < tokens.count ? tokens[k + 1] : .other
            let after2 = k + 2 < tokens.count ? tokens[k + 2] : .other
            // Thousands written out: "5 tuhat eurot", "5k", "2 thousand dollars".
            var unit = after, unit2 = after2
            if case .word(let w) = after, Self.thousands.contains(w) {
                value *= 1000
                unit = after2
                unit2 = k + 3 < tokens.count ? tokens[k + 3] : .other
            }
            if unit == .currency || before == .currency || (before == .minus && before2 == .currency) || Self.isCurrencyWord(unit) || Self.isCurrencyWord(before) {
                largestAmount = max(largestAmount ?? value, value)
                continue
            }
            // Temperatures: a unit after the number; a sign before it, or frost after the unit.
            let negative = before == .minus || Self.isWord(before, in: Self.minusWords)
            let isDegrees = unit == .degree || Self.isWord(unit, in: Self.degreeWords)
            if isDegrees || (negative && unit != .percent && value <= 60 && Self.bareNegativeTemperature(before: before2)) {
                var t = negative ? -value : value
                if isDegrees, t > 0, Self.isWord(unit2, in: Self.frostWords) || (unit2 == .word("c") && Self.isWord(k + 3 < tokens.count ? tokens[k + 3] : .other, in: Self.frostWords)) { t = -t }
                lowestTemperature = min(lowestTemperature ?? t, t)
            }
        }
    }

    /// A minus sign before a number reads as a temperature when it does not follow another
    /// number or a word that makes it a range or a subtraction ("5-10", "price -20%").
    private static func bareNegativeTemperature(before: Token) -> Bool {
        if case .number = before { return false }
        return true
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
        "pound", "pounds", "naela", "rub", "rubla", "sek", "nok",
    ]
    static let thousands: Set<String> = ["k", "tuhat", "tuh", "thousand", "tuhande", "grand"]
    static let degreeWords: Set<String> = ["kraadi", "kraad", "kraadiga", "degrees", "degree", "deg", "c"]
    static let minusWords: Set<String> = ["miinus", "minus", "miinust"]
    static let frostWords: Set<String> = ["külma", "kulma", "below", "pakast", "pakase"]
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

    @inline(__always)
    private static func isMark(_ u: Unicode.Scalar) -> Bool { TextFolding.isMark(u) }

    /// Reads a number starting at `scalars[i]`: digits with "," "." or a space between groups
    /// of three ("5 000", "1,200.50", "1.200,50"). The last separator followed by other than
    /// three digits is the decimal point.
    static func number(_ scalars: [Unicode.Scalar], from start: Int) -> (Double, Int) {
        var i = start
        var groups: [String] = [""]
        var separators: [Unicode.Scalar] = []
        while i < scalars.count {
            let u = scalars[i]
            if ("0"..."9").contains(u) {
                groups[groups.count - 1].unicodeScalars.append(u)
                i += 1
            } else if (u == "," || u == "." || u == " " || u == "\u{A0}"), i + 1 < scalars.count, ("0"..."9").contains(scalars[i + 1]), groups.count < 8 {
                // A space only groups thousands: "5 000", never "5 2026".
                if u == " " || u == "\u{A0}" {
                    var n = 0
                    while i + 1 + n < scalars.count, ("0"..."9").contains(scalars[i + 1 + n]) { n += 1 }
                    if n != 3 || groups.last!.count > 3 { break }
                }
                separators.append(u)
                groups.append("")
                i += 1
            } else {
                break
            }
        }
        guard groups.count > 1 else { return (Double(groups[0]) ?? 0, i) }
        var integer = groups[0]
        var fraction = ""
        for (k, group) in groups.dropFirst().enumerated() {
            let isLast = k == groups.count - 2
            let separator = separators[k]
            if isLast && group.count != 3 && separator != " " && separator != "\u{A0}" {
                fraction = group
            } else if isLast && group.count == 3 && separators.count == 1 && separator == "." && groups[0].count > 3 {
                fraction = group
            } else {
                integer += group
            }
        }
        return (Double(integer + (fraction.isEmpty ? "" : "." + fraction)) ?? 0, i)
    }
}
