/**
 * Guardian ↔ student links: each link carries its guardian's login
 * (`guardian_user`, read-only) so a rule on a payment can reach it within three
 * reference hops (`invoice.student.guardians` → `guardian_user`); a guardian
 * whose login changes moves it onto every link in the same transaction.
 */
import type { EntityHooks, Records } from '../../core/sdk.js';

const LINK = 'parents.student_guardian';

const idOf = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

async function fill(records: Records, values: Record<string, unknown>): Promise<void> {
  const system = records.asSystem('guardian-link');
  const [guardian] = idOf(values.guardian) ? await system.getMany('parents.guardian', [String(values.guardian)]) : [];
  const [student] = idOf(values.student) ? await system.getMany('institute.student', [String(values.student)]) : [];
  values.guardian_user = guardian ? (guardian.user ?? null) : null;
  if (guardian && student) values.title = `${String(guardian.name)} — ${String(student.name)}`.slice(0, 200);
}

export const linkHooks: EntityHooks = {
  beforeCreate: (ctx, values) => fill(ctx.records, values),
  async beforeUpdate(ctx, change) {
    if (change.changed.includes('guardian') || change.changed.includes('student')) await fill(ctx.records, change.values);
  },
};

export const guardianHooks: EntityHooks = {
  async afterUpdate(ctx, { before, after }) {
    if ((before.user ?? null) === (after.user ?? null)) return;
    const system = ctx.records.asSystem('guardian-link');
    for await (const page of system.findPages(LINK, { filters: [{ field: 'guardian', op: 'eq', value: after.id }] })) {
      for (const link of page) await system.update(LINK, link.id, { guardian_user: after.user ?? null });
    }
  },
};
