// A cancelled job (SIGINT, SIGTERM): stop the build's processes, then record why, so post still
// cleans up and the summary says what happened.
import * as core from '../runner/commands.js'
import { terminateAll, waitForChildren } from '../process/exec.js'
import { saveState, type State } from './state.js'

export function stopOnSignals(state: State): void {
  let cancelled = false
  const onSignal = (sig: NodeJS.Signals) => {
    if (cancelled) return
    cancelled = true
    core.warning(`received ${sig}: stopping the build`)
    terminateAll('SIGTERM')
    void waitForChildren(10_000).then(() => {
      state.error = `cancelled by ${sig}`
      saveState(state)
      process.exit(1)
    })
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
}
