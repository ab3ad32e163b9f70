// Registry login, for real: a registry that asks for a password (the fault proxy's Basic auth in
// front of the testbed registry), `docker login` by main, the push and the read-back through it,
// `docker logout` by post; the password in no log, output, state or summary. Each run gets a
// docker config of its own (the testbed's buildx plugin linked in), so logins never leak between
// tests.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { FaultProxy } from './fault-proxy.js'
import {
  dockerConfigLogins,
  everythingKept,
  expectNothingPushed,
  expectSuccess,
  getManifest,
  privateDockerConfig,
  runAction,
  testbed,
  uniqueRepo,
  writeContext,
  type Testbed
} from './harness.js'

let tb: Testbed
let proxy: FaultProxy
let ctx: string
const USER = 'ci-user'
// quotes and a space: the password must reach the registry byte for byte
const PASSWORD = `pw "${Math.random().toString(36).slice(2)}" x`

beforeAll(async () => {
  tb = testbed()
  proxy = await FaultProxy.start(tb.registry)
  proxy.requireBasicAuth(USER, PASSWORD)
  ctx = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nARG RUNID\nRUN echo "$RUNID" > /run-id\n` })
})

afterAll(async () => {
  await proxy.close()
})

describe('registry login', () => {
  it('the registry asks for a password: without a login the push is refused', async () => {
    expect((await fetch(`http://127.0.0.1:${proxy.port}/v2/`)).status).toBe(401)
    const repo = uniqueRepo('login-none')
    const run = await runAction(
      { context: ctx, tags: `${proxy.registry}/${repo}:v1`, push: 'true', platforms: 'linux/amd64', 'build-args': 'RUNID=none' },
      { env: { DOCKER_CONFIG: privateDockerConfig() } }
    )
    expect(run.main.code).not.toBe(0)
    expect((await getManifest(repo, 'v1')).status).toBe(404)
    // It failed because the registry refused it: the proxy answered this repository's push with
    // 401 (and let nothing through), and the action's error says the registry asked for a login.
    const forRepo = proxy.requests.filter(r => r.path.startsWith(`/v2/${repo}/`))
    expect(forRepo.length).toBeGreaterThan(0)
    expect(forRepo.every(r => r.outcome === 401)).toBe(true)
    expect(run.main.log).toMatch(/^::error::.*(401 Unauthorized|unauthorized|authentication required)/im)
  })

  it('logs in, pushes and reads back through the login, and post logs out; the password is shown nowhere', async () => {
    const config = privateDockerConfig()
    const repo = uniqueRepo('login')
    let between: string[] = []
    const run = await runAction(
      {
        context: ctx,
        tags: `${proxy.registry}/${repo}:v1`,
        push: 'true',
        platforms: 'linux/amd64',
        'build-args': 'RUNID=login',
        registry: proxy.registry,
        username: USER,
        password: PASSWORD
      },
      { env: { DOCKER_CONFIG: config }, betweenSteps: () => void (between = dockerConfigLogins(config)) }
    )
    expectSuccess(run)
    expect(run.main.log).toContain(`::group::Log in to ${proxy.registry}`)
    // later steps of the job are logged in; post logs out
    expect(between).toEqual([proxy.registry])
    expect(dockerConfigLogins(config)).toEqual([])
    expect(run.post.log).toContain(`logged out of ${proxy.registry}`)
    // the push went through the password-protected registry, and the manifests were read back through it
    const index = await getManifest(repo, 'v1')
    expect(index.status).toBe(200)
    expect(run.mainOutputs['digest']).toBe(index.digest)
    expect(JSON.parse(run.outputs['manifests'] ?? '{}')['default']?.source).toBe('registry')
    expect(proxy.requests.some(r => r.method === 'PUT' && r.path === `/v2/${repo}/manifests/v1` && r.outcome === 201)).toBe(true)
    // masked for the runner, and in nothing the runner shows or keeps
    expect(run.main.log.split('\n')).toContain(`::add-mask::${PASSWORD}`)
    const shown = everythingKept(run)
    expect(shown).not.toContain(PASSWORD)
    expect(shown).not.toContain(Buffer.from(`${USER}:${PASSWORD}`).toString('base64'))
  })

  it('logout: false keeps the login for later jobs on the same machine', async () => {
    const config = privateDockerConfig()
    const repo = uniqueRepo('login-keep')
    const run = await runAction(
      {
        context: ctx,
        tags: `${proxy.registry}/${repo}:v1`,
        push: 'true',
        platforms: 'linux/amd64',
        'build-args': 'RUNID=keep',
        registry: proxy.registry,
        username: USER,
        password: PASSWORD,
        logout: 'false'
      },
      { env: { DOCKER_CONFIG: config } }
    )
    expectSuccess(run)
    expect(dockerConfigLogins(config)).toEqual([proxy.registry])
    expect(run.post.log).toContain('logout: false')
  })

  it('a wrong password fails before anything is built, with the registry and user named and the password not shown', async () => {
    const config = privateDockerConfig()
    const repo = uniqueRepo('login-wrong')
    const wrong = `wrong-${Math.random().toString(36).slice(2)}`
    const run = await runAction(
      {
        context: ctx,
        tags: `${proxy.registry}/${repo}:v1`,
        push: 'true',
        platforms: 'linux/amd64',
        registry: proxy.registry,
        username: USER,
        password: wrong
      },
      { env: { DOCKER_CONFIG: config } }
    )
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(new RegExp(`::error::login to ${proxy.registry} as ${USER} failed: `))
    expect(run.main.log).not.toMatch(/::group::Build/)
    expect(run.post.code).toBe(0)
    expect(dockerConfigLogins(config)).toEqual([])
    expect(everythingKept(run)).not.toContain(wrong)
    await expectNothingPushed(repo)
  })
})

