//! The procedure view: an article read as steps to tick off.
//!
//! Steps are recognised by structure first: headings that read "Step 1: …" in any of the languages in
//! [`STEP_WORDS`] (`Step 1:`, `Étape 1 :`, `Step7:`, `Phase 2 —`, `ステップ 3`). An article with no such headings is
//! still a procedure when some of its sections hold ordered lists: each outermost such section is a step, at any
//! depth (an H2 "Manage encryption" over H3 "To turn it on", "To turn it off"), unless headings numbered without a
//! step word ("1 - Create the resources") hold every such list: then those headings are the steps, with a list or
//! without. Failing both, an article whose title holds an ordered list of its own is a one-step procedure. A step's
//! sub-steps are the items of its top-level ordered list. Nothing here knows any particular article.
//!
//! Nothing of the article is left out of the view, and nothing changes order: the prerequisites are picked out of
//! the sections before the first step, and a section above the steps' level that holds steps (a "Revoke with
//! PowerShell" heading over "Step 3", "Step 4") is kept as the group its first step opens: its heading, its own
//! blocks and the subsections before that step, shown before it.

use serde::Serialize;

use super::{Article, Block, Inline, ListItem, Section, Span, text};

/// Words that introduce a numbered step heading, lower-cased, by language. A heading is a step when it starts with
/// one of these, optional spaces (no-break spaces too), and a number.
pub const STEP_WORDS: &[&str] = &[
    "step",
    "phase",
    "stage",
    "part", // en
    "étape",
    "etape",
    "phase",
    "partie", // fr
    "schritt",
    "phase",
    "teil", // de
    "paso",
    "fase",
    "etapa",
    "parte", // es, pt
    "passaggio",
    "passo",
    "fase", // it
    "stap",
    "fase", // nl
    "krok",
    "etap", // pl
    "steg",
    "trin",
    "vaihe",
    "lépés",
    "adım",
    "pas",
    "korak",
    "krok", // sv/nb, da, fi, hu, tr, ro, hr/sl, cs
    "шаг",
    "этап",
    "крок",
    "βήμα", // ru, uk, el
    "ステップ",
    "手順",
    "단계",
    "步骤",
    "步驟", // ja, ko, zh
];

/// Headings (lower-cased, without trailing punctuation) and anchor ids of a prerequisites section.
pub const PREREQUISITE_TITLES: &[&str] = &[
    "before you begin",
    "before you start",
    "prerequisites",
    "prerequisite",
    "requirements",
    "what you need",
    "what you'll need",
    "what do you need to know before you begin",
    "what you need to know before you begin",
    "what you must know before you begin",
    "avant de commencer",
    "avant de démarrer",
    "prérequis",
    "conditions préalables",
    "configuration requise",
    "conditions requises",
    "ce qu'il faut savoir avant de commencer",
    "à savoir avant de commencer",
    "éléments à savoir avant de commencer",
    "voraussetzungen",
    "bevor sie beginnen",
    "was sollten sie wissen, bevor sie beginnen",
    "was sie wissen sollten, bevor sie beginnen",
    "requisitos previos",
    "antes de empezar",
    "antes de comenzar",
    "qué necesita saber antes de empezar",
    "qué es necesario saber antes de empezar",
    "prerequisiti",
    "prima di iniziare",
    "pré-requisitos",
    "antes de começar",
    "vereisten",
    "voordat u begint",
    "前提条件",
    "開始する前に",
    "先决条件",
    "先決條件",
    "사전 요구 사항",
];

const PREREQUISITE_IDS: &[&str] = &[
    "before-you-begin",
    "before-you-start",
    "prerequisites",
    "pre-requisites",
    "requirements",
    "what-do-you-need-to-know-before-you-begin",
];

/// Words that make any heading holding them a prerequisites heading ("Prerequisites for setting up a connector",
/// "Review the prerequisites", "Conditions préalables requises"), lower-cased.
const PREREQUISITE_WORDS: &[&str] = &[
    "prerequisite",
    "pre-requisite",
    "prérequis",
    "pré-requis",
    "conditions préalables",
    "voraussetzung",
    "requisitos previos",
];

/// An article read as a procedure: a view that borrows the article's sections and blocks (only a step's
/// [`Step::groups`] are copies: a section cut where its first step begins).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Procedure<'a> {
    /// Blocks before the first heading and under the title, before any subsection.
    pub intro: Vec<&'a Block>,
    /// Sections before the first step that are not the prerequisites (an overview, say).
    pub intro_sections: Vec<&'a Section>,
    /// The "Before you begin" / "Avant de commencer" section, if any.
    pub prerequisites: Option<&'a Section>,
    /// The steps, in order.
    pub steps: Vec<Step<'a>>,
    /// Sections after the last step ("Next steps", "Related articles").
    pub outro: Vec<&'a Section>,
}

