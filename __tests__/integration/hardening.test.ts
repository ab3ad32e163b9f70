// Hardening, tried for real: dist/main.js + dist/post.js against the testbed with malformed input,
// shell-injection payloads, secrets, registry faults (a fault-injecting proxy in front of the
// registry), cancellation by signal, and scoped builders. Every result is checked independently of
// the action: the registry over HTTP, the docker CLI's argv as a shim recorded it, /proc for
// processes, and every file the action wrote.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { parse as parseYaml } from 'yaml'
import { ANY_MANIFEST, BLOB_UPLOAD, FaultProxy, MANIFEST_BY_TAG } from './fault-proxy.js'
import {
  catalog,
  describeInputChecks,
  dockerConfigLogins,
  eachActionLogic,
  expectSuccess,
  getBlob,
  getManifest,
  hasCapability,
  itActionLogic,
  itInputCheck,
  listTags,
  NODE24,
  parseFileCommands,
  privateDockerConfig,
  ROOT,
  runAction,
  runnerCommands,
  sh,
  shownLog,
  testbed,
  testbedEnv,
  uniqueRepo,
  writeContext,
  type ActionRun,
  type StepRun
} from './harness.js'

// A missing testbed fails the suite here, at load: it never skips.
const tb = testbed()
const action = parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>
  outputs: Record<string, unknown>
}
const INPUTS = Object.keys(action.inputs)
const OUTPUTS = Object.keys(action.outputs)

/** Figures for docs/reliability.md (the table of what was tried), printed at the end. */
const figures = {
  badInputs: 0,
  injectionRuns: 0,
  injectionValues: 0,
  faults: 0,
  secretValues: 0,
  secretForms: 0,
  filesScanned: 0,
  signals: 0
}

let ctx: string
let work: string
const startedProxies: FaultProxy[] = []
/** builders a test may have left: name -> the DOCKER_CONFIG they were created under */
const createdBuilders = new Map<string, string>()

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'bia-hardening-'))
  ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nARG RUNID=0\nRUN echo "run $RUNID on $(uname -m)" > /id\n` })
})

afterAll(async () => {
  for (const p of startedProxies) await p.close()
  for (const [b, config] of createdBuilders) await sh('docker', ['buildx', 'rm', b], { DOCKER_CONFIG: config })
  rmSync(work, { recursive: true, force: true })
  console.log(`hardening figures: ${JSON.stringify(figures)}`)
})

// --- helpers ------------------------------------------------------------------------------------

/** Every ::group:: title that means something was built, merged or pushed. */
const BUILD_GROUPS = /::group::(Build|Bake|Merge)/

/** Repositories a run may have created (by prefix) that appeared since `before`. */
async function newRepos(before: string[], prefix: string): Promise<string[]> {
  return (await catalog()).filter(r => !before.includes(r) && r.startsWith(prefix))
}

/** Runs async jobs with at most `limit` at a time. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i] as T, i)
    })
  )
  return out
}

interface Shim {
  /** directory to put first on PATH (a `docker` that records its argv) */
  bin: string
  /** a DOCKER_CONFIG whose cli-plugins/docker-buildx records its argv */
  dockerConfig: string
  /** the env a run needs to go through the shims; BIA_ARGV_LOG names the file they append to */
  env(argvLog: string): NodeJS.ProcessEnv
}

/**
 * Shims that append their argv as one JSON line to $BIA_ARGV_LOG, then run the real program with
 * the same argv: a `docker` first on PATH, and the buildx plugin in a private DOCKER_CONFIG (the
 * action may run the plugin binary directly). No shell anywhere: what they record is exactly what
 * they were given.
 */
function writeShims(): Shim {
  const dir = mkdtempSync(path.join(work, 'shim-'))
  const write = (file: string, real: string, tag: string) => {
    mkdirSync(path.dirname(file), { recursive: true })
    writeFileSync(
      file,
      [
        `#!${NODE24}`,
        "const { appendFileSync } = require('node:fs')",
        "const { spawn } = require('node:child_process')",
        `if (process.env.BIA_ARGV_LOG) appendFileSync(process.env.BIA_ARGV_LOG, JSON.stringify({ via: ${JSON.stringify(tag)}, argv: process.argv.slice(2) }) + '\\n')`,
        `const child = spawn(${JSON.stringify(real)}, process.argv.slice(2), { stdio: 'inherit' })`,
        "for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => child.kill(s))",
        'child.on("close", (code, signal) => process.exit(code ?? (signal ? 128 : 1)))',
        ''
      ].join('\n')
    )
    chmodSync(file, 0o755)
  }
  const bin = path.join(dir, 'bin')
  const dockerConfig = path.join(dir, 'docker-config')
  write(path.join(bin, 'docker'), path.join(tb.dockerBinDir, 'docker'), 'docker')
  write(path.join(dockerConfig, 'cli-plugins', 'docker-buildx'), tb.buildxBin, 'plugin')
  return {
    bin,
    dockerConfig,
    env: argvLog => ({ PATH: `${bin}:${tb.dockerBinDir}:${process.env['PATH'] ?? ''}`, DOCKER_CONFIG: dockerConfig, BIA_ARGV_LOG: argvLog })
  }
}

/** Every buildx call (as ['buildx', ...], however it was started) and every other docker call. */
function readArgv(file: string): string[][] {
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(l => JSON.parse(l) as { via: string; argv: string[] })
    .filter(e => e.via === 'plugin' || e.argv[0] !== 'buildx')
    .map(e => (e.via === 'plugin' ? ['buildx', ...(e.argv[0] === 'buildx' ? e.argv.slice(1) : e.argv)] : e.argv))
    .filter(a => a[1] !== 'docker-cli-plugin-metadata')
}

/** True when argv holds `flag` immediately followed by exactly `value`, as two separate arguments. */
function hasPair(argv: string[], flag: string, value: string): boolean {
  return argv.some((a, i) => a === flag && argv[i + 1] === value)
}

/** Runs post for a run whose main ran with skipPost, as the runner would (state as STATE_*). */
function runPost(run: ActionRun, extraEnv: NodeJS.ProcessEnv = {}): Promise<StepRun> {
  const env: NodeJS.ProcessEnv = {
    ...testbedEnv(tb),
    ...extraEnv,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: run.files.output,
    GITHUB_STATE: run.files.state,
    GITHUB_STEP_SUMMARY: run.files.summary,
    RUNNER_TEMP: path.join(run.dir, 'runner-temp')
  }
  for (const [k, v] of Object.entries(run.state)) env[`STATE_${k}`] = v
  return new Promise(resolve => {
    const child = spawn(NODE24, [path.join(ROOT, 'dist', 'post.js')], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
    let log = ''
    child.stdout.on('data', (c: Buffer) => (log += c.toString()))
    child.stderr.on('data', (c: Buffer) => (log += c.toString()))
    child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, log }))
  })
}

function mainState(run: ActionRun): Record<string, any> {
  return JSON.parse(run.state['build-image-action'] ?? '{}')
}

/** Every regular file under dir (recursively), with its bytes. */
function filesUnder(dir: string): Array<{ file: string; bytes: Buffer }> {
  if (!existsSync(dir)) return []
  const out: Array<{ file: string; bytes: Buffer }> = []
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name)
    const st = statSync(p)
    if (st.isDirectory()) out.push(...filesUnder(p))
    else if (st.isFile()) out.push({ file: p, bytes: readFileSync(p) })
  }
  return out
}

/**
 * The forms a secret could take in text: itself, base64 and base64url of it, and the stable middle
 * of its base64 when it sits at offset 1 or 2 of a larger encoded value, and its hex.
 */
function secretForms(secret: string): string[] {
  const b = Buffer.from(secret)
  const forms = [secret, b.toString('base64'), b.toString('base64url'), b.toString('hex'), JSON.stringify(secret).slice(1, -1)]
  for (const shift of [1, 2]) {
    const enc = Buffer.concat([Buffer.alloc(shift, 0x41), b]).toString('base64')
    // chars 0-3 mix the shift bytes in; the last group may mix in what follows
    forms.push(enc.slice(4, enc.length - 4))
  }
  return [...new Set(forms)]
}

function realPlatforms(index: any): string[] {
  return (index?.manifests ?? [])
    .filter((m: any) => m.platform && m.platform.os !== 'unknown')
    .map((m: any) => `${m.platform.os}/${m.platform.architecture}`)
    .sort()
}

/** A tag either does not exist, or points at a complete index: every platform and every manifest it lists is there. */
async function expectCompleteOrAbsent(repo: string, tag: string, platforms: string[]): Promise<string | undefined> {
  const index = await getManifest(repo, tag)
  if (index.status === 404) return undefined
  expect(index.status).toBe(200)
  expect(realPlatforms(index.json)).toEqual([...platforms].sort())
  for (const m of index.json.manifests) expect((await getManifest(repo, m.digest)).status).toBe(200)
  return index.digest
}

// --- 1. bad input, end to end ---------------------------------------------------------------------

const D = (c: string) => `sha256:${c.repeat(64)}`
const NO_FILE = '/nonexistent/bia-hardening'
const remote = () => ({ driver: 'remote', endpoint: tb.buildkitAddr })

