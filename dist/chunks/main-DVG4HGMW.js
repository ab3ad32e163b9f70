import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunk-YR4GBE7Y.js";
import "./chunk-H4UVL2QK.js";
import "./chunk-KMWGXZFO.js";
import "./chunk-KZNOGIWK.js";
import "./chunk-LFUXYI7A.js";
import "./chunk-2PZJSIAM.js";
import "./chunk-V27HPVO2.js";
import "./chunk-6I7YH7XL.js";
import "./chunk-Q4S23IGS.js";
export {
  run
};
