import Foundation

/// Reads the common shape of a case, strict JSON with known fields of the right types, straight
/// from its bytes into a `SupportCase`, without building a `JSONNode` tree first.
///
/// It is only a shortcut. Anything it is not sure of gives nil: JSON5 syntax, comments, an
/// escape JSON does not have, a repeated field, a wrong type, an unknown channel, any syntax
/// error. The caller then reads the same bytes with `JSONParser` and `CaseDecoder`, which accept
/// JSON5 and word every problem with its line, column and field. So this decides how fast a good
/// line is read, never what it means: whenever it gives a case, that case equals what
/// `CaseDecoder.decode(JSONParser.parse(bytes))` gives. Replay and the stream read millions of
/// lines, and for them the tree was a quarter of the work.
public enum CaseLineDecoder {
    /// Nesting deeper than this inside an unknown field is left to the full parser.
    static let maximumDepth = 64

    public static func decode(_ bytes: [UInt8]) -> SupportCase? {
        bytes.withUnsafeBytes { decode($0) }
    }

    public static func decode(_ bytes: UnsafeRawBufferPointer) -> SupportCase? {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return nil }
        var reader = Reader(p: base.assumingMemoryBound(to: UInt8.self), n: bytes.count)
        return reader.supportCase()
    }
}

/// A value as read, before the field it belongs to says what it must be.
private enum RawValue {
    case null
    case bool(Bool)
    case number(Double)
    /// A string without escapes: its bytes, already checked as UTF-8; `ascii` when all are ASCII.
    case text(start: Int, end: Int, ascii: Bool)
    /// A string with escapes, already decoded and checked.
    case escaped(String)
    /// An array or an object, skipped.
    case nested
}

/// The fields of one event, gathered before its type is known (the type may come last).
private struct RawEvent {
    var at: RawValue?
    var type: RawValue?
    var from: RawValue?
    var text: RawValue?
    var channel: RawValue?
    var promise: RawPromise?
    var status: RawValue?
    var csat: RawValue?
    var nps: RawValue?
    var ces: RawValue?
}

private enum RawPromise {
    case null
    case notAnObject
    case object(due: RawValue?, what: RawValue?)
}

/// A key's bytes in the line, matched against the known names without making a string.
private struct Key {
    let start: UnsafePointer<UInt8>
    let count: Int

    static func ~= (name: StaticString, key: Key) -> Bool {
        name.utf8CodeUnitCount == key.count && memcmp(name.utf8Start, key.start, key.count) == 0
    }
}

private struct Reader {
    let p: UnsafePointer<UInt8>
    let n: Int
    var i = 0
    var scratch: [UInt8] = []

    init(p: UnsafePointer<UInt8>, n: Int) {
        self.p = p
        self.n = n
    }

    // MARK: The case

    mutating func supportCase() -> SupportCase? {
        skipSpace()
        guard take(0x7B) else { return nil }  // {
        var id: String?
        var openedAt: RawValue?, channel: RawValue?, journey: RawValue?, stage: RawValue?
        var subject: RawValue?, text: RawValue?
        var customer = Customer()
        var attributes: [String: AttributeValue] = [:]
        var events: [CaseEvent] = []
        let read = members { r, key in
            switch key {
            case "id":
                guard case .text(let s, let e, _)? = r.value(), e > s else { return nil }
                id = r.makeString(s, e)
                return 1
            case "openedAt": return r.field(2, &openedAt)
            case "channel": return r.field(3, &channel)
            case "journey": return r.field(4, &journey)
            case "stage": return r.field(5, &stage)
            case "subject": return r.field(6, &subject)
            case "text": return r.field(7, &text)
            case "customer": return r.readCustomer(into: &customer) ? 8 : nil
            case "attributes": return r.readAttributes(into: &attributes) ? 9 : nil
            case "events": return r.readEvents(into: &events) ? 10 : nil
            default: return r.skipValue(depth: 1) ? 0 : nil
            }
        }
        guard read else { return nil }
        skipSpace()
        guard i == n, let id else { return nil }

        guard let opened = timestamp(openedAt), let ch: Channel? = enumValue(channel),
              let j: Journey? = enumValue(journey), let st: Stage? = enumValue(stage),
              let sub = string(subject), let message = string(text) else { return nil }
        var result = SupportCase(id: id, openedAt: opened, channel: ch, journey: j, stage: st, subject: sub)
        result.customer = customer
        result.attributes = attributes
        if let message, !message.isEmpty {
            result.events.append(CaseEvent(at: opened, kind: .message(from: .customer, text: message, channel: ch, promise: nil)))
        }
        result.events.append(contentsOf: CaseDecoder.orderedByTime(events))
        return result
    }

