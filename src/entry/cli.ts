#!/usr/bin/env node
// The build-image bin. action.yml is bundled as text (scripts/bundle.mjs), so --help and the
// flags always match the inputs the action was built with; --version is package.json's.
import actionYml from '../../action.yml'
import pkg from '../../package.json' with { type: 'json' }
import { main } from '../cli/cli.js'

process.exitCode = await main(process.argv.slice(2), { actionYml, version: pkg.version })
