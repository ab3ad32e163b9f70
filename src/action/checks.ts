// Build checks: the warnings every build reports, and the frontend requests of the call input
// (check, outline, targets), which build nothing. Warnings become annotations on their Dockerfile
// line (off with DOCKER_BUILD_CHECKS_ANNOTATIONS=false), the check-warnings output and a section of
// the job summary (post renders it from state).
import * as core from '../runner/commands.js'
import { existsSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import type { BuildContext } from '../buildx/args.js'
import { callBake, callBuild, type BuildEnv, type CallOutput } from '../buildx/build.js'
import { localDockerfile, type BuildResult } from '../buildx/results.js'
import {
  checkFailureMessage,
  checkWarningsOutput,
  uniqueWarnings,
  warningAnnotation,
  warningsFromCheck,
  warningsFromMetadata,
  type CallCheckResult,
  type DockerfileSource,
  type TargetWarnings
} from '../buildx/warnings.js'
import { callIgnoresStatus } from '../inputs/call.js'
import { checkAgainstCapabilities } from '../inputs/parse.js'
import type { BuildPlan } from '../inputs/plan.js'
import { githubContext } from '../runner/context.js'
import { writeSecretFiles } from './secret-files.js'
import type { BuildxSetup } from './setup.js'
import { saveState, type State } from './state.js'
import { removeFiles, writeMatrixBakeFile } from './workspace.js'

/** DOCKER_BUILD_CHECKS_ANNOTATIONS, as docker/build-push-action reads it: on unless false. */
export function annotationsEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = (env['DOCKER_BUILD_CHECKS_ANNOTATIONS'] ?? '').trim().toLowerCase()
  return !['false', '0', 'no', 'off'].includes(v)
}

/** A Dockerfile path relative to the workspace, the way GitHub places an annotation. */
function workspacePath(file: string, env: NodeJS.ProcessEnv = process.env): string {
  const root = env['GITHUB_WORKSPACE'] || process.cwd()
  return path.relative(root, path.resolve(file)).split(path.sep).join('/')
}

/** Each Dockerfile with its text, when it is a local file that can be read. */
function dockerfileSources(entries: Array<{ target: string; dockerfile: string | undefined }>): DockerfileSource[] {
  const texts = new Map<string, string | undefined>()
  return entries.flatMap(({ target, dockerfile }) => {
    if (!dockerfile) return []
    if (!texts.has(dockerfile)) {
      let text: string | undefined
      try {
        if (existsSync(dockerfile) && statSync(dockerfile).isFile()) text = readFileSync(dockerfile, 'utf8')
      } catch {
        text = undefined
      }
      texts.set(dockerfile, text)
    }
    const text = texts.get(dockerfile)
    return [{ target, file: workspacePath(dockerfile), ...(text !== undefined ? { text } : {}) }]
  })
}

function publishWarnings(all: TargetWarnings[], state: State): number {
  const unique = uniqueWarnings(all)
  if (unique.length > 0 && annotationsEnabled()) {
    for (const w of unique) {
      const a = warningAnnotation(w)
      core.warning(a.message, a.properties)
    }
  }
  core.setOutput('check-warnings', checkWarningsOutput(all))
  state.checkWarnings = all
  saveState(state)
  return unique.length
}

/** The check warnings of every build: annotations, output, and state for the summary. */
export function reportBuildWarnings(results: BuildResult[], state: State): void {
  const seen = new Set<string>()
  const raw = results
    .flatMap(r => r.buildWarnings ?? [])
    .filter(w => {
      const key = JSON.stringify(w)
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
  const sources = dockerfileSources(results.map(r => ({ target: r.target, dockerfile: r.dockerfile })))
  const all = warningsFromMetadata(raw, sources, results[0]?.target ?? 'default')
  const count = publishWarnings(all, state)
  if (count > 0)
    core.info(`${count} build check warning(s)${annotationsEnabled() ? '' : ' (annotations off: DOCKER_BUILD_CHECKS_ANNOTATIONS=false)'}`)
}

/** A bake's result for one target: what it was built from and what the request answered. */
interface BakeCallTarget {
  build?: { context?: string; dockerfile?: string }
  [request: string]: unknown
}

/** Each target's answer to the request, with the Dockerfile it read. */
function perTarget(plan: BuildPlan, out: CallOutput): Array<{ target: string; dockerfile: string | undefined; answer: unknown }> {
  const s = plan.settings
  if (plan.kind === 'single')
    return [{ target: s.target || 'default', dockerfile: localDockerfile(s, plan.dockerfile), answer: out.result }]
  const targets = ((out.result ?? {}) as { target?: Record<string, BakeCallTarget> }).target ?? {}
  return Object.entries(targets).map(([target, t]) => {
    const context = t.build?.context ?? '.'
    const dockerfile = t.build?.dockerfile ?? 'Dockerfile'
    const local = !/^[a-z]+:\/\/|^git@/.test(context)
    return { target, dockerfile: local ? path.resolve(out.cwd, context, dockerfile) : undefined, answer: t[s.call.name] }
  })
}

/** Runs the call input's request (check, outline, targets) instead of a build. */
export async function executeCall(plan: BuildPlan, buildx: BuildxSetup, state: State): Promise<void> {
  const s = plan.settings
  if (plan.kind !== 'single' && plan.kind !== 'bake' && plan.kind !== 'matrix') {
    throw new Error(`internal: call ${s.call.name} on a ${plan.kind} plan`)
  }
  checkAgainstCapabilities(s, buildx.caps, plan.kind === 'single' ? 'build' : 'bake')
  const ctx: BuildContext = { builder: buildx.builder.name, caps: buildx.caps, ...githubContext() }
  const env: BuildEnv = { bx: buildx.bx, ctx, tempDir: state.tempDir, secretFiles: writeSecretFiles(s, state.tempDir) }
  let out: CallOutput
  try {
    out = await core.group(`${s.call.name} (call)`, () => {
      if (plan.kind === 'single') return callBuild(plan, env)
      const files = plan.kind === 'matrix' ? [writeMatrixBakeFile(env.tempDir, plan.definition)] : plan.files
      return callBake(plan, files, env)
    })
  } finally {
    removeFiles(env.secretFiles.values())
  }
  core.setOutput('call-result', JSON.stringify(out.result ?? null))
  // what buildx wrote for the request, as docker's actions give it (bake: one entry per target)
  if (Object.keys(out.metadata).length > 0) core.setOutput('metadata', JSON.stringify(out.metadata))
  state.call = s.call.name
  state.callResult = JSON.stringify(out.result ?? null)
  saveState(state)
  if (s.call.name !== 'check') return

  const answers = perTarget(plan, out)
  const sources = dockerfileSources(answers)
  const all = answers.map(a => ({
    target: a.target,
    warnings: warningsFromCheck(
      (a.answer ?? {}) as CallCheckResult,
      sources.filter(src => src.target === a.target)
    )
  }))
  const count = publishWarnings(all, state)
  const total = all.reduce((n, t) => n + t.warnings.length, 0)
  if (total > 0 && !callIgnoresStatus(s.call)) throw new Error(checkFailureMessage(total))
  if (total === 0 && out.code !== 0) throw new Error(`check failed: buildx exited with code ${out.code}`)
  core.info(total === 0 ? 'Check complete, no warnings found.' : `${checkFailureMessage(total)} (${count} distinct; ignorestatus=true)`)
}
