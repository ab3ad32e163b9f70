// Installs a released binary: the tool cache keeps each release file exactly as published (the
// binary, or the archive that holds it), and every run verifies it again against a checksum that
// does not live in the cache (the pinned sha256, else the release's checksums file fetched again),
// copying it to a private folder while hashing: what runs is exactly the bytes that were verified.
// A file that does not match is never cached or run.
import * as core from '../runner/commands.js'
import * as tc from '@actions/tool-cache'
import { createHash } from 'node:crypto'
import { chmodSync, createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { Transform } from 'node:stream'
import { gunzipSync } from 'node:zlib'
import { InputError, messageOf } from '../errors.js'
import { checksumFor, parseChecksums } from './checksums.js'
import { readTarEntries } from '../oci/tar.js'

export interface ReleaseAsset {
  /** tool-cache name, e.g. buildx */
  tool: string
  version: string
  /** the binary's file name where it runs from, e.g. docker-buildx */
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
    throw new InputError(input, `cannot download ${url}: ${messageOf(e)}`)
  }
}

/** The sha256 the release file must have: the pin, else the release's checksums file, fetched now. */
async function expectedSha256(a: ReleaseAsset): Promise<string> {
  if (a.sha256) return a.sha256
  const sums = parseChecksums(readFileSync(await download(a.checksumsUrl, a.input), 'utf8'))
  const expected = checksumFor(sums, a.fileName)
  if (!expected) throw new InputError(a.input, `the release's checksums file ${a.checksumsUrl} lists no ${a.fileName}`)
  return expected
}

/** A folder only this run writes to (mkdtemp makes it 0700): what runs from it cannot be swapped. */
function privateDir(a: Pick<ReleaseAsset, 'tool'>): string {
  return mkdtempSync(path.join(process.env['RUNNER_TEMP'] || os.tmpdir(), `${a.tool}-run-`))
}

/** Copies a binary into a private folder, hashing the very bytes it writes: its path there and their sha256. */
export async function privateCopy(from: string, tool: string, name: string): Promise<{ path: string; sha256: string }> {
  const out = path.join(privateDir({ tool }), name)
  const hash = createHash('sha256')
  const hashing = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk)
      done(null, chunk)
    }
  })
  await pipeline(createReadStream(from), hashing, createWriteStream(out, { mode: 0o700 }))
  return { path: out, sha256: hash.digest('hex') }
}

/**
 * Copies the release file `from` into a private folder, hashing the very bytes it writes (a
 * binary), or reads it once, hashes and unpacks it from memory (an archive). Returns the binary's
 * path, or the digest found when it is not `expected` (nothing is left behind then).
 */
async function verifiedCopy(from: string, expected: string, a: ReleaseAsset): Promise<{ path?: string; actual: string }> {
  if (a.archiveEntry) {
    const dir = privateDir(a)
    const out = path.join(dir, a.cachedName)
    const bytes = readFileSync(from)
    const actual = createHash('sha256').update(bytes).digest('hex')
    if (actual !== expected) {
      rmSync(dir, { recursive: true, force: true })
      return { actual }
    }
    writeFileSync(out, extractEntry(bytes, a.archiveEntry, a), { mode: 0o755 })
    return { path: out, actual }
  }
  const copy = await privateCopy(from, a.tool, a.cachedName)
  if (copy.sha256 !== expected) {
    rmSync(path.dirname(copy.path), { recursive: true, force: true })
    return { actual: copy.sha256 }
  }
  chmodSync(copy.path, 0o755)
  return { path: copy.path, actual: copy.sha256 }
}

/**
 * Returns the path of the verified binary (a private copy). `fromCache` tells whether the download
 * was skipped; `against` names what it was verified with.
 */
export async function installVerified(a: ReleaseAsset): Promise<{ path: string; fromCache: boolean; against: string }> {
  const against = a.sha256 ? 'the pinned sha256' : `the release's checksums file ${a.checksumsUrl}`
  const expected = await expectedSha256(a)
  const hit = tc.find(a.tool, a.version)
  if (hit) {
    // The cache is a folder anything on a persistent runner may write: nothing in it is trusted.
    let copy: { path?: string; actual: string } = { actual: 'missing' }
    try {
      copy = await verifiedCopy(path.join(hit, a.fileName), expected, a)
    } catch {
      // missing or unreadable (a cache entry of an older layout): downloaded again below
    }
    if (copy.path) return { path: copy.path, fromCache: true, against }
    core.warning(`${a.tool} ${a.version} in the tool cache does not match ${against}; downloading again`)
  }
  const downloaded = await download(a.url, a.input)
  const copy = await verifiedCopy(downloaded, expected, a)
  if (!copy.path) {
    // A download that failed verification is not left where anything could pick it up.
    rmSync(downloaded, { force: true })
    throw new InputError(
      a.checksumInput ?? a.input,
      `checksum mismatch for ${a.fileName} from ${a.url}: ${against} says sha256 ${expected}, the download is ${copy.actual}; refusing to install it`
    )
  }
  // Cached as published, for the next run to verify again; this run uses its private copy.
  await tc.cacheFile(downloaded, a.fileName, a.tool, a.version)
  rmSync(downloaded, { force: true })
  return { path: copy.path, fromCache: false, against }
}

/** Takes one file out of a verified .tar.gz (in process: no tar binary needed). */
function extractEntry(archive: Buffer, entry: string, a: ReleaseAsset): Buffer {
  let files: Map<string, Buffer>
  try {
    files = readTarEntries(gunzipSync(archive), name => name === entry)
  } catch (e) {
    throw new InputError(a.input, `cannot unpack ${a.fileName}: ${messageOf(e)}`)
  }
  const body = files.get(entry)
  if (!body) throw new InputError(a.input, `${a.fileName} has no ${entry}`)
  return body
}