/// One step of a procedure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step<'a> {
    /// The section id: stable across languages when translations keep the `<a name>` anchors.
    pub id: &'a str,
    /// The step's number: the one in its heading, else its position (1-based).
    pub number: u32,
    /// The heading without its "Step N:" prefix ("Delete users").
    pub title: &'a str,
    /// The heading level of the step (2 for `## Step 1`).
    pub level: u8,
    /// The heading's own step label ("Step 1", "(Optional) Step 3", "Partie 2"); `None` for a step recognised by
    /// its ordered list, which has no label of its own.
    pub label: Option<&'a str>,
    /// The whole heading text ("Step 1: Delete users").
    pub heading: &'a str,
    /// The heading as written: its links and code, which [`Step::title_inlines`] keeps.
    #[serde(skip)]
    pub heading_inlines: &'a [Inline],
    /// The moniker range of the zone the step's heading sits in, if any: the whole step applies to it only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moniker: Option<&'a str>,
    /// The pivot of the `::: zone` the step's heading sits in, if any: the whole step applies to it only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pivot: Option<&'a str>,
    /// The span of the heading.
    pub heading_span: Span,
    /// Everything under the heading, sub-steps' list included.
    pub body: &'a [Block],
    /// The items of the step's top-level ordered list.
    pub substeps: Vec<SubStep<'a>>,
    /// Subsections: deeper headings under the step's own.
    pub sections: Vec<&'a Section>,
    /// Sections between this step and the next that are neither steps nor under the step's heading (a heading of
    /// its rank or above, "Default behavior" after "To disable it"): they follow the step, outside it.
    pub after: Vec<&'a Section>,
    /// The sections above the steps' level that this step is the first step of (a "Revoke with PowerShell" heading
    /// over steps 3 and 4), outermost first: their headings, own blocks and the subsections before this step (an
    /// "Overview" under the heading), shown before it.
    pub groups: Vec<Section>,
    /// The span of the whole step section.
    pub span: Span,
}

/// One item of a step's top-level ordered list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubStep<'a> {
    /// The item's number as the reader sees it.
    pub number: u64,
    /// The plain text of the item's first block.
    pub text: String,
    /// The item's blocks.
    pub blocks: &'a [Block],
    /// Source span of the item.
    pub span: Span,
}

/// A heading read as a step heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepHeading<'a> {
    /// The heading's number ("Étape 1 : Supprimer" gives 1).
    pub number: u32,
    /// The heading's own step label, as written: "Étape 1", "Part 2", "(Optional) Step 3", "Étape 5 (facultatif)".
    pub label: &'a str,
    /// The rest of the heading after the label and its separator ("Supprimer").
    pub rest: &'a str,
}

impl<'a> Step<'a> {
    /// The title as a heading of its own, its label set apart: with a capital, which the title after a colon may
    /// lack ("Étape 1 : configurer des groupes" is "Configurer des groupes"; French writes no capital after a colon).
    pub fn standalone_title(&self) -> std::borrow::Cow<'a, str> {
        match self.label.and_then(|_| text::capitalized(self.title)) {
            Some(capital) => std::borrow::Cow::Owned(capital),
            None => std::borrow::Cow::Borrowed(self.title),
        }
    }

    /// The title's inlines, its links and code kept: the heading's inlines after the label, with a capital as
    /// [`Step::standalone_title`] gives it when `standalone`.
    pub fn title_inlines(&self, standalone: bool) -> Vec<Inline> {
        // The title ends the heading's text, which is the heading's inlines' visible text, trimmed.
        let visible = text::inlines(self.heading_inlines);
        let leading = visible.len() - visible.trim_start().len();
        let skip = leading + self.heading.strip_suffix(self.title).map_or(0, str::len);
        let mut inlines = text::inlines_after(self.heading_inlines, skip);
        if standalone && self.label.is_some() {
            text::capitalize(&mut inlines);
        }
        inlines
    }
}

/// Reads `title` as a step heading: a word of [`STEP_WORDS`] and a number, with an optional parenthetical such as
/// "(Optional)" or "(Facultatif)" that marks a step the reader may skip, before the word or after the number; the
/// parenthetical is part of the label, so that the rest is the title alone.
pub fn step_heading(title: &str) -> Option<StepHeading<'_>> {
    let trimmed = title.trim_start();
    let word_start = parenthetical(trimmed).map_or(0, |length| length + leading_spaces(&trimmed[length..]));
    let at_word = &trimmed[word_start..];
    let first = at_word.chars().next()?.to_lowercase().next()?;
    let (number, label_end, rest) = STEP_WORDS
        .iter()
        .filter(|word| word.chars().next().is_some_and(|letter| letter == first))
        .find_map(|word| numbered_rest(at_word, starts_with_word(at_word, word)?))?;
    Some(StepHeading { number, label: &trimmed[..word_start + label_end], rest })
}

/// The step heading of `section`: its title read by [`step_heading`]; or, when words come before the title's step
/// label, the label after them, if the section's explicit anchor, kept from the English heading, names the same step.
/// Machine translation turns "(Optional) Step 1: Manage" into "Module Étape 1: gérer" under the anchor
/// `optional-step-1-manage`, and the step is still step 1.
pub fn section_step_heading(section: &Section) -> Option<StepHeading<'_>> {
    let title = &section.title;
    step_heading(title).or_else(|| {
        let number = section.explicit_id.then(|| anchored_step_number(&section.id))??;
        let pairs = title.char_indices().zip(title.chars().skip(1));
        let word_starts = pairs
            .filter(|((_, before), after)| before.is_whitespace() && !after.is_whitespace())
            .map(|((at, before), _)| at + before.len_utf8());
        word_starts.take(MAX_WORDS_BEFORE_LABEL).find_map(|start| {
            let heading = step_heading(&title[start..]).filter(|heading| heading.number == number)?;
            Some(StepHeading { label: &title[..start + heading.label.len()], ..heading })
        })
    })
}

