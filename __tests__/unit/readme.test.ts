// The README is the front door (what the action is, a first example, the two commands, a table of
// contents into docs/); docs/inputs-and-outputs.md documents every input and output of action.yml,
// from the same source, and the docs show the example files as they are.
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> }
const readme = readFileSync('README.md', 'utf8')
const reference = readFileSync('docs/inputs-and-outputs.md', 'utf8')

describe('README', () => {
  it('is a front door of at most 400 lines', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(400)
  })
  it('gives the two commands a new user runs', () => {
    expect(readme).toContain('npm run demo')
    expect(readme).toContain('npm test')
  })
})

describe('docs/inputs-and-outputs.md', () => {
  it('has the tables that scripts/readme-tables.mjs generates from action.yml', () => {
    const r = spawnSync(process.execPath, ['scripts/readme-tables.mjs', '--check'], { encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })
  it.each(Object.keys(action.inputs))('documents input %s', name => {
    expect(reference).toContain(`| \`${name}\` |`)
  })
  it.each(Object.keys(action.outputs))('documents output %s', name => {
    expect(reference).toContain(`| \`${name}\` |`)
  })
})

describe('the docs show the example files', () => {
  it('as scripts/doc-examples.mjs copies them from examples/', () => {
    const r = spawnSync(process.execPath, ['scripts/doc-examples.mjs', '--check'], { encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })
})
