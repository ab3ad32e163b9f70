// Runs the planned builds through buildx and reads back what buildx says it built.
import * as core from '../runner/commands.js'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { bakeArgs, bakeSecretSets, buildArgs, enginePushesTwice, imagetoolsCreateArgs, type BuildContext } from './args.js'
import { type Buildx, buildxOrThrow, runBuildx } from './buildx.js'
import { lastOutputLine, type RunResult } from '../process/exec.js'
import { INDEX_ANNOTATION, type Settings } from '../inputs/parse.js'
import { CommandError, InputError } from '../errors.js'
import { parseBuildError } from './probe.js'
import { parseReference } from '../registry/reference.js'

/** What one target's build produced, as buildx reported it. */
export interface BuildResult {
  target: string
  tags: string[]
  platforms: string[]
  /** the metadata-file object for this target */
  metadata: Record<string, unknown>
  imageId: string
  digest: string
  pushed: boolean
  loaded: boolean
  /** exporter destinations (oci/docker/tar/local) from the outputs input */
  exports: Array<{ type: string; dest: string }>
}

export interface BuildEnv {
  bx: Buildx
  ctx: BuildContext
  tempDir: string
  secretFiles: Map<string, string>
}

export function readJson(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {}
  const text = readFileSync(file, 'utf8').trim()
  return text ? (JSON.parse(text) as Record<string, unknown>) : {}
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : ''
}

export function exportsOf(outputs: string[]): Array<{ type: string; dest: string }> {
  return outputs.flatMap(o => {
    if (!o.includes('=')) return [{ type: 'local', dest: o }]
    const fields = Object.fromEntries(o.split(',').map(f => [f.slice(0, f.indexOf('=')).trim(), f.slice(f.indexOf('=') + 1)]))
    return fields['dest'] ? [{ type: fields['type'] ?? '', dest: fields['dest'] }] : []
  })
}

export function loadsViaOutputs(outputs: string[]): boolean {
  return outputs.some(o => /(^|,)type=docker(,|$)/.test(o))
}

export function pushesViaOutputs(outputs: string[]): boolean {
  return outputs.some(o => /(^|,)type=registry(,|$)/.test(o) || (/(^|,)type=image(,|$)/.test(o) && /(^|,)push=true(,|$)/.test(o)))
}

function reportFailure(e: unknown, log: string, s: Settings, what: string): never {
  const loc = parseBuildError(log, s.file || path.join(s.context, 'Dockerfile'))
  const lastError = log
    .split('\n')
    .reverse()
    .find(l => l.startsWith('ERROR: '))
  const message = lastError ? lastError.slice('ERROR: '.length) : e instanceof CommandError ? e.message : String(e)
  if (loc) core.error(`${what}: ${loc.message}`, { file: loc.file, startLine: loc.line, title: 'Build failed' })
  throw new Error(`${what} failed${loc ? ` at ${loc.file}:${loc.line}: ${loc.message}` : `: ${message}`}`)
}

/**
 * Relays build output to the log. Buildx echoes input values and Dockerfile text in it, raw line
 * breaks included, and the runner reads any line that starts with `::` as a workflow command: an
 * unprefixed stream runs between ::stop-commands:: and its resume token, and a carriage return
 * (a line break to the runner) never starts a line of its own.
 */
export async function relayOutput(
  prefix: string,
  start: (onLine: (line: string) => void) => Promise<RunResult>,
  watch?: (line: string) => void
): Promise<{ code: number; log: string }> {
  const lines: string[] = []
  // (a token that reads as a command name, so translators of the log that skip unknown commands hide it too)
  const resume = prefix ? '' : `build-output-${randomUUID()}`
  if (resume) core.info(`::stop-commands::${resume}`)
  try {
    const r = await start(line => {
      lines.push(line)
      if (lines.length > 400) lines.shift()
      watch?.(line)
      for (const part of line.split('\r')) core.info(prefix ? `[${prefix}] ${part}` : part)
    })
    return { code: r.code, log: lines.join('\n') }
  } finally {
    if (resume) core.info(`::${resume}::`)
  }
}

function streamed(env: BuildEnv, args: string[], prefix: string): Promise<{ code: number; log: string }> {
  return relayOutput(prefix, onLine => runBuildx(env.bx, args, { onLine }))
}