/// The step headings written a level too deep, each with the step it falls in: a subsection of a step, labelled by the
/// same word with a number that the steps around that step skip ("## Step 1", "### Step 2", "## Step 3"). Learn
/// shows it as a smaller heading inside the step, and so does the procedure; it is almost always a typo. A step's own
/// numbered parts ("## Step 1" holding "### Step 1" and "### Step 2", then "## Step 2") are not.
pub fn misnested_steps(sections: &[Section]) -> Vec<(&Section, &Section)> {
    // The label's word, without its number and parenthetical: "(Optional) Step 3" gives "step".
    let word = |heading: &StepHeading<'_>| {
        let mut words = heading.label.split_whitespace();
        words.rfind(|word| !word.contains(|c: char| c.is_ascii_digit() || c == '(' || c == ')')).map(str::to_lowercase)
    };
    let mut found = Vec::new();
    for (at, parent) in sections.iter().enumerate() {
        found.extend(misnested_steps(&parent.sections));
        let Some(heading) = section_step_heading(parent) else { continue };
        let label = word(&heading);
        let next = sections[at + 1..]
            .iter()
            .filter_map(section_step_heading)
            .find(|next| word(next) == label)
            .map(|next| next.number);
        let Some(next) = next else { continue };
        found.extend(
            parent
                .sections
                .iter()
                .filter(|child| {
                    section_step_heading(child).is_some_and(|inner| {
                        word(&inner) == label && heading.number < inner.number && inner.number < next
                    })
                })
                .map(|child| (parent, child)),
        );
    }
    found
}

/// How many words may come before a step label that a section's anchor confirms.
const MAX_WORDS_BEFORE_LABEL: usize = 2;

/// The step number an anchor names: `step-1-…`, `step1`, `optional-step-3-…`, with at most one word before `step`.
fn anchored_step_number(id: &str) -> Option<u32> {
    let mut words = id.split('-');
    let first = words.next()?;
    let (step_word, mut words) = if first.starts_with("step") { (first, words) } else { (words.next()?, words) };
    match step_word.strip_prefix("step")? {
        "" => words.next()?.parse().ok(),
        digits => digits.parse().ok(),
    }
}

/// The length in bytes of a "(…)" of at most [`MAX_PARENTHETICAL`] characters at the start of `text`, if any.
fn parenthetical(text: &str) -> Option<usize> {
    let inside = text.strip_prefix('(')?;
    let (close, _) = inside.char_indices().take(MAX_PARENTHETICAL).find(|(_, c)| *c == ')')?;
    Some(1 + close + 1)
}