// registry-auth: two registries that ask for different passwords (two fault proxies with Basic
// auth in front of the testbed registry), logged in to from one input, pushed to in one step.
describe('registry-auth: several registries in one step', () => {
  let second: FaultProxy
  const USER2 = 'other-user'
  // YAML-active characters: the value must reach docker login byte for byte
  const PASSWORD2 = `p2: #${Math.random().toString(36).slice(2)} 'x'`
  const yamlQuoted = (s: string) => `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`
  const registryAuth = (p1: string, p2: string) =>
    [
      `- registry: ${proxy.registry}`,
      `  username: ${USER}`,
      `  password: ${yamlQuoted(p1)}`,
      `- registry: ${second.registry}`,
      `  username: ${USER2}`,
      `  password: ${yamlQuoted(p2)}`,
      ''
    ].join('\n')
  /** A manifest read over the registry's HTTP API through the proxy, with that proxy's credentials. */
  const readThrough = async (p: FaultProxy, user: string, password: string, repo: string, ref: string) => {
    const r = await fetch(`http://127.0.0.1:${p.port}/v2/${repo}/manifests/${ref}`, {
      headers: {
        Accept: 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json',
        Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`
      }
    })
    return { status: r.status, digest: r.headers.get('docker-content-digest') ?? '' }
  }

  beforeAll(async () => {
    second = await FaultProxy.start(tb.registry)
    second.requireBasicAuth(USER2, PASSWORD2)
  })

  afterAll(async () => {
    await second.close()
  })

  it("the two registries are distinct: each refuses the other one's password", async () => {
    expect((await readThrough(proxy, USER2, PASSWORD2, 'x', 'y')).status).toBe(401)
    expect((await readThrough(second, USER, PASSWORD, 'x', 'y')).status).toBe(401)
  })

  it('logs in to both before the build, pushes to both in one step, post logs out of both; the passwords are masked before the list is read and shown nowhere', async () => {
    const config = privateDockerConfig()
    const repo1 = uniqueRepo('rauth-one')
    const repo2 = uniqueRepo('rauth-two')
    let between: string[] = []
    const run = await runAction(
      {
        context: ctx,
        tags: `${proxy.registry}/${repo1}:v1,${second.registry}/${repo2}:v1`,
        push: 'true',
        platforms: 'linux/amd64',
        'build-args': 'RUNID=rauth',
        'registry-auth': registryAuth(PASSWORD, PASSWORD2)
      },
      { env: { DOCKER_CONFIG: config }, betweenSteps: () => void (between = dockerConfigLogins(config)) }
    )
    expectSuccess(run)
    expect(run.main.log).toContain(`::group::Log in to ${proxy.registry}`)
    expect(run.main.log).toContain(`::group::Log in to ${second.registry}`)
    expect(between.sort()).toEqual([proxy.registry, second.registry].sort())
    expect(dockerConfigLogins(config)).toEqual([])
    expect(run.post.log).toContain(`logged out of ${proxy.registry}`)
    expect(run.post.log).toContain(`logged out of ${second.registry}`)
    // each registry, read over its HTTP API with its own credentials, has its image, the same one
    const one = await readThrough(proxy, USER, PASSWORD, repo1, 'v1')
    const two = await readThrough(second, USER2, PASSWORD2, repo2, 'v1')
    expect([one.status, two.status]).toEqual([200, 200])
    expect(two.digest).toBe(one.digest)
    expect(run.mainOutputs['digest']).toBe(one.digest)
    // each push went through its own registry, with its own login
    expect(proxy.requests.some(r => r.method === 'PUT' && r.path === `/v2/${repo1}/manifests/v1` && r.outcome === 201)).toBe(true)
    expect(second.requests.some(r => r.method === 'PUT' && r.path === `/v2/${repo2}/manifests/v1` && r.outcome === 201)).toBe(true)
    // masked before anything else is written (the list is parsed after), and in nothing kept
    const lines = run.main.log.split('\n')
    const firstOther = lines.findIndex(l => !l.startsWith('::add-mask::'))
    for (const pw of [PASSWORD, PASSWORD2]) {
      const at = lines.indexOf(`::add-mask::${pw}`)
      expect(at).toBeGreaterThanOrEqual(0)
      expect(at).toBeLessThan(firstOther)
    }
    const shown = everythingKept(run)
    for (const [u, pw] of [
      [USER, PASSWORD],
      [USER2, PASSWORD2]
    ] as const) {
      expect(shown).not.toContain(pw)
      expect(shown).not.toContain(Buffer.from(`${u}:${pw}`).toString('base64'))
    }
  })

  it('a failed build: post still logs out of every registry', async () => {
    const config = privateDockerConfig()
    const failing = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nRUN exit 3\n` })
    let between: string[] = []
    const run = await runAction(
      {
        context: failing,
        tags: `${proxy.registry}/${uniqueRepo('rauth-fail')}:v1`,
        push: 'true',
        platforms: 'linux/amd64',
        'registry-auth': registryAuth(PASSWORD, PASSWORD2)
      },
      { env: { DOCKER_CONFIG: config }, betweenSteps: () => void (between = dockerConfigLogins(config)) }
    )
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(/^::error::build failed/m)
    expect(between.sort()).toEqual([proxy.registry, second.registry].sort())
    expect(run.post.code).toBe(0)
    expect(dockerConfigLogins(config)).toEqual([])
  })

  it('a cancelled main (SIGTERM during the build): post still logs out of every registry', async () => {
    const config = privateDockerConfig()
    const slow = writeContext({ Dockerfile: `FROM ${tb.baseImage}\nARG RUNID\nRUN echo "$RUNID" && sleep 60\n` })
    let pid = 0
    let signalled = false
    let between: string[] = []
    const run = await runAction(
      {
        context: slow,
        tags: `${proxy.registry}/${uniqueRepo('rauth-cancel')}:v1`,
        push: 'true',
        platforms: 'linux/amd64',
        'build-args': `RUNID=${Date.now()}`,
        'registry-auth': registryAuth(PASSWORD, PASSWORD2)
      },
      {
        env: { DOCKER_CONFIG: config },
        onMainStart: p => void (pid = p),
        // cancelled once the build runs (both logins done)
        onMainOutput: log => {
          if (!signalled && pid && /RUN echo/.test(log)) {
            signalled = true
            process.kill(pid, 'SIGTERM')
          }
        },
        betweenSteps: () => void (between = dockerConfigLogins(config))
      }
    )
    expect(signalled).toBe(true)
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(/received SIGTERM/)
    expect(between.sort()).toEqual([proxy.registry, second.registry].sort())
    expect(run.post.code).toBe(0)
    expect(dockerConfigLogins(config)).toEqual([])
  }, 120_000)

  it('a wrong password for the second registry: main fails naming it, and post logs out of the first', async () => {
    const config = privateDockerConfig()
    const wrong = `wrong-${Math.random().toString(36).slice(2)}`
    let between: string[] = []
    const run = await runAction(
      {
        context: ctx,
        tags: `${proxy.registry}/${uniqueRepo('rauth-wrong')}:v1`,
        push: 'true',
        platforms: 'linux/amd64',
        'registry-auth': registryAuth(PASSWORD, wrong)
      },
      { env: { DOCKER_CONFIG: config }, betweenSteps: () => void (between = dockerConfigLogins(config)) }
    )
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(new RegExp(`::error::login to ${second.registry} as ${USER2} failed: `))
    expect(run.main.log).not.toMatch(/::group::Build/)
    expect(between).toEqual([proxy.registry])
    expect(run.post.code).toBe(0)
    expect(dockerConfigLogins(config)).toEqual([])
    expect(everythingKept(run)).not.toContain(wrong)
  })

  it('a malformed list fails before any login, naming registry-auth and the entry, the password in nothing kept', async () => {
    const config = privateDockerConfig()
    const secret = `leak-${Math.random().toString(36).slice(2)}`
    const run = await runAction(
      {
        context: ctx,
        tags: `${proxy.registry}/${uniqueRepo('rauth-bad')}:v1`,
        push: 'true',
        'registry-auth': `- registry: ${proxy.registry}\n  username: ${USER}\n  password: ${PASSWORD}\n- registry: ${second.registry}\n  username: ${USER2}\n  passwrd: ${secret}\n`
      },
      { env: { DOCKER_CONFIG: config } }
    )
    expect(run.main.code).not.toBe(0)
    expect(run.main.log).toMatch(/^::error::registry-auth: entry 2: unknown key "passwrd"/m)
    expect(run.main.log).not.toMatch(/::group::Log in/)
    expect(run.main.log.split('\n')).toContain(`::add-mask::${secret}`)
    expect(everythingKept(run)).not.toContain(secret)
    // and invalid YAML, with the password inside the broken part
    const run2 = await runAction(
      { context: ctx, 'registry-auth': `- registry: ${proxy.registry}\n  username: ${USER}\n  password: "${secret}\n  [` },
      { env: { DOCKER_CONFIG: config } }
    )
    expect(run2.main.log).toMatch(/^::error::registry-auth: is not valid YAML \(line \d+\)/m)
    expect(everythingKept(run2)).not.toContain(secret)
    expect(dockerConfigLogins(config)).toEqual([])
  })
})
