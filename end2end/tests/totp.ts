import { createHmac } from 'node:crypto';

/** An authenticator app for the tests: it computes RFC 6238 codes from the key the profile
 * shows, a step Roster has not taken each time (a code works once, as do older ones). */
export class AuthenticatorApp {
  private lastStep = Number.MIN_SAFE_INTEGER;
  private readonly key: Buffer;

  constructor(base32Key: string) {
    this.key = base32Decode(base32Key.replace(/\s+/g, ''));
  }

  /** A step that stays in Roster's window until the request arrives: the previous one only
   * early in the current step (it leaves the window at the next turn), else now or the next. */
  code(): string {
    const seconds = Date.now() / 1000;
    const now = Math.floor(seconds / 30);
    const earliest = seconds - now * 30 < 25 ? now - 1 : now;
    const step = Math.max(this.lastStep + 1, earliest);
    if (step > now + 1) throw new Error('the test used up its window of codes');
    this.lastStep = step;
    return codeAt(this.key, step);
  }
}

function codeAt(key: Buffer, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = createHmac('sha1', key).update(counter).digest();
  const offset = digest[19] & 0x0f;
  const value = (digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, '0');
}

function base32Decode(text: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const char of text.toUpperCase()) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}