    mutating func readCustomer(into customer: inout Customer) -> Bool {
        skipSpace()
        if literal("null") { return true }
        guard take(0x7B) else { return false }
        var id: RawValue?, name: RawValue?, segment: RawValue?, language: RawValue?, tenure: RawValue?
        let read = members { r, key in
            switch key {
            case "id": return r.field(1, &id)
            case "name": return r.field(2, &name)
            case "segment": return r.field(3, &segment)
            case "language": return r.field(4, &language)
            case "tenureMonths": return r.field(5, &tenure)
            default: return r.skipValue(depth: 2) ? 0 : nil
            }
        }
        guard read, let cid = string(id), let cname = string(name), let csegment = string(segment),
              let clanguage = string(language), let months = number(tenure) else { return false }
        customer = Customer(id: cid, name: cname, segment: csegment, language: clanguage?.lowercased(), tenureMonths: months)
        return true
    }

    mutating func readAttributes(into attributes: inout [String: AttributeValue]) -> Bool {
        skipSpace()
        if literal("null") { return true }
        guard take(0x7B) else { return false }
        var more = openMembers(closing: 0x7D)
        while more {
            guard let (start, end, _) = keyRange() else { return false }
            let name = makeString(start, end)
            skipSpace()
            guard take(0x3A) else { return false }  // :
            guard let v = value() else { return false }
            switch v {
            case .null: attributes[name] = .null
            case .bool(let b): attributes[name] = .bool(b)
            case .number(let d): attributes[name] = .number(d)
            case .text(let s, let e, _): attributes[name] = .string(makeString(s, e))
            case .escaped(let string): attributes[name] = .string(string)
            case .nested: break  // nested structures are left out, as the full decoder does
            }
            guard let next = nextMember(closing: 0x7D) else { return false }
            more = next
        }
        return true
    }

    mutating func readEvents(into events: inout [CaseEvent]) -> Bool {
        skipSpace()
        if literal("null") { return true }
        guard take(0x5B) else { return false }  // [
        var more = openMembers(closing: 0x5D)
        while more {
            skipSpace()
            guard take(0x7B), let raw = readEvent(), let event = event(raw) else { return false }
            events.append(event)
            guard let next = nextMember(closing: 0x5D) else { return false }
            more = next
        }
        return true
    }

    /// The members of one event object, after its `{`.
    mutating func readEvent() -> RawEvent? {
        var e = RawEvent()
        let read = members { r, key in
            switch key {
            case "at": return r.field(1, &e.at)
            case "type": return r.field(2, &e.type)
            case "from": return r.field(3, &e.from)
            case "text": return r.field(4, &e.text)
            case "channel": return r.field(5, &e.channel)
            case "status": return r.field(6, &e.status)
            case "csat": return r.field(7, &e.csat)
            case "nps": return r.field(8, &e.nps)
            case "ces": return r.field(9, &e.ces)
            case "promise":
                guard let promise = r.readPromise() else { return nil }
                e.promise = promise
                return 10
            default: return r.skipValue(depth: 3) ? 0 : nil
            }
        }
        return read ? e : nil
    }

