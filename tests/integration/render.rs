//! `checkdown render`: the checklist in every format and UI language, ticked from results, safe with hostile
//! articles, and careful with the user's files.

use std::path::Path;

use serde_json::Value;

use crate::support::{Run, checkdown, crate_root};

const EN: &str = "content/en-us/close-your-account.md";
const FR: &str = "content/fr-fr/close-your-account.md";
const RESULTS: &str = "tests/integration/render/results.json";

fn render(args: &[&str]) -> String {
    let run = checkdown().args(std::iter::once("render").chain(args.iter().copied())).run();
    assert_eq!(run.code, 0, "render {args:?}: {}", run.stderr);
    assert!(run.stderr.is_empty(), "render {args:?} warned: {}", run.stderr);
    run.stdout
}

/// Renders the seeds as files, outside a docset: the French seed's relative links print as written, each with a
/// warning, and nothing else is said.
fn render_seed_files(args: &[&str]) -> String {
    render_warned(args, &["unresolved-link"])
}

/// Renders, with no other warnings than those of `rules`.
fn render_warned(args: &[&str], rules: &[&str]) -> String {
    let run = checkdown().args(std::iter::once("render").chain(args.iter().copied())).run();
    assert_eq!(run.code, 0, "render {args:?}: {}", run.stderr);
    let expected = |line: &str| rules.iter().any(|rule| line.contains(&format!(": warning[{rule}]: ")));
    assert!(run.stderr.lines().all(expected), "{}", run.stderr);
    run.stdout
}

/// Renders an article that is no procedure: the checklist comes with a warning that it has nothing to tick.
fn render_without_steps(args: &[&str]) -> String {
    let run = checkdown().args(std::iter::once("render").chain(args.iter().copied())).run();
    assert_eq!(run.code, 0, "render {args:?}: {}", run.stderr);
    assert!(
        run.stderr.starts_with("warning: ")
            && run.stderr.trim_end().ends_with(
                ": no steps found (no \"Step 1\" headings, no numbered list under any heading): the checklist has the \
             article's text but nothing to tick"
            ),
        "render {args:?}: {}",
        run.stderr
    );
    run.stdout
}

fn render_fails(args: &[&str]) -> Run {
    let run = checkdown().args(std::iter::once("render").chain(args.iter().copied())).run();
    assert_eq!(run.code, 2, "render {args:?} should fail: {}", run.stdout);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

/// An article of `text` written as `name` in a temporary folder: the folder (which deletes it when dropped) and the
/// file's path.
fn temporary_article(name: &str, text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path.to_str().unwrap().to_owned())
}

/// Writes `text` as `includes/<name>` beside the articles of `dir`.
fn write_include(dir: &tempfile::TempDir, name: &str, text: &str) {
    std::fs::create_dir_all(dir.path().join("includes")).unwrap();
    std::fs::write(dir.path().join("includes").join(name), text).unwrap();
}

/// What a reader sees is what the article says: a version range in a label prints as written (escaped once), a
/// `</br>` is a line break as browsers read it, and an `<a name>` line under a heading adds no empty paragraph that
/// would let a page end between the heading and its text.
#[test]
fn labels_line_breaks_and_anchor_lines_print_as_on_learn() {
    let article = "# T\n\n::: moniker range=\">=azure-devops-2020\"\n\n## Step 1: Fork the code\n<a name=\"fork\"> </a>\n\n\
                   1. Fork it.\n\n| Value | Meaning |\n|---|---|\n| $true</br>$false | On</br>Off |\n\n::: moniker-end\n";
    let (_dir, path) = temporary_article("labels.md", article);
    let html = render(&[&path, "--format", "html", "-o", "-"]);
    assert!(html.contains("Applies to: &gt;=azure-devops-2020</p>"), "{html}");
    assert!(html.contains("<td>$true<br>$false</td><td>On<br>Off</td>"), "{html}");
    assert!(html.contains("\n<span class=\"anchor\" id=\"fork\"></span>\n<ol class=\"substeps\">"), "{html}");
    let markdown = render(&[&path, "--format", "md"]);
    assert!(markdown.contains("*(Applies to: \\>=azure-devops-2020)*"), "{markdown}");
    let text = render(&[&path, "--format", "txt"]);
    assert!(text.contains("(Applies to: >=azure-devops-2020)"), "{text}");
}

/// A French article prints a French checklist unless `--lang` says otherwise, whatever the environment's language.
#[test]
fn a_file_s_checklist_speaks_the_article_s_language() {
    let english_environment = checkdown().args(["render", FR, "--format", "txt"]).env("LANG", "en_US.UTF-8").run();
    assert!(english_environment.stdout.contains("[ ] Avant de commencer"), "{}", english_environment.stderr);
    assert!(english_environment.stdout.contains("Initiales"), "{}", english_environment.stdout);
    let asked_for = render_seed_files(&[FR, "--format", "txt", "--lang", "en-US"]);
    assert!(asked_for.contains("Initials:") && !asked_for.contains("Initiales"), "{asked_for}");
    // Each file in its own language, in one run.
    let both = render_seed_files(&[EN, FR, "--format", "txt"]);
    assert!(both.contains("Initials:") && both.contains("Initiales"), "{both}");
}

/// "(Optional) Step 2" is a step of its own, boxed, and printed with the article's own label.
#[test]
fn an_optional_step_gets_its_own_box() {
    let steps = "## Step 1: Copy the key\n\n1. Copy it.\n\n## (Optional) Step 2: List the files\n\n1. List them.\n";
    let (_dir, article) =
        temporary_article("import.md", &format!("# Import\n\n{steps}\n## Step 3: Import\n\n1. Import.\n"));
    let text = render(&[&article, "--format", "txt", "--lang", "en-US"]);
    let boxes: Vec<&str> = text.lines().filter(|line| line.starts_with("[ ]")).collect();
    assert_eq!(boxes, ["[ ] Step 1: Copy the key", "[ ] (Optional) Step 2: List the files", "[ ] Step 3: Import"]);
}

/// "Step 1: Open the [admin center](…)" tells where to go: every format keeps the heading's link and code.
#[test]
fn a_step_heading_keeps_its_link_and_code() {
    let steps = "## Step 1: Open the [admin center](https://admin.microsoft.com)\n\n1. Sign in.\n\n\
                 ## Step 2: Run `Get-MgUser`\n\n1. Run it.\n\n\
                 ## [Step 3](https://example.com/step-3): Check the tenant <a name=\"check\"></a>\n\n1. Check it.\n";
    let (_dir, article) = temporary_article("admin.md", &format!("# Check users\n\n{steps}"));
    let text = render(&[&article, "--format", "txt", "--lang", "en-US"]);
    let boxes: Vec<&str> = text.lines().filter(|line| line.starts_with("[ ]")).collect();
    assert_eq!(
        boxes,
        ["[ ] Step 1: Open the admin center [1]", "[ ] Step 2: Run Get-MgUser", "[ ] Step 3: Check the tenant"]
    );
    assert!(text.contains("[1] https://admin.microsoft.com"), "{text}");
    assert!(!text.contains("step-3"), "a link on the label alone is not printed, nor its footnote: {text}");
    let markdown = render(&[&article, "--format", "md", "--lang", "en-US"]);
    assert!(
        markdown.contains("**Step 1: Open the [admin center](<https://admin.microsoft.com>)**")
            && markdown.contains("**Step 2: Run `Get-MgUser`**")
            && markdown.contains("**Step 3: Check the tenant**\n"),
        "{markdown}"
    );
    let html = render(&[&article, "-o", "-", "--lang", "en-US"]);
    assert!(
        html.contains("</span>Open the <a href=\"https:&#x2f;&#x2f;admin.microsoft.com\">admin center</a>")
            && html.contains("</span>Run <code><span class=\"word\">Get-MgUser</span></code></h2>"),
        "{html}"
    );
}

/// A step heading keeps the author's words and separator: no colon is added after a label that has none ("Step 1
/// Reset"), a parenthetical after the number is the label's ("Étape 2 (facultatif) :"), and a colon is the checklist's,
/// spaced as its language wants. In another language, the checklist's own label replaces the article's.
#[test]
fn a_step_heading_keeps_the_authors_words_and_separator() {
    let dir = tempfile::tempdir().unwrap();
    let write = |locale: &str, steps: &str| {
        let article = dir.path().join(locale).join("compromised.md");
        std::fs::create_dir_all(article.parent().unwrap()).unwrap();
        std::fs::write(&article, format!("# Respond to a compromised account\n\n{steps}")).unwrap();
        article.to_str().unwrap().to_owned()
    };
    let english = write(
        "en-us",
        "## Step 1 Reset the password\n\n1. Reset it.\n\n## Step 2 Optional: Block sign-in\n\n1. Block it.\n",
    );
    let french = write(
        "fr-fr",
        "## Étape 1: Réinitialiser le mot de passe\n\n1. Réinitialisez-le.\n\n\
         ## Étape 2 (facultatif) : Empêcher la connexion\n\n1. Bloquez-la.\n",
    );
    let boxes = |text: String, start: &str| -> Vec<String> {
        text.lines().filter(|line| line.starts_with(start)).map(str::to_owned).collect()
    };
    assert_eq!(
        boxes(render(&[&english, "--format", "txt"]), "[ ]"),
        ["[ ] Step 1 Reset the password", "[ ] Step 2 Optional: Block sign-in"]
    );
    assert_eq!(
        boxes(render(&[&french, "--format", "md"]), "- [ ]"),
        // A colon is the checklist's, spaced the French way; the parenthetical is the label's.
        [
            "- [ ] **Étape 1\u{a0}: Réinitialiser le mot de passe**",
            "- [ ] **Étape 2 (facultatif)\u{a0}: Empêcher la connexion**"
        ]
    );
    let html = render(&[&french, "-o", "-"]);
    assert!(
        html.contains("<span class=\"step-label\">Étape 2 (facultatif)</span>Empêcher la connexion</h2>"),
        "{html}"
    );
    // The page is in French, whatever language the checklist's own words are in.
    assert!(render(&[&french, "-o", "-", "--lang", "en-US"]).contains("<html lang=\"fr-fr\">"));
    assert_eq!(
        boxes(render(&[&french, "--format", "txt", "--lang", "en-US"]), "[ ]"),
        // The parenthetical says the step may be skipped: translated labels keep it.
        ["[ ] Step 1: Réinitialiser le mot de passe", "[ ] Step 2 (facultatif): Empêcher la connexion"]
    );
}

/// Each line of code is a block of its own in the HTML, blank lines too, for the print's hanging indent.
#[test]
fn code_lines_are_blocks_of_their_own() {
    let fixture = crate_root().join("tests/integration/render/long-code.md");
    let html = render(&[fixture.to_str().unwrap(), "-o", "-"]);
    // Six lines: a short block, kept whole on a page.
    let code = html
        .split("<pre class=\"keep\"><code>")
        .nth(1)
        .and_then(|rest| rest.split("</code></pre>").next())
        .expect(&html);
    assert_eq!(code.matches("<span class=\"line\"").count(), 6, "{code}");
    // A word with a hyphen is kept on one line: printed, "Get-" then "TransportRule" would read as two words.
    let word = "<span class=\"line\"></span><span class=\"line\"><span class=\"word\">Get-TransportRule</span></span>";
    assert!(code.contains(word), "{code}");
    // An indented line's hanging indent is its own indent and four more.
    let indented = "<span class=\"line\" style=\"padding-left: 12ch; text-indent: -12ch\">        <span \
                    class=\"word\">Set-TransportRule</span>";
    assert!(code.contains(indented), "{code}");
}

/// A placeholder written as a tag (`<TenantName>`) is something to fill in, which a browser would hide: every format
/// shows it, while the tags of HTML elements are dropped around their text.
#[test]
fn a_placeholder_written_as_a_tag_is_shown() {
    let (_dir, article) = temporary_article(
        "onedrive.md",
        "# Check OneDrive\n\n## Step 1: Open it\n\n1. Select \"OneDrive – <TenantName>\" in <b>Word</b>.\n",
    );
    let article = article.as_str();
    assert!(render(&[article, "--format", "txt"]).contains("Select \"OneDrive – <TenantName>\" in Word."));
    assert!(render(&[article, "--format", "md"]).contains("OneDrive – \\<TenantName\\>"));
    let html = render(&[article, "-o", "-"]);
    assert!(html.contains("OneDrive – &lt;TenantName&gt;&quot; in Word."), "{html}");
}

/// A video cannot play on paper: it is printed as a link to it, with its address in the footnotes; an address that
/// is no web link is never a link.
#[test]
fn a_video_is_printed_as_a_link_to_it() {
    let videos = "> [!VIDEO https://www.microsoft.com/videoplayer/embed/RE1VV3o]\n\n> [!VIDEO javascript:alert(1)]\n";
    let (_dir, article) = temporary_article("video.md", &format!("# Watch\n\nThis video shows how:\n\n{videos}"));
    let text = render_without_steps(&[&article, "--format", "txt", "--lang", "en-US"]);
    assert!(text.contains("[Video [1]]"), "{text}");
    assert!(text.contains("[1] https://www.microsoft.com/videoplayer/embed/RE1VV3o"), "{text}");
    let html = render_without_steps(&[&article, "-o", "-", "--lang", "en-US"]);
    assert_eq!(html.matches("<p class=\"video\">").count(), 2, "{html}");
    assert!(!html.contains("href=\"javascript"), "{html}");
}

/// A Markdown checklist pasted into a GitHub issue reads as the article: read back by a GFM parser, a `|` in a table's
/// code keeps the row whole, a link within the page finds its anchor, a `<br/>` ending an item leaves no `\\`, a
/// "- " or "2019." after a line break stays text, a bare address is a link without backslashes in it, and a bullet
/// list before the steps stays a list of its own, emphases side by side stay two, and a picture after a note is not
/// read into it.
#[test]
fn a_markdown_checklist_reads_back_as_the_article_on_github() {
    let markdown = render(&["tests/integration/render/github-markdown.md", "--format", "md"]);
    let options = pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_TASKLISTS;
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(&markdown, options));
    for expected in [
        "<td><code>ETR|ruleId=&lt;guid&gt;</code></td><td>The rule ID that was matched.</td>",
        "<td>Roles:<br>- Global Administrator<br>2019. A year.</td>",
        "<td>Use <code>Get-Status</code><br>This displays the status.</td>",
        "<a name=\"CreateKeyVault\"></a>",
        // After an anchor that prints nothing, "2019." still starts the line: it is text, not a list.
        "Choose <strong>GET IT NOW</strong>.<br />\n[Image: Get it now]<br />\n2019. The year it changed.</li>",
        "<a href=\"https://contoso_East.example.com/a_b\">https://contoso_East.example.com/a_b</a>.",
        "<em>a</em><!-- --><em>b</em> and <strong>bold</strong><!-- --><strong>strong</strong>.",
        "<p><strong>Tip:</strong> Keep the key.</p>\n</blockquote>\n<p>[Image: The key]</p>",
    ] {
        assert!(html.contains(expected), "{expected:?} in {html}\nfrom {markdown}");
    }
    // The two bullets are a list, and the steps another: not one loose list of paragraphs.
    let lists: Vec<&str> = html.split("<ul>").skip(1).collect();
    assert!(lists[0].starts_with("\n<li>You need the eDiscovery Manager role.</li>"), "{html}");
    assert!(lists[1].contains("Step 1: Create the vault") && !lists[1].contains("eDiscovery"), "{html}");
}

