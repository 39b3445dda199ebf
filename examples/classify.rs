fn main() {
    for line in std::io::stdin().lines() {
        let line = line.unwrap();
        let a = emotive::analyze(&line);
        println!(
            "{}\t{:.4}\t{:?}\t{:?}\t{}",
            a.label(),
            a.compound(),
            a.dominant(),
            a.detected(),
            line
        );
        for h in a.hits() {
            println!(
                "    {:?} {} {:?} contrib={:.3} mods={:?}",
                h.kind(),
                h.term(),
                h.valence(),
                h.contribution(),
                h.modifiers()
            );
        }
    }
}
