//! `checkdown sync`: the seed pair in every format, one mutation per rule on real pairs of the shared corpus, the
//! whole corpus against the manifest, and the command's contract (exit codes, output files, configuration).

use std::collections::HashSet;
use std::path::Path;

use checkdown::report::{Diagnostic, Location, Severity};
use checkdown::sync::{Context, Document, Languages, Settings, compare};
use serde_json::Value;

use crate::support::{checkdown, corpus};

const EN: &str = "content/en-us/close-your-account.md";
const FR: &str = "content/fr-fr/close-your-account.md";

/// A corpus pair with no finding at all: the French was made from this English, and nothing drifted.
const CLEAN_PAIR: &str = "SecurityCompliance/create-a-litigation-hold.md";
/// A corpus pair whose articles use `[!INCLUDE]`.
const INCLUDE_PAIR: &str = "Enterprise/multi-geo-add-group-with-pdl.md";
/// A corpus pair with no finding whose English images and table cells are sentences.
const IMAGES_AND_TABLE_PAIR: &str = "SecurityCompliance/view-reports-for-atp.md";
/// A corpus pair with no finding whose English title is a sentence rather than a list of names.
const SENTENCE_TITLE_PAIR: &str = "SecurityCompliance/add-your-organization-brand-to-encrypted-messages.md";

fn sync_json(args: &[&str]) -> (i32, Value) {
    let run = checkdown().args(["sync", "--format", "json"]).args(args).run();
    assert!(run.code == 0 || run.code == 1, "exit {}: {}", run.code, run.stderr);
    (run.code, serde_json::from_str(&run.stdout).expect("sync prints JSON"))
}

/// `(rule, line)` of every diagnostic of a JSON report.
fn rules_and_lines(report: &Value) -> Vec<(String, u64)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|diagnostic| {
            (diagnostic["rule"].as_str().unwrap().to_owned(), diagnostic["line"].as_u64().unwrap_or_default())
        })
        .collect()
}

fn without_version(sarif: &str) -> String {
    sarif.replace(
        &format!("\"semanticVersion\": \"{}\"", env!("CARGO_PKG_VERSION")),
        "\"semanticVersion\": \"[version]\"",
    )
}

// The seed pair.

#[test]
fn the_seed_pair_reports_what_a_reviewer_would() {
    let (code, report) = sync_json(&[EN, FR]);
    assert_eq!(code, 1, "the seed pair has errors");
    let found = rules_and_lines(&report);
    let has = |rule: &str, line: u64| found.contains(&(rule.to_owned(), line));
    // Step 4: the French list has an extra first item (3 against 4).
    assert!(has("list-item-count", 78), "{found:?}");
    // Step 3: a note only the French has.
    assert!(has("alert-mismatch", 73), "{found:?}");
    // "Avant de commencer" has no English section.
    assert!(has("extra-section", 38), "{found:?}");
    // "Go to the **Users** > Active users page." was left in English.
    assert!(has("untranslated", 79), "{found:?}");
    // The French-only links are in the extra section, the extra note and the extra list item: those findings cover
    // them.
    for line in [42, 74, 78] {
        assert!(!has("link-mismatch", line), "link at {line}: {found:?}");
    }
    // Nothing false about the moniker zone, the anchors, the front matter, or the note link that differs only in form.
    for rule in ["moniker-mismatch", "anchor-mismatch", "front-matter-mismatch", "loc-metadata", "missing-section"] {
        assert!(found.iter().all(|(found, _)| found != rule), "{rule}: {found:?}");
    }
    assert!(!has("link-mismatch", 32), "{found:?}");
    let list = &report["diagnostics"].as_array().unwrap().iter().find(|d| d["rule"] == "list-item-count").unwrap();
    assert_eq!(
        list["message"],
        "the French list has 4 items, the English list 3: French item 1 has no English counterpart"
    );
    assert_eq!(list["source_path"], EN);
    assert_eq!(list["source_line"], 74);
}

#[test]
fn the_seed_pair_in_every_format() {
    // In a repository of their own, whatever holds this crate's folder: JSON says where in it the report was written.
    let repository = tempfile::tempdir().unwrap();
    std::fs::create_dir(repository.path().join(".git")).unwrap();
    for seed in [EN, FR] {
        std::fs::create_dir_all(repository.path().join(seed).parent().unwrap()).unwrap();
        std::fs::copy(crate::support::crate_root().join(seed), repository.path().join(seed)).unwrap();
    }
    for format in ["text", "json", "sarif", "github", "markdown"] {
        let run = checkdown().current_dir(repository.path()).args(["sync", EN, FR, "--format", format]).run();
        assert_eq!(run.code, 1, "{format}: {}", run.stderr);
        assert!(!run.stdout.contains('\x1b'), "no colour outside a terminal");
        insta::assert_snapshot!(format!("seed_pair_{format}"), without_version(&run.stdout));
    }
}

fn sarif_validator() -> jsonschema::Validator {
    let schema = std::fs::read_to_string(crate::support::crate_root().join("tests/fixtures/sarif-schema-2.1.0.json"))
        .expect("the SARIF schema is in tests/fixtures");
    let schema: Value = serde_json::from_str(&schema).unwrap();
    jsonschema::draft4::options().should_validate_formats(true).build(&schema).unwrap()
}

fn schema_errors(validator: &jsonschema::Validator, sarif: &str) -> Vec<String> {
    let sarif: Value = serde_json::from_str(sarif).expect("SARIF is JSON");
    validator.iter_errors(&sarif).map(|error| format!("{}: {error}", error.instance_path())).collect()
}

#[test]
fn the_sarif_validates_against_the_2_1_0_schema() {
    let validator = sarif_validator();
    let run = checkdown().args(["sync", EN, FR, "--format", "sarif"]).run();
    assert_eq!(schema_errors(&validator, &run.stdout), Vec::<String>::new());
    let sarif: Value = serde_json::from_str(&run.stdout).unwrap();
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 23, "every rule is described");
    assert!(rules.iter().all(|rule| !rule["fullDescription"]["text"].as_str().unwrap().is_empty()));
    let list =
        sarif["runs"][0]["results"].as_array().unwrap().iter().find(|r| r["ruleId"] == "list-item-count").unwrap();
    let related = &list["relatedLocations"][0]["physicalLocation"];
    assert_eq!(related["artifactLocation"]["uri"], EN);
    assert_eq!(related["region"]["startLine"], 74);
    // Code scanning knows each finding as --baseline does, by its line-independent fingerprint.
    let json: Value =
        serde_json::from_str(&checkdown().args(["sync", EN, FR, "--format", "json"]).run().stdout).unwrap();
    let fingerprints = |items: &Value, at: &str| -> Vec<String> {
        items.as_array().unwrap().iter().map(|item| item.pointer(at).unwrap().as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(
        fingerprints(&sarif["runs"][0]["results"], "/partialFingerprints/checkdownFingerprint~1v1"),
        fingerprints(&json["diagnostics"], "/fingerprint")
    );
}

/// A git repository (a `.git` folder is enough for checkdown) holding the seed pair as `docs/en-us/close.md` and
/// `docs/fr-fr/close.md`.
fn seed_repository() -> tempfile::TempDir {
    let repository = tempfile::tempdir().unwrap();
    std::fs::create_dir(repository.path().join(".git")).unwrap();
    for (locale, seed) in [("en-us", EN), ("fr-fr", FR)] {
        let folder = repository.path().join("docs").join(locale);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::copy(crate::support::crate_root().join(seed), folder.join("close.md")).unwrap();
    }
    repository
}

/// GitHub places findings by repository-relative paths: run from a folder of the repository, SARIF and annotations
/// still name `docs/fr-fr/x.md`, not `../fr-fr/x.md`, while the text and JSON reports keep the paths as given.
#[test]
fn sarif_and_annotations_name_files_from_the_repository_root() {
    let repository = seed_repository();
    let run_in_en = |format: &str| {
        let folder = repository.path().join("docs/en-us");
        checkdown().current_dir(&folder).args(["sync", ".", "../fr-fr", "--format", format]).run().stdout
    };
    let sarif: Value = serde_json::from_str(&run_in_en("sarif")).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "docs/fr-fr/close.md");
    assert_eq!(result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"], "docs/en-us/close.md");
    let annotations = run_in_en("github");
    assert!(annotations.starts_with("::error file=docs/fr-fr/close.md,"), "{annotations}");
    assert!(annotations.contains("%0Asource: docs/en-us/close.md:"), "{annotations}");
    let json: Value = serde_json::from_str(&run_in_en("json")).unwrap();
    assert_eq!(json["diagnostics"][0]["path"], "../fr-fr/close.md");
}

/// On a GitHub Actions job's summary page, each place links to its line on GitHub, at the commit checked out.
#[test]
fn in_github_actions_the_markdown_summary_links_to_the_lines_on_github() {
    let repository = seed_repository();
    let commit = "4f2a9c1e0b7d3a6f8e5c2b1a0d9e8f7c6b5a4d3e";
    let run = checkdown()
        .current_dir(&repository.path().join("docs/en-us"))
        .env("GITHUB_ACTIONS", "true")
        .env("GITHUB_SERVER_URL", "https://github.com")
        .env("GITHUB_REPOSITORY", "contoso/m365-docs")
        .env("GITHUB_SHA", commit)
        .args(["sync", ".", "../fr-fr", "--format", "markdown"])
        .run();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let row = run.stdout.lines().find(|line| line.starts_with("| error |") && line.contains("| list-item-count |"));
    let row = row.expect("a list finding");
    let blob = format!("https://github.com/contoso/m365-docs/blob/{commit}");
    assert!(
        row.starts_with(&format!("| error | [docs/fr-fr/close.md:78:1](<{blob}/docs/fr-fr/close.md#L78>) |")),
        "{row}"
    );
    assert!(row.ends_with(&format!("| [docs/en-us/close.md:74:1](<{blob}/docs/en-us/close.md#L74>) |")), "{row}");
}

// Small pairs in `sync/`, each `<case>.en-us.md` with `<case>.fr-fr.md`.

/// What comparing the fixture pair `case` finds: `(rule, French line, message)`, sorted.
fn fixture(case: &str) -> Vec<(String, u32, String)> {
    let read = |locale: &str| {
        std::fs::read_to_string(crate::support::crate_root().join(format!("tests/integration/sync/{case}.{locale}.md")))
            .expect("the fixture pair exists")
    };
    check(&format!("{case}.md"), &read("en-us"), &read("fr-fr"))
        .into_iter()
        .map(|diagnostic| (diagnostic.rule, diagnostic.location.line(), diagnostic.message))
        .collect()
}

/// The `(rule, line)` of each finding of the fixture pair `case`.
fn fixture_rules(case: &str) -> Vec<(String, u32)> {
    fixture(case).into_iter().map(|(rule, line, _)| (rule, line)).collect()
}

fn at(rule: &str, line: u32) -> (String, u32) {
    (rule.to_owned(), line)
}

/// A table that lost a row, or gained one, names them: its rows pair by what their cells share (names, numbers,
/// code), so a translator is sent to the row to restore, not only told the counts.
#[test]
fn a_table_with_another_number_of_rows_names_the_rows_left_alone() {
    let found = fixture("table-rows");
    let table: Vec<&str> =
        found.iter().filter(|(rule, ..)| rule == "block-mismatch").map(|(_, _, message)| message.as_str()).collect();
    assert_eq!(
        table,
        [
            "this table has 2 columns and 3 rows; the English table 2 and 4: the English row “contoso.com” (line 11) has no \
          counterpart here"
        ],
        "{found:?}"
    );
    let table = "| Entry | Matches |\n|---|---|\n| contoso.com | The domain |\n| 10.0.0.1 | One address |\n";
    let gained = format!("{table}| 10.0.0.2 | Une autre adresse |\n");
    let found = check("rows.md", &format!("# T\n\n{table}"), &format!("# T\n\n{gained}"));
    let message = &found.iter().find(|diagnostic| diagnostic.rule == "block-mismatch").expect("a finding").message;
    assert!(
        message.ends_with(": this table's row “10.0.0.2” (line 7) has no counterpart in the English one"),
        "{message}"
    );
}

/// A numbered list that goes on after a paragraph, in a translation that lost an item before the paragraph: one
/// finding, on the list, naming the item, not the two halves and the paragraph as blocks without counterparts.
#[test]
fn a_list_broken_by_a_paragraph_that_lost_an_item_is_one_finding() {
    let english = "# T\n\n## Export\n\n1. Open the portal.\n2. Select **Audit**.\n3. Run `Import-Csv`.\n\
                   4. Select **Save**.\n\nThe file opens.\n\n5. Select **Close**.\n";
    let french = "# T\n\n## Exporter\n\n1. Ouvrez le portail.\n2. Sélectionnez **Audit**.\n\
                  4. Sélectionnez **Enregistrer**.\n\nLe fichier s’ouvre.\n\n5. Sélectionnez **Fermer**.\n";
    let found: Vec<(String, u32, String)> = check("list.md", english, french)
        .into_iter()
        .map(|diagnostic| (diagnostic.rule, diagnostic.location.line(), diagnostic.message))
        .collect();
    assert_eq!(
        found,
        [(
            "list-item-count".to_owned(),
            7,
            "the French list has 4 items, the English list 5: English item 3 missing".to_owned()
        )]
    );
}

/// Tab groups pair tab by tab: the tab headings are no sections to pair (their names are translated), a heading
/// inside a tab is the tab's, and what differs inside a tab is found there. A tab id is the same in every language.
#[test]
fn tabs_pair_by_their_ids_and_are_compared_inside() {
    let findings = fixture("tabs");
    let expected = [
        (
            "list-item-count".to_owned(),
            11,
            "the French list has 2 items, the English list 3: English item 3 missing".to_owned(),
        ),
        (
            "block-mismatch".to_owned(),
            26,
            "this tab group's tabs are `admin-center`, `microsoft-graph`; the English group's are `admin-center`, `graph`"
                .to_owned(),
        ),
    ];
    assert_eq!(findings, expected);

    // A tab left out is the group's one finding: the tabs that remain are compared with those of their ids, not with
    // the tabs at their places.
    let read = |locale: &str| {
        std::fs::read_to_string(crate::support::crate_root().join(format!("tests/integration/sync/tabs.{locale}.md")))
            .unwrap()
    };
    let french = read("fr-fr");
    let (start, end) = (french.find("# [Centre").unwrap(), french.find("# [PowerShell]").unwrap());
    let without_first_tab = format!("{}{}", &french[..start], &french[end..]);
    let found: Vec<(String, String)> = check("tabs.md", &read("en-us"), &without_first_tab)
        .into_iter()
        .map(|diagnostic| (diagnostic.rule, diagnostic.message))
        .collect();
    let group = |french: &str, english: &str| {
        ("block-mismatch".to_owned(), format!("this tab group's tabs are {french}; the English group's are {english}"))
    };
    assert_eq!(
        found,
        [
            group("`powershell`", "`admin-center`, `powershell`"),
            group("`admin-center`, `microsoft-graph`", "`admin-center`, `graph`")
        ]
    );
}

/// A code snippet is the same in either syntax, `:::code` or `[!code…]`; its name may be translated, and the lines it
/// shows may not.
#[test]
fn code_snippets_compare_what_they_show_in_either_syntax() {
    let english = "# Register\n\n## Register the app\n\n1. Add the client:\n\n   \
                   [!code-csharp[Main](snippets/Program.cs#L1-L3)]\n\n2. Add the scope:\n\n   \
                   :::code language=\"csharp\" source=\"snippets/Program.cs\" id=\"scope\":::\n";
    let french = "# Inscrire\n\n## Inscrire l'application\n\n1. Ajoutez le client :\n\n   \
                  [!code-csharp[Principal](snippets/Program.cs#L1-L3)]\n\n2. Ajoutez l'étendue :\n\n   \
                  [!code-csharp[](snippets/Program.cs?name=scope)]\n";
    assert_eq!(check("register.md", english, french), [], "the same snippets");
    let french = french.replace("#L1-L3", "#L1-L2");
    let found: Vec<_> = check("register.md", english, &french)
        .into_iter()
        .map(|diagnostic| (diagnostic.rule, diagnostic.location.line(), diagnostic.message))
        .collect();
    assert_eq!(
        found,
        [(
            "code-mismatch".to_owned(),
            7,
            "this code snippet's `range` is `1-2`; the English one's is `1-3`".to_owned()
        )]
    );
}

/// A translation keeps the anchor of the English heading it was made from. When the English heading is reworded
/// since (words added), that old anchor is no other section's: the headings still pair, the anchor is named, and what
/// changed under them is found. A heading whose anchor differs by a word (another week's date) is another section.
#[test]
fn a_heading_reworded_since_the_translation_still_pairs() {
    let english = "# Resend a Microsoft 365 user's password\n\nYou must be a [global admin](roles.md).\n\n1. Go to **Users**.\n\
                   2. Select **Reset password**.\n3. Select **Reset**.\n";
    let french = "# <a name=\"resend-a-users-password\"></a>Renvoyer le mot de passe d'un utilisateur\n\nVous devez être \
                  administrateur.\n\n1. Accédez à **Utilisateurs**.\n2. Sélectionnez **Réinitialiser le mot de passe**.\n";
    let found: Vec<(String, u32)> = check("resend.md", english, french)
        .into_iter()
        .map(|diagnostic| (diagnostic.rule, diagnostic.location.line()))
        .collect();
    assert_eq!(found, [at("anchor-mismatch", 1), at("link-mismatch", 3), at("list-item-count", 5)]);
    let english = "# Updates\n\n## Week of July 06, 2020\n\n| New | Updated |\n|---|---|\n| [Teams](teams.md) | |\n";
    let french = "# Mises à jour\n\n## <a name=\"week-of-july-22-2019\"></a>Semaine du 22 juillet 2019\n\n- [Exchange](x.md)\n\
                  - [SharePoint](s.md)\n";
    let found: Vec<String> =
        check("updates.md", english, french).into_iter().map(|diagnostic| diagnostic.rule).collect();
    assert_eq!(found, ["extra-section", "missing-section"], "another week");
}

/// An address written out in the translation (`sur https://portal.azure.com.`) is the link the English gives it: no
/// finding. Written out in both, an address is no link either side must have.
#[test]
fn an_address_written_out_is_the_link_to_it() {
    let english = "# Sign in\n\n## Open the portal\n\n1. Go to the [Azure portal](https://portal.azure.com).\n";
    let french = "# Connexion\n\n## Ouvrir le portail\n\n1. Accédez au portail Azure sur https://portal.azure.com.\n";
    assert_eq!(check("portal.md", english, french), []);
    let elsewhere = french.replace("https://portal.azure.com", "https://portal.azure.us");
    let found: Vec<String> = check("portal.md", english, &elsewhere).into_iter().map(|d| d.rule).collect();
    assert_eq!(found, ["link-mismatch"], "another address");
}

/// A section the translation adds is named by its id, with the number of subsections it holds, which are not
/// reported one by one.
#[test]
fn an_extra_section_names_its_id_and_subsections() {
    let english = "# Set up\n\n## Sign in\n\n1. Open [the portal](https://portal.azure.com).\n2. Sign in.\n";
    let french = "# Configurer\n\n## Se connecter\n\n1. Ouvrez [le portail](https://portal.azure.com).\n2. Connectez-vous.\n\n\
                  ## Dépannage\n\nAide.\n\n### Erreur 1\n\nA.\n";
    let found: Vec<String> =
        check("setup.md", english, french).into_iter().map(|diagnostic| diagnostic.message).collect();
    assert_eq!(found, ["this section (id `dépannage`, with 1 subsection) has no counterpart in the English file"]);
}

/// Headings in pivot zones are sections that apply to their pivot: a translated heading moved to another pivot's zone
/// is one finding at that heading, and the blocks under it are still compared with the English ones.
#[test]
fn a_heading_moved_to_another_pivot_zone_is_named() {
    let english = "# Install\n\n::: zone pivot=\"windows\"\n\n## Install on Windows\n\n1. Run the installer.\n\n\
                   ::: zone-end\n";
    let french = "# Installer\n\n::: zone pivot=\"macos\"\n\n## Installer sur Windows\n\n1. Exécutez le programme.\n\n\
                  ::: zone-end\n";
    let found: Vec<_> = check("install.md", english, french)
        .into_iter()
        .map(|diagnostic| (diagnostic.rule, diagnostic.location.line(), diagnostic.message))
        .collect();
    assert_eq!(
        found,
        [(
            "block-mismatch".to_owned(),
            5,
            "this heading is in the `macos` pivot zone in the French file and in the `windows` pivot zone in the \
             English file"
                .to_owned()
        )]
    );
    assert_eq!(check("install.md", english, &french.replace("macos", "windows")), [], "the same zones");
}

/// A tab heading whose link machine translation parted from its text with a space, `# [PowerShell] (#tab/powershell)`,
/// is one `broken-markdown` finding: the tab group is compared as meant, not as the tab it lost and the blocks it
/// gained. Broken alike in the English file, it is no drift.
#[test]
fn a_tab_heading_broken_by_a_space_is_one_finding() {
    let read = |locale: &str| {
        std::fs::read_to_string(crate::support::crate_root().join(format!("tests/integration/sync/tabs.{locale}.md")))
            .unwrap()
    };
    let (english, french) = (read("en-us"), read("fr-fr"));
    let break_tab = |text: &str| text.replace("# [PowerShell](#tab/powershell)", "# [PowerShell] (#tab/powershell)");
    let found: Vec<_> = check("tabs.md", &english, &break_tab(&french))
        .into_iter()
        .map(|diagnostic| {
            (diagnostic.rule, diagnostic.location.line(), diagnostic.location.column(), diagnostic.message)
        })
        .collect();
    let broken = (
        "broken-markdown".to_owned(),
        17,
        3,
        "`[PowerShell] (#tab/powershell)` is a tab link broken by the space before its `(`: readers see a heading with \
         brackets and an address instead of a tab; remove the space"
            .to_owned(),
    );
    let rules: Vec<_> = found.iter().map(|(rule, line, _, _)| at(rule, *line)).collect();
    assert_eq!(rules, [at("list-item-count", 11), at("broken-markdown", 17), at("block-mismatch", 26)], "{found:#?}");
    assert_eq!(found[1], broken);
    let alike: Vec<_> = check("tabs.md", &break_tab(&english), &break_tab(&french))
        .into_iter()
        .map(|diagnostic| at(&diagnostic.rule, diagnostic.location.line()))
        .collect();
    assert_eq!(alike, [at("list-item-count", 11), at("block-mismatch", 26)]);
}

#[test]
fn what_a_missing_or_extra_block_held_is_not_reported_again() {
    // A missing section, an extra one, a missing alert and a missing list item, each holding links or an image: one
    // finding each. The links that differ in paired paragraphs are still reported: a changed link once, each link
    // left out.
    assert_eq!(
        fixture_rules("one-cause"),
        [
            at("link-mismatch", 8),
            at("link-mismatch", 12),
            at("link-mismatch", 12),
            at("list-item-count", 15),
            at("alert-mismatch", 16),
            at("extra-section", 17),
            at("missing-section", 17),
        ]
    );
}

#[test]
fn an_item_split_in_two_is_one_finding_that_names_its_second_half() {
    // English item 3 has two paragraphs; the French made the second one item 4. By length alone, English item 3
    // is more like French item 4, which named French item 2 the extra one, beside English item 1. Read together,
    // French items 3 and 4 are English item 3: its second paragraph is not missing, and the count is the finding.
    let read = |locale: &str| {
        let path = crate::support::crate_root().join(format!("tests/integration/sync/split-item.{locale}.md"));
        std::fs::read_to_string(path).unwrap()
    };
    let found = check("split-item.md", &read("en-us"), &read("fr-fr"));
    let summary: Vec<(&str, u32, Option<u32>)> = found
        .iter()
        .map(|d| (d.rule.as_str(), d.location.line(), d.source.as_ref().map(checkdown::report::Location::line)))
        .collect();
    assert_eq!(summary, [("list-item-count", 12, Some(11))], "{found:#?}");
    assert!(found[0].message.ends_with("French item 4 has no English counterpart"), "{}", found[0].message);
    // The other way round, two items merged into one: one finding too.
    let merged = check("split-item.md", &read("fr-fr"), &read("en-us"));
    let rules: Vec<&str> = merged.iter().map(|d| d.rule.as_str()).filter(|rule| *rule != "untranslated").collect();
    assert_eq!(rules, ["list-item-count"], "{merged:#?}");
}

#[test]
fn blocks_pair_with_their_likeness_not_with_whatever_makes_more_pairs() {
    // Step 1: the French moved a paragraph before the note and dropped the IMPORTANT alert. Step 2: of two code
    // blocks of one length, the first is dropped. Steps 3 and 4: the IMPORTANT alert moved to the next step as a NOTE.
    assert_eq!(
        fixture("moved"),
        [
            (
                "alert-mismatch".to_owned(),
                9,
                "the English `[!IMPORTANT]` alert has no counterpart in the French file here".to_owned()
            ),
            (
                "code-mismatch".to_owned(),
                12,
                "the English powershell code block has no counterpart in the French file here".to_owned()
            ),
            (
                "alert-mismatch".to_owned(),
                20,
                "this alert is `[!NOTE]`; the English alert is `[!IMPORTANT]`".to_owned()
            ),
        ]
    );
}

#[test]
fn an_alert_moved_to_the_next_step_is_one_finding_in_the_corpus() {
    // The English IMPORTANT alert of step 6 is a NOTE in the French step 7: one alert-mismatch, at the NOTE.
    let Some(corpus) = corpus() else { return };
    let relative = "SecurityCompliance/compliance20/error-remediation.md";
    let (english, french) = pair(&corpus, relative);
    let alerts: Vec<(u32, String)> = check(relative, &english, &french)
        .into_iter()
        .filter(|diagnostic| diagnostic.rule == "alert-mismatch")
        .map(|diagnostic| (diagnostic.location.line(), diagnostic.message))
        .collect();
    assert_eq!(alerts, [(63, "this alert is `[!NOTE]`; the English alert is `[!IMPORTANT]`".to_owned())]);
}

#[test]
fn a_malformed_front_matter_is_one_parse_error_not_every_key_it_seems_to_lack() {
    let found = fixture("fm-broken");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].0, "parse-error");
    assert!(found[0].2.starts_with("malformed front matter"), "{found:#?}");

    // Left open, the front matter's lines are Learn's text: still its one finding, not blocks without counterparts.
    let english = "---\ntitle: Close\nms.topic: article\nms.collection:\n- M365\n---\n# Close\n\nText.\n";
    let french = "---\ntitle: Fermer\nms.topic: article\nms.collection:\n- M365\n\n# Fermer\n\nTexte.\n";
    let found: Vec<(String, u32)> = check("open.md", english, french)
        .into_iter()
        .map(|diagnostic| (diagnostic.rule, diagnostic.location.line()))
        .collect();
    assert_eq!(found, [at("parse-error", 1)]);
}

