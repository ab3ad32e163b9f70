// The Depot engine, for real where it can be: the real depot CLI (npm @depot/cli-linux-x64),
// installed from a local release mirror, talking to a FAKE Depot control plane (fake-depot.ts;
// Depot's hosted API cannot be reached from these machines) whose GetBuildKitConnection hands it
// the testbed engine's BuildKit, so `depot build --push` really builds and pushes to the testbed
// registry. Results are checked over the registry's HTTP API and against what the fake recorded.
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { depotBakeArgs, depotBuildArgs } from '../../src/depot/args.js'
import { parseInputs } from '../../src/inputs/parse.js'
import { startFakeDepot, type FakeDepot, type FakeDepotOptions } from './fake-depot.js'
import {
  describeActionLogic,
  everythingKept,
  expectNothingPushed,
  expectSuccess,
  getManifest,
  itActionLogic,
  ROOT,
  runAction,
  secretMatches,
  sh,
  shownLog,
  testbed,
  uniqueRepo,
  writeContext,
  type Testbed
} from './harness.js'

// Every test here is bounded (the CLI would otherwise wait minutes for a builder); the long ones more tightly below.
jest.setTimeout(300_000)

const DEPOT_BIN_DIR = path.join(ROOT, 'node_modules/@depot/cli-linux-x64/bin')
const TOKEN = `dpt_fake-${Date.now().toString(36)}-secret`
/** Every CLI run: no telemetry, no update checks. */
const QUIET = { DEPOT_ERROR_TELEMETRY: '0', DEPOT_NO_UPDATE_NOTIFIER: '1' }

let tb: Testbed
let ctx: string
let version = ''
const fakes: FakeDepot[] = []

