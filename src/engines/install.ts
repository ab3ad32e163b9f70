// Installs a released binary: tool-cache hit, or download -> verify sha256 -> cache.
// A binary that does not match its published checksum is never cached or run.
import * as core from '@actions/core'
import * as tc from '@actions/tool-cache'
import { createHash } from 'node:crypto'
import { chmodSync, createReadStream, readFileSync, writeFileSync } from 'node:fs'
import { InputError } from '../lists.js'
import { checksumFor, parseChecksums } from '../checksums.js'

export interface ReleaseAsset {
  /** tool-cache name, e.g. buildx */
  tool: string
  version: string
  /** file name inside the tool-cache dir, e.g. docker-buildx */
  cachedName: string
  url: string
  checksumsUrl: string
  /** release file name as listed in the checksums file */
  fileName: string
  /** input to blame for a bad download */
  input: string
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

async function download(url: string, input: string): Promise<string> {
  try {
    return await tc.downloadTool(url)
  } catch (e) {
    throw new InputError(input, `cannot download ${url}: ${(e as Error).message}`)
  }
}

/** Returns the path of the verified binary. `fromCache` tells whether the download was skipped. */
export async function installVerified(a: ReleaseAsset): Promise<{ path: string; fromCache: boolean }> {
  const hit = tc.find(a.tool, a.version)
  if (hit) {
    const path = `${hit}/${a.cachedName}`
    // Re-verify a cache hit's recorded digest: the cache is a directory anyone on the runner can write.
    const recorded = safeRead(`${hit}/.sha256`)
    if (recorded && recorded === (await sha256File(path))) return { path, fromCache: true }
    core.warning(`${a.tool} ${a.version} in the tool cache does not match its recorded checksum; downloading again`)
  }
  const sums = parseChecksums(readFileSync(await download(a.checksumsUrl, a.input), 'utf8'))
  const expected = checksumFor(sums, a.fileName)
  if (!expected) throw new InputError(a.input, `the release's checksums file ${a.checksumsUrl} lists no ${a.fileName}`)
  const file = await download(a.url, a.input)
  const actual = await sha256File(file)
  if (actual !== expected) {
    throw new InputError(a.input, `checksum mismatch for ${a.fileName} from ${a.url}: expected sha256 ${expected}, got ${actual}; refusing to install it`)
  }
  chmodSync(file, 0o755)
  const dir = await tc.cacheFile(file, a.cachedName, a.tool, a.version)
  writeFileSync(`${dir}/.sha256`, actual)
  return { path: `${dir}/${a.cachedName}`, fromCache: false }
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim()
  } catch {
    return ''
  }
}
