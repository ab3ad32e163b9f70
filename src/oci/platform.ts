// Platforms (os/arch[/variant]): the one place that checks, writes and compares them, so the
// input checks and the reports agree on which spellings name the same platform. Pure.
import type { Descriptor } from './types.js'

export type Platform = NonNullable<Descriptor['platform']>

/** os/arch[/variant]; '' when there is no platform. */
export function platformString(p: Pick<Platform, 'os' | 'architecture' | 'variant'> | undefined): string {
  if (!p) return ''
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`
}

const PLATFORM_RE = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9.]+)?$/

/** Whether `p` is a platform as the platforms input takes it: lowercase os/arch[/variant]. */
export function isPlatform(p: string): boolean {
  return PLATFORM_RE.test(p)
}

/**
 * The canonical spelling, normalised the way buildx does, so that comparisons work:
 * linux/arm64/v8 and linux/aarch64 are linux/arm64, linux/arm is linux/arm/v7.
 */
export function normalizePlatform(p: string): string {
  const [os = '', arch = '', variant] = p.toLowerCase().split('/')
  let a = arch
  let v = variant
  if (a === 'aarch64') a = 'arm64'
  if (a === 'x86_64' || a === 'x86-64') a = 'amd64'
  if (a === 'i386') a = '386'
  if (a === 'armhf') [a, v] = ['arm', 'v7']
  if (a === 'armel') [a, v] = ['arm', 'v6']
  if (a === 'arm64' && (v === 'v8' || v === '8')) v = undefined
  if (a === 'amd64' && v === 'v1') v = undefined
  if (a === 'arm' && (v === undefined || v === '' || v === '7')) v = 'v7'
  if (a === 'arm' && v && /^[568]$/.test(v)) v = `v${v}`
  return v ? `${os}/${a}/${v}` : `${os}/${a}`
}

/** Whether two platform strings name the same platform; '' (no platform) equals only ''. */
export function samePlatform(a: string, b: string): boolean {
  return a === b || (a !== '' && b !== '' && normalizePlatform(a) === normalizePlatform(b))
}
