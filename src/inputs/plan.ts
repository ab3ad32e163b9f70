// Settings -> the one plan of a run: which kind of build it is and what that build needs, made once
// before anything is set up. Pure: the facts it depends on (the working directory, the fork of a
// pull request, the builder-scope environment, the text of digests-from files) come in as data.
import path from 'node:path'
import { baseAnnotationArgs, type ResolvedBase } from '../oci/annotations.js'
import { parseReference } from '../registry/reference.js'
import { cacheToForRun, scopedBuilderName, type ScopeEnv } from '../runner/isolation.js'
import { expandMatrix, matrixToBake, parseMatrix, type BakeDefinition, type BakeTarget, type Combination } from './matrix.js'
import { checkDigestEntry } from './many-builds.js'
import { dockerfilePath, type Settings } from './settings.js'
import { isRemoteContext } from './run-env.js'
import { sshEntitlements } from './ssh.js'
import { INPUTS } from './catalogue.js'

export type PlanKind = 'single' | 'split' | 'bake' | 'matrix' | 'merge'

/** What planning needs to know of the machine, read by the caller. */
export interface RunFacts {
  /** relative paths in a generated bake definition are resolved against it */
  cwd: string
  /** the fork a pull request came from; '' when the run is not from a fork */
  fork: string
  scopeEnv: ScopeEnv
  /** each digests-from file with its text, in the order given */
  digestFiles: ReadonlyArray<{ readonly file: string; readonly text: string }>
}

interface PlanCommon {
  /**
   * The settings the build runs with: the parsed ones, except cache-to, which is the run's own
   * (the fork rule may drop shared cache exports). The parsed object itself is never changed.
   */
  readonly settings: Settings
  readonly tags: string[]
  /**
   * The fork a run came from when it must not write shared caches (the fork rule, and no
   * allow-fork-cache-write); '' when it may. A bake's own definition is checked against it once
   * printed (bakeCacheToOverrides).
   */
  readonly denyCacheExports: string
  /**
   * The fork an untrusted run came from (the fork rule, forkOf); '' on a trusted run. A bake
   * definition then gets only the entitlements allow grants, whatever allow-fork-cache-write says.
   */
  readonly fork: string
  /** the persistent builder of builder-scope; undefined: no scope */
  readonly scopedBuilder: string | undefined
  /**
   * the repository of the first tag ('' without one): a platform-split or push-by-digest build
   * pushes to it by digest, and a merge takes bare digests from it
   */
  readonly repository: string
  /**
   * the Dockerfile of the file and context inputs: what a single or platform-split build reads,
   * and where a failed build's error is located
   */
  readonly dockerfile: string
  /** to be said once the plan is made */
  readonly warnings: string[]
  /** base-annotations: resolve the final stage's base before the build (single and split builds) */
  readonly resolveBase: boolean
  /** which reports to read after the build */
  readonly reports: {
    /** add the Dockerfile's final base image to the report (a build from one Dockerfile) */
    readonly dockerfileBase: boolean
  }
}

export interface SinglePlan extends PlanCommon {
  readonly kind: 'single'
}

export interface SplitPlan extends PlanCommon {
  readonly kind: 'split'
  readonly platforms: string[]
}

export interface BakePlan extends PlanCommon {
  readonly kind: 'bake'
  readonly files: string[]
  readonly targets: string[]
  readonly set: string[]
  readonly allow: string[]
}

export interface MatrixPlan extends PlanCommon {
  readonly kind: 'matrix'
  readonly combinations: readonly Combination[]
  /** the bake definition generated from the matrix: one target per combination */
  readonly definition: BakeDefinition
  readonly targets: string[]
  readonly set: string[]
  /** the user's entitlements, plus reading the context and ssh keys the definition names by path */
  readonly allow: string[]
}

export interface MergePlan extends PlanCommon {
  readonly kind: 'merge'
  /** repository@digest of each manifest to merge: digests, then the lines of digests-from files */
  readonly sources: string[]
}

export type BuildPlan = SinglePlan | SplitPlan | BakePlan | MatrixPlan | MergePlan

