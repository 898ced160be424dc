/**
 * `npm start` / `node dist/scripts/start.js`: React's production build is loaded first (so Node does
 * not also read its development build, core/admin/react-production.ts), then everything is started
 * (start-server.ts). The server is imported dynamically because a static import would load AdminJS
 * before the preload.
 */
import { preloadReact } from '../core/admin/react-production.js';

preloadReact();
await import('./start-server.js');
