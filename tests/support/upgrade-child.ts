/**
 * `migrate`'s upgrade run in a process of its own, so a test can kill -9 it
 * mid-step: argv = database URL, the organization to stop in, the marker file.
 */
import { createRuntime } from '../../core/runtime.js';
import { runUpgrades } from '../../core/plugins/upgrades.js';
import { stockManifest, stockPlugin } from './upgrade-fixture.js';
import { registryWith } from './workflow-fixture.js';

const [databaseUrl, slowIn, marker] = process.argv.slice(2);
const runtime = await createRuntime({ config: { databaseUrl, dataDir: '', embeddedPgPort: 0 }, registry: registryWith(stockManifest('2.0.0')), plugins: [stockPlugin({ slowIn, marker })], poolSize: 2 });
await runUpgrades(runtime);
await runtime.close();
