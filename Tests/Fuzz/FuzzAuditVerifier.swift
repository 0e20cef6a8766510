// FuzzAuditVerifier: the input first chooses 1–6 entry bodies (strings, numbers, nulls, nested
// values; plain or sealed with a key) and chains them with the code AuditLog.append runs
// (AuditBody, then AuditEntry.sealed), then damages the log's bytes: overwrites, inserts and
// deletes bytes, injects short strings, duplicates, swaps or cuts lines. The result is checked
// with AuditVerifier, in memory, with or without the key.
//
// Beyond "no crash" it checks that the verifier only calls intact what the chain produced:
//   - the undamaged log is intact, every entry verified, with the right head and key counts;
//   - when the damaged log is called intact, its lines are the first entries of the chain
//     (cutting entries off the end is invisible without --expect-head, as the README says),
//     each with the same seq, prev and hash, and, wherever the check could prove content (a
//     plain entry, or a keyed one with the key), the same body.
// "The same body" is what relief reads from the line with JSONParser, every string compared by
// its bytes and every number by its bits. That leaves exactly one kind of change harmless, one
// the hash does not cover by design: formatting. White space, escapes that spell the same
// characters, key order, number spellings of the same value, JSON5 syntax (which a strict JSON
// reader refuses loudly instead of misreading). A line that a JSON reader could read otherwise
// than relief does is not harmless: a repeated key (relief keeps the first, jq the last) or a
// number that relief reads as infinite or NaN and writes as null. Such a line must not verify.
// Without the key a keyed entry's content is unproven, as the report and the README say, and so
// is its own hash: an entry's hash and the next entry's prev can be changed together (nothing
// but the key's HMAC covers either). For those only the sequence and the links are compared:
// each prev is the hash of the line before. `--expect-head` or the key is what catches more.

import Foundation
@testable import ReliefEngine

