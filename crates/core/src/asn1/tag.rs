//! Universal tag numbers (ITU-T X.680 §8.4, Table 1) used in this crate.

pub const BOOLEAN: u32 = 1;
pub const INTEGER: u32 = 2;
pub const BIT_STRING: u32 = 3;
pub const OCTET_STRING: u32 = 4;
pub const NULL: u32 = 5;
pub const OID: u32 = 6;
pub const UTF8_STRING: u32 = 12;
pub const SEQUENCE: u32 = 16;
pub const SET: u32 = 17;
pub const NUMERIC_STRING: u32 = 18;
pub const PRINTABLE_STRING: u32 = 19;
pub const T61_STRING: u32 = 20;
pub const VIDEOTEX_STRING: u32 = 21;
pub const IA5_STRING: u32 = 22;
pub const UTC_TIME: u32 = 23;
pub const GENERALIZED_TIME: u32 = 24;
pub const GRAPHIC_STRING: u32 = 25;
pub const VISIBLE_STRING: u32 = 26;
pub const GENERAL_STRING: u32 = 27;
pub const UNIVERSAL_STRING: u32 = 28;
pub const BMP_STRING: u32 = 30;

/// The universal string types a directory string (X.520 `DirectoryString` and its relatives in
/// names) may be written as: the restricted character string types of X.680 §41, plus
/// UTF8String.
pub fn is_character_string(number: u32) -> bool {
    matches!(
        number,
        UTF8_STRING
            | NUMERIC_STRING
            | PRINTABLE_STRING
            | T61_STRING
            | VIDEOTEX_STRING
            | IA5_STRING
            | GRAPHIC_STRING
            | VISIBLE_STRING
            | GENERAL_STRING
            | UNIVERSAL_STRING
            | BMP_STRING
    )
}
