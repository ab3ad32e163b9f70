// Runs the planned builds through buildx and reads back what buildx says it built.
import * as core from '../runner/commands.js'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import {
  bakeArgs,
  bakePrintArgs,
  bakeSecretSets,
  buildArgs,
  daemonPushesTwice,
  imagetoolsCreateArgs,
  imagetoolsInspectArgs,
  type BuildContext
} from './args.js'
import { type Buildx, runBuildx, runBuildxChecked } from './buildx.js'
import { indexAnnotations, type Settings } from '../inputs/parse.js'
import type { BakePlan, MatrixPlan, SinglePlan, SplitPlan } from '../inputs/plan.js'
import { callFlagValue } from '../inputs/call.js'
import { InputError, RegistryUnreachable } from '../errors.js'
import { createdIndex, mergeMismatch } from '../oci/merged-index.js'
import { parseManifestJson } from '../oci/manifests.js'
import { sha256Digest } from '../oci/digest.js'
import type { ImageIndex, ImageManifest } from '../oci/types.js'
import { registryReader } from '../registry/client.js'
import { classifyPushFailure, parseBuildError } from './build-error.js'
import { buildxCommandLine, relayOutput } from './log.js'
import {
  bakeResults,
  localDockerfile,
  mergeResult,
  platformResult,
  readJson,
  singleResult,
  str,
  type BuildResult,
  type PrintedTarget
} from './results.js'
import { isTransientRegistryError, withRetry } from '../registry/retry.js'
import { parseReference } from '../registry/reference.js'
import type { RunOptions } from '../process/exec.js'
import { bakeVarArgs } from '../inputs/bake-source.js'
import { bakeSite, grantFromDefinition } from './bake-source.js'
import { setWithoutCacheTo, withoutBakeCacheExports } from '../runner/isolation.js'

export interface BuildEnv {
  bx: Buildx
  ctx: BuildContext
  tempDir: string
  secretFiles: Map<string, string>
}

/** The wait before push attempt n + 1: 2 s, then twice as long each time, at most 30 s. */
export function pushBackoffMs(attempt: number): number {
  return Math.min(2000 * 2 ** (attempt - 1), 30_000)
}

/**
 * The settings a push attempt after the first builds with: the same build, from the cache the
 * first attempt filled. no-cache asked for a fresh build, and the first attempt made it; a retry
 * that ignored the cache would build again instead of pushing what was built.
 */
function fromCache(s: Settings): Settings {
  return { ...s, noCache: false, noCacheFilters: [] }
}

interface Attempted {
  code: number
  log: string
  /** the attempts made; more than one when a push failed with a transient registry error */
  attempts: number
}

/**
 * Runs a build (or bake) that pushes; when it failed only in its push, with a transient registry
 * error, runs it again: every step is a cache hit, so the retry exports and pushes what the first
 * attempt built. A registry pushes a multi-platform image child first (blobs, each platform's
 * manifest by digest, then the index by tag), so a failed attempt never leaves a tag on a partial
 * list, and another attempt puts the same complete one. A final error (401, 403, 404, a refused
 * manifest) or a failed build step returns at once.
 */
async function buildWithPushRetries(
  s: Settings,
  env: BuildEnv,
  what: string,
  argsFor: (settings: Settings) => string[],
  prefix: string,
  run: RunOptions = {}
): Promise<Attempted> {
  const attempts = s.pushRetries + 1
  const label = prefix ? `[${prefix}] ` : ''
  for (let attempt = 1; ; attempt++) {
    const args = argsFor(attempt === 1 ? s : fromCache(s))
    if (attempt > 1) core.info(`${label}push attempt ${attempt} of ${attempts}, from the build cache: ${buildxCommandLine(args)}`)
    else core.info(`${label}${buildxCommandLine(args)}`)
    const { code, log } = await streamed(env, args, prefix, run)
    if (code === 0) {
      if (attempt > 1) core.info(`${label}${what}: pushed on attempt ${attempt} of ${attempts}`)
      return { code, log, attempts: attempt }
    }
    const failure = classifyPushFailure(log)
    if (!failure) return { code, log, attempts: attempt }
    if (!failure.transient) {
      core.info(`${label}${what}: the registry refused the push (${failure.reason}); not retried`)
      return { code, log, attempts: attempt }
    }
    if (attempt >= attempts) {
      if (attempts > 1)
        core.warning(
          `${label}${what}: the push failed ${attempts} times with a transient registry error; giving up (push-retries: ${s.pushRetries})`
        )
      return { code, log, attempts: attempt }
    }
    const delay = pushBackoffMs(attempt)
    core.warning(
      `${label}${what}: push attempt ${attempt} of ${attempts} failed with a transient registry error (${failure.reason}); pushing again in ${delay / 1000} s from the build cache, without rebuilding`
    )
    await new Promise(r => setTimeout(r, delay))
  }
}

