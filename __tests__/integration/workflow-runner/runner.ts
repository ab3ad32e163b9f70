// A local runner for this repository's workflows, on GitHub's own libraries: @actions/workflow-parser
// reads a workflow (the `if:` of every job and step with its implicit success() as GitHub adds it)
// and @actions/expressions evaluates every `${{ }}`. It walks the job graph (needs, if:, outputs,
// strategy.matrix, fail-fast), checks a reusable workflow's permission ceiling before anything
// runs, resolves `uses:` as GitHub does, and runs every job here, on the testbed:
// - `run:` steps with bash, as a runner's `shell: bash` does;
// - `uses: ./path` is an action in the job's workspace (in a called workflow: the caller's
//   checkout, or what a step checked out there), its node entry points run as the runner runs
//   them (INPUT_* env, GITHUB_OUTPUT/STATE/STEP_SUMMARY files, post steps at the end of the job);
// - `owner/repo/.github/workflows/x.yml@ref` is read from a local copy of that repository at ref;
// - the third-party actions (actions/checkout, docker/login-action, actions/upload-artifact and
//   download-artifact) are small stand-ins (STAND_INS below), artifacts kept in a local folder.
import { convertWorkflowTemplate, isMapping, isSequence, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser'
import type {
  ActionStep,
  Job,
  ReusableWorkflowJob,
  RunStep,
  WorkflowJob,
  WorkflowTemplate
} from '@actions/workflow-parser/model/workflow-template'
import type { MappingToken } from '@actions/workflow-parser/templates/tokens/mapping-token'
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token'
import { spawn, spawnSync } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import { parseFileCommands } from '../harness.js'
import { asString, evaluate, evaluateStrings, evaluateToken, truthy, type Contexts, type Status, type Value } from './expressions.js'
import { combine, expandMatrix, jobOrder, jobStatus, stepStatus, type Result } from './graph.js'
import { ceilingProblems, jobGrant } from './permissions.js'

/** A repository the runner can check out or read workflows from: a local Git repository. */
export interface LocalRepository {
  /** owner/name, as `uses:` and `repository:` name it */
  name: string
  dir: string
}

export interface RunOptions {
  /** the repository whose workflow runs (github.repository) */
  caller: LocalRepository
  /** the caller's commit that runs (github.sha): HEAD unless given */
  callerRef?: string
  /** other repositories `uses:` and checkouts may name */
  repositories: LocalRepository[]
  /** workflow_dispatch inputs of the workflow that runs */
  inputs?: Record<string, string | boolean>
  secrets?: Record<string, string>
  /** GitHub Enterprise Server: the job context names no workflow file (job.workflow_* empty) */
  enterprise?: boolean
  /** every step's environment (the testbed's docker, PATH...) */
  env: NodeJS.ProcessEnv
  /** the node a `runs.using: node24` action runs on */
  node: string
  /** inputs added to an action step run from the workspace, for what the testbed stands in for */
  actionInputs?: (step: { job: string; with: Record<string, string> }) => Record<string, string>
  /** where workspaces, artifacts and logs go */
  workdir: string
  /** each action step's log (main and post), as it ends */
  onActionLog?: (log: string) => void
}

export interface StandInCall {
  job: string
  action: string
  with: Record<string, string>
}

export interface StepRecord {
  id: string
  name: string
  outcome: Result
  log: string
}

export interface JobRecord {
  /** the job's path (caller job / called job) and its matrix leg */
  id: string
  matrix: Record<string, Value>
  runsOn: Value
  result: Result
  outputs: Record<string, string>
  steps: StepRecord[]
  /** `::error` annotations its steps wrote */
  errors: string[]
}

export interface RunRecord {
  result: Result
  /** the jobs in the order they ran (skipped ones too) */
  jobs: JobRecord[]
  /** the results of the top-level workflow's jobs */
  results: Record<string, Result>
  /** the outputs of the top-level workflow's jobs (a reusable workflow's outputs for its caller job) */
  outputs: Record<string, Record<string, string>>
  standIns: StandInCall[]
  artifacts: string
}

/** Thrown when a run does not start: what GitHub reports as a startup failure. */
export class StartupFailure extends Error {}

interface Loaded {
  file: string
  template: WorkflowTemplate
  root: MappingToken
  raw: { permissions?: unknown; jobs: Record<string, { permissions?: unknown }>; on?: unknown }
  /** where it came from, for job.workflow_* */
  repository: string
  sha: string
}

const CONTEXT_NAMES = ['github', 'inputs', 'needs', 'matrix', 'strategy', 'steps', 'job', 'env', 'secrets', 'vars', 'runner', 'jobs']

/**
 * A step's process, run without blocking: servers the test runs in this process (a registry proxy,
 * an artifact service) must answer while a step runs.
 */
function run(
  command: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv }
): Promise<{ status: number | null; log: string }> {
  return new Promise(resolve => {
    const child = spawn(command, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', e => resolve({ status: null, log: `${stdout}${stderr}${e.message}` }))
    child.on('close', status => resolve({ status, log: `${stdout}${stderr}` }))
  })
}

function git(dir: string, args: string[]): string {
  const r = spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } })
  if (r.status !== 0) throw new Error(`git ${args.join(' ')} in ${dir}: ${r.stderr.trim()}`)
  return r.stdout
}