/// The length in bytes of the white space (no-break spaces too) at the start of `text`.
fn leading_spaces(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

/// The longest parenthetical read as part of a step label, before its word or after its number: "(Optional)",
/// "(Facultatif)", "(Recommended)".
const MAX_PARENTHETICAL: usize = 20;

/// The length in bytes of the start of `text` that is `word` (lower case) in any case; `None` when `text` does not
/// start with it. Every heading is asked: this lower-cases only as far as it compares.
fn starts_with_word(text: &str, word: &str) -> Option<usize> {
    // Most headings start in ASCII: compared as bytes, with no case tables.
    if let Some(start) = text.as_bytes().get(..word.len())
        && start.is_ascii()
    {
        return start.eq_ignore_ascii_case(word.as_bytes()).then_some(word.len());
    }
    let mut expected = word.chars().peekable();
    for (at, character) in text.char_indices() {
        if expected.peek().is_none() {
            return Some(at);
        }
        for lower in character.to_lowercase() {
            if expected.next() != Some(lower) {
                return None;
            }
        }
    }
    expected.peek().is_none().then_some(text.len())
}

/// In `text`, whose step word ends at `word_end`: the number, where the label ends (after the number, or after a
/// parenthetical right after it), and the rest after the separator. "Étape 5 (facultatif) : Empêcher" gives 5, the
/// end of "Étape 5 (facultatif)", and "Empêcher".
fn numbered_rest(text: &str, word_end: usize) -> Option<(u32, usize, &str)> {
    let digits_start = word_end + leading_spaces(&text[word_end..]);
    let at_digits = &text[digits_start..];
    let digits_len = at_digits.find(|c: char| !c.is_ascii_digit()).unwrap_or(at_digits.len());
    if digits_len == 0 {
        return None;
    }
    let number = at_digits[..digits_len].parse().ok()?;
    let after_number = digits_start + digits_len + number_suffix(&at_digits[digits_len..]);
    let parenthetical_start = after_number + leading_spaces(&text[after_number..]);
    let label_end =
        parenthetical(&text[parenthetical_start..]).map_or(after_number, |length| parenthetical_start + length);
    let rest = text[label_end..].trim_start();
    let rest = rest.strip_prefix([':', '：', '.', '-', '–', '—', ')']).unwrap_or(rest).trim_start();
    Some((number, label_end, rest))
}

/// The length of what a step number carries on right after its digits, as part of the label: a letter (`12a`) or
/// further numbers (`13.1`, `2.1.3`). A period before a space ends the label instead (`Step 1. Sign in`).
fn number_suffix(text: &str) -> usize {
    let bytes = text.as_bytes();
    let letter = bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && !bytes.get(1).is_some_and(|byte| byte.is_ascii_alphanumeric());
    if letter {
        return 1;
    }
    let mut length = 0;
    while bytes.get(length) == Some(&b'.') && bytes.get(length + 1).is_some_and(u8::is_ascii_digit) {
        length += 1 + bytes[length + 1..].iter().take_while(|byte| byte.is_ascii_digit()).count();
    }
    length
}

/// True for a "Before you begin" / "Prerequisites" section, in any language listed in [`PREREQUISITE_TITLES`].
pub fn is_prerequisites(section: &Section) -> bool {
    if PREREQUISITE_IDS.contains(&section.id.as_str()) {
        return true;
    }
    let title = section.title.trim().trim_matches([':', '.', '：', '?', '？', '¿']).trim().to_lowercase();
    PREREQUISITE_TITLES.contains(&title.replace('’', "'").as_str())
        || PREREQUISITE_WORDS.iter().any(|word| title.contains(word))
}

/// The procedure view of `article`.
pub fn procedure(article: &Article) -> Procedure<'_> {
    let (title_section, top) = match article.sections.as_slice() {
        [only] if only.level == 1 => (Some(only), only.sections.as_slice()),
        sections => (None, sections),
    };
    let title_blocks = title_section.map_or(&[][..], |section| section.blocks.as_slice());
    let mut procedure = Procedure { intro: article.preamble.iter().collect(), ..Procedure::default() };
    let Some(rule) = StepRule::of(article, top) else {
        return match title_section.filter(|section| holds_ordered_list(&section.blocks)) {
            Some(section) => Procedure {
                steps: vec![Step { sections: Vec::new(), ..step(section, 1, section_step_heading(section)) }],
                outro: top.iter().collect(),
                ..procedure
            },
            None => {
                procedure.intro.extend(title_blocks);
                Procedure { intro_sections: top.iter().collect(), ..procedure }
            }
        };
    };
    // Steps are normally under the title; in an article whose H1s are the steps, they are the top level.
    let top = if matches!(rule, StepRule::Headings { level: 1 } | StepRule::Numbered { level: 1 }) {
        article.sections.as_slice()
    } else {
        procedure.intro.extend(title_blocks);
        top
    };

    // Sections between two steps follow the step before them, but those after a group's heading belong to the group;
    // those after the last step are the outro.
    let mut between: Vec<&Section> = Vec::new();
    let mut groups: Vec<Section> = Vec::new();
    visit_in_order(top, rule, &mut |part| match part {
        Part::GroupOf(section) => groups.push(heading_only(section)),
        Part::Whole(section) if rule.is_step(section) => {
            let read = rule.heading(section);
            let number = read.map_or(procedure.steps.len() as u32 + 1, |heading| heading.number);
            if let Some(previous) = procedure.steps.last_mut() {
                previous.after.append(&mut between);
            }
            procedure.steps.push(Step { groups: std::mem::take(&mut groups), ..step(section, number, read) });
        }
        Part::Whole(section)
            if procedure.steps.is_empty() && procedure.prerequisites.is_none() && is_prerequisites(section) =>
        {
            procedure.prerequisites = Some(section);
        }
        Part::Whole(section) => match groups.last_mut() {
            // A section between a group's heading and its first step is read under that heading: taken for a
            // section before the group (the step before's, or the intro's), it would print ahead of the heading.
            Some(group) => {
                group.span.extend_to(section.span);
                group.sections.push(section.clone());
            }
            None if procedure.steps.is_empty() => procedure.intro_sections.push(section),
            None => between.push(section),
        },
    });
    procedure.outro = between;
    procedure
}

/// Which sections are the steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StepRule {
    /// Sections whose heading reads "Step N" (any [`STEP_WORDS`]), at `level` or deeper: the level that has the most
    /// of them, so that a lone "Step 1" elsewhere does not decide.
    Headings {
        /// The steps' heading level.
        level: u8,
    },
    /// With no step headings: the outermost sections that hold an ordered list of their own, at any depth (an H2
    /// "Tasks" over H3 procedures makes each H3 a step), prerequisites excepted.
    Lists,
    /// Without step headings: sections at `level` numbered without a step word ([`numbered_heading`]: "1 - Create
    /// the resources", "2. Run the code"), when numbers 1 and 2 are at that level, and no section holds a numbered
    /// list of its own outside them (else [`StepRule::Lists`]).
    Numbered {
        /// The steps' heading level.
        level: u8,
    },
}

impl StepRule {
    /// The rule for `article`, whose sections under the title are `top`; `None` when it is no procedure.
    fn of(article: &Article, top: &[Section]) -> Option<StepRule> {
        let mut counts = [0usize; 7];
        for section in article.all_sections() {
            if section_step_heading(section).is_some() {
                counts[usize::from(section.level.min(6))] += 1;
            }
        }
        if let Some(level) = busiest_level(&counts) {
            return Some(StepRule::Headings { level });
        }
        // Numbered headings, counted where the first two, 1 and 2, are at one level. Where sections hold numbered
        // lists, only when the numbered headings hold every one of them ("1 - Fork the code", "2 - Create the
        // pipeline" and its list): else they number reasons or examples ("1. Spoofed messages deceive users") beside
        // the procedure.
        let numbered = Self::numbered(article);
        if top.iter().any(|section| StepRule::Lists.is_step(section) || StepRule::Lists.holds_step(section)) {
            return Some(numbered.filter(|rule| rule.holds_every_list_step(top)).unwrap_or(StepRule::Lists));
        }
        numbered
    }