#[test]
fn numbers_keep_their_value_and_point_at_the_line_that_changed() {
    let found: Vec<(u32, String)> =
        fixture("numbers").into_iter().map(|(rule, line, message)| (line, format!("{rule}: {message}"))).collect();
    let finding = |line: u32, message: &str| (line, format!("number-mismatch: numbers differ: {message}"));
    assert_eq!(
        found,
        [
            // Step 5 became a second Étape 6: the line that changed, not the one after.
            finding(3, "the English text has 5, which the French text does not"),
            finding(6, "the French text has 1 where the English text has -1"),
            finding(8, "the French text has 15 where the English text has 1.5"),
            // Not `3rd-party` against `tiers`, not `Office 365` said twice against once, not `1,000` against
            // `1 000`, `1.5` against `1,5` or `January 1` against `1er janvier`; but `une` as an article is no 1.
            finding(16, "the English text has 1, which the French text does not"),
            // Not a French time (`17h30` for `5:30 P.M.`), `24h/24, 7j/7` for `24 hours a day`, `50` for `fifty`,
            // `01` for `1er`, `3000/FX` for `3000 / FX` or `P2P` for `peer-to-peer`; but a row id that MT made 22,5.
            finding(24, "the French text has 22,5 where the English text has 22"),
            // A MIME type that machine translation broke apart: its number now stands on its own.
            finding(
                28,
                "the French text has 12, which the English text has only inside \
                 `application/vnd.ms-excel.sheet.macroenabled.12`: was that name or address broken apart?",
            ),
        ]
    );
}

#[test]
fn links_to_a_heading_that_lost_its_anchor_are_broken_fragment_links() {
    // The French step 2 heading has no `<a name>` anchor: both French links to `#step-2-prepare-the-mailboxes` lead
    // nowhere. The link to an id neither file defines (an include's) and the one to a French anchor are fine.
    let found = fixture("fragment");
    let rules: Vec<(String, u32)> = found.iter().map(|(rule, line, _)| (rule.clone(), *line)).collect();
    assert_eq!(rules, [at("broken-fragment-link", 3), at("broken-fragment-link", 11)]);
    assert_eq!(
        found[0].2,
        "this link to `#step-2-prepare-the-mailboxes` is broken: the French heading it names, \"Étape 2 : Préparer les \
         boîtes aux lettres\", has the id `étape-2--préparer-les-boîtes-aux-lettres`; add `<a \
         name=\"step-2-prepare-the-mailboxes\"></a>` to it, as the English heading's id is `step-2-prepare-the-mailboxes`"
    );

    // Two French headings anchored alike: the anchor is to change, and the note says which heading it is.
    let english = "# T\n\nSee [the library](#my-library-1).\n\n## My Library\n\nA.\n\n## My Library\n\nB.\n";
    let french = "# T\n\nVoir [la bibliothèque](#my-library-1).\n\n## <a name=\"my-library\"></a>Ma bibliothèque\n\nA.\n\n\
                  ## <a name=\"my-library\"></a>Ma bibliothèque\n\nB.\n";
    let found = check("library.md", english, french);
    let broken: Vec<&Diagnostic> = found.iter().filter(|finding| finding.rule == "broken-fragment-link").collect();
    assert_eq!(broken.len(), 1, "{found:#?}");
    assert!(
        broken[0].message.ends_with(
            "has the id `my-library`; change its `<a name=\"my-library\">` to `<a name=\"my-library-1\">`, as the \
             English heading's id is `my-library-1`"
        ),
        "{}",
        broken[0].message
    );
    assert_eq!(broken[0].note.as_deref(), Some("the heading is at line 9"));
}

