import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunks/chunk-OLFSIWQ6.js";
import "./chunks/chunk-AZC6V7PD.js";
import "./chunks/chunk-U36HWH7S.js";
import "./chunks/chunk-ZCLOEPBA.js";
import "./chunks/chunk-HW6KOS5H.js";
import "./chunks/chunk-6I7YH7XL.js";
import "./chunks/chunk-Q4S23IGS.js";

// src/entry/post.ts
await run();
