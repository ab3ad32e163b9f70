// Registry login, for real: a registry that asks for a password (the fault proxy's Basic auth in
// front of the testbed registry), `docker login` by main, the push and the read-back through it,
// `docker logout` by post; the password in no log, output, state or summary. Each run gets a
// docker config of its own (the testbed's buildx plugin linked in), so logins never leak between
// tests.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { FaultProxy } from './fault-proxy.js'
import {
  catalog,
  dockerConfigLogins,
  everythingKept,
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
    expect(await catalog()).not.toContain(repo)
  })
})