#[test]
fn markdown_broken_by_machine_translation_is_named_where_it_broke() {
    // A link and an image that lost their opening bracket, empty bold, a list item starting with `#`, a comment
    // starting a paragraph's line, a link spaced from its text, placeholders, a target the English does not link to,
    // stray bold: one finding each, at the broken spot, instead of the mismatch each causes. The empty bold and the
    // unopened link the English has alike are not reported.
    let finding =
        |line: u32, column: u32, message: &str| ("broken-markdown".to_owned(), line, column, message.to_owned());
    let read = |locale: &str| {
        std::fs::read_to_string(
            crate::support::crate_root().join(format!("tests/integration/sync/broken-markdown.{locale}.md")),
        )
        .unwrap()
    };
    let found = check("broken-markdown.md", &read("en-us"), &read("fr-fr"));
    let shown: Vec<(String, u32, u32, String)> = found
        .iter()
        .map(|diagnostic| {
            (
                diagnostic.rule.clone(),
                diagnostic.location.line(),
                diagnostic.location.column(),
                diagnostic.message.clone(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            finding(
                3,
                60,
                "`](media/add.gif)` is an image that lost its opening `![`: readers see this text instead of the image; \
                 write `![alt text](media/add.gif)`"
            ),
            finding(
                4,
                50,
                "`](retention-policies.md)` is a link that lost its opening `[`: readers see this text instead of a \
                 link; put `[` before the link text"
            ),
            finding(
                5,
                15,
                "`****` is empty bold, which the English text does not have: readers see four asterisks; put the bold \
                 words back between the two `**`, or delete them"
            ),
            finding(
                12,
                3,
                "this list item starts with `#`, so it renders as a heading where the English file has text; write `\\#` \
                 to show the `#`"
            ),
            finding(
                14,
                1,
                "this HTML comment starts the line of a paragraph, which makes the paragraph raw HTML: Learn shows its \
                 text unstyled and its Markdown as typed; put the comment on a line of its own"
            ),
            // A space parted the link from its text; `[1] (facultatif)` is text, as `[1] (optional)` is in English.
            finding(
                16,
                21,
                "`] (summary.md)` is a link broken by the space before its `(`: readers see the brackets and the \
                 address instead of a link; remove the space"
            ),
            // Machine translation's placeholders for `>` (in bold) and `&`.
            finding(
                18,
                24,
                "`_GT_` is a placeholder machine translation left for `>`: readers see its name instead of `>`; write \
                 `>`"
            ),
            finding(
                18,
                77,
                "`_AMP_` is a placeholder machine translation left for `&`: readers see its name instead of `&`; write \
                 `&`"
            ),
            // A target the English does not link to: it may be a leftover as well as a link to mend.
            finding(
                20,
                15,
                "`](old-page.md)` is a link target left in the text, where the English text has no link to it: \
                 readers see this text; delete it, or put `[` before the link text"
            ),
            // A space before the closing `**` makes no bold: both show, one finding.
            finding(
                22,
                14,
                "`**` here and 1 more in this text make no bold, which the English text does not have: readers see \
                 the asterisks; put each `**` against the bold words (no space inside), or delete it"
            ),
        ]
    );
    // Readers see broken pages: errors, but for the comment, whose words still show.
    let severities: Vec<Severity> = found.iter().map(|diagnostic| diagnostic.severity).collect();
    use Severity::{Error, Warning};
    assert_eq!(severities, [Error, Error, Error, Error, Warning, Error, Error, Error, Error, Error]);
}

#[test]
fn a_code_fence_left_open_is_one_finding_not_every_section_it_swallowed() {
    // The French `xml` block lacks its closing fence: the sections after it render as code. One finding at the fence,
    // with the English closing fence as counterpart; not a code mismatch and two missing sections.
    let found = fixture("unclosed-fence");
    assert_eq!(
        found,
        [(
            "broken-markdown".to_owned(),
            5,
            "this xml code block is not closed where the English one is: everything after it renders as code; add a ` ``` ` \
             line after `<Entity id=\"1ca46b29\" />`"
                .to_owned()
        )]
    );
    let read = |locale: &str| {
        std::fs::read_to_string(
            crate::support::crate_root().join(format!("tests/integration/sync/unclosed-fence.{locale}.md")),
        )
        .unwrap()
    };
    let diagnostic = &check("unclosed-fence.md", &read("en-us"), &read("fr-fr"))[0];
    assert_eq!(diagnostic.source.as_ref().map(checkdown::report::Location::line), Some(7));
    // Its suppression comment silences it, and what the fence swallowed, read with the fence closed, has no finding.
    let suppressed = read("fr-fr").replace("```xml", "<!-- checkdown-ignore broken-markdown -->\n```xml");
    assert_eq!(check("unclosed-fence.md", &read("en-us"), &suppressed), Vec::new());
}

/// Findings as (rule, line, column, source line, message).
type Summary = Vec<(String, u32, u32, Option<u32>, String)>;

/// The seed pair's findings as written, and with the `::: moniker-end` line of the English (`in_english`) or the
/// French file lost (spaces stand in for it, so that lines and offsets stay): those the lost line adds, split off by
/// `added`, and the others.
fn seed_zone_left_open(in_english: bool, added: impl Fn(&Diagnostic) -> bool) -> (Summary, Vec<Diagnostic>, Summary) {
    let (english, french) = (std::fs::read_to_string(EN).unwrap(), std::fs::read_to_string(FR).unwrap());
    let left_open = |text: &str| text.replacen("::: moniker-end", &" ".repeat(15), 1);
    let found = if in_english {
        check("close-your-account.md", &left_open(&english), &french)
    } else {
        check("close-your-account.md", &english, &left_open(&french))
    };
    let (lost, rest): (Vec<Diagnostic>, Vec<Diagnostic>) = found.into_iter().partition(added);
    // The stale-source note names the hash of the English file as it is now: compared without notes.
    let summary = |found: Vec<Diagnostic>| -> Summary {
        found
            .into_iter()
            .map(|d| {
                let source = d.source.as_ref().map(checkdown::report::Location::line);
                (d.rule, d.location.line(), d.location.column(), source, d.message)
            })
            .collect()
    };
    (summary(check("close-your-account.md", &english, &french)), lost, summary(rest))
}

#[test]
fn a_moniker_zone_left_open_is_one_finding_and_the_rest_is_compared_as_closed() {
    // Read as written, every heading after the open zone is in it, and the paragraph after it too.
    let (closed, broken, rest) = seed_zone_left_open(false, |diagnostic| diagnostic.rule == "broken-markdown");
    assert_eq!(rest, closed);
    let found: Vec<_> = broken
        .iter()
        .map(|diagnostic| (diagnostic.location.line(), diagnostic.source.as_ref().map(|source| source.line())))
        .collect();
    assert_eq!(found, [(29, Some(30))]);
    assert_eq!(
        broken[0].message,
        "this moniker zone is not closed where the English one is: all that follows it shows for `o365-21vianet` \
         alone; add a `::: moniker-end` line after line 32 (what follows is compared as if it were there)"
    );
}

#[test]
fn a_zone_that_lost_its_paragraph_before_its_first_heading_is_that_paragraph_missing() {
    // The French zone opens right before its heading: the paragraph the English zone holds first is missing, not the
    // zone, which is there.
    let english = "# T\n\nIntro.\n\n::: moniker range=\"o365-21vianet\"\n\nOperated by 21Vianet.\n\n## China\n\n\
                   Steps.\n\n::: moniker-end\n";
    let french = "# T\n\nIntro.\n\n::: moniker range=\"o365-21vianet\"\n\n## Chine\n\nÉtapes.\n\n::: moniker-end\n";
    let found = check("a.md", english, french);
    let findings: Vec<_> = found.iter().map(|d| (d.rule.as_str(), d.location.line(), d.message.as_str())).collect();
    let missing = "the English paragraph has no counterpart in the French file here";
    assert_eq!(findings, [("block-mismatch", 5, missing)]);
    assert_eq!(found[0].source.as_ref().map(Location::line), Some(7));
    // The other way round: the paragraph the French zone holds before its heading is extra, not the zone.
    let found = check(
        "a.md",
        &english.replace("Operated by 21Vianet.\n\n", ""),
        &french.replace("## Chine", "Exploité par 21Vianet.\n\n## Chine"),
    );
    let findings: Vec<_> = found.iter().map(|d| (d.rule.as_str(), d.location.line(), d.message.as_str())).collect();
    assert_eq!(findings, [("block-mismatch", 7, "this paragraph has no counterpart in the English file")]);
}

#[test]
fn a_moniker_zone_the_english_left_open_is_its_note_alone() {
    // The French closes the zone: nothing the translation can mend.
    let (closed, notes, rest) = seed_zone_left_open(true, |diagnostic| diagnostic.severity == Severity::Note);
    assert_eq!(rest, closed);
    let notes: Vec<_> = notes.iter().map(|note| (note.rule.as_str(), note.location.line())).collect();
    assert_eq!(notes, [("parse-error", 24)]);
}

#[test]
fn a_code_fence_left_open_alike_is_the_english_note_alone_and_elsewhere_the_translations_own() {
    let english = "# T\n\n## A\n\nText.\n\n```powershell\nGet-Thing\n\n## B\n\nRun it.\n";
    let french = "# T\n\n## A\n\nTexte.\n\n```powershell\nGet-Thing\n\n## B\n\nExécutez-le.\n";
    let found = |english: &str, french: &str| -> Vec<(String, Severity, String, u32)> {
        check("a.md", english, french)
            .into_iter()
            .map(|d| (d.rule.clone(), d.severity, d.location.path.clone(), d.location.line()))
            .collect()
    };
    let english_note = ("parse-error".to_owned(), Severity::Note, "en-us/a.md".to_owned(), 7);
    // The prose the fences swallowed is translated, not code that changed.
    assert_eq!(found(english, french), [english_note]);
    // The French fence left open in another section is Markdown the translation broke, its one finding.
    let elsewhere = "# T\n\n## A\n\nTexte.\n\n```powershell\nGet-Thing\n```\n\n## B\n\n```\nExécutez-le.\n";
    let french_own = ("broken-markdown".to_owned(), Severity::Error, "fr-fr/a.md".to_owned(), 13);
    assert!(found(english, elsewhere).contains(&french_own), "{:#?}", found(english, elsewhere));
    // Where the English has no code to continue, the French fence left open is the one finding.
    let whole = "# T\n\n## A\n\nText.\n\n## B\n\nRun it.\n";
    let swallowing = "# T\n\n## A\n\n```\nTexte.\n\n## B\n\nExécutez-le.\n";
    assert_eq!(found(whole, swallowing), [("broken-markdown".to_owned(), Severity::Error, "fr-fr/a.md".to_owned(), 5)]);
    // Closed by the fence meant to open the next block, alike: the English note alone again.
    let english = "# T\n\n## A\n\n```powershell\nGet-Thing\n\nRun it twice.\n\n```xml\n<a/>\n```\n\nDone.\n";
    let french = "# T\n\n## A\n\n```powershell\nGet-Thing\n\nExécutez-le deux fois.\n\n```xml\n<a/>\n```\n\nFini.\n";
    let english_note = ("parse-error".to_owned(), Severity::Note, "en-us/a.md".to_owned(), 5);
    assert_eq!(found(english, french), [english_note]);
    // The French alone: one finding at its fence, not the English paragraph and block it swallowed.
    let english = english.replacen("Get-Thing\n", "Get-Thing\n```\n", 1);
    let broken = ("broken-markdown".to_owned(), Severity::Error, "fr-fr/a.md".to_owned(), 5);
    assert_eq!(found(&english, french), [broken]);
}

#[test]
fn a_problem_of_the_english_file_is_a_note_and_the_translation_inheriting_it_is_not_reported() {
    let (english, french) = (std::fs::read_to_string(EN).unwrap(), std::fs::read_to_string(FR).unwrap());
    let repeat_title = |text: &str| text.replacen("\ntitle:", "\ntitle: Again\ntitle:", 1);
    let parser_findings = |english: &str, french: &str| -> Vec<(String, Severity, u32)> {
        check("close-your-account.md", english, french)
            .into_iter()
            .filter(|diagnostic| diagnostic.rule == "parse-error")
            .map(|diagnostic| (diagnostic.location.path.clone(), diagnostic.severity, diagnostic.location.line()))
            .collect()
    };
    let english_note = ("en-us/close-your-account.md".to_owned(), Severity::Note, 3);
    assert_eq!(
        parser_findings(&repeat_title(&english), &french),
        std::slice::from_ref(&english_note),
        "the English alone"
    );
    assert_eq!(parser_findings(&repeat_title(&english), &repeat_title(&french)), [english_note], "inherited");
    let french_own = ("fr-fr/close-your-account.md".to_owned(), Severity::Warning, 3);
    assert_eq!(parser_findings(&english, &repeat_title(&french)), [french_own], "the translation's own");
}

#[test]
fn a_code_fence_left_open_in_the_corpus_is_read_closed() {
    // The French `xml` block opened at line 3530 is closed by the fence meant to open the next block, 50 lines on:
    // two sections, left in English by the translation, render as code in French. One finding at the fence; read
    // with the fence closed where the English closes its own, the sections pair, and what is wrong in them shows.
    let Some(corpus) = corpus() else { return };
    let relative = "SecurityCompliance/what-the-sensitive-information-types-look-for.md";
    let (english, french) = pair(&corpus, relative);
    let found = check(relative, &english, &french);
    let fences: Vec<(u32, Option<u32>)> = found
        .iter()
        .filter(|diagnostic| diagnostic.rule == "broken-markdown" && diagnostic.message.contains("code block"))
        .map(|diagnostic| (diagnostic.location.line(), diagnostic.source.as_ref().map(|source| source.line())))
        .collect();
    assert_eq!(fences, [(3530, Some(3570))]);
    let sections_unpaired: Vec<&Diagnostic> =
        found.iter().filter(|diagnostic| diagnostic.rule.ends_with("-section")).collect();
    assert_eq!(sections_unpaired, Vec::<&Diagnostic>::new());
    let swallowed = |rule: &str| {
        found
            .iter()
            .filter(|diagnostic| diagnostic.rule == rule && (3531..=3630).contains(&diagnostic.location.line()))
            .map(|diagnostic| diagnostic.location.line())
            .collect::<Vec<_>>()
    };
    // `16 digits containing optional periods`, and the IBAN section's text, as in English.
    assert_eq!(swallowed("untranslated")[..2], [3561, 3564]);
    assert_eq!(swallowed("untranslated").len(), 15);
    // The Indonesian example lost its `xml` tag, and its lines were joined into one.
    assert_eq!((swallowed("block-mismatch"), swallowed("code-mismatch")), (vec![3581], vec![3583]));
}

#[test]
fn a_code_fence_lost_between_two_code_blocks_is_one_finding() {
    // The fence closing the French block at line 111 lost: the fence meant to open the next block closes it, whose
    // code becomes text, and what follows it code. One finding at the fence, none for the blocks paired wrong.
    let Some(corpus) = corpus() else { return };
    let relative = "SecurityCompliance/export-view-audit-log-records.md";
    let (english, french) = pair(&corpus, relative);
    assert_eq!(check(relative, &english, &french), Vec::new());
    let lines: Vec<&str> = french.split('\n').collect();
    assert_eq!((lines[110].trim(), lines[112].trim(), lines[114].trim()), ("```", "```", "```"));
    let lost = replace_line(&french, 113, |_| String::new());
    let found: Vec<_> =
        check(relative, &english, &lost).into_iter().map(|d| (d.rule, d.location.line(), d.message)).collect();
    let message = "this code block is not closed where the English one is: the fence meant to open the next block \
                   closes it, so that block's code renders as text, and what follows it as code; add a ` ``` ` line after \
                   `$auditlog = Search-UnifiedAuditLog -StartDate 06/01/2019 -EndDate 06/30/2019 -R\u{2026}`";
    assert_eq!(found, [("broken-markdown".to_owned(), 111, message.to_owned())]);
    // Read with the fence closed, the rest of the file is compared: a date changed in the last block shows.
    let last_block = "06/30/2019 -RecordType SharePointFileOperation";
    let changed = lost.replace(last_block, "07/30/2019 -RecordType SharePointFileOperation");
    let found: Vec<_> = check(relative, &english, &changed).into_iter().map(|d| (d.rule, d.location.line())).collect();
    assert_eq!(found, [("broken-markdown".to_owned(), 111), ("code-mismatch".to_owned(), 126)]);
    // A second fence lost, in what the first one swallowed, in a block whose date was changed: found once the first
    // is read closed, and the date too.
    let lost_twice = replace_line(&changed, 127, |_| String::new());
    let found: Vec<_> =
        check(relative, &english, &lost_twice).into_iter().map(|d| (d.rule, d.location.line())).collect();
    let broken = |line| ("broken-markdown".to_owned(), line);
    assert_eq!(found, [broken(111), broken(125), ("code-mismatch".to_owned(), 126)]);
}

#[test]
fn a_code_block_that_lost_its_opening_fence_is_one_finding() {
    // The French lost the fence opening the block at line 111: its code renders as text, and its closing fence opens a
    // block of what follows. One finding at the code line, and a change further on still shows.
    let Some(corpus) = corpus() else { return };
    let relative = "SecurityCompliance/export-view-audit-log-records.md";
    let (english, french) = pair(&corpus, relative);
    let last_block = "06/30/2019 -RecordType SharePointFileOperation\n      ```";
    let lost = replace_line(&french, 111, |_| String::new())
        .replace(last_block, "07/30/2019 -RecordType SharePointFileOperation\n      ```");
    let found: Vec<_> =
        check(relative, &english, &lost).into_iter().map(|d| (d.rule, d.location.line(), d.message)).collect();
    let message = "this line is code in the English file, and its code block lost its opening fence: it renders as \
                   text, and the fence meant to close it opens a code block of what follows; add a ` ``` ` line before \
                   `$auditlog = Search-UnifiedAuditLog -StartDate 06/01/2019 -EndDate 06/30/2019 -R\u{2026}`";
    assert_eq!(found[0], ("broken-markdown".to_owned(), 112, message.to_owned()));
    let rules: Vec<_> = found.iter().map(|(rule, line, _)| (rule.as_str(), *line)).collect();
    assert_eq!(rules, [("broken-markdown", 112), ("code-mismatch", 126)]);
}

#[test]
fn a_lost_fence_is_found_whatever_its_block_holds() {
    let expected =
        |found: &[(&str, u32)]| found.iter().map(|&(rule, line)| (rule.to_owned(), line)).collect::<Vec<_>>();
    // The opening fence lost, of a block with a blank line in its code, and a line of spaces left before its close.
    let english = "# T\n\nRun:\n\n```\nGet-A -X 1\n\nGet-B -Y 2\n```\n\nThen wait 5 minutes.\n";
    let french = "# T\n\nExécutez :\n\nGet-A -X 1\n\nGet-B -Y 2\n  \n```\n\nPuis attendez 6 minutes.\n";
    assert_eq!(check_rules(english, french), expected(&[("broken-markdown", 5), ("number-mismatch", 11)]));
    // The closing fence lost, of a block whose placeholder was translated, before an example that opens with a bare
    // fence: the example's fence closes it, and the example's code reads as text.
    let english = "# T\n\nRun:\n\n```\nSet-Group -Name '<default group>' -Members all\n```\n\nExample:\n\n```\n\
                   Set-Group -Name 'admins' -Members all\n```\n\nThen wait 5 minutes.\n";
    let french = "# T\n\nExécutez :\n\n```\nSet-Group -Name '<groupe par défaut>' -Members all\n\nExemple :\n\n```\n\
                  Set-Group -Name 'admins' -Members all\n```\n\nPuis attendez 6 minutes.\n";
    let found = check_rules(english, french);
    assert_eq!(found, expected(&[("broken-markdown", 5), ("code-mismatch", 6), ("number-mismatch", 14)]));
    // The opening fence lost, of XML code: read as an HTML block, which takes in the fence meant to close it.
    let english = "# T\n\nSet:\n\n```xml\n<Policy Version=\"2\">\n</Policy>\n```\n\nThen wait 5 minutes.\n";
    let french = "# T\n\nDéfinissez :\n\n<Policy Version=\"2\">\n</Policy>\n```\n\nPuis attendez 6 minutes.\n";
    let found = check("a.md", english, french);
    assert_eq!(
        found.iter().map(|d| (d.rule.clone(), d.location.line())).collect::<Vec<_>>(),
        expected(&[("broken-markdown", 5), ("number-mismatch", 9)])
    );
    assert!(found[0].message.contains("it renders as HTML, its tags hidden; add a ` ```xml ` line before"));
}

#[test]
fn a_code_fence_its_list_item_closes_is_compared_as_code() {
    // The French block of step 1 lost its closing fence, where its list item ends: the item closes it, so it holds
    // only its own code. The name changed in it, and the number in the next step, are both found.
    let english = "# T\n\n1. Create the rule:\n\n   ```powershell\n   New-Rule -Name \"Rule1\" -Count 2\n   ```\n\n\
                   2. Wait 15 minutes.\n\n## Results\n\nDone.\n";
    let french = "# T\n\n1. Créez la règle :\n\n   ```powershell\n   New-Rule -Name \"Regle1\" -Count 2\n\n\
                  2. Attendez 20 minutes.\n\n## Résultats\n\nTerminé.\n";
    let found = check_rules(english, french);
    assert_eq!(found, [at("broken-markdown", 5), at("code-mismatch", 6), at("number-mismatch", 8)]);
}

#[test]
fn a_code_block_that_lost_both_its_fences_before_the_next_block_is_found_and_what_follows_compared() {
    // The French lost the first block's fences, and the next block's code follows its code, with or without a blank
    // line between: both fences are asked for, at its code line, and the number after the blocks shows.
    let english = "# T\n\nRun:\n\n```\nGet-Thing -Count 3\n```\n\n```\nCount : 3\n```\n\nWait 5 minutes.\n";
    for between in ["", "\n"] {
        let french =
            format!("# T\n\nExécutez :\n\nGet-Thing -Count 3\n{between}```\nCount : 3\n```\n\nAttendez 6 minutes.\n");
        let found = check("a.md", english, &french);
        let rules: Vec<_> = found.iter().map(|d| (d.rule.as_str(), d.location.line())).collect();
        let number_line = if between.is_empty() { 10 } else { 11 };
        assert_eq!(rules, [("broken-markdown", 5), ("broken-markdown", 5), ("number-mismatch", number_line)]);
        let messages: Vec<_> = found[..2].iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "this line is code in the English file, and its code block lost its opening fence: it renders as \
                 text; add a ` ``` ` line before `Get-Thing -Count 3`",
                "this line's code block lost its closing fence too, where the English one closes: add a ` ``` ` line \
                 after `Get-Thing -Count 3`"
            ]
        );
    }
    // A change in the next block's code shows too.
    let french = "# T\n\nExécutez :\n\nGet-Thing -Count 3\n\n```\nCount : 4\n```\n\nAttendez 5 minutes.\n";
    let found = check_rules(english, french);
    assert_eq!(found, [at("broken-markdown", 5), at("broken-markdown", 5), at("code-mismatch", 8)]);
}

