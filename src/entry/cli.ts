#!/usr/bin/env node
// The build-image bin. action.yml is bundled as text (scripts/bundle.mjs), so --help and the
// flags always match the inputs the action was built with.
import actionYml from '../../action.yml'
import { main } from '../cli/cli.js'

process.exitCode = await main(process.argv.slice(2), actionYml)
