import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunk-VXO72OMP.js";
import "./chunk-PTIYRZ6L.js";
import "./chunk-GD7YHTAU.js";
import "./chunk-FJA7DXTD.js";
import "./chunk-AYWZIR4M.js";
import "./chunk-BD33GHV7.js";
import "./chunk-6I7YH7XL.js";
import "./chunk-Q4S23IGS.js";
export {
  run
};
