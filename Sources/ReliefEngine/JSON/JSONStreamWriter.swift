import Foundation

/// Writes compact JSON straight to bytes, member by member, for output written once per case or
/// per decision: no `JSON` tree, no dictionary. Callers give keys in sorted order, so the bytes
/// are what `JSONWriter` writes for the same value; in a debug build (the tests) every key is
/// checked against the one before it in its object, and each caller has a test holding its
/// bytes to `JSONWriter`'s.
struct JSONStreamWriter<Output: JSONOutput> {
    var out: Output
    /// No member written yet in the object being written.
    private var first = true
    #if DEBUG
    /// The last key written in each open object, innermost last.
    private var lastKeys: [[UInt8]] = [[]]
    #endif

    init(_ out: Output) { self.out = out }

    /// A writer that continues an object whose earlier members were written elsewhere, so
    /// its first `key` starts with a comma.
    init(_ out: Output, inObject: Bool) {
        self.out = out
        first = !inObject
    }

    mutating func open() {
        out.write(0x7B)
        first = true
        #if DEBUG
        lastKeys.append([])
        #endif
    }

    mutating func close() {
        out.write(0x7D)
        first = false
        #if DEBUG
        if lastKeys.count > 1 { lastKeys.removeLast() }
        #endif
    }

    /// Starts a member. `k` must need no escaping and sort after the members before it.
    mutating func key(_ k: StaticString) {
        #if DEBUG
        // Key order is what makes these bytes equal `JSONWriter`'s; UTF-8 byte order is Unicode
        // scalar order, the order it sorts by.
        let bytes = Array(UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
        assert(lastKeys[lastKeys.count - 1].lexicographicallyPrecedes(bytes), "JSON key '\(k)' written after '\(String(decoding: lastKeys[lastKeys.count - 1], as: UTF8.self))'")
        lastKeys[lastKeys.count - 1] = bytes
        #endif
        if !first { out.write(0x2C) }
        first = false
        out.write(0x22)
        out.write(k)
        out.write(0x22)
        out.write(0x3A)
    }

    /// An array, with `element` writing each item.
    mutating func array<Item>(_ items: [Item], _ element: (inout Self, Item) -> Void) {
        out.write(0x5B)
        for (i, item) in items.enumerated() {
            if i > 0 { out.write(0x2C) }
            element(&self, item)
        }
        out.write(0x5D)
    }

    mutating func string(_ s: String) { JSONWriter.appendString(s, into: &out) }
    mutating func string(_ s: String?) { if let s { string(s) } else { null() } }
    mutating func strings(_ list: [String]) { array(list) { $0.string($1) } }

    /// A string known to need no escaping (situation and expectation names, times), or null.
    mutating func raw(_ s: String?) {
        guard var s else { null(); return }
        out.write(0x22)
        s.withUTF8 { out.write($0) }
        out.write(0x22)
    }

    mutating func int(_ n: Int) { raw(n) }
    mutating func bool(_ b: Bool?) {
        switch b {
        case true?: out.write("true")
        case false?: out.write("false")
        case nil: null()
        }
    }
    mutating func null() { out.write("null") }
    mutating func number(_ d: Double?) {
        var bytes: [UInt8] = []
        JSONWriter.writeBytes(d.map(JSON.double) ?? .null, into: &bytes)
        bytes.withUnsafeBufferPointer { out.write($0) }
    }
    /// A time as `ISO8601.format` words it, quoted, or null; written without making a string.
    mutating func time(_ d: Date?) {
        guard let d else { null(); return }
        var buffer: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &buffer) { raw in
            let bytes = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            bytes[0] = 0x22
            let length = ISO8601.write(d, into: bytes + 1)
            bytes[length + 1] = 0x22
            out.write(UnsafeBufferPointer(start: bytes, count: length + 2))
        }
    }

    /// Expectation names (which need no escaping), as an array.
    mutating func expectations(_ list: [Expectation]) {
        array(list) { $0.raw($1.rawValue) }
    }

    /// An integer, unquoted.
    private mutating func raw(_ n: Int) {
        var s = String(n)
        s.withUTF8 { out.write($0) }
    }
}