function attemptsNote(a: Attempted): string {
  return a.attempts > 1 ? ` (after ${a.attempts} push attempts)` : ''
}

/** dockerfile: the plan's (BuildPlan.dockerfile), where the error is located. */
function reportFailure(exitMessage: string, log: string, dockerfile: string, what: string, note = ''): never {
  const loc = parseBuildError(log, dockerfile)
  const lastError = log
    .split('\n')
    .reverse()
    .find(l => l.startsWith('ERROR: '))
  const message = lastError ? lastError.slice('ERROR: '.length) : exitMessage
  if (loc) core.error(`${what}: ${loc.message}`, { file: loc.file, startLine: loc.line, title: 'Build failed' })
  throw new Error(`${what} failed${loc ? ` at ${loc.file}:${loc.line}: ${loc.message}` : `: ${message}`}${note}`)
}

/** buildx writes the build's check warnings to the metadata file when asked (buildx >= 0.15). */
const WARNINGS_ENV = { BUILDX_METADATA_WARNINGS: '1' }

function streamed(env: BuildEnv, args: string[], prefix: string, run: RunOptions = {}): Promise<{ code: number; log: string }> {
  return relayOutput(prefix, onLine => runBuildx(env.bx, args, { ...run, onLine, env: { ...(run.env ?? process.env), ...WARNINGS_ENV } }))
}

/** What a `--call` request printed: its JSON on stdout, buildx's progress relayed to the log. */
export interface CallOutput {
  code: number
  /** the JSON buildx printed; undefined when it printed none (the request failed) */
  result: unknown
  log: string
  /** the folder buildx ran in: the answer's paths are relative to it */
  cwd: string
  /** the metadata file buildx wrote for the request ({} when it wrote none): bake's has each target */
  metadata: Record<string, unknown>
}

async function runCall(env: BuildEnv, args: string[], metadataFile: string, run: RunOptions = {}): Promise<CallOutput> {
  core.info(buildxCommandLine(args))
  let stdout = ''
  const { code, log } = await relayOutput('', onLine =>
    runBuildx(env.bx, args, {
      ...run,
      onLine: (line, stream) => {
        if (stream === 'stderr') onLine(line)
      }
    }).then(r => {
      stdout = r.stdout
      return r
    })
  )
  let result: unknown
  try {
    result = stdout.trim() ? JSON.parse(stdout) : undefined
  } catch {
    result = undefined
  }
  return { code, result, log, cwd: path.resolve(run.cwd ?? '.'), metadata: readJson(metadataFile) }
}

/** A single build's frontend request (check, outline, targets): nothing is built, pushed or loaded. */
export async function callBuild(plan: SinglePlan, env: BuildEnv): Promise<CallOutput> {
  const s = plan.settings
  const files = {
    metadataFile: path.join(env.tempDir, 'metadata.json'),
    iidFile: path.join(env.tempDir, 'iid.txt'),
    secretFiles: env.secretFiles
  }
  const out = await runCall(env, buildArgs(s, env.ctx, files, { call: callFlagValue(s.call) }), files.metadataFile)
  if (out.result === undefined && out.code !== 0)
    reportFailure(`buildx exited with code ${out.code}`, out.log, plan.dockerfile, s.call.name)
  return out
}

/**
 * Bake's frontend request for every target; bake prints one JSON object with each target's
 * result. files: the plan's bake files, or a matrix's generated one.
 */