#[test]
fn a_paragraph_that_starts_with_the_command_of_the_block_after_it_lost_no_fence() {
    // The paragraph before the block names its command, in both files; or the French adds the command as a paragraph
    // of its own before the block: the fences are whole, and the blocks are compared as they stand.
    let english = "# T\n\nGet-Thing -Count 3 shows the number.\n\n```\nGet-Thing -Count 3\n```\n\nWait 5 minutes.\n";
    let french =
        "# T\n\nGet-Thing -Count 3 affiche le nombre.\n\n```\nGet-Thing -Count 3\n```\n\nAttendez 5 minutes.\n";
    assert_eq!(check("a.md", english, french), Vec::new());
    let english = "# T\n\nRun:\n\n```\nGet-Thing -Count 3\n```\n\nWait 5 minutes.\n";
    let french = "# T\n\nExécutez :\n\nGet-Thing -Count 3\n\n```\nGet-Thing -Count 3\n```\n\nAttendez 5 minutes.\n";
    assert_eq!(check_rules(english, french), [at("block-mismatch", 5)]);
}

#[test]
fn a_stray_fence_is_one_finding_and_what_follows_is_compared() {
    // A bare fence the English does not have turns a paragraph and the next heading into code, up to the next block's
    // closing fence: one finding, to delete it, and the number changed after it shows.
    let english = "# T\n\n## Step 1: Connect\n\nWait 5 minutes.\n\n## Step 2: Create\n\n```powershell\nNew-Rule -Name a\n```\n\n\
                   Check 3 results.\n";
    let french = "# T\n\n## Étape 1 : Se connecter\n\n```\nAttendez 5 minutes.\n\n## Étape 2 : Créer\n\n```powershell\n\
                  New-Rule -Name a\n```\n\nVérifiez 4 résultats.\n";
    let found = check("a.md", english, french);
    let findings: Vec<_> = found.iter().map(|d| (d.rule.as_str(), d.location.line())).collect();
    assert_eq!(findings, [("broken-markdown", 5), ("number-mismatch", 14)]);
    assert_eq!(
        found[0].message,
        "this fence is not in the English file: it opens a code block of what follows, up to line 12, so that text \
         renders as code; delete it"
    );
}

#[test]
fn a_closing_fence_of_the_wrong_kind_is_one_finding_at_that_fence() {
    // The French closes a `~~~` block with ``` (in a note, another with too few backticks): that line is code, and
    // the block runs on. One finding at that line, telling the fence to write, and a change further on shows.
    let english = "# T\n\n~~~\nGet-A -Count 3\n~~~\n\nExample:\n\n~~~\nGet-A -Count 4\n~~~\n\n> [!NOTE]\n> ````\n\
                   > Get-B\n> ````\n>\n> Then:\n>\n> ````text\n> Get-C\n> ````\n\nWait 5 minutes.\n";
    let french = "# T\n\n~~~\nGet-A -Count 3\n```\nExemple :\n\n~~~\nGet-A -Count 4\n~~~\n\n> [!NOTE]\n> ````\n\
                  > Get-B\n> ```\n>\n> Puis :\n>\n> ````text\n> Get-C\n> ````\n\nAttendez 6 minutes.\n";
    let found = check("a.md", english, french);
    let rules: Vec<_> = found.iter().map(|d| (d.rule.as_str(), d.location.line())).collect();
    assert_eq!(rules, [("broken-markdown", 5), ("broken-markdown", 15), ("number-mismatch", 23)]);
    assert_eq!(
        found[0].message,
        "this ` ``` ` cannot close the code block opened with `~~~` at line 3, where the English file closes its own: a \
         closing fence repeats the opening fence's character, at least as many times, so what follows renders as \
         code; write `~~~` here"
    );
    assert!(found[1].message.contains("write ` ```` ` here"), "{}", found[1].message);
}

#[test]
fn a_closing_fence_both_files_get_wrong_alike_is_no_finding() {
    // Both files close a `~~~` block with ```, so it runs to the end of its item; the next block's code is nearly the
    // same. The translation breaks nothing the English does not: the English file's note alone, and the number changed
    // after it.
    let english = "# T\n\n- One:\n\n  ~~~\n  New-Rule -Name \"Rule1\" -From contoso.com\n  ```\n\n- Two:\n\n  ````\n  \
                   New-Rule -Name \"Rule2\" -From contoso.com,fabrikam.com\n  ````\n\nWait 5 minutes.\n";
    let french = "# T\n\n- Un :\n\n  ~~~\n  New-Rule -Name \"Rule1\" -From contoso.com\n  ```\n\n- Deux :\n\n  ````\n  \
                  New-Rule -Name \"Rule2\" -From contoso.com,fabrikam.com\n  ````\n\nAttendez 6 minutes.\n";
    let found = check("a.md", english, french);
    let findings: Vec<_> =
        found.iter().map(|d| (d.location.path.as_str(), d.rule.as_str(), d.severity, d.location.line())).collect();
    assert_eq!(
        findings,
        [("en-us/a.md", "parse-error", Severity::Note, 5), ("fr-fr/a.md", "number-mismatch", Severity::Warning, 15)]
    );
    // The code before the fence both write alike is code: a name changed in it shows.
    let edited = french.replacen("\"Rule1\"", "\"Regle1\"", 1);
    assert_eq!(
        check_rules(english, &edited),
        [at("parse-error", 5), at("code-mismatch", 6), at("number-mismatch", 15)]
    );
}

#[test]
fn code_blocks_alike_that_each_file_breaks_at_another_one_are_each_files_finding() {
    // Steps 1 and 2 hold the same code: the English breaks the first block's closing fence, the French the second's.
    // Each file's own break is its finding (the English one a note), and the blocks the other file breaks are whole.
    let block = |closing: &str| format!("   ~~~\n   Get-Rule -Name a\n   {closing}\n");
    let english =
        format!("# T\n\n1. Run:\n\n{}\n2. Run again:\n\n{}\n3. Wait 5 minutes.\n", block("```"), block("~~~"));
    let french = format!(
        "# T\n\n1. Exécutez :\n\n{}\n2. Exécutez encore :\n\n{}\n3. Attendez 5 minutes.\n",
        block("~~~"),
        block("```")
    );
    let found = check("a.md", &english, &french);
    let findings: Vec<_> =
        found.iter().map(|d| (d.location.path.as_str(), d.rule.as_str(), d.severity, d.location.line())).collect();
    assert_eq!(
        findings,
        [("en-us/a.md", "broken-markdown", Severity::Note, 7), ("fr-fr/a.md", "broken-markdown", Severity::Error, 13)]
    );
}

#[test]
fn a_closing_fence_at_the_wrong_indentation_is_one_finding_and_what_follows_is_compared() {
    // The French fence meant to close a nested item's block is indented less, outside the item, or four columns past
    // the opening fence, in the code: one finding at the block, read with the fence in place, and the numbers changed
    // after it show.
    let english = "# T\n\n1. Create:\n\n   - One:\n\n     ```\n     New-Rule -Count 2\n     ```\n\n   - Wait 15 \
                   minutes.\n\n2. Check 3 results.\n";
    for (fence, message) in [("   ```", "indented less than this fence"), ("         ```", "indented too far")] {
        let french = format!(
            "# T\n\n1. Créez :\n\n   - Un :\n\n     ```\n     New-Rule -Count 2\n{fence}\n\n   - Attendez 20 \
             minutes.\n\n2. Vérifiez 4 résultats.\n"
        );
        let found = check("a.md", english, &french);
        let rules: Vec<_> = found.iter().map(|d| (d.rule.as_str(), d.location.line())).collect();
        assert_eq!(rules, [("broken-markdown", 7), ("number-mismatch", 11), ("number-mismatch", 13)], "{fence}");
        assert!(found[0].message.contains(message), "{}", found[0].message);
    }
}

#[test]
fn a_block_whose_code_the_translation_wrote_in_another_case_and_left_open_is_not_a_stray_fence() {
    // PowerShell ignores case: the French block's code is the English one's, and its closing fence is lost at the
    // end of its item, before a heading. The fence is left open, not one to delete.
    let english = "# T\n\n1. Run:\n\n   ```powershell\n   Set-Config -Identity $p[0].Identity -Enabled $false\n   ```\n\n\
                   ## Next\n\nDone.\n";
    let french = "# T\n\n1. Exécutez :\n\n   ```\n   Set-Config -identity $p[0].identity -enabled $false\n\n\
                  ## Suite\n\nTerminé.\n";
    let found = check("a.md", english, french);
    assert_eq!(rules_at(&found), [at("broken-markdown", 5)]);
    assert!(found.iter().any(|d| d.message.contains("close it with a ` ``` ` line")), "{found:#?}");
}

#[test]
fn code_that_lost_both_its_fences_at_the_end_of_an_item_is_one_finding() {
    // No fence is left to tell: the French paragraph is the English block's code, line for line.
    let english = "# T\n\n1. Connect:\n\n   ```powershell\n   Connect-ExchangeOnline -UserPrincipalName a@b.com\n   ```\n\n\
                   2. Wait 5 minutes.\n";
    let french = "# T\n\n1. Connectez-vous :\n\n   Connect-ExchangeOnline  -UserPrincipalName a@b.com\n\n\
                  2. Attendez 6 minutes.\n";
    let found = check("a.md", english, french);
    assert_eq!(rules_at(&found), [at("broken-markdown", 5), at("number-mismatch", 7)]);
    assert_eq!(
        found[0].message,
        "this paragraph is the English powershell code block's code without its fences, so it renders as text: \
         add a ` ```powershell ` line before it and a ` ``` ` line after it"
    );
}

#[test]
fn a_wrong_closing_fence_names_the_english_fence_of_the_block_in_its_place() {
    // Two blocks alike but for a name, both names changed: the second block's wrong fence stands where the English
    // closes the second block, not the first.
    let english = "# T\n\n~~~\nNew-Rule -Name \"Rule1\" -From a.com\n~~~\n\nThen:\n\n~~~\n\
                   New-Rule -Name \"Rule2\" -From a.com,b.com\n~~~\n\nWait 5 minutes.\n";
    let french = "# T\n\n~~~\nNew-Rule -Name \"Regle1\" -From a.com\n~~~\n\nPuis :\n\n~~~\n\
                  New-Rule -Name \"Regle2\" -From a.com,b.com\n```\n\nAttendez 5 minutes.\n";
    let found = check("a.md", english, french);
    let broken = found.iter().find(|d| d.rule == "broken-markdown").expect("the wrong fence");
    assert_eq!(broken.location.line(), 11);
    assert_eq!(broken.source.as_ref().map(Location::line), Some(11));
}

#[test]
fn a_closing_fence_both_files_indent_too_far_is_the_english_note_alone() {
    // The French copied the English as it is: the fence left open is the source's to mend, not the translator's.
    let english = "# T\n\n1. Connect:\n\n   ```powershell\n   Connect-ExchangeOnline -UserPrincipalName a@b.com\n       ```\n\n\
                   2. Wait 15 minutes.\n";
    let french = "# T\n\n1. Connectez-vous :\n\n   ```powershell\n   Connect-ExchangeOnline -UserPrincipalName a@b.com\n\
                  \x20      ```\n\n2. Attendez 15 minutes.\n";
    let found = check("a.md", english, french);
    let located: Vec<_> = found.iter().map(|d| (d.location.path.as_str(), d.rule.as_str(), d.severity)).collect();
    assert_eq!(located, [("en-us/a.md", "parse-error", Severity::Note)]);
}

#[test]
fn a_closing_fence_both_files_move_out_of_its_item_is_the_english_note_alone() {
    // The fence out of its nested item opens a block of its own in both files: the translated text it swallows is
    // not compared as code, and the drift after it is still found.
    let english = "# T\n\n1. Create the rule:\n\n   - For one domain:\n\n     ~~~powershell\n     New-Rule -Name a\n   ~~~\n\n\
                   \x20  - For two domains:\n\n     ````powershell\n     New-Rule -Name b\n     ````\n\n2. Wait 15 minutes.\n";
    let french = "# T\n\n1. Créez la règle :\n\n   - Pour un domaine :\n\n     ~~~powershell\n     New-Rule -Name a\n   ~~~\n\n\
                  \x20  - Pour deux domaines :\n\n     ````powershell\n     New-Rule -Name b\n     ````\n\n\
                  2. Attendez 20 minutes.\n";
    let found = check("a.md", english, french);
    let located = located(&found);
    assert_eq!(located, [("en-us/a.md", "parse-error", 7), ("fr-fr/a.md", "number-mismatch", 17)]);
}

#[test]
fn a_closing_fence_four_columns_into_the_margin_is_found_though_less_past_its_opening_fence() {
    // The opening fence is indented by two, the French closing fence by four: code, the block left open.
    let english = "# T\n\n  ```powershell\n  Get-A -Name x\n  ```\n\nWait 15 minutes.\n\n## Next\n\nDone.\n";
    let french = "# T\n\n  ```powershell\n  Get-A -Name x\n    ```\n\nAttendez 20 minutes.\n\n## Suite\n\nTerminé.\n";
    let found = check("a.md", english, french);
    assert_eq!(rules_at(&found), [at("broken-markdown", 5), at("number-mismatch", 7)]);
    assert!(found[0].message.contains("indent it as that fence"), "{}", found[0].message);
}

#[test]
fn a_closing_fence_of_the_wrong_kind_outside_its_item_is_one_finding() {
    // The French `~~~` block's closing fence is a ``` out of its nested item: it cannot close the block, and opens
    // one of its own that runs into the next item's block. One finding, and the number after it still compared.
    let english = "# T\n\n1. Create:\n\n   - One:\n\n     ~~~powershell\n     New-Rule -Name a\n     ~~~\n\n\
                   \x20  - Two:\n\n     ````powershell\n     New-Rule -Name b\n     ````\n\n   - Wait 15 minutes.\n";
    let french = "# T\n\n1. Créez :\n\n   - Un :\n\n     ~~~powershell\n     New-Rule -Name a\n   ```\n\n\
                  \x20  - Deux :\n\n     ````powershell\n     New-Rule -Name b\n     ````\n\n   - Attendez 20 minutes.\n";
    let found = check("a.md", english, french);
    assert_eq!(rules_at(&found), [at("broken-markdown", 7), at("number-mismatch", 17)]);
    assert!(found[0].message.ends_with("write `~~~` there, indented as this fence"), "{}", found[0].message);
}

#[test]
fn a_fence_of_another_kind_after_a_block_left_open_that_opens_its_own_is_not_its_closing_fence() {
    let english = "# T\n\n1. Run:\n\n   ```\n   Get-A -Name x\n   ```\n\n~~~\nsample output\n~~~\n\nWait 15 minutes.\n";
    let french =
        "# T\n\n1. Exécutez :\n\n   ```\n   Get-A -Name x\n\n~~~\nsample output\n~~~\n\nAttendez 20 minutes.\n";
    let found = check("a.md", english, french);
    assert_eq!(rules_at(&found), [at("broken-markdown", 5), at("number-mismatch", 12)]);
    assert!(found[0].message.ends_with("close it with a ` ``` ` line"), "{}", found[0].message);
}

#[test]
fn a_block_both_files_leave_open_alike_still_has_its_code_and_the_prose_it_swallowed_compared() {
    // Both fences closing the first block stand out of its item, where they open a block that swallows the next
    // item's text: the first block is all code, what the second swallowed is prose, and each keeps its checks.
    let english = "# T\n\n1. Set:\n\n   ~~~json\n   { \"rule\": \"Rule1\" }\n~~~\n\n2. Wait 15 minutes.\n\nDone.\n";
    let french =
        "# T\n\n1. Définissez :\n\n   ~~~json\n   { \"rule\": \"Regle1\" }\n~~~\n\n2. Attendez 20 minutes.\n\nFin.\n";
    let found = check("a.md", english, french);
    let located = located(&found);
    assert_eq!(
        located,
        [("en-us/a.md", "parse-error", 5), ("fr-fr/a.md", "code-mismatch", 6), ("fr-fr/a.md", "number-mismatch", 9)]
    );
}

#[test]
fn a_block_both_files_open_alike_with_a_misplaced_closing_fence_is_prose() {
    // Both files move the first block's closing fence out of its item, where it opens a block that the second item's
    // lost closing fence ends: what lies between is the writer's text, translated, and only a number changed in it
    // is drift.
    let english = "# T\n\n1. Step one:\n\n   ```powershell\n   Get-A -Name x\n```\n\n   Then wait 5 seconds.\n\n\
                   2. Step two:\n\n   ~~~powershell\n   Get-B -Name y\n```\n\n   Then wait 6 seconds.\n\nEnd 8.\n";
    let french = english
        .replace("Step one:", "Étape un :")
        .replace("Step two:", "Étape deux :")
        .replace("Then wait 5 seconds.", "Attendez ensuite 7 secondes.")
        .replace("Then wait 6 seconds.", "Attendez ensuite 6 secondes.")
        .replace("End", "Fin");
    let found = check("a.md", english, &french);
    let located = located(&found);
    assert_eq!(located, [("en-us/a.md", "parse-error", 5), ("fr-fr/a.md", "number-mismatch", 9)]);
    assert!(found[1].message.contains("has 7 where the English text has 5"), "{}", found[1].message);
}

