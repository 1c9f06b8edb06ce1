/**
 * `npm run bench` (bench/run.mjs builds this into out-bench/bench/bench.js and runs it). Measures the six figures of
 * bench/README.md, prints a table with PASS/FAIL beside each target and writes bench/results.json.
 *
 *   node --expose-gc out-bench/bench/bench.js [--quick] [--only=terraform,keystroke,kinds,scan,memory,activation]
 *   node --expose-gc out-bench/bench/bench.js memory-lint|memory-edits   (the memory measures, in a fresh process)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';
import { parse as parseYaml } from 'yaml';
import { lint, loadTerraformParser, parseHcl, type SourceFile } from '../src/engine';
import { appJson, herokuYml, procfile, rng, terraformModule, writeWorkspace } from './gen';
import { EditorSession, typeAtRandom, writeModule } from './keystroke';
import { collect, MB, median, now, quantile, round, rssMb } from './stats';

const BUNDLE_DIR = __dirname;
const ROOT = process.env.BENCH_ROOT ?? path.resolve(__dirname, '..', '..');
const SEED = 20261129;
const args = process.argv.slice(2);
const QUICK = args.includes('--quick') || process.env.BENCH_QUICK === '1';
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wants = (part: string) => !only || only.includes(part);

interface Target {
  readonly measure: string;
  readonly target: string;
  readonly value: number | undefined;
  readonly unit: string;
  readonly pass: boolean | undefined;
  readonly note?: string;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

function tempDir(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `hc-bench-${name}-`));
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function moduleSources(files: ReadonlyMap<string, string>, dir = 'infra'): SourceFile[] {
  return [...files].map(([name, text]) => ({ path: `${dir}/${name}`, kind: 'terraform' as const, text }));
}

/** web-tree-sitter with the same grammar, for the parse alone (the engine keeps its own parser private). */
async function bareParser(): Promise<Parser> {
  await loadTerraformParser(BUNDLE_DIR);
  const language = await Language.load(fs.readFileSync(path.join(BUNDLE_DIR, 'tree-sitter-terraform.wasm')));
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

// ---------- 1. Terraform: lint against parse ----------

interface GoRun {
  files: string[];
  bytes: number;
  errors: number;
  runsMs: number[];
}

/** Builds bench/hcl (GOPATH mode, Debian's hcl/v2) and times hclsyntax on each module; undefined with the reason when it cannot. */
function hclsyntaxTimes(modules: { dir: string; names: string[]; runs: number; warmup: number }[]): { runs: GoRun[] } | { skipped: string } {
  const version = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) return { skipped: 'Go is not installed (apt-get install golang-go golang-github-hashicorp-hcl-v2-dev)' };
  const gopath = '/usr/share/gocode';
  if (!fs.existsSync(path.join(gopath, 'src', 'github.com', 'hashicorp', 'hcl', 'v2', 'hclsyntax'))) {
    return { skipped: `HashiCorp's HCL is not in ${gopath} (apt-get install golang-github-hashicorp-hcl-v2-dev)` };
  }
  const work = tempDir('go');
  const binary = path.join(work, 'hclbench');
  const env = { ...process.env, GO111MODULE: 'off', GOPATH: gopath, GOCACHE: path.join(work, 'cache'), GOFLAGS: '' };
  const build = spawnSync('go', ['build', '-o', binary, '.'], { cwd: path.join(ROOT, 'bench', 'hcl'), env, encoding: 'utf8' });
  if (build.status !== 0) return { skipped: `go build of bench/hcl failed: ${build.stderr.trim().split('\n')[0]}` };
  const runs: GoRun[] = [];
  for (const module of modules) {
    const group = module.names.map((name) => path.join(module.dir, name)).join(',');
    const run = spawnSync(binary, ['-runs', String(module.runs), '-warmup', String(module.warmup), group], { encoding: 'utf8', maxBuffer: 16 * MB });
    if (run.status !== 0) return { skipped: `bench/hcl failed: ${run.stderr.trim()}` };
    runs.push(JSON.parse(run.stdout) as GoRun);
  }
  return { runs };
}

interface TerraformRow {
  lines: number;
  chars: number;
  files: number;
  syntaxErrors: number;
  findings: number;
  runs: number;
  lintMs: number;
  treeSitterParseMs: number;
  parseAndModelMs: number;
  lintOverTreeSitter: number;
  hclsyntaxParseMs?: number;
  lintOverHclsyntax?: number;
  lintRunsMs: number[];
}

