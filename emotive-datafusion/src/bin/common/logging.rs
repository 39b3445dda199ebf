//! Logging for the scheduler and executor binaries, as Ballista's own binaries set it up.

use ballista_core::config::LogRotationPolicy;
use tracing_subscriber::EnvFilter;

/// Logs to stdout, or to `dir/prefix.*` rotated by `rotation`; `RUST_LOG` overrides `level`.
pub fn init(
    level: &str,
    dir: Option<&str>,
    prefix: &str,
    rotation: LogRotationPolicy,
    threads: bool,
) {
    let filter = EnvFilter::new(std::env::var(EnvFilter::DEFAULT_ENV).unwrap_or(level.to_string()));
    let fmt = tracing_subscriber::fmt()
        .with_ansi(false)
        .with_thread_names(threads)
        .with_thread_ids(threads)
        .with_env_filter(filter);
    match dir {
        Some(dir) => {
            use tracing_appender::rolling;
            let file = match rotation {
                LogRotationPolicy::Minutely => rolling::minutely(dir, prefix),
                LogRotationPolicy::Hourly => rolling::hourly(dir, prefix),
                LogRotationPolicy::Daily => rolling::daily(dir, prefix),
                LogRotationPolicy::Never => rolling::never(dir, prefix),
            };
            fmt.with_writer(file).init();
        }
        None => fmt.init(),
    }
}
