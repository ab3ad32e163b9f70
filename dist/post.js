import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunks/chunk-5UZGQCHW.js";
import "./chunks/chunk-BPJTYOUR.js";
import "./chunks/chunk-HGIHVMGA.js";
import "./chunks/chunk-ZCLOEPBA.js";
import "./chunks/chunk-HW6KOS5H.js";
import "./chunks/chunk-6I7YH7XL.js";
import "./chunks/chunk-Q4S23IGS.js";

// src/entry/post.ts
await run();