/// In text, a section's heading is underlined: a FAQ's question does not read as a line of its answer. In Markdown,
/// an article without a title (an include, a redirect stub) gets no empty `#` heading.
#[test]
fn headings_read_as_headings_in_text_and_markdown() {
    let faq = "# Customer Key FAQ\n\n## What data is covered?\n\nSite content is covered.\n";
    let (_dir, article) = temporary_article("faq.md", faq);
    let text = render_without_steps(&[&article, "--format", "txt", "--lang", "en-US"]);
    let underlined = format!("\n\nWhat data is covered?\n{}\n\nSite content is covered.\n", "-".repeat(21));
    assert!(text.contains(&underlined), "{text}");
    let (_dir, untitled) = temporary_article("stub.md", "> [!IMPORTANT]\n> Some information relates to a preview.\n");
    let markdown = render_without_steps(&[&untitled, "--format", "md", "--lang", "en-US"]);
    assert!(markdown.starts_with("*Checklist* · "), "{markdown}");
}

/// A note that holds a list keeps it as a list, on its own lines, in the text and Markdown checklists.
#[test]
fn a_note_keeps_its_list() {
    let (_dir, article) = temporary_article(
        "note.md",
        "# Limits\n\n> [!NOTE]\n> Ask first if you need to:\n>\n> - monitor chats\n> - block words\n",
    );
    let file = article.as_str();
    let text = render_without_steps(&[file, "--format", "txt", "--lang", "en-US"]);
    assert!(text.contains("NOTE: Ask first if you need to:\n  - monitor chats\n  - block words\n"), "{text}");
    let markdown = render_without_steps(&[file, "--format", "md", "--lang", "en-US"]);
    assert!(
        markdown.contains("> **Note:** Ask first if you need to:\n> * monitor chats\n> * block words\n"),
        "{markdown}"
    );
}

/// Every list of things to do in a step gets boxes: the same steps for another cloud in a moniker zone, and the list
/// of a subsection.
#[test]
fn every_list_of_a_step_gets_boxes() {
    let zones = "::: moniker range=\"o365-worldwide\"\n\n1. Open the portal.\n\n::: moniker-end\n\n\
                 ::: moniker range=\"o365-21vianet\"\n\n1. Call 21Vianet.\n\n::: moniker-end\n";
    let subsection = "### With PowerShell\n\n1. Run the cmdlet.\n";
    let (_dir, article) =
        temporary_article("zones.md", &format!("# Close\n\n## Step 1: Cancel\n\n{zones}\n{subsection}"));
    let text = render(&[&article, "--format", "txt", "--lang", "en-US"]);
    for task in ["Open the portal.", "Call 21Vianet.", "Run the cmdlet."] {
        assert!(text.contains(&format!("[ ] 1. {task}")), "{task}: {text}");
    }
}

/// An image without alt text prints as "[Image]", not "[Image: ]".
#[test]
fn an_image_without_text_is_named_alone() {
    let (_dir, article) = temporary_article("images.md", "# Pictures\n\n![](a.png) then ![The portal](b.png)\n");
    let text = render_without_steps(&[&article, "--format", "txt", "--lang", "en-US"]);
    assert!(text.contains("[Image] then [Image: The portal]"), "{text}");
    // So does a `:::image` without one; a complex image's long description prints after it, in every format.
    let (_dir, article) = temporary_article(
        "images.md",
        "# Pictures\n\n:::image source=\"a.png\":::\n\n:::image type=\"complex\" source=\"b.png\" alt-text=\"The flow.\":::\n\
         The user signs in, then approves.\n:::image-end:::\n",
    );
    let text = render_without_steps(&[&article, "--format", "txt", "--lang", "en-US"]);
    assert!(text.contains("[Image]\n\n[Image: The flow.]\nThe user signs in, then approves.\n"), "{text}");
    let markdown = render_without_steps(&[&article, "--format", "md", "--lang", "en-US"]);
    assert!(markdown.contains("\\[Image: The flow.\\]\n\nThe user signs in, then approves.\n"), "{markdown}");
}

/// A heading inside a section's text (here from an include) reads as a heading: a heading that stays with what
/// follows it on paper, a bold line in Markdown, a line set apart in text; not as one more paragraph.
#[test]
fn a_heading_from_an_include_reads_as_a_heading() {
    let (dir, article) = temporary_article(
        "endpoints.md",
        "# Endpoints\n\nThe endpoints:\n\n[!INCLUDE [Endpoints](includes/endpoints.md)]\n",
    );
    write_include(
        &dir,
        "endpoints.md",
        "Allow these addresses.\n\n## Exchange Online\n\n| ID | Ports |\n| --- | --- |\n| 1 | 443 |\n",
    );
    let html = render_without_steps(&[&article, "-o", "-", "--lang", "en-US"]);
    assert!(html.contains("\n<h4 class=\"subheading\">Exchange Online</h4>\n<table>"), "{html}");
    let style = html.lines().find(|line| line.starts_with(".subheading {")).expect(&html);
    assert!(style.contains("break-after: avoid;") && style.contains("font-size"), "{style}");
    let markdown = render_without_steps(&[&article, "--format", "md", "--lang", "en-US"]);
    assert!(markdown.contains("Allow these addresses.\n\n**Exchange Online**\n\n| ID | Ports |"), "{markdown}");
    let text = render_without_steps(&[&article, "--format", "txt", "--lang", "en-US"]);
    assert!(text.contains("Allow these addresses.\n\nExchange Online\n\nID | Ports\n"), "{text}");
}

/// A blank line inside a cell ends CommonMark's HTML block, but a browser (and Learn) still shows one table: its
/// rows after the blank line stay rows of the table, and the script in the cell stays in its cell.
#[test]
fn an_html_table_with_a_blank_line_in_a_cell_stays_one_table() {
    let (_dir, article) = temporary_article(
        "search.md",
        "# Search\n\n<table>\n<tr><th>Step</th><th>Result</th></tr>\n<tr>\n<td>1</td>\n<td>\n\n\
         <p>$name = &quot;Search&quot;</p>\n<p>Start-Search $name</p>\n</td>\n</tr>\n\
         <tr><td>2</td><td>Done</td></tr>\n</table>\n\nAfter the table.\n",
    );
    let text = render_without_steps(&[&article, "--format", "txt", "--lang", "en-US"]);
    assert!(
        text.contains("Step | Result\n-----+-------------------\n1    | $name = \"Search\"\n     | Start-Search $name\n2    | Done\n\nAfter the table."),
        "{text}"
    );
    let markdown = render_without_steps(&[&article, "--format", "md", "--lang", "en-US"]);
    assert!(
        markdown.contains(
            "| Step | Result |\n| --- | --- |\n| 1 | $name = \"Search\"<br>Start-Search $name |\n| 2 | Done |\n"
        ),
        "{markdown}"
    );
}

/// GitHub refuses an issue or comment body over 65,536 characters: a Markdown checklist that long says so, once.
#[test]
fn a_markdown_checklist_too_long_for_github_says_so() {
    let long = "# Audit\n\n".to_owned() + &"Check the audit log of every mailbox before you close it.\n\n".repeat(1200);
    let (_dir, article) = temporary_article("audit.md", &long);
    let run = checkdown().args(["render", &article, "--format", "md", "--lang", "en-US"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let warning = format!(
        "warning: {article}: the Markdown checklist is {} characters long, and a GitHub issue or comment holds at \
         most 65536: attach the file there rather than paste it\n",
        run.stdout.chars().count()
    );
    assert_eq!(run.stderr.matches(&warning).count(), 1, "{}", run.stderr);
    // As text, the same article has no such warning.
    let text = checkdown().args(["render", &article, "--format", "txt", "--lang", "en-US"]).run();
    assert!(!text.stderr.contains("GitHub"), "{}", text.stderr);
}

/// A relative link in an included file is read from that file's folder, as docfx reads it: `../admin/users.md` in
/// `includes/` is the article's `admin/users.md`, not a folder above it.
#[test]
fn links_in_an_include_are_read_from_its_folder() {
    let (dir, article) = temporary_article(
        "setup.md",
        "# Set up\n\nSee [the users](admin/users.md).\n\n[!INCLUDE [Licenses](includes/licenses.md)]\n",
    );
    write_include(&dir, "licenses.md", "Assign [licenses](../admin/licenses.md#assign).\n");
    let text = render_without_steps(&[
        &article,
        "--format",
        "txt",
        "--lang",
        "en-US",
        "--learn-url",
        "https://learn.microsoft.com/en-us/microsoft-365/setup",
    ]);
    assert!(text.contains("https://learn.microsoft.com/en-us/microsoft-365/admin/users\n"), "{text}");
    assert!(text.contains("https://learn.microsoft.com/en-us/microsoft-365/admin/licenses#assign\n"), "{text}");
}

/// An included file's own includes are read from its folder, inside a sentence or as blocks, as docfx reads them; an
/// include that leads back to a file it is read from is not read again, and a warning names the cycle.
#[test]
fn includes_inside_included_files_are_read() {
    let (dir, article) = temporary_article("install.md", "# Install\n\n[!INCLUDE [applies](includes/applies.md)]\n");
    write_include(
        &dir,
        "applies.md",
        "Applies to: [!INCLUDE [yes](yes.md)] [!INCLUDE [no](no.md)]\n\n[!INCLUDE [support](support.md)]\n",
    );
    write_include(&dir, "yes.md", "✅ Visual Studio\n");
    write_include(&dir, "no.md", "❌ Visual Studio for Mac\n");
    write_include(&dir, "support.md", "Ask [the forum](../forum.md).\n\n[!INCLUDE [applies](applies.md)]\n");
    let run = checkdown()
        .args(["render", &article, "--format", "txt", "--learn-url", "https://learn.microsoft.com/en-us/vs/install"])
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Paragraphs apart, included or not.
    let expected = "Applies to: ✅ Visual Studio ❌ Visual Studio for Mac\n\nAsk the forum [1].\n";
    assert!(run.stdout.contains(expected), "{}", run.stdout);
    assert!(run.stdout.contains("[1] https://learn.microsoft.com/en-us/vs/forum\n"), "{}", run.stdout);
    // The included file is named as the article is: by an absolute path here, from the working directory below.
    let expected = format!(
        "{}/includes/support.md:3:1: warning[parse-error]: include applies.md makes a cycle, includes/applies.md → \
         includes/support.md → includes/applies.md; not read again\n",
        dir.path().canonicalize().unwrap().display()
    );
    assert!(run.stderr.starts_with(&expected), "{}", run.stderr);
    let folder = dir.path().file_name().unwrap().to_str().unwrap();
    let run = checkdown().args(["parse", &format!("{folder}/install.md")]).current_dir(&dir.path().join("..")).run();
    let expected = format!("{folder}/includes/support.md:3:1: warning[parse-error]: include applies.md makes a cycle");
    assert!(run.stderr.starts_with(&expected), "{}", run.stderr);
}

/// An include inside a sentence shows its file's text there, as Learn does: product names are written so (`Sign in to
/// [!INCLUDE[prod_short](includes/prod_short.md)]`), with or without a space after `INCLUDE`, and its links are
/// the included file's. One whose file is missing says so, with a warning naming the line: its title alone ("Sign in
/// to prod_short") would read as the article's words.
#[test]
fn an_include_in_a_sentence_shows_its_text() {
    let (dir, article) = temporary_article(
        "access.md",
        "# Give access\n\n## Set it up\n\n1. Sign in to [!INCLUDE[prod_short](includes/prod_short.md)] as an \
         administrator.\n2. [!INCLUDE [open](includes/open-search.md)], and enter **Assisted Setup**.\n3. Open \
         [!INCLUDE[missing](includes/missing.md)].\n",
    );
    write_include(&dir, "prod_short.md", "---\nms.topic: include\n---\nBusiness Central\n");
    write_include(&dir, "open-search.md", "Choose the [Tell me](../help/search.md) icon ![gear](media/gear.png)\n");
    let run = checkdown()
        .args(["render", &article, "--format", "txt", "--learn-url", "https://learn.microsoft.com/en-us/bc/access"])
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("[ ] 1. Sign in to Business Central as an administrator.\n"), "{}", run.stdout);
    let expected = "[ ] 2. Choose the Tell me [1] icon [Image: gear], and enter Assisted Setup.\n";
    assert!(run.stdout.contains(expected), "{}", run.stdout);
    assert!(run.stdout.contains("[1] https://learn.microsoft.com/en-us/bc/help/search\n"), "{}", run.stdout);
    let expected = "[ ] 3. Open [missing] (included content missing: includes/missing.md).\n";
    assert!(run.stdout.contains(expected), "{}", run.stdout);
    let expected = "access.md:7:9: warning[parse-error]: included file includes/missing.md not found; kept as an unresolved \
                    include\n";
    assert!(run.stderr.ends_with(expected), "{}", run.stderr);
    // In HTML its pictures are embedded as the article's are, and one that cannot be is named in its own file.
    let html = checkdown().args(["render", &article, "-o", "-"]).run();
    let expected = "includes/open-search.md:1:46: warning[image-not-embedded]: the image includes/media/gear.png is \
                    printed as its alt text: there is no such file";
    assert!(html.stderr.contains(expected), "{}", html.stderr);
}

/// An include whose file is missing says so on the page, in the checklist's language: its title alone read as if
/// it were all the article had to say there.
#[test]
fn a_missing_include_says_so_on_the_page() {
    let (_dir, article) = temporary_article(
        "geo.md",
        "# Multi-Geo\n\nThe locations:\n\n[!INCLUDE [Multi-Geo locations](includes/locations.md)]\n",
    );
    let output = |args: &[&str]| {
        let run = checkdown().args(["render", &article, "-o", "-"]).args(args).run();
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(run.stderr.contains("included file includes/locations.md not found"), "{}", run.stderr);
        run.stdout
    };
    let text = output(&["--format", "txt"]);
    assert!(
        text.contains("The locations:\n[Multi-Geo locations] (included content missing: includes/locations.md)\n"),
        "{text}"
    );
    let markdown = output(&["--format", "md"]);
    assert!(
        markdown.contains(
            "The locations:\n\n\\[Multi-Geo locations\\] *(included content missing: includes/locations.md)*"
        ),
        "{markdown}"
    );
    let html = output(&["--format", "html"]);
    assert!(
        html.contains("[Multi-Geo locations] <em>(included content missing: includes&#x2f;locations.md)</em></p>"),
        "{html}"
    );
    let french = output(&["--format", "txt", "--lang", "fr-FR"]);
    assert!(french.contains("(contenu inclus manquant\u{a0}: includes/locations.md)\n"), "{french}");
}

/// `-` renders the article standard input gives, from a download or another tool. It has no file name, so the
/// checklist is named by its title; and no folder, so an image prints as its alt text, with a warning that says why.
#[test]
fn standard_input_is_rendered_and_named_by_its_title() {
    let text = "# Reset the tenant\n\n## Step 1: Sign in\n\n1. Open ![the portal](media/portal.png).\n";
    let folder = tempfile::tempdir().unwrap();
    let run = checkdown().current_dir(folder.path()).args(["render", "-"]).stdin(text).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "./reset-the-tenant.html\n");
    let html = std::fs::read_to_string(folder.path().join("reset-the-tenant.html")).unwrap();
    assert!(html.contains("[Image: the portal]") && html.contains("&lt;stdin&gt;"), "{html}");
    let warning = "<stdin>:5:9: warning[image-not-embedded]: the image media/portal.png is printed as its alt text: the \
                   article was not read from a file, so no folder holds its images\n";
    assert_eq!(run.stderr, warning);
    let twice = checkdown().current_dir(folder.path()).args(["render", "-", "-", "--format", "txt"]).stdin(text).run();
    assert_eq!(twice.code, 2);
    assert!(twice.stderr.contains("standard input, which can be read once"), "{}", twice.stderr);
}

