// Attacks from the second security review (issue 16), each run through dist/ against the testbed
// and checked where the attack would land: the registry's manifests and configs, the runner's view
// of the log, the tool cache, the main process's memory.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import { FaultProxy } from './fault-proxy.js'
import {
  describeActionLogic,
  eachInputCheck,
  everythingKept,
  expectSuccess,
  getBlob,
  getManifest,
  privateDockerConfig,
  ROOT,
  runAction,
  runnerCommands,
  sh,
  testbed,
  uniqueRepo,
  writeContext,
  type ActionRun,
  type Testbed
} from './harness.js'

let tb: Testbed

beforeAll(() => {
  tb = testbed()
})

/** The image config of the linux/amd64 image a tag names, read from the registry. */
async function configOf(repo: string, tag: string): Promise<any> {
  const top = await getManifest(repo, tag)
  const manifest = top.json.manifests
    ? await getManifest(repo, top.json.manifests.find((m: any) => m.platform?.architecture === 'amd64').digest)
    : top
  return JSON.parse((await getBlob(repo, manifest.json.config.digest)).toString('utf8'))
}

describeActionLogic('6. secret inputs never reach the processes the action starts', () => {
  let proxy: FaultProxy
  const USER = 'ci-user'
  const PASSWORD = `pw-${Math.random().toString(36).slice(2)}`
  const INLINE = `inline-${Math.random().toString(36).slice(2)}`

  beforeAll(async () => {
    proxy = await FaultProxy.start(tb.registry)
    proxy.requireBasicAuth(USER, PASSWORD)
  })
  afterAll(async () => {
    await proxy.close()
  })

  it('a bake file reading INPUT_PASSWORD and INPUT_SECRETS gets nothing: the pushed image holds neither', async () => {
    const repo = uniqueRepo('sec-env')
    const ctx = writeContext({
      Dockerfile: `FROM ${tb.baseImage}\nARG PW\nRUN echo "pw=$PW" > /leak\n`,
      'docker-bake.hcl': [
        'variable "INPUT_PASSWORD" { default = "unset" }',
        'variable "INPUT_SECRETS" { default = "unset" }',
        'target "default" {',
        '  context = "."',
        `  tags = ["${proxy.registry}/${repo}:v1"]`,
        '  platforms = ["linux/amd64"]',
        '  args = { PW = "${INPUT_PASSWORD}" }',
        '  labels = { "leak.password" = "${INPUT_PASSWORD}", "leak.secrets" = "${INPUT_SECRETS}" }',
        '}'
      ].join('\n')
    })
    const run = await runAction(
      {
        files: path.join(ctx, 'docker-bake.hcl'),
        push: 'true',
        registry: proxy.registry,
        username: USER,
        password: PASSWORD,
        secrets: `tok=${INLINE}`
      },
      { cwd: ctx, env: { DOCKER_CONFIG: privateDockerConfig() } }
    )
    expectSuccess(run)
    const config = await configOf(repo, 'v1')
    expect(config.config.Labels).toMatchObject({ 'leak.password': 'unset', 'leak.secrets': 'unset' })
    const everything = JSON.stringify(config)
    expect(everything).not.toContain(PASSWORD)
    expect(everything).not.toContain(INLINE)
  })
})

// --- 4. workflow-command injection ----------------------------------------------------------------

/** Line breaks in every form the runner splits at, each followed by a command, and a %-escape. */
const INJECTION = 'x\n::error::INJ-lf\r::set-output name=INJ::cr\r\n::warning::INJ-crlf %0A::error::INJ-pct'
/**
 * A command the payload started: its data (or its name= property) begins with INJ. The action's
 * own ::add-mask:: lines (a secret input's lines, masked as given) are not: their data is escaped.
 */
const injected = (run: ActionRun) =>
  runnerCommands(`${run.main.log}\n${run.post.log}`).filter(
    c => !c.startsWith('::add-mask::') && /^::[\w-]+(?: [^:]*)?::INJ|^::set-output name=INJ/.test(c)
  )

/** Runs tasks `limit` at a time. */
async function pool<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = []
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i] as T)
    })
  )
  return out
}