    mutating func readPromise() -> RawPromise? {
        skipSpace()
        if literal("null") { return .null }
        guard i < n, p[i] == 0x7B else { return skipValue(depth: 3) ? .notAnObject : nil }
        i &+= 1
        var due: RawValue?, what: RawValue?
        let read = members { r, key in
            switch key {
            case "due": return r.field(1, &due)
            case "what": return r.field(2, &what)
            default: return r.skipValue(depth: 4) ? 0 : nil
            }
        }
        return read ? .object(due: due, what: what) : nil
    }

    /// Reads the members of an object, after its `{`, through its `}`. `member` reads one
    /// member's value and gives the number of the known field it was (1 to 63), 0 for any other
    /// key, or nil when the value is not for this shortcut. A known field given twice gives
    /// false: the full decoder reads the first, so the line goes to it.
    mutating func members(_ member: (inout Reader, Key) -> Int?) -> Bool {
        var seen: UInt64 = 0
        var more = openMembers(closing: 0x7D)
        while more {
            guard let key = key(), let field = member(&self, key) else { return false }
            if field != 0 {
                let bit: UInt64 = 1 << UInt64(field)
                if seen & bit != 0 { return false }
                seen |= bit
            }
            guard let next = nextMember(closing: 0x7D) else { return false }
            more = next
        }
        return true
    }

    /// Reads a member's value into `slot`; gives `number`, the field's number, or nil.
    mutating func field(_ number: Int, _ slot: inout RawValue?) -> Int? {
        guard let v = value() else { return nil }
        slot = v
        return number
    }

    /// One event as `CaseDecoder.decodeEvent` makes it, or nil where that would be an error.
    mutating func event(_ e: RawEvent) -> CaseEvent? {
        guard let at = timestamp(e.at) else { return nil }
        var inferred: Kind?
        if e.status != nil { inferred = .status }
        else if e.csat != nil || e.nps != nil || e.ces != nil { inferred = .feedback }
        else if e.text != nil || e.from != nil { inferred = .message }
        guard let given = word(e.type, among: Kind.self), let type = given ?? inferred else { return nil }
        switch type {
        case .message:
            guard let from = word(e.from, among: Party.self),
                  let text = string(e.text), let channel: Channel? = enumValue(e.channel) else { return nil }
            var promise: Promise?
            switch e.promise {
            case nil, .null?: break
            case .notAnObject?: return nil
            case .object(let dueValue, let whatValue)?:
                guard let dueTime = timestamp(dueValue), let due = dueTime, let what = string(whatValue) else { return nil }
                promise = Promise(due: due, what: what)
            }
            return CaseEvent(at: at, kind: .message(from: from ?? .customer, text: text ?? "", channel: channel, promise: promise))
        case .status:
            guard let status = string(e.status), let status, !status.isEmpty else { return nil }
            return CaseEvent(at: at, kind: .status(status.lowercased()))
        case .feedback:
            guard let csat = number(e.csat), let nps = number(e.nps), let ces = number(e.ces) else { return nil }
            return CaseEvent(at: at, kind: .feedback(Feedback(csat: csat, nps: nps, ces: ces)))
        }
    }

    private enum Kind: String, CaseIterable {
        case message, status, feedback
    }

    // MARK: Field types, as `FieldReader` reads them (nil: not this shortcut's to decide)

    /// A string field: `.some(nil)` when absent or null.
    func string(_ v: RawValue?) -> String?? {
        switch v {
        case nil, .null?: return .some(nil)
        case .text(let s, let e, _)?: return .some(makeString(s, e))
        case .escaped(let string)?: return .some(string)
        default: return nil
        }
    }

    func number(_ v: RawValue?) -> Double?? {
        switch v {
        case nil, .null?: return .some(nil)
        case .number(let d)?: return .some(d)
        default: return nil
        }
    }