private let key = Array("relief fuzz key, 32 bytes long!!".utf8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAuditVerifier(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let keyed = input.bool()
    let verifyWithKey = input.bool()

    // A real chain, built as AuditLog.append builds it.
    var log: [UInt8] = []
    var lines: [[UInt8]] = []
    var prev = AuditEntry.firstPrev
    for seq in 1...input.int(in: 1...6) {
        var fields = body(&input)
        if keyed { fields["chain"] = .string(AuditEntry.keyedChain) }
        var line: [UInt8] = []
        let hash = AuditEntry.sealed(seq: seq, prev: prev, body: AuditBody(checked: fields), key: keyed ? key : nil, line: &line)
        let entry = AuditEntry(seq: seq, prev: prev, body: fields, key: keyed ? key : nil)
        fuzzCheck(entry.hash == hash && Array(entry.line.utf8) == line,
                  "the sealed line \(shown(line)) differs from the entry's \(shown(entry.line))")
        lines.append(line)
        log += line + [0x0A]
        prev = hash
    }
    let original = lines.map { read($0)! }

    var damaged = log
    for _ in 0..<input.int(in: 0...4) {
        damage(&damaged, &input)
    }

    let report = AuditVerifier.verify(bytes: damaged, key: verifyWithKey ? key : nil)

    if damaged == log {
        fuzzCheck(report.isIntact && report.verifiedEntries == lines.count && report.lastSeq == lines.count && report.lastHash == prev,
                  "the undamaged log is not intact: \(report)")
        fuzzCheck(report.keyedEntries == (keyed ? lines.count : 0) && report.keyedEntriesProven == (keyed && verifyWithKey ? lines.count : 0),
                  "keyed counts \(report.keyedEntries)/\(report.keyedEntriesProven) for an undamaged log")
    }
    guard report.isIntact else { return 0 }

    fuzzCheck(damaged.isEmpty || damaged.last == 0x0A, "intact, but the last line has no line end: \(shown(damaged))")
    let damagedLines = damaged.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map(Array.init)
    fuzzCheck(damagedLines.count == report.verifiedEntries && damagedLines.count <= lines.count && report.lastSeq == damagedLines.count,
              "intact with \(report.verifiedEntries) entries, last seq \(report.lastSeq), from \(damagedLines.count) lines of \(lines.count)")
    var linkedHash = AuditEntry.firstPrev
    for (index, line) in damagedLines.enumerated() {
        guard let entry = read(line) else {
            fuzzCheck(false, "intact, but line \(index + 1) is not an entry: \(shown(line))")
            return 0
        }
        let expected = original[index]
        defer { linkedHash = entry.hash }
        // Without the key, a keyed entry proves its sequence and its link to the line before.
        let unproven = entry.isKeyed && !verifyWithKey
        fuzzCheck(entry.seq == expected.seq && entry.prev == linkedHash,
                  "intact, but line \(index + 1) is out of sequence or unlinked:\n\(shown(line))\nwas\n\(shown(lines[index]))")
        if unproven { continue }
        fuzzCheck(entry.prev == expected.prev && entry.hash == expected.hash,
                  "intact, but line \(index + 1) has other chain fields:\n\(shown(line))\nwas\n\(shown(lines[index]))")
        fuzzCheck(entry.body == expected.body,
                  "intact, but line \(index + 1) reads as another entry:\n\(shown(line))\nwas\n\(shown(lines[index]))")
        fuzzCheck(!entry.ambiguous, "intact, but line \(index + 1) can be read two ways:\n\(shown(line))\nwas\n\(shown(lines[index]))")
    }
    if let last = original.prefix(damagedLines.count).last, let lastLine = damagedLines.last, let head = read(lastLine),
       !head.isKeyed || verifyWithKey {
        fuzzCheck(report.lastHash == last.hash, "the head \(report.lastHash) is not the last entry's hash")
    }
    return 0
}

// MARK: - Building

/// A body of a few members whose values the input chooses: what a caller of
/// `AuditLog.append` may pass, and the shapes DecisionRecord writes.
private func body(_ input: inout FuzzInput) -> [String: JSON] {
    var fields: [String: JSON] = [
        "time": .string(ISO8601.format(Date(timeIntervalSince1970: Double(input.int(in: 0...65_535)) * 86_400))),
        "actor": .string(input.string(upTo: 12)),
    ]
    for _ in 0..<input.int(in: 0...3) {
        let name = ["text", "caseId", "n", "flag", "signals", "rules", "x\u{e9}", "x\u{65}\u{301}"][input.int(in: 0...7)]
        fields[name] = value(&input, depth: 0)
    }
    return fields
}

private func value(_ input: inout FuzzInput, depth: Int) -> JSON {
    switch input.int(in: 0...7) {
    case 0: return .null
    case 1: return .bool(input.bool())
    case 2: return .int(input.int(in: 0...65_535) - 32_768)
    case 3: return .double(Double(input.int(in: 0...65_535)) / 64)
    case 4 where depth < 2:
        return .array((0..<input.int(in: 0...3)).map { _ in value(&input, depth: depth + 1) })
    case 5 where depth < 2:
        var members: [String: JSON] = [:]
        for _ in 0..<input.int(in: 0...3) { members[input.string(upTo: 6)] = value(&input, depth: depth + 1) }
        return .object(members)
    default: return .string(input.string(upTo: 40))
    }
}

/// One change to the log's bytes.
private func damage(_ log: inout [UInt8], _ input: inout FuzzInput) {
    let operation = input.int(in: 0...7)
    let at = input.int(in: 0...65_535) % (log.count + 1)
    switch operation {
    case 0 where at < log.count: log[at] = input.byte()
    case 1: log.insert(input.byte(), at: at)
    case 2 where at < log.count: log.remove(at: at)
    case 3: log.removeSubrange(at..<min(log.count, at + input.int(in: 1...64)))
    case 4, 5:
        var lines = log.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        guard lines.count > 1 else { return }
        let i = input.int(in: 0...65_535) % lines.count, j = input.int(in: 0...65_535) % lines.count
        if operation == 4 { lines.insert(lines[i], at: j) } else { lines.swapAt(i, j) }
        log = Array(lines.joined(separator: [0x0A]))
    case 6: log.removeSubrange(at...)
    default: log.insert(contentsOf: input.bytes(upTo: 16), at: at)
    }
}

// MARK: - Reading, independently of the verifier

/// An entry as relief reads a line, with its body in exact form and whether a JSON reader
/// could read the line otherwise.
private struct ReadEntry {
    var seq: Int
    var prev: String
    var hash: String
    var isKeyed: Bool
    var body: String
    var ambiguous: Bool
}

private func read(_ line: [UInt8]) -> ReadEntry? {
    guard let node = try? JSONParser.parse(line), let entry = AuditEntry(node: node) else { return nil }
    return ReadEntry(seq: entry.seq, prev: entry.prev, hash: entry.hash, isKeyed: entry.isKeyed,
                     body: exact(.object(entry.body)), ambiguous: isAmbiguous(node))
}

/// Whether some object repeats a key (as Swift compares keys, which is how relief's reader
/// merges them) or some number is not finite (relief writes those as null).
private func isAmbiguous(_ node: JSONNode) -> Bool {
    switch node.value {
    case .number(let n): return !n.isFinite
    case .array(let items): return items.contains(where: isAmbiguous)
    case .object(let members):
        for (i, member) in members.enumerated() where members[(i + 1)...].contains(where: { $0.key == member.key }) { return true }
        return members.contains { isAmbiguous($0.value) }
    default: return false
    }
}

/// A JSON value with strings by their scalars and numbers by their bits, keys in scalar order.
private func exact(_ value: JSON) -> String {
    switch value {
    case .null: return "null"
    case .bool(let b): return "\(b)"
    case .int(let n): return "i\(n)"
    case .double(let d): return "d\(d.bitPattern)"
    case .string(let s): return String(reflecting: s)
    case .array(let items): return "[" + items.map(exact).joined(separator: ",") + "]"
    case .object(let members):
        let keys = members.keys.sorted { $0.unicodeScalars.map(\.value).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }
        return "{" + keys.map { String(reflecting: $0) + ":" + exact(members[$0]!) }.joined(separator: ",") + "}"
    }
}