describeActionLogic('4. no input, file or tool output starts a workflow command', () => {
  const inputs = Object.keys((parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: object }).inputs)

  it(`every input of action.yml (${inputs.length}) with line breaks before commands`, async () => {
    const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\n` })
    // a registry that takes any login, so a login input's value travels as far as it can
    const open = await FaultProxy.start(tb.registry)
    const login = { registry: open.registry, username: 'u', password: 'p' }
    // inputs that are read only next to others get them
    const extra: Record<string, Record<string, string>> = {
      username: login,
      password: login,
      registry: login,
      digests: { mode: 'merge', tags: `${tb.registry}/never:x`, context: '' },
      'digests-from': { mode: 'merge', tags: `${tb.registry}/never:x`, context: '' },
      files: { context: '' },
      workdir: { context: '' },
      'buildkitd-config': { driver: 'docker-container' },
      'buildkitd-config-inline': { driver: 'docker-container' },
      'buildkitd-flags': { driver: 'docker-container' },
      'driver-opts': { driver: 'docker-container' },
      'matrix-name': { matrix: 'v: [a]\n' }
    }
    const runs = await pool(inputs, 4, async input => ({
      input,
      run: await runAction({ context: ctx, ...extra[input], [input]: INJECTION }, { env: { DOCKER_CONFIG: privateDockerConfig() } })
    }))
    await open.close()
    const failures = runs.filter(r => injected(r.run).length > 0).map(r => [r.input, injected(r.run)])
    expect(failures).toEqual([])
    // The positive control: each value reached the action, which echoed it (escaped) in the log,
    // refused it naming the input, or (a new builder's options) handed it to `buildx create`, whose
    // error the log shows. A bundle that crashes at start passes the sweep above and fails here.
    const firstError = (run: ActionRun) => run.main.log.split('\n').find(l => l.startsWith('::error::')) ?? ''
    const builderInputs = ['driver-opts', 'buildkitd-config', 'buildkitd-config-inline', 'buildkitd-flags']
    const reached = ({ input, run }: (typeof runs)[number]) =>
      /INJ-lf/i.test(`${run.main.log}\n${run.post.log}`) ||
      firstError(run).startsWith(`::error::${input}:`) ||
      (builderInputs.includes(input) && /^::error::(buildx create|builder: cannot use builder) /.test(firstError(run)))
    const unseen = runs.filter(r => !reached(r)).map(r => [r.input, firstError(r.run)])
    expect(unseen).toEqual([])
  })

  it('a username with a carriage return, logged in for real: the log line after the login starts no command', async () => {
    const user = 'u\r::set-output name=INJ::x'
    const proxy = await FaultProxy.start(tb.registry)
    try {
      proxy.requireBasicAuth(user, 'pw')
      const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\n` })
      const run = await runAction(
        { context: ctx, registry: proxy.registry, username: user, password: 'pw' },
        { env: { DOCKER_CONFIG: privateDockerConfig() } }
      )
      expectSuccess(run)
      expect(run.main.log).toContain(`logged in to ${proxy.registry} as u`)
      expect(injected(run)).toEqual([])
    } finally {
      await proxy.close()
    }
  })

  it("a depot.json that is not JSON: the engine choice's reason quotes it, and starts no command", async () => {
    const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\n`, 'depot.json': 'x\r::error::INJ-d' })
    const run = await runAction({ context: ctx, engine: 'auto' })
    expectSuccess(run)
    expect(run.main.log).toContain('engine: buildx (no Depot project (depot.json is not valid JSON')
    expect(injected(run)).toEqual([])
  })
})

// --- 5. a malformed secret is masked first and never echoed -----------------------------------------

describe('5. a malformed secrets entry is never printed', () => {
  eachInputCheck([
    ['a second line of a multi-line value, with spaces before its =', 'tok=first line\nREST OF THE SECRET=tail'],
    ['a line without id=', 'tok=x\nRESTOFTHESECRET'],
    ['an id with characters an id cannot have', 'tok=x\nREST/OF+THE/SECRET=tail']
  ])('%s: the error names the line, and its text is in no log, state or summary', async (_what, secrets) => {
    const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\n` })
    const run = await runAction({ context: ctx, secrets })
    expect(run.main.code).not.toBe(0)
    const error = run.main.log.split('\n').find(l => l.startsWith('::error::')) ?? ''
    expect(error).toMatch(/^::error::secrets: entry 2\b/)
    const kept = everythingKept(run)
    for (const part of ['REST OF THE SECRET', 'RESTOFTHESECRET', 'REST/OF+THE/SECRET']) expect(kept).not.toContain(part)
    // the masks come before anything else the step prints
    const first = run.main.log.split('\n').findIndex(l => !l.startsWith('::add-mask::'))
    expect(
      run.main.log
        .split('\n')
        .slice(0, first)
        .some(l => l.includes('SECRET'))
    ).toBe(true)
  })
})