export async function callBake(plan: BakePlan | MatrixPlan, files: string[], env: BuildEnv): Promise<CallOutput> {
  const s = plan.settings
  const req = { files, targets: plan.targets, set: plan.set, allow: plan.allow, fork: plan.fork }
  const { site, common } = await prepareBake(s, env, req)
  const args = bakeArgs(s, env.ctx, { ...common, call: callFlagValue(s.call) })
  const out = await runCall(env, args, common.metadataFile, site.run)
  if (out.result === undefined && out.code !== 0)
    reportFailure(`bake exited with code ${out.code}`, out.log, plan.dockerfile, `bake ${s.call.name}`)
  return out
}

export async function singleBuild(plan: SinglePlan, env: BuildEnv): Promise<BuildResult> {
  const s = plan.settings
  const metadataFile = path.join(env.tempDir, 'metadata.json')
  const iidFile = path.join(env.tempDir, 'iid.txt')
  const repo = s.pushByDigest ? plan.repository : ''
  const over = repo ? { tags: [], pushByDigest: { name: repo } } : {}
  const argsFor = (settings: Settings) => buildArgs(settings, env.ctx, { metadataFile, iidFile, secretFiles: env.secretFiles }, over)
  const a = await buildWithPushRetries(s, env, 'build', argsFor, '')
  if (a.code !== 0) reportFailure(`buildx exited with code ${a.code}`, a.log, plan.dockerfile, 'build', attemptsNote(a))
  return singleResult(s, plan.dockerfile, metadataFile, iidFile, Boolean(repo))
}

/** The bake files, targets, `--set` overrides and entitlements a plan asks for. */
interface BakeRequest {
  files: string[]
  targets: string[]
  set: string[]
  allow: string[]
  /** the run must not write shared caches (RunPlan.denyCacheExports): the definition's own cache-to is dropped */
  denyCacheExports?: string
  /** the fork an untrusted run came from (BuildPlan.fork): the definition gets only allow */
  fork?: string
}

/**
 * What a bake and a bake call share: where the definition comes from (source) and the folder and
 * environment the bake runs in, the definition as printed, and the entitlements it needs. Read
 * before the bake, never after: `bake --print` opens the definition's tar and OCI output
 * destinations and truncates them, so a print after the bake would empty what it just wrote.
 */
async function prepareBake(
  s: Settings,
  env: BuildEnv,
  { files, targets, set: given, allow, denyCacheExports = '', fork = '' }: BakeRequest
) {
  const userSet = denyCacheExports ? setWithoutCacheTo(given) : { set: given, dropped: 0 }
  const set = [...bakeSecretSets(s, env), ...userSet.set]
  const site = bakeSite(s, env.bx.version)
  const bakeFileArgs = site.files(files)
  const bakeTargets = site.targets(targets)
  const varArgs = bakeVarArgs(s.vars, env.bx.version)
  // the definition's own cache exports, as printed, replaced for a run that must not write them
  // (and printed again: nothing is granted for an export that no longer happens)
  const { printed, warning } = await withoutBakeCacheExports(
    await printBake(env, bakeFileArgs, bakeTargets, set, varArgs, site.run),
    denyCacheExports,
    userSet.dropped,
    set,
    () => printBake(env, bakeFileArgs, bakeTargets, set, varArgs, site.run),
    'bake'
  )
  if (warning) core.warning(warning)
  const granted = grantFromDefinition(printed, site.run.cwd, allow, env.bx.version, { fork, own: [...env.secretFiles.values()] })
  const metadataFile = path.join(env.tempDir, 'bake-metadata.json')
  return { site, printed, common: { files: bakeFileArgs, targets: bakeTargets, set, metadataFile, allow: granted, varArgs } }
}

