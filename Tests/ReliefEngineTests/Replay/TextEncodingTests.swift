import Testing
@testable import ReliefEngine

@Suite("Export encodings")
struct TextEncodingTests {
    @Test("Windows-1257 and Latin-1 bytes become the letters Estonian writers meant")
    func estonianLetters() {
        // "Sõnum: külm, šokk, žürii, Öö, Ä" in Windows-1257.
        let bytes: [UInt8] = [0x53, 0xF5, 0x6E, 0x75, 0x6D, 0x3A, 0x20, 0x6B, 0xFC, 0x6C, 0x6D, 0x2C, 0x20, 0xF0, 0x6F, 0x6B, 0x6B, 0x2C,
                              0x20, 0xFE, 0xFC, 0x72, 0x69, 0x69, 0x2C, 0x20, 0xD6, 0xF6, 0x2C, 0x20, 0xC4, 0x20, 0x80]
        var t = TextEncoding.Transcoder(.windows1257)
        #expect(String(decoding: t.utf8(bytes), as: UTF8.self) == "Sõnum: külm, šokk, žürii, Öö, Ä €")
        #expect(t.undefinedBytes == 0)
        var l = TextEncoding.Transcoder(.latin1)
        #expect(String(decoding: l.utf8([0x63, 0x61, 0x66, 0xE9, 0x20, 0xF5]), as: UTF8.self) == "café õ")
    }

    @Test("bytes Windows-1257 leaves undefined are counted, not hidden")
    func undefined() {
        var t = TextEncoding.Transcoder(.windows1257)
        #expect(String(decoding: t.utf8([0x61, 0x81, 0x62]), as: UTF8.self) == "a\u{FFFD}b")
        #expect(t.undefinedBytes == 1)
    }

    @Test("names are read as people write them")
    func names() {
        #expect(TextEncoding.named("CP1257") == .windows1257)
        #expect(TextEncoding.named("ISO-8859-1") == .latin1)
        #expect(TextEncoding.named("UTF8") == .utf8)
        #expect(TextEncoding.named("koi8-r") == nil)
    }
}
