// Every workflow in .github/workflows, checked with GitHub's own parser (@actions/workflow-parser),
// and then against this action: each `with:` key it is given is a real input of action.yml and
// each output read from it is a real output. action.yml itself is checked with the same package.
import { describe, expect, it } from '@jest/globals'
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser'
import { convertActionTemplate, parseAction, type ActionRunsNode } from '@actions/workflow-parser/actions/index'
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..')
const WORKFLOWS = path.join(ROOT, '.github/workflows')
/** How other repositories (and the reusable workflow) refer to this action. */
const ACTION_REPO = 'org/build-image-action'

const actionYml = readFileSync(path.join(ROOT, 'action.yml'), 'utf8')
const action = parseYaml(actionYml) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> }
const ACTION_INPUTS = new Set(Object.keys(action.inputs))
const ACTION_OUTPUTS = new Set(Object.keys(action.outputs))

const files = readdirSync(WORKFLOWS).filter(f => /\.ya?ml$/.test(f))

interface Step {
  id?: string
  uses?: string
  with?: Record<string, unknown>
  env?: Record<string, string>
  run?: string
  name?: string
}
interface Job {
  needs?: string | string[]
  if?: string
  permissions?: Record<string, string> | string
  uses?: string
  with?: Record<string, unknown>
  outputs?: Record<string, string>
  steps?: Step[]
}
interface Workflow {
  on: Record<
    string,
    { inputs?: Record<string, { required?: boolean; default?: unknown }>; outputs?: Record<string, { value: string }> } | null
  >
  permissions?: Record<string, string> | string
  jobs: Record<string, Job>
}

const FULL_SHA = /^[0-9a-f]{40}$/

/**
 * Problems with what a workflow runs: every `uses:` is local (`./…`) or pinned by full commit
 * SHA with the tag in a comment; every checkout leaves no token in .git/config.
 */
