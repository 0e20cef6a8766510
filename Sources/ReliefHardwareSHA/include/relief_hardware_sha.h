#ifndef RELIEF_HARDWARE_SHA_H
#define RELIEF_HARDWARE_SHA_H

#include <stddef.h>
#include <stdint.h>

/// 1 when this CPU has the SHA extensions (and the SSSE3/SSE4.1 they lean on), else 0.
/// The Swift side asks once and falls back to its own portable compression when 0.
int relief_sha256_hardware_available(void);

/// Runs the SHA-256 compression function over `count` consecutive 64-byte blocks,
/// updating the eight state words in place (h0 first, native byte order). The 64 round
/// constants come from the caller, so the Swift side keeps the only copy of the table.
/// Call only when `relief_sha256_hardware_available()` returned 1.
void relief_sha256_hardware_compress(uint32_t state[8], const uint8_t *blocks, size_t count,
                                     const uint32_t round_constants[64]);

#endif
