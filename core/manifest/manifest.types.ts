/* Generated from manifest.schema.json by `npm run gen:types`. Do not edit. */

export type Identifier = string;
export type FieldType =
  | 'string'
  | 'text'
  | 'integer'
  | 'decimal'
  | 'money'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'time'
  | 'enum'
  | 'email'
  | 'phone'
  | 'url'
  | 'json'
  | 'reference'
  | 'password'
  | 'file'
  | 'files';
/**
 * References only: a condition on the target that a record must meet to be offered in this field's picker (the user's read rules apply as well). Example: course.teacher with { "assignments": { "$some": { "role.name": "institute.teacher" } } } offers only teachers.
 */
export type Conditions = Record<string, unknown>;
/**
 * The colour of a state's or enum value's badge in lists and on record pages.
 */
export type BadgeColor = 'grey' | 'blue' | 'green' | 'amber' | 'red' | 'purple';
/**
 * Only children matching this condition on their own fields count (as a check condition: fields, literals, $field operands, $and $or $not).
 */
export type ConstraintCondition = Record<string, unknown>;
/**
 * A condition on the record's own fields (no reference paths, no placeholders: the database evaluates it in a constraint): field names to a literal or an operator object ($eq $ne $in $nin $gt $gte $lt $lte), $and/$or/$not; an operand may be another field of the record, { "$field": "check_in" }. Missing values (NULL) compare as unknown, as in SQL: a check holds unless it is false; a `when` selects only records where it is true.
 */
export type ConstraintCondition1 = Record<string, unknown>;
/**
 * A condition on the record's own fields (no reference paths, no placeholders: the database evaluates it in a constraint): field names to a literal or an operator object ($eq $ne $in $nin $gt $gte $lt $lte), $and/$or/$not; an operand may be another field of the record, { "$field": "check_in" }. Missing values (NULL) compare as unknown, as in SQL: a check holds unless it is false; a `when` selects only records where it is true.
 */
export type ConstraintCondition2 = Record<string, unknown>;
/**
 * A condition on the record's own fields (no reference paths, no placeholders: the database evaluates it in a constraint): field names to a literal or an operator object ($eq $ne $in $nin $gt $gte $lt $lte), $and/$or/$not; an operand may be another field of the record, { "$field": "check_in" }. Missing values (NULL) compare as unknown, as in SQL: a check holds unless it is false; a `when` selects only records where it is true.
 */
export type ConstraintCondition3 = Record<string, unknown>;
/**
 * A condition on the record's own fields (no reference paths, no placeholders: the database evaluates it in a constraint): field names to a literal or an operator object ($eq $ne $in $nin $gt $gte $lt $lte), $and/$or/$not; an operand may be another field of the record, { "$field": "check_in" }. Missing values (NULL) compare as unknown, as in SQL: a check holds unless it is false; a `when` selects only records where it is true.
 */
export type ConstraintCondition4 = Record<string, unknown>;
/**
 * The state refused, e.g. { "state.group": "completed", "children": { "$some": { "state.group": { "$nin": ["completed", "cancelled"] } } } }.
 */
export type Conditions1 = Record<string, unknown>;
/**
 * A CRUD action or the name of a custom record action declared by the module's plugin.
 */
export type RuleAction = string;
/**
 * A CASL (MongoDB-style) condition. Keys are field names, reference paths of up to three hops ('member.user', 'loan.member.user'), or $and/$or/$not. Values are literals, placeholders, an operator object ($eq $ne $in $nin $gt $gte $lt $lte), or for a path ending in a reverse reference (a reference's 'inverse') { "$some": { …conditions on the referencing entity… } }, true when some related record matches; hops inside $some count towards the three ("student.guardians": { "$some": { "guardian.user": "${user.id}" } } takes three). A path through an empty reference matches nothing (under $not: everything). Placeholders: ${user.id}, ${user.organizationId}, ${user.email}; ${now} (an ISO timestamp); ${today}, ${tomorrow}, ${yesterday}, ${startOfWeek} (Monday of the current ISO week), ${startOfMonth} (YYYY-MM-DD dates in the organization's time zone); date placeholders take an offset: ${today-7d}, ${startOfWeek+1w}, ${startOfMonth-1m} (d days, w weeks, m calendar months), ${now-2h} (h hours, d days, w weeks). A date compared with a date-time field means the start of that day in the organization's time zone, so bookings of today are { "starts_at": { "$gte": "${today}", "$lt": "${tomorrow}" } }. Dashboard card conditions only (a rule or workflow condition refuses them at load, as they cannot be decided on one record in memory): an operand { "$field": "level" } compares with a field of the record the card counts instead of a literal ($eq $ne $gt $gte $lt $lte), and { "$related": { "entity": "stock_balance", "on": { "item": "item", "warehouse": "warehouse" }, "where": { "projected": { "$lt": { "$field": "level" } } } } } is true when some record of that entity whose `on` fields (keys: its fields; values: this record's) equal this record's matches `where` (a join on key fields where no reference exists; it counts as one hop, and the viewer's read rules apply to the joined records). Under $not it means none does: a reorder rule with no balance at all.
 */
export type Conditions2 = Record<string, unknown>;
/**
 * A role: one this module declares or a core role (admin) by its bare name, a role of a module in dependsOn as <module>.<role>.
 */
export type RoleRef = string;
export type ReportGroup =
  | string
  | {
      field: string;
      by?: 'day' | 'week' | 'month';
      label?: string;
    };
/**
 * A field the form asks: its name, or { name, required, label, help }.
 */
export type PublicFormField =
  | Identifier
  | {
      name: Identifier;
      /**
       * Asked as required on this form even where the entity allows it empty.
       */
      required?: boolean;
      /**
       * The question on the form (default: the field's label).
       */
      label?: string;
      /**
       * A hint shown under the field.
       */
      help?: string;
    };