/** [what, inputs over a valid push build, the input the error must name, what it must say] */
const BAD_INPUTS: Array<[string, Record<string, string>, string, RegExp]> = [
  // platforms
  ['platform without arch', { platforms: 'linux' }, 'platforms', /is not a platform/],
  ['platform with four parts', { platforms: 'linux/amd64/v2/x' }, 'platforms', /is not a platform/],
  ['uppercase platform', { platforms: 'Linux/AMD64' }, 'platforms', /is not a platform/],
  ['platform listed twice', { platforms: 'linux/amd64\nlinux/amd64' }, 'platforms', /listed twice/],
  ['unterminated quote in platforms', { platforms: 'linux/amd64,,"linux/arm64' }, 'platforms', /unterminated quote/],
  ['bad builder platform', { ...remote(), 'builder-platforms': 'amd64' }, 'builder-platforms', /is not a platform/],
  // YAML matrix
  ['matrix that is not YAML', { matrix: 'variant: [a, b' }, 'matrix', /invalid YAML/],
  ['matrix that is a list', { matrix: '- a\n- b' }, 'matrix', /must be a mapping/],
  ['matrix axis without values', { matrix: 'variant: []' }, 'matrix', /has no values/],
  ['matrix that is a scalar', { matrix: 'just text' }, 'matrix', /must be a mapping/],
  ['matrix with bake files', { matrix: 'variant: [a]', files: 'docker-bake.hcl' }, 'matrix', /not both/],
  ['matrix tag without placeholder for 2 variants', { matrix: 'variant: [a, b]' }, 'tags', /placeholder/],
  ['matrix name with an unknown axis', { matrix: 'variant: [a]', 'matrix-name': '{{nope}}' }, 'matrix-name', /nope/],
  // CSV lists
  ['unterminated quote in tags', { tags: 'localhost:5000/a:1,"localhost:5000/b:1' }, 'tags', /unterminated quote/],
  ['unterminated quote in cache-to', { 'cache-to': 'type=gha,"scope=a' }, 'cache-to', /unterminated quote/],
  ['output field without =', { push: 'false', outputs: 'type=oci,dest' }, 'outputs', /expected key=value/],
  ['build arg without =', { 'build-args': 'NOEQUALS' }, 'build-args', /expected KEY=VALUE/],
  ['label key with a space', { labels: 'my label=x' }, 'labels', /whitespace/],
  ['build context without =', { 'build-contexts': 'base' }, 'build-contexts', /expected KEY=VALUE/],
  ['secret line without =', { secrets: 'just-a-token' }, 'secrets', /is not id=value \(value not shown\)/],
  ['provenance option without value', { provenance: 'mode' }, 'provenance', /expected key=value/],
  ['annotation without =', { annotations: 'org.example.a' }, 'annotations', /is not \[type:\]key=value/],
  ['ulimit that is not a number', { ulimit: 'nofile=lots' }, 'ulimit', /is not name=soft/],
  ['add-host without an address', { 'add-hosts': 'db' }, 'add-hosts', /is not host:ip/],
  // unknown enum values
  ['unknown mode', { mode: 'deploy' }, 'mode', /unknown value "deploy"; expected one of build, merge/],
  ['unknown engine', { engine: 'kaniko' }, 'engine', /unknown value "kaniko"/],
  ['unknown driver', { driver: 'podman' }, 'driver', /unknown value "podman"/],
  ['unknown builder scope', { ...remote(), 'builder-scope': 'org' }, 'builder-scope', /unknown value "org"/],
  ['unknown output type', { push: 'false', outputs: 'type=ftp,dest=x' }, 'outputs', /unknown type "ftp"/],
  ['unknown cache type', { 'cache-from': 'type=redis,ref=x' }, 'cache-from', /unknown type "redis"/],
  ['unknown provenance mode', { provenance: 'mode=full' }, 'provenance', /mode must be min or max/],
  ['unknown sbom mode', { sbom: 'mode=all' }, 'sbom', /mode must be min or max/],
  ['unknown Depot build platform', { 'depot-build-platform': 'linux/s390x' }, 'depot-build-platform', /unknown value/],
  ['push is not a boolean', { push: 'maybe' }, 'push', /expected true or false/],
  ['load is not a boolean', { load: 'yes please' }, 'load', /expected true or false/],
  ['no-cache is not a boolean', { 'no-cache': '2' }, 'no-cache', /expected true or false/],
  ['summary is not a boolean', { summary: 'x' }, 'summary', /expected true or false/],
  ['build-record-upload is not a boolean', { 'build-record-upload': 'x' }, 'build-record-upload', /expected true or false/],
  [
    'allow-fork-cache-write is not a boolean',
    { 'allow-fork-cache-write': 'sometimes' },
    'allow-fork-cache-write',
    /expected true or false/
  ],
  // conflicting options
  ['push and outputs', { outputs: 'type=oci,dest=x.tar' }, 'outputs', /give one or the other/],
  ['push-by-digest and load', { 'push-by-digest': 'true', load: 'true', push: 'false' }, 'push-by-digest', /cannot be combined with load/],
  ['platform-split with one platform', { 'platform-split': 'true', platforms: 'linux/amd64' }, 'platform-split', /at least two platforms/],
  [
    'platform-split without push',
    { 'platform-split': 'true', platforms: 'linux/amd64,linux/arm64', push: 'false' },
    'platform-split',
    /needs push: true/
  ],
  [
    'platform-split with the docker driver named (unnamed, a builder of its own is made)',
    { 'platform-split': 'true', platforms: 'linux/amd64,linux/arm64', driver: 'docker' },
    'platform-split',
    /docker driver cannot push by digest/
  ],
  [
    'buildkitd config file and inline',
    { ...remote(), 'buildkitd-config': 'b.toml', 'buildkitd-config-inline': 'debug = true' },
    'buildkitd-config-inline',
    /not both/
  ],
  ['buildkitd flags with the docker driver', { 'buildkitd-flags': '--debug' }, 'driver', /docker driver uses the engine's/],
  ['builder scope with the docker driver', { 'builder-scope': 'repo' }, 'builder-scope', /docker driver/],
  ['builder scope with a named builder', { driver: 'remote', builder: 'shared', 'builder-scope': 'repo' }, 'builder-scope', /not both/],
  ['digests outside merge mode', { digests: D('1') }, 'digests', /only read in merge mode/],
  ['merge without digests', { mode: 'merge' }, 'digests', /needs the digests to merge/],
  ['remote driver without endpoint', { driver: 'remote' }, 'endpoint', /needs an endpoint/],
  ['a pinned Depot sha256 with depot-version latest', { 'depot-sha256': 'a'.repeat(64) }, 'depot-sha256', /give the exact depot-version/],
  // missing files
  ['missing context', { context: `${NO_FILE}/ctx` }, 'context', /is not a directory/],
  ['missing Dockerfile', { file: `${NO_FILE}/Dockerfile` }, 'file', /does not exist/],
  ['missing secret file', { 'secret-files': `key=${NO_FILE}/key.pem` }, 'secret-files', /secret key: .* does not exist/],
  ['unset secret variable', { 'secret-envs': 'tok=BIA_HARDENING_UNSET_VARIABLE' }, 'secret-envs', /is not set/],
  ['missing bake file', { files: `${NO_FILE}/docker-bake.hcl` }, 'files', /does not exist/],
  ['missing digests file', { mode: 'merge', 'digests-from': `${NO_FILE}/digests.txt` }, 'digests-from', /does not exist/],
  ['missing buildkitd config', { ...remote(), 'buildkitd-config': `${NO_FILE}/buildkitd.toml` }, 'buildkitd-config', /does not exist/],
  // oversized values and control characters
  ['build arg over 64 KiB', { 'build-args': `A=${'x'.repeat(70_000)}` }, 'build-args', /value is 70002 characters; the limit is 65536/],
  ['matrix over 64 KiB', { matrix: `a: [${'x'.repeat(70_000)}]` }, 'matrix', /the limit is 65536/],
  ['secret over 64 KiB', { secrets: `big=${'s'.repeat(70_000)}` }, 'secrets', /the limit is 65536/],
  // (a NUL cannot reach the step at all: the runner passes inputs as environment variables)
  ['tags over 64 KiB', { tags: `${tb.registry}/app:1,`.repeat(3000) }, 'tags', /characters; the limit is 65536/],
  // invalid references and digests
  ['uppercase repository', { tags: `${tb.registry}/UPPER:1` }, 'tags', /not a valid image reference/],
  ['tag with a space', { tags: `${tb.registry}/my image:1` }, 'tags', /not a valid image reference/],
  ['tag with a digest', { tags: `${tb.registry}/app@${D('a')}` }, 'tags', /has a digest/],
  ['empty tag after the colon', { tags: `${tb.registry}/app:` }, 'tags', /not a valid image reference/],
  ['tag of 200 characters', { tags: `${tb.registry}/app:${'t'.repeat(200)}` }, 'tags', /not a valid image reference/],
  ['short digest', { mode: 'merge', digests: 'sha256:abc' }, 'digests', /is not sha256:<64 hex>/],
  ['digest with an uppercase repository', { mode: 'merge', digests: `Bad/Repo@${D('1')}` }, 'digests', /is not sha256:<64 hex>/],
  ['md5 digest', { mode: 'merge', digests: `md5:${'a'.repeat(32)}` }, 'digests', /is not sha256:<64 hex>/],
  ['buildx version without patch', { 'buildx-version': '0.29' }, 'buildx-version', /expected latest, installed or a version/],
  ['ftp download URL', { 'buildx-download-url': 'ftp://127.0.0.1/buildx' }, 'buildx-download-url', /expected an http\(s\) URL/],
  ['http endpoint', { driver: 'remote', endpoint: 'http://127.0.0.1:1' }, 'endpoint', /is not an endpoint/],
  ['builder name starting with -', { builder: '-rm' }, 'builder', /is not a builder name/],
  ['max-parallel 0', { 'max-parallel': '0' }, 'max-parallel', /whole number from 1 to 64/],
  ['push-retries over 10', { 'push-retries': '11' }, 'push-retries', /whole number from 0 \(no retries\) to 10/],
  [
    'registry-auth that is a mapping',
    { 'registry-auth': 'registry: r.io\nusername: u\npassword: p' },
    'registry-auth',
    /expected a YAML list/
  ],
  [
    'registry-auth entry without a password',
    { 'registry-auth': '- registry: r.io\n  username: u' },
    'registry-auth',
    /entry 1 \(r.io\): password is empty/
  ],
  ['shm-size word', { 'shm-size': 'big' }, 'shm-size', /expected a size/],
  ['bake target with a slash', { targets: '../x' }, 'targets', /is not a bake target name/],
  ['Depot project with a space', { 'depot-project': 'a b' }, 'depot-project', /is not a Depot project ID/],
  ['Depot token with whitespace', { 'depot-token': 'tok en' }, 'depot-token', /contains whitespace \(value not shown\)/],
  ['Depot version word', { 'depot-version': 'nightly' }, 'depot-version', /expected latest, installed or a version/],
  ['Depot download URL with file:', { 'depot-download-url': 'file:///tmp/depot' }, 'depot-download-url', /expected an http\(s\) URL/],
  // binary and checksums over plain http prove nothing: a mirror on this machine only
  [
    'plain http mirror',
    { 'buildx-version': '0.29.1', 'buildx-download-url': 'http://mirror.example.com/buildx' },
    'buildx-download-url',
    /is plain http/
  ],
  [
    'plain http Depot mirror',
    { engine: 'depot', 'depot-project': 'p', 'depot-token': 't', 'depot-download-url': 'http://10.0.0.1/depot' },
    'depot-download-url',
    /is plain http/
  ],
  ['short Depot sha256', { 'depot-version': '2.102.12', 'depot-sha256': 'abc' }, 'depot-sha256', /64 hex digits/],
  [
    'a pinned buildx sha256 without an exact buildx-version',
    { 'buildx-sha256': 'a'.repeat(64) },
    'buildx-sha256',
    /give the exact buildx-version/
  ],
  ['short buildx sha256', { 'buildx-version': '0.29.1', 'buildx-sha256': 'abc' }, 'buildx-sha256', /64 hex digits/]
]

describeInputChecks('1. bad input, end to end through dist/main.js', () => {
  const PREFIX = 'hardening-bad'
  let before: string[]
  let runs: ActionRun[]
  const repos = BAD_INPUTS.map(() => uniqueRepo(PREFIX))

  beforeAll(async () => {
    before = await catalog()
    // Most fail in parse, in milliseconds: run them 8 at a time.
    // Bake files own context and tags, and merge mode builds no context (giving them is an error
    // of its own): those cases go without.
    const base = (inputs: Record<string, string>, i: number): Record<string, string> => {
      const tags = `${tb.registry}/${repos[i]}:x`
      if (inputs['mode'] === 'merge') return { tags, push: 'true' }
      return (inputs['files'] || inputs['targets']) && !inputs['matrix'] ? { push: 'true' } : { context: ctx, tags, push: 'true' }
    }
    runs = await pool(BAD_INPUTS, 6, ([, inputs], i) => runAction({ ...base(inputs, i), ...inputs }))
    figures.badInputs = BAD_INPUTS.length
  })

  it(`has at least 40 cases, touching ${new Set(BAD_INPUTS.map(c => c[2])).size} inputs`, () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(40)
    for (const [, , input] of BAD_INPUTS) expect(INPUTS).toContain(input)
  })

  it.each(BAD_INPUTS.map((c, i) => [c[0], i] as const))('%s', async (_what, i) => {
    const [, , input, problem] = BAD_INPUTS[i] ?? []
    const run = runs[i] as ActionRun
    expect(run.main.code).not.toBe(0)
    const errors = run.main.log.split('\n').filter(l => l.startsWith('::error'))
    expect(errors).toHaveLength(1)
    const message = (errors[0] ?? '').replace(/^::error[^:]*::/, '')
    expect(message.startsWith(`${input}: `)).toBe(true)
    expect(message).toMatch(problem as RegExp)
    expect(run.main.log).not.toMatch(BUILD_GROUPS)
    expect(run.post.code).toBe(0)
    expect(mainState(run).error).toBe(message.replaceAll('%0A', '\n').replaceAll('%25', '%'))
    // nothing was pushed: the repository this run named never appeared
    expect(await listTags(repos[i] ?? '')).toEqual([])
  })

  it('left the registry catalog unchanged by every one of them', async () => {
    expect(await newRepos(before, PREFIX)).toEqual([])
    // (other tests may push meanwhile; nothing that was there is gone)
    const after = await catalog()
    expect(before.filter(r => !after.includes(r))).toEqual([])
  })
})

