// Build records: each build's record (`buildx history export`, buildx >= 0.23) exported into the
// run's folder, and uploaded by post as one workflow artifact (a single `.dockerbuild` file, as
// docker's actions name it) before it removes that folder. Main exports them when the step's
// outputs can be read (the step has an id): the build-records output names the files, there for
// every later step of the job. A step without an id has no outputs (the runner drops them): its
// records are exported by post, as docker's actions export theirs, so main never waits for
// BuildKit to write a trace. Neither a failed export nor a failed upload fails the step: each is
// a warning.
import * as core from '../runner/commands.js'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { historyExportArgs } from '../buildx/args.js'
import { runBuildxChecked, type Buildx } from '../buildx/buildx.js'
import {
  buildRecordsOutput,
  recordExport,
  recordFileName,
  recordRefs,
  refsStartedSince,
  type LocalRef,
  type RecordRef
} from '../buildx/records.js'
import { buildxConfigDir } from '../buildx/builder.js'
import { type BuildKitApi, dialBuilderBuildKit } from '../buildx/buildkit-api.js'
import { defaultPlatformOf, exportRecordBundles } from '../buildx/record-export.js'
import type { BuildResult } from '../buildx/results.js'
import type { Settings } from '../inputs/parse.js'
import { artifactServiceMissing, uploadFileArtifact } from '../runner/artifact.js'
import { stepOutputsUnread } from '../runner/context.js'
import type { BuildxSetup } from './setup.js'
import { savedBuildx, saveState, type State } from './state.js'
import { messageOf } from '../errors.js'

/**
 * Exports the record of every build in `results`, sets build-records and saves what post uploads;
 * or, when no later step can read the step's outputs, leaves the export to post.
 */
export async function exportBuildRecords(s: Settings, buildx: BuildxSetup, results: BuildResult[], state: State): Promise<void> {
  if (summaryOff(s)) return
  if (stepOutputsUnread(process.env)) {
    const refs = recordRefs(results)
    if (refs.length === 0) return
    await buildx.settleInspect()
    state.records.deferred = { refs, defaultPlatform: defaultPlatformOf(buildx.builder.platforms) }
    state.records.upload = s.buildRecordUpload
    state.records.retentionDays = s.buildRecordRetentionDays
    core.info(
      "build records: exported by the post step, as docker's actions export them (this step has no id: no later step can read its outputs)"
    )
    saveState(state)
    return
  }
  await exportRecords(recordsExporter(s, buildx), () => recordRefs(results), state)
}

/** Post: exports the records main left to it (a step without an id); never throws. */
export async function exportDeferredRecords(state: State): Promise<void> {
  const deferred = state.records.deferred
  if (!deferred) return
  const exporter: RecordsExporter = {
    bx: savedBuildx(state),
    builder: state.builder,
    driver: state.driver,
    buildxVersion: state.buildxVersion,
    defaultPlatform: () => Promise.resolve(deferred.defaultPlatform),
    upload: state.records.upload,
    retentionDays: state.records.retentionDays
  }
  try {
    await exportRecords(exporter, () => deferred.refs, state, { output: false })
  } catch (e) {
    core.warning(`could not export the build records: ${messageOf(e)}`)
  }
}

/** What exporting records takes: buildx and its builder, and the step's record switches. */
interface RecordsExporter {
  bx: Buildx
  builder: string
  driver: string
  buildxVersion: string
  /** the builder node's first platform (the records' default platform); may wait for the inspect */
  defaultPlatform: () => Promise<string>
  upload: boolean
  retentionDays: number
}

function recordsExporter(s: Settings, buildx: BuildxSetup): RecordsExporter {
  return {
    bx: buildx.bx,
    builder: buildx.builder.name,
    driver: buildx.caps.driver,
    buildxVersion: buildx.caps.buildxVersion,
    defaultPlatform: () => buildx.settleInspect().then(() => defaultPlatformOf(buildx.builder.platforms)),
    upload: s.buildRecordUpload,
    retentionDays: s.buildRecordRetentionDays
  }
}

