import { describe, it, expect } from '@jest/globals'
import { indexTarEntries, readTarEntries } from '../../../src/oci/tar.js'

// Tar archives are built by hand here: 512-byte ustar headers, bodies padded to 512 bytes,
// and two zero blocks at the end.

interface HeaderOpts {
  type?: string
  prefix?: string
  /** raw text for the 12-byte size field, instead of the octal of the body length */
  sizeField?: string
}

function header(name: string, size: number, opts: HeaderOpts = {}): Buffer {
  const h = Buffer.alloc(512)
  h.write(name, 0, 100, 'utf8')
  h.write('0000644\0', 100, 'ascii') // mode
  h.write('0000000\0', 108, 'ascii') // uid
  h.write('0000000\0', 116, 'ascii') // gid
  h.write(opts.sizeField ?? `${size.toString(8).padStart(11, '0')}\0`, 124, 12, 'ascii')
  h.write('14650300000\0', 136, 'ascii') // mtime
  h.write(opts.type ?? '0', 156, 1, 'latin1')
  h.write('ustar\0', 257, 'ascii')
  h.write('00', 263, 'ascii')
  if (opts.prefix) h.write(opts.prefix, 345, 155, 'utf8')
  // checksum: sum of all header bytes with the checksum field taken as eight spaces
  h.fill(0x20, 148, 156)
  let sum = 0
  for (const b of h) sum += b
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii')
  return h
}

function pad(body: Buffer): Buffer {
  const rest = body.length % 512
  return rest === 0 ? body : Buffer.concat([body, Buffer.alloc(512 - rest)])
}

function entry(name: string, body: string | Buffer = '', opts: HeaderOpts = {}): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  return Buffer.concat([header(name, b.length, opts), pad(b)])
}

/** A pax record is "<length> <key>=<value>\n", where length counts the whole record. */
function paxRecord(key: string, value: string): string {
  const rest = ` ${key}=${value}\n`
  let len = Buffer.byteLength(rest) + 1
  while (String(len).length + Buffer.byteLength(rest) !== len) len++
  return `${len}${rest}`
}

function pax(records: Array<[string, string]>, type = 'x'): Buffer {
  return entry('PaxHeaders.0/x', records.map(([k, v]) => paxRecord(k, v)).join(''), { type })
}

const END = Buffer.alloc(1024)
const tar = (...parts: Buffer[]) => Buffer.concat([...parts, END])
const all = () => true
const read = (buf: Buffer, want: (n: string) => boolean = all) =>
  Object.fromEntries([...readTarEntries(buf, want)].map(([k, v]) => [k, v.toString('utf8')]))

const LONG = `blobs/sha256/${'0123456789abcdef'.repeat(4)}/${'n'.repeat(60)}`

describe('test helpers', () => {
  it('write a valid header checksum and a 250-byte pax record of the right length', () => {
    const h = header('a', 5)
    let sum = 0
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : (h[i] ?? 0)
    expect(parseInt(h.subarray(148, 154).toString('ascii'), 8)).toBe(sum)
    const r = paxRecord('path', 'x'.repeat(240))
    expect(Buffer.byteLength(r)).toBe(Number(r.split(' ')[0]))
    expect(LONG.length).toBeGreaterThan(100)
  })
})

