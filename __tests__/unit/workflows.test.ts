// Every workflow in .github/workflows, checked with GitHub's own parser (@actions/workflow-parser),
// and then against this action: each `with:` key it is given is a real input of action.yml and
// each output read from it is a real output. action.yml itself is checked with the same package.
import { describe, expect, it } from '@jest/globals'
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser'
import { convertActionTemplate, parseAction, type ActionRunsNode } from '@actions/workflow-parser/actions/index'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import { ceilingProblems, jobGrant } from '../integration/workflow-runner/permissions.js'

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

/** `./.build-image-action`: the release workflow's checkout of this action at its own commit. */
const ACTION_CHECKOUT = './.build-image-action'

function isThisAction(uses: string | undefined): boolean {
  return uses === './' || uses === '.' || uses === ACTION_CHECKOUT || (uses ?? '').startsWith(`${ACTION_REPO}@`)
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
      'push-by-digest': "${{ inputs.output == 'image' && inputs.push }}",
      platforms: '${{ matrix.platform }}'
    })
    const bake = wf.jobs['build']?.steps?.find(s => s.id === 'bake')
    expect(String(bake?.with?.['set'])).toContain('.output=${{ steps.leg.outputs.output }}')
    expect(String(wf.jobs['build']?.steps?.find(s => s.id === 'leg')?.run)).toContain('push-by-digest=true')
    const merge = wf.jobs['merge']?.steps?.find(s => s.id === 'merge')
    expect(merge?.with).toMatchObject({ mode: 'merge', 'digests-from': 'digests.txt' })
    expect(Object.keys(wf.on['workflow_call']?.outputs ?? {})).toEqual([
      'digest',
      'digests',
      'cosign-verify-commands',
      'signed',
      'meta-json',
      'output-type',
      'artifact-name'
    ])
  })

  it('the release workflow signs in the merge job, passing sign and the key secrets through; no job asks for id-token itself', () => {
    const wf = load('release-multi-arch.yml')
    expect(wf.jobs['merge-signed']).toBeUndefined()
    expect(wf.jobs['merge']?.steps?.find(s => s.id === 'merge')?.with).toMatchObject({
      mode: 'merge',
      'digests-from': 'digests.txt',
      sign: '${{ inputs.sign }}',
      'sign-key': '${{ secrets.sign-key }}',
      'sign-key-password': '${{ secrets.sign-key-password }}'
    })
    // keyless signing's id-token: write comes from the caller's grant, which the merge job inherits
    expect(wf.jobs['merge']).not.toHaveProperty('permissions')
    expect(wf).not.toHaveProperty('permissions')
    expect(JSON.stringify(Object.values(wf.jobs).map(j => j.permissions ?? {}))).not.toContain('id-token')
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

  it("the release workflow runs the action at its own repository and commit, never the caller's checkout; jobs ask for little", () => {
    const wf = load('release-multi-arch.yml')
    const steps = (job: string) => wf.jobs[job]?.steps ?? []
    for (const job of ['plan', 'build', 'merge']) {
      const action = steps(job).findIndex(s => s.uses === ACTION_CHECKOUT)
      // the checkout of this action comes first, from plan's answer (job.workflow_*, else the inputs)
      const checkout = steps(job).find(s => s.with?.['path'] === '.build-image-action')
      expect([job, action > steps(job).indexOf(checkout as Step)]).toEqual([job, true])
      const [repo, ref] =
        job === 'plan'
          ? ['steps.action.outputs.repository', 'steps.action.outputs.ref']
          : ['needs.plan.outputs.action-repository', 'needs.plan.outputs.action-ref']
      expect(checkout?.with).toEqual({
        repository: `\${{ ${repo} }}`,
        ref: `\${{ ${ref} }}`,
        path: '.build-image-action',
        'persist-credentials': false
      })
    }
    expect(steps('plan').find(s => s.id === 'action')?.env).toMatchObject({
      WORKFLOW_REPOSITORY: '${{ job.workflow_repository }}',
      WORKFLOW_SHA: '${{ job.workflow_sha }}',
      GIVEN_REPOSITORY: '${{ inputs.action-repository }}',
      GIVEN_REF: '${{ inputs.action-ref }}'
    })
    const all = Object.values(wf.jobs).flatMap(j => j.steps ?? [])
    expect(all.filter(s => s.uses === './' || s.uses === '.')).toEqual([])
    // the caller's repository goes to caller/, beside the action, so a `COPY . .` never takes the action along
    expect(steps('build').find(s => s.id === 'build')?.with).toMatchObject({ context: 'caller/${{ inputs.context }}' })
    expect(steps('build').find(s => s.id === 'bake')?.with).toMatchObject({ source: 'caller/${{ inputs.bake-source }}' })
    expect(Object.fromEntries(Object.entries(wf.jobs).map(([id, j]) => [id, j.permissions]))).toEqual({
      plan: { contents: 'read' },
      build: { contents: 'read', packages: 'write' },
      merge: undefined,
      result: {}
    })
  })

  it('after a failed build or merge the result job does not run: it needs both and asks for their results (skipped merges only for local output); the runner-based tests run it', () => {
    const result = load('release-multi-arch.yml').jobs['result']
    expect(result?.needs).toEqual(['plan', 'build', 'merge'])
    expect(result?.if).toMatch(/^\$\{\{ !cancelled\(\) && needs\.build\.result == 'success' && \(needs\.merge\.result == 'success' \|\| /)
  })

  it('CI runs the action from this checkout', () => {
    const steps = Object.values(load('ci.yml').jobs).flatMap(j => j.steps ?? [])
    expect(steps.filter(s => s.uses === './').length).toBeGreaterThanOrEqual(2)
  })
})

/** The example workflows under examples/ (shown in docs/), by their path from the root. */
const exampleFiles = (function walk(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? walk(`${dir}/${e.name}`) : e.name.endsWith('.yml') ? [`${dir}/${e.name}`] : []
  )
})('examples')

describe('the example workflows under examples/', () => {
  it('has the examples the docs show', () => {
    expect(exampleFiles).toEqual(expect.arrayContaining(['examples/release.yml', 'examples/switching/no-checkout.yml']))
  })

  it.each(exampleFiles)("%s: GitHub's workflow parser finds no error", async file => {
    const content = readFileSync(path.join(ROOT, file), 'utf8')
    const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter())
    expect(parsed.context.errors.getErrors().map(e => e.message)).toEqual([])
    const template = await convertWorkflowTemplate(parsed.context, parsed.value!)
    expect((template.errors ?? []).map(e => e.Message)).toEqual([])
  })

  // Another repository calls the reusable workflow as org/build-image-action/.github/workflows/…: read here from this checkout.
  it.each(exampleFiles)('%s: inputs given to the action, outputs read from it, needs, jobs and inputs all exist', file => {
    const text = readFileSync(path.join(ROOT, file), 'utf8').replaceAll(`${ACTION_REPO}/.github/workflows/`, './.github/workflows/')
    expect(checkAgainstAction(file, parseYaml(text) as Workflow)).toEqual([])
  })
})

/** The example workflows (examples/*.yml, shown in docs/) that call the reusable release workflow. */
function exampleCallers(): Array<[string, Workflow]> {
  const dir = path.join(ROOT, 'examples')
  return readdirSync(dir)
    .filter(f => f.endsWith('.yml'))
    .map(f => [`examples/${f}`, readFileSync(path.join(dir, f), 'utf8')] as [string, string])
    .filter(([, text]) => /uses:\s*\S*release-multi-arch\.yml/.test(text))
    .map(([name, text]) => [name, parseYaml(text) as Workflow])
}

describe('the permission ceiling of the reusable release workflow', () => {
  const called = parseYaml(readFileSync(path.join(WORKFLOWS, 'release-multi-arch.yml'), 'utf8')) as Workflow
  const callers: Array<[string, Workflow]> = [...files.map(f => [f, load(f)] as [string, Workflow]), ...exampleCallers()]
  const calls = callers.flatMap(([file, wf]) =>
    Object.entries(wf.jobs)
      .filter(([, j]) => /release-multi-arch\.yml/.test(j.uses ?? ''))
      .map(([id, j]) => [`${file}: job ${id}`, wf, j] as [string, Workflow, Job])
  )

  it('is called by example-release.yml and by examples/release.yml, from another repository first', () => {
    expect(calls.map(([name]) => name)).toEqual(
      expect.arrayContaining(['example-release.yml: job hello', 'examples/release.yml: job image'])
    )
    const first = exampleCallers().find(([name]) => name === 'examples/release.yml')?.[1]
    expect(Object.values(first?.jobs ?? {}).find(j => j.uses)?.uses).toMatch(
      /^org\/build-image-action\/\.github\/workflows\/release-multi-arch\.yml@/
    )
  })

  it.each(calls.map(([name, wf, job]) => [name, wf, job] as [string, Workflow, Job]))(
    "%s: every nested job asks for no more than it grants (GitHub's check before the run starts)",
    (_name, wf, job) => {
      const grant = jobGrant(wf.permissions, job.permissions, 'caller')
      expect(ceilingProblems(grant, called, 'release-multi-arch.yml')).toEqual([])
    }
  )

  it.each(calls.map(([name, , job]) => [name, job] as [string, Job]))('%s: gives only inputs the workflow declares', (_name, job) => {
    const inputs = called.on['workflow_call']?.inputs ?? {}
    expect(Object.keys(job.with ?? {}).filter(k => !(k in inputs))).toEqual([])
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
