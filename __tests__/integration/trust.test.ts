// Trust, round three (issue 21), the bake and process items, each run through dist/ against the
// testbed and checked where the attack would land: the file system outside the workspace, the
// buildx command line, what a RUN step of the build sees, how often a failing build ran.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { startFakeDepot } from './fake-depot.js'
import { FaultProxy } from './fault-proxy.js'
import {
  describeActionLogic,
  dockerConfigLogins,
  expectSuccess,
  privateDockerConfig,
  ROOT,
  runAction,
  sh,
  shownLog,
  testbed,
  testbedEnv,
  uniqueRepo,
  writeContext,
  type ActionRun,
  type Testbed
} from './harness.js'

let tb: Testbed

beforeAll(() => {
  tb = testbed()
})

/** buildx checks entitlements from 0.19 on; before, the action's own check is all there is. */
function bakeTakesAllow(): boolean {
  const [major, minor] = tb.buildxVersion.split('.').map(Number)
  return (major ?? 0) > 0 || (minor ?? 0) >= 19
}

/** An event file as the runner writes it: a pull request from the fork mallory/app of `repository`. */
function forkEvent(repository: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'bia-event-')), 'event.json')
  writeFileSync(
    file,
    JSON.stringify({ pull_request: { number: 7, head: { repo: { full_name: 'mallory/app' } } }, repository: { full_name: repository } })
  )
  return file
}

const REPOSITORY = 'octo/trust'
const fromFork = () => ({
  GITHUB_REPOSITORY: REPOSITORY,
  GITHUB_EVENT_NAME: 'pull_request_target',
  GITHUB_EVENT_PATH: forkEvent(REPOSITORY)
})
const trusted = () => ({ GITHUB_REPOSITORY: REPOSITORY, GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: forkEvent(REPOSITORY) })

const errorOf = (run: ActionRun) => run.main.log.split('\n').find(l => l.startsWith('::error')) ?? ''
const bakeLine = (run: ActionRun) => run.main.log.split('\n').find(l => /^(\S*docker buildx|buildx|\S*docker-buildx) bake /.test(l)) ?? ''
// the command line is shown as typed: a `*` is quoted
const allowOf = (run: ActionRun) => [...bakeLine(run).matchAll(/--allow (\S+)/g)].map(m => m[1]?.replace(/^'(.*)'$/, '$1'))

/** A bake whose target writes its build result (a file named cosign) to `dest`. */
function localOutputBake(dest: string, salt: string): string {
  return writeContext({
    Dockerfile: `FROM ${tb.baseImage} AS build\nARG SALT\nRUN printf '#!/bin/sh\\necho planted %s\\n' "$SALT" > /cosign && chmod +x /cosign\nFROM scratch\nCOPY --from=build /cosign /cosign\n`,
    'docker-bake.hcl': [
      'target "default" {',
      '  context = "."',
      `  args = { SALT = "${salt}" }`,
      `  output = ["type=local,dest=${dest}"]`,
      '}'
    ].join('\n')
  })
}

