/// An immutable open-addressing hash table from byte strings to small integers.
///
/// Tokens are looked up straight from the folded byte buffer, so matching a message never
/// allocates a `String` per word.
struct WordTable: Sendable {
    private var slots: [Int32]          // index into entries, or -1
    private var hashes: [UInt64]
    private var keyStarts: [Int32]
    private var keyLengths: [Int32]
    private var values: [Int32]
    private var keyBytes: [UInt8]
    private let mask: Int

    /// The distinct key lengths stored, for prefix lookups that only probe lengths that exist.
    private(set) var lengths: Set<Int> = []

    init(_ entries: [(key: [UInt8], value: Int32)]) {
        var capacity = 16
        while capacity < entries.count * 2 + 1 { capacity <<= 1 }
        mask = capacity - 1
        slots = Array(repeating: -1, count: capacity)
        hashes = []
        keyStarts = []
        keyLengths = []
        values = []
        keyBytes = []
        for (key, value) in entries {
            let h = key.withUnsafeBufferPointer { WordTable.hash($0.baseAddress!, $0.count) }
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(values.count)
            hashes.append(h)
            keyStarts.append(Int32(keyBytes.count))
            keyLengths.append(Int32(key.count))
            values.append(value)
            keyBytes.append(contentsOf: key)
            lengths.insert(key.count)
        }
    }

    /// FNV-1a, 64 bit: simple, fast on short words, good enough spread for a few thousand keys.
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for i in 0..<n {
            h = (h ^ UInt64(p[i])) &* 0x100000001b3
        }
        return h
    }

    /// The value stored for the `n` bytes at `p`, or nil. `h` must be `hash(p, n)`.
    @inline(__always)
    func lookup(_ p: UnsafePointer<UInt8>, _ n: Int, hash h: UInt64) -> Int32? {
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { return nil }
            if hashes[entry] == h && Int(keyLengths[entry]) == n {
                let start = Int(keyStarts[entry])
                let equal = keyBytes.withUnsafeBufferPointer { kb in
                    memcmpBytes(kb.baseAddress! + start, p, n)
                }
                if equal { return values[entry] }
            }
            slot = (slot + 1) & mask
        }
    }
}

@inline(__always)
private func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    for i in 0..<n where a[i] != b[i] { return false }
    return true
}