#[test]
fn a_note_closing_fence_that_lost_its_quote_marker_in_place_is_one_finding() {
    // The French closing fence lost its `>` but kept its column: it is outside the note, where it opens a block that
    // takes in the rest of the file. One finding, the line to write, and the number changed after it shows.
    let english = "# T\n\nFollow 5 steps.\n\n> [!NOTE]\n> Run this:\n>\n> ```powershell\n> Get-A -Name x\n> ```\n\n\
                   Wait 15 minutes.\n\n## Results\n\nExpect 8 results.\n";
    let french = "# T\n\nSuivez 5 étapes.\n\n> [!NOTE]\n> Exécutez ceci :\n>\n> ```powershell\n> Get-A -Name x\n  ```\n\n\
                  Attendez 20 minutes.\n\n## Résultats\n\nAttendez-vous à 8 résultats.\n";
    let found = check("a.md", english, french);
    let located: Vec<_> = found.iter().map(|d| (d.rule.as_str(), d.location.line())).collect();
    assert_eq!(located, [("broken-markdown", 8), ("number-mismatch", 12)]);
    assert!(
        found[0].message.ends_with(
            "the ` ``` ` at line 10 lacks the `>` of its note, so it is outside the note, where it \
                                    opens a code block of its own; write it as ` > ``` ` under this fence"
        ),
        "{}",
        found[0].message
    );
}

#[test]
fn a_command_changed_in_a_block_both_files_leave_open_alike_is_found() {
    // The closing fences are code, four columns past the margin, in both files: the command changed before them is
    // the drift, not the fences, which the French has from the English.
    for (english, french) in [
        (
            "# T\n\n1. Run:\n\n   ```powershell\n   Get-A -Name x\n       ```\n\n   Then wait.\n\n2. Done.\n",
            "# T\n\n1. Exécutez :\n\n   ```powershell\n   Get-Z -Name x\n       ```\n\n   Puis attendez.\n\n2. Fini.\n",
        ),
        (
            "# T\n\nText.\n\n```\nGet-A\n    ```\n\nMore text 5.\n",
            "# T\n\nTexte.\n\n```\nGet-B\n    ```\n\nPlus de texte 5.\n",
        ),
    ] {
        let found = check("a.md", english, french);
        let french: Vec<_> = found
            .iter()
            .filter(|d| d.location.path.starts_with("fr-fr"))
            .map(|d| (d.rule.as_str(), d.location.line()))
            .collect();
        assert_eq!(french, [("code-mismatch", 6)], "{english}");
    }
}

#[test]
fn the_same_fence_advice_at_one_place_is_given_once() {
    // From QA's fuzzer: fences of both kinds at odd indentations, the French moving one to the margin. The fence
    // closed for the reading is still open against another English line; its advice, the same, is not said twice.
    let english = "~~~\n     ```\n~~~\n- Step 15 minutes.\n     ```\n     ~~~\n   ```\n     ```\n";
    let french = english.replace("15", "20").replace("\n   ```\n", "\n```\n");
    let found = check("a.md", english, &french);
    let advice: Vec<_> =
        found.iter().map(|d| (d.location.path.as_str(), d.location.line(), d.message.as_str())).collect();
    let once: HashSet<_> = advice.iter().collect();
    assert_eq!(once.len(), advice.len(), "{advice:#?}");
    assert!(found.iter().any(|d| d.rule == "number-mismatch" && d.location.line() == 4), "{advice:#?}");
}

#[test]
fn a_closing_fence_indented_too_far_with_tabs_is_found() {
    // Two tabs reach column 8, four past the fence at column 4: the line is code, and the paragraph after it too.
    let english = "# T\n\n1. Connect:\n\n    ```powershell\n    Get-A -Name x\n    ```\n\n    Then wait 15 minutes.\n\n\
                   2. Done.\n";
    let french = "# T\n\n1. Connectez-vous :\n\n    ```powershell\n    Get-A -Name x\n\t\t```\n\n\
                  \x20   Attendez ensuite 20 minutes.\n\n2. Terminé.\n";
    let found = check("a.md", english, french);
    assert_eq!(rules_at(&found), [at("broken-markdown", 7), at("number-mismatch", 9)]);
    assert!(found[0].message.contains("indented too far to close the powershell code block"), "{}", found[0].message);
}

#[test]
fn a_code_block_pairs_with_the_one_written_exactly_like_it_before_one_in_another_case() {
    // Bash tells `Token` from `TOKEN`: the French kept the second block, so the first one is the one missing.
    let english = "# T\n\nSet them:\n\n```bash\nexport Token=abc\n```\n\n```bash\nexport TOKEN=abc\n```\n\nDone.\n";
    let french = "# T\n\nDéfinissez-les :\n\n```bash\nexport TOKEN=abc\n```\n\nTerminé.\n";
    let found = check("a.md", english, french);
    assert_eq!(rules_at(&found), [at("code-mismatch", 5)]);
    assert_eq!(found[0].source.as_ref().map(Location::line), Some(5));
}

#[test]
fn a_code_fence_lost_in_a_note_before_an_edited_block_is_one_finding() {
    // In a note, the French lost the fence closing the first block, and changed the next block's value: the fence
    // meant to open that block closes the first, whose first line, changed, then follows as text.
    let english = "# Notes\n\n> [!NOTE]\n> Run this first:\n>\n> ```\n> Get-Thing -Count 3 -Name a\n> ```\n>\n\
                   > Example:\n>\n> ```\n> Get-Thing -Count 3 -Name contoso\n> ```\n\nAfter the note, wait 5 minutes.\n";
    let french = "# Remarques\n\n> [!NOTE]\n> Exécutez d’abord ceci :\n>\n> ```\n> Get-Thing -Count 3 -Name a\n>\n\
                  > Exemple :\n>\n> ```\n> Get-Thing -Count 3 -Name fabrikam\n> ```\n\nAprès la remarque, attendez \
                  6 minutes.\n";
    let found = check_rules(english, french);
    assert_eq!(found, [at("broken-markdown", 6), at("code-mismatch", 12), at("number-mismatch", 15)]);
}

#[test]
fn an_opening_fence_the_english_lost_is_its_note_alone() {
    // Read against the English whose fences pair wrongly, French lines would match what the English fence meant to
    // close swallowed: the English is mended first, and the French findings are those of the whole pair.
    let Some(corpus) = corpus() else { return };
    let relative = "SecurityCompliance/delete-an-inactive-mailbox.md";
    let (english, french) = pair(&corpus, relative);
    let french_findings = |english: &str| -> Vec<(String, u32)> {
        check(relative, english, &french)
            .into_iter()
            .filter(|d| d.location.path.starts_with("fr-fr") && d.rule != "stale-source")
            .map(|d| (d.rule, d.location.line()))
            .collect()
    };
    let lost: String =
        english.split_inclusive('\n').enumerate().filter(|(at, _)| *at != 43).map(|(_, line)| line).collect();
    assert_eq!(french_findings(&lost), french_findings(&english));
    let notes: Vec<_> = check(relative, &lost, &french)
        .into_iter()
        .filter(|d| d.location.path.starts_with("en-us"))
        .map(|d| (d.rule, d.severity, d.location.line()))
        .collect();
    assert_eq!(notes, [("broken-markdown".to_owned(), Severity::Note, 44)]);
}

#[test]
fn a_code_fence_the_english_lost_is_its_note_alone() {
    // The English lost the fence closing its block at line 111; the French is whole: nothing the translation can mend,
    // and nothing the fences paired wrong in the English is reported on the French.
    let Some(corpus) = corpus() else { return };
    let relative = "SecurityCompliance/export-view-audit-log-records.md";
    let (english, french) = pair(&corpus, relative);
    let at = english.find("-RecordType SharePointSharingOperation\n   ```\n").expect("the block") + 39;
    let lost = format!("{}{}", &english[..at], &english[at + 7..]);
    let found: Vec<_> = check(relative, &lost, &french)
        .into_iter()
        .filter(|d| d.rule != "stale-source")
        .map(|d| (d.rule, d.severity, d.location.path.clone(), d.location.line()))
        .collect();
    let note = ("broken-markdown".to_owned(), Severity::Note, format!("en-us/{relative}"), 106);
    assert_eq!(found, [note]);
}

// Mutations of real pairs: each alters one side and expects its rule on the right line.

/// Compares two texts as `en-us/<relative>` and `fr-fr/<relative>`.
fn check(relative: &str, english: &str, french: &str) -> Vec<Diagnostic> {
    let source = Document::new(format!("en-us/{relative}"), relative, english.to_owned());
    let target = Document::new(format!("fr-fr/{relative}"), relative, french.to_owned());
    let context =
        Context { languages: Languages::of("en-us", "fr-fr"), target_locale: "fr-fr".to_owned(), history: None };
    let (source, target) = Document::with_ends_closed(source, target, &context.languages);
    compare(&source, &target, &context, &Settings::default())
}

/// The rule and line of each finding for a pair of files `a.md`.
fn check_rules(english: &str, french: &str) -> Vec<(String, u32)> {
    rules_at(&check("a.md", english, french))
}

/// The rule and line of each finding.
fn rules_at(found: &[Diagnostic]) -> Vec<(String, u32)> {
    found.iter().map(|d| (d.rule.clone(), d.location.line())).collect()
}

/// The file, rule and line of each finding.
fn located(found: &[Diagnostic]) -> Vec<(&str, &str, u32)> {
    found.iter().map(|d| (d.location.path.as_str(), d.rule.as_str(), d.location.line())).collect()
}

/// The texts of a corpus pair.
fn pair(corpus: &Path, relative: &str) -> (String, String) {
    let read = |locale: &str| checkdown::parse::read_file(&corpus.join(locale).join(relative)).unwrap();
    (read("en-us"), read("fr-fr"))
}

/// `text` with its 1-based line `line` replaced by `with` (which may hold several lines, or none).
fn replace_line(text: &str, line: usize, with: impl FnOnce(&str) -> String) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    lines[line - 1] = with(&lines[line - 1]);
    lines.join("\n")
}

/// Asserts that the mutation introduced a finding of `rule` at `line`, and shows every new finding otherwise.
fn assert_fires(before: &[Diagnostic], after: &[Diagnostic], rule: &str, line: u32) {
    let key =
        |diagnostic: &Diagnostic| (diagnostic.rule.clone(), diagnostic.location.line(), diagnostic.message.clone());
    let old: HashSet<_> = before.iter().map(key).collect();
    let new: Vec<_> = after.iter().map(key).filter(|found| !old.contains(found)).collect();
    assert!(
        new.iter().any(|(found, at, _)| found == rule && *at == line),
        "expected {rule} at line {line}, new: {new:#?}"
    );
}

/// Applies `mutate` to the French text of `relative` and expects `rule` at `line`.
fn french_mutation(relative: &str, line: usize, rule: &str, expected_line: u32, mutate: impl FnOnce(&str) -> String) {
    let Some(corpus) = corpus() else { return };
    let (english, french) = pair(&corpus, relative);
    let before = check(relative, &english, &french);
    let after = check(relative, &english, &replace_line(&french, line, mutate));
    assert_fires(&before, &after, rule, expected_line);
}

/// [`CLEAN_PAIR`] with its one drift mended: the placeholder machine translation left for `>` at line 45.
fn clean_pair(corpus: &Path) -> (String, String) {
    let (english, french) = pair(corpus, CLEAN_PAIR);
    let mended =
        french.replacen("**destinataires _GT_ boîtes aux lettres**", "**destinataires > boîtes aux lettres**", 1);
    assert_ne!(mended, french, "the drift to mend is in the French file");
    (english, mended)
}

#[test]
fn the_clean_pair_has_no_finding() {
    let Some(corpus) = corpus() else { return };
    let (english, french) = pair(&corpus, CLEAN_PAIR);
    let found = check(CLEAN_PAIR, &english, &french);
    let shown: Vec<(&str, u32)> = found.iter().map(|d| (d.rule.as_str(), d.location.line())).collect();
    assert_eq!(shown, [("broken-markdown", 45)]);
    let (english, french) = clean_pair(&corpus);
    assert_eq!(check(CLEAN_PAIR, &english, &french), Vec::new());
}

#[test]
fn mutation_missing_section() {
    // Lines 34 to 38 are the "before you begin" section: the next heading moves up to line 34.
    let Some(corpus) = corpus() else { return };
    let (english, french) = pair(&corpus, CLEAN_PAIR);
    let lines: Vec<&str> = french.split('\n').collect();
    let mutated = [&lines[..33], &lines[38..]].concat().join("\n");
    assert_fires(&check(CLEAN_PAIR, &english, &french), &check(CLEAN_PAIR, &english, &mutated), "missing-section", 34);
}

#[test]
fn a_section_that_lost_its_heading_alone_is_one_finding_where_the_heading_belongs() {
    // Line 50 is the heading of step 2; its paragraph and list stay, now at the end of step 1.
    let Some(corpus) = corpus() else { return };
    let relative = "SecurityCompliance/export-view-audit-log-records.md";
    let (english, french) = pair(&corpus, relative);
    let lines: Vec<&str> = french.split('\n').collect();
    assert!(lines[49].starts_with("## <a name=\"step-2"), "{}", lines[49]);
    let headless = [&lines[..49], &lines[50..]].concat().join("\n");
    let before = check(relative, &english, &french);
    let key =
        |diagnostic: &Diagnostic| (diagnostic.rule.clone(), diagnostic.location.line(), diagnostic.message.clone());
    let old: HashSet<_> = before.iter().map(key).collect();
    let new: Vec<_> =
        check(relative, &english, &headless).iter().map(key).filter(|found| !old.contains(found)).collect();
    let message = "the English heading \u{201c}Step 2: Format the exported audit log using the Power Query Editor\u{201d} \
                   has no counterpart in the French file: its section's content is here, under the heading before; \
                   put the heading back above it";
    assert_eq!(new, [("missing-section".to_owned(), 51, message.to_owned())]);
    let findings = |english: &str, french: &str| -> Vec<(String, u32, String)> {
        check("a.md", english, french).into_iter().map(|d| (d.rule, d.location.line(), d.message)).collect()
    };
    // The first subsection's heading lost: its blocks end the blocks of its parent, before the parent's other
    // subsections.
    let first_child = "# T\n\nIntro.\n\n## <a name=\"one\"></a>Un\n\n1. Ouvrez le [portail](https://a.example).\n\n## <a name=\"two\"></a>Deux\n\nFin.\n";
    let english = "# T\n\nIntro.\n\n## One\n\n1. Open the [portal](https://a.example).\n\n## Two\n\nEnd.\n";
    let found = findings(english, &first_child.replace("## <a name=\"one\"></a>Un\n\n", ""));
    let (rule, line, _) = &found[0];
    assert_eq!((found.len(), rule.as_str(), *line), (1, "missing-section", 5), "{found:#?}");
    // A sibling's heading lost, its subsection kept: the subsection now hangs under the section before.
    let english = "# T\n\nIntro.\n\n## One\n\nFirst.\n\n## Two\n\n1. Open the [portal](https://a.example).\n\n\
                   ### Two A\n\nMore than 5.\n\n## Three\n\nEnd.\n";
    let french = "# T\n\nIntro.\n\n## <a name=\"one\"></a>Un\n\nPremier.\n\n1. Ouvrez le [portail](https://a.example).\n\n\
                  ### <a name=\"two-a\"></a>Deux A\n\nPlus de 5.\n\n## <a name=\"three\"></a>Trois\n\nFin.\n";
    let found = findings(english, french);
    let message = "the English heading \u{201c}Two\u{201d} has no counterpart in the French file: its section's content \
                   is here, under the heading before; put the heading back above it";
    assert_eq!(found, [("missing-section".to_owned(), 9, message.to_owned())]);
    // The section before ends in a subsection: the content now ends that subsection.
    let english = "# T\n\n## One\n\nFirst.\n\n### One A\n\nMore.\n\n## Two\n\n1. Open the [portal](https://a.example).\n\n\
                   ## Three\n\nEnd.\n";
    let french = "# T\n\n## <a name=\"one\"></a>Un\n\nPremier.\n\n### <a name=\"one-a\"></a>Un A\n\nPlus.\n\n\
                  1. Ouvrez le [portail](https://a.example).\n\n## <a name=\"three\"></a>Trois\n\nFin.\n";
    let found = findings(english, french);
    assert_eq!(found, [("missing-section".to_owned(), 11, message.to_owned())]);
    // A heading with no content of its own, its subsections kept: put back above the first of them.
    let english = "# T\n\n## One\n\nFirst.\n\n## Two\n\n### Two A\n\nMore.\n\n## Three\n\nEnd.\n";
    let french = "# T\n\n## <a name=\"one\"></a>Un\n\nPremier.\n\n### <a name=\"two-a\"></a>Deux A\n\nPlus.\n\n\
                  ## <a name=\"three\"></a>Trois\n\nFin.\n";
    let found = findings(english, french);
    let message = "the English heading \u{201c}Two\u{201d} has no counterpart in the French file: its subsections are \
                   here, under the heading before; put the heading back above it";
    assert_eq!(found, [("missing-section".to_owned(), 7, message.to_owned())]);
}

