/// Every prefix term's spelling in one trie over bytes, so a word is checked against all
/// prefixes in a single walk that usually stops after a letter or two.
struct PrefixTrie: Sendable {
    /// Children of the root by first byte, or -1.
    private var root = [Int32](repeating: -1, count: 256)
    /// Per node: where its edges start in `edgeBytes`/`edgeChildren`, how many, and the prefix
    /// pattern that ends there (or -1).
    private var edgeStart: [Int32] = []
    private var edgeCount: [Int32] = []
    private var pattern: [Int32] = []
    private var edgeBytes: [UInt8] = []
    private var edgeChildren: [Int32] = []

    /// Children of the root's children by second byte, 256 slots per root child (or -1): the
    /// first two letters are where most words leave the trie, so those two steps are lookups,
    /// not edge scans. Indexed by `secondRow[rootChild] * 256 + byte`.
    private var second: [Int32] = []
    private var secondRow: [Int32] = []

    /// The most prefix patterns one word can satisfy: the most pattern ends on any path from
    /// the root. Bounds what a walk writes.
    private(set) var maxMatches = 0

    var isEmpty: Bool { pattern.isEmpty }

    /// Builds the trie from (spelling, pattern id) pairs.
    init(_ prefixes: [([UInt8], Int32)]) {
        // Build with dictionaries first, then flatten into arrays with edges sorted per node.
        var children: [[UInt8: Int]] = []
        var ends: [Int32] = []
        var rootChildren: [UInt8: Int] = [:]
        for (bytes, id) in prefixes where !bytes.isEmpty {
            var node: Int
            if let existing = rootChildren[bytes[0]] { node = existing } else {
                node = children.count
                children.append([:])
                ends.append(-1)
                rootChildren[bytes[0]] = node
            }
            for b in bytes.dropFirst() {
                if let next = children[node][b] { node = next; continue }
                let next = children.count
                children.append([:])
                ends.append(-1)
                children[node][b] = next
                node = next
            }
            ends[node] = id
        }
        for (b, node) in rootChildren { root[Int(b)] = Int32(node) }
        pattern = ends
        // Pattern ends along each path, from the root down (children always come after parents).
        var depth = Array(repeating: 0, count: ends.count)
        for node in rootChildren.values { depth[node] = ends[node] >= 0 ? 1 : 0 }
        for node in children.indices {
            for child in children[node].values { depth[child] = depth[node] + (ends[child] >= 0 ? 1 : 0) }
        }
        maxMatches = depth.max() ?? 0
        secondRow = Array(repeating: -1, count: children.count)
        for (_, node) in rootChildren.sorted(by: { $0.key < $1.key }) {
            secondRow[node] = Int32(second.count / 256)
            var row = [Int32](repeating: -1, count: 256)
            for (b, child) in children[node] { row[Int(b)] = Int32(child) }
            second.append(contentsOf: row)
        }
        for node in children.indices {
            edgeStart.append(Int32(edgeBytes.count))
            edgeCount.append(Int32(children[node].count))
            for (b, child) in children[node].sorted(by: { $0.key < $1.key }) {
                edgeBytes.append(b)
                edgeChildren.append(Int32(child))
            }
        }
    }

    /// Runs `body` with a walker over raw pointers, held for a whole message.
    func withWalker<R>(_ body: (Walker) -> R) -> R {
        root.withUnsafeBufferPointer { root in
        edgeStart.withUnsafeBufferPointer { edgeStart in
        edgeCount.withUnsafeBufferPointer { edgeCount in
        pattern.withUnsafeBufferPointer { pattern in
        edgeBytes.withUnsafeBufferPointer { edgeBytes in
        edgeChildren.withUnsafeBufferPointer { edgeChildren in
        second.withUnsafeBufferPointer { second in
        secondRow.withUnsafeBufferPointer { secondRow in
            body(Walker(
                root: root, second: second, secondRow: secondRow, edgeStart: edgeStart, edgeCount: edgeCount,
                pattern: pattern, edgeBytes: edgeBytes, edgeChildren: edgeChildren))
        }}}}}}}}
    }

    struct Walker {
        let root: UnsafeBufferPointer<Int32>
        let second: UnsafeBufferPointer<Int32>
        let secondRow: UnsafeBufferPointer<Int32>
        let edgeStart: UnsafeBufferPointer<Int32>
        let edgeCount: UnsafeBufferPointer<Int32>
        let pattern: UnsafeBufferPointer<Int32>
        let edgeBytes: UnsafeBufferPointer<UInt8>
        let edgeChildren: UnsafeBufferPointer<Int32>

        /// Writes the pattern id of every prefix of the `n` bytes at `p` to `found`, shortest
        /// first, and returns how many: at most `maxMatches`.
        @inline(__always)
        func walk(_ p: UnsafePointer<UInt8>, _ n: Int, into found: UnsafeMutablePointer<Int32>) -> Int {
            guard n > 0, !pattern.isEmpty else { return 0 }
            var node = Int(root[Int(p[0])])
            if node < 0 { return 0 }
            var count = 0
            if pattern[node] >= 0 { found[count] = pattern[node]; count += 1 }
            if n < 2 { return count }
            node = Int(second[Int(secondRow[node]) &* 256 &+ Int(p[1])])
            if node < 0 { return count }
            if pattern[node] >= 0 { found[count] = pattern[node]; count += 1 }
            var k = 2
            while k < n {
                let b = p[k]
                let start = Int(edgeStart[node])
                let end = start + Int(edgeCount[node])
                var next = -1
                var e = start
                while e < end {
                    let eb = edgeBytes[e]
                    if eb == b { next = Int(edgeChildren[e]); break }
                    if eb > b { break }
                    e += 1
                }
                if next < 0 { return count }
                node = next
                if pattern[node] >= 0 { found[count] = pattern[node]; count += 1 }
                k += 1
            }
            return count
        }
    }
}
