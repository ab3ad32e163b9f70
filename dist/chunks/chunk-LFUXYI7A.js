import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);

// src/install/checksums.ts
function parseChecksums(text) {
  const sums = /* @__PURE__ */ new Map();
  for (const line of text.split(/\r?\n/)) {
    const m = /^([a-f0-9]{64})\s+\*?(\S+)\s*$/i.exec(line.trim());
    if (m && m[1] && m[2]) sums.set(m[2].replace(/^\.\//, ""), m[1].toLowerCase());
  }
  return sums;
}
function checksumFor(sums, fileName) {
  return sums.get(fileName);
}
function versionFromChecksums(sums, tool = "buildx") {
  for (const name of sums.keys()) {
    const m = new RegExp(`^${tool}-v(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.]+)?)\\.`).exec(name);
    if (m?.[1]) return m[1];
  }
  return void 0;
}

export {
  parseChecksums,
  checksumFor,
  versionFromChecksums
};