#[test]
fn mutation_extra_section() {
    french_mutation(CLEAN_PAIR, 39, "extra-section", 39, |heading| {
        format!("## <a name=\"nouvelle-section\"></a>Nouvelle section\n\nUn paragraphe sans équivalent.\n\n{heading}")
    });
}

#[test]
fn mutation_anchor_mismatch() {
    french_mutation(CLEAN_PAIR, 39, "anchor-mismatch", 39, |heading| {
        heading.replace("place-a-mailbox-on-litigation-hold", "placer-une-boite-en-conservation")
    });
}

#[test]
fn mutation_heading_mismatch() {
    french_mutation(CLEAN_PAIR, 63, "heading-mismatch", 63, |heading| heading.replacen("### ", "#### ", 1));
}

#[test]
fn mutation_list_item_count() {
    // After item 7 (line 61): a blank line, then an eighth item on line 63.
    french_mutation(CLEAN_PAIR, 61, "list-item-count", 63, |item| format!("{item}\n\n8. Un élément sans équivalent."));
}

#[test]
fn mutation_list_item_order_compares_the_moved_items_with_their_own_counterparts() {
    // Items 3 and 4 of step 2 swapped, whole: item 3 has the number 1 ("l’étape 1"), item 4 an image. Compared by
    // position, the items would also differ in numbers.
    let Some(corpus) = corpus() else { return };
    let relative = "SecurityCompliance/export-view-audit-log-records.md";
    let (english, french) = pair(&corpus, relative);
    let lines: Vec<&str> = french.split('\n').collect();
    assert!(lines[59].starts_with("3. Ouvrez") && lines[61].starts_with("4. Dans"), "{:?}", &lines[59..62]);
    let third = format!("4.{}", &lines[59][2..]);
    let fourth = format!("3.{}", &lines[61][2..]);
    let swapped: Vec<&str> =
        [&lines[..59], &[fourth.as_str()], &lines[62..65], &[third.as_str(), lines[60]], &lines[64..]].concat();
    let before = check(relative, &english, &french);
    let key = |diagnostic: &Diagnostic| (diagnostic.rule.clone(), diagnostic.location.line());
    let old: HashSet<_> = before.iter().map(key).collect();
    let new: Vec<_> =
        check(relative, &english, &swapped.join("\n")).iter().map(key).filter(|found| !old.contains(found)).collect();
    assert_eq!(new, [("list-item-order".to_owned(), 60)]);
}

#[test]
fn mutation_block_mismatch() {
    french_mutation(CLEAN_PAIR, 41, "block-mismatch", 43, |paragraph| {
        format!("{paragraph}\n\nUn paragraphe sans équivalent anglais.")
    });
}

#[test]
fn mutation_alert_mismatch() {
    french_mutation(CLEAN_PAIR, 89, "alert-mismatch", 89, |alert| alert.replace("[!NOTE]", "[!WARNING]"));
}

#[test]
fn mutation_code_mismatch() {
    french_mutation(CLEAN_PAIR, 68, "code-mismatch", 68, |code| code.replace("Set-Mailbox", "Set-BoiteAuxLettres"));
}

/// A code finding points at the differing token on both sides, not at the English block's opening fence.
#[test]
fn a_code_difference_is_shown_at_its_token_in_both_files() {
    let english =
        "# Filters\n\nRun:\n\n```powershell\nConnect-IPPSSession\nNew-Filter -Name \"NAM\" -Region NAM\n```\n";
    let french = "# Filtres\n\nExécutez :\n\n```powershell\nConnect-IPPSSession\nNew-Filter -Name \"Chicago\" -Region NAM\n```\n";
    let found = check("filters.md", english, french);
    let [diagnostic] = &found[..] else { panic!("{found:#?}") };
    assert_eq!(diagnostic.message, "`-Name \"Chicago\"` where the English code has `-Name \"NAM\"`");
    let source = diagnostic.source.as_ref().unwrap();
    let at = |location: &checkdown::report::Location| (location.line(), location.column());
    assert_eq!((at(&diagnostic.location), at(source)), ((7, 18), (7, 18)));
}

#[test]
fn a_long_quoted_reference_is_clipped_in_the_message() {
    // A stray backtick makes one inline code span a whole sentence; the message quotes its start only.
    let long = "Get-Mailbox -Identity x ".repeat(40);
    let found = check("a.md", &format!("# T\n\nRun `{long}`.\n"), "# T\n\nExécutez `Get-Mailbox`.\n");
    let messages: Vec<&str> = found.iter().filter(|d| d.rule == "code-mismatch").map(|d| d.message.as_str()).collect();
    // Short ones are quoted whole.
    let changed = format!("this inline code `Get-Mailbox` differs from the English inline code `{}…`", &long[..199]);
    assert_eq!(messages, [changed.as_str()]);
}

#[test]
fn mutation_image_mismatch() {
    french_mutation(CLEAN_PAIR, 87, "image-mismatch", 87, |image| image.replace("LitigationHoldLifeCycle", "Autre"));
}

#[test]
fn mutation_link_mismatch() {
    french_mutation(CLEAN_PAIR, 65, "link-mismatch", 65, |paragraph| {
        paragraph.replace("exchange-online", "exchange-server")
    });
}

#[test]
fn mutation_number_mismatch() {
    french_mutation(CLEAN_PAIR, 30, "number-mismatch", 30, |item| item.replace("30 Go", "40 Go"));
}

/// A translation without front matter is one finding listing the keys it lacks; one whose front matter is never
/// closed is its parse error, and its body is still compared (Learn shows the YAML lines as text), not reported
/// missing as a whole.
#[test]
fn a_missing_or_unclosed_front_matter_is_one_cause() {
    let english = std::fs::read_to_string(EN).unwrap();
    let french = std::fs::read_to_string(FR).unwrap();
    let closing = french.match_indices("---\n").nth(1).unwrap().0;
    let rules = |french: &str| -> Vec<String> {
        check("close-your-account.md", &english, french).into_iter().map(|diagnostic| diagnostic.rule).collect()
    };
    let usual = rules(&french);
    let bare = check("close-your-account.md", &english, &french[closing + 4..]);
    let lacking: Vec<&Diagnostic> = bare.iter().filter(|d| d.rule == "front-matter-mismatch").collect();
    assert_eq!(lacking.len(), 1, "{bare:#?}");
    assert!(
        lacking[0].message.starts_with(
            "the French file has no front matter, and the English file's has `f1.keywords`, `audience`, `ms.topic`"
        ),
        "{}",
        lacking[0].message
    );
    let unclosed = rules(&format!("{}{}", &french[..closing], &french[closing + 4..]));
    assert_eq!(unclosed.iter().filter(|rule| *rule == "parse-error").count(), 1, "{unclosed:?}");
    assert!(!unclosed.contains(&"missing-section".to_owned()), "{unclosed:?}");
    // The findings of the body are found all the same.
    for rule in usual.iter().filter(|rule| *rule != "stale-source") {
        assert!(unclosed.contains(rule), "{rule} in {unclosed:?}");
    }
}

#[test]
fn mutation_front_matter_mismatch() {
    french_mutation(CLEAN_PAIR, 8, "front-matter-mismatch", 8, |key| key.replace("article", "how-to"));
}

#[test]
fn a_front_matter_key_the_translation_lacks_is_quoted_once() {
    let Some(corpus) = corpus() else { return };
    let (english, french) = clean_pair(&corpus);
    let found = check(CLEAN_PAIR, &english, &replace_line(&french, 8, |_| String::new()));
    let messages: Vec<&str> = found.iter().map(|diagnostic| diagnostic.message.as_str()).collect();
    assert_eq!(
        messages,
        ["the French front matter lacks `ms.topic: article`, which the English front matter has"],
        "no backticks nested in the quoted key and value"
    );
}

#[test]
fn mutation_loc_metadata() {
    french_mutation(CLEAN_PAIR, 16, "loc-metadata", 16, |key| key.replace("fr-FR", "de-DE"));
}

#[test]
fn a_hash_that_is_no_sha1_is_a_loc_metadata_finding_alone() {
    let Some(corpus) = corpus() else { return };
    let (english, french) = clean_pair(&corpus);
    let broken = replace_line(&french, 13, |line| {
        assert!(line.starts_with("ms.openlocfilehash: "), "{line}");
        "ms.openlocfilehash: xyz".to_owned()
    });
    let found: Vec<_> = check(CLEAN_PAIR, &english, &broken)
        .into_iter()
        .map(|diagnostic| (diagnostic.rule, diagnostic.location.line(), diagnostic.message))
        .collect();
    let not_a_hash =
        ("loc-metadata".to_owned(), 13, "`ms.openlocfilehash: xyz` is not 40 hexadecimal digits".to_owned());
    assert_eq!(found, [not_a_hash], "no stale-source besides");
}

#[test]
fn mutation_untranslated() {
    let english = "Here are the steps to place a mailbox on Litigation Hold by using the Exchange admin center.";
    french_mutation(CLEAN_PAIR, 41, "untranslated", 41, |_| english.to_owned());
}

#[test]
fn mutation_untranslated_table_cell() {
    let english = "**Email security reports**, such as a Top Senders and Recipients report, a Spoof Mail report, and a \
                   Spam Detections report. ";
    french_mutation(IMAGES_AND_TABLE_PAIR, 96, "untranslated", 96, |row| {
        let link_cell = row.splitn(3, '|').nth(2).unwrap();
        format!("|{english}|{link_cell}")
    });
}

#[test]
fn mutation_untranslated_alt_text() {
    let english =
        "The Security &amp; Compliance Center dashboard can help you see where Advanced Threat Protection is working";
    french_mutation(IMAGES_AND_TABLE_PAIR, 29, "untranslated", 29, |image| {
        let (_, source) = image.split_once("](").unwrap();
        format!("![{english}]({source}")
    });
}

#[test]
fn mutation_untranslated_front_matter_title_and_description() {
    let title = "title: \"Add your organization brand to your encrypted messages\"";
    french_mutation(SENTENCE_TITLE_PAIR, 2, "untranslated", 2, |_| title.to_owned());
    let description = "description: \"Learn how to find and use reports for Office 365 Advanced Threat Protection in the \
                       Security &amp; Compliance Center.\"";
    french_mutation(IMAGES_AND_TABLE_PAIR, 17, "untranslated", 17, |_| description.to_owned());
}

#[test]
fn mutation_parse_error() {
    // An unclosed moniker zone on the blank line under the heading.
    french_mutation(CLEAN_PAIR, 40, "parse-error", 40, |_| "::: moniker range=\"o365-worldwide\"".to_owned());
}

#[test]
fn mutation_include_mismatch() {
    french_mutation(INCLUDE_PAIR, 56, "include-mismatch", 56, |include| {
        include.replace("multi-geo-locations", "locations")
    });
}

#[test]
fn mutation_stale_source() {
    let Some(corpus) = corpus() else { return };
    let (english, french) = pair(&corpus, CLEAN_PAIR);
    let before = check(CLEAN_PAIR, &english, &french);
    let edited = format!("{english}\nA sentence added after the hand-off.\n");
    // Line 13 holds `ms.openlocfilehash`.
    assert_fires(&before, &check(CLEAN_PAIR, &edited, &french), "stale-source", 13);
}

#[test]
fn mutation_moniker_mismatch() {
    // The corpus has no moniker zones: the seeds are the only real ones.
    let (english, french) = (std::fs::read_to_string(EN).unwrap(), std::fs::read_to_string(FR).unwrap());
    let before = check("close-your-account.md", &english, &french);
    let mutated = replace_line(&french, 29, |zone| zone.replace("o365-21vianet", "o365-worldwide"));
    assert_fires(&before, &check("close-your-account.md", &english, &mutated), "moniker-mismatch", 29);
}

#[test]
fn a_file_against_itself_reports_nothing_but_untranslated() {
    let Some(corpus) = corpus() else { return };
    let mut checked = 0;
    for file in crate::support::markdown_files(&corpus.join("en-us")) {
        let text = checkdown::parse::read_file(&file).unwrap();
        let relative = file.strip_prefix(corpus.join("en-us")).unwrap().display().to_string();
        let found = check(&relative, &text, &text);
        let parser_warnings = Document::new("x.md", "x.md", text.clone()).diagnostics.len();
        let other: Vec<&Diagnostic> = found.iter().filter(|d| d.rule != "untranslated").collect();
        // A file's own parser findings are the source's, as notes, and not the translation's, which inherits them.
        let notes_on_the_source = |d: &&Diagnostic| {
            d.rule == "parse-error" && d.severity == Severity::Note && d.location.path.starts_with("en-us/")
        };
        assert!(other.iter().all(notes_on_the_source), "{relative}: {other:#?}");
        assert_eq!(other.len(), parser_warnings, "{relative}: {other:#?}");
        checked += 1;
    }
    assert!(checked >= 600, "{checked} files");
}

// The whole corpus, in directory mode.

#[test]
fn stale_source_agrees_with_the_manifest_on_every_pair() {
    let Some(corpus) = corpus() else { return };
    let (english, french) = (corpus.join("en-us"), corpus.join("fr-fr"));
    let run =
        checkdown().args(["sync", "--format", "json", "--fail-on", "never"]).args([&english]).args([&french]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["summary"]["files"], 603);
    let stale: HashSet<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|diagnostic| diagnostic["rule"] == "stale-source")
        .map(|diagnostic| diagnostic["path"].as_str().unwrap().split_once("fr-fr/").unwrap().1.to_owned())
        .collect();
    let manifest = std::fs::read_to_string(corpus.join("manifest.tsv")).unwrap();
    let mut header = manifest.lines().next().unwrap().split('\t');
    let column = header.position(|name| name == "fr_translated_from_this_en").unwrap();
    let mut disagreements = Vec::new();
    for row in manifest.lines().skip(1) {
        let fields: Vec<&str> = row.split('\t').collect();
        let expected_stale = fields[column] == "no";
        if stale.contains(fields[0]) != expected_stale {
            disagreements.push(format!("{} ({})", fields[0], fields[column]));
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
    assert_eq!(stale.len(), 26);
}

#[test]
fn directory_mode_reports_missing_and_orphan_translations() {
    let Some(corpus) = corpus() else { return };
    let temporary = tempfile::tempdir().unwrap();
    let (english, french) = (temporary.path().join("en-us"), temporary.path().join("fr-fr"));
    let (english_text, french_text) = clean_pair(&corpus);
    for (folder, text) in [(&english, &english_text), (&french, &french_text)] {
        std::fs::create_dir_all(folder.join("SecurityCompliance")).unwrap();
        std::fs::write(folder.join(CLEAN_PAIR), text).unwrap();
    }
    std::fs::write(english.join("only-english.md"), "# Only English\n\nText.\n").unwrap();
    std::fs::write(french.join("seulement.md"), "# Seulement\n\nTexte.\n").unwrap();
    // Absolute paths inside the current folder are shown from it; outside it, as given: every path shown opens.
    let sync_from = |folder: &Path| {
        let run = checkdown().current_dir(folder).args(["sync", "--format", "json", "--fail-on", "warning"]);
        let run = run.args([&english, &french]).run();
        (run.code, serde_json::from_str::<Value>(&run.stdout).expect("sync prints JSON"))
    };
    let paths = |report: &Value| -> Vec<(String, String)> {
        let diagnostics = report["diagnostics"].as_array().unwrap().iter();
        diagnostics.map(|d| (d["rule"].as_str().unwrap().to_owned(), d["path"].as_str().unwrap().to_owned())).collect()
    };
    let (code, report) = sync_from(temporary.path());
    assert_eq!(code, 1);
    let found = [("missing-translation", "en-us/only-english.md"), ("orphan-translation", "fr-fr/seulement.md")];
    assert_eq!(paths(&report), found.map(|(rule, path)| (rule.to_owned(), path.to_owned())));
    let (_, from_elsewhere) = sync_from(&crate::support::crate_root());
    let absolute = |path: &str| temporary.path().join(path).to_str().unwrap().to_owned();
    assert_eq!(paths(&from_elsewhere), found.map(|(rule, path)| (rule.to_owned(), absolute(path))));
    let diagnostics = report["diagnostics"].as_array().unwrap();
    // The missing translation is located where it can be shown: line 1 of the English file, naming the French path.
    assert_eq!(diagnostics[0]["line"], 1);
    assert_eq!(
        diagnostics[0]["message"],
        "the English file has no French translation: fr-fr/only-english.md does not exist"
    );
    let github =
        checkdown().current_dir(temporary.path()).args(["sync", "--format", "github"]).args([&english, &french]).run();
    assert!(
        github.stdout.lines().any(|line| line.starts_with("::notice file=en-us/only-english.md,line=1,")),
        "{}",
        github.stdout
    );
    assert_eq!(report["summary"]["files"], 1);
}

#[test]
fn github_annotations_put_errors_first_and_log_every_finding_left_out() {
    let Some(corpus) = corpus() else { return };
    let run_in_corpus =
        |format: &str| checkdown().current_dir(&corpus).args(["sync", "en-us", "fr-fr", "--format", format]).run();
    let (github, json) = (run_in_corpus("github"), run_in_corpus("json"));
    assert_eq!(github.code, 1, "the corpus has errors: {}", github.stderr);
    let report: Value = serde_json::from_str(&json.stdout).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let errors = diagnostics.iter().filter(|d| d["severity"] == "error").count();
    assert!(errors > 10, "{errors} errors: enough to fill GitHub's annotations");
    let lines: Vec<&str> = github.stdout.lines().collect();
    // The ten errors GitHub shows come first, whatever file they are in.
    assert!(lines[..10].iter().all(|line| line.starts_with("::error ")), "{:#?}", &lines[..12]);
    // Every finding is in the log: annotated, or a plain `path:line:column: severity[rule]: message` line.
    let annotated = lines.iter().filter(|line| line.starts_with("::") && line.contains(" file=")).count();
    let logged: Vec<&&str> =
        lines.iter().filter(|line| line.starts_with("fr-fr/") || line.starts_with("en-us/")).collect();
    assert_eq!(annotated + logged.len(), diagnostics.len());
    let logged_errors = logged.iter().filter(|line| line.contains(": error[")).count();
    assert_eq!(logged_errors, errors - 10);
    // The reviewer's case: an article whose findings sort late is in the log.
    assert!(lines.iter().any(|line| line.contains("unlimited-archiving")), "{}", github.stdout);
}

// One directory holding a folder per locale.

/// A docs root with `en-us/`, `fr-fr/` and `de-de/`, configured to compare English with French and with German. The
/// French lacks `b.md`; the German `a.md` was left in English.
fn locale_root() -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let english = "# Sign in\n\nSign in to the admin center with your global administrator account.\n";
    let files = [
        ("en-us/a.md", english),
        ("en-us/b.md", "# Billing\n\nSee your bills.\n"),
        ("fr-fr/a.md", "# Connexion\n\nConnectez-vous au centre d’administration avec votre compte.\n"),
        ("de-de/a.md", english),
        ("de-de/b.md", "# Abrechnung\n\nSehen Sie Ihre Rechnungen.\n"),
    ];
    for (path, text) in files {
        let path = root.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    std::fs::write(
        root.path().join("checkdown.toml"),
        "[sync]\nlocales = [[\"en-us\", \"fr-fr\"], [\"en-us\", \"de-de\"]]\n",
    )
    .unwrap();
    root
}

/// `(rule, path, message)` of every finding of `checkdown sync ARGS` run in `dir`, and the number of pairs compared.
fn findings_in(dir: &Path, args: &[&str]) -> (Vec<(String, String, String)>, u64) {
    let run = checkdown().current_dir(dir).args(["sync", "--format", "json", "--fail-on", "never"]).args(args).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let text = |value: &Value| value.as_str().unwrap().to_owned();
    let findings = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|finding| (text(&finding["rule"]), text(&finding["path"]), text(&finding["message"])))
        .collect();
    (findings, report["summary"]["files"].as_u64().unwrap())
}

