/// HMAC-SHA-256 (RFC 2104), for the keyed audit chain: only a holder of the key can write an
/// entry whose hash verifies, so a person who can edit the file cannot forge its history.
public struct HMACSHA256: Sendable {
    private var inner: SHA256
    private let outerKey: [UInt8]

    public init(key: [UInt8]) {
        // Keys longer than the block are hashed first; shorter ones are padded with zeros.
        var block = key.count > 64 ? SHA256.digest(key) : key
        block += Array(repeating: 0, count: 64 - block.count)
        inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        outerKey = block.map { $0 ^ 0x5c }
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) { inner.update(bytes) }
    public mutating func update(_ bytes: [UInt8]) { inner.update(bytes) }
    public mutating func update(_ string: String) { inner.update(string) }

    public consuming func finalize() -> [UInt8] {
        let innerDigest = inner.finalize()
        var outer = SHA256()
        outer.update(outerKey)
        outer.update(innerDigest)
        return outer.finalize()
    }

    /// The MAC of `message` under `key` in one call.
    public static func authenticationCode(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        var mac = HMACSHA256(key: key)
        mac.update(message)
        return mac.finalize()
    }
}