/**
 * A CASL (MongoDB-style) condition. Keys are field names, reference paths of up to three hops ('member.user', 'loan.member.user'), or $and/$or/$not. Values are literals, placeholders, an operator object ($eq $ne $in $nin $gt $gte $lt $lte), or for a path ending in a reverse reference (a reference's 'inverse') { "$some": { …conditions on the referencing entity… } }, true when some related record matches; hops inside $some count towards the three ("student.guardians": { "$some": { "guardian.user": "${user.id}" } } takes three). A path through an empty reference matches nothing (under $not: everything). Placeholders: ${user.id}, ${user.organizationId}, ${user.email}; ${now} (an ISO timestamp); ${today}, ${tomorrow}, ${yesterday}, ${startOfWeek} (Monday of the current ISO week), ${startOfMonth} (YYYY-MM-DD dates in the organization's time zone); date placeholders take an offset: ${today-7d}, ${startOfWeek+1w}, ${startOfMonth-1m} (d days, w weeks, m calendar months), ${now-2h} (h hours, d days, w weeks). A date compared with a date-time field means the start of that day in the organization's time zone, so bookings of today are { "starts_at": { "$gte": "${today}", "$lt": "${tomorrow}" } }. Dashboard card conditions only (a rule or workflow condition refuses them at load, as they cannot be decided on one record in memory): an operand { "$field": "level" } compares with a field of the record the card counts instead of a literal ($eq $ne $gt $gte $lt $lte), and { "$related": { "entity": "stock_balance", "on": { "item": "item", "warehouse": "warehouse" }, "where": { "projected": { "$lt": { "$field": "level" } } } } } is true when some record of that entity whose `on` fields (keys: its fields; values: this record's) equal this record's matches `where` (a join on key fields where no reference exists; it counts as one hop, and the viewer's read rules apply to the joined records). Under $not it means none does: a reorder rule with no balance at all.
 */
export type Conditions3 = Record<string, unknown>;
/**
 * A CASL (MongoDB-style) condition. Keys are field names, reference paths of up to three hops ('member.user', 'loan.member.user'), or $and/$or/$not. Values are literals, placeholders, an operator object ($eq $ne $in $nin $gt $gte $lt $lte), or for a path ending in a reverse reference (a reference's 'inverse') { "$some": { …conditions on the referencing entity… } }, true when some related record matches; hops inside $some count towards the three ("student.guardians": { "$some": { "guardian.user": "${user.id}" } } takes three). A path through an empty reference matches nothing (under $not: everything). Placeholders: ${user.id}, ${user.organizationId}, ${user.email}; ${now} (an ISO timestamp); ${today}, ${tomorrow}, ${yesterday}, ${startOfWeek} (Monday of the current ISO week), ${startOfMonth} (YYYY-MM-DD dates in the organization's time zone); date placeholders take an offset: ${today-7d}, ${startOfWeek+1w}, ${startOfMonth-1m} (d days, w weeks, m calendar months), ${now-2h} (h hours, d days, w weeks). A date compared with a date-time field means the start of that day in the organization's time zone, so bookings of today are { "starts_at": { "$gte": "${today}", "$lt": "${tomorrow}" } }. Dashboard card conditions only (a rule or workflow condition refuses them at load, as they cannot be decided on one record in memory): an operand { "$field": "level" } compares with a field of the record the card counts instead of a literal ($eq $ne $gt $gte $lt $lte), and { "$related": { "entity": "stock_balance", "on": { "item": "item", "warehouse": "warehouse" }, "where": { "projected": { "$lt": { "$field": "level" } } } } } is true when some record of that entity whose `on` fields (keys: its fields; values: this record's) equal this record's matches `where` (a join on key fields where no reference exists; it counts as one hop, and the viewer's read rules apply to the joined records). Under $not it means none does: a reorder rule with no balance at all.
 */
export type Conditions4 = Record<string, unknown>;
/**
 * A CASL (MongoDB-style) condition. Keys are field names, reference paths of up to three hops ('member.user', 'loan.member.user'), or $and/$or/$not. Values are literals, placeholders, an operator object ($eq $ne $in $nin $gt $gte $lt $lte), or for a path ending in a reverse reference (a reference's 'inverse') { "$some": { …conditions on the referencing entity… } }, true when some related record matches; hops inside $some count towards the three ("student.guardians": { "$some": { "guardian.user": "${user.id}" } } takes three). A path through an empty reference matches nothing (under $not: everything). Placeholders: ${user.id}, ${user.organizationId}, ${user.email}; ${now} (an ISO timestamp); ${today}, ${tomorrow}, ${yesterday}, ${startOfWeek} (Monday of the current ISO week), ${startOfMonth} (YYYY-MM-DD dates in the organization's time zone); date placeholders take an offset: ${today-7d}, ${startOfWeek+1w}, ${startOfMonth-1m} (d days, w weeks, m calendar months), ${now-2h} (h hours, d days, w weeks). A date compared with a date-time field means the start of that day in the organization's time zone, so bookings of today are { "starts_at": { "$gte": "${today}", "$lt": "${tomorrow}" } }. Dashboard card conditions only (a rule or workflow condition refuses them at load, as they cannot be decided on one record in memory): an operand { "$field": "level" } compares with a field of the record the card counts instead of a literal ($eq $ne $gt $gte $lt $lte), and { "$related": { "entity": "stock_balance", "on": { "item": "item", "warehouse": "warehouse" }, "where": { "projected": { "$lt": { "$field": "level" } } } } } is true when some record of that entity whose `on` fields (keys: its fields; values: this record's) equal this record's matches `where` (a join on key fields where no reference exists; it counts as one hop, and the viewer's read rules apply to the joined records). Under $not it means none does: a reorder rule with no balance at all.
 */
export type Conditions5 = Record<string, unknown>;
/**
 * A CASL (MongoDB-style) condition. Keys are field names, reference paths of up to three hops ('member.user', 'loan.member.user'), or $and/$or/$not. Values are literals, placeholders, an operator object ($eq $ne $in $nin $gt $gte $lt $lte), or for a path ending in a reverse reference (a reference's 'inverse') { "$some": { …conditions on the referencing entity… } }, true when some related record matches; hops inside $some count towards the three ("student.guardians": { "$some": { "guardian.user": "${user.id}" } } takes three). A path through an empty reference matches nothing (under $not: everything). Placeholders: ${user.id}, ${user.organizationId}, ${user.email}; ${now} (an ISO timestamp); ${today}, ${tomorrow}, ${yesterday}, ${startOfWeek} (Monday of the current ISO week), ${startOfMonth} (YYYY-MM-DD dates in the organization's time zone); date placeholders take an offset: ${today-7d}, ${startOfWeek+1w}, ${startOfMonth-1m} (d days, w weeks, m calendar months), ${now-2h} (h hours, d days, w weeks). A date compared with a date-time field means the start of that day in the organization's time zone, so bookings of today are { "starts_at": { "$gte": "${today}", "$lt": "${tomorrow}" } }. Dashboard card conditions only (a rule or workflow condition refuses them at load, as they cannot be decided on one record in memory): an operand { "$field": "level" } compares with a field of the record the card counts instead of a literal ($eq $ne $gt $gte $lt $lte), and { "$related": { "entity": "stock_balance", "on": { "item": "item", "warehouse": "warehouse" }, "where": { "projected": { "$lt": { "$field": "level" } } } } } is true when some record of that entity whose `on` fields (keys: its fields; values: this record's) equal this record's matches `where` (a join on key fields where no reference exists; it counts as one hop, and the viewer's read rules apply to the joined records). Under $not it means none does: a reorder rule with no balance at all.
 */
