//! What every command shares: the man pages and shell completions made from the command-line definition.

use crate::support::checkdown;

/// Packagers install `checkdown generate man [COMMAND]` as checkdown.1 and checkdown-COMMAND.1, and a shell's
/// completions from `checkdown generate completions SHELL`: each is made from the options themselves, so each names
/// the newest ones.
#[test]
fn man_pages_and_completions_name_every_command_and_option() {
    let generate = |args: &[&str]| {
        let run = checkdown().args(["generate"]).args(args).run();
        assert_eq!(run.code, 0, "generate {args:?}: {}", run.stderr);
        run.stdout
    };
    let main = generate(&["man"]);
    assert!(main.contains(".TH checkdown 1 "), "{main}");
    for command in ["parse", "render", "verify", "sync"] {
        assert!(main.contains(&format!("checkdown\\-{command}(1)")), "{command} listed: {main}");
        let page = generate(&["man", command]);
        assert!(
            page.contains(&format!(".TH checkdown-{command} 1  \"checkdown-{command} {}\"", env!("CARGO_PKG_VERSION"))),
            "{page}"
        );
    }
    assert!(generate(&["man", "sync"]).contains("markdown"), "sync's formats are on its page");
    assert!(!main.contains("generate"), "the packagers' command is not on the users' page");
    let bash = generate(&["completions", "bash"]);
    assert!(
        bash.contains("--baseline") && bash.contains("--no-images") && bash.contains("--fail-unless-done"),
        "{bash}"
    );
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        assert!(generate(&["completions", shell]).contains("--moniker"), "{shell}");
    }
    let unknown = checkdown().args(["generate", "man", "nope"]).run();
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("[possible values: parse, render, verify, sync]"), "{}", unknown.stderr);
}
