// post: writes the outputs and the job summary again from main's state, then removes what main
// created. It never fails the job: every problem becomes a warning.
import * as core from '../runner/commands.js'
import { rmSync } from 'node:fs'
import { removeBuilder } from '../buildx/builder.js'
import { dockerLogout, registryName } from '../docker/login.js'
import { processRunner } from '../process/exec.js'
import { setReportOutputs } from '../report/collect.js'
import { loadState, savedBuildx } from './state.js'
import { renderSummary } from '../report/summary.js'
import { renderChecksSummary } from '../report/checks-summary.js'
import { renderRecordsSummary } from '../report/records-summary.js'
import { exportDeferredRecords, uploadBuildRecords } from './records.js'
import { renderSigningSummary } from '../sign/summary.js'
import { setSignOutputs } from './sign.js'
import { renderChangesSummary } from '../report/changes.js'
import { messageOf } from '../errors.js'

export async function run(): Promise<void> {
  const state = loadState()
  if (!state) {
    core.info('main saved no state: nothing to report or clean up')
    return
  }
  await exportDeferredRecords(state)
  await uploadBuildRecords(state)
  try {
    if (state.reports.length > 0) setReportOutputs(state.reports)
    setSignOutputs(state.signatures)
    if (state.summary && process.env['GITHUB_STEP_SUMMARY']) {
      const md = renderSummary(state.reports, {
        engine: state.engine,
        engineReason: state.engineReason,
        builder: state.builder,
        driver: state.driver,
        ...(state.builderReason ? { builderReason: state.builderReason } : {}),
        buildxVersion: state.buildxVersion,
        durationMs: state.durationMs,
        ...(state.error ? { error: state.error } : {})
      })
      core.appendSummary(md)
      const changes = renderChangesSummary(state.changes)
      if (changes) core.appendSummary(`\n${changes}`)
      const checks = renderChecksSummary(state)
      if (checks) core.appendSummary(`\n${checks}`)
      const records = renderRecordsSummary(state.records)
      if (records) core.appendSummary(`\n${records}`)
      const signing = renderSigningSummary(state.signatures, state.signer)
      if (signing) core.appendSummary(`\n${signing}`)
    }
  } catch (e) {
    core.warning(`could not write the summary: ${messageOf(e)}`)
  }

  if (state.builderCreated && state.builder) {
    if (state.keepBuilder) {
      core.info(`keeping builder ${state.builder} (keep-builder: true)`)
    } else {
      try {
        await core.group(`Remove builder ${state.builder}`, () => removeBuilder(savedBuildx(state), state.builder))
      } catch (e) {
        core.warning(`could not remove builder ${state.builder}: ${messageOf(e)}`)
      }
    }
  }
  for (const registry of new Set(state.loginRegistries)) {
    const name = registryName(registry)
    if (state.logout) {
      try {
        await dockerLogout(registry, processRunner, state.dockerCmd || undefined)
        core.info(`logged out of ${name}`)
      } catch (e) {
        core.warning(`could not log out of ${name}: ${messageOf(e)}`)
      }
    } else {
      core.info(`staying logged in to ${name} (logout: false)`)
    }
  }
  if (state.tempDir) {
    try {
      rmSync(state.tempDir, { recursive: true, force: true })
    } catch (e) {
      core.warning(`could not remove ${state.tempDir}: ${messageOf(e)}`)
    }
  }
}
