// Every argv this action gives buildx, from the subcommand on: runBuildx (buildx.ts) puts the
// `buildx` word in front or not, for the docker CLI plugin or a standalone binary. Pure: every
// value becomes one literal argument (nothing is passed through a shell), and capability-dependent
// flags are decided from data.
import type { Capabilities, Settings } from '../inputs/parse.js'
import { parseCsvFields } from '../inputs/lists.js'
import { versionAtLeast } from './version.js'
import { buildkitdFlagsFor } from './builder-choice.js'

export interface BuildFiles {
  metadataFile: string
  iidFile: string
  /** secret id -> path of a temporary file holding a `secrets` value */
  secretFiles: Map<string, string>
}

export interface BuildContext {
  builder: string
  caps: Capabilities
  /** the repository is public: provenance defaults to mode=max, as docker's actions do */
  publicRepo: boolean
  /** e.g. https://github.com/o/r/actions/runs/1 ; recorded as the provenance builder id */
  builderId: string
}

/** Attestations need an exporter that can store them: not the classic docker image store. */
export function attestationsSupported(caps: Capabilities): boolean {
  if (!versionAtLeast(caps.buildxVersion, '0.10.0')) return false
  return caps.driver !== 'docker' || caps.containerdStore
}

/** attests names this type of attestation itself (type=provenance / type=sbom). */
export function attestsType(s: Pick<Settings, 'attests'>, type: 'provenance' | 'sbom'): boolean {
  return s.attests.some(a => parseCsvFields(a, 'attests')['type'] === type)
}

export function provenanceArg(
  s: Pick<Settings, 'provenance' | 'attests' | 'noDefaultAttestations'>,
  ctx: BuildContext
): string | undefined {
  if (s.provenance !== '') return s.provenance
  if (attestsType(s, 'provenance')) return undefined
  // docker's switch: buildx adds none by itself, and neither does this action
  if (s.noDefaultAttestations) return undefined
  if (!attestationsSupported(ctx.caps)) return undefined
  const mode = ctx.publicRepo ? 'max' : 'min'
  return ctx.builderId ? `mode=${mode},builder-id=${ctx.builderId}` : `mode=${mode}`
}

/**
 * An output that writes files rather than an image (type=local, type=tar, or a bare path, which
 * buildx reads as local): there is no image ID, and buildx refuses --iidfile with attestations.
 */
export function hasLocalOrTarOutput(outputs: string[]): boolean {
  return outputs.some(o => !o.includes('=') || ['local', 'tar'].includes(parseCsvFields(o, 'outputs')['type'] ?? ''))
}