    func timestamp(_ v: RawValue?) -> Date?? {
        switch v {
        case nil, .null?: return .some(nil)
        case .text(let s, let e, _)?:
            if s == e { return .some(nil) }
            // A valid time is ASCII, so the bytes need no UTF-8 check first.
            guard let seconds = ISO8601.timestampSeconds(UnsafeBufferPointer(start: p + s, count: e - s)) else { return nil }
            return .some(Date(timeIntervalSince1970: seconds))
        default: return nil
        }
    }

    /// An enumerated field (channel, journey, stage): empty is absent, case does not matter.
    func enumValue<E: RawRepresentable & CaseIterable>(_ v: RawValue?) -> E?? where E.RawValue == String {
        if case .text(let s, let e, _)? = v, s == e { return .some(nil) }
        return word(v, among: E.self)
    }

    /// A string field that must be one of `E`'s names, in any letter case (ASCII only).
    func word<E: RawRepresentable & CaseIterable>(_ v: RawValue?, among: E.Type) -> E?? where E.RawValue == String {
        switch v {
        case nil, .null?: return .some(nil)
        case .text(let s, let e, true)?:
            // Compared byte by byte: building a string to ask `E(rawValue:)` cost several
            // times more, and every event asks twice (its type and who wrote it).
            for candidate in E.allCases {
                var name = candidate.rawValue
                let equal = name.withUTF8 { bytes -> Bool in
                    guard bytes.count == e - s else { return false }
                    for k in 0..<bytes.count {
                        let c = p[s + k]
                        if (c &- 0x41 < 26 ? c | 0x20 : c) != bytes[k] { return false }
                    }
                    return true
                }
                if equal { return .some(candidate) }
            }
            return nil
        default: return nil
        }
    }