    /// [`StepRule::Numbered`] at the level with the most numbered headings, among those with 1 and 2.
    fn numbered(article: &Article) -> Option<StepRule> {
        let mut numbered = [(0usize, 0u8); 7];
        for section in article.all_sections() {
            if let Some(heading) = numbered_heading(&section.title) {
                let (count, first_two) = &mut numbered[usize::from(section.level.min(6))];
                *count += 1;
                if heading.number <= 2 {
                    *first_two |= 1 << heading.number;
                }
            }
        }
        let counts = numbered.map(|(count, first_two)| if first_two == 0b110 { count } else { 0 });
        busiest_level(&counts).map(|level| StepRule::Numbered { level })
    }

    /// Whether every section that holds a numbered list of its own is a step under this rule, or inside one.
    fn holds_every_list_step(self, sections: &[Section]) -> bool {
        sections.iter().all(|section| {
            self.is_step(section) || !StepRule::Lists.is_step(section) && self.holds_every_list_step(&section.sections)
        })
    }

    fn is_step(self, section: &Section) -> bool {
        match self {
            StepRule::Headings { .. } | StepRule::Numbered { .. } => self.heading(section).is_some(),
            StepRule::Lists => holds_ordered_list(&section.blocks) && !is_prerequisites(section),
        }
    }

    /// The step heading of `section` under this rule, when it is one.
    fn heading(self, section: &Section) -> Option<StepHeading<'_>> {
        match self {
            StepRule::Headings { level } => section_step_heading(section).filter(|_| section.level >= level),
            StepRule::Numbered { level } => numbered_heading(&section.title).filter(|_| section.level == level),
            StepRule::Lists => None,
        }
    }

    /// Whether a step is among the subsections of `section`, at any depth.
    fn holds_step(self, section: &Section) -> bool {
        section.sections.iter().any(|child| self.is_step(child) || self.holds_step(child))
    }

    /// Whether `section` is met as a group: not whole, its subsections one by one, for they hold steps.
    fn opens_group(self, section: &Section) -> bool {
        let above_steps = match self {
            StepRule::Headings { level } | StepRule::Numbered { level } => section.level < level,
            StepRule::Lists => !self.is_step(section) && !is_prerequisites(section),
        };
        above_steps && self.holds_step(section)
    }
}

/// The heading level with the most step headings of `counts` (indexed by level; the higher level on a tie).
fn busiest_level(counts: &[usize; 7]) -> Option<u8> {
    let busiest = counts.iter().enumerate().filter(|(_, n)| **n > 0).max_by_key(|(level, n)| (**n, 7 - level));
    busiest.map(|(level, _)| level as u8)
}

/// Reads `title` as a heading numbered without a step word: "1 - Create the resources", "2. Run the code", "3) Clean
/// up". At most two digits (not a year), then a separator and a space (not "1:1 chats" or "3.5 release").
fn numbered_heading(title: &str) -> Option<StepHeading<'_>> {
    let trimmed = title.trim_start();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let after = trimmed[digits..].trim_start().strip_prefix(['-', '–', '—', '.', ':', '：', ')'])?;
    let rest = after.trim_start();
    if rest.len() == after.len() || rest.is_empty() {
        return None;
    }
    Some(StepHeading { number: trimmed[..digits].parse().ok()?, label: &trimmed[..digits], rest })
}

