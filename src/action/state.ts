// The one typed object carried from main to post (through GITHUB_STATE). Never holds secrets.
import * as core from '../runner/commands.js'
import type { ImageReport } from '../oci/types.js'
import type { TargetWarnings } from '../buildx/warnings.js'
import type { RecordsSummaryInput } from '../report/records-summary.js'
import type { Signature } from '../sign/plan.js'
import type { TargetChanges } from '../report/changes.js'
import type { RecordRef } from '../buildx/records.js'
import type { Buildx } from '../buildx/buildx.js'
import { buildToolRunner, processRunner } from '../process/exec.js'

export interface State {
  /** set as soon as main starts, so post knows it is a post step */
  started: boolean
  tempDir: string
  /** buildx command to clean up with */
  buildxCmd: string
  buildxPrefix: string[]
  buildxVersion: string
  builder: string
  driver: string
  /** main created the builder: post removes it unless keepBuilder */
  builderCreated: boolean
  /** why main made a builder of its own for a request the Docker daemon's builder cannot build */
  builderReason: string
  keepBuilder: boolean
  engine: string
  engineReason: string
  summary: boolean
  reports: ImageReport[]
  /** the build check warnings of each target (every build, or call: check) */
  checkWarnings: TargetWarnings[]
  /** the build records main exported and post uploads (see action/records.ts) */
  records: RecordsState
  /** the call input's request when it was not build, and the JSON buildx answered */
  call: string
  callResult: string
  error: string
  /** the input an InputError named: the CLI exits 2 (bad input) rather than 1 (failed build) */
  errorInput: string
  durationMs: number
  /** post logs out of loginRegistries */
  logout: boolean
  /** the docker CLI main found on PATH before any build ran ('' if none): post logs out with it */
  dockerCmd: string
  /** what main signed (references by digest and verify commands; no key, password or token) */
  signatures: Signature[]
  /** who signed, in words (the key's public half, or the certificate's identity) */
  signer: string
  /**
   * every registry main logs in to (login and registry-auth; '' is Docker Hub), each recorded
   * before its `docker login` runs, so post logs out of it also when main failed or was cancelled
   */
  loginRegistries: string[]
  /** compare-with: what changed against the compared image, per target (post's summary section) */
  changes: TargetChanges[]
}

export interface RecordsState extends RecordsSummaryInput {
  files: Array<{ target: string; ref: string; path: string }>
  /** the one file post uploads: the only record, or every build's records in one file */
  uploadFile: string
  /** post uploads uploadFile (build-record-upload and DOCKER_BUILD_RECORD_UPLOAD) */
  upload: boolean
  /** DOCKER_BUILD_RECORD_RETENTION_DAYS; 0: the repository's default */
  retentionDays: number
  /** the records main left for post to export (a step without an id: see action/records.ts) */
  deferred?: { refs: RecordRef[]; defaultPlatform: string }
}

export function emptyRecords(): RecordsState {
  return { files: [], uploadFile: '', upload: false, retentionDays: 0, unsupported: '', exportError: '', artifact: null, uploadNote: '' }
}

const KEY = 'build-image-action'

export function emptyState(): State {
  return {
    started: true,
    tempDir: '',
    buildxCmd: '',
    dockerCmd: '',
    buildxPrefix: [],
    buildxVersion: '',
    builder: '',
    driver: '',
    builderCreated: false,
    builderReason: '',
    keepBuilder: false,
    engine: '',
    engineReason: '',
    summary: true,
    reports: [],
    checkWarnings: [],
    records: emptyRecords(),
    call: '',
    callResult: '',
    error: '',
    errorInput: '',
    durationMs: 0,
    logout: true,
    signatures: [],
    signer: '',
    loginRegistries: [],
    changes: []
  }
}

/** Saves the whole state; called again each time a resource exists, so post can clean up after a partial failure. */
export function saveState(s: State): void {
  core.saveState(KEY, JSON.stringify(s))
}

export function loadState(): State | undefined {
  const raw = core.getState(KEY)
  if (!raw) return undefined
  try {
    return { ...emptyState(), ...(JSON.parse(raw) as Partial<State>) }
  } catch {
    return undefined
  }
}

/** The buildx main set up, as post runs it again (to export records, to remove the builder). */
export function savedBuildx(s: State): Buildx {
  return { cmd: s.buildxCmd, prefix: s.buildxPrefix, version: s.buildxVersion, runner: buildToolRunner(processRunner) }
}