export type Conditions6 = Record<string, unknown>;

/**
 * A UMS module: entities, roles, permission rules, dashboard cards and (reserved) workflows. Everything UMS builds for a module derives from this file.
 */
export interface ModuleManifest {
  $schema?: string;
  /**
   * Module id; also the prefix of its tables (<id>_<entity>).
   */
  id: string;
  version: string;
  label: string;
  /**
   * The module's label in other languages, by language code (bn): the navigation's group heading and the dashboard's module heading.
   */
  translations?: {
    [k: string]: {
      label: string;
    };
  };
  description?: string;
  /**
   * AdminJS navigation icon name.
   */
  icon?: string;
  /**
   * Organization system types that get this module enabled when they are created: a name declared in module-manifests/system-types.json (or by another manifest), or a new type declared here with its label.
   */
  systemTypes?: (Identifier | SystemType)[];
  dependsOn?: Identifier[];
  entities: Entity[];
  roles?: Role[];
  /**
   * CASL rules per role: a role this module declares or a core role (admin) by its bare name, a role of a module in dependsOn as <module>.<role>.
   */
  permissions?: {
    [k: string]: PermissionRule[];
  };
  dashboard?: DashboardCard[];
  /**
   * Declared reports: an entity's readable records grouped by fields (a date by day, week or month) with counts, sums and averages; each is a page in the admin with filters, an optional chart and CSV, XLSX and PDF downloads, computed for the viewer over what they may read.
   */
  reports?: Report[];
  /**
   * Declared views of an entity's records: a calendar (day/week/month and lanes, e.g. a hotel's tape chart) or a kanban board; each becomes a screen in the module's navigation.
   */
  views?: View[];
  /**
   * Forms anyone may fill in without an account, served at /p/<org-slug>/<name> and embeddable on another site with one <script> tag; each submission creates one record of `entity` as the system actor `public:<name>` (validation, hooks, workflow onEnter and audit apply).
   */
  publicForms?: PublicForm[];
  /**
   * Approval workflows: states of an entity's status field, transitions and their approvals.
   */
  workflows?: Workflow[];
  /**
   * Background jobs run per organization that has the module enabled.
   */
  jobs?: Job[];
}
/**
 * A kind of organization (institute, library, …): its name, stored on each organization, and the label shown for it (the demo organization is "Demo <label>").
 */
