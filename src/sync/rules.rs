//! The sync rules: a stable kebab-case name, a default severity and documentation (what it checks, why it matters,
//! an example) for each. `checkdown sync --explain RULE` prints the documentation; the SARIF output carries it.
//!
//! Rule names are a contract: CI configurations, suppression comments and code-scanning alerts refer to them. Never
//! rename one; add a new rule instead.

use std::fmt;

use crate::report::{Diagnostic, Location, RuleDoc, Severity};

/// One sync rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// A source file has no translation.
    MissingTranslation,
    /// A translation has no source file.
    OrphanTranslation,
    /// A source section has no counterpart in the translation.
    MissingSection,
    /// A translated section has no counterpart in the source.
    ExtraSection,
    /// A translated heading sits where a source heading is but has another id.
    AnchorMismatch,
    /// A same-page link of the translation names an id only the source has.
    BrokenFragmentLink,
    /// Paired headings differ in level or order.
    HeadingMismatch,
    /// Paired lists have different numbers of items.
    ListItemCount,
    /// Paired lists hold the same items in another order.
    ListItemOrder,
    /// Blocks (paragraphs, lists, tables…) missing, extra or of another shape.
    BlockMismatch,
    /// Alerts (`> [!NOTE]`…) missing, extra or of another type.
    AlertMismatch,
    /// Moniker zones, or the monikers headings apply to, differ.
    MonikerMismatch,
    /// `[!INCLUDE]` references differ.
    IncludeMismatch,
    /// Code blocks or inline code differ.
    CodeMismatch,
    /// Image sources or attributes differ.
    ImageMismatch,
    /// Link targets differ after normalisation.
    LinkMismatch,
    /// Paired blocks contain different numbers.
    NumberMismatch,
    /// A front matter key that is not translated differs.
    FrontMatterMismatch,
    /// The translation's localization metadata is malformed.
    LocMetadata,
    /// Text in the translation is still in the source language.
    Untranslated,
    /// The translation was made from another version of the source.
    StaleSource,
    /// Markdown the translation broke where the source is whole.
    BrokenMarkdown,
    /// The parser found a problem in one of the files.
    ParseError,
}

impl Rule {
    /// Every rule, in the order they are documented.
    pub const ALL: [Rule; 23] = [
        Rule::MissingTranslation,
        Rule::OrphanTranslation,
        Rule::MissingSection,
        Rule::ExtraSection,
        Rule::AnchorMismatch,
        Rule::BrokenFragmentLink,
        Rule::HeadingMismatch,
        Rule::ListItemCount,
        Rule::ListItemOrder,
        Rule::BlockMismatch,
        Rule::AlertMismatch,
        Rule::MonikerMismatch,
        Rule::IncludeMismatch,
        Rule::CodeMismatch,
        Rule::ImageMismatch,
        Rule::LinkMismatch,
        Rule::NumberMismatch,
        Rule::FrontMatterMismatch,
        Rule::LocMetadata,
        Rule::Untranslated,
        Rule::StaleSource,
        Rule::BrokenMarkdown,
        Rule::ParseError,
    ];

    /// The stable kebab-case name (`list-item-count`).
    pub fn name(self) -> &'static str {
        self.doc().name
    }

    /// The severity the rule reports at unless configured otherwise.
    pub fn default_severity(self) -> Severity {
        self.doc().severity
    }

    /// The rule's documentation.
    pub fn doc(self) -> &'static RuleDoc {
        &DOCS[self as usize]
    }

    /// The rule named `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|rule| rule.name() == name)
    }

    /// A finding of this rule at its default severity.
    pub fn diagnostic(self, location: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.name(), self.default_severity(), location, message)
    }

    /// Every rule's documentation, in [`Rule::ALL`] order.
    pub fn docs() -> &'static [RuleDoc] {
        &DOCS
    }
}