// --- 2. no shell, no injection ------------------------------------------------------------------

describe('2. no shell, no injection', () => {
  const marker = `bia-marker-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
  /** Shell payloads; each would create a file named marker-N in the working directory if any shell ran it. */
  const PAYLOADS: Array<[string, string]> = [
    ['$( ) ` ` ; | &&', `$(touch ${marker}-1) \`touch ${marker}-2\` ; touch ${marker}-3 | touch ${marker}-4 && touch ${marker}-5 #`],
    ['quotes breaking out', `'; touch ${marker}-6; echo "x" '"$(touch ${marker}-7)"' \\"; touch ${marker}-8 #`]
  ]
  /** Line breaks that would start a workflow command, or a new output, if they reached the log or a file command raw. */
  const NEWLINES = ['x\n::warning::injected-by-lf', 'x\r::warning::injected-by-cr', 'x\r\n::error::injected-by-crlf']
  let cwd: string
  let shim: Shim
  const used = new Set<string>()
  const runs: Array<{ what: string; run: ActionRun; argv: string[][] }> = []
  const ENV_PAYLOAD = 'BIA_INJECTION_VALUE'

  async function tryRun(
    what: string,
    inputs: Record<string, string>,
    env: NodeJS.ProcessEnv = {}
  ): Promise<{ run: ActionRun; argv: string[][] }> {
    for (const k of Object.keys(inputs)) used.add(k)
    const argvLog = path.join(mkdtempSync(path.join(work, 'argv-')), 'argv.jsonl')
    const githubEnv = path.join(path.dirname(argvLog), 'github-env')
    writeFileSync(githubEnv, '')
    const run = await runAction(inputs, { cwd, env: { ...shim.env(argvLog), GITHUB_ENV: githubEnv, ...env } })
    const argv = readArgv(argvLog)
    for (const a of argv)
      if (a[1] === 'create' && a.includes('--name')) createdBuilders.set(a[a.indexOf('--name') + 1] ?? '', shim.dockerConfig)
    runs.push({ what, run, argv })
    figures.injectionRuns++
    // Invariants of every run: nothing reaches GITHUB_ENV, outputs are only the declared ones,
    // and the runner would see no workflow command the action did not mean to send.
    expect(readFileSync(githubEnv, 'utf8')).toBe('')
    for (const k of Object.keys(run.outputs)) expect(OUTPUTS).toContain(k)
    // (an ::error:: may quote a payload: its line breaks arrive escaped, as %0A, inside one command)
    for (const c of runnerCommands(run.main.log + '\n' + run.post.log)) {
      expect(c).toMatch(/^::(group|endgroup|error|warning|notice|debug|add-mask)( [^:]*)?::/)
      expect(c).not.toMatch(/^::[a-z-]+( [^:]*)?::(injected|touch)/)
    }
    expect(run.post.code).toBe(0)
    return { run, argv }
  }

  const buildCall = (argv: string[][]) => argv.find(a => a[0] === 'buildx' && a[1] === 'build') ?? []

  beforeAll(() => {
    cwd = mkdtempSync(path.join(work, 'cwd-'))
    shim = writeShims()
  })

  afterAll(() => {
    // No shell ran anything: no marker anywhere a relative `touch` could have put it.
    for (const dir of [cwd, ROOT, work, os.tmpdir(), ctx]) {
      expect(readdirSync(dir).filter(n => n.startsWith(marker))).toEqual([])
    }
    expect(filesUnder(cwd).filter(f => path.basename(f.file).startsWith(marker))).toEqual([])
  })

  eachActionLogic(PAYLOADS)('free-form build inputs reach buildx as one literal argument each (%s)', async (_what, P) => {
    const S = `${P}-secret`
    const { run, argv } = await tryRun(
      'build inputs',
      {
        context: ctx,
        tags: `${tb.registry}/${uniqueRepo('hardening-inj')}:b`,
        labels: `l=${P}`,
        annotations: `org.example.inj=${P}`,
        'build-args': `A=${P}`,
        'build-contexts': `extra=${P}`,
        target: P,
        network: P,
        'cache-from': `type=local,src=${P}`,
        'cache-to': `type=local,dest=${P}`,
        outputs: `type=local,dest=${P}`,
        provenance: `mode=min,builder-id=${P}`,
        sbom: `generator=${P}`,
        allow: `network.host,${P}`,
        secrets: `tok=${S}`,
        'secret-envs': `e=${ENV_PAYLOAD}`,
        // (a local context: the token is not used, and appears nowhere)
        'github-token': `${P}-github-token`
      },
      { [ENV_PAYLOAD]: P }
    )
    const build = buildCall(argv)
    expect(argv.flat().join('\n')).not.toContain(`${P}-github-token`)
    expect(shownLog(run.main.log + run.post.log)).not.toContain(`${P}-github-token`)
    expect(build.length).toBeGreaterThan(0)
    const pairs: Array<[string, string]> = [
      ['--label', `l=${P}`],
      ['--annotation', `org.example.inj=${P}`],
      ['--build-arg', `A=${P}`],
      ['--build-context', `extra=${P}`],
      ['--target', P],
      ['--network', P],
      ['--cache-from', `type=local,src=${P}`],
      ['--cache-to', `type=local,dest=${P}`],
      ['--output', `type=local,dest=${P}`],
      ['--provenance', `mode=min,builder-id=${P}`],
      ['--sbom', `generator=${P}`],
      ['--allow', `network.host,${P}`],
      ['--secret', `id=e,env=${ENV_PAYLOAD}`]
    ]
    for (const [flag, value] of pairs) expect([flag, hasPair(build, flag, value)]).toEqual([flag, true])
    figures.injectionValues += pairs.length
    // The secret's value is in a private file, never in argv; the context comes after `--`.
    expect(build.join('\n')).not.toContain(S)
    expect(build.slice(-2)).toEqual(['--', ctx])
    expect(build.find(a => a.startsWith('id=tok,'))).toMatch(/^id=tok,src=.*secret-0$/)
    expect(shownLog(run.main.log)).not.toContain(S)
  })

  eachActionLogic(PAYLOADS)('builder inputs reach buildx create as one literal argument each (%s)', async (_what, P) => {
    const { argv } = await tryRun('builder inputs', {
      context: ctx,
      ...remote(),
      'driver-opts': P,
      'buildkitd-flags': P,
      'buildkitd-config-inline': `# ${P}\n`
    })
    const create = argv.find(a => a[0] === 'buildx' && a[1] === 'create') ?? []
    expect(hasPair(create, '--driver-opt', P)).toBe(true)
    expect(hasPair(create, '--buildkitd-flags', P)).toBe(true)
    expect(create[create.indexOf('--buildkitd-config') + 1]).toMatch(/buildkitd\.toml$/)
    expect(create[create.length - 1]).toBe(tb.buildkitAddr)
    figures.injectionValues += 3
  })

  it.each(PAYLOADS)(
    'a successful build with payloads in paths, labels, annotations, build args and secrets stores them literally (%s)',
    async (_what, P) => {
      // Paths that hold the payload: the context directory, the Dockerfile and a secret file.
      const dir = mkdtempSync(path.join(work, 'paths-'))
      const context = path.join(dir, `ctx ${P}`)
      mkdirSync(context)
      // (buildx reads the Dockerfile's name as a file pattern: a backslash in it is an escape to buildx)
      const dockerfile = path.join(context, `Dockerfile ${P.replaceAll('\\', '')}`)
      writeFileSync(
        dockerfile,
        [
          `FROM ${tb.baseImage}`,
          'ARG A',
          // the build proves each secret arrived byte for byte, without printing it
          'RUN --mount=type=secret,id=tok --mount=type=secret,id=e --mount=type=secret,id=f test "$(cat /run/secrets/tok)" = "$A" && test "$(cat /run/secrets/e)" = "$A" && test "$(cat /run/secrets/f)" = "$A"',
          'LABEL fromarg="${A}"',
          ''
        ].join('\n')
      )
      // (secret-files refuses a path with a double quote: buildx's --secret is itself CSV)
      const secretFile = path.join(dir, `secret ${P.replaceAll('"', '')}`)
      writeFileSync(secretFile, P)
      const repo = uniqueRepo('hardening-inj')
      const { run, argv } = await tryRun(
        'successful build',
        {
          context,
          file: dockerfile,
          tags: `${tb.registry}/${repo}:a`,
          push: 'true',
          platforms: 'linux/amd64',
          labels: `l=${P}`,
          annotations: `org.example.inj=${P}`,
          'build-args': `A=${P}`,
          secrets: `tok=${P}`,
          'secret-envs': `e=${ENV_PAYLOAD}`,
          'secret-files': `f=${secretFile}`
        },
        { [ENV_PAYLOAD]: P }
      )
      expectSuccess(run)
      const build = buildCall(argv)
      expect(hasPair(build, '--file', dockerfile)).toBe(true)
      expect(build.slice(-2)).toEqual(['--', context])
      expect(
        build.some(
          a =>
            a === `id=f,src=${secretFile}` ||
            a === `"id=f,src=${secretFile.replaceAll('"', '""')}"` ||
            a === `id=f,"src=${secretFile.replaceAll('"', '""')}"`
        )
      ).toBe(true)
      figures.injectionValues += 8
      // Read back from the registry: the values arrived exactly.
      const index = await getManifest(repo, 'a')
      expect(index.status).toBe(200)
      const image = index.json.manifests.find((m: any) => m.platform?.architecture === 'amd64')
      const manifest = await getManifest(repo, image.digest)
      expect(manifest.json.annotations?.['org.example.inj']).toBe(P)
      const config = JSON.parse((await getBlob(repo, manifest.json.config.digest)).toString('utf8'))
      expect(config.config.Labels.l).toBe(P)
      expect(config.config.Labels.fromarg).toBe(P)
    }
  )

  eachActionLogic(PAYLOADS)('bake files, overrides and matrix values stay literal (%s)', async (_what, P) => {
    const dir = mkdtempSync(path.join(work, 'bake-'))
    const repo = uniqueRepo('hardening-inj')
    const bakeFile = path.join(dir, `bake ${P}.json`)
    const dockerfile = path.join(dir, 'Dockerfile')
    writeFileSync(dockerfile, `FROM ${tb.baseImage}\nARG A\nARG v\nLABEL fromarg="\${A}" fromv="\${v}"\n`)
    writeFileSync(
      bakeFile,
      JSON.stringify({ target: { app: { context: dir, dockerfile, tags: [`${tb.registry}/${repo}:bake`], platforms: ['linux/amd64'] } } })
    )
    const bake = await tryRun('bake', {
      files: bakeFile,
      targets: 'app',
      set: `app.args.A=${P}\napp.labels.l=${P}`,
      push: 'true',
      allow: `fs.read=${dir}`
    })
    expectSuccess(bake.run)
    const call = bake.argv.find(a => a[0] === 'buildx' && a[1] === 'bake' && !a.includes('--print')) ?? []
    expect(hasPair(call, '--file', bakeFile)).toBe(true)
    expect(hasPair(call, '--set', `app.args.A=${P}`)).toBe(true)
    expect(hasPair(call, '--set', `app.labels.l=${P}`)).toBe(true)

    const matrix = await tryRun('matrix', {
      context: dir,
      file: dockerfile,
      matrix: `v: [${JSON.stringify(P)}]`,
      'matrix-name': 'm-{{v}}',
      tags: `${tb.registry}/${repo}:matrix`,
      platforms: 'linux/amd64',
      push: 'true'
    })
    expectSuccess(matrix.run)
    figures.injectionValues += 5
    for (const [tag, labels] of [
      ['bake', { l: P, fromarg: P }],
      ['matrix', { fromv: P }]
    ] as const) {
      const index = await getManifest(repo, tag)
      expect(index.status).toBe(200)
      const image = index.json.manifests.find((m: any) => m.platform?.architecture === 'amd64')
      const manifest = await getManifest(repo, image.digest)
      const config = JSON.parse((await getBlob(repo, manifest.json.config.digest)).toString('utf8'))
      expect(config.config.Labels).toMatchObject(labels)
    }
  })

  it.each(PAYLOADS)(
    'login: the username reaches docker login as one argument, the password only its standard input (%s)',
    async (_what, P) => {
      // A registry that only lets in exactly these credentials: the push succeeding proves both
      // arrived byte for byte.
      const password = `${P} pw`
      const proxy = await FaultProxy.start(tb.registry)
      startedProxies.push(proxy)
      proxy.requireBasicAuth(P, password)
      const repo = uniqueRepo('hardening-inj')
      const { run, argv } = await tryRun('login', {
        context: ctx,
        tags: `${proxy.registry}/${repo}:l`,
        platforms: 'linux/amd64',
        push: 'true',
        registry: proxy.registry,
        username: P,
        password
      })
      expectSuccess(run)
      expect((await getManifest(repo, 'l')).status).toBe(200)
      const login = argv.find(a => a[0] === 'login') ?? []
      expect(login).toEqual(['login', '--username', P, '--password-stdin', '--', proxy.registry])
      expect(argv.some(a => a.some(x => x.includes(password)))).toBe(false)
      expect(argv.find(a => a[0] === 'logout')).toEqual(['logout', '--', proxy.registry])
      expect(shownLog(run.main.log + run.post.log)).not.toContain(password)
      figures.injectionValues += 2
    }
  )

  /** inputs that only take a known shape, with what each needs beside it */
  const KNOWN_SHAPE: Array<[string, Record<string, string>]> = [
    ['mode', {}],
    ['call', {}],
    ['engine', {}],
    ['buildx-version', {}],
    ['buildx-download-url', {}],
    ['buildx-sha256', { 'buildx-version': '0.29.1' }],
    ['builder', {}],
    ['driver', {}],
    ['endpoint', { driver: 'remote' }],
    ['builder-platforms', remote()],
    ['keep-builder', {}],
    ['builder-scope', remote()],
    ['allow-fork-cache-write', {}],
    ['registry', { username: 'u', password: 'p' }],
    ['logout', {}],
    ['registry-auth', {}],
    ['push-retries', {}],
    ['context', {}],
    ['file', {}],
    ['tags', {}],
    ['platforms', {}],
    ['push', {}],
    ['push-by-digest', {}],
    ['load', {}],
    ['no-cache', {}],
    ['pull', {}],
    ['shm-size', {}],
    ['ulimit', {}],
    ['attests', {}],
    ['no-cache-filters', {}],
    ['ssh', {}],
    ['cgroup-parent', {}],
    ['add-hosts', {}],
    ['secrets', {}],
    ['secret-files', {}],
    ['files', { context: '.', tags: '' }],
    ['targets', {}],
    ['matrix', {}],
    ['platform-split', {}],
    ['max-parallel', {}],
    ['digests', { mode: 'merge', context: '.' }],
    ['digests-from', { mode: 'merge', context: '.' }],
    ['base-annotations', {}],
    ['summary', {}],
    ['build-record-upload', {}],
    ['buildkitd-config', remote()],
    ['depot-project', {}],
    ['depot-token', {}],
    ['depot-version', {}],
    ['depot-download-url', {}],
    ['depot-sha256', { 'depot-version': '2.102.12' }],
    ['depot-fallback', {}],
    ['depot-build-platform', {}],
    ['depot-save', {}],
    ['sign', {}],
    ['sign-key', {}],
    ['sign-key-password', {}],
    ['sign-fulcio-url', {}],
    ['sign-rekor-url', {}],
    ['sign-tlog', {}],
    ['cosign-version', {}],
    ['cosign-download-url', {}],
    ['cosign-sha256', { 'cosign-version': '3.1.1' }],
    ['compare-with', {}],
    ['max-size-increase', {}],
    // the release plan's inputs: refused outside mode: plan
    ['image', {}],
    ['runners', {}],
    ['default-runner', {}]
  ]

  itInputCheck('inputs that only take a known shape refuse every payload before anything runs', async () => {
    const P = PAYLOADS[0]?.[1] ?? ''
    const cases = KNOWN_SHAPE
    const value = (input: string) => (input === 'secrets' ? `${P}=x` : input === 'secret-files' ? `f=${P}` : P)
    const results = await pool(cases, 6, ([input, extra]) =>
      tryRun(`refuse ${input}`, { context: ctx, tags: `${tb.registry}/${uniqueRepo('hardening-inj')}:r`, ...extra, [input]: value(input) })
    )
    figures.injectionValues += cases.length
    results.forEach(({ run, argv }, i) => {
      const input = cases[i]?.[0] ?? ''
      expect([input, run.main.code === 0]).toEqual([input, false])
      const error = run.main.log.split('\n').find(l => l.startsWith('::error::')) ?? ''
      // builder-platforms and buildkitd-config name the problem after their own prefix; each names its input
      expect([input, error.startsWith(`::error::${input}: `)]).toEqual([input, true])
      expect(run.main.log).not.toMatch(BUILD_GROUPS)
      expect(argv.some(a => a[1] === 'build' || a[1] === 'bake' || a[1] === 'create')).toBe(false)
    })
  })

  itActionLogic(
    'inputs for switching from bake-action and Depot take every payload as a literal value or refuse it naming the input',
    async () => {
      const P = PAYLOADS[0]?.[1] ?? ''
      const bakeFile = path.join(
        writeContext({ 'docker-bake.hcl': `variable "V" {}\ntarget "default" {\n  context = "${ctx}"\n}\n` }),
        'docker-bake.hcl'
      )
      const cases: Array<[string, Record<string, string>]> = [
        ['source', { context: '' }],
        ['vars', { context: '', files: bakeFile }],
        ['github-token', {}],
        ['project', {}],
        ['token', {}],
        ['buildx-fallback', {}],
        ['build-platform', {}],
        ['save', {}],
        ['save-tag', { save: 'true' }],
        ['save-tags', { save: 'true' }],
        ['lint', {}],
        ['lint-fail-on', {}],
        ['sbom-dir', {}],
        ['workdir', { context: '' }]
      ]
      const value = (input: string) => (input === 'vars' ? `V=${P}` : P)
      const results = await pool(cases, 6, ([input, extra]) =>
        tryRun(`switching ${input}`, { context: ctx, ...extra, [input]: value(input) })
      )
      figures.injectionValues += cases.length
      results.forEach(({ run }, i) => {
        const input = cases[i]?.[0] ?? ''
        // refused: the error names the input; taken: the run's invariants (tryRun) and the marker
        // check (afterAll) show that no shell ran and no workflow command was injected
        const error = run.main.log.split('\n').find(l => l.startsWith('::error::')) ?? ''
        if (run.main.code !== 0) expect([input, error]).toEqual([input, expect.stringMatching(new RegExp(`^::error::${input}: `))])
      })
    }
  )

  eachActionLogic(NEWLINES.map(nl => [nl] as [string]))(
    'a line break in a single-value input cannot start a workflow command or an output (%j)',
    async NL => {
      const { run, argv } = await tryRun('line breaks', {
        context: ctx,
        target: NL,
        network: NL,
        'cache-from': `type=local,src=${NL}`,
        provenance: `mode=min,builder-id=${NL}`,
        allow: NL
      })
      const build = buildCall(argv)
      expect(hasPair(build, '--target', NL)).toBe(true)
      expect(hasPair(build, '--network', NL)).toBe(true)
      expect(hasPair(build, '--provenance', `mode=min,builder-id=${NL}`)).toBe(true)
      figures.injectionValues += 5
      // The action's own argv line shows the break escaped; whatever buildx echoed stays inert text.
      expect(run.main.log).toContain(`--target $'${NL.replaceAll('\r', '\\r').replaceAll('\n', '\\n')}'`)
      expect(run.main.code).not.toBe(0)
      expect(run.summary).not.toMatch(/^::/m)
    }
  )

  it('a line break in list inputs makes list items, never outputs (file commands use random delimiters)', async () => {
    const repo = uniqueRepo('hardening-inj')
    const { run } = await tryRun('list line breaks', {
      context: ctx,
      tags: `${tb.registry}/${repo}:n`,
      push: 'true',
      platforms: 'linux/amd64',
      provenance: 'mode=max',
      'build-args': 'RUNID=x\ninjected=1',
      labels: 'l=x\ninjected=1\ndigest=sha256:forged'
    })
    expectSuccess(run)
    expect(Object.keys(run.outputs)).not.toContain('injected')
    const index = await getManifest(repo, 'n')
    expect(run.outputs['digest']).toBe(index.digest)
    // The provenance in the metadata output (buildx >= 0.23 writes it there) records the build
    // args, as JSON inside one output.
    if (hasCapability('provenance-in-metadata', tb)) expect(run.outputs['metadata']).toContain('injected')
    // older buildx: no provenance there at all (so nothing of it to check), never a partial one
    else expect(Object.keys(JSON.parse(run.outputs['metadata'] ?? '{}'))).not.toContain('buildx.build.provenance')
    const file = readFileSync(run.files.output, 'utf8')
    expect(file.split('\n').filter(l => /^injected[=<]/.test(l))).toEqual([])
    expect(file.split('\n').filter(l => /^digest[=<]/.test(l))).toHaveLength(1)
    const image = index.json.manifests.find((m: any) => m.platform?.architecture === 'amd64')
    const config = JSON.parse((await getBlob(repo, (await getManifest(repo, image.digest)).json.config.digest)).toString('utf8'))
    expect(config.config.Labels).toMatchObject({ l: 'x', injected: '1', digest: 'sha256:forged' })
  })

  itActionLogic('markup in what reaches the job summary is escaped', async () => {
    const markup = '<img src=x onerror=alert(1)> | a | b | [x](javascript:alert(1)) **bold** <!-- c --> ## heading'
    const failing = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN echo '${markup}' && exit 3\n` })
    const { run } = await tryRun('summary markup', { context: failing, target: '<script>alert(1)</script>' })
    const { run: run2 } = await tryRun('summary markup', { context: failing })
    for (const r of [run, run2]) {
      expect(r.main.code).not.toBe(0)
      expect(r.summary).toContain('CAUTION')
      expect(r.summary).not.toMatch(/<img|<script|<!--/)
      expect(r.summary).not.toMatch(/^#+ heading/m)
      const caution = r.summary.split('\n').filter(l => l.startsWith('> ') && /alert/.test(l))
      expect(caution.length).toBeGreaterThan(0)
      for (const line of caution) {
        // every markdown-active character from the value is backslash-escaped
        const body = line.slice(2).replaceAll('<br>', '')
        expect(body).not.toMatch(/(^|[^\\])[[\]|*`]/)
      }
    }
    expect(run.summary).toContain('&lt;script&gt;')
    expect(run2.summary).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  itActionLogic('covered every input of action.yml', async () => {
    // the known-shape sweep is an input check: on the other stack it ran on INPUT_CHECK_STACK
    const covered = new Set([...used, ...KNOWN_SHAPE.flatMap(([input, extra]) => [input, ...Object.keys(extra)])])
    expect(INPUTS.filter(i => !covered.has(i))).toEqual([])
  })
})

