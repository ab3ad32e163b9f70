import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunk-TRDF5KID.js";
import "./chunk-W5EOU44O.js";
import "./chunk-W7Z2JLQU.js";
import "./chunk-O4CNCVXR.js";
import "./chunk-LFUXYI7A.js";
import "./chunk-2PZJSIAM.js";
import "./chunk-V27HPVO2.js";
import "./chunk-6I7YH7XL.js";
import "./chunk-Q4S23IGS.js";
export {
  run
};
