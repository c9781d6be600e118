;; SHA-1 (FIPS 180-4) block compression in WebAssembly:
;; lib/aws/sha1-webassembly.ts pads the message into memory and reads the
;; digest back. Compiled into lib/aws/sha1-wasm.ts by `npm run wasm`
;; (test/aws/sha1-webassembly.ts checks that the two agree).
;;
;; Memory: the digest's 20 bytes at 0, the message schedule w[0..79] at 64,
;; the padded message from 384.
(module
  (memory (export "memory") 1)

  ;; WebAssembly loads little-endian; SHA-1 reads big-endian words
  (func $bigEndian (param $x i32) (result i32)
    (i32.or
      (i32.and (i32.rotl (local.get $x) (i32.const 8)) (i32.const 0x00ff00ff))
      (i32.and (i32.rotr (local.get $x) (i32.const 8)) (i32.const 0xff00ff00))))

  ;; Hashes the padded message from 384 up to $end (a whole number of 64-byte blocks).
  (func (export "sha1") (param $end i32)
    (local $block i32) (local $t i32) (local $slot i32) (local $next i32)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $e i32)
    (local $h0 i32) (local $h1 i32) (local $h2 i32) (local $h3 i32) (local $h4 i32)
    (local.set $h0 (i32.const 0x67452301))
    (local.set $h1 (i32.const 0xefcdab89))
    (local.set $h2 (i32.const 0x98badcfe))
    (local.set $h3 (i32.const 0x10325476))
    (local.set $h4 (i32.const 0xc3d2e1f0))
    (local.set $block (i32.const 384))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $block) (local.get $end)))
        ;; w[0..15]: the block's words
        (local.set $t (i32.const 0))
        (loop $words
          (i32.store offset=64
            (i32.shl (local.get $t) (i32.const 2))
            (call $bigEndian
              (i32.load (i32.add (local.get $block) (i32.shl (local.get $t) (i32.const 2))))))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br_if $words (i32.lt_u (local.get $t) (i32.const 16))))
        ;; w[16..79] = rotl(w[t-3] ^ w[t-8] ^ w[t-14] ^ w[t-16], 1)
        (loop $schedule
          (local.set $slot (i32.shl (local.get $t) (i32.const 2)))
          (i32.store offset=64
            (local.get $slot)
            (i32.rotl
              (i32.xor
                (i32.xor (i32.load offset=52 (local.get $slot)) (i32.load offset=32 (local.get $slot)))
                (i32.xor (i32.load offset=8 (local.get $slot)) (i32.load (local.get $slot))))
              (i32.const 1)))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br_if $schedule (i32.lt_u (local.get $t) (i32.const 80))))
        (local.set $a (local.get $h0))
        (local.set $b (local.get $h1))
        (local.set $c (local.get $h2))
        (local.set $d (local.get $h3))
        (local.set $e (local.get $h4))
        ;; 80 rounds of next = rotl(a, 5) + f(b, c, d) + K + e + w[t]: four
        ;; loops of 20, each with its own f and K
        (local.set $t (i32.const 0))
        ;; f = Ch(b, c, d)
        (loop $rounds0to19
          (local.set $next
            (i32.add
              (i32.add (i32.rotl (local.get $a) (i32.const 5)) (local.get $e))
              (i32.add
                (i32.load offset=64 (i32.shl (local.get $t) (i32.const 2)))
                (i32.add (i32.or (i32.and (local.get $b) (local.get $c)) (i32.and (i32.xor (local.get $b) (i32.const -1)) (local.get $d))) (i32.const 0x5a827999)))))
          (local.set $e (local.get $d))
          (local.set $d (local.get $c))
          (local.set $c (i32.rotl (local.get $b) (i32.const 30)))
          (local.set $b (local.get $a))
          (local.set $a (local.get $next))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br_if $rounds0to19 (i32.lt_u (local.get $t) (i32.const 20))))
        ;; f = Parity(b, c, d)
        (loop $rounds20to39
          (local.set $next
            (i32.add
              (i32.add (i32.rotl (local.get $a) (i32.const 5)) (local.get $e))
              (i32.add
                (i32.load offset=64 (i32.shl (local.get $t) (i32.const 2)))
                (i32.add (i32.xor (i32.xor (local.get $b) (local.get $c)) (local.get $d)) (i32.const 0x6ed9eba1)))))
          (local.set $e (local.get $d))
          (local.set $d (local.get $c))
          (local.set $c (i32.rotl (local.get $b) (i32.const 30)))
          (local.set $b (local.get $a))
          (local.set $a (local.get $next))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br_if $rounds20to39 (i32.lt_u (local.get $t) (i32.const 40))))
        ;; f = Maj(b, c, d)
        (loop $rounds40to59
          (local.set $next
            (i32.add
              (i32.add (i32.rotl (local.get $a) (i32.const 5)) (local.get $e))
              (i32.add
                (i32.load offset=64 (i32.shl (local.get $t) (i32.const 2)))
                (i32.add (i32.or (i32.and (local.get $b) (local.get $c)) (i32.and (local.get $d) (i32.or (local.get $b) (local.get $c)))) (i32.const 0x8f1bbcdc)))))
          (local.set $e (local.get $d))
          (local.set $d (local.get $c))
          (local.set $c (i32.rotl (local.get $b) (i32.const 30)))
          (local.set $b (local.get $a))
          (local.set $a (local.get $next))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br_if $rounds40to59 (i32.lt_u (local.get $t) (i32.const 60))))
        ;; f = Parity(b, c, d)
        (loop $rounds60to79
          (local.set $next
            (i32.add
              (i32.add (i32.rotl (local.get $a) (i32.const 5)) (local.get $e))
              (i32.add
                (i32.load offset=64 (i32.shl (local.get $t) (i32.const 2)))
                (i32.add (i32.xor (i32.xor (local.get $b) (local.get $c)) (local.get $d)) (i32.const 0xca62c1d6)))))
          (local.set $e (local.get $d))
          (local.set $d (local.get $c))
          (local.set $c (i32.rotl (local.get $b) (i32.const 30)))
          (local.set $b (local.get $a))
          (local.set $a (local.get $next))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br_if $rounds60to79 (i32.lt_u (local.get $t) (i32.const 80))))
        (local.set $h0 (i32.add (local.get $h0) (local.get $a)))
        (local.set $h1 (i32.add (local.get $h1) (local.get $b)))
        (local.set $h2 (i32.add (local.get $h2) (local.get $c)))
        (local.set $h3 (i32.add (local.get $h3) (local.get $d)))
        (local.set $h4 (i32.add (local.get $h4) (local.get $e)))
        (local.set $block (i32.add (local.get $block) (i32.const 64)))
        (br $blocks)))
    ;; big-endian, as the digest's bytes are written out
    (i32.store (i32.const 0) (call $bigEndian (local.get $h0)))
    (i32.store (i32.const 4) (call $bigEndian (local.get $h1)))
    (i32.store (i32.const 8) (call $bigEndian (local.get $h2)))
    (i32.store (i32.const 12) (call $bigEndian (local.get $h3)))
    (i32.store (i32.const 16) (call $bigEndian (local.get $h4)))))
