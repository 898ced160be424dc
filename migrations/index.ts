/* Maintained by migrations:generate: every migration file, in order. */
import type { MigrationInterface } from 'typeorm';
import * as m0 from './1763700000000-core.js';
import * as m1 from './1763700000001-audit-append-only.js';
import * as m2 from './1763700000002-library.js';
import * as m3 from './1795233835653-workflows-institute-platform-services.js';
import * as m4 from './1796161234853-system-actor-names.js';
import * as m5 from './1796161563850-organization-timezone.js';
import * as m6 from './1796162872008-module-role-keys.js';
import * as m7 from './1796164649466-mail-outbox-secret.js';
import * as m8 from './1796170000000-organization-backdated-postings.js';
import * as m9 from './1796171802729-same-tenant-references.js';
import * as m10 from './1796171947970-sequence-counters.js';
import * as m11 from './1796175155965-rest-api.js';
import * as m12 from './1796175155966-tenant-row-security.js';
import * as m13 from './1796176812623-api-same-tenant-references.js';
import * as m14 from './1796177692189-hotel.js';
import * as m15 from './1796178577511-inventory-module.js';
import * as m16 from './1796183745013-gym-module.js';
import * as m17 from './1796183850667-task-module.js';
import * as m18 from './1796183871837-hospital-module.js';
import * as m19 from './1796183881302-organization-switches.js';
import * as m20 from './1796184076296-calendar-span-indexes.js';
import * as m21 from './1796184898647-inventory-valuation.js';
import * as m22 from './1796185438640-organization-lifecycle.js';
import * as m23 from './1796187159045-module-upgrades.js';
import * as m24 from './1796187192467-hr-module.js';
import * as m25 from './1796195074483-public-forms.js';
import * as m26 from './1796219256626-files.js';

type MigrationClass = new () => MigrationInterface;
const classesOf = (mod: Record<string, unknown>): MigrationClass[] => Object.values(mod) as MigrationClass[];

export const migrations: MigrationClass[] = [...classesOf(m0), ...classesOf(m1), ...classesOf(m2), ...classesOf(m3), ...classesOf(m4), ...classesOf(m5), ...classesOf(m6), ...classesOf(m7), ...classesOf(m8), ...classesOf(m9), ...classesOf(m10), ...classesOf(m11), ...classesOf(m12), ...classesOf(m13), ...classesOf(m14), ...classesOf(m15), ...classesOf(m16), ...classesOf(m17), ...classesOf(m18), ...classesOf(m19), ...classesOf(m20), ...classesOf(m21), ...classesOf(m22), ...classesOf(m23), ...classesOf(m24), ...classesOf(m25), ...classesOf(m26)];
