import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunk-P5MYJ6XC.js";
import "./chunk-J5L3F2QV.js";
import "./chunk-LYQJPEN2.js";
import "./chunk-X6G3LULQ.js";
import "./chunk-LFUXYI7A.js";
import "./chunk-ZCLOEPBA.js";
import "./chunk-HW6KOS5H.js";
import "./chunk-6I7YH7XL.js";
import "./chunk-Q4S23IGS.js";
export {
  run
};