describe('2. a bake definition from a fork gets only what allow grants', () => {
  it("pull_request_target from a fork: a local output into a fake HOME's .local/bin fails naming allow and the path; nothing is written there", async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'bia-home-'))
    const bin = path.join(home, '.local', 'bin')
    const ctx = localOutputBake(bin, uniqueRepo('trust-plant'))
    const run = await runAction({ files: path.join(ctx, 'docker-bake.hcl') }, { cwd: ctx, env: { ...fromFork(), HOME: home } })
    expect(run.main.code).not.toBe(0)
    expect(errorOf(run)).toMatch(/allow/)
    expect(errorOf(run)).toContain(`fs.write=${home}`)
    expect(errorOf(run)).toContain('mallory/app')
    // nothing planted, no folder made, and the bake never ran
    expect(existsSync(path.join(home, '.local'))).toBe(false)
    expect(readdirSync(home)).toEqual([])
    expect(bakeLine(run)).toBe('')
  })

  it('a fork whose output stays inside the workspace still bakes, granted nothing', async () => {
    const ctx = localOutputBake('out', uniqueRepo('trust-inside'))
    const run = await runAction({ files: path.join(ctx, 'docker-bake.hcl') }, { cwd: ctx, env: fromFork() })
    expectSuccess(run)
    expect(readFileSync(path.join(ctx, 'out', 'cosign'), 'utf8')).toMatch(/planted/)
    expect(allowOf(run)).toEqual([])
  })

  it('a fork the workflow grants the folder through allow bakes into it', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'bia-home-'))
    const dest = path.join(home, 'artifacts')
    const ctx = localOutputBake(dest, uniqueRepo('trust-allowed'))
    const run = await runAction({ files: path.join(ctx, 'docker-bake.hcl'), allow: `fs.write=${home}` }, { cwd: ctx, env: fromFork() })
    expectSuccess(run)
    expect(readFileSync(path.join(dest, 'cosign'), 'utf8')).toMatch(/planted/)
    if (bakeTakesAllow()) expect(allowOf(run)).toEqual([`fs.write=${home}`])
  })

  it('a trusted run keeps docker/bake-action: fs=*, the output outside the workspace is written, and no folder is made beforehand', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'bia-home-'))
    const dest = path.join(home, 'dist')
    const ctx = localOutputBake(dest, uniqueRepo('trust-trusted'))
    const run = await runAction({ files: path.join(ctx, 'docker-bake.hcl') }, { cwd: ctx, env: trusted() })
    expectSuccess(run)
    expect(readFileSync(path.join(dest, 'cosign'), 'utf8')).toMatch(/planted/)
    if (bakeTakesAllow()) expect(allowOf(run)).toEqual(['fs=*'])
    expect(run.main.log).not.toMatch(/--allow ssh/)
  })
})

describe("2. an entitlement a fork's target asks for by name", () => {
  it("a fork's target asking for security.insecure fails naming allow and the entitlement, before the bake", async () => {
    const ctx = writeContext({
      Dockerfile: `FROM ${tb.baseImage}\nRUN echo insecure > /i\n`,
      'docker-bake.hcl': ['target "default" {', '  context = "."', '  entitlements = ["security.insecure"]', '}'].join('\n')
    })
    // buildx before 0.14 does not know the key: it neither prints nor asks for it
    const printed = await sh('docker', ['buildx', 'bake', '--print', '--file', path.join(ctx, 'docker-bake.hcl')])
    const knows = printed.stdout.includes('security.insecure')
    const run = await runAction({ files: path.join(ctx, 'docker-bake.hcl') }, { cwd: ctx, env: fromFork() })
    if (!knows) {
      expectSuccess(run)
      return
    }
    expect(run.main.code).not.toBe(0)
    expect(errorOf(run)).toMatch(/allow.*security\.insecure \(entitlements of target default\)/)
    expect(bakeLine(run)).toBe('')
  })
})

describe('2. the same check on Depot (real CLI, fake control plane: Depot cannot be had here)', () => {
  it("fake control plane: a fork's depot bake with a local output into a fake HOME fails naming allow before any Depot build", async () => {
    const token = `dpt_fake-${Date.now().toString(36)}-secret`
    const f = await startFakeDepot({ tokens: [token], buildkitAddr: tb.buildkitAddr })
    try {
      const home = mkdtempSync(path.join(os.tmpdir(), 'bia-home-'))
      const ctx = localOutputBake(path.join(home, '.local', 'bin'), uniqueRepo('trust-depot'))
      const run = await runAction(
        { engine: 'depot', 'depot-project': 'p-trust', 'depot-version': 'installed', files: path.join(ctx, 'docker-bake.hcl') },
        {
          cwd: ctx,
          env: {
            ...fromFork(),
            DEPOT_TOKEN: token,
            DEPOT_API_URL: f.url,
            DEPOT_ERROR_TELEMETRY: '0',
            DEPOT_NO_UPDATE_NOTIFIER: '1',
            PATH: `${path.join(ROOT, 'node_modules/@depot/cli-linux-x64/bin')}:${testbedEnv(tb).PATH ?? ''}`
          }
        }
      )
      expect(run.main.code).not.toBe(0)
      expect(errorOf(run)).toMatch(/allow/)
      expect(errorOf(run)).toContain(`fs.write=${home}`)
      expect(readdirSync(home)).toEqual([])
      expect(f.builds).toHaveLength(0)
    } finally {
      await f.close()
    }
  })
})

