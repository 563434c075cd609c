//! Codes of an authenticator app (TOTP, RFC 6238): the HMAC-SHA-1 of the number of 30-second
//! steps since 1970, cut to six digits as RFC 4226 says. What every authenticator app speaks.

use data_encoding::BASE32_NOPAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use rand::rngs::OsRng;
use sha1::Sha1;
use subtle::ConstantTimeEq;

pub const STEP_SECS: i64 = 30;
pub const DIGITS: u32 = 6;
/// How many steps either side of now a code is still taken for: a phone's clock a little off,
/// or a code typed as it turned.
pub const DRIFT_STEPS: i64 = 1;
/// 160 bits, the length RFC 4226 recommends for HMAC-SHA-1.
const SECRET_BYTES: usize = 20;

/// The secret an authenticator app and Roster share. Never printed.
pub struct TotpSecret(Vec<u8>);

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret(…)")
    }
}

/// Six digits, as typed (spaces taken out).
pub struct TypedCode(String);

impl TypedCode {
    /// A code of exactly six digits, or nothing: anything else cannot be one.
    pub fn parse(typed: &str) -> Option<Self> {
        let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
        (digits.len() == DIGITS as usize && digits.bytes().all(|b| b.is_ascii_digit()))
            .then_some(Self(digits))
    }
}

impl TotpSecret {
    pub fn generate() -> Self {
        let mut bytes = vec![0u8; SECRET_BYTES];
        OsRng.fill_bytes(&mut bytes);
        Self(bytes)
    }

    /// The secret as apps take it typed in: base32 without padding.
    pub fn from_base32(text: &str) -> Option<Self> {
        BASE32_NOPAD.decode(text.as_bytes()).ok().map(Self)
    }

    pub fn base32(&self) -> String {
        BASE32_NOPAD.encode(&self.0)
    }

    /// The code of one step, `digits` long (the RFC's vectors use eight).
    pub fn code_at(&self, step: i64, digits: u32) -> String {
        let mut mac = Hmac::<Sha1>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(&step.to_be_bytes());
        let digest = mac.finalize().into_bytes();
        let offset = usize::from(digest[19] & 0x0f);
        let truncated = u32::from_be_bytes([
            digest[offset] & 0x7f,
            digest[offset + 1],
            digest[offset + 2],
            digest[offset + 3],
        ]);
        format!(
            "{:0width$}",
            truncated % 10u32.pow(digits),
            width = digits as usize
        )
    }

    /// The step `code` belongs to, if it is the code of a step within the drift of `unix_now`
    /// (the newest such step). Every step is compared, in constant time.
    pub fn step_of_code(&self, code: &TypedCode, unix_now: i64) -> Option<i64> {
        let now = step_at(unix_now);
        let mut found = None;
        for step in now - DRIFT_STEPS..=now + DRIFT_STEPS {
            let expected = self.code_at(step, DIGITS);
            if bool::from(expected.as_bytes().ct_eq(code.0.as_bytes())) {
                found = Some(step);
            }
        }
        found
    }

    /// The `otpauth://` address a QR code carries (Google Authenticator's key URI format).
    pub fn provisioning_uri(&self, issuer: &str, account: &str) -> String {
        let label = format!("{issuer}:{account}");
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query
            .append_pair("secret", &self.base32())
            .append_pair("issuer", issuer)
            .append_pair("algorithm", "SHA1")
            .append_pair("digits", &DIGITS.to_string())
            .append_pair("period", &STEP_SECS.to_string());
        format!(
            "otpauth://totp/{}?{}",
            url::form_urlencoded::byte_serialize(label.as_bytes())
                .collect::<String>()
                .replace('+', "%20"),
            query.finish()
        )
    }
}

/// The step a moment falls in.
pub fn step_at(unix: i64) -> i64 {
    unix.div_euclid(STEP_SECS)
}

/// The QR code of `uri` as an SVG drawing (made here: the page needs no script to show it).
pub fn qr_svg(uri: &str) -> Option<String> {
    let code =
        qrcode::QrCode::with_error_correction_level(uri.as_bytes(), qrcode::EcLevel::M).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .dark_color(qrcode::render::svg::Color("#000000"))
        .light_color(qrcode::render::svg::Color("#ffffff"))
        .build();
    // The drawing goes inside the page: no XML declaration.
    Some(match svg.find("<svg") {
        Some(start) => svg[start..].to_owned(),
        None => svg,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238, appendix B: the SHA-1 rows, with the ASCII secret "12345678901234567890".
    #[test]
    fn codes_match_the_rfc_6238_test_vectors() {
        let secret = TotpSecret(b"12345678901234567890".to_vec());
        for (time, code) in [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ] {
            assert_eq!(secret.code_at(step_at(time), 8), code, "at {time}");
        }
    }

    #[test]
    fn a_code_is_taken_one_step_either_side_of_now_and_no_further() {
        let secret = TotpSecret::generate();
        let now = 1_700_000_000;
        let step = step_at(now);
        for (offset, taken) in [(-2, false), (-1, true), (0, true), (1, true), (2, false)] {
            let code = TypedCode::parse(&secret.code_at(step + offset, DIGITS)).unwrap();
            assert_eq!(
                secret.step_of_code(&code, now),
                taken.then_some(step + offset),
                "{offset} steps away"
            );
        }
    }

    #[test]
    fn only_six_digits_make_a_code() {
        assert!(TypedCode::parse("123 456").is_some());
        for typed in ["12345", "1234567", "12345a", "", "１２３４５６"] {
            assert!(TypedCode::parse(typed).is_none(), "{typed}");
        }
    }

    #[test]
    fn the_secret_survives_base32_and_the_uri_carries_it() {
        let secret = TotpSecret::generate();
        let text = secret.base32();
        assert_eq!(text.len(), 32);
        assert_eq!(TotpSecret::from_base32(&text).unwrap().0, secret.0);
        let uri = secret.provisioning_uri("Roster", "ada@example.com");
        assert!(uri.starts_with("otpauth://totp/Roster%3Aada%40example.com?secret="));
        assert!(uri.contains(&text));
        assert!(qr_svg(&uri).unwrap().starts_with("<svg"));
    }
}