beforeAll(async () => {
  tb = testbed()
  ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nARG GREETING=hello\nRUN echo "$GREETING from $(uname -m)" > /greeting\n` })
  const v = await sh(path.join(DEPOT_BIN_DIR, 'depot'), ['--version'], QUIET)
  version = /depot version (\S+)/.exec(v.stdout)?.[1] ?? ''
  expect(version).toMatch(/^\d+\.\d+\.\d+$/)
})

afterEach(async () => {
  for (const f of fakes.splice(0)) await f.close()
})

async function fake(opts: Partial<FakeDepotOptions> = {}): Promise<FakeDepot> {
  const f = await startFakeDepot({ tokens: [TOKEN], buildkitAddr: tb.buildkitAddr, ...opts })
  fakes.push(f)
  return f
}

/** Environment for a run against a fake control plane, with the real CLI on PATH. */
function depotEnv(f: FakeDepot | string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...QUIET,
    DEPOT_API_URL: typeof f === 'string' ? f : f.url,
    PATH: `${DEPOT_BIN_DIR}:${tb.dockerBinDir}:${process.env['PATH'] ?? ''}`,
    ...extra
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms)
    })
  ])
}

/** Pids of the live children of `pid` (from /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter(d => /^\d+$/.test(d))
    .filter(d => {
      try {
        // fields after the ")" that ends the command name: state, ppid, ...
        return (
          Number(
            readFileSync(`/proc/${d}/stat`, 'utf8')
              .replace(/^.*\) /s, '')
              .split(' ')[1]
          ) === pid
        )
      } catch {
        return false
      }
    })
    .map(Number)
}

async function closedPort(): Promise<number> {
  const s = net.createServer()
  await new Promise<void>(r => s.listen(0, '127.0.0.1', r))
  const port = (s.address() as net.AddressInfo).port
  await new Promise<void>(r => s.close(() => r()))
  return port
}

// --- the real binary --------------------------------------------------------------------------

describeActionLogic('the real depot CLI binary', () => {
  it('knows every flag the action passes to depot build and depot bake', async () => {
    const s = {
      ...parseInputs(() => ''),
      file: 'f',
      tags: ['r/a:1'],
      labels: ['a=1'],
      annotations: ['x=1'],
      buildArgs: [['A', '1']] as Array<[string, string]>,
      buildContexts: ['b=.'],
      secrets: [{ id: 'e', kind: 'env' as const, source: 'E' }],
      platforms: ['linux/amd64'],
      target: 't',
      push: true,
      load: true,
      outputs: ['type=oci,dest=/x'],
      cacheFrom: ['type=local,src=/c'],
      cacheTo: ['type=local,dest=/c'],
      sbom: 'true',
      attests: ['type=provenance,mode=max'],
      noCache: true,
      noCacheFilters: ['build'],
      ssh: ['default'],
      cgroupParent: '/ci',
      pull: true,
      network: 'host',
      shmSize: '1g',
      ulimit: ['nofile=1:1'],
      addHosts: ['h:1.2.3.4'],
      allow: ['network.host'],
      depotBuildPlatform: 'linux/amd64',
      depotSave: true
    }
    const ctxArgs = { project: 'p', publicRepo: true, builderId: 'https://github.com/o/r/actions/runs/1' }
    const cases: Array<[string, string[]]> = [
      ['build', depotBuildArgs(s, ctxArgs, { metadataFile: '/m', iidFile: '/i', secretFiles: new Map() }, '')],
      [
        'build',
        depotBuildArgs(
          { ...s, pushByDigest: true },
          ctxArgs,
          { metadataFile: '/m', iidFile: '/i', secretFiles: new Map() },
          'localhost:5000/app'
        )
      ],
      ['bake', depotBakeArgs(s, ctxArgs, { files: ['b.hcl'], targets: ['t'], set: ['t.x=1'], metadataFile: '/m' })]
    ]
    for (const [command, argv] of cases) {
      const help = await sh(path.join(DEPOT_BIN_DIR, 'depot'), [command, '--help'], QUIET)
      expect(help.code).toBe(0)
      const known = new Set([...help.stdout.matchAll(/(?:^|\s)(--[a-z][a-z-]*)/g)].map(m => m[1]))
      const used = argv.filter(a => /^--[a-z]/.test(a))
      expect(used.length).toBeGreaterThan(10)
      for (const flag of used) expect([command, flag, known.has(flag)]).toEqual([command, flag, true])
    }
  })
})

// --- install from a local release mirror ---------------------------------------------------------

describeActionLogic('installing the real depot CLI from a local release mirror', () => {
  let mirror: http.Server
  let base = ''
  let archiveSha = ''
  const served: string[] = []

  beforeAll(async () => {
    // The release layout of depot/cli on GitHub (goreleaser): an archive holding bin/depot, and a checksums file.
    const root = mkdtempSync(path.join(os.tmpdir(), 'depot-mirror-'))
    const stage = path.join(root, 'stage')
    mkdirSync(path.join(stage, 'bin'), { recursive: true })
    copyFileSync(path.join(DEPOT_BIN_DIR, 'depot'), path.join(stage, 'bin/depot'))
    writeFileSync(path.join(stage, 'README.md'), 'depot\n')
    const name = `depot_${version}_linux_amd64.tar.gz`
    for (const dir of ['good', 'tampered']) mkdirSync(path.join(root, dir, 'download', `v${version}`), { recursive: true })
    const good = path.join(root, 'good/download', `v${version}`, name)
    expect((await sh('tar', ['-czf', good, '-C', stage, 'README.md', 'bin/depot'])).code).toBe(0)
    archiveSha = createHash('sha256').update(readFileSync(good)).digest('hex')
    const sums = `${'0'.repeat(64)}  depot_${version}_darwin_arm64.tar.gz\n${archiveSha}  ${name}\n`
    writeFileSync(path.join(root, 'good/download', `v${version}`, `depot_${version}_checksums.txt`), sums)
    // Same checksums file, an archive whose binary has one byte changed.
    writeFileSync(path.join(stage, 'bin/depot'), Buffer.concat([readFileSync(path.join(DEPOT_BIN_DIR, 'depot')), Buffer.from([0])]))
    expect(
      (await sh('tar', ['-czf', path.join(root, 'tampered/download', `v${version}`, name), '-C', stage, 'README.md', 'bin/depot'])).code
    ).toBe(0)
    writeFileSync(path.join(root, 'tampered/download', `v${version}`, `depot_${version}_checksums.txt`), sums)

    mirror = http.createServer((req, res) => {
      const url = req.url ?? '/'
      served.push(url)
      const m = /^\/(good|tampered)\/latest$/.exec(url)
      if (m) {
        res.writeHead(302, { location: `/${m[1]}/tag/v${version}` })
        return res.end()
      }
      if (/^\/(good|tampered)\/tag\/v[\d.]+$/.test(url)) {
        res.writeHead(200, { 'content-type': 'text/html' })
        return res.end('<html>release</html>')
      }
      const file = path.join(root, path.normalize(url).replace(/^\/+/, ''))
      if (!file.startsWith(root) || !existsSync(file) || file.includes('/stage/')) {
        res.writeHead(404)
        return res.end()
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream' })
      res.end(readFileSync(file))
    })
    await new Promise<void>(r => mirror.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(mirror.address() as net.AddressInfo).port}`
  })

  afterAll(async () => {
    await new Promise<void>(r => mirror.close(() => r()))
  })

  const installLine = (log: string) => log.split('\n').find(l => /^depot \S+ (downloaded|found in the tool cache)/.test(l)) ?? ''
  const ms = (line: string) => Number(/ in (\d+) ms/.exec(line)?.[1] ?? NaN)

  it('resolves latest through the mirror, verifies against the checksums file, caches, and the second run hits the tool cache', async () => {
    const f = await fake()
    const toolCache = mkdtempSync(path.join(os.tmpdir(), 'depot-tc-'))
    const inputs = {
      engine: 'depot',
      'depot-project': 'p-install',
      'depot-version': 'latest',
      'depot-download-url': `${base}/good`,
      context: ctx,
      platforms: 'linux/amd64'
    }
    const env = {
      ...depotEnv(f, { DEPOT_TOKEN: TOKEN, RUNNER_TOOL_CACHE: toolCache }),
      PATH: `${tb.dockerBinDir}:${process.env['PATH'] ?? ''}`
    }

    served.length = 0
    const cold = await runAction(inputs, { env })
    expectSuccess(cold)
    const coldLine = installLine(cold.main.log)
    expect(coldLine).toContain(
      `downloaded from ${base}/good/download/v${version}/depot_${version}_linux_amd64.tar.gz and verified against the release's checksums file ${base}/good/download/v${version}/depot_${version}_checksums.txt`
    )
    expect(served).toEqual(
      expect.arrayContaining([
        '/good/latest',
        `/good/tag/v${version}`,
        `/good/download/v${version}/depot_${version}_checksums.txt`,
        `/good/download/v${version}/depot_${version}_linux_amd64.tar.gz`
      ])
    )
    // It runs from a private copy unpacked from the verified archive, never from the tool cache.
    const ran = /^depot [\d.]+ \((.+)\)$/m.exec(cold.main.log)?.[1] ?? ''
    expect(ran.startsWith(path.join(cold.dir, 'runner-temp', 'depot-run-'))).toBe(true)
    // The tool cache keeps the archive as published, and nothing beside it.
    const cached = path.join(toolCache, 'depot', version, 'x64')
    expect(readdirSync(cached).filter(f => !f.endsWith('.complete'))).toEqual([`depot_${version}_linux_amd64.tar.gz`])
    expect(
      createHash('sha256')
        .update(readFileSync(path.join(cached, `depot_${version}_linux_amd64.tar.gz`)))
        .digest('hex')
    ).toBe(archiveSha)
    expect(createHash('sha256').update(readFileSync(ran)).digest('hex')).toBe(
      createHash('sha256')
        .update(readFileSync(path.join(DEPOT_BIN_DIR, 'depot')))
        .digest('hex')
    )
    expect(f.builds).toHaveLength(1)

    served.length = 0
    const warm = await runAction({ ...inputs, 'depot-version': version }, { env })
    expectSuccess(warm)
    const warmLine = installLine(warm.main.log)
    expect(warmLine).toContain(`found in the tool cache and verified against the release's checksums file`)
    // verified against the release's checksums, fetched again: not against anything in the cache
    expect(served).toEqual([`/good/download/v${version}/depot_${version}_checksums.txt`])
    // Measured: printed with the test output so the numbers can be reported.
    console.log(`depot install: cold ${ms(coldLine)} ms (download, verify, unpack, cache), cached ${ms(warmLine)} ms (re-verify)`)
    // No speed claim between the two: from a mirror on loopback the download costs little, and a
    // cached archive is hashed and unpacked again on every run (what runs is what was verified).
  })

  it('refuses an archive that does not match the release checksums, naming the input, and caches nothing', async () => {
    const toolCache = mkdtempSync(path.join(os.tmpdir(), 'depot-tc-'))
    const repo = uniqueRepo('tampered')
    const run = await runAction(
      {
        engine: 'depot',
        'depot-project': 'p1',
        'depot-version': version,
        'depot-download-url': `${base}/tampered`,
        context: ctx,
        push: 'true',
        tags: `${tb.registry}/${repo}:1`
      },
      {
        env: {
          ...depotEnv('http://127.0.0.1:1', { DEPOT_TOKEN: TOKEN, RUNNER_TOOL_CACHE: toolCache }),
          PATH: `${tb.dockerBinDir}:${process.env['PATH'] ?? ''}`
        }
      }
    )
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(
      /::error::depot-download-url: checksum mismatch for depot_[\d.]+_linux_amd64\.tar\.gz from .*: the release's checksums file .* says sha256 [a-f0-9]{64}, the download is [a-f0-9]{64}; refusing to install it/
    )
    expect(run.main.log).toContain('set depot-fallback: true to build with buildx instead')
    expect(run.main.log).not.toContain('::group::Build')
    expect(existsSync(path.join(toolCache, 'depot')) ? readdirSync(path.join(toolCache, 'depot')) : []).toEqual([])
    await expectNothingPushed(repo)
    expect(run.post.code).toBe(0)
  })

  it('checks a pinned depot-sha256 instead of the checksums file: a wrong pin is refused, naming depot-sha256', async () => {
    const toolCache = mkdtempSync(path.join(os.tmpdir(), 'depot-tc-'))
    const env = {
      ...depotEnv('http://127.0.0.1:1', { DEPOT_TOKEN: TOKEN, RUNNER_TOOL_CACHE: toolCache }),
      PATH: `${tb.dockerBinDir}:${process.env['PATH'] ?? ''}`
    }
    served.length = 0
    const wrong = await runAction(
      {
        engine: 'depot',
        'depot-project': 'p1',
        'depot-version': version,
        'depot-download-url': `${base}/good`,
        'depot-sha256': 'f'.repeat(64),
        context: ctx
      },
      { env }
    )
    expect(wrong.main.code).not.toBe(0)
    expect(wrong.main.log).toMatch(
      /::error::depot-sha256: checksum mismatch for depot_[\d.]+_linux_amd64\.tar\.gz .*the pinned sha256 says sha256 f{64}, the download is [a-f0-9]{64}; refusing/
    )
    expect(served.some(u => u.endsWith('checksums.txt'))).toBe(false)

    // The right pin installs (the build then fails at the unreachable API, after the install).
    const right = await runAction(
      {
        engine: 'depot',
        'depot-project': 'p1',
        'depot-version': version,
        'depot-download-url': `${base}/good`,
        'depot-sha256': archiveSha,
        context: ctx
      },
      { env }
    )
    expect(right.main.log).toContain('verified against depot-sha256')
    expect(right.main.log).toMatch(/cannot reach Depot's API at http:\/\/127\.0\.0\.1:1/)
  })
})