async function measureTerraform(targets: Target[]): Promise<unknown> {
  const parser = await bareParser();
  const sizes = QUICK ? [{ lines: 1000, runs: 5, warmup: 1 }, { lines: 10000, runs: 3, warmup: 1 }] : [
    { lines: 1000, runs: 15, warmup: 3 },
    { lines: 10000, runs: 9, warmup: 2 },
    { lines: 100000, runs: 3, warmup: 1 },
  ];
  const work = tempDir('tf');
  const rows: TerraformRow[] = [];
  const goModules = [];
  for (const size of sizes) {
    const module = terraformModule(size.lines, SEED + size.lines);
    const dir = path.join(work, `m${size.lines}`);
    fs.mkdirSync(dir);
    for (const [name, text] of module.files) fs.writeFileSync(path.join(dir, name), text);
    goModules.push({ dir, names: [...module.files.keys()], runs: size.runs, warmup: size.warmup });
    const files = moduleSources(module.files);
    const syntaxErrors = files.reduce((n, f) => n + parseHcl(f.text).errors.length, 0);
    const lint_: number[] = [];
    const parse_: number[] = [];
    const model_: number[] = [];
    const ratios: number[] = [];
    let findings = 0;
    log(`terraform: ${module.lines} lines, ${size.runs} runs`);
    for (let run = 0; run < size.warmup + size.runs; run++) {
      collect();
      let started = now();
      for (const file of files) parser.parse(file.text)?.delete();
      const parseMs = now() - started;
      collect();
      started = now();
      for (const file of files) parseHcl(file.text);
      const modelMs = now() - started;
      collect();
      started = now();
      const result = lint({ files, profile: 'auto' });
      const lintMs = now() - started;
      findings = result.findings.length;
      if (run < size.warmup) continue;
      lint_.push(lintMs);
      parse_.push(parseMs);
      model_.push(modelMs);
      ratios.push(lintMs / parseMs);
    }
    rows.push({
      lines: module.lines,
      chars: files.reduce((n, f) => n + f.text.length, 0),
      files: files.length,
      syntaxErrors,
      findings,
      runs: size.runs,
      lintMs: round(median(lint_)),
      treeSitterParseMs: round(median(parse_)),
      parseAndModelMs: round(median(model_)),
      lintOverTreeSitter: round(median(ratios)),
      lintRunsMs: lint_.map((v) => round(v)),
    });
  }
  parser.delete();
  const go = hclsyntaxTimes(goModules);
  if ('runs' in go) {
    go.runs.forEach((run, i) => {
      rows[i].hclsyntaxParseMs = round(median(run.runsMs));
      rows[i].lintOverHclsyntax = round(rows[i].lintMs / median(run.runsMs));
      if (run.errors > 0) log(`hclsyntax reported ${run.errors} error(s) on the ${rows[i].lines}-line module`);
    });
  } else log(`hclsyntax: skipped: ${go.skipped}`);
  const tenK = rows.find((r) => r.lines >= 10000 && r.lines < 20000);
  targets.push({
    measure: 'full lint ÷ tree-sitter parse (10,000 lines)',
    target: '≤ 1.3',
    value: tenK?.lintOverTreeSitter,
    unit: '×',
    pass: tenK ? tenK.lintOverTreeSitter <= 1.3 : undefined,
  });
  targets.push({
    measure: 'full lint ÷ hclsyntax parse (10,000 lines)',
    target: '< 1.0',
    value: tenK?.lintOverHclsyntax,
    unit: '×',
    pass: tenK?.lintOverHclsyntax === undefined ? undefined : tenK.lintOverHclsyntax < 1,
    ...('skipped' in go ? { note: `skipped: ${go.skipped}` } : {}),
  });
  return { modules: rows, hclsyntax: 'skipped' in go ? { skipped: go.skipped } : { built: 'bench/hcl with Debian golang-github-hashicorp-hcl-v2-dev' } };
}

// ---------- 2. Keystroke path ----------

