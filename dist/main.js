import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  probePluginEarly
} from "./chunks/chunk-IMQEXETX.js";
import {
  processRunner
} from "./chunks/chunk-A4RQGTCT.js";
import "./chunks/chunk-BD33GHV7.js";
import "./chunks/chunk-6I7YH7XL.js";
import "./chunks/chunk-Q4S23IGS.js";

// src/entry/main.ts
var buildxVersion = process.env["INPUT_BUILDX-VERSION"] ?? "";
if (buildxVersion === "" || buildxVersion === "installed") probePluginEarly(processRunner);
var { run } = await import("./chunks/main-VIEEQLOR.js");
await run();
