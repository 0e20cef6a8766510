import Testing
@testable import ReliefEngine

/// Expected digests were computed with Python's `hashlib.sha256` and pasted in as literals.
@Suite("SHA-256")
struct SHA256Tests {
    /// Every compression this CPU can run: the portable Swift rounds always, the SHA
    /// instructions where the CPU has them.
    static let compressions: [SHA256.Compression] =
        SHA256.hardwareAvailable ? [.portable, .hardware] : [.portable]

    static func hexDigest(_ bytes: [UInt8], _ compression: SHA256.Compression) -> String {
        var hasher = SHA256(compression: compression)
        hasher.update(bytes)
        return SHA256.hex(hasher.finalize())
    }

    @Test("each compression gives the published NIST digests", arguments: compressions)
    func nistExamplesOnEachCompression(compression: SHA256.Compression) {
        #expect(Self.hexDigest([], compression) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(Self.hexDigest(Array("abc".utf8), compression)
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            Self.hexDigest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8), compression)
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(Self.hexDigest(million, compression)
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("the SHA instructions and the portable rounds agree on 2,000 random messages",
          .enabled(if: SHA256.hardwareAvailable, "this CPU has no SHA extensions"))
    func hardwareMatchesPortable() {
        var generator = SplitMix64(seed: 0x5EED_5A25)
        for _ in 0..<2_000 {
            let length = Int(generator.next() % 1_500)
            let message = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            // Fed in two uneven pieces, so blocks arrive both whole and through the pending buffer.
            let cut = length == 0 ? 0 : Int(generator.next() % UInt64(length))
            var portable = SHA256(compression: .portable)
            var hardware = SHA256(compression: .hardware)
            portable.update(Array(message[..<cut])); portable.update(Array(message[cut...]))
            hardware.update(Array(message[..<cut])); hardware.update(Array(message[cut...]))
            let expected = portable.finalize()
            let got = hardware.finalize()
            #expect(got == expected, "length \(length), cut at \(cut)")
            if got != expected { return }
        }
    }

    @Test("a plain hasher uses the fastest compression the CPU has")
    func preferredCompression() {
        #expect(SHA256.preferredCompression == (SHA256.hardwareAvailable ? .hardware : .portable))
    }

    @Test("the empty message has the published NIST digest")
    func emptyMessage() {
        #expect(SHA256.hexDigest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("\"abc\" has the published NIST digest")
    func abc() {
        #expect(SHA256.hexDigest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("the 448-bit NIST message, which needs a second padding block")
    func nist448() {
        #expect(
            SHA256.hexDigest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("the 896-bit NIST message")
    func nist896() {
        let message =
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
        #expect(message.utf8.count * 8 == 896)
        #expect(SHA256.hexDigest(message) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    @Test("one million 'a' in one call")
    func millionAOneShot() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hexDigest(message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("one million 'a' fed in uneven pieces gives the same digest", arguments: [1, 63, 64, 65, 1000, 4097])
    func millionAInPieces(pieceSize: Int) {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        var hasher = SHA256()
        var start = 0
        while start < message.count {
            let end = min(start + pieceSize, message.count)
            hasher.update(Array(message[start..<end]))
            start = end
        }
        #expect(SHA256.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("mixed piece sizes, cycling 1, 63, 64, 65 and 1000 bytes, match one call")
    func millionAMixedPieces() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        let sizes = [1, 63, 64, 65, 1000]
        var hasher = SHA256()
        var start = 0, turn = 0
        message.withUnsafeBytes { all in
            while start < all.count {
                let end = min(start + sizes[turn % sizes.count], all.count)
                hasher.update(UnsafeRawBufferPointer(rebasing: all[start..<end]))
                start = end
                turn += 1
            }
        }
        #expect(hasher.finalize() == SHA256.digest(message))
    }

    /// Message bytes are `(i * 7 + 3) % 256`, so every length has different content.
    @Test(
        "lengths around the padding boundary",
        arguments: [
            (55, "e7313d333c272e639f790978283f9eb392e843d0f29b7016828bb1daa4aac70b"),
            (56, "4324d65f3c103567f5589c710bc08f8523f929a9272e3af36fc968e52abc6c27"),
            (63, "81c80242132f230c3bd41b3e63bbcff16107339549214a99614ff26664625055"),
            (64, "39e3d7b6b5d075d37d053ad89b24b41bef4f3c29760c84447cab3f3be1882241"),
            (65, "aacca6ff74fdbb296d165a45cecfa04e5127bc008770fbbdd48006f2d2fae95e"),
            (119, "9ce7368e4daf32341631b492e80359dc9f594b48453cd0dd5bf0b19279cc177e"),
            (120, "7836b787757e95e58b3ca5aec90b1b004e8deba1e50e9675af9cabf1a13a04b5"),
            (128, "d2742f1f4ac6bb7ca2b239ee18402ba8b3f9f8e652d2a72973c2b9ba11c08cf6"),
        ])
    func paddingBoundary(length: Int, expected: String) {
        let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }
        #expect(SHA256.hexDigest(message) == expected)

        // Byte by byte must agree with one call.
        var hasher = SHA256()
        for byte in message { hasher.update([byte]) }
        #expect(SHA256.hex(hasher.finalize()) == expected)
    }

    @Test("a string is hashed as its UTF-8 bytes, Estonian letters included")
    func utf8String() {
        let text = "Tõnu Šõõrik ütleb: äö"
        #expect(SHA256.hexDigest(text) == "a627c1834eb1f9677631bcee4c06b11c09a66924b73ea3d0385ae06ccf7d9278")
        #expect(SHA256.hexDigest(text) == SHA256.hexDigest(Array(text.utf8)))
    }

    @Test("a digest is 32 bytes and its hex form is 64 lower-case digits")
    func digestShape() {
        let digest = SHA256.digest(Array("abc".utf8))
        #expect(digest.count == 32)
        #expect(digest.first == 0xba && digest.last == 0xad)
        let hex = SHA256.hexDigest("abc")
        #expect(hex.count == 64)
        #expect(hex.allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test("a copy of a hasher continues independently")
    func valueSemantics() {
        var first = SHA256()
        first.update("ab")
        var second = first
        first.update("c")
        second.update("d")
        #expect(SHA256.hex(first.finalize()) == SHA256.hexDigest("abc"))
        #expect(SHA256.hex(second.finalize()) == SHA256.hexDigest("abd"))
    }
}
