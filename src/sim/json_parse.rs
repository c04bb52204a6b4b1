//! A small JSON reader into `serde_json::Value` for the browsers' `.wasm`, where `serde_json`'s
//! own parser (generic over its readers and visitors) cost 7.5 KB gzipped of the simulator's
//! share. It gives the same values as `serde_json::from_str::<Value>` (numbers included: the
//! same integer/float split and the same float arithmetic), and the same errors, positions
//! included, for what `JSON.stringify` can produce (lone surrogates, numbers out of range,
//! nesting past 127 levels); for other broken text, which `JSON.stringify` never produces, a
//! `serde_json`-like message. Native builds and the Node build (whose command line reads
//! scenario files) keep `serde_json`'s parser; the tests compare the two.
//!
//! No recursion: containers are a stack, bounded like `serde_json` (128 levels).

use serde_json::{Map, Value};

/// `serde_json`'s nesting limit.
const DEPTH: u32 = 128;

/// The value of `text`, or `serde_json`'s message (`… at line L column C`).
pub fn parse(text: &str) -> Result<Value, String> {
    let mut p = Parser { s: text.as_bytes(), i: 0 };
    p.document()
}

enum Frame {
    Array(Vec<Value>),
    /// The object so far and the key of the value being read.
    Object(Map<String, Value>, String),
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn skip_whitespace(&mut self) -> Option<u8> {
        while let Some(b) = self.peek() {
            if !matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
                return Some(b);
            }
            self.i += 1;
        }
        None
    }

    /// `serde_json`'s message for an error at byte `at`.
    fn error_at(&self, at: usize, what: &str) -> String {
        let before = self.s.get(..at.min(self.s.len())).unwrap_or(&[]);
        let start_of_line = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let line = 1 + before.iter().take(start_of_line).filter(|&&b| b == b'\n').count();
        format!("{what} at line {line} column {}", at.min(self.s.len()) - start_of_line)
    }

    /// An error at the current position (after what was consumed).
    fn error(&self, what: &str) -> String {
        self.error_at(self.i, what)
    }

    /// An error about the byte not consumed yet.
    fn peek_error(&self, what: &str) -> String {
        self.error_at(self.i + 1, what)
    }

    fn document(&mut self) -> Result<Value, String> {
        let mut stack: Vec<Frame> = Vec::new();
        let mut depth = DEPTH;
        'values: loop {
            let Some(b) = self.skip_whitespace() else {
                return Err(self.peek_error("EOF while parsing a value"));
            };
            let mut value = match b {
                b'n' => self.ident(b"null", Value::Null)?,
                b't' => self.ident(b"true", Value::Bool(true))?,
                b'f' => self.ident(b"false", Value::Bool(false))?,
                b'-' => {
                    self.i += 1;
                    self.number(false)?
                }
                b'0'..=b'9' => self.number(true)?,
                b'"' => {
                    self.i += 1;
                    Value::String(self.string()?)
                }
                b'[' | b'{' => {
                    depth -= 1;
                    if depth == 0 {
                        return Err(self.peek_error("recursion limit exceeded"));
                    }
                    self.i += 1;
                    let close = if b == b'[' { b']' } else { b'}' };
                    let next = self.skip_whitespace();
                    if next.is_none() && b == b'[' {
                        return Err(self.peek_error("EOF while parsing a list"));
                    }
                    if next == Some(close) {
                        self.i += 1;
                        depth += 1;
                        if b == b'[' {
                            Value::Array(Vec::new())
                        } else {
                            Value::Object(Map::new())
                        }
                    } else {
                        let frame = if b == b'[' {
                            Frame::Array(Vec::new())
                        } else {
                            Frame::Object(Map::new(), self.key(false)?)
                        };
                        stack.push(frame);
                        continue 'values;
                    }
                }
                _ => return Err(self.peek_error("expected value")),
            };
            // Hand the value to its container, closing the containers that end here.
            loop {
                let Some(frame) = stack.last_mut() else {
                    if self.skip_whitespace().is_some() {
                        return Err(self.peek_error("trailing characters"));
                    }
                    return Ok(value);
                };
                let next = match frame {
                    Frame::Array(items) => {
                        items.push(value);
                        self.skip_whitespace()
                    }
                    Frame::Object(map, key) => {
                        map.insert(std::mem::take(key), value);
                        self.skip_whitespace()
                    }
                };
                let is_array = matches!(frame, Frame::Array(_));
                match (next, is_array) {
                    (Some(b','), _) => {
                        self.i += 1;
                        if let Frame::Object(_, key) = frame {
                            *key = self.key(true)?;
                        } else if self.skip_whitespace() == Some(b']') {
                            return Err(self.peek_error("trailing comma"));
                        }
                        continue 'values;
                    }
                    (Some(b']'), true) | (Some(b'}'), false) => {
                        self.i += 1;
                        depth += 1;
                        value = match stack.pop() {
                            Some(Frame::Array(items)) => Value::Array(items),
                            Some(Frame::Object(map, _)) => Value::Object(map),
                            None => Value::Null,
                        };
                    }
                    (Some(_), true) => return Err(self.peek_error("expected `,` or `]`")),
                    (Some(_), false) => return Err(self.peek_error("expected `,` or `}`")),
                    (None, true) => return Err(self.peek_error("EOF while parsing a list")),
                    (None, false) => return Err(self.peek_error("EOF while parsing an object")),
                }
            }
        }
    }

    /// An object key and its `:` (whitespace before both skipped).
    fn key(&mut self, after_comma: bool) -> Result<String, String> {
        match self.skip_whitespace() {
            Some(b'"') => self.i += 1,
            Some(b'}') if after_comma => return Err(self.peek_error("trailing comma")),
            Some(_) => return Err(self.peek_error("key must be a string")),
            None if after_comma => return Err(self.peek_error("EOF while parsing a value")),
            None => return Err(self.peek_error("EOF while parsing an object")),
        }
        let key = self.string()?;
        match self.skip_whitespace() {
            Some(b':') => {
                self.i += 1;
                Ok(key)
            }
            Some(_) => Err(self.peek_error("expected `:`")),
            None => Err(self.peek_error("EOF while parsing an object")),
        }
    }

    fn ident(&mut self, word: &[u8], value: Value) -> Result<Value, String> {
        for &expected in word {
            match self.peek() {
                Some(b) if b == expected => self.i += 1,
                Some(_) => {
                    self.i += 1;
                    return Err(self.error("expected ident"));
                }
                None => return Err(self.error("EOF while parsing a value")),
            }
        }
        Ok(value)
    }

    /// A string's contents after its opening quote, through its closing quote.
    fn string(&mut self) -> Result<String, String> {
        let mut out: Vec<u8> = Vec::new();
        loop {
            let Some(b) = self.peek() else { return Err(self.error("EOF while parsing a string")) };
            self.i += 1;
            match b {
                b'"' => return String::from_utf8(out).map_err(|_| self.error("invalid unicode code point")),
                b'\\' => self.escape(&mut out)?,
                0..=0x1f => {
                    return Err(self.error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                b => out.push(b),
            }
        }
    }

    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), String> {
        let Some(b) = self.peek() else { return Err(self.error("EOF while parsing a string")) };
        self.i += 1;
        let simple = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 8,
            b'f' => 12,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => return self.unicode_escape(out),
            _ => return Err(self.error("invalid escape")),
        };
        out.push(simple);
        Ok(())
    }

    /// Four hex digits, all consumed before they are checked (as `serde_json` does).
    fn hex4(&mut self) -> Result<u32, String> {
        let Some(digits) = self.s.get(self.i..self.i + 4) else {
            self.i = self.s.len();
            return Err(self.error("EOF while parsing a string"));
        };
        self.i += 4;
        let mut n = 0;
        for &b in digits {
            let digit = char::from(b).to_digit(16).ok_or_else(|| self.error("invalid escape"))?;
            n = n * 16 + digit;
        }
        Ok(n)
    }

    /// After `\u`: a character, or a surrogate pair (`serde_json` refuses lone surrogates).
    fn unicode_escape(&mut self, out: &mut Vec<u8>) -> Result<(), String> {
        let n = self.hex4()?;
        if (0xDC00..=0xDFFF).contains(&n) {
            return Err(self.error("lone leading surrogate in hex escape"));
        }
        let code = if (0xD800..=0xDBFF).contains(&n) {
            for expected in [b'\\', b'u'] {
                match self.peek() {
                    Some(b) if b == expected => self.i += 1,
                    Some(_) => {
                        self.i += 1;
                        return Err(self.error("unexpected end of hex escape"));
                    }
                    None => return Err(self.error("EOF while parsing a string")),
                }
            }
            let n2 = self.hex4()?;
            if !(0xDC00..=0xDFFF).contains(&n2) {
                return Err(self.error("lone leading surrogate in hex escape"));
            }
            (((n - 0xD800) << 10) | (n2 - 0xDC00)) + 0x1_0000
        } else {
            n
        };
        let c = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        Ok(())
    }

    fn digit(&self) -> Option<u64> {
        self.peek().filter(u8::is_ascii_digit).map(|b| u64::from(b - b'0'))
    }

    /// A number after its optional `-`, as `serde_json` reads it: an integer that fits a u64
    /// (i64 when negative) stays an integer; anything else is `significand × 10^exponent`
    /// computed in f64 the way `serde_json` does (not always the closest double: the same).
    fn number(&mut self, positive: bool) -> Result<Value, String> {
        let Some(first) = self.digit() else {
            return match self.peek() {
                Some(_) => {
                    self.i += 1;
                    Err(self.error("invalid number"))
                }
                None => Err(self.error("EOF while parsing a value")),
            };
        };
        self.i += 1;
        let mut significand = first;
        let mut exponent: i32 = 0;
        let mut overflowed = false;
        if first == 0 {
            if self.digit().is_some() {
                return Err(self.peek_error("invalid number"));
            }
        } else {
            while let Some(d) = self.digit() {
                self.i += 1;
                if overflowed {
                    exponent = exponent.saturating_add(1);
                } else if let Some(next) = significand.checked_mul(10).and_then(|v| v.checked_add(d)) {
                    significand = next;
                } else {
                    overflowed = true;
                    exponent = 1;
                }
            }
        }
        let mut float = overflowed;
        if self.peek() == Some(b'.') {
            float = true;
            self.i += 1;
            let mut any = false;
            // Fraction digits count until the significand would overflow (even after an
            // overflow of the integer part: `serde_json` checks each digit again).
            let mut full = false;
            while let Some(d) = self.digit() {
                self.i += 1;
                any = true;
                if !full {
                    match significand.checked_mul(10).and_then(|v| v.checked_add(d)) {
                        Some(next) => {
                            significand = next;
                            exponent -= 1;
                        }
                        None => full = true,
                    }
                }
            }
            if !any {
                return Err(match self.peek() {
                    Some(_) => self.peek_error("invalid number"),
                    None => self.peek_error("EOF while parsing a value"),
                });
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            float = true;
            self.i += 1;
            let positive_exp = match self.peek() {
                Some(b'+') => {
                    self.i += 1;
                    true
                }
                Some(b'-') => {
                    self.i += 1;
                    false
                }
                _ => true,
            };
            let Some(first) = self.digit() else {
                return match self.peek() {
                    Some(_) => {
                        self.i += 1;
                        Err(self.error("invalid number"))
                    }
                    None => Err(self.error("EOF while parsing a value")),
                };
            };
            self.i += 1;
            let mut exp = i32::try_from(first).unwrap_or(0);
            while let Some(d) = self.digit() {
                self.i += 1;
                match exp.checked_mul(10).and_then(|v| v.checked_add(i32::try_from(d).unwrap_or(0))) {
                    Some(next) => exp = next,
                    None => {
                        // Past i32: zero or infinity, as `serde_json` decides.
                        if significand != 0 && positive_exp {
                            return Err(self.error("number out of range"));
                        }
                        while self.digit().is_some() {
                            self.i += 1;
                        }
                        return Ok(Value::from(if positive { 0.0 } else { -0.0 }));
                    }
                }
            }
            exponent = if positive_exp { exponent.saturating_add(exp) } else { exponent.saturating_sub(exp) };
        }
        if !float {
            return Ok(if positive {
                Value::from(significand)
            } else {
                let negated = (significand as i64).wrapping_neg();
                if negated >= 0 {
                    Value::from(-(significand as f64))
                } else {
                    Value::from(negated)
                }
            });
        }
        let f = f64_from_parts(significand, exponent).ok_or_else(|| self.error("number out of range"))?;
        Ok(Value::from(if positive { f } else { -f }))
    }
}

