import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  cacheFile,
  downloadTool,
  find
} from "./chunk-XWTTF6NJ.js";
import "./chunk-EN44LDPI.js";
import {
  checksumFor,
  parseChecksums,
  readTarEntries,
  warning
} from "./chunk-2XNRSSTS.js";
import {
  InputError,
  messageOf
} from "./chunk-BD33GHV7.js";
import "./chunk-6I7YH7XL.js";
import "./chunk-Q4S23IGS.js";

// src/install/install.ts
import { createHash } from "node:crypto";
import { chmodSync, createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import { gunzipSync } from "node:zlib";
async function sha256File(path2) {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path2)) hash.update(chunk);
  return hash.digest("hex");
}
async function download(url, input) {
  try {
    return await downloadTool(url);
  } catch (e) {
    throw new InputError(input, `cannot download ${url}: ${messageOf(e)}`);
  }
}
async function expectedSha256(a) {
  if (a.sha256) return a.sha256;
  const sums = parseChecksums(readFileSync(await download(a.checksumsUrl, a.input), "utf8"));
  const expected = checksumFor(sums, a.fileName);
  if (!expected) throw new InputError(a.input, `the release's checksums file ${a.checksumsUrl} lists no ${a.fileName}`);
  return expected;
}
function privateDir(a) {
  return mkdtempSync(path.join(process.env["RUNNER_TEMP"] || os.tmpdir(), `${a.tool}-run-`));
}
async function privateCopy(from, tool, name) {
  const out = path.join(privateDir({ tool }), name);
  const hash = createHash("sha256");
  const hashing = new Transform({
    transform(chunk, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    }
  });
  await pipeline(createReadStream(from), hashing, createWriteStream(out, { mode: 448 }));
  return { path: out, sha256: hash.digest("hex") };
}
async function verifiedCopy(from, expected, a) {
  if (a.archiveEntry) {
    const dir = privateDir(a);
    const out = path.join(dir, a.cachedName);
    const bytes = readFileSync(from);
    const actual = createHash("sha256").update(bytes).digest("hex");
    if (actual !== expected) {
      rmSync(dir, { recursive: true, force: true });
      return { actual };
    }
    writeFileSync(out, extractEntry(bytes, a.archiveEntry, a), { mode: 493 });
    return { path: out, actual };
  }
  const copy = await privateCopy(from, a.tool, a.cachedName);
  if (copy.sha256 !== expected) {
    rmSync(path.dirname(copy.path), { recursive: true, force: true });
    return { actual: copy.sha256 };
  }
  chmodSync(copy.path, 493);
  return { path: copy.path, actual: copy.sha256 };
}
async function installVerified(a) {
  const against = a.sha256 ? "the pinned sha256" : `the release's checksums file ${a.checksumsUrl}`;
  const expected = await expectedSha256(a);
  const hit = find(a.tool, a.version);
  if (hit) {
    let copy2 = { actual: "missing" };
    try {
      copy2 = await verifiedCopy(path.join(hit, a.fileName), expected, a);
    } catch {
    }
    if (copy2.path) return { path: copy2.path, fromCache: true, against };
    warning(`${a.tool} ${a.version} in the tool cache does not match ${against}; downloading again`);
  }
  const downloaded = await download(a.url, a.input);
  const copy = await verifiedCopy(downloaded, expected, a);
  if (!copy.path) {
    rmSync(downloaded, { force: true });
    throw new InputError(
      a.checksumInput ?? a.input,
      `checksum mismatch for ${a.fileName} from ${a.url}: ${against} says sha256 ${expected}, the download is ${copy.actual}; refusing to install it`
    );
  }
  await cacheFile(downloaded, a.fileName, a.tool, a.version);
  rmSync(downloaded, { force: true });
  return { path: copy.path, fromCache: false, against };
}
function extractEntry(archive, entry, a) {
  let files;
  try {
    files = readTarEntries(gunzipSync(archive), (name) => name === entry);
  } catch (e) {
    throw new InputError(a.input, `cannot unpack ${a.fileName}: ${messageOf(e)}`);
  }
  const body = files.get(entry);
  if (!body) throw new InputError(a.input, `${a.fileName} has no ${entry}`);
  return body;
}
export {
  installVerified,
  privateCopy,
  sha256File
};
