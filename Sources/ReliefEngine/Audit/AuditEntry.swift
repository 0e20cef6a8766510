/// One line of the audit log: the caller's fields plus the three chain fields.
///
/// `hash` is the lower-case hex SHA-256 of `prev + "\n" + compact sorted-key JSON of the
/// entry without `hash` (but with `seq` and `prev`). Each entry names the previous entry's hash,
/// so editing, removing, adding or moving a line breaks the chain where it happened.
public struct AuditEntry: Sendable, Equatable {
    /// 1-based position in the log; contiguous.
    public var seq: Int
    /// The previous entry's `hash`, or `AuditEntry.firstPrev` for the first entry.
    public var prev: String
    /// This entry's own hash, as stored.
    public var hash: String
    /// The caller's fields, without `seq`, `prev` and `hash`.
    public var body: [String: JSON]

    /// `prev` of the first entry: 64 zeros.
    public static let firstPrev = String(repeating: "0", count: 64)

    /// Field names the log uses itself; a body may not contain them.
    public static let reservedKeys: Set<String> = ["seq", "prev", "hash"]

    /// A new entry after `prev`, with its hash computed (with `key` when the body is keyed).
    public init(seq: Int, prev: String, body: [String: JSON], key: [UInt8]? = nil) {
        self.seq = seq
        self.prev = prev
        self.body = body
        self.hash = AuditEntry.computeHash(seq: seq, prev: prev, body: body, key: key) ?? ""
    }

    /// An entry exactly as stored, hash included (not checked here: see `hasValidHash`).
    public init(seq: Int, prev: String, hash: String, body: [String: JSON]) {
        self.seq = seq
        self.prev = prev
        self.hash = hash
        self.body = body
    }

    /// The value of the `chain` member of an entry sealed with a key: its hash is then
    /// HMAC-SHA-256 under that key instead of SHA-256.
    public static let keyedChain = "hmac-sha256"

    /// Whether the entry says it was sealed with a key.
    public var isKeyed: Bool { body["chain"] == .string(AuditEntry.keyedChain) }

    /// The hash the content calls for: SHA-256 of `prev`, a line break and the entry without
    /// its hash; for a keyed entry, HMAC-SHA-256 of the same under `key` (nil without a key).
    public static func computeHash(seq: Int, prev: String, body: [String: JSON], key: [UInt8]? = nil) -> String? {
        var content = body
        content["seq"] = .int(seq)
        content["prev"] = .string(prev)
        let text = JSONWriter.write(.object(content))
        if body["chain"] == .string(keyedChain) {
            guard let key else { return nil }
            var mac = HMACSHA256(key: key)
            mac.update(prev)
            mac.update("\n")
            mac.update(text)
            return SHA256.hex(mac.finalize())
        }
        var hasher = SHA256()
        hasher.update(prev)
        hasher.update("\n")
        hasher.update(text)
        return SHA256.hex(hasher.finalize())
    }

