/**
 * A record's timeline (Frappe's form timeline): its workflow events (requests, approvals and
 * rejections with their comments, transitions with the states they went between) and its field
 * changes from the audit log (created, updated, record actions), each with who and when, newest first.
 *
 *   GET <root>/x/timeline/<resource id>/<record id>   { events: TimelineEvent[] }
 *
 * Access: the record is read through the signed-in user's Records first (missing and not allowed
 * are the same 404). The audit log is engine-written and readable as a table by admins only, so
 * this record's rows are read by a named system actor — but only fields the user's rules show on
 * this record are listed, and a reference's value is the target's title only where the user may
 * read the target. Workflow events come from the engine's history, which applies the same rules.
 * Values are said as a person reads them: enum and state labels, record titles, money and dates.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { RecordService, type RecordData } from '../data/records.js';
import { UmsError } from '../errors.js';
import { isUuid, type ResolvedEntity, type ResolvedField } from '../manifest/index.js';
import { enumLabels } from '../manifest/value-labels.js';
import { TIMELINE_PATH } from '../paths.js';
import type { Runtime } from '../runtime.js';
import { WorkflowEngine } from '../workflow/engine.js';
import { actionLabelIn, entityLabelIn, stateLabel, stepLabelIn, titleOf } from '../workflow/labels.js';
import { say } from '../words.js';
import { intlLocaleOf } from './intl-locale.js';
import { isLanguage, languageOfUser } from './language.js';
import { signedInActor } from './file-routes.js';
import { currencyFor, formatDateTime } from './formatting.js';
import { entityOfResource } from './related-lists.js';

export interface TimelineChange {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}

export interface TimelineEvent {
  kind: 'created' | 'updated' | 'deleted' | 'action' | 'requested' | 'approved' | 'rejected' | 'transition' | 'cancelled';
  at: string;
  who: string;
  title: string;
  comment: string | null;
  changes: TimelineChange[];
}

/** How many audit rows a timeline reads (newest first). */
const AUDIT_LIMIT = 200;

type Change = { before?: unknown; after?: unknown; changed?: boolean };

/** `language`: the reader's; titles, field labels, values and people ("System", "Someone") are said in it (core/words.ts, the manifest's translations). */
export async function recordTimeline(runtime: Runtime, records: RecordService, entity: ResolvedEntity, id: string, language = 'en'): Promise<TimelineEvent[]> {
  if (!isUuid(id)) throw new UmsError('BAD_REQUEST', 'The record id must be a record id (a UUID).', { entity: entity.key, field: 'id' });
  // Access: the record as this user reads it; its keys are the fields their rules show on it.
  const readable = await records.get(entity.key, id);
  const shown = new Set(Object.keys(readable).filter((k) => entity.field.has(k)));
  const registry = records.runtime.registry;
  const timeZone = await records.timeZone();
  const system = records.asSystem('record-timeline');

  // Audit rows of this record (engine-written; read as the system, then cut to what the user may see).
  const audit = await system.find('core.audit_log', {
    filters: [{ field: 'entity', op: 'eq', value: entity.key }, { field: 'record_id', op: 'eq', value: id }],
    sort: { field: 'created_at', direction: 'desc' },
    limit: AUDIT_LIMIT,
  });
  const people = await userNames(system, audit.map((a) => (a.actor as string | null) ?? null));
  const values = new ValueWords(records, entity, timeZone, await currencyFor(records), language);
  const fieldLabel = (f: ResolvedField): string => entity.translations[language]?.fields?.[f.name] ?? f.label;
  const entityName = language === 'en' ? entity.label.toLowerCase() : entityLabelIn(entity, language);
  const events: TimelineEvent[] = [];
  for (const row of audit) {
    const actionName = (row.action_name as string | null) ?? null;
    // Workflow steps are told by the engine's history below, with their labels and comments.
    if (actionName?.startsWith('workflow:')) continue;
    const raw = (row.changes && typeof row.changes === 'object' ? row.changes : {}) as Record<string, Change>;
    const changes: TimelineChange[] = [];
    for (const f of entity.fields) {
      const c = raw[f.name];
      if (!c || !shown.has(f.name) || f.type === 'json') continue;
      if (f.type === 'password') changes.push({ field: f.name, label: fieldLabel(f), before: null, after: say('changed', language) });
      else changes.push({ field: f.name, label: fieldLabel(f), before: await values.say(f, c.before), after: await values.say(f, c.after) });
    }
    const action = String(row.action);
    // An update whose every changed field is hidden from this user says nothing to them.
    if (action === 'update' && !changes.length) continue;
    const kind: TimelineEvent['kind'] = action === 'create' ? 'created' : action === 'update' ? 'updated' : action === 'delete' ? 'deleted' : 'action';
    const recordAction = runtime.plugins.actionsFor(entity).find((a) => a.name === actionName);
    const title =
      kind === 'created' ? say('Created {entity}', language, { entity: entityName })
      : kind === 'updated' ? say('Changed', language)
      : kind === 'deleted' ? say('Deleted', language)
      : recordAction ? actionLabelIn(entity, recordAction, language) : (actionName ?? say('Action', language));
    events.push({ kind, at: new Date(String(row.created_at)).toISOString(), who: whoOf(people, row.actor, row.system_actor, language), title, comment: null, changes: kind === 'created' ? changes.filter((c) => c.after !== null) : changes });
  }

  // Workflow events through the engine (it reads the record through the same rules and hides states the user may not see).
  const wf = registry.workflow(entity.key);
  if (wf) {
    for (const h of await (await WorkflowEngine.for(records)).history(entity.key, id)) {
      const t = wf.transitions.find((x) => x.name === h.transition);
      const label = t ? actionLabelIn(entity, t, language) : (h.transition ?? say('Workflow', language));
      const states = h.from !== null && h.to !== null ? `: ${stateLabel(wf, h.from, entity, language)} → ${stateLabel(wf, h.to, entity, language)}` : '';
      const stepDef = h.step ? t?.approval?.steps.find((s) => s.name === h.step) : undefined;
      const stepLabel = h.step ? (stepDef ? stepLabelIn(entity, stepDef, language) : h.step) : undefined;
      const step = stepLabel ? ` (${stepLabel})` : '';
      const title =
        h.kind === 'requested' ? say('Asked for approval: {label}', language, { label })
        : h.kind === 'approved' ? `${say('Approved: {label}', language, { label })}${step}`
        : h.kind === 'rejected' ? `${say('Rejected: {label}', language, { label })}${step}`
        : h.kind === 'cancelled' ? say('Request withdrawn: {label}', language, { label })
        : `${label}${states}`;
      const kind = (['requested', 'approved', 'rejected', 'transition', 'cancelled'] as const).find((k) => k === h.kind) ?? 'transition';
      const who = h.actor ? (h.actorKind === 'system' ? say('System ({name})', language, { name: h.actor }) : nameOnly(h.actor)) : say('Someone', language);
      events.push({ kind, at: new Date(h.at).toISOString(), who, title, comment: h.comment, changes: [] });
    }
  }
  // Newest first; at the same moment a workflow step is told before the field changes it caused.
  const order = (e: TimelineEvent): number => (['created', 'updated', 'deleted', 'action'].includes(e.kind) ? 0 : 1);
  return events.sort((a, b) => b.at.localeCompare(a.at) || order(b) - order(a));
}

