// Settings: what a run of the action is asked to do, parsed and validated from its inputs (parse.ts
// and the section parsers beside it); every later step reads it, never the inputs. Pure.
import path from 'node:path'
import type { RegistryLogin } from '../docker/login.js'
import type { BuilderScope } from '../runner/isolation.js'
import type { CallRequest } from './call.js'
import type { CompareSettings } from './compare.js'
import type { SignSettings } from './sign.js'
import { isRemoteContext, remoteDockerfile } from './run-env.js'

export type Driver = 'docker' | 'docker-container' | 'remote' | 'kubernetes'
export type Engine = 'auto' | 'buildx' | 'depot'
export type Mode = 'build' | 'merge'

export interface Secret {
  id: string
  kind: 'value' | 'file' | 'env'
  /** the secret itself (kind value), a path (file) or an env var name (env) */
  source: string
}

export interface Settings {
  readonly mode: Mode
  readonly engine: Engine

  // setup
  readonly buildxVersion: string
  readonly buildxDownloadUrl: string
  /** sha256 pinned for the downloaded buildx binary ('' when the release's checksums file decides) */
  readonly buildxSha256: string
  readonly builder: string
  readonly driver: Driver
  /** the driver input was given; without it (and builder) the job's current builder is used */
  readonly driverGiven: boolean
  readonly driverOpts: string[]
  readonly buildkitdConfig: string
  readonly buildkitdConfigInline: string
  readonly buildkitdFlags: string
  readonly endpoint: string
  readonly builderPlatforms: string[]
  readonly keepBuilder: boolean
  /** a persistent builder named from a hash of this scope (none: a throwaway builder) */
  readonly builderScope: BuilderScope
  /** a pull request from a fork may still export cache (cache-to) */
  readonly allowForkCacheWrite: boolean

  // one build (docker/build-push-action names)
  /** the context given, `{{defaultContext}}` expanded; else the run's Git context; else '.' */
  readonly context: string
  /** the run's Git context (docker's `{{defaultContext}}`); '' outside a workflow run */
  readonly defaultContext: string
  readonly file: string
  readonly tags: string[]
  readonly labels: string[]
  readonly annotations: string[]
  readonly buildArgs: Array<[string, string]>
  readonly buildContexts: string[]
  readonly secrets: Secret[]
  /** secrets entries skipped, said as warnings (named by number: an entry may be the secret itself) */
  readonly secretWarnings: string[]
  readonly platforms: string[]
  readonly target: string
  readonly push: boolean
  /** push untagged, by digest, to the tags' repository (a per-platform job before a merge job) */
  readonly pushByDigest: boolean
  readonly load: boolean
  readonly outputs: string[]
  readonly cacheFrom: string[]
  readonly cacheTo: string[]
  readonly provenance: string
  readonly sbom: string
  /** buildx --attest values; a type here replaces the provenance/sbom default */
  readonly attests: string[]
  readonly noCache: boolean
  readonly noCacheFilters: string[]
  readonly ssh: string[]
  readonly cgroupParent: string
  readonly pull: boolean
  readonly network: string
  readonly shmSize: string
  readonly ulimit: string[]
  readonly addHosts: string[]
  readonly allow: string[]

  // many builds
  readonly files: string[]
  readonly targets: string[]
  readonly set: string[]
  readonly matrix: string
  readonly matrixName: string
  /** where the bake reads its definition: a folder or a remote Git/HTTPS context ('' : see bake-source.ts) */
  readonly source: string
  /** the input that gave the source: source, or depot/bake-action's workdir */
  readonly sourceInput: 'source' | 'workdir' | ''
  /** bake variables (buildx --var, or the bake's environment before buildx 0.31) */
  readonly vars: Array<[string, string]>
  /**
   * github-token: fetches a remote bake definition (BUILDX_BAKE_GIT_AUTH_TOKEN), and reaches a
   * build of the run's Git context as the GIT_AUTH_TOKEN.<host> secret (in `secrets`); never
   * logged, stored or put in argv
   */
  readonly githubToken: string
  readonly platformSplit: boolean
  readonly maxParallel: number
  readonly digests: string[]
  readonly digestsFrom: string[]

  // reporting
  readonly baseAnnotations: boolean
  /** the summary input, and docker's DOCKER_BUILD_SUMMARY switch */
  readonly summary: boolean
  /** the frontend request (call input): build, or check, outline, targets, which build nothing */
  readonly call: CallRequest
  /** BUILDX_NO_DEFAULT_ATTESTATIONS: no provenance unless the inputs ask for it */
  readonly noDefaultAttestations: boolean
  /** the build-record-upload input, and docker's DOCKER_BUILD_RECORD_UPLOAD switch */
  readonly buildRecordUpload: boolean
  /** DOCKER_BUILD_RECORD_RETENTION_DAYS (0: the repository's default) */
  readonly buildRecordRetentionDays: number

  // Depot (engine: depot, or auto when Depot is configured)
  readonly depotProject: string
  /** never logged, stored or put in argv: it reaches the CLI only through its environment */
  readonly depotToken: string
  readonly depotVersion: string
  readonly depotDownloadUrl: string
  /** sha256 of the release archive, pinned by the user (lowercase hex) */
  readonly depotSha256: string
  readonly depotFallback: boolean
  readonly depotBuildPlatform: string
  readonly depotSave: boolean
  /** depot --save-tag (save-tag, save-tags) */
  readonly depotSaveTags: string[]
  /** depot --lint, and --lint-fail-on when given */
  readonly depotLint: boolean
  readonly depotLintFailOn: string
  /** depot --sbom-dir */
  readonly depotSbomDir: string
  /** Depot-only inputs the workflow gave: they make the engine choice Depot or an error, never a silent buildx */
  readonly depotInputs: string[]

  // registry login (docker/login-action)
  /** null: no login; the docker config's existing logins are used */
  readonly login: RegistryLogin | null
  readonly logout: boolean
  /** registry-auth: more logins, each to another registry (none is the login input's) */
  readonly registryAuth: RegistryLogin[]
  /** push-retries: how often a push that failed with a transient registry error is pushed again (0: never) */
  readonly pushRetries: number

  // signing what is pushed (docker/github-builder's sign)
  readonly sign: SignSettings

  /** compare-with and max-size-increase (inputs/compare.ts) */
  readonly compare: CompareSettings
}

// the login the docker CLI performs; declared there, below the inputs
export type { RegistryLogin }

export type InputReader = (name: string) => string

/** Checks that need to know the machine (engine image store, buildx version), but still pure. */
export interface Capabilities {
  buildxVersion: string
  /** the engine stores images in containerd (can hold manifest lists) */
  containerdStore: boolean
  /** buildx can read a build record's attachments (buildx >= 0.23) */
  historyAttachments: boolean
  driver: Driver
}

/** The Dockerfile a single build reads: the file input, or Dockerfile in the context. */
export function dockerfilePath(s: Pick<Settings, 'file' | 'context'>): string {
  if (isRemoteContext(s.context)) return remoteDockerfile(s.context, s.file)
  return s.file || path.join(s.context, 'Dockerfile')
}
