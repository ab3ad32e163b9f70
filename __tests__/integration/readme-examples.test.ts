// The README's "Switching from docker/build-push-action" examples, run as written: each `# example:`
// block is read from README.md at test time, its `with:` block given to the bundled action
// unchanged but for the registry (`localhost:5000` is the testbed's) and `/tmp/` (a directory of
// the test's own); a docker/setup-buildx-action step is stood in for by `buildx create --use`.
// The repository the examples build is served by git http-backend on 127.0.0.1, as the run's Git
// context; examples that say `context: .` run in a checkout of it (the work tree the commit was made in).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'
import { makeGitRepo, startGitServer, type GitServer } from './git-server.js'
import {
  ROOT,
  expectSuccess,
  getBlob,
  getManifest,
  privateDockerConfig,
  runAction,
  secretMatches,
  sh,
  testbed,
  uniqueRepo,
  type ActionRun,
  type Testbed
} from './harness.js'

interface Step {
  uses?: string
  with?: Record<string, unknown>
  env?: Record<string, unknown>
}

/** The README's `# example: NAME` blocks, as step lists. */
function readmeExamples(): Map<string, Step[]> {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
  const out = new Map<string, Step[]>()
  for (const m of readme.matchAll(/```yaml\n# example: ([a-z0-9-]+)\n([\s\S]*?)```/g)) out.set(m[1] ?? '', parse(m[2] ?? '') as Step[])
  return out
}

let tb: Testbed
let server: GitServer
let env: NodeJS.ProcessEnv
let checkout: string
let emptyDir: string
let examples: Map<string, Step[]>
const builders: Array<{ name: string; config: string }> = []

const SECRET = 'aaaaaaaa\nbbbbbbb,ccc'

beforeAll(async () => {
  tb = testbed()
  examples = readmeExamples()
  const files = {
    'test/Dockerfile': `FROM ${tb.baseImage}\nRUN echo "Hello from the Git context"\n`,
    'test/secret.Dockerfile': `FROM ${tb.baseImage}\nRUN --mount=type=secret,id=MYSECRET --mount=type=secret,id=FOO ${secretMatches('MYSECRET', SECRET)} && ${secretMatches('FOO', 'bar')}\n`,
    'test/binary.Dockerfile': `FROM ${tb.baseImage} AS build\nRUN mkdir -p /out/bin && echo app > /out/bin/app\nFROM scratch AS binary\nCOPY --from=build /out/ /\n`,
    'app/Dockerfile': `FROM ${tb.baseImage}\nCOPY --from=shared /value /value\nRUN test "$(cat /value)" = shared\nLABEL example=subdirectory\n`,
    'shared/value': 'shared'
  }
  const root = mkdtempSync(path.join(os.tmpdir(), 'bia-readme-git-'))
  server = await startGitServer(root)
  const repository = `org/${uniqueRepo('app')}`
  const served = makeGitRepo(root, repository, files)
  env = { GITHUB_SERVER_URL: server.url, GITHUB_REPOSITORY: repository, GITHUB_SHA: served.sha, GITHUB_REF: 'refs/heads/main' }
  checkout = served.dir
  emptyDir = mkdtempSync(path.join(os.tmpdir(), 'bia-readme-no-checkout-'))
})

afterAll(async () => {
  await server.close()
  for (const b of builders) await sh('docker', ['buildx', 'rm', b.name], { DOCKER_CONFIG: b.config })
})

/**
 * Runs one README example: its steps in order, the action's `with:` as written but for the
 * registry and /tmp/. Returns the action's run, the repository name and the /tmp/ stand-in.
 */
async function runExample(name: string): Promise<{ run: ActionRun; repo: string; tmp: string }> {
  const steps = examples.get(name)
  if (!steps) throw new Error(`README.md has no "# example: ${name}" block`)
  const repo = uniqueRepo(`readme-${name}`)
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bia-readme-tmp-'))
  const config = privateDockerConfig()
  let run: ActionRun | undefined
  for (const step of steps) {
    if (step.uses?.startsWith('docker/setup-buildx-action@')) {
      const builder = `readme-${uniqueRepo('b')}`
      const r = await sh(
        'docker',
        [
          'buildx',
          'create',
          '--use',
          '--name',
          builder,
          '--driver',
          'docker-container',
          '--driver-opt',
          `image=${tb.buildkitImage},network=host`
        ],
        { DOCKER_CONFIG: config }
      )
      expect(r.code).toBe(0)
      builders.push({ name: builder, config })
    } else if (step.uses?.startsWith('org/build-image-action@')) {
      const inputs = Object.fromEntries(
        Object.entries(step.with ?? {}).map(([k, v]) => [
          k,
          String(v).replaceAll('localhost:5000/name/app', `${tb.registry}/${repo}`).replaceAll('/tmp/', `${tmp}/`)
        ])
      )
      const local = inputs['context'] === '.'
      run = await runAction(inputs, { cwd: local ? checkout : emptyDir, env: { ...env, DOCKER_CONFIG: config } })
    } else throw new Error(`example ${name}: a step this test cannot stand in for: ${JSON.stringify(step)}`)
  }
  if (!run) throw new Error(`example ${name} runs no build-image-action step`)
  return { run, repo, tmp }
}

describe("the README examples of switching from docker/build-push-action, as written (setup-buildx's builder on the stand-in BuildKit image: the main engine's BuildKit, one cache for all such builders)", () => {
  it('has the examples this test runs', () => {
    expect([...examples.keys()].sort()).toEqual(['local-output', 'multi-line-secret', 'no-checkout', 'subdirectory'])
  })

  it('no-checkout: the run Git context, two platforms, pushed', async () => {
    const before = server.requests.length
    const { run, repo } = await runExample('no-checkout')
    expectSuccess(run)
    expect(server.requests.slice(before).some(r => r.path.endsWith('/git-upload-pack') && r.status === 200)).toBe(true)
    const index = await getManifest(repo, 'latest')
    expect(index.status).toBe(200)
    const platforms = index.json.manifests.filter((m: any) => m.platform.os !== 'unknown').map((m: any) => m.platform.architecture)
    expect(platforms.sort()).toEqual(['amd64', 'arm64'])
    expect(run.outputs['digest']).toBe(index.digest)
  })

  it('subdirectory: {{defaultContext}}:app with a build context from another subdirectory', async () => {
    const { run, repo } = await runExample('subdirectory')
    expectSuccess(run)
    const top = await getManifest(repo, 'sub')
    const image = top.json.manifests.find((m: any) => m.platform?.os !== 'unknown')
    const manifest = await getManifest(repo, image.digest)
    const config = JSON.parse((await getBlob(repo, manifest.json.config.digest)).toString('utf8'))
    expect(config.config.Labels.example).toBe('subdirectory')
  })

  it('multi-line-secret: the quoted secret reaches the build whole (the Dockerfile compares digests)', async () => {
    const { run } = await runExample('multi-line-secret')
    expectSuccess(run)
  })

  it('local-output: the folder holds the binary and provenance.json; imageid and digest are empty', async () => {
    const { run, tmp } = await runExample('local-output')
    expectSuccess(run)
    expect(readFileSync(path.join(tmp, 'buildx-build', 'bin', 'app'), 'utf8')).toBe('app\n')
    expect(existsSync(path.join(tmp, 'buildx-build', 'provenance.json'))).toBe(true)
    expect(run.outputs['imageid']).toBe('')
    expect(run.outputs['digest']).toBe('')
  })
})
