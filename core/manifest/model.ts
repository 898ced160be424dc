/**
 * The resolved view of manifests: every default filled and every reference linked
 * once at load, so the rest of the runtime never re-reads raw manifest JSON.
 */
import type { FileOptions } from './file-fields.js';
import type { ResolvedReport } from './reports.js';
import type { Field, FieldType, ModuleManifest, PermissionRule } from './manifest.types.js';
import type { ResolvedAcyclic, ResolvedBalance, ResolvedGuard, ResolvedLedger, ResolvedPosting, ResolvedRun } from './primitives.js';
import type { ResolvedRole } from './roles.js';
import type { ResolvedRollup, RollupFeed } from './rollups.js';
import type { EntityConstraints, ExpressionNode, ResolvedSequence } from './constraint-types.js';
import type { EntitySpan, ResolvedView } from './views.js';
import type { ResolvedPublicForm } from './public-forms.js';

export type { Field, FieldType, ModuleManifest, PermissionRule, ResolvedRole };
export type { EntitySpan, ResolvedCalendarView, ResolvedKanbanView, ResolvedView } from './views.js';
export type { ResolvedFormCreate, ResolvedFormField, ResolvedFormReference, ResolvedPublicForm } from './public-forms.js';
export type { ResolvedAcyclic, ResolvedBalance, ResolvedGuard, ResolvedLedger, ResolvedPosting, ResolvedPostingMovement, ResolvedRun, ValueSource } from './primitives.js';

/** Columns every module table has; never writable from a form. */
export const SYSTEM_FIELDS = ['id', 'organization_id', 'created_at', 'updated_at', 'created_by', 'updated_by', 'version'] as const;
export type SystemField = (typeof SYSTEM_FIELDS)[number];

/**
 * The system columns by use, so no screen, query or import keeps its own list:
 * `select`ed with every record (the tenant column is implied, never shown),
 * usable to `sort` and to `filter` by, and `ignoredOnImport` (the system sets them).
 */
export const SYSTEM_COLUMNS = {
  select: SYSTEM_FIELDS.filter((c) => c !== 'organization_id'),
  sort: SYSTEM_FIELDS.filter((c) => c !== 'organization_id'),
  filter: ['id', 'created_at', 'updated_at'],
  ignoredOnImport: SYSTEM_FIELDS.filter((c) => c !== 'organization_id'),
} as const satisfies Record<string, readonly SystemField[]>;

export const isSystemColumn = (name: string, use: keyof typeof SYSTEM_COLUMNS): boolean => (SYSTEM_COLUMNS[use] as readonly string[]).includes(name);

/** Names a plugin action or a workflow transition cannot take: AdminJS's and CASL's own actions. */
export const RESERVED_ACTION_NAMES: ReadonlySet<string> = new Set(['create', 'read', 'update', 'delete', 'manage', 'list', 'show', 'edit', 'new', 'search', 'bulkDelete', 'history']);

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID_RE.test(v);

/** The database column of a field (`<name>_id` for references, `<name>_hash` for passwords). */
export const columnOf = (f: ResolvedField): string => (f.type === 'password' ? `${f.name}_hash` : f.column);

// Core tables that are not manifest entities (no admin resource, or not organization-scoped).
export const ORGANIZATION_TABLE = 'core_organization';
export const ORGANIZATION_MODULE_TABLE = 'core_organization_module';
export const SESSION_TABLE = 'core_session';
/** One-time secrets of core/auth (invitation links, e-mailed codes), stored hashed; never an admin resource. */
export const AUTH_CODE_TABLE = 'core_auth_code';
/** Timestamps of sign-in failures and code requests per hashed key, for lock-out and rate limits. */
export const AUTH_THROTTLE_TABLE = 'core_auth_throttle';
/** REST API refresh tokens (core/api), stored hashed, one family per sign-in. */
export const API_TOKEN_TABLE = 'core_api_token';
/** The hashed secret of each `core.api_client` (core/auth/api-clients.ts); never an admin resource. */
export const API_CLIENT_SECRET_TABLE = 'core_api_client_secret';
export const DOCUMENT_TABLE = 'core_document';
export const DOCUMENT_COUNTER_TABLE = 'core_document_counter';
/** Report files made in the background for one user (core/admin/reports/runs.ts). */
export const REPORT_RUN_TABLE = 'core_report_run';