/** Reads a workflow with GitHub's parser; a parse or schema error is a startup failure. */
export async function loadWorkflow(file: string, content: string, from: { repository: string; sha: string }): Promise<Loaded> {
  const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter())
  const errors = parsed.context.errors.getErrors().map(e => e.message)
  if (errors.length > 0 || !parsed.value) throw new StartupFailure(`${file}: ${errors.join('; ')}`)
  const template = await convertWorkflowTemplate(parsed.context, parsed.value)
  if (template.errors?.length) throw new StartupFailure(`${file}: ${template.errors.map(e => e.Message).join('; ')}`)
  if (!isMapping(parsed.value)) throw new StartupFailure(`${file}: not a mapping`)
  return { file, template, root: parsed.value, raw: parseYaml(content) as Loaded['raw'], ...from }
}

/** The raw token of a job's key (`with:` of a reusable job is in the model; `with:` of a step is not). */
function stepToken(w: Loaded, jobId: string, index: number, key: string): TemplateToken | undefined {
  const jobs = w.root.find('jobs')
  const job = jobs && isMapping(jobs) ? jobs.find(jobId) : undefined
  const steps = job && isMapping(job) ? job.find('steps') : undefined
  const step = steps && isSequence(steps) ? steps.get(index) : undefined
  return step && isMapping(step) ? step.find(key) : undefined
}

/** `uses: owner/repo/path@ref` or `./path`: the workflow it names, read from where GitHub would read it. */
function resolveWorkflow(uses: string, from: Loaded, opts: RunOptions): { file: string; content: string; repository: string; sha: string } {
  if (uses.startsWith('./')) {
    // a workflow of the same repository, at the same commit as the file that calls it
    const repo = [opts.caller, ...opts.repositories].find(r => r.name === from.repository)
    if (!repo) throw new StartupFailure(`no local copy of ${from.repository}`)
    return {
      file: uses.slice(2),
      content: git(repo.dir, ['show', `${from.sha}:${uses.slice(2)}`]),
      repository: from.repository,
      sha: from.sha
    }
  }
  const m = /^([^/]+\/[^/]+)\/(.+)@(.+)$/.exec(uses)
  if (!m?.[1] || !m[2] || !m[3]) throw new StartupFailure(`${uses}: not owner/repo/path@ref`)
  const repo = [opts.caller, ...opts.repositories].find(r => r.name === m[1])
  if (!repo) throw new StartupFailure(`${uses}: no local copy of ${m[1]}`)
  const sha = git(repo.dir, ['rev-parse', '--verify', `${m[3]}^{commit}`]).trim()
  return { file: m[2], content: git(repo.dir, ['show', `${sha}:${m[2]}`]), repository: m[1], sha }
}

interface Scope {
  /** the workflow being run */
  w: Loaded
  /** the caller's github context (a called workflow sees its caller's) */
  github: Record<string, Value>
  inputs: Record<string, Value>
  secrets: Record<string, string>
  /** job path prefix for records */
  prefix: string
}

export class WorkflowRunner {
  readonly jobs: JobRecord[] = []
  readonly standIns: StandInCall[] = []
  readonly artifacts: string
  private readonly masks: string[] = []

