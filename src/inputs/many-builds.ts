// The inputs of many builds: bake files and targets, their source and variables, a matrix, and the
// digests a merge puts together; and which kinds of run refuse which inputs (the catalogue's
// refusedIn). Pure.
import { InputError } from '../errors.js'
import { DIGEST_RE, parseReference } from '../registry/reference.js'
import { INPUTS, type InputEntry, type RunKind } from './catalogue.js'
import { clip, parseKeyValues } from './lists.js'
import type { InputReader, Settings } from './settings.js'

const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** source (docker/bake-action) or workdir (depot/bake-action), vars and github-token. */
export function parseBakeSource(
  read: InputReader,
  list: (name: string, comma?: boolean) => string[]
): Pick<Settings, 'source' | 'sourceInput' | 'vars' | 'githubToken'> {
  const source = read('source').trim()
  const workdir = read('workdir').trim()
  if (source && workdir && source !== workdir)
    throw new InputError('workdir', "is depot/bake-action's name for a local source; give source or workdir, not both")
  if (/[\r\n]/.test(source)) throw new InputError('source', 'is one folder or one Git/HTTPS URL, not a list')
  const vars = parseKeyValues(list('vars'), 'vars')
  for (const [k] of vars) {
    if (!VAR_NAME.test(k)) throw new InputError('vars', `${JSON.stringify(clip(k))} is not a bake variable name (letters, digits, '_')`)
  }
  // An expression no runner evaluated (the CLI reads action.yml's `${{ github.token }}` default) is no token.
  const githubToken = read('github-token')
    .trim()
    .replace(/^\$\{\{.*\}\}$/, '')
  return {
    source: source || workdir,
    sourceInput: source ? 'source' : workdir ? 'workdir' : '',
    vars,
    githubToken
  }
}

/** One entry of digests or a digests-from file: sha256:<64 hex> or repository@sha256:<64 hex>. */
export function checkDigestEntry(entry: string, input: string, where: string): void {
  const at = entry.lastIndexOf('@')
  const digest = at >= 0 ? entry.slice(at + 1) : entry
  if (!DIGEST_RE.test(digest) || (at >= 0 && !parseReference(entry))) {
    throw new InputError(input, `${where} ${JSON.stringify(clip(entry))} is not sha256:<64 hex> or repository@sha256:<64 hex>`)
  }
}

/** An annotation a merged manifest list can carry: index-level, or with no level (index). */
export const INDEX_ANNOTATION = /^index:|^[^:=]+=/

/**
 * The annotations a merged manifest list gets, each with its level written out: `imagetools
 * create` of buildx 0.29 refuses one with no level ("" annotations are not supported yet), and
 * every buildx that merges takes `index:`.
 */
export function indexAnnotations(values: readonly string[]): string[] {
  return values.filter(a => INDEX_ANNOTATION.test(a)).map(a => (a.startsWith('index:') ? a : `index:${a}`))
}

export type BuildMode = RunKind

const MERGE_REFUSAL =
  'is not used in merge mode, which builds nothing: it puts one manifest list together from digests (digests, digests-from) and applies tags and index annotations'

/** Why a kind of run refuses an input: a bake definition owns it, merge mode builds nothing, or the row's own reason. */
function refusal(entry: InputEntry, kind: RunKind): string {
  if (kind === 'merge') return MERGE_REFUSAL
  if (kind === 'bake' && entry.bake)
    return `is for a single build or a matrix; with bake files (files, targets) each target's ${entry.bake.key} comes from the bake definition: set it there, or for every target with set: *.${entry.bake.key}=...`
  if (!entry.reason) throw new Error(`internal: ${entry.name} is refused in ${kind} runs without a reason`)
  return entry.reason
}

/**
 * Every input is either used by the mode at hand or refused with the reason (the catalogue's
 * refusedIn): an input that would be ignored is an error, before anything runs. `given` says
 * whether the workflow set it; the first refused input in the catalogue's order is named.
 */
export function checkModeInputs(mode: RunKind, given: (name: string) => boolean): void {
  for (const entry of INPUTS) {
    if (entry.refusedIn?.includes(mode) && given(entry.name)) throw new InputError(entry.name, refusal(entry, mode))
  }
}

/** A kind of run, as the refusal rules see it: which inputs go together, not yet the plan (planRun). */
function runKind(mode: Settings['mode'], hasMatrix: boolean, files: string[], targets: string[]): RunKind {
  return mode === 'merge' ? 'merge' : hasMatrix ? 'matrix' : files.length > 0 || targets.length > 0 ? 'bake' : 'build'
}

