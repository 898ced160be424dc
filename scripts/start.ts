/**
 * `npm start` / `node dist/scripts/start.js`: starts everything (start-server.ts); the entry that
 * npm start, the bench and the README name. (It once preloaded React's production build; the server
 * no longer loads React at all: patches/adminjs+7.8.17.patch.)
 */
import './start-server.js';
