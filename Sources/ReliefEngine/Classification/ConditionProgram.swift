/// Every situation rule's condition flattened into one array of nodes, so that evaluating a
/// rule walks integers instead of an indirect enum (which retains a box at every level).
///
/// Node `n` is `kinds[n]` over `first[n]..<end[n]`: for a signal node `first` is the signal
/// index; for `all`, `any` and `not` it is the range of its children in `children`.
struct ConditionProgram: Sendable {
    private enum Kind: UInt8 { case signal, all, any, not }

    private var kinds: [Kind] = []
    private var first: [Int32] = []
    private var end: [Int32] = []
    private var children: [Int32] = []
    /// The root node of each added condition, in the order they were added.
    private(set) var roots: [Int32] = []

    init(_ conditions: [Condition]) {
        for condition in conditions { roots.append(add(condition)) }
    }

    private mutating func add(_ condition: Condition) -> Int32 {
        let node = Int32(kinds.count)
        kinds.append(.signal)
        first.append(0)
        end.append(0)
        let kind: Kind
        let parts: [Condition]
        switch condition {
        case .signal(let i):
            first[Int(node)] = Int32(i)
            return node
        case .all(let cs): kind = .all; parts = cs
        case .any(let cs): kind = .any; parts = cs
        case .not(let c): kind = .not; parts = [c]
        }
        let ids = parts.map { add($0) }
        kinds[Int(node)] = kind
        first[Int(node)] = Int32(children.count)
        children += ids
        end[Int(node)] = Int32(children.count)
        return node
    }

    /// Whether one condition holds: for the cold paths (`--explain`), which walk a condition's
    /// structure and need each part's value.
    static func holds(_ condition: Condition, _ matched: [Bool]) -> Bool {
        var held: [Int] = []
        matched.withUnsafeBufferPointer { ConditionProgram([condition]).held(0..<1, $0, into: &held) }
        return !held.isEmpty
    }

    /// Appends to `held` the index of every condition in `range` that holds, in order: one
    /// call per situation, so the tables are opened once for all of its rules.
    func held(_ range: Range<Int>, _ matched: UnsafeBufferPointer<Bool>, into held: inout [Int]) {
        withTables { tables in
            for index in range where tables.holds(Int(roots[index]), matched) { held.append(index) }
        }
    }

    private func withTables<R>(_ body: (Tables) -> R) -> R {
        kinds.withUnsafeBufferPointer { kinds in
            first.withUnsafeBufferPointer { first in
                end.withUnsafeBufferPointer { end in
                    children.withUnsafeBufferPointer { children in
                        body(Tables(kinds: kinds, first: first, end: end, children: children))
                    }
                }
            }
        }
    }

    /// The matched signals that made condition `index` hold: every held signal under an `all` or
    /// `any` that held, none under a `not`. Appended in the order the condition names them.
    func contributing(_ index: Int, _ matched: UnsafeBufferPointer<Bool>, into result: inout [Int]) {
        withTables { $0.contributing(Int(roots[index]), matched, into: &result) }
    }

    private struct Tables {
        let kinds: UnsafeBufferPointer<Kind>
        let first: UnsafeBufferPointer<Int32>
        let end: UnsafeBufferPointer<Int32>
        let children: UnsafeBufferPointer<Int32>

        func holds(_ node: Int, _ matched: UnsafeBufferPointer<Bool>) -> Bool {
            let a = Int(first[node])
            switch kinds[node] {
            case .signal:
                return matched[a]
            case .all:
                for k in a..<Int(end[node]) where !holds(Int(children[k]), matched) { return false }
                return true
            case .any:
                for k in a..<Int(end[node]) where holds(Int(children[k]), matched) { return true }
                return false
            case .not:
                return !holds(Int(children[a]), matched)
            }
        }

        func contributing(_ node: Int, _ matched: UnsafeBufferPointer<Bool>, into result: inout [Int]) {
            let a = Int(first[node])
            switch kinds[node] {
            case .signal:
                if matched[a] { result.append(a) }
            case .all, .any:
                for k in a..<Int(end[node]) where holds(Int(children[k]), matched) {
                    contributing(Int(children[k]), matched, into: &result)
                }
            case .not:
                break
            }
        }
    }
}
