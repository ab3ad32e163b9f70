// Which builder a build runs on when the inputs name none, decided from probed facts. Pure.
//
// docker/build-push-action builds on the builder the job already chose (an earlier
// setup-buildx-action step makes its builder current); with none chosen, that is the daemon's own
// builder (driver docker). The daemon's builder cannot build everything: a request it cannot
// build gets a docker-container builder of its own, made as setup-buildx-action makes one.
import { parseCsvFields } from '../inputs/lists.js'
import type { Settings } from '../inputs/parse.js'

/** The name of a builder the action makes for one run, which post removes: build-image-<hex>. */
export function newBuilderName(random: () => number = Math.random): string {
  return `build-image-${random().toString(16).slice(2, 10)}`
}

/** What setup-buildx-action gives a builder's BuildKit when its buildkitd-flags input is empty. */
export const DEFAULT_BUILDKITD_FLAGS = '--allow-insecure-entitlement security.insecure --allow-insecure-entitlement network.host'

/** The drivers whose builders run a buildkitd of their own that takes flags. */
export function takesBuildkitdFlags(driver: string): boolean {
  return driver === 'docker-container' || driver === 'kubernetes'
}

/** The buildkitd flags a new builder gets: the user's, else setup-buildx-action's defaults. */
export function buildkitdFlagsFor(driver: string, given: string): string {
  return given || (takesBuildkitdFlags(driver) ? DEFAULT_BUILDKITD_FLAGS : '')
}

export type BuildRequest = Pick<Settings, 'platforms' | 'cacheTo' | 'pushByDigest' | 'platformSplit' | 'load'>

/**
 * Why the daemon's own builder (driver docker) cannot build this request, or undefined when it
 * can. `containerdStore`: the daemon keeps images in containerd (probed).
 */
export function dockerDriverCannot(s: BuildRequest, containerdStore: boolean): string | undefined {
  if (s.pushByDigest || s.platformSplit) return 'the docker driver cannot push by digest'
  if (containerdStore) return undefined
  // No builder loads several platforms into the classic store: the capability check refuses that.
  if (s.platforms.length > 1 && s.load) return undefined
  if (s.platforms.length > 1) return `the docker driver cannot build ${s.platforms.length} platforms on the engine's classic image store`
  const other = s.cacheTo.map(c => (c.includes('=') ? (parseCsvFields(c, 'cache-to')['type'] ?? '') : 'registry')).find(t => t !== 'inline')
  return other === undefined
    ? undefined
    : `the docker driver exports only inline cache on the engine's classic image store (cache-to type=${other})`
}

/** The builder the job already chose: BUILDX_BUILDER, else buildx's current one. */
export interface CurrentBuilder {
  name: string
  driver: string
}

export interface BuilderFacts {
  /** the builder and driver inputs were given: the inputs decide, nothing is chosen here */
  builderGiven: boolean
  driverGiven: boolean
  /** the current builder; undefined when it is the daemon's own (nothing else was chosen) */
  current: CurrentBuilder | undefined
  /** why the daemon's builder cannot build this request (dockerDriverCannot), if it cannot */
  daemonBuilderCannot: string | undefined
}

export type BuilderChoice =
  /** as the inputs say (a named builder, or the driver input) */
  | { use: 'inputs' }
  /** the daemon's own builder */
  | { use: 'daemon' }
  /** the current builder, by name */
  | { use: 'current'; name: string }
  /** a docker-container builder of this step's own, removed in post */
  | { use: 'automatic'; reason: string }

export function chooseBuilder(f: BuilderFacts): BuilderChoice {
  if (f.builderGiven || f.driverGiven) return { use: 'inputs' }
  if (f.current && f.current.driver !== 'docker') return { use: 'current', name: f.current.name }
  if (f.daemonBuilderCannot) return { use: 'automatic', reason: f.daemonBuilderCannot }
  return f.current ? { use: 'current', name: f.current.name } : { use: 'daemon' }
}
