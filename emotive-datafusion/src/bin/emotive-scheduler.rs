//! Ballista's scheduler, with emotive's SQL functions in every session it plans.
//!
//! Takes Ballista's scheduler options (`--bind-port`, `--bind-host`, …; see `--help`) and
//! emotive's analyzer options, which must match the executors'.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use ballista_core::object_store::session_config_with_s3_support;
use ballista_scheduler::cluster::BallistaCluster;
use ballista_scheduler::config::{Config, SchedulerConfig};
use ballista_scheduler::scheduler_process::start_server;
use clap::Parser;
use emotive_datafusion::ballista::{AnalyzerArgs, session_builder};

#[path = "common/logging.rs"]
mod logging;

#[derive(Parser, Debug)]
#[command(
    version,
    about = "Ballista scheduler whose sessions know emotive's SQL functions"
)]
struct Cli {
    #[command(flatten)]
    ballista: Config,
    #[command(flatten)]
    analyzer: AnalyzerArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(32 * 1024 * 1024)
        .build()
        .expect("a tokio runtime");
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("emotive-scheduler: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    let opt = cli.ballista;
    let prefix = format!(
        "scheduler_{}_{}_{}",
        opt.namespace, opt.external_host, opt.bind_port
    );
    logging::init(
        &opt.log_level_setting,
        opt.log_dir.as_deref(),
        &prefix,
        opt.log_rotation_policy,
        opt.print_thread_info,
    );
    let analyzer = cli.analyzer.analyzer()?;
    let addr: SocketAddr = format!("{}:{}", opt.bind_host, opt.bind_port).parse()?;
    let config: SchedulerConfig = opt.try_into()?;
    let config = config
        .with_override_config_producer(Arc::new(session_config_with_s3_support))
        .with_override_session_builder(session_builder(analyzer));
    let cluster = BallistaCluster::new_from_config(&config).await?;
    start_server(cluster, addr, Arc::new(config)).await?;
    Ok(())
}