describe('2. the ssh agent is granted only when asked for', () => {
  let agent: net.Server
  let sock: string
  beforeAll(async () => {
    // a socket where an agent would be: buildx opens it only for a RUN that mounts it
    sock = path.join(mkdtempSync(path.join(os.tmpdir(), 'bia-agent-')), 'agent.sock')
    agent = net.createServer(c => c.destroy())
    await new Promise<void>(resolve => agent.listen(sock, resolve))
  })
  afterAll(async () => {
    await new Promise(resolve => agent.close(resolve))
  })

  function sshBake(): string {
    return writeContext({
      Dockerfile: `FROM ${tb.baseImage}\nARG SALT\nRUN echo "$SALT" > /salt\n`,
      'docker-bake.hcl': [
        'target "default" {',
        '  context = "."',
        `  args = { SALT = "${uniqueRepo('trust-ssh')}" }`,
        '  ssh = ["default"]',
        '}'
      ].join('\n')
    })
  }

  it('a trusted run whose definition forwards the agent: ssh is not in --allow; with allow: ssh it is', async () => {
    const ctx = sshBake()
    const env = { ...trusted(), SSH_AUTH_SOCK: sock }
    const plain = await runAction({ files: path.join(ctx, 'docker-bake.hcl') }, { cwd: ctx, env })
    expect(plain.main.log).toContain('the definition forwards the default ssh agent: not granted (add ssh to allow to grant it)')
    expect(allowOf(plain)).not.toContain('ssh')
    const asked = await runAction({ files: path.join(ctx, 'docker-bake.hcl'), allow: 'ssh' }, { cwd: ctx, env })
    expectSuccess(asked)
    if (bakeTakesAllow()) expect(allowOf(asked)).toContain('ssh')
  })

  it('a run from a fork whose definition forwards the agent fails naming allow and ssh, before the bake', async () => {
    const ctx = sshBake()
    const run = await runAction({ files: path.join(ctx, 'docker-bake.hcl') }, { cwd: ctx, env: { ...fromFork(), SSH_AUTH_SOCK: sock } })
    expect(run.main.code).not.toBe(0)
    expect(errorOf(run)).toMatch(/allow.*ssh \(a target forwards the default ssh agent\)/)
    expect(bakeLine(run)).toBe('')
  })
})

describe('2. the docker CLI that runs after the build is the one found before it', () => {
  let proxy: FaultProxy
  const USER = 'trust-user'
  const PASSWORD = `pw-${Math.random().toString(36).slice(2)}`
  beforeAll(async () => {
    proxy = await FaultProxy.start(tb.registry)
    proxy.requireBasicAuth(USER, PASSWORD)
  })
  afterAll(async () => {
    await proxy.close()
  })

  it('a trusted bake that writes a `docker` into a folder early on PATH: post logs out with the docker found before, and the planted one never runs', async () => {
    const bin = mkdtempSync(path.join(os.tmpdir(), 'bia-pathbin-'))
    const marker = path.join(mkdtempSync(path.join(os.tmpdir(), 'bia-marker-')), 'ran')
    const ctx = writeContext({
      Dockerfile: `FROM ${tb.baseImage} AS build\nARG MARKER\nRUN printf '#!/bin/sh\\ntouch %s\\n' "$MARKER" > /docker && chmod +x /docker\nFROM scratch\nCOPY --from=build /docker /docker\n`,
      'docker-bake.hcl': [
        'target "default" {',
        '  context = "."',
        `  args = { MARKER = "${marker}" }`,
        `  output = ["type=local,dest=${bin}"]`,
        '}'
      ].join('\n')
    })
    const config = privateDockerConfig()
    const run = await runAction(
      { files: path.join(ctx, 'docker-bake.hcl'), registry: proxy.registry, username: USER, password: PASSWORD },
      { cwd: ctx, env: { ...trusted(), DOCKER_CONFIG: config, PATH: `${bin}:${testbedEnv(tb).PATH ?? ''}` } }
    )
    expectSuccess(run)
    // the build did plant it, where PATH looks first
    expect(existsSync(path.join(bin, 'docker'))).toBe(true)
    expect(existsSync(marker)).toBe(false)
    expect(run.post.log).toContain(`logged out of ${proxy.registry}`)
    expect(dockerConfigLogins(config)).toEqual([])
  })
})

