//! Turning an article file's bytes into text: byte order marks, UTF-8, BOM-less UTF-16,
//! and the Windows-1252 files old newsroom tools still write. Decoding itself is
//! `encoding_rs`; this module only decides which encoding a file is in.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
use std::path::Path;

/// Text decoded from a file, and what was guessed or repaired on the way.
pub(super) struct Decoded {
    pub text: String,
    pub warnings: Vec<String>,
}

/// The bytes are not text in any encoding we read.
pub(super) struct NotText;

/// How much of a file is sampled to decide whether it is text, and in which encoding.
const SAMPLE: usize = 8192;

/// Decodes `bytes`. `declared` is an encoding the file names itself (an HTML
/// `<meta charset>`), used only when the bytes are not UTF-8.
pub(super) fn decode(
    path: &Path,
    bytes: &[u8],
    declared: Option<&'static Encoding>,
) -> Result<Decoded, NotText> {
    let mut warnings = Vec::new();
    let text = if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        decode_as(path, encoding, &bytes[bom_len..], &mut warnings)
    } else if let Some(encoding) = bomless_utf16(bytes) {
        warnings.push(format!(
            "{} has no byte order mark; it was read as {}",
            path.display(),
            encoding.name()
        ));
        decode_as(path, encoding, bytes, &mut warnings)
    } else if looks_binary(bytes) {
        return Err(NotText);
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        text.to_owned()
    } else {
        let encoding = match declared.map(Encoding::output_encoding) {
            Some(declared) if declared != UTF_8 => declared,
            _ if mostly_utf8(bytes) => UTF_8,
            _ => WINDOWS_1252,
        };
        if encoding != UTF_8 {
            warnings.push(format!(
                "{} is not UTF-8; it was read as {}",
                path.display(),
                describe(encoding)
            ));
        }
        decode_as(path, encoding, bytes, &mut warnings)
    };
    if text_looks_binary(&text) {
        return Err(NotText);
    }
    Ok(Decoded { text, warnings })
}

fn describe(encoding: &'static Encoding) -> String {
    if encoding == WINDOWS_1252 {
        "Windows-1252 (Western European)".to_owned()
    } else {
        encoding.name().to_owned()
    }
}

fn decode_as(
    path: &Path,
    encoding: &'static Encoding,
    bytes: &[u8],
    warnings: &mut Vec<String>,
) -> String {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        let replaced = text.matches('\u{FFFD}').count();
        let what = if encoding == UTF_8 {
            "not valid UTF-8".to_owned()
        } else {
            format!("not valid {}", encoding.name())
        };
        warnings.push(format!(
            "{} is {what}: {replaced} invalid byte sequence(s) were replaced with \u{FFFD}",
            path.display()
        ));
    }
    text.into_owned()
}

/// UTF-8 with a few damaged bytes (a cut-off download, one stray byte) stays UTF-8:
/// reading it as Windows-1252 would garble every accented letter in it.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    // Bytes Windows-1252 leaves undefined mean the file is not Windows-1252 either.
    let undefined_in_1252 = bytes
        .iter()
        .any(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D));
    multibyte >= invalid || undefined_in_1252
}

/// Plain ASCII saved as UTF-16 without a byte order mark has a zero in every other byte.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(SAMPLE) & !1];
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let mostly = |n: usize| n * 10 >= pairs * 7;
    let hardly = |n: usize| n * 20 <= pairs;
    if mostly(odd) && hardly(even) {
        Some(UTF_16LE)
    } else if mostly(even) && hardly(odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// NUL bytes or many control characters mean this is not a text file.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    control * 10 > sample.len().max(1)
}

/// The same test on decoded text, where a wrong guess shows as NULs, control characters
/// or a flood of replacement characters.
fn text_looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(SAMPLE) {
        total += 1;
        if c == '\0' {
            return true;
        }
        if c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}')) {
            bad += 1;
        }
    }
    bad * 10 > total.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_ok(bytes: &[u8]) -> Decoded {
        match decode(Path::new("t.txt"), bytes, None) {
            Ok(d) => d,
            Err(NotText) => panic!("not text: {bytes:?}"),
        }
    }

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if big_endian {
                &[0xFE, 0xFF]
            } else {
                &[0xFF, 0xFE]
            });
        }
        for unit in text.encode_utf16() {
            let bytes = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&bytes);
        }
        out
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded_in_both_byte_orders() {
        for big_endian in [false, true] {
            let d = decode_ok(&utf16("Café in Kabul.", big_endian, true));
            assert_eq!(d.text, "Café in Kabul.");
            assert!(d.warnings.is_empty());
        }
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_recognised_with_a_warning() {
        let d = decode_ok(&utf16("Protesters gathered in Paris.", false, false));
        assert_eq!(d.text, "Protesters gathered in Paris.");
        assert!(d.warnings[0].contains("UTF-16LE"));
        let d = decode_ok(&utf16("Protesters gathered in Paris.", true, false));
        assert_eq!(d.text, "Protesters gathered in Paris.");
    }

    #[test]
    fn windows_1252_quotes_and_accents_are_decoded() {
        let d = decode_ok(b"\x93Caf\xE9\x94 \x96 bombed in Kabul.");
        assert_eq!(d.text, "\u{201C}Café\u{201D} \u{2013} bombed in Kabul.");
        assert!(d.warnings[0].contains("Windows-1252"));
    }

    #[test]
    fn mostly_utf8_with_a_stray_byte_stays_utf8() {
        let d = decode_ok(
            "Café in Kabul \u{2014} "
                .as_bytes()
                .iter()
                .chain(b"\xFF.")
                .copied()
                .collect::<Vec<u8>>()
                .as_slice(),
        );
        assert!(d.text.starts_with("Café in Kabul \u{2014} "));
        assert!(d.text.contains('\u{FFFD}'));
        assert!(d.warnings[0].contains("not valid UTF-8"));
    }

    #[test]
    fn a_declared_charset_is_used_for_non_utf8_bytes() {
        let greek = encoding_rs::Encoding::for_label(b"iso-8859-7");
        let d = match decode(Path::new("g.html"), b"\xC1\xE8\xDE\xED\xE1", greek) {
            Ok(d) => d,
            Err(NotText) => panic!("not text"),
        };
        assert_eq!(d.text, "Αθήνα");
    }

    #[test]
    fn binary_is_refused() {
        assert!(decode(Path::new("b"), b"\x89PNG\r\n\x1a\n\0\0\0IHDR", None).is_err());
        assert!(decode(Path::new("b"), &[0x01; 100], None).is_err());
    }
}
