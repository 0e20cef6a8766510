// Shared by every fuzz target (compiled into each one by .ci/fuzz): reading typed choices
// out of the fuzzer's bytes, and failing a property so libFuzzer saves the input.

import Foundation
@testable import ReliefEngine

/// Stops the run when a property does not hold. libFuzzer treats the abort as a crash: it
/// prints the stack and saves the input under -artifact_prefix, so the case can be replayed.
@inline(never)
func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    guard !condition else { return }
    FileHandle.standardError.write(Data("\nFUZZ PROPERTY FAILED at \(file):\(line): \(message())\n".utf8))
    abort()
}

/// The fuzzer's bytes as a source of choices, consumed from the front. When the bytes run
/// out every choice gives its smallest value, so a short input still makes a whole test.
struct FuzzInput {
    private let bytes: UnsafeRawBufferPointer
    private var offset = 0

    init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
        bytes = UnsafeRawBufferPointer(start: size > 0 ? data : nil, count: size)
    }

    var remainingCount: Int { bytes.count - offset }
    var isEmpty: Bool { offset >= bytes.count }

    mutating func byte() -> UInt8 {
        guard offset < bytes.count else { return 0 }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func bool() -> Bool { byte() & 1 == 1 }

    /// A number in `range`, from one or two bytes.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let span = range.upperBound - range.lowerBound
        if span == 0 { return range.lowerBound }
        let raw = span < 256 ? Int(byte()) : Int(byte()) << 8 | Int(byte())
        return range.lowerBound + raw % (span + 1)
    }

    /// Up to `maxCount` bytes; the length comes first.
    mutating func bytes(upTo maxCount: Int) -> [UInt8] {
        let count = min(int(in: 0...maxCount), remainingCount)
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    /// A string of up to `maxCount` bytes, invalid UTF-8 repaired as Swift repairs it.
    mutating func string(upTo maxCount: Int) -> String {
        String(decoding: bytes(upTo: maxCount), as: UTF8.self)
    }

    /// Everything not consumed yet.
    mutating func rest() -> [UInt8] {
        defer { offset = bytes.count }
        return offset < bytes.count ? Array(bytes[offset...]) : []
    }
}

/// Whether the bytes are valid UTF-8, judged independently of the engine's own decoders.
func isValidUTF8(_ bytes: some Collection<UInt8>) -> Bool {
    var iterator = bytes.makeIterator()
    var decoder = UTF8()
    while true {
        switch decoder.decode(&iterator) {
        case .scalarValue: continue
        case .emptyInput: return true
        case .error: return false
        }
    }
}

/// Text shown in a failure message: short, with invisible characters escaped.
func shown(_ text: String) -> String {
    let cut = text.unicodeScalars.count > 300 ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(300))) + "…" : text
    return cut.debugDescription
}

func shown(_ bytes: [UInt8]) -> String { shown(String(decoding: bytes, as: UTF8.self)) }

/// Every field of a case, strings by their exact scalars and numbers by their bits: `==` on
/// `String` holds for canonically equivalent spellings ("é" and "e\u{301}"), which would hide a
/// reader that changed the bytes.
func exactDescription(_ c: SupportCase) -> String {
    func s(_ text: String?) -> String { text.map { String(reflecting: $0) } ?? "nil" }
    func d(_ value: Double?) -> String { value.map { "\($0.bitPattern)" } ?? "nil" }
    func t(_ date: Date?) -> String { d(date?.timeIntervalSince1970) }
    var out = "id=\(s(c.id)) opened=\(t(c.openedAt)) channel=\(s(c.channel?.rawValue)) journey=\(s(c.journey?.rawValue))"
    out += " stage=\(s(c.stage?.rawValue)) subject=\(s(c.subject))"
    out += " customer=(\(s(c.customer.id)) \(s(c.customer.name)) \(s(c.customer.segment)) \(s(c.customer.language)) \(d(c.customer.tenureMonths)))"
    for key in c.attributes.keys.sorted(by: { Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }) {
        let value: String
        switch c.attributes[key]! {
        case .string(let v): value = s(v)
        case .number(let v): value = d(v)
        case .bool(let v): value = "\(v)"
        case .null: value = "null"
        }
        out += " attr[\(s(key))]=\(value)"
    }
    for event in c.events {
        out += " event@\(t(event.at)):"
        switch event.kind {
        case .message(let from, let text, let channel, let promise):
            out += "message(\(from.rawValue) \(s(text)) \(s(channel?.rawValue)) \(promise.map { "promise(\(t($0.due)) \(s($0.what)))" } ?? "nil"))"
        case .status(let status):
            out += "status(\(s(status)))"
        case .feedback(let f):
            out += "feedback(\(d(f.csat)) \(d(f.nps)) \(d(f.ces)))"
        }
    }
    return out
}
