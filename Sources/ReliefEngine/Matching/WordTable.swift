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

    /// A hash that reads the word eight bytes at a time: most words are shorter than that and
    /// take one or two loads and one multiply. Shorter tails are read as two overlapping loads,
    /// so no byte past the word is touched; the length is mixed in, so "ab" and "abb" differ.
    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        @inline(__always) func mix(_ x: UInt64) -> UInt64 {
            let m = x &* 0x9E37_79B9_7F4A_7C15
            return m ^ (m >> 29)
        }
        let raw = UnsafeRawPointer(p)
        var h = mix(0x243F_6A88_85A3_08D3 ^ UInt64(n))
        var i = 0
        while i + 8 <= n {
            h = mix(h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        let rest = n - i
        if rest >= 4 {
            let low = UInt64(raw.loadUnaligned(fromByteOffset: i, as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
            h = mix(h ^ (low | high << 32))
        } else if rest > 0 {
            // One to three bytes: first, middle and last name them all.
            h = mix(h ^ (UInt64(p[i]) | UInt64(p[i + rest / 2]) << 8 | UInt64(p[n - 1]) << 16))
        }
        // Finish with a full avalanche (MurmurHash3's): the slot is taken from the low bits,
        // and without it the last bytes of a word barely reach them, so words that share a
        // stem ("kaarta", "kaarti") would crowd into one slot.
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
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
