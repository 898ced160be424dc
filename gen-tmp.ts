import { loadRegistry } from './core/manifest/index.js';
import { openDatabase } from './core/db/datasource.js';
import { generateMigration } from './core/db/migrations.js';
const [dir, name, now] = process.argv.slice(2);
const registry = loadRegistry({ dir });
const db = await openDatabase({ registry, config: { dataDir: '/tmp/gen-data', embeddedPgPort: 0 }, migrate: true, log: console.log });
console.log(await generateMigration(db.dataSource, { name, now: Number(now) }));
await db.close();