  constructor(private readonly opts: RunOptions) {
    this.artifacts = path.join(opts.workdir, 'artifacts')
    mkdirSync(this.artifacts, { recursive: true })
  }

  /** Runs `.github/workflows/<file>` of the caller's commit, on workflow_dispatch. */
  async run(file: string): Promise<RunRecord> {
    const sha = git(this.opts.caller.dir, ['rev-parse', '--verify', `${this.opts.callerRef ?? 'HEAD'}^{commit}`]).trim()
    const w = await loadWorkflow(file, git(this.opts.caller.dir, ['show', `${sha}:${file}`]), { repository: this.opts.caller.name, sha })
    const called = await this.checkCeilings(w)
    this.masks.push(...Object.values(this.opts.secrets ?? {}).filter(Boolean))
    const github: Record<string, Value> = {
      repository: this.opts.caller.name,
      repository_owner: this.opts.caller.name.split('/')[0] ?? '',
      sha,
      ref: 'refs/heads/main',
      ref_name: 'main',
      ref_type: 'branch',
      event_name: 'workflow_dispatch',
      actor: 'release-bot',
      token: 'stand-in-github-token',
      server_url: 'https://github.com',
      workflow_sha: sha,
      workflow_ref: `${this.opts.caller.name}/${file}@refs/heads/main`
    }
    const inputs = this.dispatchInputs(w)
    const { results, outputs } = await this.runJobs({ w, github, inputs, secrets: this.opts.secrets ?? {}, prefix: '' }, called)
    const result = Object.values(results).some(r => r === 'failure' || r === 'cancelled') ? 'failure' : 'success'
    return { result, jobs: this.jobs, results, outputs, standIns: this.standIns, artifacts: this.artifacts }
  }

  private dispatchInputs(w: Loaded): Record<string, Value> {
    const defs = w.template.events.workflow_dispatch?.inputs ?? {}
    const given = this.opts.inputs ?? {}
    return Object.fromEntries(
      Object.entries(defs).map(([k, d]) => [k, given[k] ?? (d.default as Value | undefined) ?? (d.type === 'boolean' ? false : '')])
    )
  }

  /**
   * Before anything runs: each job that calls a reusable workflow may not have it ask for more
   * than the job grants. Returns the called workflows, loaded.
   */
  private async checkCeilings(w: Loaded): Promise<Map<string, Loaded>> {
    const called = new Map<string, Loaded>()
    for (const job of w.template.jobs) {
      if (job.type !== 'reusableWorkflowJob') continue
      const id = job.id.value
      const target = resolveWorkflow(job.ref.value, w, this.opts)
      const loaded = await loadWorkflow(target.file, target.content, target)
      const grant = jobGrant(w.raw.permissions, w.raw.jobs[id]?.permissions, `${w.file}: job ${id}`)
      const problems = ceilingProblems(grant, loaded.raw, loaded.file)
      if (problems.length > 0) throw new StartupFailure(`${w.file}: job ${id}: ${problems.join('; ')}`)
      called.set(id, loaded)
    }
    return called
  }

  private async runJobs(
    scope: Scope,
    called: Map<string, Loaded>
  ): Promise<{ results: Record<string, Result>; outputs: Record<string, Record<string, string>> }> {
    const byId = new Map(scope.w.template.jobs.map(j => [j.id.value, j]))
    const needs = Object.fromEntries([...byId].map(([id, j]) => [id, (j.needs ?? []).map(n => n.value)]))
    const results: Record<string, Result> = {}
    const outputs: Record<string, Record<string, string>> = {}
    for (const id of jobOrder(needs)) {
      const job = byId.get(id) as WorkflowJob
      const needsContext = Object.fromEntries(
        (needs[id] ?? []).map(n => [n, { result: results[n] ?? 'skipped', outputs: outputs[n] ?? {} }])
      )
      const base: Contexts = this.contexts(scope, { needs: needsContext })
      const status: Status = jobStatus(id, needs, results)
      if (!truthy(evaluate(job.if.expression, base, status))) {
        results[id] = 'skipped'
        outputs[id] = {}
        this.jobs.push({ id: `${scope.prefix}${id}`, matrix: {}, runsOn: null, result: 'skipped', outputs: {}, steps: [], errors: [] })
        continue
      }
      if (job.type === 'reusableWorkflowJob') {
        const r = await this.runCalled(scope, job, called.get(id) as Loaded, base)
        results[id] = r.result
        outputs[id] = r.outputs
      } else {
        const r = await this.runMatrixJob(scope, job, base)
        results[id] = r.result
        outputs[id] = r.outputs
      }
    }
    return { results, outputs }
  }

