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