// --- 3. secrets -------------------------------------------------------------------------------------

describe('3. secrets never leak', () => {
  it('keeps every secret value out of logs, outputs, state, summary, temp files, argv, the build record and the registry', async () => {
    const rand = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
    const S = {
      value: `sv-${rand()}-value-secret`,
      file: `sf-${rand()}-file-secret`,
      env: `se-${rand()}-env-secret`,
      depotToken: `dt-${rand()}-depot-token`,
      password: `rp-${rand()}-registry-password`,
      authPassword: `ra-${rand()}-registry-auth-password`
    }
    // the push goes to a registry that asks for this password: the login is really used
    const proxy = await FaultProxy.start(tb.registry)
    startedProxies.push(proxy)
    proxy.requireBasicAuth('bia-user', S.password)
    // and a second registry, logged in to through registry-auth, with a password of its own
    const proxy2 = await FaultProxy.start(tb.registry)
    startedProxies.push(proxy2)
    proxy2.requireBasicAuth('bia-user2', S.authPassword)
    const sha = (s: string) => createHash('sha256').update(s).digest('hex')
    const dir = mkdtempSync(path.join(work, 'secrets-'))
    const secretFile = path.join(dir, 'secret.txt')
    writeFileSync(secretFile, S.file)
    writeFileSync(
      path.join(dir, 'Dockerfile'),
      [
        `FROM ${tb.baseImage}`,
        'ARG HV',
        'ARG HF',
        'ARG HE',
        // the build proves each secret arrived, comparing digests so nothing of the value is printed
        // (secrets are mounted as files: Docker 26's Dockerfile frontend has no env= for secret mounts)
        `RUN --mount=type=secret,id=v --mount=type=secret,id=f --mount=type=secret,id=e test "$(sha256sum /run/secrets/v | cut -d' ' -f1)" = "$HV" && test "$(sha256sum /run/secrets/f | cut -d' ' -f1)" = "$HF" && test "$(sha256sum /run/secrets/e | cut -d' ' -f1)" = "$HE" && echo verified > /proof`,
        ''
      ].join('\n')
    )
    const shim = writeShims()
    const argvLog = path.join(dir, 'argv.jsonl')
    const githubEnv = path.join(dir, 'github-env')
    writeFileSync(githubEnv, '')
    const repo = uniqueRepo('hardening-secrets')
    const run = await runAction(
      {
        context: dir,
        tags: `${proxy.registry}/${repo}:s\n${proxy2.registry}/${repo}:s2`,
        push: 'true',
        platforms: 'linux/amd64',
        provenance: 'mode=max',
        'registry-auth': `- registry: ${proxy2.registry}\n  username: bia-user2\n  password: ${S.authPassword}\n`,
        engine: 'buildx',
        registry: proxy.registry,
        username: 'bia-user',
        password: S.password,
        'depot-token': S.depotToken,
        secrets: `v=${S.value}`,
        'secret-files': `f=${secretFile}`,
        'secret-envs': 'e=BIA_SECRET_ENV',
        'build-args': `HV=${sha(S.value)}\nHF=${sha(S.file)}\nHE=${sha(S.env)}`
      },
      {
        skipPost: true,
        env: { BIA_SECRET_ENV: S.env, ...shim.env(argvLog), GITHUB_ENV: githubEnv }
      }
    )
    expect(run.main.code).toBe(0)
    expect(run.main.log).toContain('verified')
    // masked for the runner: the value, the env secret's value and the Depot token
    const masks = run.main.log.split('\n').filter(l => l.startsWith('::add-mask::'))
    for (const v of [S.value, S.env, S.depotToken, S.password, S.authPassword]) expect(masks).toContain(`::add-mask::${v}`)

    const runnerTemp = path.join(run.dir, 'runner-temp')
    const places: Array<[string, string | Buffer]> = [
      ['main log (as shown)', shownLog(run.main.log)],
      ['GITHUB_OUTPUT after main', readFileSync(run.files.output)],
      ['GITHUB_STATE after main', readFileSync(run.files.state)],
      ['GITHUB_ENV', readFileSync(githubEnv)]
    ]
    for (const f of filesUnder(runnerTemp)) places.push([`RUNNER_TEMP after main: ${path.relative(runnerTemp, f.file)}`, f.bytes])
    // the exported build records are gzip tars: their members, decompressed, are searched too
    const records = filesUnder(runnerTemp).filter(f => f.file.endsWith('.dockerbuild'))
    expect(records.length > 0).toBe(hasCapability('build-history', tb))
    for (const f of records) places.push([`build record ${path.basename(f.file)}, decompressed`, gunzipSync(f.bytes)])

    const post = await runPost(run, { ...shim.env(argvLog), GITHUB_ENV: githubEnv })
    expect(post.code).toBe(0)
    places.push(
      ['post log (as shown)', shownLog(post.log)],
      ['GITHUB_OUTPUT after post', readFileSync(run.files.output)],
      ['job summary', readFileSync(run.files.summary)],
      ['GITHUB_ENV after post', readFileSync(githubEnv)],
      ['argv of every docker and buildx call', readFileSync(argvLog)],
      ['docker config.json after post (logged out)', readFileSync(path.join(shim.dockerConfig, 'config.json'))]
    )
    expect(readArgv(argvLog).filter(a => a[0] === 'login')).toHaveLength(2)
    expect(readArgv(argvLog).some(a => a[1] === 'build')).toBe(true)
    for (const f of filesUnder(runnerTemp)) places.push([`RUNNER_TEMP after post: ${path.relative(runnerTemp, f.file)}`, f.bytes])
    expect(readdirSync(runnerTemp).filter(n => n.startsWith('build-image-'))).toEqual([])

    // The builder's own record of the build, and everything the registry holds but the layers.
    const outputs = parseFileCommands(readFileSync(run.files.output, 'utf8'))
    const metadata = JSON.parse(outputs['metadata'] ?? '{}')
    const ref =
      String(metadata['buildx.build.ref'] ?? '')
        .split('/')
        .pop() ?? ''
    expect(ref).not.toBe('')
    const builder = outputs['builder-name'] ?? ''
    // (older buildx keeps no record the CLI can read: capabilities.test.ts checks that claim)
    const history = hasCapability('build-history', tb)
    for (const args of history
      ? [
          ['buildx', 'history', 'inspect', '--builder', builder, ref],
          ['buildx', 'history', 'inspect', '--builder', builder, ref, '--format', 'json']
        ]
      : []) {
      const r = await sh('docker', args)
      expect(r.code).toBe(0)
      places.push([`docker ${args.join(' ')}`, r.stdout + r.stderr])
    }
    const index = await getManifest(repo, 's')
    places.push(['registry index', index.body])
    for (const m of index.json.manifests) {
      const manifest = await getManifest(repo, m.digest)
      places.push([`registry manifest ${m.digest}`, manifest.body])
      const blobs = m.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest' ? manifest.json.layers : [manifest.json.config]
      for (const b of blobs) places.push([`registry blob ${b.digest} (${b.mediaType})`, await getBlob(repo, b.digest)])
    }
    // the provenance (mode=max) was read: it holds the build args, so it was really scanned
    expect(places.some(([where, text]) => where.includes('in-toto') && text.toString().includes(sha(S.value)))).toBe(true)

    const leaks: string[] = []
    for (const [name, value] of Object.entries(S)) {
      for (const form of secretForms(value)) {
        for (const [where, text] of places) if (text.toString().includes(form)) leaks.push(`${name} (${form}) in ${where}`)
      }
      figures.secretForms += secretForms(value).length
    }
    expect(leaks).toEqual([])
    figures.secretValues += Object.keys(S).length
    figures.filesScanned += places.length
  })
})

