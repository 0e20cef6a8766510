/// Replaces personal data in free text with fixed tokens, so case bodies can go into an
/// audit log or a report without carrying e-mail addresses, card numbers, Estonian
/// personal identification codes or phone numbers.
///
/// Detection is deliberately conservative about numbers: a digit run is only masked when
/// it stands on its own (not part of a longer run of digits or letters) and its shape and
/// check digits fit. Amounts, dates, times and short ids pass through unchanged.
public enum PersonalDataMasker {
    /// Token that replaces an e-mail address.
    public static let emailToken = "[email]"
    /// Token that replaces a payment card number.
    public static let cardToken = "[card]"
    /// Token that replaces an Estonian personal identification code.
    public static let personalCodeToken = "[isikukood]"
    /// Token that replaces a phone number.
    public static let phoneToken = "[phone]"

    /// The fewest digits any masked number has: a seven-digit Estonian landline.
    static let minimumDigits = 7

    /// `text` with every recognised piece of personal data replaced by its token.
    ///
    /// Passes run in a fixed order (e-mail, card, isikukood, phone), and a later pass never
    /// touches text an earlier one claimed, so a card number is never half-masked as a phone.
    public static func mask(_ text: String) -> String {
        // Cheap exit: an e-mail needs an '@', and every number the passes mask (phones, the
        // shortest) has at least seven digits. Evidence such as "6404.0" or "3" passes as is.
        var digits = 0
        for byte in text.utf8 {
            if byte == 0x40 { digits = minimumDigits; break }
            if byte &- 0x30 < 10 { digits += 1 }
        }
        guard digits >= minimumDigits else { return text }

        var scanner = PersonalDataScanner(Array(text.unicodeScalars))
        // A number is judged by its neighbours as the masked text reads them, and a match found
        // later can change those: "+44 (22220) 37251234567" is 18 digits, too many for a phone,
        // until 37251234567 is masked; then "+44 (22220)" stands alone. So the passes run again
        // while they claim something, and masking the output again finds nothing new.
        var spansBefore = -1
        while scanner.spans.count > spansBefore {
            spansBefore = scanner.spans.count
            scanner.findEmails()
            scanner.findCards()
            scanner.findPersonalCodes()
            scanner.findPhones()
        }
        return scanner.render()
    }
}

extension PersonalDataMasker {
    /// Whether an all-digit string passes the Luhn check used by payment cards.
    static func passesLuhn(_ number: String) -> Bool {
        guard let digits = digitValues(number) else { return false }
        return PersonalDataScanner.passesLuhn(digits)
    }

    /// Whether an 11-digit string is a valid Estonian personal identification code.
    static func isValidPersonalCode(_ code: String) -> Bool {
        guard let digits = digitValues(code) else { return false }
        return PersonalDataScanner.isValidPersonalCode(digits)
    }

    private static func digitValues(_ text: String) -> [Int]? {
        var digits: [Int] = []
        for scalar in text.unicodeScalars {
            guard PersonalDataScanner.isDigit(scalar) else { return nil }
            digits.append(PersonalDataScanner.digitValue(scalar))
        }
        return digits
    }
}

// MARK: - Scanner

private enum Kind {
    case email, card, personalCode, phone

    var token: String {
        switch self {
        case .email: return PersonalDataMasker.emailToken
        case .card: return PersonalDataMasker.cardToken
        case .personalCode: return PersonalDataMasker.personalCodeToken
        case .phone: return PersonalDataMasker.phoneToken
        }
    }
}

/// A run of digits and the single separators between them, e.g. `5123 4567` or `+1-202-555-0143`.
private struct DigitGroups {
    /// Digit values in order, separators left out.
    var digits: [Int] = []
    /// Number of digits in each group.
    var groupSizes: [Int] = []
    /// The separators used between groups.
    var separators: Set<Unicode.Scalar> = []
    /// Whether one group was written in parentheses.
    var hasParenthesisedGroup = false
    /// Index just past the last digit (or closing parenthesis).
    var end: Int = 0
}

private struct PersonalDataScanner {
    let text: [Unicode.Scalar]
    /// Claimed ranges, in the order found.
    var spans: [(range: Range<Int>, kind: Kind)] = []
    /// Per-scalar flag: already claimed by an earlier match.
    var claimed: [Bool]

    init(_ text: [Unicode.Scalar]) {
        self.text = text
        self.claimed = [Bool](repeating: false, count: text.count)
    }

    // MARK: Character classes