async function measureKeystrokes(targets: Target[]): Promise<unknown> {
  await loadTerraformParser(BUNDLE_DIR);
  const rows = [];
  for (const [lines, budget] of [[1000, 5], [10000, 20]] as const) {
    const dir = tempDir(`keys${lines}`);
    const module = terraformModule(lines, SEED + lines);
    const session = new EditorSession(writeModule(dir, module.files), dir);
    session.relint();
    session.relint();
    const edits = QUICK ? 40 : 200;
    log(`keystroke: ${module.lines}-line module, ${edits} edits`);
    collect();
    const times = typeAtRandom(session, edits, rng(SEED ^ lines));
    session.dispose();
    const row = {
      lines: module.lines,
      mainTfLines: module.files.get('main.tf')!.split('\n').length - 1,
      edits,
      medianMs: round(median(times)),
      p95Ms: round(quantile(times, 0.95)),
      maxMs: round(Math.max(...times)),
      typedMedianMs: round(median(times.filter((_, i) => i % 2 === 0))),
      restoredMedianMs: round(median(times.filter((_, i) => i % 2 === 1))),
    };
    rows.push(row);
    targets.push({ measure: `keystroke p95, ${lines.toLocaleString('en-US')}-line module`, target: `≤ ${budget} ms`, value: row.p95Ms, unit: 'ms', pass: row.p95Ms <= budget });
  }
  return rows;
}

// ---------- 3. Other file kinds ----------

function timeBoth(runs: number, engine: () => void, baseline: () => void): { engineMs: number; baselineMs: number; ratio: number } {
  const e: number[] = [];
  const b: number[] = [];
  const r: number[] = [];
  for (let run = 0; run < runs + 2; run++) {
    collect();
    let started = now();
    baseline();
    const bMs = now() - started;
    collect();
    started = now();
    engine();
    const eMs = now() - started;
    if (run < 2) continue;
    e.push(eMs);
    b.push(bMs);
    r.push(eMs / bMs);
  }
  return { engineMs: round(median(e)), baselineMs: round(median(b), 3), ratio: round(median(r), 1) };
}

function measureOtherKinds(): unknown {
  const runs = QUICK ? 3 : 9;
  const json = appJson(1024 * 1024, SEED);
  const yml = herokuYml(10000, SEED);
  const proc = procfile(5000, SEED);
  const lintOne = (path_: string, kind: SourceFile['kind'], text: string) => () => {
    lint({ files: [{ path: path_, kind, text }], profile: 'auto' });
  };
  log('other kinds: app.json, heroku.yml, Procfile');
  return [
    { file: 'app.json', bytes: Buffer.byteLength(json), lines: json.split('\n').length - 1, baseline: 'JSON.parse', ...timeBoth(runs, lintOne('app.json', 'app.json', json), () => void JSON.parse(json)) },
    { file: 'heroku.yml', bytes: Buffer.byteLength(yml), lines: yml.split('\n').length - 1, baseline: 'yaml parse()', ...timeBoth(runs, lintOne('heroku.yml', 'heroku.yml', yml), () => void parseYaml(yml)) },
    { file: 'Procfile', bytes: Buffer.byteLength(proc), lines: proc.split('\n').length - 1, baseline: "split('\\n')", ...timeBoth(runs, lintOne('Procfile', 'procfile', proc), () => void proc.split('\n')) },
  ];
}

// ---------- 4. Workspace scan ----------