/// German is one locale folder more: the checklist's own words and its paper follow it, around the article's words.
#[test]
fn a_german_checklist_speaks_german_around_the_article_s_words() {
    let text = render(&["--format", "txt", "--lang", "de_DE.UTF-8"]);
    for words in [
        "Checkliste\nhttps://learn.microsoft.com/en-us/microsoft-365/commerce/close-your-account\n",
        "Mandant: ____________\n",
        "HINWEIS: The admin center is changing.",
        "[ ] Schritt 1: Delete users\n",
        "    Kürzel: ____________    Datum: ____________\n",
        "Genehmigt von: ____________    Datum: ____________\n",
    ] {
        assert!(text.contains(words), "{words:?} in {text}");
    }
    let html = render(&["--format", "html", "-o", "-", "--lang", "de"]);
    assert!(html.contains("size: A4;"), "German paper is A4");
}

/// A link to the article itself by its file name (`dkim.md#how-dkim-works`) leads within the page, as
/// `#how-dkim-works` does, and without a fragment to its top ("Return to top"): no footnote sends the reader to a bare
/// file name, and no warning says it is unresolved.
#[test]
fn a_link_to_the_article_itself_stays_in_the_page() {
    let (_dir, article) = temporary_article(
        "dkim.md",
        "# Use DKIM\n\nSee [how it works](dkim.md#how-dkim-works), [again](./dkim.md#how-dkim-works) and \
         [below](#how-dkim-works).\n\n## How DKIM works\n\nIt signs. [Return to top](dkim.md)\n",
    );
    let text = render_without_steps(&[&article, "--format", "txt", "--lang", "en-US"]);
    assert!(text.contains("See how it works, again and below.\n") && text.contains("It signs. Return to top\n"));
    assert!(!text.contains("\nLinks\n"), "{text}");
    let html = render_without_steps(&[&article, "-o", "-", "--lang", "en-US"]);
    assert_eq!(html.matches("<a href=\"#how-dkim-works\">").count(), 3, "{html}");
    assert!(html.contains("<a href=\"#\">Return to top</a>"), "{html}");
    assert!(html.contains("<section class=\"part\" id=\"how-dkim-works\">"), "{html}");
}

/// An article's locale folder counts however its path is typed: run inside `docs/fr-fr/`, `a.md` is French.
#[test]
fn the_locale_folder_counts_from_inside_it() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("docs/fr-fr");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("a.md"), "# Essai\n\n## Étape 1 : Ouvrir le centre\n\n1. Ouvrez le centre.\n").unwrap();
    let text = checkdown().current_dir(&folder).args(["render", "a.md", "--format", "txt", "-o", "-"]).run();
    assert!(text.stdout.starts_with("ESSAI\nListe de contrôle · a.md\n"), "{}", text.stdout);
    let written = checkdown().current_dir(&folder).args(["render", "a.md"]).run();
    assert_eq!((written.code, written.stdout.as_str()), (0, "./a.fr-fr.html\n"), "{}", written.stderr);
    let parsed = checkdown().current_dir(&folder).args(["parse", "a.md"]).run();
    assert!(parsed.stdout.contains("\"locale\": \"fr-fr\""), "{}", parsed.stdout);
}

/// A link within the page to a part that the variant printed leaves out leads to that part on Learn; with the
/// article's address unknown, it prints as text, with a warning naming the link.
#[test]
fn a_link_to_a_section_the_moniker_leaves_out_leads_to_learn() {
    let dir = tempfile::tempdir().unwrap();
    let article = "# T\n\n::: moniker range=\"o365-21vianet\"\n\n## Only a\n\nText.\n\n::: moniker-end\n\n## Step 1: Do it\n\n\
                   1. See [only a](#only-a) and [this step](#step-1-do-it).\n2. Done.\n";
    std::fs::write(dir.path().join("a.md"), article).unwrap();
    let render = |moniker: &str, extra: &[&str]| {
        let run = checkdown()
            .current_dir(dir.path())
            .args(["render", "a.md", "--moniker", moniker, "--format", "md", "-o", "-"])
            .args(extra)
            .run();
        assert_eq!(run.code, 0, "{}", run.stderr);
        let item = run.stdout.lines().find(|line| line.contains("1. See")).unwrap().trim().to_owned();
        (item, run.stderr)
    };
    let (item, stderr) = render("o365-worldwide", &["--learn-url", "https://learn.microsoft.com/en-us/x/a"]);
    assert_eq!(
        item,
        "- [ ] 1. See [only a](<https://learn.microsoft.com/en-us/x/a#only-a>) and [this step](<#step-1-do-it>)."
    );
    assert!(!stderr.contains("unresolved-link"), "{stderr}");
    let (item, stderr) = render("o365-worldwide", &[]);
    assert_eq!(item, "- [ ] 1. See only a and [this step](<#step-1-do-it>).");
    assert!(
        stderr.contains(
            "a.md:13:8: warning[unresolved-link]: the link #only-a is printed as text: no part of this \
             variant of the article has that id"
        ),
        "{stderr}"
    );
    let (item, _) = render("o365-21vianet", &[]);
    assert_eq!(item, "- [ ] 1. See [only a](<#only-a>) and [this step](<#step-1-do-it>).", "on the page: within it");
}

/// Two variants of one article go to two files: neither replaces the other.
#[test]
fn each_moniker_variant_gets_its_own_file() {
    let dir = tempfile::tempdir().unwrap();
    for moniker in ["o365-21vianet", "o365-worldwide"] {
        let run = checkdown().current_dir(dir.path()).args(["render", "--moniker", moniker]).run();
        assert_eq!(
            (run.code, run.stdout),
            (0, format!("./close-your-account.en-us.{moniker}.html\n")),
            "{}",
            run.stderr
        );
    }
    let variant = |moniker: &str| {
        let html = std::fs::read_to_string(dir.path().join(format!("close-your-account.en-us.{moniker}.html")));
        html.unwrap().contains("The admin center is changing")
    };
    assert_eq!([variant("o365-21vianet"), variant("o365-worldwide")], [true, false], "each keeps its own zones");
}

/// Renders a copy of a seed from a folder outside any git work tree, so the output names no revision or temporary
/// path: `<locale>/close-your-account.md`.
fn render_copy(seed: &str, args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let relative = seed.trim_start_matches("content/");
    let copy = dir.path().join(relative);
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    std::fs::copy(crate_root().join(seed), &copy).unwrap();
    let results = crate_root().join(RESULTS);
    let args: Vec<&str> =
        args.iter().map(|arg| if *arg == RESULTS { results.to_str().unwrap() } else { arg }).collect();
    let run = checkdown().args(["render", relative]).args(&args).current_dir(dir.path()).run();
    assert_eq!(run.code, 0, "render {seed} {args:?}: {}", run.stderr);
    run.stdout
}

/// What is around the steps prints where the article has it: sections before the first step, a group heading over
/// steps with its own text, and a step's subsections inside the step.
#[test]
fn sections_around_steps_print_in_place() {
    let fixture = "tests/integration/parse/steps-under-groups.md";
    insta::assert_snapshot!("txt_steps_under_groups", render_copy(fixture, &["--format", "txt"]));
    insta::assert_snapshot!("md_steps_under_groups", render_copy(fixture, &["--format", "md"]));
    // A subsection's heading is a rank below its section's, as in the article.
    let html = render_copy(fixture, &["-o", "-"]);
    assert!(html.contains("<h3>Revoke in the portal</h3>") && html.contains("<h4>Who can revoke</h4>"), "{html}");
}

/// A section under a group's heading prints under it, before the group's first step: not inside the step before,
/// signed off with it, ahead of the heading it belongs to.
#[test]
fn a_section_under_a_group_heading_prints_under_it() {
    let text =
        render(&["tests/integration/parse/sections-before-grouped-steps.md", "--format", "txt", "--lang", "en-US"]);
    let lines: Vec<&str> = text.lines().collect();
    let position =
        |wanted: &str| lines.iter().position(|line| *line == wanted).unwrap_or_else(|| panic!("{wanted}: {text}"));
    let step_1_signed = lines.iter().position(|line| line.trim_start().starts_with("Initials:")).unwrap();
    let order = [
        position("[ ] Add satellite locations"),
        step_1_signed,
        position("Set preferred data locations"),
        position("Synchronized users"),
        position("[ ] Cloud-only users"),
    ];
    assert!(order.is_sorted(), "{order:?}: {text}");
}

/// A procedure whose headings number nothing ("To turn it on", "To turn it off") prints its tasks unnumbered: the
/// checklist does not make a sequence of alternatives or of opposite tasks.
#[test]
fn tasks_the_article_does_not_number_print_without_numbers() {
    let (_dir, article) = temporary_article(
        "encryption.md",
        "# Encryption\n\n## To turn it on\n\n1. Select **On**.\n\n## To turn it off\n\n1. Select **Off**.\n",
    );
    let text = render(&[&article, "--format", "txt"]);
    let boxes: Vec<&str> = text.lines().filter(|line| line.trim_start().starts_with("[ ]")).collect();
    assert_eq!(boxes, ["[ ] To turn it on", "    [ ] 1. Select On.", "[ ] To turn it off", "    [ ] 1. Select Off."]);
    let html = render(&[&article, "-o", "-"]);
    assert!(html.contains("<h2>To turn it on</h2>") && !html.contains("class=\"step-label\""), "{html}");
}

/// A section after a step at the step's heading rank or above is not part of it: it prints after the step's sign-off
/// line, outside its box. Its numbered list still gets boxes, as every numbered list outside the steps does, and a
/// sign-off line of its own; an overview of the steps does not, or the same work would be ticked twice.
#[test]
fn sections_after_a_step_print_outside_it_and_their_lists_get_boxes() {
    let (_dir, article) = temporary_article(
        "phases.md",
        "# Deploy\n\n1. [Step 1: List the admins](#step-1-list-the-admins)\n2. Step 2: Create the groups\n\
         3. Step 3: Add the users\n\n## Phase 1: Prepare\n\n### Step 1: List the admins\n\n1. List them.\n\n\
         ### Step 2: Create the groups\n\n1. Create them.\n\n### Step 3: Add the users\n\n1. Add them.\n\n\
         ## Phase 2: Configure the site\n\n1. Create the site.\n2. Add the groups.\n\nThe site is ready.\n",
    );
    let text = render(&[&article, "--format", "txt"]);
    let lines: Vec<&str> = text.lines().collect();
    let at = |wanted: &str| lines.iter().position(|line| *line == wanted).unwrap_or_else(|| panic!("{wanted}: {text}"));
    assert!(at("1. Step 1: List the admins") < at("Phase 1: Prepare"), "the overview has no boxes: {text}");
    let phase_2 = at("Phase 2: Configure the site");
    let sign_offs: Vec<usize> =
        (0..lines.len()).filter(|&line| lines[line].trim_start().starts_with("Initials:")).collect();
    assert_eq!(sign_offs.len(), 4, "three steps and Phase 2: {text}");
    assert!(sign_offs[2] < phase_2 && phase_2 < at("[ ] 1. Create the site."), "{text}");
    assert_eq!(at("[ ] 1. Create the site.") + 1, at("[ ] 2. Add the groups."), "{text}");
    assert!(at("The site is ready.") < sign_offs[3], "Phase 2 is signed off after its text: {text}");
    let html = render(&[&article, "-o", "-"]);
    let phase_2 = html.find("<h3>Phase 2: Configure the site</h3>").expect("Phase 2 heading");
    let last_sign_off = html[..phase_2].rfind("<div class=\"signoff\">").unwrap();
    assert!(html[last_sign_off..phase_2].contains("</section>"), "Phase 2 is inside the step box: {html}");
    let phase_2_part = &html[phase_2..html.find("class=\"final-signoff\"").unwrap()];
    assert_eq!(phase_2_part.matches("<input type=\"checkbox\" class=\"box\">").count(), 2, "{html}");
    assert_eq!(phase_2_part.matches("<div class=\"signoff\">").count(), 1, "{html}");
}

/// A numbered list right under the title is work too when the article also has steps ("To assign permissions: 1. …"):
/// boxes, and a sign-off line before the first step. A list that only outlines the article's sections ("What to do:
/// 1. Review the prerequisites.") gets neither, whatever words it puts the headings in.
#[test]
fn a_numbered_list_under_the_title_is_ticked_unless_it_outlines_the_article() {
    let (_dir, article) = temporary_article(
        "policies.md",
        "# Set up policies\n\nFirst, in the portal:\n\n1. Sign in as an administrator.\n2. Open **Policies**.\n\n\
         ## Step 1: Create the policy\n\n1. Select **New**.\n\n## Step 2: Assign the policy\n\n1. Select **Assign**.\n",
    );
    let text = render(&[&article, "--format", "txt"]);
    let lines: Vec<&str> = text.lines().collect();
    let at = |wanted: &str| lines.iter().position(|line| *line == wanted).unwrap_or_else(|| panic!("{wanted}: {text}"));
    assert_eq!(at("[ ] 1. Sign in as an administrator.") + 1, at("[ ] 2. Open Policies."), "{text}");
    let signed = lines.iter().position(|line| line.starts_with("Initials:")).expect("the list is signed off");
    assert!(at("[ ] 2. Open Policies.") < signed && signed < at("[ ] Step 1: Create the policy"), "{text}");
    let markdown = render(&[&article, "--format", "md"]);
    assert!(markdown.contains("- [ ] 1. Sign in as an administrator.\n- [ ] 2. Open **Policies**."), "{markdown}");
    let html = render(&[&article, "-o", "-"]);
    let intro =
        &html[html.find("<div class=\"intro\">").unwrap()..html.find("id=\"step-1-create-the-policy\"").unwrap()];
    assert_eq!(intro.matches("<input type=\"checkbox\" class=\"box\">").count(), 2, "{html}");
    assert_eq!(intro.matches("<div class=\"signoff\">").count(), 1, "{html}");

    let (_dir, article) = temporary_article(
        "outlined.md",
        "# Set up policies\n\nWhat to do:\n\n1. Review the prerequisites.\n2. Create your first policies.\n\
         3. Assign them to users.\n\n## Review the prerequisites\n\nYou need a license.\n\n\
         ## Step 1: Create a policy\n\n1. Select **New**.\n\n## Step 2: Assign the policy to users\n\n\
         1. Select **Assign**.\n",
    );
    let text = render(&[&article, "--format", "txt"]);
    assert!(text.contains("\n1. Review the prerequisites.\n2. Create your first policies.\n"), "{text}");
    assert_eq!(text.lines().filter(|line| line.trim_start().starts_with("Initials:")).count(), 2, "{text}");
}

// The seeds are snapshotted as bundled (`--lang` picks the article and the UI), and across languages as files.
#[test]
fn markdown_task_lists() {
    insta::assert_snapshot!("md_en_seed_en_ui", render(&["--format", "md", "--lang", "en-US"]));
    insta::assert_snapshot!("md_fr_seed_fr_ui", render(&["--format", "md", "--lang", "fr-FR"]));
    insta::assert_snapshot!("md_fr_seed_en_ui", render_copy(FR, &["--format", "md", "--lang", "en-US"]));
    insta::assert_snapshot!("md_en_seed_results", render(&["--format", "md", "--results", RESULTS]));
}

#[test]
fn plain_text() {
    insta::assert_snapshot!("txt_en_seed_en_ui", render(&["--format", "txt"]));
    insta::assert_snapshot!("txt_fr_seed_fr_ui", render(&["--format", "txt", "--lang", "fr-FR"]));
    insta::assert_snapshot!(
        "txt_en_seed_fr_ui_results",
        render_copy(EN, &["--format", "txt", "--lang", "fr", "--results", RESULTS])
    );
}

