import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunk-MFNVSVW2.js";
import "./chunk-7JG2R6KB.js";
import "./chunk-MMIXN554.js";
import "./chunk-MJZGJK4N.js";
import "./chunk-LFUXYI7A.js";
import "./chunk-RRQD6L6J.js";
import "./chunk-V27HPVO2.js";
import "./chunk-6I7YH7XL.js";
import "./chunk-Q4S23IGS.js";
export {
  run
};