export async function singleBuild(s: Settings, env: BuildEnv): Promise<BuildResult> {
  const metadataFile = path.join(env.tempDir, 'metadata.json')
  const iidFile = path.join(env.tempDir, 'iid.txt')
  const repo = s.pushByDigest ? parseReference(s.tags[0] ?? '')?.name : undefined
  const over = repo ? { tags: [], pushByDigest: { name: repo } } : {}
  const args = buildArgs(s, env.ctx, { metadataFile, iidFile, secretFiles: env.secretFiles }, over)
  core.info(`buildx ${args.slice(1).map(quoteForLog).join(' ')}`)
  const { code, log } = await streamed(env, args, '')
  if (code !== 0) reportFailure(`buildx exited with code ${code}`, log, s, 'build')
  return singleResult(s, metadataFile, iidFile, Boolean(repo))
}

/** The result of one build (buildx or depot), from the files it wrote. */
export function singleResult(s: Settings, metadataFile: string, iidFile: string, pushedByDigest: boolean): BuildResult {
  const metadata = readJson(metadataFile)
  return {
    target: s.target || 'default',
    tags: pushedByDigest ? [] : s.tags,
    platforms: s.platforms,
    metadata,
    imageId: existsSync(iidFile) ? readFileSync(iidFile, 'utf8').trim() : str(metadata['containerimage.config.digest']),
    digest: str(metadata['containerimage.digest']),
    pushed: s.push || pushesViaOutputs(s.outputs),
    loaded: s.load || loadsViaOutputs(s.outputs),
    exports: exportsOf(s.outputs)
  }
}

/** Bake: one invocation for all targets, so shared stages build once. */
export async function bake(
  s: Settings,
  env: BuildEnv,
  files: string[],
  targets: string[],
  userSet: string[],
  allow: string[]
): Promise<BuildResult[]> {
  const metadataFile = path.join(env.tempDir, 'bake-metadata.json')
  const set = [...bakeSecretSets(s, env), ...userSet]
  // Read before the bake, never after: `bake --print` opens the definition's tar and OCI output
  // destinations and truncates them, so a print after the bake would empty what it just wrote.
  const printed = await printBake(env, files, targets, set)
  let pushOnceTargets: string[] | undefined
  if (s.push && enginePushesTwice(env.ctx.caps)) {
    // Targets without outputs of their own get the push-once image output; a definition that
    // names outputs keeps buildx's --push (and its second push through the engine).
    const names = Object.keys(printed)
    if (names.every(n => (printed[n]?.output ?? []).length === 0)) pushOnceTargets = names
    else core.info('bake targets name their own outputs: buildx pushes them, then has the engine push them again (buildx before 0.22)')
  }
  const args = bakeArgs(s, env.ctx, { files, targets, set, metadataFile, allow, ...(pushOnceTargets ? { pushOnceTargets } : {}) })
  core.info(`buildx ${args.slice(1).map(quoteForLog).join(' ')}`)
  const { code, log } = await streamed(env, args, '')
  if (code !== 0) reportFailure(`bake exited with code ${code}`, log, s, 'bake')
  const all = readJson(metadataFile)
  return bakeResults(s, all, printed, ['buildx.build.warnings'])
}

/** One result per target of a bake metadata file, with what `bake --print` says of its outputs. */
export function bakeResults(
  s: Settings,
  all: Record<string, unknown>,
  printed: Record<string, PrintedTarget>,
  skipKeys: string[]
): BuildResult[] {
  return Object.entries(all)
    .filter(([k]) => !skipKeys.includes(k))
    .map(([target, value]) => {
      const metadata = (value ?? {}) as Record<string, unknown>
      const def = printed[target] ?? {}
      const outputs = (def.output ?? []).map(String)
      return {
        target,
        tags: str(metadata['image.name']) ? str(metadata['image.name']).split(',') : (def.tags ?? []),
        platforms: def.platforms ?? [],
        metadata,
        imageId: str(metadata['containerimage.config.digest']),
        digest: str(metadata['containerimage.digest']),
        pushed: s.push || pushesViaOutputs(outputs),
        loaded: s.load || loadsViaOutputs(outputs),
        exports: exportsOf(outputs)
      }
    })
}

export interface PrintedTarget {
  tags?: string[]
  platforms?: string[]
  output?: unknown[]
}

