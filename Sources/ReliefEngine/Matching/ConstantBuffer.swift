/// An array's elements copied once into memory this object owns and never changes, so hot
/// loops read them through a plain buffer pointer, without a closure per table, for as long
/// as the object lives.
final class ConstantBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<Element>

    init(_ elements: [Element]) {
        let storage = UnsafeMutableBufferPointer<Element>.allocate(capacity: max(elements.count, 1))
        _ = storage.initialize(from: elements)
        buffer = UnsafeBufferPointer(rebasing: storage[..<elements.count])
    }

    deinit {
        UnsafeMutableBufferPointer(mutating: buffer).deinitialize()
        UnsafeMutableRawPointer(mutating: buffer.baseAddress!).deallocate()
    }

    subscript(i: Int) -> Element {
        @inline(__always) get { buffer[i] }
    }

    var count: Int { buffer.count }
}