// --- 9. merge sources ---------------------------------------------------------------------------------

describe('9. merge sources are checked like digests and never read as flags', () => {
  it('a digests-from line that starts with - is refused, naming the file and line; a real merge passes its sources after --', async () => {
    const repo = uniqueRepo('sec-merge')
    const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\n` })
    const built = await runAction({ context: ctx, tags: `${tb.registry}/${repo}:src`, push: 'true', platforms: 'linux/amd64' })
    expectSuccess(built)
    const digest = (await getManifest(repo, 'src')).digest
    const file = path.join(ctx, 'digests.txt')

    writeFileSync(file, `${digest}\n--dry-run\n`)
    const bad = await runAction({ mode: 'merge', 'digests-from': file, tags: `${tb.registry}/${repo}:bad` })
    expect(bad.main.code).not.toBe(0)
    expect(bad.main.log.split('\n').find(l => l.startsWith('::error::'))).toMatch(/^::error::digests-from: .*digests\.txt line 2:/)
    expect((await getManifest(repo, 'bad')).status).toBe(404)

    writeFileSync(file, `${digest}\n`)
    const good = await runAction({ mode: 'merge', 'digests-from': file, tags: `${tb.registry}/${repo}:merged` })
    expectSuccess(good)
    expect(good.main.log).toContain(`buildx imagetools create --tag ${tb.registry}/${repo}:merged -- ${tb.registry}/${repo}@${digest}`)
    expect((await getManifest(repo, 'merged')).status).toBe(200)
  })
})

// --- 8. memory ----------------------------------------------------------------------------------------

/** Makes a node process write its peak resident set (VmHWM, KiB) to a file when it exits. */
function peakRssProbe(): { env: NodeJS.ProcessEnv; peakMiB: () => number; processes: () => number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bia-hwm-'))
  const probe = path.join(dir, 'hwm.cjs')
  // one file per process (main, then post): the largest peak is main's
  writeFileSync(
    probe,
    `process.on('exit', () => { const fs = require('fs'); const s = fs.readFileSync('/proc/self/status', 'utf8'); fs.writeFileSync(${JSON.stringify(dir)} + '/hwm-' + process.pid, /VmHWM:\\s+(\\d+)/.exec(s)[1]) })\n`
  )
  const peaks = () =>
    readdirSync(dir)
      .filter(f => f.startsWith('hwm-'))
      .map(f => Number(readFileSync(path.join(dir, f), 'utf8')) / 1024)
  return { env: { NODE_OPTIONS: `--require ${probe}` }, peakMiB: () => Math.max(...peaks()), processes: () => peaks().length }
}

describe('8. reading an OCI tarball reads its manifests, not its layers', () => {
  it('a 256 MB layer exported as type=oci: the report is complete and main never holds the tarball', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'bia-oci-'))
    try {
      const dest = path.join(out, 'image.tar')
      const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN head -c 268435456 /dev/urandom > /big\n` })
      const probe = peakRssProbe()
      const run = await runAction({ context: ctx, platforms: 'linux/amd64', outputs: `type=oci,dest=${dest}` }, { env: probe.env })
      expectSuccess(run)
      const size = statSync(dest).size
      expect(size).toBeGreaterThan(256 << 20)
      // the report read the manifests from the tarball: the layer is listed with its size
      const layers = JSON.parse(run.outputs['layers'] ?? '{}')
      expect(JSON.stringify(layers)).toMatch(/"size":\s*2\d{8}/)
      expect(probe.processes()).toBe(2)
      const peak = probe.peakMiB()
      console.log(`type=oci tarball of ${(size / 2 ** 20).toFixed(0)} MiB: main's peak RSS ${peak.toFixed(0)} MiB`)
      expect(peak).toBeLessThan(160)
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })
})

// --- 3. builder isolation -------------------------------------------------------------------------------