    static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    static func digitValue(_ s: Unicode.Scalar) -> Int { Int(s.value) - 0x30 }

    /// Letters, digits of any script, combining marks and underscore: things a word is made of.
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
        }
        let properties = s.properties
        if properties.isAlphabetic || properties.numericType != nil { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// The scalar at `i` as the masked text will read: a claimed one stands for the token that
    /// replaces it, so it reads as `]`, neither a digit nor a word. Judging a number by digits that
    /// masking removes left numbers in the output that masking the output again would take.
    func scalar(at i: Int) -> Unicode.Scalar? {
        guard i >= 0 && i < text.count else { return nil }
        return claimed[i] ? "]" : text[i]
    }

    func isFree(_ range: Range<Int>) -> Bool {
        for i in range where claimed[i] { return false }
        return true
    }

    mutating func claim(_ range: Range<Int>, as kind: Kind) {
        for i in range { claimed[i] = true }
        spans.append((range, kind))
    }

    /// True when a number starting at `start` is not the tail of a longer token:
    /// not after a letter or digit, not after `T-` style id prefixes, not after a decimal point.
    func standsAloneBefore(_ start: Int) -> Bool {
        guard let previous = scalar(at: start - 1) else { return true }
        if Self.isWordScalar(previous) || previous == "+" || previous == "#" || previous == "№" { return false }
        if let beforeThat = scalar(at: start - 2) {
            if "-_/".unicodeScalars.contains(previous) && Self.isWordScalar(beforeThat) { return false }
            if ".,".unicodeScalars.contains(previous) && Self.isDigit(beforeThat) { return false }
        }
        return true
    }

    /// True when a number ending just before `end` is not continued by letters, digits,
    /// an id suffix like `-A`, or decimals like `.90`.
    func standsAloneAfter(_ end: Int) -> Bool {
        guard let next = scalar(at: end) else { return true }
        if Self.isWordScalar(next) { return false }
        if let afterThat = scalar(at: end + 1) {
            if "-_/".unicodeScalars.contains(next) && Self.isWordScalar(afterThat) { return false }
            if ".,".unicodeScalars.contains(next) && Self.isDigit(afterThat) { return false }
        }
        return true
    }

    /// True when `start` follows "digit + single separator", i.e. sits inside a grouped number
    /// such as "1234 5123 4567", whose tail must not be taken for a phone on its own.
    func continuesGroupedNumber(_ start: Int) -> Bool {
        guard let previous = scalar(at: start - 1), let beforeThat = scalar(at: start - 2) else { return false }
        return " -.".unicodeScalars.contains(previous) && Self.isDigit(beforeThat)
    }

    /// Reads digit groups from `start` (which must be a digit or, when allowed, `(`).
    /// A separator is taken only when it is a single one and a digit (or `(`) follows.
    func readGroups(
        from start: Int, separators allowed: Set<Unicode.Scalar>, allowParentheses: Bool
    ) -> DigitGroups {
        var result = DigitGroups()
        var i = start
        while true {
            // One group: plain digits, or "(digits)" once.
            var size = 0
            if allowParentheses, !result.hasParenthesisedGroup, scalar(at: i) == "(" {
                var j = i + 1
                while let s = scalar(at: j), Self.isDigit(s) {
                    result.digits.append(Self.digitValue(s))
                    size += 1
                    j += 1
                }
                guard size > 0, scalar(at: j) == ")" else {
                    result.digits.removeLast(size)
                    break
                }
                result.hasParenthesisedGroup = true
                i = j + 1
            } else {
                while let s = scalar(at: i), Self.isDigit(s) {
                    result.digits.append(Self.digitValue(s))
                    size += 1
                    i += 1
                }
                if size == 0 { break }
            }
            result.groupSizes.append(size)
            result.end = i

            // Continue only over exactly one separator followed by the next group.
            // A parenthesised group may also follow or precede digits directly: "(20)7946".
            guard let next = scalar(at: i) else { break }
            if allowed.contains(next), let after = scalar(at: i + 1),
                Self.isDigit(after) || (allowParentheses && after == "(" && !result.hasParenthesisedGroup)
            {
                result.separators.insert(next)
                i += 1
            } else if allowParentheses, next == "(", !result.hasParenthesisedGroup {
                continue
            } else if allowParentheses, result.hasParenthesisedGroup, text[i - 1] == ")", Self.isDigit(next) {
                continue
            } else {
                break
            }
        }
        return result
    }

    // MARK: E-mail

    static func isLocalPartScalar(_ s: Unicode.Scalar) -> Bool {
        isWordScalar(s) || ".%+-".unicodeScalars.contains(s)
    }

    static func isDomainScalar(_ s: Unicode.Scalar) -> Bool {
        isWordScalar(s) && s != "_" || s == "-" || s == "."
    }

    mutating func findEmails() {
        var i = 0
        while i < text.count {
            guard text[i] == "@", !claimed[i] else {
                i += 1
                continue
            }
            // Local part, leftwards; it may not start or end with a dot.
            var start = i
            while start > 0, Self.isLocalPartScalar(text[start - 1]), !claimed[start - 1] { start -= 1 }
            while start < i, text[start] == "." { start += 1 }
            // Domain, rightwards; trailing dots and hyphens belong to the sentence.
            var end = i + 1
            while end < text.count, Self.isDomainScalar(text[end]) { end += 1 }
            // The longest valid domain, cutting at a dot or hyphen if needed,
            // so Estonian case endings like "mari@eesti.ee-le" keep their ending.
            while end > i + 1, !isValidDomain(i + 1..<end) {
                end -= 1
                while end > i + 1, text[end] != "." && text[end] != "-" { end -= 1 }
            }

            if start < i, text[i - 1] != ".", end > i + 1, isValidDomain(i + 1..<end), isFree(start..<end) {
                claim(start..<end, as: .email)
                i = end
            } else {
                i += 1
            }
        }
    }

    /// At least two labels, none empty or hyphen-edged, and a top-level label of two or more letters.
    func isValidDomain(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        let labels = text[range].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return false }
        for label in labels {
            guard let first = label.first, let last = label.last, first != "-", last != "-" else { return false }
        }
        let top = labels.last!
        return top.count >= 2 && top.allSatisfy { $0.properties.isAlphabetic }
    }

    // MARK: Payment cards

    mutating func findCards() {
        var i = 0
        while i < text.count {
            guard Self.isDigit(text[i]), !claimed[i], standsAloneBefore(i) else {
                i += 1
                continue
            }
            let groups = readGroups(from: i, separators: [" ", "-"], allowParentheses: false)
            let range = i..<groups.end
            if groups.digits.count >= 13, groups.digits.count <= 19,
                groups.separators.count <= 1,
                groups.groupSizes.count == 1 || groups.groupSizes.allSatisfy({ $0 >= 3 }),
                Self.passesLuhn(groups.digits),
                standsAloneAfter(groups.end), isFree(range)
            {
                claim(range, as: .card)
            }
            i = max(groups.end, i + 1)
        }
    }

    static func passesLuhn(_ digits: [Int]) -> Bool {
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            if offset % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }

    // MARK: Estonian personal identification code

    mutating func findPersonalCodes() {
        var i = 0
        while i < text.count {
            guard Self.isDigit(text[i]), !claimed[i], standsAloneBefore(i) else {
                i += 1
                continue
            }
            var end = i
            while let s = scalar(at: end), Self.isDigit(s) { end += 1 }
            let range = i..<end
            if end - i == 11, standsAloneAfter(end), isFree(range),
                Self.isValidPersonalCode(text[range].map(Self.digitValue))
            {
                claim(range, as: .personalCode)
            }
            i = end
        }
    }

    /// Isikukood: century-and-sex digit 1–8, a real YYMMDD date in that century,
    /// and the check digit from the two-pass weighted sum.
    static func isValidPersonalCode(_ d: [Int]) -> Bool {
        guard d.count == 11, (1...8).contains(d[0]) else { return false }
        let century = 1800 + ((d[0] - 1) / 2) * 100
        let year = century + d[1] * 10 + d[2]
        let month = d[3] * 10 + d[4]
        let day = d[5] * 10 + d[6]
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return false }
        return checkDigit(d) == d[10]
    }

    static func checkDigit(_ d: [Int]) -> Int {
        let firstWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 1]
        let secondWeights = [3, 4, 5, 6, 7, 8, 9, 1, 2, 3]
        var remainder = zip(d, firstWeights).reduce(0) { $0 + $1.0 * $1.1 } % 11
        if remainder < 10 { return remainder }
        remainder = zip(d, secondWeights).reduce(0) { $0 + $1.0 * $1.1 } % 11
        return remainder == 10 ? 0 : remainder
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // MARK: Phones

    mutating func findPhones() {
        var i = 0
        while i < text.count {
            if claimed[i] {
                i += 1
                continue
            }
            if let end = internationalPhone(at: i) ?? estonianPhone(at: i), isFree(i..<end) {
                claim(i..<end, as: .phone)
                i = end
            } else {
                i += 1
            }
        }
    }

    /// `+` and a country code, then 6–14 more digits with single spaces, hyphens or dots,
    /// and at most one parenthesised group: `+44 (20) 7946 0958`, `+1-202-555-0143`, `+3725123456`.
    func internationalPhone(at i: Int) -> Int? {
        guard text[i] == "+", let first = scalar(at: i + 1), Self.isDigit(first) else { return nil }
        if let previous = scalar(at: i - 1), Self.isWordScalar(previous) || previous == "+" { return nil }
        let groups = readGroups(from: i + 1, separators: [" ", "-", "."], allowParentheses: true)
        // The country code is 1–3 digits, so 7...17 digits in all.
        guard (7...17).contains(groups.digits.count), groups.digits[0] != 0,
            standsAloneAfter(groups.end)
        else { return nil }
        return groups.end
    }

    /// Estonian numbers without `+`: `372 5123 4567`, `00372 5123 4567`, and bare
    /// mobile (7–8 digits starting with 5) or landline (7 digits starting with 6 or 7) numbers.
    func estonianPhone(at i: Int) -> Int? {
        guard Self.isDigit(text[i]), standsAloneBefore(i), !continuesGroupedNumber(i) else { return nil }
        let groups = readGroups(from: i, separators: [" ", "-"], allowParentheses: false)
        guard standsAloneAfter(groups.end), groups.separators.count <= 1 else { return nil }
        let d = groups.digits

        // With the country code: "372" or "00372", then a 7–8 digit subscriber number.
        for prefix in [[0, 0, 3, 7, 2], [3, 7, 2]] where d.starts(with: prefix) {
            let subscriber = d.dropFirst(prefix.count)
            // The prefix must be its own group or glued to the number, never split.
            let prefixIsWhole = groups.groupSizes[0] == prefix.count || groups.groupSizes[0] >= prefix.count + 3
            if prefixIsWhole, (7...8).contains(subscriber.count), (3...8).contains(subscriber.first!) {
                return groups.end
            }
        }

        // Bare numbers: a first group of one digit looks like an amount with thousands
        // separators ("5 000 000"), so it is not a phone; nor is anything written as money.
        guard !isNextToCurrency(i, groups.end) else { return nil }
        let firstGroup = groups.groupSizes[0]
        // Mobile: 7–8 digits starting with 5, grouped like "5123 4567", "512 3456" or "55 123 456".
        if d[0] == 5, (7...8).contains(d.count), firstGroup >= 2 { return groups.end }
        // Landline: 7 digits starting with 6 or 7, like "612 3456".
        if d[0] == 6 || d[0] == 7, d.count == 7, firstGroup >= 3 { return groups.end }
        return nil
    }

    /// Whether the number at `start..<end` is written as money: `€5123456`, `5123456 eurot`.
    func isNextToCurrency(_ start: Int, _ end: Int) -> Bool {
        let symbols: Set<Unicode.Scalar> = ["€", "$", "£"]
        var before = start - 1
        if scalar(at: before) == " " { before -= 1 }
        if let s = scalar(at: before), symbols.contains(s) { return true }

        var after = end
        if scalar(at: after) == " " { after += 1 }
        if let s = scalar(at: after), symbols.contains(s) { return true }
        var word = ""
        while let s = scalar(at: after), s.properties.isAlphabetic, word.unicodeScalars.count < 4 {
            word.unicodeScalars.append(s)
            after += 1
        }
        let lowered = word.lowercased()
        return ["eur", "usd", "gbp", "sent", "euro"].contains(where: { lowered.hasPrefix($0) })
    }

    // MARK: Output

    /// The text with each claimed span replaced by its token. Built as UTF-8 bytes in one
    /// growing buffer: appending piece by piece to a `String` copied the whole output each time.
    func render() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.count + spans.count * 12)
        func append(_ scalars: ArraySlice<Unicode.Scalar>) {
            for scalar in scalars { UTF8.encode(scalar) { out.append($0) } }
        }
        var cursor = 0
        for span in spans.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            append(text[cursor..<span.range.lowerBound])
            out.append(contentsOf: span.kind.token.utf8)
            cursor = span.range.upperBound
        }
        append(text[cursor...])
        return String(decoding: out, as: UTF8.self)
    }
}
