/* Every module plugin; `npm run ums -- module:new <id>` adds to this list. */
import type { ModulePlugin } from '../core/plugins/types.js';
import institute from './institute/index.js';
import library from './library/index.js';

export const plugins: ModulePlugin[] = [library, institute];