  private contexts(scope: Scope, extra: Contexts): Contexts {
    const base: Contexts = Object.fromEntries(CONTEXT_NAMES.map(n => [n, {}]))
    return {
      ...base,
      github: scope.github,
      inputs: scope.inputs,
      secrets: scope.secrets,
      runner: { os: 'Linux', arch: 'X64', temp: this.opts.workdir },
      job: this.opts.enterprise
        ? {}
        : { workflow_repository: scope.w.repository, workflow_sha: scope.w.sha, workflow_file_path: scope.w.file },
      ...extra
    }
  }

  /** A job that calls a reusable workflow: its inputs and secrets, then the called workflow's jobs. */
  private async runCalled(
    scope: Scope,
    job: ReusableWorkflowJob,
    w: Loaded,
    base: Contexts
  ): Promise<{ result: Result; outputs: Record<string, string> }> {
    const call = w.template.events.workflow_call
    if (!call) throw new StartupFailure(`${w.file} has no workflow_call trigger`)
    const given = evaluateToken(job['input-values'], base) as Record<string, Value> | null
    const inputs: Record<string, Value> = {}
    for (const [name, def] of Object.entries(call.inputs ?? {})) {
      const v = given?.[name]
      const dflt = def.default
      const value: Value =
        v !== undefined
          ? v
          : dflt === undefined
            ? def.type === 'boolean'
              ? false
              : ''
            : typeof dflt === 'object'
              ? evaluateToken(dflt, base)
              : dflt
      if (def.type === 'boolean' && typeof value !== 'boolean')
        throw new Error(`${w.file}: input ${name} is a boolean, got ${JSON.stringify(value)}`)
      inputs[name] = value
    }
    for (const name of Object.keys(given ?? {})) if (!(name in inputs)) throw new StartupFailure(`${w.file}: ${name} is not an input`)
    const secrets = job['inherit-secrets'] ? scope.secrets : evaluateStrings(job['secret-values'], base)
    const inner: Scope = { w, github: scope.github, inputs, secrets, prefix: `${scope.prefix}${job.id.value}/` }
    const { results, outputs } = await this.runJobs(inner, new Map())
    const failed = Object.values(results).some(r => r === 'failure' || r === 'cancelled')
    // the workflow's outputs, from its jobs' outputs
    const jobs = Object.fromEntries(Object.keys(results).map(id => [id, { result: results[id] ?? 'skipped', outputs: outputs[id] ?? {} }]))
    const declared = (w.raw.on as { workflow_call?: { outputs?: Record<string, { value: string }> } }).workflow_call?.outputs ?? {}
    const out: Record<string, string> = {}
    for (const [name, o] of Object.entries(declared)) {
      const expr = /^\$\{\{([\s\S]*)\}\}$/.exec(o.value.trim())
      out[name] = expr?.[1] ? asString(evaluate(expr[1], this.contexts(inner, { jobs }))) : o.value
    }
    return { result: failed ? 'failure' : 'success', outputs: out }
  }

  private async runMatrixJob(scope: Scope, job: Job, base: Contexts): Promise<{ result: Result; outputs: Record<string, string> }> {
    const strategy = (evaluateToken(job.strategy, base) ?? {}) as Record<string, Value>
    const legs = job.strategy ? expandMatrix(strategy['matrix'] ?? null) : [{}]
    const failFast = strategy['fail-fast'] !== false
    const results: Result[] = []
    const outputs: Record<string, string> = {}
    for (const [i, matrix] of legs.entries()) {
      const id = `${scope.prefix}${job.id.value}${job.strategy ? ` (${Object.values(matrix).map(asString).join(', ')})` : ''}`
      if (failFast && results.includes('failure')) {
        // fail-fast: the legs not yet started are cancelled
        results.push('cancelled')
        this.jobs.push({ id, matrix, runsOn: null, result: 'cancelled', outputs: {}, steps: [], errors: [] })
        continue
      }
      const ctx = { ...base, matrix, strategy: { 'fail-fast': failFast, 'job-index': i, 'job-total': legs.length } }
      const record = await this.runSteps(scope, job, ctx, id, matrix)
      results.push(record.result)
      for (const [k, v] of Object.entries(record.outputs)) if (v !== '') outputs[k] = v
    }
    return { result: combine(results), outputs }
  }