// --- contract tests with a fake control plane ---------------------------------------------------

describeActionLogic('contract with a fake Depot control plane (Depot API not reachable here)', () => {
  it('fake control plane: CreateBuild carries the project, tags and push option; the token is a bearer header and nowhere else', async () => {
    const f = await fake()
    const repo = uniqueRepo('depot-contract')
    const tag = `${tb.registry}/${repo}:c1`
    const run = await withTimeout(
      runAction(
        {
          engine: 'depot',
          'depot-project': 'proj-contract',
          'depot-version': 'installed',
          'depot-token': TOKEN,
          context: ctx,
          tags: tag,
          platforms: 'linux/amd64',
          push: 'true',
          'build-args': 'GREETING=hi'
        },
        { env: depotEnv(f) }
      ),
      240_000,
      'depot build against the fake'
    )
    expectSuccess(run)
    expect(f.methods()).toEqual(
      expect.arrayContaining(['CreateBuild', 'GetBuildKitConnection', 'ReportBuildHealth', 'ReportStatusStream', 'FinishBuild'])
    )
    expect(f.methods()[0]).toBe('CreateBuild')
    expect(f.methods()[f.methods().length - 1]).toBe('FinishBuild')

    const [build] = f.builds
    expect(build?.request.projectId).toBe('proj-contract')
    expect(build?.request.options).toHaveLength(1)
    const opt = build?.request.options[0]
    expect(opt?.command).toBe(1) // COMMAND_BUILD
    expect(opt?.tags).toEqual([tag])
    expect(opt?.push).toBe(true)
    expect(opt?.load).toBe(false)
    expect(opt?.save).toBe(false)
    expect(opt?.outputs.map(o => [o.kind, o.attributes['push']])).toEqual([['image', 'true']])
    expect(f.finished).toEqual([{ buildId: build?.id, result: 'success', error: '' }])

    // The token: exactly once, as the bearer of CreateBuild; later calls use the build's own token.
    const create = f.calls.find(c => c.method.endsWith('/CreateBuild'))
    expect(create?.authorization).toBe(`Bearer ${TOKEN}`)
    for (const c of f.calls.filter(x => x !== create)) expect(c.authorization).toBe(`Bearer ${build?.token}`)
    for (const c of f.calls) {
      const { authorization: _a, ...otherHeaders } = c.headers
      expect(JSON.stringify(otherHeaders)).not.toContain(TOKEN)
      expect(c.body.includes(Buffer.from(TOKEN))).toBe(false)
    }
    // Not in the command line the action ran, not in logs, outputs, state or summary.
    const command = run.main.log.split('\n').find(l => l.startsWith('depot build '))
    expect(command).toBeDefined()
    expect(command).not.toContain('--token')
    expect(everythingKept(run)).not.toContain(TOKEN)
    // The runner is told to mask it.
    expect(run.main.log).toContain(`::add-mask::${TOKEN}`)
    expect(run.outputs['depot-build-id']).toBe(build?.id)
    expect(run.outputs['depot-project-id']).toBe('proj-contract')
    expect(run.summary).toContain('depot')
  })

  it('fake control plane: a 401 from CreateBuild becomes a clear error, and nothing is built or retried', async () => {
    const f = await fake({ tokens: ['another-token'] })
    const repo = uniqueRepo('depot-401')
    const run = await withTimeout(
      runAction(
        {
          engine: 'depot',
          'depot-project': 'p1',
          'depot-version': 'installed',
          context: ctx,
          tags: `${tb.registry}/${repo}:1`,
          push: 'true'
        },
        { env: depotEnv(f, { DEPOT_TOKEN: TOKEN }) }
      ),
      120_000,
      'depot against a fake that refuses the token'
    )
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(
      /::error::Depot's API refused the credentials \(unauthenticated: invalid token\): check depot-token or DEPOT_TOKEN/
    )
    expect(f.methods()).toEqual(['CreateBuild'])
    expect(run.main.log).not.toContain('Set up buildx')
    expect((await getManifest(repo, '1')).status).not.toBe(200)
    expect(everythingKept(run)).not.toContain(TOKEN)
    expect(run.post.code).toBe(0)
  })

  it('fake control plane: cancelling the step (SIGTERM to main) finishes the build as canceled on the API', async () => {
    // No builder: GetBuildKitConnection stays pending, as while Depot starts a machine.
    const f = await fake({ buildkitAddr: undefined })
    let mainPid = 0
    const running = runAction(
      { engine: 'depot', 'depot-project': 'p-cancel', 'depot-version': 'installed', 'depot-token': TOKEN, context: ctx },
      { env: depotEnv(f), onMainStart: pid => (mainPid = pid) }
    )
    await withTimeout(f.waitFor('GetBuildKitConnection', 60_000), 65_000, 'the CLI asking for a builder')
    // While it waits, look at the running CLI itself: the token is in its environment, not its argv.
    const [cli] = childrenOf(mainPid)
    expect(cli).toBeDefined()
    const argv = readFileSync(`/proc/${cli}/cmdline`, 'utf8').split('\0')
    expect(argv.slice(1, 4)).toEqual(['build', '--project', 'p-cancel'])
    expect(argv.join(' ')).not.toContain(TOKEN)
    expect(readFileSync(`/proc/${cli}/environ`, 'utf8').split('\0')).toContain(`DEPOT_TOKEN=${TOKEN}`)
    process.kill(mainPid, 'SIGTERM')
    const finish = await withTimeout(f.waitFor('FinishBuild', 30_000), 35_000, 'FinishBuild after SIGTERM')
    const run = await withTimeout(running, 60_000, 'main exiting after SIGTERM')
    expect(finish.authorization).toBe(`Bearer ${f.builds[0]?.token}`)
    expect(f.finished).toEqual([{ buildId: f.builds[0]?.id, result: 'canceled', error: '' }])
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toContain('received SIGTERM: stopping the build')
    expect(run.post.code).toBe(0)
    expect(everythingKept(run)).not.toContain(TOKEN)
  })

  it("fake control plane: without a token, GitHub OIDC is exchanged at the API's OIDC endpoint and only the exchanged token reaches the CLI", async () => {
    const oidc = {
      requestToken: `req-${Date.now()}`,
      idToken: `eyJ.fake-id-token.${Date.now()}`,
      exchangedToken: `dpt_exchanged_${Date.now()}`
    }
    const f = await fake({ tokens: [oidc.exchangedToken], oidc })
    const run = await withTimeout(
      runAction(
        { engine: 'auto', 'depot-project': 'p-oidc', 'depot-version': 'installed', context: ctx, platforms: 'linux/amd64' },
        {
          env: depotEnv(f, {
            ACTIONS_ID_TOKEN_REQUEST_URL: `${f.url}/_github/idtoken?api-version=2.0`,
            ACTIONS_ID_TOKEN_REQUEST_TOKEN: oidc.requestToken
          })
        }
      ),
      240_000,
      'an OIDC build against the fake'
    )
    expectSuccess(run)
    expect(run.main.log).toContain('engine: depot (Depot project p-oidc from depot-project input and credentials from GitHub OIDC)')
    expect(run.main.log).toContain('credentials from GitHub OIDC, exchanged for a temporary Depot token')
    expect(f.methods().slice(0, 3)).toEqual(['/_github/idtoken', '/auth/oidc/github-actions', 'CreateBuild'])
    expect(f.calls[0]?.authorization.toLowerCase()).toBe(`bearer ${oidc.requestToken}`)
    expect(JSON.parse(f.calls[1]?.body.toString() ?? '{}')).toEqual({ token: oidc.idToken })
    expect(f.calls[2]?.authorization).toBe(`Bearer ${oidc.exchangedToken}`)
    const kept = everythingKept(run)
    for (const secret of [oidc.idToken, oidc.exchangedToken, oidc.requestToken]) expect(kept).not.toContain(secret)
    expect(run.outputs['depot-build-id']).toBe(f.builds[0]?.id)
  })
})

