//! A real Ballista cluster on this machine: one `emotive-scheduler` and two `emotive-executor`
//! processes on free loopback ports run a query over four Parquet files; the results equal a
//! single-process DataFusion run. Every process is killed when the test ends, passes, fails
//! or panics (a guard that kills on drop; on Linux the children also die with the test).
#![cfg(feature = "ballista")]

mod common;

use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::util::pretty::pretty_format_batches;
use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext};

/// Processes killed (and reaped) when dropped, panics included.
struct Cluster {
    children: Vec<(String, Child)>,
    logs: std::path::PathBuf,
}

impl Cluster {
    fn spawn(&mut self, name: &str, mut cmd: Command) {
        let out = std::fs::File::create(self.logs.join(format!("{name}.log"))).unwrap();
        cmd.stdout(out.try_clone().unwrap())
            .stderr(out)
            .stdin(Stdio::null());
        #[cfg(target_os = "linux")]
        {
            use std::os::unix::process::CommandExt;
            // SAFETY: prctl is async-signal-safe; the child dies when this thread does.
            unsafe {
                cmd.pre_exec(|| {
                    if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        let child = cmd.spawn().unwrap_or_else(|e| panic!("start {name}: {e}"));
        self.children.push((name.to_string(), child));
    }

    /// Panics, with the logs, when a process has exited.
    fn check_alive(&mut self) {
        for (name, child) in &mut self.children {
            if let Ok(Some(status)) = child.try_wait() {
                let log = std::fs::read_to_string(self.logs.join(format!("{name}.log")))
                    .unwrap_or_default();
                panic!("{name} exited with {status}:\n{log}");
            }
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        for (name, child) in &mut self.children {
            let _ = child.kill();
            match child.wait() {
                Ok(status) => eprintln!("stopped {name} ({status})"),
                Err(e) => eprintln!("could not reap {name}: {e}"),
            }
            if std::thread::panicking() {
                let log = std::fs::read_to_string(self.logs.join(format!("{name}.log")))
                    .unwrap_or_default();
                let tail: Vec<&str> = log.lines().rev().take(40).collect();
                eprintln!("--- {name}.log (last 40 lines)");
                for l in tail.iter().rev() {
                    eprintln!("{l}");
                }
            }
        }
    }
}

fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16, cluster: &mut Cluster) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
        cluster.check_alive();
        assert!(Instant::now() < deadline, "nothing listens on port {port}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Texts for the four files: the review corpus when ../shared is there, else made-up ones.
fn texts() -> Vec<String> {
    match common::shared_data() {
        Some(data) => common::review_corpus(&data)
            .into_iter()
            .take(4000)
            .collect(),
        None => {
            let parts = [
                "I love this phone",
                "terrible battery, never again",
                "it arrived on time",
                "NOT good at all!!!",
                "great value but the strap broke",
                "scared it won't last 😟",
                "",
                "meh",
            ];
            (0..4000)
                .map(|i| format!("{} {}", parts[i % 8], parts[(i / 8) % 8]))
                .collect()
        }
    }
}

const QUERIES: [&str; 3] = [
    "SELECT id, emotive(text) AS e, sentiment_label(text) AS label FROM reviews ORDER BY id",
    "SELECT sentiment_label(text) AS label, count(*) AS n, \
            round(avg(sentiment_compound(text)), 9) AS mean_compound \
     FROM reviews GROUP BY 1 ORDER BY 1",
    "SELECT coalesce(dominant_emotion(text), '-') AS dominant, count(*) AS n, \
            sum(CASE WHEN array_has(emotions(text)['detected'], 'joy') THEN 1 ELSE 0 END) AS joy \
     FROM reviews GROUP BY 1 ORDER BY 1",
];

async fn run_all(ctx: &SessionContext) -> Vec<String> {
    let mut out = Vec::new();
    for q in QUERIES {
        let batches: Vec<RecordBatch> = ctx.sql(q).await.unwrap().collect().await.unwrap();
        out.push(pretty_format_batches(&batches).unwrap().to_string());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_two_executor_cluster_equals_one_process() {
    let dir = tempfile::tempdir().unwrap();
    let logs = dir.path();
    let data = dir.path().join("reviews");
    std::fs::create_dir(&data).unwrap();
    let texts = texts();
    let per_file = texts.len() / 4;
    for f in 0..4 {
        let range = f * per_file..(f + 1) * per_file;
        let ids: Vec<i64> = range.clone().map(|i| i as i64).collect();
        let t: Vec<&str> = texts[range].iter().map(String::as_str).collect();
        common::write_parquet(&data.join(format!("part-{f}.parquet")), &ids, &t, 250);
    }

    let mut cluster = Cluster {
        children: Vec::new(),
        logs: logs.to_path_buf(),
    };
    let scheduler_port = free_port();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_emotive-scheduler"));
    cmd.args(["--bind-host", "127.0.0.1", "--external-host", "127.0.0.1"])
        .args(["--bind-port", &scheduler_port.to_string()]);
    cluster.spawn("scheduler", cmd);
    wait_for_port(scheduler_port, &mut cluster);

    let mut work_dirs = Vec::new();
    for e in 0..2 {
        let (flight, grpc, health) = (free_port(), free_port(), free_port());
        let work = dir.path().join(format!("executor-{e}"));
        std::fs::create_dir(&work).unwrap();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_emotive-executor"));
        cmd.args(["--scheduler-host", "127.0.0.1"])
            .args(["--scheduler-port", &scheduler_port.to_string()])
            .args(["--bind-host", "127.0.0.1", "--external-host", "127.0.0.1"])
            .args(["--bind-port", &flight.to_string()])
            .args(["--bind-grpc-port", &grpc.to_string()])
            .args(["--bind-health-port", &health.to_string()])
            .args(["--vcores", "1", "--work-dir", work.to_str().unwrap()]);
        cluster.spawn(&format!("executor-{e}"), cmd);
        wait_for_port(flight, &mut cluster);
        work_dirs.push(work);
    }

    let location = format!("{}/", data.display());
    let local = SessionContext::new_with_config(SessionConfig::new().with_target_partitions(4));
    emotive_datafusion::register(&local);
    local
        .register_parquet("reviews", &location, ParquetReadOptions::default())
        .await
        .unwrap();
    let want = run_all(&local).await;

    let remote = emotive_datafusion::ballista::remote_context(
        &format!("df://127.0.0.1:{scheduler_port}"),
        emotive_datafusion::default_analyzer(),
    )
    .await
    .unwrap();
    remote
        .register_parquet("reviews", &location, ParquetReadOptions::default())
        .await
        .unwrap();
    let got = run_all(&remote).await;
    cluster.check_alive();

    for (q, (w, g)) in QUERIES.iter().zip(want.iter().zip(&got)) {
        assert_eq!(w, g, "query differs on the cluster: {q}");
    }
    assert!(want[0].lines().count() > texts.len(), "every row came back");
    println!("{}", got[1]);

    // Both executors ran tasks: each wrote shuffle output under its work directory.
    for w in &work_dirs {
        let files = walk(w);
        println!("{}: {files} files", w.display());
        assert!(files > 0, "{} ran no task", w.display());
    }
}

fn walk(p: &Path) -> usize {
    std::fs::read_dir(p).map_or(0, |d| {
        d.filter_map(Result::ok)
            .map(|e| {
                let p = e.path();
                if p.is_dir() { walk(&p) } else { 1 }
            })
            .sum()
    })
}