/** `bake --print` resolves the definition (matrix, variables) without building. */
export async function printBake(env: BuildEnv, files: string[], targets: string[], set: string[]): Promise<Record<string, PrintedTarget>> {
  const args = ['buildx', 'bake', ...files.flatMap(f => ['--file', f]), ...set.flatMap(v => ['--set', v]), '--print', '--', ...targets]
  const r = await runBuildx(env.bx, args)
  if (r.code !== 0) {
    throw new InputError(files.length > 0 ? 'files' : 'targets', `bake cannot read the definition: ${lastOutputLine(r)}`)
  }
  const parsed = JSON.parse(r.stdout) as { target?: Record<string, PrintedTarget> }
  return parsed.target ?? {}
}

/**
 * Each platform built on its own and pushed by digest (no tag); only when every one succeeded is
 * a manifest list created and tagged, so a failure never moves a tag.
 */
export async function splitBuild(s: Settings, env: BuildEnv): Promise<{ perPlatform: BuildResult[]; merged: BuildResult }> {
  const repo = parseReference(s.tags[0] ?? '')?.name
  if (!repo) throw new InputError('tags', 'platform-split needs a tag to name the repository')
  const queue = [...s.platforms]
  const results = new Map<string, BuildResult>()
  const failures: string[] = []
  const worker = async () => {
    for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
      const platform = p
      const dir = path.join(env.tempDir, platform.replaceAll('/', '-'))
      mkdirSync(dir, { recursive: true })
      const metadataFile = path.join(dir, 'metadata.json')
      const iidFile = path.join(dir, 'iid.txt')
      const args = buildArgs(
        s,
        env.ctx,
        { metadataFile, iidFile, secretFiles: env.secretFiles },
        { platforms: [platform], tags: [], pushByDigest: { name: repo } }
      )
      core.info(`[${platform}] buildx ${args.slice(1).map(quoteForLog).join(' ')}`)
      const { code, log } = await streamed(env, args, platform)
      if (code !== 0) {
        const loc = parseBuildError(log, s.file || path.join(s.context, 'Dockerfile'))
        failures.push(`${platform}${loc ? ` (${loc.file}:${loc.line}: ${loc.message})` : ` (buildx exited with code ${code})`}`)
        continue
      }
      const metadata = readJson(metadataFile)
      const node = str(metadata['buildx.build.ref']).split('/')[1]
      core.info(`[${platform}] pushed ${repo}@${str(metadata['containerimage.digest'])}${node ? `, built on node ${node}` : ''}`)
      results.set(platform, {
        target: `${s.target || 'default'}@${platform}`,
        tags: [],
        platforms: [platform],
        metadata,
        imageId: str(metadata['containerimage.config.digest']),
        digest: str(metadata['containerimage.digest']),
        pushed: true,
        loaded: false,
        exports: []
      })
    }
  }
  await Promise.all(Array.from({ length: Math.min(s.maxParallel, s.platforms.length) }, worker))
  if (failures.length > 0) {
    throw new Error(`platform build failed for ${failures.join('; ')}; no tag was created or moved`)
  }
  const perPlatform = s.platforms.map(p => results.get(p)).filter((r): r is BuildResult => r !== undefined)
  const merged = await mergeDigests(
    s,
    env,
    perPlatform.map(r => `${repo}@${r.digest}`),
    s.tags
  )
  merged.target = s.target || 'default'
  merged.platforms = s.platforms
  return { perPlatform, merged }
}

/** Creates one manifest list from per-platform digests and applies the tags. */
export async function mergeDigests(s: Settings, env: BuildEnv, sources: string[], tags: string[]): Promise<BuildResult> {
  const metadataFile = path.join(env.tempDir, 'merge-descriptor.json')
  const args = imagetoolsCreateArgs(
    tags,
    sources,
    s.annotations.filter(a => INDEX_ANNOTATION.test(a))
  )
  core.info(`buildx ${args.slice(1).map(quoteForLog).join(' ')}`)
  // The index is built client-side and put whole: a retry can only put the same complete index again.
  const r = await withRetry(() => buildxOrThrow(env.bx, args), 'imagetools create', 4, 500, isTransientRegistryError)
  core.info(r.stderr.trim())
  // imagetools create reports nothing machine-readable: read the digest back from the first tag.
  const inspectArgs = ['buildx', 'imagetools', 'inspect', tags[0] ?? '', '--format', '{{json .Manifest}}']
  const inspect = await withRetry(() => buildxOrThrow(env.bx, inspectArgs), 'imagetools inspect', 4, 500, isTransientRegistryError)
  const descriptor = JSON.parse(inspect.stdout) as { digest?: string; mediaType?: string }
  writeFileSync(metadataFile, JSON.stringify(descriptor))
  return {
    target: 'merge',
    tags,
    platforms: [],
    metadata: { 'containerimage.digest': descriptor.digest ?? '', 'containerimage.descriptor': descriptor, 'image.name': tags.join(',') },
    imageId: '',
    digest: descriptor.digest ?? '',
    pushed: true,
    loaded: false,
    exports: []
  }
}

