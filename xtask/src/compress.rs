//! gzip and brotli at the levels a careful static host would use.

use std::io::Write;

/// gzip, level 9.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(data).expect("writing to a Vec cannot fail");
    enc.finish().expect("writing to a Vec cannot fail")
}

/// brotli, quality 11, window 22 (the `brotli` command line's defaults).
pub fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        w.write_all(data).expect("writing to a Vec cannot fail");
    }
    out
}

/// Whether a file of this extension is worth compressing (text and wasm).
pub fn compressible(ext: &str) -> bool {
    matches!(
        ext,
        "html"
            | "htm"
            | "js"
            | "mjs"
            | "css"
            | "json"
            | "wasm"
            | "svg"
            | "txt"
            | "csv"
            | "xml"
            | "webmanifest"
            | "map"
            | "ico"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn round_trips() {
        let text = "建言 ".repeat(1000);
        let gz = gzip(text.as_bytes());
        let br = brotli(text.as_bytes());
        assert!(gz.len() < text.len() / 10);
        assert!(br.len() < text.len() / 10);
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
        let mut back = String::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, text);
    }
}
