import { probePluginEarly } from '../buildx/plugin.js'
import { processRunner } from '../process/exec.js'

// The installed buildx's version is asked for before the rest of the action is even loaded: the
// probe runs while node reads the bundle and the inputs are parsed.
const buildxVersion = process.env['INPUT_BUILDX-VERSION'] ?? ''
if (buildxVersion === '' || buildxVersion === 'installed') probePluginEarly(processRunner)
const { run } = await import('../action/main.js')
await run()