/** "Name <email>" (the engine's history) → "Name": the timeline names people, it does not list addresses. */
const nameOnly = (who: string): string => who.replace(/\s*<[^>]*>$/, '');

async function userNames(system: RecordService, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((i): i is string => isUuid(i)))];
  const users = unique.length ? await system.getMany('core.user', unique) : [];
  return new Map(users.map((u) => [String(u.id), String(u.name ?? u.email)]));
}

function whoOf(people: Map<string, string>, actor: unknown, systemActor: unknown, language: string): string {
  if (typeof actor === 'string' && people.has(actor)) return people.get(actor)!;
  if (typeof systemActor === 'string' && systemActor) return say('System ({name})', language, { name: systemActor });
  return say('Someone', language);
}

/** Stored values in words: labels for enums, titles for references (where the user may read the target), formatted money and dates. */
class ValueWords {
  private readonly titles = new Map<string, string | null>();

  constructor(
    private readonly records: RecordService,
    private readonly entity: ResolvedEntity,
    private readonly timeZone: string,
    private readonly currency: string,
    private readonly language: string,
  ) {}

  async say(field: ResolvedField, value: unknown): Promise<string | null> {
    if (value === null || value === undefined || value === '') return null;
    switch (field.type) {
      case 'enum':
        return enumLabels(this.records.runtime.registry, this.entity, field, this.language).get(String(value))?.label ?? String(value);
      case 'boolean':
        return say(value === true || value === 'true' ? 'Yes' : 'No', this.language);
      case 'money': {
        const n = Number(value);
        return Number.isFinite(n) ? new Intl.NumberFormat(intlLocaleOf(this.language), { style: 'currency', currency: this.currency, minimumFractionDigits: 2, maximumFractionDigits: Math.max(2, field.scale) }).format(n) : String(value);
      }
      case 'datetime':
        return formatDateTime(value, this.timeZone, intlLocaleOf(this.language));
      case 'date': {
        // A calendar date has no zone: English keeps the ISO date; another language its own digits and month names.
        const iso = String(value).slice(0, 10);
        if (this.language === 'en' || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
        return new Intl.DateTimeFormat(intlLocaleOf(this.language), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
      }
      case 'reference':
        return this.title(field, String(value));
      default:
        return typeof value === 'object' ? JSON.stringify(value) : String(value);
    }
  }

  /** The target's title through the user's own read rules; one they may not read is not named. */
  private async title(field: ResolvedField, id: string): Promise<string> {
    const key = `${field.target}:${id}`;
    if (!this.titles.has(key)) {
      const target = field.target ? this.records.runtime.registry.entity(field.target) : undefined;
      let found: RecordData | undefined;
      if (target && isUuid(id) && this.records.canOnType('read', target.key)) [found] = await this.records.getMany(target.key, [id]);
      this.titles.set(key, target && found ? titleOf(target, found) : null);
    }
    return this.titles.get(key) ?? say('a record you cannot see', this.language);
  }
}

export function recordTimelineRouter(runtime: Runtime): Router {
  const router = Router();
  router.all(`${TIMELINE_PATH}/:resource/:id`, async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new UmsError('BAD_REQUEST', 'A timeline is read with GET.');
      const actor = signedInActor(req);
      const records = await RecordService.for(runtime, actor);
      // The page's language (`?lng=`, what the show page is drawn in), else the reader's own.
      const asked = req.query.lng;
      const language = isLanguage(asked) ? asked : await languageOfUser(runtime, actor.organizationId, actor.userId);
      const events = await recordTimeline(runtime, records, entityOfResource(records, String(req.params.resource)), String(req.params.id), language);
      res.setHeader('Cache-Control', 'private, no-store');
      res.json({ events });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