/// `serde_json`'s `f64_from_parts` (without its `float_roundtrip` feature): one product or
/// quotient by a correctly rounded power of ten; `None` when it overflows.
fn f64_from_parts(significand: u64, mut exponent: i32) -> Option<f64> {
    let mut f = significand as f64;
    loop {
        let abs = exponent.unsigned_abs();
        if abs <= 308 {
            let pow = pow10(abs);
            if exponent >= 0 {
                f *= pow;
                if f.is_infinite() {
                    return None;
                }
            } else {
                f /= pow;
            }
            return Some(f);
        }
        if f == 0.0 {
            return Some(f);
        }
        if exponent >= 0 {
            return None;
        }
        f /= 1e308;
        exponent += 308;
    }
}

/// 10^n (n ≤ 308) rounded to the nearest double, ties to even: the value of the literal `1eN`.
fn pow10(n: u32) -> f64 {
    // 10^n as a big integer (32-bit limbs, least significant first).
    let mut limbs: Vec<u32> = vec![1];
    for _ in 0..n {
        let mut carry = 0u64;
        for limb in limbs.iter_mut() {
            let v = u64::from(*limb) * 10 + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            limbs.push(carry as u32);
        }
    }
    let top = limbs.last().copied().unwrap_or(1);
    let bits = (limbs.len() as u32 - 1) * 32 + (32 - top.leading_zeros());
    let bit = |k: u32| limbs.get((k / 32) as usize).is_some_and(|l| (l >> (k % 32)) & 1 == 1);
    if bits <= 53 {
        let mut v = 0u64;
        for k in (0..bits).rev() {
            v = (v << 1) | u64::from(bit(k));
        }
        return v as f64;
    }
    // The top 53 bits, then round to nearest, ties to even.
    let mut mantissa = 0u64;
    for k in (bits - 53..bits).rev() {
        mantissa = (mantissa << 1) | u64::from(bit(k));
    }
    let round = bit(bits - 54);
    let sticky = (0..bits - 54).any(bit);
    let mut exponent = bits - 1;
    if round && (sticky || mantissa & 1 == 1) {
        mantissa += 1;
        if mantissa == 1 << 53 {
            mantissa >>= 1;
            exponent += 1;
        }
    }
    f64::from_bits((u64::from(exponent + 1023) << 52) | (mantissa & ((1 << 52) - 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde(text: &str) -> Result<Value, String> {
        serde_json::from_str::<Value>(text).map_err(|e| e.to_string())
    }

    fn same(text: &str) {
        let (ours, theirs) = (parse(text), serde(text));
        // Values compared through their JSON (f64 bit patterns through their shortest form).
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => assert_eq!(a.to_string(), b.to_string(), "{text:?}"),
            _ => assert_eq!(ours, theirs, "{text:?}"),
        }
    }

    #[test]
    fn powers_of_ten_are_the_literals() {
        for n in 0..=308u32 {
            let literal: f64 = format!("1e{n}").parse().unwrap_or(0.0);
            assert_eq!(pow10(n).to_bits(), literal.to_bits(), "1e{n}");
        }
    }

    #[test]
    fn values_and_errors_are_serde_json_s() {
        let cases = [
            r#"{"seed":1,"start":"2026-11-29T09:00:00Z","call":{"digits":[{"atMs":5000,"digits":"*"}]}}"#,
            r#"{"a":[],"b":{},"c":[1,[2,[3]],{"d":null}],"e":true,"f":false,"g":"x\"y\\z\/\b\f\n\r\t"}"#,
            r#" { "a" : [ 1 , 2 ] , "b" : { } } "#,
            r#"{"a":"\u00e9\u4e2d\ud83d\ude00é中😀"}"#,
            r#"{"a":"\ud800"}"#,
            r#"{"a":"\udc00x"}"#,
            r#"{"a":"\ud800\u0041"}"#,
            r#"{"a":"\ud800\n"}"#,
            r#"{"a":1,"a":2,"b":3}"#,
            "[0,-0,1,-1,18446744073709551615,18446744073709551616,-9223372036854775808,-9223372036854775809]",
            "[100000000000000000000,123456789012345678901234567890,1152921504606847000]",
            "[1.5,-1.5,0.1,0.30000000000000004,1e21,1e+21,1E-7,5e-324,2.2250738585072014e-308]",
            "[1.7976931348623157e+308,1.7976931348623157e308,1e308,1e309,-1e400,1e-400,0e999999999999]",
            "[12345678901234567890.123,0.000000000000000000001234567890123456789,9007199254740993]",
            "[1.2345678901234567e-300,4.9406564584124654e-324,1e22,1e23,8.98846567431158e307]",
            "",
            "{",
            "[]",
            "null",
            "{\"seed\": 1,}",
            "\u{0}",
            "[1,2",
            "{\"a\" 1}",
            "[01]",
            "[1.]",
            "[1e]",
            "[-]",
            "[tru]",
            "{1:2}",
            "[1]x",
            "\"a\u{1}\"",
            "\"\\x\"",
        ];
        for text in cases {
            same(text);
        }
        for depth in [126, 127, 128, 129, 200] {
            same(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
            same(&format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth)));
        }
    }

    proptest::proptest! {
        #[test]
        fn numbers_read_as_serde_json_reads_them(bits in proptest::prelude::any::<u64>(), n in proptest::prelude::any::<i64>(), digits in "[0-9]{1,40}", exp in -400i32..400) {
            let f = f64::from_bits(bits);
            if f.is_finite() {
                same(&format!("[{f},{f:e},{f:?}]"));
            }
            same(&format!("[{n},{digits},-{digits},{digits}.{digits},{digits}e{exp},0.{digits}E{exp},{digits}{digits}.5e-{digits}]"));
        }

        #[test]
        fn broken_text_fails_as_serde_json_fails(text in "[\\[\\]{}:,\"a\\\\u0-9.eE+ -ntrlfsbd/\t\n]{0,24}") {
            same(&text);
        }
    }
}
