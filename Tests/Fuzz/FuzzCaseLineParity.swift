// FuzzCaseLineParity: differential target for the two case readers. The fast CaseLineDecoder
// reads strict JSON straight from the bytes and gives nil for anything it is not sure of; the
// full path is JSONParser then CaseDecoder. The contract (CaseLineDecoder's doc comment, and
// Tests/ReliefEngineTests/Model/CaseLineDecoderTests.swift): whenever the fast reader gives a
// case, the full path gives the same case. "Same" is checked exactly, every string by its
// scalars and every number and time by its bits, not by `==`, which equates canonically
// equivalent strings. The reverse is not promised: the fast reader may leave any line to the
// full one.

import Foundation
@testable import ReliefEngine

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCaseLineParity(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: size > 0 ? data : nil, count: size)
    guard let fast = CaseLineDecoder.decode(bytes) else { return 0 }
    let full: SupportCase
    do {
        full = try CaseDecoder.decode(JSONParser.parse(bytes: bytes))
    } catch {
        fuzzCheck(false, "the fast reader read \(shown(Array(bytes))) but the full one refuses it: \(error)")
        return 0
    }
    fuzzCheck(fast == full, "the readers disagree (==) on \(shown(Array(bytes)))")
    let fastText = exactDescription(fast), fullText = exactDescription(full)
    fuzzCheck(fastText == fullText, "the readers disagree on \(shown(Array(bytes))):\nfast: \(fastText)\nfull: \(fullText)")
    return 0
}
