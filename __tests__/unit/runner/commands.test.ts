import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import * as core from '../../../src/runner/commands.js'
import { createCommandTranslator } from '../../../src/report/terminal.js'

/** The commands the runner acts on: lines split at \n, \r, \r\n, trimmed, outside stop-commands windows. */
function runnerCommands(log: string): string[] {
  const out: string[] = []
  let resume = ''
  for (const raw of log.split(/\r\n|\r|\n/)) {
    const line = raw.trim()
    if (resume) {
      if (line === `::${resume}::`) resume = ''
      continue
    }
    const stop = /^::stop-commands::(.+)$/.exec(line)
    if (stop?.[1]) resume = stop[1]
    else if (line.startsWith('::')) out.push(line)
  }
  return out
}

let written = ''
const original = process.stdout.write.bind(process.stdout)
beforeEach(() => {
  written = ''
  process.stdout.write = ((c: string) => ((written += c), true)) as typeof process.stdout.write
})
afterEach(() => {
  process.stdout.write = original
})

describe('info: text the action did not write never starts a command', () => {
  it.each([
    'logged in as u\r::set-output name=x::y',
    'a\n::error::x',
    'a\r\n::warning::x',
    '::add-mask::not-a-mask',
    '   ::error::indented',
    'a\u2028::error::x',
    'x %0A::error::y\n::debug::z'
  ])('%j', text => {
    core.info(text)
    expect(runnerCommands(written)).toEqual([])
    // and it is all still shown
    expect(written).toContain(text)
  })

  it('plain text is written as it is, without a window', () => {
    core.info('engine: buildx (set by the engine input)')
    expect(written).toBe('engine: buildx (set by the engine input)\n')
  })

  it('withCommandsStopped: lines inside the window are inert, commands after it work again', async () => {
    await core.withCommandsStopped(async write => {
      write('::error::from the build')
      write('::endgroup::')
    })
    core.warning('after')
    expect(runnerCommands(written)).toEqual(['::warning::after'])
  })

  it('the CLI shows lines of a window as text, like the runner', () => {
    core.info('x\n::error::y')
    const t = createCommandTranslator()
    const shown = written
      .split('\n')
      .slice(0, -1)
      .flatMap(l => t(l))
      .map(l => `${l.kind}:${l.text}`)
    expect(shown).toEqual(['log:x', 'log:::error::y'])
  })
})
