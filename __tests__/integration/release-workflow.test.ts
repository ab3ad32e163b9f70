// .github/workflows/release-multi-arch.yml, job by job, on the testbed: its plan script, then the
// build step's `with:` for every matrix entry, the digest files it keeps, and the merge step's
// `with:` per target, read from the workflow file with ${{ inputs.* }} and ${{ matrix.* }}
// filled in. Only the builder differs: the testbed's remote BuildKit stands in for
// docker-container (which would pull moby/buildkit). Results are checked over the registry's API.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import {
  cosignBin,
  expectSuccess,
  getManifest,
  parseFileCommands,
  ROOT,
  runAction,
  testbed,
  testbedEnv,
  uniqueRepo,
  writeContext,
  type Testbed
} from './harness.js'

interface Step {
  id?: string
  uses?: string
  with?: Record<string, string | boolean>
  env?: Record<string, string>
}
type Matrix = Record<string, string>

const workflowText = readFileSync(path.join(ROOT, '.github/workflows/release-multi-arch.yml'), 'utf8')
const workflow = parseYaml(workflowText) as {
  jobs: Record<string, { steps: Step[] }>
}
const step = (job: string, id: string): Step => {
  const s = workflow.jobs[job]?.steps.find(x => x.id === id)
  if (!s) throw new Error(`release-multi-arch.yml has no step ${job}.${id}`)
  return s
}

/** The step's `with:`, as the runner evaluates these simple ${{ context.name }} references. */
function withOf(
  s: Step,
  ctx: { inputs: Record<string, string>; matrix: Matrix; secrets?: Record<string, string> }
): Record<string, string> {
  const all = { ...ctx, secrets: ctx.secrets ?? {} }
  const expand = (v: string) =>
    v.replace(/\$\{\{\s*(inputs|matrix|secrets)\.([\w-]+)\s*\}\}/g, (_m, where: 'inputs' | 'matrix' | 'secrets', name: string) => {
      // a secret the caller did not pass is empty, as on GitHub
      const value = where === 'secrets' ? (all.secrets[name] ?? '') : all[where][name]
      if (value === undefined) throw new Error(`${where}.${name} is not set in the test`)
      return value
    })
  return Object.fromEntries(Object.entries(s.with ?? {}).map(([k, v]) => [k, expand(String(v))]))
}

let tb: Testbed
beforeAll(() => {
  tb = testbed()
})