#[test]
fn json_step_view() {
    let english: serde_json::Value = serde_json::from_str(&render(&["--format", "json"])).unwrap();
    let steps = english["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 5);
    assert_eq!(steps[0]["label"], "Step 1");
    assert_eq!(english["ui_locale"], "en-US");
    let french = render(&["--format", "json", "--lang", "fr-FR", "--results", RESULTS]);
    insta::assert_json_snapshot!("json_fr_seed_fr_ui_results", compact(&french));
    insta::assert_json_snapshot!("json_en_seed_en_ui", compact(&render(&["--format", "json"])));
}

/// The JSON view without the article blocks (snapshotted with the parser) or spans: what this command adds.
fn compact(json: &str) -> serde_json::Value {
    let mut value: serde_json::Value = serde_json::from_str(json).unwrap();
    for step in value["steps"].as_array_mut().unwrap() {
        let object = step.as_object_mut().unwrap();
        for key in ["body", "sections", "span"] {
            object.remove(key);
        }
    }
    let object = value.as_object_mut().unwrap();
    for key in ["intro", "intro_sections", "prerequisites", "outro"] {
        object.remove(key);
    }
    value
}

#[test]
fn printable_html() {
    let english = render(&["-o", "-", "--lang", "en-US"]);
    insta::assert_snapshot!("html_en_seed_en_ui", english);
    insta::assert_snapshot!(
        "html_fr_seed_fr_ui_results",
        render(&["-o", "-", "--lang", "fr-FR", "--results", RESULTS])
    );
    // US English prints on Letter by default, French on A4; the region asked for wins; --paper overrides.
    assert!(english.contains("@page {\n  size: letter;"));
    assert!(render_seed_files(&[FR, "-o", "-", "--lang", "fr-FR"]).contains("@page {\n  size: A4;"));
    assert!(render(&[EN, "-o", "-", "--paper", "a4"]).contains("@page {\n  size: A4;"));
    assert!(render(&[EN, "-o", "-", "--paper", "A4", "--format", "HTML"]).contains("@page {\n  size: A4;"), "any case");
    assert!(render(&[EN, "-o", "-", "--lang", "en-GB"]).contains("@page {\n  size: A4;"));
    assert!(render_seed_files(&[FR, "-o", "-", "--lang", "fr-CA"]).contains("@page {\n  size: letter;"));
    let british = checkdown().args(["render", EN, "-o", "-"]).env("LANG", "en_GB.UTF-8").run();
    assert!(british.stdout.contains("@page {\n  size: A4;"), "{}", british.stderr);
    // Self-contained: no external resource of any kind.
    for needle in ["<link", "<script", "src=\"http", "url(", "@import"] {
        assert!(!english.contains(needle), "{needle}");
    }
}

#[test]
fn results_tick_steps_and_show_evidence() {
    let html = render(&[EN, "-o", "-", "--results", RESULTS]);
    assert!(html.contains("1 of 5 steps done"));
    assert!(html.contains("Checked on November 20, 2026 at 09:30 UTC against tenant contoso.onmicrosoft.com"));
    assert!(html.contains("<span class=\"status status-not-done\">Not done</span>"));
    assert!(html.contains("missing permission Organization.Read.All"));
    assert_eq!(html.matches("checked>").count(), 1, "only step 1 is ticked, and it has no sub-steps");
    let french = render(&[EN, "--format", "txt", "--lang", "fr-FR", "--results", RESULTS]);
    assert!(french.contains("1 étape sur 5 terminée"), "{french}");
}

/// Evidence in one language in a checklist of another reads as a mistake on paper: render says so, and how to match.
#[test]
fn results_in_another_language_than_the_checklist_are_named() {
    let mut results: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(RESULTS).unwrap()).unwrap();
    results["locale"] = "fr-FR".into();
    let dir = tempfile::tempdir().unwrap();
    let french_results = dir.path().join("results.fr.json");
    std::fs::write(&french_results, results.to_string()).unwrap();
    let french_results = french_results.to_str().unwrap();
    let run = checkdown().args(["render", EN, "--format", "txt", "--lang", "en-US", "--results", french_results]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "warning: {french_results}: its evidence is in fr-FR and the checklist in en-US: give --lang fr-FR (and \
             the article in that language), or verify again with --lang en-US\n"
        )
    );
    render_seed_files(&[FR, "--format", "txt", "--lang", "fr-FR", "--results", french_results]);
}

#[test]
fn the_header_names_who_the_results_were_checked_as() {
    let dir = tempfile::tempdir().unwrap();
    let mut results: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(crate_root().join(RESULTS)).unwrap()).unwrap();
    let mut with = |signed_in: serde_json::Value| {
        results["signed_in"] = signed_in;
        let file = dir.path().join("results.json");
        std::fs::write(&file, results.to_string()).unwrap();
        file.to_str().unwrap().to_owned()
    };
    let user = with(serde_json::json!({"kind": "user", "name": "admin@contoso.onmicrosoft.com", "id": "ace08ec9",
                                       "tenant_id": "84841066"}));
    let english = render(&[EN, "--format", "txt", "--results", &user]);
    let checked = "Checked on November 20, 2026 at 09:30 UTC against tenant contoso.onmicrosoft.com";
    let wrapped = checked.replace("tenant contoso", "tenant\ncontoso");
    assert!(english.contains(&format!("{wrapped} as user admin@contoso.onmicrosoft.com (ace08ec9)\n")), "{english}");
    let french = render(&[EN, "--format", "md", "--lang", "fr-FR", "--results", &user]);
    let as_user = "contoso.onmicrosoft.com en tant qu’utilisateur admin@contoso.onmicrosoft.com (ace08ec9)";
    assert!(french.contains(as_user), "{french}");

    let application = with(serde_json::json!({"kind": "application", "name": "checkdown-verify", "id": null,
                                              "tenant_id": null}));
    let html = render(&[EN, "--results", &application, "-o", "-"]);
    assert!(html.contains(&format!("{checked} as application checkdown-verify</p>")), "{html}");
    // Who could not be told, or nobody signed in: the header names no one.
    for unnamed in
        [serde_json::json!({"kind": "unknown", "name": null, "id": null, "tenant_id": null}), serde_json::Value::Null]
    {
        let text = render(&[EN, "--format", "txt", "--results", &with(unnamed)]);
        assert!(text.contains(&format!("{wrapped}\n")), "{text}");
    }
}

#[test]
fn hostile_article_html_is_inert() {
    let hostile = "tests/integration/render/hostile.md";
    let json: serde_json::Value = serde_json::from_str(&render(&[hostile, "--format", "json"])).unwrap();
    assert_eq!(json["steps"][0]["substeps"][1]["text"], "Type {{ 7*7 }} and {% raw %}{% endraw %} into the box.");
    for format in ["html", "md", "txt"] {
        // Its image file is missing: HTML says so.
        let output = render_warned(&[hostile, "--format", format, "-o", "-"], &["image-not-embedded"]);
        let lower = output.to_lowercase();
        assert!(!lower.contains("<script"), "{format}: a script element");
        assert!(!lower.contains("<iframe"), "{format}: an iframe");
        assert!(!lower.contains("<img"), "{format}: an image element");
        assert!(!output.contains("Type 49"), "{format}: article text was evaluated as a template");
        assert!(output.contains("{{ 7*7 }}") || output.contains(r"\{\{ 7\*7 \}\}"), "{format}: text kept");
        if format == "html" {
            assert!(!lower.contains("javascript:"), "html: a javascript: URL");
            assert!(tags(&lower).all(|tag| !tag.contains(" on")), "html: an event handler attribute");
            assert!(output.contains("Div text with an iframe."), "html: the text of raw HTML is kept");
            assert!(!output.contains("alert('block')") && !output.contains("display: none"), "html: script/style text");
        }
    }
}

/// The tags of an HTML document (text cannot hold a `<`: it is escaped).
fn tags(html: &str) -> impl Iterator<Item = &str> {
    html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or_default())
}

#[test]
fn bundled_article_follows_lang_and_the_environment() {
    let french = render(&["--format", "txt", "--lang", "fr-FR"]);
    assert!(french.starts_with("FERMER VOTRE COMPTE\nListe de contrôle"), "{french}");
    let from_env = checkdown().args(["render", "--format", "txt"]).env("LANG", "fr_FR.UTF-8").run();
    assert_eq!(from_env.stdout, french);
    let unknown_env = checkdown().args(["render", "--format", "txt"]).env("LANG", "C").run();
    assert!(unknown_env.stdout.starts_with("CLOSE YOUR ACCOUNT\nChecklist"), "{}", unknown_env.stdout);
}

/// `text`, as `sync` and `verify` call it, and `markdown` are `txt` and `md`.
#[test]
fn formats_answer_to_their_long_names_too() {
    assert_eq!(render(&["--format", "text"]), render(&["--format", "txt"]));
    assert_eq!(render(&["--format", "markdown"]), render(&["--format", "md"]));
}

#[test]
fn bad_input_is_refused_clearly() {
    let run = render_fails(&["--lang", "ja-JP"]);
    assert!(
        run.stderr.contains("no UI strings for locale \"ja-JP\"; available: de-DE, en-US, es-ES, fr-FR"),
        "{}",
        run.stderr
    );
    let run = render_fails(&["--format", "docx"]);
    assert!(
        run.stderr.contains("invalid value 'docx'") && run.stderr.contains("html, pdf, md, txt, json"),
        "{}",
        run.stderr
    );
    let run = render_fails(&["-o", "/nonexistent-folder/out.html"]);
    assert!(run.stderr.contains("the folder /nonexistent-folder does not exist"), "{}", run.stderr);
    let run = render_fails(&["--results", "tests/integration/render/unknown-steps.json"]);
    assert!(
        run.stderr.contains("results for steps this article does not have: step-9-launch-rockets; the article's steps are step-1-delete-users,"),
        "{}",
        run.stderr
    );
    let run = render_fails(&["--moniker", "o365-21vianet", "--results", RESULTS]);
    assert!(
        run.stderr.contains(
            "results verified for the whole article (no --moniker), but this checklist is for --moniker o365-21vianet"
        ),
        "{}",
        run.stderr
    );
    let run = render_fails(&["--replay", RESULTS, "--tenant", "contoso.onmicrosoft.com"]);
    assert!(
        run.stderr.contains("--tenant, --replay only apply with --verify, which checks the tenant before rendering"),
        "{}",
        run.stderr
    );
    let run = render_fails(&["--results", "tests/integration/render/bad-status.json"]);
    assert!(run.stderr.contains("bad-status.json:2:"), "{}", run.stderr);
    assert!(
        run.stderr.contains("unknown variant `finished`, expected one of `done`, `not-done`, `unknown`, `manual`"),
        "{}",
        run.stderr
    );
    let run = render_fails(&["missing.md"]);
    assert!(run.stderr.contains("missing.md: no such file"), "{}", run.stderr);
    let empty = tempfile::tempdir().unwrap();
    let no_browser = checkdown().args(["render", "--format", "pdf"]).env("PATH", empty.path()).run();
    assert_eq!(no_browser.code, 2);
    assert!(
        no_browser.stderr.contains("needs a Chromium-family browser and none was found on PATH"),
        "{}",
        no_browser.stderr
    );
    assert!(no_browser.stderr.contains("(Debian/Ubuntu: `apt-get install chromium`) or pass --browser PATH"));
    let run = render_fails(&["--templates", "no-such-folder"]);
    assert!(run.stderr.contains("--templates no-such-folder: no such folder"), "{}", run.stderr);
}