/** Bake: one invocation for all targets, so shared stages build once. files: the plan's, or a matrix's generated one. */
export async function bake(plan: BakePlan | MatrixPlan, files: string[], env: BuildEnv): Promise<BuildResult[]> {
  const s = plan.settings
  const { targets, set, allow, denyCacheExports, fork } = plan
  const { site, printed, common } = await prepareBake(s, env, { files, targets, set, allow, denyCacheExports, fork })
  let pushOnceTargets: string[] | undefined
  if (s.push && daemonPushesTwice(env.ctx.caps)) {
    // Targets without outputs of their own get the push-once image output; a definition that
    // names outputs keeps buildx's --push (and its second push through the daemon).
    const names = Object.keys(printed)
    if (names.every(n => (printed[n]?.output ?? []).length === 0)) pushOnceTargets = names
    else core.info('bake targets name their own outputs: buildx pushes them, then has the engine push them again (buildx before 0.22)')
  }
  // A retry bakes every target again: all cache hits, and a target that was pushed already puts
  // the same blobs and manifests again, which the registry takes as they are.
  const argsFor = (settings: Settings) => bakeArgs(settings, env.ctx, { ...common, ...(pushOnceTargets ? { pushOnceTargets } : {}) })
  const a = await buildWithPushRetries(s, env, 'bake', argsFor, '', site.run)
  if (a.code !== 0) reportFailure(`bake exited with code ${a.code}`, a.log, plan.dockerfile, 'bake', attemptsNote(a))
  const all = readJson(common.metadataFile)
  // The printed Dockerfile paths are relative to the folder bake ran in.
  return bakeResults(s, all, printed, ['buildx.build.warnings']).map(r =>
    r.dockerfile ? { ...r, dockerfile: path.resolve(site.run.cwd, r.dockerfile) } : r
  )
}

/** The definition as `bake --print` resolves it (matrix, variables), without building. */
async function printBake(
  env: BuildEnv,
  files: string[],
  targets: string[],
  set: string[],
  varArgs: string[],
  run: RunOptions
): Promise<Record<string, PrintedTarget>> {
  const r = await runBuildxChecked(
    env.bx,
    bakePrintArgs(files, set, targets, varArgs),
    run,
    line => new InputError(files.length > 0 ? 'files' : 'targets', `bake cannot read the definition: ${line}`)
  )
  const parsed = JSON.parse(r.stdout) as { target?: Record<string, PrintedTarget> }
  return parsed.target ?? {}
}

/**
 * Each platform built on its own and pushed by digest (no tag); only when every one succeeded is
 * a manifest list created and tagged, so a failure never moves a tag.
 */
export async function splitBuild(plan: SplitPlan, env: BuildEnv): Promise<{ perPlatform: BuildResult[]; merged: BuildResult }> {
  const s = plan.settings
  const { repository: repo, platforms } = plan
  if (!repo) throw new InputError('tags', 'platform-split needs a tag to name the repository')
  const queue = [...platforms]
  const results = new Map<string, BuildResult>()
  const failures: string[] = []
  const worker = async () => {
    for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
      const platform = p
      const dir = path.join(env.tempDir, platform.replaceAll('/', '-'))
      mkdirSync(dir, { recursive: true })
      const metadataFile = path.join(dir, 'metadata.json')
      const iidFile = path.join(dir, 'iid.txt')
      const argsFor = (settings: Settings) =>
        buildArgs(
          settings,
          env.ctx,
          { metadataFile, iidFile, secretFiles: env.secretFiles },
          { platforms: [platform], tags: [], pushByDigest: { name: repo } }
        )
      const a = await buildWithPushRetries(s, env, 'build', argsFor, platform)
      if (a.code !== 0) {
        const loc = parseBuildError(a.log, plan.dockerfile)
        const pushed = classifyPushFailure(a.log)
        failures.push(
          `${platform}${loc ? ` (${loc.file}:${loc.line}: ${loc.message})` : pushed ? ` (${pushed.reason}${attemptsNote(a)})` : ` (buildx exited with code ${a.code})`}`
        )
        continue
      }
      const metadata = readJson(metadataFile)
      const node = str(metadata['buildx.build.ref']).split('/')[1]
      core.info(`[${platform}] pushed ${repo}@${str(metadata['containerimage.digest'])}${node ? `, built on node ${node}` : ''}`)
      results.set(platform, platformResult(s.target, platform, metadata))
    }
  }
  await Promise.all(Array.from({ length: Math.min(s.maxParallel, platforms.length) }, worker))
  if (failures.length > 0) {
    throw new Error(`platform build failed for ${failures.join('; ')}; no tag was created or moved`)
  }
  const perPlatform = platforms.map(p => results.get(p)).filter((r): r is BuildResult => r !== undefined)
  const merged = await mergeDigests(
    s.annotations,
    env,
    perPlatform.map(r => `${repo}@${r.digest}`),
    plan.tags
  )
  merged.target = s.target || 'default'
  merged.platforms = platforms
  const dockerfile = localDockerfile(s, plan.dockerfile)
  if (dockerfile) merged.dockerfile = dockerfile
  merged.buildWarnings = perPlatform.flatMap(r => r.buildWarnings ?? [])
  merged.builds = perPlatform.map(r => ({ target: r.target, metadata: r.metadata }))
  return { perPlatform, merged }
}

