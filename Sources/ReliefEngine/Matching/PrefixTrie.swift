/// Every prefix term's spelling in one trie over bytes, so a word is checked against all
/// prefixes in a single walk that usually stops after a letter or two.
struct PrefixTrie: Sendable {
    /// Where each table starts in `tables`. The root's children by first byte come first, at 0.
    ///
    /// - `second`: children of the root's children by second byte, 256 slots per root child (or
    ///   -1): the first two letters are where most words leave the trie, so those two steps are
    ///   lookups, not edge scans. Indexed by `secondRow[rootChild] * 256 + byte`.
    /// - per node: `edgeStart` and `edgeCount` into `edgeBytes`/`edgeChildren` (sorted by
    ///   byte), and `pattern`, the prefix pattern that ends there (or -1).
    struct Layout: Sendable {
        var second = 0, secondRow = 0, edgeStart = 0, edgeCount = 0, pattern = 0, edgeBytes = 0, edgeChildren = 0
        var nodes = 0
    }

    /// Every table in one array, so a walk opens one buffer for a whole message.
    private var tables: [Int32] = []
    private var layout = Layout()

    /// The most prefix patterns one word can satisfy: the most pattern ends on any path from
    /// the root. Bounds what a walk writes.
    private(set) var maxMatches = 0

    var isEmpty: Bool { layout.nodes == 0 }

    /// Builds the trie from (spelling, pattern id) pairs.
    init(_ prefixes: [([UInt8], Int32)]) {
        // Build with dictionaries first, then flatten into the tables with edges sorted per node.
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
        // Pattern ends along each path, from the root down (children always come after parents).
        var depth = Array(repeating: 0, count: ends.count)
        for node in rootChildren.values { depth[node] = ends[node] >= 0 ? 1 : 0 }
        for node in children.indices {
            for child in children[node].values { depth[child] = depth[node] + (ends[child] >= 0 ? 1 : 0) }
        }
        maxMatches = depth.max() ?? 0

        var root = [Int32](repeating: -1, count: 256)
        for (b, node) in rootChildren { root[Int(b)] = Int32(node) }
        var second: [Int32] = []
        var secondRow = [Int32](repeating: -1, count: children.count)
        for (_, node) in rootChildren.sorted(by: { $0.key < $1.key }) {
            secondRow[node] = Int32(second.count / 256)
            var row = [Int32](repeating: -1, count: 256)
            for (b, child) in children[node] { row[Int(b)] = Int32(child) }
            second.append(contentsOf: row)
        }
        var edgeStart: [Int32] = [], edgeCount: [Int32] = [], edgeBytes: [Int32] = [], edgeChildren: [Int32] = []
        for node in children.indices {
            edgeStart.append(Int32(edgeBytes.count))
            edgeCount.append(Int32(children[node].count))
            for (b, child) in children[node].sorted(by: { $0.key < $1.key }) {
                edgeBytes.append(Int32(b))
                edgeChildren.append(Int32(child))
            }
        }

        tables = root
        func section(_ part: [Int32]) -> Int {
            defer { tables += part }
            return tables.count
        }
        layout.second = section(second)
        layout.secondRow = section(secondRow)
        layout.edgeStart = section(edgeStart)
        layout.edgeCount = section(edgeCount)
        layout.pattern = section(ends)
        layout.edgeBytes = section(edgeBytes)
        layout.edgeChildren = section(edgeChildren)
        layout.nodes = ends.count
    }

    /// Runs `body` with a walker over the tables, held for a whole message.
    func withWalker<R>(_ body: (Walker) -> R) -> R {
        tables.withUnsafeBufferPointer { body(Walker(tables: $0, layout: layout)) }
    }

    struct Walker {
        let tables: UnsafeBufferPointer<Int32>
        let layout: Layout

        @inline(__always) private func pattern(_ node: Int) -> Int32 { tables[layout.pattern &+ node] }

        /// Writes the pattern id of every prefix of the `n` bytes at `p` to `found`, shortest
        /// first, and returns how many: at most `maxMatches`.
        @inline(__always)
        func walk(_ p: UnsafePointer<UInt8>, _ n: Int, into found: UnsafeMutablePointer<Int32>) -> Int {
            guard n > 0, layout.nodes > 0 else { return 0 }
            var node = Int(tables[Int(p[0])])
            if node < 0 { return 0 }
            var count = 0
            if pattern(node) >= 0 { found[count] = pattern(node); count += 1 }
            if n < 2 { return count }
            node = Int(tables[layout.second &+ Int(tables[layout.secondRow &+ node]) &* 256 &+ Int(p[1])])
            if node < 0 { return count }
            if pattern(node) >= 0 { found[count] = pattern(node); count += 1 }
            var k = 2
            while k < n {
                // The node's edges are sorted by byte: stop at the first one past it.
                let b = Int32(p[k])
                let start = Int(tables[layout.edgeStart &+ node])
                let end = start &+ Int(tables[layout.edgeCount &+ node])
                var next = -1
                var e = start
                while e < end {
                    let edge = tables[layout.edgeBytes &+ e]
                    if edge == b { next = Int(tables[layout.edgeChildren &+ e]); break }
                    if edge > b { break }
                    e &+= 1
                }
                if next < 0 { return count }
                node = next
                if pattern(node) >= 0 { found[count] = pattern(node); count += 1 }
                k &+= 1
            }
            return count
        }
    }
}