describeActionLogic(
  'a depot.json in the build context never gets the job identity (fake control plane and fake GitHub OIDC: neither can exist here)',
  () => {
    it('fake control plane: auto with only OIDC and a depot.json naming a project builds with buildx, and no OIDC token is asked for', async () => {
      const oidc = { requestToken: `req-${Date.now()}`, idToken: `eyJ.fake-id-token.${Date.now()}`, exchangedToken: `dpt_x_${Date.now()}` }
      const f = await fake({ tokens: [oidc.exchangedToken], oidc })
      const dir = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN echo local > /f\n`, 'depot.json': '{"id": "p-attacker"}' })
      const run = await withTimeout(
        runAction(
          { engine: 'auto', 'depot-version': 'installed', context: dir, platforms: 'linux/amd64' },
          {
            env: depotEnv(f, {
              ACTIONS_ID_TOKEN_REQUEST_URL: `${f.url}/_github/idtoken?api-version=2.0`,
              ACTIONS_ID_TOKEN_REQUEST_TOKEN: oidc.requestToken
            })
          }
        ),
        240_000,
        'auto with depot.json and OIDC'
      )
      expectSuccess(run)
      expect(run.main.log).toContain(
        'engine: buildx (Depot project p-attacker is named only by depot.json in the build context, and GitHub OIDC is never used'
      )
      // the fake saw nothing: no identity token requested, no exchange, no build
      expect(f.methods()).toEqual([])
    })
  }
)

describeActionLogic("contract with a fake Depot control plane: Depot's own inputs", () => {
  it('fake control plane: depot-build-platform picks the builder the CLI asks for, depot-save reaches CreateBuild', async () => {
    const f = await fake({ buildkitAddrs: { arm64: tb.buildkitAddr } })
    const run = await withTimeout(
      runAction(
        {
          engine: 'depot',
          'depot-project': 'p1',
          'depot-version': 'installed',
          'depot-token': TOKEN,
          context: ctx,
          platforms: 'linux/amd64',
          'depot-build-platform': 'linux/arm64',
          'depot-save': 'true'
        },
        { env: depotEnv(f) }
      ),
      240_000,
      'a depot build with build platform and save'
    )
    expectSuccess(run)
    expect(f.connections).toEqual(['arm64'])
    expect(f.builds[0]?.request.options[0]?.save).toBe(true)
    expect(run.main.log).toMatch(/^depot build --project p1 --build-platform linux\/arm64 --save /m)
  })
})

// --- end to end on the testbed engine ------------------------------------------------------------

describeActionLogic(
  'end to end: the real depot CLI builds on the testbed BuildKit (fake control plane) and pushes to the testbed registry',
  () => {
    // Like Depot's native machines, each platform gets its own engine: amd64 the testbed's main
    // engine, arm64 its second one. Two builds of one image on the SAME engine race on the image
    // name ("already exists"). The second engine has no bridge network, hence network: none.
    const nativeBuilders = () => ({ buildkitAddrs: { amd64: tb.buildkitAddr, arm64: tb.node2BuildkitAddr } })

    it('depot build --push of 2 platforms, each on its own builder: digest, manifests, layers and depot-build-id match the registry', async () => {
      const f = await fake(nativeBuilders())
      const repo = uniqueRepo('depot-e2e')
      const tag = `${tb.registry}/${repo}:v1`
      const run = await withTimeout(
        runAction(
          {
            engine: 'depot',
            'depot-project': 'p-e2e',
            'depot-version': 'installed',
            context: ctx,
            tags: tag,
            platforms: 'linux/amd64,linux/arm64',
            push: 'true',
            network: 'none'
          },
          { env: depotEnv(f, { DEPOT_TOKEN: TOKEN }) }
        ),
        300_000,
        'a 2-platform depot build'
      )
      expectSuccess(run)
      expect([...f.connections].sort()).toEqual(['amd64', 'arm64'])
      expect(run.main.log).toContain('merging manifest list')
      expect(run.main.log).toContain('::group::Build on Depot')
      const index = await getManifest(repo, 'v1')
      expect(index.status).toBe(200)
      expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json')
      expect(run.mainOutputs['digest']).toBe(index.digest)
      expect(JSON.parse(run.mainOutputs['metadata'] ?? '{}')['depot.build']).toEqual({ buildID: f.builds[0]?.id, projectID: 'p-e2e' })
      expect(run.mainOutputs['depot-build-id']).toBe(f.builds[0]?.id)
      expect(run.mainOutputs['depot-project-id']).toBe('p-e2e')

      const real = index.json.manifests.filter((m: any) => m.platform.os !== 'unknown')
      expect(real.map((m: any) => `${m.platform.os}/${m.platform.architecture}`).sort()).toEqual(['linux/amd64', 'linux/arm64'])
      const reported = JSON.parse(run.outputs['manifests'] ?? '{}')['default']
      expect(reported.digest).toBe(index.digest)
      expect(reported.source).toBe('registry')
      const layers = JSON.parse(run.outputs['layers'] ?? '{}')['default']
      for (const m of real) {
        const platform = `${m.platform.os}/${m.platform.architecture}`
        const manifest = await getManifest(repo, m.digest)
        const p = reported.platforms.find((x: any) => x.digest === m.digest)
        expect(p.platform).toBe(platform)
        expect(p.configDigest).toBe(manifest.json.config.digest)
        expect(layers[platform].layers.map((l: any) => [l.digest, l.size])).toEqual(
          manifest.json.layers.map((l: any) => [l.digest, l.size])
        )
        expect(layers[platform].lastLayerDigest).toBe(manifest.json.layers[manifest.json.layers.length - 1].digest)
      }
      // attestation manifests link to the image manifests they attest
      const attested = reported.attestations.map((a: any) => a.attests).sort()
      expect(attested).toEqual(real.map((m: any) => m.digest).sort())
      expect(f.finished.map(x => x.result)).toEqual(['success'])
      expect(run.summary).toContain('depot')
    })

    it('depot bake with 2 targets: one Depot build, each target pushed and reported as the registry serves it', async () => {
      const f = await fake(nativeBuilders())
      const repoA = uniqueRepo('depot-bake-a')
      const repoB = uniqueRepo('depot-bake-b')
      const dir = writeContext({
        Dockerfile: `FROM ${tb.baseImage}\nARG NAME\nRUN echo "$NAME" > /name\n`,
        'docker-bake.hcl': [
          `target "a" {\n  tags = ["${tb.registry}/${repoA}:1"]\n  args = { NAME = "a" }\n  network = "none"\n  platforms = ["linux/amd64"]\n}`,
          // one platform per target, each on its own engine: two exports pushing at once from one
          // engine made the testbed's registry (distribution 2.8) refuse a manifest now and then
          `target "b" {\n  tags = ["${tb.registry}/${repoB}:1"]\n  args = { NAME = "b" }\n  network = "none"\n  platforms = ["linux/arm64"]\n}`
        ].join('\n')
      })
      const run = await withTimeout(
        runAction(
          {
            engine: 'depot',
            'depot-project': 'p-bake',
            'depot-version': 'installed',
            files: path.join(dir, 'docker-bake.hcl'),
            targets: 'a,b',
            push: 'true'
          },
          { cwd: dir, env: depotEnv(f, { DEPOT_TOKEN: TOKEN }) }
        ),
        300_000,
        'a 2-target depot bake'
      )
      expectSuccess(run)
      expect(f.builds).toHaveLength(1)
      const opts = f.builds[0]?.request.options ?? []
      expect(opts.map(o => [o.command, o.targetName, o.tags, o.push]).sort()).toEqual([
        [2, 'a', [`${tb.registry}/${repoA}:1`], true],
        [2, 'b', [`${tb.registry}/${repoB}:1`], true]
      ])
      const digests = JSON.parse(run.outputs['digests'] ?? '{}')
      const manifests = JSON.parse(run.outputs['manifests'] ?? '{}')
      const platforms = JSON.parse(run.outputs['platforms'] ?? '{}')
      for (const [target, repo] of [
        ['a', repoA],
        ['b', repoB]
      ] as const) {
        const index = await getManifest(repo, '1')
        expect(index.status).toBe(200)
        expect(digests[target]).toBe(index.digest)
        expect(manifests[target].digest).toBe(index.digest)
        const real = index.json.manifests.filter((m: any) => m.platform.os !== 'unknown')
        expect(manifests[target].platforms.map((p: any) => p.digest).sort()).toEqual(real.map((m: any) => m.digest).sort())
      }
      expect(platforms).toEqual({ a: ['linux/amd64'], b: ['linux/arm64'] })
      expect(run.outputs['depot-build-id']).toBe(f.builds[0]?.id)
      expect(run.outputs['metadata']).not.toContain('"depot.build":{"buildID"') // per target, the build object is top-level only
    })
  }
)

describe('end to end on the testbed, other shapes (fake control plane)', () => {
  itActionLogic('depot bake hands the secrets inputs to its targets, by file and by env', async () => {
    // The RUN step fails unless both secrets arrive with the right content (the Dockerfile holds hashes).
    const f = await fake()
    const value = `depot-secret-${Math.random().toString(36).slice(2)}`
    const fromEnv = `depot-env-${Math.random().toString(36).slice(2)}`
    const dir = writeContext({
      Dockerfile: `FROM ${tb.baseImage}\nRUN --mount=type=secret,id=tok,required=true --mount=type=secret,id=envtok,required=true ${secretMatches('tok', value)} && ${secretMatches('envtok', fromEnv)}\n`,
      'docker-bake.hcl': 'target "s" {\n  platforms = ["linux/amd64"]\n}\n'
    })
    const run = await withTimeout(
      runAction(
        {
          engine: 'depot',
          'depot-project': 'p-secrets',
          'depot-version': 'installed',
          files: path.join(dir, 'docker-bake.hcl'),
          targets: 's',
          'no-cache': 'true',
          secrets: `tok=${value}`,
          'secret-envs': 'envtok=BIA_DEPOT_SECRET'
        },
        { cwd: dir, env: depotEnv(f, { DEPOT_TOKEN: TOKEN, BIA_DEPOT_SECRET: fromEnv }) }
      ),
      300_000,
      'a depot bake with secrets'
    )
    expectSuccess(run)
    expect(f.builds).toHaveLength(1)
    expect(shownLog(run.main.log)).not.toContain(value)
    expect(shownLog(run.main.log)).not.toContain(fromEnv)
  })

  itActionLogic(
    "fake control plane: a pull request from a fork drops the bake definition's own cache-to on Depot too; a push writes it",
    async () => {
      const f = await fake()
      const cache = mkdtempSync(path.join(os.tmpdir(), 'bia-depot-cache-'))
      const dir = writeContext({
        Dockerfile: `FROM ${tb.baseImage}\nRUN echo depot-cache > /c\n`,
        'docker-bake.hcl': `target "c" {\n  platforms = ["linux/amd64"]\n  cache-to = ["type=local,dest=${cache}/c"]\n}\n`
      })
      const event = path.join(dir, 'event.json')
      writeFileSync(
        event,
        JSON.stringify({ pull_request: { head: { repo: { full_name: 'mallory/app' } } }, repository: { full_name: 'octo/app' } })
      )
      const bakeOn = (eventName: string) =>
        withTimeout(
          runAction(
            {
              engine: 'depot',
              'depot-project': 'p-cache',
              'depot-version': 'installed',
              files: path.join(dir, 'docker-bake.hcl'),
              targets: 'c'
            },
            {
              cwd: dir,
              env: depotEnv(f, {
                DEPOT_TOKEN: TOKEN,
                GITHUB_REPOSITORY: 'octo/app',
                GITHUB_EVENT_NAME: eventName,
                GITHUB_EVENT_PATH: event
              })
            }
          ),
          300_000,
          `a depot bake on ${eventName}`
        )
      const pr = await bakeOn('pull_request')
      expectSuccess(pr)
      expect(pr.main.log).toMatch(/::warning::cache-to: 1 cache export\(s\) of the bake definition dropped: .*fork mallory\/app/)
      expect(readdirSync(cache)).toEqual([])
      const push = await bakeOn('push')
      expectSuccess(push)
      expect(readdirSync(path.join(cache, 'c'))).toContain('index.json')
      expect(f.builds).toHaveLength(2)
    }
  )

  itActionLogic('a matrix runs as one depot bake; each variant is pushed and its digest matches the registry', async () => {
    const f = await fake()
    const repo = uniqueRepo('depot-matrix')
    const run = await withTimeout(
      runAction(
        {
          engine: 'depot',
          'depot-project': 'p-matrix',
          'depot-version': 'installed',
          context: ctx,
          matrix: 'variant: [one, two]\n',
          tags: `${tb.registry}/${repo}:{{variant}}`,
          platforms: 'linux/amd64',
          push: 'true'
        },
        { env: depotEnv(f, { DEPOT_TOKEN: TOKEN }) }
      ),
      300_000,
      'a matrix depot bake'
    )
    expectSuccess(run)
    expect(f.builds).toHaveLength(1)
    expect(f.builds[0]?.request.options.map(o => o.targetName).sort()).toEqual(['one', 'two'])
    const digests = JSON.parse(run.outputs['digests'] ?? '{}')
    expect(Object.keys(digests).sort()).toEqual(['one', 'two'])
    for (const v of ['one', 'two']) {
      const index = await getManifest(repo, v)
      expect(index.status).toBe(200)
      expect(digests[v]).toBe(index.digest)
    }
  })

  it('load: the image lands in the engine (the CLI falls back to a tarball load off Depot), and the report says where manifests can be read', async () => {
    const f = await fake()
    const tag = `local/${uniqueRepo('depot-load')}:1`
    const run = await withTimeout(
      runAction(
        {
          engine: 'depot',
          'depot-project': 'p-load',
          'depot-version': 'installed',
          context: ctx,
          tags: tag,
          platforms: 'linux/amd64',
          load: 'true'
        },
        { env: depotEnv(f, { DEPOT_TOKEN: TOKEN }) }
      ),
      300_000,
      'a depot build with load'
    )
    expectSuccess(run)
    const inspect = await sh('docker', ['image', 'inspect', tag, '--format', '{{.Architecture}}'])
    expect(inspect.code).toBe(0)
    expect(inspect.stdout.trim()).toBe('amd64')
    expect(f.builds[0]?.request.options[0]?.load).toBe(true)
    const manifests = JSON.parse(run.outputs['manifests'] ?? '{}')
    expect(manifests['default'].source).toBe('none')
    expect(run.summary).toContain('Depot built the image on its own builders')
  })
})

// --- engine: auto and fallback --------------------------------------------------------------------

describeActionLogic('engine selection and fallback, on the testbed', () => {
  it('auto without a Depot project builds with buildx and says why', async () => {
    const repo = uniqueRepo('auto-buildx')
    const run = await runAction(
      { context: ctx, tags: `${tb.registry}/${repo}:1`, platforms: 'linux/amd64', push: 'true' },
      { env: depotEnv('http://127.0.0.1:1', { DEPOT_TOKEN: TOKEN }) }
    )
    expectSuccess(run)
    expect(run.main.log).toContain('engine: buildx (no Depot project)')
    expect(run.main.log).not.toContain('Set up Depot')
    expect(run.summary).toContain('no Depot project')
    expect((await getManifest(repo, '1')).status).toBe(200)
    expect(run.outputs['depot-build-id']).toBeUndefined()
  })

  it('auto outside CI (GITHUB_ACTIONS unset) uses buildx even with a project and a token', async () => {
    const run = await runAction(
      { context: ctx, platforms: 'linux/amd64', 'depot-project': 'p1', 'depot-token': TOKEN },
      { env: depotEnv('http://127.0.0.1:1', { GITHUB_ACTIONS: '' }) }
    )
    expectSuccess(run)
    expect(run.main.log).toContain('engine: buildx (not running in GitHub Actions')
  })

  it('auto with a depot.json in the context, a token and an unreachable API falls back to buildx with a warning; the build succeeds', async () => {
    const dir = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN echo fallback > /f\n`, 'depot.json': '{"id": "p-from-json"}' })
    const repo = uniqueRepo('auto-fallback')
    const port = await closedPort()
    const run = await runAction(
      { context: dir, tags: `${tb.registry}/${repo}:1`, platforms: 'linux/amd64', push: 'true', 'depot-version': 'installed' },
      { env: depotEnv(`http://127.0.0.1:${port}`, { DEPOT_TOKEN: TOKEN }) }
    )
    expectSuccess(run)
    expect(run.main.log).toContain('engine: depot (Depot project p-from-json from depot.json in the context and credentials from a token)')
    expect(run.main.log).toMatch(
      new RegExp(
        `::warning::Depot is unavailable, building with buildx instead: cannot reach Depot's API at http://127.0.0.1:${port} \\(unavailable: `
      )
    )
    expect(run.main.log).toContain('::group::Set up buildx')
    const index = await getManifest(repo, '1')
    expect(index.status).toBe(200)
    expect(run.outputs['digest']).toBe(index.digest)
    expect(run.outputs['builder-driver']).toBe('docker')
    expect(run.summary).toContain('fell back from Depot before the build started')
    expect(everythingKept(run)).not.toContain(TOKEN)
  })

  it('auto falls back when the CLI is missing (depot-version: installed, none on PATH)', async () => {
    const run = await runAction(
      { context: ctx, platforms: 'linux/amd64', 'depot-project': 'p1', 'depot-version': 'installed' },
      { env: { ...depotEnv('http://127.0.0.1:1', { DEPOT_TOKEN: TOKEN }), PATH: `${tb.dockerBinDir}:/usr/bin:/bin` } }
    )
    expectSuccess(run)
    expect(run.main.log).toMatch(
      /::warning::Depot is unavailable, building with buildx instead: depot-version: installed was asked for, but no working depot is on PATH/
    )
  })

  it('engine: depot with depot-fallback: true falls back when the API refuses the token', async () => {
    const f = await fake({ tokens: ['another'] })
    const run = await runAction(
      {
        engine: 'depot',
        'depot-fallback': 'true',
        'depot-project': 'p1',
        'depot-version': 'installed',
        context: ctx,
        platforms: 'linux/amd64'
      },
      { env: depotEnv(f, { DEPOT_TOKEN: TOKEN }) }
    )
    expectSuccess(run)
    expect(run.main.log).toMatch(/::warning::Depot is unavailable, building with buildx instead: Depot's API refused the credentials/)
    expect(f.methods()).toEqual(['CreateBuild'])
  })

  it('engine: depot without credentials fails before anything is built, saying how to provide them', async () => {
    const repo = uniqueRepo('nocred')
    const run = await runAction(
      { engine: 'depot', 'depot-project': 'p1', context: ctx, push: 'true', tags: `${tb.registry}/${repo}:1` },
      { env: depotEnv('http://127.0.0.1:1') }
    )
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(
      /::error::depot-token: engine: depot needs a project and credentials; no Depot credentials: set the depot-token input .* DEPOT_TOKEN environment variable, or give the job `permissions: id-token: write`/
    )
    expect(run.main.log).not.toContain('Set up Depot')
    expect(run.main.log).not.toContain('Set up buildx')
    await expectNothingPushed(repo)
    expect(run.post.code).toBe(0)
  })

  it('engine: depot with an unreachable API and no fallback fails, pointing at depot-fallback', async () => {
    const run = await runAction(
      { engine: 'depot', 'depot-project': 'p1', 'depot-version': 'installed', context: ctx },
      { env: depotEnv(`http://127.0.0.1:${await closedPort()}`, { DEPOT_TOKEN: TOKEN }) }
    )
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(/::error::cannot reach Depot's API at .*set depot-fallback: true to build with buildx instead/)
    expect(run.main.log).not.toContain('Set up buildx')
  })

  it('fake control plane: a build that fails on Depot is not retried with buildx, even with engine: auto', async () => {
    const f = await fake()
    const failing = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN exit 3\n` })
    const run = await withTimeout(
      runAction(
        { 'depot-project': 'p1', 'depot-version': 'installed', context: failing, platforms: 'linux/amd64' },
        { env: depotEnv(f, { DEPOT_TOKEN: TOKEN }) }
      ),
      240_000,
      'a failing depot build'
    )
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(
      /::error::depot build failed: failed to solve: process "\/bin\/sh -c exit 3" did not complete successfully: exit code: 3/
    )
    expect(run.main.log).not.toContain('building with buildx instead')
    expect(run.main.log).not.toContain('Set up buildx')
    expect(f.finished.map(x => x.result)).toEqual(['error'])
  })
})

describeActionLogic('switching from depot/build-push-action and depot/bake-action (real CLI, fake control plane)', () => {
  it("fake control plane: Depot's input names (project, token, build-platform, save, save-tags, lint, sbom-dir) build on Depot; build-id and project-id are set", async () => {
    const f = await fake()
    const repo = uniqueRepo('depot-switch')
    const sboms = mkdtempSync(path.join(os.tmpdir(), 'bia-sboms-'))
    const run = await withTimeout(
      runAction(
        {
          project: 'p-switch',
          token: TOKEN,
          'depot-version': 'installed',
          context: ctx,
          tags: `${tb.registry}/${repo}:v1`,
          push: 'true',
          'build-platform': 'linux/amd64',
          save: 'true',
          'save-tags': 'v1\nlatest',
          lint: 'true',
          'lint-fail-on': 'none',
          'sbom-dir': sboms
        },
        { env: depotEnv(f) }
      ),
      240_000,
      "a depot build with Depot's input names"
    )
    expectSuccess(run)
    expect(run.main.log).toMatch(/^engine: depot \(Depot project p-switch from depot-project input and credentials from a token\)/m)
    expect(run.main.log).toMatch(
      /^depot build --project p-switch --build-platform linux\/amd64 --save --save-tag v1 --save-tag latest --lint --lint-fail-on none --sbom-dir \S+ /m
    )
    expect(f.builds.map(b => b.request.projectId)).toEqual(['p-switch'])
    expect(f.builds[0]?.request.options[0]?.save).toBe(true)
    expect(run.mainOutputs['build-id']).toBe(f.builds[0]?.id)
    expect(run.mainOutputs['project-id']).toBe('p-switch')
    expect(run.mainOutputs['depot-build-id']).toBe(f.builds[0]?.id)
    const pushed = await getManifest(repo, 'v1')
    expect(pushed.status).toBe(200)
    expect(run.mainOutputs['digest']).toBe(pushed.digest)
    expect(everythingKept(run)).not.toContain(TOKEN)
  })

  it('fake control plane: a depot/bake-action step (workdir, project, token, push) bakes in that folder on Depot', async () => {
    const f = await fake()
    const repo = uniqueRepo('depot-switch-bake')
    const work = writeContext({
      'app/Dockerfile': `FROM ${tb.baseImage}\nRUN echo baked > /b\n`,
      'app/docker-bake.hcl': `variable "TAG" {\n  default = "none"\n}\ntarget "default" {\n  tags = ["${tb.registry}/${repo}:\${TAG}"]\n}\n`
    })
    const run = await withTimeout(
      runAction(
        { workdir: 'app', project: 'p-bake', token: TOKEN, 'depot-version': 'installed', push: 'true', vars: 'TAG=v2' },
        { cwd: work, env: depotEnv(f) }
      ),
      240_000,
      'a depot bake from workdir'
    )
    expectSuccess(run)
    expect(f.builds.map(b => b.request.projectId)).toEqual(['p-bake'])
    expect((await getManifest(repo, 'v2')).status).toBe(200)
    expect(run.mainOutputs['project-id']).toBe('p-bake')
  })

  it('fake control plane: engine buildx with a Depot project builds on buildx, warns that the input is ignored, never calls Depot', async () => {
    const f = await fake()
    const run = await runAction({ 'depot-version': 'installed', context: ctx, engine: 'buildx', project: 'abc' }, { env: depotEnv(f) })
    expectSuccess(run)
    expect(run.main.log).toMatch(/::warning::project is a Depot input, and engine: buildx never uses Depot: it is ignored/)
    expect(run.main.log).toMatch(/Set up buildx/)
    expect(f.builds).toEqual([])
  })

  it.each([
    [
      'auto with project and no credentials',
      { project: 'abc' },
      /::error::project: is a Depot input, so Depot is to build: it needs a project and credentials; no Depot credentials/
    ],
    [
      'auto with save and no project',
      { save: 'true', token: TOKEN },
      /::error::save: is a Depot input, so Depot is to build: .*no Depot project/
    ]
  ])('fake control plane: %s fails before anything is built, naming the input', async (_name, inputs, message) => {
    const f = await fake()
    const run = await runAction({ 'depot-version': 'installed', context: ctx, ...inputs }, { env: depotEnv(f) })
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(message)
    expect(f.builds).toEqual([])
    expect(run.main.log).not.toMatch(/Set up buildx/)
  })
})