/**
 * files, targets, the bake source and its variables, beside a matrix; then the inputs the kind of
 * run refuses. A source or variables without files or targets is a bake of the definition's
 * default group.
 */
export function parseManyBuilds(
  read: InputReader,
  list: (name: string) => string[],
  at: { mode: Settings['mode']; hasMatrix: boolean; given: (name: string) => boolean }
): Pick<Settings, 'files' | 'targets' | 'source' | 'sourceInput' | 'vars' | 'githubToken'> {
  const { mode, hasMatrix } = at
  const files = list('files')
  const bakeSource = parseBakeSource(read, list)
  const targets = list('targets')
  for (const t of targets) {
    if (!/^[A-Za-z0-9_-]+$/.test(t)) throw new InputError('targets', `${JSON.stringify(clip(t))} is not a bake target name`)
  }
  if (hasMatrix && files.length > 0) throw new InputError('matrix', 'give a matrix or bake files, not both')
  if (hasMatrix && targets.length > 0)
    throw new InputError('targets', 'the matrix names its own targets (matrix-name); drop targets or the matrix')
  if (hasMatrix && bakeSource.sourceInput)
    throw new InputError(bakeSource.sourceInput, 'the matrix generates its own bake definition; give a matrix or a bake source, not both')
  if (hasMatrix && bakeSource.vars.length > 0) throw new InputError('vars', 'are bake variables; the matrix sets build args (build-args)')
  if (mode !== 'merge' && !hasMatrix && files.length === 0 && targets.length === 0 && (bakeSource.source || bakeSource.vars.length > 0))
    targets.push('default')
  checkModeInputs(runKind(mode, hasMatrix, files, targets), at.given)
  return { files, targets, ...bakeSource }
}

/** max-parallel: how many matrix targets build at once. */
export function parseMaxParallel(read: InputReader): number {
  const maxParallelRaw = read('max-parallel').trim() || '4'
  if (!/^\d+$/.test(maxParallelRaw) || Number(maxParallelRaw) < 1 || Number(maxParallelRaw) > 64) {
    throw new InputError('max-parallel', `expected a whole number from 1 to 64, got ${JSON.stringify(clip(maxParallelRaw))}`)
  }
  return Number(maxParallelRaw)
}

/** digests and digests-from: what merge mode puts together, read in merge mode only. */
export function parseMergeSources(
  list: (name: string) => string[],
  at: { mode: Settings['mode']; tags: string[] }
): Pick<Settings, 'digests' | 'digestsFrom'> {
  const digests = list('digests')
  digests.forEach((d, i) => checkDigestEntry(d, 'digests', `entry ${i + 1}`))
  const digestsFrom = list('digests-from')
  if (at.mode === 'merge') {
    if (digests.length === 0 && digestsFrom.length === 0)
      throw new InputError('digests', 'merge mode needs the digests to merge (digests or digests-from)')
    if (at.tags.length === 0) throw new InputError('tags', 'merge mode needs at least one tag to apply to the merged manifest list')
    const notIndex = list('annotations').find(a => !INDEX_ANNOTATION.test(a))
    if (notIndex !== undefined)
      throw new InputError(
        'annotations',
        `merge mode annotates the manifest list only; ${JSON.stringify(clip(notIndex))} is not key=value or index:key=value`
      )
  } else if (digests.length > 0 || digestsFrom.length > 0) {
    throw new InputError('digests', 'digests are only read in merge mode (mode: merge)')
  }
  return { digests, digestsFrom }
}

/** platform-split: one single build, its platforms pushed by digest on their own and merged. */
export function parsePlatformSplit(
  bool: (name: string, dflt: boolean) => boolean,
  s: Pick<Settings, 'platforms' | 'push' | 'load' | 'tags' | 'files' | 'targets'> & { hasMatrix: boolean }
): boolean {
  const platformSplit = bool('platform-split', false)
  if (platformSplit && s.platforms.length < 2) throw new InputError('platform-split', 'needs at least two platforms')
  if (platformSplit && !s.push) throw new InputError('platform-split', 'pushes each platform by digest, so it needs push: true')
  if (platformSplit && (s.files.length > 0 || s.targets.length > 0 || s.hasMatrix))
    throw new InputError(
      'platform-split',
      'works on a single build; bake files and matrix targets build all their platforms in one invocation'
    )
  if (platformSplit && s.load) throw new InputError('platform-split', 'pushes by digest and cannot load; drop load')
  if (platformSplit && s.tags.length === 0)
    throw new InputError('tags', 'platform-split needs at least one tag for the merged manifest list')
  return platformSplit
}