describe('3. a builder found under a scoped name is checked before it is used', () => {
  it('a remote builder planted under the scoped name with another endpoint is refused; nothing is built there', async () => {
    const config = privateDockerConfig()
    const env = { DOCKER_CONFIG: config, GITHUB_REPOSITORY: `octo/planted-${Date.now().toString(36)}` }
    // the name is public: computed from the repository, by the documented rule
    const name = `build-image-repo-${createHash('sha256')
      .update(JSON.stringify(['repo', env.GITHUB_REPOSITORY]))
      .digest('hex')
      .slice(0, 12)}`
    // the attacker's BuildKit: the second engine of the testbed stands in for it
    const planted = await sh('docker', ['buildx', 'create', '--name', name, '--driver', 'remote', tb.node2BuildkitAddr], {
      DOCKER_CONFIG: config
    })
    expect(planted.code).toBe(0)
    try {
      const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN echo where > /w\n` })
      const run = await runAction(
        { context: ctx, driver: 'remote', endpoint: tb.buildkitAddr, platforms: 'linux/amd64', 'builder-scope': 'repo' },
        { env }
      )
      expect(run.main.code).not.toBe(0)
      const error = run.main.log.split('\n').find(l => l.startsWith('::error::')) ?? ''
      expect(error).toMatch(
        new RegExp(`^::error::builder-scope: builder ${name} exists, but its endpoint is .*, not ${tb.buildkitAddr.replaceAll('.', '\\.')}`)
      )
      expect(run.main.log).not.toMatch(/::group::Build/)
    } finally {
      await sh('docker', ['buildx', 'rm', name], { DOCKER_CONFIG: config })
    }
  })
})

describe("3. a bake file's own cache-to is dropped for pull-request code", () => {
  /** An event file as the runner writes it: a pull request from a fork of `repository`. */
  function forkEvent(repository: string): string {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'bia-event-')), 'event.json')
    writeFileSync(
      file,
      JSON.stringify({ pull_request: { number: 7, head: { repo: { full_name: 'mallory/app' } } }, repository: { full_name: repository } })
    )
    return file
  }

  it('pull_request from a fork: no cache manifest in the registry and no local cache; the same bake under push writes both', async () => {
    const repo = uniqueRepo('sec-bakecache')
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'bia-bakecache-'))
    const ctx = writeContext({
      Dockerfile: `FROM ${tb.baseImage}\nARG SALT\nRUN echo "$SALT" > /salt\n`,
      'docker-bake.hcl': [
        'group "default" { targets = ["reg", "loc"] }',
        'target "base" {',
        '  context = "."',
        '  platforms = ["linux/amd64"]',
        `  args = { SALT = "${repo}" }`,
        '}',
        'target "reg" {',
        '  inherits = ["base"]',
        `  cache-to = ["type=registry,ref=${tb.registry}/${repo}:cache,mode=max"]`,
        '}',
        'target "loc" {',
        '  inherits = ["base"]',
        `  cache-to = ["type=inline", "type=local,dest=${cacheDir}/loc"]`,
        '}'
      ].join('\n')
    })
    const repository = 'octo/bake-cache'
    const inputs = { files: path.join(ctx, 'docker-bake.hcl'), set: `*.cache-to=type=local,dest=${cacheDir}/from-set` }

    const pr = await runAction(inputs, {
      cwd: ctx,
      env: { GITHUB_REPOSITORY: repository, GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: forkEvent(repository) }
    })
    expectSuccess(pr)
    expect(pr.main.log).toMatch(
      /::warning::cache-to: 2 cache export\(s\) of the bake definition and 1 cache-to override\(s\) of set dropped: .*fork mallory\/app/
    )
    expect((await getManifest(repo, 'cache')).status).toBe(404)
    expect(readdirSync(cacheDir)).toEqual([])

    const push = await runAction(
      { files: inputs.files },
      { cwd: ctx, env: { GITHUB_REPOSITORY: repository, GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: forkEvent(repository) } }
    )
    expectSuccess(push)
    expect(push.main.log).not.toContain('dropped')
    expect((await getManifest(repo, 'cache')).status).toBe(200)
    expect(readdirSync(path.join(cacheDir, 'loc'))).toContain('index.json')
    rmSync(cacheDir, { recursive: true, force: true })
  })
})

describe("3. a docker-container builder found under a scoped name is compared with the inputs (stand-in BuildKit image: the main engine's BuildKit, one cache for all such builders)", () => {
  const scopedName = (repository: string) =>
    `build-image-repo-${createHash('sha256')
      .update(JSON.stringify(['repo', repository]))
      .digest('hex')
      .slice(0, 12)}`
  const inputs = (ctx: string) => ({
    context: ctx,
    driver: 'docker-container',
    'driver-opts': `image=${tb.buildkitImage},network=host`,
    platforms: 'linux/amd64',
    'builder-scope': 'repo'
  })
  const firstError = (run: ActionRun) => run.main.log.split('\n').find(l => l.startsWith('::error::')) ?? ''

  it('planted with other BuildKit daemon flags: refused, naming the builder and the flags; nothing is built', async () => {
    const config = privateDockerConfig()
    const env = { DOCKER_CONFIG: config, GITHUB_REPOSITORY: `octo/flags-${Date.now().toString(36)}` }
    const name = scopedName(env.GITHUB_REPOSITORY)
    const planted = await sh(
      'docker',
      [
        'buildx',
        'create',
        '--name',
        name,
        '--driver',
        'docker-container',
        '--driver-opt',
        `image=${tb.buildkitImage},network=host`,
        '--buildkitd-flags',
        '--allow-insecure-entitlement security.insecure'
      ],
      { DOCKER_CONFIG: config }
    )
    expect(planted.code).toBe(0)
    try {
      const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN echo flags > /f\n` })
      const run = await runAction(inputs(ctx), { env })
      expect(run.main.code).not.toBe(0)
      expect(firstError(run)).toMatch(
        new RegExp(
          `^::error::builder-scope: builder ${name} exists, but node ${name}0 has BuildKit daemon flags .*security\\.insecure.*, not .*network\\.host`
        )
      )
      expect(run.main.log).not.toMatch(/::group::Build/)
      expect(run.main.log).not.toMatch(/^#\d+ \[/m)
    } finally {
      await sh('docker', ['buildx', 'rm', name], { DOCKER_CONFIG: config })
    }
  })

  it("planted container: buildx's record matches, but the container of that name runs another image: refused; the action's own builder is reused", async () => {
    const config = privateDockerConfig()
    const env = { DOCKER_CONFIG: config, GITHUB_REPOSITORY: `octo/container-${Date.now().toString(36)}` }
    const name = scopedName(env.GITHUB_REPOSITORY)
    const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN echo container > /c\n` })
    try {
      // the action makes its builder, and a second run reuses it: the comparison passes for what it made
      // (with a buildkitd config, which buildx keeps re-encoded: compared by its tables and keys)
      const withConfig = {
        ...inputs(ctx),
        'buildkitd-config-inline':
          "# tuned\n[worker.oci]\n  max-parallelism = 2\n[registry.'docker.io']\n  mirrors = [ 'mirror.example.com' ]\n"
      }
      const made = await runAction(withConfig, { env })
      expectSuccess(made)
      expect(made.main.log).toContain(`created builder ${name}`)
      const again = await runAction(withConfig, { env })
      expectSuccess(again)
      expect(again.main.log).toContain(`reusing builder ${name}`)
      // without the config it is another builder
      const noConfig = await runAction(inputs(ctx), { env })
      expect(noConfig.main.code).not.toBe(0)
      expect(firstError(noConfig)).toMatch(/has a buildkitd config though none is asked for/)

      // the attack: the container buildx will start for the node is replaced by one of another image
      const evil = `${tb.registry}/evil-buildkit:${Date.now().toString(36)}`
      expect((await sh('docker', ['tag', tb.buildkitImage, evil])).code).toBe(0)
      const container = `buildx_buildkit_${name}0`
      await sh('docker', ['rm', '-f', container])
      const cmd = [
        '--config',
        '/etc/buildkit/buildkitd.toml',
        '--allow-insecure-entitlement',
        'security.insecure',
        '--allow-insecure-entitlement',
        'network.host'
      ]
      expect((await sh('docker', ['create', '--name', container, '--network', 'host', '--privileged', evil, ...cmd])).code).toBe(0)

      const run = await runAction(withConfig, { env })
      expect(run.main.code).not.toBe(0)
      expect(firstError(run)).toMatch(
        new RegExp(
          `^::error::builder-scope: builder ${name} exists, but its container ${container} runs the image ${evil.replaceAll('.', '\\.')}, not `
        )
      )
      expect(run.main.log).not.toMatch(/::group::Build/)
      await sh('docker', ['image', 'rm', evil])
    } finally {
      await sh('docker', ['buildx', 'rm', name], { DOCKER_CONFIG: config })
      await sh('docker', ['rm', '-f', `buildx_buildkit_${name}0`])
      // the state volume of the action's own container, which buildx rm no longer knows once it was replaced
      await sh('docker', ['volume', 'rm', '-f', `buildx_buildkit_${name}0_state`])
    }
  })
})
