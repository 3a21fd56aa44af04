//! The files bundled into the binary: articles and check bindings (`content/`), UI strings (`locales/`) and
//! templates (`templates/`). `build.rs` embeds them at compile time.

/// Every bundled file as (path relative to the crate root, text), sorted by path.
static FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// The text of a bundled file, by its path relative to the crate root (`content/en-us/close-your-account.md`).
pub fn get(path: &str) -> Option<&'static str> {
    FILES.binary_search_by(|(name, _)| name.cmp(&path)).ok().map(|index| FILES[index].1)
}

/// The bundled files whose path starts with `prefix`, in path order.
pub fn under(prefix: &str) -> impl Iterator<Item = (&'static str, &'static str)> {
    FILES.iter().copied().filter(move |(name, _)| name.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_seed_articles_are_byte_for_byte_the_files_on_disk() {
        for path in ["content/en-us/close-your-account.md", "content/fr-fr/close-your-account.md"] {
            let on_disk = std::fs::read_to_string(path).unwrap();
            assert_eq!(get(path), Some(on_disk.as_str()), "{path}");
        }
        assert_eq!(get("content/missing.md"), None);
    }

    #[test]
    fn under_lists_a_folder_in_order() {
        let names: Vec<_> = under("content/").map(|(name, _)| name).collect();
        assert!(names.contains(&"content/fr-fr/close-your-account.md"));
        assert!(names.windows(2).all(|pair| pair[0] < pair[1]));
    }
}
