//! The desktop entry that makes `kitbench://` links open this app on Linux (see the note on
//! `mod desktop` in links.rs for why it is ours and not the deep-link plugin's).

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use tauri::{AppHandle, Manager};

use super::SCHEME;

/// The handler's file name under `$XDG_DATA_HOME/applications` (the name the plugin used,
/// so an entry it wrote before is replaced).
pub const HANDLER: &str = "kitbench-handler.desktop";

/// Writes the handler entry (if it changed), refreshes the MIME cache, makes it the
/// default for `x-scheme-handler/kitbench`. Returns the entry's path.
pub fn register(app: &AppHandle) -> Result<String, String> {
    // An AppImage runs from a temporary mount: the entry must name the AppImage itself.
    let exe = match app.env().appimage {
        Some(path) => path.into(),
        None => tauri::utils::platform::current_exe().map_err(|e| e.to_string())?,
    };
    let exe = exe
        .to_str()
        .ok_or_else(|| format!("the app's path is not UTF-8: {}", exe.display()))?;
    let name = app.config().product_name.as_deref().unwrap_or("Kitbench");
    let dir = app
        .path()
        .data_dir()
        .map_err(|e| e.to_string())?
        .join("applications");
    let file = install(&dir, name, exe, &[])?;
    Ok(file.display().to_string())
}