// --- 4. registry faults -----------------------------------------------------------------------------

describe('4. registry faults, through a fault-injecting proxy', () => {
  let proxy: FaultProxy
  const repo = uniqueRepo('hardening-faults')
  /** every per-platform manifest and index any run pushed: none may ever disappear */
  const pushed = new Set<string>()

  beforeAll(async () => {
    proxy = await FaultProxy.start(tb.registry)
    startedProxies.push(proxy)
  })

  afterAll(async () => {
    figures.faults += proxy.faultsInjected()
    for (const d of pushed) expect([d, (await getManifest(repo, d)).status]).toEqual([d, 200])
    expect(proxy.requests.filter(r => r.method === 'DELETE')).toEqual([])
  })

  const push = (tag: string, runid: string, extra: Record<string, string> = {}) =>
    runAction({
      context: ctx,
      tags: `${proxy.registry}/${repo}:${tag}`,
      push: 'true',
      platforms: 'linux/amd64',
      'build-args': `RUNID=${runid}`,
      ...extra
    })
  const split = (tag: string, runid: string) =>
    // one platform at a time: two exports naming the same repository at once can collide in one engine's image store
    push(tag, runid, { ...remote(), 'platform-split': 'true', platforms: 'linux/amd64,linux/arm64', 'max-parallel': '1' })
  const errorOf = (run: ActionRun) => run.main.log.split('\n').find(l => l.startsWith('::error::')) ?? ''
  const digestsPushedBy = (run: ActionRun) => [...run.main.log.matchAll(/pushed \S+@(sha256:[a-f0-9]{64})/g)].map(m => m[1] ?? '')

  // The push's own retries (push-retry.test.ts) would only add backoff here: these runs push once,
  // and their error is the registry's, with no "(after N push attempts)".
  const once = { 'push-retries': '0' }

  it('the registry down before a push: a clear error, and no tag', async () => {
    await proxy.down()
    let run: ActionRun
    try {
      run = await push('down', `down-${Date.now()}`, once)
    } finally {
      await proxy.up()
    }
    figures.faults++
    expect(run.main.code).not.toBe(0)
    expect(errorOf(run)).toMatch(new RegExp(`^::error::build failed: .*${proxy.registry}.*connection refused$`))
    expect(run.main.log).not.toMatch(/push attempt/)
    expect(await listTags(repo)).not.toContain('down')
    expect(run.post.code).toBe(0)
  })

  it('the connection closed in the middle of every blob upload: a clear error, and no tag', async () => {
    const patch = proxy.inject({ method: 'PATCH', path: BLOB_UPLOAD, times: Infinity, fault: { kind: 'close' } })
    const put = proxy.inject({ method: 'PUT', path: BLOB_UPLOAD, times: Infinity, fault: { kind: 'close' } })
    const run = await push('cut-blobs', `cut-blobs-${Date.now()}`, once)
    proxy.clearFaults()
    expect(patch() + put()).toBeGreaterThan(0)
    expect(run.main.code).not.toBe(0)
    expect(errorOf(run)).toMatch(/^::error::build failed: .*(EOF|reset by peer|closed|broken pipe)$/i)
    expect(run.main.log).not.toMatch(/push attempt/)
    expect(await listTags(repo)).not.toContain('cut-blobs')
    expect(run.post.code).toBe(0)
  })

  it('the connection closed while the tag is put: no tag, and what was pushed stays', async () => {
    const cut = proxy.inject({ method: 'PUT', path: MANIFEST_BY_TAG, times: Infinity, fault: { kind: 'close' } })
    const run = await push('cut-tag', `cut-tag-${Date.now()}`, once)
    proxy.clearFaults()
    expect(cut()).toBeGreaterThan(0)
    expect(run.main.code).not.toBe(0)
    expect(errorOf(run)).toMatch(/^::error::build failed: .*cut-tag.*(EOF|reset by peer|closed)$/i)
    expect(run.main.log).not.toMatch(/push attempt/)
    expect(await listTags(repo)).not.toContain('cut-tag')
    // the platform manifests went up by digest before the tag: they are still there
    const byDigest = proxy.requests.filter(r => r.method === 'PUT' && /\/manifests\/sha256:/.test(r.path) && r.outcome === 201)
    expect(byDigest.length).toBeGreaterThan(0)
    for (const r of byDigest) pushed.add(r.path.split('/manifests/')[1] ?? '')
    expect(run.post.code).toBe(0)
  })

  let previous = ''
  it('platform-split merge: 500 on the first manifest-list uploads is retried with backoff, and the tag moves to a complete index', async () => {
    const base = await split('v1', `base-${Date.now()}`)
    expectSuccess(base)
    previous = (await expectCompleteOrAbsent(repo, 'v1', ['linux/amd64', 'linux/arm64'])) ?? ''
    expect(previous).toMatch(/^sha256:/)
    pushed.add(previous)
    for (const d of digestsPushedBy(base)) pushed.add(d)

    const hits = proxy.inject({ method: 'PUT', path: MANIFEST_BY_TAG, times: 3, fault: { kind: 'status', status: 500 } })
    const run = await split('v1', `r500-${Date.now()}`)
    expectSuccess(run)
    expect(hits()).toBe(3)
    expect(run.main.log).toMatch(/::warning::imagetools create failed \(attempt 1 of 4\), retrying in 500 ms: .*500 Internal Server Error/)
    const now = await expectCompleteOrAbsent(repo, 'v1', ['linux/amd64', 'linux/arm64'])
    expect(now).toBe(run.outputs['digest'])
    expect(now).not.toBe(previous)
    previous = now ?? ''
    pushed.add(previous)
    for (const d of digestsPushedBy(run)) pushed.add(d)
  })

  it('platform-split merge: 429 with Retry-After is retried the same way', async () => {
    const hits = proxy.inject({
      method: 'PUT',
      path: MANIFEST_BY_TAG,
      times: 7,
      fault: { kind: 'status', status: 429, retryAfterSeconds: 1 }
    })
    const run = await split('v1', `r429-${Date.now()}`)
    expectSuccess(run)
    expect(hits()).toBe(7)
    expect(run.main.log).toMatch(/::warning::imagetools create failed \(attempt 1 of 4\).*429 Too Many Requests/)
    const now = await expectCompleteOrAbsent(repo, 'v1', ['linux/amd64', 'linux/arm64'])
    expect(now).toBe(run.outputs['digest'])
    previous = now ?? ''
    pushed.add(previous)
  })

  it('platform-split merge against a registry that keeps failing: bounded retries, a clear error, and the tag keeps its previous index', async () => {
    const hits = proxy.inject({ method: 'PUT', path: MANIFEST_BY_TAG, times: Infinity, fault: { kind: 'status', status: 500 } })
    const run = await split('v1', `fail-${Date.now()}`)
    proxy.clearFaults()
    expect(run.main.code).not.toBe(0)
    expect(errorOf(run)).toMatch(/^::error::imagetools create failed after 4 attempts: .*500 Internal Server Error/)
    // 4 attempts (buildx itself tries each PUT twice), never more
    expect(hits()).toBeLessThanOrEqual(8)
    expect(run.main.log.match(/imagetools create failed \(attempt \d of 4\)/g)).toHaveLength(3)
    expect(await expectCompleteOrAbsent(repo, 'v1', ['linux/amd64', 'linux/arm64'])).toBe(previous)
    // the per-platform images this run pushed by digest are kept for a later merge
    const orphans = digestsPushedBy(run)
    expect(orphans).toHaveLength(2)
    for (const d of orphans) pushed.add(d)
    expect(run.post.code).toBe(0)
  })

  it('report reads: 500 on the first manifest reads is retried, and the report is complete', async () => {
    // Only the action's own reads (its User-Agent): the engine's push also reads manifests on Docker 26.
    const hits = proxy.inject({
      method: 'GET',
      path: ANY_MANIFEST,
      userAgent: /^build-image-action/,
      times: 3,
      fault: { kind: 'status', status: 500 }
    })
    const run = await push('reads', `reads-${Date.now()}`, { platforms: 'linux/amd64,linux/arm64' })
    expectSuccess(run)
    expect(hits()).toBe(3)
    expect(run.main.log).toMatch(/::warning::reading \S+@sha256:[a-f0-9]{64} failed \(attempt 1 of 4\)/)
    const index = await getManifest(repo, 'reads')
    const report = JSON.parse(run.outputs['manifests'] ?? '{}')['default']
    expect(report.digest).toBe(index.digest)
    expect(report.source).toBe('registry')
    expect(report.platforms.map((p: any) => p.platform).sort()).toEqual(['linux/amd64', 'linux/arm64'])
    expect(report.platforms.map((p: any) => p.digest).sort()).toEqual(
      index.json.manifests
        .filter((m: any) => m.platform?.os !== 'unknown')
        .map((m: any) => m.digest)
        .sort()
    )
    expect(run.main.log).not.toMatch(/could not read what was built|cannot read manifest/)
  })
})

