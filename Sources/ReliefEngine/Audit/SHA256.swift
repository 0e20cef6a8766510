import ReliefHardwareSHA

/// SHA-256 (FIPS 180-4), written out here because Foundation on Linux has neither
/// CryptoKit nor CommonCrypto, and the audit log needs a hash chain without dependencies.
///
/// Feed bytes with `update` as often as needed, then call `finalize` once.
/// Whole 64-byte blocks are compressed straight from the caller's buffer; only a
/// trailing partial block is copied into the fixed-size internal buffer.
///
/// The compression function runs on the CPU's SHA instructions where it has them (the
/// chain hash is the one serial step of a stream with the audit log on), and in portable
/// Swift everywhere else. Both give the same digests; the tests hold them to each other.
public struct SHA256: Sendable {
    /// Which code compresses the 64-byte blocks.
    public enum Compression: Sendable {
        /// The Swift rounds below: any CPU.
        case portable
        /// The x86 SHA extensions, through the small C target `ReliefHardwareSHA`.
        case hardware
    }

    /// Whether this CPU has the SHA extensions; asked once per process.
    public static let hardwareAvailable: Bool = relief_sha256_hardware_available() != 0

    /// The fastest compression this CPU offers; what `init()` uses.
    static let preferredCompression: Compression = hardwareAvailable ? .hardware : .portable

    /// h0...h7, in one tuple so the hardware path can update them through one pointer.
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    private let compression: Compression

    /// Bytes of an unfinished block, waiting for more input (64 bytes, inline, no heap).
    private var pending: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
        (0, 0, 0, 0, 0, 0, 0, 0)
    private var pendingCount: Int = 0
    /// Total message length in bytes so far; the padding records it in bits.
    private var totalLength: UInt64 = 0

    /// A hasher with the standard initial state.
    public init() {
        compression = Self.preferredCompression
    }

    /// A hasher that compresses with `compression`, so tests can hold one path to the other
    /// and the benchmark can time both. Asking for `.hardware` on a CPU without it is a
    /// programming error.
    public init(compression: Compression) {
        precondition(compression == .portable || Self.hardwareAvailable, "no SHA extensions on this CPU")
        self.compression = compression
    }

    /// Adds raw bytes to the message.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var base = bytes.baseAddress, bytes.count > 0 else { return }
        var remaining = bytes.count
        totalLength &+= UInt64(remaining)

        // Top up a partial block first.
        if pendingCount > 0 {
            let take = min(64 - pendingCount, remaining)
            let start = pendingCount
            withUnsafeMutableBytes(of: &pending) { buffer in
                buffer.baseAddress!.advanced(by: start).copyMemory(from: base, byteCount: take)
            }
            pendingCount += take
            base = base.advanced(by: take)
            remaining -= take
            if pendingCount < 64 { return }
            var block = pending
            withUnsafeBytes(of: &block) { compress(blocks: $0.baseAddress!, count: 1) }
            pendingCount = 0
        }

