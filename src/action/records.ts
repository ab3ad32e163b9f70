// Build records: main exports each build's record (`buildx history export`, buildx >= 0.23) into
// the run's folder and sets the build-records output; post uploads them as one workflow artifact
// (a single `.dockerbuild` file, as docker's actions name it) before it removes that folder, so the
// files are there for every later step of the job. Neither a failed export nor a failed upload
// fails the step: each is a warning.
import * as core from '../runner/commands.js'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { historyExportArgs } from '../buildx/args.js'
import { runBuildxChecked } from '../buildx/buildx.js'
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
import type { BuildResult } from '../buildx/results.js'
import type { Settings } from '../inputs/parse.js'
import { artifactServiceMissing, uploadFileArtifact } from '../runner/artifact.js'
import type { BuildxEngine } from './setup.js'
import { saveState, type State } from './state.js'

/** Exports the record of every build in `results`; sets build-records and saves what post uploads. */
export async function exportBuildRecords(s: Settings, engine: BuildxEngine, results: BuildResult[], state: State): Promise<void> {
  await exportRecords(s, engine, () => recordRefs(results), state)
}

/**
 * After a failed build: exports the records of the builds this step started on its builder (found
 * in buildx's local state, since a failed build writes no metadata), so the failure can be opened
 * in a Builds view. Never throws: the step has failed already.
 */
export async function exportFailedBuildRecords(s: Settings, engine: BuildxEngine, state: State, sinceMs: number): Promise<void> {
  try {
    await exportRecords(s, engine, () => refsStartedSince(localRefs(engine.builder.name), engine.builder.name, sinceMs), state)
  } catch (e) {
    core.warning(`could not export the failed build's record: ${(e as Error).message}`)
  }
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
        const target = (JSON.parse(readFileSync(file, 'utf8')) as { Target?: unknown }).Target
        out.push({ builder, node, ref, mtimeMs: st.mtimeMs, target: typeof target === 'string' ? target : '' })
      } catch {
        // a state file buildx is writing, or not JSON: not one of ours to export
      }
    }
  }
  return out
}

async function exportRecords(s: Settings, engine: BuildxEngine, findRefs: () => RecordRef[], state: State): Promise<void> {
  const records = state.records
  records.upload = s.buildRecordUpload
  records.retentionDays = s.buildRecordRetentionDays
  const version = engine.caps.buildxVersion
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
  try {
    await core.group(`Export ${refs.length} build record(s)`, async () => {
      mkdirSync(dir, { recursive: true })
      for (const r of refs) {
        const file = path.join(dir, recordFileName(repository, [r.ref]))
        await runBuildxChecked(engine.bx, historyExportArgs(r.builder, [r.ref], file, can.finalize))
        records.files.push({ target: r.target, ref: r.ref, path: file })
        core.info(`${r.target}: ${file} (${statSync(file).size} bytes)`)
      }
      const first = refs[0]
      if (refs.length === 1 || !first) {
        records.uploadFile = records.files[0]?.path ?? ''
        return
      }
      // One artifact per step, downloading as one file: every build's record in one more file.
      const all = path.join(
        dir,
        'all',
        recordFileName(
          repository,
          refs.map(r => r.ref)
        )
      )
      mkdirSync(path.dirname(all), { recursive: true })
      await runBuildxChecked(
        engine.bx,
        historyExportArgs(
          first.builder,
          refs.map(r => r.ref),
          all,
          can.finalize
        )
      )
      records.uploadFile = all
      core.info(`all ${refs.length} records: ${all} (${statSync(all).size} bytes)`)
    })
  } catch (e) {
    records.exportError = (e as Error).message
    records.uploadFile = ''
    core.warning(`could not export the build records: ${records.exportError}`)
  }
  core.setOutput('build-records', buildRecordsOutput(records.files))
  saveState(state)
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
    records.uploadNote = `the upload failed: ${(e as Error).message}`
    core.warning(`could not upload the build records: ${(e as Error).message}`)
  }
}
