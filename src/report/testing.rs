//! The sample every renderer snapshots (ruff's layout): the same seven diagnostics over a small EN/FR pair, so the
//! formats can be compared side by side.
//!
//! The sample covers what tends to break renderers: French text with accents and a no-break space before the span, a
//! message with `%`, `:`, `,` and a line break, a whole-file diagnostic, a multi-line span, diagnostics with and
//! without an English counterpart, a multi-line note holding `[`, `]`, `%` and a tab, and all three severities.

use std::io::{self, Write};

use super::{Diagnostic, Location, RenderContext, RuleDoc, Severity, SourceFiles};
use crate::model::Span;

/// The signature every renderer module exports.
pub(crate) type Renderer = fn(&[Diagnostic], &RenderContext<'_>, &mut dyn Write) -> io::Result<()>;

pub(crate) const FRENCH_PATH: &str = "fr-fr/close-your-account.md";
pub(crate) const ENGLISH_PATH: &str = "en-us/close-your-account.md";

const FRENCH: &str = "\
---
title: Fermer votre compte
ms.author: cmcatee
ms.topic: article
ms.service: o365-administration
ms.contentlocale: fr-FR
ms.openlocfilehash: 19e9a92a90f7c88cc150844ab451bc71d63e4c4a
description: Découvrez comment fermer votre compte auprès de Microsoft.
---
# <a name=\"close-your-account\"></a>Fermer votre compte

Remarque\u{a0}: consultez [Gérer les rôles](../admin/roles.md?view=o365-worldwide&preserve-view=true).

## <a name=\"before-you-begin\"></a>Avant de commencer

Sauvegardez les données que vous voulez conserver.

## <a name=\"step-3\"></a>Étape 3 : Supprimer l’abonnement

1. Répétez les étapes **3** à 5 pour chaque abonnement.

## <a name=\"step-4\"></a>Étape 4 : Fermer le compte

1. Connectez-vous au centre d’administration.
2. Go to the **Users**  >  **Active users** page.
3. Sélectionnez l’utilisateur, puis « Supprimer ».
4. Confirmez la suppression.
";

const ENGLISH: &str = "\
---
title: Close your account
ms.author: cmcatee
ms.topic: article
ms.service: o365-administration
description: Learn how to close your account with Microsoft.
---
# Close your account

Note: see [Manage roles](../admin/roles.md?view=o365-worldwide).

## Step 3: Delete the subscription

1. Repeat steps **4** and 5 for each subscription.

## Step 4: Close the account

1. Sign in to the admin center.
2. Go to the **Users**  >  **Active users** page.
3. Select the user, then **Delete**.
";

const FRENCH_LIST: &str = "\
1. Connectez-vous au centre d’administration.
2. Go to the **Users**  >  **Active users** page.
3. Sélectionnez l’utilisateur, puis « Supprimer ».
4. Confirmez la suppression.";

const ENGLISH_LIST: &str = "\
1. Sign in to the admin center.
2. Go to the **Users**  >  **Active users** page.
3. Select the user, then **Delete**.";

/// The span of the first occurrence of `needle` in `text`, computed the way the parser does (1-based lines, columns
/// in characters, exclusive end).
pub(crate) fn span_of(text: &str, needle: &str) -> Span {
    let start = text.find(needle).unwrap_or_else(|| panic!("{needle:?} is in the sample text"));
    let end = start + needle.len();
    let (line, column) = line_and_column(text, start);
    let (end_line, end_column) = line_and_column(text, end);
    Span { start, end, line, column, end_line, end_column }
}

fn line_and_column(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    let count = |count: usize| u32::try_from(count).expect("sample positions fit in u32");
    (count(before.matches('\n').count() + 1), count(before[line_start..].chars().count() + 1))
}

fn french(needle: &str) -> Location {
    Location::new(FRENCH_PATH, span_of(FRENCH, needle))
}

fn english(needle: &str) -> Location {
    Location::new(ENGLISH_PATH, span_of(ENGLISH, needle))
}

/// The seven sample diagnostics, sorted as callers sort them (path, line, column, rule).
pub(crate) fn sample_diagnostics() -> Vec<Diagnostic> {
    vec![
        Diagnostic::new(
            "missing-translation",
            Severity::Note,
            Location::file("en-us/manage-billing.md"),
            "`en-us/manage-billing.md` has no French translation at `fr-fr/manage-billing.md`",
        ),
        Diagnostic::new(
            "stale-source",
            Severity::Warning,
            french("ms.openlocfilehash: 19e9a92a90f7c88cc150844ab451bc71d63e4c4a"),
            "the French file was translated from another version of the English file; 1 commit changed the English \
             file since `ms.sourcegitcommit` 27b2b2e (+1 −1 lines): 5c41a7e Link to the roles page",
        )
        .with_source(Location::file(ENGLISH_PATH))
        .with_note(
            "what changed (git diff 27b2b2e HEAD -- close-your-account.md):\n\
             @@ -10 +10 @@\n\
             -Note: see the roles page (100% of them).\n\
             +Note: see [Manage roles](../admin/roles.md?view=o365-worldwide).\n\
             +\tand more",
        ),
        Diagnostic::new(
            "view-mismatch",
            Severity::Note,
            french("[Gérer les rôles](../admin/roles.md?view=o365-worldwide&preserve-view=true)"),
            "the French link adds `preserve-view=true`, the English one does not",
        )
        .with_source(english("[Manage roles](../admin/roles.md?view=o365-worldwide)")),
        Diagnostic::new(
            "extra-section",
            Severity::Warning,
            french("## <a name=\"before-you-begin\"></a>Avant de commencer"),
            "section `before-you-begin` has no English counterpart",
        ),
        Diagnostic::new(
            "number-mismatch",
            Severity::Warning,
            french("**3**"),
            "numbers differ: English has 4, 5; French has 3, 5\n50% of the numbers match",
        )
        .with_source(english("**4**")),
        Diagnostic::new(
            "list-item-count",
            Severity::Error,
            french(FRENCH_LIST),
            "the French list has 4 items, the English list 3",
        )
        .with_source(english(ENGLISH_LIST)),
        Diagnostic::new(
            "untranslated",
            Severity::Warning,
            french("Go to the **Users**  >  **Active users** page."),
            "this French paragraph is identical to an English one",
        )
        .with_source(english("Go to the **Users**  >  **Active users** page.")),
    ]
}

/// Rule descriptions for the sample; `missing-translation` and `untranslated` are left out on purpose, to show how
/// renderers treat a rule they have no description for.
pub(crate) const SAMPLE_RULES: &[RuleDoc] = &[
    RuleDoc {
        name: "list-item-count",
        severity: Severity::Error,
        summary: "A translated list has a different number of items than its source",
        explanation: "## What it does\n\nCompares the number of items of each aligned list, nested levels included.\n\n\
                      ## Why\n\nA printed checklist with a different number of steps is wrong.\n\n\
                      ## Example\n\nThe English procedure has 3 steps and the French one 4.\n",
    },
    RuleDoc {
        name: "view-mismatch",
        severity: Severity::Warning,
        summary: "Paired links select different `view=` monikers",
        explanation: "Compares the `view=` query values of paired links, and whether `preserve-view` is set.\n\n\
                      A different moniker sends readers to the documentation of another product version.\n",
    },
    RuleDoc {
        name: "extra-section",
        severity: Severity::Warning,
        summary: "A translated section has no counterpart in the source",
        explanation: "Reports translated headings whose key matches no source heading.\n",
    },
    RuleDoc {
        name: "number-mismatch",
        severity: Severity::Warning,
        summary: "Aligned blocks contain different numbers",
        explanation: "Compares the digit sequences of aligned blocks: `repeat steps 4 and 5` against \
                      `répétez les étapes 3 à 5` finds 4 against 3.\n",
    },
];

/// Source files holding both sample texts (not the whole-file diagnostic's file, which has no span anyway).
pub(crate) fn sample_files() -> SourceFiles {
    let mut files = SourceFiles::new();
    files.insert(FRENCH_PATH, FRENCH);
    files.insert(ENGLISH_PATH, ENGLISH);
    files
}

/// What `render` writes for `diagnostics` with the sample rules and files, as a string.
pub(crate) fn render_with(render: Renderer, diagnostics: &[Diagnostic], color: bool) -> String {
    let files = sample_files();
    let context = RenderContext { color, files_checked: Some(4), ..RenderContext::new(SAMPLE_RULES, &files) };
    let mut out = Vec::new();
    render(diagnostics, &context, &mut out).expect("writing to a Vec cannot fail");
    String::from_utf8(out).expect("renderers write UTF-8")
}

/// What `render` writes for the sample, without colour.
pub(crate) fn render_sample(render: Renderer) -> String {
    render_with(render, &sample_diagnostics(), false)
}