impl<'de> serde::Deserialize<'de> for Rule {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Rule::from_name(&name).ok_or_else(|| {
            serde::de::Error::custom(format!("unknown rule `{name}` (see `checkdown sync --list-rules`)"))
        })
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.name())
    }
}

/// The documentation of every rule, indexed by `Rule as usize`.
static DOCS: [RuleDoc; 23] = [
    RuleDoc {
        name: "missing-translation",
        severity: Severity::Note,
        summary: "A source file has no translation at the mirrored path",
        explanation: "## What it does\n\n\
            In directory mode, reports each source file (`en-us/a/b.md`) with no file at the same relative path in \
            the target directory (`fr-fr/a/b.md`), at line 1 of the source file (the translation has no line to \
            point at), naming the missing path.\n\n\
            ## Why\n\n\
            Learn falls back to the English page when a translation is missing, so readers of the French site get \
            English. That is not broken, hence a note; raise it in `checkdown.toml` when every page must be \
            translated.\n\n\
            ## Example\n\n\
            `en-us/admin/close-your-account.md` exists and `fr-fr/admin/close-your-account.md` does not.\n",
    },
    RuleDoc {
        name: "orphan-translation",
        severity: Severity::Warning,
        summary: "A translated file has no source file at the mirrored path",
        explanation: "## What it does\n\n\
            In directory mode, reports each target file with no source file at the same relative path.\n\n\
            ## Why\n\n\
            The English page was moved or deleted: the translation is published under a path nothing links to any \
            more, or it keeps a page alive that the source retired.\n\n\
            ## Example\n\n\
            `fr-fr/admin/old-name.md` exists, but the English file was renamed to `en-us/admin/new-name.md`.\n",
    },
    RuleDoc {
        name: "missing-section",
        severity: Severity::Error,
        summary: "A source section has no counterpart in the translation",
        explanation: "## What it does\n\n\
            Pairs the headings of both files, first by id (the `<a name>` anchor translations keep, else the \
            GitHub-style id of the heading), then by position and level. A source heading left without a partner \
            is missing; the finding points at the translated heading it should come before. When the translation \
            lost the heading alone, and the blocks under the heading before end with the missing section's, the finding \
            points at the first of them, where the heading belongs, and those blocks are compared with the \
            source's.\n\n\
            ## Why\n\n\
            A whole part of the article (often a step) is not in the translation, and links to its anchor break.\n\n\
            ## Example\n\n\
            English has `## Step 3: Delete all disabled subscriptions`; the French file goes from step 2 to step 4.\n",
    },
    RuleDoc {
        name: "extra-section",
        severity: Severity::Warning,
        summary: "A translated section has no counterpart in the source",
        explanation: "## What it does\n\n\
            Reports a translated heading that pairs with no source heading, by id or by position.\n\n\
            ## Why\n\n\
            The translation was made from another version of the source, or someone added content to the \
            translation only. Either way its readers get something the source does not say.\n\n\
            ## Example\n\n\
            `## <a name=\"before-you-begin\"></a>Avant de commencer` in French, with no `## Before you begin` in \
            English.\n",
    },
    RuleDoc {
        name: "anchor-mismatch",
        severity: Severity::Error,
        summary: "A translated heading has another id than the source heading at its place",
        explanation: "## What it does\n\n\
            After pairing headings by id, pairs the rest by position and level (a translated heading whose anchor \
            names another section pairs only when its content is alike). When such a pair has different ids and one \
            of them is an explicit `<a name>` anchor, the anchor is wrong or missing. Anchors written the way the \
            localization pipeline writes them are accepted: `&` as `amp`, no `_`, repeated titles not numbered \
            (`response-codes` for the second `Response codes`, which Learn numbers `response-codes-1`).\n\n\
            ## Why\n\n\
            Localized Learn pages keep the English heading ids through `<a name>` anchors, so that `#fragment` \
            links from other pages work in every language. A wrong anchor breaks them.\n\n\
            ## Example\n\n\
            English `## Step 1: Delete users` (id `step-1-delete-users`) and French \
            `## <a name=\"step-1-remove-users\"></a>Étape 1 : Supprimer des utilisateurs`.\n",
    },
    RuleDoc {
        name: "broken-fragment-link",
        severity: Severity::Error,
        summary: "A same-page `#fragment` link of the translation names an id only the source has",
        explanation: "## What it does\n\n\
            Reports each same-page link of the translation (`[step 6](#step-6-prepare-the-mailboxes)`) whose \
            fragment is the id of no heading and no `<a name>` anchor of the translation, while the source has that \
            id. When the heading it named pairs with a translated heading of another id, the message names that \
            heading and the anchor to add. Fragments are compared without case. A fragment neither file defines \
            (an id from an include, a link broken in the source too) is not reported.\n\n\
            ## Why\n\n\
            Translations keep the English fragments in their links. A translated heading without the `<a name>` \
            anchor gets the id of its French title, and every link to the English id then leads nowhere; the page \
            builds anyway. `anchor-mismatch` does not see it when neither heading has an explicit anchor.\n\n\
            ## Example\n\n\
            English `## Step 6: Prepare the mailboxes` and French `## Étape 6: préparer les boîtes aux lettres` \
            (id `étape-6-préparer-les-boîtes-aux-lettres`), with French links to `#step-6-prepare-the-mailboxes` \
            at lines 45 and 51: two findings, each naming the heading and `<a name=\"step-6-prepare-the-mailboxes\"></a>`.\n",
    },
    RuleDoc {
        name: "heading-mismatch",
        severity: Severity::Warning,
        summary: "Paired headings differ in level, or sections come in another order",
        explanation: "## What it does\n\n\
            Reports paired headings of different levels (`##` against `###`), and sections paired by id that the \
            translation puts in another order.\n\n\
            ## Why\n\n\
            The table of contents and the reading order of the translation differ from the source.\n\n\
            ## Example\n\n\
            English `## Step 2` and French `### Étape 2`.\n",
    },
    RuleDoc {
        name: "list-item-count",
        severity: Severity::Error,
        summary: "Paired lists have different numbers of items",
        explanation: "## What it does\n\n\
            Compares the number of items of each pair of lists, nested lists included, and names the item that is \
            extra or missing (items are paired by position, with a best match on their links, numbers, code, \
            length and kinds of blocks when the counts differ). An item split in two (its second paragraph made an \
            item of its own), or two items merged into one, is this finding alone: the two items are compared as \
            one with their counterpart.\n\n\
            ## Why\n\n\
            A procedure with a different number of steps is a different procedure: a printed checklist made from \
            the translation is wrong.\n\n\
            ## Example\n\n\
            The English step 4 has 3 numbered items and the French one 4; French item 1 has no English \
            counterpart.\n",
    },
    RuleDoc {
        name: "list-item-order",
        severity: Severity::Error,
        summary: "Paired lists hold the same items in another order",
        explanation: "## What it does\n\n\
            In paired numbered lists with as many items, finds the first translated item that shares no link, image, \
            number or code with its own counterpart but most with another source item, whose own counterpart has \
            left its place too: one finding per list, for a swap or a rotation alike. The items astray are then \
            compared with their own counterparts, not with the items at their places. Items with nothing of the \
            kind to compare are not judged.\n\n\
            ## Why\n\n\
            Steps done in another order are another procedure: a checklist printed from the translation has the \
            reader analyse a header before getting it.\n\n\
            ## Example\n\n\
            The English step 1 links to the Message Header Analyzer download and step 2 to the analyzer's page; \
            the French step 1 links to the analyzer's page and step 2 to the download.\n",
    },
    RuleDoc {
        name: "block-mismatch",
        severity: Severity::Warning,
        summary: "Blocks are missing, extra or shaped differently",
        explanation: "## What it does\n\n\
            Pairs the blocks of each pair of sections by kind (paragraph, list, table, quote, `[!div]`…), in order. \
            Reports blocks left without a partner, numbered lists paired with bulleted ones, tables with another \
            number of columns or rows, `[!div]` sections with other attributes, tab groups whose tabs have other \
            ids (`#tab/<id>`, which select a tab on every page at once), and code blocks with another language tag \
            (which changes the highlighting, not the code). A note, image or paragraph of a step that \
            the translation did not indent under it ends the numbered list there, and the steps after it start a \
            new list: that is one finding, at the block, where the source list is whole. The tags of plain text \
            (`text`, `plaintext`, `txt`, `output`) are the same as no tag: Learn highlights none of them (`console` \
            is highlighted). Alerts, moniker zones, includes, code and images have their own rules.\n\n\
            ## Why\n\n\
            A paragraph or table missing from the translation is content its readers never see.\n\n\
            ## Example\n\n\
            English step 1 has five paragraphs and French step 1 four.\n",
    },
    RuleDoc {
        name: "alert-mismatch",
        severity: Severity::Error,
        summary: "An alert is missing, extra or of another type",
        explanation: "## What it does\n\n\
            Reports `> [!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!CAUTION]` and `[!WARNING]` alerts that have no \
            counterpart, and paired alerts of different types.\n\n\
            ## Why\n\n\
            Alerts carry the warnings readers must not miss; a translation without them, or with one the source \
            does not have, tells readers something else.\n\n\
            ## Example\n\n\
            The French step 3 ends with a `> [!NOTE]` that the English step 3 does not have.\n",
    },
    RuleDoc {
        name: "moniker-mismatch",
        severity: Severity::Error,
        summary: "Moniker zones or heading monikers differ",
        explanation: "## What it does\n\n\
            Compares the ranges of paired `::: moniker range=\"…\"` zones after normalising them (case, spaces, \
            order of comparators and sets), reports zones without a counterpart, and headings whose zone differs.\n\n\
            ## Why\n\n\
            Zones decide which product version sees which content. A different range shows French readers of one \
            version content meant for another.\n\n\
            ## Example\n\n\
            English `::: moniker range=\"o365-21vianet\"` and French `::: moniker range=\"o365-worldwide\"`.\n",
    },
    RuleDoc {
        name: "include-mismatch",
        severity: Severity::Error,
        summary: "`[!INCLUDE]` references differ",
        explanation: "## What it does\n\n\
            Compares the paths of paired `[!INCLUDE [title](path)]` blocks and inline includes (case-insensitively, \
            `./` and `\\\\` normalised), and reports includes without a counterpart.\n\n\
            ## Why\n\n\
            The localized build reads includes from the translation first and falls back to the source: a \
            different path shows other content, or content deleted from the source.\n\n\
            ## Example\n\n\
            English `[!INCLUDE [note](../includes/new-admin-center.md)]` and French \
            `[!INCLUDE [note](../includes/old-admin-center.md)]`.\n",
    },
    RuleDoc {
        name: "code-mismatch",
        severity: Severity::Error,
        summary: "Code blocks or inline code differ",
        explanation: "## What it does\n\n\
            Compares the content of paired code blocks fenced in the source, even when the translation indented \
            them (white space aside; indented source code blocks are nearly always prose indented by accident and \
            are translated, so only their presence counts) and names the first token that differs, the attributes of paired code snippets (`:::code` or `[!code…]`, naming the first that differs; a \
            `[!code…]` name or title may be translated), and the inline code spans of \
            paired blocks (first within the block, then within the section). Reports code without a counterpart. \
            A code block's language tag is `block-mismatch`'s: it only changes the highlighting. A change of case \
            only is no finding in a PowerShell or cmd code block (tagged so in either file) outside its quoted \
            strings, nor in inline code that starts as PowerShell does (a cmdlet `Get-Mailbox`, a parameter \
            `-Identity`, a variable `$true`): both read names in any case. Elsewhere, and in a PowerShell string, a \
            code block that differs only in case is reported as a warning: harmless in most languages, though not \
            in every one.\n\n\
            ## Why\n\n\
            Code is not translated, and readers copy it. Commands, cmdlets, parameters and values that differ make \
            the translation's instructions fail or do something else.\n\n\
            ## Example\n\n\
            `` `-SetSCL 5` where the English code has `-SetSCL 6` ``; English `` `Remove-MsolUser` `` and French \
            `` `Supprimer-MsolUser` ``.\n",
    },
    RuleDoc {
        name: "image-mismatch",
        severity: Severity::Warning,
        summary: "Image sources or attributes differ",
        explanation: "## What it does\n\n\
            Compares image sources (`![alt](src)`, `:::image source=\"…\":::`) like links, first within paired \
            blocks, then within the section; compares the `type`, `lightbox`, `border` and `loc-scope` attributes \
            of paired `:::image` extensions, and reports a missing `alt-text`, or the empty alt text of a paired \
            `![](src)`, when the source has one. A paragraph holding one image and nothing else is the same \
            picture as a `:::image` of the same source: Learn shows both alike, so a translation may write either.\n\n\
            ## Why\n\n\
            A missing or different screenshot shows readers something else than the steps describe; a missing \
            alternative text fails accessibility.\n\n\
            ## Example\n\n\
            English `:::image source=\"media/cards-view.png\"` and French `:::image source=\"media/table-view.png\"`.\n",
    },
    RuleDoc {
        name: "link-mismatch",
        severity: Severity::Warning,
        summary: "Link targets differ after normalisation",
        explanation: "## What it does\n\n\
            Compares link targets (Markdown links, autolinks, `<a href>`) first within paired blocks, then within \
            the paired section, after normalising them as Learn resolves them: the \
            `docs.microsoft.com`/`learn.microsoft.com` host and a locale segment (`/en-us/`) are dropped, relative \
            `.md` paths are resolved against the file's folder and lose their `.md`, paths are compared without \
            case, query parameters are sorted and `preserve-view` is ignored. A site-absolute path and a relative \
            one match when the absolute path ends with the relative one's folders and file. Reports each link left \
            without a counterpart, except in a section, block or list item reported missing or extra: that finding \
            covers its links. A link left over in the block where a source link is missing is one finding: the link \
            changed.\n\n\
            ## Why\n\n\
            A link the source does not have (or lost in translation) sends readers somewhere else.\n\n\
            ## Example\n\n\
            These two are the same target: \
            `https://docs.microsoft.com/microsoft-365/admin/center-preview?view=o365-21vianet` and \
            `../admin/center-preview.md?preserve-view=true&view=o365-21vianet`. A French link to \
            `../admin/add-users/about-admin-roles.md` with no English counterpart is reported.\n",
    },
    RuleDoc {
        name: "number-mismatch",
        severity: Severity::Warning,
        summary: "Paired blocks contain different numbers",
        explanation: "## What it does\n\n\
            Compares the numbers in the text of paired blocks and headings (not in link targets or code) by value, \
            as each language writes them: `1,000`, `1 000` and `1000` are equal, and so are English `1.5` and \
            French `1,5`, but `1.5` and `15` differ. Leading zeros do not count (`01`, `1er`), `5:30 P.M.` is \
            `17h30`, and `3000 / FX` is `3000/FX`. Ordinals (`3rd`, `1er`) match but are never missing, nor are \
            the numbers of \"always\" (`24/7`, `24h/24, 7j/7`, `24 heures sur 24`), which match numbers of hours \
            or days. Digits in a word (`P2P`, `IPv6`) belong to a name: missing only where the other side has the same letters with \
            another number (`IPv4`). Spelled-out numbers (`fifty`) match digits; French `un`/`une` count as 1 only \
            before a unit (`une heure`). The values compare as sets: a number repeated on one side only is not a \
            finding.\n\n\
            ## Why\n\n\
            Step numbers, limits, durations and versions must not change in translation.\n\n\
            ## Example\n\n\
            English `repeat steps 4 and 5` and French `répétez les étapes 3 à 5`: 4 against 3.\n",
    },
    RuleDoc {
        name: "front-matter-mismatch",
        severity: Severity::Error,
        summary: "A front matter key that is not translated differs",
        explanation: "## What it does\n\n\
            Compares every front matter key of both files except the translated ones (`title`, `description`, \
            `keywords`, `titleSuffix`, `TOCTitle`, and those listed in `checkdown.toml`) and the localization keys \
            only translations have (`ms.openlocfilehash`, `ms.sourcegitcommit`, `ms.translationtype`, \
            `ms.contentlocale`, `ms.lasthandoff`, `ms.locfileid`) and the bookkeeping keys that name people, \
            dates and campaigns (`author`, `ms.author`, `manager`, `editor`, `ms.reviewer`, `ms.date`, \
            `ms.custom`). Values are compared as YAML reads them, so quoting does not matter, and an address that \
            differs only by its locale segment (`ms:mtpsurl`, each language's own page) is the same. A front \
            matter that cannot be read on either side is not compared: its `parse-error` is the finding.\n\n\
            ## Why\n\n\
            `ms.topic`, `ms.service`, `monikerRange`, `no-loc`… drive the build, the search and what readers of \
            each version see; they must be the same in every language. Bookkeeping keys are copied from the source \
            at each localization hand-off: when they differ, the translation is older than its source, which \
            `stale-source` reports, and no translator can fix them.\n\n\
            ## Example\n\n\
            English `ms.service: o365-administration` and French `ms.service: o365-admin`.\n",
    },
    RuleDoc {
        name: "loc-metadata",
        severity: Severity::Warning,
        summary: "The translation's localization metadata is malformed",
        explanation: "## What it does\n\n\
            When the translation has localization metadata, checks it: `ms.openlocfilehash` and \
            `ms.sourcegitcommit` are 40 hexadecimal digits, `ms.translationtype` is one of `HT`, `MT`, `MTE`, \
            `MTE75`, `MTE95`, `Human Translation`, `Machine Translation`, `ms.contentlocale` is the target locale \
            (`fr-FR` for `fr-fr/`), `ms.lasthandoff` is a `MM/DD/YYYY` date and `ms.locfileid` a number; and \
            reports keys missing from an otherwise present set. A translation without any of these keys is not \
            reported: it is maintained by hand.\n\n\
            ## Why\n\n\
            Localization tooling, and `stale-source`, rely on these keys.\n\n\
            ## Example\n\n\
            `ms.contentlocale: de-DE` in a file under `fr-fr/`.\n",
    },
    RuleDoc {
        name: "untranslated",
        severity: Severity::Warning,
        summary: "Text in the translation is still in the source language",
        explanation: "## What it does\n\n\
            Looks at the text of each translated paragraph and heading, of each cell of paired tables (paired by \
            position), of the alt text of paired images (`![alt](src)`, `:::image alt-text=\"…\"`) and of the \
            front matter `title` and `description`, without its code, URLs, identifiers, `no-loc` terms and the \
            names it shares with its source counterpart (capitalised or mixed-case words such as \
            `Azure Active Directory`). With at least 4 words left, at least one of them an English function word \
            (`the`, `to`, `of`…; words in capitals such as the `AND` and `OR` of search queries do not count), it \
            reports the text when it is identical to the source text (a text identical to its own counterpart \
            keeps its names among its words when at least 2 of them have no capital or digit, so that \
            `Assign eDiscovery permissions in the Security & Compliance Center` copied from the English heading \
            is reported and `Microsoft Defender for Office 365` is not), or when French function words do not \
            outnumber English ones and the lingua language detector, restricted to English and French, gives \
            English a confidence of 0.5 or more. In a paragraph not reported whole, a sentence of 6 words or more \
            identical to a sentence of the source paragraph, and judged as a text identical to its counterpart is \
            (so `FAST Search Server 2010 for SharePoint` is a name), is reported at its own place, bold, links and \
            all. A front matter finding points at the key's line.\n\n\
            Names kept in English are not reported: the text of a link to a page only in English (a site other \
            than Microsoft's translated ones, or a Microsoft blog) that keeps the source link's text, the page's \
            title; and the items of a list, or the cells of a table column, that are all identical to the source \
            and all short (at most 5 words, at most one English function word, no sentence punctuation at the \
            end), such as group or operation names. `I` and `a` are not English function words: other languages \
            have them (the Polish `i`).\n\n\
            ## Why\n\n\
            Machine translation leaves sentences out, and stale translations keep English text their readers may \
            not understand.\n\n\
            ## Example\n\n\
            `2. Go to the **Users** > Active users page.` in the French step 4.\n\n\
            Text that is meant to stay in English (a quoted UI string, a legal name) can be marked with \
            `<!-- checkdown-ignore untranslated -->` on the line before its block.\n",
    },
    RuleDoc {
        name: "stale-source",
        severity: Severity::Warning,
        summary: "The translation was made from another version of the source",
        explanation: "## What it does\n\n\
            `ms.openlocfilehash` in a translation is the SHA-1 of the bytes of the English file it was made from. \
            The rule hashes the current English file (its bytes as stored, UTF-8 or UTF-16, as they are and with LF \
            and with CRLF line ends) and reports the translation when no form matches; the finding's note gives the \
            `ms.openlocfilehash` to write once the translation is up to date. With `--git` and the English file in a \
            git repository, the note also says how many commits changed the English file since \
            `ms.sourcegitcommit` and how many lines they changed, and shows the diff of the English file since that \
            commit (its first 40 added or removed lines); translations that only have `ms.sourcegitcommit` are \
            checked too.\n\n\
            ## Why\n\n\
            Whatever the structure rules find, a stale translation differs from its source in ways only a \
            re-translation fixes: steps reworded, UI names changed.\n\n\
            ## Example\n\n\
            `ms.openlocfilehash: 19e9a92a…` while the English file now hashes to `5c41a7e0…`.\n",
    },
    RuleDoc {
        name: "broken-markdown",
        severity: Severity::Error,
        summary: "Markdown the translation broke where the source is whole",
        explanation: "## What it does\n\n\
            Reports, at the broken spot, the Markdown that machine translation broke in the translation while the \
            source's counterpart is whole.\n\n\
            - a link or image that lost its opening `[` or `![`: `…](media/add.gif)` is left in the text;\n\
            - a link whose `(` a space parts from its text, `[Utilisateurs] (users.md)`, where the source links to \
            that target: the brackets and the address show; a tab heading's link parted so, `# [PowerShell] \
            (#tab/powershell)`, where the source has that tab (the tab group is then compared as meant);\n\
            - empty bold, `****`, left where the bold words moved out of it (not when the paired source text has \
            `****` too), and a `**` that makes no bold (`**Sécurité & Conformité **`: a space inside), one finding \
            per text;\n\
            - a placeholder that machine translation left for a character it escaped, `_AMP_` for `&`, `_GT_` for \
            `>` (`centre de sécurité _AMP_ Compliance Center`, `**destinataires _GT_ boîtes aux lettres**`): readers \
            see its name (in italics when it stands between spaces);\n\
            - a list item that starts with `#` (`- # compte courant` for `- Checking Acct #`): it renders as a \
            heading;\n\
            - a code fence not closed where the source closes its own (the translated block holds the source \
            block's lines, then a heading of the source or a line that opens a fence, or runs to the end, or the \
            next source block's code follows it as text, or the source block's code stands as text before a bare \
            fence, its opening fence lost), or one \
            the translation alone left open where the source has no code to continue (the parser's message): what \
            follows renders as code. The translation is compared as if the fence closed where the source's does, where the finding \
            says to add the closing line;\n\
            - a bare fence where the source closes its block that cannot close the translated one: ``` for a `~~~` \
            block, or fewer backticks than its opening fence. The finding is at that line and names the fence to \
            write;\n\
            - a bare fence the source has no code for, that turns what follows into code (a heading of the source, \
            a line that opens a fence, or the rest of the file): the finding says to delete it;\n\
            - a moniker zone not closed where the source closes the same zone: all that follows shows for that \
            moniker alone. The translation is compared as if the zone ended where it holds as many headings, and \
            paragraphs after the last one, as the source's zone, where the finding says to add the `::: moniker-end` line;\n\
            - a paragraph whose line starts with an HTML comment (`<!-- … --> Texte`): the comment makes the \
            paragraph raw HTML, whose Markdown is not rendered. Its text still shows, so this one is a warning.\n\n\
            What the breakage causes besides is not reported again: the link or image then missing, the sections \
            swallowed by the code block, the headings an open moniker zone takes in, the heading or HTML block where the source has a paragraph. What the \
            source breaks the same way is not reported.\n\n\
            ## Why\n\n\
            Readers see raw syntax, a heading in the middle of a list, or the rest of the page as code: the page is \
            broken, whatever its words say. The fix is a character or a line, at the place shown.\n\n\
            ## Example\n\n\
            English `click ![Add Icon](media/add.gif) **New import job**` and French \
            `cliquez sur Ajouter une icône](media/add.gif) Nouvelle tâche`: write \
            `![Ajouter une icône](media/add.gif)`.\n",
    },
    RuleDoc {
        name: "parse-error",
        severity: Severity::Error,
        summary: "The parser found a problem in the source or the translation",
        explanation: "## What it does\n\n\
            Reports what the Learn Markdown parser finds in either file: malformed front matter, unclosed moniker \
            zones or extensions, code fences never closed or closed by a fence meant to open the next block (unless \
            `broken-markdown` reports the fence, or what it swallowed), invalid \
            moniker ranges, repeated front matter keys, unreadable text. In the translation, errors and warnings \
            keep the parser's severity unless `checkdown.toml` sets one: `error` is the severity of the problems \
            that make a file unusable, the others are warnings. In the source file they are notes, which the \
            translation cannot mend, and the translation's same problem (in the same section, with the same message \
            but for its numbers and quoted titles) is inherited: reported on the source alone. Unknown rule names in `checkdown-ignore` \
            comments, and comments that start with `checkdown` but are no directive (`checkdown-disable`), are \
            reported here too, as warnings.\n\n\
            ## Why\n\n\
            A file Learn cannot build correctly cannot be compared reliably either.\n\n\
            ## Example\n\n\
            `::: moniker range=\"o365-21vianet\"` with no `::: moniker-end`.\n",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case_and_match_the_enum_order() {
        for (index, rule) in Rule::ALL.into_iter().enumerate() {
            assert_eq!(rule as usize, index);
            let name = rule.name();
            assert!(name.bytes().all(|byte| byte.is_ascii_lowercase() || byte == b'-'), "{name}");
            assert_eq!(Rule::from_name(name), Some(rule));
        }
        assert_eq!(Rule::from_name("list-items"), None);
    }

    #[test]
    fn every_rule_documents_what_why_and_an_example() {
        for doc in Rule::docs() {
            for heading in ["## What it does\n\n", "## Why\n\n", "## Example\n\n"] {
                assert!(doc.explanation.contains(heading), "{} lacks {heading:?}", doc.name);
            }
            assert!(!doc.summary.ends_with('.'), "{}", doc.name);
        }
    }
}