// --- 5. cancellation --------------------------------------------------------------------------------

interface Proc {
  pid: number
  start: string
}

function procStat(pid: number): { state: string; start: string } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return { state: fields[0] ?? '', start: fields[19] ?? '' }
  } catch {
    return undefined
  }
}

function alive(p: Proc): boolean {
  const s = procStat(p.pid)
  return s !== undefined && s.start === p.start && s.state !== 'Z'
}

/** Every descendant of pid, through /proc/<pid>/task/<tid>/children. */
function descendants(pid: number): Proc[] {
  const out: Proc[] = []
  let tasks: string[] = []
  try {
    tasks = readdirSync(`/proc/${pid}/task`)
  } catch {
    return out
  }
  for (const t of tasks) {
    let children: number[] = []
    try {
      children = readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
    } catch {
      continue
    }
    for (const c of children) {
      const s = procStat(c)
      if (s) out.push({ pid: c, start: s.start }, ...descendants(c))
    }
  }
  return out
}

/** Processes on this machine whose command line contains `text` (the RUN step's shell). */
function processesWith(text: string): Proc[] {
  const out: Proc[] = []
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(text)) {
        const s = procStat(Number(name))
        if (s && s.state !== 'Z') out.push({ pid: Number(name), start: s.start })
      }
    } catch {
      // gone meanwhile
    }
  }
  return out
}

