// A minimal reader for uncompressed (ustar/pax) tar archives, enough for an OCI layout tarball. Pure.

function field(buf: Buffer, start: number, len: number): string {
  const raw = buf.subarray(start, start + len)
  const nul = raw.indexOf(0)
  return raw.subarray(0, nul < 0 ? raw.length : nul).toString('utf8')
}

/** Where a regular file's body lies in the archive. */
export interface TarEntry {
  offset: number
  size: number
}

/**
 * Lists the regular files of an archive whose names `want` accepts, reading only headers (and pax
 * or long-name records) through `readAt`: bodies are skipped over, never read. `size` is the
 * archive's length. Names are normalized without a leading './'.
 */
export function indexTarEntries(
  readAt: (offset: number, length: number) => Buffer,
  size: number,
  want: (name: string) => boolean
): Map<string, TarEntry> {
  const entries = new Map<string, TarEntry>()
  let off = 0
  let longName = ''
  while (off + 512 <= size) {
    const header = readAt(off, 512)
    if (header.every(b => b === 0)) break
    const bodySize = parseInt(field(header, 124, 12).trim() || '0', 8)
    if (Number.isNaN(bodySize)) throw new Error(`corrupt tar header at offset ${off}`)
    const type = String.fromCharCode(header[156] ?? 0)
    const prefix = field(header, 345, 155)
    let name = longName || (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100))
    longName = ''
    if (off + 512 + bodySize > size) throw new Error(`truncated tar archive: entry at offset ${off} needs ${bodySize} bytes`)
    if (type === 'x') {
      const m = /\d+ path=([^\n]*)\n/.exec(readAt(off + 512, bodySize).toString('utf8'))
      if (m?.[1]) longName = m[1]
    } else if (type === 'L') {
      longName = readAt(off + 512, bodySize)
        .toString('utf8')
        .replace(/\0+$/, '')
    } else if (type === '0' || type === '\0') {
      name = name.replace(/^\.\//, '')
      if (want(name)) entries.set(name, { offset: off + 512, size: bodySize })
    }
    off += 512 + Math.ceil(bodySize / 512) * 512
  }
  return entries
}

/** Reads the regular files whose names `want` accepts from an archive in memory. */
export function readTarEntries(buf: Buffer, want: (name: string) => boolean): Map<string, Buffer> {
  const readAt = (offset: number, length: number) => buf.subarray(offset, offset + length)
  const files = new Map<string, Buffer>()
  for (const [name, e] of indexTarEntries(readAt, buf.length, want)) files.set(name, Buffer.from(readAt(e.offset, e.size)))
  return files
}

/** One ustar header block (names up to 100 bytes: an OCI layout's names are shorter). */
function tarHeader(name: string, size: number, mode: number, type: '0' | '5'): Buffer {
  const h = Buffer.alloc(512)
  if (Buffer.byteLength(name) > 100) throw new Error(`tar entry name too long: ${name}`)
  h.write(name, 0, 100, 'utf8')
  h.write(`${mode.toString(8).padStart(7, '0')}\0`, 100, 'ascii')
  h.write('0000000\0', 108, 'ascii')
  h.write('0000000\0', 116, 'ascii')
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii')
  h.write('00000000000\0', 136, 'ascii')
  h.write(type, 156, 'ascii')
  h.write('ustar\0' + '00', 257, 'ascii')
  h.fill(0x20, 148, 156)
  let sum = 0
  for (const b of h) sum += b
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii')
  return h
}

/** One archive member: a folder (no data) or a file, its header and its body padded to 512 bytes. */
export function tarMember(name: string, data: Buffer | undefined, mode: number): Buffer {
  if (!data) return tarHeader(name, 0, mode, '5')
  const pad = (512 - (data.length % 512)) % 512
  return Buffer.concat([tarHeader(name, data.length, mode, '0'), data, Buffer.alloc(pad)])
}

/** What ends an archive: two zero blocks. */
export const TAR_END = Buffer.alloc(1024)
