import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  probePluginEarly
} from "./chunks/chunk-7INN5QP6.js";
import {
  processRunner
} from "./chunks/chunk-U36HWH7S.js";
import "./chunks/chunk-HW6KOS5H.js";
import "./chunks/chunk-6I7YH7XL.js";
import "./chunks/chunk-Q4S23IGS.js";

// src/entry/main.ts
var buildxVersion = process.env["INPUT_BUILDX-VERSION"] ?? "";
if (buildxVersion === "" || buildxVersion === "installed") probePluginEarly(processRunner);
var { run } = await import("./chunks/main-VMUBGJAL.js");
await run();
