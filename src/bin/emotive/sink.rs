//! Where results go, without ever losing what was there before.
//!
//! An output file is written to a temporary file beside it and renamed into place only when
//! the run succeeds (or is interrupted: the user then gets the complete lines written so far);
//! a failed run leaves the previous file as it was. Before anything is opened, every output is
//! checked against every input (also through links, `..` or stdin redirected from the file):
//! writing onto an input is refused. A closed stdout is an error, not a silent success.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::input::Source;

/// Identity of a file: device and inode where there are such things, else the canonical path.
#[derive(PartialEq, Eq, Debug)]
enum Id {
    #[cfg(unix)]
    Inode(u64, u64),
    #[allow(dead_code)]
    Path(PathBuf),
}

fn id_of(path: &Path) -> Option<Id> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path)
            .ok()
            .map(|m| Id::Inode(m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        path.canonicalize().ok().map(Id::Path)
    }
}

/// Where a path that may not exist yet would be: its directory made canonical, plus its name.
fn would_be(path: &Path) -> PathBuf {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().map(PathBuf::from).unwrap_or_default();
    dir.canonicalize()
        .map(|d| d.join(&name))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// Refuses outputs that are inputs (data files, stdin, lexicon files), or that are each
/// other. `outputs` are (option, path).
pub fn check_distinct(
    inputs: &[Source],
    lexicons: &[&Path],
    outputs: &[(&str, &Path)],
) -> Result<()> {
    let mut named: Vec<(Option<Id>, String)> = inputs
        .iter()
        .map(|src| match &src.path {
            Some(p) => (id_of(p), format!("the input {}", p.display())),
            None => (
                id_of(Path::new("/dev/stdin")),
                "the input stdin".to_string(),
            ),
        })
        .collect();
    named.extend(
        lexicons
            .iter()
            .map(|p| (id_of(p), format!("the lexicon {}", p.display()))),
    );
    for (opt, out) in outputs {
        let out_id = id_of(out);
        for (in_id, shown) in &named {
            if out_id.is_some() && *in_id == out_id {
                bail!(
                    "{opt} {} is {shown}: writing it would destroy it; choose another output file",
                    out.display()
                );
            }
        }
    }
    for (i, (opt_a, a)) in outputs.iter().enumerate() {
        for (opt_b, b) in &outputs[i + 1..] {
            let same = match (id_of(a), id_of(b)) {
                (Some(x), Some(y)) => x == y,
                _ => would_be(a) == would_be(b),
            };
            if same {
                bail!(
                    "{opt_a} and {opt_b} name the same file {}; choose two files",
                    a.display()
                );
            }
        }
    }
    Ok(())
}

/// A file being written: a temporary file renamed onto `path` by [`Output::finish`], or, for
/// targets that are not regular files (`/dev/null`, a FIFO, a terminal), the target itself.
enum Target {
    Stdout,
    Temp {
        path: PathBuf,
        temp: tempfile::NamedTempFile,
    },
    Direct(File),
}

/// An output stream: stdout or a file.
pub struct Output {
    target: Target,
    buf: Vec<u8>,
}

/// Output is written out once this many bytes are buffered. Small enough that the buffer's
/// pages are few (each first touch of a page is a fault, and faults are slow in a VM), large
/// enough that writes are few.
const BUF: usize = 1 << 18;

/// Room beyond [`BUF`], so that the piece that crosses it (a block of results) fits
/// without the buffer growing.
const SLACK: usize = 1 << 16;

/// Temporary files being written, for [`remove_temporaries`].
static TEMPORARIES: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Removes the temporary files of outputs not yet finished (a second Ctrl-C ends the
/// process at once, without running destructors).
pub fn remove_temporaries() {
    if let Ok(list) = TEMPORARIES.lock() {
        for p in list.iter() {
            let _ = std::fs::remove_file(p);
        }
    }
}

impl Output {
    /// Opens stdout (`None`) or a file; nothing at `path` changes until [`Output::finish`].
    pub fn create(path: Option<&Path>) -> Result<Output> {
        // `-o -` is stdout, as `-` is stdin among the inputs.
        let path = path.filter(|p| p.as_os_str() != "-");
        let target = match path {
            None => {
                if !stdout_is_open() {
                    bail!("stdout is closed: there is nowhere to write the results (use -o FILE)");
                }
                Target::Stdout
            }
            Some(p) => {
                // Write through a symbolic link to the file it names.
                let p = match std::fs::symlink_metadata(p) {
                    Ok(m) if m.file_type().is_symlink() => {
                        p.canonicalize().unwrap_or_else(|_| p.to_path_buf())
                    }
                    _ => p.to_path_buf(),
                };
                match std::fs::metadata(&p) {
                    Ok(m) if m.is_dir() => bail!("{} is a directory", p.display()),
                    Ok(m) if !m.is_file() => Target::Direct(
                        OpenOptions::new()
                            .write(true)
                            .open(&p)
                            .with_context(|| format!("cannot open {}", p.display()))?,
                    ),
                    existing => {
                        let dir = match p.parent() {
                            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                            _ => PathBuf::from("."),
                        };
                        let temp = tempfile::Builder::new()
                            .prefix(".emotive-")
                            .suffix(".tmp")
                            .tempfile_in(&dir)
                            .with_context(|| {
                                format!("cannot create {} (in {})", p.display(), dir.display())
                            })?;
                        let perms = match existing {
                            Ok(m) => Some(m.permissions()),
                            Err(_) => default_permissions(),
                        };
                        if let Some(perms) = perms {
                            let _ = std::fs::set_permissions(temp.path(), perms);
                        }
                        if let Ok(mut list) = TEMPORARIES.lock() {
                            list.push(temp.path().to_path_buf());
                        }
                        Target::Temp { path: p, temp }
                    }
                }
            }
        };
        Ok(Output {
            target,
            buf: Vec::with_capacity(BUF + SLACK),
        })
    }

    fn drain(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let buf = std::mem::take(&mut self.buf);
        let r = match &mut self.target {
            Target::Stdout => {
                let mut out = io::stdout().lock();
                out.write_all(&buf).and_then(|()| out.flush())
            }
            Target::Temp { temp, .. } => temp.as_file_mut().write_all(&buf),
            Target::Direct(f) => f.write_all(&buf),
        };
        self.buf = buf;
        self.buf.clear();
        r
    }

    /// Writes `bytes`. `Ok(false)` when the reader of stdout went away (`| head`): a normal
    /// end. Any other failure (a full disk, a closed stdout) is an error.
    pub fn write(&mut self, bytes: &[u8]) -> Result<bool> {
        self.buf.extend_from_slice(bytes);
        self.wrote()
    }

    /// The buffer to append output to directly (then call [`Output::wrote`]).
    pub fn buffer(&mut self) -> &mut Vec<u8> {
        &mut self.buf
    }

    /// Writes the buffer out once it is full; returns false when the reader went away
    /// (a closed pipe), as [`Output::write`] does.
    pub fn wrote(&mut self) -> Result<bool> {
        if self.buf.len() >= BUF {
            return self.flush();
        }
        Ok(true)
    }

    /// Pushes what is buffered out (to stdout at once: someone may be watching).
    pub fn flush(&mut self) -> Result<bool> {
        match self.drain() {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(false),
            Err(e) => Err(e).context("cannot write the output"),
        }
    }

    /// Finishes the output: flushes, and renames a temporary file into place.
    pub fn finish(mut self) -> Result<()> {
        self.flush()?;
        match std::mem::replace(&mut self.target, Target::Stdout) {
            Target::Temp { path, temp } => {
                temp.as_file()
                    .sync_all()
                    .with_context(|| format!("cannot write {}", path.display()))?;
                temp.persist(&path)
                    .map_err(|e| e.error)
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            Target::Direct(mut f) => f.flush().context("cannot write the output")?,
            Target::Stdout => {}
        }
        Ok(())
    }
}

impl Drop for Output {
    /// A run that fails still leaves on stdout the complete lines written before the failure
    /// (a file is not renamed into place: the temporary file goes away).
    fn drop(&mut self) {
        if matches!(self.target, Target::Stdout) {
            let _ = self.drain();
        }
    }
}

/// What a newly created file would get: 0666 less the umask.
#[cfg(unix)]
fn default_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    // SAFETY: umask only swaps the process's file mode mask; it is set back at once.
    let mask = unsafe {
        let m = libc::umask(0o022);
        libc::umask(m);
        m
    };
    // mode_t is u32 on Linux but u16 elsewhere.
    #[allow(clippy::useless_conversion)]
    let mask = u32::from(mask);
    Some(std::fs::Permissions::from_mode(0o666 & !mask))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<std::fs::Permissions> {
    None
}

/// Whether stdout was open when the program started. Rust's runtime replaces a closed
/// descriptor 0–2 with `/dev/null` opened read-write before `main`, so `emotive … >&-` would
/// write everything into `/dev/null` and report success. A shell's `> /dev/null` opens it
/// write-only; read-write `/dev/null` on descriptor 1 is the runtime's stand-in.
#[cfg(unix)]
fn stdout_is_open() -> bool {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    // SAFETY: F_GETFL on a descriptor number only reads its flags.
    let flags = unsafe { libc::fcntl(libc::STDOUT_FILENO, libc::F_GETFL) };
    if flags == -1 {
        return false;
    }
    if flags & libc::O_ACCMODE != libc::O_RDWR {
        return true;
    }
    let (Ok(out), Ok(null)) = (
        std::fs::metadata("/dev/stdout"),
        std::fs::metadata("/dev/null"),
    ) else {
        return true;
    };
    !(out.file_type().is_char_device() && out.rdev() == null.rdev())
}

#[cfg(not(unix))]
fn stdout_is_open() -> bool {
    true
}
