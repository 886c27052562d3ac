import { randomFillSync } from 'node:crypto';

/** Character codes of each byte's two hex digits. */
const HIGH_DIGIT = Uint8Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0').charCodeAt(0));
const LOW_DIGIT = Uint8Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0').charCodeAt(1));
/** Where each byte's two hex digits go in the 36-character text (dashes after bytes 4, 6, 8, 10). */
const OFFSETS = Array.from({ length: 16 }, (_, i) => i * 2 + (i >= 4 ? 1 : 0) + (i >= 6 ? 1 : 0) + (i >= 8 ? 1 : 0) + (i >= 10 ? 1 : 0));
const RANDOM_POOL = 16 * 256;

const random = Buffer.alloc(RANDOM_POOL);
let randomAt = RANDOM_POOL;
const bytes = new Uint8Array(16);
const text = Buffer.from('00000000-0000-7000-8000-000000000000', 'latin1');
let lastMs = 0;
let counter = 0;

/**
 * A new UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter that keeps
 * ids of the same millisecond in creation order, then 62 random bits. Rows inserted in bulk with
 * these ids land at the right edge of their primary-key index instead of all over it.
 *
 * The text is decoded from one buffer, so it is a single flat string: Node's `randomUUID()` builds
 * its text by concatenation, and each such id keeps a tree of about twenty string pieces (some 500
 * bytes) alive for as long as it is kept, e.g. in an import's lookup tables. Imports make one per
 * row, so nothing is allocated here but that string.
 */
export function uuid7(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else if (++counter > 0xfff) {
    // More than 4,096 ids in one millisecond: borrow the next millisecond.
    lastMs += 1;
    counter = 0;
  }
  if (randomAt === RANDOM_POOL) {
    randomFillSync(random);
    randomAt = 0;
  }
  // 48 bits of milliseconds: above 2^32 they must be split, bit operators being 32-bit.
  const high = Math.floor(lastMs / 0x1_0000_0000);
  const low = lastMs >>> 0;
  bytes[0] = high >>> 8;
  bytes[1] = high & 0xff;
  bytes[2] = low >>> 24;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (random[randomAt + 8]! & 0x3f);
  for (let i = 9; i < 16; i++) bytes[i] = random[randomAt + i]!;
  randomAt += 16;
  for (let i = 0; i < 16; i++) {
    const at = OFFSETS[i]!;
    text[at] = HIGH_DIGIT[bytes[i]!]!;
    text[at + 1] = LOW_DIGIT[bytes[i]!]!;
  }
  return text.toString('latin1');
}
