// settings -> argv and environment for the depot CLI (`depot build`, `depot bake`), and reading
// what the CLI reports back. Pure. The inputs mean what they mean for buildx; the Depot token is
// not a parameter of any argv builder here, so it cannot end up in a command line: it reaches the
// CLI only through depotEnv (DEPOT_TOKEN).
import { attestsType, bakeOutputFlags, bakePrintArgs, buildFlags, repeat } from '../buildx/args.js'
import type { Settings } from '../inputs/parse.js'

export interface DepotContext {
  project: string
  /** the repository is public: provenance defaults to mode=max, as for buildx */
  publicRepo: boolean
  /** e.g. https://github.com/o/r/actions/runs/1 ; recorded as the provenance builder id */
  builderId: string
}

export interface DepotBuildFiles {
  metadataFile: string
  iidFile: string
  /** secret id -> path of a temporary file holding a `secrets` value */
  secretFiles: Map<string, string>
}

function writesToDocker(s: Pick<Settings, 'load' | 'outputs'>): boolean {
  return s.load || s.outputs.some(o => /(^|,)type=docker(,|$)/.test(o))
}

/** Provenance: the user's value, else mode=min (max for public repositories) unless the image goes to the docker store. */
export function depotProvenance(s: Pick<Settings, 'provenance' | 'attests' | 'load' | 'outputs'>, ctx: DepotContext): string | undefined {
  if (s.provenance !== '') return s.provenance
  if (attestsType(s, 'provenance') || writesToDocker(s)) return undefined
  const mode = ctx.publicRepo ? 'max' : 'min'
  return ctx.builderId ? `mode=${mode},builder-id=${ctx.builderId}` : `mode=${mode}`
}

/** Flags only Depot has: which project, where it builds, whether it saves to Depot's registry. */
function depotOwnArgs(
  s: Pick<Settings, 'depotBuildPlatform' | 'depotSave' | 'depotSaveTags' | 'depotLint' | 'depotLintFailOn' | 'depotSbomDir'>,
  ctx: DepotContext
): string[] {
  const args = ['--project', ctx.project]
  if (s.depotBuildPlatform) args.push('--build-platform', s.depotBuildPlatform)
  if (s.depotSave) args.push('--save')
  args.push(...repeat('--save-tag', s.depotSaveTags))
  if (s.depotLint) args.push('--lint')
  if (s.depotLintFailOn) args.push('--lint-fail-on', s.depotLintFailOn)
  if (s.depotSbomDir) args.push('--sbom-dir', s.depotSbomDir)
  return args
}

/** repository: the plan's (BuildPlan.repository), which push-by-digest pushes to. */
export function depotBuildArgs(s: Settings, ctx: DepotContext, files: DepotBuildFiles, repository: string): string[] {
  const repo = s.pushByDigest ? repository : ''
  const flags = buildFlags(s, files, { provenance: depotProvenance(s, ctx), ...(repo ? { tags: [], pushByDigest: { name: repo } } : {}) })
  return ['build', ...depotOwnArgs(s, ctx), '--progress', 'plain', ...flags]
}

export interface DepotBakeOptions {
  files: string[]
  targets: string[]
  set: string[]
  metadataFile: string
}

export function depotBakeArgs(s: Settings, ctx: DepotContext, opts: DepotBakeOptions): string[] {
  const args = ['bake', ...depotOwnArgs(s, ctx), '--progress', 'plain']
  args.push(...repeat('--file', opts.files))
  args.push(...repeat('--set', opts.set))
  args.push(...bakeOutputFlags(s, depotProvenance(s, ctx), opts.metadataFile, opts.targets))
  return args
}

/** `depot bake --print` resolves the definition locally (no API call, no build), as buildx's does. */
export function depotBakePrintArgs(opts: Pick<DepotBakeOptions, 'files' | 'targets' | 'set'>): string[] {
  return bakePrintArgs(opts.files, opts.set, opts.targets)
}

export interface DepotCredentials {
  token: string
  project: string
}

/** The CLI's environment: the caller's, plus the credentials. The only place the token goes. */
export function depotEnv(base: NodeJS.ProcessEnv, creds: DepotCredentials): NodeJS.ProcessEnv {
  return { ...base, DEPOT_TOKEN: creds.token, DEPOT_PROJECT_ID: creds.project, DEPOT_NO_UPDATE_NOTIFIER: '1' }
}

// --- what the CLI reports --------------------------------------------------------------------

/** `depot --version` prints "depot version 2.102.12 (2026-09-22)". */
export function parseDepotVersion(stdout: string): string {
  return /depot version v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)/.exec(stdout)?.[1] ?? ''
}

export interface DepotBuildInfo {
  buildId: string
  projectId: string
}

/** The metadata file's `depot.build` object: {"buildID", "projectID"} (bake adds "targets"). */
export function depotBuildInfo(metadata: Record<string, unknown>): DepotBuildInfo {
  const b = metadata['depot.build']
  const o = typeof b === 'object' && b !== null ? (b as Record<string, unknown>) : {}
  return {
    buildId: typeof o['buildID'] === 'string' ? o['buildID'] : '',
    projectId: typeof o['projectID'] === 'string' ? o['projectID'] : ''
  }
}

/** Keys of a bake metadata file that are not targets. */
export const BAKE_METADATA_EXTRAS = ['depot.build', 'buildx.build.warnings']

/**
 * Whether BuildKit started on the build: a progress step other than Depot's own
 * ("[depot] build: ...", "[depot] launching amd64 machine") appeared in the plain log.
 */
export function buildStarted(log: string): boolean {
  const named = new Set<string>()
  for (const line of log.split('\n')) {
    const m = /^#(\d+) (.*)$/.exec(line)
    if (!m?.[1] || m[2] === undefined || named.has(m[1])) continue
    named.add(m[1])
    if (!m[2].startsWith('[depot]')) return true
  }
  return false
}

export type PreBuildProblem = 'auth' | 'unreachable' | 'project' | 'other'

/** Explains a CLI failure that happened before any build step ran; `problem` says which kind. */
export function explainPreBuildFailure(log: string, apiUrl: string): { problem: PreBuildProblem; message: string } {
  const lines = log
    .split('\n')
    .map(l => l.trim())
    .filter(l => l && !/^#\d+ /.test(l) && !l.startsWith('Build Summary'))
  const last = lines[lines.length - 1] ?? ''
  const detail = last.length > 300 ? `${last.slice(0, 300)}…` : last
  if (/^(unauthenticated|permission_denied):/i.test(last)) {
    return {
      problem: 'auth',
      message: `Depot's API refused the credentials (${detail}): check depot-token or DEPOT_TOKEN, or the project's trust relationship for GitHub OIDC`
    }
  }
  if (/^(unavailable|deadline_exceeded):|connection refused|no such host|i\/o timeout|TLS handshake/i.test(last)) {
    return { problem: 'unreachable', message: `cannot reach Depot's API at ${apiUrl} (${detail})` }
  }
  if (/^not_found:|project/i.test(last))
    return { problem: 'project', message: `Depot did not accept the project (${detail}): check depot-project` }
  return { problem: 'other', message: `depot failed before the build started${detail ? `: ${detail}` : ''}` }
}