#[test]
fn changed_compares_only_the_pairs_with_a_listed_file() {
    let root = locale_root();
    // Lines that name no compared file (a picture, a deleted page, a blank) are no pair's.
    std::fs::write(root.path().join("changed.txt"), "de-de/a.md\nmedia/picture.png\n\nfr-fr/deleted.md\n").unwrap();
    let (all, _) = findings_in(root.path(), &["."]);
    let (findings, files) = findings_in(root.path(), &[".", "--changed", "changed.txt"]);
    assert_eq!(files, 1);
    let (of_a, others): (Vec<_>, Vec<_>) = all.into_iter().partition(|(_, path, _)| path == "de-de/a.md");
    assert!(!of_a.is_empty() && !others.is_empty(), "the missing French b.md is another file's finding");
    assert_eq!(findings, of_a);
    // From standard input, as `git diff --name-only` prints them: from the repository's top folder, wherever the
    // run is. An English file brings every translation of it.
    std::fs::create_dir(root.path().join(".git")).unwrap();
    let run = checkdown()
        .current_dir(&root.path().join("de-de"))
        .args(["sync", "..", "--config", "../checkdown.toml", "--changed", "-", "--format", "json"])
        .stdin("en-us/a.md\n")
        .run();
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["summary"]["files"], 2, "fr-fr/a.md and de-de/a.md: {}", run.stderr);
    assert!(run.stderr.contains("--changed: 2 of the 3 pairs found have a listed file"), "{}", run.stderr);
    let missing = checkdown().current_dir(root.path()).args(["sync", ".", "--changed", "nowhere.txt"]).run();
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("nowhere.txt: cannot read the list of changed files"), "{}", missing.stderr);
}

#[test]
fn one_root_compares_every_configured_locale_pair() {
    let root = locale_root();
    let (findings, files) = findings_in(root.path(), &["."]);
    assert_eq!(files, 3, "fr-fr/a.md, de-de/a.md and de-de/b.md against their English files");
    assert_eq!(
        findings,
        [
            (
                "untranslated".to_owned(),
                "de-de/a.md".to_owned(),
                "this text is identical to English text: it is not translated into German".to_owned()
            ),
            (
                "missing-translation".to_owned(),
                "en-us/b.md".to_owned(),
                "the English file has no French translation: fr-fr/b.md does not exist".to_owned()
            ),
        ]
    );
    // Naming the root twice, as SOURCE and TARGET, is the same run.
    assert_eq!(findings_in(root.path(), &[".", "."]), (findings, files));
}

#[test]
fn a_source_folder_without_markdown_files_stops_the_run() {
    let root = locale_root();
    std::fs::create_dir(root.path().join("empty")).unwrap();
    let run = checkdown().current_dir(root.path()).args(["sync", "empty", "fr-fr"]).run();
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("empty: no Markdown files to compare"), "{}", run.stderr);
}

/// Two folders whose files never line up (a folder level too many, a typo) compare nothing: a gate that passed then
/// would check nothing. The run stops, and says which folder would line the files up.
#[test]
fn folders_without_a_file_in_common_stop_the_run() {
    let root = tempfile::tempdir().unwrap();
    for file in ["docs/en-us/a.md", "docs/en-us/b.md", "docs/fr-fr/admin/a.md", "docs/fr-fr/admin/b.md"] {
        let path = root.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "# A\n\nText.\n").unwrap();
    }
    let run = checkdown().current_dir(root.path()).args(["sync", "docs/en-us", "docs/fr-fr"]).run();
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_eq!(run.stdout, "", "no report of a comparison that did not happen");
    assert!(
        run.stderr.contains(
            "docs/en-us (2 Markdown files) and docs/fr-fr (2) have no file at the same relative path, so nothing \
             would be compared; did you mean docs/fr-fr/admin?"
        ),
        "{}",
        run.stderr
    );
    let lined_up = checkdown().current_dir(root.path()).args(["sync", "docs/en-us", "docs/fr-fr/admin"]).run();
    assert_eq!(lined_up.code, 0, "{}{}", lined_up.stdout, lined_up.stderr);
}

#[test]
fn a_configured_locale_without_its_folder_stops_the_run() {
    let root = locale_root();
    std::fs::write(
        root.path().join("checkdown.toml"),
        "[sync]\nlocales = [[\"en-us\", \"fr-fr\"], [\"en-us\", \"es-es\"]]\n",
    )
    .unwrap();
    let run = checkdown().current_dir(root.path()).args(["sync", "."]).run();
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.contains("es-es: no such folder"), "{}", run.stderr);
    assert!(run.stderr.contains("`en-us` and `es-es`"), "{}", run.stderr);
    assert_eq!(run.stdout, "", "nothing is compared");
    // A locale folder alone is no docs root: the message says what to pass, not a setting the user never made.
    let locale_folder = checkdown().current_dir(root.path()).args(["sync", "en-us"]).run();
    assert_eq!(locale_folder.code, 2);
    assert!(
        locale_folder.stderr.contains(
            "pass the folder above it, `checkdown sync .`, or SOURCE and TARGET, `checkdown sync en-us fr-fr`"
        ),
        "{}",
        locale_folder.stderr
    );
    let alone = checkdown().current_dir(root.path()).args(["sync", "en-us/a.md"]).run();
    assert_eq!(alone.code, 2);
    assert!(alone.stderr.contains("en-us/a.md: a file needs its translation as TARGET"), "{}", alone.stderr);
}

// The command's contract.

#[test]
fn no_progress_line_when_standard_error_is_not_a_terminal() {
    let temporary = tempfile::tempdir().unwrap();
    for (locale, text) in [("en-us", "# Title\n\nSome text.\n"), ("fr-fr", "# Titre\n\nDu texte.\n")] {
        std::fs::create_dir_all(temporary.path().join(locale)).unwrap();
        std::fs::write(temporary.path().join(locale).join("a.md"), text).unwrap();
    }
    // Outside CI, so only the terminal test keeps the line away: the test's standard error is a pipe.
    let run = checkdown()
        .args(["sync"])
        .args([temporary.path().join("en-us"), temporary.path().join("fr-fr")])
        .env("CI", "false")
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
}

#[test]
fn exit_codes_follow_fail_on_and_max_warnings() {
    let code = |args: &[&str]| checkdown().args(["sync", EN, FR]).args(args).run().code;
    assert_eq!(code(&[]), 1, "errors fail by default");
    assert_eq!(code(&["--fail-on", "never"]), 0);
    // Never failing and failing on too many warnings contradict each other: refused, not one silently winning.
    let contradiction = checkdown().args(["sync", EN, FR, "--fail-on", "never", "--max-warnings", "100"]).run();
    assert_eq!(contradiction.code, 2);
    assert!(contradiction.stderr.contains("give one or the other"), "{}", contradiction.stderr);
    // An English copy left as the translation: warnings only (untranslated text), which fail on warnings alone.
    let temporary = tempfile::tempdir().unwrap();
    let copy = temporary.path().join("fr-fr/close.md");
    std::fs::create_dir(copy.parent().unwrap()).unwrap();
    std::fs::copy(crate::support::crate_root().join(EN), &copy).unwrap();
    let against_copy = |fail_on: &str| checkdown().args(["sync", EN]).args([&copy]).args(["--fail-on", fail_on]).run();
    assert_eq!(against_copy("error").code, 0, "{}", against_copy("error").stdout);
    assert_eq!(against_copy("warning").code, 1);
}

#[test]
fn the_command_refuses_what_it_cannot_do_with_exit_2() {
    let missing = checkdown().args(["sync", EN, "content/fr-fr/nothing.md"]).run();
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("content/fr-fr/nothing.md: no such file or directory"), "{}", missing.stderr);
    let itself = checkdown().args(["sync", EN, &format!("./{EN}")]).run();
    assert_eq!(itself.code, 2);
    assert!(itself.stderr.contains("SOURCE and TARGET are the same file"), "{}", itself.stderr);
    let mixed = checkdown().args(["sync", EN, "content/fr-fr"]).run();
    assert_eq!(mixed.code, 2);
    assert!(mixed.stderr.contains("must both be files or both be directories"), "{}", mixed.stderr);
    let unknown = checkdown().args(["sync", "--explain", "no-such-rule"]).run();
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("unknown rule `no-such-rule`"), "{}", unknown.stderr);
    let usage = checkdown().args(["sync", EN]).run();
    assert_eq!(usage.code, 2);
}

#[test]
fn an_existing_output_file_is_never_replaced_without_force() {
    let temporary = tempfile::tempdir().unwrap();
    let report = temporary.path().join("report.sarif");
    std::fs::write(&report, "keep me").unwrap();
    let refused = checkdown().args(["sync", EN, FR, "--format", "sarif", "-o"]).args([&report]).run();
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("report.sarif already exists; pass --force"), "{}", refused.stderr);
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "keep me");
    let forced = checkdown().args(["sync", EN, FR, "--format", "sarif", "--force", "-o"]).args([&report]).run();
    assert_eq!(forced.code, 1, "{}", forced.stderr);
    assert!(forced.stdout.is_empty());
    assert!(forced.stderr.contains("report written to"), "{}", forced.stderr);
    assert!(std::fs::read_to_string(&report).unwrap().contains("\"version\": \"2.1.0\""));
    let new_file = temporary.path().join("new.json");
    let created = checkdown().args(["sync", EN, FR, "--format", "json", "-o"]).args([&new_file]).run();
    assert_eq!(created.code, 1);
    assert!(new_file.is_file());
    // A device is written to, not replaced: `-o /dev/null` needs no --force, and stays the device.
    let discarded = checkdown().args(["sync", EN, FR, "--format", "json", "-o", "/dev/null"]).run();
    assert_eq!(discarded.code, 1, "{}", discarded.stderr);
    assert!(discarded.stderr.contains("report written to /dev/null"), "{}", discarded.stderr);
    assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
}

/// A report is never written over a file the run compares, `--force` or not, nor as a Markdown file among the
/// compared articles, which the next run would read as one.
#[test]
fn the_report_never_replaces_a_compared_file() {
    let temporary = tempfile::tempdir().unwrap();
    let (en, fr) = (temporary.path().join("en-us"), temporary.path().join("fr-fr"));
    for (folder, file) in [(&en, EN), (&fr, FR)] {
        std::fs::create_dir(folder).unwrap();
        std::fs::copy(file, folder.join("close-your-account.md")).unwrap();
    }
    let translation = fr.join("close-your-account.md");
    let sync = |source: &std::path::Path, target: &std::path::Path, report: &std::path::Path| {
        checkdown().args(["sync", "--force", "-o"]).args([report, source, target]).run()
    };
    let refused = sync(&en.join("close-your-account.md"), &translation, &translation);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("close-your-account.md: this run reads that file, so its output is not written there"),
        "{}",
        refused.stderr
    );
    assert_eq!(std::fs::read(&translation).unwrap(), std::fs::read(FR).unwrap());
    let among = sync(&en, &fr, &fr.join("drift.md"));
    assert_eq!(among.code, 2, "{}", among.stderr);
    assert!(among.stderr.contains("drift.md: a Markdown file in "), "{}", among.stderr);
    assert!(!fr.join("drift.md").exists());
    // Beside the articles, or in another format among them, the report is written; one folder compares its locale
    // folders, not what lies beside them.
    assert_eq!(sync(&en, &fr, &fr.join("drift.json")).code, 1);
    assert_eq!(sync(&en, &fr, &temporary.path().join("drift.md")).code, 1);
    let root = temporary.path();
    let beside = sync(root, root, &root.join("summary.md"));
    assert_eq!(beside.code, 1, "{}", beside.stderr);
}

/// `-o report.sarif` is a SARIF report without `--format`, as a file for code scanning should be; a `--format` the
/// extension contradicts is refused before anything is written.
#[test]
fn the_output_file_s_extension_names_the_format() {
    let temporary = tempfile::tempdir().unwrap();
    let sync_to = |name: &str, format: &[&str]| {
        let output = temporary.path().join(name);
        let run = checkdown().args(["sync", EN, FR, "-o"]).args([&output]).args(format).run();
        (run, std::fs::read_to_string(&output).ok())
    };
    let (sarif, written) = sync_to("report.sarif", &[]);
    assert_eq!(sarif.code, 1, "{}", sarif.stderr);
    assert!(written.unwrap().contains("\"version\": \"2.1.0\""));
    let (markdown, written) = sync_to("summary.md", &[]);
    assert_eq!(markdown.code, 1, "{}", markdown.stderr);
    assert!(written.unwrap().starts_with("### checkdown: 2 errors"));
    let (contradiction, written) = sync_to("report.json", &["--format", "sarif"]);
    assert_eq!(contradiction.code, 2);
    assert!(
        contradiction.stderr.contains("report.json names a .json file but --format is sarif"),
        "{}",
        contradiction.stderr
    );
    assert_eq!(written, None, "nothing written");
    let (unknown, written) = sync_to("report.log", &[]);
    assert_eq!(unknown.code, 1, "{}", unknown.stderr);
    assert!(written.unwrap().starts_with("warning[stale-source]: "), "text, as without -o");
}

