//! `checkdown parse`: the model of the seed articles, Learn extensions, moniker selection, and bad input.

use std::path::Path;

use serde_json::Value;

use crate::support::{checkdown, compact_spans};

const EN: &str = "content/en-us/close-your-account.md";
const FR: &str = "content/fr-fr/close-your-account.md";
const FIXTURES: &str = "tests/integration/parse";

fn parse_json(args: &[&str]) -> Value {
    let run = checkdown().args(std::iter::once("parse").chain(args.iter().copied())).run();
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("parse prints JSON")
}

fn substep_counts(model: &Value) -> Vec<usize> {
    model["steps"].as_array().unwrap().iter().map(|step| step["substeps"].as_array().unwrap().len()).collect()
}

fn step_ids(model: &Value) -> Vec<&str> {
    model["steps"].as_array().unwrap().iter().map(|step| step["id"].as_str().unwrap()).collect()
}

fn titles(sections: &Value) -> Vec<&str> {
    sections.as_array().unwrap().iter().map(|section| section["title"].as_str().unwrap()).collect()
}

#[test]
fn english_seed_has_five_steps_and_its_moniker_zone() {
    let model = parse_json(&[EN]);
    assert_eq!(model["locale"], "en-us");
    assert_eq!(model["title"], "Close your account");
    assert_eq!(substep_counts(&model), [0, 5, 6, 3, 5]);
    assert_eq!(model["prerequisites"], Value::Null);
    assert_eq!(model["intro"][0]["kind"], "moniker");
    assert_eq!(model["intro"][0]["range"], "o365-21vianet");
    // The note's second line has no `>`: a lazy continuation that still belongs to the alert.
    let note = &model["intro"][0]["blocks"][0];
    assert_eq!(note["alert"], "NOTE");
    assert_eq!(note["blocks"][0]["inlines"][1]["kind"], "link");
    insta::assert_yaml_snapshot!("english_seed_model", compact_spans(model));
}

#[test]
fn french_seed_has_the_same_step_ids_and_a_prerequisites_section() {
    let english = parse_json(&[EN]);
    let model = parse_json(&[FR]);
    assert_eq!(model["locale"], "fr-fr");
    assert_eq!(model["title"], "Fermer votre compte");
    assert_eq!(step_ids(&model), step_ids(&english));
    assert_eq!(substep_counts(&model), [0, 5, 6, 4, 5]);
    assert_eq!(model["prerequisites"]["id"], "before-you-begin");
    assert_eq!(model["prerequisites"]["title"], "Avant de commencer");
    assert_eq!(model["intro"][0]["range"], "o365-21vianet");
    assert_eq!(model["front_matter"]["ms.contentlocale"], "fr-FR");
    // The step's title drops "Étape 1 :"; the anchor is gone from the heading.
    assert_eq!(model["steps"][0]["title"], "Supprimer des utilisateurs");
    assert_eq!(model["steps"][0]["heading"], "Étape 1 : Supprimer des utilisateurs");
    insta::assert_yaml_snapshot!("french_seed_model", compact_spans(model));
}