describe('4. buildx and bake never get the OIDC request variables', () => {
  it("a definition's env secret of ACTIONS_ID_TOKEN_REQUEST_TOKEN reaches the RUN step empty; the gha cache's ACTIONS_RUNTIME_TOKEN still does", async () => {
    const oidcToken = `oidc-${Math.random().toString(36).slice(2)}`
    const runtimeToken = `runtime-${Math.random().toString(36).slice(2)}`
    const ctx = writeContext({
      // lengths only: the build log never holds a value
      Dockerfile: [
        `FROM ${tb.baseImage}`,
        'ARG SALT',
        'RUN --mount=type=secret,id=oidc --mount=type=secret,id=oidcurl --mount=type=secret,id=runtime \\',
        '  echo "$SALT lengths: oidc=$(cat /run/secrets/oidc 2>/dev/null | wc -c) oidcurl=$(cat /run/secrets/oidcurl 2>/dev/null | wc -c) runtime=$(cat /run/secrets/runtime 2>/dev/null | wc -c)"'
      ].join('\n'),
      'docker-bake.hcl': [
        'target "default" {',
        '  context = "."',
        `  args = { SALT = "${uniqueRepo('trust-oidc')}" }`,
        '  secret = [',
        '    "type=env,id=oidc,env=ACTIONS_ID_TOKEN_REQUEST_TOKEN",',
        '    "type=env,id=oidcurl,env=ACTIONS_ID_TOKEN_REQUEST_URL",',
        '    "type=env,id=runtime,env=ACTIONS_RUNTIME_TOKEN"',
        '  ]',
        '}'
      ].join('\n')
    })
    const run = await runAction(
      { files: path.join(ctx, 'docker-bake.hcl') },
      {
        cwd: ctx,
        env: {
          ...trusted(),
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: oidcToken,
          ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:9/token',
          ACTIONS_RUNTIME_TOKEN: runtimeToken
        }
      }
    )
    expectSuccess(run)
    const line = shownLog(run.main.log)
      .split('\n')
      .find(l => /lengths: oidc=/.test(l) && !/echo/.test(l))
    expect(line).toMatch(/oidc=0 oidcurl=0 runtime=(\d+)/)
    expect(Number(/runtime=(\d+)/.exec(line ?? '')?.[1])).toBe(runtimeToken.length)
    expect(run.main.log).not.toContain(oidcToken)
  })
})

describe('8. a push is retried only for buildx’s own push failure', () => {
  it('a RUN that fails printing "failed to push ...: 500" is built once, not retried', async () => {
    const repo = uniqueRepo('trust-retry')
    const ctx = writeContext({
      Dockerfile: `FROM ${tb.baseImage}\nARG SALT\nRUN echo "$SALT" && echo "failed to push ${tb.registry}/${repo}:1: 500 Internal Server Error" && exit 1\n`
    })
    const run = await runAction(
      { context: ctx, tags: `${tb.registry}/${repo}:1`, push: 'true', 'build-args': `SALT=${repo}` },
      { env: trusted() }
    )
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).not.toMatch(/push attempt \d of \d/)
    // the RUN step ran once: its command line is printed by BuildKit once per build
    const runs = run.main.log.split('\n').filter(l => /^#\d+ \[\d\/\d\] RUN echo/.test(l)).length
    expect(runs).toBe(1)
  })
})

describeActionLogic('11. a secrets entry with an empty value is skipped with a warning, by its number, never quoted', () => {
  it('secrets: VALUE= (a value pasted without its id) is not passed to buildx; the warning names secrets and entry 2; the value is nowhere in the log', async () => {
    const pasted = `ghp_${Math.random().toString(36).slice(2)}`
    const ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\n` })
    const run = await runAction({ context: ctx, secrets: `ok=1\n${pasted}=` })
    expect(run.main.code).toBe(0)
    expect(run.main.log).toContain(
      '::warning::secrets: entry 2 has an empty value (value not shown) and is skipped: an entry is id=value; a value pasted alone reads as an id'
    )
    // the runner consumes ::add-mask:: lines: what it shows holds no part of the entry
    expect(shownLog(run.main.log + run.post.log)).not.toContain(pasted)
    // the build ran, with the good secret only
    const buildLine = run.main.log.split('\n').find(l => /buildx build /.test(l)) ?? ''
    expect(buildLine).toMatch(/--secret id=ok,/)
    expect(buildLine).not.toContain(pasted)
  })
})
