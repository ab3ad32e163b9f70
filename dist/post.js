import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunks/chunk-SY4FRID5.js";
import "./chunks/chunk-4XYAVQ2H.js";
import "./chunks/chunk-HS5KXDJW.js";
import "./chunks/chunk-6I7YH7XL.js";
import "./chunks/chunk-Q4S23IGS.js";

// src/entry/post.ts
await run();
