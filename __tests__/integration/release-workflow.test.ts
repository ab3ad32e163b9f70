// .github/workflows/release-multi-arch.yml as GitHub runs it, through the local workflow runner
// (./workflow-runner: GitHub's workflow parser and expression library), every job on the testbed.
// The caller is a separate temporary repository that calls
// `org/build-image-action/.github/workflows/release-multi-arch.yml@v1`; org/build-image-action is
// a local Git repository holding this checkout's files, tagged v1, with a later commit whose
// dist/main.js fails, and the caller holds an action.yml of its own that fails too: the jobs must
// run the action of v1's commit. Stand-ins: actions/checkout (a clone of the local repository),
// docker/login-action (records the call), upload/download-artifact (a folder of the run); the
// testbed's BuildKit (remote driver) in place of the docker-container builder, which would pull
// moby/buildkit. Results are checked over the registry's API and with cosign.
import { beforeAll, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {
  actionLogic,
  cosignBin,
  expectSuccess,
  getManifest,
  runAction,
  ROOT,
  testbed,
  testbedEnv,
  uniqueRepo,
  type Testbed
} from './harness.js'
import {
  ACTION,
  actionRepository,
  callerRepository,
  git,
  logs,
  platformsOf,
  results,
  runnerOptions,
  type ActionRepository
} from './workflow-runner/fixtures.js'
import { runWorkflow, StartupFailure, type LocalRepository, type RunOptions, type RunRecord } from './workflow-runner/runner.js'

// What runs here is the workflow's and the action's own logic (the jobs, their matrices, the
// merge), the same whatever buildx is underneath: every describe block runs on one stack only, as
// `[action logic]` (harness.ts ONE_STACK).
const { describe } = actionLogic

/** A caller workflow: one job calling the release workflow at `ref`, and one reading its output. */
function callerWorkflow(opts: {
  ref?: string
  grant: string
  with: Record<string, string | boolean>
  secrets?: Record<string, string>
}): string {
  const lines = [
    'name: Release',
    'on: workflow_dispatch',
    'permissions:',
    '  contents: read',
    'jobs:',
    '  image:',
    `    uses: ${ACTION}/.github/workflows/release-multi-arch.yml@${opts.ref ?? 'v1'}`,
    `    permissions: ${opts.grant}`,
    '    with:',
    // a boolean input is given as a YAML boolean, as GitHub requires
    ...Object.entries(opts.with).map(([k, v]) => `      ${k}: ${JSON.stringify(v)}`),
    ...(opts.secrets ? ['    secrets:', ...Object.entries(opts.secrets).map(([k, v]) => `      ${k}: ${v}`)] : []),
    '  show:',
    '    needs: image',
    "    if: needs.image.outputs.digest != ''",
    '    runs-on: ubuntu-24.04',
    '    permissions: {}',
    '    steps:',
    '      - env:',
    '          DIGEST: ${{ needs.image.outputs.digest }}',
    '        run: echo "released $DIGEST"'
  ]
  return `${lines.join('\n')}\n`
}

const PUSH_GRANT = '{ contents: read, packages: write }'

let tb: Testbed
let action: ActionRepository
beforeAll(() => {
  tb = testbed()
  action = actionRepository()
})

function options(caller: LocalRepository, extra: Partial<RunOptions> = {}): RunOptions {
  return runnerOptions(tb, action, caller, extra)
}

/** Nothing ran the caller's own action or the later commit's. */
function expectOnlyV1Ran(run: RunRecord): void {
  expect(logs(run)).not.toContain("the caller's checkout ran")
  expect(logs(run)).not.toContain('the later commit ran')
  const checkouts = run.standIns.filter(c => c.action === 'actions/checkout' && c.with['repository'] === ACTION)
  expect(checkouts.length).toBeGreaterThan(0)
  for (const c of checkouts) expect(c.with['ref']).toBe(action.v1)
}

describe('release-multi-arch.yml called from another repository (workflow runner; checkout, login and artifact stand-ins)', () => {
  it('a Dockerfile for 2 platforms: each built on its runner and pushed by digest, merged into one tagged index, the output read by the caller', async () => {
    const repo = uniqueRepo('release')
    const caller = callerRepository(
      callerWorkflow({
        grant: PUSH_GRANT,
        with: {
          image: `${tb.registry}/${repo}`,
          tags: '1.0,latest',
          platforms: 'linux/amd64,linux/arm64',
          context: 'examples/hello',
          'build-args': `BASE=${tb.baseImage}`,
          registry: tb.registry
        }
      })
    )
    const run = await runWorkflow('.github/workflows/release.yml', options(caller))
    expect(results(run)).toEqual([
      ['image/plan', 'success'],
      ['image/build (default, linux/amd64, ubuntu-24.04, ' + `${tb.registry}/${repo}, digest-t0-p0)`, 'success'],
      ['image/build (default, linux/arm64, ubuntu-24.04-arm, ' + `${tb.registry}/${repo}, digest-t0-p1)`, 'success'],
      [`image/merge (default, ${tb.registry}/${repo}:1.0\n${tb.registry}/${repo}:latest, digest-t0-*, index-t0)`, 'success'],
      ['image/result', 'success'],
      ['show', 'success']
    ])
    expect(run.result).toBe('success')
    expect(run.jobs.filter(j => j.id.startsWith('image/build')).map(j => j.runsOn)).toEqual(['ubuntu-24.04', 'ubuntu-24.04-arm'])
    expectOnlyV1Ran(run)
    expect(logs(run)).toContain(`build-image-action: ${ACTION} at ${action.v1}`)

    const index = await getManifest(repo, '1.0')
    expect(index.status).toBe(200)
    expect(platformsOf(index)).toEqual(['linux/amd64', 'linux/arm64'])
    expect((await getManifest(repo, 'latest')).digest).toBe(index.digest)
    expect(run.outputs['image']).toMatchObject({ digest: index.digest, digests: JSON.stringify({ default: index.digest }) })
    expect(run.jobs.find(j => j.id === 'show')?.steps[0]?.log).toContain(`released ${index.digest}`)
    // the login stand-in was asked for the registry, as the actor, with the job's token
    expect(run.standIns.filter(c => c.action === 'docker/login-action').map(c => c.with)).toEqual(
      Array(3).fill({ registry: tb.registry, username: 'release-bot', password: '<set>' })
    )
    // the merge job wrote the action's summary
    expect(run.jobs.find(j => j.id.startsWith('image/merge'))?.steps.find(s => s.id === 'merge')?.outcome).toBe('success')
  })

  it('key signing, granted only contents: read and packages: write: the merge job signs the index and its attestations, the caller gets the verify commands', async () => {
    const cosign = cosignBin(tb)
    const keys = mkdtempSync(path.join(os.tmpdir(), 'bia-release-keys-'))
    const password = 'release-key-password'
    const made = spawnSync(cosign, ['generate-key-pair', '--output-key-prefix', path.join(keys, 'release')], {
      env: { PATH: process.env['PATH'] ?? '', HOME: keys, COSIGN_PASSWORD: password },
      encoding: 'utf8'
    })
    expect(made.status).toBe(0)
    const repo = uniqueRepo('release-signed')
    const caller = callerRepository(
      callerWorkflow({
        grant: PUSH_GRANT,
        with: {
          image: `${tb.registry}/${repo}`,
          tags: '1.0',
          platforms: '["linux/amd64","linux/arm64"]',
          context: 'examples/hello',
          'build-args': `BASE=${tb.baseImage}`,
          registry: '',
          sign: 'true'
        },
        secrets: { 'sign-key': '${{ secrets.COSIGN_KEY }}', 'sign-key-password': '${{ secrets.COSIGN_PASSWORD }}' }
      })
    )
    const env = { ...testbedEnv(tb), PATH: `${path.dirname(cosign)}:${tb.dockerBinDir}:${process.env['PATH'] ?? ''}` }
    const run = await runWorkflow(
      '.github/workflows/release.yml',
      options(caller, { env, secrets: { COSIGN_KEY: readFileSync(path.join(keys, 'release.key'), 'utf8'), COSIGN_PASSWORD: password } })
    )
    expect(run.result).toBe('success')
    expectOnlyV1Ran(run)
    // no login with an empty registry
    expect(run.standIns.filter(c => c.action === 'docker/login-action')).toEqual([])
    // the key never reaches a log
    expect(logs(run)).not.toContain('PRIVATE KEY')

    const index = await getManifest(repo, '1.0')
    expect(run.outputs['image']?.['digest']).toBe(index.digest)
    const attestations = (index.json.manifests as Array<{ digest: string; platform?: { os: string } }>)
      .filter(m => m.platform?.os === 'unknown')
      .map(m => m.digest)
    expect(attestations).toHaveLength(2)
    const refs = [index.digest, ...attestations].map(d => `${tb.registry}/${repo}@${d}`)
    const verify = (run.outputs['image']?.['cosign-verify-commands'] ?? '').split('\n').filter(Boolean)
    expect(verify.map(c => c.split(' ').pop()).sort()).toEqual([...refs].sort())
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
  })

  it('bake targets (the plan reads the caller’s bake file): one index per target, in the repository of its first tag', async () => {
    const app = uniqueRepo('release-app')
    const worker = uniqueRepo('release-worker')
    const caller = callerRepository(
      callerWorkflow({
        grant: PUSH_GRANT,
        with: { 'bake-files': 'docker-bake.hcl', 'bake-targets': 'app,worker', platforms: 'linux/amd64,linux/arm64', registry: '' }
      }),
      {
        'docker-bake.hcl': [
          `target "app" {\n  context = "examples/hello"\n  args = { BASE = "${tb.baseImage}" }\n  tags = ["${tb.registry}/${app}:1.0", "${tb.registry}/${app}:latest"]\n}`,
          `target "worker" {\n  context = "examples/hello"\n  args = { BASE = "${tb.baseImage}", VARIANT = "worker" }\n  tags = ["${tb.registry}/${worker}:1.0"]\n}`
        ].join('\n')
      }
    )
    const run = await runWorkflow('.github/workflows/release.yml', options(caller))
    expect(run.result).toBe('success')
    expect(run.jobs.filter(j => j.id.startsWith('image/build')).map(j => [j.matrix['target'], j.matrix['platform'], j.result])).toEqual([
      ['app', 'linux/amd64', 'success'],
      ['app', 'linux/arm64', 'success'],
      ['worker', 'linux/amd64', 'success'],
      ['worker', 'linux/arm64', 'success']
    ])
    const appIndex = await getManifest(app, '1.0')
    const workerIndex = await getManifest(worker, '1.0')
    expect(JSON.parse(run.outputs['image']?.['digests'] ?? '{}')).toEqual({ app: appIndex.digest, worker: workerIndex.digest })
    expect(run.outputs['image']?.['digest']).toBe('')
    expect(platformsOf(appIndex)).toEqual(['linux/amd64', 'linux/arm64'])
    expect(platformsOf(workerIndex)).toEqual(['linux/amd64', 'linux/arm64'])
    expect((await getManifest(app, 'latest')).digest).toBe(appIndex.digest)
  })
})

describe("this repository's own caller (workflow runner; checkout, login and artifact stand-ins)", () => {
  it('example-release.yml at v1 calls ./.github/workflows/release-multi-arch.yml of the same commit; push false: both platforms built, nothing merged (the testbed base image for busybox)', async () => {
    const base = options({ name: ACTION, dir: action.dir }, { callerRef: 'v1' })
    const run = await runWorkflow('.github/workflows/example-release.yml', {
      ...base,
      actionInputs: step => ({
        ...base.actionInputs?.(step),
        ...(step.with['build-args'] ? { 'build-args': `${step.with['build-args']}\nBASE=${tb.baseImage}` } : {})
      })
    })
    expect(run.jobs.map(j => [j.id.replace(/ \(.*/s, ''), j.result])).toEqual([
      ['hello/plan', 'success'],
      ['hello/build', 'success'],
      ['hello/build', 'success'],
      ['hello/merge', 'skipped'],
      ['hello/result', 'skipped'],
      ['show', 'skipped']
    ])
    expect(run.result).toBe('success')
    expect(run.jobs.filter(j => j.id.startsWith('hello/build')).map(j => j.matrix['repository'])).toEqual(
      Array(2).fill(`ghcr.io/${ACTION}/hello`)
    )
    expectOnlyV1Ran(run)
  })
})

describe('release-multi-arch.yml failure paths (workflow runner; checkout, login and artifact stand-ins)', () => {
  it('a platform build fails: the other leg is cancelled (fail-fast), nothing is merged or tagged, result and the caller’s next job do not run, the run fails with the build’s error', async () => {
    const repo = uniqueRepo('release-broken')
    const caller = callerRepository(
      callerWorkflow({
        grant: PUSH_GRANT,
        with: { image: `${tb.registry}/${repo}`, tags: '1.0', platforms: 'linux/amd64,linux/arm64', context: 'broken', registry: '' }
      }),
      {
        'broken/Dockerfile': `FROM ${tb.baseImage}\nARG TARGETARCH\nRUN if [ "$TARGETARCH" = amd64 ]; then echo "no amd64 build today" >&2; exit 3; fi\n`
      }
    )
    const run = await runWorkflow('.github/workflows/release.yml', options(caller))
    expect(run.result).toBe('failure')
    expect(run.jobs.map(j => [j.id.replace(/ \(.*/s, ''), j.result])).toEqual([
      ['image/plan', 'success'],
      ['image/build', 'failure'],
      ['image/build', 'cancelled'],
      ['image/merge', 'skipped'],
      ['image/result', 'skipped'],
      ['show', 'skipped']
    ])
    expect(run.results).toEqual({ image: 'failure', show: 'skipped' })
    const build = run.jobs.find(j => j.result === 'failure')
    expect(build?.errors.join('\n')).toMatch(/exit code: 3|no amd64 build today/)
    expect(run.outputs['image']?.['digest']).toBe('')
    expect((await getManifest(repo, '1.0')).status).toBe(404)
  })

  it('a merge fails (sign: true with no key and no id-token granted): nothing is tagged, result does not run, the run fails with the reason', async () => {
    const repo = uniqueRepo('release-merge-fails')
    const caller = callerRepository(
      callerWorkflow({
        grant: PUSH_GRANT,
        with: {
          image: `${tb.registry}/${repo}`,
          tags: '1.0',
          platforms: 'linux/amd64,linux/arm64',
          context: 'examples/hello',
          'build-args': `BASE=${tb.baseImage}`,
          registry: '',
          sign: 'true'
        }
      })
    )
    const run = await runWorkflow('.github/workflows/release.yml', options(caller))
    expect(run.result).toBe('failure')
    expect(run.jobs.map(j => [j.id.replace(/ \(.*/s, ''), j.result])).toEqual([
      ['image/plan', 'success'],
      ['image/build', 'success'],
      ['image/build', 'success'],
      ['image/merge', 'failure'],
      ['image/result', 'skipped'],
      ['show', 'skipped']
    ])
    expect(run.jobs.find(j => j.result === 'failure')?.errors.join('\n')).toMatch(/^sign: /m)
    expect((await getManifest(repo, '1.0')).status).toBe(404)
  })

  it('a caller that grants less than a nested job asks for: the run does not start, as on GitHub', async () => {
    const caller = callerRepository(callerWorkflow({ grant: '{ contents: read }', with: { image: `${tb.registry}/never`, registry: '' } }))
    const opts = options(caller)
    await expect(runWorkflow('.github/workflows/release.yml', opts)).rejects.toThrow(
      new StartupFailure(
        ".github/workflows/release.yml: job image: The nested job 'build' is requesting 'packages: write', but is only allowed 'packages: none'"
      )
    )
  })

  it('GitHub Enterprise Server (no job.workflow_*): without action-repository and action-ref the plan fails saying so; with them the action of that ref runs', async () => {
    const repo = uniqueRepo('release-ghes')
    const given = {
      image: `${tb.registry}/${repo}`,
      platforms: 'linux/amd64',
      context: 'examples/hello',
      'build-args': `BASE=${tb.baseImage}`,
      registry: '',
      push: false
    }
    const without = await runWorkflow(
      '.github/workflows/release.yml',
      options(callerRepository(callerWorkflow({ grant: PUSH_GRANT, with: given })), { enterprise: true })
    )
    expect(without.result).toBe('failure')
    expect(without.jobs.map(j => [j.id, j.result])).toEqual([
      ['image/plan', 'failure'],
      ['image/build', 'skipped'],
      ['image/merge', 'skipped'],
      ['image/result', 'skipped'],
      ['show', 'skipped']
    ])
    expect(without.jobs[0]?.errors).toEqual([
      'job.workflow_repository and job.workflow_sha are empty (GitHub Enterprise Server): give the inputs action-repository and action-ref, the repository and ref of your uses: line'
    ])

    const withRef = await runWorkflow(
      '.github/workflows/release.yml',
      options(
        callerRepository(
          callerWorkflow({ ref: action.v1, grant: PUSH_GRANT, with: { ...given, 'action-repository': ACTION, 'action-ref': action.v1 } })
        ),
        { enterprise: true }
      )
    )
    expect(withRef.jobs.map(j => [j.id.replace(/ \(.*/s, ''), j.result])).toEqual([
      ['image/plan', 'success'],
      ['image/build', 'success'],
      ['image/merge', 'skipped'],
      ['image/result', 'skipped'],
      ['show', 'skipped']
    ])
    expectOnlyV1Ran(withRef)
    expect((await getManifest(repo, 'latest')).status).toBe(404)
  })
})

describe('mode: plan, run from dist/ as the runner runs it', () => {
  it('outputs the build and merge matrices and builds nothing; post has nothing to clean up', async () => {
    const run = await runAction({
      mode: 'plan',
      image: `${tb.registry}/Plan-Only`,
      tags: '1.0',
      platforms: '["linux/amd64","linux/arm64"]',
      runners: '{"linux/arm64":["self-hosted","arm64"]}',
      'default-runner': 'ubuntu-24.04'
    })
    expectSuccess(run)
    expect(JSON.parse(run.outputs['build-matrix'] ?? '').include.map((j: { runner: unknown }) => j.runner)).toEqual([
      'ubuntu-24.04',
      ['self-hosted', 'arm64']
    ])
    expect(JSON.parse(run.outputs['merge-matrix'] ?? '').include).toEqual([
      { target: 'default', tags: `${tb.registry}/plan-only:1.0`, digests: 'digest-t0-*', artifact: 'index-t0' }
    ])
    expect(run.post.log).toContain('main saved no state')
  })

  it('a bad input fails naming it, as the plan job shows it', async () => {
    const run = await runAction({
      mode: 'plan',
      image: 'ghcr.io/org/app',
      platforms: 'linux/amd64',
      runners: 'ubuntu-24.04',
      'default-runner': 'ubuntu-24.04'
    })
    expect(run.main.code).toBe(1)
    expect(run.main.log).toMatch(/^::error::runners: not a JSON map/m)
    expect(run.outputs['build-matrix']).toBeUndefined()
  })

  it('the plan-only inputs are refused in the other modes', async () => {
    const run = await runAction({ image: 'ghcr.io/org/app', tags: 'ghcr.io/org/app:1' })
    expect(run.main.code).toBe(1)
    expect(run.main.log).toMatch(/^::error::image: is read in plan mode only/m)
  })
})

it('the action repository copy leaves what .gitignore leaves out, and v1 is this checkout', () => {
  const files = git(action.dir, 'ls-tree', '-r', '--name-only', 'v1').split('\n')
  expect(files).toEqual(expect.arrayContaining(['action.yml', 'dist/main.js', '.github/workflows/release-multi-arch.yml']))
  expect(files.some(f => f.startsWith('node_modules/'))).toBe(false)
  expect(git(action.dir, 'show', 'v1:dist/main.js')).toBe(readFileSync(path.join(ROOT, 'dist/main.js'), 'utf8').trim())
})
