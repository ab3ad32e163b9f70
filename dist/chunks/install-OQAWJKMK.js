import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  cacheFile,
  downloadTool,
  find
} from "./chunk-E2ULSIXK.js";
import "./chunk-WA3PO4NQ.js";
import {
  checksumFor,
  parseChecksums
} from "./chunk-LFUXYI7A.js";
import {
  info,
  readTarEntries,
  warning
} from "./chunk-RRQD6L6J.js";
import {
  InputError
} from "./chunk-V27HPVO2.js";
import "./chunk-6I7YH7XL.js";
import "./chunk-Q4S23IGS.js";

// src/install/install.ts
import { createHash } from "node:crypto";
import { chmodSync, createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
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
    throw new InputError(input, `cannot download ${url}: ${e.message}`);
  }
}
async function installVerified(a) {
  const hit = find(a.tool, a.version);
  if (hit) {
    const path2 = `${hit}/${a.cachedName}`;
    const recorded = safeRead(`${hit}/.sha256`);
    const samePin = !a.sha256 || safeRead(`${hit}/.source-sha256`) === a.sha256;
    if (recorded && samePin && recorded === await sha256File(path2)) return { path: path2, fromCache: true };
    if (!samePin) info(`${a.tool} ${a.version} in the tool cache came from another download than the pinned sha256; downloading again`);
    else warning(`${a.tool} ${a.version} in the tool cache does not match its recorded checksum; downloading again`);
  }
  let expected = a.sha256;
  if (!expected) {
    const sums = parseChecksums(readFileSync(await download(a.checksumsUrl, a.input), "utf8"));
    expected = checksumFor(sums, a.fileName);
    if (!expected) throw new InputError(a.input, `the release's checksums file ${a.checksumsUrl} lists no ${a.fileName}`);
  }
  const downloaded = await download(a.url, a.input);
  const actual = await sha256File(downloaded);
  if (actual !== expected) {
    rmSync(downloaded, { force: true });
    const source = a.sha256 ? "the pinned sha256" : `the release's checksums file ${a.checksumsUrl}`;
    throw new InputError(
      a.checksumInput ?? a.input,
      `checksum mismatch for ${a.fileName} from ${a.url}: ${source} says sha256 ${expected}, the download is ${actual}; refusing to install it`
    );
  }
  const file = a.archiveEntry ? extractEntry(downloaded, a.archiveEntry, a) : downloaded;
  chmodSync(file, 493);
  const dir = await cacheFile(file, a.cachedName, a.tool, a.version);
  writeFileSync(`${dir}/.sha256`, a.archiveEntry ? await sha256File(file) : actual);
  writeFileSync(`${dir}/.source-sha256`, actual);
  return { path: `${dir}/${a.cachedName}`, fromCache: false };
}
function extractEntry(archive, entry, a) {
  let files;
  try {
    files = readTarEntries(gunzipSync(readFileSync(archive)), (name) => name === entry);
  } catch (e) {
    throw new InputError(a.input, `cannot unpack ${a.fileName}: ${e.message}`);
  }
  const body = files.get(entry);
  if (!body) throw new InputError(a.input, `${a.fileName} has no ${entry}`);
  const out = path.join(mkdtempSync(path.join(process.env["RUNNER_TEMP"] || os.tmpdir(), `${a.tool}-`)), a.cachedName);
  writeFileSync(out, body);
  return out;
}
function safeRead(path2) {
  try {
    return readFileSync(path2, "utf8").trim();
  } catch {
    return "";
  }
}
export {
  installVerified,
  sha256File
};
