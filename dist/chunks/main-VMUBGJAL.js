import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunk-C2KRX7XA.js";
import "./chunk-7INN5QP6.js";
import "./chunk-ENMY56IG.js";
import "./chunk-U36HWH7S.js";
import "./chunk-LFUXYI7A.js";
import "./chunk-ZCLOEPBA.js";
import "./chunk-HW6KOS5H.js";
import "./chunk-6I7YH7XL.js";
import "./chunk-Q4S23IGS.js";
export {
  run
};