export interface SystemType {
  name: Identifier;
  label: string;
  description?: string;
}
export interface Entity {
  name: Identifier;
  /**
   * The entity's previous name in this module. migrations:generate renames its table (with its constraints and indexes) instead of dropping it and creating an empty one, and rewrites what names the old entity: custom roles' rules, workflow requests and events, notifications. A no-op once applied; may stay or be removed afterwards.
   */
  renamedFrom?: string;
  label?: string;
  pluralLabel?: string;
  /**
   * The entity's labels in other languages, by language code (bn): what people read in that language; anything left out is shown in English.
   */
  translations?: {
    [k: string]: {
      label?: string;
      pluralLabel?: string;
      /**
       * Field labels by field name.
       */
      fields?: {
        [k: string]: string;
      };
      /**
       * Labels of an enum field's values, by field name and value (status: { DRAFT: …, ACTIVE: … }).
       */
      values?: {
        [k: string]: {
          [k: string]: string;
        };
      };
      /**
       * Labels of the entity's workflow actions (transitions and their reject actions), by name.
       */
      actions?: {
        [k: string]: string;
      };
      /**
       * Labels of the workflow's approval steps, by step name (every transition's step of that name): the inbox's and record page's "waiting for", the notices and the timeline.
       */
      steps?: {
        [k: string]: string;
      };
      /**
       * A transition's notification message (its effects.message) in this language, by transition name; {title}, {label} and {state} are filled in as in English.
       */
      messages?: {
        [k: string]: string;
      };
      /**
       * The field errors this entity's manifest writes (a check's, guard's, noOverlap's, uniqueWhen's or capacity's `message`, a balance's `refusal`) in this language, by their English text: what the admin shows a reader of this language (the API keeps the English). The same {placeholders} are filled in as in English.
       */
      errors?: {
        [k: string]: string;
      };
      /**
       * Fields' help texts (their `help`) in this language, by field name: shown beside the field in the admin's form.
       */
      help?: {
        [k: string]: string;
      };
    };
  };
  description?: string;
  /**
   * Field shown when a record of this entity is referenced.
   */
  titleField?: string;
  /**
   * Text fields (string, text, email, phone, url) the list's search box looks in besides the title field; each gets a trigram index (pg_trgm) that migrations:generate creates.
   */
  searchFields?: string[];
  /**
   * A string field naming the module a row belongs to (core.role's module): a row of a module the organization has not enabled is not shown to, nor written by, anyone in it, in every list, picker, export and API answer (a hospital lists no library roles). Rows with an empty value belong to the organization.
   */
  moduleField?: string;
  /**
   * Records that belong to one user (a saved filter, a preference): every signed-in user, whatever their roles, may create them (the owner is set to who creates it) and read, update and delete their own; nobody reads or changes another user's (admins included), except what sharedFlag shares.
   */
  ownedBy?: {
    /**
     * A required reference to core.user: the owner.
     */
    field: string;
    /**
     * A boolean field: a record where it is true is readable (not writable) by everyone in the organization. Only roles that are granted the field otherwise (the organization admin) may set it.
     */
    sharedFlag?: string;
  };
  /**
   * @minItems 1
   */
  fields: [Field, ...Field[]];
  indexes?: Index[];
  list?: ListSettings;
  /**
   * Rules across fields of one record: a CHECK constraint in the table and the same check before every write, reported on `field`.
   */
  checks?: RecordCheck[];
  /**
   * No two records with equal `key` fields whose ranges overlap (a btree_gist exclusion constraint with organization_id).
   */
  noOverlap?: NoOverlap[];
  /**
   * Records of this entity that match `when` and point at one parent never outnumber a field of that parent (the parent row is locked while counting).
   */
  capacity?: Capacity[];
  /**
   * Unique `fields` among the records that match `when` (a partial unique index with organization_id).
   */
  uniqueWhen?: UniqueWhen[];
  ledger?: Ledger;
  balance?: Balance;
  posting?: Posting;
  run?: Run;
  acyclic?: Acyclic;
  /**
   * States a record may not be left in after a write, in the permission condition language (paths and `$some` over related records included): a parent completed while a child is open. Checked after the write, in its transaction, under a lock per organization and entity.
   */
  guards?: Guard[];
}
export interface Field {
  name: Identifier;
  /**
   * The field's previous name. migrations:generate renames its column (and the constraints and indexes named after it) instead of dropping it, and rewrites custom roles' rules and conditions that name it. A no-op once applied.
   */
  renamedFrom?: string;
  type: FieldType;
  label?: string;
  help?: string;
  required?: boolean;
  /**
   * Unique within one organization.
   */
  unique?: boolean;
  /**
   * Default value for new records; must be valid for the field.
   */
  default?: unknown;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /**
   * Allowed values of an enum field.
   *
   * @minItems 1
   */
  values?: [string, ...string[]];
  /**
   * Enum fields: new value → the value it replaces (`{ "in_review": "pending" }`). migrations:generate updates the records that hold the old value and the custom roles' conditions that test it. A no-op once applied.
   */
  valuesRenamedFrom?: {
    [k: string]: string;
  };
  /**
   * How migrations:generate converts the stored values when this field's type is narrowed or changed (text → integer, a shorter string, a removed enum value, optional → required): steps from an allow-list, applied in this order — values, trim, case, nullsTo — then a cast to the new column type. Rows the conversion would still fail are counted per organization and the migration is refused until they are fixed.
   */
  convert?: {
    /**
     * Old value → new value (a removed enum value mapped to one that stays).
     */
    values?: {
      [k: string]: string;
    };
    /**
     * Strip leading and trailing white space.
     */
    trim?: boolean;
    case?: 'lower' | 'upper';
    /**
     * The value empty (NULL) rows get when the field becomes required.
     */
    nullsTo?: string | number | boolean;
  };
  where?: Conditions;
  /**
   * Badge colour per value of an enum field (a workflow state's own color wins).
   */
  colors?: {
    [k: string]: BadgeColor;
  };
  /**
   * Digits after the decimal point (decimal, money).
   */
  scale?: number;
  /**
   * Referenced entity: 'entity' in this module, 'module.entity' in a depended-on module, or 'core.user'.
   */
  target?: string;
  /**
   * References only: names the reverse (to-many) side on the target entity, for conditions there: { "<inverse>": { "$some": { …conditions on this entity… } } } holds when some record of this entity points at the target record and matches. Example: student_guardian.student with inverse "guardians" lets a rule on student say { "guardians": { "$some": { "guardian.user": "${user.id}" } } }.
   */
  inverse?: string;
  onDelete?: 'restrict' | 'cascade' | 'set null';
  /**
   * Set by plugins and actions only, never by a form.
   */
  readOnly?: boolean;
  /**
   * Personal data of the person the record is about (a name, an e-mail address, a phone number, a birth date): `user:export` hands it to that person and `user:erase` blanks or pseudonymises it. On text, e-mail, phone and date fields; on a reference to core.user it says whose record this is (a member's or patient's login): the record's personal fields are that user's. Other references to a user (an approver, an assignee) are not.
   */
  personal?: boolean;
  /**
   * The field is computed from the record's other fields (read-only): a stored generated column where PostgreSQL allows it, the same evaluation in memory.
   */
  computed?: string | number | Record<string, unknown>;
  sequence?: Sequence;
  /**
   * file/files only: the largest file accepted, in bytes or as text ("512KB", "10MB", "1GB"); default 10MB. Enforced while the upload streams.
   */
  maxSize?: number | string;
  /**
   * file/files only: MIME types accepted ("application/pdf", "image/*"), checked against the type detected from the content, never the name or the declared type. Unset: any type.
   *
   * @minItems 1
   */
  accept?: [string, ...string[]];
  rollup?: Rollup;
}
/**
 * A human number given when the record is created, in its transaction, gapless and unique per organization (and per `scope`).
 */
export interface Sequence {
  /**
   * Text with tokens: {YYYY} {YY} {MM} {DD} (the creation date in the organization's time zone), {0000} (the counter, zero-padded to that width), {scope.<field>} (a field of the scope record). The counter restarts for each distinct text before it (RES-{YYYY}-{00000} restarts every year).
   */
  pattern: string;
  /**
   * A required reference field of this entity: numbers count per referenced record (PRJ-42 per project).
   */
  scope?: string;
}
/**
 * The field is the sum of a field of this entity's children (read-only): kept in each child's write transaction by an atomic update of this record.
 */