    /// The string of bytes already checked as UTF-8 (so decoding repairs nothing).
    func makeString(_ s: Int, _ e: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: p + s, count: e - s), as: UTF8.self)
    }

    // MARK: Syntax (strict JSON; anything else gives nil)

    @inline(__always) mutating func skipSpace() {
        while i < n {
            let b = p[i]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            i &+= 1
        }
    }

    @inline(__always) mutating func take(_ byte: UInt8) -> Bool {
        guard i < n, p[i] == byte else { return false }
        i &+= 1
        return true
    }

    /// After an opening bracket: whether a member or element follows (false at once for `{}`, `[]`).
    mutating func openMembers(closing: UInt8) -> Bool {
        skipSpace()
        return !take(closing)
    }

    /// After a member or element: true when another follows, false at the closing bracket, nil
    /// otherwise (including the trailing comma JSON5 allows).
    mutating func nextMember(closing: UInt8) -> Bool? {
        skipSpace()
        if take(0x2C) {
            skipSpace()
            return i < n && p[i] != closing ? true : nil
        }
        return take(closing) ? false : nil
    }

    /// A member's key and its colon.
    mutating func key() -> Key? {
        skipSpace()
        guard let (s, e, _) = keyRange() else { return nil }
        skipSpace()
        guard take(0x3A) else { return nil }
        return Key(start: p + s, count: e - s)
    }

    /// A key without escapes: its byte range, and whether it is all ASCII.
    mutating func keyRange() -> (Int, Int, Bool)? {
        guard case .text(let s, let e, let ascii)? = stringValue() else { return nil }
        return (s, e, ascii)
    }

    mutating func value() -> RawValue? {
        skipSpace()
        guard i < n else { return nil }
        switch p[i] {
        case 0x22: return stringValue()
        case 0x7B, 0x5B: return skipValue(depth: 2) ? .nested : nil
        case 0x74: return literal("true") ? .bool(true) : nil
        case 0x66: return literal("false") ? .bool(false) : nil
        case 0x6E: return literal("null") ? .null : nil
        default: return numberValue().map { .number($0) }
        }
    }

    /// Skips one value of any kind, checking its syntax and its strings' UTF-8.
    mutating func skipValue(depth: Int) -> Bool {
        skipSpace()
        guard i < n else { return false }
        let b = p[i]
        if b == 0x7B || b == 0x5B {
            guard depth < CaseLineDecoder.maximumDepth else { return false }
            i &+= 1
            let closing: UInt8 = b == 0x7B ? 0x7D : 0x5D
            var more = openMembers(closing: closing)
            while more {
                if b == 0x7B {
                    skipSpace()
                    guard key() != nil else { return false }
                }
                guard skipValue(depth: depth + 1), let next = nextMember(closing: closing) else { return false }
                more = next
            }
            return true
        }
        return value() != nil
    }

    /// `word` at `i` as a whole word, consumed.
    mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard n - i >= count, memcmp(p + i, word.utf8Start, count) == 0 else { return false }
        guard i + count == n || Self.isDelimiter(p[i + count]) else { return false }
        i &+= count
        return true
    }

    @inline(__always) static func isDelimiter(_ b: UInt8) -> Bool {
        b == 0x2C || b == 0x7D || b == 0x5D || b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
    }

    /// A string at `i` (a double quote). Plain strings stay as a byte range; escaped ones are
    /// decoded with JSON's escapes only (JSON5's others go to the full parser).
    mutating func stringValue() -> RawValue? {
        guard take(0x22) else { return nil }
        let start = i
        var ascii = true
        while true {
            while i &+ 8 <= n {
                let word = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                if ByteWord.hasNonASCII(word) || ByteWord.has(word, 0x22) || ByteWord.has(word, 0x5C)
                    || ByteWord.has(word, 0x0A) || ByteWord.has(word, 0x0D) { break }
                i &+= 8
            }
            guard i < n else { return nil }
            let b = p[i]
            if b == 0x22 {
                i &+= 1
                return .text(start: start, end: i - 1, ascii: ascii)
            }
            if b == 0x5C { return escapedString(from: start) }
            if b == 0x0A || b == 0x0D { return nil }
            if b >= 0x80 {
                guard let length = sequenceLength(at: i) else { return nil }
                ascii = false
                i &+= length
                continue
            }
            i &+= 1
        }
    }

    /// The length of the UTF-8 sequence at `k` (a byte outside ASCII), or nil when it is not
    /// valid UTF-8: the same rules the full parser applies (no overlong forms, no surrogates,
    /// nothing above U+10FFFF).
    @inline(__always) func sequenceLength(at k: Int) -> Int? {
        @inline(__always) func continuation(_ j: Int) -> Bool { j < n && p[j] & 0xC0 == 0x80 }
        let b0 = p[k]
        if b0 < 0xC2 { return nil }
        if b0 < 0xE0 { return continuation(k + 1) ? 2 : nil }
        if b0 < 0xF0 {
            guard continuation(k + 1), continuation(k + 2) else { return nil }
            let b1 = p[k + 1]
            if b0 == 0xE0 && b1 < 0xA0 { return nil }  // overlong
            if b0 == 0xED && b1 >= 0xA0 { return nil }  // UTF-16 surrogate
            return 3
        }
        if b0 < 0xF5 {
            guard continuation(k + 1), continuation(k + 2), continuation(k + 3) else { return nil }
            let b1 = p[k + 1]
            if b0 == 0xF0 && b1 < 0x90 { return nil }  // overlong
            if b0 == 0xF4 && b1 >= 0x90 { return nil }  // beyond U+10FFFF
            return 4
        }
        return nil
    }

    mutating func escapedString(from start: Int) -> RawValue? {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(start: p + start, count: i - start))
        while i < n {
            let b = p[i]
            if b == 0x22 {
                i &+= 1
                return .escaped(String(decoding: scratch, as: UTF8.self))
            }
            if b == 0x0A || b == 0x0D { return nil }
            if b >= 0x80 {
                guard let length = sequenceLength(at: i) else { return nil }
                scratch.append(contentsOf: UnsafeBufferPointer(start: p + i, count: length))
                i &+= length
                continue
            }
            guard b == 0x5C else {
                scratch.append(b)
                i &+= 1
                continue
            }
            guard i + 1 < n else { return nil }
            switch p[i + 1] {
            case 0x22, 0x5C, 0x2F: scratch.append(p[i + 1])
            case 0x62: scratch.append(0x08)  // b
            case 0x66: scratch.append(0x0C)  // f
            case 0x6E: scratch.append(0x0A)  // n
            case 0x72: scratch.append(0x0D)  // r
            case 0x74: scratch.append(0x09)  // t
            case 0x75:  // u
                guard let unit = hexUnit(at: i + 2) else { return nil }
                i &+= 6
                var scalar = unit
                if unit >= 0xD800 && unit < 0xDC00 {
                    guard i + 1 < n, p[i] == 0x5C, p[i + 1] == 0x75, let trail = hexUnit(at: i + 2),
                          trail >= 0xDC00 && trail < 0xE000 else { return nil }
                    i &+= 6
                    scalar = 0x10000 + ((unit - 0xD800) << 10) + (trail - 0xDC00)
                } else if unit >= 0xDC00 && unit < 0xE000 {
                    return nil
                }
                guard let s = Unicode.Scalar(scalar) else { return nil }
                scratch.append(contentsOf: UTF8.encode(s)!)
                continue
            default:
                return nil
            }
            i &+= 2
        }
        return nil
    }

    func hexUnit(at k: Int) -> UInt32? {
        guard k + 3 < n else { return nil }
        var value: UInt32 = 0
        for j in k..<(k + 4) {
            let b = p[j]
            let digit: UInt8
            if b &- 0x30 < 10 { digit = b &- 0x30 }
            else if (b | 0x20) &- 0x61 < 6 { digit = (b | 0x20) &- 0x61 &+ 10 }
            else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// A JSON number the full parser reads exactly (at most 19 digits, a mantissa within 2^53,
    /// a power of ten within 10^±22), with the same arithmetic, so both give the same `Double`.
    mutating func numberValue() -> Double? {
        var negative = false
        if i < n && p[i] == 0x2D {
            negative = true
            i &+= 1
        }
        guard i < n, p[i] &- 0x30 < 10 else { return nil }
        var mantissa: UInt64 = 0
        let integerStart = i
        if p[i] == 0x30 {
            i &+= 1
        } else {
            while i < n && p[i] &- 0x30 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(p[i] &- 0x30)
                i &+= 1
            }
        }
        let integerDigits = i - integerStart
        var fractionDigits = 0
        if i < n && p[i] == 0x2E {
            i &+= 1
            let fractionStart = i
            while i < n && p[i] &- 0x30 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(p[i] &- 0x30)
                i &+= 1
            }
            fractionDigits = i - fractionStart
            guard fractionDigits > 0 else { return nil }
        }
        var exponent = 0
        if i < n && p[i] | 0x20 == 0x65 {  // e
            i &+= 1
            var exponentNegative = false
            if i < n && (p[i] == 0x2B || p[i] == 0x2D) {
                exponentNegative = p[i] == 0x2D
                i &+= 1
            }
            let exponentStart = i
            while i < n && p[i] &- 0x30 < 10 {
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(p[i] &- 0x30) }
                i &+= 1
            }
            guard i > exponentStart else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        guard i == n || Self.isDelimiter(p[i]) else { return nil }
        let scale = exponent - fractionDigits
        guard integerDigits + fractionDigits <= 19 && mantissa <= 1 << 53 && scale >= -22 && scale <= 22 else { return nil }
        var value = Double(mantissa)
        if scale < 0 {
            value /= Self.powerOfTen(-scale)
        } else if scale > 0 {
            value *= Self.powerOfTen(scale)
        }
        return negative ? -value : value
    }

    @inline(__always) static func powerOfTen(_ e: Int) -> Double {
        var result = 1.0
        for _ in 0..<e { result *= 10 }
        return result
    }
}