async function waitFor(what: string, cond: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise(r => setTimeout(r, 100))
  }
}

describe('5. cancellation', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s during a build stops it promptly, leaves no process behind, and post still cleans up',
    async sig => {
      const token = `bia-cancel-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
      const slow = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN echo ${token} && sleep 60; echo ${token}-done\n` })
      let mainPid = 0
      // logged in to a registry that asks for a password, in a docker config of its own: post must log out
      const proxy = await FaultProxy.start(tb.registry)
      startedProxies.push(proxy)
      proxy.requireBasicAuth('bia-cancel', `${token}-pw`)
      const config = privateDockerConfig()
      const login = { registry: proxy.registry, username: 'bia-cancel', password: `${token}-pw` }
      const pending = runAction(
        { context: slow, ...remote(), platforms: 'linux/amd64', 'no-cache': 'true', ...login },
        { onMainStart: pid => (mainPid = pid), env: { DOCKER_CONFIG: config } }
      )
      // The RUN step has started when its shell runs on this machine (BuildKit runs it here).
      await waitFor('the RUN step to start', () => processesWith(token).length > 0, 90_000)
      const tree = descendants(mainPid)
      expect(tree.length).toBeGreaterThan(0)
      const main: Proc = { pid: mainPid, start: procStat(mainPid)?.start ?? '' }
      const signalled = Date.now()
      process.kill(mainPid, sig)
      figures.signals++
      await waitFor('main to exit', () => !alive(main), 30_000)
      const stoppedIn = Date.now() - signalled
      const run = await pending
      expect(stoppedIn).toBeLessThan(15_000)
      expect(run.main.code).not.toBe(0)
      expect(run.main.log).toContain(`received ${sig}: stopping the build`)
      // (the Dockerfile line itself names token-done; its output would be a timestamped line)
      expect(run.main.log).not.toMatch(new RegExp(`^#\\d+ [\\d.]+ ${token}-done$`, 'm'))
      expect(run.main.log).toMatch(new RegExp(`^#\\d+ [\\d.]+ ${token}$`, 'm'))
      // buildx and everything main started is gone, and BuildKit stopped the RUN step
      expect(tree.filter(alive)).toEqual([])
      await waitFor('the RUN step to stop', () => processesWith(token).length === 0, 15_000)
      // post removed what main created: the temporary directory, the builder and the login
      const state = mainState(run)
      expect(state.error).toBe(`cancelled by ${sig}`)
      expect(state.builderCreated).toBe(true)
      expect(state.loginRegistries).toEqual([proxy.registry])
      expect(run.post.code).toBe(0)
      expect(existsSync(state.tempDir)).toBe(false)
      expect((await sh('docker', ['buildx', 'ls'], { DOCKER_CONFIG: config })).stdout).not.toContain(state.builder)
      expect((await sh('docker', ['buildx', 'inspect', state.builder], { DOCKER_CONFIG: config })).code).not.toBe(0)
      expect(dockerConfigLogins(config)).toEqual([])
      expect(run.post.log).toContain(`logged out of ${proxy.registry}`)
    }
  )
})