function timedNode(script: string, argv: string[], cwd: string): { ms: number; maxRssMb: number; status: number | null; stdout: string; stderr: string } {
  const rssFile = path.join(os.tmpdir(), `hc-bench-rss-${process.pid}`);
  const started = now();
  const run = spawnSync(process.execPath, ['--require', path.join(BUNDLE_DIR, 'maxrss.cjs'), script, ...argv], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * MB,
    env: { ...process.env, BENCH_MAXRSS_FILE: rssFile, NO_COLOR: '1' },
  });
  const ms = now() - started;
  const maxRssMb = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
  fs.rmSync(rssFile, { force: true });
  return { ms, maxRssMb, status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function measureScan(targets: Target[]): unknown {
  const apps = QUICK ? 200 : 2000;
  const runs = QUICK ? 2 : 5;
  const root = tempDir('scan');
  log(`workspace scan: writing ${apps} app folders`);
  const written = writeWorkspace(root, apps, SEED);
  const report = path.join(root, 'report.json');
  const cli = path.join(BUNDLE_DIR, 'cli.js');
  const floor = path.join(BUNDLE_DIR, 'floor.js');
  const cliRuns: ReturnType<typeof timedNode>[] = [];
  const floorRuns: ReturnType<typeof timedNode>[] = [];
  const ratios: number[] = [];
  let checked = 0;
  let findings = 0;
  for (let run = 0; run < runs + 1; run++) {
    log(`workspace scan: run ${run + 1} of ${runs + 1}`);
    const f = timedNode(floor, [path.join(root, 'apps')], root);
    const c = timedNode(cli, ['check', 'apps', '--format', 'json', '--output', report, '--fail-on', 'none', '--profile', 'auto'], root);
    if (c.status !== 0) throw new Error(`the CLI failed (exit ${c.status}): ${c.stderr.slice(0, 2000)}`);
    const parsed = JSON.parse(fs.readFileSync(report, 'utf8')) as { summary?: { filesChecked?: number }; findings?: unknown[] };
    checked = parsed.summary?.filesChecked ?? checked;
    findings = parsed.findings?.length ?? findings;
    if (run === 0) continue; // warm the page cache and the file system
    cliRuns.push(c);
    floorRuns.push(f);
    ratios.push(c.ms / f.ms);
  }
  const cliMs = median(cliRuns.map((r) => r.ms));
  const result = {
    apps,
    filesWritten: written.length,
    filesChecked: checked,
    findings,
    runs,
    cliWallMs: round(cliMs),
    filesPerSecond: Math.round(written.length / (cliMs / 1000)),
    cliPeakRssMb: round(median(cliRuns.map((r) => r.maxRssMb)), 1),
    floorWallMs: round(median(floorRuns.map((r) => r.ms))),
    floorPeakRssMb: round(median(floorRuns.map((r) => r.maxRssMb)), 1),
    scanOverFloor: round(median(ratios)),
  };
  targets.push({ measure: 'workspace scan ÷ read floor', target: '≤ 3', value: result.scanOverFloor, unit: '×', pass: result.scanOverFloor <= 3 });
  return result;
}

// ---------- 5. Memory (each in a fresh process) ----------

async function memoryLint(): Promise<unknown> {
  const before = rssMb();
  await loadTerraformParser(BUNDLE_DIR);
  const loaded = rssMb();
  const module = terraformModule(100000, SEED + 100000);
  const files = moduleSources(module.files);
  collect();
  const generated = rssMb();
  const result = lint({ files, profile: 'auto' });
  const peakDuring = rssMb();
  collect();
  const after = rssMb();
  return { lines: module.lines, findings: result.findings.length, rssStartMb: round(before, 1), rssParserLoadedMb: round(loaded, 1), rssInputsMb: round(generated, 1), rssRightAfterLintMb: round(peakDuring, 1), rssAfterLintMb: round(after, 1), heapUsedAfterMb: round(process.memoryUsage().heapUsed / MB, 1), maxRssMb: round(process.resourceUsage().maxRSS / 1024, 1) };
}

/** Least-squares slope of y over x. */
function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const sxy = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
type WasmMemoryClass = new (descriptor: unknown) => WasmMemory;

/**
 * Records the wasm memories created from now on: web-tree-sitter creates its heap with `new WebAssembly.Memory`
 * (the project's lib settings do not declare WebAssembly, hence the casts).
 */
function watchWasmMemories(): WasmMemory[] {
  const wasm = (globalThis as unknown as { WebAssembly: { Memory: WasmMemoryClass } }).WebAssembly;
  const memories: WasmMemory[] = [];
  const Original = wasm.Memory;
  wasm.Memory = class extends Original {
    constructor(descriptor: unknown) {
      super(descriptor);
      memories.push(this);
    }
  };
  return memories;
}

async function memoryEdits(): Promise<unknown> {
  const memories = watchWasmMemories();
  await loadTerraformParser(BUNDLE_DIR);
  const wasmMb = () => round(memories.reduce((n, m) => n + m.buffer.byteLength, 0) / MB, 1);
  const lines = Number(process.env.BENCH_MEMORY_LINES ?? 1000);
  const edits = QUICK ? 200 : 1000;
  const every = edits / 20;
  const dir = tempDir('mem');
  const module = terraformModule(lines, SEED + lines);
  const session = new EditorSession(writeModule(dir, module.files), dir);
  const random = rng(SEED ^ 0x5eed);
  // Warm-up: caches, JIT, the wasm heap's first growth, and V8 growing its heap to the working size (RSS rose by
  // about 10 MB over the first 100–200 edits in every run, then moved up and down by a few MB).
  typeAtRandom(session, 200, random);
  collect();
  const reading = (edit: number) => {
    const usage = process.memoryUsage();
    return { edit, rssMb: round(usage.rss / MB, 1), heapUsedMb: round(usage.heapUsed / MB, 1), wasmHeapMb: wasmMb() };
  };
  const samples = [reading(0)];
  typeAtRandom(session, edits, random, (i) => {
    if ((i + 1) % every === 0) {
      collect();
      samples.push(reading(i + 1));
    }
  });
  session.dispose();
  const first = samples[0];
  const last = samples[samples.length - 1];
  // RSS moves by several MB as V8 grows and shrinks its heap; the trend of the readings is what a leak changes.
  const trend = (key: 'rssMb' | 'heapUsedMb' | 'wasmHeapMb') => round(slope(samples.map((s) => ({ x: s.edit, y: s[key] }))) * edits, 1);
  return {
    lines: module.lines,
    edits,
    gcBetween: typeof (globalThis as { gc?: unknown }).gc === 'function',
    rssStartMb: first.rssMb,
    rssEndMb: last.rssMb,
    rssMaxMb: Math.max(...samples.map((s) => s.rssMb)),
    growthMb: trend('rssMb'),
    rssEndMinusStartMb: round(last.rssMb - first.rssMb, 1),
    heapUsedGrowthMb: trend('heapUsedMb'),
    wasmHeapStartMb: first.wasmHeapMb,
    wasmHeapEndMb: last.wasmHeapMb,
    samples,
  };
}

function measureMemory(targets: Target[]): unknown {
  const child = (mode: string) => {
    log(`memory: ${mode}`);
    const run = spawnSync(process.execPath, ['--expose-gc', __filename, mode, ...(QUICK ? ['--quick'] : [])], { encoding: 'utf8', maxBuffer: 16 * MB, env: process.env });
    if (run.status !== 0) throw new Error(`${mode} failed: ${run.stderr}`);
    return JSON.parse(run.stdout) as Record<string, unknown>;
  };
  const lintRss = child('memory-lint');
  const edits = child('memory-edits') as { growthMb: number; lines: number; edits: number };
  targets.push({ measure: `RSS growth over ${edits.edits.toLocaleString('en-US')} edits (${edits.lines.toLocaleString('en-US')}-line module)`, target: '< 10 MB', value: edits.growthMb, unit: 'MB', pass: edits.growthMb < 10 });
  return { afterLinting100k: lintRss, edits };
}

// ---------- 6. Activation ----------

function measureActivation(targets: Target[]): unknown {
  const runner = path.join(BUNDLE_DIR, 'activation-run.js');
  let result: { skipped?: string; firstDiagnosticsMs?: number };
  if (process.env.BENCH_ACTIVATION_SKIP) result = { skipped: process.env.BENCH_ACTIVATION_SKIP };
  else {
    log('activation: VS Code server + Chromium (the integration harness)');
    const run = spawnSync(process.execPath, [runner], { encoding: 'utf8', maxBuffer: 16 * MB, env: process.env, timeout: 600_000 });
    const line = run.stdout.split('\n').find((l) => l.startsWith('{'));
    result = line ? (JSON.parse(line) as typeof result) : { skipped: `the harness failed (exit ${run.status}): ${(run.stderr || run.stdout).trim().split('\n').slice(-5).join(' | ')}` };
  }
  if (result.skipped) log(`activation: skipped: ${result.skipped}`);
  const value = result.firstDiagnosticsMs;
  targets.push({
    measure: 'activation to first diagnostics',
    target: '< 500 ms',
    value,
    unit: 'ms',
    pass: value === undefined ? undefined : value < 500,
    ...(result.skipped ? { note: `skipped: ${result.skipped}` } : {}),
  });
  return result;
}

// ---------- table ----------

function table(targets: readonly Target[]): string {
  const rows = targets.map((t) => [
    t.measure,
    t.value === undefined ? '—' : `${t.value}${t.unit === '×' ? '×' : ` ${t.unit}`}`,
    t.target,
    t.pass === undefined ? 'SKIP' : t.pass ? 'PASS' : 'FAIL',
  ]);
  const head = ['measure', 'value', 'target', 'result'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const notes = targets.filter((t) => t.note).map((t) => `  ${t.measure}: ${t.note}`);
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line), ...notes].join('\n');
}

