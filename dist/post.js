import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunks/chunk-2ENFIUVW.js";
import "./chunks/chunk-GD7YHTAU.js";
import "./chunks/chunk-FJA7DXTD.js";
import "./chunks/chunk-AYWZIR4M.js";
import "./chunks/chunk-BD33GHV7.js";
import "./chunks/chunk-6I7YH7XL.js";
import "./chunks/chunk-Q4S23IGS.js";

// src/entry/post.ts
await run();
