import { createRequire as __bia_createRequire } from 'node:module'; const require = __bia_createRequire(import.meta.url);
import {
  run
} from "./chunk-FTM5DSED.js";
import "./chunk-IMQEXETX.js";
import "./chunk-T35XZUKL.js";
import "./chunk-A4RQGTCT.js";
import "./chunk-2XNRSSTS.js";
import "./chunk-BD33GHV7.js";
import "./chunk-6I7YH7XL.js";
import "./chunk-Q4S23IGS.js";
export {
  run
};
