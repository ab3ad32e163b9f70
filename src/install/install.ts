// Installs a released binary: tool-cache hit, or download -> verify sha256 -> cache.
// A binary that does not match its published checksum is never cached or run.
import * as core from '../runner/commands.js'
import * as tc from '@actions/tool-cache'
import { createHash } from 'node:crypto'
import { chmodSync, createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'
import { InputError } from '../errors.js'
import { checksumFor, parseChecksums } from './checksums.js'
import { readTarEntries } from '../oci/tar.js'

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
  /** sha256 of the download pinned by the user: used instead of the checksums file */
  sha256?: string
  /** the download is a .tar.gz and this entry of it is the binary */
  archiveEntry?: string
  /** input to blame for a checksum mismatch, when not `input` */
  checksumInput?: string
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
    // A pinned sha256 names the download: the cached copy must have come from exactly that one.
    const samePin = !a.sha256 || safeRead(`${hit}/.source-sha256`) === a.sha256
    if (recorded && samePin && recorded === (await sha256File(path))) return { path, fromCache: true }
    if (!samePin) core.info(`${a.tool} ${a.version} in the tool cache came from another download than the pinned sha256; downloading again`)
    else core.warning(`${a.tool} ${a.version} in the tool cache does not match its recorded checksum; downloading again`)
  }
  let expected = a.sha256
  if (!expected) {
    const sums = parseChecksums(readFileSync(await download(a.checksumsUrl, a.input), 'utf8'))
    expected = checksumFor(sums, a.fileName)
    if (!expected) throw new InputError(a.input, `the release's checksums file ${a.checksumsUrl} lists no ${a.fileName}`)
  }
  const downloaded = await download(a.url, a.input)
  const actual = await sha256File(downloaded)
  if (actual !== expected) {
    // A download that failed verification is not left where anything could pick it up.
    rmSync(downloaded, { force: true })
    const source = a.sha256 ? 'the pinned sha256' : `the release's checksums file ${a.checksumsUrl}`
    throw new InputError(
      a.checksumInput ?? a.input,
      `checksum mismatch for ${a.fileName} from ${a.url}: ${source} says sha256 ${expected}, the download is ${actual}; refusing to install it`
    )
  }
  const file = a.archiveEntry ? extractEntry(downloaded, a.archiveEntry, a) : downloaded
  chmodSync(file, 0o755)
  const dir = await tc.cacheFile(file, a.cachedName, a.tool, a.version)
  writeFileSync(`${dir}/.sha256`, a.archiveEntry ? await sha256File(file) : actual)
  writeFileSync(`${dir}/.source-sha256`, actual)
  return { path: `${dir}/${a.cachedName}`, fromCache: false }
}

/** Takes one file out of a verified .tar.gz (in process: no tar binary needed). */
function extractEntry(archive: string, entry: string, a: ReleaseAsset): string {
  let files: Map<string, Buffer>
  try {
    files = readTarEntries(gunzipSync(readFileSync(archive)), name => name === entry)
  } catch (e) {
    throw new InputError(a.input, `cannot unpack ${a.fileName}: ${(e as Error).message}`)
  }
  const body = files.get(entry)
  if (!body) throw new InputError(a.input, `${a.fileName} has no ${entry}`)
  const out = path.join(mkdtempSync(path.join(process.env['RUNNER_TEMP'] || os.tmpdir(), `${a.tool}-`)), a.cachedName)
  writeFileSync(out, body)
  return out
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim()
  } catch {
    return ''
  }
}