/**
 * After a failed build: exports the records of the builds this step started on its builder (found
 * in buildx's local state, since a failed build writes no metadata), so the failure can be opened
 * in a Builds view. Never throws: the step has failed already.
 */
export async function exportFailedBuildRecords(s: Settings, buildx: BuildxSetup, state: State, sinceMs: number): Promise<void> {
  if (summaryOff(s)) return
  try {
    const roots = stepContexts(s)
    await exportRecords(
      recordsExporter(s, buildx),
      () => refsStartedSince(localRefs(buildx.builder.name), buildx.builder.name, sinceMs, roots),
      state
    )
  } catch (e) {
    core.warning(`could not export the failed build's record: ${messageOf(e)}`)
  }
}

/** docker's actions export no record when the summary is off (DOCKER_BUILD_SUMMARY=false): neither does this. */
function summaryOff(s: Settings): boolean {
  if (s.summary) return false
  core.info(
    'build records are not exported: the summary is off (summary: false or DOCKER_BUILD_SUMMARY=false), as in docker/build-push-action'
  )
  return true
}

/** Where this step's builds take their context from: its context input, its bake files' folders, its working folder. */
function stepContexts(s: Settings): string[] {
  const context = s.context || s.defaultContext
  const remote = /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@')
  return [
    ...(context ? [remote ? context : path.resolve(context)] : []),
    ...s.files.filter(f => f && f !== '-').map(f => path.dirname(path.resolve(f))),
    process.cwd(),
    ...(process.env['GITHUB_WORKSPACE'] ? [path.resolve(process.env['GITHUB_WORKSPACE'])] : [])
  ]
}

/** What buildx's local state holds for this builder's builds (unreadable entries left out). */
function localRefs(builder: string): LocalRef[] {
  const dir = path.join(buildxConfigDir(process.env), 'refs', builder)
  if (!existsSync(dir)) return []
  const out: LocalRef[] = []
  for (const node of readdirSync(dir)) {
    const nodeDir = path.join(dir, node)
    if (!statSync(nodeDir).isDirectory()) continue
    for (const ref of readdirSync(nodeDir)) {
      try {
        const file = path.join(nodeDir, ref)
        const st = statSync(file)
        if (!st.isFile() || st.size > 1 << 20) continue
        const doc = JSON.parse(readFileSync(file, 'utf8')) as { Target?: unknown; LocalPath?: unknown }
        const str = (v: unknown) => (typeof v === 'string' ? v : '')
        out.push({ builder, node, ref, mtimeMs: st.mtimeMs, target: str(doc.Target), localPath: str(doc.LocalPath) })
      } catch {
        // a state file buildx is writing, or not JSON: not one of ours to export
      }
    }
  }
  return out
}

async function exportRecords(
  exporter: RecordsExporter,
  findRefs: () => RecordRef[],
  state: State,
  { output = true }: { output?: boolean } = {}
): Promise<void> {
  const records = state.records
  records.upload = exporter.upload
  records.retentionDays = exporter.retentionDays
  const version = exporter.buildxVersion
  const can = recordExport(version)
  if (!can.supported) {
    records.unsupported = version || 'of unknown version'
    core.info(`build records are not exported: buildx history export needs buildx 0.23 or later (this buildx is ${records.unsupported})`)
    saveState(state)
    return
  }
  const refs = findRefs()
  if (refs.length === 0) return
  if (process.env['GITHUB_ACTIONS'] !== 'true') {
    // the CLI removes its temporary folder when it ends: a record there would outlive nothing
    core.info('build records are exported in GitHub Actions runs only (GITHUB_ACTIONS=true)')
    return
  }
  const repository = process.env['GITHUB_REPOSITORY'] ?? ''
  const dir = path.join(state.tempDir, 'build-records')
  const started = Date.now()
  try {
    mkdirSync(dir, { recursive: true })
    const allFile =
      refs.length > 1
        ? path.join(
            dir,
            'all',
            recordFileName(
              repository,
              refs.map(r => r.ref)
            )
          )
        : undefined
    const files = refs.map(r => ({ target: r.target, ref: r.ref, path: path.join(dir, recordFileName(repository, [r.ref])) }))
    const how =
      (await exportThroughApi(exporter, refs, files, allFile)) ??
      (await exportThroughBuildx(exporter.bx, refs, files, allFile, can.finalize))
    records.files.push(...files)
    records.uploadFile = allFile ?? files[0]?.path ?? ''
    core.info(`exported ${refs.length} build record(s) ${how} in ${Date.now() - started} ms: ${records.uploadFile}`)
  } catch (e) {
    records.exportError = messageOf(e)
    records.uploadFile = ''
    core.warning(`could not export the build records: ${records.exportError}`)
  }
  if (output) core.setOutput('build-records', buildRecordsOutput(records.files))
  saveState(state)
}