function details(results: Record<string, unknown>): string {
  const out: string[] = [];
  const tf = results.terraform as { modules: Record<string, number | undefined>[] } | undefined;
  if (tf) {
    out.push('Terraform module (median ms)   lint   tree-sitter  parse+model  hclsyntax  lint÷ts  lint÷hcl  findings');
    for (const m of tf.modules) {
      const cell = (v: number | undefined, w: number) => (v === undefined ? '—' : String(v)).padStart(w);
      out.push(`  ${String(m.lines).padStart(7)} lines ${String(m.chars).padStart(9)} chars ${cell(m.lintMs, 8)} ${cell(m.treeSitterParseMs, 11)} ${cell(m.parseAndModelMs, 12)} ${cell(m.hclsyntaxParseMs, 10)} ${cell(m.lintOverTreeSitter, 8)} ${cell(m.lintOverHclsyntax, 9)} ${cell(m.findings, 9)}`);
    }
  }
  const keys = results.keystroke as Record<string, number>[] | undefined;
  if (keys) for (const k of keys) out.push(`Keystroke, ${k.lines}-line module: ${k.edits} edits, median ${k.medianMs} ms, p95 ${k.p95Ms} ms, max ${k.maxMs} ms (typed ${k.typedMedianMs}, restored ${k.restoredMedianMs})`);
  const kinds = results.otherKinds as Record<string, string | number>[] | undefined;
  if (kinds) for (const k of kinds) out.push(`${String(k.file).padEnd(10)} ${String(k.bytes).padStart(8)} bytes ${String(k.lines).padStart(6)} lines: lint ${k.engineMs} ms, ${k.baseline} ${k.baselineMs} ms (${k.ratio}×)`);
  const scan = results.scan as Record<string, number> | undefined;
  if (scan) out.push(`Workspace scan: ${scan.apps} apps, ${scan.filesWritten} files (${scan.filesChecked} checked, ${scan.findings} findings): CLI ${scan.cliWallMs} ms, ${scan.filesPerSecond} files/s, peak RSS ${scan.cliPeakRssMb} MB; read floor ${scan.floorWallMs} ms (peak RSS ${scan.floorPeakRssMb} MB)`);
  const memory = results.memory as { afterLinting100k: Record<string, number>; edits: Record<string, number> } | undefined;
  if (memory) {
    out.push(`Memory: RSS after linting the ${memory.afterLinting100k.lines}-line module ${memory.afterLinting100k.rssAfterLintMb} MB (start ${memory.afterLinting100k.rssStartMb} MB, peak ${memory.afterLinting100k.maxRssMb} MB)`);
    const e = memory.edits;
    out.push(`Memory: ${e.edits} edits on the ${e.lines}-line module: RSS ${e.rssStartMb} → ${e.rssEndMb} MB (max ${e.rssMaxMb}); trend over the edits: RSS ${e.growthMb} MB, JS heap ${e.heapUsedGrowthMb} MB; tree-sitter's wasm heap ${e.wasmHeapStartMb} → ${e.wasmHeapEndMb} MB`);
  }
  const activation = results.activation as Record<string, number | string> | undefined;
  if (activation && activation.firstDiagnosticsMs !== undefined) out.push(`Activation: open → active ${activation.activatedMs} ms, → first diagnostics ${activation.firstDiagnosticsMs} ms (${activation.document}, ${activation.diagnostics} diagnostics)`);
  return out.join('\n');
}

async function main(): Promise<void> {
  const mode = args.find((a) => !a.startsWith('--'));
  if (mode === 'memory-lint' || mode === 'memory-edits') {
    process.stdout.write(`${JSON.stringify(mode === 'memory-lint' ? await memoryLint() : await memoryEdits())}\n`);
    return;
  }
  const started = now();
  const targets: Target[] = [];
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: round(os.totalmem() / 1024 ** 3, 1) },
    seed: SEED,
    quick: QUICK,
  };
  if (wants('terraform')) results.terraform = await measureTerraform(targets);
  if (wants('keystroke')) results.keystroke = await measureKeystrokes(targets);
  if (wants('kinds')) results.otherKinds = measureOtherKinds();
  if (wants('scan')) results.scan = measureScan(targets);
  if (wants('memory')) results.memory = measureMemory(targets);
  if (wants('activation')) results.activation = measureActivation(targets);
  results.targets = targets;
  results.totalSeconds = round((now() - started) / 1000, 1);
  const out = process.env.BENCH_RESULTS ?? path.join(ROOT, 'bench', 'results.json');
  fs.writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${details(results)}\n\n${table(targets)}\n\nWrote ${path.relative(process.cwd(), out) || out} (${results.totalSeconds as number} s).\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