/// How [`visit_in_order`] meets a section.
enum Part<'a> {
    /// The section and its subsections.
    Whole(&'a Section),
    /// A section above the steps that holds steps: its subsections are visited next, one by one.
    GroupOf(&'a Section),
}

/// Calls `visit` on `sections` in document order: whole, unless a section opens a group of steps under `rule`; then
/// as a group, and its subsections in turn.
fn visit_in_order<'a>(sections: &'a [Section], rule: StepRule, visit: &mut impl FnMut(Part<'a>)) {
    for section in sections {
        if rule.opens_group(section) {
            visit(Part::GroupOf(section));
            visit_in_order(&section.sections, rule, visit);
        } else {
            visit(Part::Whole(section));
        }
    }
}

/// `section` without its subsections: its heading and the blocks before its first subsection. As the head of a
/// group, [`procedure`] adds the subsections before its first step as it meets them.
fn heading_only(section: &Section) -> Section {
    let mut span = section.heading_span;
    if let Some(last) = section.blocks.last() {
        span.extend_to(last.span());
    }
    Section {
        level: section.level,
        id: section.id.clone(),
        explicit_id: section.explicit_id,
        title: section.title.clone(),
        moniker: section.moniker.clone(),
        pivot: section.pivot.clone(),
        heading: section.heading.clone(),
        heading_span: section.heading_span,
        blocks: section.blocks.clone(),
        sections: Vec::new(),
        span,
    }
}

/// The step `section` makes, numbered `number`, its heading read as `read` (its label and the rest).
fn step<'a>(section: &'a Section, number: u32, read: Option<StepHeading<'a>>) -> Step<'a> {
    let title = read.map(|heading| heading.rest).filter(|rest| !rest.is_empty()).unwrap_or(&section.title);
    let substeps = top_level_ordered_items(&section.blocks)
        .into_iter()
        .map(|(number, item)| SubStep {
            number,
            text: item.blocks.first().map(|first| text::blocks(std::slice::from_ref(first))).unwrap_or_default(),
            blocks: &item.blocks,
            span: item.span,
        })
        .collect();
    Step {
        id: &section.id,
        number,
        title,
        level: section.level,
        label: read.map(|heading| heading.label),
        heading: &section.title,
        heading_inlines: &section.heading,
        moniker: section.moniker.as_deref(),
        pivot: section.pivot.as_deref(),
        heading_span: section.heading_span,
        body: &section.blocks,
        substeps,
        sections: section.sections.iter().collect(),
        after: Vec::new(),
        groups: Vec::new(),
        span: section.span,
    }
}

/// The items of the first ordered list directly in `blocks` (looking through zones and tabs), with the items
/// of following ordered lists that continue its numbering (a list split by an unindented code block or note). Of
/// the same steps in other tabs or zones (PowerShell, another cloud), which number again from 1, the first are the
/// sub-steps.
fn top_level_ordered_items(blocks: &[Block]) -> Vec<(u64, &ListItem)> {
    let mut items: Vec<(u64, &ListItem)> = Vec::new();
    for_each_list(blocks, &mut |start, list_items| {
        let continues = items.last().is_some_and(|(last, _)| start == last + 1);
        if items.is_empty() || continues {
            items.extend(list_items.iter().enumerate().map(|(index, item)| (start + index as u64, item)));
        }
    });
    items
}

/// Whether an ordered list is directly in `blocks` (looking through zones and tabs): whether the section has
/// sub-steps, asked of every section without collecting them.
fn holds_ordered_list(blocks: &[Block]) -> bool {
    blocks.iter().any(|block| match block {
        Block::List { ordered: true, items, .. } => !items.is_empty(),
        other => other.variant_blocks().is_some_and(holds_ordered_list),
    })
}

fn for_each_list<'a>(blocks: &'a [Block], visit: &mut impl FnMut(u64, &'a [ListItem])) {
    for block in blocks {
        match block {
            Block::List { ordered: true, start, items, .. } => visit(start.unwrap_or(1), items),
            other => {
                if let Some(blocks) = other.variant_blocks() {
                    for_each_list(blocks, visit);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_heading_a_level_too_deep_is_found_where_the_steps_around_it_skip_its_number() {
        let misnested = |text: &str| {
            let parsed = crate::parse::parse("a.md", text, &Default::default(), &crate::parse::NoIncludes);
            let found = misnested_steps(&parsed.article.sections);
            found.iter().map(|(step, heading)| format!("{} > {}", step.title, heading.title)).collect::<Vec<_>>()
        };
        assert_eq!(misnested("# T\n## Step 1: Add\n### Step 2: Set\n## Step 3: Test\n"), ["Step 1: Add > Step 2: Set"]);
        let french = "# T\n## Étape 1 : Ajouter\n### (Facultatif) Étape 2 : Régler\n## Étape 3 : Tester\n";
        assert_eq!(misnested(french), ["Étape 1 : Ajouter > (Facultatif) Étape 2 : Régler"]);
        for fine in [
            "# T\n## Step 1: Prepare\n### Step 1: Create\n### Step 2: Assign\n## Step 2: Test\n",
            "# T\n## Part 1: Prepare\n### Step 2: Assign\n## Part 3: Test\n",
            "# T\n## Step 1: Add\n## Step 2: Set\n### Step 3: Check\n",
        ] {
            assert_eq!(misnested(fine), [] as [String; 0], "{fine}");
        }
    }

    #[test]
    fn a_title_set_apart_from_its_label_starts_with_a_capital() {
        let text = "# T\n\n## Étape 1 : configurer des groupes\n\n1. a\n\n## Étape 2 : Créer\n\n1. b\n";
        let parsed = crate::parse::parse("a.md", text, &Default::default(), &crate::parse::NoIncludes);
        let procedure = parsed.article.procedure();
        let titles: Vec<String> = procedure.steps.iter().map(|step| step.standalone_title().into_owned()).collect();
        assert_eq!(titles, ["Configurer des groupes", "Créer"]);
        assert_eq!(procedure.steps[0].title, "configurer des groupes", "the model keeps the article's words");
        let unlabelled = "# T\n\n## pour commencer\n\n1. a\n";
        let parsed = crate::parse::parse("a.md", unlabelled, &Default::default(), &crate::parse::NoIncludes);
        assert_eq!(parsed.article.procedure().steps[0].standalone_title(), "pour commencer", "no label, no change");
    }

    /// A printed step keeps its heading's links and code: "Open the [admin center](url)" tells where to go.
    #[test]
    fn a_title_keeps_the_links_and_code_of_its_heading() {
        let text = "# T\n\n## Step 1: Open the [admin center](https://admin.microsoft.com)\n\n1. a\n\n\
                    ## **Step 2:** run `Get-MgUser` *now*\n\n1. b\n\n## Étape 3 : *configurer* les groupes\n\n1. c\n";
        let parsed = crate::parse::parse("a.md", text, &Default::default(), &crate::parse::NoIncludes);
        let procedure = parsed.article.procedure();
        let shapes = |inlines: &[Inline]| -> Vec<String> {
            inlines
                .iter()
                .map(|inline| match inline {
                    Inline::Link { target, .. } => {
                        format!("link {target}: {}", text::inlines(std::slice::from_ref(inline)))
                    }
                    Inline::Code { code, .. } => format!("code {code}"),
                    Inline::Emphasis { .. } => format!("emphasis {}", text::inlines(std::slice::from_ref(inline))),
                    other => text::inlines(std::slice::from_ref(other)),
                })
                .collect()
        };
        assert_eq!(
            shapes(&procedure.steps[0].title_inlines(true)),
            ["Open the ", "link https://admin.microsoft.com: admin center"]
        );
        assert_eq!(shapes(&procedure.steps[1].title_inlines(true)), ["Run ", "code Get-MgUser", " ", "emphasis now"]);
        assert_eq!(shapes(&procedure.steps[1].title_inlines(false)), ["run ", "code Get-MgUser", " ", "emphasis now"]);
        assert_eq!(shapes(&procedure.steps[2].title_inlines(true)), ["emphasis Configurer", " les groupes"]);
        let linked = "# T\n\n## Étape 1 : [configurer](https://a.example) les groupes\n\n1. a\n";
        let parsed = crate::parse::parse("a.md", linked, &Default::default(), &crate::parse::NoIncludes);
        let inlines = parsed.article.procedure().steps[0].title_inlines(true);
        assert_eq!(shapes(&inlines), ["link https://a.example: Configurer", " les groupes"], "a capital in a link too");
    }

    /// Exchange and EOP articles open with "What do you need to know before you begin?", in every language; a
    /// translation that keeps its English anchor says so whatever its words.
    #[test]
    fn the_know_before_you_begin_heading_is_the_prerequisites_in_any_language() {
        let prerequisites = |heading: &str| {
            let text = format!("# T\n\n## {heading}\n\n- Time: 5 minutes.\n\n## Step 1: Do it\n\n1. a\n");
            let parsed = crate::parse::parse("a.md", &text, &Default::default(), &crate::parse::NoIncludes);
            parsed.article.procedure().prerequisites.map(|section| section.title.clone())
        };
        for heading in [
            "What do you need to know before you begin?",
            "Was sollten Sie wissen, bevor Sie beginnen?",
            "¿Qué necesita saber antes de empezar?",
            "<a name=\"what-do-you-need-to-know-before-you-begin\"></a>Czego potrzebujesz?",
            // Spelled with a hyphen in English as in French ("Pré-requis"): both texts of a pair read alike.
            "Pre-requisites",
            "Pré-requis",
        ] {
            assert!(prerequisites(heading).is_some(), "{heading}");
        }
        assert_eq!(prerequisites("What is new"), None);
    }

    /// The (number, title) of each step of `markdown`.
    fn steps_of(markdown: &str) -> Vec<(u32, String)> {
        let parsed = crate::parse::parse("a.md", markdown, &Default::default(), &crate::parse::NoIncludes);
        parsed.article.procedure().steps.iter().map(|step| (step.number, step.title.to_owned())).collect()
    }

    #[test]
    fn headings_numbered_without_a_step_word_are_steps_when_nothing_else_is() {
        let numbered = "# T\n\n## 1 - Create the account\n\nText.\n\n## 2. Get the key\n\n```\nx\n```\n\n\
                        ## 3) Run it\n\nText.\n\n## Clean up\n\nText.\n";
        let expected = [(1, "Create the account"), (2, "Get the key"), (3, "Run it")];
        assert_eq!(steps_of(numbered), expected.map(|(number, title)| (number, title.to_owned())));
        for title in ["2024 - Updates", "1:1 chats", "3.5 release", "1 -", "12"] {
            assert_eq!(numbered_heading(title), None, "{title}");
        }
        let beside_a_procedure = "# T\n\n## Why\n\n### 1. Messages deceive\n\nA.\n\n### 2. Users confuse\n\nB.\n\n\
                                  ## Other scenarios\n\n1. Do this.\n";
        assert_eq!(steps_of(beside_a_procedure), [(1, "Other scenarios".to_owned())], "numbered reasons are no steps");
        let from_three = "# T\n\n## 3 - Run it\n\nA.\n\n## 4 - Clean up\n\nB.\n";
        assert_eq!(steps_of(from_three), [], "no 1 and 2: numbered otherwise");
    }

    #[test]
    fn numbered_headings_that_hold_every_numbered_list_are_the_steps_with_or_without_a_list() {
        let quickstart = "# T\n\n## Prerequisites\n\n- An account.\n\n## 1 - Fork the sample code\n\nFork it.\n\n\
                          ## 2 - Create your pipeline\n\n1. Sign in.\n2. Select **New**.\n\n\
                          ## 3 - Run your pipeline\n\n### Options\n\n1. Select **Run**.\n\n## Clean up\n\nDelete it.\n";
        let expected = [(1, "Fork the sample code"), (2, "Create your pipeline"), (3, "Run your pipeline")];
        assert_eq!(steps_of(quickstart), expected.map(|(number, title)| (number, title.to_owned())));
        // A numbered list outside the numbered headings: they number something else, and the lists are the steps.
        let with_other_list = quickstart.replace("Delete it.", "1. Delete it.");
        let titles: Vec<String> = steps_of(&with_other_list).into_iter().map(|(_, title)| title).collect();
        assert_eq!(titles, ["2 - Create your pipeline", "Options", "Clean up"]);
    }

    #[test]
    fn step_headings_in_several_languages_and_spacings() {
        let read = |title| step_heading(title).map(|heading| (heading.number, heading.label, heading.rest));
        assert_eq!(read("Step 1: Delete users"), Some((1, "Step 1", "Delete users")));
        assert_eq!(read("Étape 1 : Supprimer des utilisateurs"), Some((1, "Étape 1", "Supprimer des utilisateurs")));
        assert_eq!(read("Étape\u{a0}2\u{a0}: Annuler"), Some((2, "Étape\u{a0}2", "Annuler")));
        assert_eq!(read("Step7: Verify"), Some((7, "Step7", "Verify")));
        assert_eq!(read("Phase 3 — Roll out"), Some((3, "Phase 3", "Roll out")));
        assert_eq!(read("ステップ 4: 確認"), Some((4, "ステップ 4", "確認")));
        assert_eq!(read("Partie 2 : Configurer"), Some((2, "Partie 2", "Configurer")));
        assert_eq!(read("Steps to follow"), None);
        assert_eq!(read("Stepping stones 2"), None);
        assert_eq!(read("Set up the tenant"), None);
        assert_eq!(read("STEP 2: Check"), Some((2, "STEP 2", "Check")));
        assert_eq!(read("ÉTAPE 3 : Vérifier"), Some((3, "ÉTAPE 3", "Vérifier")));
        assert_eq!(read("Ste"), None);
        assert_eq!(read("Step"), None);
        // A step's own part numbers belong to its label, not to its title.
        assert_eq!(read("Step 12a: Letter"), Some((12, "Step 12a", "Letter")));
        assert_eq!(read("Step 13.1: Sub"), Some((13, "Step 13.1", "Sub")));
        assert_eq!(read("Step 1. Sign in"), Some((1, "Step 1", "Sign in")));
        assert_eq!(read("Step 2 and more"), Some((2, "Step 2", "and more")));
    }

    #[test]
    fn an_optional_step_is_still_a_step() {
        let read = |title| step_heading(title).map(|heading| (heading.number, heading.label, heading.rest));
        assert_eq!(read("(Optional) Step 3: View the files"), Some((3, "(Optional) Step 3", "View the files")));
        assert_eq!(read("(Facultatif) Étape 3 : Afficher"), Some((3, "(Facultatif) Étape 3", "Afficher")));
        assert_eq!(read("(Optional) Configure alerts"), None);
        assert_eq!(read("(Not a short aside at all, this one) Step 2"), None);
        assert_eq!(read("(Optional Step 2"), None);
    }

    /// A machine translation's words before the label ("Module Étape 1" for "(Optional) Step 1") do not hide a step
    /// whose anchor, kept from the English, names it; without such an anchor, words before a label are a title.
    #[test]
    fn a_label_after_stray_words_is_read_when_the_anchor_names_the_step() {
        let text = "# T\n\n## <a name=\"optional-step-1-manage\"></a>Module Étape 1: gérer les accès\n\n1. a\n\n\
                    ## <a name=\"step-2-create\"></a>Étape 2 : créer\n\n1. b\n\n\
                    ## <a name=\"step-4-other\"></a>Module Étape 3: autre\n\n\
                    ## Avant Étape 3 : rien\n";
        let parsed = crate::parse::parse("a.md", text, &Default::default(), &crate::parse::NoIncludes);
        let procedure = parsed.article.procedure();
        let steps: Vec<(u32, Option<&str>, &str)> =
            procedure.steps.iter().map(|step| (step.number, step.label, step.title)).collect();
        assert_eq!(steps, [(1, Some("Module Étape 1"), "gérer les accès"), (2, Some("Étape 2"), "créer")]);
        // The anchor names step 4, the title step 3; and the last heading has no anchor: neither is a step.
        let outro: Vec<&str> = procedure.outro.iter().map(|section| section.title.as_str()).collect();
        assert_eq!(outro, ["Module Étape 3: autre", "Avant Étape 3 : rien"]);
        assert_eq!(anchored_step_number("step1"), Some(1));
        assert_eq!(anchored_step_number("optional-step-12-view"), Some(12));
        assert_eq!(anchored_step_number("steps-to-follow"), None);
        assert_eq!(anchored_step_number("before-you-begin-step-1"), None);
    }

    /// A parenthetical after the number qualifies the step as one before the word does: it is the label's, and the
    /// separator after it is not the title's.
    #[test]
    fn a_parenthetical_after_the_number_is_part_of_the_label() {
        let read = |title| step_heading(title).map(|heading| (heading.number, heading.label, heading.rest));
        assert_eq!(
            read("Étape 5 (facultatif)\u{a0}: Empêcher la connexion"),
            Some((5, "Étape 5 (facultatif)", "Empêcher la connexion"))
        );
        assert_eq!(read("Step 3 (Optional): View the files"), Some((3, "Step 3 (Optional)", "View the files")));
        assert_eq!(read("Step 2 (Windows) Install the agent"), Some((2, "Step 2 (Windows)", "Install the agent")));
        assert_eq!(read("Step 4 (Optional)"), Some((4, "Step 4 (Optional)", "")));
        assert_eq!(read("Step 1) Sign in"), Some((1, "Step 1", "Sign in")));
        // Words after the number that are no parenthetical are the title's, as written.
        assert_eq!(read("Step 5 Optional: Block sign-in"), Some((5, "Step 5", "Optional: Block sign-in")));
        assert_eq!(
            read("Step 6 (a note far too long to be a qualifier): Go"),
            Some((6, "Step 6", "(a note far too long to be a qualifier): Go"))
        );
    }
}
