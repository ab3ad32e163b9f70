import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunks/chunk-5AS4RJBT.js";
import "./chunks/chunk-6B4SVY4W.js";
import "./chunks/chunk-OSGIGOWV.js";
import "./chunks/chunk-E3643OFB.js";
import "./chunks/chunk-V27HPVO2.js";
import "./chunks/chunk-6I7YH7XL.js";
import "./chunks/chunk-Q4S23IGS.js";

// src/entry/post.ts
await run();