// --- 6. builder isolation ---------------------------------------------------------------

describe('6. builder isolation', () => {
  const repository = `octo/app-${Date.now().toString(36)}`
  const envFor = (over: Record<string, string> = {}) => ({
    GITHUB_REPOSITORY: repository,
    GITHUB_REF_NAME: 'main',
    GITHUB_ACTOR: 'alice',
    GITHUB_RUN_ID: '1',
    GITHUB_JOB: 'build',
    ...over
  })
  /** The name the action must give: computed here from the documented rule, not by the action's code. */
  const expectedName = (scope: string, parts: string[]) =>
    `build-image-${scope}-${createHash('sha256')
      .update(JSON.stringify([scope, ...parts]))
      .digest('hex')
      .slice(0, 12)}`
  const scoped = (scope: string, env: Record<string, string>, extra: Record<string, string> = {}) =>
    runAction({ context: ctx, ...remote(), platforms: 'linux/amd64', 'builder-scope': scope, ...extra }, { env })
  const nameOf = (run: ActionRun) => {
    const name = run.mainOutputs['builder-name'] ?? ''
    createdBuilders.set(name, tb.dockerConfig)
    return name
  }
  const exists = async (name: string) => (await sh('docker', ['buildx', 'inspect', name])).code === 0

  it('names a scoped builder from the hash of its scope, creates it once, reuses it and keeps it after the job', async () => {
    const first = await scoped('repo', envFor())
    expectSuccess(first)
    const name = nameOf(first)
    expect(name).toBe(expectedName('repo', [repository]))
    expect(first.main.log).toContain(`created builder ${name}`)
    expect(await exists(name)).toBe(true)

    const second = await scoped('repo', envFor({ GITHUB_REF_NAME: 'other', GITHUB_ACTOR: 'bob', GITHUB_RUN_ID: '2' }))
    expectSuccess(second)
    expect(nameOf(second)).toBe(name)
    expect(second.main.log).toContain(`reusing builder ${name}`)
    expect(second.main.log).not.toContain('created builder')
    expect(second.post.log).not.toContain('Remove builder')
    expect(await exists(name)).toBe(true)
  })

  itActionLogic('never lets different repos, branches, actors or jobs share a builder', async () => {
    const cases: Array<[string, Record<string, string>, string[]]> = [
      ['repo', envFor({ GITHUB_REPOSITORY: `${repository}-fork` }), [`${repository}-fork`]],
      ['branch', envFor(), [repository, 'main']],
      ['branch', envFor({ GITHUB_REF_NAME: 'feature/x' }), [repository, 'feature/x']],
      ['actor', envFor(), [repository, 'alice']],
      ['actor', envFor({ GITHUB_ACTOR: 'mallory' }), [repository, 'mallory']],
      ['job', envFor(), [repository, '1', 'build']]
    ]
    const runs = await pool(cases, 3, ([scope, env]) => scoped(scope, env))
    const names = runs.map((run, i) => {
      expectSuccess(run)
      const [scope, , parts] = cases[i] ?? []
      const name = nameOf(run)
      expect(name).toBe(expectedName(scope ?? '', parts ?? []))
      return name
    })
    expect(new Set([...names, expectedName('repo', [repository])]).size).toBe(cases.length + 1)
  })

  itActionLogic(
    'a pull request from a fork never writes the shared cache (cache-to dropped with a warning) and gets its own builder, unless allowed',
    async () => {
      const event = path.join(mkdtempSync(path.join(work, 'event-')), 'event.json')
      writeFileSync(
        event,
        JSON.stringify({ pull_request: { number: 7, head: { repo: { full_name: 'mallory/app' } } }, repository: { full_name: repository } })
      )
      const env = envFor({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event, GITHUB_REF_NAME: '7/merge' })
      const cache = mkdtempSync(path.join(work, 'cache-'))

      const fork = await scoped('repo', env, { 'cache-to': `type=local,dest=${cache}/shared` })
      expectSuccess(fork)
      expect(fork.main.log).toMatch(/::warning::cache-to: 1 cache export\(s\) dropped: .*fork mallory\/app.*allow-fork-cache-write: true/)
      expect(fork.main.log.split('\n').find(l => l.startsWith('buildx build'))).not.toContain('--cache-to')
      expect(existsSync(path.join(cache, 'shared'))).toBe(false)
      expect(nameOf(fork)).toBe(expectedName('repo', [repository, 'fork:mallory/app']))

      const allowed = await scoped('repo', env, { 'cache-to': `type=local,dest=${cache}/shared`, 'allow-fork-cache-write': 'true' })
      expectSuccess(allowed)
      expect(allowed.main.log).not.toContain('cache export(s) dropped')
      expect(existsSync(path.join(cache, 'shared', 'index.json'))).toBe(true)
      expect(nameOf(allowed)).toBe(expectedName('repo', [repository]))
    }
  )
})
