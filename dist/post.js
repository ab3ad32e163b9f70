import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunks/chunk-RH456RCY.js";
import "./chunks/chunk-RO7RLPCV.js";
import "./chunks/chunk-6RPHN3LE.js";
import "./chunks/chunk-HELQCKR3.js";
import "./chunks/chunk-V27HPVO2.js";
import "./chunks/chunk-6I7YH7XL.js";
import "./chunks/chunk-Q4S23IGS.js";

// src/entry/post.ts
await run();