/**
 * The daemon's own builder: the records read through BuildKit's API and written in process (tens of
 * milliseconds where `buildx history export` takes most of a second per record). undefined when
 * the builder has no such API here, or it failed: buildx exports them then.
 */
async function exportThroughApi(
  exporter: RecordsExporter,
  refs: RecordRef[],
  files: Array<{ ref: string; path: string }>,
  allFile: string | undefined
): Promise<string | undefined> {
  let api: BuildKitApi | undefined
  try {
    api = await dialBuilderBuildKit(exporter.driver, exporter.builder)
    if (!api) return undefined
    // the builder's platforms (the records' default platform) may come from the inspect that is
    // still running: the export asks BuildKit for the traces first
    const bundles = await exportRecordBundles(api, refs, {
      configDir: buildxConfigDir(process.env),
      defaultPlatform: exporter.defaultPlatform()
    })
    for (const f of files) writeFileSync(f.path, bundles.each.get(f.ref) ?? Buffer.alloc(0))
    if (allFile && bundles.all) {
      mkdirSync(path.dirname(allFile), { recursive: true })
      writeFileSync(allFile, bundles.all)
    }
    const f = bundles.finalized
    return `through BuildKit's API${f.count ? ` (${f.count} finalized, ${f.ms} ms)` : ''}`
  } catch (e) {
    core.info(`exporting the build records with buildx (BuildKit's API: ${messageOf(e)})`)
    return undefined
  } finally {
    api?.close()
  }
}

/** Other builders: `buildx history export`, one process per record and one for them all. */
async function exportThroughBuildx(
  bx: Buildx,
  refs: RecordRef[],
  files: Array<{ ref: string; path: string }>,
  allFile: string | undefined,
  finalize: boolean
): Promise<string> {
  const first = refs[0]
  for (const [i, r] of refs.entries()) {
    await runBuildxChecked(bx, historyExportArgs(r.builder, [r.ref], files[i]?.path ?? '', finalize))
  }
  if (allFile && first) {
    mkdirSync(path.dirname(allFile), { recursive: true })
    await runBuildxChecked(
      bx,
      historyExportArgs(
        first.builder,
        refs.map(r => r.ref),
        allFile,
        finalize
      )
    )
  }
  return 'with buildx history export'
}

/** Post: uploads the exported records as one artifact; any failure is a warning. */
export async function uploadBuildRecords(state: State): Promise<void> {
  const records = state.records
  if (!records.uploadFile) return
  if (!records.upload) {
    records.uploadNote = 'upload is off (build-record-upload: false or DOCKER_BUILD_RECORD_UPLOAD=false)'
    core.info(`build records: ${records.uploadNote}`)
    return
  }
  const missing = artifactServiceMissing()
  if (missing) {
    records.uploadNote = missing
    core.info(`build records not uploaded: ${missing}`)
    return
  }
  try {
    records.artifact = await core.group('Upload the build records', () => uploadFileArtifact(records.uploadFile, records.retentionDays))
    core.info(`build records uploaded as the artifact ${records.artifact.name}: ${records.artifact.url}`)
  } catch (e) {
    records.uploadNote = `the upload failed: ${messageOf(e)}`
    core.warning(`could not upload the build records: ${messageOf(e)}`)
  }
}