  /** One job (one matrix leg) on a runner of its own: a fresh workspace, its steps, then its post steps. */
  private async runSteps(scope: Scope, job: Job, ctx: Contexts, id: string, matrix: Record<string, Value>): Promise<JobRecord> {
    const workspace = mkdtempSync(path.join(this.opts.workdir, 'workspace-'))
    const temp = mkdtempSync(path.join(this.opts.workdir, 'runner-temp-'))
    const record: JobRecord = {
      id,
      matrix,
      runsOn: evaluateToken(job['runs-on'], ctx),
      result: 'success',
      outputs: {},
      steps: [],
      errors: []
    }
    this.jobs.push(record)
    const steps: Record<string, { outputs: Record<string, string>; outcome: Result; conclusion: Result }> = {}
    const posts: Array<() => Promise<StepRecord>> = []
    const github = { ...scope.github, workspace }
    const jobEnv = evaluateStrings(job.env, { ...ctx, github })
    for (const [index, step] of job.steps.entries()) {
      const s = step as ActionStep | RunStep
      const c: Contexts = { ...ctx, github, steps, env: jobEnv }
      const status = stepStatus(record.steps.map(r => r.outcome))
      const name = asString(evaluateToken(s.name, c)) || s.id
      if (!truthy(evaluate(s.if.expression, c, status))) {
        record.steps.push({ id: s.id, name, outcome: 'skipped', log: '' })
        steps[s.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' }
        continue
      }
      const env = { ...jobEnv, ...evaluateStrings(s.env, c) }
      const files = {
        output: path.join(temp, `output-${index}`),
        state: path.join(temp, `state-${index}`),
        summary: path.join(temp, `summary-${index}`)
      }
      for (const f of Object.values(files)) writeFileSync(f, '')
      const stepEnv: NodeJS.ProcessEnv = {
        ...this.opts.env,
        ...env,
        GITHUB_ACTIONS: 'true',
        CI: 'true',
        GITHUB_WORKSPACE: workspace,
        GITHUB_REPOSITORY: scope.github['repository'] as string,
        GITHUB_SHA: scope.github['sha'] as string,
        GITHUB_ACTOR: scope.github['actor'] as string,
        GITHUB_SERVER_URL: scope.github['server_url'] as string,
        GITHUB_OUTPUT: files.output,
        GITHUB_STATE: files.state,
        GITHUB_STEP_SUMMARY: files.summary,
        RUNNER_TEMP: temp,
        RUNNER_TOOL_CACHE: path.join(this.opts.workdir, 'tool-cache')
      }
      let outcome: Result
      let log: string
      if ('run' in s) {
        const script = path.join(temp, `step-${index}.sh`)
        writeFileSync(script, asString(evaluateToken(s.run, c)))
        const r = await run('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: workspace, env: stepEnv })
        outcome = r.status === 0 ? 'success' : 'failure'
        log = r.log
      } else {
        const uses = s.uses.value
        const withValues = evaluateStrings(stepToken(scope.w, job.id.value, index, 'with'), c)
        if (uses.startsWith('./')) {
          const r = await this.runLocalAction(path.join(workspace, uses), withValues, stepEnv, workspace, job.id.value, files)
          outcome = r.outcome
          log = r.log
          if (r.post) posts.unshift(r.post)
        } else {
          const r = this.runStandIn(uses, withValues, { workspace, job: id, github: scope.github })
          outcome = r.outcome
          log = r.log
        }
      }
      const outputs = parseFileCommands(readFileSync(files.output, 'utf8'))
      steps[s.id] = { outputs, outcome, conclusion: outcome }
      const shown = this.masked(log)
      record.steps.push({ id: s.id, name, outcome, log: shown })
      record.errors.push(...annotations(shown))
    }
    // post steps, last first, post-if: always()
    for (const post of posts) record.steps.push(await post())
    record.result = record.steps.some(r => r.outcome === 'failure') ? 'failure' : 'success'
    record.outputs = evaluateStrings(job.outputs, { ...ctx, github, steps })
    return record
  }

  /** A log as the runner shows it: `::add-mask::` lines taken as masks and dropped, every mask applied. */
  private masked(log: string): string {
    const kept = log
      .split('\n')
      .filter(line => {
        const m = /^::add-mask::(.*)$/.exec(line)
        if (m?.[1]) this.masks.push(m[1])
        return !m
      })
      .join('\n')
    return this.masks.reduce((l, m) => l.split(m).join('***'), kept)
  }

  /** A node action of the workspace (action.yml's runs.main, then runs.post at the end of the job). */
  private async runLocalAction(
    dir: string,
    given: Record<string, string>,
    env: NodeJS.ProcessEnv,
    workspace: string,
    job: string,
    files: { output: string; state: string }
  ): Promise<{ outcome: Result; log: string; post?: () => Promise<StepRecord> }> {
    const file = ['action.yml', 'action.yaml'].map(f => path.join(dir, f)).find(f => existsSync(f))
    if (!file)
      return {
        outcome: 'failure',
        log: `::error::Can't find 'action.yml' under '${dir}'. Did you forget to run actions/checkout before running your local action?`
      }
    const action = parseYaml(readFileSync(file, 'utf8')) as {
      inputs?: Record<string, { default?: string }>
      runs: { using: string; main: string; post?: string }
    }
    if (action.runs.using !== 'node24') throw new Error(`${file}: runs.using ${action.runs.using} is not run here`)
    const inputs: Record<string, string> = {}
    // an expression default (`${{ github.token }}`) is the runner's to evaluate; there is no token here
    for (const [k, v] of Object.entries(action.inputs ?? {}))
      inputs[k] = /\$\{\{/.test(String(v.default ?? '')) ? '' : String(v.default ?? '')
    for (const k of Object.keys(given)) if (!(k in inputs)) throw new Error(`${file}: with.${k} is not an input`)
    Object.assign(inputs, given, this.opts.actionInputs?.({ job, with: given }) ?? {})
    const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]))
    const main = await run(this.opts.node, [path.join(dir, action.runs.main)], { cwd: workspace, env: { ...env, ...inputEnv } })
    const result = { outcome: (main.status === 0 ? 'success' : 'failure') as Result, log: main.log }
    this.opts.onActionLog?.(result.log)
    if (!action.runs.post) return result
    const postMain = action.runs.post
    return {
      ...result,
      post: async () => {
        const state = parseFileCommands(readFileSync(files.state, 'utf8'))
        const stateEnv = Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]))
        const r = await run(this.opts.node, [path.join(dir, postMain)], { cwd: workspace, env: { ...env, ...inputEnv, ...stateEnv } })
        return {
          id: `post ${path.basename(dir)}`,
          name: `Post ${path.basename(dir)}`,
          outcome: r.status === 0 ? 'success' : 'failure',
          log: this.masked(r.log)
        }
      }
    }
  }

  /** The third-party actions, by name (any pinned version). */
  private runStandIn(
    uses: string,
    w: Record<string, string>,
    at: { workspace: string; job: string; github: Record<string, Value> }
  ): { outcome: Result; log: string } {
    const action = uses.replace(/@.*$/, '')
    const fn = STAND_INS[action]
    if (!fn) throw new Error(`no stand-in for ${uses}`)
    this.standIns.push({
      job: at.job,
      action,
      with: Object.fromEntries(Object.entries(w).map(([k, v]) => [k, k === 'password' ? (v ? '<set>' : '') : v]))
    })
    try {
      return {
        outcome: 'success',
        log: fn(w, { ...at, artifacts: this.artifacts, repositories: [this.opts.caller, ...this.opts.repositories] })
      }
    } catch (e) {
      return { outcome: 'failure', log: `::error::${(e as Error).message}` }
    }
  }
}

