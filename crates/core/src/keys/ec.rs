//! Elliptic-curve keys: `ECPrivateKey` (RFC 5915 §3), `ECParameters` (RFC 5480 §2.1.1) and
//! the SEC1 public point (SEC 1 v2 §2.3.3). The public point of the NIST curves P-256, P-384
//! and P-521 is recomputed from the private scalar with the RustCrypto `p256`/`p384`/`p521`
//! crates (ECPrivateKey may omit it) and always compared in uncompressed form.
//!
//! ```text
//! ECPrivateKey ::= SEQUENCE { version INTEGER { ecPrivkeyVer1(1) }, privateKey OCTET STRING,
//!     parameters [0] ECParameters OPTIONAL, publicKey [1] BIT STRING OPTIONAL }
//! ECParameters ::= CHOICE { namedCurve OBJECT IDENTIFIER, implicitCurve NULL, specifiedCurve SpecifiedECDomain }
//! ```

use p256::elliptic_curve::sec1::ToEncodedPoint;

use super::{PrivateKey, PublicKeyId};
use crate::asn1::oid;
use crate::asn1::{self, oid::oid_to_string, tag, values, Class, Element, Reader, Rules};
use crate::error::{Error, Result};

/// `PublicKeyId::Ec::curve_oid` used for keys and certificates whose curve is not named.
pub const UNNAMED_CURVE: &str = "unnamed-curve";

/// What an ECParameters names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Curve {
    Named(String),
    /// specifiedCurve: explicit domain parameters.
    Explicit,
    /// implicitCurve / absent.
    Implicit,
}

impl Curve {
    pub fn parse(e: &Element<'_>) -> Result<Curve> {
        if e.class != Class::Universal {
            return Err(Error::malformed("ECParameters of an unexpected type"));
        }
        match e.tag {
            tag::OID => {
                Ok(Curve::Named(oid_to_string(e.content).ok_or_else(|| {
                    Error::malformed("ECParameters: bad OID")
                })?))
            }
            tag::SEQUENCE => Ok(Curve::Explicit),
            tag::NULL => Ok(Curve::Implicit),
            _ => Err(Error::malformed("ECParameters of an unexpected type")),
        }
    }

    /// `EC-secp256r1`, `EC-explicit-parameters`, `EC-<oid>`.
    pub fn key_type(&self) -> String {
        match self {
            Curve::Named(o) => format!("EC-{}", oid::name(o).unwrap_or(o)),
            Curve::Explicit => "EC-explicit-parameters".into(),
            Curve::Implicit => "EC".into(),
        }
    }
}