#[test]
fn yaml_output_is_the_same_model() {
    let run = checkdown().args(["parse", FR, "--format", "yaml"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let from_yaml: Value = serde_yaml::from_str(&run.stdout).unwrap();
    assert_eq!(from_yaml, parse_json(&[FR]));
}

/// `-` reads the article from standard input, for an editor or a script that has it in hand: the same model, named
/// `<stdin>`; what cannot be an article is refused as a file is.
#[test]
fn standard_input_is_read_as_a_file_is() {
    let text = std::fs::read_to_string(crate::support::crate_root().join(FR)).unwrap();
    let run = checkdown().args(["parse", "-"]).stdin(&text).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut from_stdin: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(from_stdin["path"], "<stdin>");
    from_stdin["path"] = Value::from(FR);
    assert_eq!(from_stdin, parse_json(&[FR]));
    let empty = checkdown().args(["parse", "-"]).stdin(" \n").run();
    assert_eq!((empty.code, empty.stderr.as_str()), (2, "checkdown: error: <stdin>:1: the file is empty\n"));
    let unclosed = checkdown().args(["parse", "-"]).stdin("# T\n\n::: moniker range=\"x\"\n\nText.\n").run();
    assert_eq!(unclosed.code, 0, "{}", unclosed.stderr);
    assert!(unclosed.stderr.starts_with("<stdin>:3:1: warning[parse-error]: "), "{}", unclosed.stderr);
}

/// `-` on a terminal would wait for an article typed by hand: it is refused at once, saying how to pipe one in. The
/// terminal is a pseudo-terminal made by util-linux's `script`.
#[test]
fn standard_input_on_a_terminal_is_refused_rather_than_waited_for() {
    let command = format!("{} parse -", env!("CARGO_BIN_EXE_checkdown"));
    let output = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("util-linux's script runs");
    let printed = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{printed}");
    assert!(printed.contains("<stdin>: standard input is a terminal; pipe an article in"), "{printed}");
}

/// The outline shows a writer what a checklist will make of an article: every heading, its line and its part.
#[test]
fn the_outline_shows_each_heading_s_part_in_the_procedure() {
    let fixture = format!("{FIXTURES}/steps-under-groups.md");
    let run = checkdown().args(["parse", &fixture, "--format", "outline"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("outline_steps_under_groups", run.stdout);
}

#[test]
fn learn_extensions_become_model_nodes() {
    let model = parse_json(&[&format!("{FIXTURES}/docs/articles/extensions.md")]);
    insta::assert_yaml_snapshot!("extensions_model", compact_spans(model.clone()));
    let sections = &model["sections"][0];
    assert_eq!(sections["id"], "setup");
    assert_eq!(sections["title"], "Set up the widget");
    let ids: Vec<_> = sections["sections"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["prerequisites", "install-the-widget", "configure-the-widget", "install-the-widget-1"]);
    // The heading inside the moniker zone carries the zone's range.
    assert_eq!(sections["sections"][2]["moniker"], ">= widget-2");
}

/// The model keeps every block of the file: headings in a pivot zone or a `> [!div]` open sections that apply to
/// the zone's pivot, and what only the Azure portal shows stays in the section it sits in, headings and all, for
/// `sync` to compare. The step view is the page's.
#[test]
fn headings_in_zones_and_divs_open_sections_and_portal_content_stays_a_block() {
    let model = parse_json(&["tests/integration/render/pivots/pivot-steps.md"]);
    let title = &model["sections"][0];
    assert_eq!(title["blocks"][0]["kind"], "extension", "the docs zone before any heading: {title:#}");
    assert_eq!(title["blocks"][1]["attributes"][0], serde_json::json!({"name": "target", "value": "chromeless"}));
    assert_eq!(title["blocks"][1]["blocks"][1]["kind"], "heading", "the portal's step heading stays in its zone");
    let sections = &title["sections"];
    assert_eq!(
        titles(sections),
        [
            "Step 1: Install the app",
            "Step 2: Sign in",
            "Step 1: Install the app",
            "Step 2: Sign in",
            "Step 3: Check the connection"
        ]
    );
    let pivots: Vec<_> = sections.as_array().unwrap().iter().map(|section| section.get("pivot")).collect();
    let (windows, macos) = (serde_json::json!("windows"), serde_json::json!("macos"));
    assert_eq!(pivots, [Some(&windows), Some(&windows), Some(&macos), Some(&macos), None]);
    assert_eq!(
        step_ids(&model),
        [
            "step-1-install-the-app",
            "step-2-sign-in",
            "step-1-install-the-app-1",
            "step-2-sign-in-1",
            "step-3-check-the-connection"
        ]
    );
    assert_eq!(substep_counts(&model), [2, 2, 2, 2, 2]);
    let last = &sections[4];
    assert_eq!(last["blocks"][1]["kind"], "div", "the portal's div stays in the last section: {last:#}");
}

/// docfx's row example: columns indented under their row, and their content under them, are columns holding
/// paragraphs, a heading and a list, not code; spans point at the text where it stands in the file.
#[test]
fn indented_row_and_column_content_is_read_as_docfx_reads_it() {
    let article = "# T\n\n:::row:::\n    :::column span=\"2\":::\n        ![Icon](icon.png)\n        ### A headline\n        \
                   Some text.\n\n        1. One\n           - sub\n    :::column-end:::\n:::row-end:::\n";
    let run = checkdown().args(["parse", "-"]).stdin(article).run();
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
    let model: Value = serde_json::from_str(&run.stdout).unwrap();
    let row = &model["sections"][0]["blocks"][0];
    assert_eq!((row["kind"].as_str(), row["name"].as_str()), (Some("extension"), Some("row")));
    let column = &row["blocks"][0];
    assert_eq!(column["attributes"][0]["value"], "2");
    let kinds: Vec<&str> = column["blocks"].as_array().unwrap().iter().map(|b| b["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["paragraph", "heading", "paragraph", "list"]);
    let list = &column["blocks"][3];
    assert_eq!(list["items"][0]["blocks"][1]["kind"], "list", "the nested list stays nested");
    assert_eq!((list["span"]["line"].as_u64(), list["span"]["column"].as_u64()), (Some(9), Some(9)));
}

#[test]
fn sections_holding_ordered_lists_are_steps_when_no_heading_says_step() {
    let model = parse_json(&[&format!("{FIXTURES}/sections-with-lists.md")]);
    assert_eq!(titles(&model["steps"]), ["Create a connector", "Test the connector"]);
    assert_eq!(substep_counts(&model), [2, 1]);
    assert_eq!(model["steps"][0]["substeps"][1]["number"], 2);
    assert_eq!(model["prerequisites"]["title"], "Before you start");
    assert_eq!(model["outro"][0]["title"], "Next steps");
}

/// With no step headings, the outermost sections holding an ordered list are the steps, however deep: a heading
/// over them is their group, and a deeper heading before the first H2 changes nothing.
#[test]
fn ordered_lists_in_subsections_are_steps_too() {
    let model = parse_json(&[&format!("{FIXTURES}/procedures-in-subsections.md")]);
    assert_eq!(step_ids(&model), ["to-turn-it-on", "to-turn-it-off"]);
    assert_eq!(substep_counts(&model), [2, 3]);
    assert_eq!(model["steps"][0]["level"], 3);
    assert_eq!(titles(&model["steps"][0]["groups"]), ["Manage encryption"]);
    assert_eq!(model["prerequisites"]["title"], "Prerequisites for setting up encryption");
    assert_eq!(titles(&model["intro_sections"]), ["Video: encryption in five minutes", "Overview"]);
    assert_eq!(titles(&model["outro"]), ["Reference"]);
}

/// An article whose only ordered list is right under its title is one step: the title's.
#[test]
fn a_list_under_the_title_is_a_one_step_procedure() {
    let model = parse_json(&[&format!("{FIXTURES}/procedure-under-the-title.md")]);
    assert_eq!(step_ids(&model), ["create-a-new-case"]);
    assert_eq!(
        (model["steps"][0]["title"].as_str(), model["steps"][0]["label"].as_str()),
        (Some("Create a new case"), None)
    );
    assert_eq!(substep_counts(&model), [3]);
    assert_eq!(model["steps"][0]["substeps"][2]["text"], "Select Create a case.");
    assert_eq!(model["intro"], serde_json::json!([]), "the text before the list is the step's");
    assert_eq!(model["outro"][0]["title"], "More information");
}

/// Every section of the article, by title, as the procedure view shows it: a heading over steps is the group its
/// first step opens, with its own text and the sections before that step; no section is left out or shown twice.
#[test]
fn sections_above_the_steps_stay_in_the_procedure_view() {
    let model = parse_json(&[&format!("{FIXTURES}/steps-under-groups.md")]);
    assert_eq!(model["prerequisites"]["title"], "What do you need to know before you begin?");
    assert_eq!(titles(&model["intro_sections"]), ["Messages you can revoke"]);
    assert_eq!(step_ids(&model), ["step-1-find-the-message", "step-2-revoke-it", "step-3-connect"]);
    assert_eq!(substep_counts(&model), [0, 1, 1]);
    let groups: Vec<_> = model["steps"].as_array().unwrap().iter().map(|step| titles(&step["groups"])).collect();
    assert_eq!(groups, [vec!["Revoke in the portal"], vec![], vec!["Revoke with PowerShell"]]);
    let group = &model["steps"][0]["groups"][0];
    assert_eq!(group["blocks"][0]["inlines"][0]["text"], "Use the portal when you can.");
    assert_eq!(titles(&group["sections"]), ["Who can revoke"], "the group's steps are shown as steps, not twice");
    assert_eq!(titles(&model["steps"][0]["sections"]), ["By message trace"]);
    assert!(titles(&model["steps"][1]["sections"]).is_empty());
    assert_eq!(titles(&model["outro"]), ["Related articles"]);
}

/// A section between a group's heading and the group's first step is the group's, even after a step: read after
/// that heading, it is no section of the step before (which would print it inside that step, ahead of its heading).
#[test]
fn a_section_before_a_group_s_first_step_stays_under_its_heading() {
    let model = parse_json(&[&format!("{FIXTURES}/sections-before-grouped-steps.md")]);
    assert_eq!(step_ids(&model), ["add-satellite-locations", "cloud-only-users"]);
    assert!(titles(&model["steps"][0]["sections"]).is_empty(), "{}", model["steps"][0]["sections"]);
    let group = &model["steps"][1]["groups"][0];
    assert_eq!(group["title"], "Set preferred data locations");
    assert_eq!(titles(&group["sections"]), ["Synchronized users"]);
    assert_eq!(group["span"]["end_line"], 17, "the group runs to the end of its section before the step");
    assert_eq!(titles(&model["outro"]), ["Validate the configuration"]);
}

#[test]
fn moniker_selects_zones() {
    let worldwide = parse_json(&[EN, "--moniker", "o365-worldwide"]);
    assert_ne!(worldwide["intro"][0]["kind"], "moniker", "the 21Vianet-only note is gone");
    let vianet = parse_json(&[EN, "--moniker", "O365-21Vianet"]);
    assert_eq!(vianet["intro"][0]["kind"], "moniker");
    for garbled in ["", "o365 worldwide", "||", "o365-21vianet>"] {
        let run = checkdown().args(["parse", EN, "--moniker", garbled]).run();
        assert_eq!(run.code, 2, "--moniker {garbled:?}: {}", run.stderr);
        assert!(run.stderr.contains("a moniker name is letters, digits"), "{}", run.stderr);
    }
    let run = checkdown().args(["render", "--format", "txt", "--moniker", "o365 worldwide"]).run();
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// A code fence left open turns the rest of the article into code, steps and all, on Learn too: it is a warning
/// naming the fence's line and where the code ends, not a silent loss of steps.
#[test]
fn a_code_fence_never_closed_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(
        dir.path(),
        "run.md",
        "# T\n\n## Step 1: Run\n\n```powershell\nGet-Thing\n``\n\n## Step 2: Check\n\n1. Look.\n",
    );
    let run = checkdown().args(["parse", &article]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = format!(
        "{article}:5:1: warning[parse-error]: this code fence is never closed, so everything after it up to line 11, \
         where its file, list item or note ends, is code, not text (on Learn too): close it with a ` ``` ` line\n"
    );
    assert_eq!(run.stderr, expected);
    let model: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(model["steps"].as_array().unwrap().len(), 1, "as on Learn, step 2 is code");
}

#[test]
fn a_closing_fence_at_the_wrong_indentation_is_one_warning_that_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let warnings = |name: &str, text: &str| {
        let article = write(dir.path(), name, text);
        let run = checkdown().args(["parse", &article]).run();
        assert_eq!(run.code, 0, "{}", run.stderr);
        run.stderr.lines().map(|line| line.replacen(&article, "", 1)).collect::<Vec<_>>()
    };
    // Four columns into its item, a fence line is code: the block runs on to the end of the item. The
    // message quotes the fence as written there.
    let deeper = warnings("deeper.md", "# T\n\n1. Run:\n\n   ```\n   Get-Thing\n       ````\n\n2. Check.\n");
    assert_eq!(
        deeper,
        [
            ":5:4: warning[parse-error]: this code fence is never closed, so everything after it up to line 8, where its \
          file, list item or note ends, is code, not text (on Learn too): the ` ```` ` at line 7 is indented too far \
          to close it, so it is code; indent it as this fence"
        ]
    );
    // Four columns are counted from the margin: a fence three columns past an opening fence indented by two is code.
    let margin = warnings("margin.md", "# T\n\n  ```\n  Get-Thing\n     ```\n\n## Next\n\nText.\n");
    assert_eq!(
        margin,
        [
            ":3:3: warning[parse-error]: this code fence is never closed, so everything after it up to line 9, where its \
          file, list item or note ends, is code, not text (on Learn too): the ` ``` ` at line 5 is indented too far to \
          close it, so it is code; indent it as this fence"
        ]
    );
    // Without its note's `>`, the fence is outside the note: indenting it would not bring it back in.
    let unquoted = warnings("unquoted.md", "# T\n\n> [!NOTE]\n> Run:\n>\n> ```\n> Get-Thing\n```\n\nWait.\n");
    assert_eq!(
        unquoted,
        [
            ":6:3: warning[parse-error]: this code fence is never closed, so everything after it up to line 7, where its \
          file, list item or note ends, is code, not text (on Learn too): the ` ``` ` at line 8 lacks the `>` of its \
          note, so it is outside the note, where it opens a code block of its own; write it as ` > ``` ` under this \
          fence"
        ]
    );
    // Indented less than its opening fence, it is outside the nested item, and opens a block of its own: one warning,
    // at the block it was meant to close.
    let outside =
        warnings("outside.md", "# T\n\n1. Run:\n\n   - One:\n\n     ```\n     Get-Thing\n   ```\n\n   - Two.\n");
    assert_eq!(
        outside,
        [
            ":7:6: warning[parse-error]: this code fence is never closed, so everything after it up to line 8, where its \
          file, list item or note ends, is code, not text (on Learn too): the ` ``` ` at line 9, indented less than \
          this fence, is outside its list item or note, where it opens a code block of its own; indent it as this \
          fence"
        ]
    );
}

/// A code block that holds a line opening another (` ```xml `) took in what a lost fence left open: its first lines
/// are another block's code, then text, steps and all. The text's fences still close somewhere, so only that line
/// tells.
#[test]
fn a_code_block_holding_a_fence_with_a_language_is_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# T\n\n## Step 1: Run\n\n```powershell\nGet-Thing\n\n## Step 2: Check\n\n```xml\n<a/>\n```\n";
    let article = write(dir.path(), "run.md", text);
    let run = checkdown().args(["parse", &article]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = format!(
        "{article}:5:1: warning[parse-error]: line 10 inside this code block opens a `xml` code block of its own: the \
         code fences up to there are paired wrongly (one is missing or extra), so text around here is code, not text \
         (on Learn too): check them up to line 10\n"
    );
    assert_eq!(run.stderr, expected);
    // Shown code: a longer fence around it, or the other marker; a line four columns in, or a tab in, is code too.
    for shown in [
        "````md\n```xml\n<a/>\n```\n````\n",
        "~~~md\n```xml\n<a/>\n```\n~~~\n",
        "```\n    ```xml\n```\n",
        "```\n\t```xml\n```\n",
        "1. Step:\n\n   ```\n       ```xml\n   ```\n",
    ] {
        let article = write(dir.path(), "shown.md", format!("# T\n\n{shown}"));
        let run = checkdown().args(["parse", &article]).run();
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{shown}");
    }
}

/// A step's id names the same heading whatever variant is selected: a heading another variant leaves out still counts
/// in the `-1` suffixes after it, so results and check bindings keyed by id tick the right step.
#[test]
fn step_ids_are_the_whole_articles_under_any_moniker() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(
        dir.path(),
        "sign-in.md",
        "# T\n\n::: moniker range=\"o365-worldwide\"\n## Sign in\n\n1. Open the worldwide portal.\n::: moniker-end\n\n\
         ## Sign in\n\n1. Sign in.\n\n## Finish\n\n1. Close.\n",
    );
    let steps = |moniker: &[&str]| {
        let model = parse_json(&[&[article.as_str()], moniker].concat());
        let steps = model["steps"].as_array().unwrap().clone();
        steps.iter().map(|step| format!("{} {}", step["number"], step["id"].as_str().unwrap())).collect::<Vec<_>>()
    };
    assert_eq!(steps(&[]), ["1 sign-in", "2 sign-in-1", "3 finish"]);
    assert_eq!(steps(&["--moniker", "o365-worldwide"]), ["1 sign-in", "2 sign-in-1", "3 finish"]);
    assert_eq!(steps(&["--moniker", "o365-21vianet"]), ["1 sign-in-1", "2 finish"]);
}

/// An included file's moniker zones are selected as the article's own are.
#[test]
fn moniker_selects_zones_in_included_files_too() {
    let dir = tempfile::tempdir().unwrap();
    let article = write(dir.path(), "article.md", "# T\n\n[!INCLUDE [note](note.md)]\n");
    write(dir.path(), "note.md", "::: moniker range=\"a\"\n\nOnly for a.\n\n::: moniker-end\n\nFor all.\n");
    let texts = |moniker: &str| {
        let model = parse_json(&[&article, "--moniker", moniker]);
        let included = model["sections"][0]["blocks"][0]["resolved"].as_array().unwrap().clone();
        included.iter().map(|block| block["kind"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
    };
    assert_eq!(texts("a"), ["moniker", "paragraph"]);
    assert_eq!(texts("b"), ["paragraph"]);
}

#[test]
fn ordered_ranges_need_configuration_and_say_so() {
    let article = format!("{FIXTURES}/docs/articles/extensions.md");
    let run = checkdown().args(["parse", &article, "--moniker", "widget-3"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("cannot evaluate `>=widget-2`"), "{}", run.stderr);
    assert!(run.stderr.contains("checkdown.toml"), "{}", run.stderr);

    // An article versioned zone by zone gets one warning, at its first zone, that names the others' lines.
    let dir = tempfile::tempdir().unwrap();
    let zone = |range: &str| format!("::: moniker range=\"{range}\"\n\nText.\n\n::: moniker-end\n\n");
    let zoned =
        write(dir.path(), "zoned.md", format!("# T\n\n{}{}{}", zone(">=vs-2022"), zone(">=vs-2022"), zone("<vs-2022")));
    let run = checkdown().args(["parse", &zoned, "--moniker", "vs-2022"]).run();
    let expected = "zoned.md:3:1: warning[parse-error]: cannot evaluate `>=vs-2022` without the ordered list of vs-2022's \
                    product: add it to [monikers] products in checkdown.toml; the zone is kept, and so are the 2 other \
                    zones that cannot be evaluated (lines 9, 15)\n";
    assert!(run.stderr.ends_with(expected), "{}", run.stderr);
    assert_eq!(run.stderr.matches("warning").count(), 1, "{}", run.stderr);

    let config = dir.path().join("checkdown.toml");
    std::fs::write(&config, "[monikers]\nproducts = [[\"widget-1\", \"widget-2\", \"widget-3\"]]\n").unwrap();
    let config = config.to_str().unwrap();
    let run = checkdown().args(["parse", &article, "--moniker", "widget-1", "--config", config]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let model: Value = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<_> =
        model["sections"][0]["sections"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert!(!ids.contains(&"configure-the-widget"), "{ids:?}");
    assert!(run.stderr.contains("does not include widget-1"), "the article's own monikerRange: {}", run.stderr);
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn unusable_input_exits_2_naming_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            write(dir.path(), "yaml.md", "---\ntitle: x\nbad: [a, b\n---\n# T\n"),
            "yaml.md:3:6: error[parse-error]: malformed front matter: did not find expected ',' or ']' at line 4 column 1, \
             while parsing a flow sequence at line 3 column 6",
        ),
        (write(dir.path(), "latin1.md", b"# Titre\n\nD\xe9j\xe0 vu\n"), "latin1.md:3:2: the file is not UTF-8"),
        (
            write(
                dir.path(),
                "utf16.md",
                "# T\n\ntext\n".encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<_>>(),
            ),
            "utf16.md:1:2: the file is not UTF-8 text (a NUL character: UTF-16 without a byte order mark?)",
        ),
        (write(dir.path(), "empty.md", "  \n\n"), "empty.md:1: the file is empty"),
        (dir.path().join("missing.md").to_str().unwrap().to_owned(), "missing.md: no such file"),
        (dir.path().to_str().unwrap().to_owned(), "is a directory"),
        (write(dir.path(), "range.md", "# T\n\n::: moniker range=\">= \"\nx\n::: moniker-end\n"), "range.md:3:1"),
    ];
    for (path, expected) in cases {
        let run = checkdown().args(["parse", &path]).run();
        assert_eq!(run.code, 2, "{path}: {}", run.stderr);
        assert!(run.stderr.contains(expected), "{path}: expected {expected:?} in {:?}", run.stderr);
        assert!(run.stdout.is_empty(), "{path}: no model on unusable input");
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    }
}

/// Standard input lies in no folder: its includes and code snippets are not read, and each says so.
#[test]
fn includes_read_from_standard_input_are_each_a_warning() {
    let text = "# T\n\n[!INCLUDE [x](includes/x.md)]\n\n:::code source=\"code/x.cs\":::\n";
    let run = checkdown().args(["parse", "-"]).stdin(text).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let why = "cannot be read: the article comes from standard input, which lies in no folder; give its file instead";
    assert!(run.stderr.contains(&format!("<stdin>:3:1: warning[parse-error]: included file includes/x.md {why}")));
    assert!(run.stderr.contains(&format!("<stdin>:5:1: warning[parse-error]: code snippet code/x.cs {why}")));
}

/// A front matter never closed is read as Learn reads it, a rule and its lines as text: a warning, and the model.
#[test]
fn an_unclosed_front_matter_is_read_as_text_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "unclosed-front.md", "---\ntitle: x\n# T\n");
    let run = checkdown().args(["parse", &path]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("unclosed-front.md:1:1: warning[parse-error]: the front matter opened here is never"));
    let model: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        (model["title"].as_str(), model["front_matter"].as_object().map(|keys| keys.len())),
        (Some("T"), Some(0))
    );
    assert!(run.stdout.contains("\"text\": \"title: x\""), "{}", run.stdout);
}

#[test]
fn a_file_of_50_megabytes_is_refused_with_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.md");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    let run = checkdown().args(["parse", path.to_str().unwrap()]).run();
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("huge.md: the file is 52428800 bytes; checkdown reads articles of up to"),
        "{}",
        run.stderr
    );
}

/// A device or a pipe has no size to check first: reading stops at the limit, never running out of memory.
#[test]
#[cfg(unix)]
fn an_endless_stream_is_refused_at_the_limit() {
    let run = checkdown().args(["parse", "/dev/zero"]).run();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("/dev/zero: more than 16777216 bytes to read; checkdown reads articles of up to"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unclosed_zone_is_a_warning_and_runs_to_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "zone.md", "# T\n\n::: moniker range=\"a\"\n\nInside.\n\n## Later\n\nStill inside.\n");
    let run = checkdown().args(["parse", &path]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("zone.md:3:1: warning[parse-error]: `::: moniker range=\"a\"` is never closed"),
        "{}",
        run.stderr
    );
    let model: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(model["sections"][0]["blocks"][0]["closed"], false);
    assert_eq!(model["sections"][0]["sections"][0]["moniker"], "a");
}

#[test]
fn a_zone_ends_only_at_an_end_line_with_as_many_colons() {
    let dir = tempfile::tempdir().unwrap();
    let text = "# T\n\n:::: moniker range=\"a\"\n\nInside.\n\n::: moniker-end\n\nStill inside.\n\n:::: moniker-end\n\nAfter.\n";
    let path = write(dir.path(), "colons.md", text);
    let run = checkdown().args(["parse", &path]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "colons.md:7:1: warning[parse-error]: this `moniker-end` has 3 colons; the zone opened at line 3 with 4 \
             ends only at `:::: moniker-end`; ignored"
        ),
        "{}",
        run.stderr
    );
    let model: Value = serde_json::from_str(&run.stdout).unwrap();
    let blocks = &model["sections"][0]["blocks"];
    assert_eq!(blocks[0]["kind"], "moniker");
    assert_eq!(blocks[0]["closed"], true);
    assert_eq!(blocks[0]["blocks"].as_array().unwrap().len(), 2, "both paragraphs are in the zone: {blocks:#}");
    assert_eq!(blocks[1]["kind"], "paragraph", "{blocks:#}");

    let unclosed = write(dir.path(), "open.md", "# T\n\n:::: moniker range=\"a\"\n\nInside.\n\n::: moniker-end\n");
    let run = checkdown().args(["parse", &unclosed]).run();
    assert!(run.stderr.contains("`:::: moniker range=\"a\"` is never closed by `:::: moniker-end`"), "{}", run.stderr);
}

#[test]
fn a_moniker_a_zone_almost_names_is_taken_for_a_misspelling() {
    let parse =
        |moniker: &str| checkdown().args(["parse", "content/en-us/close-your-account.md", "--moniker", moniker]).run();
    let misspelt = parse("o365-21vianett");
    assert_eq!(misspelt.code, 0, "{}", misspelt.stderr);
    assert!(
        misspelt.stderr.contains(
            "close-your-account.md:24:1: warning[parse-error]: no moniker zone names `o365-21vianett`; did you mean \
             `o365-21vianet`, which this zone names?"
        ),
        "{}",
        misspelt.stderr
    );
    // Another cloud, which the article's one zone does not name: nothing to say.
    for moniker in ["o365-worldwide", "O365-21VIANET"] {
        let run = parse(moniker);
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{moniker}");
    }
    // Another version of a zone's product, which a range such as `>=sql-server-ver15` may cover: no misspelling.
    let dir = tempfile::tempdir().unwrap();
    let versioned =
        write(dir.path(), "v.md", "# T\n\n::: moniker range=\"=sql-server-ver15\"\n\nA.\n\n::: moniker-end\n");
    let run = checkdown().args(["parse", &versioned, "--moniker", "sql-server-ver16"]).run();
    assert_eq!((run.code, run.stderr.as_str()), (0, ""));
}

/// As on Learn (Markdig), a `|` inside inline code in a table row is text: the row keeps its two cells, and the code
/// its pipes.
#[test]
fn a_pipe_in_table_code_is_text() {
    let dir = tempfile::tempdir().unwrap();
    let row = "| `Type:\"Card|1..4\"` | Finds card numbers |";
    let path = write(dir.path(), "query.md", format!("# Q\n\n| Query | Explanation |\n|---|---|\n{row}\n"));
    let run = checkdown().args(["parse", &path]).run();
    let model: Value = serde_json::from_str(&run.stdout).unwrap();
    let cells = &model["sections"][0]["blocks"][0]["rows"][0];
    assert_eq!(cells.as_array().unwrap().len(), 2, "{cells}");
    assert_eq!(cells[0][0]["code"], "Type:\"Card|1..4\"");
    assert_eq!(cells[1][0]["text"], "Finds card numbers");
}

#[test]
fn deep_nesting_is_flattened_with_a_warning_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let quotes = write(dir.path(), "quotes.md", format!("# T\n\n{} deep\n", ">".repeat(100_000)));
    let lists: String = (0..1_000).map(|depth| format!("{}- item {depth}\n", "  ".repeat(depth))).collect();
    let lists = write(dir.path(), "lists.md", format!("# T\n\n{lists}"));
    let emphasis =
        write(dir.path(), "emphasis.md", format!("# T\n\n{}x{}\n", "*_".repeat(20_000), "_*".repeat(20_000)));
    let zones = write(
        dir.path(),
        "zones.md",
        format!("# T\n\n{}x\n{}", ":::row:::\n".repeat(12_000), ":::row-end:::\n".repeat(12_000)),
    );
    let monikers =
        write(dir.path(), "monikers.md", format!("# T\n\n{}x\n", "::: moniker range=\"a\"\n".repeat(12_000)));
    for path in [quotes, lists, emphasis, zones, monikers] {
        let run = checkdown().args(["parse", &path]).run();
        assert_eq!(run.code, 0, "{path}: {}", &run.stderr[..run.stderr.len().min(500)]);
        let model: Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(model["title"], "T");
        if !path.ends_with("emphasis.md") {
            assert!(
                run.stderr.contains("nest more than 32 containers deep (a list level counts its list and its item)"),
                "{path}: {}",
                run.stderr
            );
        }
    }
}

#[test]
fn bom_crlf_and_utf16_files_parse() {
    let dir = tempfile::tempdir().unwrap();
    let text = "---\r\ntitle: T\r\n---\r\n# <a name=\"x\"></a>Étape 1 : Faire\r\n\r\n1. Un\r\n2. Deux\r\n";
    let utf8 = write(dir.path(), "bom.md", format!("\u{feff}{text}"));
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let utf16 = write(dir.path(), "utf16.md", utf16);
    for path in [utf8, utf16] {
        let model = parse_json(&[&path]);
        assert_eq!(model["front_matter"]["title"], "T", "{path}");
        assert_eq!(step_ids(&model), ["x"], "{path}");
        assert_eq!(substep_counts(&model), [2], "{path}");
        assert_eq!(model["steps"][0]["heading_span"]["line"], 4, "{path}");
        assert_eq!(model["steps"][0]["heading_span"]["column"], 1, "{path}");
    }
}

/// Old Mac files end every line with a `\r` alone: front matter, moniker zones and steps are read from them as from
/// any other file.
#[test]
fn lines_ended_by_a_carriage_return_alone_parse() {
    let dir = tempfile::tempdir().unwrap();
    let text = "---\rtitle: T\r---\r# Title\r\r::: moniker range=\"a\"\r\r## Step 1: Do\r\r1. One\r2. Two\r\r::: moniker-end\r";
    let path = write(dir.path(), "mac.md", text);
    let model = parse_json(&[&path]);
    assert_eq!(model["front_matter"]["title"], "T");
    assert_eq!(model["title"], "Title");
    assert_eq!(substep_counts(&model), [2]);
    assert_eq!(model["steps"][0]["heading_span"]["line"], 8);
    assert_eq!(model["sections"][0]["sections"][0]["moniker"], "a");
    assert_eq!(parse_json(&["--moniker", "b", &path])["steps"], serde_json::json!([]));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let long: String = (0..3_000).map(|n| format!("Paragraph {n} of a long article.\n\n")).collect();
    let path = write(dir.path(), "long.md", format!("# Long\n\n{long}"));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_checkdown"))
        .args(["parse", &path])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The reader is gone (like `| head`): the rest of the model cannot be written.
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}