#[test]
fn a_baseline_leaves_out_the_findings_it_holds_and_reports_new_drift_only() {
    let temporary = tempfile::tempdir().unwrap();
    for (locale, seed) in [("en-us", EN), ("fr-fr", FR)] {
        std::fs::create_dir_all(temporary.path().join(locale)).unwrap();
        std::fs::copy(seed, temporary.path().join(locale).join("a.md")).unwrap();
    }
    let sync = |args: &[&str]| {
        checkdown().current_dir(temporary.path()).args(["sync", "en-us/a.md", "fr-fr/a.md"]).args(args).run()
    };
    let written = sync(&["--format", "json", "-o", "baseline.json"]);
    assert_eq!(written.code, 1, "{}", written.stderr);
    let known =
        serde_json::from_str::<Value>(&std::fs::read_to_string(temporary.path().join("baseline.json")).unwrap())
            .unwrap()["diagnostics"]
            .as_array()
            .unwrap()
            .len();
    assert!(known >= 5, "the seed pair has drift to baseline: {known}");

    let unchanged = sync(&["--baseline", "baseline.json"]);
    assert_eq!(unchanged.code, 0, "{}", unchanged.stdout);
    assert_eq!(unchanged.stdout, format!("no findings (1 file checked, {known} findings of the baseline left out)\n"));

    // Two lines more above every finding, and one link changed: only the link is new.
    let french_path = temporary.path().join("fr-fr/a.md");
    let french = std::fs::read_to_string(&french_path).unwrap();
    let edited =
        french.replacen("\n# ", "\n<!-- relu -->\n\n# ", 1).replace("delete-a-user?view", "remove-a-user?view");
    std::fs::write(&french_path, edited).unwrap();
    let (code, report) = {
        let run = sync(&["--baseline", "baseline.json", "--format", "json", "--fail-on", "warning"]);
        (run.code, serde_json::from_str::<Value>(&run.stdout).unwrap())
    };
    assert_eq!(code, 1);
    assert_eq!(rules_and_lines(&report), [("link-mismatch".to_owned(), 52)]);
    assert_eq!(report["summary"]["baselined"], known);
    assert_eq!(report["summary"]["baseline_fixed"], 0);

    // A finding the baseline holds that the run does not find any more (its drift fixed) is counted, and named.
    let mut with_fixed: Value =
        serde_json::from_str(&std::fs::read_to_string(temporary.path().join("baseline.json")).unwrap()).unwrap();
    let gone = serde_json::json!({"path": "fr-fr/a.md", "fingerprint": "0123456789abcdef"});
    with_fixed["diagnostics"].as_array_mut().unwrap().push(gone);
    std::fs::write(temporary.path().join("with-fixed.json"), with_fixed.to_string()).unwrap();
    let fixed = sync(&["--baseline", "with-fixed.json"]);
    assert!(
        fixed.stderr.contains("note: 1 finding of the baseline no longer found: fixed; write the baseline again"),
        "{}",
        fixed.stderr
    );
    assert!(
        fixed.stdout.ends_with(&format!("{known} findings of the baseline left out, 1 fixed)\n")),
        "{}",
        fixed.stdout
    );

    let in_place = sync(&["--baseline", "baseline.json", "--format", "json", "-o", "./baseline.json", "--force"]);
    assert_eq!(in_place.code, 2);
    assert!(in_place.stderr.contains("would replace the baseline"), "{}", in_place.stderr);
    let kept = std::fs::read_to_string(temporary.path().join("baseline.json")).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&kept).unwrap()["diagnostics"].as_array().unwrap().len(), known);

    let other_folder = r#"{"diagnostics": [{"path": "docs/fr-fr/a.md", "fingerprint": "0123456789abcdef"}],
        "repository_folder": null}"#;
    std::fs::write(temporary.path().join("other.json"), other_folder).unwrap();
    let unrelated = sync(&["--baseline", "other.json"]);
    assert_eq!(unrelated.code, 1, "the baseline leaves nothing out: {}", unrelated.stderr);
    assert!(
        unrelated.stderr.contains("the baseline names none of the files compared (it names `docs/fr-fr/a.md`…)"),
        "{}",
        unrelated.stderr
    );

    let missing = sync(&["--baseline", "nowhere.json"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("nowhere.json: cannot read the baseline"), "{}", missing.stderr);
    std::fs::write(temporary.path().join("report.sarif"), "{\n  \"runs\": []\n}\n").unwrap();
    let not_json_report = sync(&["--baseline", "report.sarif"]);
    assert_eq!(not_json_report.code, 2);
    assert!(
        not_json_report.stderr.contains("report.sarif: not a baseline") && not_json_report.stderr.contains("line 3"),
        "{}",
        not_json_report.stderr
    );
}

/// A baseline committed at the top of a repository serves every folder of it: files are named from the top folder in
/// fingerprints, whatever folder checkdown runs in and however the paths are given.
#[test]
fn a_baseline_written_anywhere_in_a_repository_is_read_anywhere_in_it() {
    let repository = seed_repository();
    // Findings whose messages name the other side's file, by a path that depends on where checkdown runs.
    std::fs::write(repository.path().join("docs/en-us/only-en.md"), "# Only in English\n").unwrap();
    std::fs::write(repository.path().join("docs/fr-fr/only-fr.md"), "# Seulement en français\n").unwrap();
    let sync_in = |folder: &str, args: &[&Path]| {
        checkdown().current_dir(&repository.path().join(folder)).args(["sync"]).args(args).run()
    };
    let written = sync_in(".", &[Path::new("docs/en-us"), Path::new("docs/fr-fr"), Path::new("--format=json")]);
    let report: Value = serde_json::from_str(&written.stdout).unwrap();
    assert_eq!(report["repository_folder"], "");
    let known = report["diagnostics"].as_array().unwrap().len();
    std::fs::write(repository.path().join("baseline.json"), &written.stdout).unwrap();

    let baseline = repository.path().join("baseline.json");
    assert!(written.stdout.contains("docs/fr-fr/only-en.md does not exist"), "{}", written.stdout);
    let from_docs = sync_in("docs/en-us", &[Path::new("."), Path::new("../fr-fr"), Path::new("--baseline"), &baseline]);
    assert_eq!(from_docs.code, 0, "{}{}", from_docs.stdout, from_docs.stderr);
    assert_eq!(from_docs.stdout, format!("no findings (1 file checked, {known} findings of the baseline left out)\n"));
    let absolute = [repository.path().join("docs/en-us"), repository.path().join("docs/fr-fr")];
    let by_absolute_paths = sync_in("docs", &[&absolute[0], &absolute[1], Path::new("--baseline"), &baseline]);
    assert_eq!(by_absolute_paths.code, 0, "{}{}", by_absolute_paths.stdout, by_absolute_paths.stderr);

    // Written in a folder, read at the top: the baseline's paths are read from the folder it was written in.
    let in_folder = sync_in("docs/fr-fr", &[Path::new("../en-us"), Path::new("."), Path::new("--format=json")]);
    assert_eq!(serde_json::from_str::<Value>(&in_folder.stdout).unwrap()["repository_folder"], "docs/fr-fr");
    std::fs::write(&baseline, &in_folder.stdout).unwrap();
    let from_top =
        sync_in(".", &[Path::new("docs/en-us"), Path::new("docs/fr-fr"), Path::new("--baseline"), &baseline]);
    assert_eq!(from_top.code, 0, "{}{}", from_top.stdout, from_top.stderr);
    // And one finding fixed since is counted as fixed in its file, named from the top folder too.
    let mut one_more: Value = serde_json::from_str(&in_folder.stdout).unwrap();
    let gone = serde_json::json!({"path": "./close.md", "fingerprint": "0123456789abcdef"});
    one_more["diagnostics"].as_array_mut().unwrap().push(gone);
    std::fs::write(&baseline, one_more.to_string()).unwrap();
    let fixed = sync_in(".", &[Path::new("docs/en-us"), Path::new("docs/fr-fr"), Path::new("--baseline"), &baseline]);
    assert!(
        fixed.stdout.ends_with(&format!("{known} findings of the baseline left out, 1 fixed)\n")),
        "{}",
        fixed.stdout
    );

    // A baseline written before reports said where they were written is refused: its fingerprints hash other paths.
    let mut older = report.clone();
    older.as_object_mut().unwrap().remove("repository_folder");
    std::fs::write(&baseline, older.to_string()).unwrap();
    let refused = sync_in(".", &[Path::new("docs/en-us"), Path::new("docs/fr-fr"), Path::new("--baseline"), &baseline]);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("not a baseline") && refused.stderr.contains("repository_folder"),
        "{}",
        refused.stderr
    );
}

/// An article renamed (`git mv`) in both languages keeps its accepted findings: the baseline still names the old
/// path, which no longer exists, and its findings are found in the file the baseline names nothing in.
#[test]
fn a_renamed_article_keeps_its_baseline() {
    let repository = seed_repository();
    let sync = |args: &[&str]| {
        checkdown().current_dir(repository.path()).args(["sync", "docs/en-us", "docs/fr-fr"]).args(args).run()
    };
    let written = sync(&["--format", "json", "-o", "baseline.json"]);
    assert_eq!(written.code, 1, "{}", written.stderr);
    let baseline: Value =
        serde_json::from_str(&std::fs::read_to_string(repository.path().join("baseline.json")).unwrap()).unwrap();
    let known = baseline["diagnostics"].as_array().unwrap().len();
    for locale in ["en-us", "fr-fr"] {
        let folder = repository.path().join("docs").join(locale);
        std::fs::rename(folder.join("close.md"), folder.join("close-your-account.md")).unwrap();
    }

    let renamed = sync(&["--baseline", "baseline.json"]);
    assert_eq!(renamed.code, 0, "{}{}", renamed.stdout, renamed.stderr);
    assert_eq!(renamed.stdout, format!("no findings (1 file checked, {known} findings of the baseline left out)\n"));
    let note =
        format!("note: {known} findings of the baseline found in files moved or renamed since; write the baseline");
    assert!(renamed.stderr.contains(&note), "{}", renamed.stderr);
    assert!(!renamed.stderr.contains("names none of the files compared"), "{}", renamed.stderr);

    // Deleted instead, the article's findings are no longer anywhere: said once, and nothing is left out.
    std::fs::remove_file(repository.path().join("docs/fr-fr/close-your-account.md")).unwrap();
    std::fs::write(repository.path().join("docs/fr-fr/other.md"), "# Autre\n\nTexte.\n").unwrap();
    std::fs::write(repository.path().join("docs/en-us/other.md"), "# Other\n\nText.\n").unwrap();
    let deleted = sync(&["--baseline", "baseline.json"]);
    let note = format!("note: {known} findings of the baseline in files that no longer exist; write the baseline");
    assert!(deleted.stderr.contains(&note), "{}", deleted.stderr);
}

#[test]
fn rules_are_listed_and_explained() {
    let list = checkdown().args(["sync", "--list-rules"]).run();
    assert_eq!(list.code, 0);
    assert_eq!(list.stdout.lines().count(), 23);
    assert!(list.stdout.lines().any(|line| line.starts_with("list-item-count") && line.contains("error")));
    let explain = checkdown().args(["sync", "--explain", "untranslated"]).run();
    assert_eq!(explain.code, 0);
    for part in ["untranslated (default severity: warning)", "## What it does", "## Why", "## Example", "lingua"] {
        assert!(explain.stdout.contains(part), "{part}: {}", explain.stdout);
    }
}

#[test]
fn suppression_comments_and_configuration_silence_findings() {
    let temporary = tempfile::tempdir().unwrap();
    let french = std::fs::read_to_string(FR).unwrap();
    let suppressed = replace_line(&french, 78, |item| format!("{item}\n   <!-- checkdown-ignore untranslated -->"));
    let suppressed = format!("{suppressed}\n<!-- checkdown-ignore-file link-mismatch -->\n");
    let target = temporary.path().join("close-your-account.md");
    std::fs::write(&target, suppressed).unwrap();
    let (_, report) = sync_json(&[EN, target.to_str().unwrap()]);
    let found = rules_and_lines(&report);
    assert!(found.iter().all(|(rule, _)| rule != "untranslated" && rule != "link-mismatch"), "{found:?}");
    assert!(found.iter().any(|(rule, _)| rule == "list-item-count"), "{found:?}");

    let config = temporary.path().join("checkdown.toml");
    std::fs::write(&config, "[sync]\nrules = { list-item-count = \"note\", alert-mismatch = \"off\" }\n").unwrap();
    let (code, report) = sync_json(&[EN, FR, "--config", config.to_str().unwrap()]);
    assert_eq!(code, 0, "no error left");
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert!(diagnostics.iter().all(|d| d["rule"] != "alert-mismatch"));
    let list = diagnostics.iter().find(|d| d["rule"] == "list-item-count").unwrap();
    assert_eq!(list["severity"], "note");

    std::fs::write(&config, "[sync]\nignore = [\"close-your-account.md\"]\n").unwrap();
    let (code, report) = sync_json(&[EN, FR, "--config", config.to_str().unwrap()]);
    assert_eq!((code, report["summary"]["files"].as_u64()), (0, Some(0)));

    // In directory mode, a pattern that matches no file is said: misspelt, or written from another folder.
    std::fs::write(&config, "[sync]\nignore = [\"close-your-acount.md\", \"*.md\"]\n").unwrap();
    let folders = checkdown().args(["sync", "content/en-us", "content/fr-fr", "--config"]).args([&config]).run();
    assert_eq!(folders.code, 0, "{}", folders.stderr);
    assert_eq!(
        folders.stderr.lines().filter(|line| line.contains("warning: the ignore pattern")).collect::<Vec<_>>(),
        ["checkdown: warning: the ignore pattern `close-your-acount.md` matches no file of the compared folders \
          (patterns are relative to them: `includes/**` for en-us/includes/…)"]
    );

    std::fs::write(&config, "[sync]\n\nrules = { list-items = \"off\" }\n").unwrap();
    let bad = checkdown().args(["sync", EN, FR, "--config"]).args([&config]).run();
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("checkdown.toml:3: unknown rule `list-items`"), "{}", bad.stderr);
}

#[test]
fn git_history_says_how_far_behind_a_translation_is() {
    let temporary = tempfile::tempdir().unwrap();
    let root = temporary.path();
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .current_dir(root)
            .args(["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"])
            .args(args)
            .output()
            .expect("git runs");
        assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
        String::from_utf8_lossy(&status.stdout).trim().to_owned()
    };
    git(&["init", "-q"]);
    std::fs::create_dir_all(root.join("en-us")).unwrap();
    std::fs::create_dir_all(root.join("fr-fr")).unwrap();
    let english = "# Title\n\nSome text.\n";
    std::fs::write(root.join("en-us/a.md"), english).unwrap();
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "First version"]);
    let handed_off = git(&["rev-parse", "HEAD"]);
    let hash: String = sha1_of(english).iter().map(|byte| format!("{byte:02x}")).collect();
    let french = format!(
        "---\nms.openlocfilehash: {hash}\nms.sourcegitcommit: {handed_off}\nms.contentlocale: fr-FR\n---\n# Titre\n\nDu texte.\n"
    );
    std::fs::write(root.join("fr-fr/a.md"), french).unwrap();
    let fresh = checkdown()
        .args(["sync", "--git", "--format", "json"])
        .args([root.join("en-us/a.md")])
        .args([root.join("fr-fr/a.md")])
        .run();
    assert!(!fresh.stdout.contains("stale-source"), "{}", fresh.stdout);

    std::fs::write(root.join("en-us/a.md"), "# Title\n\nSome changed text.\n\nA new paragraph.\n").unwrap();
    git(&["commit", "-q", "-am", "Add a paragraph"]);
    let stale_run = |format: &str| {
        checkdown()
            .args(["sync", "--git", "--format", format])
            .args([root.join("en-us/a.md")])
            .args([root.join("fr-fr/a.md")])
            .run()
    };
    let report: Value = serde_json::from_str(&stale_run("json").stdout).unwrap();
    let finding = report["diagnostics"].as_array().unwrap().iter().find(|d| d["rule"] == "stale-source").unwrap();
    let message = finding["message"].as_str().unwrap();
    assert_eq!(
        message,
        "the French file was translated from another version of the English file: `ms.openlocfilehash` is not the SHA-1 of the English file as it is now (with LF or CRLF line ends)",
        "the history moves on: it is not the message's"
    );
    // The note says what to write once the translation is up to date (the SHA-1 of the English file as it is), how
    // far behind it is, then the change itself: the line removed and the lines added since the hand-off.
    let note = finding["note"].as_str().unwrap();
    let short = &handed_off[..7];
    let english_crlf = std::fs::read_to_string(root.join("en-us/a.md")).unwrap().replace('\n', "\r\n");
    let english_hash: String = sha1_of(&english_crlf).iter().map(|byte| format!("{byte:02x}")).collect();
    let (first, rest) = note.split_once('\n').unwrap();
    let (history, diff) = rest.split_once('\n').unwrap();
    assert!(history.starts_with("1 commit changed the English file since `ms.sourcegitcommit`"), "{history}");
    assert!(history.contains("(+3 −1 lines)") && history.contains("Add a paragraph"), "{history}");
    assert_eq!(
        first,
        format!(
            "when the French file is up to date with the English file as it is now, set `ms.openlocfilehash: {english_hash}`"
        )
    );
    assert!(diff.starts_with(&format!("what changed in the English file since `ms.sourcegitcommit` {short}:\n@@")));
    for line in ["\n-Some text.\n", "\n+Some changed text.\n", "\n+A new paragraph"] {
        assert!(note.contains(line), "{line:?} in {note}");
    }
    let text = stale_run("text").stdout;
    assert!(text.contains(&format!("what changed in the English file since `ms.sourcegitcommit` {short}:")));
    assert!(text.contains("        +A new paragraph.\n"), "{text}");

    // A commit the history does not know is said so, not a failure.
    let unknown = "0123456789abcdef0123456789abcdef01234567";
    let french = std::fs::read_to_string(root.join("fr-fr/a.md")).unwrap().replace(&handed_off, unknown);
    std::fs::write(root.join("fr-fr/a.md"), french).unwrap();
    let run = stale_run("json");
    assert_eq!(run.code, 0, "a warning does not fail the run: {}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    let finding = report["diagnostics"].as_array().unwrap().iter().find(|d| d["rule"] == "stale-source").unwrap();
    assert_eq!(
        finding["note"].as_str(),
        Some(format!("{first}\n`ms.sourcegitcommit` 0123456 is not in the history of the English repository").as_str()),
        "no diff to show"
    );

    // In a shallow clone (as CI checks out by default), the hand-off commit is beyond the history: said so.
    git(&["clone", "-q", "--depth", "1", &format!("file://{}", root.display()), "shallow"]);
    let shallow = root.join("shallow");
    std::fs::create_dir_all(shallow.join("fr-fr")).unwrap();
    let french = std::fs::read_to_string(root.join("fr-fr/a.md")).unwrap().replace(unknown, &handed_off);
    std::fs::write(shallow.join("fr-fr/a.md"), french).unwrap();
    let run = checkdown()
        .args(["sync", "--git", "--format", "json"])
        .args([shallow.join("en-us/a.md"), shallow.join("fr-fr/a.md")])
        .run();
    assert!(run.stdout.contains("a shallow clone: fetch its whole history (`git fetch --unshallow`"), "{}", run.stdout);

    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("a.md"), english).unwrap();
    let no_repository =
        checkdown().args(["sync", "--git"]).args([outside.path().join("a.md")]).args([root.join("fr-fr/a.md")]).run();
    assert_eq!(no_repository.code, 2, "{}", no_repository.stderr);
    assert!(no_repository.stderr.contains("--git needs the source in a git repository"), "{}", no_repository.stderr);
}

fn sha1_of(text: &str) -> [u8; 20] {
    use sha1::Digest as _;
    sha1::Sha1::digest(text.as_bytes()).into()
}