/**
 * Creates one manifest list from per-platform digests and applies the tags. The index is known
 * from its own bytes (a dry run prints exactly what the create pushes), checked to list exactly
 * the sources, and each tag is then checked to resolve to it: its digest is never read back from
 * a tag, so a registry that serves another index for the tag fails the step and nothing is signed.
 */
export async function mergeDigests(annotationInputs: string[], env: BuildEnv, sources: string[], tags: string[]): Promise<BuildResult> {
  const metadataFile = path.join(env.tempDir, 'merge-descriptor.json')
  const annotations = indexAnnotations(annotationInputs)
  const retried = (args: string[], what: string) => withRetry(() => runBuildxChecked(env.bx, args), what, 4, 500, isTransientRegistryError)
  const dry = await retried(imagetoolsCreateArgs(tags, sources, annotations, { dryRun: true }), 'imagetools create --dry-run')
  const created = createdIndex(dry.stdout)
  const mismatch = mergeMismatch(created, await Promise.all(sources.map(src => readByDigest(env.bx, src))))
  if (mismatch) throw new Error(`merge: ${mismatch}; nothing was tagged or signed`)
  const args = imagetoolsCreateArgs(tags, sources, annotations)
  core.info(buildxCommandLine(args))
  // The index is built client-side and put whole: a retry can only put the same complete index again.
  const r = await retried(args, 'imagetools create')
  core.info(r.stderr.trim())
  for (const tag of tags) {
    const served = await servedDigest(env.bx, tag)
    if (served !== created.digest)
      throw new Error(
        `merge: the registry says ${tag} resolves to ${served}, not the index this step created (${created.digest}): another index was pushed to the tag, or the registry does not serve what it was given; nothing is signed`
      )
  }
  core.info(`${tags.join(', ')}: ${created.digest}, the index this step created`)
  const descriptor = {
    mediaType: created.mediaType,
    digest: created.digest,
    size: Buffer.byteLength(dry.stdout) - (dry.stdout.endsWith('\n') ? 1 : 0)
  }
  writeFileSync(metadataFile, JSON.stringify(descriptor))
  return mergeResult(tags, descriptor)
}

/**
 * A manifest by `repository@digest`, checked against its digest: over the registry's HTTP API, or
 * through buildx imagetools where the HTTP read cannot authenticate (the bytes hashed here either way).
 */
async function readByDigest(bx: Buildx, ref: string): Promise<{ digest: string; doc: ImageIndex | ImageManifest }> {
  const parsed = parseReference(ref)
  if (!parsed?.digest) throw new Error(`merge: ${ref} names no digest`)
  let text: string
  try {
    text = await withRetry(
      () => registryReader(parsed.name).manifest(parsed.digest),
      `reading ${ref}`,
      4,
      500,
      e => !(e instanceof RegistryUnreachable) && isTransientRegistryError(e)
    )
  } catch (e) {
    if (!(e instanceof RegistryUnreachable)) throw e
    text = (await runBuildxChecked(bx, imagetoolsInspectArgs(ref, { raw: true }))).stdout
    if (sha256Digest(text) !== parsed.digest) throw new Error(`merge: ${ref} is served with digest ${sha256Digest(text)}`)
  }
  return { digest: parsed.digest, doc: parseManifestJson(text, ref) }
}

/** The digest of what the registry serves for a tag: sha256 of the bytes, read over HTTP (or buildx imagetools). */
async function servedDigest(bx: Buildx, tag: string): Promise<string> {
  const parsed = parseReference(tag)
  if (!parsed) throw new InputError('tags', `${tag} is not an image reference`)
  try {
    return await withRetry(
      () => registryReader(parsed.name).servedDigest(parsed.tag || 'latest'),
      `reading ${tag}`,
      4,
      500,
      e => !(e instanceof RegistryUnreachable) && isTransientRegistryError(e)
    )
  } catch (e) {
    if (!(e instanceof RegistryUnreachable)) throw e
    return sha256Digest((await runBuildxChecked(bx, imagetoolsInspectArgs(tag, { raw: true }))).stdout)
  }
}
