//! The article's pictures in the printed checklist: each image file read from below the docs root and embedded in the
//! HTML as a `data:` URI, so that the HTML file, and the PDF printed from it, hold their screenshots without the docs
//! beside them and without a request. An image that cannot be embedded prints as its alt text, with a warning that
//! says why.

use std::collections::BTreeMap;
use std::path::Path;

use base64::Engine as _;
use serde::Serialize;

use super::html_text::html_block;
use super::layout;

use crate::model::{Article, Content, Inline, Span, walk_content};
use crate::parse::{FileIncludes, IncludeSource, Loaded};
use crate::report::{Diagnostic, Location, Severity};

/// The largest image file embedded: a screenshot is far smaller; a larger file would make the HTML slow to print.
pub const MAX_IMAGE_BYTES: u64 = 5_000_000;

/// The rule name of the warning about an image printed as its alt text.
pub const IMAGE_NOT_EMBEDDED: &str = "image-not-embedded";

/// The pictures of a checklist, keyed by the image source as the model writes it, and the images printed as alt text
/// instead, each where it first appears.
#[derive(Debug, Default)]
pub struct Images {
    /// Keyed by the source as written in the article (rebased on the article for includes).
    pub embedded: BTreeMap<String, Picture>,
    /// The images left out: what to warn about.
    pub left_out: Vec<LeftOut>,
}

/// An embedded image.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Picture {
    /// The file as a `data:` URI.
    pub uri: String,
    /// The lines of body text it takes in print ([`layout::picture_lines`]).
    #[serde(skip)]
    pub lines: f32,
}

/// An image printed as its alt text, where it first appears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The source as written.
    pub source: String,
    /// Why it is not embedded.
    pub reason: NotEmbedded,
    /// The included file it is written in, relative to the docs root; `None` for the article itself.
    pub include: Option<String>,
    /// Where in that file.
    pub span: Span,
}

/// Why an image is not embedded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotEmbedded {
    /// An address on the web: a checklist is made offline.
    Remote,
    /// No such file.
    Missing,
    /// The article was not read from a file (standard input): there is no folder to find the image in.
    NoFolder,
    /// The path leads outside the docs root.
    OutsideRoot,
    /// The file could not be read.
    Unreadable(String),
    /// Not a PNG, JPEG, GIF, WebP or SVG file.
    UnknownType,
    /// Larger than [`MAX_IMAGE_BYTES`] (the size in bytes).
    TooLarge(u64),
}

impl LeftOut {
    /// The warning about this image, in the article at `article` (the path as given) or in its include, named as
    /// `includes` shows it.
    pub fn warning(&self, article: &str, includes: &dyn IncludeSource) -> Diagnostic {
        let source = &self.source;
        let why = match &self.reason {
            NotEmbedded::Remote => "it is on the web, and a checklist is made offline".to_owned(),
            NotEmbedded::Missing => "there is no such file".to_owned(),
            NotEmbedded::NoFolder => "the article was not read from a file, so no folder holds its images".to_owned(),
            NotEmbedded::OutsideRoot => "it is outside the docs root".to_owned(),
            NotEmbedded::Unreadable(error) => format!("it cannot be read: {error}"),
            NotEmbedded::UnknownType => "it is not a PNG, JPEG, GIF, WebP or SVG image".to_owned(),
            NotEmbedded::TooLarge(bytes) => {
                format!(
                    "it is {:.1} MB, over the {} MB embedded at most",
                    *bytes as f64 / 1e6,
                    MAX_IMAGE_BYTES / 1_000_000
                )
            }
        };
        let file = self.include.as_deref().map_or_else(|| article.to_owned(), |include| includes.shown(include));
        let message = format!("the image {source} is printed as its alt text: {why}");
        Diagnostic::new(IMAGE_NOT_EMBEDDED, Severity::Warning, Location::new(file, self.span), message)
    }
}