export interface Rollup {
  /**
   * The child entity (this module's, or `module.entity` of one in dependsOn).
   */
  entity: string;
  /**
   * The child's reference field to this entity.
   */
  parent: string;
  /**
   * The child's numeric field that is added up.
   */
  sum: string;
  where?: ConstraintCondition;
}
export interface Index {
  /**
   * @minItems 1
   */
  fields: [string, ...string[]];
  unique?: boolean;
}
export interface ListSettings {
  columns?: string[];
  sort?: {
    field: string;
    direction?: 'asc' | 'desc';
  };
}
export interface RecordCheck {
  /**
   * Names the constraint (default: the field and the position).
   */
  name?: string;
  /**
   * The field the error is reported on.
   */
  field: string;
  rule: ConstraintCondition1;
  /**
   * What the person reads (default: "does not satisfy the rule").
   */
  message?: string;
}
export interface NoOverlap {
  /**
   * Fields that must be equal for two records to conflict (a room, a practitioner).
   *
   * @minItems 1
   */
  key: [string, ...string[]];
  /**
   * Start and end fields: dates, date-times or numbers of one type.
   *
   * @minItems 2
   * @maxItems 2
   */
  range: [string, string];
  /**
   * Which ends belong to the span (default "[)": a departure day may be the next arrival).
   */
  bounds?: '[)' | '[]' | '(]' | '()';
  when?: ConstraintCondition2;
  message?: string;
}
export interface Capacity {
  /**
   * A reference field of this entity (the session of a booking).
   */
  parent: string;
  /**
   * What bounds the count: an integer field of the parent holding the number of places ("capacity"), or a count of other records pointing at the parent ({ "count": "room", "by": "room_type" }: the rooms of a room type).
   */
  limit:
    | string
    | {
        /**
         * The entity whose records are counted (room).
         */
        count: string;
        /**
         * Its reference field pointing at the parent (room_type).
         */
        by: string;
        when?: ConstraintCondition3;
      };
  /**
   * Start and end fields (dates, date-times or numbers of one type): the count holds at every point of the span instead of overall — the reservations covering any one night never outnumber the limit.
   *
   * @minItems 2
   * @maxItems 2
   */
  range?: [string, string];
  /**
   * With `range`: which ends belong to the span (default "[)": the departure day is not a night of the stay).
   */
  bounds?: '[)' | '[]';
  when?: ConstraintCondition4;
  overflow?: {
    /**
     * An enum field of this entity.
     */
    field: string;
    /**
     * Set instead of refusing when the parent is full (waitlisted).
     */
    value: string;
    /**
     * When a place frees, the oldest record with `value` gets this value, in the same transaction (booked).
     */
    promoteTo: string;
    /**
     * Also when an existing record moves into `when` (an application offered a seat): it gets `value` instead of the update being refused. Default false: only a new record overflows.
     */
    onUpdate?: boolean;
  };
  message?: string;
}
export interface UniqueWhen {
  name?: Identifier;
  /**
   * @minItems 1
   */
  fields: [string, ...string[]];
  when: ConstraintCondition1;
  message?: string;
}
/**
 * This entity is an append-only ledger of movements (the database refuses UPDATE and DELETE; a mistake is corrected by a reversing entry). Each movement adds its quantity to the balance record with the same key values, atomically.
 */
export interface Ledger {
  /**
   * Each movement is valued in its transaction, under the balance's row lock: an incoming one at its rate (or the value it carries), an outgoing one by the method — the balance's moving average, or its FIFO layers consumed oldest first. The balance declares "valuation" too.
   */
  valuation?: {
    /**
     * "average" or "fifo" for every balance, or the method a key's record names: { "key": "item", "field": "valuation_method", "average": "MOVING_AVERAGE", "fifo": "FIFO" }.
     */
    method:
      | ('average' | 'fifo')
      | {
          /**
           * A reference key of the balance (item).
           */
          key: string;
          /**
           * An enum field of the key's entity (valuation_method).
           */
          field: string;
          /**
           * Its value meaning moving average.
           */
          average: string;
          /**
           * Its value meaning FIFO.
           */
          fifo: string;
        };
    /**
     * A numeric field of this entity that gets the balance's valuation rate after the movement.
     */
    rate: string;
    /**
     * A numeric field that gets the movement's value change (signed). An incoming movement written with a value keeps it (a transfer carries what left the other balance).
     */
    value: string;
    /**
     * A numeric field holding the rate of an incoming movement (a receipt's price); without one, the balance's current rate.
     */
    incomingRate?: string;
    /**
     * A numeric field that gets the balance's quantity after the movement.
     */
    quantityAfter?: string;
  };
  /**
   * The balance entity (declares "balance"); this entity has a field of the same name and type for each of its keys.
   */
  balance: string;
  /**
   * The numeric field holding the signed change (positive in, negative out).
   */
  quantity: string;
  /**
   * A date field: the posting date (refused before today when the organization does not accept backdated postings).
   */
  date?: string;
  /**
   * A numeric field of the balance other than its quantity that this ledger moves (a stock balance's ordered or reserved quantity). A balance has one ledger for its quantity and at most one for each such field; these movements are never refused below zero and are not valued.
   */
  moves?: string;
  /**
   * Further balance entities this ledger keeps beside "balance", each keyed by fields of this entity that may be empty (a batch × warehouse balance beside the item × warehouse one: ERPNext's batch quantity). A movement whose keys of one are all set moves it by the same quantity, in the same transaction, by the same conditional update (its nonNegative, CHECK and refusal hold); one with an empty key does not touch it. Not valued; the ledger check sums them too. Each one's keys must determine a row of "balance" (a batch belongs to one item), so the main balance's lock, taken first, orders their locks.
   *
   * @minItems 1
   */
  subBalances?: [string, ...string[]];
}
/**
 * This entity holds one balance per combination of its keys, kept by a ledger only (no person or plugin writes it).
 */
export interface Balance {
  /**
   * What a valued ledger keeps on the balance besides its quantity.
   */
  valuation?: {
    /**
     * A numeric field: the balance's total value.
     */
    value: string;
    /**
     * A numeric field: its valuation rate (value ÷ quantity).
     */
    rate: string;
    /**
     * A json field holding the FIFO layers ([{ "qty", "value" }], oldest first); needed when a method can be FIFO.
     */
    layers?: string;
  };
  /**
   * Required fields that identify a balance (e.g. ["item", "warehouse"]); unique per organization.
   *
   * @minItems 1
   */
  keys: [string, ...string[]];
  /**
   * The numeric field holding the balance.
   */
  quantity: string;
  /**
   * A movement that would take the balance below zero is refused (conditional update plus a CHECK constraint).
   */
  nonNegative?: boolean;
  /**
   * The refusal message: {quantity} is what is left, {<key>} each key's title, e.g. "Only {quantity} of item {item} in {warehouse}".
   */
  refusal?: string;
  /**
   * With nonNegative: "<key>.<boolean field>" of the key's record that lets its balances go below zero (a leave type that allows a negative balance: "leave_type.allow_negative"). The key record is locked (FOR SHARE) while the movement is decided; such a balance has no CHECK constraint, the conditional update holds the rule.
   */
  negativeAllowedBy?: string;
}
/**
 * A document that posts ledger movements when its workflow takes the "post" transition and reversing movements on "reverse", in the transition's transaction. Once posted it is read-only, and so are its lines.
 */
