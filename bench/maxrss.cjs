// Preloaded with `node --require` into a process the benchmark times (the CLI, the floor): at exit it writes the
// process's peak resident set size (getrusage ru_maxrss, in KiB) to the file named by BENCH_MAXRSS_FILE.
const fs = require('node:fs');

const target = process.env.BENCH_MAXRSS_FILE;
if (target) {
  process.on('exit', () => {
    fs.writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
