/**
 * What AdminJS gets instead of its components bundler while the bundler is deferred (./hooks.ts):
 * the methods AdminJS calls (`initialize()` → createEntry + build; `watch()` → createEntry + watch;
 * its app controller's bundleComponents → getOutput, createEntry, build), each importing the real
 * bundler first. The real bundler reads NODE_ENV when it loads,
 * so it sees what bundleComponents sets (production) instead of what the process started with.
 */
interface ComponentsBundler {
  createEntry(options: { content: string }): Promise<void>;
  build(): Promise<void>;
  watch(): Promise<void>;
  getOutput(): Promise<string | undefined>;
}

/** The file AdminJS imports (not in its package exports, so found beside its main file); the hooks let this module's import of it through. */
const real = new URL('./lib/backend/bundler/components.bundler.js', import.meta.resolve('adminjs')).href;
let loaded: Promise<ComponentsBundler> | undefined;
function bundler(): Promise<ComponentsBundler> {
  return (loaded ??= import(real).then((m: { default: ComponentsBundler }) => m.default));
}

const standIn: ComponentsBundler = {
  createEntry: async (options) => (await bundler()).createEntry(options),
  build: async () => (await bundler()).build(),
  watch: async () => (await bundler()).watch(),
  getOutput: async () => (await bundler()).getOutput(),
};
export default standIn;