export interface Posting {
  /**
   * The ledger entity it posts to.
   */
  ledger: string;
  lines?: {
    entity: string;
    /**
     * The line's reference to this document.
     */
    parent: string;
  };
  /**
   * The workflow transition that posts (e.g. "submit"), or several: the first one's `from` states are the states the document and its lines may be edited in; the others post a document waiting in a read-only state (an approval: ["submit", "approve"]).
   */
  post: string | [string, ...string[]];
  /**
   * The workflow transition that posts the reversal (e.g. "cancel").
   */
  reverse: string;
  /**
   * The document's posting-date field, copied to the ledger's date.
   */
  date?: string;
  /**
   * A reference field of the ledger that gets this document.
   */
  source?: string;
  /**
   * @minItems 1
   */
  movements: [PostingMovement, ...PostingMovement[]];
}
export interface PostingMovement {
  /**
   * "line.<field>" or "<field>" of the document: the quantity moved.
   */
  quantity: string;
  /**
   * -1 takes the quantity out of the balance, 1 (default) puts it in.
   */
  sign?: 1 | -1;
  /**
   * With a valued ledger: "line.<field>" or "<field>" of the document, the rate of what comes in (a receipt's price), written to the ledger's incomingRate. An incoming movement of a line that also takes out (a transfer) carries the value that went out instead.
   */
  rate?: string;
  /**
   * Ledger field → "line.<field>" or "<field>" of the document. A movement whose balance key comes out empty is skipped (a receipt has no source warehouse).
   */
  set: {
    [k: string]: string;
  };
}
/**
 * A record action that creates one child per matching record of another entity in one transaction (a payroll run: one payslip per active employee), at most one run per period (a partial unique index), cancellable as a whole.
 */
export interface Run {
  /**
   * Fields that name the period; two runs that are not cancelled cannot share them.
   *
   * @minItems 1
   */
  period: [string, ...string[]];
  /**
   * An enum field (read-only, its default the draft state).
   */
  status: string;
  states: {
    draft: string;
    done: string;
    cancelled: string;
  };
  action: RunAction;
  cancel?: RunAction;
  /**
   * An integer field that gets the number of records created.
   */
  count?: string;
  creates: {
    /**
     * The child entity.
     */
    entity: string;
    /**
     * The child's reference to the run.
     */
    parent: string;
    for: {
      /**
       * The entity whose records each get a child.
       */
      entity: string;
      /**
       * The child's reference to that record.
       */
      field: string;
      /**
       * Field equalities the records must match (e.g. {"status": "ACTIVE"}).
       */
      where?: {
        [k: string]: string | number | boolean | null;
      };
    };
    /**
     * Child field → field of the matched record.
     */
    copy?: {
      [k: string]: string;
    };
  };
}
export interface RunAction {
  name: Identifier;
  label?: string;
}
/**
 * Links of this entity may not form a cycle: "field" for a self-reference (parent), or "from" and "to" for a link entity between two records of one entity. Checked under a lock per organization and entity with a recursive query.
 */
export interface Acyclic {
  /**
   * A self-reference (e.g. "parent").
   */
  field?: string;
  /**
   * The link's reference to the dependent record.
   */
  from?: string;
  /**
   * The link's reference to the record it depends on.
   */
  to?: string;
  /**
   * A self-reference of the linked entity (e.g. "parent"): a link between a record and its own ancestor or descendant is refused too.
   */
  hierarchy?: string;
}
/**
 * A write that leaves the record matching `refuse` is rolled back and reported on `field` with `message`. Conditions may follow references and `$some` over reverse references (the children of a parent) and compare a path with a field of the record ({ "batch.item": { "$ne": { "$field": "item" } } }); placeholders are not allowed (a guard is about data, not about who writes). A guard whose `field` is a reference and whose every path goes through it ("order.status") is about the parent the record hangs on: it refuses deleting the record too.
 */