export interface ResolvedField {
  name: string;
  /** PostgreSQL column: the name, or `<name>_id` for a reference. */
  column: string;
  /** The name and column it had before a declared rename (manifest `renamedFrom`). */
  renamedFrom?: { name: string; column: string };
  /** Enum values that replace earlier ones: new value → old value (manifest `valuesRenamedFrom`). */
  valuesRenamedFrom?: Record<string, string>;
  /** How a narrowing type change converts stored values (manifest `convert`). */
  convert?: Field['convert'];
  type: FieldType;
  label: string;
  help?: string;
  required: boolean;
  unique: boolean;
  readOnly: boolean;
  /** Personal data of the person the record is about (manifest `personal`): user:export shows it, user:erase blanks it. */
  personal: boolean;
  default?: unknown;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  values?: string[];
  /** References: the condition on the target a picker's records meet (manifest `where`). */
  where?: Record<string, unknown>;
  /** Badge colour per enum value (manifest `colors`). */
  colors?: Record<string, string>;
  scale: number;
  /** Entity key (`module.entity`) of a reference. */
  target?: string;
  /** A reference's reverse (to-many) name on its target, for `$some` conditions. */
  inverse?: string;
  onDelete: 'restrict' | 'cascade' | 'set null';
  pointer: string;
  /** Computed from other fields (read-only); a stored generated column, evaluated the same way in memory. */
  computed?: ExpressionNode;
  /** A human number given at creation (core/data/constraints/sequences.ts). */
  sequence?: ResolvedSequence;
  /** The sum of a field of this entity's children (core/manifest/rollups.ts; kept by core/data/ledgers/rollups.ts). */
  rollup?: ResolvedRollup;
  /** file/files fields: size and type limits (core/manifest/file-fields.ts). */
  file?: FileOptions;
}

/** An entity's labels in one other language: its names, its fields', its enum values' (by field, then value) and its workflow actions' (by name). */
export interface EntityTranslation {
  label?: string;
  pluralLabel?: string;
  fields?: Record<string, string>;
  values?: Record<string, Record<string, string>>;
  actions?: Record<string, string>;
  /** Approval steps' labels by step name. */
  steps?: Record<string, string>;
  /** Transitions' notification messages (effects.message) by transition name. */
  messages?: Record<string, string>;
  /** The manifest's own field errors (checks', guards', constraints' messages, a balance's refusal) by their English text. */
  errors?: Record<string, string>;
  /** Fields' help texts by field name. */
  help?: Record<string, string>;
}

export interface ResolvedEntity {
  /** `module.entity`: the CASL subject and the registry key. */
  key: string;
  module: string;
  name: string;
  table: string;
  label: string;
  pluralLabel: string;
  /** Labels in other languages (manifest `translations`), by language code; fields by name. */
  translations: Record<string, EntityTranslation>;
  titleField: string;
  /** What the list's search box looks in: the title field (when it is text) and the declared `searchFields`, each with a trigram index. */
  searchFields: string[];
  /** The field naming the module a row belongs to: rows of modules not enabled in the organization are hidden (core/access/principals.ts). */
  moduleField?: string;
  /** Records owned by one user, readable and writable by that user whatever their roles (core/access/ownership.ts). */
  ownedBy?: { field: string; sharedFlag?: string };
  fields: ResolvedField[];
  field: ReadonlyMap<string, ResolvedField>;
  indexes: { fields: string[]; unique: boolean }[];
  listColumns: string[];
  sort: { field: string; direction: 'asc' | 'desc' };
  /** Bookkeeping primitives (core/manifest/primitives.ts; kept by core/data/ledgers). */
  ledger?: ResolvedLedger;
  balance?: ResolvedBalance;
  posting?: ResolvedPosting;
  run?: ResolvedRun;
  acyclic?: ResolvedAcyclic;
  guards?: ResolvedGuard[];
  /** The roll-up sums this entity's rows feed (on the child; set by core/manifest/rollups.ts). */
  rollupFeeds?: RollupFeed[];
  file: string;
  pointer: string;
  /** checks, noOverlap, capacity, uniqueWhen (empty lists when none is declared). */
  constraints?: EntityConstraints;
  /** The key it had before a declared rename (manifest `renamedFrom`): migrations:generate renames its table. */
  renamedFrom?: string;
  /** The spans declared calendar views read by (each gets a range index; core/manifest/views.ts). */
  spans?: EntitySpan[];
}

export interface ResolvedRule extends Omit<PermissionRule, 'subject' | 'action'> {
  action: string[];
  /** Entity keys, or ['all']. */
  subject: string[];
  /** Where it was declared, for "why can(not) this user…" answers. */
  source: string;
}

export interface DashboardCardDef {
  /** `<module>.<index>`: what a count card's list link names (`filters.card=`), so the list applies the card's condition. */
  id: string;
  type: 'count' | 'chart' | 'table';
  label: string;
  /** The label (and a table's progress heading) in other languages (manifest `translations`), by language code; {} when none. */
  translations: Record<string, { label: string; progress?: string }>;
  entity: string;
  conditions?: Record<string, unknown>;
  /** Role keys the card is for; undefined: everyone who may read the entity. */
  roles?: string[];
  /** `share`: each group's value is the % of its records that also meet these conditions. */
  chart?: { kind: 'bar' | 'line' | 'pie'; groupBy: string; bucket?: 'day' | 'week' | 'month'; until?: string; last?: number; next?: number; sum?: string; share?: { conditions: Record<string, unknown> } };
  table?: {
    columns: string[];
    sort?: { field: string; direction: 'asc' | 'desc' };
    limit: number;
    /** `of`: the row's number field; `ofCount`: instead, the records of `count` through `via` meeting these conditions (a share). */
    progress?: { label: string; count: string; via: string; of?: string; ofCount?: { conditions?: Record<string, unknown> }; sum?: string; conditions?: Record<string, unknown> };
  };
}

