// Build records: main exports each build's record (`buildx history export`, buildx >= 0.23) into
// the run's folder and sets the build-records output; post uploads them as one workflow artifact
// (a single `.dockerbuild` file, as docker's actions name it) before it removes that folder, so the
// files are there for every later step of the job. Neither a failed export nor a failed upload
// fails the step: each is a warning.
import * as core from '../runner/commands.js'
import { mkdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { historyExportArgs } from '../buildx/args.js'
import { runBuildxChecked } from '../buildx/buildx.js'
import { buildRecordsOutput, recordExport, recordFileName, recordRefs } from '../buildx/records.js'
import type { BuildResult } from '../buildx/results.js'
import type { Settings } from '../inputs/parse.js'
import { artifactServiceMissing, uploadFileArtifact } from '../runner/artifact.js'
import type { BuildxEngine } from './setup.js'
import { saveState, type State } from './state.js'

/** Exports the record of every build in `results`; sets build-records and saves what post uploads. */
export async function exportBuildRecords(s: Settings, engine: BuildxEngine, results: BuildResult[], state: State): Promise<void> {
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
  const refs = recordRefs(results)
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
