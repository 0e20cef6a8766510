/// Where the chain fields sit in a stored line, pulled with `JSONReader` without building a tree.
///
/// Used to *accept* a line quickly: the hash of `prev + "\n" + line-without-the-hash-member`
/// can only equal the stored hash if those bytes are exactly what was hashed when the entry
/// was written (the canonical form), so a match proves the content unchanged. A line that is not
/// compact JSON with the three chain fields goes to the full parser instead.
struct ChainFields {
    var seq: Int
    var prev: HexHash
    var hash: HexHash
    /// The bytes of the `"hash":"…"` member plus one adjacent comma.
    var hashMember: Range<Int>

    private static let chainKeys: [StaticString] = ["hash", "prev", "seq"]

    init?(_ line: UnsafeRawBufferPointer) {
        guard let fields = try? Self.read(line) else { return nil }
        self = fields
    }

    private init(seq: Int, prev: HexHash, hash: HexHash, hashMember: Range<Int>) {
        self.seq = seq
        self.prev = prev
        self.hash = hash
        self.hashMember = hashMember
    }

    private static func read(_ line: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> ChainFields? {
        var reader = try JSONReader(line)
        var object = try reader.beginObject()
        var seq: Int?, prev: HexHash?, hash: HexHash?
        var member: Range<Int>?
        while true {
            // Before the key: at the comma that separates it from the member before, if any.
            let memberStart = reader.i
            guard let key = try reader.nextKey(in: &object, among: chainKeys) else { break }
            switch key {
            case 0 where hash == nil:
                guard let value = try hexString(&reader, line) else { return nil }
                hash = value
                member = memberStart..<reader.i
            case 1 where prev == nil:
                guard let value = try hexString(&reader, line) else { return nil }
                prev = value
            case 2 where seq == nil:
                let value = try reader.readNumber()
                guard value >= 1, value < 1e15, value == value.rounded() else { return nil }
                seq = Int(value)
            default:
                try reader.skipValue()
            }
        }
        try reader.finish()
        guard let seq, let prev, let hash, var member else { return nil }
        // The hash member takes one comma with it: the one before it, or after it when it is first.
        if line[member.lowerBound] != UInt8(ascii: ","), member.upperBound < line.count, line[member.upperBound] == UInt8(ascii: ",") {
            member = member.lowerBound..<(member.upperBound + 1)
        }
        return ChainFields(seq: seq, prev: prev, hash: hash, hashMember: member)
    }

    /// A string of 64 hex digits at the reader, read from the bytes without making a string.
    private static func hexString(_ reader: inout JSONReader, _ line: UnsafeRawBufferPointer) throws(JSONSyntaxError) -> HexHash? {
        let start = reader.i
        guard start + 66 <= line.count, line[start] == UInt8(ascii: "\""), line[start + 65] == UInt8(ascii: "\""),
            let value = HexHash(UnsafeRawBufferPointer(rebasing: line[(start + 1)..<(start + 65)]))
        else { return nil }
        try reader.skipValue()
        return value
    }

    /// Whether the stored hash matches `prev + "\n" + the line without the hash member`.
    func contentMatchesHash(_ line: UnsafeRawBufferPointer) -> Bool {
        var hasher = SHA256()
        prev.feed(&hasher)
        hasher.update([0x0A])
        hasher.update(UnsafeRawBufferPointer(rebasing: line[0..<hashMember.lowerBound]))
        hasher.update(UnsafeRawBufferPointer(rebasing: line[hashMember.upperBound...]))
        return HexHash(digest: hasher.finalize()) == hash
    }
}
