//! Bit sets with a type each, so that a flag of one set cannot test another set's bits
//! (`slot.has(PIVOT)` does not compile: `PIVOT` is a term flag, `has` takes slot flags).

macro_rules! flag_set {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
        pub(crate) struct $name(u8);

        impl $name {
            /// No flag set.
            pub const EMPTY: $name = $name(0);

            pub(crate) const fn bit(n: u32) -> $name {
                $name(1 << n)
            }

            /// The flags of both sets (`|`, usable in constants).
            #[allow(dead_code)] // not every set needs it
            pub(crate) const fn union(self, other: $name) -> $name {
                $name(self.0 | other.0)
            }

            /// Whether any flag of `other` is set.
            #[inline]
            pub fn any(self, other: $name) -> bool {
                self.0 & other.0 != 0
            }

            /// The raw bits (for the stored table).
            #[allow(dead_code)] // not every set is stored
            pub(crate) fn bits(self) -> u8 {
                self.0
            }

            /// The set with these raw bits.
            #[allow(dead_code)] // not every set is stored
            pub(crate) fn from_bits(bits: u8) -> $name {
                $name(bits)
            }

            /// Whether no flag is set.
            #[inline]
            #[allow(dead_code)] // not every set needs it
            pub fn is_empty(self) -> bool {
                self.0 == 0
            }
        }

        impl std::ops::BitOr for $name {
            type Output = $name;
            #[inline]
            fn bitor(self, o: $name) -> $name {
                $name(self.0 | o.0)
            }
        }

        impl std::ops::BitOrAssign for $name {
            #[inline]
            fn bitor_assign(&mut self, o: $name) {
                self.0 |= o.0;
            }
        }

        impl std::ops::BitAnd for $name {
            type Output = $name;
            #[inline]
            fn bitand(self, o: $name) -> $name {
                $name(self.0 & o.0)
            }
        }

        impl std::ops::BitAndAssign for $name {
            #[inline]
            fn bitand_assign(&mut self, o: $name) {
                self.0 &= o.0;
            }
        }

        impl std::ops::Not for $name {
            type Output = $name;
            #[inline]
            fn not(self) -> $name {
                $name(!self.0)
            }
        }
    };
}

flag_set!(
    /// What a lexicon term is: `lookup::HAS_VALENCE`, `NEGATOR`, `PHRASE_HEAD` …
    TermFlags
);

flag_set!(
    /// What a token slot is: `rules::CAPS`, `BREAK_BEFORE`, `CONSUMED` …
    SlotFlags
);