export interface Guard {
  name?: Identifier;
  /**
   * The field the refusal is reported on.
   */
  field: string;
  refuse: Conditions1;
  /**
   * Fields whose change is checked (default: every create and update). A create is always checked.
   *
   * @minItems 1
   */
  on?: [string, ...string[]];
  /**
   * The field error, e.g. "cannot be completed while a child item is open".
   */
  message: string;
}
export interface Role {
  name: Identifier;
  /**
   * The role's previous name in this module. migrations:generate renames the built-in role of every organization (its assignments follow: they point at the role's id) and the role in approver overrides and API clients.
   */
  renamedFrom?: string;
  label?: string;
  /**
   * The role's label in other languages, by language code (bn): wherever the role is shown to a reader of that language (role pickers and lists, the inbox's "waiting for", My account); without one the label is shown in English.
   */
  translations?: {
    [k: string]: {
      label: string;
    };
  };
  description?: string;
}
export interface PermissionRule {
  action: RuleAction | [RuleAction, ...RuleAction[]];
  /**
   * Entity name ('book', 'module.entity') or 'all'.
   */
  subject: string | [string, ...string[]];
  conditions?: Conditions2;
  /**
   * @minItems 1
   */
  fields?: [string, ...string[]];
  inverted?: boolean;
  reason?: string;
}
export interface DashboardCard {
  /**
   * count: a number that opens the list it counts; chart: counts or sums grouped by a field or by day/week/month of a date; table: the first records with chosen columns.
   */
  type: 'count' | 'chart' | 'table';
  label: string;
  /**
   * The card's label in other languages, by language code (bn), and a table card's progress column heading (`progress`); without one the English is shown.
   */
  translations?: {
    [k: string]: {
      label: string;
      progress?: string;
    };
  };
  entity: string;
  conditions?: Conditions2;
  /**
   * Show the card only to holders of one of these roles (and to those who may read the entity); without it, to everyone who may read the entity.
   *
   * @minItems 1
   */
  roles?: [RoleRef, ...RoleRef[]];
  /**
   * chart cards: how the groups are drawn.
   */
  chart?: 'bar' | 'line' | 'pie';
  /**
   * chart cards: the field the records are grouped by (an enum, reference, boolean, text or date field, or created_at), or one hop through a reference to a field of its target ("state.group").
   */
  groupBy?: string;
  /**
   * chart cards grouped by a date: one group per day, ISO week or month, in the organization's time zone.
   */
  bucket?: 'day' | 'week' | 'month';
  /**
   * chart cards by day: a second date field; a record counts in every day from groupBy up to (not including) this one (occupancy: check_in until check_out).
   */
  until?: string;
  /**
   * chart cards with a bucket: the last N days/weeks/months up to today, empty ones shown as 0.
   */
  last?: number;
  /**
   * chart cards with a bucket: N days/weeks/months from today on, empty ones shown as 0.
   */
  next?: number;
  /**
   * chart cards: add up this number field per group instead of counting records.
   */
  sum?: string;
  /**
   * chart cards: each group's value is the percentage (one decimal) of its records that also meet these conditions (attendance present out of all marked: a ratio count(conditions ∧ share) / count(conditions) per group); a group with no records is 0.
   */
  share?: {
    conditions: Conditions2;
  };
  /**
   * table cards: the fields shown (references by their title).
   *
   * @minItems 1
   * @maxItems 8
   */
  columns?:
    | [Identifier]
    | [Identifier, Identifier]
    | [Identifier, Identifier, Identifier]
    | [Identifier, Identifier, Identifier, Identifier]
    | [Identifier, Identifier, Identifier, Identifier, Identifier]
    | [Identifier, Identifier, Identifier, Identifier, Identifier, Identifier]
    | [Identifier, Identifier, Identifier, Identifier, Identifier, Identifier, Identifier]
    | [Identifier, Identifier, Identifier, Identifier, Identifier, Identifier, Identifier, Identifier];
  /**
   * table cards: which records come first.
   */
  sort?: {
    field: string;
    direction?: 'asc' | 'desc';
  };
  /**
   * table cards: how many records (default 10).
   */
  limit?: number;
  /**
   * table cards: a bar per row, the records of `count` that point at the row (through its reference field `via`), or the sum of their number field `sum`, out of the row's number field `of` (sign-ups of a course out of its seats; hours logged on an item out of its estimate) or out of another count of the same records (`"of": { "count": true }`: a share, shown as a percentage).
   */
  progress?: {
    label: string;
    /**
     * the entity whose records are counted
     */
    count: string;
    /**
     * its reference field that points at the row's entity
     */
    via: string;
    /**
     * a number field of `count` to add up instead of counting its records
     */
    sum?: string;
    conditions?: Conditions2;
    /**
     * what the count is out of: the row's number field, or `{ "count": true }` for the records of `count` through `via` (with their own `conditions`, none: all of them), so the bar is a share and shows a percentage (a child's sessions present out of all their sessions)
     */
    of:
      | string
      | {
          count: true;
          conditions?: Conditions2;
        };
  };
}
export interface Report {
  /**
   * Unique within the module; the report's page and downloads are named `<module>.<name>`.
   */
  name: string;
  label: string;
  description?: string;
  /**
   * The report in other languages, by language code (bn): its title, description and column headings (by the English heading; a grouped field's heading falls back to the entity's translated field label).
   */
  translations?: {
    [k: string]: {
      label?: string;
      description?: string;
      columns?: {
        [k: string]: string;
      };
    };
  };
  entity: string;
  conditions?: Conditions2;
  /**
   * The columns rows are grouped by: a field name, or a date field with `by` (day, week or month).
   *
   * @minItems 1
   * @maxItems 4
   */
  groupBy:
    | [ReportGroup]
    | [ReportGroup, ReportGroup]
    | [ReportGroup, ReportGroup, ReportGroup]
    | [ReportGroup, ReportGroup, ReportGroup, ReportGroup];
  /**
   * @minItems 1
   * @maxItems 8
   */
  measures:
    | [ReportMeasure]
    | [ReportMeasure, ReportMeasure]
    | [ReportMeasure, ReportMeasure, ReportMeasure]
    | [ReportMeasure, ReportMeasure, ReportMeasure, ReportMeasure]
    | [ReportMeasure, ReportMeasure, ReportMeasure, ReportMeasure, ReportMeasure]
    | [ReportMeasure, ReportMeasure, ReportMeasure, ReportMeasure, ReportMeasure, ReportMeasure]
    | [ReportMeasure, ReportMeasure, ReportMeasure, ReportMeasure, ReportMeasure, ReportMeasure, ReportMeasure]
    | [
        ReportMeasure,
        ReportMeasure,
        ReportMeasure,
        ReportMeasure,
        ReportMeasure,
        ReportMeasure,
        ReportMeasure,
        ReportMeasure
      ];
  /**
   * Fields the viewer may filter the report on (an enum, reference or boolean by value; a date or number by a from/to range).
   */
  filters?: string[];
  /**
   * Draw the first measure over the first grouping.
   */
  chart?: 'bar' | 'line' | 'pie';
  /**
   * Show the report only to holders of one of these roles (and to those who may read the entity).
   *
   * @minItems 1
   */
  roles?: [RoleRef, ...RoleRef[]];
}
/**
 * Exactly one of count (records), sum or avg (of a number field); `label` names the column.
 */
export interface ReportMeasure {
  count?: true;
  sum?: string;
  avg?: string;
  label?: string;
}
/**
 * A calendar (start, end; optional lane, title, color) or a kanban board (column; optional card fields and swimlane) over one entity's records, read through the viewer's rules.
 */
export interface View {
  kind: 'calendar' | 'kanban';
  /**
   * Unique per module; default: the entity's name and the kind (reservation_calendar).
   */
  name?: string;
  /**
   * The screen's title and its link in the navigation; default: the entity's plural label and the kind.
   */
  label?: string;
  /**
   * The view in other languages, by language code (bn): its title (screen and navigation link). Only with a `label`: the default label is made from the entity's plural label.
   */
  translations?: {
    [k: string]: {
      label: string;
    };
  };
  /**
   * The entity shown (entity, or module.entity of a module in dependsOn).
   */
  entity: string;
  /**
   * Calendar: the date or date-time field where a record's span begins.
   */
  start?: string;
  /**
   * Calendar: the field (same type as start) where the span ends, exclusive; empty: open-ended. Default: start (one-day or instant records).
   */
  end?: string;
  /**
   * Calendar: a reference field whose target's records are the rows of the lanes view (rooms of a tape chart).
   */
  lane?: string;
  /**
   * Calendar: the field shown on each record (a reference shows its target's title); default: the entity's title field.
   */
  title?: string;
  /**
   * Calendar: an enum or workflow state field whose value colours the record.
   */
  color?: string;
  /**
   * Kanban: the field of the columns: an enum, a workflow's state field or a reference.
   */
  column?: string;
  /**
   * Kanban: fields shown on each card under its title, or a reverse reference (a reference's inverse, such as a work item's assignees): the referencing records by the title of their other required reference (the users' names), else by their own title; default: the list columns.
   *
   * @maxItems 8
   */
  card?:
    | []
    | [string]
    | [string, string]
    | [string, string, string]
    | [string, string, string, string]
    | [string, string, string, string, string]
    | [string, string, string, string, string, string]
    | [string, string, string, string, string, string, string]
    | [string, string, string, string, string, string, string, string];
  /**
   * Kanban: an enum, boolean or reference field that splits the board into rows.
   */
  swimlane?: string;
  /**
   * Kanban: a reference field; the page picks one of its target's records (a project) and the board shows only the records pointing at it, with the reference columns that belong to it (states whose own field of that name points at it).
   */
  scope?: string;
}
/**
 * A public form: e.g. { "name": "course_signup", "entity": "course_signup", "fields": ["course", "name"], "fixed": { "status": "NEW" }, "references": { "course": { "where": { "status": "ACTIVE" } } }, "success": "Thank you" }.
 */