interface StandInContext {
  workspace: string
  github: Record<string, Value>
  artifacts: string
  repositories: LocalRepository[]
}

/** Files a path names: a file, or `*` in its last part. */
function globFiles(workspace: string, pattern: string): string[] {
  const full = path.join(workspace, pattern)
  const dir = path.dirname(full)
  const re = new RegExp(
    `^${path
      .basename(full)
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')}$`
  )
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter(f => re.test(f) && statSync(path.join(dir, f)).isFile())
    .map(f => path.join(dir, f))
}

/** Every file under a folder, at any depth. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map(f => path.join(dir, f))
    .filter(f => statSync(f).isFile())
}

/**
 * Stand-ins for the third-party actions the workflows use: only what the workflows ask of them.
 * checkout clones a local copy of the repository at the ref; login records the call (the
 * testbed's registry takes pushes without one); the artifact actions copy files into and out of
 * a folder of this run.
 */
const STAND_INS: Record<string, (w: Record<string, string>, at: StandInContext) => string> = {
  'actions/checkout': (w, at) => {
    const name = w['repository'] || (at.github['repository'] as string)
    const repo = at.repositories.find(r => r.name === name)
    if (!repo) throw new Error(`checkout stand-in: no local copy of ${name}`)
    const ref = w['ref'] || (name === at.github['repository'] ? (at.github['sha'] as string) : 'HEAD')
    const dest = path.resolve(at.workspace, w['path'] || '.')
    if (!dest.startsWith(at.workspace)) throw new Error(`checkout stand-in: path ${w['path']} is outside the workspace`)
    if (existsSync(dest) && readdirSync(dest).length > 0) throw new Error(`checkout stand-in: ${dest} is not empty`)
    git(at.workspace, ['clone', '--quiet', '--no-checkout', repo.dir, dest])
    git(dest, ['checkout', '--quiet', '--detach', ref])
    return `checked out ${name} at ${git(dest, ['rev-parse', 'HEAD']).trim()} into ${w['path'] || '.'}`
  },
  'docker/login-action': w => `login stand-in: ${w['registry']} as ${w['username']} (nothing done)`,
  'actions/upload-artifact': (w, at) => {
    const name = w['name'] ?? ''
    if (!/^[\w.-]+$/.test(name)) throw new Error(`upload-artifact stand-in: bad name ${name}`)
    // a folder is uploaded with what it holds, its own name left out (as upload-artifact does for one path)
    const folder = path.resolve(at.workspace, w['path'] ?? '')
    const isFolder = folder.startsWith(at.workspace) && existsSync(folder) && statSync(folder).isDirectory()
    const files = isFolder ? listFiles(folder) : globFiles(at.workspace, w['path'] ?? '')
    if (files.length === 0 && (w['if-no-files-found'] ?? 'warn') === 'error')
      throw new Error(`No files were found with the provided path: ${w['path']}`)
    const dir = path.join(at.artifacts, name)
    if (existsSync(dir)) throw new Error(`an artifact named ${name} exists already`)
    mkdirSync(dir)
    if (isFolder) cpSync(folder, dir, { recursive: true })
    else for (const f of files) copyFileSync(f, path.join(dir, path.basename(f)))
    return `uploaded ${files.length} file(s) as ${name}`
  },
  'actions/download-artifact': (w, at) => {
    const pattern = w['pattern'] || w['name'] || '*'
    const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)
    const names = readdirSync(at.artifacts).filter(n => re.test(n))
    const dest = path.resolve(at.workspace, w['path'] || '.')
    mkdirSync(dest, { recursive: true })
    for (const n of names) {
      const to = w['merge-multiple'] === 'true' ? dest : path.join(dest, n)
      mkdirSync(to, { recursive: true })
      cpSync(path.join(at.artifacts, n), to, { recursive: true })
    }
    return `downloaded ${names.join(', ') || 'nothing'}`
  }
}

/** The `::error` annotations of a log, their messages. */
export function annotations(log: string): string[] {
  return [...log.matchAll(/^::error(?: [^:]*)?::(.*)$/gm)].map(m => m[1] ?? '')
}

/** Runs one workflow of the caller repository; a startup failure throws StartupFailure. */
export function runWorkflow(file: string, opts: RunOptions): Promise<RunRecord> {
  return new WorkflowRunner(opts).run(file)
}
