/// Where JSON writers put bytes. Two outputs: a `[UInt8]`, and `ByteSink`, which appends through
/// a raw pointer. Writers are generic over it and specialised by the compiler.
protocol JSONOutput {
    mutating func write(_ byte: UInt8)
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>)
}

extension JSONOutput {
    @inline(__always)
    mutating func write(_ literal: StaticString) {
        write(literal.utf8Bytes)
    }
}

extension StaticString {
    /// The literal's UTF-8 bytes, which live as long as the program.
    var utf8Bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: utf8Start, count: utf8CodeUnitCount)
    }
}

extension Array: JSONOutput where Element == UInt8 {
    @inline(__always)
    mutating func write(_ byte: UInt8) { append(byte) }
    @inline(__always)
    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}

/// A growable byte buffer for writing many small pieces: each append is a bounds check and a
/// copy. Appending to an array costs several times more per piece (a uniqueness check and
/// generic copying), which adds up over the hundred-odd pieces of a decision line.
///
/// Public so that a caller writing many decisions (`triage --stream`) can keep one per thread
/// and reuse it: `reset` keeps the memory, so the steady state allocates nothing.
public final class ByteSink: JSONOutput {
    // The stored properties stay private: public stored properties of a class get dynamic
    // exclusivity checks on every access, which cost more than the writes themselves.
    private var base: UnsafeMutablePointer<UInt8>
    private var written = 0
    private var capacity: Int

    /// Bytes written so far.
    public var count: Int { written }

    public init(capacity: Int = 4096) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    func write(_ byte: UInt8) {
        if written == capacity { grow(to: written + 1) }
        base[written] = byte
        written += 1
    }

    @inline(__always)
    func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if written + bytes.count > capacity { grow(to: written + bytes.count) }
        (base + written).update(from: source, count: bytes.count)
        written += bytes.count
    }

    private func grow(to needed: Int) {
        let newCapacity = max(capacity * 2, needed)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: written)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Forgets what was written and keeps the memory for the next use.
    public func reset() { written = 0 }

    /// Appends the UTF-8 bytes of `text`.
    public func write(text: String) {
        var copy = text
        copy.withUTF8 { write($0) }
    }

    /// Runs `body` over the bytes written so far.
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: written))
    }

    /// Everything written so far, as text (the writers only write UTF-8).
    var string: String {
        String(unsafeUninitializedCapacity: written) { buffer in
            if let target = buffer.baseAddress { target.update(from: base, count: written) }
            return written
        }
    }

    /// Appends everything written so far to `array`.
    func append(to array: inout [UInt8]) {
        array.append(contentsOf: UnsafeBufferPointer(start: base, count: written))
    }
}
