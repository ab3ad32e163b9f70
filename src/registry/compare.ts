// Reads the image a build is compared with over the registry's HTTP API, with the step's logins
// (the docker config): its index, each platform's manifest and config, and the provenance
// statement its base images are named in. Never an image layer. An image that does not exist, or
// cannot be read, is said in words (ComparedImage.missing), never an error.
import { registryReader } from './client.js'
import { parseReference } from './reference.js'
import { ANNOTATIONS, baseFromAnnotations } from '../oci/annotations.js'
import { addBaseImage, withPlatform } from '../oci/base-images.js'
import { configFacts, configPlatform, type ComparedImage, type ComparedPlatform } from '../oci/image-config.js'
import { isIndex, layersOf, parseManifestJson, splitIndex } from '../oci/manifests.js'
import { platformString } from '../oci/platform.js'
import { baseImagesFromProvenance, provenanceLayers } from '../oci/provenance.js'
import { sha256Digest } from '../oci/digest.js'
import type { BaseImage, ImageManifest } from '../oci/types.js'
import { messageOf } from '../errors.js'

type Reader = ReturnType<typeof registryReader>

const statusOf = (e: unknown) => (e as { status?: number }).status

/** The tag or digest a reference names in its repository (latest when it names neither). */
function splitRef(reference: string): { repo: string; ref: string } | undefined {
  const r = parseReference(reference)
  if (!r) return undefined
  return { repo: r.name, ref: r.digest || r.tag || 'latest' }
}

/**
 * The digest `tag` (repository:tag) points at now, '' when the registry has no such tag, undefined
 * when it cannot be read (said in `why`). Read before a push moves the tag.
 */
export async function currentDigest(tag: string): Promise<{ digest: string } | { why: string }> {
  const at = splitRef(tag)
  if (!at) return { why: `${tag} is not an image reference` }
  try {
    return { digest: await registryReader(at.repo, 10_000).servedDigest(at.ref) }
  } catch (e) {
    if (statusOf(e) === 404) return { digest: '' }
    return { why: messageOf(e) }
  }
}

async function platformOf(reader: Reader, platform: string, digest: string, m: ImageManifest): Promise<ComparedPlatform> {
  const layers = layersOf(m)
  const p: ComparedPlatform = { platform, digest, size: layers.reduce((n, l) => n + l.size, 0), layers }
  try {
    const text = await reader.blob(m.config.digest)
    const facts = configFacts(text)
    if (facts) p.config = facts
    if (!platform) p.platform = configPlatform(text)
  } catch {
    // the sizes and layers stand without the config; its changes are then not said
  }
  if (!p.platform) p.platform = 'unknown'
  return p
}

/** The image `reference` names, per platform; `missing` says why there is nothing to compare with. */
export async function readComparedImage(reference: string): Promise<ComparedImage> {
  const none = (missing: string): ComparedImage => ({ reference, digest: '', platforms: [], baseImages: [], missing })
  const at = splitRef(reference)
  if (!at) return none(`${reference} is not an image reference`)
  let reader: Reader
  let rootText: string
  try {
    reader = registryReader(at.repo, 15_000)
    rootText = await reader.manifest(at.ref)
  } catch (e) {
    if (statusOf(e) === 404) return none(`${reference} does not exist: nothing to compare with (a first release?)`)
    return none(`${reference} could not be read: ${messageOf(e)}`)
  }
  try {
    const root = parseManifestJson(rootText, reference)
    const image: ComparedImage = { reference, digest: sha256Digest(rootText), platforms: [], baseImages: [] }
    const bases: BaseImage[] = []
    const addBase = (b: BaseImage | undefined) => {
      if (b) addBaseImage(bases, b)
    }
    if (!isIndex(root)) {
      const p = await platformOf(reader, '', image.digest, root)
      addBase(baseFromAnnotations(root.annotations, p.platform))
      image.platforms.push(p)
      image.baseImages = bases
      return image
    }
    addBase(baseFromAnnotations(root.annotations, ''))
    const { images, attestations } = splitIndex(root)
    const platforms = await Promise.all(
      images.map(async d => {
        const platform = platformString(d.platform) || 'unknown'
        addBase(baseFromAnnotations(d.annotations, platform))
        const m = parseManifestJson(await reader.manifest(d.digest), d.digest)
        if (isIndex(m)) return undefined
        addBase(baseFromAnnotations(m.annotations, platform))
        return platformOf(reader, platform, d.digest, m)
      })
    )
    image.platforms = platforms.filter((p): p is ComparedPlatform => p !== undefined)
    // Base images as its provenance names them: a small in-toto statement per platform, no image layer.
    await Promise.all(
      attestations.map(async a => {
        try {
          const subject = images.find(i => i.digest === a.annotations?.[ANNOTATIONS.referenceDigest])
          const platform = platformString(subject?.platform)
          const m = parseManifestJson(await reader.manifest(a.digest), a.digest)
          if (isIndex(m)) return
          for (const l of provenanceLayers(m)) {
            for (const b of baseImagesFromProvenance(JSON.parse(await reader.blob(l.digest)))) addBase(withPlatform(b, platform))
          }
        } catch {
          // base images then stay unknown
        }
      })
    )
    image.baseImages = bases
    return image
  } catch (e) {
    return none(`${reference} could not be read: ${messageOf(e)}`)
  }
}
