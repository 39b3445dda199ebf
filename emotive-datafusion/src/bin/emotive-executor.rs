//! Ballista's executor, with emotive's SQL functions in its function registry.
//!
//! Takes Ballista's executor options (`--scheduler-host`, `--scheduler-port`, `--bind-port`,
//! `--bind-grpc-port`, `--bind-health-port`, `--work-dir`, …; see `--help`) and emotive's
//! analyzer options, which must match the scheduler's.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use ballista_core::object_store::{runtime_env_with_s3_support, session_config_with_s3_support};
use ballista_executor::config::Config;
use ballista_executor::executor_process::{ExecutorProcessConfig, start_executor_process};
use ballista_executor::health::spawn_health_server;
use clap::Parser;
use emotive_datafusion::ballista::{AnalyzerArgs, executor_config};

#[path = "common/logging.rs"]
mod logging;

#[derive(Parser, Debug)]
#[command(
    version,
    about = "Ballista executor that knows emotive's SQL functions"
)]
struct Cli {
    #[command(flatten)]
    ballista: Config,
    #[command(flatten)]
    analyzer: AnalyzerArgs,
}

#[tokio::main]
async fn main() -> ExitCode {
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("emotive-executor: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    let opt = cli.ballista;
    let health_addr: SocketAddr = format!("{}:{}", opt.bind_host, opt.bind_health_port).parse()?;
    let mut config: ExecutorProcessConfig = opt.try_into()?;
    config.override_config_producer = Some(Arc::new(session_config_with_s3_support));
    config.override_runtime_producer = Some(Arc::new(runtime_env_with_s3_support));
    logging::init(
        &config.special_mod_log_level,
        config.log_dir.as_deref(),
        &config.log_file_name_prefix(),
        config.log_rotation_policy,
        config.print_thread_info,
    );
    let config = executor_config(config, cli.analyzer.analyzer()?);

    let (stop_health, health_stopped) = tokio::sync::oneshot::channel();
    let health = spawn_health_server(health_addr, config.health.clone(), health_stopped);
    let result = start_executor_process(Arc::new(config)).await;
    let _ = stop_health.send(());
    let _ = health.await;
    result?;
    Ok(())
}
