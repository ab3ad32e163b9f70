import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunk-5MCNS2ZJ.js";
import "./chunk-NK6ZYXOU.js";
import "./chunk-V76MCJ7U.js";
import "./chunk-TZU6N26R.js";
import "./chunk-LFUXYI7A.js";
import "./chunk-2PZJSIAM.js";
import "./chunk-V27HPVO2.js";
import "./chunk-6I7YH7XL.js";
import "./chunk-Q4S23IGS.js";
export {
  run
};
