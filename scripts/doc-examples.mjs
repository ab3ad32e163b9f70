#!/usr/bin/env node
// Copies the example files under examples/ into the docs that show them: a line
// `<!-- example: examples/PATH.yml -->` is followed by a ```yaml block with the file as it is, so
// what a reader copies is the file the tests run. `--check` exits 1 when a block differs, and
// either way every example file must be shown by some doc.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const docs = [
  'README.md',
  ...readdirSync('docs')
    .filter(f => f.endsWith('.md'))
    .map(f => path.join('docs', f))
]
const marker = /(<!-- example: (\S+) -->\n)(```yaml\n[\s\S]*?```\n|)/g
/** The example workflows under a folder, recursively. */
const examples = dir =>
  readdirSync(dir, { withFileTypes: true }).flatMap(e =>
    e.isDirectory() ? examples(path.join(dir, e.name)) : e.name.endsWith('.yml') ? [path.join(dir, e.name)] : []
  )
const shown = new Set()
const differ = []
for (const doc of docs) {
  const text = readFileSync(doc, 'utf8')
  for (const m of text.matchAll(marker)) shown.add(m[2])
  const next = text.replace(marker, (_m, line, file) => `${line}\`\`\`yaml\n${readFileSync(file, 'utf8').replace(/\n?$/, '\n')}\`\`\`\n`)
  if (next === text) continue
  if (process.argv.includes('--check')) differ.push(doc)
  else writeFileSync(doc, next)
}
const unshown = examples('examples').filter(file => !shown.has(file))
if (unshown.length) {
  console.error(`${unshown.join(', ')}: no doc shows it (a <!-- example: PATH --> line)`)
  process.exit(1)
}
if (differ.length) {
  console.error(`${differ.join(', ')}: examples differ from examples/: run node scripts/doc-examples.mjs`)
  process.exit(1)
}