    /// The hash and stored line (without its line end) of the entry at `seq` after `prev`,
    /// from a body serialised beforehand: the hashed form and the line are joined from the same
    /// runs of bytes, so the work under the log's lock is one hash and two copies.
    static func sealed(seq: Int, prev: String, body: AuditBody, key: [UInt8]? = nil, line: inout [UInt8]) -> String {
        // The hashed form is the line without its hash member: write that first, hash it where
        // it lies, then write the line over it with the hash in place.
        let start = line.count
        body.write(seq: seq, prev: prev, hash: nil, into: &line)
        let hash: String
        if let key {
            var mac = HMACSHA256(key: key)
            mac.update(prev)
            mac.update("\n")
            line.withUnsafeBytes { mac.update(UnsafeRawBufferPointer(rebasing: $0[start...])) }
            hash = SHA256.hex(mac.finalize())
        } else {
            var hasher = SHA256()
            hasher.update(prev)
            hasher.update("\n")
            line.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[start...])) }
            hash = SHA256.hex(hasher.finalize())
        }
        line.removeSubrange(start...)
        body.write(seq: seq, prev: prev, hash: hash, into: &line)
        return hash
    }

    /// Whether the stored hash matches the content (a keyed entry only with its key).
    public var hasValidHash: Bool { hasValidHash(key: nil) }

    public func hasValidHash(key: [UInt8]?) -> Bool {
        hash == AuditEntry.computeHash(seq: seq, prev: prev, body: body, key: key)
    }

    /// The whole entry as one JSON object.
    public var json: JSON {
        var content = body
        content["seq"] = .int(seq)
        content["prev"] = .string(prev)
        content["hash"] = .string(hash)
        return .object(content)
    }

    /// The stored form: compact JSON with sorted keys, without the line end.
    public var line: String { JSONWriter.write(json) }

    /// Reads an entry from one log line, or nil if the line is not JSON or lacks a positive
    /// integer `seq` or 64-hex-digit `prev` and `hash`. The hash is not checked.
    public init?(line: String) {
        guard let node = try? JSONParser.parse(line) else { return nil }
        self.init(node: node)
    }

    /// As `init?(line:)`, from the line's UTF-8 bytes.
    public init?(lineBytes: UnsafeRawBufferPointer) {
        guard let node = try? JSONParser.parse(bytes: lineBytes) else { return nil }
        self.init(node: node)
    }

    /// Whether a parsed line is an entry: an object with a positive integer `seq` and 64-hex-digit
    /// `prev` and `hash`. The hash is not checked.
    public static func isEntry(_ node: JSONNode) -> Bool {
        isChainLink(seq: node["seq"]?.numberValue, prev: node["prev"]?.stringValue, hash: node["hash"]?.stringValue)
    }

    /// Whether these chain fields, as read from a line, make it an entry.
    static func isChainLink(seq: Double?, prev: String?, hash: String?) -> Bool {
        guard let seq, seq >= 1, seq == seq.rounded(), seq < 9e15,
              let prev, HexHash(prev) != nil, let hash, HexHash(hash) != nil
        else { return false }
        return true
    }

    public init?(node: JSONNode) {
        guard Self.isEntry(node), case .object(let members) = node.json,
            case .int(let seq)? = members["seq"], seq >= 1,
            case .string(let prev)? = members["prev"],
            case .string(let hash)? = members["hash"]
        else { return nil }
        var body = members
        for key in AuditEntry.reservedKeys { body[key] = nil }
        self.init(seq: seq, prev: prev, hash: hash, body: body)
    }
}

// MARK: - Fast reading of stored lines

/// A 64-digit lower-case hex hash held inline, for cheap comparisons while streaming.
struct HexHash: Equatable, Sendable {
    var words: SIMD8<UInt64>

    static let zero = HexHash(AuditEntry.firstPrev)!

    /// From exactly 64 lower-case hex digits.
    init?(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 64 else { return nil }
        for byte in bytes where !((byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)) {
            return nil
        }
        var words = SIMD8<UInt64>()
        for i in 0..<8 { words[i] = bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self) }
        self.words = words
    }

    init?(_ string: String) {
        var copy = string
        guard let value = copy.withUTF8({ HexHash(UnsafeRawBufferPointer($0)) }) else { return nil }
        self = value
    }

    /// From a 32-byte digest.
    init(digest: [UInt8]) {
        self = HexHash(SHA256.hex(digest))!
    }

    var string: String {
        var words = self.words
        return withUnsafeBytes(of: &words) { String(decoding: $0, as: UTF8.self) }
    }

    /// Feeds the 64 hex digits to a hasher.
    func feed(_ hasher: inout SHA256) {
        var words = self.words
        withUnsafeBytes(of: &words) { hasher.update($0) }
    }
}

/// Where the chain fields sit in a stored line, found without building a JSON tree.
///
/// Only used to *accept* a line quickly: the hash of `prev + "\n" + line-without-the-hash-member`
/// can only equal the stored hash if those bytes are exactly what was hashed when the entry
/// was written (the canonical form), so a match proves the content unchanged. Anything the
/// scanner does not understand goes to the full parser instead.
struct StoredLine {
    var seq: Int
    var prev: HexHash
    var hash: HexHash
    /// The bytes of the `"hash":"…"` member plus one adjacent comma.
    var hashMember: Range<Int>

