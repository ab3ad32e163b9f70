// A release mirror that refuses every download, for the tests of what an install failure blames.
import { jest } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'

/** A release mirror on 127.0.0.1 that refuses every download (403). */
export async function refusingMirror(): Promise<{ base: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(403)
    res.end()
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mirror`,
    close: () => new Promise<void>(resolve => server.close(() => resolve()))
  }
}

/** The tool cache's directories, private to the test; its debug lines kept out of the test output. */
export function withToolCache(): () => void {
  const saved = { ...process.env }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bia-mirror-'))
  process.env['RUNNER_TOOL_CACHE'] = path.join(dir, 'cache')
  process.env['RUNNER_TEMP'] = path.join(dir, 'temp')
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
  return () => {
    out.mockRestore()
    process.env = saved
    rmSync(dir, { recursive: true, force: true })
  }
}
