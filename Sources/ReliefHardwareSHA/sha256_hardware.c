// SHA-256 block compression on the x86 SHA extensions.
//
// The audit log hashes every entry under its lock, so the compression function is
// the one serial step in `relief triage --stream`. The CPU's own SHA instructions do
// a block in a fraction of the portable code's time. Only this one function is
// written in C, because Swift cannot name these instructions; everything around it
// (padding, lengths, the choice of path) stays in Swift's SHA256.swift, and the
// tests hold this path to the portable one and to the FIPS 180-4 examples.

#include "relief_hardware_sha.h"

#if defined(__x86_64__) || defined(__i386__)

#include <cpuid.h>
#include <immintrin.h>

int relief_sha256_hardware_available(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const int ssse3 = (ecx >> 9) & 1;
    const int sse41 = (ecx >> 19) & 1;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    const int sha = (ebx >> 29) & 1;
    return ssse3 && sse41 && sha;
}

__attribute__((target("sha,sse4.1,ssse3")))
void relief_sha256_hardware_compress(uint32_t state[8], const uint8_t *blocks, size_t count,
                                     const uint32_t round_constants[64]) {
    // The instructions keep the state as two lanes, ABEF and CDGH, rather than A..H.
    const __m128i big_endian_words = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i dcba = _mm_loadu_si128((const __m128i *)&state[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&state[4]);
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);

    for (size_t block = 0; block < count; block++, blocks += 64) {
        const __m128i abef_before = abef;
        const __m128i cdgh_before = cdgh;
        // The message schedule, four words per lane, kept as a ring of the last four lanes.
        __m128i schedule[4];
        for (int group = 0; group < 16; group++) {
            __m128i words;
            if (group < 4) {
                words = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(blocks + 16 * group)),
                                         big_endian_words);
            } else {
                // W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16], four t at a time.
                const __m128i four_back = schedule[group & 3];
                const __m128i three_back = schedule[(group + 1) & 3];
                const __m128i two_back = schedule[(group + 2) & 3];
                const __m128i one_back = schedule[(group + 3) & 3];
                __m128i partial = _mm_sha256msg1_epu32(four_back, three_back);
                partial = _mm_add_epi32(partial, _mm_alignr_epi8(one_back, two_back, 4));
                words = _mm_sha256msg2_epu32(partial, one_back);
            }
            schedule[group & 3] = words;
            __m128i keyed = _mm_add_epi32(words, _mm_loadu_si128((const __m128i *)&round_constants[4 * group]));
            // Rounds 4g and 4g+1: the result is the new ABEF, stored where CDGH was.
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, keyed);
            keyed = _mm_shuffle_epi32(keyed, 0x0E);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, keyed);
            // Two rounds turn ABEF into the next CDGH, so after these four rounds each
            // variable holds its own lane again and no swap is needed.
        }
        abef = _mm_add_epi32(abef, abef_before);
        cdgh = _mm_add_epi32(cdgh, cdgh_before);
    }

    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    dcba = _mm_blend_epi16(feba, dchg, 0xF0);
    hgfe = _mm_alignr_epi8(dchg, feba, 8);
    _mm_storeu_si128((__m128i *)&state[0], dcba);
    _mm_storeu_si128((__m128i *)&state[4], hgfe);
}

#else

int relief_sha256_hardware_available(void) { return 0; }

// Never called: the Swift side checks relief_sha256_hardware_available() first.
void relief_sha256_hardware_compress(uint32_t state[8], const uint8_t *blocks, size_t count,
                                     const uint32_t round_constants[64]) {
    (void)state;
    (void)blocks;
    (void)count;
    (void)round_constants;
}

#endif