        let wholeBlocks = remaining / 64
        if wholeBlocks > 0 {
            compress(blocks: base, count: wholeBlocks)
            base = base.advanced(by: wholeBlocks * 64)
            remaining -= wholeBlocks * 64
        }
        if remaining > 0 {
            let rest = remaining
            withUnsafeMutableBytes(of: &pending) { buffer in
                buffer.baseAddress!.copyMemory(from: base, byteCount: rest)
            }
            pendingCount = rest
        }
    }

    /// Adds bytes to the message.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Adds the UTF-8 encoding of `string` to the message.
    public mutating func update(_ string: String) {
        var copy = string
        copy.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Pads the message and returns the 32-byte digest. The hasher is used up.
    public consuming func finalize() -> [UInt8] {
        let bitLength = totalLength &* 8
        var block = pending
        let used = pendingCount
        // 0x80, zeros up to 56 mod 64, then the 64-bit big-endian bit length.
        let needsExtraBlock = withUnsafeMutableBytes(of: &block) { bytes -> Bool in
            bytes[used] = 0x80
            for i in (used + 1)..<64 { bytes[i] = 0 }
            return used >= 56
        }
        if needsExtraBlock {
            withUnsafeBytes(of: &block) { compress(blocks: $0.baseAddress!, count: 1) }
            block = (0, 0, 0, 0, 0, 0, 0, 0)
        }
        withUnsafeMutableBytes(of: &block) { bytes in
            bytes.storeBytes(of: bitLength.bigEndian, toByteOffset: 56, as: UInt64.self)
        }
        withUnsafeBytes(of: &block) { compress(blocks: $0.baseAddress!, count: 1) }

        let state = self.state
        return [UInt8](unsafeUninitializedCapacity: 32) { out, count in
            withUnsafeBytes(of: state) { words in
                for i in 0..<8 {
                    let word = words.load(fromByteOffset: i * 4, as: UInt32.self)
                    UnsafeMutableRawPointer(out.baseAddress!).storeBytes(
                        of: word.bigEndian, toByteOffset: i * 4, as: UInt32.self)
                }
            }
            count = 32
        }
    }

    /// The SHA-256 digest of `bytes` in one call.
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of `bytes` as 64 lower-case hex digits, the form stored in audit entries.
    public static func hexDigest(_ bytes: [UInt8]) -> String {
        hex(digest(bytes))
    }

    /// The digest of the UTF-8 encoding of `string` as 64 lower-case hex digits.
    public static func hexDigest(_ string: String) -> String {
        var hasher = SHA256()
        hasher.update(string)
        return hex(hasher.finalize())
    }

    /// Lower-case hex of any bytes.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            for (i, byte) in bytes.enumerated() {
                out[i * 2] = digits[Int(byte >> 4)]
                out[i * 2 + 1] = digits[Int(byte & 0x0f)]
            }
            return bytes.count * 2
        }
    }

    // MARK: - Compression

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
        (x &>> n) | (x &<< (32 &- n))
    }

    /// One round with the working variables renamed instead of shifted: `d` and `h` are
    /// the only two that change, which lets eight unrolled rounds skip all the moves.
    @inline(__always)
    private static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
        _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32
    ) {
        let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
        let choose = g ^ (e & (f ^ g))
        let t1 = h &+ s1 &+ choose &+ kw
        let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
        let majority = (a & b) | (c & (a | b))
        d = d &+ t1
        h = t1 &+ s0 &+ majority
    }

    /// Runs the compression function over `count` consecutive 64-byte blocks at `blocks`.
    private mutating func compress(blocks: UnsafeRawPointer, count: Int) {
        switch compression {
        case .hardware:
            withUnsafeMutableBytes(of: &state) { words in
                Self.roundConstants.withUnsafeBufferPointer { k in
                    relief_sha256_hardware_compress(
                        words.baseAddress!.assumingMemoryBound(to: UInt32.self),
                        blocks.assumingMemoryBound(to: UInt8.self), count, k.baseAddress!)
                }
            }
        case .portable:
            compressPortably(blocks: blocks, count: count)
        }
    }

    /// The compression function in plain Swift, for CPUs without the SHA extensions.
    private mutating func compressPortably(blocks: UnsafeRawPointer, count: Int) {
        var (a0, b0, c0, d0, e0, f0, g0, k0) = state
        Self.roundConstants.withUnsafeBufferPointer { kBuffer in
            let k = kBuffer.baseAddress!
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { wBuffer in
                let w = wBuffer.baseAddress!
                var block = blocks
                for _ in 0..<count {
                    for t in 0..<16 {
                        w[t] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: t &* 4, as: UInt32.self))
                    }
                    for t in 16..<64 {
                        let x = w[t &- 15], y = w[t &- 2]
                        let s0 = Self.rotr(x, 7) ^ Self.rotr(x, 18) ^ (x &>> 3)
                        let s1 = Self.rotr(y, 17) ^ Self.rotr(y, 19) ^ (y &>> 10)
                        w[t] = w[t &- 16] &+ s0 &+ w[t &- 7] &+ s1
                    }
                    var a = a0, b = b0, c = c0, d = d0, e = e0, f = f0, g = g0, h = k0
                    var t = 0
                    while t < 64 {
                        Self.round(a, b, c, &d, e, f, g, &h, k[t] &+ w[t])
                        Self.round(h, a, b, &c, d, e, f, &g, k[t &+ 1] &+ w[t &+ 1])
                        Self.round(g, h, a, &b, c, d, e, &f, k[t &+ 2] &+ w[t &+ 2])
                        Self.round(f, g, h, &a, b, c, d, &e, k[t &+ 3] &+ w[t &+ 3])
                        Self.round(e, f, g, &h, a, b, c, &d, k[t &+ 4] &+ w[t &+ 4])
                        Self.round(d, e, f, &g, h, a, b, &c, k[t &+ 5] &+ w[t &+ 5])
                        Self.round(c, d, e, &f, g, h, a, &b, k[t &+ 6] &+ w[t &+ 6])
                        Self.round(b, c, d, &e, f, g, h, &a, k[t &+ 7] &+ w[t &+ 7])
                        t &+= 8
                    }
                    a0 = a0 &+ a; b0 = b0 &+ b; c0 = c0 &+ c; d0 = d0 &+ d
                    e0 = e0 &+ e; f0 = f0 &+ f; g0 = g0 &+ g; k0 = k0 &+ h
                    block = block.advanced(by: 64)
                }
            }
        }
        state = (a0, b0, c0, d0, e0, f0, g0, k0)
    }
}