function supplyChainProblems(file: string, text: string): string[] {
  const problems: string[] = []
  for (const [n, line] of text.split('\n').entries()) {
    const m = /^\s*(?:-\s+)?uses:\s*(\S+)(\s+#\s*(\S+))?\s*$/.exec(line)
    if (!m?.[1] || m[1].startsWith('./')) continue
    const [, ref = ''] = m[1].split('@')
    if (!FULL_SHA.test(ref)) problems.push(`${file}:${n + 1}: ${m[1]} is not pinned by a full commit SHA`)
    else if (!m[3]) problems.push(`${file}:${n + 1}: ${m[1]} has no "# <tag>" comment`)
  }
  const wf = parseYaml(text) as Workflow
  for (const [jobId, job] of Object.entries(wf.jobs ?? {})) {
    for (const step of job.steps ?? []) {
      if (!(step.uses ?? '').startsWith('actions/checkout@')) continue
      if (step.with?.['persist-credentials'] !== false)
        problems.push(`${file}: job ${jobId}: actions/checkout without persist-credentials: false`)
    }
  }
  return problems
}

const load = (file: string) => parseYaml(readFileSync(path.join(WORKFLOWS, file), 'utf8')) as Workflow

function isThisAction(uses: string | undefined): boolean {
  return uses === './' || uses === '.' || (uses ?? '').startsWith(`${ACTION_REPO}@`)
}

/** Every string in a YAML subtree, keys included: where expressions can be. */
function strings(node: unknown): string[] {
  if (typeof node === 'string') return [node]
  if (Array.isArray(node)) return node.flatMap(strings)
  if (node && typeof node === 'object') return Object.entries(node).flatMap(([k, v]) => [k, ...strings(v)])
  return []
}

function refs(texts: string[], kind: string): Array<[string, string]> {
  const re = new RegExp(`\\b${kind}\\.([A-Za-z_][\\w-]*)\\.outputs\\.([A-Za-z_][\\w-]*)`, 'g')
  return texts.flatMap(t => [...t.matchAll(re)].map(m => [m[1] ?? '', m[2] ?? ''] as [string, string]))
}

/** The problems this action's users would only find by running the workflow. */
function checkAgainstAction(file: string, wf: Workflow): string[] {
  const problems: string[] = []
  const declaredInputs = new Set(Object.values(wf.on ?? {}).flatMap(t => Object.keys(t?.inputs ?? {})))
  for (const [name] of strings(wf)
    .flatMap(t => [...t.matchAll(/\binputs\.([A-Za-z_][\w-]*)/g)])
    .map(m => [m[1]])) {
    if (name && !declaredInputs.has(name)) problems.push(`${file}: inputs.${name} is not a declared input`)
  }
  for (const [jobId, job] of Object.entries(wf.jobs)) {
    const steps = job.steps ?? []
    for (const step of steps) {
      if (!isThisAction(step.uses)) continue
      for (const key of Object.keys(step.with ?? {})) {
        if (!ACTION_INPUTS.has(key))
          problems.push(`${file}: job ${jobId}, step ${step.id ?? step.name ?? step.uses}: with.${key} is not an input of action.yml`)
      }
    }
    const byId = new Map(steps.filter(s => s.id).map(s => [s.id, s]))
    for (const [stepId, output] of refs(strings(job), 'steps')) {
      const step = byId.get(stepId)
      if (!step) problems.push(`${file}: job ${jobId}: steps.${stepId} is not a step of this job`)
      else if (isThisAction(step.uses) && !ACTION_OUTPUTS.has(output))
        problems.push(`${file}: job ${jobId}: steps.${stepId}.outputs.${output} is not an output of action.yml`)
    }
    const needs = new Set([job.needs ?? []].flat())
    for (const [needed, output] of refs(strings(job), 'needs')) {
      const other = wf.jobs[needed]
      if (!needs.has(needed) || !other) {
        problems.push(`${file}: job ${jobId}: needs.${needed} is not in its needs`)
        continue
      }
      const outputs = other.uses?.startsWith('./')
        ? Object.keys(calledWorkflow(other.uses).on.workflow_call?.outputs ?? {})
        : Object.keys(other.outputs ?? {})
      if (!outputs.includes(output))
        problems.push(`${file}: job ${jobId}: needs.${needed}.outputs.${output} is not an output of job ${needed}`)
    }
    if (job.uses?.startsWith('./')) {
      const called = calledWorkflow(job.uses).on.workflow_call
      if (!called) problems.push(`${file}: job ${jobId}: ${job.uses} has no workflow_call trigger`)
      const inputs = called?.inputs ?? {}
      for (const key of Object.keys(job.with ?? {}))
        if (!(key in inputs)) problems.push(`${file}: job ${jobId}: with.${key} is not an input of ${job.uses}`)
      for (const [key, def] of Object.entries(inputs))
        if (def.required && !(key in (job.with ?? {})))
          problems.push(`${file}: job ${jobId}: required input ${key} of ${job.uses} is not given`)
    }
  }
  for (const [name, output] of Object.entries(wf.on?.['workflow_call']?.outputs ?? {})) {
    for (const [jobId, jobOutput] of refs([output.value], 'jobs')) {
      if (!wf.jobs[jobId]?.outputs?.[jobOutput])
        problems.push(`${file}: workflow output ${name}: jobs.${jobId}.outputs.${jobOutput} does not exist`)
    }
  }
  return problems
}

function calledWorkflow(uses: string): Workflow {
  return parseYaml(readFileSync(path.join(ROOT, uses.replace(/@.*$/, '')), 'utf8')) as Workflow
}

describe('workflows', () => {
  it('has the CI, the reusable release workflow and the example that calls it', () => {
    expect(files).toEqual(expect.arrayContaining(['ci.yml', 'release-multi-arch.yml', 'example-release.yml']))
  })

  it.each(files)("%s: GitHub's workflow parser finds no error", async file => {
    const content = readFileSync(path.join(WORKFLOWS, file), 'utf8')
    const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter())
    expect(parsed.context.errors.getErrors().map(e => e.message)).toEqual([])
    expect(parsed.value).toBeDefined()
    const template = await convertWorkflowTemplate(parsed.context, parsed.value!)
    expect((template.errors ?? []).map(e => e.Message)).toEqual([])
  })

  it.each(files)('%s: inputs given to the action, outputs read from it, needs, jobs and inputs all exist', file => {
    expect(checkAgainstAction(file, load(file))).toEqual([])
  })

  it('the checks catch a misspelled input, a made-up output and a job output that is not there', () => {
    const wf = parseYaml(`
on:
  workflow_call:
    inputs: { image: { type: string } }
    outputs:
      digest: { value: "\${{ jobs.b.outputs.nope }}" }
jobs:
  b:
    runs-on: x
    outputs: { d: "\${{ steps.build.outputs.digets }}" }
    steps:
      - id: build
        uses: ${ACTION_REPO}@v1
        with: { platform: linux/amd64, tags: "\${{ inputs.imagee }}" }
  c:
    needs: b
    runs-on: x
    steps:
      - run: echo \${{ needs.b.outputs.e }} \${{ steps.missing.outputs.x }}
`) as Workflow
    expect(checkAgainstAction('t.yml', wf)).toEqual([
      't.yml: inputs.imagee is not a declared input',
      't.yml: job b, step build: with.platform is not an input of action.yml',
      't.yml: job b: steps.build.outputs.digets is not an output of action.yml',
      't.yml: job c: steps.missing is not a step of this job',
      't.yml: job c: needs.b.outputs.e is not an output of job b',
      't.yml: workflow output digest: jobs.b.outputs.nope does not exist'
    ])
  })

  it('the release workflow runs this action in build mode by digest with a docker-container builder, then in merge mode', () => {
    const wf = load('release-multi-arch.yml')
    const build = wf.jobs['build']?.steps?.find(s => s.id === 'build')
    expect(build?.with).toMatchObject({
      driver: 'docker-container',
      'push-by-digest': '${{ inputs.push }}',
      platforms: '${{ matrix.platform }}'
    })
    const bake = wf.jobs['build']?.steps?.find(s => s.id === 'bake')
    expect(String(bake?.with?.['set'])).toContain('push-by-digest=true')
    const merge = wf.jobs['merge']?.steps?.find(s => s.id === 'merge')
    expect(merge?.with).toMatchObject({ mode: 'merge', 'digests-from': 'digests.txt' })
    expect(Object.keys(wf.on['workflow_call']?.outputs ?? {})).toEqual(['digest', 'digests', 'cosign-verify-commands'])
  })

  it('the release workflow signs in merge-signed only, the one job with id-token: write, passing sign and the key secrets through', () => {
    const wf = load('release-multi-arch.yml')
    const unsigned = wf.jobs['merge']
    const signed = wf.jobs['merge-signed']
    expect(String(unsigned?.if)).toContain("inputs.sign == 'false'")
    expect(String(signed?.if)).toContain("inputs.sign != 'false'")
    expect(unsigned?.steps?.find(s => s.id === 'merge')?.with?.['sign']).toBeUndefined()
    expect(signed?.steps?.find(s => s.id === 'merge')?.with).toMatchObject({
      mode: 'merge',
      'digests-from': 'digests.txt',
      sign: '${{ inputs.sign }}',
      'sign-key': '${{ secrets.sign-key }}',
      'sign-key-password': '${{ secrets.sign-key-password }}'
    })
    const withIdToken = Object.entries(wf.jobs).filter(([, j]) => typeof j.permissions === 'object' && j.permissions['id-token'])
    expect(withIdToken.map(([id]) => id)).toEqual(['merge-signed'])
    expect(wf.on['workflow_call']?.inputs?.['sign']).toMatchObject({ type: 'string', default: 'false' })
  })

  it.each(files)('%s: third-party actions pinned by commit SHA, checkouts keep no token', file => {
    expect(supplyChainProblems(file, readFileSync(path.join(WORKFLOWS, file), 'utf8'))).toEqual([])
  })

  it('the supply-chain check catches a tag, a short SHA, a missing tag comment and a checkout that keeps its token', () => {
    const text = [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: x',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - uses: docker/login-action@c94ce9f # v3.7.0',
      '      - uses: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02',
      '      - uses: actions/checkout@11d5960a326750d5838078e36cf38b85af677262 # v4.4.0',
      '        with: { persist-credentials: false }',
      '      - uses: ./'
    ].join('\n')
    expect(supplyChainProblems('t.yml', text)).toEqual([
      't.yml:6: actions/checkout@v4 is not pinned by a full commit SHA',
      't.yml:7: docker/login-action@c94ce9f is not pinned by a full commit SHA',
      't.yml:8: actions/upload-artifact@ea165f8d65b6e75b540449e92b4886f43607fa02 has no "# <tag>" comment',
      't.yml: job a: actions/checkout without persist-credentials: false'
    ])
  })

  it("the release workflow runs the action from the caller's checkout, each job with only the permissions it needs", () => {
    const text = readFileSync(path.join(WORKFLOWS, 'release-multi-arch.yml'), 'utf8')
    const wf = parseYaml(text) as Workflow
    // no placeholder owner and no movable tag: the action is the commit being released
    const actionSteps = Object.values(wf.jobs).flatMap(j => (j.steps ?? []).filter(s => s.id && ['build', 'bake', 'merge'].includes(s.id)))
    expect(actionSteps.map(s => s.uses)).toEqual(['./', './', './', './'])
    expect(text).not.toMatch(/uses:\s*org\//)
    // a job that runs `./` checks the repository out first
    for (const [jobId, job] of Object.entries(wf.jobs)) {
      const steps = job.steps ?? []
      const local = steps.findIndex(s => s.uses === './')
      if (local >= 0)
        expect([jobId, steps.slice(0, local).some(s => (s.uses ?? '').startsWith('actions/checkout@'))]).toEqual([jobId, true])
    }
    expect(wf.permissions).toEqual({})
    expect(Object.fromEntries(Object.entries(wf.jobs).map(([id, j]) => [id, j.permissions]))).toEqual({
      plan: { contents: 'read' },
      build: { contents: 'read', packages: 'write' },
      merge: { contents: 'read', packages: 'write' },
      'merge-signed': { contents: 'read', packages: 'write', 'id-token': 'write' },
      result: {}
    })
  })

  it('CI runs the action from this checkout', () => {
    const steps = Object.values(load('ci.yml').jobs).flatMap(j => j.steps ?? [])
    expect(steps.filter(s => s.uses === './').length).toBeGreaterThanOrEqual(2)
  })
})

describe('the release workflow plans one build per platform and target', () => {
  const planStep = load('release-multi-arch.yml').jobs['plan']?.steps?.find(s => s.id === 'plan')
  const script = planStep?.env?.['PLAN'] ?? ''

  function plan(env: Record<string, string>, docker?: string): { code: number; outputs: Record<string, string>; log: string } {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bia-plan-'))
    const output = path.join(dir, 'output')
    writeFileSync(output, '')
    let PATH = process.env['PATH'] ?? ''
    if (docker !== undefined) {
      // a docker that answers `buildx bake --print` with a fixed definition
      writeFileSync(path.join(dir, 'docker'), `#!/bin/sh\necho "$*" > "${dir}/docker-args"\ncat <<'EOF'\n${docker}\nEOF\n`)
      chmodSync(path.join(dir, 'docker'), 0o755)
      PATH = `${dir}:${PATH}`
    }
    const defaults = {
      IMAGE: '',
      TAGS: 'latest',
      PLATFORMS: '["linux/amd64","linux/arm64"]',
      RUNNERS: '{"linux/amd64":"ubuntu-24.04","linux/arm64":"ubuntu-24.04-arm"}',
      DEFAULT_RUNNER: 'ubuntu-24.04',
      BAKE_FILES: '',
      BAKE_TARGETS: ''
    }
    const r = spawnSync(process.execPath, ['-e', script], { env: { PATH, GITHUB_OUTPUT: output, ...defaults, ...env }, encoding: 'utf8' })
    const outputs = Object.fromEntries(
      readFileSync(output, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map(l => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])
    )
    if (existsSync(path.join(dir, 'docker-args'))) outputs['docker-args'] = readFileSync(path.join(dir, 'docker-args'), 'utf8').trim()
    return { code: r.status ?? -1, outputs, log: r.stdout + r.stderr }
  }

  it('without bake: target default, the image lowercased, bare tags applied to it, runners per platform', () => {
    const r = plan({
      IMAGE: 'ghcr.io/Org/App',
      TAGS: '1.2.3\nlatest, ghcr.io/org/other:x',
      PLATFORMS: 'linux/amd64, linux/arm64,linux/riscv64'
    })
    expect(r.code).toBe(0)
    expect(JSON.parse(r.outputs['matrix'] ?? '')).toEqual({
      include: [
        { target: 'default', platform: 'linux/amd64', runner: 'ubuntu-24.04', repository: 'ghcr.io/org/app', artifact: 'digest-t0-p0' },
        { target: 'default', platform: 'linux/arm64', runner: 'ubuntu-24.04-arm', repository: 'ghcr.io/org/app', artifact: 'digest-t0-p1' },
        { target: 'default', platform: 'linux/riscv64', runner: 'ubuntu-24.04', repository: 'ghcr.io/org/app', artifact: 'digest-t0-p2' }
      ]
    })
    expect(JSON.parse(r.outputs['merges'] ?? '')).toEqual({
      include: [
        {
          target: 'default',
          tags: 'ghcr.io/org/app:1.2.3\nghcr.io/org/app:latest\nghcr.io/org/other:x',
          digests: 'digest-t0-*',
          artifact: 'index-t0'
        }
      ]
    })
    expect(r.outputs['bake']).toBe('false')
  })

  it('with bake: one build per target and platform, each target pushed to the repository of its first tag', () => {
    const def = JSON.stringify({
      target: { app: { tags: ['ghcr.io/org/app:1.0', 'ghcr.io/org/app:latest'] }, worker: { tags: ['localhost:5000/org/worker:1.0'] } }
    })
    const r = plan(
      {
        BAKE_FILES: 'docker-bake.hcl\nextra.hcl',
        BAKE_TARGETS: 'app,worker',
        PLATFORMS: '["linux/arm64"]',
        RUNNERS: '{"linux/arm64":["self-hosted","arm64"]}'
      },
      def
    )
    expect(r.code).toBe(0)
    expect(r.outputs['docker-args']).toBe('buildx bake --file docker-bake.hcl --file extra.hcl --print app worker')
    expect(JSON.parse(r.outputs['matrix'] ?? '').include).toEqual([
      { target: 'app', platform: 'linux/arm64', runner: ['self-hosted', 'arm64'], repository: 'ghcr.io/org/app', artifact: 'digest-t0-p0' },
      {
        target: 'worker',
        platform: 'linux/arm64',
        runner: ['self-hosted', 'arm64'],
        repository: 'localhost:5000/org/worker',
        artifact: 'digest-t1-p0'
      }
    ])
    expect(JSON.parse(r.outputs['merges'] ?? '').include.map((m: { tags: string; digests: string }) => [m.tags, m.digests])).toEqual([
      ['ghcr.io/org/app:1.0\nghcr.io/org/app:latest', 'digest-t0-*'],
      ['localhost:5000/org/worker:1.0', 'digest-t1-*']
    ])
    expect(r.outputs['bake']).toBe('true')
  })

  it.each<[string, Record<string, string>, string | undefined, RegExp]>([
    ['no platform', { IMAGE: 'ghcr.io/org/app', PLATFORMS: '[]' }, undefined, /platforms: no platform given/],
    [
      'platforms that are not a JSON list',
      { IMAGE: 'ghcr.io/org/app', PLATFORMS: '["linux/amd64"' },
      undefined,
      /platforms: not a JSON list/
    ],
    ['runners that are not JSON', { IMAGE: 'ghcr.io/org/app', RUNNERS: 'ubuntu-24.04' }, undefined, /runners: not a JSON map/],
    ['no image', {}, undefined, /image: the repository to push to is required/],
    ['a bake target without tags', { BAKE_TARGETS: 'app' }, JSON.stringify({ target: { app: {} } }), /bake target app has no tags/]
  ])('fails with an annotation on %s', (_name, env, docker, message) => {
    const r = plan(env, docker)
    expect(r.code).toBe(1)
    expect(r.log).toMatch(/::error title=release-multi-arch::/)
    expect(r.log).toMatch(message)
  })
})

describe('action.yml', () => {
  const parsed = parseAction({ name: 'action.yml', content: actionYml }, new NoOperationTraceWriter())

  it("passes GitHub's action schema", () => {
    expect(parsed.context.errors.getErrors().map(e => e.message)).toEqual([])
  })

  it('runs on node24 with main and post from dist/, post always', () => {
    const template = convertActionTemplate(parsed.context, parsed.value!)
    const runs = template.runs as ActionRunsNode
    expect(runs.using).toBe('node24')
    expect(runs.main).toBe('dist/main.js')
    expect(runs.post).toBe('dist/post.js')
    expect(runs.postIf).toBe('always()')
    expect(existsSync(path.join(ROOT, runs.main))).toBe(true)
    expect(existsSync(path.join(ROOT, runs.post ?? ''))).toBe(true)
    expect(template.description).not.toBe('')
  })

  it('describes every input and output; inputs are kebab-case and none is required', () => {
    const template = convertActionTemplate(parsed.context, parsed.value!)
    expect(template.inputs?.length).toBe(ACTION_INPUTS.size)
    for (const input of template.inputs ?? []) {
      expect([input.id, (input.description ?? '').trim() !== '']).toEqual([input.id, true])
      expect(input.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/)
      expect([input.id, input.required ?? false]).toEqual([input.id, false])
    }
    expect(template.outputs?.length).toBe(ACTION_OUTPUTS.size)
    for (const output of template.outputs ?? []) expect([output.id, (output.description ?? '').trim() !== '']).toEqual([output.id, true])
  })
})