/** Who: holders of any role (role keys: `institute.teacher`, `admin`), and/or the users a record points at (`teacher`, `course.teacher`, `created_by`). */
export interface ResolvedActors {
  roles: string[];
  relations: string[];
  /** The users for whom the record meets this condition (it names `${user.id}`): people a to-many path reaches. */
  where?: Record<string, unknown>;
}

/** Who may start a transition: people as above, and/or the system (a job or plugin acting as a named system actor). */
export interface ResolvedTransitionActors extends ResolvedActors {
  system: boolean;
}

export type Quorum = { kind: 'any' } | { kind: 'all' } | { kind: 'count'; count: number };

export interface ResolvedApprovalStep {
  name: string;
  label: string;
  approvers: ResolvedActors;
  quorum: Quorum;
  when?: Record<string, unknown>;
}

export interface ResolvedTransition {
  name: string;
  label: string;
  icon?: string;
  from: string[];
  to: string;
  /** Who may start it (or request its approval); undefined: nobody directly. */
  by?: ResolvedTransitionActors;
  when?: Record<string, unknown>;
  /** What a refusal says when the record does not match `when` (else a sentence naming the failing condition: core/workflow/reasons.ts). */
  whenMessage?: string;
  approval?: {
    open: 'onEnter' | 'onRequest';
    mode: 'parallel' | 'sequential';
    steps: ResolvedApprovalStep[];
    allowSelfApproval: boolean;
    reject?: { name: string; label: string; to: string };
  };
  effects: { set: Record<string, unknown>; notify?: ResolvedActors; message?: string; hook?: string };
  pointer: string;
}

export interface ResolvedWorkflowState {
  name: string;
  label: string;
  editable: boolean;
  /** Only these roles (keys) may edit (undefined: whoever may edit the record). */
  editableBy?: string[];
  terminal: boolean;
  /** Badge colour (manifest `color`). */
  color?: string;
  /** The state's name before a declared rename. */
  renamedFrom?: string;
}

export interface ResolvedWorkflow {
  /** `module.name`. */
  key: string;
  module: string;
  name: string;
  label: string;
  /** Entity key. */
  entity: string;
  version: number;
  field: string;
  initial: string;
  states: Map<string, ResolvedWorkflowState>;
  transitions: ResolvedTransition[];
  file: string;
  pointer: string;
}

export interface ResolvedModule {
  id: string;
  label: string;
  /** The label in other languages (manifest `translations`), by language code; {} when none. */
  translations: Record<string, { label: string }>;
  icon?: string;
  version: string;
  file: string;
  /** Names of the system types this module is enabled for. */
  systemTypes: string[];
  dependsOn: string[];
  entities: ResolvedEntity[];
  /** The roles it declares. */
  roles: ResolvedRole[];
  /** Its rules by role key (its own roles, core's, its dependencies'). */
  rules: Map<string, ResolvedRule[]>;
  dashboard: DashboardCardDef[];
  /** Declared reports (core/manifest/reports.ts); computed and shown by core/reports. */
  reports: ResolvedReport[];
  workflows: ResolvedWorkflow[];
  /** Declared calendars and boards (core/manifest/views.ts). */
  views: ResolvedView[];
  /** Public forms (core/manifest/public-forms.ts); served by core/api/forms. */
  publicForms: ResolvedPublicForm[];
  manifest: ModuleManifest;
}

/** A kind of organization, declared in system-types.json or inline by a manifest. */
export interface ResolvedSystemType {
  name: string;
  label: string;
  description?: string;
  /** Modules that list it: a new organization of this type gets them (and what they depend on). */
  modules: string[];
  /** Where it is declared (`file#pointer`). */
  source: string;
}

export interface Registry {
  /** Modules in dependency order (a module after those it depends on); `core` first. */
  modules: ResolvedModule[];
  module(id: string): ResolvedModule | undefined;
  entity(key: string): ResolvedEntity | undefined;
  entities: ResolvedEntity[];
  /** The workflow of an entity (at most one per entity). */
  workflow(entityKey: string): ResolvedWorkflow | undefined;
  /** Every role any module declares, by key (`library.member`; core's by bare name: `admin`). */
  roles: Map<string, ResolvedRole>;
  /** Every declared system type, in declaration order (an organization may be of any of them). */
  systemTypes: Map<string, ResolvedSystemType>;
}

export const CORE_MODULE_ID = 'core';

export const snakeToLabel = (name: string): string =>
  name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
