//! Ed448 public key from its 57-byte private key (RFC 8032 §5.2.5): h = SHAKE256(seed, 114),
//! s = the first 57 bytes of h pruned, A = [s]B on edwards448, encoded as in §5.2.2.
//!
//! Written by hand with num-bigint because no Ed448 crate for this Rust/wasm toolchain is in
//! the workspace (RustCrypto's `ed448-goldilocks` with signing is only a pre-release). It only
//! derives a public key to compare with a certificate, on the user's own machine: no signing,
//! so variable-time arithmetic leaks nothing to anyone else.

use num_bigint::BigUint;
use sha3::digest::{ExtendableOutput, Update, XofReader};

/// Field prime p = 2^448 - 2^224 - 1.
fn p() -> BigUint {
    (BigUint::from(1u8) << 448) - (BigUint::from(1u8) << 224) - BigUint::from(1u8)
}

/// Base point B (RFC 8032 §5.2, decimal).
const BASE_X: &str = "224580040295924300187604334099896036246789641632564134246125461686950415467406032909029192869357953282578032075146446173674602635247710";
const BASE_Y: &str = "298819210078481492676017930443930673437544040154080242095928241372331506189835876003536878655418784733982303233503462500531545062832660";

/// A point in projective coordinates (X : Y : Z) on x^2 + y^2 = 1 + d x^2 y^2, d = -39081.
#[derive(Clone)]
struct Point {
    x: BigUint,
    y: BigUint,
    z: BigUint,
}

struct Field {
    p: BigUint,
    d: BigUint,
}

impl Field {
    fn mul(&self, a: &BigUint, b: &BigUint) -> BigUint {
        (a * b) % &self.p
    }
    fn add(&self, a: &BigUint, b: &BigUint) -> BigUint {
        (a + b) % &self.p
    }
    fn sub(&self, a: &BigUint, b: &BigUint) -> BigUint {
        ((a + &self.p) - (b % &self.p)) % &self.p
    }

    /// RFC 8032 §5.2.4 addition (complete on edwards448, so it also doubles).
    fn point_add(&self, p1: &Point, p2: &Point) -> Point {
        let a = self.mul(&p1.z, &p2.z);
        let b = self.mul(&a, &a);
        let c = self.mul(&p1.x, &p2.x);
        let d = self.mul(&p1.y, &p2.y);
        let e = self.mul(&self.mul(&self.d, &c), &d);
        let f = self.sub(&b, &e);
        let g = self.add(&b, &e);
        let h = self.mul(&self.add(&p1.x, &p1.y), &self.add(&p2.x, &p2.y));
        Point {
            x: self.mul(&self.mul(&a, &f), &self.sub(&self.sub(&h, &c), &d)),
            y: self.mul(&self.mul(&a, &g), &self.sub(&d, &c)),
            z: self.mul(&f, &g),
        }
    }
}

/// The 57-byte Ed448 public key of a 57-byte private key.
pub fn public_key(seed: &[u8; 57]) -> Vec<u8> {
    let mut h = [0u8; 114];
    let mut shake = sha3::Shake256::default();
    shake.update(seed);
    shake.finalize_xof().read(&mut h);
    let mut s_bytes = [0u8; 57];
    s_bytes.copy_from_slice(&h[..57]);
    s_bytes[0] &= 0xfc;
    s_bytes[55] |= 0x80;
    s_bytes[56] = 0;
    let s = BigUint::from_bytes_le(&s_bytes);

    let p = p();
    let d = &p - BigUint::from(39081u32);
    let field = Field { p: p.clone(), d };
    let base = Point {
        x: BASE_X.parse().unwrap_or_default(),
        y: BASE_Y.parse().unwrap_or_default(),
        z: BigUint::from(1u8),
    };
    let mut acc = Point {
        x: BigUint::from(0u8),
        y: BigUint::from(1u8),
        z: BigUint::from(1u8),
    };
    for i in (0..s.bits()).rev() {
        acc = field.point_add(&acc, &acc);
        if s.bit(i) {
            acc = field.point_add(&acc, &base);
        }
    }
    // Back to affine: x = X/Z, y = Y/Z (Z^-1 = Z^(p-2) by Fermat).
    let z_inv = acc.z.modpow(&(&p - BigUint::from(2u8)), &p);
    let x = field.mul(&acc.x, &z_inv);
    let y = field.mul(&acc.y, &z_inv);
    let mut out = y.to_bytes_le();
    out.resize(57, 0);
    if x.bit(0) {
        out[56] |= 0x80;
    }
    out
}

#[cfg(test)]
mod tests {
    /// RFC 8032 §7.4 test vector "Blank".
    #[test]
    fn rfc8032_blank_vector() {
        let seed = crate::hex::decode(
            "6c82a562cb808d10d632be89c8513ebf6c929f34ddfa8c9f63c9960ef6e348a3528c8a3fcc2f044e39a3fc5b94492f8f032e7549a20098f95b",
        )
        .unwrap();
        let mut s = [0u8; 57];
        s.copy_from_slice(&seed);
        assert_eq!(
            crate::hex::upper(&super::public_key(&s)),
            "5FD7449B59B461FD2CE787EC616AD46A1DA1342485A70E1F8A0EA75D80E96778EDF124769B46C7061BD6783DF1E50F6CD1FA1ABEAFE8256180"
        );
    }
}
