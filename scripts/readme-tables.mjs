#!/usr/bin/env node
// Regenerates the inputs and outputs tables in docs/inputs-and-outputs.md from action.yml (between
// markers), so the docs never drift from what the action accepts. `--check` exits 1 when they differ.
import { readFileSync, writeFileSync } from 'node:fs'
import { parse } from 'yaml'

const action = parse(readFileSync('action.yml', 'utf8'))
const cell = s =>
  String(s ?? '')
    .replaceAll('|', '\\|')
    .replaceAll('\n', ' ')
const inputs = [
  '| input | default | description |',
  '| --- | --- | --- |',
  ...Object.entries(action.inputs).map(
    ([k, v]) => `| \`${k}\` | ${v.default === '' || v.default === undefined ? '' : `\`${cell(v.default)}\``} | ${cell(v.description)} |`
  )
].join('\n')
const outputs = [
  '| output | description |',
  '| --- | --- |',
  ...Object.entries(action.outputs).map(([k, v]) => `| \`${k}\` | ${cell(v.description)} |`)
].join('\n')

const DOC = 'docs/inputs-and-outputs.md'
const readme = readFileSync(DOC, 'utf8')
const replace = (text, name, table) => {
  const re = new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`)
  if (!re.test(text)) throw new Error(`${DOC} has no <!-- ${name}:start --> / <!-- ${name}:end --> markers`)
  return text.replace(re, (_m, a, b) => `${a}\n${table}\n${b}`)
}
const next = replace(replace(readme, 'inputs', inputs), 'outputs', outputs)
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error(`${DOC}: tables differ from action.yml: run node scripts/readme-tables.mjs`)
    process.exit(1)
  }
} else writeFileSync(DOC, next)