#[test]
fn output_files_are_never_overwritten_unless_they_are_checkdowns_own() {
    let dir = tempfile::tempdir().unwrap();
    let in_dir = |args: &[&str]| {
        checkdown().args(std::iter::once("render").chain(args.iter().copied())).current_dir(dir.path()).run()
    };
    let first = in_dir(&[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(first.stdout, "./close-your-account.en-us.html\n");
    let written = dir.path().join("close-your-account.en-us.html");
    assert!(std::fs::read_to_string(&written).unwrap().contains("<h1>Close your account</h1>"));
    // Running the main command again replaces checkdown's own output.
    assert_eq!(in_dir(&[]).code, 0);

    let mine = dir.path().join("mine.html");
    std::fs::write(&mine, "my notes").unwrap();
    let refused = in_dir(&["-o", "mine.html"]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("mine.html already exists; pass --force to replace it"), "{}", refused.stderr);
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "my notes");
    std::fs::write(&written, "a user's own file").unwrap();
    let refused = in_dir(&[]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert_eq!(std::fs::read_to_string(&written).unwrap(), "a user's own file");
    let forced = in_dir(&["-o", "mine.html", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(std::fs::read_to_string(&mine).unwrap().starts_with("<!DOCTYPE html>"));
}

/// `--force` replaces earlier output, never the article read: not when `-o` names it, nor when the checklist's name
/// in a folder is the article's own.
#[test]
fn the_article_read_is_never_replaced_even_with_force() {
    let (dir, article) = temporary_article("runbook.md", "# Runbook\n\n1. Sign in.\n2. Close the account.\n");
    let folder = dir.path().to_str().unwrap();
    for output in [&article, folder] {
        let run = checkdown().args(["render", &article, "--format", "md", "--force", "-o", output]).run();
        assert_eq!(run.code, 2, "-o {output}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "{article}: this run reads that file, so its output is not written there; write elsewhere"
            )),
            "{}",
            run.stderr
        );
    }
    assert_eq!(std::fs::read_to_string(&article).unwrap(), "# Runbook\n\n1. Sign in.\n2. Close the account.\n");
}

/// `-o runbook.md` writes Markdown; a file named for one format is never filled with another; two articles that
/// would land on the same file are refused before anything is written.
#[test]
fn the_output_file_name_and_the_format_agree() {
    let dir = tempfile::tempdir().unwrap();
    let in_dir = |args: &[&str]| {
        checkdown().args(std::iter::once("render").chain(args.iter().copied())).current_dir(dir.path()).run()
    };
    let markdown = in_dir(&["-o", "runbook.md", "--lang", "en-US"]);
    assert_eq!(markdown.code, 0, "{}", markdown.stderr);
    assert!(std::fs::read_to_string(dir.path().join("runbook.md")).unwrap().starts_with("# Close your account"));
    assert_eq!(markdown.stdout, "runbook.md\n", "the path written, as for a folder");
    let streamed = in_dir(&["-o", "/dev/stdout", "--format", "txt", "--lang", "en-US"]);
    assert!(streamed.stdout.ends_with("on November 21, 2026\n"), "no path into the stream: {}", streamed.stdout);

    let mismatch = in_dir(&["-o", "runbook.pdf", "--format", "html"]);
    assert_eq!(mismatch.code, 2);
    assert!(mismatch.stderr.contains("-o runbook.pdf names a .pdf file but --format is html"), "{}", mismatch.stderr);
    assert!(!dir.path().join("runbook.pdf").exists());
    let unknown = in_dir(&["-o", "runbook.docx"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("-o runbook.docx names a .docx file, which is no format checkdown writes"));
    assert!(!dir.path().join("runbook.docx").exists(), "no HTML in a .docx");
    assert_eq!(in_dir(&["-o", "runbook.docx", "--format", "html"]).code, 0, "unless told so");

    for locale in ["en-us", "en-us/includes"] {
        std::fs::create_dir_all(dir.path().join(locale)).unwrap();
        std::fs::copy(crate_root().join(EN), dir.path().join(locale).join("close-your-account.md")).unwrap();
    }
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let both = ["en-us/close-your-account.md", "en-us/includes/close-your-account.md", "-o", "out"];
    let clash = in_dir(&both);
    assert_eq!(clash.code, 2);
    assert!(clash.stderr.contains("would both be written to out/close-your-account.en-us.html"), "{}", clash.stderr);
    assert_eq!(std::fs::read_dir(dir.path().join("out")).unwrap().count(), 0, "nothing is written");
}

/// `-o out/` names a folder, as its trailing slash says: made when missing, in a folder that exists, and the
/// checklist written into it, whatever extension the folder's name has.
#[test]
fn a_folder_named_with_a_trailing_slash_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let in_dir = |args: &[&str]| {
        checkdown().args(std::iter::once("render").chain(args.iter().copied())).current_dir(dir.path()).run()
    };
    let made = in_dir(&["-o", "out/"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    assert_eq!(made.stdout, "out/close-your-account.en-us.html\n");
    assert!(dir.path().join("out/close-your-account.en-us.html").is_file());
    let named_as_a_file = in_dir(&["-o", "notes.md/"]);
    assert_eq!(named_as_a_file.code, 0, "{}", named_as_a_file.stderr);
    assert!(dir.path().join("notes.md/close-your-account.en-us.html").is_file());
    let deeper = in_dir(&["-o", "missing/out/"]);
    assert_eq!(deeper.code, 2);
    assert!(deeper.stderr.contains("-o missing/out/: the folder missing does not exist"), "{}", deeper.stderr);
    assert!(!dir.path().join("missing").exists());
}

/// A Markdown checklist's tables are tables: its output parses back with every table of the article.
#[test]
fn markdown_tables_stay_tables() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = crate_root().join("tests/integration/render/wide-table.md");
    let output = dir.path().join("wide.md");
    render(&[fixture.to_str().unwrap(), "--format", "md", "-o", output.to_str().unwrap()]);
    let tables = |path: &Path| {
        let parsed = checkdown().args(["parse", path.to_str().unwrap()]).run();
        let model: serde_json::Value = serde_json::from_str(&parsed.stdout).unwrap();
        model["sections"].to_string().matches(r#""kind":"table""#).count()
    };
    assert_eq!(tables(&output), 2, "{}", std::fs::read_to_string(&output).unwrap());
    assert_eq!(tables(&output), tables(&fixture));
}

/// The fixture `tests/integration/render/pictures/` copied into a docset (a folder with a `docfx.json`) in a
/// temporary folder, beside a picture outside it: the docset's folder and the article's path.
fn pictures_docset() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let fixture = crate_root().join("tests/integration/render/pictures");
    std::fs::create_dir_all(docs.join("media")).unwrap();
    for file in ["article.md", "media/screen.png", "media/diagram.svg", "media/notes.png"] {
        std::fs::copy(fixture.join(file), docs.join(file)).unwrap();
    }
    std::fs::write(docs.join("docfx.json"), r#"{"build": {"content": [{"files": ["**/*.md"], "dest": "m365"}]}}"#)
        .unwrap();
    std::fs::copy(fixture.join("media/screen.png"), dir.path().join("outside.png")).unwrap();
    let article = docs.join("article.md");
    (dir, article)
}

#[test]
fn html_embeds_the_pictures_found_below_the_docs_root_and_says_why_of_the_others() {
    let (_dir, article) = pictures_docset();
    let run = checkdown().args(["render", article.to_str().unwrap(), "-o", "-"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let base64 = |file: &str| {
        let bytes = std::fs::read(crate_root().join("tests/integration/render/pictures/media").join(file)).unwrap();
        base64::Engine::encode(&base64::engine::general_purpose::STANDARD, bytes)
    };
    // minijinja writes the `/` of an attribute as `&#x2f;`, which the browser reads as `/`.
    let png = format!(
        "<img class=\"picture\" src=\"data:image&#x2f;png;base64,{}\" alt=\"The Settings page\">",
        base64("screen.png")
    );
    assert!(run.stdout.contains(&png), "{}", run.stdout);
    let svg = format!(
        "<figure class=\"picture\"><img class=\"picture\" src=\"data:image&#x2f;svg+xml;base64,{}\" alt=\"How the tenant signs in\"></figure>",
        base64("diagram.svg")
    );
    assert!(run.stdout.contains(&svg), "{}", run.stdout);
    assert_eq!(run.stdout.matches("<img").count(), 2, "{}", run.stdout);
    for alt in ["the old page", "the web page", "the notes", "a picture outside"] {
        assert!(run.stdout.contains(&format!("<span class=\"image\">[Image: {alt}]</span>")), "{alt}: {}", run.stdout);
    }
    let path = article.display();
    let warning = |at: &str, source: &str, why: &str| {
        format!("{path}:{at}: warning[image-not-embedded]: the image {source} is printed as its alt text: {why}")
    };
    let expected = [
        warning("19:17", "media/missing.png", "there is no such file"),
        warning("19:56", "https://contoso.example/shot.png", "it is on the web, and a checklist is made offline"),
        warning("20:12", "media/notes.png", "it is not a PNG, JPEG, GIF, WebP or SVG image"),
        warning("20:46", "../outside.png", "it is outside the docs root"),
    ];
    assert_eq!(run.stderr.lines().collect::<Vec<_>>(), expected);
}

/// An `<img>` in raw HTML is a picture like a Markdown image: embedded, or its alt text with the warning.
#[test]
fn an_image_in_raw_html_is_printed_as_a_picture() {
    let (_dir, article) = pictures_docset();
    let html = article.with_file_name("html.md");
    std::fs::write(
        &html,
        "# Raw\n\n## Step 1: Open\n\n<div class=\"card\"><p>Open the page:</p>\n<img src=\"media/screen.png\" alt=\"The Settings page\"></div>\n\n\
         <table><tr><td>Click <img src=\"media/gone.png\" alt=\"the gear\"></td></tr></table>\n\n1. Go.\n",
    )
    .unwrap();
    let run = checkdown().args(["render", html.to_str().unwrap(), "-o", "-"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("<img class=\"picture\" src=\"data:image&#x2f;png;base64,"), "{}", run.stdout);
    assert!(run.stdout.contains("alt=\"The Settings page\""), "{}", run.stdout);
    assert!(run.stdout.contains("<span class=\"image\">[Image: the gear]</span>"), "{}", run.stdout);
    let warning = format!(
        "{}:8:1: warning[image-not-embedded]: the image media/gone.png is printed as its alt text: there is no such \
         file\n",
        html.display()
    );
    assert_eq!(run.stderr, warning);
    let text = checkdown().args(["render", html.to_str().unwrap(), "--format", "txt", "-o", "-"]).run();
    assert!(text.stdout.contains("[Image: The Settings page]"), "{}", text.stdout);
}

#[test]
fn no_images_and_the_text_formats_print_alt_text_without_reading_pictures() {
    let (_dir, article) = pictures_docset();
    let article = article.to_str().unwrap();
    for args in
        [vec![article, "-o", "-", "--no-images"], vec![article, "--format", "md"], vec![article, "--format", "txt"]]
    {
        let output = render(&args);
        assert!(!output.contains("<img") && !output.contains("base64"), "{args:?}: {output}");
        assert!(output.contains("Image: The Settings page"), "{args:?}: {output}");
    }
    let json = render(&[article, "--format", "json"]);
    assert!(!json.contains("base64") && !json.contains("\"images\""), "{json}");
}

#[test]
fn templates_can_be_overridden_by_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("checklist.txt"),
        "{% for step in checklist.steps %}{{ step.number }}={{ step.title }}\n{% endfor %}",
    )
    .unwrap();
    let templates = dir.path().to_str().unwrap();
    assert_eq!(
        render(&["--format", "txt", "--templates", templates]),
        "1=Delete users\n2=Cancel all active subscriptions\n3=Delete all disabled subscriptions\n\
         4=Disable multi-factor authentication\n5=Delete the directory in Azure Active Directory\n"
    );
    std::fs::write(dir.path().join("checklist.md"), "{{ checklist.no_such_field }}").unwrap();
    let run = render_fails(&["--format", "md", "--templates", templates]);
    assert!(run.stderr.contains("template checklist.md: line 1:"), "{}", run.stderr);
    std::fs::write(dir.path().join("checklist.md"), "\n{{ t(\"no-such-message\") }}").unwrap();
    let run = render_fails(&["--format", "md", "--templates", templates]);
    assert!(run.stderr.contains("template checklist.md: line 2:"), "{}", run.stderr);
    assert!(run.stderr.contains("t(\"no-such-message\"): no such UI string"), "{}", run.stderr);

    let misnamed = tempfile::tempdir().unwrap();
    std::fs::write(misnamed.path().join("checklist.htm"), "custom").unwrap();
    let run = render_fails(&["--templates", misnamed.path().to_str().unwrap()]);
    assert!(run.stderr.contains("holds none of checklist.html, checklist.md, checklist.txt"), "{}", run.stderr);
}

/// Browser checks in real headless Chromium. Run by `.ci/run` (`cargo test -- --ignored`); under `CI=true` a missing
/// browser fails them.
mod browser {
    use super::*;

    fn tools() -> bool {
        let present = ["chromium", "pdftotext", "pdfinfo", "fc-list"].iter().all(|tool| {
            std::process::Command::new("sh")
                .args(["-c", &format!("command -v {tool}")])
                .output()
                .is_ok_and(|o| o.status.success())
        });
        assert!(
            present || std::env::var("CI").as_deref() != Ok("true"),
            "CI=true but chromium, fontconfig or poppler-utils is missing"
        );
        if !present {
            eprintln!(
                "skipped: chromium, fontconfig and poppler-utils are needed (apt-get install chromium fontconfig \
                 poppler-utils)"
            );
        }
        present
    }

    fn pdf_text(pdf: &Path, page: Option<usize>) -> String {
        let mut command = std::process::Command::new("pdftotext");
        if let Some(page) = page {
            command.args(["-f", &page.to_string(), "-l", &page.to_string()]);
        }
        let output = command.arg(pdf).arg("-").output().unwrap();
        String::from_utf8(output.stdout).unwrap()
    }

    /// The text of `pdf` laid out as printed: columns and indents kept.
    fn pdf_layout(pdf: &Path) -> String {
        let output = std::process::Command::new("pdftotext").args(["-layout"]).arg(pdf).arg("-").output().unwrap();
        String::from_utf8(output.stdout).unwrap()
    }

    /// A word printed in a PDF, where `pdftotext -bbox` finds it (points).
    #[derive(Debug)]
    struct Word {
        text: String,
        x_min: f32,
        height: f32,
    }

    /// The words of `pdf` in reading order, with their boxes.
    fn words(pdf: &Path) -> Vec<Word> {
        let boxes = std::process::Command::new("pdftotext").arg("-bbox").arg(pdf).arg("-").output().unwrap();
        let boxes = String::from_utf8(boxes.stdout).unwrap();
        let coordinate = |line: &str, name: &str| -> f32 {
            let value = line.split(&format!("{name}=\"")).nth(1).unwrap();
            value[..value.find('"').unwrap()].parse().unwrap()
        };
        boxes
            .lines()
            .filter_map(|line| {
                let text = line.trim().strip_prefix("<word ")?.split_once('>')?.1.strip_suffix("</word>")?;
                Some(Word {
                    text: text.to_owned(),
                    x_min: coordinate(line, "xMin"),
                    height: coordinate(line, "yMax") - coordinate(line, "yMin"),
                })
            })
            .collect()
    }

    fn page_count(pdf: &Path) -> usize {
        let info = std::process::Command::new("pdfinfo").arg(pdf).output().unwrap();
        let info = String::from_utf8(info.stdout).unwrap();
        info.lines().find_map(|line| line.strip_prefix("Pages:")).unwrap().trim().parse().unwrap()
    }

    fn page_size(pdf: &Path) -> String {
        let info = std::process::Command::new("pdfinfo").arg(pdf).output().unwrap();
        let info = String::from_utf8(info.stdout).unwrap();
        info.lines().find_map(|line| line.strip_prefix("Page size:")).unwrap().trim().to_owned()
    }

    fn squeeze(text: &str) -> String {
        text.chars().filter(|c| !c.is_whitespace()).collect()
    }

    #[test]
    #[ignore = "needs Chromium; .ci/run runs it"]
    fn pdfs_on_a4_and_letter_hold_every_step_and_link_and_split_no_step() {
        if !tools() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        for (article, lang, signoff) in [(EN, "en-US", "Initials"), (FR, "fr-FR", "Initiales")] {
            let json = render_seed_files(&[article, "--format", "json", "--lang", lang]);
            let view: serde_json::Value = serde_json::from_str(&json).unwrap();
            let titles: Vec<&str> =
                view["steps"].as_array().unwrap().iter().map(|s| s["title"].as_str().unwrap()).collect();
            let urls: Vec<&str> =
                view["links"]["footnotes"].as_array().unwrap().iter().map(|f| f["url"].as_str().unwrap()).collect();
            assert!(!urls.is_empty());
            for (paper, size) in [("a4", "(A4)"), ("letter", "(letter)")] {
                let pdf = dir.path().join(format!("{lang}-{paper}.pdf"));
                let path = pdf.to_str().unwrap();
                render_seed_files(&[article, "--format", "pdf", "--lang", lang, "--paper", paper, "-o", path]);
                assert!(page_size(&pdf).ends_with(size), "{path}: {}", page_size(&pdf));
                let text = squeeze(&pdf_text(&pdf, None));
                for needle in titles.iter().chain(&urls) {
                    assert!(text.contains(&squeeze(needle)), "{path} lacks {needle}");
                }
                // Each step ends with its sign-off line: on every page, as many sign-offs as step titles. Every
                // page says which runbook it belongs to and where it goes.
                let pages = page_count(&pdf);
                for page in 1..=pages {
                    let text = squeeze(&pdf_text(&pdf, Some(page)));
                    assert!(text.ends_with(&format!("{page}/{pages}")), "{path} page {page} has no number: {text}");
                    assert!(text.contains(&squeeze(view["title"].as_str().unwrap())), "{path} page {page}: {text}");
                    let steps_here = titles.iter().filter(|title| text.contains(&squeeze(title))).count();
                    assert_eq!(text.matches(signoff).count(), steps_here, "{path} page {page} splits a step");
                }
            }
        }
    }

    /// The fixture `tests/integration/render/{name}` printed on A4, in a folder kept as long as the caller keeps it;
    /// `None` when the browser tools are missing (outside CI).
    fn print_fixture(name: &str) -> Option<(tempfile::TempDir, std::path::PathBuf)> {
        if !tools() {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let pdf = dir.path().join(name).with_extension("pdf");
        let fixture = crate_root().join("tests/integration/render").join(name);
        render(&[fixture.to_str().unwrap(), "--format", "pdf", "--paper", "a4", "-o", pdf.to_str().unwrap()]);
        Some((dir, pdf))
    }

    /// A zone's "Applies to" label stays on the page of what it labels, as a heading does.
    /// A script no font on the machine has prints as empty boxes: a warning says so, and what to install, whenever
    /// fontconfig (which Chromium finds its fonts with) knows no font for it, and never for Latin text.
    #[test]
    #[ignore = "needs Chromium; .ci/run runs it"]
    fn a_script_without_a_font_is_warned_about() {
        if !tools() {
            return;
        }
        let (dir, article) = temporary_article("adlam.md", "# Greetings\n\n## Step 1: Greet\n\n1. Say 𞤀𞤁𞤂.\n");
        let pdf = dir.path().join("adlam.pdf");
        let run = checkdown().args(["render", &article, "--format", "pdf", "-o", pdf.to_str().unwrap()]).run();
        assert_eq!(run.code, 0, "{}", run.stderr);
        let fonts = std::process::Command::new("fc-list").args([":charset=1e900", "family"]).output().unwrap();
        let warning = "no font on this machine has '𞤀' (U+1E900), so the PDF prints it and the characters of its \
                       script as empty boxes; install a font for them (Debian: fonts-noto) and print again";
        assert_eq!(run.stderr.contains(warning), fonts.stdout.trim_ascii().is_empty(), "{}", run.stderr);
        let latin = dir.path().join("en.pdf");
        render_seed_files(&[EN, "--format", "pdf", "-o", latin.to_str().unwrap()]);
    }

    #[test]
    #[ignore = "needs Chromium; .ci/run runs it"]
    fn a_variant_label_stays_with_what_it_labels() {
        if !tools() {
            return;
        }
        let paragraph = "This paragraph says what to prepare for this version before you install it. ".repeat(3);
        let zones: String = (1..=30)
            .map(|n| format!("::: moniker range=\"product-{n}\"\n\nZone {n}: {paragraph}\n\n::: moniker-end\n\n"))
            .collect();
        let (dir, article) = temporary_article("zones.md", &format!("# Install\n\n## Step 1: Prepare\n\n{zones}"));
        let pdf = dir.path().join("zones.pdf");
        render(&[&article, "--format", "pdf", "--paper", "a4", "-o", pdf.to_str().unwrap()]);
        for page in 1..=page_count(&pdf) {
            let text = pdf_text(&pdf, Some(page));
            for (at, label) in text.match_indices("Applies to: product-") {
                let zone: String = text[at + label.len()..].chars().take_while(char::is_ascii_digit).collect();
                assert!(
                    text[at..].contains(&format!("Zone {zone}:")),
                    "page {page} ends with zone {zone}'s label: {text}"
                );
            }
        }
    }

    /// A step longer than half a page flows on right after the step before it instead of leaving that page blank,
    /// its sign-off line stays with its end, and a table's short words are never broken to give a long column room.
    #[test]
    #[ignore = "needs Chromium; .ci/run runs it"]
    fn a_long_step_flows_on_and_keeps_its_sign_off() {
        let Some((_dir, pdf)) = print_fixture("long-step.md") else { return };
        let first = squeeze(&pdf_text(&pdf, Some(1)));
        assert!(first.contains("Configureeverysetting"), "the long step left page 1: {first}");
        assert!(first.contains("Settingnumber1."), "{first}");
        let pages: Vec<String> = (1..=page_count(&pdf)).map(|page| pdf_text(&pdf, Some(page))).collect();
        let last_setting = pages.iter().position(|text| text.contains("Setting number 40.")).unwrap();
        let table = pages.iter().position(|text| text.contains("Identity")).unwrap();
        let signoffs: Vec<usize> = (0..pages.len()).filter(|&page| pages[page].contains("Initials")).collect();
        assert!(signoffs.contains(&table) && last_setting <= table, "{signoffs:?}, table on {table}");
        assert!(pages.iter().any(|text| text.contains("Parameter")), "a short header word is broken: {pages:?}");
    }

    /// A code block longer than the rest of the page starts right after the text that leads to it, and flows on to
    /// the next page, rather than leave the page blank under its lead-in.
    #[test]
    #[ignore = "needs Chromium; .ci/run runs it"]
    fn a_long_code_block_starts_under_its_lead_in() {
        let Some((_dir, pdf)) = print_fixture("long-script.md") else { return };
        let first = pdf_text(&pdf, Some(1));
        assert!(first.contains("Save the script below"), "{first}");
        assert!(first.contains("Checking mailbox 1\""), "the script left page 1: {first}");
        assert!(!first.contains("Checking mailbox 70"), "the script did not flow on: {first}");
    }

    /// A sentence that leads to a list ("do the following:") never ends a page: it goes on with its list.
    #[test]
    #[ignore = "needs Chromium; .ci/run runs it"]
    fn a_lead_in_stays_with_its_list() {
        let Some((_dir, pdf)) = print_fixture("lead-ins.md") else { return };
        for page in 1..=page_count(&pdf) {
            let text = pdf_text(&pdf, Some(page));
            // The page's own text, above its foot (the title, then "page/pages").
            let lines: Vec<&str> = text.lines().filter(|line| !line.trim().is_empty()).collect();
            let last = lines[..lines.len() - 2].last().unwrap();
            assert!(!last.ends_with(':'), "page {page} ends with a lead-in: {last}");
        }
    }

    /// A code line too long for the page goes on under a hanging indent, so that its end is not read as a line of
    /// its own; blank lines of the code stay.
    #[test]
    #[ignore = "needs Chromium; .ci/run runs it"]
    fn a_long_code_line_goes_on_under_a_hanging_indent() {
        let Some((_dir, pdf)) = print_fixture("long-code.md") else { return };
        let text = pdf_layout(&pdf);
        let lines: Vec<&str> = text.lines().collect();
        let indent = |line: &str| line.len() - line.trim_start().len();
        let start = lines.iter().position(|line| line.trim_start().starts_with("New-TransportRule")).expect(&text);
        let goes_on = lines[start + 1];
        assert!(indent(goes_on) > indent(lines[start]), "no hanging indent:\n{}\n{goes_on}", lines[start]);
        let get = lines.iter().position(|line| line.trim_start().starts_with("Get-TransportRule")).expect(&text);
        assert_eq!(indent(lines[get]), indent(lines[start]), "a line of its own starts where the first did");
        assert!(lines[get - 1].trim().is_empty(), "the blank line of the code is kept: {text}");
        // An indented line goes on deeper than it starts, not back at the block's left edge.
        let words = words(&pdf);
        let set = words.iter().position(|word| word.text == "Set-TransportRule").expect(&text);
        let goes_on = &words[set..].iter().find(|word| word.text.starts_with("-ApplyRights")).expect(&text);
        assert!(goes_on.x_min > words[set].x_min, "{goes_on:?} goes on left of {:?}", words[set]);
        // A parameter is never split after its dash ("-" at a line's end, "Type" on the next).
        let split = lines.iter().find(|line| line.trim_end().ends_with('-'));
        assert!(split.is_none(), "{split:?} in\n{text}");
    }

    /// An embedded picture is printed in the PDF at its size.
    #[test]
    #[ignore = "needs Chromium; .ci/run runs it"]
    fn pictures_print_in_the_pdf() {
        if !tools() {
            return;
        }
        let (dir, article) = pictures_docset();
        let pdf = dir.path().join("article.pdf");
        let run = checkdown().args(["render", article.to_str().unwrap(), "-o", pdf.to_str().unwrap()]).run();
        assert_eq!(run.code, 0, "{}", run.stderr);
        let list = std::process::Command::new("pdfimages").arg("-list").arg(&pdf).output().unwrap();
        let list = String::from_utf8(list.stdout).unwrap();
        // page, number, type, width, height: the 40 x 20 PNG (the SVG prints as drawing, not as an image).
        let images: Vec<Vec<&str>> =
            list.lines().skip(2).map(|line| line.split_whitespace().take(5).collect()).collect();
        assert_eq!(images, [["1", "0", "image", "40", "20"]], "{list}");
        assert!(pdf_text(&pdf, None).contains("Tenant"), "the SVG's text is printed");
    }

    /// A title too long for the foot of the page is cut there with an ellipsis, beside a whole page number.
    #[test]
    #[ignore = "needs Chromium; .ci/run runs it"]
    fn a_long_title_leaves_the_page_number_whole() {
        let Some((_dir, pdf)) = print_fixture("long-title.md") else { return };
        let text = pdf_layout(&pdf);
        let foot = text.lines().rfind(|line| !line.trim().is_empty()).unwrap();
        assert!(foot.starts_with("Close your organization's Microsoft 365 account after"), "{text}");
        assert!(foot.contains("…") && foot.ends_with(" 1/1"), "{foot:?}");
    }

    /// A table wider than the page (long code and URLs in its cells) wraps inside the page: every cell prints whole,
    /// and so does the note after it.
    #[test]
    #[ignore = "needs Chromium; .ci/run runs it"]
    fn a_wide_table_wraps_inside_the_page() {
        let Some((_dir, pdf)) = print_fixture("wide-table.md") else { return };
        let text = squeeze(&pdf_text(&pdf, None));
        for row in 0..3 {
            for end in [format!("finis{row}"), format!("libraryname{row}")] {
                assert!(text.contains(&end), "row {row} lost {end:?}: {text}");
            }
        }
        assert_eq!(text.matches("aaaa\"").count(), 3, "a query's end is cut: {text}");
        // Names too long to stand side by side, as plain text: broken at their column's edge, not cut at the page's.
        for row in 0..2 {
            for end in [format!("suite{row}"), format!("exchange{row}"), format!("strength{row}")] {
                assert!(text.contains(&end), "row {row} lost {end:?}: {text}");
            }
        }
        assert!(text.contains("terminus"), "the note after the table is cut: {text}");
        // Printed at full size: the browser did not shrink the pages to fit a table wider than them.
        let words = words(&pdf);
        let last = words.iter().find(|word| word.text == "terminus.").expect(&text);
        assert!(last.height > 10.0, "the body text is {} points high: the pages were shrunk", last.height);
    }

    /// Loads the checklist in Chromium with console logging, its proxy set to a local listener: the page must log no
    /// console message and make no request. A page with an external image proves both checks can fail.
    #[test]
    #[ignore = "needs Chromium; .ci/run runs it"]
    fn the_page_logs_no_console_error_and_requests_nothing() {
        if !tools() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let checklist = dir.path().join("checklist.html");
        std::fs::write(&checklist, render_seed_files(&[FR, "-o", "-", "--lang", "fr-FR"])).unwrap();
        let leaky = dir.path().join("leaky.html");
        std::fs::write(&leaky, "<img src=\"http://example.invalid/x.png\"><script>console.error('boom')</script>")
            .unwrap();

        let (console, requests) = load(&checklist, dir.path());
        assert!(console.is_empty(), "console: {console:?}");
        assert_eq!(requests, 0, "the checklist made a request");
        let (console, requests) = load(&leaky, dir.path());
        assert!(console.iter().any(|line| line.contains("boom")), "the console check sees nothing: {console:?}");
        assert!(requests > 0, "the request check sees nothing");
    }

    fn load(page: &Path, work: &Path) -> (Vec<String>, usize) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let output = std::process::Command::new("chromium")
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"])
            .args(["--disable-component-update", "--disable-sync", "--enable-logging=stderr", "--v=0", "--dump-dom"])
            // A request nobody answers would hold the load event forever: stop after 10 s whatever happens.
            .arg("--timeout=10000")
            .arg(format!("--proxy-server=http://127.0.0.1:{port}"))
            .arg("--proxy-bypass-list=<-loopback>")
            .arg(format!("--user-data-dir={}", work.join(format!("profile-{port}")).display()))
            .arg(format!("file://{}", page.display()))
            .output()
            .unwrap();
        // Chromium's own services (time, component updates, accounts) call Google hosts whatever the page does;
        // everything else that reached the proxy came from the page.
        let mut requests = 0;
        while let Ok((mut connection, _)) = listener.accept() {
            connection.set_nonblocking(false).unwrap();
            connection.set_read_timeout(Some(std::time::Duration::from_secs(2))).unwrap();
            let mut head = [0u8; 512];
            let read = std::io::Read::read(&mut connection, &mut head).unwrap_or(0);
            let line = String::from_utf8_lossy(&head[..read]).lines().next().unwrap_or_default().to_owned();
            let target = line.split_whitespace().nth(1).unwrap_or_default();
            let host = target.trim_start_matches("http://").trim_start_matches("https://");
            let host = host.split(['/', ':']).next().unwrap_or_default();
            let browser_service = ["google.com", "googleapis.com", "gvt1.com", "gstatic.com"]
                .iter()
                .any(|service| host == *service || host.ends_with(&format!(".{service}")));
            if !browser_service {
                requests += 1;
            }
        }
        let console = String::from_utf8_lossy(&output.stderr)
            .lines()
            .filter(|line| line.contains("CONSOLE"))
            .map(str::to_owned)
            .collect();
        (console, requests)
    }
}

#[test]
fn relative_links_print_in_full_with_the_learn_address() {
    let without = render_copy(FR, &["--format", "txt"]);
    assert!(without.contains("[1] ../admin/microsoft-365-admin-center-preview.md"), "outside a docset: as written");
    let url = "https://learn.microsoft.com/fr-fr/microsoft-365/commerce/close-your-account";
    let with = render_copy(FR, &["--format", "txt", "--learn-url", url]);
    assert!(with.contains(
        "[1] https://learn.microsoft.com/fr-fr/microsoft-365/admin/microsoft-365-admin-center-preview?preserve-view=true"
    ));
    // An address without a locale: the article's language is the URLs'.
    let url = "https://learn.microsoft.com/microsoft-365/commerce/close-your-account";
    let with = render_copy(FR, &["--format", "txt", "--learn-url", url]);
    assert!(
        with.contains("[1] https://learn.microsoft.com/fr-fr/microsoft-365/admin/microsoft-365-admin-center-preview")
    );
    let run = render_fails(&[FR, "--learn-url", "https://example.com/x"]);
    assert!(run.stderr.contains("--learn-url https://example.com/x: not a Learn address"), "{}", run.stderr);
}

/// Plain text is wrapped for a terminal or a text printer: no line of prose passes 80 columns, continuation lines
/// keep their indentation, paragraphs are apart, and code is printed as written, however long.
#[test]
fn plain_text_is_wrapped_at_80_columns_but_code_is_not() {
    let long = "Select the setting that applies to every mailbox of the organization, then save it. ".repeat(3);
    let code = format!("Set-Mailbox -Identity {} -Type Shared", "x".repeat(90));
    let (_dir, article) = temporary_article(
        "wrap.md",
        &format!(
            "# Wrap

{long}

Second paragraph.

## Step 1: Configure

1. {long}

   > [!NOTE]
   > {long}

             2. Run:

   ```powershell
   {code}
   ```
"
        ),
    );
    let text = render(&[&article, "--format", "txt", "--lang", "en-US"]);
    let too_long: Vec<&str> = text.lines().filter(|line| line.chars().count() > 80 && !line.contains(&code)).collect();
    assert_eq!(too_long, Vec::<&str>::new(), "{text}");
    assert!(text.lines().any(|line| line.trim_start() == code), "code is not wrapped: {text}");
    let lines: Vec<&str> = text.lines().collect();
    let item = lines.iter().position(|line| line.starts_with("    [ ] 1. Select")).expect(&text);
    assert!(lines[item + 1].starts_with("           ") && !lines[item + 1].starts_with("            "), "{text}");
    let note = lines.iter().position(|line| line.trim_start().starts_with("NOTE: Select")).expect(&text);
    assert!(lines[note + 1].starts_with(&format!("{}  ", &lines[note][..lines[note].find("NOTE").unwrap()])));
    let second = lines.iter().position(|line| *line == "Second paragraph.").expect(&text);
    assert_eq!(lines[second - 1], "", "paragraphs are apart: {text}");
}

/// A printed runbook has fields for the run (the tenant, filled in when results name it, who did the work, when it
/// began) and a sign-off of the whole procedure at its end; an article with nothing to tick has neither.
#[test]
fn a_procedure_has_fields_for_the_run_and_a_final_sign_off() {
    let text = render(&["--format", "txt", "--lang", "en-US", "--results", RESULTS]);
    let lines: Vec<&str> = text.lines().collect();
    // Too long for one line of 80 columns with the tenant filled in: a field a line.
    let run = lines.iter().position(|line| *line == "Tenant: contoso.onmicrosoft.com").expect(&text);
    assert!(lines[run + 1].starts_with("Performed by: ") && lines[run + 2].starts_with("Started: "), "{text}");
    let first_step = lines.iter().position(|line| line.starts_with("[")).unwrap();
    let sign_off = lines.iter().position(|line| *line == "SIGN-OFF").expect(&text);
    let last_step_sign_off = lines.iter().rposition(|line| line.trim_start().starts_with("Initials:")).unwrap();
    assert!(run < first_step && last_step_sign_off < sign_off, "{text}");
    assert_eq!(lines[sign_off + 1], "Completed by: ____________    Date: ____________", "{text}");
    assert_eq!(lines[sign_off + 2], "Approved by: ____________    Date: ____________", "{text}");
    let (_dir, reference) = temporary_article("endpoints.md", "# Endpoints\n\n| | |\n|---|---|\n| a.com | 443 |\n");
    let text = render_without_steps(&[&reference, "--format", "txt"]);
    assert!(!text.contains("Performed by") && !text.contains("SIGN-OFF"), "{text}");
}

/// Plain text has no pages, so no paper to choose; a table written without a header row prints no empty one.
#[test]
fn plain_text_has_no_paper_and_no_empty_header_row() {
    let refused = render_fails(&["--format", "txt", "--paper", "a4"]);
    assert!(refused.stderr.contains("the txt format has no pages"), "{}", refused.stderr);
    let (_dir, reference) = temporary_article("endpoints.md", "# Endpoints\n\n| | |\n|---|---|\n| a.com | 443 |\n");
    let text = render_without_steps(&[&reference, "--format", "txt"]);
    assert!(text.contains("\na.com | 443\n") && !text.contains(" |\na.com"), "{text}");
}

/// A link whose text is its address already prints it in full: no footnote repeats it.
#[test]
fn a_link_whose_text_is_its_address_gets_no_footnote() {
    let (_dir, article) = temporary_article(
        "portal.md",
        "# Protect\n\n## Step 1: Sign in\n\n1. Go to [https://protection.office.com](https://protection.office.com) \
         or <https://aka.ms/pnc>, then [the center](https://aka.ms/center).\n",
    );
    let text = render(&[&article, "--format", "txt", "--lang", "en-US"]);
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Go to https://protection.office.com or https://aka.ms/pnc, then the center [1]. "),
        "{text}"
    );
    assert!(text.contains("\nLinks\n\n[1] https://aka.ms/center\n\n"), "{text}");
    let html = render(&[&article, "-o", "-", "--lang", "en-US"]);
    assert_eq!(html.matches("<sup class=\"note\">").count(), 1, "{html}");
}

/// A relative link that cannot be made a full URL prints as written, which leads nowhere on paper: a warning names
/// where it is, once per target, as parse warnings do.
#[test]
fn a_link_printed_as_written_is_warned_about_once() {
    let (_dir, article) = temporary_article(
        "geo.md",
        "# Configure Multi-Geo\n\n## Step 1: Plan\n\n1. Read [the plan](plan-for-multi-geo.md).\n\
         2. Read [it again](plan-for-multi-geo.md), then [the move](../move.md).\n",
    );
    let run = checkdown().args(["render", &article, "--format", "txt"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let unknown = "is printed as written: the article's address on Learn is unknown (give --learn-url, or render the \
                   file inside its docset, below a docfx.json that maps it to a site folder)";
    assert_eq!(
        run.stderr.lines().collect::<Vec<_>>(),
        [
            format!("{article}:5:9: warning[unresolved-link]: the relative link plan-for-multi-geo.md {unknown}"),
            format!("{article}:6:49: warning[unresolved-link]: the relative link ../move.md {unknown}"),
        ]
    );
    assert!(run.stdout.contains("\n[1] plan-for-multi-geo.md\n[2] ../move.md\n"), "{}", run.stdout);
    // With the article's address, they print in full and nothing is said.
    let text = render(&[&article, "--format", "txt", "--learn-url", "https://learn.microsoft.com/en-us/m365/a/geo"]);
    assert!(text.contains("\n[1] https://learn.microsoft.com/en-us/m365/a/plan-for-multi-geo\n"), "{text}");
}

/// Given the article's Learn address, the printed checklist names the article by it, at its head and in its
/// "Generated from" line: the local path of whoever printed it means nothing to its reader.
#[test]
fn the_learn_address_names_the_article_on_paper() {
    let (_dir, article) = temporary_article("geo.md", "# Multi-Geo\n\n## Step 1: Plan\n\n1. Plan it.\n");
    let url = "https://learn.microsoft.com/en-us/microsoft-365/enterprise/multi-geo-tenant-configuration";
    let with_url = |format: &str| render(&[&article, "--format", format, "-o", "-", "--learn-url", url]);
    let text = with_url("txt");
    assert!(text.contains(&format!("\nChecklist\n{url}\n")), "wrapped at 80 columns: {text}");
    assert!(text.contains(&format!("\nGenerated from {url} on November 21, 2026\n")), "{text}");
    let markdown = with_url("md");
    assert!(markdown.contains(&format!("\n*Checklist* · <{url}>\n")), "an autolink: {markdown}");
    let html = with_url("html");
    let escaped = url.replace('/', "&#x2f;");
    assert!(html.contains(&format!("<span><a href=\"{escaped}\">{escaped}</a></span>")), "a link: {html}");
    assert!(html.contains(&format!("<p>Generated from {escaped} on November 21, 2026</p>")), "{html}");
    for output in [text, markdown, html] {
        assert!(!output.contains("geo.md"), "the local file is named: {output}");
    }
}

/// A docset whose `docfx.json` maps the article to no site folder (a `build.dest` only, as Visual Studio's) gives it
/// no address: its relative links print as written, with a warning, not under the site's root where they lead nowhere.
#[test]
fn a_docset_without_a_site_folder_leaves_relative_links_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let docfx = r#"{"build": {"content": [{"files": ["**/*.md"]}], "dest": "vsdocsdocs"}}"#;
    std::fs::write(dir.path().join("docfx.json"), docfx).unwrap();
    std::fs::create_dir_all(dir.path().join("install")).unwrap();
    let article = dir.path().join("install/install.md");
    std::fs::write(&article, "# Install\n\n## Step 1: Plan\n\n1. Read [side by side](side-by-side.md).\n").unwrap();
    let run = checkdown().args(["render", article.to_str().unwrap(), "--format", "txt"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(":5:9: warning[unresolved-link]: the relative link side-by-side.md is printed as written")
    );
    assert!(run.stdout.contains("\n[1] side-by-side.md\n"), "{}", run.stdout);
    assert!(!run.stdout.contains("learn.microsoft.com"), "{}", run.stdout);
}

/// In a docset, a relative link prints where the docset publishes its target: under the site folder (`dest`) that
/// docfx.json maps the article's folder (`src`) to, in the article's language, named once, else in Learn's default.
#[test]
fn relative_links_in_a_docset_print_where_it_publishes_them() {
    let dir = tempfile::tempdir().unwrap();
    let mapping = r#"{"files": ["**/*.md"], "src": "SecurityCompliance", "dest": "office365/securitycompliance"}"#;
    let docfx = format!(r#"{{"build": {{"content": [{mapping}], "dest": "office365"}}}}"#);
    std::fs::write(dir.path().join("docfx.json"), docfx).unwrap();
    for (folder, locale) in [
        ("SecurityCompliance/eop", "en-us"),
        ("en-us/SecurityCompliance/eop", "en-us"),
        ("fr-fr/SecurityCompliance/eop", "fr-fr"),
    ] {
        let article = dir.path().join(folder).join("set-up-your-eop-service.md");
        std::fs::create_dir_all(article.parent().unwrap()).unwrap();
        std::fs::write(
            &article,
            "# Set up

## Step 1: Roles

1. Read [the roles](feature-permissions-in-eop.md).
",
        )
        .unwrap();
        let text = render(&[article.to_str().unwrap(), "--format", "txt"]);
        let url =
            format!("https://learn.microsoft.com/{locale}/office365/securitycompliance/eop/feature-permissions-in-eop");
        assert!(text.contains(&format!("[1] {url}\n")), "{folder}: {text}");
        // The checklist is named by the article's own address, which a reader of the paper can open: at its head and
        // in its "Generated from" line.
        let own =
            format!("https://learn.microsoft.com/{locale}/office365/securitycompliance/eop/set-up-your-eop-service");
        assert!(text.contains(&format!("\n{own}\n")) && text.matches(&own).count() == 2, "{folder}: {text}");
        let variant = render(&[article.to_str().unwrap(), "--format", "md", "--moniker", "o365-worldwide"]);
        assert!(variant.contains(&format!(" · <{own}?view=o365-worldwide>\n")), "an autolink: {folder}: {variant}");
    }
}

#[test]
fn readme_main_command_renders_from_any_directory() {
    let dir = tempfile::tempdir().unwrap();
    let run = checkdown().args(["render", "--lang", "fr-FR"]).current_dir(dir.path()).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(dir.path().join("close-your-account.fr-fr.html")).unwrap();
    assert!(html.contains("<h1>Fermer votre compte</h1>"));
    assert!(crate_root().join("README.md").is_file());
}

/// A step whose heading sits in a moniker zone says which variant it applies to, in every format: without
/// `--moniker`, two "Step 2" of two clouds print side by side and must not read as one procedure.
#[test]
fn a_step_in_a_moniker_zone_says_what_it_applies_to() {
    let zoned = "tests/integration/render/zoned-steps.md";
    let text = render(&[zoned, "--format", "txt"]);
    assert!(text.contains("[ ] Step 2: Worldwide only (Applies to: o365-worldwide)\n"), "{text}");
    assert!(text.contains("[ ] Step 2: 21Vianet only (Applies to: o365-21vianet)\n"), "{text}");
    assert!(text.contains("[ ] Step 1: Common step\n"), "{text}");
    let markdown = render(&[zoned, "--format", "md"]);
    assert!(markdown.contains("- [ ] **Step 2: Worldwide only** *(Applies to: o365-worldwide)*\n"), "{markdown}");
    let html = render(&[zoned, "-o", "-"]);
    assert_eq!(html.matches("<p class=\"zone-label\">Applies to: o365-21vianet</p>").count(), 2, "{html}");
    let vianet = render(&[zoned, "--format", "txt", "--moniker", "o365-21vianet"]);
    assert!(!vianet.contains("Worldwide only"), "{vianet}");
}

/// Tabbed content (`# [PowerShell](#tab/powershell)` … `---`) is ways of doing one step, not steps: each tab prints
/// under its name with its sub-steps boxed, a heading inside a tab stays in it, and the step after the group is one.
#[test]
fn tabs_print_as_the_ways_of_doing_their_step() {
    let tabbed = "tests/integration/render/tabbed-steps.md";
    let text = render(&[tabbed, "--format", "txt"]);
    let expected = "[ ] Create the group\n\n    (Choose one:)\n\n    » Microsoft Entra admin center\n      [ ] 1. Sign in to \
                    the Microsoft Entra admin center.\n      [ ] 2. Select Groups > New group.\n\n      If the button is \
                    missing\n\n      Ask a Groups Administrator.\n\n    » PowerShell\n      [ ] 1. Run Connect-MgGraph \
                    -Scopes Group.ReadWrite.All.\n      [ ] 2. Run New-MgGroup with the group's name.\n";
    assert!(text.contains(expected), "{text}");
    assert!(text.contains("[ ] Add members\n    [ ] 1. Open the group.\n"), "{text}");
    let markdown = render(&[tabbed, "--format", "md"]);
    assert!(
        markdown.contains("  *Choose one:*\n\n  **Microsoft Entra admin center**\n\n  - [ ] 1. Sign in"),
        "{markdown}"
    );
    let html = render(&[tabbed, "-o", "-"]);
    assert!(html.contains("<p class=\"tab-name\">PowerShell</p>"), "{html}");
    assert_eq!(html.matches("class=\"box\"").count(), 2 + 2 + 2 + 2, "two steps and every tab's sub-steps: {html}");
    let french = render(&[tabbed, "--format", "txt", "--lang", "fr-FR"]);
    assert!(french.contains("(Au choix\u{a0}:)"), "the French label, with its no-break space: {french}");
}

/// `::: zone pivot="…"` zones hold the same procedure for each pivot the reader picks (an operating system, a
/// language): their numbered lists make the step, each boxed under the title of the pivot it applies to, from the
/// docset's zone pivot groups file. A zone's `target="docs"` (shown on Learn's pages) is no pivot, and no label.
#[test]
fn pivot_zones_print_each_under_its_pivot() {
    let zoned = "tests/integration/render/pivots/pivot-zones.md";
    let text = render(&[zoned, "--format", "txt"]);
    // Indented under its label, so that where a zone ends shows.
    let expected = "[ ] Install it\n\n    (Applies to: Windows)\n      [ ] 1. Download the installer.\n      [ ] 2. Run it.\n\n    \
                    (Applies to: macOS)\n      [ ] 1. Download the package.\n";
    assert!(text.contains(expected), "{text}");
    let markdown = render(&[zoned, "--format", "md"]);
    assert!(markdown.contains("  > *Applies to: macOS*\n  >\n  > - [ ] 1. Download the package.\n"), "{markdown}");
    let html = render(&[zoned, "-o", "-"]);
    assert!(html.contains("<div class=\"zone\"><p class=\"zone-label\">Applies to: Windows</p>"), "{html}");
    let json: serde_json::Value = serde_json::from_str(&render(&[zoned, "--format", "json"])).unwrap();
    let substeps = json["steps"][0]["substeps"].as_array().unwrap();
    assert_eq!(substeps.len(), 2, "the first pivot's list is the sub-steps: {substeps:?}");
    assert_eq!(json["pivots"], serde_json::json!({"macos": "macOS", "windows": "Windows"}), "the named group's only");
}

/// A link within the page leads to its step in Markdown too: a step is a task item, which has no id of its own, so
/// the steps and sections that links lead to get an anchor of the article's id (and only those, to keep the text
/// plain).
#[test]
fn links_within_the_page_lead_to_their_step_in_markdown() {
    let (_dir, article) = temporary_article(
        "run.md",
        "# Run\n\nFirst read [step 2](#step-2-run).\n\n## <a name=\"prep\"></a>Step 1: Prepare\n\n1. Read [the run](#step-2-run).\
         \n\n## Step 2: Run\n\n1. Go back to [step 1](#prep).\n\n## Related\n\nNothing.\n",
    );
    let markdown = render(&[&article, "--format", "md"]);
    assert!(markdown.contains("First read [step 2](<#step-2-run>).\n"), "{markdown}");
    assert!(markdown.contains("\n- [ ] <a name=\"prep\"></a>**Step 1: Prepare**\n"), "{markdown}");
    assert!(markdown.contains("\n- [ ] <a name=\"step-2-run\"></a>**Step 2: Run**\n"), "{markdown}");
    assert!(markdown.contains("\n### Related\n"), "no link leads there: {markdown}");
}

/// A quotation (the error message a step tells the reader to expect) reads as one in text and Markdown, as in HTML.
#[test]
fn a_quotation_stays_a_quotation() {
    let (_dir, article) = temporary_article(
        "unblock.md",
        "# Unblock\n\n## Remove the connector\n\n1. Send a message. The reply says:\n\n   > Access denied, bad \
         inbound *connector*.\n\n2. Select **Unblock**.\n",
    );
    let text = render(&[&article, "--format", "txt"]);
    let expected = "[ ] 1. Send a message. The reply says:\n\n           > Access denied, bad inbound connector.\n";
    assert!(text.contains(expected), "{text}");
    let markdown = render(&[&article, "--format", "md"]);
    assert!(markdown.contains("\n\n    > Access denied, bad inbound *connector*.\n"), "{markdown}");
}

/// Steps whose headings sit in pivot zones are steps, each under the title of its pivot, as moniker zones' are; a
/// `> [!div]` holding a step heading is no obstacle. What only the Azure portal shows (`target="chromeless"`,
/// `renderon="portal"`) is not printed, as Learn's pages do not show it.
#[test]
fn steps_in_pivot_zones_print_under_their_pivot_and_portal_content_does_not_print() {
    let zoned = "tests/integration/render/pivots/pivot-steps.md";
    let text = render(&[zoned, "--format", "txt"]);
    let headings: Vec<&str> = text.lines().filter(|line| line.starts_with("[ ]")).collect();
    assert_eq!(
        headings,
        [
            "[ ] Step 1: Install the app (Applies to: Windows)",
            "[ ] Step 2: Sign in (Applies to: Windows)",
            "[ ] Step 1: Install the app (Applies to: macOS)",
            "[ ] Step 2: Sign in (Applies to: macOS)",
            "[ ] Step 3: Check the connection",
        ],
        "{text}"
    );
    assert!(text.contains("[ ] Step 3: Check the connection\n    [ ] 1. Select Status.\n"), "{text}");
    assert!(text.contains("Set the app up on your computer."), "{text}");
    assert!(!text.contains("portal") && !text.contains("pane"), "the portal's content: {text}");
    let markdown = render(&[zoned, "--format", "md"]);
    assert!(markdown.contains("- [ ] **Step 2: Sign in** *(Applies to: macOS)*\n"), "{markdown}");
    let html = render(&[zoned, "-o", "-"]);
    assert!(html.contains("</h2></div>\n<p class=\"zone-label\">Applies to: macOS</p>"), "{html}");
    assert!(!html.contains("pane"), "{html}");
    let json: serde_json::Value = serde_json::from_str(&render(&[zoned, "--format", "json"])).unwrap();
    let pivots: Vec<_> = json["steps"].as_array().unwrap().iter().map(|step| step["pivot"].clone()).collect();
    assert_eq!(pivots, serde_json::json!(["windows", "windows", "macos", "macos", null]).as_array().unwrap().clone());
}

/// Without the groups file (an article copied out of its docset), a zone prints its pivot id, and a warning names the
/// file looked for and the front matter line that asked for it.
#[test]
fn pivot_zones_without_their_groups_file_print_their_ids() {
    let article = std::fs::read_to_string("tests/integration/render/pivots/pivot-zones.md").unwrap();
    let (dir, copy) = temporary_article("pivot-zones.md", &article);
    let run = checkdown().args(["render", &copy, "--format", "txt"]).run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("(Applies to: windows)"), "{}", run.stdout);
    let expected = format!(
        "pivot-zones.md:3: warning: cannot read the zone pivot groups file: {}: no such file; the zones print their \
         pivot ids\n",
        dir.path().canonicalize().unwrap().join("zone-pivot-groups.yml").display()
    );
    assert!(run.stderr.ends_with(&expected), "{}", run.stderr);
}

/// A block of raw HTML that is one table (articles converted from Word have them) prints as the article's Markdown
/// tables do, its cells' text escaped, its links links; a cell's paragraphs are lines in every format.
#[test]
fn an_html_table_prints_as_a_table() {
    let tabled = "tests/integration/render/html-table.md";
    let text = render(&[tabled, "--format", "txt"]);
    let address = "https://learn.microsoft.com/defender-cloud-apps/data-protection-policies";
    assert!(text.contains("| File policy (see file policies [1])\n") && text.contains(&format!("[1] {address}\n")));
    let expected = "[ ] 1. Create a file policy with these settings:\n\n           Control         | Settings\n";
    assert!(text.contains(expected), "{text}");
    let expected = "Filter settings | Access level = Public\n                           | App = <select apps>\n";
    assert!(text.contains(expected), "a cell's lines in its column: {text}");
    let markdown = render(&[tabled, "--format", "md"]);
    assert!(markdown.contains("| Filter settings | Access level = Public<br>App = \\<select apps\\> |"), "{markdown}");
    assert!(markdown.contains(&format!("| File policy (see [file policies](<{address}>)) |")), "{markdown}");
    let html = render(&[tabled, "-o", "-"]);
    assert!(html.contains("<td>Access level = Public<br>App = &lt;select apps&gt;</td>"), "{html}");
    assert!(html.contains("(see <a href=\"https:&#x2f;&#x2f;learn.microsoft.com&#x2f;defender-cloud-apps"), "{html}");
}

/// In Markdown, a note's label leads its first paragraph, but a list in a note starts on a line of its own: after the
/// label, GitHub would read its first item as words of the label's line.
#[test]
fn a_list_opening_a_note_starts_its_own_line_in_markdown() {
    let (_dir, article) = temporary_article(
        "note.md",
        "# T\n\n> [!NOTE]\n> 1. First.\n> 2. Second.\n\n> [!TIP]\n> Text.\n\n> [!WARNING]\n",
    );
    let markdown = render_without_steps(&[&article, "--format", "md", "--lang", "en-US"]);
    assert!(markdown.contains("\n> **Note:**\n>\n> 1. First.\n> 2. Second.\n\n> **Tip:** Text.\n"), "{markdown}");
    assert!(markdown.contains("\n> **Warning:**\n\n"), "an empty note is its label alone: {markdown}");
}

/// Plain text wraps between words, but never inside a command written as inline code (a word of it a parameter): a
/// command copied from the page is one command. Other code, a list of addresses, wraps as text does.
#[test]
fn an_inline_command_is_never_wrapped_in_plain_text() {
    let (_dir, article) = temporary_article(
        "geo.md",
        "# Geo\n\n## Step 1: Set it\n\n1. Set the location of each user, for example \
         `Set-MsolUser -UserPrincipalName Robyn.Buckley@Contoso.com -PreferredDataLocation EUR`, then check it.\n\
         2. Allow `*.msauth.net, *.msauthimages.de, *.msftauth.net, *.msftauthimages.de, secure.aadcdn.microsoftonline-p.com`.\n",
    );
    let text = render(&[&article, "--format", "txt", "--lang", "en-US"]);
    let expected = "    [ ] 1. Set the location of each user, for example\n           Set-MsolUser \
                    -UserPrincipalName Robyn.Buckley@Contoso.com -PreferredDataLocation EUR,\n           then check it.\n";
    assert!(text.contains(expected), "{text}");
    let expected = "    [ ] 2. Allow *.msauth.net, *.msauthimages.de, *.msftauth.net,\n\
                    \x20          *.msftauthimages.de, secure.aadcdn.microsoftonline-p.com.\n";
    assert!(text.contains(expected), "{text}");
}

/// The article's `ms.date` prints in the checklist's language; the JSON has it, and the day the checklist was made, as
/// ISO dates too, for tools. One article gives one JSON object, several an array of them.
#[test]
fn dates_print_in_the_checklists_language_and_are_iso_dates_in_json() {
    let (dir, article) = temporary_article(
        "alerts.md",
        "---\nms.date: 2/14/2018\n---\n# Alerts\n\n## Step 1: Turn on\n\n1. Turn it on.\n",
    );
    let text = render(&[&article, "--format", "txt", "--lang", "fr-FR"]);
    assert!(text.contains("Date de l’article\u{a0}: 14 février 2018\n"), "{text}");
    let json: Value = serde_json::from_str(&render(&[&article, "--format", "json", "--lang", "fr-FR"])).unwrap();
    assert_eq!(
        (&json["article_date"], &json["ms_date"]),
        (&Value::from("14 février 2018"), &Value::from("2018-02-14"))
    );
    assert_eq!(json["generated_on"], "2026-11-21");
    let other = dir.path().join("other.md");
    std::fs::write(&other, "---\nms.date: someday\n---\n# Other\n\n1. Do it.\n").unwrap();
    let both: Value =
        serde_json::from_str(&render(&[&article, other.to_str().unwrap(), "--format", "json", "--lang", "en-US"]))
            .unwrap();
    assert_eq!(both[1]["article_date"], "someday", "as written when it is no date");
    assert_eq!(both[1]["ms_date"], Value::Null);
}

/// A list written in HTML prints as a list: numbered (in letters for `type="a"`), nested, its links numbered, its text wrapped; a blank line
/// between its items (which ends CommonMark's HTML block) does not cut it. It is printed, not ticked: steps and
/// sub-steps are the model's, the same ones `parse` shows and `verify` checks.
#[test]
fn an_html_list_prints_as_a_list() {
    let listed = "tests/integration/render/html-list.md";
    let text = render(&[listed, "--format", "txt"]);
    let expected = "    Set up multi-factor authentication first. You should also:\n\n\
                    \x20   1. Monitor how your accounts are accessed and used [1]. Turn on these\n\
                    \x20      policies:\n\
                    \x20      a. Multiple failed sign-in attempts\n\
                    \x20      b. Impossible travel\n\
                    \x20   2. Check your Secure Score [2] every week.\n";
    assert!(text.contains(expected), "{text}");
    assert!(text.contains("    - Stay secure\n      Security roadmap [3]\n"), "{text}");
    assert!(text.contains("[2] https://security.microsoft.com/securescore\n"), "{text}");
    let markdown = render(&[listed, "--format", "md"]);
    let expected = "  2. Check your [Secure Score](<https://security.microsoft.com/securescore>) every week.\n";
    assert!(markdown.contains(expected), "{markdown}");
    let html = render(&[listed, "-o", "-"]);
    assert!(html.contains("<p>Impossible travel</p>") && !html.contains("&lt;li&gt;"), "{html}");
    assert!(html.contains("<ol type=\"a\">"), "the browser letters the policies: {html}");
    assert_eq!(html.matches("class=\"box\"").count(), 2, "a box per step, none per item: {html}");
    let outline = checkdown().args(["parse", listed, "--format", "outline"]).run().stdout;
    assert_eq!(outline.matches("(no sub-steps)").count(), 2, "{outline}");
}

/// A `:::code` snippet prints the code it shows, read below the docs root as includes are; one whose file is missing
/// prints its path, with a warning naming the line.
#[test]
fn a_code_snippet_prints_its_code() {
    let (dir, article) = temporary_article(
        "mfa.md",
        "# Turn on MFA\n\n## Turn it on\n\n1. Run the script:\n\n   :::code language=\"powershell\" \
         source=\"snippets/mfa.ps1\" id=\"enable\":::\n\n2. Run the check:\n\n   :::code source=\"snippets/check.ps1\":::\n",
    );
    std::fs::create_dir_all(dir.path().join("snippets")).unwrap();
    std::fs::write(
        dir.path().join("snippets/mfa.ps1"),
        "Connect-MgGraph\nif ($true) {\n    # <enable>\n    Update-MgPolicy -State enabled\n    # </enable>\n}\n",
    )
    .unwrap();
    let run = checkdown().args(["render", &article, "--format", "txt"]).run();
    assert!(
        run.stdout.contains("[ ] 1. Run the script:\n\n               Update-MgPolicy -State enabled\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("[ ] 2. Run the check:\n           [Code: snippets/check.ps1]\n"), "{}", run.stdout);
    assert!(
        run.stderr.contains(
            "mfa.md:11:4: warning[parse-error]: code snippet snippets/check.ps1 not found; printed as its path"
        ),
        "{}",
        run.stderr
    );
    let markdown = checkdown().args(["render", &article, "--format", "md"]).run().stdout;
    assert!(
        markdown.contains("    ```powershell\n    Update-MgPolicy -State enabled\n    ```\n"),
        "with its language: {markdown}"
    );
}

/// docfx's older snippet line, `[!code-csharp[name](path?query#bookmark)]`, prints the code it shows as a `:::code`
/// does, even written straight below a line of text; the byte order mark a code file starts with is no code.
#[test]
fn a_code_reference_line_prints_its_code() {
    let (dir, article) = temporary_article(
        "app.md",
        "# Register the app\n\n## Register it\n\n1. Add the client:\n   [!code-csharp[Main](snippets/Program.cs#L1-L3)]\n\n\
         2. Add the scope:\n\n   [!code-csharp[](snippets/Program.cs?name=scope \"Scope\")]\n\n\
         3. See [!code-csharp[](snippets/Program.cs)] for more.\n",
    );
    std::fs::create_dir_all(dir.path().join("snippets")).unwrap();
    std::fs::write(
        dir.path().join("snippets/Program.cs"),
        "\u{feff}using Microsoft.Identity.Client;\nvar app = PublicClientApplicationBuilder\n    .Create(clientId);\n\
         // <scope>\nvar scopes = new[] { \"User.Read\" };\n// </scope>\n",
    )
    .unwrap();
    let run = checkdown().args(["render", &article, "--format", "txt"]).run();
    let expected = "[ ] 1. Add the client:\n\n               using Microsoft.Identity.Client;\n               \
                    var app = PublicClientApplicationBuilder\n                   .Create(clientId);\n";
    assert!(run.stdout.contains(expected), "{}", run.stdout);
    assert!(
        run.stdout.contains("[ ] 2. Add the scope:\n\n               var scopes = new[] { \"User.Read\" };\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("[ ] 3. See [!code-csharp [1]] for more.\n"), "not alone on its line: {}", run.stdout);
    let model: serde_json::Value = serde_json::from_str(&checkdown().args(["parse", &article]).run().stdout).unwrap();
    let snippet = &model["sections"][0]["sections"][0]["blocks"][0]["items"][0]["blocks"][1];
    let what = (snippet["kind"].as_str(), snippet["name"].as_str(), snippet["span"]["line"].as_u64());
    assert_eq!(what, (Some("extension"), Some("code"), Some(6)), "{snippet}");
    let attributes: Vec<_> = snippet["attributes"].as_array().unwrap().iter().map(|a| a["value"].clone()).collect();
    assert_eq!(attributes, ["snippets/Program.cs", "csharp", "Main", "1-3"], "{snippet}");
}

/// Two code blocks in a row (the same command for two shells) print as two in text, a blank line apart, not as one
/// script.
#[test]
fn code_blocks_in_a_row_stay_apart_in_text() {
    let (_dir, article) = temporary_article(
        "deploy.md",
        "# Deploy\n\n## Deploy it\n\n1. Run:\n\n   ```azurepowershell-interactive\n   New-AzResourceGroup\n   ```\n\n   \
         ```azurecli-interactive\n   az group create\n   ```\n",
    );
    let text = render(&[&article, "--format", "txt"]);
    let expected = "[ ] 1. Run:\n\n               New-AzResourceGroup\n\n               az group create\n";
    assert!(text.contains(expected), "{text}");
    let markdown = render(&[&article, "--format", "md"]);
    assert!(markdown.contains("    ```azurecli-interactive\n    az group create\n    ```\n"), "{markdown}");
}

/// A hard line break (two trailing spaces, a backslash, `<br/>`) starts a new line in text and Markdown, indented
/// with its paragraph, as it does in HTML: lettered items written as lines stay one per line.
#[test]
fn hard_line_breaks_start_new_lines() {
    let breaks = "tests/integration/render/line-breaks.md";
    let text = render(&[breaks, "--format", "txt"]);
    assert!(text.contains("[ ] 1. Enter the values:\n           a. Name: x\n           b. Place: y\n"), "{text}");
    assert!(text.contains("[ ] 2. Then\n           this.\n"), "{text}");
    let markdown = render(&[breaks, "--format", "md"]);
    assert!(markdown.contains("- [ ] 1. Enter the values:\\\n    a. Name: x\\\n    b. Place: y\n"), "{markdown}");
}
