// SHA-1 (FIPS 180-4) in JavaScript, for the few digests a command that looks
// up one profile needs (lib/aws/digests.ts says when).

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n))

/** How many bytes a message of `n` bytes takes once padded: whole 64-byte blocks. */
const paddedLength = (n: number): number => (((n + 8) >> 6) + 1) * 64

/**
 * Pads the `n`-byte message at `start` of `bytes` (`view` over the same
 * buffer): a 1 bit, zeros, and its length in bits, big-endian. Returns where
 * the padded message ends.
 */
export const padMessage = (bytes: Uint8Array, view: DataView, start: number, n: number): number => {
  const end = start + paddedLength(n)
  bytes.fill(0, start + n, end)
  bytes[start + n] = 0x80
  view.setUint32(end - 8, Math.floor(n / 0x20000000))
  view.setUint32(end - 4, (n * 8) >>> 0)
  return end
}

/** Lower-case hex SHA-1 of the text's UTF-8. */
export const sha1HexInJavaScript = (text: string): string => {
  const bytes = new TextEncoder().encode(text)
  const padded = new Uint8Array(paddedLength(bytes.length))
  padded.set(bytes)
  const view = new DataView(padded.buffer)
  padMessage(padded, view, 0, bytes.length)
  const w = new Int32Array(80)
  const h = [0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0]
  for (let block = 0; block < padded.length; block += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getInt32(block + t * 4)
    for (let t = 16; t < 80; t++)
      w[t] = rotl((w[t - 3] as number) ^ (w[t - 8] as number) ^ (w[t - 14] as number) ^ (w[t - 16] as number), 1)
    let [a, b, c, d, e] = h as [number, number, number, number, number]
    for (let t = 0; t < 80; t++) {
      const f =
        t < 20
          ? ((b & c) | (~b & d)) + 0x5a827999
          : t < 40
            ? (b ^ c ^ d) + 0x6ed9eba1
            : t < 60
              ? ((b & c) | (b & d) | (c & d)) + 0x8f1bbcdc
              : (b ^ c ^ d) + 0xca62c1d6
      const next = (rotl(a, 5) + f + e + (w[t] as number)) | 0
      e = d
      d = c
      c = rotl(b, 30)
      b = a
      a = next
    }
    h[0] = ((h[0] as number) + a) | 0
    h[1] = ((h[1] as number) + b) | 0
    h[2] = ((h[2] as number) + c) | 0
    h[3] = ((h[3] as number) + d) | 0
    h[4] = ((h[4] as number) + e) | 0
  }
  return h.map(x => (x >>> 0).toString(16).padStart(8, '0')).join('')
}
