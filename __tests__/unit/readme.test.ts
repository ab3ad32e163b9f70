// The README documents every input and output of action.yml, from the same source.
import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

const action = parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> }
const readme = readFileSync('README.md', 'utf8')

describe('README', () => {
  it('has the tables that scripts/readme-tables.mjs generates from action.yml', () => {
    const r = spawnSync(process.execPath, ['scripts/readme-tables.mjs', '--check'], { encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })
  it.each(Object.keys(action.inputs))('documents input %s', name => {
    expect(readme).toContain(`| \`${name}\` |`)
  })
  it.each(Object.keys(action.outputs))('documents output %s', name => {
    expect(readme).toContain(`| \`${name}\` |`)
  })
  it('gives the two commands a new user runs', () => {
    expect(readme).toContain('npm run demo')
    expect(readme).toContain('npm test')
  })
})
