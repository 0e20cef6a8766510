import Foundation

/// One slot per item of a batch, filled by several threads at distinct indexes and read in
/// order once they are done: how a batch is worked on every core and still printed in input order.
public final class ResultSlots<Value>: @unchecked Sendable {
    private var slots: [Value?]
    private let lock = NSLock()

    public init(count: Int) { slots = Array(repeating: nil, count: count) }

    public func set(_ index: Int, _ value: Value) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    /// The slots in index order; nil where nothing was set. Read after the workers finished.
    public var values: [Value?] {
        lock.lock()
        defer { lock.unlock() }
        return slots
    }
}