    /// Scans a compact JSON object line (no surrounding white space) for its top-level members.
    init?(_ line: UnsafeRawBufferPointer) {
        let count = line.count
        guard count >= 2, line[0] == UInt8(ascii: "{"), line[count - 1] == UInt8(ascii: "}") else { return nil }
        var seq: Int?
        var prev: HexHash?
        var hash: HexHash?
        var hashMember: Range<Int>?
        var i = 1
        if line[i] == UInt8(ascii: "}") { return nil }
        while true {
            let memberStart = i
            guard line[i] == UInt8(ascii: "\""), let keyEnd = StoredLine.skipString(line, from: i) else { return nil }
            let key = UnsafeRawBufferPointer(rebasing: line[(i + 1)..<(keyEnd - 1)])
            guard keyEnd < count, line[keyEnd] == UInt8(ascii: ":") else { return nil }
            let valueStart = keyEnd + 1
            guard let valueEnd = StoredLine.skipValue(line, from: valueStart) else { return nil }
            let value = UnsafeRawBufferPointer(rebasing: line[valueStart..<valueEnd])

            if key.elementsEqual("hash".utf8), hash == nil {
                guard let parsed = StoredLine.hexString(value) else { return nil }
                hash = parsed
                hashMember = memberStart..<valueEnd
            } else if key.elementsEqual("prev".utf8), prev == nil {
                guard let parsed = StoredLine.hexString(value) else { return nil }
                prev = parsed
            } else if key.elementsEqual("seq".utf8), seq == nil {
                guard let parsed = StoredLine.positiveInteger(value) else { return nil }
                seq = parsed
            }

            guard valueEnd < count else { return nil }
            if line[valueEnd] == UInt8(ascii: ",") {
                i = valueEnd + 1
                guard i < count - 1 else { return nil }
                continue
            }
            guard valueEnd == count - 1 else { return nil }
            break
        }
        guard let seq, let prev, let hash, var member = hashMember else { return nil }
        // Take one comma with the member: the one before it, or after it when it comes first.
        if line[member.lowerBound - 1] == UInt8(ascii: ",") {
            member = (member.lowerBound - 1)..<member.upperBound
        } else if line[member.upperBound] == UInt8(ascii: ",") {
            member = member.lowerBound..<(member.upperBound + 1)
        }
        self.seq = seq
        self.prev = prev
        self.hash = hash
        self.hashMember = member
    }

    /// Whether the stored hash matches `prev + "\n" + the line without the hash member`.
    func contentMatchesHash(_ line: UnsafeRawBufferPointer) -> Bool {
        var hasher = SHA256()
        prev.feed(&hasher)
        hasher.update([0x0A])
        hasher.update(UnsafeRawBufferPointer(rebasing: line[0..<hashMember.lowerBound]))
        hasher.update(UnsafeRawBufferPointer(rebasing: line[hashMember.upperBound...]))
        return HexHash(digest: hasher.finalize()) == hash
    }

    /// Index just past the string starting at `start` (a quote), or nil if it does not end.
    static func skipString(_ line: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var i = start + 1
        while i < line.count {
            switch line[i] {
            case UInt8(ascii: "\""): return i + 1
            case UInt8(ascii: "\\"): i += 2
            default: i += 1
            }
        }
        return nil
    }

    /// Index just past the value starting at `start`, tracking nesting and strings.
    static func skipValue(_ line: UnsafeRawBufferPointer, from start: Int) -> Int? {
        guard start < line.count else { return nil }
        switch line[start] {
        case UInt8(ascii: "\""):
            return skipString(line, from: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var i = start
            while i < line.count {
                switch line[i] {
                case UInt8(ascii: "\""):
                    guard let end = skipString(line, from: i) else { return nil }
                    i = end
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return i + 1 }
                default:
                    break
                }
                i += 1
            }
            return nil
        default:
            var i = start
            while i < line.count, line[i] != UInt8(ascii: ","), line[i] != UInt8(ascii: "}"),
                line[i] != UInt8(ascii: "]")
            {
                i += 1
            }
            return i > start ? i : nil
        }
    }

    static func hexString(_ value: UnsafeRawBufferPointer) -> HexHash? {
        guard value.count == 66, value[0] == UInt8(ascii: "\""), value[65] == UInt8(ascii: "\"") else { return nil }
        return HexHash(UnsafeRawBufferPointer(rebasing: value[1..<65]))
    }

    static func positiveInteger(_ value: UnsafeRawBufferPointer) -> Int? {
        guard !value.isEmpty, value.count <= 18, value[0] != UInt8(ascii: "0") else { return nil }
        var result = 0
        for byte in value {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            result = result * 10 + Int(byte - 0x30)
        }
        return result
    }
}