/// [`register`]'s work: the entry in `dir` (an `applications` dir), then the MIME cache and
/// the default. `env` is added to the commands' environment (tests point HOME and the XDG
/// dirs elsewhere); the app passes none.
fn install(dir: &Path, name: &str, exe: &str, env: &[(&str, &OsStr)]) -> Result<PathBuf, String> {
    let exec = exec_arg(exe)?;
    if exec.quoted {
        log::warn!(
            "the app's path has characters xdg-open cannot pass through a desktop entry; \
             gio open will find the handler, xdg-open will not: {exe}"
        );
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let file = dir.join(HANDLER);
    let text = entry(name, &exec.value);
    if std::fs::read_to_string(&file).ok().as_deref() != Some(text.as_str()) {
        write_atomically(&file, &text).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    let command = |program: &str| {
        let mut command = Command::new(program);
        command.envs(env.iter().copied());
        command
    };
    // The cache (mimeinfo.cache) is an optimisation some openers read; not every system has it.
    match command("update-desktop-database").arg(dir).output() {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        result => check("update-desktop-database", result)?,
    }
    let mime = format!("x-scheme-handler/{SCHEME}");
    check(
        "xdg-mime",
        command("xdg-mime")
            .args(["default", HANDLER, &mime])
            .output(),
    )?;
    Ok(file)
}

fn check(what: &str, result: std::io::Result<std::process::Output>) -> Result<(), String> {
    let out = result.map_err(|e| format!("{what}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        let stderr = String::from_utf8_lossy(&out.stderr);
        Err(format!("{what}: {}: {}", out.status, stderr.trim()))
    }
}

/// Another process (xdg-open, gio) may read the entry at any time: never half of it.
fn write_atomically(file: &Path, text: &str) -> std::io::Result<()> {
    let tmp = file.with_extension(format!("desktop.{}.tmp", std::process::id()));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, file)
}

/// The handler entry: hidden from menus, opens `kitbench:` URLs with the app.
pub fn entry(name: &str, exec: &str) -> String {
    format!(
        "[Desktop Entry]\n\
         Type=Application\n\
         Name={name}\n\
         Comment=Opens {SCHEME}:// links in {name}\n\
         Exec={exec} %u\n\
         Terminal=false\n\
         NoDisplay=true\n\
         MimeType=x-scheme-handler/{SCHEME};\n"
    )
}

/// The program of an Exec key, as written in the file.
#[derive(Debug, PartialEq, Eq)]
pub struct ExecArg {
    pub value: String,
    /// Quoted: GIO reads it, xdg-utils' generic xdg-open cannot.
    pub quoted: bool,
}

/// `path` as the program of an Exec key (Desktop Entry spec, "The Exec key"): bare when it
/// has only characters that need no quoting (and that xdg-open's word splitting, `which`
/// and unquoted shell expansion leave alone); otherwise in double quotes with `"`, `` ` ``,
/// `$` and `\` backslash-escaped, then `\` doubled again for the string escaping every
/// value goes through. `%` is a field code everywhere, so it is doubled in either form.
/// Control characters cannot be passed through an Exec key at all. (GIO looks the program
/// up before it expands field codes, so it does not find a path with `%` in it either.)
pub fn exec_arg(path: &str) -> Result<ExecArg, String> {
    if path.chars().any(char::is_control) {
        return Err(format!("the app's path has a control character: {path:?}"));
    }
    let plain = |c: char| c.is_ascii_alphanumeric() || "/._+,:@=-".contains(c);
    if !path.is_empty() && path.chars().all(plain) {
        return Ok(ExecArg {
            value: path.to_string(),
            quoted: false,
        });
    }
    let mut value = String::from("\"");
    for c in path.chars() {
        match c {
            // backslash-escaped inside the quotes, then that backslash doubled as a string
            '"' | '`' | '$' => {
                value.push_str("\\\\");
                value.push(c);
            }
            '\\' => value.push_str("\\\\\\\\"),
            '%' => value.push_str("%%"),
            c => value.push(c),
        }
    }
    value.push('"');
    Ok(ExecArg {
        value,
        quoted: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bare(path: &str) -> ExecArg {
        ExecArg {
            value: path.into(),
            quoted: false,
        }
    }

    fn quoted(value: &str) -> ExecArg {
        ExecArg {
            value: value.into(),
            quoted: true,
        }
    }

    #[test]
    fn an_ordinary_path_is_written_bare() {
        let path = "/home/ada/.cache/kitbench/target/debug/kitbench";
        assert_eq!(exec_arg(path), Ok(bare(path)));
        assert_eq!(
            exec_arg("/opt/Kit-bench_2.0+x/kit@bench"),
            Ok(bare("/opt/Kit-bench_2.0+x/kit@bench"))
        );
    }

    #[test]
    fn reserved_characters_are_quoted_and_escaped_per_the_spec() {
        assert_eq!(
            exec_arg("/home/ada/my apps/kitbench"),
            Ok(quoted(r#""/home/ada/my apps/kitbench""#))
        );
        // spec escaping: \" \` \$ \\ inside the quotes; then every \ doubled (string value)
        assert_eq!(
            exec_arg(r#"/a"b`c$d\e/kitbench"#),
            Ok(quoted(r#""/a\\"b\\`c\\$d\\\\e/kitbench""#))
        );
        assert_eq!(
            exec_arg("/tmp/100%/kitbench"),
            Ok(quoted(r#""/tmp/100%%/kitbench""#))
        );
        assert_eq!(exec_arg("/x/~y/k"), Ok(quoted(r#""/x/~y/k""#)));
    }

    #[test]
    fn control_characters_are_refused() {
        assert!(exec_arg("/tmp/a\nb/kitbench").is_err());
        assert!(exec_arg("/tmp/a\tb/kitbench").is_err());
    }

    /// What xdg-utils' generic xdg-open does with the Exec line (`read first rest`, then
    /// `which "$first"`): the bare form names the program itself.
    #[test]
    fn xdg_open_reads_the_bare_program_as_the_path() {
        let path = "/usr/lib/kitbench/kitbench";
        let line = entry("Kitbench", &exec_arg(path).unwrap().value);
        let exec = line.lines().find_map(|l| l.strip_prefix("Exec=")).unwrap();
        let out = Command::new("sh")
            .args([
                "-c",
                "printf '%s\\n' \"$1\" | { read first rest; echo \"$first|$rest\"; }",
            ])
            .args(["sh", exec])
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).trim(),
            format!("{path}|%u")
        );
    }

    /// The entry passes desktop-file-validate (desktop-file-utils, installed by
    /// scripts/deps.sh), in both forms of the Exec key.
    #[test]
    fn the_entry_is_a_valid_desktop_file() {
        let dir = std::env::temp_dir().join(format!("kitbench-links-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for path in [
            "/usr/bin/kitbench",
            "/home/ada/my \"apps\"/$HOME/kit\\bench",
        ] {
            let file = dir.join(HANDLER);
            std::fs::write(&file, entry("Kitbench", &exec_arg(path).unwrap().value)).unwrap();
            let out = Command::new("desktop-file-validate")
                .arg(&file)
                .output()
                .expect("desktop-file-validate (apt: desktop-file-utils) runs");
            let report = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(
                out.status.success() && report.trim().is_empty(),
                "{path}: {report}"
            );
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A stand-in app at `exe`: a script that writes its arguments to `<exe>.out`.
    fn fake_app(exe: &Path) {
        use std::os::unix::fs::PermissionsExt;
        std::fs::create_dir_all(exe.parent().unwrap()).unwrap();
        std::fs::write(
            exe,
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$0.out.tmp\" && mv \"$0.out.tmp\" \"$0.out\"\n",
        )
        .unwrap();
        std::fs::set_permissions(exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    }

    /// Runs `opener` on a URL in the desktop of `home` and returns what the app was given.
    fn open_with(opener: &[&str], home: &Path, exe: &Path, url: &str) -> Result<String, String> {
        let out = exe.with_file_name(format!(
            "{}.out",
            exe.file_name().unwrap().to_str().unwrap()
        ));
        let _ = std::fs::remove_file(&out);
        let status = Command::new(opener[0])
            .args(&opener[1..])
            .arg(url)
            .env("HOME", home)
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            // xdg-utils' generic opener: a named desktop would hand over to its own tool
            .env_remove("XDG_CURRENT_DESKTOP")
            .env_remove("DESKTOP_SESSION")
            .env_remove("BROWSER")
            // xdg-open looks for a handler only when there is a display to show it on
            .env(
                "DISPLAY",
                std::env::var_os("DISPLAY").unwrap_or(":0".into()),
            )
            .output()
            .map_err(|e| format!("{}: {e}", opener[0]))?;
        if !status.status.success() {
            return Err(format!(
                "{opener:?}: {}: {}",
                status.status,
                String::from_utf8_lossy(&status.stderr)
            ));
        }
        // gio open returns once the program is started, xdg-open once it has exited
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        loop {
            if let Ok(text) = std::fs::read_to_string(&out) {
                return Ok(text);
            }
            if std::time::Instant::now() > deadline {
                return Err(format!("{opener:?} did not start the handler in 10 s"));
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }

    /// The entry `install` writes and makes the default is run by both openers a browser
    /// uses: `gio open` and xdg-utils' `xdg-open` (bare path); GIO also runs a quoted one
    /// (spaces, quotes, `$`, a backslash), which xdg-open cannot.
    #[test]
    fn gio_open_and_xdg_open_run_the_installed_entry() {
        let root = std::env::temp_dir().join(format!("kitbench-links-open-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let url = "kitbench://connect/done?state=abc&x=1";
        let cases = [
            (root.join("plain/bin/kitbench"), false),
            (root.join("odd/my \"apps\"/$HOME x/kit\\bench"), true),
        ];
        for (exe, quoted) in cases {
            let home = exe.parent().unwrap().join("home");
            std::fs::create_dir_all(home.join("config")).unwrap();
            fake_app(&exe);
            let (data, config) = (home.join("data"), home.join("config"));
            let env = [
                ("HOME", home.as_os_str()),
                ("XDG_DATA_HOME", data.as_os_str()),
                ("XDG_CONFIG_HOME", config.as_os_str()),
            ];
            let dir = home.join("data/applications");
            let file = install(&dir, "Kitbench", exe.to_str().unwrap(), &env).unwrap();
            assert_eq!(file, dir.join(HANDLER));
            assert_eq!(
                std::fs::read_to_string(&file).unwrap().contains("Exec=\""),
                quoted
            );
            let expected = format!("{url}\n");
            assert_eq!(
                open_with(&["gio", "open"], &home, &exe, url),
                Ok(expected.clone()),
                "gio, {exe:?}"
            );
            if !quoted {
                assert_eq!(
                    open_with(&["xdg-open"], &home, &exe, url),
                    Ok(expected),
                    "xdg-open, {exe:?}"
                );
            }
        }
        std::fs::remove_dir_all(&root).unwrap();
    }
}