/** Every check on the inputs that needs no machine runs here, so bad input fails before set-up. */
export function planRun(parsed: Settings, facts: RunFacts): BuildPlan {
  const cache = cacheToForRun(parsed.cacheTo, facts.fork, parsed.allowForkCacheWrite)
  const settings: Settings = { ...parsed, cacheTo: cache.cacheTo }
  // the fork a run came from when it must not write shared caches: the fork rule's one decision
  const denyCacheExports = parsed.allowForkCacheWrite ? '' : facts.fork
  const kind = kindOf(parsed)
  const buildsOneDockerfile = kind === 'single' || kind === 'split'
  const repository = parseReference(parsed.tags[0] ?? '')?.name ?? ''
  const common: PlanCommon = {
    settings,
    tags: parsed.tags,
    denyCacheExports,
    fork: facts.fork,
    scopedBuilder: scopedBuilderName(parsed.builderScope, facts.scopeEnv, denyCacheExports),
    repository,
    dockerfile: dockerfilePath(parsed),
    warnings: [...parsed.secretWarnings, ...(cache.warning ? [cache.warning] : [])],
    resolveBase: parsed.baseAnnotations && buildsOneDockerfile,
    reports: { dockerfileBase: buildsOneDockerfile }
  }
  switch (kind) {
    case 'merge':
      return { ...common, kind, sources: mergeSources(parsed, repository, facts) }
    case 'matrix':
      return { ...common, kind, ...matrixBake(settings, facts.cwd) }
    case 'bake':
      return { ...common, kind, files: parsed.files, targets: parsed.targets, set: parsed.set, allow: parsed.allow }
    case 'split':
      return { ...common, kind, platforms: parsed.platforms }
    case 'single':
      return { ...common, kind }
  }
}

function kindOf(s: Settings): PlanKind {
  if (s.mode === 'merge') return 'merge'
  if (s.matrix.trim()) return 'matrix'
  if (s.files.length > 0 || s.targets.length > 0) return 'bake'
  return s.platformSplit ? 'split' : 'single'
}

function mergeSources(s: Settings, repository: string, facts: RunFacts): string[] {
  const fromFiles = facts.digestFiles.flatMap(({ file, text }) =>
    text.split(/\r?\n/).flatMap((raw, i) => {
      const line = raw.trim()
      if (!line) return []
      checkDigestEntry(line, 'digests-from', `${file} line ${i + 1}:`)
      return [line]
    })
  )
  return [...s.digests, ...fromFiles].map(d => (d.includes('@') ? d : `${repository}@${d}`))
}

/** key=value entries (as parseInputs keeps labels and build contexts) as a bake map. */
function keyValueRecord(entries: string[]): Record<string, string> {
  return Object.fromEntries(entries.map(e => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]))
}

/**
 * The target every combination starts from: each input a bake definition owns, under the field the
 * catalogue names, when given. The tags are the templates each combination renders (matrixToBake).
 */
function matrixBaseTarget(s: Settings, remote: boolean, resolve: (p: string) => string): BakeTarget {
  const base: Record<string, unknown> = {}
  for (const { name, setting, bake } of INPUTS) {
    if (!bake?.field || !setting || name === 'tags') continue
    const value = s[setting]
    // a Git context is fetched by BuildKit, and its Dockerfile path is inside it
    if (name === 'context') base[bake.field] = remote ? s.context : resolve(s.context)
    else if (name === 'file') {
      if (s.file) base[bake.field] = remote ? s.file : resolve(s.file)
    } else if (name === 'build-args') base[bake.field] = Object.fromEntries(s.buildArgs)
    else if (Array.isArray(value)) {
      // labels.NAME, contexts.NAME: key=value entries become the target's map
      if (value.length > 0) base[bake.field] = bake.key.endsWith('.NAME') ? keyValueRecord(value as string[]) : value
    } else if (value) base[bake.field] = value
  }
  return base as BakeTarget
}

/** The matrix, parsed once, and the bake definition with one target per combination. */
function matrixBake(s: Settings, cwd: string): Pick<MatrixPlan, 'combinations' | 'definition' | 'targets' | 'set' | 'allow'> {
  const combinations = expandMatrix(parseMatrix(s.matrix))
  const resolve = (p: string) => path.resolve(cwd, p)
  const remote = isRemoteContext(s.context)
  const base = matrixBaseTarget(s, remote, resolve)
  const definition = matrixToBake(combinations, base, { tagTemplates: s.tags, ...(s.matrixName ? { nameTemplate: s.matrixName } : {}) })
  // The definition names the context by absolute path: bake must be allowed to read it.
  const allow = [...s.allow, ...(remote ? [] : [`fs.read=${resolve(s.context)}`]), ...sshEntitlements(s.ssh, resolve)]
  return { combinations, definition, targets: Object.keys(definition.target), set: s.set, allow }
}

/** The plan with the base image's annotations added to what the build annotates (base-annotations). */
export function withBaseAnnotations<P extends BuildPlan>(plan: P, base: ResolvedBase): P {
  const s = plan.settings
  return { ...plan, settings: { ...s, annotations: [...s.annotations, ...baseAnnotationArgs(base, s.platforms)] } }
}

/** Outputs shaped like docker/build-push-action's (imageid, digest, metadata of one build), not a bake's. */
export function buildsOneImage(plan: BuildPlan): boolean {
  return plan.kind !== 'bake' && plan.kind !== 'matrix'
}