/// Embeds every image of `article`, read from `file` (the path as given; `None` for a bundled article, which has no
/// image files) below its docs root.
pub fn embed(article: &Article, file: Option<&Path>) -> std::io::Result<Images> {
    let files =
        file.map(|file| FileIncludes::for_article(file).map(|files| (file.to_string_lossy(), files))).transpose()?;
    let mut images = Images::default();
    let mut seen = std::collections::HashSet::new();
    let mut add = |include: Option<&str>, source: &str, span: Span| {
        if !seen.insert(source.to_owned()) {
            return;
        }
        match read(source, files.as_ref().map(|(from, files)| (from.as_ref(), files))) {
            Ok(picture) => {
                images.embedded.insert(source.to_owned(), picture);
            }
            Err(reason) => images.left_out.push(LeftOut {
                source: source.to_owned(),
                reason,
                include: include.map(str::to_owned),
                span,
            }),
        }
    };
    let sections = article.all_sections();
    let blocks = article.preamble.iter().chain(sections.iter().flat_map(|section| &section.blocks));
    let headings = sections.iter().map(|section| section.heading.as_slice());
    for inlines in headings {
        images_in(None, inlines, &mut add);
    }
    walk_content(blocks, None, &mut |include, content| match content {
        Content::Inlines(inlines) => images_in(include, inlines, &mut add),
        Content::Extension { name: "image", attributes, span } => {
            if let Some(source) = attributes.iter().find(|attribute| attribute.name == "source") {
                add(include, &source.value, span);
            }
        }
        // Raw HTML prints as the blocks it reads as, its `<img>` tags as images.
        Content::Html { html, span } => {
            if let Some(shown) = html_block(html, span) {
                walk_content([&shown], include, &mut |include, content| {
                    if let Content::Inlines(inlines) = content {
                        images_in(include, inlines, &mut add);
                    }
                });
            }
        }
        Content::Extension { .. } => {}
    });
    // Headings were read first: the warnings go in reading order, the article's before its includes'.
    images.left_out.sort_by(|a, b| (&a.include, a.span.start).cmp(&(&b.include, b.span.start)));
    Ok(images)
}

/// Calls `found` with the file, source and span of each image in `inlines` of `include` (or of the article), links,
/// emphasis and the text of an include inside a sentence (its own file) included.
fn images_in<'a>(
    include: Option<&'a str>,
    inlines: &'a [Inline],
    found: &mut impl FnMut(Option<&'a str>, &'a str, Span),
) {
    for inline in inlines {
        match inline {
            Inline::Image { source, span, .. } => found(include, source, *span),
            Inline::Link { children, .. } | Inline::Emphasis { children, .. } => images_in(include, children, found),
            Inline::Include { resolved: Some(included), .. } => {
                images_in(Some(&included.file), &included.inlines, found)
            }
            _ => {}
        }
    }
}

/// The image `source`, written in the article at `from`.
fn read(source: &str, files: Option<(&str, &FileIncludes)>) -> Result<Picture, NotEmbedded> {
    let scheme = source.split_once(':').is_some_and(|(scheme, _)| !scheme.contains(['/', '\\']));
    if scheme || source.starts_with("//") {
        return Err(NotEmbedded::Remote);
    }
    let (from, files) = files.ok_or(NotEmbedded::NoFolder)?;
    let (path, _) = files.locate(from, source).map_err(|loaded| match loaded {
        Loaded::OutsideRoot => NotEmbedded::OutsideRoot,
        _ => NotEmbedded::Missing,
    })?;
    let unreadable = |error: std::io::Error| NotEmbedded::Unreadable(error.to_string());
    let size = std::fs::metadata(&path).map_err(unreadable)?.len();
    if size > MAX_IMAGE_BYTES {
        return Err(NotEmbedded::TooLarge(size));
    }
    let bytes = std::fs::read(&path).map_err(unreadable)?;
    let media_type = media_type(&bytes).ok_or(NotEmbedded::UnknownType)?;
    let uri = format!("data:{media_type};base64,{}", base64::engine::general_purpose::STANDARD.encode(&bytes));
    Ok(Picture { uri, lines: layout::picture_lines(pixel_size(&bytes)) })
}