/// Parses an `ECPrivateKey`; `outer_params` are the PKCS#8 AlgorithmIdentifier parameters.
pub fn from_ec_private_key(der: &[u8], outer_params: Option<&Element<'_>>) -> Result<PrivateKey> {
    let seq = asn1::parse_exact(der, Rules::Ber, "ECPrivateKey")?;
    let mut r = Reader::children(&seq, "ECPrivateKey")?;
    let version = r.version("version")?;
    if version != 1 {
        return Err(Error::malformed(format!("ECPrivateKey version {version}")));
    }
    let scalar = r.octet_string("privateKey")?.into_owned();
    let mut curve = match outer_params {
        Some(p) => Some(Curve::parse(p)?),
        None => None,
    };
    let mut stored_point: Option<Vec<u8>> = None;
    if let Some(params) = r.optional_context(0)? {
        let inner =
            Reader::children(&params, "ECPrivateKey parameters")?.element("ECParameters")?;
        if curve.is_none() || curve == Some(Curve::Implicit) {
            curve = Some(Curve::parse(&inner)?);
        }
    }
    if let Some(pk) = r.optional_context(1)? {
        let bits = Reader::children(&pk, "ECPrivateKey publicKey")?
            .expect(tag::BIT_STRING, "publicKey")?;
        stored_point = Some(values::bit_string_octets(&bits, "ECPrivateKey publicKey")?.to_vec());
    }
    let curve = curve.unwrap_or(Curve::Implicit);
    let key_type = curve.key_type();
    let Curve::Named(curve_oid) = &curve else {
        // Without a named curve we cannot compute the point: compare the stored one, if any.
        let note = match (&curve, &stored_point) {
            (_, None) => "This EC key names no curve and omits its public point, so it cannot be matched.",
            (Curve::Explicit, Some(_)) => "This EC key uses explicit curve parameters instead of a named curve; it is compared by its stored public point only.",
            _ => "This EC key does not name its curve; it is compared by its stored public point only.",
        };
        let public = stored_point.map(|point| PublicKeyId::Ec {
            curve_oid: UNNAMED_CURVE.into(),
            point,
        });
        return Ok(PrivateKey {
            key_type,
            public,
            note: Some(note.into()),
        });
    };
    match computed_point(curve_oid, &scalar)? {
        Some(point) => {
            let note = match &stored_point {
                Some(stored) if normalize_point(curve_oid, stored).as_deref() != Some(&point[..]) => Some(
                    "The public point stored in this EC key does not belong to its private scalar; the point computed from the scalar is used.".to_string(),
                ),
                _ => None,
            };
            Ok(PrivateKey { key_type, public: Some(PublicKeyId::Ec { curve_oid: curve_oid.clone(), point }), note })
        }
        None => match stored_point {
            Some(point) => Ok(PrivateKey {
                key_type,
                public: Some(PublicKeyId::Ec { curve_oid: curve_oid.clone(), point }),
                note: Some("Public point taken from the key as stored (tlsdoctor computes points only on P-256, P-384 and P-521).".into()),
            }),
            None => Ok(PrivateKey {
                key_type,
                public: None,
                note: Some("This EC key on a curve other than P-256/P-384/P-521 omits its public point, so it cannot be matched.".into()),
            }),
        },
    }
}

/// Uncompressed public point for the scalar on a NIST curve; `None` for other curves.
fn computed_point(curve_oid: &str, scalar: &[u8]) -> Result<Option<Vec<u8>>> {
    let invalid = || Error::malformed("EC private scalar is out of range for its curve");
    Ok(Some(match curve_oid {
        oid::SECP256R1 => p256::SecretKey::from_slice(&left_pad(scalar, 32)?)
            .map_err(|_| invalid())?
            .public_key()
            .to_encoded_point(false)
            .as_bytes()
            .to_vec(),
        oid::SECP384R1 => p384::SecretKey::from_slice(&left_pad(scalar, 48)?)
            .map_err(|_| invalid())?
            .public_key()
            .to_encoded_point(false)
            .as_bytes()
            .to_vec(),
        oid::SECP521R1 => p521::SecretKey::from_slice(&left_pad(scalar, 66)?)
            .map_err(|_| invalid())?
            .public_key()
            .to_encoded_point(false)
            .as_bytes()
            .to_vec(),
        _ => return Ok(None),
    }))
}

/// Some encoders drop leading zero bytes of the scalar; restore the field size.
fn left_pad(scalar: &[u8], len: usize) -> Result<Vec<u8>> {
    let trimmed: &[u8] = {
        let start = scalar.iter().position(|&b| b != 0).unwrap_or(scalar.len());
        &scalar[start..]
    };
    if trimmed.len() > len {
        return Err(Error::malformed("EC private scalar longer than its curve"));
    }
    let mut out = vec![0u8; len - trimmed.len()];
    out.extend_from_slice(trimmed);
    Ok(out)
}

/// A SEC1 point (compressed or not) as uncompressed bytes on the NIST curves; other curves
/// keep the bytes as given. `None` when the point is not on the curve.
pub fn normalize_point(curve_oid: &str, point: &[u8]) -> Option<Vec<u8>> {
    match curve_oid {
        oid::SECP256R1 => p256::PublicKey::from_sec1_bytes(point)
            .ok()
            .map(|p| p.to_encoded_point(false).as_bytes().to_vec()),
        oid::SECP384R1 => p384::PublicKey::from_sec1_bytes(point)
            .ok()
            .map(|p| p.to_encoded_point(false).as_bytes().to_vec()),
        oid::SECP521R1 => p521::PublicKey::from_sec1_bytes(point)
            .ok()
            .map(|p| p.to_encoded_point(false).as_bytes().to_vec()),
        _ => Some(point.to_vec()),
    }
}
