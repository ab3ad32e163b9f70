// Signing what the run pushed, after the reports are read back: the signatures and verify commands
// go to the outputs and to the state post writes the summary from.
import * as core from '../runner/commands.js'
import type { ImageReport } from '../oci/types.js'
import type { Settings } from '../inputs/parse.js'
import { processRunner } from '../process/exec.js'
import { setupCosign, signReports, type Cosign } from '../sign/cosign.js'
import { signaturesJson, type Signature } from '../sign/plan.js'
import { saveState, type State } from './state.js'

/** cosign, set up before anything is built when the run signs: a cosign that cannot be had fails before a push. */
export async function prepareSigning(s: Settings): Promise<Cosign | undefined> {
  if (!s.sign.enabled) {
    if (s.sign.mode === 'auto' && s.push) core.info(`not signing: ${s.sign.reason}`)
    return undefined
  }
  core.info(`signing what is pushed: ${s.sign.reason}`)
  if (s.sign.warning) core.warning(s.sign.warning)
  return core.group('Set up cosign', () => setupCosign(s.sign, processRunner))
}

export async function signPushed(s: Settings, reports: ImageReport[], state: State, cosign: Cosign | undefined): Promise<void> {
  if (!cosign) return
  const outcome = await signReports(s.sign, reports, state.tempDir, cosign)
  state.signatures = outcome.signatures
  state.signer = outcome.signer
  saveState(state)
  setSignOutputs(outcome.signatures)
}

export function setSignOutputs(signatures: Signature[]): void {
  if (signatures.length === 0) return
  core.setOutput('signatures', signaturesJson(signatures))
  core.setOutput('verify-commands', signatures.map(s => s.verifyCommand).join('\n'))
}
