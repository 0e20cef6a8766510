import Testing
@testable import ReliefEngine

/// Text from a case is shown, never obeyed: controls become visible escapes, everything else is
/// left exactly as written.
@Suite("Visible text")
struct VisibleTextTests {
    @Test("C0 controls, DEL, C1 controls and the bidirectional overrides are made visible")
    func controls() {
        #expect(VisibleText.escape("a\u{1B}[2Jb") == "a\\u{1B}[2Jb")
        #expect(VisibleText.escape("one\ntwo\r\tthree") == "one\\ntwo\\r\\tthree")
        #expect(VisibleText.escape("x\u{7F}y") == "x\\u{7F}y")
        #expect(VisibleText.escape("x\u{85}y\u{9F}") == "x\\u{85}y\\u{9F}")
        #expect(VisibleText.escape("abc\u{202E}cba") == "abc\\u{202E}cba")
        #expect(VisibleText.escape("\u{2066}isolate\u{2069}") == "\\u{2066}isolate\\u{2069}")
    }

    @Test("letters and signs that share a first byte with a control are left alone")
    func lookalikes() {
        // £ and ¡ start with 0xC2 like the C1 controls; €, – and ↑ start with 0xE2 like the
        // bidirectional controls.
        for text in ["£40 ¡hola!", "€ 12 – 15 ↑", "Tere, õun ja šokolaad", "日本語", "👍"] {
            #expect(VisibleText.escape(text) == text)
        }
    }

    @Test("a Markdown cell: bars escaped, backticks quoted, line breaks spaces, controls visible")
    func markdownCell() {
        #expect(ReplayMarkdown.escape("plain text") == "plain text")
        #expect(ReplayMarkdown.escape("a|b") == "a\\|b")
        #expect(ReplayMarkdown.escape("`rm -rf`") == "'rm -rf'")
        #expect(ReplayMarkdown.escape("line one\nline two") == "line one line two")
        #expect(ReplayMarkdown.escape("crlf\r\nnext") == "crlf\\r next")
        #expect(ReplayMarkdown.escape("|\u{1B}|") == "\\|\\u{1B}\\|")
        #expect(ReplayMarkdown.escape("õ|ü") == "õ\\|ü")
        // A bar that carries a combining mark still splits a table row, so it is escaped too.
        #expect(ReplayMarkdown.escape("a|\u{301}b") == "a\\|\u{301}b")
    }
}
