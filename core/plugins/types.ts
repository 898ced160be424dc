/**
 * What a module developer writes in modules/<id>/index.ts: typed hooks around
 * the record pipeline, custom record actions, workflow effect hooks, job
 * handlers and demo seeding. Plugin code reaches data only through the
 * `Records` it is handed (tenant- and permission-scoped like every other
 * path). Module code imports these from core/sdk.ts.
 *
 * The type parameter is for the core's own plugin, whose hooks get the full
 * RecordService; module plugins use the default, `Records`.
 */
import type { Actor } from '../data/actor.js';
import type { ActionResult, RecordData, Records } from '../data/contract.js';
import type { RecordService } from '../data/records.js';
import type { JobHandler } from '../jobs/types.js';
import type { ResolvedEntity } from '../manifest/index.js';

export type { ActionResult };

export interface HookContext<R extends Records = Records> {
  records: R;
  actor: Actor;
  entity: ResolvedEntity;
}

export interface UpdateChange {
  before: RecordData;
  /** The complete record as it will be saved; hooks may change it. */
  values: Record<string, unknown>;
  changed: string[];
}

export interface EntityHooks<R extends Records = Records> {
  beforeCreate?(ctx: HookContext<R>, values: Record<string, unknown>): void | Promise<void>;
  afterCreate?(ctx: HookContext<R>, record: RecordData): void | Promise<void>;
  beforeUpdate?(ctx: HookContext<R>, change: UpdateChange): void | Promise<void>;
  afterUpdate?(ctx: HookContext<R>, change: { before: RecordData; after: RecordData }): void | Promise<void>;
  beforeDelete?(ctx: HookContext<R>, record: RecordData): void | Promise<void>;
  afterDelete?(ctx: HookContext<R>, record: RecordData): void | Promise<void>;
}

export interface RecordActionDefinition<R extends Records = Records> {
  /** Also the CASL action a role needs (`manage` covers it). */
  name: string;
  /** Entity name in the plugin's module. */
  entity: string;
  label: string;
  /** The label in other languages, by language code: what a Bengali reader sees on the action's button. */
  translations?: { bn?: { label: string } };
  icon?: string;
  /** Ask the user to confirm with this text before running. */
  confirm?: string;
  /** Whether the action applies to the record in its current state (e.g. status). */
  isAvailable?(record: RecordData): boolean;
  /**
   * A custom AdminJS screen instead of confirm-and-run: the React component's source, as
   * core/admin/components.ts `componentSource()` takes it (relative to core/, e.g.
   * `../modules/<id>/components/<name>.tsx`). The screen posts its form to the action; the
   * handler gets the posted fields as `input`.
   */
  component?: string;
  /**
   * Runs in one transaction with `ctx.records`, which may set the entity's read-only fields.
   * `input`: what a `component` screen posted (undefined for a plain action).
   */
  handler(ctx: HookContext<R>, record: RecordData, input?: Record<string, unknown>): Promise<ActionResult>;
}

export interface SeedContext {
  /** The module's seeding system actor (`seed:<module>`), in one transaction for the whole seed. */
  records: Records;
  organization: { id: string; name: string; slug: string };
  /** The demo users created for the organization's module roles, by role key (`library.member`). */
  usersByRole: Map<string, { id: string; email: string }>;
  size: 'demo' | 'small';
  /** The same transaction as one of the organization's users, with that user's permissions (demo data made the way people make it). */
  as(user: { id: string; email: string }): Promise<Records>;
}

export interface UpgradeContext {
  /** The step's system actor (`upgrade:<module>@<version>`), in the step's transaction. */
  records: Records;
  organization: { id: string; name: string; slug: string };
  version: string;
}

/** What a workflow effect hook receives: it runs in the transition's transaction. */
export interface WorkflowHookContext<R extends Records = Records> extends HookContext<R> {
  workflow: string;
  transition: string;
  from: string;
  to: string;
  /** The record after the transition (status and `set` effects applied). */
  record: RecordData;
}

export type WorkflowHook<R extends Records = Records> = (ctx: WorkflowHookContext<R>) => void | Promise<void>;

export interface ModulePlugin<R extends Records = Records> {
  /** Must equal the manifest id (and the plugin's folder, modules/<id>/). */
  module: string;
  hooks?: Record<string, EntityHooks<R>>;
  actions?: RecordActionDefinition<R>[];
  /** Named hooks a manifest's workflow effects call (`"effects": { "hook": "<name>" }`). */
  workflowHooks?: Record<string, WorkflowHook<R>>;
  /** Handlers for the manifest's `jobs` (by `handler`, default the job name); each runs per organization with the module enabled. */
  jobs?: Record<string, JobHandler>;
  seed?(ctx: SeedContext): Promise<void>;
  /**
   * Data changes a migration cannot express, per module version (`"2.0.0"`: fill
   * a new field from others, split a state). `migrate` (and the start, and
   * enabling the module) runs each step once per organization with the module
   * enabled, in one transaction with the record of its run, as the system actor
   * `upgrade:<module>@<version>`; an organization created later starts at the
   * current version and never runs them.
   */
  upgrade?: Record<string, (ctx: UpgradeContext) => Promise<void>>;
  /**
   * Valid test records, per entity name, for entities whose hooks check more
   * than their field definitions declare (an end before its start, attendees
   * above a room's capacity). The test data generator (permission-parity) fills
   * a draft from the field definitions and references; this returns the values
   * to create instead. Tests only; never called at run time.
   */
  fixtures?: Record<string, FixtureRecord>;
}

/** See ModulePlugin.fixtures: `draft` is the generated record, `index` its number; `records` reads what exists (system actor). */
export type FixtureRecord = (draft: Record<string, unknown>, ctx: { records: Records; index: number }) => Record<string, unknown> | Promise<Record<string, unknown>>;

/** Identity function that gives plugin authors type checking and completion. */
export const definePlugin = (plugin: ModulePlugin): ModulePlugin => plugin;

/** The core's own plugin (core entities): its hooks get the full RecordService. */
export type CorePlugin = ModulePlugin<RecordService>;
