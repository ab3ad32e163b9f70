// The workflows of examples/switching/ (shown in docs/switching.md), run as written: each file's
// steps are read at test time, the action's `with:` block given to the bundled action unchanged but
// for the registry (`localhost:5000`, the workflow's `registry` service, is the testbed's) and
// `/tmp/` (a directory of the test's own); a docker/setup-buildx-action step is stood in for by
// `buildx create --use` (with network=host, as the examples ask). The repository the examples build
// is served by git http-backend on 127.0.0.1, as the run's Git context; an actions/checkout step is
// stood in for by a checkout of it (the work tree the commit was made in), where later steps run.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'
import { makeGitRepo, startGitServer, type GitServer } from './git-server.js'
import {
  ROOT,
  everythingKept,
  expectSuccess,
  getBlob,
  getManifest,
  privateDockerConfig,
  runAction,
  secretMatches,
  sh,
  shownLog,
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

const EXAMPLES = path.join(ROOT, 'examples', 'switching')

/** The example workflows of examples/switching/, by file name: the steps of their one job. */
function exampleWorkflows(): Map<string, Step[]> {
  const out = new Map<string, Step[]>()
  for (const file of readdirSync(EXAMPLES).filter(f => f.endsWith('.yml'))) {
    const workflow = parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as { jobs: Record<string, { steps: Step[] }> }
    const jobs = Object.values(workflow.jobs)
    if (jobs.length !== 1) throw new Error(`examples/switching/${file}: one job expected, found ${jobs.length}`)
    out.set(file.replace(/\.yml$/, ''), jobs[0]?.steps ?? [])
  }
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
  examples = exampleWorkflows()
  const files = {
    'test/Dockerfile': `FROM ${tb.baseImage}\nRUN echo "Hello from the Git context"\nLABEL from=git-context\n`,
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
 * Runs one example workflow: its steps in order, the action's `with:` as written but for the
 * registry and /tmp/. Returns the action's run, the repository name and the /tmp/ stand-in.
 */
async function runExample(name: string): Promise<{ run: ActionRun; repo: string; tmp: string }> {
  const steps = examples.get(name)
  if (!steps) throw new Error(`examples/switching/${name}.yml does not exist`)
  const repo = uniqueRepo(`readme-${name}`)
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bia-readme-tmp-'))
  const config = privateDockerConfig()
  let run: ActionRun | undefined
  let checkedOut = false
  for (const step of steps) {
    if (step.uses?.startsWith('actions/checkout@')) checkedOut = true
    else if (step.uses?.startsWith('docker/setup-buildx-action@')) {
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
      if (inputs['context'] === '.' && !checkedOut) throw new Error(`example ${name} builds context . with no actions/checkout step before`)
      run = await runAction(inputs, { cwd: checkedOut ? checkout : emptyDir, env: { ...env, DOCKER_CONFIG: config } })
    } else throw new Error(`example ${name}: a step this test cannot stand in for: ${JSON.stringify(step)}`)
  }
  if (!run) throw new Error(`example ${name} runs no build-image-action step`)
  return { run, repo, tmp }
}

describe("the example workflows of switching from docker/build-push-action, as written (setup-buildx's builder on the stand-in BuildKit image: the main engine's BuildKit, one cache for all such builders)", () => {
  it('has the examples this test runs', () => {
    expect([...examples.keys()].sort()).toEqual(['local-output', 'multi-line-secret', 'no-checkout', 'subdirectory'])
  })

  // The Git context without a checkout is tested here, once (switching.test.ts builds its subdirectories).
  it('no-checkout: the run Git context (<server>/<repo>.git#<sha>, file relative to it), two platforms, pushed', async () => {
    const before = server.requests.length
    const { run, repo } = await runExample('no-checkout')
    expectSuccess(run)
    expect(run.main.log).toContain(`${server.url}/${env['GITHUB_REPOSITORY']}.git#${env['GITHUB_SHA']}`)
    const served = server.requests.slice(before).filter(r => r.path.startsWith(`/${env['GITHUB_REPOSITORY']}.git/`))
    expect(served.some(r => r.path.endsWith('/git-upload-pack') && r.status === 200)).toBe(true)
    const index = await getManifest(repo, 'latest')
    expect(index.status).toBe(200)
    const images = index.json.manifests.filter((m: any) => m.platform.os !== 'unknown')
    expect(images.map((m: any) => m.platform.architecture).sort()).toEqual(['amd64', 'arm64'])
    expect(run.outputs['digest']).toBe(index.digest)
    // the image was built from the served Dockerfile, and nothing was written where the step ran
    const manifest = await getManifest(repo, images[0].digest)
    const config = JSON.parse((await getBlob(repo, manifest.json.config.digest)).toString('utf8'))
    expect(config.config.Labels.from).toBe('git-context')
    expect(readdirSync(emptyDir)).toEqual([])
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

  // Multi-line secrets are tested here, once (and with the GIT_AUTH_TOKEN in peer-build-push's git-context-secret).
  it('multi-line-secret: the quoted secret reaches the build whole (the Dockerfile compares digests), and nothing shows it', async () => {
    const { run } = await runExample('multi-line-secret')
    expectSuccess(run)
    expect(everythingKept(run)).not.toContain(SECRET)
    for (const line of SECRET.split('\n')) expect(shownLog(run.main.log + run.post.log)).not.toContain(line)
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