/**
 * Retries an idempotent registry step with backoff, bounded in attempts (4 attempts wait 0.5 + 1 + 2 s
 * at most). Failures that `retryable` rejects are thrown at once.
 */
export async function withRetry<T>(
  fn: () => Promise<T>,
  what: string,
  attempts = 4,
  firstDelayMs = 500,
  retryable: (e: unknown) => boolean = () => true
): Promise<T> {
  let delay = firstDelayMs
  for (let i = 1; ; i++) {
    try {
      return await fn()
    } catch (e) {
      if (!retryable(e)) throw e
      if (i >= attempts) throw new Error(`${what} failed after ${attempts} attempts: ${(e as Error).message}`)
      core.warning(`${what} failed (attempt ${i} of ${attempts}), retrying in ${delay} ms: ${(e as Error).message}`)
      await new Promise(r => setTimeout(r, delay))
      delay *= 2
    }
  }
}

/** A registry failure another attempt may cure (5xx, 429, a dropped connection), not a missing or refused one. */
export function isTransientRegistryError(e: unknown): boolean {
  const message = e instanceof Error ? e.message : String(e)
  return !/\bnot found\b|manifest unknown|name unknown|blob unknown|unauthorized|denied|forbidden|invalid reference|\b40[0-4]\b/i.test(
    message
  )
}

/** Shows argv in the log the way a user would type it; never used to run anything. */
export function quoteForLog(a: string): string {
  if (/^[\w@%+=:,./-]+$/.test(a)) return a
  // A line break inside a value must not start a new log line: the runner reads `::command::` lines.
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(a))
    return `$'${a.replace(/[\\'\u0000-\u001f\u007f\u2028\u2029]/g, c => CONTROL_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}'`
  return `'${a.replaceAll("'", "'\\''")}'`
}

const CONTROL_ESCAPES: Record<string, string> = { '\\': '\\\\', "'": "\\'", '\n': '\\n', '\r': '\\r', '\t': '\\t' }

let eventCache: { path: string; event: unknown } | undefined

/** The webhook payload of the run (GITHUB_EVENT_PATH), read once; undefined when unreadable. */
export function githubEvent(): unknown {
  const eventPath = process.env['GITHUB_EVENT_PATH'] ?? ''
  if (eventCache?.path === eventPath) return eventCache.event
  let event: unknown
  try {
    event = eventPath ? (JSON.parse(readFileSync(eventPath, 'utf8')) as unknown) : undefined
  } catch {
    event = undefined // an unreadable event file only changes defaults (provenance mode, fork rule)
  }
  eventCache = { path: eventPath, event }
  return event
}

/** What the run says about provenance defaults: a public repository, and the run URL as builder id. */
export function githubContext(): { publicRepo: boolean; builderId: string } {
  const event = githubEvent() as { repository?: { private?: boolean } } | undefined
  const publicRepo = event?.repository?.private === false
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: runId } = process.env
  return { publicRepo, builderId: server && repo && runId ? `${server}/${repo}/actions/runs/${runId}` : '' }
}

/** `secrets` values go to private files for the build only (0600; removed right after it). */
export function writeSecretFiles(s: Settings, dir: string): Map<string, string> {
  const files = new Map<string, string>()
  for (const sec of s.secrets) {
    if (sec.kind !== 'value') continue
    const file = path.join(dir, `secret-${files.size}`)
    writeFileSync(file, sec.source, { mode: 0o600 })
    files.set(sec.id, file)
  }
  return files
}
