import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunk-IMCA25XY.js";
import "./chunk-DPRXRPY7.js";
import "./chunk-RO7RLPCV.js";
import "./chunk-6RPHN3LE.js";
import "./chunk-LFUXYI7A.js";
import "./chunk-HELQCKR3.js";
import "./chunk-V27HPVO2.js";
import "./chunk-6I7YH7XL.js";
import "./chunk-Q4S23IGS.js";
export {
  run
};
