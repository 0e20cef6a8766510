/// A folded word or term as a dictionary key, hashed and compared by its UTF-8 bytes.
///
/// Folded text has one spelling per word, so bytes decide equality; and hashing a non-ASCII
/// `String` normalizes it first, which compiling thousands of Cyrillic terms and their Latin
/// spellings would otherwise pay for every lookup.
struct FoldedKey: Hashable {
    let text: String

    init(_ text: String) { self.text = text }

    func hash(into hasher: inout Hasher) {
        var copy = text
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (a: FoldedKey, b: FoldedKey) -> Bool {
        guard a.text.utf8.count == b.text.utf8.count else { return false }
        var x = a.text, y = b.text
        return x.withUTF8 { p in y.withUTF8 { q in p.elementsEqual(q) } }
    }
}