export interface PublicForm {
  /**
   * The form's address: /p/<org-slug>/<name>; unique across all modules.
   */
  name: string;
  /**
   * The entity of this module a submission creates.
   */
  entity: string;
  /**
   * The form's heading (default: the entity's label).
   */
  label?: string;
  /**
   * A paragraph under the heading.
   */
  description?: string;
  /**
   * The fields asked, in order; each a writable field of the entity.
   *
   * @minItems 1
   */
  fields: [PublicFormField, ...PublicFormField[]];
  /**
   * Values set on every submission and never asked (e.g. { "source": "web" }); each checked against its field at load.
   */
  fixed?: {};
  /**
   * Per asked reference field: which records the select offers (`where`, a condition on the target with placeholders such as ${now} and ${today}; a posted id outside it is refused) and, with `create`, a new target record the person may register instead of picking one.
   */
  references?: {
    [k: string]: PublicFormReference;
  };
  /**
   * The message shown once the record is created.
   */
  success: string;
  /**
   * A mail to the address the person gave, queued in the submission's transaction. {field} in subject and body is the value submitted (a reference: the picked record's title).
   */
  confirmationMail?: {
    /**
     * An asked email field.
     */
    to: string;
    subject: string;
    body: string;
  };
}
export interface PublicFormReference {
  where?: Conditions3;
  /**
   * "Not listed? Register it": the form also asks these fields of the target and, when the person chooses so, creates that record in the same transaction and links it.
   */
  create?: {
    /**
     * The choice and the group's heading (default: 'Register a new <target label>').
     */
    label?: string;
    /**
     * @minItems 1
     */
    fields: [PublicFormField, ...PublicFormField[]];
    /**
     * Values set on the new target record.
     */
    fixed?: {};
  };
}
export interface Workflow {
  name: Identifier;
  label?: string;
  /**
   * Entity name in this module.
   */
  entity: string;
  /**
   * Raise it when the definition changes; requests in flight keep the version they started under.
   */
  version: number;
  /**
   * The enum field holding the state; never editable through the ordinary form.
   */
  field: string;
  initial: string;
  /**
   * @minItems 1
   */
  states: [WorkflowState, ...WorkflowState[]];
  transitions: Transition[];
}
export interface WorkflowState {
  name: string;
  /**
   * The state's previous name. migrations:generate moves the records in the old state to this one and rewrites requests and events in flight, and custom roles' conditions that test it; approvals waiting finish in the new state.
   */
  renamedFrom?: string;
  label?: string;
  color?: BadgeColor;
  /**
   * Whether the ordinary edit form may change a record in this state (default true).
   */
  editable?: boolean;
  /**
   * Only these roles may edit a record in this state (implies editable).
   */
  editableBy?: RoleRef[];
  /**
   * No transition leaves this state.
   */
  terminal?: boolean;
}
export interface Transition {
  name: Identifier;
  label?: string;
  icon?: string;
  from: string | [string, ...string[]];
  to: string;
  by?: TransitionActors;
  when?: Conditions4;
  /**
   * What a refusal says when the record does not match `when`, e.g. "the room must be assigned and clean, and the guest's ID recorded". Without it the refusal names the first condition that fails (the field and the value it needs).
   */
  whenMessage?: string;
  approval?: Approval;
  effects?: WorkflowEffects;
}
/**
 * Who may start the transition (or request its approval).
 */
export interface TransitionActors {
  roles?: RoleRef[];
  relations?: string[];
  /**
   * A job or plugin running as a named system actor may take this transition through the workflow engine (default false). It does not let any user take it.
   */
  system?: boolean;
}
export interface Approval {
  /**
   * onEnter: the request opens by itself when the record enters a `from` state (the one who moved it is the requester); onRequest (default): a user in `by` starts it.
   */
  open?: 'onEnter' | 'onRequest';
  /**
   * parallel (default): every step may be given in any order; sequential: a step opens when the one before it is complete.
   */
  mode?: 'parallel' | 'sequential';
  /**
   * @minItems 1
   */
  steps: [ApprovalStep, ...ApprovalStep[]];
  /**
   * The requester may also give an approval (default false).
   */
  allowSelfApproval?: boolean;
  reject?: {
    name?: Identifier;
    label?: string;
    to: string;
  };
}
export interface ApprovalStep {
  name: Identifier;
  label?: string;
  approvers: Actors;
  /**
   * "any": one eligible user; "all": one distinct user per listed role (and one of the relations, if any); {"count": N}: N distinct eligible users.
   */
  quorum?:
    | ('any' | 'all')
    | {
        count: number;
      };
  when?: Conditions6;
}
/**
 * Who: users holding any of `roles`, and/or the users a record points at (`relations`: a reference path to a user such as "teacher", "created_by" or "department.head").
 */
export interface Actors {
  roles?: RoleRef[];
  relations?: string[];
  where?: Conditions5;
}
export interface WorkflowEffects {
  /**
   * Fields set when the transition completes; values are literals or ${now}, ${today}, ${user.id} (null when the system takes the transition).
   */
  set?: Record<string, unknown>;
  notify?: Actors;
  /**
   * Notification text; {title}, {label} and {state} are filled in.
   */
  message?: string;
  /**
   * Name of a workflow hook in the module's plugin, called in the same transaction.
   */
  hook?: string;
}
export interface Job {
  name: Identifier;
  label?: string;
  description?: string;
  /**
   * Name of the job handler in the module's plugin (default: the job name).
   */
  handler?: string;
  /**
   * The job's previous name in this module. migrations:generate renames its scheduled rows and run history in the PostgreSQL job store (agenda_jobs, agenda_logs), so its next run, last run and failures carry over, and the audit log shows what the old name did under the new one. A no-op once applied.
   */
  renamedFrom?: string;
  /**
   * Exactly one of cron or every.
   */
  schedule: {
    /**
     * Cron expression, e.g. "0 6 * * *".
     */
    cron?: string;
    /**
     * Interval, e.g. "1 day" or "10 minutes".
     */
    every?: string;
  };
}
