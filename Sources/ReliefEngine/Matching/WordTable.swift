/// An immutable open-addressing hash table from byte strings to small integers.
///
/// Tokens are looked up straight from the folded byte buffer, so matching a message never
/// allocates a `String` per word.
struct WordTable: Sendable {
    struct Entry: Sendable {
        var hash: UInt64
        var keyStart: Int32
        var keyLength: Int32
        var value: Int32
    }

    private var slots: [Int32]          // index into entries, or -1
    private var entries: [Entry] = []
    private var keyBytes: [UInt8] = []
    private let mask: Int

    init(_ pairs: [(key: [UInt8], value: Int32)]) {
        var capacity = 16
        while capacity < pairs.count * 2 + 1 { capacity <<= 1 }
        mask = capacity - 1
        slots = Array(repeating: -1, count: capacity)
        for (key, value) in pairs {
            let h = key.withUnsafeBufferPointer { WordTable.hash($0.baseAddress!, $0.count) }
            var slot = Int(truncatingIfNeeded: h) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(entries.count)
            entries.append(Entry(hash: h, keyStart: Int32(keyBytes.count), keyLength: Int32(key.count), value: value))
            keyBytes.append(contentsOf: key)
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

    /// Runs `body` with a view that looks words up through raw pointers: held for a whole
    /// message, so each lookup costs a hash and a probe, with no reference counting.
    func withLookup<R>(_ body: (Lookup) -> R) -> R {
        slots.withUnsafeBufferPointer { s in
            entries.withUnsafeBufferPointer { e in
                keyBytes.withUnsafeBufferPointer { k in
                    body(Lookup(slots: s, entries: e, keys: k, mask: mask))
                }
            }
        }
    }

    struct Lookup {
        let slots: UnsafeBufferPointer<Int32>
        let entries: UnsafeBufferPointer<Entry>
        let keys: UnsafeBufferPointer<UInt8>
        let mask: Int

        /// The value stored for the `n` bytes at `p`, or -1.
        @inline(__always)
        func find(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32 {
            let h = WordTable.hash(p, n)
            var slot = Int(truncatingIfNeeded: h) & mask
            while true {
                let index = Int(slots[slot])
                if index < 0 { return -1 }
                let entry = entries[index]
                if entry.hash == h && Int(entry.keyLength) == n {
                    let key = keys.baseAddress! + Int(entry.keyStart)
                    var equal = true
                    for i in 0..<n where key[i] != p[i] { equal = false; break }
                    if equal { return entry.value }
                }
                slot = (slot + 1) & mask
            }
        }
    }
}
