#!/usr/bin/env node
// The build-image bin. action.yml is bundled as text (scripts/bundle.mjs), so --help and the
// flags always match the inputs the action was built with; --version is package.json's version,
// put in by the bundler (only the version: the rest of package.json changes with every
// development-tool update and must not change dist/).
import actionYml from '../../action.yml'
import { main } from '../cli/cli.js'

declare const BUILD_IMAGE_VERSION: string

process.exitCode = await main(process.argv.slice(2), { actionYml, version: BUILD_IMAGE_VERSION })
