import { describe, expect, it } from '@jest/globals'
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { findOnPath } from '../../../src/process/which.js'

describe('findOnPath', () => {
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'bia-which-')))
  const dir = (name: string) => {
    const d = path.join(root, name)
    mkdirSync(d, { recursive: true })
    return d
  }
  const exe = (d: string, mode = 0o755) => {
    const f = path.join(d, 'docker')
    writeFileSync(f, '#!/bin/sh\n')
    chmodSync(f, mode)
    return f
  }
  const notExe = dir('not-exe')
  exe(notExe, 0o644)
  const real = dir('real')
  const docker = exe(real)
  const links = dir('links')
  symlinkSync(docker, path.join(links, 'docker'))
  const folder = dir('folder')
  mkdirSync(path.join(folder, 'docker'))

  it.each<[string, string[], string | undefined]>([
    ['the first executable file on PATH', [dir('empty'), notExe, folder, real], docker],
    ['a symlink, resolved', [links], docker],
    ['a relative PATH entry is skipped', ['.', 'real'], undefined],
    ['none', [dir('none')], undefined]
  ])('%s', (_name, entries, want) => {
    expect(findOnPath('docker', { PATH: entries.join(path.delimiter) })).toBe(want)
  })
})