/** One CSV field for buildx's --secret parser: quoted when it holds a comma or a quote. */
function csvField(key: string, value: string): string {
  return /[,"]/.test(value) ? `"${key}=${value.replaceAll('"', '""')}"` : `${key}=${value}`
}

/** One buildx secret spec per secret: a value by the private file it was written to, never itself. */
export function secretSpecs(s: Pick<Settings, 'secrets'>, files: Pick<BuildFiles, 'secretFiles'>): string[] {
  return s.secrets.map(sec => {
    if (sec.kind === 'value') {
      const path = files.secretFiles.get(sec.id)
      if (!path) throw new Error(`internal: no file written for secret ${sec.id}`)
      return `id=${sec.id},${csvField('src', path)}`
    }
    return sec.kind === 'file' ? `id=${sec.id},${csvField('src', sec.source)}` : `id=${sec.id},env=${sec.source}`
  })
}

/**
 * The secrets inputs for every bake target (`--set *.secrets=...`, which replaces what the
 * definition says of secrets): bake takes them as overrides, as buildx build takes --secret.
 */
export function bakeSecretSets(s: Pick<Settings, 'secrets'>, files: Pick<BuildFiles, 'secretFiles'>): string[] {
  return secretSpecs(s, files).map(spec => `*.secrets=${spec}`)
}

export function secretArgs(s: Pick<Settings, 'secrets'>, files: BuildFiles): string[] {
  return repeat('--secret', secretSpecs(s, files))
}

export function repeat(flag: string, values: string[]): string[] {
  return values.flatMap(v => [flag, v])
}

/**
 * buildx before 0.22 pushes twice through the docker driver when the daemon keeps images in
 * containerd: BuildKit in the daemon pushes, then buildx has the daemon push the same tag again
 * (docker/buildx#3023). Docker 26 pushes each platform's manifest to the tag in parallel on that
 * second round, so the tag briefly points at one platform and a registry can answer 500.
 */
export function daemonPushesTwice(caps: Capabilities): boolean {
  return caps.driver === 'docker' && caps.containerdStore && !versionAtLeast(caps.buildxVersion, '0.22.0')
}

/**
 * The image output that pushes once: BuildKit reads an empty `push=` as true, buildx reads it as
 * no push of its own. The containerd store keeps the image too, so it also stands for `load`.
 */
export const PUSH_ONCE_OUTPUT = 'type=image,push='

/** Options shared by `build`, one per platform in split mode, and the per-target bake `--set`s. */
export interface BuildOverrides {
  platforms?: string[]
  tags?: string[]
  /** push by digest: an image output with no tag (platform-split) */
  pushByDigest?: { name: string }
  /** push through BuildKit only (see daemonPushesTwice) */
  pushOnce?: boolean
  /** a frontend request other than build (`--call` value): nothing is exported, pushed or loaded */
  call?: string
}

export function buildArgs(s: Settings, ctx: BuildContext, files: BuildFiles, over: BuildOverrides = {}): string[] {
  const flags = buildFlags(s, files, { pushOnce: daemonPushesTwice(ctx.caps), ...over, provenance: provenanceArg(s, ctx) })
  return ['build', '--builder', ctx.builder, '--progress', 'plain', ...flags]
}

/**
 * The flags of one build, from --file to the context, shared by `buildx build` and `depot build`
 * (which takes the same ones).
 */
export function buildFlags(s: Settings, files: BuildFiles, over: BuildOverrides & { provenance: string | undefined }): string[] {
  const args: string[] = []
  if (s.file) args.push('--file', s.file)
  const tags = over.tags ?? s.tags
  args.push(...repeat('--tag', tags))
  args.push(...repeat('--label', s.labels))
  args.push(...repeat('--annotation', s.annotations))
  args.push(
    ...repeat(
      '--build-arg',
      s.buildArgs.map(([k, v]) => `${k}=${v}`)
    )
  )
  args.push(...repeat('--build-context', s.buildContexts))
  args.push(...secretArgs(s, files))
  const platforms = over.platforms ?? s.platforms
  if (platforms.length > 0) args.push('--platform', platforms.join(','))
  if (s.target) args.push('--target', s.target)
  if (over.call) {
    args.push('--call', over.call)
  } else if (over.pushByDigest) {
    args.push('--output', `type=image,name=${over.pushByDigest.name},push-by-digest=true,name-canonical=true,push=true`)
  } else if (s.push && over.pushOnce) {
    args.push('--output', PUSH_ONCE_OUTPUT, ...repeat('--output', s.outputs))
  } else {
    if (s.push) args.push('--push')
    if (s.load) args.push('--load')
    args.push(...repeat('--output', s.outputs))
  }
  args.push(...repeat('--cache-from', s.cacheFrom))
  if (!over.call) args.push(...repeat('--cache-to', s.cacheTo))
  if (over.provenance !== undefined) args.push('--provenance', over.provenance)
  if (s.sbom) args.push('--sbom', s.sbom)
  args.push(...repeat('--attest', s.attests))
  if (s.noCache) args.push('--no-cache')
  args.push(...repeat('--no-cache-filter', s.noCacheFilters))
  args.push(...repeat('--ssh', s.ssh))
  if (s.cgroupParent) args.push('--cgroup-parent', s.cgroupParent)
  if (s.pull) args.push('--pull')
  if (s.network) args.push('--network', s.network)
  if (s.shmSize) args.push('--shm-size', s.shmSize)
  args.push(...repeat('--ulimit', s.ulimit))
  args.push(...repeat('--add-host', s.addHosts))
  if (s.allow.length > 0) args.push('--allow', s.allow.join(','))
  args.push('--metadata-file', files.metadataFile)
  // buildx refuses an image ID file with the local and tar exporters when attestations are made
  // (a call passes no outputs)
  if (over.call || !hasLocalOrTarOutput(s.outputs)) args.push('--iidfile', files.iidFile)
  // `--` keeps a context that starts with '-' from being read as a flag.
  args.push('--', s.context)
  return args
}

export interface BakeOptions {
  files: string[]
  targets: string[]
  set: string[]
  metadataFile: string
  /** entitlements to grant (bake --allow, buildx >= 0.19), e.g. fs.read=/path/of/context */
  allow: string[]
  /** targets to push through BuildKit only (see daemonPushesTwice); they replace --push */
  pushOnceTargets?: string[]
  /** bake variables as flags (`--var`, buildx >= 0.31: see bakeVarArgs) */
  varArgs?: string[]
  /** a frontend request other than build (`--call` value, buildx >= 0.16): nothing is pushed or loaded */
  call?: string
}

export function bakeArgs(s: Settings, ctx: BuildContext, opts: BakeOptions): string[] {
  const args = ['bake', '--builder', ctx.builder, '--progress', 'plain']
  args.push(...repeat('--file', opts.files))
  args.push(...repeat('--set', opts.set))
  args.push(...(opts.varArgs ?? []))
  if (opts.allow.length > 0 && versionAtLeast(ctx.caps.buildxVersion, '0.19.0')) args.push(...repeat('--allow', opts.allow))
  const once = s.push && opts.pushOnceTargets !== undefined && opts.pushOnceTargets.length > 0 ? opts.pushOnceTargets : undefined
  if (once)
    args.push(
      ...repeat(
        '--set',
        once.map(t => `${t}.output=${PUSH_ONCE_OUTPUT}`)
      )
    )
  if (opts.call) args.push('--call', opts.call)
  const quiet = once || opts.call ? { ...s, push: false, load: false } : s
  args.push(...bakeOutputFlags(quiet, provenanceArg(s, ctx), opts.metadataFile, opts.targets))
  return args
}

/** The flags after files and overrides, shared by `buildx bake` and `depot bake`. */
export function bakeOutputFlags(
  s: Pick<Settings, 'push' | 'load' | 'sbom' | 'noCache' | 'pull'>,
  provenance: string | undefined,
  metadataFile: string,
  targets: string[]
): string[] {
  const args: string[] = []
  if (s.push) args.push('--push')
  if (s.load) args.push('--load')
  if (provenance !== undefined) args.push('--provenance', provenance)
  if (s.sbom) args.push('--sbom', s.sbom)
  if (s.noCache) args.push('--no-cache')
  if (s.pull) args.push('--pull')
  args.push('--metadata-file', metadataFile)
  args.push('--', ...targets)
  return args
}

export interface BuilderCreate {
  name: string
  /** path of the buildkitd config file to pass (written from the inline input by the caller) */
  configFile: string
}

/** What making a builder reads of the settings. */
export type BuilderOptions = Pick<Settings, 'driver' | 'driverOpts' | 'buildkitdFlags' | 'builderPlatforms' | 'endpoint'>

export function createBuilderArgs(s: BuilderOptions, c: BuilderCreate): string[] {
  const args = ['create', '--name', c.name, '--driver', s.driver]
  args.push(...repeat('--driver-opt', s.driverOpts))
  const flags = buildkitdFlagsFor(s.driver, s.buildkitdFlags)
  if (flags) args.push('--buildkitd-flags', flags)
  if (c.configFile) args.push('--buildkitd-config', c.configFile)
  if (s.builderPlatforms.length > 0) args.push('--platform', s.builderPlatforms.join(','))
  if (s.endpoint) args.push(s.endpoint)
  return args
}

/** `imagetools create`; dryRun: print the index (the exact bytes the create would push) instead of pushing. */
export function imagetoolsCreateArgs(tags: string[], sources: string[], annotations: string[], opts: { dryRun?: boolean } = {}): string[] {
  // sources after --: a source that starts with '-' is never read as a flag
  const dryRun = opts.dryRun ? ['--dry-run'] : []
  return ['imagetools', 'create', ...dryRun, ...repeat('--tag', tags), ...repeat('--annotation', annotations), '--', ...sources]
}

/** `bake --print` resolves the definition (matrix, variables) without building. */
export function bakePrintArgs(files: string[], set: string[], targets: string[], varArgs: string[] = []): string[] {
  return ['bake', ...repeat('--file', files), ...repeat('--set', set), ...varArgs, '--print', '--', ...targets]
}

export function versionArgs(): string[] {
  return ['version']
}

/** Without bootstrap, a quick question: does the builder exist (exit 0) or not. */
export function inspectBuilderArgs(name: string, opts: { bootstrap?: boolean } = {}): string[] {
  return ['inspect', ...(opts.bootstrap ? ['--bootstrap'] : []), name]
}

/** `inspect` with no name: the current builder (BUILDX_BUILDER, else the one `buildx use` chose). */
export function inspectCurrentBuilderArgs(): string[] {
  return ['inspect']
}

export function removeBuilderArgs(name: string): string[] {
  return ['rm', name]
}

/** `imagetools inspect`: the manifest as the registry serves it (raw), or a Go template of it. */
export function imagetoolsInspectArgs(ref: string, view: { raw: true } | { format: string }): string[] {
  return 'raw' in view ? ['imagetools', 'inspect', '--raw', ref] : ['imagetools', 'inspect', ref, '--format', view.format]
}

/** A build record (buildx >= 0.23) as JSON. */
export function historyInspectArgs(builder: string, ref: string): string[] {
  return ['history', 'inspect', '--builder', builder, ref, '--format', 'json']
}

/** Which attachment of a build record to read: the image index, one platform's manifest, or any by digest. */
export type AttachmentSelector = { index: true } | { platform: string } | { digest: string }

export function historyAttachmentArgs(builder: string, ref: string, select: AttachmentSelector): string[] {
  const args = ['history', 'inspect', '--builder', builder, 'attachment', ref]
  if ('index' in select) args.push('--type', 'index')
  else if ('platform' in select) args.push('--platform', select.platform)
  else args.push(select.digest)
  return args
}

/**
 * `history export` (buildx >= 0.23): the build records of `refs` (the last part of
 * `buildx.build.ref`) as one `.dockerbuild` file. `--finalize` (buildx >= 0.24) waits until
 * BuildKit has written the record's trace and logs.
 */
export function historyExportArgs(builder: string, refs: string[], output: string, finalize: boolean): string[] {
  return ['history', 'export', '--builder', builder, ...(finalize ? ['--finalize'] : []), '--output', output, ...refs]
}