/// The width and height in pixels of a PNG or GIF file, from its header (screenshots are PNG); `None` for others.
fn pixel_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let be = |at: usize| Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    let le = |at: usize| Some(u32::from(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?)));
    match media_type(bytes)? {
        "image/png" => Some((be(16)?, be(20)?)),
        "image/gif" => Some((le(6)?, le(8)?)),
        _ => None,
    }
}

/// The media type of an image file, from its first bytes: a file's name may lie, and a browser shown a `data:` URI
/// of the wrong type shows nothing.
fn media_type(bytes: &[u8]) -> Option<&'static str> {
    let svg = || {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
        let head = head.trim_start_matches('\u{feff}').trim_start();
        (head.starts_with("<svg") || head.starts_with("<?xml") || head.starts_with("<!--")) && head.contains("<svg")
    };
    match bytes {
        [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', ..] => Some("image/png"),
        [0xff, 0xd8, 0xff, ..] => Some("image/jpeg"),
        [b'G', b'I', b'F', b'8', b'7' | b'9', b'a', ..] => Some("image/gif"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("image/webp"),
        _ if svg() => Some("image/svg+xml"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_media_type_comes_from_the_bytes_not_the_name() {
        assert_eq!(media_type(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Some("image/png"));
        assert_eq!(media_type(b"\xff\xd8\xff\xe0\0\x10JFIF"), Some("image/jpeg"));
        assert_eq!(media_type(b"GIF89a\x01\0"), Some("image/gif"));
        assert_eq!(media_type(b"RIFF\x24\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(
            media_type(b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
            Some("image/svg+xml")
        );
        assert_eq!(media_type(b"  <svg viewBox=\"0 0 1 1\"></svg>"), Some("image/svg+xml"));
        assert_eq!(media_type(b"<html><body>not an image</body></html>"), None);
        assert_eq!(media_type(b"PNG"), None);
        assert_eq!(media_type(b""), None);
    }

    #[test]
    fn a_file_over_the_limit_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("docfx.json"), "{}").unwrap();
        let article = dir.path().join("a.md");
        std::fs::write(&article, "# A\n").unwrap();
        let big = std::fs::File::create(dir.path().join("big.png")).unwrap();
        big.set_len(MAX_IMAGE_BYTES + 1).unwrap();
        let files = FileIncludes::for_article(&article).unwrap();
        let from = article.to_string_lossy();
        assert_eq!(read("big.png", Some((&from, &files))), Err(NotEmbedded::TooLarge(MAX_IMAGE_BYTES + 1)));
        let left_out = LeftOut {
            source: "big.png".into(),
            reason: NotEmbedded::TooLarge(6_000_000),
            include: None,
            span: Span::default(),
        };
        assert!(
            left_out
                .warning("a.md", &crate::parse::NoIncludes)
                .message
                .ends_with("it is 6.0 MB, over the 5 MB embedded at most")
        );
    }

    #[test]
    fn a_picture_prints_as_tall_as_its_pixels_scaled_to_the_page() {
        let png = |width: u32, height: u32| {
            let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
            bytes.extend(width.to_be_bytes().into_iter().chain(height.to_be_bytes()));
            bytes
        };
        assert_eq!(pixel_size(&png(40, 20)), Some((40, 20)));
        assert_eq!(pixel_size(b"GIF89a\x40\x01\x20\x00"), Some((320, 32)));
        assert_eq!(pixel_size(b"\xff\xd8\xff\xe0"), None);
        // A 1600 x 900 screenshot prints the page's width wide, 95 mm tall, so the 90 mm at most: about 17 lines.
        let wide = layout::picture_lines(pixel_size(&png(1600, 900)));
        assert!((16.0..18.0).contains(&wide), "{wide}");
        // An icon takes a line; a picture of unknown size counts as a middling screenshot.
        assert!(layout::picture_lines(pixel_size(&png(16, 16))) < 1.5);
        assert!(layout::picture_lines(None) > 10.0);
    }
}
