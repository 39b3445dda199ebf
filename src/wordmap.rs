//! A map from short byte strings to values, tuned for word lookups.
//!
//! Profiling showed a third of the analysis time in hashing word keys and in `memcmp` calls
//! comparing them. Most words are short, so a key of up to 15 bytes is packed into a `u128`
//! (bytes little-endian, length in the top byte): hashing is two multiplications and
//! comparing is one integer comparison. Longer keys fall back to an ordinary map.

use rustc_hash::{FxHashMap, FxHashSet};

/// Longest key packed into a `u128`.
pub(crate) const SHORT: usize = 15;

// The packed key layout, here and nowhere else: bytes 0..len little-endian (byte 0 lowest),
// zeros up to byte 14, the length in byte 15 (bits 120..128). Keys from `swar`, `topics` and
// the analyzer are built and read with these functions.

/// `bytes` (at most [`SHORT`] long) packed with their length.
#[inline]
pub(crate) fn pack(bytes: &[u8]) -> u128 {
    let mut buf = [0u8; 16];
    buf[..bytes.len()].copy_from_slice(bytes);
    buf[15] = bytes.len() as u8;
    u128::from_le_bytes(buf)
}

/// A packed key from its first `len` bytes already in place (higher bytes zero).
#[inline]
pub(crate) const fn with_len(bytes: u128, len: usize) -> u128 {
    bytes | ((len as u128) << 120)
}

/// The length of a packed key.
#[inline]
pub(crate) const fn packed_len(key: u128) -> usize {
    (key >> 120) as usize
}

/// The bytes of a packed key: `unpacked(key).0[..unpacked(key).1]`.
#[inline]
pub(crate) fn unpacked(key: u128) -> ([u8; 16], usize) {
    (key.to_le_bytes(), packed_len(key))
}

/// A map from byte strings to `V`. Keys of up to 7 bytes (most words) live in a map of
/// `u64`s, whose buckets are half the size, so more of it stays in cache.
#[derive(Clone, Debug)]
pub(crate) struct WordMap<V> {
    tiny: FxHashMap<u64, V>,
    short: FxHashMap<u128, V>,
    long: FxHashMap<Box<[u8]>, V>,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            tiny: FxHashMap::default(),
            short: FxHashMap::default(),
            long: FxHashMap::default(),
        }
    }
}

/// A packed key of at most 7 bytes as a `u64` (length in the top byte), if it is one.
#[inline]
pub(crate) fn tiny(key: u128) -> Option<u64> {
    (packed_len(key) < 8).then_some(key as u64 | (packed_len(key) as u64) << 56)
}

impl<V: Copy> WordMap<V> {
    /// The value of a key already packed with [`pack`].
    #[inline]
    pub fn get_packed(&self, key: u128) -> Option<V> {
        match tiny(key) {
            Some(t) => self.tiny.get(&t).copied(),
            None => self.short.get(&key).copied(),
        }
    }

    #[inline]
    pub fn get(&self, key: &[u8]) -> Option<V> {
        if key.len() <= SHORT {
            self.get_packed(pack(key))
        } else {
            self.long.get(key).copied()
        }
    }

    /// Inserts, returning the previous value.
    pub fn insert(&mut self, key: &[u8], v: V) -> Option<V> {
        if key.len() <= SHORT {
            let p = pack(key);
            match tiny(p) {
                Some(t) => self.tiny.insert(t, v),
                None => self.short.insert(p, v),
            }
        } else {
            self.long.insert(key.into(), v)
        }
    }

    pub fn len(&self) -> usize {
        self.tiny.len() + self.short.len() + self.long.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn clear(&mut self) {
        self.tiny.clear();
        self.short.clear();
        self.long.clear();
    }

    /// Every key and its value, in no particular order.
    #[cfg(test)]
    pub fn iter(&self) -> impl Iterator<Item = (Vec<u8>, V)> + '_ {
        let unpack = |key: u128| {
            let (b, len) = unpacked(key);
            b[..len].to_vec()
        };
        let tiny = self.tiny.iter().map(move |(&t, &v)| {
            let len = (t >> 56) as usize;
            (unpack(with_len(u128::from(t & ((1 << 56) - 1)), len)), v)
        });
        let short = self.short.iter().map(move |(&k, &v)| (unpack(k), v));
        let long = self.long.iter().map(|(k, &v)| (k.to_vec(), v));
        tiny.chain(short).chain(long)
    }
}

/// A key of a [`HotCache`]: a packed word.
pub(crate) trait HotKey: Copy + Eq + Default {
    /// A well-mixed 64-bit hash.
    fn mix(self) -> u64;
}

