import { describe, expect, it } from '@jest/globals'
import { buildToolRunner, childEnv, processRunner, STREAMED_TAIL_BYTES } from '../../../src/process/exec.js'

describe('childEnv', () => {
  it('drops the action inputs and post state, keeps everything else', () => {
    const env = {
      PATH: '/bin',
      INPUT_PASSWORD: 'p',
      'INPUT_DEPOT-TOKEN': 't',
      INPUT_SECRETS: 'id=v',
      input_lower: 'x',
      STATE_state: '{}',
      DEPOT_TOKEN: 'kept on purpose',
      ACTIONS_RUNTIME_TOKEN: 'gha cache',
      MY_INPUT_X: 'not an input'
    }
    expect(childEnv(env)).toEqual({
      PATH: '/bin',
      DEPOT_TOKEN: 'kept on purpose',
      ACTIONS_RUNTIME_TOKEN: 'gha cache',
      MY_INPUT_X: 'not an input'
    })
  })

  it('is what a started process sees', async () => {
    const r = await processRunner.run('env', [], { env: { PATH: process.env['PATH'], INPUT_PASSWORD: 'p', KEEP: 'k' } })
    expect(r.stdout).toContain('KEEP=k')
    expect(r.stdout).not.toContain('INPUT_PASSWORD')
  })
})

describe('buildToolRunner', () => {
  it('a build tool gets the gha cache variables, never the OIDC request ones', async () => {
    const env = {
      PATH: process.env['PATH'],
      ACTIONS_ID_TOKEN_REQUEST_URL: 'http://x/token',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc',
      ACTIONS_RUNTIME_TOKEN: 'rt',
      ACTIONS_CACHE_URL: 'http://c/',
      ACTIONS_RESULTS_URL: 'http://r/'
    }
    const r = await buildToolRunner(processRunner).run('env', [], { env })
    expect(r.stdout).not.toContain('ACTIONS_ID_TOKEN_REQUEST')
    for (const k of ['ACTIONS_RUNTIME_TOKEN=rt', 'ACTIONS_CACHE_URL=http://c/', 'ACTIONS_RESULTS_URL=http://r/'])
      expect(r.stdout).toContain(k)
  })
})

describe('a streamed command keeps a bounded tail', () => {
  it('40 MB of output: every line reaches onLine, the result keeps at most the last MiB of each stream', async () => {
    let lines = 0
    let chars = 0
    const r = await processRunner.run(
      process.execPath,
      ['-e', 'const l = "x".repeat(999) + "\\n"; for (let i = 0; i < 40000; i++) process.stdout.write(l); process.stdout.write("last")'],
      { onLine: l => ((lines += 1), (chars += l.length)) }
    )
    expect(r.code).toBe(0)
    expect(lines).toBe(40001)
    expect(chars).toBe(40000 * 999 + 4)
    expect(r.stdout.length).toBeLessThanOrEqual(STREAMED_TAIL_BYTES)
    expect(r.stdout.endsWith('x\nlast')).toBe(true)
  })

  it('a line without end is passed on in pieces, not held whole', async () => {
    const pieces: number[] = []
    await processRunner.run(process.execPath, ['-e', 'process.stdout.write("y".repeat(5 * 1024 * 1024))'], {
      onLine: l => pieces.push(l.length)
    })
    expect(pieces.reduce((a, b) => a + b, 0)).toBe(5 * 1024 * 1024)
    expect(Math.max(...pieces)).toBeLessThanOrEqual(64 * 1024)
  })

  it('a command that is not streamed keeps all of its output', async () => {
    const r = await processRunner.run(process.execPath, ['-e', 'process.stdout.write("z".repeat(3 * 1024 * 1024))'])
    expect(r.stdout.length).toBe(3 * 1024 * 1024)
  })
})