describe('readTarEntries', () => {
  it.each<[string, Buffer, Record<string, string>]>([
    ['one file', tar(entry('index.json', '{"schemaVersion":2}')), { 'index.json': '{"schemaVersion":2}' }],
    ['empty file', tar(entry('oci-layout', '')), { 'oci-layout': '' }],
    ['body of exactly 512 bytes', tar(entry('a', 'x'.repeat(512)), entry('b', 'y')), { a: 'x'.repeat(512), b: 'y' }],
    ['body of 513 bytes is padded', tar(entry('a', 'x'.repeat(513)), entry('b', 'y')), { a: 'x'.repeat(513), b: 'y' }],
    [
      "'./' prefix removed",
      tar(entry('./index.json', '{}'), entry('./blobs/sha256/ab', 'blob')),
      { 'index.json': '{}', 'blobs/sha256/ab': 'blob' }
    ],
    [
      'directories and symlinks skipped',
      tar(
        entry('blobs/', '', { type: '5' }),
        entry('blobs/sha256/', '', { type: '5' }),
        entry('link', '', { type: '2' }),
        entry('blobs/sha256/ab', 'x')
      ),
      { 'blobs/sha256/ab': 'x' }
    ],
    ['old-style regular file (typeflag NUL)', tar(entry('old.txt', 'v7', { type: '\0' })), { 'old.txt': 'v7' }],
    ['ustar prefix field', tar(entry('cafe', 'p', { prefix: 'blobs/sha256' })), { 'blobs/sha256/cafe': 'p' }],
    ['pax path longer than 100 characters', tar(pax([['path', LONG]]), entry(LONG.slice(0, 100), 'long')), { [LONG]: 'long' }],
    [
      'pax path among other records, with a ./ prefix',
      tar(
        pax([
          ['mtime', '1700000000.5'],
          ['path', `./${LONG}`],
          ['uid', '0']
        ]),
        entry('ignored-short-name', 'long2')
      ),
      { [LONG]: 'long2' }
    ],
    [
      'pax path applies to the next entry only',
      tar(pax([['path', 'renamed']]), entry('a', '1'), entry('b', '2')),
      { renamed: '1', b: '2' }
    ],
    [
      'pax header without a path keeps the name',
      tar(
        pax([
          ['mtime', '1'],
          ['linkpath', 'elsewhere']
        ]),
        entry('kept', 'k')
      ),
      { kept: 'k' }
    ],
    ['pax global header renames nothing', tar(pax([['comment', 'hi']], 'g'), entry('plain', 'g')), { plain: 'g' }],
    ['GNU long name', tar(entry('././@LongLink', `${LONG}\0`, { type: 'L' }), entry(LONG.slice(0, 99), 'gnu')), { [LONG]: 'gnu' }],
    ['size field terminated by a space', tar(entry('sp', 'abc', { sizeField: '00000000003 ' })), { sp: 'abc' }],
    ['size field with leading spaces', tar(entry('sp2', 'abcd', { sizeField: '         4\0' })), { sp2: 'abcd' }],
    ['reading stops at the zero blocks', Buffer.concat([entry('first', '1'), END, entry('after-end', '2')]), { first: '1' }],
    ['archive without end blocks', Buffer.concat([entry('a', '1'), entry('b', '2')]), { a: '1', b: '2' }],
    ['empty archive', END, {}],
    ['empty buffer', Buffer.alloc(0), {}]
  ])('%s', (_what, buf, want) => {
    expect(read(buf)).toEqual(want)
  })

  it('returns only the entries the filter accepts, with normalized names', () => {
    const buf = tar(
      entry('./index.json', '{}'),
      entry('./oci-layout', '{"imageLayoutVersion":"1.0.0"}'),
      entry('./blobs/sha256/aa', 'A'),
      entry('manifest.json', '[]')
    )
    const seen: string[] = []
    const got = read(buf, n => {
      seen.push(n)
      return n === 'index.json' || n.startsWith('blobs/')
    })
    expect(got).toEqual({ 'index.json': '{}', 'blobs/sha256/aa': 'A' })
    expect(seen).toEqual(['index.json', 'oci-layout', 'blobs/sha256/aa', 'manifest.json'])
  })

  it('returns copies that do not alias the archive buffer', () => {
    const buf = tar(entry('f', 'abc'))
    const f = readTarEntries(buf, all).get('f')
    buf.fill(0)
    expect(f?.toString('utf8')).toBe('abc')
  })

  it('keeps binary bodies byte for byte', () => {
    const body = Buffer.from([0, 1, 2, 255, 0, 128])
    expect(readTarEntries(tar(entry('bin', body)), all).get('bin')).toEqual(body)
  })

  it('throws on a size field that is not octal', () => {
    expect(() => readTarEntries(tar(entry('bad', 'x', { sizeField: 'zzzzzzzzzzz\0' })), all)).toThrow('corrupt tar header at offset 0')
  })

  it('throws on an entry cut short, instead of returning part of it', () => {
    const whole = tar(entry('a', '1'), entry('big', 'x'.repeat(2000)))
    expect(() => readTarEntries(whole.subarray(0, 1024 + 512 + 700), all)).toThrow(/truncated tar archive: entry at offset 1024/)
  })
})

describe('indexTarEntries reads headers, never bodies', () => {
  it('finds index.json and the manifest behind an 8 MiB layer, reading only headers', () => {
    const layer = Buffer.alloc(8 << 20, 7)
    const buf = tar(
      entry('oci-layout', '{"imageLayoutVersion":"1.0.0"}'),
      entry('blobs/sha256/layer', layer),
      entry('blobs/sha256/manifest', '{"m":1}'),
      pax([['path', 'blobs/sha256/' + 'c'.repeat(120)]]),
      entry('short-name', '{"long":1}'),
      entry('index.json', '{"i":1}')
    )
    let bytesRead = 0
    const readAt = (o: number, n: number) => ((bytesRead += n), buf.subarray(o, o + n))
    const found = indexTarEntries(readAt, buf.length, n => n === 'index.json' || n.startsWith('blobs/'))
    expect([...found.keys()]).toEqual(['blobs/sha256/layer', 'blobs/sha256/manifest', `blobs/sha256/${'c'.repeat(120)}`, 'index.json'])
    // six headers and one pax record: no body
    expect(bytesRead).toBeLessThan(8 * 512)
    const m = found.get('blobs/sha256/manifest')
    expect(buf.subarray(m?.offset, (m?.offset ?? 0) + (m?.size ?? 0)).toString()).toBe('{"m":1}')
    expect(found.get('blobs/sha256/layer')?.size).toBe(8 << 20)
  })
})