function plan(env: Record<string, string>, cwd: string): { matrix: Matrix[]; merges: Matrix[]; bake: string } {
  const r = spawnSync(process.execPath, ['-e', step('plan', 'plan').env?.['PLAN'] ?? ''], {
    cwd,
    env: {
      ...testbedEnv(tb),
      GITHUB_OUTPUT: path.join(cwd, 'plan-output'),
      DEFAULT_RUNNER: 'ubuntu-24.04',
      RUNNERS: '{}',
      BAKE_FILES: '',
      BAKE_TARGETS: '',
      TAGS: '',
      IMAGE: '',
      ...env
    },
    encoding: 'utf8'
  })
  if (r.status !== 0) throw new Error(`plan failed: ${r.stdout}${r.stderr}`)
  const out = Object.fromEntries(
    readFileSync(path.join(cwd, 'plan-output'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map(l => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])
  )
  return { matrix: JSON.parse(out['matrix'] ?? '{}').include, merges: JSON.parse(out['merges'] ?? '{}').include, bake: out['bake'] ?? '' }
}

/** build jobs, then merge jobs, as the workflow runs them; returns each target's index digest. */
interface Signing {
  secrets: Record<string, string>
  /** what the testbed adds to the merge step: cosign on PATH, and no transparency log (Rekor cannot be reached here) */
  env: NodeJS.ProcessEnv
  extra: Record<string, string>
  /** each merge run's verify-commands output */
  verifyCommands: string[]
}

async function release(
  inputs: Record<string, string>,
  cwd: string,
  p: ReturnType<typeof plan>,
  signing?: Signing
): Promise<Record<string, string>> {
  const digestDir = mkdtempSync(path.join(os.tmpdir(), 'bia-digests-'))
  const testbedBuilder = { driver: 'remote', endpoint: tb.buildkitAddr }
  for (const matrix of p.matrix) {
    const s = step('build', p.bake === 'true' ? 'bake' : 'build')
    // the step runs this checkout's action (what runAction runs: this checkout's dist/)
    expect(s.uses).toBe('./')
    const run = await runAction({ ...withOf(s, { inputs, matrix }), ...testbedBuilder }, { cwd })
    expectSuccess(run)
    const digest = run.mainOutputs['digest'] ?? ''
    expect(digest).toMatch(/^sha256:[a-f0-9]{64}$/)
    // the "Keep the digest for the merge job" step
    writeFileSync(path.join(digestDir, matrix['artifact'] ?? ''), `${matrix['repository']}@${digest}\n`)
  }
  const indexes: Record<string, string> = {}
  for (const matrix of p.merges) {
    const mergeDir = mkdtempSync(path.join(os.tmpdir(), 'bia-merge-'))
    // download-artifact with the pattern, then "Digests to merge"
    const prefix = (matrix['digests'] ?? '').replace(/\*$/, '')
    const lines = p.matrix
      .filter(m => (m['artifact'] ?? '').startsWith(prefix))
      .map(m => readFileSync(path.join(digestDir, m['artifact'] ?? ''), 'utf8'))
    writeFileSync(path.join(mergeDir, 'digests.txt'), lines.join(''))
    // the job that runs: merge-signed when sign is not false (the workflow's `if:`s)
    const job = (inputs['sign'] ?? 'false') === 'false' ? 'merge' : 'merge-signed'
    expect(step(job, 'merge').uses).toBe('./')
    const run = await runAction(
      { ...withOf(step(job, 'merge'), { inputs, matrix, secrets: signing?.secrets ?? {} }), ...signing?.extra },
      { cwd: mergeDir, env: signing?.env ?? {} }
    )
    expectSuccess(run)
    signing?.verifyCommands.push(...(run.mainOutputs['verify-commands'] ?? '').split('\n').filter(Boolean))
    indexes[matrix['target'] ?? ''] = run.mainOutputs['digest'] ?? ''
    expect(run.summary).toContain('## Build image')
  }
  return indexes
}

const platformsOf = (index: { json: { manifests: Array<{ platform: { os: string; architecture: string } }> } }) =>
  index.json.manifests
    .filter(m => m.platform.os !== 'unknown')
    .map(m => `${m.platform.os}/${m.platform.architecture}`)
    .sort()

describe('release-multi-arch.yml, job by job', () => {
  it('pins every third-party action by commit SHA and checks out without keeping the token, before the action runs', () => {
    const uses = Object.values(workflow.jobs).flatMap(j => j.steps.map(s => s.uses ?? '').filter(Boolean))
    for (const u of uses.filter(u => !u.startsWith('./'))) expect(u).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40}$/)
    // the tag each SHA stands for is written beside it
    for (const line of workflowText.split('\n').filter(l => /uses:\s*[\w.-]+\/[\w.-]+.*@/.test(l)))
      expect(line).toMatch(/@[0-9a-f]{40} # v\d/)
    for (const [jobId, job] of Object.entries(workflow.jobs)) {
      const checkouts = job.steps.filter(s => (s.uses ?? '').startsWith('actions/checkout@'))
      for (const c of checkouts) expect([jobId, c.with?.['persist-credentials']]).toEqual([jobId, false])
      // `uses: ./` needs the checkout first: the action is the commit being released
      const local = job.steps.findIndex(s => s.uses === './')
      if (local >= 0) expect([jobId, job.steps.slice(0, local).some(s => checkouts.includes(s))]).toEqual([jobId, true])
    }
  })

  it('a Dockerfile: each platform pushed by digest, merged into one tagged index', async () => {
    const repo = uniqueRepo('release')
    const inputs = {
      image: `${tb.registry}/${repo}`,
      tags: '1.0,latest',
      platforms: '["linux/amd64","linux/arm64"]',
      context: 'examples/hello',
      file: '',
      'build-args': `BASE=${tb.baseImage}`,
      push: 'true'
    }
    const p = plan(
      { IMAGE: inputs.image, TAGS: inputs.tags, PLATFORMS: inputs.platforms },
      mkdtempSync(path.join(os.tmpdir(), 'bia-plan-'))
    )
    expect(p.matrix.map(m => m['platform'])).toEqual(['linux/amd64', 'linux/arm64'])
    const indexes = await release(inputs, ROOT, p)

    const index = await getManifest(repo, '1.0')
    expect(index.status).toBe(200)
    expect(indexes).toEqual({ default: index.digest })
    expect((await getManifest(repo, 'latest')).digest).toBe(index.digest)
    expect(platformsOf(index)).toEqual(['linux/amd64', 'linux/arm64'])
  })

  it('bake targets: one index per target, in the repository of its first tag', async () => {
    const app = uniqueRepo('release-app')
    const worker = uniqueRepo('release-worker')
    const dir = writeContext({
      Dockerfile: readFileSync(path.join(ROOT, 'examples/hello/Dockerfile'), 'utf8'),
      'docker-bake.hcl': [
        `target "app" {\n  args = { BASE = "${tb.baseImage}" }\n  tags = ["${tb.registry}/${app}:1.0", "${tb.registry}/${app}:latest"]\n}`,
        `target "worker" {\n  args = { BASE = "${tb.baseImage}", VARIANT = "worker" }\n  tags = ["${tb.registry}/${worker}:1.0"]\n}`
      ].join('\n')
    })
    const inputs = { 'bake-files': 'docker-bake.hcl', 'bake-targets': 'app,worker', platforms: 'linux/amd64,linux/arm64', push: 'true' }
    const p = plan({ BAKE_FILES: inputs['bake-files'], BAKE_TARGETS: inputs['bake-targets'], PLATFORMS: inputs.platforms }, dir)
    expect(p.bake).toBe('true')
    expect(p.matrix).toHaveLength(4)
    const indexes = await release(inputs, dir, p)

    const appIndex = await getManifest(app, '1.0')
    const workerIndex = await getManifest(worker, '1.0')
    expect(indexes).toEqual({ app: appIndex.digest, worker: workerIndex.digest })
    expect(platformsOf(appIndex)).toEqual(['linux/amd64', 'linux/arm64'])
    expect(platformsOf(workerIndex)).toEqual(['linux/amd64', 'linux/arm64'])
    expect((await getManifest(app, 'latest')).digest).toBe(appIndex.digest)
  })

  it('sign: the merge-signed job signs the index and its attestations by digest (key-based, testbed cosign); the result job passes the verify commands on', async () => {
    const cosign = cosignBin(tb)
    const keys = mkdtempSync(path.join(os.tmpdir(), 'bia-release-keys-'))
    const password = 'release-key-password'
    const made = spawnSync(cosign, ['generate-key-pair', '--output-key-prefix', path.join(keys, 'release')], {
      env: { PATH: process.env['PATH'] ?? '', HOME: keys, COSIGN_PASSWORD: password },
      encoding: 'utf8'
    })
    expect(made.status).toBe(0)
    const repo = uniqueRepo('release-signed')
    const inputs = {
      image: `${tb.registry}/${repo}`,
      tags: '1.0',
      platforms: 'linux/amd64,linux/arm64',
      context: 'examples/hello',
      file: '',
      'build-args': `BASE=${tb.baseImage}`,
      push: 'true',
      sign: 'true'
    }
    const p = plan(
      { IMAGE: inputs.image, TAGS: inputs.tags, PLATFORMS: inputs.platforms },
      mkdtempSync(path.join(os.tmpdir(), 'bia-plan-'))
    )
    const signing: Signing = {
      secrets: { 'sign-key': readFileSync(path.join(keys, 'release.key'), 'utf8'), 'sign-key-password': password },
      env: { PATH: `${path.dirname(cosign)}:${tb.dockerBinDir}:${process.env['PATH'] ?? ''}` },
      extra: { 'sign-tlog': 'false' },
      verifyCommands: []
    }
    const indexes = await release(inputs, ROOT, p, signing)
    const index = await getManifest(repo, '1.0')
    expect(indexes).toEqual({ default: index.digest })
    const attestations = (index.json.manifests as any[]).filter(m => m.platform?.os === 'unknown').map(m => m.digest as string)
    expect(attestations).toHaveLength(2)
    const refs = [index.digest, ...attestations].map(d => `${tb.registry}/${repo}@${d}`)
    expect(signing.verifyCommands.map(c => c.split(' ').pop()).sort()).toEqual([...refs].sort())
    for (const ref of refs) {
      const r = spawnSync(
        cosign,
        ['verify', '--key', path.join(keys, 'release.pub'), '--insecure-ignore-tlog=true', '--allow-insecure-registry', ref],
        {
          env: { PATH: process.env['PATH'] ?? '', HOME: keys, DOCKER_CONFIG: tb.dockerConfig },
          encoding: 'utf8'
        }
      )
      expect([ref, r.status]).toEqual([ref, 0])
    }

    // the result job's script, on the files the merge-signed job keeps
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bia-result-'))
    mkdirSync(path.join(dir, 'index'))
    writeFileSync(path.join(dir, 'index', 'index-t0.json'), `{"default":"${index.digest}"}\n`)
    writeFileSync(path.join(dir, 'index', 'index-t0.verify.txt'), `${signing.verifyCommands.join('\n')}\n`)
    const resultStep = workflow.jobs['result']?.steps.find(x => x.id === 'result')
    const r = spawnSync(process.execPath, ['-e', resultStep?.env?.['COLLECT'] ?? ''], {
      cwd: dir,
      env: { PATH: process.env['PATH'] ?? '', GITHUB_OUTPUT: path.join(dir, 'out') },
      encoding: 'utf8'
    })
    expect(r.status).toBe(0)
    const out = parseFileCommands(readFileSync(path.join(dir, 'out'), 'utf8'))
    expect(out['digest']).toBe(index.digest)
    expect(out['cosign-verify-commands']?.split('\n')).toEqual(signing.verifyCommands)
  })
})