impl HotKey for u64 {
    #[inline]
    fn mix(self) -> u64 {
        (self ^ (self >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
}

impl HotKey for u128 {
    #[inline]
    fn mix(self) -> u64 {
        ((self as u64) ^ ((self >> 64) as u64).rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
}

/// A direct-mapped memo of recent lookups, `2^bits` slots. Word frequencies are Zipfian, so
/// the commonest words of a text are answered here without touching the big maps, whose
/// probes were a third of the analysis time. The default key (0, the empty word) is never
/// stored.
pub(crate) struct HotCache<K: HotKey, V: Copy> {
    slots: Box<[(K, V)]>,
    shift: u32,
}

impl<K: HotKey, V: Copy + Default> HotCache<K, V> {
    pub fn new(bits: u32) -> Self {
        HotCache {
            slots: vec![(K::default(), V::default()); 1 << bits].into_boxed_slice(),
            shift: 64 - bits,
        }
    }

    #[inline]
    fn index(&self, key: K) -> usize {
        (key.mix() >> self.shift) as usize
    }

    #[inline]
    pub fn get(&self, key: K) -> Option<V> {
        let (k, v) = self.slots[self.index(key)];
        (k == key).then_some(v)
    }

    #[inline]
    pub fn put(&mut self, key: K, v: V) {
        let i = self.index(key);
        self.slots[i] = (key, v);
    }

    pub fn clear(&mut self) {
        self.slots
            .iter_mut()
            .for_each(|s| *s = (K::default(), V::default()));
    }
}

/// A one-hash Bloom filter over packed keys: "certainly absent" answered from a bit array
/// that stays in cache, before a probe into a big map that would not. Keys longer than
/// [`SHORT`] bytes are always "maybe".
#[derive(Clone, Debug)]
pub(crate) struct Bloom {
    bits: Vec<u64>,
    shift: u32,
}

impl Bloom {
    /// A filter of `2^log2_bits` bits.
    pub fn new(log2_bits: u32) -> Bloom {
        Bloom {
            bits: vec![0; 1 << (log2_bits - 6)],
            shift: 64 - log2_bits,
        }
    }

    #[inline]
    fn bit(&self, key: u128) -> usize {
        let h = ((key as u64) ^ ((key >> 64) as u64).rotate_left(31))
            .wrapping_mul(0xD6E8_FEB8_6659_FD93);
        (h >> self.shift) as usize
    }

    pub fn insert(&mut self, key: &[u8]) {
        if key.len() <= SHORT {
            self.insert_packed(pack(key));
        }
    }

    /// Adds a key already packed (or any other 128-bit key).
    pub fn insert_packed(&mut self, key: u128) {
        let b = self.bit(key);
        self.bits[b >> 6] |= 1 << (b & 63);
    }

    #[inline]
    pub fn may_contain_packed(&self, key: u128) -> bool {
        let b = self.bit(key);
        self.bits[b >> 6] & (1 << (b & 63)) != 0
    }

    #[inline]
    pub fn may_contain(&self, key: &[u8]) -> bool {
        key.len() > SHORT || self.may_contain_packed(pack(key))
    }
}

/// A set of byte strings, packed the same way.
#[derive(Clone, Debug, Default)]
pub(crate) struct WordSet {
    short: FxHashSet<u128>,
    long: FxHashSet<Box<[u8]>>,
}

impl WordSet {
    #[inline]
    pub fn contains(&self, key: &[u8]) -> bool {
        if key.len() <= SHORT {
            self.short.contains(&pack(key))
        } else {
            self.long.contains(key)
        }
    }

    pub fn insert(&mut self, key: &[u8]) {
        if key.len() <= SHORT {
            self.short.insert(pack(key));
        } else {
            self.long.insert(key.into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iter_gives_back_every_key() {
        let mut m = WordMap::default();
        let keys: [&[u8]; 5] = [
            b"",
            b"a",
            b"seven77",
            b"fifteen-bytes!!",
            b"sixteen-bytes!!!",
        ];
        for (i, k) in keys.iter().enumerate() {
            m.insert(k, i);
        }
        let mut got: Vec<(Vec<u8>, usize)> = m.iter().collect();
        got.sort_by_key(|x| x.1);
        let want: Vec<(Vec<u8>, usize)> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.to_vec(), i))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn short_and_long_keys() {
        let mut m = WordMap::default();
        assert_eq!(m.insert(b"good", 1), None);
        m.insert(b"", 0);
        m.insert(b"exactly", 4); // 7 bytes: tiny
        m.insert(b"exactlyy", 5); // 8 bytes: short
        m.insert(b"extraordinarily", 2); // 15 bytes: still short
        m.insert(b"incomprehensibly", 3); // 16 bytes: long
        assert_eq!(m.get(b"good"), Some(1));
        assert_eq!(m.get(b"goo"), None);
        assert_eq!(m.get(b"good\0"), None, "the length is part of the key");
        assert_eq!(m.get(b""), Some(0));
        assert_eq!(m.get(b"extraordinarily"), Some(2));
        assert_eq!(m.get(b"incomprehensibly"), Some(3));
        assert_eq!(m.get(b"exactly"), Some(4));
        assert_eq!(m.get(b"exactlyy"), Some(5));
        assert_eq!(m.get(b"exactl"), None);
        assert_eq!(m.len(), 6);
        let mut h: HotCache<u128, u32> = HotCache::new(10);
        assert_eq!(h.get(pack(b"good")), None);
        h.put(pack(b"good"), 7);
        assert_eq!(h.get(pack(b"good")), Some(7));
        assert_eq!(h.get(pack(b"goo")), None);
        h.clear();
        assert_eq!(h.get(pack(b"good")), None);
        let mut bl = Bloom::new(16);
        bl.insert(b"good");
        assert!(bl.may_contain(b"good") && bl.may_contain(b"a very long word indeed"));
        let absent = [&b"bad"[..], b"movie", b"the", b"plot", b"zzz"]
            .iter()
            .filter(|k| !bl.may_contain(k))
            .count();
        assert!(
            absent >= 4,
            "a one-bit filter says no to almost everything else"
        );
        let mut s = WordSet::default();
        s.insert(b"happ");
        assert!(s.contains(b"happ") && !s.contains(b"hap"));
    }
}
