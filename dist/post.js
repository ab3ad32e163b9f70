import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunks/chunk-S3K5VY23.js";
import "./chunks/chunk-76AIQTNP.js";
import "./chunks/chunk-PINWN6TD.js";
import "./chunks/chunk-AYWZIR4M.js";
import "./chunks/chunk-7C55G7BA.js";
import "./chunks/chunk-6I7YH7XL.js";
import "./chunks/chunk-Q4S23IGS.js";

// src/entry/post.ts
await run();
