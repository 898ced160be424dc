/* Generated from manifest.schema.json and system-types.schema.json by `npm run gen:types` (ajv/dist/standalone). Do not edit. */
// @ts-nocheck: AJV emits plain JavaScript; core/manifest/read.ts gives the two exports their types.
/* eslint-disable */
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
export const validateManifest = validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://ums.local/schemas/manifest.schema.json","title":"ModuleManifest","description":"A UMS module: entities, roles, permission rules, dashboard cards and (reserved) workflows. Everything UMS builds for a module derives from this file.","type":"object","additionalProperties":false,"required":["id","version","label","entities"],"properties":{"$schema":{"type":"string"},"id":{"$ref":"#/definitions/Identifier","description":"Module id; also the prefix of its tables (<id>_<entity>)."},"version":{"type":"string","pattern":"^\\d+\\.\\d+\\.\\d+$"},"label":{"type":"string","minLength":1},"translations":{"type":"object","description":"The module's label in other languages, by language code (bn): the navigation's group heading and the dashboard's module heading.","propertyNames":{"enum":["bn"]},"additionalProperties":{"type":"object","additionalProperties":false,"required":["label"],"properties":{"label":{"type":"string","minLength":1}}}},"description":{"type":"string"},"icon":{"type":"string","description":"AdminJS navigation icon name."},"systemTypes":{"type":"array","description":"Organization system types that get this module enabled when they are created: a name declared in module-manifests/system-types.json (or by another manifest), or a new type declared here with its label.","items":{"anyOf":[{"$ref":"#/definitions/Identifier"},{"$ref":"#/definitions/SystemType"}]},"uniqueItems":true},"dependsOn":{"type":"array","items":{"$ref":"#/definitions/Identifier"},"uniqueItems":true},"entities":{"type":"array","items":{"$ref":"#/definitions/Entity"}},"roles":{"type":"array","items":{"$ref":"#/definitions/Role"}},"permissions":{"type":"object","description":"CASL rules per role: a role this module declares or a core role (admin) by its bare name, a role of a module in dependsOn as <module>.<role>.","additionalProperties":{"type":"array","items":{"$ref":"#/definitions/PermissionRule"}}},"dashboard":{"type":"array","items":{"$ref":"#/definitions/DashboardCard"}},"reports":{"type":"array","description":"Declared reports: an entity's readable records grouped by fields (a date by day, week or month) with counts, sums and averages; each is a page in the admin with filters, an optional chart and CSV, XLSX and PDF downloads, computed for the viewer over what they may read.","items":{"$ref":"#/definitions/Report"}},"views":{"type":"array","description":"Declared views of an entity's records: a calendar (day/week/month and lanes, e.g. a hotel's tape chart) or a kanban board; each becomes a screen in the module's navigation.","items":{"$ref":"#/definitions/View"}},"publicForms":{"type":"array","description":"Forms anyone may fill in without an account, served at /p/<org-slug>/<name> and embeddable on another site with one <script> tag; each submission creates one record of `entity` as the system actor `public:<name>` (validation, hooks, workflow onEnter and audit apply).","items":{"$ref":"#/definitions/PublicForm"}},"workflows":{"type":"array","description":"Approval workflows: states of an entity's status field, transitions and their approvals.","items":{"$ref":"#/definitions/Workflow"}},"jobs":{"type":"array","description":"Background jobs run per organization that has the module enabled.","items":{"$ref":"#/definitions/Job"}}},"definitions":{"Report":{"type":"object","additionalProperties":false,"required":["name","label","entity","groupBy","measures"],"properties":{"name":{"type":"string","pattern":"^[a-z][a-z0-9_]*$","description":"Unique within the module; the report's page and downloads are named `<module>.<name>`."},"label":{"type":"string"},"description":{"type":"string"},"translations":{"type":"object","description":"The report in other languages, by language code (bn): its title, description and column headings (by the English heading; a grouped field's heading falls back to the entity's translated field label).","propertyNames":{"enum":["bn"]},"additionalProperties":{"type":"object","additionalProperties":false,"properties":{"label":{"type":"string","minLength":1},"description":{"type":"string","minLength":1},"columns":{"type":"object","additionalProperties":{"type":"string","minLength":1}}}}},"entity":{"type":"string"},"conditions":{"$ref":"#/definitions/Conditions"},"groupBy":{"type":"array","minItems":1,"maxItems":4,"description":"The columns rows are grouped by: a field name, or a date field with `by` (day, week or month).","items":{"$ref":"#/definitions/ReportGroup"}},"measures":{"type":"array","minItems":1,"maxItems":8,"items":{"$ref":"#/definitions/ReportMeasure"}},"filters":{"type":"array","uniqueItems":true,"description":"Fields the viewer may filter the report on (an enum, reference or boolean by value; a date or number by a from/to range).","items":{"type":"string"}},"chart":{"type":"string","enum":["bar","line","pie"],"description":"Draw the first measure over the first grouping."},"roles":{"type":"array","minItems":1,"uniqueItems":true,"description":"Show the report only to holders of one of these roles (and to those who may read the entity).","items":{"$ref":"#/definitions/RoleRef"}}}},"ReportGroup":{"oneOf":[{"type":"string"},{"type":"object","additionalProperties":false,"required":["field"],"properties":{"field":{"type":"string"},"by":{"type":"string","enum":["day","week","month"]},"label":{"type":"string"}}}]},"ReportMeasure":{"type":"object","additionalProperties":false,"minProperties":1,"description":"Exactly one of count (records), sum or avg (of a number field); `label` names the column.","properties":{"count":{"type":"boolean","const":true},"sum":{"type":"string"},"avg":{"type":"string"},"label":{"type":"string"}}},"BadgeColor":{"type":"string","enum":["grey","blue","green","amber","red","purple"],"description":"The colour of a state's or enum value's badge in lists and on record pages."},"Identifier":{"type":"string","pattern":"^[a-z][a-z0-9_]*$","maxLength":40},"RoleRef":{"type":"string","description":"A role: one this module declares or a core role (admin) by its bare name, a role of a module in dependsOn as <module>.<role>.","pattern":"^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$","maxLength":81},"SystemType":{"type":"object","description":"A kind of organization (institute, library, …): its name, stored on each organization, and the label shown for it (the demo organization is \"Demo <label>\").","additionalProperties":false,"required":["name","label"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"label":{"type":"string","minLength":1,"maxLength":190},"description":{"type":"string"}}},"Entity":{"type":"object","additionalProperties":false,"required":["name","fields"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"renamedFrom":{"$ref":"#/definitions/Identifier","description":"The entity's previous name in this module. migrations:generate renames its table (with its constraints and indexes) instead of dropping it and creating an empty one, and rewrites what names the old entity: custom roles' rules, workflow requests and events, notifications. A no-op once applied; may stay or be removed afterwards."},"label":{"type":"string"},"pluralLabel":{"type":"string"},"translations":{"type":"object","description":"The entity's labels in other languages, by language code (bn): what people read in that language; anything left out is shown in English.","propertyNames":{"enum":["bn"]},"additionalProperties":{"type":"object","additionalProperties":false,"properties":{"label":{"type":"string","minLength":1},"pluralLabel":{"type":"string","minLength":1},"fields":{"type":"object","description":"Field labels by field name.","additionalProperties":{"type":"string","minLength":1}},"values":{"type":"object","description":"Labels of an enum field's values, by field name and value (status: { DRAFT: …, ACTIVE: … }).","additionalProperties":{"type":"object","additionalProperties":{"type":"string","minLength":1}}},"actions":{"type":"object","description":"Labels of the entity's workflow actions (transitions and their reject actions), by name.","additionalProperties":{"type":"string","minLength":1}},"steps":{"type":"object","description":"Labels of the workflow's approval steps, by step name (every transition's step of that name): the inbox's and record page's \"waiting for\", the notices and the timeline.","additionalProperties":{"type":"string","minLength":1}},"messages":{"type":"object","description":"A transition's notification message (its effects.message) in this language, by transition name; {title}, {label} and {state} are filled in as in English.","additionalProperties":{"type":"string","minLength":1}},"errors":{"type":"object","description":"The field errors this entity's manifest writes (a check's, guard's, noOverlap's, uniqueWhen's or capacity's `message`, a balance's `refusal`) in this language, by their English text: what the admin shows a reader of this language (the API keeps the English). The same {placeholders} are filled in as in English.","additionalProperties":{"type":"string","minLength":1}},"help":{"type":"object","description":"Fields' help texts (their `help`) in this language, by field name: shown beside the field in the admin's form.","additionalProperties":{"type":"string","minLength":1}}}}},"description":{"type":"string"},"titleField":{"type":"string","description":"Field shown when a record of this entity is referenced."},"searchFields":{"type":"array","description":"Text fields (string, text, email, phone, url) the list's search box looks in besides the title field; each gets a trigram index (pg_trgm) that migrations:generate creates.","uniqueItems":true,"items":{"type":"string"}},"moduleField":{"type":"string","pattern":"^[a-z][a-z0-9_]*$","description":"A string field naming the module a row belongs to (core.role's module): a row of a module the organization has not enabled is not shown to, nor written by, anyone in it, in every list, picker, export and API answer (a hospital lists no library roles). Rows with an empty value belong to the organization."},"ownedBy":{"type":"object","additionalProperties":false,"required":["field"],"description":"Records that belong to one user (a saved filter, a preference): every signed-in user, whatever their roles, may create them (the owner is set to who creates it) and read, update and delete their own; nobody reads or changes another user's (admins included), except what sharedFlag shares.","properties":{"field":{"type":"string","pattern":"^[a-z][a-z0-9_]*$","description":"A required reference to core.user: the owner."},"sharedFlag":{"type":"string","pattern":"^[a-z][a-z0-9_]*$","description":"A boolean field: a record where it is true is readable (not writable) by everyone in the organization. Only roles that are granted the field otherwise (the organization admin) may set it."}}},"fields":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/Field"}},"indexes":{"type":"array","items":{"$ref":"#/definitions/Index"}},"list":{"$ref":"#/definitions/ListSettings"},"checks":{"type":"array","items":{"$ref":"#/definitions/RecordCheck"},"description":"Rules across fields of one record: a CHECK constraint in the table and the same check before every write, reported on `field`."},"noOverlap":{"type":"array","items":{"$ref":"#/definitions/NoOverlap"},"description":"No two records with equal `key` fields whose ranges overlap (a btree_gist exclusion constraint with organization_id)."},"capacity":{"type":"array","items":{"$ref":"#/definitions/Capacity"},"description":"Records of this entity that match `when` and point at one parent never outnumber a field of that parent (the parent row is locked while counting)."},"uniqueWhen":{"type":"array","items":{"$ref":"#/definitions/UniqueWhen"},"description":"Unique `fields` among the records that match `when` (a partial unique index with organization_id)."},"ledger":{"$ref":"#/definitions/Ledger"},"balance":{"$ref":"#/definitions/Balance"},"posting":{"$ref":"#/definitions/Posting"},"run":{"$ref":"#/definitions/Run"},"acyclic":{"$ref":"#/definitions/Acyclic"},"guards":{"type":"array","items":{"$ref":"#/definitions/Guard"},"description":"States a record may not be left in after a write, in the permission condition language (paths and `$some` over related records included): a parent completed while a child is open. Checked after the write, in its transaction, under a lock per organization and entity."}}},"FieldType":{"type":"string","enum":["string","text","integer","decimal","money","boolean","date","datetime","time","enum","email","phone","url","json","reference","password","file","files"]},"Field":{"type":"object","additionalProperties":false,"required":["name","type"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"renamedFrom":{"$ref":"#/definitions/Identifier","description":"The field's previous name. migrations:generate renames its column (and the constraints and indexes named after it) instead of dropping it, and rewrites custom roles' rules and conditions that name it. A no-op once applied."},"type":{"$ref":"#/definitions/FieldType"},"label":{"type":"string"},"help":{"type":"string"},"required":{"type":"boolean"},"unique":{"type":"boolean","description":"Unique within one organization."},"default":{"description":"Default value for new records; must be valid for the field.","tsType":"unknown"},"min":{"type":"number"},"max":{"type":"number"},"minLength":{"type":"integer","minimum":0},"maxLength":{"type":"integer","minimum":1},"pattern":{"type":"string"},"values":{"type":"array","items":{"type":"string"},"minItems":1,"description":"Allowed values of an enum field."},"valuesRenamedFrom":{"type":"object","additionalProperties":{"type":"string"},"description":"Enum fields: new value → the value it replaces (`{ \"in_review\": \"pending\" }`). migrations:generate updates the records that hold the old value and the custom roles' conditions that test it. A no-op once applied."},"convert":{"type":"object","additionalProperties":false,"description":"How migrations:generate converts the stored values when this field's type is narrowed or changed (text → integer, a shorter string, a removed enum value, optional → required): steps from an allow-list, applied in this order — values, trim, case, nullsTo — then a cast to the new column type. Rows the conversion would still fail are counted per organization and the migration is refused until they are fixed.","properties":{"values":{"type":"object","additionalProperties":{"type":"string"},"description":"Old value → new value (a removed enum value mapped to one that stays)."},"trim":{"type":"boolean","description":"Strip leading and trailing white space."},"case":{"type":"string","enum":["lower","upper"]},"nullsTo":{"description":"The value empty (NULL) rows get when the field becomes required.","type":["string","number","boolean"]}}},"where":{"$ref":"#/definitions/Conditions","description":"References only: a condition on the target that a record must meet to be offered in this field's picker (the user's read rules apply as well). Example: course.teacher with { \"assignments\": { \"$some\": { \"role.name\": \"institute.teacher\" } } } offers only teachers."},"colors":{"type":"object","additionalProperties":{"$ref":"#/definitions/BadgeColor"},"description":"Badge colour per value of an enum field (a workflow state's own color wins)."},"scale":{"type":"integer","minimum":0,"maximum":10,"description":"Digits after the decimal point (decimal, money)."},"target":{"type":"string","description":"Referenced entity: 'entity' in this module, 'module.entity' in a depended-on module, or 'core.user'."},"inverse":{"$ref":"#/definitions/Identifier","description":"References only: names the reverse (to-many) side on the target entity, for conditions there: { \"<inverse>\": { \"$some\": { …conditions on this entity… } } } holds when some record of this entity points at the target record and matches. Example: student_guardian.student with inverse \"guardians\" lets a rule on student say { \"guardians\": { \"$some\": { \"guardian.user\": \"${user.id}\" } } }."},"onDelete":{"type":"string","enum":["restrict","cascade","set null"]},"readOnly":{"type":"boolean","description":"Set by plugins and actions only, never by a form."},"personal":{"type":"boolean","description":"Personal data of the person the record is about (a name, an e-mail address, a phone number, a birth date): `user:export` hands it to that person and `user:erase` blanks or pseudonymises it. On text, e-mail, phone and date fields; on a reference to core.user it says whose record this is (a member's or patient's login): the record's personal fields are that user's. Other references to a user (an approver, an assignee) are not."},"computed":{"$ref":"#/definitions/Expression","description":"The field is computed from the record's other fields (read-only): a stored generated column where PostgreSQL allows it, the same evaluation in memory."},"sequence":{"$ref":"#/definitions/Sequence"},"maxSize":{"type":["integer","string"],"description":"file/files only: the largest file accepted, in bytes or as text (\"512KB\", \"10MB\", \"1GB\"); default 10MB. Enforced while the upload streams."},"accept":{"type":"array","items":{"type":"string"},"minItems":1,"description":"file/files only: MIME types accepted (\"application/pdf\", \"image/*\"), checked against the type detected from the content, never the name or the declared type. Unset: any type."},"rollup":{"$ref":"#/definitions/Rollup","description":"The field is the sum of a field of this entity's children (read-only): kept in each child's write transaction by an atomic update of this record."}}},"Index":{"type":"object","additionalProperties":false,"required":["fields"],"properties":{"fields":{"type":"array","items":{"type":"string"},"minItems":1},"unique":{"type":"boolean"}}},"ListSettings":{"type":"object","additionalProperties":false,"properties":{"columns":{"type":"array","items":{"type":"string"}},"sort":{"type":"object","additionalProperties":false,"required":["field"],"properties":{"field":{"type":"string"},"direction":{"type":"string","enum":["asc","desc"]}}}}},"Role":{"type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"renamedFrom":{"$ref":"#/definitions/Identifier","description":"The role's previous name in this module. migrations:generate renames the built-in role of every organization (its assignments follow: they point at the role's id) and the role in approver overrides and API clients."},"label":{"type":"string"},"translations":{"type":"object","description":"The role's label in other languages, by language code (bn): wherever the role is shown to a reader of that language (role pickers and lists, the inbox's \"waiting for\", My account); without one the label is shown in English.","propertyNames":{"enum":["bn"]},"additionalProperties":{"type":"object","additionalProperties":false,"required":["label"],"properties":{"label":{"type":"string","minLength":1}}}},"description":{"type":"string"}}},"PermissionRule":{"type":"object","additionalProperties":false,"required":["action","subject"],"properties":{"action":{"oneOf":[{"$ref":"#/definitions/RuleAction"},{"type":"array","items":{"$ref":"#/definitions/RuleAction"},"minItems":1}]},"subject":{"oneOf":[{"type":"string"},{"type":"array","items":{"type":"string"},"minItems":1}],"description":"Entity name ('book', 'module.entity') or 'all'."},"conditions":{"$ref":"#/definitions/Conditions"},"fields":{"type":"array","items":{"type":"string"},"minItems":1},"inverted":{"type":"boolean"},"reason":{"type":"string"}}},"RuleAction":{"type":"string","pattern":"^(manage|create|read|update|delete|[a-z][a-z0-9_]*)$","description":"A CRUD action or the name of a custom record action declared by the module's plugin."},"Conditions":{"type":"object","description":"A CASL (MongoDB-style) condition. Keys are field names, reference paths of up to three hops ('member.user', 'loan.member.user'), or $and/$or/$not. Values are literals, placeholders, an operator object ($eq $ne $in $nin $gt $gte $lt $lte), or for a path ending in a reverse reference (a reference's 'inverse') { \"$some\": { …conditions on the referencing entity… } }, true when some related record matches; hops inside $some count towards the three (\"student.guardians\": { \"$some\": { \"guardian.user\": \"${user.id}\" } } takes three). A path through an empty reference matches nothing (under $not: everything). Placeholders: ${user.id}, ${user.organizationId}, ${user.email}; ${now} (an ISO timestamp); ${today}, ${tomorrow}, ${yesterday}, ${startOfWeek} (Monday of the current ISO week), ${startOfMonth} (YYYY-MM-DD dates in the organization's time zone); date placeholders take an offset: ${today-7d}, ${startOfWeek+1w}, ${startOfMonth-1m} (d days, w weeks, m calendar months), ${now-2h} (h hours, d days, w weeks). A date compared with a date-time field means the start of that day in the organization's time zone, so bookings of today are { \"starts_at\": { \"$gte\": \"${today}\", \"$lt\": \"${tomorrow}\" } }. Dashboard card conditions only (a rule or workflow condition refuses them at load, as they cannot be decided on one record in memory): an operand { \"$field\": \"level\" } compares with a field of the record the card counts instead of a literal ($eq $ne $gt $gte $lt $lte), and { \"$related\": { \"entity\": \"stock_balance\", \"on\": { \"item\": \"item\", \"warehouse\": \"warehouse\" }, \"where\": { \"projected\": { \"$lt\": { \"$field\": \"level\" } } } } } is true when some record of that entity whose `on` fields (keys: its fields; values: this record's) equal this record's matches `where` (a join on key fields where no reference exists; it counts as one hop, and the viewer's read rules apply to the joined records). Under $not it means none does: a reorder rule with no balance at all.","tsType":"Record<string, unknown>"},"DashboardCard":{"type":"object","additionalProperties":false,"required":["type","label","entity"],"properties":{"type":{"type":"string","description":"count: a number that opens the list it counts; chart: counts or sums grouped by a field or by day/week/month of a date; table: the first records with chosen columns.","enum":["count","chart","table"]},"label":{"type":"string"},"translations":{"type":"object","description":"The card's label in other languages, by language code (bn), and a table card's progress column heading (`progress`); without one the English is shown.","propertyNames":{"enum":["bn"]},"additionalProperties":{"type":"object","additionalProperties":false,"required":["label"],"properties":{"label":{"type":"string","minLength":1},"progress":{"type":"string","minLength":1}}}},"entity":{"type":"string"},"conditions":{"$ref":"#/definitions/Conditions"},"roles":{"type":"array","description":"Show the card only to holders of one of these roles (and to those who may read the entity); without it, to everyone who may read the entity.","items":{"$ref":"#/definitions/RoleRef"},"minItems":1,"uniqueItems":true},"chart":{"type":"string","description":"chart cards: how the groups are drawn.","enum":["bar","line","pie"]},"groupBy":{"type":"string","description":"chart cards: the field the records are grouped by (an enum, reference, boolean, text or date field, or created_at), or one hop through a reference to a field of its target (\"state.group\")."},"bucket":{"type":"string","description":"chart cards grouped by a date: one group per day, ISO week or month, in the organization's time zone.","enum":["day","week","month"]},"until":{"type":"string","description":"chart cards by day: a second date field; a record counts in every day from groupBy up to (not including) this one (occupancy: check_in until check_out)."},"last":{"type":"integer","description":"chart cards with a bucket: the last N days/weeks/months up to today, empty ones shown as 0.","minimum":1,"maximum":366},"next":{"type":"integer","description":"chart cards with a bucket: N days/weeks/months from today on, empty ones shown as 0.","minimum":1,"maximum":366},"sum":{"type":"string","description":"chart cards: add up this number field per group instead of counting records."},"share":{"type":"object","description":"chart cards: each group's value is the percentage (one decimal) of its records that also meet these conditions (attendance present out of all marked: a ratio count(conditions ∧ share) / count(conditions) per group); a group with no records is 0.","additionalProperties":false,"required":["conditions"],"properties":{"conditions":{"$ref":"#/definitions/Conditions"}}},"columns":{"type":"array","description":"table cards: the fields shown (references by their title).","items":{"$ref":"#/definitions/Identifier"},"minItems":1,"maxItems":8},"sort":{"type":"object","description":"table cards: which records come first.","additionalProperties":false,"required":["field"],"properties":{"field":{"type":"string"},"direction":{"type":"string","enum":["asc","desc"]}}},"limit":{"type":"integer","description":"table cards: how many records (default 10).","minimum":1,"maximum":50},"progress":{"type":"object","description":"table cards: a bar per row, the records of `count` that point at the row (through its reference field `via`), or the sum of their number field `sum`, out of the row's number field `of` (sign-ups of a course out of its seats; hours logged on an item out of its estimate) or out of another count of the same records (`\"of\": { \"count\": true }`: a share, shown as a percentage).","additionalProperties":false,"required":["label","count","via","of"],"properties":{"label":{"type":"string"},"count":{"type":"string","description":"the entity whose records are counted"},"via":{"type":"string","description":"its reference field that points at the row's entity"},"sum":{"type":"string","description":"a number field of `count` to add up instead of counting its records"},"conditions":{"$ref":"#/definitions/Conditions"},"of":{"description":"what the count is out of: the row's number field, or `{ \"count\": true }` for the records of `count` through `via` (with their own `conditions`, none: all of them), so the bar is a share and shows a percentage (a child's sessions present out of all their sessions)","oneOf":[{"type":"string"},{"type":"object","additionalProperties":false,"required":["count"],"properties":{"count":{"const":true},"conditions":{"$ref":"#/definitions/Conditions"}}}]}}}}},"Actors":{"type":"object","additionalProperties":false,"description":"Who: users holding any of `roles`, and/or the users a record points at (`relations`: a reference path to a user such as \"teacher\", \"created_by\" or \"department.head\").","properties":{"roles":{"type":"array","items":{"$ref":"#/definitions/RoleRef"},"uniqueItems":true},"relations":{"type":"array","items":{"type":"string","pattern":"^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$"},"uniqueItems":true},"where":{"$ref":"#/definitions/Conditions","description":"Record-relative people a path cannot name: the users for whom the record meets this condition, which names ${user.id} — e.g. any teacher of a course the student is enrolled in: { \"student.enrollments\": { \"$some\": { \"status\": \"ENROLLED\", \"course.teacher\": \"${user.id}\" } } }."}}},"TransitionActors":{"type":"object","additionalProperties":false,"description":"Who may start a transition: users holding any of `roles`, the users a record points at (`relations`), and/or, with `system: true`, a named system actor (a job or a plugin acting as the system, recorded as e.g. job:<module>.<name>). The system may start a transition or request its approval, never approve or reject one, so step approvers and notify take no `system`.","properties":{"roles":{"type":"array","items":{"$ref":"#/definitions/RoleRef"},"uniqueItems":true},"relations":{"type":"array","items":{"type":"string","pattern":"^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$"},"uniqueItems":true},"system":{"type":"boolean","description":"A job or plugin running as a named system actor may take this transition through the workflow engine (default false). It does not let any user take it."}}},"WorkflowState":{"type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","pattern":"^[A-Za-z][A-Za-z0-9_]*$","maxLength":40},"renamedFrom":{"type":"string","description":"The state's previous name. migrations:generate moves the records in the old state to this one and rewrites requests and events in flight, and custom roles' conditions that test it; approvals waiting finish in the new state."},"label":{"type":"string"},"color":{"$ref":"#/definitions/BadgeColor"},"editable":{"type":"boolean","description":"Whether the ordinary edit form may change a record in this state (default true)."},"editableBy":{"type":"array","items":{"$ref":"#/definitions/RoleRef"},"description":"Only these roles may edit a record in this state (implies editable)."},"terminal":{"type":"boolean","description":"No transition leaves this state."}}},"ApprovalStep":{"type":"object","additionalProperties":false,"required":["name","approvers"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"label":{"type":"string"},"approvers":{"$ref":"#/definitions/Actors"},"quorum":{"description":"\"any\": one eligible user; \"all\": one distinct user per listed role (and one of the relations, if any); {\"count\": N}: N distinct eligible users.","oneOf":[{"type":"string","enum":["any","all"]},{"type":"object","additionalProperties":false,"required":["count"],"properties":{"count":{"type":"integer","minimum":1}}}]},"when":{"$ref":"#/definitions/Conditions","description":"The step applies only when the record matches (checked when the request opens)."}}},"Approval":{"type":"object","additionalProperties":false,"required":["steps"],"properties":{"open":{"type":"string","enum":["onEnter","onRequest"],"description":"onEnter: the request opens by itself when the record enters a `from` state (the one who moved it is the requester); onRequest (default): a user in `by` starts it."},"mode":{"type":"string","enum":["parallel","sequential"],"description":"parallel (default): every step may be given in any order; sequential: a step opens when the one before it is complete."},"steps":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/ApprovalStep"}},"allowSelfApproval":{"type":"boolean","description":"The requester may also give an approval (default false)."},"reject":{"type":"object","additionalProperties":false,"required":["to"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"label":{"type":"string"},"to":{"type":"string","pattern":"^[A-Za-z][A-Za-z0-9_]*$","maxLength":40}}}}},"WorkflowEffects":{"type":"object","additionalProperties":false,"properties":{"set":{"type":"object","description":"Fields set when the transition completes; values are literals or ${now}, ${today}, ${user.id} (null when the system takes the transition).","tsType":"Record<string, unknown>"},"notify":{"$ref":"#/definitions/Actors"},"message":{"type":"string","description":"Notification text; {title}, {label} and {state} are filled in."},"hook":{"type":"string","description":"Name of a workflow hook in the module's plugin, called in the same transaction."}}},"Transition":{"type":"object","additionalProperties":false,"required":["name","from","to"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"label":{"type":"string"},"icon":{"type":"string"},"from":{"oneOf":[{"type":"string","pattern":"^[A-Za-z][A-Za-z0-9_]*$","maxLength":40},{"type":"array","minItems":1,"items":{"type":"string","pattern":"^[A-Za-z][A-Za-z0-9_]*$","maxLength":40}}]},"to":{"type":"string","pattern":"^[A-Za-z][A-Za-z0-9_]*$","maxLength":40},"by":{"$ref":"#/definitions/TransitionActors","description":"Who may start the transition (or request its approval)."},"when":{"$ref":"#/definitions/Conditions","description":"The record must match for the transition to be possible."},"whenMessage":{"type":"string","description":"What a refusal says when the record does not match `when`, e.g. \"the room must be assigned and clean, and the guest's ID recorded\". Without it the refusal names the first condition that fails (the field and the value it needs)."},"approval":{"$ref":"#/definitions/Approval"},"effects":{"$ref":"#/definitions/WorkflowEffects"}}},"Workflow":{"type":"object","additionalProperties":false,"required":["name","entity","version","field","initial","states","transitions"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"label":{"type":"string"},"entity":{"type":"string","description":"Entity name in this module."},"version":{"type":"integer","minimum":1,"description":"Raise it when the definition changes; requests in flight keep the version they started under."},"field":{"type":"string","description":"The enum field holding the state; never editable through the ordinary form."},"initial":{"type":"string","pattern":"^[A-Za-z][A-Za-z0-9_]*$","maxLength":40},"states":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/WorkflowState"}},"transitions":{"type":"array","items":{"$ref":"#/definitions/Transition"}}}},"Job":{"type":"object","additionalProperties":false,"required":["name","schedule"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"label":{"type":"string"},"description":{"type":"string"},"handler":{"type":"string","description":"Name of the job handler in the module's plugin (default: the job name)."},"renamedFrom":{"$ref":"#/definitions/Identifier","description":"The job's previous name in this module. migrations:generate renames its scheduled rows and run history in the PostgreSQL job store (agenda_jobs, agenda_logs), so its next run, last run and failures carry over, and the audit log shows what the old name did under the new one. A no-op once applied."},"schedule":{"type":"object","additionalProperties":false,"properties":{"cron":{"type":"string","description":"Cron expression, e.g. \"0 6 * * *\"."},"every":{"type":"string","description":"Interval, e.g. \"1 day\" or \"10 minutes\"."}},"minProperties":1,"maxProperties":1,"description":"Exactly one of cron or every."}}},"ConstraintCondition":{"type":"object","description":"A condition on the record's own fields (no reference paths, no placeholders: the database evaluates it in a constraint): field names to a literal or an operator object ($eq $ne $in $nin $gt $gte $lt $lte), $and/$or/$not; an operand may be another field of the record, { \"$field\": \"check_in\" }. Missing values (NULL) compare as unknown, as in SQL: a check holds unless it is false; a `when` selects only records where it is true.","tsType":"Record<string, unknown>"},"RecordCheck":{"type":"object","additionalProperties":false,"required":["field","rule"],"properties":{"name":{"$ref":"#/definitions/Identifier","description":"Names the constraint (default: the field and the position)."},"field":{"type":"string","description":"The field the error is reported on."},"rule":{"$ref":"#/definitions/ConstraintCondition"},"message":{"type":"string","description":"What the person reads (default: \"does not satisfy the rule\")."}}},"NoOverlap":{"type":"object","additionalProperties":false,"required":["key","range"],"properties":{"key":{"type":"array","items":{"type":"string"},"minItems":1,"uniqueItems":true,"description":"Fields that must be equal for two records to conflict (a room, a practitioner)."},"range":{"type":"array","items":{"type":"string"},"minItems":2,"maxItems":2,"description":"Start and end fields: dates, date-times or numbers of one type."},"bounds":{"type":"string","enum":["[)","[]","(]","()"],"description":"Which ends belong to the span (default \"[)\": a departure day may be the next arrival)."},"when":{"$ref":"#/definitions/ConstraintCondition","description":"Only records matching it take the span (cancelled ones do not)."},"message":{"type":"string"}}},"Capacity":{"type":"object","additionalProperties":false,"required":["parent","limit"],"properties":{"parent":{"type":"string","description":"A reference field of this entity (the session of a booking)."},"limit":{"description":"What bounds the count: an integer field of the parent holding the number of places (\"capacity\"), or a count of other records pointing at the parent ({ \"count\": \"room\", \"by\": \"room_type\" }: the rooms of a room type).","oneOf":[{"type":"string"},{"type":"object","additionalProperties":false,"required":["count","by"],"properties":{"count":{"type":"string","description":"The entity whose records are counted (room)."},"by":{"type":"string","description":"Its reference field pointing at the parent (room_type)."},"when":{"$ref":"#/definitions/ConstraintCondition","description":"Which of them count (default: all)."}}}]},"range":{"type":"array","items":{"type":"string"},"minItems":2,"maxItems":2,"description":"Start and end fields (dates, date-times or numbers of one type): the count holds at every point of the span instead of overall — the reservations covering any one night never outnumber the limit."},"bounds":{"type":"string","enum":["[)","[]"],"description":"With `range`: which ends belong to the span (default \"[)\": the departure day is not a night of the stay)."},"when":{"$ref":"#/definitions/ConstraintCondition","description":"Which records take a place (default: all)."},"overflow":{"type":"object","additionalProperties":false,"required":["field","value","promoteTo"],"properties":{"field":{"type":"string","description":"An enum field of this entity."},"value":{"type":"string","description":"Set instead of refusing when the parent is full (waitlisted)."},"promoteTo":{"type":"string","description":"When a place frees, the oldest record with `value` gets this value, in the same transaction (booked)."},"onUpdate":{"type":"boolean","description":"Also when an existing record moves into `when` (an application offered a seat): it gets `value` instead of the update being refused. Default false: only a new record overflows."}}},"message":{"type":"string"}}},"UniqueWhen":{"type":"object","additionalProperties":false,"required":["fields","when"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"fields":{"type":"array","items":{"type":"string"},"minItems":1,"uniqueItems":true},"when":{"$ref":"#/definitions/ConstraintCondition"},"message":{"type":"string"}}},"Expression":{"description":"A computed value: a field name (string), a number, or one operator object: { \"$add\" | \"$sub\" | \"$mul\" | \"$div\": [a, b, …] } over number fields and numbers, { \"$days\": [from, to] } (days from one date field to another: to − from), { \"$age\": \"<date field>\" } (whole years to today). Division by zero gives no value (NULL), like PostgreSQL; the result is rounded to the field's type.","oneOf":[{"type":"string"},{"type":"number"},{"type":"object","additionalProperties":false,"minProperties":1,"maxProperties":1,"properties":{"$add":{"type":"array","minItems":2,"items":{"$ref":"#/definitions/Expression"}},"$sub":{"type":"array","minItems":2,"items":{"$ref":"#/definitions/Expression"}},"$mul":{"type":"array","minItems":2,"items":{"$ref":"#/definitions/Expression"}},"$div":{"type":"array","minItems":2,"maxItems":2,"items":{"$ref":"#/definitions/Expression"}},"$days":{"type":"array","minItems":2,"maxItems":2,"items":{"type":"string"}},"$age":{"type":"string","description":"Whole years from a date field (a date of birth) to today (UTC). Today moves, so such a field has no stored column: every read computes it in SQL and the write path computes it in memory with the same rule."}}}],"tsType":"string | number | Record<string, unknown>"},"Sequence":{"type":"object","additionalProperties":false,"required":["pattern"],"description":"A human number given when the record is created, in its transaction, gapless and unique per organization (and per `scope`).","properties":{"pattern":{"type":"string","pattern":"\\{0+\\}","description":"Text with tokens: {YYYY} {YY} {MM} {DD} (the creation date in the organization's time zone), {0000} (the counter, zero-padded to that width), {scope.<field>} (a field of the scope record). The counter restarts for each distinct text before it (RES-{YYYY}-{00000} restarts every year)."},"scope":{"type":"string","description":"A required reference field of this entity: numbers count per referenced record (PRJ-42 per project)."}}},"Ledger":{"type":"object","additionalProperties":false,"required":["balance","quantity"],"description":"This entity is an append-only ledger of movements (the database refuses UPDATE and DELETE; a mistake is corrected by a reversing entry). Each movement adds its quantity to the balance record with the same key values, atomically.","properties":{"valuation":{"type":"object","additionalProperties":false,"required":["method","rate","value"],"description":"Each movement is valued in its transaction, under the balance's row lock: an incoming one at its rate (or the value it carries), an outgoing one by the method — the balance's moving average, or its FIFO layers consumed oldest first. The balance declares \"valuation\" too.","properties":{"method":{"description":"\"average\" or \"fifo\" for every balance, or the method a key's record names: { \"key\": \"item\", \"field\": \"valuation_method\", \"average\": \"MOVING_AVERAGE\", \"fifo\": \"FIFO\" }.","oneOf":[{"type":"string","enum":["average","fifo"]},{"type":"object","additionalProperties":false,"required":["key","field","average","fifo"],"properties":{"key":{"type":"string","description":"A reference key of the balance (item)."},"field":{"type":"string","description":"An enum field of the key's entity (valuation_method)."},"average":{"type":"string","description":"Its value meaning moving average."},"fifo":{"type":"string","description":"Its value meaning FIFO."}}}]},"rate":{"type":"string","description":"A numeric field of this entity that gets the balance's valuation rate after the movement."},"value":{"type":"string","description":"A numeric field that gets the movement's value change (signed). An incoming movement written with a value keeps it (a transfer carries what left the other balance)."},"incomingRate":{"type":"string","description":"A numeric field holding the rate of an incoming movement (a receipt's price); without one, the balance's current rate."},"quantityAfter":{"type":"string","description":"A numeric field that gets the balance's quantity after the movement."}}},"balance":{"type":"string","description":"The balance entity (declares \"balance\"); this entity has a field of the same name and type for each of its keys."},"quantity":{"type":"string","description":"The numeric field holding the signed change (positive in, negative out)."},"date":{"type":"string","description":"A date field: the posting date (refused before today when the organization does not accept backdated postings)."},"moves":{"type":"string","description":"A numeric field of the balance other than its quantity that this ledger moves (a stock balance's ordered or reserved quantity). A balance has one ledger for its quantity and at most one for each such field; these movements are never refused below zero and are not valued."},"subBalances":{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string"},"description":"Further balance entities this ledger keeps beside \"balance\", each keyed by fields of this entity that may be empty (a batch × warehouse balance beside the item × warehouse one: ERPNext's batch quantity). A movement whose keys of one are all set moves it by the same quantity, in the same transaction, by the same conditional update (its nonNegative, CHECK and refusal hold); one with an empty key does not touch it. Not valued; the ledger check sums them too. Each one's keys must determine a row of \"balance\" (a batch belongs to one item), so the main balance's lock, taken first, orders their locks."}}},"Balance":{"type":"object","additionalProperties":false,"required":["keys","quantity"],"description":"This entity holds one balance per combination of its keys, kept by a ledger only (no person or plugin writes it).","properties":{"valuation":{"type":"object","additionalProperties":false,"required":["value","rate"],"description":"What a valued ledger keeps on the balance besides its quantity.","properties":{"value":{"type":"string","description":"A numeric field: the balance's total value."},"rate":{"type":"string","description":"A numeric field: its valuation rate (value ÷ quantity)."},"layers":{"type":"string","description":"A json field holding the FIFO layers ([{ \"qty\", \"value\" }], oldest first); needed when a method can be FIFO."}}},"keys":{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string"},"description":"Required fields that identify a balance (e.g. [\"item\", \"warehouse\"]); unique per organization."},"quantity":{"type":"string","description":"The numeric field holding the balance."},"nonNegative":{"type":"boolean","description":"A movement that would take the balance below zero is refused (conditional update plus a CHECK constraint)."},"refusal":{"type":"string","description":"The refusal message: {quantity} is what is left, {<key>} each key's title, e.g. \"Only {quantity} of item {item} in {warehouse}\"."},"negativeAllowedBy":{"type":"string","pattern":"^[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*$","description":"With nonNegative: \"<key>.<boolean field>\" of the key's record that lets its balances go below zero (a leave type that allows a negative balance: \"leave_type.allow_negative\"). The key record is locked (FOR SHARE) while the movement is decided; such a balance has no CHECK constraint, the conditional update holds the rule."}}},"PostingMovement":{"type":"object","additionalProperties":false,"required":["quantity","set"],"properties":{"quantity":{"type":"string","description":"\"line.<field>\" or \"<field>\" of the document: the quantity moved."},"sign":{"type":"integer","enum":[1,-1],"description":"-1 takes the quantity out of the balance, 1 (default) puts it in."},"rate":{"type":"string","description":"With a valued ledger: \"line.<field>\" or \"<field>\" of the document, the rate of what comes in (a receipt's price), written to the ledger's incomingRate. An incoming movement of a line that also takes out (a transfer) carries the value that went out instead."},"set":{"type":"object","additionalProperties":{"type":"string"},"description":"Ledger field → \"line.<field>\" or \"<field>\" of the document. A movement whose balance key comes out empty is skipped (a receipt has no source warehouse)."}}},"Posting":{"type":"object","additionalProperties":false,"required":["ledger","post","reverse","movements"],"description":"A document that posts ledger movements when its workflow takes the \"post\" transition and reversing movements on \"reverse\", in the transition's transaction. Once posted it is read-only, and so are its lines.","properties":{"ledger":{"type":"string","description":"The ledger entity it posts to."},"lines":{"type":"object","additionalProperties":false,"required":["entity","parent"],"properties":{"entity":{"type":"string"},"parent":{"type":"string","description":"The line's reference to this document."}}},"post":{"description":"The workflow transition that posts (e.g. \"submit\"), or several: the first one's `from` states are the states the document and its lines may be edited in; the others post a document waiting in a read-only state (an approval: [\"submit\", \"approve\"]).","oneOf":[{"type":"string"},{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string"}}]},"reverse":{"type":"string","description":"The workflow transition that posts the reversal (e.g. \"cancel\")."},"date":{"type":"string","description":"The document's posting-date field, copied to the ledger's date."},"source":{"type":"string","description":"A reference field of the ledger that gets this document."},"movements":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/PostingMovement"}}}},"Run":{"type":"object","additionalProperties":false,"required":["period","status","states","action","creates"],"description":"A record action that creates one child per matching record of another entity in one transaction (a payroll run: one payslip per active employee), at most one run per period (a partial unique index), cancellable as a whole.","properties":{"period":{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string"},"description":"Fields that name the period; two runs that are not cancelled cannot share them."},"status":{"type":"string","description":"An enum field (read-only, its default the draft state)."},"states":{"type":"object","additionalProperties":false,"required":["draft","done","cancelled"],"properties":{"draft":{"type":"string"},"done":{"type":"string"},"cancelled":{"type":"string"}}},"action":{"$ref":"#/definitions/RunAction"},"cancel":{"$ref":"#/definitions/RunAction"},"count":{"type":"string","description":"An integer field that gets the number of records created."},"creates":{"type":"object","additionalProperties":false,"required":["entity","parent","for"],"properties":{"entity":{"type":"string","description":"The child entity."},"parent":{"type":"string","description":"The child's reference to the run."},"for":{"type":"object","additionalProperties":false,"required":["entity","field"],"properties":{"entity":{"type":"string","description":"The entity whose records each get a child."},"field":{"type":"string","description":"The child's reference to that record."},"where":{"type":"object","additionalProperties":{"type":["string","number","boolean","null"]},"description":"Field equalities the records must match (e.g. {\"status\": \"ACTIVE\"})."}}},"copy":{"type":"object","additionalProperties":{"type":"string"},"description":"Child field → field of the matched record."}}}}},"RunAction":{"type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"label":{"type":"string"}}},"Guard":{"type":"object","additionalProperties":false,"required":["field","refuse","message"],"description":"A write that leaves the record matching `refuse` is rolled back and reported on `field` with `message`. Conditions may follow references and `$some` over reverse references (the children of a parent) and compare a path with a field of the record ({ \"batch.item\": { \"$ne\": { \"$field\": \"item\" } } }); placeholders are not allowed (a guard is about data, not about who writes). A guard whose `field` is a reference and whose every path goes through it (\"order.status\") is about the parent the record hangs on: it refuses deleting the record too.","properties":{"name":{"$ref":"#/definitions/Identifier"},"field":{"type":"string","description":"The field the refusal is reported on."},"refuse":{"$ref":"#/definitions/Conditions","description":"The state refused, e.g. { \"state.group\": \"completed\", \"children\": { \"$some\": { \"state.group\": { \"$nin\": [\"completed\", \"cancelled\"] } } } }."},"on":{"type":"array","items":{"type":"string"},"minItems":1,"description":"Fields whose change is checked (default: every create and update). A create is always checked."},"message":{"type":"string","description":"The field error, e.g. \"cannot be completed while a child item is open\"."}}},"Acyclic":{"type":"object","additionalProperties":false,"description":"Links of this entity may not form a cycle: \"field\" for a self-reference (parent), or \"from\" and \"to\" for a link entity between two records of one entity. Checked under a lock per organization and entity with a recursive query.","properties":{"field":{"type":"string","description":"A self-reference (e.g. \"parent\")."},"from":{"type":"string","description":"The link's reference to the dependent record."},"to":{"type":"string","description":"The link's reference to the record it depends on."},"hierarchy":{"type":"string","description":"A self-reference of the linked entity (e.g. \"parent\"): a link between a record and its own ancestor or descendant is refused too."}}},"View":{"type":"object","additionalProperties":false,"required":["kind","entity"],"description":"A calendar (start, end; optional lane, title, color) or a kanban board (column; optional card fields and swimlane) over one entity's records, read through the viewer's rules.","properties":{"kind":{"type":"string","enum":["calendar","kanban"]},"name":{"$ref":"#/definitions/Identifier","description":"Unique per module; default: the entity's name and the kind (reservation_calendar)."},"label":{"type":"string","maxLength":80,"description":"The screen's title and its link in the navigation; default: the entity's plural label and the kind."},"translations":{"type":"object","description":"The view in other languages, by language code (bn): its title (screen and navigation link). Only with a `label`: the default label is made from the entity's plural label.","propertyNames":{"enum":["bn"]},"additionalProperties":{"type":"object","additionalProperties":false,"required":["label"],"properties":{"label":{"type":"string","minLength":1,"maxLength":80}}}},"entity":{"type":"string","description":"The entity shown (entity, or module.entity of a module in dependsOn)."},"start":{"type":"string","description":"Calendar: the date or date-time field where a record's span begins."},"end":{"type":"string","description":"Calendar: the field (same type as start) where the span ends, exclusive; empty: open-ended. Default: start (one-day or instant records)."},"lane":{"type":"string","description":"Calendar: a reference field whose target's records are the rows of the lanes view (rooms of a tape chart)."},"title":{"type":"string","description":"Calendar: the field shown on each record (a reference shows its target's title); default: the entity's title field."},"color":{"type":"string","description":"Calendar: an enum or workflow state field whose value colours the record."},"column":{"type":"string","description":"Kanban: the field of the columns: an enum, a workflow's state field or a reference."},"card":{"type":"array","items":{"type":"string"},"maxItems":8,"uniqueItems":true,"description":"Kanban: fields shown on each card under its title, or a reverse reference (a reference's inverse, such as a work item's assignees): the referencing records by the title of their other required reference (the users' names), else by their own title; default: the list columns."},"swimlane":{"type":"string","description":"Kanban: an enum, boolean or reference field that splits the board into rows."},"scope":{"type":"string","description":"Kanban: a reference field; the page picks one of its target's records (a project) and the board shows only the records pointing at it, with the reference columns that belong to it (states whose own field of that name points at it)."}}},"Rollup":{"type":"object","additionalProperties":false,"required":["entity","parent","sum"],"description":"A roll-up sum: e.g. a payslip's gross is { \"entity\": \"payslip_line\", \"parent\": \"payslip\", \"sum\": \"amount\", \"where\": { \"kind\": \"EARNING\" } }.","properties":{"entity":{"type":"string","description":"The child entity (this module's, or `module.entity` of one in dependsOn)."},"parent":{"type":"string","description":"The child's reference field to this entity."},"sum":{"type":"string","description":"The child's numeric field that is added up."},"where":{"$ref":"#/definitions/ConstraintCondition","description":"Only children matching this condition on their own fields count (as a check condition: fields, literals, $field operands, $and $or $not)."}}},"PublicFormField":{"description":"A field the form asks: its name, or { name, required, label, help }.","oneOf":[{"$ref":"#/definitions/Identifier"},{"type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"required":{"type":"boolean","description":"Asked as required on this form even where the entity allows it empty."},"label":{"type":"string","minLength":1,"maxLength":120,"description":"The question on the form (default: the field's label)."},"help":{"type":"string","maxLength":300,"description":"A hint shown under the field."}}}]},"PublicForm":{"type":"object","additionalProperties":false,"required":["name","entity","fields","success"],"description":"A public form: e.g. { \"name\": \"course_signup\", \"entity\": \"course_signup\", \"fields\": [\"course\", \"name\"], \"fixed\": { \"status\": \"NEW\" }, \"references\": { \"course\": { \"where\": { \"status\": \"ACTIVE\" } } }, \"success\": \"Thank you\" }.","properties":{"name":{"$ref":"#/definitions/Identifier","description":"The form's address: /p/<org-slug>/<name>; unique across all modules."},"entity":{"$ref":"#/definitions/Identifier","description":"The entity of this module a submission creates."},"label":{"type":"string","minLength":1,"maxLength":120,"description":"The form's heading (default: the entity's label)."},"description":{"type":"string","maxLength":1000,"description":"A paragraph under the heading."},"fields":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/PublicFormField"},"description":"The fields asked, in order; each a writable field of the entity."},"fixed":{"type":"object","description":"Values set on every submission and never asked (e.g. { \"source\": \"web\" }); each checked against its field at load."},"references":{"type":"object","description":"Per asked reference field: which records the select offers (`where`, a condition on the target with placeholders such as ${now} and ${today}; a posted id outside it is refused) and, with `create`, a new target record the person may register instead of picking one.","additionalProperties":{"$ref":"#/definitions/PublicFormReference"}},"success":{"type":"string","minLength":1,"maxLength":2000,"description":"The message shown once the record is created."},"confirmationMail":{"type":"object","additionalProperties":false,"required":["to","subject","body"],"description":"A mail to the address the person gave, queued in the submission's transaction. {field} in subject and body is the value submitted (a reference: the picked record's title).","properties":{"to":{"$ref":"#/definitions/Identifier","description":"An asked email field."},"subject":{"type":"string","minLength":1,"maxLength":200},"body":{"type":"string","minLength":1,"maxLength":5000}}}}},"PublicFormReference":{"type":"object","additionalProperties":false,"properties":{"where":{"$ref":"#/definitions/Conditions","description":"The target records offered and accepted."},"create":{"type":"object","additionalProperties":false,"required":["fields"],"description":"\"Not listed? Register it\": the form also asks these fields of the target and, when the person chooses so, creates that record in the same transaction and links it.","properties":{"label":{"type":"string","minLength":1,"maxLength":120,"description":"The choice and the group's heading (default: 'Register a new <target label>')."},"fields":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/PublicFormField"}},"fixed":{"type":"object","description":"Values set on the new target record."}}}}}}};
const schema12 = {"type":"string","pattern":"^[a-z][a-z0-9_]*$","maxLength":40};
const func2 = Object.prototype.hasOwnProperty;
const func3 = require("ajv/dist/runtime/ucs2length").default;
const func0 = require("ajv/dist/runtime/equal").default;
const pattern0 = new RegExp("^[a-z][a-z0-9_]*$", "u");
const pattern1 = new RegExp("^\\d+\\.\\d+\\.\\d+$", "u");
const schema14 = {"type":"object","description":"A kind of organization (institute, library, …): its name, stored on each organization, and the label shown for it (the demo organization is \"Demo <label>\").","additionalProperties":false,"required":["name","label"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"label":{"type":"string","minLength":1,"maxLength":190},"description":{"type":"string"}}};

function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema14.required,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.label === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "label"},message:"must have required property '"+"label"+"'",schema:schema14.required,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "name") || (key0 === "label")) || (key0 === "description"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) > 40){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!pattern0.test(data0)){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.label !== undefined){
let data1 = data.label;
if(typeof data1 === "string"){
if(func3(data1) > 190){
const err6 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/maxLength",keyword:"maxLength",params:{limit: 190},message:"must NOT have more than 190 characters",schema:190,parentSchema:schema14.properties.label,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(func3(data1) < 1){
const err7 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema14.properties.label,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.label.type,parentSchema:schema14.properties.label,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.description !== undefined){
let data2 = data.description;
if(typeof data2 !== "string"){
const err9 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.description.type,parentSchema:schema14.properties.description,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema14.type,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate11.errors = vErrors;
return errors === 0;
}

const schema17 = {"type":"object","additionalProperties":false,"required":["name","fields"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"renamedFrom":{"$ref":"#/definitions/Identifier","description":"The entity's previous name in this module. migrations:generate renames its table (with its constraints and indexes) instead of dropping it and creating an empty one, and rewrites what names the old entity: custom roles' rules, workflow requests and events, notifications. A no-op once applied; may stay or be removed afterwards."},"label":{"type":"string"},"pluralLabel":{"type":"string"},"translations":{"type":"object","description":"The entity's labels in other languages, by language code (bn): what people read in that language; anything left out is shown in English.","propertyNames":{"enum":["bn"]},"additionalProperties":{"type":"object","additionalProperties":false,"properties":{"label":{"type":"string","minLength":1},"pluralLabel":{"type":"string","minLength":1},"fields":{"type":"object","description":"Field labels by field name.","additionalProperties":{"type":"string","minLength":1}},"values":{"type":"object","description":"Labels of an enum field's values, by field name and value (status: { DRAFT: …, ACTIVE: … }).","additionalProperties":{"type":"object","additionalProperties":{"type":"string","minLength":1}}},"actions":{"type":"object","description":"Labels of the entity's workflow actions (transitions and their reject actions), by name.","additionalProperties":{"type":"string","minLength":1}},"steps":{"type":"object","description":"Labels of the workflow's approval steps, by step name (every transition's step of that name): the inbox's and record page's \"waiting for\", the notices and the timeline.","additionalProperties":{"type":"string","minLength":1}},"messages":{"type":"object","description":"A transition's notification message (its effects.message) in this language, by transition name; {title}, {label} and {state} are filled in as in English.","additionalProperties":{"type":"string","minLength":1}},"errors":{"type":"object","description":"The field errors this entity's manifest writes (a check's, guard's, noOverlap's, uniqueWhen's or capacity's `message`, a balance's `refusal`) in this language, by their English text: what the admin shows a reader of this language (the API keeps the English). The same {placeholders} are filled in as in English.","additionalProperties":{"type":"string","minLength":1}},"help":{"type":"object","description":"Fields' help texts (their `help`) in this language, by field name: shown beside the field in the admin's form.","additionalProperties":{"type":"string","minLength":1}}}}},"description":{"type":"string"},"titleField":{"type":"string","description":"Field shown when a record of this entity is referenced."},"searchFields":{"type":"array","description":"Text fields (string, text, email, phone, url) the list's search box looks in besides the title field; each gets a trigram index (pg_trgm) that migrations:generate creates.","uniqueItems":true,"items":{"type":"string"}},"moduleField":{"type":"string","pattern":"^[a-z][a-z0-9_]*$","description":"A string field naming the module a row belongs to (core.role's module): a row of a module the organization has not enabled is not shown to, nor written by, anyone in it, in every list, picker, export and API answer (a hospital lists no library roles). Rows with an empty value belong to the organization."},"ownedBy":{"type":"object","additionalProperties":false,"required":["field"],"description":"Records that belong to one user (a saved filter, a preference): every signed-in user, whatever their roles, may create them (the owner is set to who creates it) and read, update and delete their own; nobody reads or changes another user's (admins included), except what sharedFlag shares.","properties":{"field":{"type":"string","pattern":"^[a-z][a-z0-9_]*$","description":"A required reference to core.user: the owner."},"sharedFlag":{"type":"string","pattern":"^[a-z][a-z0-9_]*$","description":"A boolean field: a record where it is true is readable (not writable) by everyone in the organization. Only roles that are granted the field otherwise (the organization admin) may set it."}}},"fields":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/Field"}},"indexes":{"type":"array","items":{"$ref":"#/definitions/Index"}},"list":{"$ref":"#/definitions/ListSettings"},"checks":{"type":"array","items":{"$ref":"#/definitions/RecordCheck"},"description":"Rules across fields of one record: a CHECK constraint in the table and the same check before every write, reported on `field`."},"noOverlap":{"type":"array","items":{"$ref":"#/definitions/NoOverlap"},"description":"No two records with equal `key` fields whose ranges overlap (a btree_gist exclusion constraint with organization_id)."},"capacity":{"type":"array","items":{"$ref":"#/definitions/Capacity"},"description":"Records of this entity that match `when` and point at one parent never outnumber a field of that parent (the parent row is locked while counting)."},"uniqueWhen":{"type":"array","items":{"$ref":"#/definitions/UniqueWhen"},"description":"Unique `fields` among the records that match `when` (a partial unique index with organization_id)."},"ledger":{"$ref":"#/definitions/Ledger"},"balance":{"$ref":"#/definitions/Balance"},"posting":{"$ref":"#/definitions/Posting"},"run":{"$ref":"#/definitions/Run"},"acyclic":{"$ref":"#/definitions/Acyclic"},"guards":{"type":"array","items":{"$ref":"#/definitions/Guard"},"description":"States a record may not be left in after a write, in the permission condition language (paths and `$some` over related records included): a parent completed while a child is open. Checked after the write, in its transaction, under a lock per organization and entity."}}};
const schema31 = {"type":"object","additionalProperties":false,"required":["fields"],"properties":{"fields":{"type":"array","items":{"type":"string"},"minItems":1},"unique":{"type":"boolean"}}};
const schema32 = {"type":"object","additionalProperties":false,"properties":{"columns":{"type":"array","items":{"type":"string"}},"sort":{"type":"object","additionalProperties":false,"required":["field"],"properties":{"field":{"type":"string"},"direction":{"type":"string","enum":["asc","desc"]}}}}};
const schema44 = {"type":"object","additionalProperties":false,"required":["balance","quantity"],"description":"This entity is an append-only ledger of movements (the database refuses UPDATE and DELETE; a mistake is corrected by a reversing entry). Each movement adds its quantity to the balance record with the same key values, atomically.","properties":{"valuation":{"type":"object","additionalProperties":false,"required":["method","rate","value"],"description":"Each movement is valued in its transaction, under the balance's row lock: an incoming one at its rate (or the value it carries), an outgoing one by the method — the balance's moving average, or its FIFO layers consumed oldest first. The balance declares \"valuation\" too.","properties":{"method":{"description":"\"average\" or \"fifo\" for every balance, or the method a key's record names: { \"key\": \"item\", \"field\": \"valuation_method\", \"average\": \"MOVING_AVERAGE\", \"fifo\": \"FIFO\" }.","oneOf":[{"type":"string","enum":["average","fifo"]},{"type":"object","additionalProperties":false,"required":["key","field","average","fifo"],"properties":{"key":{"type":"string","description":"A reference key of the balance (item)."},"field":{"type":"string","description":"An enum field of the key's entity (valuation_method)."},"average":{"type":"string","description":"Its value meaning moving average."},"fifo":{"type":"string","description":"Its value meaning FIFO."}}}]},"rate":{"type":"string","description":"A numeric field of this entity that gets the balance's valuation rate after the movement."},"value":{"type":"string","description":"A numeric field that gets the movement's value change (signed). An incoming movement written with a value keeps it (a transfer carries what left the other balance)."},"incomingRate":{"type":"string","description":"A numeric field holding the rate of an incoming movement (a receipt's price); without one, the balance's current rate."},"quantityAfter":{"type":"string","description":"A numeric field that gets the balance's quantity after the movement."}}},"balance":{"type":"string","description":"The balance entity (declares \"balance\"); this entity has a field of the same name and type for each of its keys."},"quantity":{"type":"string","description":"The numeric field holding the signed change (positive in, negative out)."},"date":{"type":"string","description":"A date field: the posting date (refused before today when the organization does not accept backdated postings)."},"moves":{"type":"string","description":"A numeric field of the balance other than its quantity that this ledger moves (a stock balance's ordered or reserved quantity). A balance has one ledger for its quantity and at most one for each such field; these movements are never refused below zero and are not valued."},"subBalances":{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string"},"description":"Further balance entities this ledger keeps beside \"balance\", each keyed by fields of this entity that may be empty (a batch × warehouse balance beside the item × warehouse one: ERPNext's batch quantity). A movement whose keys of one are all set moves it by the same quantity, in the same transaction, by the same conditional update (its nonNegative, CHECK and refusal hold); one with an empty key does not touch it. Not valued; the ledger check sums them too. Each one's keys must determine a row of \"balance\" (a batch belongs to one item), so the main balance's lock, taken first, orders their locks."}}};
const schema45 = {"type":"object","additionalProperties":false,"required":["keys","quantity"],"description":"This entity holds one balance per combination of its keys, kept by a ledger only (no person or plugin writes it).","properties":{"valuation":{"type":"object","additionalProperties":false,"required":["value","rate"],"description":"What a valued ledger keeps on the balance besides its quantity.","properties":{"value":{"type":"string","description":"A numeric field: the balance's total value."},"rate":{"type":"string","description":"A numeric field: its valuation rate (value ÷ quantity)."},"layers":{"type":"string","description":"A json field holding the FIFO layers ([{ \"qty\", \"value\" }], oldest first); needed when a method can be FIFO."}}},"keys":{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string"},"description":"Required fields that identify a balance (e.g. [\"item\", \"warehouse\"]); unique per organization."},"quantity":{"type":"string","description":"The numeric field holding the balance."},"nonNegative":{"type":"boolean","description":"A movement that would take the balance below zero is refused (conditional update plus a CHECK constraint)."},"refusal":{"type":"string","description":"The refusal message: {quantity} is what is left, {<key>} each key's title, e.g. \"Only {quantity} of item {item} in {warehouse}\"."},"negativeAllowedBy":{"type":"string","pattern":"^[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*$","description":"With nonNegative: \"<key>.<boolean field>\" of the key's record that lets its balances go below zero (a leave type that allows a negative balance: \"leave_type.allow_negative\"). The key record is locked (FOR SHARE) while the movement is decided; such a balance has no CHECK constraint, the conditional update holds the rule."}}};
const schema51 = {"type":"object","additionalProperties":false,"description":"Links of this entity may not form a cycle: \"field\" for a self-reference (parent), or \"from\" and \"to\" for a link entity between two records of one entity. Checked under a lock per organization and entity with a recursive query.","properties":{"field":{"type":"string","description":"A self-reference (e.g. \"parent\")."},"from":{"type":"string","description":"The link's reference to the dependent record."},"to":{"type":"string","description":"The link's reference to the record it depends on."},"hierarchy":{"type":"string","description":"A self-reference of the linked entity (e.g. \"parent\"): a link between a record and its own ancestor or descendant is refused too."}}};
const pattern16 = new RegExp("^[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*$", "u");
const schema20 = {"type":"object","additionalProperties":false,"required":["name","type"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"renamedFrom":{"$ref":"#/definitions/Identifier","description":"The field's previous name. migrations:generate renames its column (and the constraints and indexes named after it) instead of dropping it, and rewrites custom roles' rules and conditions that name it. A no-op once applied."},"type":{"$ref":"#/definitions/FieldType"},"label":{"type":"string"},"help":{"type":"string"},"required":{"type":"boolean"},"unique":{"type":"boolean","description":"Unique within one organization."},"default":{"description":"Default value for new records; must be valid for the field.","tsType":"unknown"},"min":{"type":"number"},"max":{"type":"number"},"minLength":{"type":"integer","minimum":0},"maxLength":{"type":"integer","minimum":1},"pattern":{"type":"string"},"values":{"type":"array","items":{"type":"string"},"minItems":1,"description":"Allowed values of an enum field."},"valuesRenamedFrom":{"type":"object","additionalProperties":{"type":"string"},"description":"Enum fields: new value → the value it replaces (`{ \"in_review\": \"pending\" }`). migrations:generate updates the records that hold the old value and the custom roles' conditions that test it. A no-op once applied."},"convert":{"type":"object","additionalProperties":false,"description":"How migrations:generate converts the stored values when this field's type is narrowed or changed (text → integer, a shorter string, a removed enum value, optional → required): steps from an allow-list, applied in this order — values, trim, case, nullsTo — then a cast to the new column type. Rows the conversion would still fail are counted per organization and the migration is refused until they are fixed.","properties":{"values":{"type":"object","additionalProperties":{"type":"string"},"description":"Old value → new value (a removed enum value mapped to one that stays)."},"trim":{"type":"boolean","description":"Strip leading and trailing white space."},"case":{"type":"string","enum":["lower","upper"]},"nullsTo":{"description":"The value empty (NULL) rows get when the field becomes required.","type":["string","number","boolean"]}}},"where":{"$ref":"#/definitions/Conditions","description":"References only: a condition on the target that a record must meet to be offered in this field's picker (the user's read rules apply as well). Example: course.teacher with { \"assignments\": { \"$some\": { \"role.name\": \"institute.teacher\" } } } offers only teachers."},"colors":{"type":"object","additionalProperties":{"$ref":"#/definitions/BadgeColor"},"description":"Badge colour per value of an enum field (a workflow state's own color wins)."},"scale":{"type":"integer","minimum":0,"maximum":10,"description":"Digits after the decimal point (decimal, money)."},"target":{"type":"string","description":"Referenced entity: 'entity' in this module, 'module.entity' in a depended-on module, or 'core.user'."},"inverse":{"$ref":"#/definitions/Identifier","description":"References only: names the reverse (to-many) side on the target entity, for conditions there: { \"<inverse>\": { \"$some\": { …conditions on this entity… } } } holds when some record of this entity points at the target record and matches. Example: student_guardian.student with inverse \"guardians\" lets a rule on student say { \"guardians\": { \"$some\": { \"guardian.user\": \"${user.id}\" } } }."},"onDelete":{"type":"string","enum":["restrict","cascade","set null"]},"readOnly":{"type":"boolean","description":"Set by plugins and actions only, never by a form."},"personal":{"type":"boolean","description":"Personal data of the person the record is about (a name, an e-mail address, a phone number, a birth date): `user:export` hands it to that person and `user:erase` blanks or pseudonymises it. On text, e-mail, phone and date fields; on a reference to core.user it says whose record this is (a member's or patient's login): the record's personal fields are that user's. Other references to a user (an approver, an assignee) are not."},"computed":{"$ref":"#/definitions/Expression","description":"The field is computed from the record's other fields (read-only): a stored generated column where PostgreSQL allows it, the same evaluation in memory."},"sequence":{"$ref":"#/definitions/Sequence"},"maxSize":{"type":["integer","string"],"description":"file/files only: the largest file accepted, in bytes or as text (\"512KB\", \"10MB\", \"1GB\"); default 10MB. Enforced while the upload streams."},"accept":{"type":"array","items":{"type":"string"},"minItems":1,"description":"file/files only: MIME types accepted (\"application/pdf\", \"image/*\"), checked against the type detected from the content, never the name or the declared type. Unset: any type."},"rollup":{"$ref":"#/definitions/Rollup","description":"The field is the sum of a field of this entity's children (read-only): kept in each child's write transaction by an atomic update of this record."}}};
const schema23 = {"type":"string","enum":["string","text","integer","decimal","money","boolean","date","datetime","time","enum","email","phone","url","json","reference","password","file","files"]};
const schema24 = {"type":"object","description":"A CASL (MongoDB-style) condition. Keys are field names, reference paths of up to three hops ('member.user', 'loan.member.user'), or $and/$or/$not. Values are literals, placeholders, an operator object ($eq $ne $in $nin $gt $gte $lt $lte), or for a path ending in a reverse reference (a reference's 'inverse') { \"$some\": { …conditions on the referencing entity… } }, true when some related record matches; hops inside $some count towards the three (\"student.guardians\": { \"$some\": { \"guardian.user\": \"${user.id}\" } } takes three). A path through an empty reference matches nothing (under $not: everything). Placeholders: ${user.id}, ${user.organizationId}, ${user.email}; ${now} (an ISO timestamp); ${today}, ${tomorrow}, ${yesterday}, ${startOfWeek} (Monday of the current ISO week), ${startOfMonth} (YYYY-MM-DD dates in the organization's time zone); date placeholders take an offset: ${today-7d}, ${startOfWeek+1w}, ${startOfMonth-1m} (d days, w weeks, m calendar months), ${now-2h} (h hours, d days, w weeks). A date compared with a date-time field means the start of that day in the organization's time zone, so bookings of today are { \"starts_at\": { \"$gte\": \"${today}\", \"$lt\": \"${tomorrow}\" } }. Dashboard card conditions only (a rule or workflow condition refuses them at load, as they cannot be decided on one record in memory): an operand { \"$field\": \"level\" } compares with a field of the record the card counts instead of a literal ($eq $ne $gt $gte $lt $lte), and { \"$related\": { \"entity\": \"stock_balance\", \"on\": { \"item\": \"item\", \"warehouse\": \"warehouse\" }, \"where\": { \"projected\": { \"$lt\": { \"$field\": \"level\" } } } } } is true when some record of that entity whose `on` fields (keys: its fields; values: this record's) equal this record's matches `where` (a join on key fields where no reference exists; it counts as one hop, and the viewer's read rules apply to the joined records). Under $not it means none does: a reorder rule with no balance at all.","tsType":"Record<string, unknown>"};
const schema25 = {"type":"string","enum":["grey","blue","green","amber","red","purple"],"description":"The colour of a state's or enum value's badge in lists and on record pages."};
const schema28 = {"type":"object","additionalProperties":false,"required":["pattern"],"description":"A human number given when the record is created, in its transaction, gapless and unique per organization (and per `scope`).","properties":{"pattern":{"type":"string","pattern":"\\{0+\\}","description":"Text with tokens: {YYYY} {YY} {MM} {DD} (the creation date in the organization's time zone), {0000} (the counter, zero-padded to that width), {scope.<field>} (a field of the scope record). The counter restarts for each distinct text before it (RES-{YYYY}-{00000} restarts every year)."},"scope":{"type":"string","description":"A required reference field of this entity: numbers count per referenced record (PRJ-42 per project)."}}};
const pattern13 = new RegExp("\\{0+\\}", "u");
const schema27 = {"description":"A computed value: a field name (string), a number, or one operator object: { \"$add\" | \"$sub\" | \"$mul\" | \"$div\": [a, b, …] } over number fields and numbers, { \"$days\": [from, to] } (days from one date field to another: to − from), { \"$age\": \"<date field>\" } (whole years to today). Division by zero gives no value (NULL), like PostgreSQL; the result is rounded to the field's type.","oneOf":[{"type":"string"},{"type":"number"},{"type":"object","additionalProperties":false,"minProperties":1,"maxProperties":1,"properties":{"$add":{"type":"array","minItems":2,"items":{"$ref":"#/definitions/Expression"}},"$sub":{"type":"array","minItems":2,"items":{"$ref":"#/definitions/Expression"}},"$mul":{"type":"array","minItems":2,"items":{"$ref":"#/definitions/Expression"}},"$div":{"type":"array","minItems":2,"maxItems":2,"items":{"$ref":"#/definitions/Expression"}},"$days":{"type":"array","minItems":2,"maxItems":2,"items":{"type":"string"}},"$age":{"type":"string","description":"Whole years from a date field (a date of birth) to today (UTC). Today moves, so such a field has no stored column: every read computes it in SQL and the write path computes it in memory with the same rule."}}}],"tsType":"string | number | Record<string, unknown>"};
const wrapper0 = {validate: validate15};

function validate15(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs0 = errors;
let valid0 = false;
let passing0 = null;
const _errs1 = errors;
if(typeof data !== "string"){
const err0 = {instancePath,schemaPath:"#/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.oneOf[0].type,parentSchema:schema27.oneOf[0],data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
var _valid0 = _errs1 === errors;
if(_valid0){
valid0 = true;
passing0 = 0;
}
const _errs3 = errors;
if(!((typeof data == "number") && (isFinite(data)))){
const err1 = {instancePath,schemaPath:"#/oneOf/1/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema27.oneOf[1].type,parentSchema:schema27.oneOf[1],data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
var _valid0 = _errs3 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid0 = true;
passing0 = 1;
}
const _errs5 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(Object.keys(data).length > 1){
const err2 = {instancePath,schemaPath:"#/oneOf/2/maxProperties",keyword:"maxProperties",params:{limit: 1},message:"must NOT have more than 1 properties",schema:1,parentSchema:schema27.oneOf[2],data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(Object.keys(data).length < 1){
const err3 = {instancePath,schemaPath:"#/oneOf/2/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema27.oneOf[2],data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!((((((key0 === "$add") || (key0 === "$sub")) || (key0 === "$mul")) || (key0 === "$div")) || (key0 === "$days")) || (key0 === "$age"))){
const err4 = {instancePath,schemaPath:"#/oneOf/2/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema27.oneOf[2],data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.$add !== undefined){
let data0 = data.$add;
if(Array.isArray(data0)){
if(data0.length < 2){
const err5 = {instancePath:instancePath+"/$add",schemaPath:"#/oneOf/2/properties/%24add/minItems",keyword:"minItems",params:{limit: 2},message:"must NOT have fewer than 2 items",schema:2,parentSchema:schema27.oneOf[2].properties.$add,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
if(!(wrapper0.validate(data0[i0], {instancePath:instancePath+"/$add/" + i0,parentData:data0,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? wrapper0.validate.errors : vErrors.concat(wrapper0.validate.errors);
errors = vErrors.length;
}
}
}
else {
const err6 = {instancePath:instancePath+"/$add",schemaPath:"#/oneOf/2/properties/%24add/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema27.oneOf[2].properties.$add.type,parentSchema:schema27.oneOf[2].properties.$add,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.$sub !== undefined){
let data2 = data.$sub;
if(Array.isArray(data2)){
if(data2.length < 2){
const err7 = {instancePath:instancePath+"/$sub",schemaPath:"#/oneOf/2/properties/%24sub/minItems",keyword:"minItems",params:{limit: 2},message:"must NOT have fewer than 2 items",schema:2,parentSchema:schema27.oneOf[2].properties.$sub,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const len1 = data2.length;
for(let i1=0; i1<len1; i1++){
if(!(wrapper0.validate(data2[i1], {instancePath:instancePath+"/$sub/" + i1,parentData:data2,parentDataProperty:i1,rootData}))){
vErrors = vErrors === null ? wrapper0.validate.errors : vErrors.concat(wrapper0.validate.errors);
errors = vErrors.length;
}
}
}
else {
const err8 = {instancePath:instancePath+"/$sub",schemaPath:"#/oneOf/2/properties/%24sub/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema27.oneOf[2].properties.$sub.type,parentSchema:schema27.oneOf[2].properties.$sub,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.$mul !== undefined){
let data4 = data.$mul;
if(Array.isArray(data4)){
if(data4.length < 2){
const err9 = {instancePath:instancePath+"/$mul",schemaPath:"#/oneOf/2/properties/%24mul/minItems",keyword:"minItems",params:{limit: 2},message:"must NOT have fewer than 2 items",schema:2,parentSchema:schema27.oneOf[2].properties.$mul,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
const len2 = data4.length;
for(let i2=0; i2<len2; i2++){
if(!(wrapper0.validate(data4[i2], {instancePath:instancePath+"/$mul/" + i2,parentData:data4,parentDataProperty:i2,rootData}))){
vErrors = vErrors === null ? wrapper0.validate.errors : vErrors.concat(wrapper0.validate.errors);
errors = vErrors.length;
}
}
}
else {
const err10 = {instancePath:instancePath+"/$mul",schemaPath:"#/oneOf/2/properties/%24mul/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema27.oneOf[2].properties.$mul.type,parentSchema:schema27.oneOf[2].properties.$mul,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.$div !== undefined){
let data6 = data.$div;
if(Array.isArray(data6)){
if(data6.length > 2){
const err11 = {instancePath:instancePath+"/$div",schemaPath:"#/oneOf/2/properties/%24div/maxItems",keyword:"maxItems",params:{limit: 2},message:"must NOT have more than 2 items",schema:2,parentSchema:schema27.oneOf[2].properties.$div,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(data6.length < 2){
const err12 = {instancePath:instancePath+"/$div",schemaPath:"#/oneOf/2/properties/%24div/minItems",keyword:"minItems",params:{limit: 2},message:"must NOT have fewer than 2 items",schema:2,parentSchema:schema27.oneOf[2].properties.$div,data:data6};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
const len3 = data6.length;
for(let i3=0; i3<len3; i3++){
if(!(wrapper0.validate(data6[i3], {instancePath:instancePath+"/$div/" + i3,parentData:data6,parentDataProperty:i3,rootData}))){
vErrors = vErrors === null ? wrapper0.validate.errors : vErrors.concat(wrapper0.validate.errors);
errors = vErrors.length;
}
}
}
else {
const err13 = {instancePath:instancePath+"/$div",schemaPath:"#/oneOf/2/properties/%24div/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema27.oneOf[2].properties.$div.type,parentSchema:schema27.oneOf[2].properties.$div,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.$days !== undefined){
let data8 = data.$days;
if(Array.isArray(data8)){
if(data8.length > 2){
const err14 = {instancePath:instancePath+"/$days",schemaPath:"#/oneOf/2/properties/%24days/maxItems",keyword:"maxItems",params:{limit: 2},message:"must NOT have more than 2 items",schema:2,parentSchema:schema27.oneOf[2].properties.$days,data:data8};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data8.length < 2){
const err15 = {instancePath:instancePath+"/$days",schemaPath:"#/oneOf/2/properties/%24days/minItems",keyword:"minItems",params:{limit: 2},message:"must NOT have fewer than 2 items",schema:2,parentSchema:schema27.oneOf[2].properties.$days,data:data8};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
const len4 = data8.length;
for(let i4=0; i4<len4; i4++){
let data9 = data8[i4];
if(typeof data9 !== "string"){
const err16 = {instancePath:instancePath+"/$days/" + i4,schemaPath:"#/oneOf/2/properties/%24days/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.oneOf[2].properties.$days.items.type,parentSchema:schema27.oneOf[2].properties.$days.items,data:data9};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath:instancePath+"/$days",schemaPath:"#/oneOf/2/properties/%24days/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema27.oneOf[2].properties.$days.type,parentSchema:schema27.oneOf[2].properties.$days,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.$age !== undefined){
let data10 = data.$age;
if(typeof data10 !== "string"){
const err18 = {instancePath:instancePath+"/$age",schemaPath:"#/oneOf/2/properties/%24age/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema27.oneOf[2].properties.$age.type,parentSchema:schema27.oneOf[2].properties.$age,data:data10};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath,schemaPath:"#/oneOf/2/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema27.oneOf[2].type,parentSchema:schema27.oneOf[2],data};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
var _valid0 = _errs5 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 2];
}
else {
if(_valid0){
valid0 = true;
passing0 = 2;
}
}
}
if(!valid0){
const err20 = {instancePath,schemaPath:"#/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema27.oneOf,parentSchema:schema27,data};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
else {
errors = _errs0;
if(vErrors !== null){
if(_errs0){
vErrors.length = _errs0;
}
else {
vErrors = null;
}
}
}
validate15.errors = vErrors;
return errors === 0;
}

const schema29 = {"type":"object","additionalProperties":false,"required":["entity","parent","sum"],"description":"A roll-up sum: e.g. a payslip's gross is { \"entity\": \"payslip_line\", \"parent\": \"payslip\", \"sum\": \"amount\", \"where\": { \"kind\": \"EARNING\" } }.","properties":{"entity":{"type":"string","description":"The child entity (this module's, or `module.entity` of one in dependsOn)."},"parent":{"type":"string","description":"The child's reference field to this entity."},"sum":{"type":"string","description":"The child's numeric field that is added up."},"where":{"$ref":"#/definitions/ConstraintCondition","description":"Only children matching this condition on their own fields count (as a check condition: fields, literals, $field operands, $and $or $not)."}}};
const schema30 = {"type":"object","description":"A condition on the record's own fields (no reference paths, no placeholders: the database evaluates it in a constraint): field names to a literal or an operator object ($eq $ne $in $nin $gt $gte $lt $lte), $and/$or/$not; an operand may be another field of the record, { \"$field\": \"check_in\" }. Missing values (NULL) compare as unknown, as in SQL: a check holds unless it is false; a `when` selects only records where it is true.","tsType":"Record<string, unknown>"};

function validate17(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.entity === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "entity"},message:"must have required property '"+"entity"+"'",schema:schema29.required,parentSchema:schema29,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.parent === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "parent"},message:"must have required property '"+"parent"+"'",schema:schema29.required,parentSchema:schema29,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.sum === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "sum"},message:"must have required property '"+"sum"+"'",schema:schema29.required,parentSchema:schema29,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "entity") || (key0 === "parent")) || (key0 === "sum")) || (key0 === "where"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema29,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.entity !== undefined){
let data0 = data.entity;
if(typeof data0 !== "string"){
const err4 = {instancePath:instancePath+"/entity",schemaPath:"#/properties/entity/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.properties.entity.type,parentSchema:schema29.properties.entity,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.parent !== undefined){
let data1 = data.parent;
if(typeof data1 !== "string"){
const err5 = {instancePath:instancePath+"/parent",schemaPath:"#/properties/parent/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.properties.parent.type,parentSchema:schema29.properties.parent,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.sum !== undefined){
let data2 = data.sum;
if(typeof data2 !== "string"){
const err6 = {instancePath:instancePath+"/sum",schemaPath:"#/properties/sum/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema29.properties.sum.type,parentSchema:schema29.properties.sum,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.where !== undefined){
let data3 = data.where;
if(!(data3 && typeof data3 == "object" && !Array.isArray(data3))){
const err7 = {instancePath:instancePath+"/where",schemaPath:"#/definitions/ConstraintCondition/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema30.type,parentSchema:schema30,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema29.type,parentSchema:schema29,data};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
validate17.errors = vErrors;
return errors === 0;
}


function validate14(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema20.required,parentSchema:schema20,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.type === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema20.required,parentSchema:schema20,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema20.properties, key0))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema20,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) > 40){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!pattern0.test(data0)){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.renamedFrom !== undefined){
let data1 = data.renamedFrom;
if(typeof data1 === "string"){
if(func3(data1) > 40){
const err6 = {instancePath:instancePath+"/renamedFrom",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!pattern0.test(data1)){
const err7 = {instancePath:instancePath+"/renamedFrom",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/renamedFrom",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.type !== undefined){
let data2 = data.type;
if(typeof data2 !== "string"){
const err9 = {instancePath:instancePath+"/type",schemaPath:"#/definitions/FieldType/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema23.type,parentSchema:schema23,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(!((((((((((((((((((data2 === "string") || (data2 === "text")) || (data2 === "integer")) || (data2 === "decimal")) || (data2 === "money")) || (data2 === "boolean")) || (data2 === "date")) || (data2 === "datetime")) || (data2 === "time")) || (data2 === "enum")) || (data2 === "email")) || (data2 === "phone")) || (data2 === "url")) || (data2 === "json")) || (data2 === "reference")) || (data2 === "password")) || (data2 === "file")) || (data2 === "files"))){
const err10 = {instancePath:instancePath+"/type",schemaPath:"#/definitions/FieldType/enum",keyword:"enum",params:{allowedValues: schema23.enum},message:"must be equal to one of the allowed values",schema:schema23.enum,parentSchema:schema23,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.label !== undefined){
let data3 = data.label;
if(typeof data3 !== "string"){
const err11 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.properties.label.type,parentSchema:schema20.properties.label,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.help !== undefined){
let data4 = data.help;
if(typeof data4 !== "string"){
const err12 = {instancePath:instancePath+"/help",schemaPath:"#/properties/help/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.properties.help.type,parentSchema:schema20.properties.help,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.required !== undefined){
let data5 = data.required;
if(typeof data5 !== "boolean"){
const err13 = {instancePath:instancePath+"/required",schemaPath:"#/properties/required/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema20.properties.required.type,parentSchema:schema20.properties.required,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.unique !== undefined){
let data6 = data.unique;
if(typeof data6 !== "boolean"){
const err14 = {instancePath:instancePath+"/unique",schemaPath:"#/properties/unique/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema20.properties.unique.type,parentSchema:schema20.properties.unique,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.min !== undefined){
let data7 = data.min;
if(!((typeof data7 == "number") && (isFinite(data7)))){
const err15 = {instancePath:instancePath+"/min",schemaPath:"#/properties/min/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema20.properties.min.type,parentSchema:schema20.properties.min,data:data7};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.max !== undefined){
let data8 = data.max;
if(!((typeof data8 == "number") && (isFinite(data8)))){
const err16 = {instancePath:instancePath+"/max",schemaPath:"#/properties/max/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema20.properties.max.type,parentSchema:schema20.properties.max,data:data8};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.minLength !== undefined){
let data9 = data.minLength;
if(!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))){
const err17 = {instancePath:instancePath+"/minLength",schemaPath:"#/properties/minLength/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema20.properties.minLength.type,parentSchema:schema20.properties.minLength,data:data9};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 < 0 || isNaN(data9)){
const err18 = {instancePath:instancePath+"/minLength",schemaPath:"#/properties/minLength/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema20.properties.minLength,data:data9};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
if(data.maxLength !== undefined){
let data10 = data.maxLength;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err19 = {instancePath:instancePath+"/maxLength",schemaPath:"#/properties/maxLength/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema20.properties.maxLength.type,parentSchema:schema20.properties.maxLength,data:data10};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 < 1 || isNaN(data10)){
const err20 = {instancePath:instancePath+"/maxLength",schemaPath:"#/properties/maxLength/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema20.properties.maxLength,data:data10};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
if(data.pattern !== undefined){
let data11 = data.pattern;
if(typeof data11 !== "string"){
const err21 = {instancePath:instancePath+"/pattern",schemaPath:"#/properties/pattern/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.properties.pattern.type,parentSchema:schema20.properties.pattern,data:data11};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.values !== undefined){
let data12 = data.values;
if(Array.isArray(data12)){
if(data12.length < 1){
const err22 = {instancePath:instancePath+"/values",schemaPath:"#/properties/values/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema20.properties.values,data:data12};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
const len0 = data12.length;
for(let i0=0; i0<len0; i0++){
let data13 = data12[i0];
if(typeof data13 !== "string"){
const err23 = {instancePath:instancePath+"/values/" + i0,schemaPath:"#/properties/values/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.properties.values.items.type,parentSchema:schema20.properties.values.items,data:data13};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath:instancePath+"/values",schemaPath:"#/properties/values/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema20.properties.values.type,parentSchema:schema20.properties.values,data:data12};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.valuesRenamedFrom !== undefined){
let data14 = data.valuesRenamedFrom;
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
for(const key1 in data14){
let data15 = data14[key1];
if(typeof data15 !== "string"){
const err25 = {instancePath:instancePath+"/valuesRenamedFrom/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/valuesRenamedFrom/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.properties.valuesRenamedFrom.additionalProperties.type,parentSchema:schema20.properties.valuesRenamedFrom.additionalProperties,data:data15};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
else {
const err26 = {instancePath:instancePath+"/valuesRenamedFrom",schemaPath:"#/properties/valuesRenamedFrom/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema20.properties.valuesRenamedFrom.type,parentSchema:schema20.properties.valuesRenamedFrom,data:data14};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data.convert !== undefined){
let data16 = data.convert;
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
for(const key2 in data16){
if(!((((key2 === "values") || (key2 === "trim")) || (key2 === "case")) || (key2 === "nullsTo"))){
const err27 = {instancePath:instancePath+"/convert",schemaPath:"#/properties/convert/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema20.properties.convert,data:data16};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data16.values !== undefined){
let data17 = data16.values;
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
for(const key3 in data17){
let data18 = data17[key3];
if(typeof data18 !== "string"){
const err28 = {instancePath:instancePath+"/convert/values/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/convert/properties/values/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.properties.convert.properties.values.additionalProperties.type,parentSchema:schema20.properties.convert.properties.values.additionalProperties,data:data18};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
else {
const err29 = {instancePath:instancePath+"/convert/values",schemaPath:"#/properties/convert/properties/values/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema20.properties.convert.properties.values.type,parentSchema:schema20.properties.convert.properties.values,data:data17};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data16.trim !== undefined){
let data19 = data16.trim;
if(typeof data19 !== "boolean"){
const err30 = {instancePath:instancePath+"/convert/trim",schemaPath:"#/properties/convert/properties/trim/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema20.properties.convert.properties.trim.type,parentSchema:schema20.properties.convert.properties.trim,data:data19};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data16.case !== undefined){
let data20 = data16.case;
if(typeof data20 !== "string"){
const err31 = {instancePath:instancePath+"/convert/case",schemaPath:"#/properties/convert/properties/case/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.properties.convert.properties.case.type,parentSchema:schema20.properties.convert.properties.case,data:data20};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(!((data20 === "lower") || (data20 === "upper"))){
const err32 = {instancePath:instancePath+"/convert/case",schemaPath:"#/properties/convert/properties/case/enum",keyword:"enum",params:{allowedValues: schema20.properties.convert.properties.case.enum},message:"must be equal to one of the allowed values",schema:schema20.properties.convert.properties.case.enum,parentSchema:schema20.properties.convert.properties.case,data:data20};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data16.nullsTo !== undefined){
let data21 = data16.nullsTo;
if(((typeof data21 !== "string") && (!((typeof data21 == "number") && (isFinite(data21))))) && (typeof data21 !== "boolean")){
const err33 = {instancePath:instancePath+"/convert/nullsTo",schemaPath:"#/properties/convert/properties/nullsTo/type",keyword:"type",params:{type: schema20.properties.convert.properties.nullsTo.type},message:"must be string,number,boolean",schema:schema20.properties.convert.properties.nullsTo.type,parentSchema:schema20.properties.convert.properties.nullsTo,data:data21};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
else {
const err34 = {instancePath:instancePath+"/convert",schemaPath:"#/properties/convert/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema20.properties.convert.type,parentSchema:schema20.properties.convert,data:data16};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data.where !== undefined){
let data22 = data.where;
if(!(data22 && typeof data22 == "object" && !Array.isArray(data22))){
const err35 = {instancePath:instancePath+"/where",schemaPath:"#/definitions/Conditions/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema24.type,parentSchema:schema24,data:data22};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data.colors !== undefined){
let data23 = data.colors;
if(data23 && typeof data23 == "object" && !Array.isArray(data23)){
for(const key4 in data23){
let data24 = data23[key4];
if(typeof data24 !== "string"){
const err36 = {instancePath:instancePath+"/colors/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/BadgeColor/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.type,parentSchema:schema25,data:data24};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(!((((((data24 === "grey") || (data24 === "blue")) || (data24 === "green")) || (data24 === "amber")) || (data24 === "red")) || (data24 === "purple"))){
const err37 = {instancePath:instancePath+"/colors/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/BadgeColor/enum",keyword:"enum",params:{allowedValues: schema25.enum},message:"must be equal to one of the allowed values",schema:schema25.enum,parentSchema:schema25,data:data24};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
}
else {
const err38 = {instancePath:instancePath+"/colors",schemaPath:"#/properties/colors/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema20.properties.colors.type,parentSchema:schema20.properties.colors,data:data23};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data.scale !== undefined){
let data25 = data.scale;
if(!(((typeof data25 == "number") && (!(data25 % 1) && !isNaN(data25))) && (isFinite(data25)))){
const err39 = {instancePath:instancePath+"/scale",schemaPath:"#/properties/scale/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema20.properties.scale.type,parentSchema:schema20.properties.scale,data:data25};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
if((typeof data25 == "number") && (isFinite(data25))){
if(data25 > 10 || isNaN(data25)){
const err40 = {instancePath:instancePath+"/scale",schemaPath:"#/properties/scale/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10},message:"must be <= 10",schema:10,parentSchema:schema20.properties.scale,data:data25};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if(data25 < 0 || isNaN(data25)){
const err41 = {instancePath:instancePath+"/scale",schemaPath:"#/properties/scale/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema20.properties.scale,data:data25};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
if(data.target !== undefined){
let data26 = data.target;
if(typeof data26 !== "string"){
const err42 = {instancePath:instancePath+"/target",schemaPath:"#/properties/target/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.properties.target.type,parentSchema:schema20.properties.target,data:data26};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data.inverse !== undefined){
let data27 = data.inverse;
if(typeof data27 === "string"){
if(func3(data27) > 40){
const err43 = {instancePath:instancePath+"/inverse",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data27};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
if(!pattern0.test(data27)){
const err44 = {instancePath:instancePath+"/inverse",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data27};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
else {
const err45 = {instancePath:instancePath+"/inverse",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data27};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data.onDelete !== undefined){
let data28 = data.onDelete;
if(typeof data28 !== "string"){
const err46 = {instancePath:instancePath+"/onDelete",schemaPath:"#/properties/onDelete/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.properties.onDelete.type,parentSchema:schema20.properties.onDelete,data:data28};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if(!(((data28 === "restrict") || (data28 === "cascade")) || (data28 === "set null"))){
const err47 = {instancePath:instancePath+"/onDelete",schemaPath:"#/properties/onDelete/enum",keyword:"enum",params:{allowedValues: schema20.properties.onDelete.enum},message:"must be equal to one of the allowed values",schema:schema20.properties.onDelete.enum,parentSchema:schema20.properties.onDelete,data:data28};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data.readOnly !== undefined){
let data29 = data.readOnly;
if(typeof data29 !== "boolean"){
const err48 = {instancePath:instancePath+"/readOnly",schemaPath:"#/properties/readOnly/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema20.properties.readOnly.type,parentSchema:schema20.properties.readOnly,data:data29};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data.personal !== undefined){
let data30 = data.personal;
if(typeof data30 !== "boolean"){
const err49 = {instancePath:instancePath+"/personal",schemaPath:"#/properties/personal/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema20.properties.personal.type,parentSchema:schema20.properties.personal,data:data30};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data.computed !== undefined){
if(!(validate15(data.computed, {instancePath:instancePath+"/computed",parentData:data,parentDataProperty:"computed",rootData}))){
vErrors = vErrors === null ? validate15.errors : vErrors.concat(validate15.errors);
errors = vErrors.length;
}
}
if(data.sequence !== undefined){
let data32 = data.sequence;
if(data32 && typeof data32 == "object" && !Array.isArray(data32)){
if(data32.pattern === undefined){
const err50 = {instancePath:instancePath+"/sequence",schemaPath:"#/definitions/Sequence/required",keyword:"required",params:{missingProperty: "pattern"},message:"must have required property '"+"pattern"+"'",schema:schema28.required,parentSchema:schema28,data:data32};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
for(const key5 in data32){
if(!((key5 === "pattern") || (key5 === "scope"))){
const err51 = {instancePath:instancePath+"/sequence",schemaPath:"#/definitions/Sequence/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema28,data:data32};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
if(data32.pattern !== undefined){
let data33 = data32.pattern;
if(typeof data33 === "string"){
if(!pattern13.test(data33)){
const err52 = {instancePath:instancePath+"/sequence/pattern",schemaPath:"#/definitions/Sequence/properties/pattern/pattern",keyword:"pattern",params:{pattern: "\\{0+\\}"},message:"must match pattern \""+"\\{0+\\}"+"\"",schema:"\\{0+\\}",parentSchema:schema28.properties.pattern,data:data33};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
else {
const err53 = {instancePath:instancePath+"/sequence/pattern",schemaPath:"#/definitions/Sequence/properties/pattern/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema28.properties.pattern.type,parentSchema:schema28.properties.pattern,data:data33};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
if(data32.scope !== undefined){
let data34 = data32.scope;
if(typeof data34 !== "string"){
const err54 = {instancePath:instancePath+"/sequence/scope",schemaPath:"#/definitions/Sequence/properties/scope/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema28.properties.scope.type,parentSchema:schema28.properties.scope,data:data34};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
}
else {
const err55 = {instancePath:instancePath+"/sequence",schemaPath:"#/definitions/Sequence/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema28.type,parentSchema:schema28,data:data32};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data.maxSize !== undefined){
let data35 = data.maxSize;
if((!(((typeof data35 == "number") && (!(data35 % 1) && !isNaN(data35))) && (isFinite(data35)))) && (typeof data35 !== "string")){
const err56 = {instancePath:instancePath+"/maxSize",schemaPath:"#/properties/maxSize/type",keyword:"type",params:{type: schema20.properties.maxSize.type},message:"must be integer,string",schema:schema20.properties.maxSize.type,parentSchema:schema20.properties.maxSize,data:data35};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data.accept !== undefined){
let data36 = data.accept;
if(Array.isArray(data36)){
if(data36.length < 1){
const err57 = {instancePath:instancePath+"/accept",schemaPath:"#/properties/accept/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema20.properties.accept,data:data36};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
const len1 = data36.length;
for(let i1=0; i1<len1; i1++){
let data37 = data36[i1];
if(typeof data37 !== "string"){
const err58 = {instancePath:instancePath+"/accept/" + i1,schemaPath:"#/properties/accept/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.properties.accept.items.type,parentSchema:schema20.properties.accept.items,data:data37};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
}
else {
const err59 = {instancePath:instancePath+"/accept",schemaPath:"#/properties/accept/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema20.properties.accept.type,parentSchema:schema20.properties.accept,data:data36};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data.rollup !== undefined){
if(!(validate17(data.rollup, {instancePath:instancePath+"/rollup",parentData:data,parentDataProperty:"rollup",rootData}))){
vErrors = vErrors === null ? validate17.errors : vErrors.concat(validate17.errors);
errors = vErrors.length;
}
}
}
else {
const err60 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema20.type,parentSchema:schema20,data};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
validate14.errors = vErrors;
return errors === 0;
}

const schema33 = {"type":"object","additionalProperties":false,"required":["field","rule"],"properties":{"name":{"$ref":"#/definitions/Identifier","description":"Names the constraint (default: the field and the position)."},"field":{"type":"string","description":"The field the error is reported on."},"rule":{"$ref":"#/definitions/ConstraintCondition"},"message":{"type":"string","description":"What the person reads (default: \"does not satisfy the rule\")."}}};

function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.field === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "field"},message:"must have required property '"+"field"+"'",schema:schema33.required,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.rule === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "rule"},message:"must have required property '"+"rule"+"'",schema:schema33.required,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "name") || (key0 === "field")) || (key0 === "rule")) || (key0 === "message"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) > 40){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!pattern0.test(data0)){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.field !== undefined){
let data1 = data.field;
if(typeof data1 !== "string"){
const err6 = {instancePath:instancePath+"/field",schemaPath:"#/properties/field/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.properties.field.type,parentSchema:schema33.properties.field,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.rule !== undefined){
let data2 = data.rule;
if(!(data2 && typeof data2 == "object" && !Array.isArray(data2))){
const err7 = {instancePath:instancePath+"/rule",schemaPath:"#/definitions/ConstraintCondition/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema30.type,parentSchema:schema30,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.message !== undefined){
let data3 = data.message;
if(typeof data3 !== "string"){
const err8 = {instancePath:instancePath+"/message",schemaPath:"#/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.properties.message.type,parentSchema:schema33.properties.message,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema33.type,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}

const schema36 = {"type":"object","additionalProperties":false,"required":["key","range"],"properties":{"key":{"type":"array","items":{"type":"string"},"minItems":1,"uniqueItems":true,"description":"Fields that must be equal for two records to conflict (a room, a practitioner)."},"range":{"type":"array","items":{"type":"string"},"minItems":2,"maxItems":2,"description":"Start and end fields: dates, date-times or numbers of one type."},"bounds":{"type":"string","enum":["[)","[]","(]","()"],"description":"Which ends belong to the span (default \"[)\": a departure day may be the next arrival)."},"when":{"$ref":"#/definitions/ConstraintCondition","description":"Only records matching it take the span (cancelled ones do not)."},"message":{"type":"string"}}};

function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.key === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "key"},message:"must have required property '"+"key"+"'",schema:schema36.required,parentSchema:schema36,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.range === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "range"},message:"must have required property '"+"range"+"'",schema:schema36.required,parentSchema:schema36,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "key") || (key0 === "range")) || (key0 === "bounds")) || (key0 === "when")) || (key0 === "message"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema36,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.key !== undefined){
let data0 = data.key;
if(Array.isArray(data0)){
if(data0.length < 1){
const err3 = {instancePath:instancePath+"/key",schemaPath:"#/properties/key/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema36.properties.key,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(typeof data1 !== "string"){
const err4 = {instancePath:instancePath+"/key/" + i0,schemaPath:"#/properties/key/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema36.properties.key.items.type,parentSchema:schema36.properties.key.items,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
let i1 = data0.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data0[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err5 = {instancePath:instancePath+"/key",schemaPath:"#/properties/key/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema36.properties.key,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err6 = {instancePath:instancePath+"/key",schemaPath:"#/properties/key/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema36.properties.key.type,parentSchema:schema36.properties.key,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.range !== undefined){
let data2 = data.range;
if(Array.isArray(data2)){
if(data2.length > 2){
const err7 = {instancePath:instancePath+"/range",schemaPath:"#/properties/range/maxItems",keyword:"maxItems",params:{limit: 2},message:"must NOT have more than 2 items",schema:2,parentSchema:schema36.properties.range,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data2.length < 2){
const err8 = {instancePath:instancePath+"/range",schemaPath:"#/properties/range/minItems",keyword:"minItems",params:{limit: 2},message:"must NOT have fewer than 2 items",schema:2,parentSchema:schema36.properties.range,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
const len1 = data2.length;
for(let i2=0; i2<len1; i2++){
let data3 = data2[i2];
if(typeof data3 !== "string"){
const err9 = {instancePath:instancePath+"/range/" + i2,schemaPath:"#/properties/range/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema36.properties.range.items.type,parentSchema:schema36.properties.range.items,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath:instancePath+"/range",schemaPath:"#/properties/range/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema36.properties.range.type,parentSchema:schema36.properties.range,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.bounds !== undefined){
let data4 = data.bounds;
if(typeof data4 !== "string"){
const err11 = {instancePath:instancePath+"/bounds",schemaPath:"#/properties/bounds/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema36.properties.bounds.type,parentSchema:schema36.properties.bounds,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(!((((data4 === "[)") || (data4 === "[]")) || (data4 === "(]")) || (data4 === "()"))){
const err12 = {instancePath:instancePath+"/bounds",schemaPath:"#/properties/bounds/enum",keyword:"enum",params:{allowedValues: schema36.properties.bounds.enum},message:"must be equal to one of the allowed values",schema:schema36.properties.bounds.enum,parentSchema:schema36.properties.bounds,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.when !== undefined){
let data5 = data.when;
if(!(data5 && typeof data5 == "object" && !Array.isArray(data5))){
const err13 = {instancePath:instancePath+"/when",schemaPath:"#/definitions/ConstraintCondition/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema30.type,parentSchema:schema30,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.message !== undefined){
let data6 = data.message;
if(typeof data6 !== "string"){
const err14 = {instancePath:instancePath+"/message",schemaPath:"#/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema36.properties.message.type,parentSchema:schema36.properties.message,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema36.type,parentSchema:schema36,data};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}

const schema38 = {"type":"object","additionalProperties":false,"required":["parent","limit"],"properties":{"parent":{"type":"string","description":"A reference field of this entity (the session of a booking)."},"limit":{"description":"What bounds the count: an integer field of the parent holding the number of places (\"capacity\"), or a count of other records pointing at the parent ({ \"count\": \"room\", \"by\": \"room_type\" }: the rooms of a room type).","oneOf":[{"type":"string"},{"type":"object","additionalProperties":false,"required":["count","by"],"properties":{"count":{"type":"string","description":"The entity whose records are counted (room)."},"by":{"type":"string","description":"Its reference field pointing at the parent (room_type)."},"when":{"$ref":"#/definitions/ConstraintCondition","description":"Which of them count (default: all)."}}}]},"range":{"type":"array","items":{"type":"string"},"minItems":2,"maxItems":2,"description":"Start and end fields (dates, date-times or numbers of one type): the count holds at every point of the span instead of overall — the reservations covering any one night never outnumber the limit."},"bounds":{"type":"string","enum":["[)","[]"],"description":"With `range`: which ends belong to the span (default \"[)\": the departure day is not a night of the stay)."},"when":{"$ref":"#/definitions/ConstraintCondition","description":"Which records take a place (default: all)."},"overflow":{"type":"object","additionalProperties":false,"required":["field","value","promoteTo"],"properties":{"field":{"type":"string","description":"An enum field of this entity."},"value":{"type":"string","description":"Set instead of refusing when the parent is full (waitlisted)."},"promoteTo":{"type":"string","description":"When a place frees, the oldest record with `value` gets this value, in the same transaction (booked)."},"onUpdate":{"type":"boolean","description":"Also when an existing record moves into `when` (an application offered a seat): it gets `value` instead of the update being refused. Default false: only a new record overflows."}}},"message":{"type":"string"}}};

function validate24(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.parent === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "parent"},message:"must have required property '"+"parent"+"'",schema:schema38.required,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.limit === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "limit"},message:"must have required property '"+"limit"+"'",schema:schema38.required,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "parent") || (key0 === "limit")) || (key0 === "range")) || (key0 === "bounds")) || (key0 === "when")) || (key0 === "overflow")) || (key0 === "message"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.parent !== undefined){
let data0 = data.parent;
if(typeof data0 !== "string"){
const err3 = {instancePath:instancePath+"/parent",schemaPath:"#/properties/parent/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.parent.type,parentSchema:schema38.properties.parent,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.limit !== undefined){
let data1 = data.limit;
const _errs5 = errors;
let valid1 = false;
let passing0 = null;
const _errs6 = errors;
if(typeof data1 !== "string"){
const err4 = {instancePath:instancePath+"/limit",schemaPath:"#/properties/limit/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.limit.oneOf[0].type,parentSchema:schema38.properties.limit.oneOf[0],data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
var _valid0 = _errs6 === errors;
if(_valid0){
valid1 = true;
passing0 = 0;
}
const _errs8 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.count === undefined){
const err5 = {instancePath:instancePath+"/limit",schemaPath:"#/properties/limit/oneOf/1/required",keyword:"required",params:{missingProperty: "count"},message:"must have required property '"+"count"+"'",schema:schema38.properties.limit.oneOf[1].required,parentSchema:schema38.properties.limit.oneOf[1],data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data1.by === undefined){
const err6 = {instancePath:instancePath+"/limit",schemaPath:"#/properties/limit/oneOf/1/required",keyword:"required",params:{missingProperty: "by"},message:"must have required property '"+"by"+"'",schema:schema38.properties.limit.oneOf[1].required,parentSchema:schema38.properties.limit.oneOf[1],data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
for(const key1 in data1){
if(!(((key1 === "count") || (key1 === "by")) || (key1 === "when"))){
const err7 = {instancePath:instancePath+"/limit",schemaPath:"#/properties/limit/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema38.properties.limit.oneOf[1],data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data1.count !== undefined){
let data2 = data1.count;
if(typeof data2 !== "string"){
const err8 = {instancePath:instancePath+"/limit/count",schemaPath:"#/properties/limit/oneOf/1/properties/count/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.limit.oneOf[1].properties.count.type,parentSchema:schema38.properties.limit.oneOf[1].properties.count,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data1.by !== undefined){
let data3 = data1.by;
if(typeof data3 !== "string"){
const err9 = {instancePath:instancePath+"/limit/by",schemaPath:"#/properties/limit/oneOf/1/properties/by/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.limit.oneOf[1].properties.by.type,parentSchema:schema38.properties.limit.oneOf[1].properties.by,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data1.when !== undefined){
let data4 = data1.when;
if(!(data4 && typeof data4 == "object" && !Array.isArray(data4))){
const err10 = {instancePath:instancePath+"/limit/when",schemaPath:"#/definitions/ConstraintCondition/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema30.type,parentSchema:schema30,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath:instancePath+"/limit",schemaPath:"#/properties/limit/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema38.properties.limit.oneOf[1].type,parentSchema:schema38.properties.limit.oneOf[1],data:data1};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
var _valid0 = _errs8 === errors;
if(_valid0 && valid1){
valid1 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid1 = true;
passing0 = 1;
}
}
if(!valid1){
const err12 = {instancePath:instancePath+"/limit",schemaPath:"#/properties/limit/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema38.properties.limit.oneOf,parentSchema:schema38.properties.limit,data:data1};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
else {
errors = _errs5;
if(vErrors !== null){
if(_errs5){
vErrors.length = _errs5;
}
else {
vErrors = null;
}
}
}
}
if(data.range !== undefined){
let data5 = data.range;
if(Array.isArray(data5)){
if(data5.length > 2){
const err13 = {instancePath:instancePath+"/range",schemaPath:"#/properties/range/maxItems",keyword:"maxItems",params:{limit: 2},message:"must NOT have more than 2 items",schema:2,parentSchema:schema38.properties.range,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data5.length < 2){
const err14 = {instancePath:instancePath+"/range",schemaPath:"#/properties/range/minItems",keyword:"minItems",params:{limit: 2},message:"must NOT have fewer than 2 items",schema:2,parentSchema:schema38.properties.range,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
let data6 = data5[i0];
if(typeof data6 !== "string"){
const err15 = {instancePath:instancePath+"/range/" + i0,schemaPath:"#/properties/range/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.range.items.type,parentSchema:schema38.properties.range.items,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath:instancePath+"/range",schemaPath:"#/properties/range/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema38.properties.range.type,parentSchema:schema38.properties.range,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.bounds !== undefined){
let data7 = data.bounds;
if(typeof data7 !== "string"){
const err17 = {instancePath:instancePath+"/bounds",schemaPath:"#/properties/bounds/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.bounds.type,parentSchema:schema38.properties.bounds,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(!((data7 === "[)") || (data7 === "[]"))){
const err18 = {instancePath:instancePath+"/bounds",schemaPath:"#/properties/bounds/enum",keyword:"enum",params:{allowedValues: schema38.properties.bounds.enum},message:"must be equal to one of the allowed values",schema:schema38.properties.bounds.enum,parentSchema:schema38.properties.bounds,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.when !== undefined){
let data8 = data.when;
if(!(data8 && typeof data8 == "object" && !Array.isArray(data8))){
const err19 = {instancePath:instancePath+"/when",schemaPath:"#/definitions/ConstraintCondition/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema30.type,parentSchema:schema30,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.overflow !== undefined){
let data9 = data.overflow;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
if(data9.field === undefined){
const err20 = {instancePath:instancePath+"/overflow",schemaPath:"#/properties/overflow/required",keyword:"required",params:{missingProperty: "field"},message:"must have required property '"+"field"+"'",schema:schema38.properties.overflow.required,parentSchema:schema38.properties.overflow,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data9.value === undefined){
const err21 = {instancePath:instancePath+"/overflow",schemaPath:"#/properties/overflow/required",keyword:"required",params:{missingProperty: "value"},message:"must have required property '"+"value"+"'",schema:schema38.properties.overflow.required,parentSchema:schema38.properties.overflow,data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data9.promoteTo === undefined){
const err22 = {instancePath:instancePath+"/overflow",schemaPath:"#/properties/overflow/required",keyword:"required",params:{missingProperty: "promoteTo"},message:"must have required property '"+"promoteTo"+"'",schema:schema38.properties.overflow.required,parentSchema:schema38.properties.overflow,data:data9};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
for(const key2 in data9){
if(!((((key2 === "field") || (key2 === "value")) || (key2 === "promoteTo")) || (key2 === "onUpdate"))){
const err23 = {instancePath:instancePath+"/overflow",schemaPath:"#/properties/overflow/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema38.properties.overflow,data:data9};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data9.field !== undefined){
let data10 = data9.field;
if(typeof data10 !== "string"){
const err24 = {instancePath:instancePath+"/overflow/field",schemaPath:"#/properties/overflow/properties/field/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.overflow.properties.field.type,parentSchema:schema38.properties.overflow.properties.field,data:data10};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data9.value !== undefined){
let data11 = data9.value;
if(typeof data11 !== "string"){
const err25 = {instancePath:instancePath+"/overflow/value",schemaPath:"#/properties/overflow/properties/value/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.overflow.properties.value.type,parentSchema:schema38.properties.overflow.properties.value,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data9.promoteTo !== undefined){
let data12 = data9.promoteTo;
if(typeof data12 !== "string"){
const err26 = {instancePath:instancePath+"/overflow/promoteTo",schemaPath:"#/properties/overflow/properties/promoteTo/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.overflow.properties.promoteTo.type,parentSchema:schema38.properties.overflow.properties.promoteTo,data:data12};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data9.onUpdate !== undefined){
let data13 = data9.onUpdate;
if(typeof data13 !== "boolean"){
const err27 = {instancePath:instancePath+"/overflow/onUpdate",schemaPath:"#/properties/overflow/properties/onUpdate/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema38.properties.overflow.properties.onUpdate.type,parentSchema:schema38.properties.overflow.properties.onUpdate,data:data13};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
else {
const err28 = {instancePath:instancePath+"/overflow",schemaPath:"#/properties/overflow/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema38.properties.overflow.type,parentSchema:schema38.properties.overflow,data:data9};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data.message !== undefined){
let data14 = data.message;
if(typeof data14 !== "string"){
const err29 = {instancePath:instancePath+"/message",schemaPath:"#/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.message.type,parentSchema:schema38.properties.message,data:data14};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
else {
const err30 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema38.type,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
validate24.errors = vErrors;
return errors === 0;
}

const schema41 = {"type":"object","additionalProperties":false,"required":["fields","when"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"fields":{"type":"array","items":{"type":"string"},"minItems":1,"uniqueItems":true},"when":{"$ref":"#/definitions/ConstraintCondition"},"message":{"type":"string"}}};

function validate26(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.fields === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "fields"},message:"must have required property '"+"fields"+"'",schema:schema41.required,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.when === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "when"},message:"must have required property '"+"when"+"'",schema:schema41.required,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "name") || (key0 === "fields")) || (key0 === "when")) || (key0 === "message"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) > 40){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!pattern0.test(data0)){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.fields !== undefined){
let data1 = data.fields;
if(Array.isArray(data1)){
if(data1.length < 1){
const err6 = {instancePath:instancePath+"/fields",schemaPath:"#/properties/fields/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema41.properties.fields,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(typeof data2 !== "string"){
const err7 = {instancePath:instancePath+"/fields/" + i0,schemaPath:"#/properties/fields/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.fields.items.type,parentSchema:schema41.properties.fields.items,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
let i1 = data1.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data1[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err8 = {instancePath:instancePath+"/fields",schemaPath:"#/properties/fields/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema41.properties.fields,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err9 = {instancePath:instancePath+"/fields",schemaPath:"#/properties/fields/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema41.properties.fields.type,parentSchema:schema41.properties.fields,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.when !== undefined){
let data3 = data.when;
if(!(data3 && typeof data3 == "object" && !Array.isArray(data3))){
const err10 = {instancePath:instancePath+"/when",schemaPath:"#/definitions/ConstraintCondition/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema30.type,parentSchema:schema30,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.message !== undefined){
let data4 = data.message;
if(typeof data4 !== "string"){
const err11 = {instancePath:instancePath+"/message",schemaPath:"#/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.properties.message.type,parentSchema:schema41.properties.message,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.type,parentSchema:schema41,data};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
validate26.errors = vErrors;
return errors === 0;
}

const schema46 = {"type":"object","additionalProperties":false,"required":["ledger","post","reverse","movements"],"description":"A document that posts ledger movements when its workflow takes the \"post\" transition and reversing movements on \"reverse\", in the transition's transaction. Once posted it is read-only, and so are its lines.","properties":{"ledger":{"type":"string","description":"The ledger entity it posts to."},"lines":{"type":"object","additionalProperties":false,"required":["entity","parent"],"properties":{"entity":{"type":"string"},"parent":{"type":"string","description":"The line's reference to this document."}}},"post":{"description":"The workflow transition that posts (e.g. \"submit\"), or several: the first one's `from` states are the states the document and its lines may be edited in; the others post a document waiting in a read-only state (an approval: [\"submit\", \"approve\"]).","oneOf":[{"type":"string"},{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string"}}]},"reverse":{"type":"string","description":"The workflow transition that posts the reversal (e.g. \"cancel\")."},"date":{"type":"string","description":"The document's posting-date field, copied to the ledger's date."},"source":{"type":"string","description":"A reference field of the ledger that gets this document."},"movements":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/PostingMovement"}}}};
const schema47 = {"type":"object","additionalProperties":false,"required":["quantity","set"],"properties":{"quantity":{"type":"string","description":"\"line.<field>\" or \"<field>\" of the document: the quantity moved."},"sign":{"type":"integer","enum":[1,-1],"description":"-1 takes the quantity out of the balance, 1 (default) puts it in."},"rate":{"type":"string","description":"With a valued ledger: \"line.<field>\" or \"<field>\" of the document, the rate of what comes in (a receipt's price), written to the ledger's incomingRate. An incoming movement of a line that also takes out (a transfer) carries the value that went out instead."},"set":{"type":"object","additionalProperties":{"type":"string"},"description":"Ledger field → \"line.<field>\" or \"<field>\" of the document. A movement whose balance key comes out empty is skipped (a receipt has no source warehouse)."}}};

function validate28(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.ledger === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "ledger"},message:"must have required property '"+"ledger"+"'",schema:schema46.required,parentSchema:schema46,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.post === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "post"},message:"must have required property '"+"post"+"'",schema:schema46.required,parentSchema:schema46,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.reverse === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "reverse"},message:"must have required property '"+"reverse"+"'",schema:schema46.required,parentSchema:schema46,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.movements === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "movements"},message:"must have required property '"+"movements"+"'",schema:schema46.required,parentSchema:schema46,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "ledger") || (key0 === "lines")) || (key0 === "post")) || (key0 === "reverse")) || (key0 === "date")) || (key0 === "source")) || (key0 === "movements"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema46,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.ledger !== undefined){
let data0 = data.ledger;
if(typeof data0 !== "string"){
const err5 = {instancePath:instancePath+"/ledger",schemaPath:"#/properties/ledger/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.properties.ledger.type,parentSchema:schema46.properties.ledger,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.lines !== undefined){
let data1 = data.lines;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.entity === undefined){
const err6 = {instancePath:instancePath+"/lines",schemaPath:"#/properties/lines/required",keyword:"required",params:{missingProperty: "entity"},message:"must have required property '"+"entity"+"'",schema:schema46.properties.lines.required,parentSchema:schema46.properties.lines,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data1.parent === undefined){
const err7 = {instancePath:instancePath+"/lines",schemaPath:"#/properties/lines/required",keyword:"required",params:{missingProperty: "parent"},message:"must have required property '"+"parent"+"'",schema:schema46.properties.lines.required,parentSchema:schema46.properties.lines,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
for(const key1 in data1){
if(!((key1 === "entity") || (key1 === "parent"))){
const err8 = {instancePath:instancePath+"/lines",schemaPath:"#/properties/lines/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema46.properties.lines,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data1.entity !== undefined){
let data2 = data1.entity;
if(typeof data2 !== "string"){
const err9 = {instancePath:instancePath+"/lines/entity",schemaPath:"#/properties/lines/properties/entity/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.properties.lines.properties.entity.type,parentSchema:schema46.properties.lines.properties.entity,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data1.parent !== undefined){
let data3 = data1.parent;
if(typeof data3 !== "string"){
const err10 = {instancePath:instancePath+"/lines/parent",schemaPath:"#/properties/lines/properties/parent/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.properties.lines.properties.parent.type,parentSchema:schema46.properties.lines.properties.parent,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath:instancePath+"/lines",schemaPath:"#/properties/lines/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema46.properties.lines.type,parentSchema:schema46.properties.lines,data:data1};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.post !== undefined){
let data4 = data.post;
const _errs12 = errors;
let valid2 = false;
let passing0 = null;
const _errs13 = errors;
if(typeof data4 !== "string"){
const err12 = {instancePath:instancePath+"/post",schemaPath:"#/properties/post/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.properties.post.oneOf[0].type,parentSchema:schema46.properties.post.oneOf[0],data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
var _valid0 = _errs13 === errors;
if(_valid0){
valid2 = true;
passing0 = 0;
}
const _errs15 = errors;
if(Array.isArray(data4)){
if(data4.length < 1){
const err13 = {instancePath:instancePath+"/post",schemaPath:"#/properties/post/oneOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema46.properties.post.oneOf[1],data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
let data5 = data4[i0];
if(typeof data5 !== "string"){
const err14 = {instancePath:instancePath+"/post/" + i0,schemaPath:"#/properties/post/oneOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.properties.post.oneOf[1].items.type,parentSchema:schema46.properties.post.oneOf[1].items,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
let i1 = data4.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data4[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err15 = {instancePath:instancePath+"/post",schemaPath:"#/properties/post/oneOf/1/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema46.properties.post.oneOf[1],data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err16 = {instancePath:instancePath+"/post",schemaPath:"#/properties/post/oneOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema46.properties.post.oneOf[1].type,parentSchema:schema46.properties.post.oneOf[1],data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
var _valid0 = _errs15 === errors;
if(_valid0 && valid2){
valid2 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid2 = true;
passing0 = 1;
}
}
if(!valid2){
const err17 = {instancePath:instancePath+"/post",schemaPath:"#/properties/post/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema46.properties.post.oneOf,parentSchema:schema46.properties.post,data:data4};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
else {
errors = _errs12;
if(vErrors !== null){
if(_errs12){
vErrors.length = _errs12;
}
else {
vErrors = null;
}
}
}
}
if(data.reverse !== undefined){
let data6 = data.reverse;
if(typeof data6 !== "string"){
const err18 = {instancePath:instancePath+"/reverse",schemaPath:"#/properties/reverse/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.properties.reverse.type,parentSchema:schema46.properties.reverse,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.date !== undefined){
let data7 = data.date;
if(typeof data7 !== "string"){
const err19 = {instancePath:instancePath+"/date",schemaPath:"#/properties/date/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.properties.date.type,parentSchema:schema46.properties.date,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.source !== undefined){
let data8 = data.source;
if(typeof data8 !== "string"){
const err20 = {instancePath:instancePath+"/source",schemaPath:"#/properties/source/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.properties.source.type,parentSchema:schema46.properties.source,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.movements !== undefined){
let data9 = data.movements;
if(Array.isArray(data9)){
if(data9.length < 1){
const err21 = {instancePath:instancePath+"/movements",schemaPath:"#/properties/movements/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema46.properties.movements,data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
const len1 = data9.length;
for(let i2=0; i2<len1; i2++){
let data10 = data9[i2];
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(data10.quantity === undefined){
const err22 = {instancePath:instancePath+"/movements/" + i2,schemaPath:"#/definitions/PostingMovement/required",keyword:"required",params:{missingProperty: "quantity"},message:"must have required property '"+"quantity"+"'",schema:schema47.required,parentSchema:schema47,data:data10};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(data10.set === undefined){
const err23 = {instancePath:instancePath+"/movements/" + i2,schemaPath:"#/definitions/PostingMovement/required",keyword:"required",params:{missingProperty: "set"},message:"must have required property '"+"set"+"'",schema:schema47.required,parentSchema:schema47,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
for(const key2 in data10){
if(!((((key2 === "quantity") || (key2 === "sign")) || (key2 === "rate")) || (key2 === "set"))){
const err24 = {instancePath:instancePath+"/movements/" + i2,schemaPath:"#/definitions/PostingMovement/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema47,data:data10};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data10.quantity !== undefined){
let data11 = data10.quantity;
if(typeof data11 !== "string"){
const err25 = {instancePath:instancePath+"/movements/" + i2+"/quantity",schemaPath:"#/definitions/PostingMovement/properties/quantity/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema47.properties.quantity.type,parentSchema:schema47.properties.quantity,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data10.sign !== undefined){
let data12 = data10.sign;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err26 = {instancePath:instancePath+"/movements/" + i2+"/sign",schemaPath:"#/definitions/PostingMovement/properties/sign/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema47.properties.sign.type,parentSchema:schema47.properties.sign,data:data12};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(!((data12 === 1) || (data12 === -1))){
const err27 = {instancePath:instancePath+"/movements/" + i2+"/sign",schemaPath:"#/definitions/PostingMovement/properties/sign/enum",keyword:"enum",params:{allowedValues: schema47.properties.sign.enum},message:"must be equal to one of the allowed values",schema:schema47.properties.sign.enum,parentSchema:schema47.properties.sign,data:data12};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data10.rate !== undefined){
let data13 = data10.rate;
if(typeof data13 !== "string"){
const err28 = {instancePath:instancePath+"/movements/" + i2+"/rate",schemaPath:"#/definitions/PostingMovement/properties/rate/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema47.properties.rate.type,parentSchema:schema47.properties.rate,data:data13};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data10.set !== undefined){
let data14 = data10.set;
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
for(const key3 in data14){
let data15 = data14[key3];
if(typeof data15 !== "string"){
const err29 = {instancePath:instancePath+"/movements/" + i2+"/set/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/PostingMovement/properties/set/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema47.properties.set.additionalProperties.type,parentSchema:schema47.properties.set.additionalProperties,data:data15};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
else {
const err30 = {instancePath:instancePath+"/movements/" + i2+"/set",schemaPath:"#/definitions/PostingMovement/properties/set/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema47.properties.set.type,parentSchema:schema47.properties.set,data:data14};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
else {
const err31 = {instancePath:instancePath+"/movements/" + i2,schemaPath:"#/definitions/PostingMovement/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema47.type,parentSchema:schema47,data:data10};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
}
else {
const err32 = {instancePath:instancePath+"/movements",schemaPath:"#/properties/movements/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema46.properties.movements.type,parentSchema:schema46.properties.movements,data:data9};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
else {
const err33 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema46.type,parentSchema:schema46,data};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
validate28.errors = vErrors;
return errors === 0;
}

const schema48 = {"type":"object","additionalProperties":false,"required":["period","status","states","action","creates"],"description":"A record action that creates one child per matching record of another entity in one transaction (a payroll run: one payslip per active employee), at most one run per period (a partial unique index), cancellable as a whole.","properties":{"period":{"type":"array","minItems":1,"uniqueItems":true,"items":{"type":"string"},"description":"Fields that name the period; two runs that are not cancelled cannot share them."},"status":{"type":"string","description":"An enum field (read-only, its default the draft state)."},"states":{"type":"object","additionalProperties":false,"required":["draft","done","cancelled"],"properties":{"draft":{"type":"string"},"done":{"type":"string"},"cancelled":{"type":"string"}}},"action":{"$ref":"#/definitions/RunAction"},"cancel":{"$ref":"#/definitions/RunAction"},"count":{"type":"string","description":"An integer field that gets the number of records created."},"creates":{"type":"object","additionalProperties":false,"required":["entity","parent","for"],"properties":{"entity":{"type":"string","description":"The child entity."},"parent":{"type":"string","description":"The child's reference to the run."},"for":{"type":"object","additionalProperties":false,"required":["entity","field"],"properties":{"entity":{"type":"string","description":"The entity whose records each get a child."},"field":{"type":"string","description":"The child's reference to that record."},"where":{"type":"object","additionalProperties":{"type":["string","number","boolean","null"]},"description":"Field equalities the records must match (e.g. {\"status\": \"ACTIVE\"})."}}},"copy":{"type":"object","additionalProperties":{"type":"string"},"description":"Child field → field of the matched record."}}}}};
const schema49 = {"type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"label":{"type":"string"}}};

function validate31(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema49.required,parentSchema:schema49,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "name") || (key0 === "label"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema49,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) > 40){
const err2 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!pattern0.test(data0)){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.label !== undefined){
let data1 = data.label;
if(typeof data1 !== "string"){
const err5 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema49.properties.label.type,parentSchema:schema49.properties.label,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
else {
const err6 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema49.type,parentSchema:schema49,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
validate31.errors = vErrors;
return errors === 0;
}


function validate30(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.period === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "period"},message:"must have required property '"+"period"+"'",schema:schema48.required,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.status === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "status"},message:"must have required property '"+"status"+"'",schema:schema48.required,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.states === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "states"},message:"must have required property '"+"states"+"'",schema:schema48.required,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.action === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "action"},message:"must have required property '"+"action"+"'",schema:schema48.required,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.creates === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "creates"},message:"must have required property '"+"creates"+"'",schema:schema48.required,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "period") || (key0 === "status")) || (key0 === "states")) || (key0 === "action")) || (key0 === "cancel")) || (key0 === "count")) || (key0 === "creates"))){
const err5 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.period !== undefined){
let data0 = data.period;
if(Array.isArray(data0)){
if(data0.length < 1){
const err6 = {instancePath:instancePath+"/period",schemaPath:"#/properties/period/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema48.properties.period,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(typeof data1 !== "string"){
const err7 = {instancePath:instancePath+"/period/" + i0,schemaPath:"#/properties/period/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.period.items.type,parentSchema:schema48.properties.period.items,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
let i1 = data0.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data0[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err8 = {instancePath:instancePath+"/period",schemaPath:"#/properties/period/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema48.properties.period,data:data0};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err9 = {instancePath:instancePath+"/period",schemaPath:"#/properties/period/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema48.properties.period.type,parentSchema:schema48.properties.period,data:data0};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.status !== undefined){
let data2 = data.status;
if(typeof data2 !== "string"){
const err10 = {instancePath:instancePath+"/status",schemaPath:"#/properties/status/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.status.type,parentSchema:schema48.properties.status,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.states !== undefined){
let data3 = data.states;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.draft === undefined){
const err11 = {instancePath:instancePath+"/states",schemaPath:"#/properties/states/required",keyword:"required",params:{missingProperty: "draft"},message:"must have required property '"+"draft"+"'",schema:schema48.properties.states.required,parentSchema:schema48.properties.states,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(data3.done === undefined){
const err12 = {instancePath:instancePath+"/states",schemaPath:"#/properties/states/required",keyword:"required",params:{missingProperty: "done"},message:"must have required property '"+"done"+"'",schema:schema48.properties.states.required,parentSchema:schema48.properties.states,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(data3.cancelled === undefined){
const err13 = {instancePath:instancePath+"/states",schemaPath:"#/properties/states/required",keyword:"required",params:{missingProperty: "cancelled"},message:"must have required property '"+"cancelled"+"'",schema:schema48.properties.states.required,parentSchema:schema48.properties.states,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
for(const key1 in data3){
if(!(((key1 === "draft") || (key1 === "done")) || (key1 === "cancelled"))){
const err14 = {instancePath:instancePath+"/states",schemaPath:"#/properties/states/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema48.properties.states,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data3.draft !== undefined){
let data4 = data3.draft;
if(typeof data4 !== "string"){
const err15 = {instancePath:instancePath+"/states/draft",schemaPath:"#/properties/states/properties/draft/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.states.properties.draft.type,parentSchema:schema48.properties.states.properties.draft,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data3.done !== undefined){
let data5 = data3.done;
if(typeof data5 !== "string"){
const err16 = {instancePath:instancePath+"/states/done",schemaPath:"#/properties/states/properties/done/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.states.properties.done.type,parentSchema:schema48.properties.states.properties.done,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data3.cancelled !== undefined){
let data6 = data3.cancelled;
if(typeof data6 !== "string"){
const err17 = {instancePath:instancePath+"/states/cancelled",schemaPath:"#/properties/states/properties/cancelled/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.states.properties.cancelled.type,parentSchema:schema48.properties.states.properties.cancelled,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/states",schemaPath:"#/properties/states/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema48.properties.states.type,parentSchema:schema48.properties.states,data:data3};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.action !== undefined){
if(!(validate31(data.action, {instancePath:instancePath+"/action",parentData:data,parentDataProperty:"action",rootData}))){
vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
errors = vErrors.length;
}
}
if(data.cancel !== undefined){
if(!(validate31(data.cancel, {instancePath:instancePath+"/cancel",parentData:data,parentDataProperty:"cancel",rootData}))){
vErrors = vErrors === null ? validate31.errors : vErrors.concat(validate31.errors);
errors = vErrors.length;
}
}
if(data.count !== undefined){
let data9 = data.count;
if(typeof data9 !== "string"){
const err19 = {instancePath:instancePath+"/count",schemaPath:"#/properties/count/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.count.type,parentSchema:schema48.properties.count,data:data9};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.creates !== undefined){
let data10 = data.creates;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(data10.entity === undefined){
const err20 = {instancePath:instancePath+"/creates",schemaPath:"#/properties/creates/required",keyword:"required",params:{missingProperty: "entity"},message:"must have required property '"+"entity"+"'",schema:schema48.properties.creates.required,parentSchema:schema48.properties.creates,data:data10};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data10.parent === undefined){
const err21 = {instancePath:instancePath+"/creates",schemaPath:"#/properties/creates/required",keyword:"required",params:{missingProperty: "parent"},message:"must have required property '"+"parent"+"'",schema:schema48.properties.creates.required,parentSchema:schema48.properties.creates,data:data10};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data10.for === undefined){
const err22 = {instancePath:instancePath+"/creates",schemaPath:"#/properties/creates/required",keyword:"required",params:{missingProperty: "for"},message:"must have required property '"+"for"+"'",schema:schema48.properties.creates.required,parentSchema:schema48.properties.creates,data:data10};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
for(const key2 in data10){
if(!((((key2 === "entity") || (key2 === "parent")) || (key2 === "for")) || (key2 === "copy"))){
const err23 = {instancePath:instancePath+"/creates",schemaPath:"#/properties/creates/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema48.properties.creates,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data10.entity !== undefined){
let data11 = data10.entity;
if(typeof data11 !== "string"){
const err24 = {instancePath:instancePath+"/creates/entity",schemaPath:"#/properties/creates/properties/entity/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.creates.properties.entity.type,parentSchema:schema48.properties.creates.properties.entity,data:data11};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data10.parent !== undefined){
let data12 = data10.parent;
if(typeof data12 !== "string"){
const err25 = {instancePath:instancePath+"/creates/parent",schemaPath:"#/properties/creates/properties/parent/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.creates.properties.parent.type,parentSchema:schema48.properties.creates.properties.parent,data:data12};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data10.for !== undefined){
let data13 = data10.for;
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
if(data13.entity === undefined){
const err26 = {instancePath:instancePath+"/creates/for",schemaPath:"#/properties/creates/properties/for/required",keyword:"required",params:{missingProperty: "entity"},message:"must have required property '"+"entity"+"'",schema:schema48.properties.creates.properties.for.required,parentSchema:schema48.properties.creates.properties.for,data:data13};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(data13.field === undefined){
const err27 = {instancePath:instancePath+"/creates/for",schemaPath:"#/properties/creates/properties/for/required",keyword:"required",params:{missingProperty: "field"},message:"must have required property '"+"field"+"'",schema:schema48.properties.creates.properties.for.required,parentSchema:schema48.properties.creates.properties.for,data:data13};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
for(const key3 in data13){
if(!(((key3 === "entity") || (key3 === "field")) || (key3 === "where"))){
const err28 = {instancePath:instancePath+"/creates/for",schemaPath:"#/properties/creates/properties/for/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema48.properties.creates.properties.for,data:data13};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data13.entity !== undefined){
let data14 = data13.entity;
if(typeof data14 !== "string"){
const err29 = {instancePath:instancePath+"/creates/for/entity",schemaPath:"#/properties/creates/properties/for/properties/entity/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.creates.properties.for.properties.entity.type,parentSchema:schema48.properties.creates.properties.for.properties.entity,data:data14};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data13.field !== undefined){
let data15 = data13.field;
if(typeof data15 !== "string"){
const err30 = {instancePath:instancePath+"/creates/for/field",schemaPath:"#/properties/creates/properties/for/properties/field/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.creates.properties.for.properties.field.type,parentSchema:schema48.properties.creates.properties.for.properties.field,data:data15};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data13.where !== undefined){
let data16 = data13.where;
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
for(const key4 in data16){
let data17 = data16[key4];
if((((typeof data17 !== "string") && (!((typeof data17 == "number") && (isFinite(data17))))) && (typeof data17 !== "boolean")) && (data17 !== null)){
const err31 = {instancePath:instancePath+"/creates/for/where/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/creates/properties/for/properties/where/additionalProperties/type",keyword:"type",params:{type: schema48.properties.creates.properties.for.properties.where.additionalProperties.type},message:"must be string,number,boolean,null",schema:schema48.properties.creates.properties.for.properties.where.additionalProperties.type,parentSchema:schema48.properties.creates.properties.for.properties.where.additionalProperties,data:data17};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
}
else {
const err32 = {instancePath:instancePath+"/creates/for/where",schemaPath:"#/properties/creates/properties/for/properties/where/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema48.properties.creates.properties.for.properties.where.type,parentSchema:schema48.properties.creates.properties.for.properties.where,data:data16};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
else {
const err33 = {instancePath:instancePath+"/creates/for",schemaPath:"#/properties/creates/properties/for/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema48.properties.creates.properties.for.type,parentSchema:schema48.properties.creates.properties.for,data:data13};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data10.copy !== undefined){
let data18 = data10.copy;
if(data18 && typeof data18 == "object" && !Array.isArray(data18)){
for(const key5 in data18){
let data19 = data18[key5];
if(typeof data19 !== "string"){
const err34 = {instancePath:instancePath+"/creates/copy/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/creates/properties/copy/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.creates.properties.copy.additionalProperties.type,parentSchema:schema48.properties.creates.properties.copy.additionalProperties,data:data19};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
else {
const err35 = {instancePath:instancePath+"/creates/copy",schemaPath:"#/properties/creates/properties/copy/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema48.properties.creates.properties.copy.type,parentSchema:schema48.properties.creates.properties.copy,data:data18};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath:instancePath+"/creates",schemaPath:"#/properties/creates/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema48.properties.creates.type,parentSchema:schema48.properties.creates,data:data10};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
else {
const err37 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema48.type,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
validate30.errors = vErrors;
return errors === 0;
}

const schema52 = {"type":"object","additionalProperties":false,"required":["field","refuse","message"],"description":"A write that leaves the record matching `refuse` is rolled back and reported on `field` with `message`. Conditions may follow references and `$some` over reverse references (the children of a parent) and compare a path with a field of the record ({ \"batch.item\": { \"$ne\": { \"$field\": \"item\" } } }); placeholders are not allowed (a guard is about data, not about who writes). A guard whose `field` is a reference and whose every path goes through it (\"order.status\") is about the parent the record hangs on: it refuses deleting the record too.","properties":{"name":{"$ref":"#/definitions/Identifier"},"field":{"type":"string","description":"The field the refusal is reported on."},"refuse":{"$ref":"#/definitions/Conditions","description":"The state refused, e.g. { \"state.group\": \"completed\", \"children\": { \"$some\": { \"state.group\": { \"$nin\": [\"completed\", \"cancelled\"] } } } }."},"on":{"type":"array","items":{"type":"string"},"minItems":1,"description":"Fields whose change is checked (default: every create and update). A create is always checked."},"message":{"type":"string","description":"The field error, e.g. \"cannot be completed while a child item is open\"."}}};

function validate35(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.field === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "field"},message:"must have required property '"+"field"+"'",schema:schema52.required,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.refuse === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "refuse"},message:"must have required property '"+"refuse"+"'",schema:schema52.required,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.message === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "message"},message:"must have required property '"+"message"+"'",schema:schema52.required,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "name") || (key0 === "field")) || (key0 === "refuse")) || (key0 === "on")) || (key0 === "message"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) > 40){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern0.test(data0)){
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.field !== undefined){
let data1 = data.field;
if(typeof data1 !== "string"){
const err7 = {instancePath:instancePath+"/field",schemaPath:"#/properties/field/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema52.properties.field.type,parentSchema:schema52.properties.field,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.refuse !== undefined){
let data2 = data.refuse;
if(!(data2 && typeof data2 == "object" && !Array.isArray(data2))){
const err8 = {instancePath:instancePath+"/refuse",schemaPath:"#/definitions/Conditions/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema24.type,parentSchema:schema24,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.on !== undefined){
let data3 = data.on;
if(Array.isArray(data3)){
if(data3.length < 1){
const err9 = {instancePath:instancePath+"/on",schemaPath:"#/properties/on/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema52.properties.on,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
if(typeof data4 !== "string"){
const err10 = {instancePath:instancePath+"/on/" + i0,schemaPath:"#/properties/on/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema52.properties.on.items.type,parentSchema:schema52.properties.on.items,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath:instancePath+"/on",schemaPath:"#/properties/on/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema52.properties.on.type,parentSchema:schema52.properties.on,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.message !== undefined){
let data5 = data.message;
if(typeof data5 !== "string"){
const err12 = {instancePath:instancePath+"/message",schemaPath:"#/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema52.properties.message.type,parentSchema:schema52.properties.message,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema52.type,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
validate35.errors = vErrors;
return errors === 0;
}


function validate13(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema17.required,parentSchema:schema17,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.fields === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "fields"},message:"must have required property '"+"fields"+"'",schema:schema17.required,parentSchema:schema17,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema17.properties, key0))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema17,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) > 40){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!pattern0.test(data0)){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.renamedFrom !== undefined){
let data1 = data.renamedFrom;
if(typeof data1 === "string"){
if(func3(data1) > 40){
const err6 = {instancePath:instancePath+"/renamedFrom",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!pattern0.test(data1)){
const err7 = {instancePath:instancePath+"/renamedFrom",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/renamedFrom",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.label !== undefined){
let data2 = data.label;
if(typeof data2 !== "string"){
const err9 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.label.type,parentSchema:schema17.properties.label,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.pluralLabel !== undefined){
let data3 = data.pluralLabel;
if(typeof data3 !== "string"){
const err10 = {instancePath:instancePath+"/pluralLabel",schemaPath:"#/properties/pluralLabel/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.pluralLabel.type,parentSchema:schema17.properties.pluralLabel,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.translations !== undefined){
let data4 = data.translations;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key1 in data4){
const _errs14 = errors;
if(!(key1 === "bn")){
const err11 = {instancePath:instancePath+"/translations",schemaPath:"#/properties/translations/propertyNames/enum",keyword:"enum",params:{allowedValues: schema17.properties.translations.propertyNames.enum},message:"must be equal to one of the allowed values",schema:schema17.properties.translations.propertyNames.enum,parentSchema:schema17.properties.translations.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
var valid3 = _errs14 === errors;
if(!valid3){
const err12 = {instancePath:instancePath+"/translations",schemaPath:"#/properties/translations/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema17.properties.translations.propertyNames,parentSchema:schema17.properties.translations,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
for(const key2 in data4){
let data5 = data4[key2];
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
for(const key3 in data5){
if(!(func2.call(schema17.properties.translations.additionalProperties.properties, key3))){
const err13 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema17.properties.translations.additionalProperties,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data5.label !== undefined){
let data6 = data5.label;
if(typeof data6 === "string"){
if(func3(data6) < 1){
const err14 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/label",schemaPath:"#/properties/translations/additionalProperties/properties/label/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17.properties.translations.additionalProperties.properties.label,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/label",schemaPath:"#/properties/translations/additionalProperties/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.translations.additionalProperties.properties.label.type,parentSchema:schema17.properties.translations.additionalProperties.properties.label,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data5.pluralLabel !== undefined){
let data7 = data5.pluralLabel;
if(typeof data7 === "string"){
if(func3(data7) < 1){
const err16 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/pluralLabel",schemaPath:"#/properties/translations/additionalProperties/properties/pluralLabel/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17.properties.translations.additionalProperties.properties.pluralLabel,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/pluralLabel",schemaPath:"#/properties/translations/additionalProperties/properties/pluralLabel/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.translations.additionalProperties.properties.pluralLabel.type,parentSchema:schema17.properties.translations.additionalProperties.properties.pluralLabel,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data5.fields !== undefined){
let data8 = data5.fields;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
for(const key4 in data8){
let data9 = data8[key4];
if(typeof data9 === "string"){
if(func3(data9) < 1){
const err18 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/fields/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/properties/fields/additionalProperties/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17.properties.translations.additionalProperties.properties.fields.additionalProperties,data:data9};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/fields/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/properties/fields/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.translations.additionalProperties.properties.fields.additionalProperties.type,parentSchema:schema17.properties.translations.additionalProperties.properties.fields.additionalProperties,data:data9};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/fields",schemaPath:"#/properties/translations/additionalProperties/properties/fields/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.properties.translations.additionalProperties.properties.fields.type,parentSchema:schema17.properties.translations.additionalProperties.properties.fields,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data5.values !== undefined){
let data10 = data5.values;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
for(const key5 in data10){
let data11 = data10[key5];
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
for(const key6 in data11){
let data12 = data11[key6];
if(typeof data12 === "string"){
if(func3(data12) < 1){
const err21 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/values/" + key5.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/properties/values/additionalProperties/additionalProperties/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17.properties.translations.additionalProperties.properties.values.additionalProperties.additionalProperties,data:data12};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/values/" + key5.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/properties/values/additionalProperties/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.translations.additionalProperties.properties.values.additionalProperties.additionalProperties.type,parentSchema:schema17.properties.translations.additionalProperties.properties.values.additionalProperties.additionalProperties,data:data12};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/values/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/properties/values/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.properties.translations.additionalProperties.properties.values.additionalProperties.type,parentSchema:schema17.properties.translations.additionalProperties.properties.values.additionalProperties,data:data11};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/values",schemaPath:"#/properties/translations/additionalProperties/properties/values/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.properties.translations.additionalProperties.properties.values.type,parentSchema:schema17.properties.translations.additionalProperties.properties.values,data:data10};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data5.actions !== undefined){
let data13 = data5.actions;
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
for(const key7 in data13){
let data14 = data13[key7];
if(typeof data14 === "string"){
if(func3(data14) < 1){
const err25 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/actions/" + key7.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/properties/actions/additionalProperties/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17.properties.translations.additionalProperties.properties.actions.additionalProperties,data:data14};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/actions/" + key7.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/properties/actions/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.translations.additionalProperties.properties.actions.additionalProperties.type,parentSchema:schema17.properties.translations.additionalProperties.properties.actions.additionalProperties,data:data14};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
else {
const err27 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/actions",schemaPath:"#/properties/translations/additionalProperties/properties/actions/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.properties.translations.additionalProperties.properties.actions.type,parentSchema:schema17.properties.translations.additionalProperties.properties.actions,data:data13};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data5.steps !== undefined){
let data15 = data5.steps;
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
for(const key8 in data15){
let data16 = data15[key8];
if(typeof data16 === "string"){
if(func3(data16) < 1){
const err28 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/steps/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/properties/steps/additionalProperties/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17.properties.translations.additionalProperties.properties.steps.additionalProperties,data:data16};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/steps/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/properties/steps/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.translations.additionalProperties.properties.steps.additionalProperties.type,parentSchema:schema17.properties.translations.additionalProperties.properties.steps.additionalProperties,data:data16};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
else {
const err30 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/steps",schemaPath:"#/properties/translations/additionalProperties/properties/steps/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.properties.translations.additionalProperties.properties.steps.type,parentSchema:schema17.properties.translations.additionalProperties.properties.steps,data:data15};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data5.messages !== undefined){
let data17 = data5.messages;
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
for(const key9 in data17){
let data18 = data17[key9];
if(typeof data18 === "string"){
if(func3(data18) < 1){
const err31 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/messages/" + key9.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/properties/messages/additionalProperties/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17.properties.translations.additionalProperties.properties.messages.additionalProperties,data:data18};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/messages/" + key9.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/properties/messages/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.translations.additionalProperties.properties.messages.additionalProperties.type,parentSchema:schema17.properties.translations.additionalProperties.properties.messages.additionalProperties,data:data18};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
else {
const err33 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/messages",schemaPath:"#/properties/translations/additionalProperties/properties/messages/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.properties.translations.additionalProperties.properties.messages.type,parentSchema:schema17.properties.translations.additionalProperties.properties.messages,data:data17};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data5.errors !== undefined){
let data19 = data5.errors;
if(data19 && typeof data19 == "object" && !Array.isArray(data19)){
for(const key10 in data19){
let data20 = data19[key10];
if(typeof data20 === "string"){
if(func3(data20) < 1){
const err34 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/errors/" + key10.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/properties/errors/additionalProperties/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17.properties.translations.additionalProperties.properties.errors.additionalProperties,data:data20};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/errors/" + key10.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/properties/errors/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.translations.additionalProperties.properties.errors.additionalProperties.type,parentSchema:schema17.properties.translations.additionalProperties.properties.errors.additionalProperties,data:data20};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/errors",schemaPath:"#/properties/translations/additionalProperties/properties/errors/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.properties.translations.additionalProperties.properties.errors.type,parentSchema:schema17.properties.translations.additionalProperties.properties.errors,data:data19};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data5.help !== undefined){
let data21 = data5.help;
if(data21 && typeof data21 == "object" && !Array.isArray(data21)){
for(const key11 in data21){
let data22 = data21[key11];
if(typeof data22 === "string"){
if(func3(data22) < 1){
const err37 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/help/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/properties/help/additionalProperties/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema17.properties.translations.additionalProperties.properties.help.additionalProperties,data:data22};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
else {
const err38 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/help/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/properties/help/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.translations.additionalProperties.properties.help.additionalProperties.type,parentSchema:schema17.properties.translations.additionalProperties.properties.help.additionalProperties,data:data22};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
else {
const err39 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/help",schemaPath:"#/properties/translations/additionalProperties/properties/help/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.properties.translations.additionalProperties.properties.help.type,parentSchema:schema17.properties.translations.additionalProperties.properties.help,data:data21};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
else {
const err40 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.properties.translations.additionalProperties.type,parentSchema:schema17.properties.translations.additionalProperties,data:data5};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
else {
const err41 = {instancePath:instancePath+"/translations",schemaPath:"#/properties/translations/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.properties.translations.type,parentSchema:schema17.properties.translations,data:data4};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data.description !== undefined){
let data23 = data.description;
if(typeof data23 !== "string"){
const err42 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.description.type,parentSchema:schema17.properties.description,data:data23};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data.titleField !== undefined){
let data24 = data.titleField;
if(typeof data24 !== "string"){
const err43 = {instancePath:instancePath+"/titleField",schemaPath:"#/properties/titleField/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.titleField.type,parentSchema:schema17.properties.titleField,data:data24};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data.searchFields !== undefined){
let data25 = data.searchFields;
if(Array.isArray(data25)){
const len0 = data25.length;
for(let i0=0; i0<len0; i0++){
let data26 = data25[i0];
if(typeof data26 !== "string"){
const err44 = {instancePath:instancePath+"/searchFields/" + i0,schemaPath:"#/properties/searchFields/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.searchFields.items.type,parentSchema:schema17.properties.searchFields.items,data:data26};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
let i1 = data25.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data25[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err45 = {instancePath:instancePath+"/searchFields",schemaPath:"#/properties/searchFields/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema17.properties.searchFields,data:data25};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err46 = {instancePath:instancePath+"/searchFields",schemaPath:"#/properties/searchFields/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema17.properties.searchFields.type,parentSchema:schema17.properties.searchFields,data:data25};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data.moduleField !== undefined){
let data27 = data.moduleField;
if(typeof data27 === "string"){
if(!pattern0.test(data27)){
const err47 = {instancePath:instancePath+"/moduleField",schemaPath:"#/properties/moduleField/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema17.properties.moduleField,data:data27};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
else {
const err48 = {instancePath:instancePath+"/moduleField",schemaPath:"#/properties/moduleField/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.moduleField.type,parentSchema:schema17.properties.moduleField,data:data27};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data.ownedBy !== undefined){
let data28 = data.ownedBy;
if(data28 && typeof data28 == "object" && !Array.isArray(data28)){
if(data28.field === undefined){
const err49 = {instancePath:instancePath+"/ownedBy",schemaPath:"#/properties/ownedBy/required",keyword:"required",params:{missingProperty: "field"},message:"must have required property '"+"field"+"'",schema:schema17.properties.ownedBy.required,parentSchema:schema17.properties.ownedBy,data:data28};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
for(const key12 in data28){
if(!((key12 === "field") || (key12 === "sharedFlag"))){
const err50 = {instancePath:instancePath+"/ownedBy",schemaPath:"#/properties/ownedBy/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key12},message:"must NOT have additional properties",schema:false,parentSchema:schema17.properties.ownedBy,data:data28};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data28.field !== undefined){
let data29 = data28.field;
if(typeof data29 === "string"){
if(!pattern0.test(data29)){
const err51 = {instancePath:instancePath+"/ownedBy/field",schemaPath:"#/properties/ownedBy/properties/field/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema17.properties.ownedBy.properties.field,data:data29};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
else {
const err52 = {instancePath:instancePath+"/ownedBy/field",schemaPath:"#/properties/ownedBy/properties/field/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.ownedBy.properties.field.type,parentSchema:schema17.properties.ownedBy.properties.field,data:data29};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
if(data28.sharedFlag !== undefined){
let data30 = data28.sharedFlag;
if(typeof data30 === "string"){
if(!pattern0.test(data30)){
const err53 = {instancePath:instancePath+"/ownedBy/sharedFlag",schemaPath:"#/properties/ownedBy/properties/sharedFlag/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema17.properties.ownedBy.properties.sharedFlag,data:data30};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
else {
const err54 = {instancePath:instancePath+"/ownedBy/sharedFlag",schemaPath:"#/properties/ownedBy/properties/sharedFlag/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.properties.ownedBy.properties.sharedFlag.type,parentSchema:schema17.properties.ownedBy.properties.sharedFlag,data:data30};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
}
else {
const err55 = {instancePath:instancePath+"/ownedBy",schemaPath:"#/properties/ownedBy/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.properties.ownedBy.type,parentSchema:schema17.properties.ownedBy,data:data28};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data.fields !== undefined){
let data31 = data.fields;
if(Array.isArray(data31)){
if(data31.length < 1){
const err56 = {instancePath:instancePath+"/fields",schemaPath:"#/properties/fields/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema17.properties.fields,data:data31};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
const len1 = data31.length;
for(let i2=0; i2<len1; i2++){
if(!(validate14(data31[i2], {instancePath:instancePath+"/fields/" + i2,parentData:data31,parentDataProperty:i2,rootData}))){
vErrors = vErrors === null ? validate14.errors : vErrors.concat(validate14.errors);
errors = vErrors.length;
}
}
}
else {
const err57 = {instancePath:instancePath+"/fields",schemaPath:"#/properties/fields/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema17.properties.fields.type,parentSchema:schema17.properties.fields,data:data31};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
if(data.indexes !== undefined){
let data33 = data.indexes;
if(Array.isArray(data33)){
const len2 = data33.length;
for(let i3=0; i3<len2; i3++){
let data34 = data33[i3];
if(data34 && typeof data34 == "object" && !Array.isArray(data34)){
if(data34.fields === undefined){
const err58 = {instancePath:instancePath+"/indexes/" + i3,schemaPath:"#/definitions/Index/required",keyword:"required",params:{missingProperty: "fields"},message:"must have required property '"+"fields"+"'",schema:schema31.required,parentSchema:schema31,data:data34};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
for(const key13 in data34){
if(!((key13 === "fields") || (key13 === "unique"))){
const err59 = {instancePath:instancePath+"/indexes/" + i3,schemaPath:"#/definitions/Index/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key13},message:"must NOT have additional properties",schema:false,parentSchema:schema31,data:data34};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data34.fields !== undefined){
let data35 = data34.fields;
if(Array.isArray(data35)){
if(data35.length < 1){
const err60 = {instancePath:instancePath+"/indexes/" + i3+"/fields",schemaPath:"#/definitions/Index/properties/fields/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema31.properties.fields,data:data35};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
const len3 = data35.length;
for(let i4=0; i4<len3; i4++){
let data36 = data35[i4];
if(typeof data36 !== "string"){
const err61 = {instancePath:instancePath+"/indexes/" + i3+"/fields/" + i4,schemaPath:"#/definitions/Index/properties/fields/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.fields.items.type,parentSchema:schema31.properties.fields.items,data:data36};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
}
else {
const err62 = {instancePath:instancePath+"/indexes/" + i3+"/fields",schemaPath:"#/definitions/Index/properties/fields/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.fields.type,parentSchema:schema31.properties.fields,data:data35};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
if(data34.unique !== undefined){
let data37 = data34.unique;
if(typeof data37 !== "boolean"){
const err63 = {instancePath:instancePath+"/indexes/" + i3+"/unique",schemaPath:"#/definitions/Index/properties/unique/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema31.properties.unique.type,parentSchema:schema31.properties.unique,data:data37};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
}
else {
const err64 = {instancePath:instancePath+"/indexes/" + i3,schemaPath:"#/definitions/Index/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.type,parentSchema:schema31,data:data34};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
}
else {
const err65 = {instancePath:instancePath+"/indexes",schemaPath:"#/properties/indexes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema17.properties.indexes.type,parentSchema:schema17.properties.indexes,data:data33};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
if(data.list !== undefined){
let data38 = data.list;
if(data38 && typeof data38 == "object" && !Array.isArray(data38)){
for(const key14 in data38){
if(!((key14 === "columns") || (key14 === "sort"))){
const err66 = {instancePath:instancePath+"/list",schemaPath:"#/definitions/ListSettings/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key14},message:"must NOT have additional properties",schema:false,parentSchema:schema32,data:data38};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data38.columns !== undefined){
let data39 = data38.columns;
if(Array.isArray(data39)){
const len4 = data39.length;
for(let i5=0; i5<len4; i5++){
let data40 = data39[i5];
if(typeof data40 !== "string"){
const err67 = {instancePath:instancePath+"/list/columns/" + i5,schemaPath:"#/definitions/ListSettings/properties/columns/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.columns.items.type,parentSchema:schema32.properties.columns.items,data:data40};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
}
else {
const err68 = {instancePath:instancePath+"/list/columns",schemaPath:"#/definitions/ListSettings/properties/columns/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema32.properties.columns.type,parentSchema:schema32.properties.columns,data:data39};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
if(data38.sort !== undefined){
let data41 = data38.sort;
if(data41 && typeof data41 == "object" && !Array.isArray(data41)){
if(data41.field === undefined){
const err69 = {instancePath:instancePath+"/list/sort",schemaPath:"#/definitions/ListSettings/properties/sort/required",keyword:"required",params:{missingProperty: "field"},message:"must have required property '"+"field"+"'",schema:schema32.properties.sort.required,parentSchema:schema32.properties.sort,data:data41};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
for(const key15 in data41){
if(!((key15 === "field") || (key15 === "direction"))){
const err70 = {instancePath:instancePath+"/list/sort",schemaPath:"#/definitions/ListSettings/properties/sort/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key15},message:"must NOT have additional properties",schema:false,parentSchema:schema32.properties.sort,data:data41};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
if(data41.field !== undefined){
let data42 = data41.field;
if(typeof data42 !== "string"){
const err71 = {instancePath:instancePath+"/list/sort/field",schemaPath:"#/definitions/ListSettings/properties/sort/properties/field/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.sort.properties.field.type,parentSchema:schema32.properties.sort.properties.field,data:data42};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
if(data41.direction !== undefined){
let data43 = data41.direction;
if(typeof data43 !== "string"){
const err72 = {instancePath:instancePath+"/list/sort/direction",schemaPath:"#/definitions/ListSettings/properties/sort/properties/direction/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.sort.properties.direction.type,parentSchema:schema32.properties.sort.properties.direction,data:data43};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
if(!((data43 === "asc") || (data43 === "desc"))){
const err73 = {instancePath:instancePath+"/list/sort/direction",schemaPath:"#/definitions/ListSettings/properties/sort/properties/direction/enum",keyword:"enum",params:{allowedValues: schema32.properties.sort.properties.direction.enum},message:"must be equal to one of the allowed values",schema:schema32.properties.sort.properties.direction.enum,parentSchema:schema32.properties.sort.properties.direction,data:data43};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
}
else {
const err74 = {instancePath:instancePath+"/list/sort",schemaPath:"#/definitions/ListSettings/properties/sort/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.sort.type,parentSchema:schema32.properties.sort,data:data41};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
}
else {
const err75 = {instancePath:instancePath+"/list",schemaPath:"#/definitions/ListSettings/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.type,parentSchema:schema32,data:data38};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
if(data.checks !== undefined){
let data44 = data.checks;
if(Array.isArray(data44)){
const len5 = data44.length;
for(let i6=0; i6<len5; i6++){
if(!(validate20(data44[i6], {instancePath:instancePath+"/checks/" + i6,parentData:data44,parentDataProperty:i6,rootData}))){
vErrors = vErrors === null ? validate20.errors : vErrors.concat(validate20.errors);
errors = vErrors.length;
}
}
}
else {
const err76 = {instancePath:instancePath+"/checks",schemaPath:"#/properties/checks/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema17.properties.checks.type,parentSchema:schema17.properties.checks,data:data44};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
if(data.noOverlap !== undefined){
let data46 = data.noOverlap;
if(Array.isArray(data46)){
const len6 = data46.length;
for(let i7=0; i7<len6; i7++){
if(!(validate22(data46[i7], {instancePath:instancePath+"/noOverlap/" + i7,parentData:data46,parentDataProperty:i7,rootData}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
}
else {
const err77 = {instancePath:instancePath+"/noOverlap",schemaPath:"#/properties/noOverlap/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema17.properties.noOverlap.type,parentSchema:schema17.properties.noOverlap,data:data46};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
if(data.capacity !== undefined){
let data48 = data.capacity;
if(Array.isArray(data48)){
const len7 = data48.length;
for(let i8=0; i8<len7; i8++){
if(!(validate24(data48[i8], {instancePath:instancePath+"/capacity/" + i8,parentData:data48,parentDataProperty:i8,rootData}))){
vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
errors = vErrors.length;
}
}
}
else {
const err78 = {instancePath:instancePath+"/capacity",schemaPath:"#/properties/capacity/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema17.properties.capacity.type,parentSchema:schema17.properties.capacity,data:data48};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
if(data.uniqueWhen !== undefined){
let data50 = data.uniqueWhen;
if(Array.isArray(data50)){
const len8 = data50.length;
for(let i9=0; i9<len8; i9++){
if(!(validate26(data50[i9], {instancePath:instancePath+"/uniqueWhen/" + i9,parentData:data50,parentDataProperty:i9,rootData}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
}
}
else {
const err79 = {instancePath:instancePath+"/uniqueWhen",schemaPath:"#/properties/uniqueWhen/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema17.properties.uniqueWhen.type,parentSchema:schema17.properties.uniqueWhen,data:data50};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
if(data.ledger !== undefined){
let data52 = data.ledger;
if(data52 && typeof data52 == "object" && !Array.isArray(data52)){
if(data52.balance === undefined){
const err80 = {instancePath:instancePath+"/ledger",schemaPath:"#/definitions/Ledger/required",keyword:"required",params:{missingProperty: "balance"},message:"must have required property '"+"balance"+"'",schema:schema44.required,parentSchema:schema44,data:data52};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
if(data52.quantity === undefined){
const err81 = {instancePath:instancePath+"/ledger",schemaPath:"#/definitions/Ledger/required",keyword:"required",params:{missingProperty: "quantity"},message:"must have required property '"+"quantity"+"'",schema:schema44.required,parentSchema:schema44,data:data52};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
for(const key16 in data52){
if(!((((((key16 === "valuation") || (key16 === "balance")) || (key16 === "quantity")) || (key16 === "date")) || (key16 === "moves")) || (key16 === "subBalances"))){
const err82 = {instancePath:instancePath+"/ledger",schemaPath:"#/definitions/Ledger/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key16},message:"must NOT have additional properties",schema:false,parentSchema:schema44,data:data52};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
if(data52.valuation !== undefined){
let data53 = data52.valuation;
if(data53 && typeof data53 == "object" && !Array.isArray(data53)){
if(data53.method === undefined){
const err83 = {instancePath:instancePath+"/ledger/valuation",schemaPath:"#/definitions/Ledger/properties/valuation/required",keyword:"required",params:{missingProperty: "method"},message:"must have required property '"+"method"+"'",schema:schema44.properties.valuation.required,parentSchema:schema44.properties.valuation,data:data53};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
if(data53.rate === undefined){
const err84 = {instancePath:instancePath+"/ledger/valuation",schemaPath:"#/definitions/Ledger/properties/valuation/required",keyword:"required",params:{missingProperty: "rate"},message:"must have required property '"+"rate"+"'",schema:schema44.properties.valuation.required,parentSchema:schema44.properties.valuation,data:data53};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
if(data53.value === undefined){
const err85 = {instancePath:instancePath+"/ledger/valuation",schemaPath:"#/definitions/Ledger/properties/valuation/required",keyword:"required",params:{missingProperty: "value"},message:"must have required property '"+"value"+"'",schema:schema44.properties.valuation.required,parentSchema:schema44.properties.valuation,data:data53};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
for(const key17 in data53){
if(!(((((key17 === "method") || (key17 === "rate")) || (key17 === "value")) || (key17 === "incomingRate")) || (key17 === "quantityAfter"))){
const err86 = {instancePath:instancePath+"/ledger/valuation",schemaPath:"#/definitions/Ledger/properties/valuation/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key17},message:"must NOT have additional properties",schema:false,parentSchema:schema44.properties.valuation,data:data53};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
if(data53.method !== undefined){
let data54 = data53.method;
const _errs128 = errors;
let valid42 = false;
let passing0 = null;
const _errs129 = errors;
if(typeof data54 !== "string"){
const err87 = {instancePath:instancePath+"/ledger/valuation/method",schemaPath:"#/definitions/Ledger/properties/valuation/properties/method/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.valuation.properties.method.oneOf[0].type,parentSchema:schema44.properties.valuation.properties.method.oneOf[0],data:data54};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
if(!((data54 === "average") || (data54 === "fifo"))){
const err88 = {instancePath:instancePath+"/ledger/valuation/method",schemaPath:"#/definitions/Ledger/properties/valuation/properties/method/oneOf/0/enum",keyword:"enum",params:{allowedValues: schema44.properties.valuation.properties.method.oneOf[0].enum},message:"must be equal to one of the allowed values",schema:schema44.properties.valuation.properties.method.oneOf[0].enum,parentSchema:schema44.properties.valuation.properties.method.oneOf[0],data:data54};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
var _valid0 = _errs129 === errors;
if(_valid0){
valid42 = true;
passing0 = 0;
}
const _errs131 = errors;
if(data54 && typeof data54 == "object" && !Array.isArray(data54)){
if(data54.key === undefined){
const err89 = {instancePath:instancePath+"/ledger/valuation/method",schemaPath:"#/definitions/Ledger/properties/valuation/properties/method/oneOf/1/required",keyword:"required",params:{missingProperty: "key"},message:"must have required property '"+"key"+"'",schema:schema44.properties.valuation.properties.method.oneOf[1].required,parentSchema:schema44.properties.valuation.properties.method.oneOf[1],data:data54};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
if(data54.field === undefined){
const err90 = {instancePath:instancePath+"/ledger/valuation/method",schemaPath:"#/definitions/Ledger/properties/valuation/properties/method/oneOf/1/required",keyword:"required",params:{missingProperty: "field"},message:"must have required property '"+"field"+"'",schema:schema44.properties.valuation.properties.method.oneOf[1].required,parentSchema:schema44.properties.valuation.properties.method.oneOf[1],data:data54};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
if(data54.average === undefined){
const err91 = {instancePath:instancePath+"/ledger/valuation/method",schemaPath:"#/definitions/Ledger/properties/valuation/properties/method/oneOf/1/required",keyword:"required",params:{missingProperty: "average"},message:"must have required property '"+"average"+"'",schema:schema44.properties.valuation.properties.method.oneOf[1].required,parentSchema:schema44.properties.valuation.properties.method.oneOf[1],data:data54};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
if(data54.fifo === undefined){
const err92 = {instancePath:instancePath+"/ledger/valuation/method",schemaPath:"#/definitions/Ledger/properties/valuation/properties/method/oneOf/1/required",keyword:"required",params:{missingProperty: "fifo"},message:"must have required property '"+"fifo"+"'",schema:schema44.properties.valuation.properties.method.oneOf[1].required,parentSchema:schema44.properties.valuation.properties.method.oneOf[1],data:data54};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
for(const key18 in data54){
if(!((((key18 === "key") || (key18 === "field")) || (key18 === "average")) || (key18 === "fifo"))){
const err93 = {instancePath:instancePath+"/ledger/valuation/method",schemaPath:"#/definitions/Ledger/properties/valuation/properties/method/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key18},message:"must NOT have additional properties",schema:false,parentSchema:schema44.properties.valuation.properties.method.oneOf[1],data:data54};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
if(data54.key !== undefined){
let data55 = data54.key;
if(typeof data55 !== "string"){
const err94 = {instancePath:instancePath+"/ledger/valuation/method/key",schemaPath:"#/definitions/Ledger/properties/valuation/properties/method/oneOf/1/properties/key/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.valuation.properties.method.oneOf[1].properties.key.type,parentSchema:schema44.properties.valuation.properties.method.oneOf[1].properties.key,data:data55};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
if(data54.field !== undefined){
let data56 = data54.field;
if(typeof data56 !== "string"){
const err95 = {instancePath:instancePath+"/ledger/valuation/method/field",schemaPath:"#/definitions/Ledger/properties/valuation/properties/method/oneOf/1/properties/field/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.valuation.properties.method.oneOf[1].properties.field.type,parentSchema:schema44.properties.valuation.properties.method.oneOf[1].properties.field,data:data56};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
if(data54.average !== undefined){
let data57 = data54.average;
if(typeof data57 !== "string"){
const err96 = {instancePath:instancePath+"/ledger/valuation/method/average",schemaPath:"#/definitions/Ledger/properties/valuation/properties/method/oneOf/1/properties/average/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.valuation.properties.method.oneOf[1].properties.average.type,parentSchema:schema44.properties.valuation.properties.method.oneOf[1].properties.average,data:data57};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
}
if(data54.fifo !== undefined){
let data58 = data54.fifo;
if(typeof data58 !== "string"){
const err97 = {instancePath:instancePath+"/ledger/valuation/method/fifo",schemaPath:"#/definitions/Ledger/properties/valuation/properties/method/oneOf/1/properties/fifo/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.valuation.properties.method.oneOf[1].properties.fifo.type,parentSchema:schema44.properties.valuation.properties.method.oneOf[1].properties.fifo,data:data58};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
}
}
else {
const err98 = {instancePath:instancePath+"/ledger/valuation/method",schemaPath:"#/definitions/Ledger/properties/valuation/properties/method/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema44.properties.valuation.properties.method.oneOf[1].type,parentSchema:schema44.properties.valuation.properties.method.oneOf[1],data:data54};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
var _valid0 = _errs131 === errors;
if(_valid0 && valid42){
valid42 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid42 = true;
passing0 = 1;
}
}
if(!valid42){
const err99 = {instancePath:instancePath+"/ledger/valuation/method",schemaPath:"#/definitions/Ledger/properties/valuation/properties/method/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema44.properties.valuation.properties.method.oneOf,parentSchema:schema44.properties.valuation.properties.method,data:data54};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
else {
errors = _errs128;
if(vErrors !== null){
if(_errs128){
vErrors.length = _errs128;
}
else {
vErrors = null;
}
}
}
}
if(data53.rate !== undefined){
let data59 = data53.rate;
if(typeof data59 !== "string"){
const err100 = {instancePath:instancePath+"/ledger/valuation/rate",schemaPath:"#/definitions/Ledger/properties/valuation/properties/rate/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.valuation.properties.rate.type,parentSchema:schema44.properties.valuation.properties.rate,data:data59};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
}
if(data53.value !== undefined){
let data60 = data53.value;
if(typeof data60 !== "string"){
const err101 = {instancePath:instancePath+"/ledger/valuation/value",schemaPath:"#/definitions/Ledger/properties/valuation/properties/value/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.valuation.properties.value.type,parentSchema:schema44.properties.valuation.properties.value,data:data60};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
}
if(data53.incomingRate !== undefined){
let data61 = data53.incomingRate;
if(typeof data61 !== "string"){
const err102 = {instancePath:instancePath+"/ledger/valuation/incomingRate",schemaPath:"#/definitions/Ledger/properties/valuation/properties/incomingRate/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.valuation.properties.incomingRate.type,parentSchema:schema44.properties.valuation.properties.incomingRate,data:data61};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
}
if(data53.quantityAfter !== undefined){
let data62 = data53.quantityAfter;
if(typeof data62 !== "string"){
const err103 = {instancePath:instancePath+"/ledger/valuation/quantityAfter",schemaPath:"#/definitions/Ledger/properties/valuation/properties/quantityAfter/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.valuation.properties.quantityAfter.type,parentSchema:schema44.properties.valuation.properties.quantityAfter,data:data62};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
}
}
else {
const err104 = {instancePath:instancePath+"/ledger/valuation",schemaPath:"#/definitions/Ledger/properties/valuation/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema44.properties.valuation.type,parentSchema:schema44.properties.valuation,data:data53};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
}
if(data52.balance !== undefined){
let data63 = data52.balance;
if(typeof data63 !== "string"){
const err105 = {instancePath:instancePath+"/ledger/balance",schemaPath:"#/definitions/Ledger/properties/balance/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.balance.type,parentSchema:schema44.properties.balance,data:data63};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
}
if(data52.quantity !== undefined){
let data64 = data52.quantity;
if(typeof data64 !== "string"){
const err106 = {instancePath:instancePath+"/ledger/quantity",schemaPath:"#/definitions/Ledger/properties/quantity/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.quantity.type,parentSchema:schema44.properties.quantity,data:data64};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
}
if(data52.date !== undefined){
let data65 = data52.date;
if(typeof data65 !== "string"){
const err107 = {instancePath:instancePath+"/ledger/date",schemaPath:"#/definitions/Ledger/properties/date/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.date.type,parentSchema:schema44.properties.date,data:data65};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
}
if(data52.moves !== undefined){
let data66 = data52.moves;
if(typeof data66 !== "string"){
const err108 = {instancePath:instancePath+"/ledger/moves",schemaPath:"#/definitions/Ledger/properties/moves/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.moves.type,parentSchema:schema44.properties.moves,data:data66};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
}
if(data52.subBalances !== undefined){
let data67 = data52.subBalances;
if(Array.isArray(data67)){
if(data67.length < 1){
const err109 = {instancePath:instancePath+"/ledger/subBalances",schemaPath:"#/definitions/Ledger/properties/subBalances/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema44.properties.subBalances,data:data67};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
const len9 = data67.length;
for(let i10=0; i10<len9; i10++){
let data68 = data67[i10];
if(typeof data68 !== "string"){
const err110 = {instancePath:instancePath+"/ledger/subBalances/" + i10,schemaPath:"#/definitions/Ledger/properties/subBalances/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.properties.subBalances.items.type,parentSchema:schema44.properties.subBalances.items,data:data68};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
}
let i11 = data67.length;
let j1;
if(i11 > 1){
const indices1 = {};
for(;i11--;){
let item1 = data67[i11];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j1 = indices1[item1];
const err111 = {instancePath:instancePath+"/ledger/subBalances",schemaPath:"#/definitions/Ledger/properties/subBalances/uniqueItems",keyword:"uniqueItems",params:{i: i11, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i11+" are identical)",schema:true,parentSchema:schema44.properties.subBalances,data:data67};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
break;
}
indices1[item1] = i11;
}
}
}
else {
const err112 = {instancePath:instancePath+"/ledger/subBalances",schemaPath:"#/definitions/Ledger/properties/subBalances/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema44.properties.subBalances.type,parentSchema:schema44.properties.subBalances,data:data67};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
}
}
else {
const err113 = {instancePath:instancePath+"/ledger",schemaPath:"#/definitions/Ledger/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema44.type,parentSchema:schema44,data:data52};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
}
if(data.balance !== undefined){
let data69 = data.balance;
if(data69 && typeof data69 == "object" && !Array.isArray(data69)){
if(data69.keys === undefined){
const err114 = {instancePath:instancePath+"/balance",schemaPath:"#/definitions/Balance/required",keyword:"required",params:{missingProperty: "keys"},message:"must have required property '"+"keys"+"'",schema:schema45.required,parentSchema:schema45,data:data69};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
if(data69.quantity === undefined){
const err115 = {instancePath:instancePath+"/balance",schemaPath:"#/definitions/Balance/required",keyword:"required",params:{missingProperty: "quantity"},message:"must have required property '"+"quantity"+"'",schema:schema45.required,parentSchema:schema45,data:data69};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
for(const key19 in data69){
if(!((((((key19 === "valuation") || (key19 === "keys")) || (key19 === "quantity")) || (key19 === "nonNegative")) || (key19 === "refusal")) || (key19 === "negativeAllowedBy"))){
const err116 = {instancePath:instancePath+"/balance",schemaPath:"#/definitions/Balance/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key19},message:"must NOT have additional properties",schema:false,parentSchema:schema45,data:data69};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
}
if(data69.valuation !== undefined){
let data70 = data69.valuation;
if(data70 && typeof data70 == "object" && !Array.isArray(data70)){
if(data70.value === undefined){
const err117 = {instancePath:instancePath+"/balance/valuation",schemaPath:"#/definitions/Balance/properties/valuation/required",keyword:"required",params:{missingProperty: "value"},message:"must have required property '"+"value"+"'",schema:schema45.properties.valuation.required,parentSchema:schema45.properties.valuation,data:data70};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
if(data70.rate === undefined){
const err118 = {instancePath:instancePath+"/balance/valuation",schemaPath:"#/definitions/Balance/properties/valuation/required",keyword:"required",params:{missingProperty: "rate"},message:"must have required property '"+"rate"+"'",schema:schema45.properties.valuation.required,parentSchema:schema45.properties.valuation,data:data70};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
for(const key20 in data70){
if(!(((key20 === "value") || (key20 === "rate")) || (key20 === "layers"))){
const err119 = {instancePath:instancePath+"/balance/valuation",schemaPath:"#/definitions/Balance/properties/valuation/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key20},message:"must NOT have additional properties",schema:false,parentSchema:schema45.properties.valuation,data:data70};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
}
if(data70.value !== undefined){
let data71 = data70.value;
if(typeof data71 !== "string"){
const err120 = {instancePath:instancePath+"/balance/valuation/value",schemaPath:"#/definitions/Balance/properties/valuation/properties/value/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema45.properties.valuation.properties.value.type,parentSchema:schema45.properties.valuation.properties.value,data:data71};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
}
}
if(data70.rate !== undefined){
let data72 = data70.rate;
if(typeof data72 !== "string"){
const err121 = {instancePath:instancePath+"/balance/valuation/rate",schemaPath:"#/definitions/Balance/properties/valuation/properties/rate/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema45.properties.valuation.properties.rate.type,parentSchema:schema45.properties.valuation.properties.rate,data:data72};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
}
if(data70.layers !== undefined){
let data73 = data70.layers;
if(typeof data73 !== "string"){
const err122 = {instancePath:instancePath+"/balance/valuation/layers",schemaPath:"#/definitions/Balance/properties/valuation/properties/layers/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema45.properties.valuation.properties.layers.type,parentSchema:schema45.properties.valuation.properties.layers,data:data73};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
}
}
else {
const err123 = {instancePath:instancePath+"/balance/valuation",schemaPath:"#/definitions/Balance/properties/valuation/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema45.properties.valuation.type,parentSchema:schema45.properties.valuation,data:data70};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
}
if(data69.keys !== undefined){
let data74 = data69.keys;
if(Array.isArray(data74)){
if(data74.length < 1){
const err124 = {instancePath:instancePath+"/balance/keys",schemaPath:"#/definitions/Balance/properties/keys/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema45.properties.keys,data:data74};
if(vErrors === null){
vErrors = [err124];
}
else {
vErrors.push(err124);
}
errors++;
}
const len10 = data74.length;
for(let i12=0; i12<len10; i12++){
let data75 = data74[i12];
if(typeof data75 !== "string"){
const err125 = {instancePath:instancePath+"/balance/keys/" + i12,schemaPath:"#/definitions/Balance/properties/keys/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema45.properties.keys.items.type,parentSchema:schema45.properties.keys.items,data:data75};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
}
}
let i13 = data74.length;
let j2;
if(i13 > 1){
const indices2 = {};
for(;i13--;){
let item2 = data74[i13];
if(typeof item2 !== "string"){
continue;
}
if(typeof indices2[item2] == "number"){
j2 = indices2[item2];
const err126 = {instancePath:instancePath+"/balance/keys",schemaPath:"#/definitions/Balance/properties/keys/uniqueItems",keyword:"uniqueItems",params:{i: i13, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i13+" are identical)",schema:true,parentSchema:schema45.properties.keys,data:data74};
if(vErrors === null){
vErrors = [err126];
}
else {
vErrors.push(err126);
}
errors++;
break;
}
indices2[item2] = i13;
}
}
}
else {
const err127 = {instancePath:instancePath+"/balance/keys",schemaPath:"#/definitions/Balance/properties/keys/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema45.properties.keys.type,parentSchema:schema45.properties.keys,data:data74};
if(vErrors === null){
vErrors = [err127];
}
else {
vErrors.push(err127);
}
errors++;
}
}
if(data69.quantity !== undefined){
let data76 = data69.quantity;
if(typeof data76 !== "string"){
const err128 = {instancePath:instancePath+"/balance/quantity",schemaPath:"#/definitions/Balance/properties/quantity/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema45.properties.quantity.type,parentSchema:schema45.properties.quantity,data:data76};
if(vErrors === null){
vErrors = [err128];
}
else {
vErrors.push(err128);
}
errors++;
}
}
if(data69.nonNegative !== undefined){
let data77 = data69.nonNegative;
if(typeof data77 !== "boolean"){
const err129 = {instancePath:instancePath+"/balance/nonNegative",schemaPath:"#/definitions/Balance/properties/nonNegative/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema45.properties.nonNegative.type,parentSchema:schema45.properties.nonNegative,data:data77};
if(vErrors === null){
vErrors = [err129];
}
else {
vErrors.push(err129);
}
errors++;
}
}
if(data69.refusal !== undefined){
let data78 = data69.refusal;
if(typeof data78 !== "string"){
const err130 = {instancePath:instancePath+"/balance/refusal",schemaPath:"#/definitions/Balance/properties/refusal/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema45.properties.refusal.type,parentSchema:schema45.properties.refusal,data:data78};
if(vErrors === null){
vErrors = [err130];
}
else {
vErrors.push(err130);
}
errors++;
}
}
if(data69.negativeAllowedBy !== undefined){
let data79 = data69.negativeAllowedBy;
if(typeof data79 === "string"){
if(!pattern16.test(data79)){
const err131 = {instancePath:instancePath+"/balance/negativeAllowedBy",schemaPath:"#/definitions/Balance/properties/negativeAllowedBy/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*\\.[a-z][a-z0-9_]*$",parentSchema:schema45.properties.negativeAllowedBy,data:data79};
if(vErrors === null){
vErrors = [err131];
}
else {
vErrors.push(err131);
}
errors++;
}
}
else {
const err132 = {instancePath:instancePath+"/balance/negativeAllowedBy",schemaPath:"#/definitions/Balance/properties/negativeAllowedBy/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema45.properties.negativeAllowedBy.type,parentSchema:schema45.properties.negativeAllowedBy,data:data79};
if(vErrors === null){
vErrors = [err132];
}
else {
vErrors.push(err132);
}
errors++;
}
}
}
else {
const err133 = {instancePath:instancePath+"/balance",schemaPath:"#/definitions/Balance/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema45.type,parentSchema:schema45,data:data69};
if(vErrors === null){
vErrors = [err133];
}
else {
vErrors.push(err133);
}
errors++;
}
}
if(data.posting !== undefined){
if(!(validate28(data.posting, {instancePath:instancePath+"/posting",parentData:data,parentDataProperty:"posting",rootData}))){
vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
errors = vErrors.length;
}
}
if(data.run !== undefined){
if(!(validate30(data.run, {instancePath:instancePath+"/run",parentData:data,parentDataProperty:"run",rootData}))){
vErrors = vErrors === null ? validate30.errors : vErrors.concat(validate30.errors);
errors = vErrors.length;
}
}
if(data.acyclic !== undefined){
let data82 = data.acyclic;
if(data82 && typeof data82 == "object" && !Array.isArray(data82)){
for(const key21 in data82){
if(!((((key21 === "field") || (key21 === "from")) || (key21 === "to")) || (key21 === "hierarchy"))){
const err134 = {instancePath:instancePath+"/acyclic",schemaPath:"#/definitions/Acyclic/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key21},message:"must NOT have additional properties",schema:false,parentSchema:schema51,data:data82};
if(vErrors === null){
vErrors = [err134];
}
else {
vErrors.push(err134);
}
errors++;
}
}
if(data82.field !== undefined){
let data83 = data82.field;
if(typeof data83 !== "string"){
const err135 = {instancePath:instancePath+"/acyclic/field",schemaPath:"#/definitions/Acyclic/properties/field/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema51.properties.field.type,parentSchema:schema51.properties.field,data:data83};
if(vErrors === null){
vErrors = [err135];
}
else {
vErrors.push(err135);
}
errors++;
}
}
if(data82.from !== undefined){
let data84 = data82.from;
if(typeof data84 !== "string"){
const err136 = {instancePath:instancePath+"/acyclic/from",schemaPath:"#/definitions/Acyclic/properties/from/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema51.properties.from.type,parentSchema:schema51.properties.from,data:data84};
if(vErrors === null){
vErrors = [err136];
}
else {
vErrors.push(err136);
}
errors++;
}
}
if(data82.to !== undefined){
let data85 = data82.to;
if(typeof data85 !== "string"){
const err137 = {instancePath:instancePath+"/acyclic/to",schemaPath:"#/definitions/Acyclic/properties/to/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema51.properties.to.type,parentSchema:schema51.properties.to,data:data85};
if(vErrors === null){
vErrors = [err137];
}
else {
vErrors.push(err137);
}
errors++;
}
}
if(data82.hierarchy !== undefined){
let data86 = data82.hierarchy;
if(typeof data86 !== "string"){
const err138 = {instancePath:instancePath+"/acyclic/hierarchy",schemaPath:"#/definitions/Acyclic/properties/hierarchy/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema51.properties.hierarchy.type,parentSchema:schema51.properties.hierarchy,data:data86};
if(vErrors === null){
vErrors = [err138];
}
else {
vErrors.push(err138);
}
errors++;
}
}
}
else {
const err139 = {instancePath:instancePath+"/acyclic",schemaPath:"#/definitions/Acyclic/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema51.type,parentSchema:schema51,data:data82};
if(vErrors === null){
vErrors = [err139];
}
else {
vErrors.push(err139);
}
errors++;
}
}
if(data.guards !== undefined){
let data87 = data.guards;
if(Array.isArray(data87)){
const len11 = data87.length;
for(let i14=0; i14<len11; i14++){
if(!(validate35(data87[i14], {instancePath:instancePath+"/guards/" + i14,parentData:data87,parentDataProperty:i14,rootData}))){
vErrors = vErrors === null ? validate35.errors : vErrors.concat(validate35.errors);
errors = vErrors.length;
}
}
}
else {
const err140 = {instancePath:instancePath+"/guards",schemaPath:"#/properties/guards/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema17.properties.guards.type,parentSchema:schema17.properties.guards,data:data87};
if(vErrors === null){
vErrors = [err140];
}
else {
vErrors.push(err140);
}
errors++;
}
}
}
else {
const err141 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema17.type,parentSchema:schema17,data};
if(vErrors === null){
vErrors = [err141];
}
else {
vErrors.push(err141);
}
errors++;
}
validate13.errors = vErrors;
return errors === 0;
}

const schema55 = {"type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"renamedFrom":{"$ref":"#/definitions/Identifier","description":"The role's previous name in this module. migrations:generate renames the built-in role of every organization (its assignments follow: they point at the role's id) and the role in approver overrides and API clients."},"label":{"type":"string"},"translations":{"type":"object","description":"The role's label in other languages, by language code (bn): wherever the role is shown to a reader of that language (role pickers and lists, the inbox's \"waiting for\", My account); without one the label is shown in English.","propertyNames":{"enum":["bn"]},"additionalProperties":{"type":"object","additionalProperties":false,"required":["label"],"properties":{"label":{"type":"string","minLength":1}}}},"description":{"type":"string"}}};

function validate38(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema55.required,parentSchema:schema55,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "name") || (key0 === "renamedFrom")) || (key0 === "label")) || (key0 === "translations")) || (key0 === "description"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema55,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) > 40){
const err2 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!pattern0.test(data0)){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.renamedFrom !== undefined){
let data1 = data.renamedFrom;
if(typeof data1 === "string"){
if(func3(data1) > 40){
const err5 = {instancePath:instancePath+"/renamedFrom",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(!pattern0.test(data1)){
const err6 = {instancePath:instancePath+"/renamedFrom",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/renamedFrom",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.label !== undefined){
let data2 = data.label;
if(typeof data2 !== "string"){
const err8 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema55.properties.label.type,parentSchema:schema55.properties.label,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.translations !== undefined){
let data3 = data.translations;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key1 in data3){
const _errs12 = errors;
if(!(key1 === "bn")){
const err9 = {instancePath:instancePath+"/translations",schemaPath:"#/properties/translations/propertyNames/enum",keyword:"enum",params:{allowedValues: schema55.properties.translations.propertyNames.enum},message:"must be equal to one of the allowed values",schema:schema55.properties.translations.propertyNames.enum,parentSchema:schema55.properties.translations.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
var valid3 = _errs12 === errors;
if(!valid3){
const err10 = {instancePath:instancePath+"/translations",schemaPath:"#/properties/translations/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema55.properties.translations.propertyNames,parentSchema:schema55.properties.translations,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
for(const key2 in data3){
let data4 = data3[key2];
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.label === undefined){
const err11 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/required",keyword:"required",params:{missingProperty: "label"},message:"must have required property '"+"label"+"'",schema:schema55.properties.translations.additionalProperties.required,parentSchema:schema55.properties.translations.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
for(const key3 in data4){
if(!(key3 === "label")){
const err12 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema55.properties.translations.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data4.label !== undefined){
let data5 = data4.label;
if(typeof data5 === "string"){
if(func3(data5) < 1){
const err13 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/label",schemaPath:"#/properties/translations/additionalProperties/properties/label/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema55.properties.translations.additionalProperties.properties.label,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/label",schemaPath:"#/properties/translations/additionalProperties/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema55.properties.translations.additionalProperties.properties.label.type,parentSchema:schema55.properties.translations.additionalProperties.properties.label,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema55.properties.translations.additionalProperties.type,parentSchema:schema55.properties.translations.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath:instancePath+"/translations",schemaPath:"#/properties/translations/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema55.properties.translations.type,parentSchema:schema55.properties.translations,data:data3};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.description !== undefined){
let data6 = data.description;
if(typeof data6 !== "string"){
const err17 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema55.properties.description.type,parentSchema:schema55.properties.description,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema55.type,parentSchema:schema55,data};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
validate38.errors = vErrors;
return errors === 0;
}

const schema58 = {"type":"object","additionalProperties":false,"required":["action","subject"],"properties":{"action":{"oneOf":[{"$ref":"#/definitions/RuleAction"},{"type":"array","items":{"$ref":"#/definitions/RuleAction"},"minItems":1}]},"subject":{"oneOf":[{"type":"string"},{"type":"array","items":{"type":"string"},"minItems":1}],"description":"Entity name ('book', 'module.entity') or 'all'."},"conditions":{"$ref":"#/definitions/Conditions"},"fields":{"type":"array","items":{"type":"string"},"minItems":1},"inverted":{"type":"boolean"},"reason":{"type":"string"}}};
const schema59 = {"type":"string","pattern":"^(manage|create|read|update|delete|[a-z][a-z0-9_]*)$","description":"A CRUD action or the name of a custom record action declared by the module's plugin."};
const pattern21 = new RegExp("^(manage|create|read|update|delete|[a-z][a-z0-9_]*)$", "u");

function validate40(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.action === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "action"},message:"must have required property '"+"action"+"'",schema:schema58.required,parentSchema:schema58,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.subject === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "subject"},message:"must have required property '"+"subject"+"'",schema:schema58.required,parentSchema:schema58,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((((key0 === "action") || (key0 === "subject")) || (key0 === "conditions")) || (key0 === "fields")) || (key0 === "inverted")) || (key0 === "reason"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema58,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.action !== undefined){
let data0 = data.action;
const _errs3 = errors;
let valid1 = false;
let passing0 = null;
const _errs4 = errors;
if(typeof data0 === "string"){
if(!pattern21.test(data0)){
const err3 = {instancePath:instancePath+"/action",schemaPath:"#/definitions/RuleAction/pattern",keyword:"pattern",params:{pattern: "^(manage|create|read|update|delete|[a-z][a-z0-9_]*)$"},message:"must match pattern \""+"^(manage|create|read|update|delete|[a-z][a-z0-9_]*)$"+"\"",schema:"^(manage|create|read|update|delete|[a-z][a-z0-9_]*)$",parentSchema:schema59,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/action",schemaPath:"#/definitions/RuleAction/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema59.type,parentSchema:schema59,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
var _valid0 = _errs4 === errors;
if(_valid0){
valid1 = true;
passing0 = 0;
}
const _errs7 = errors;
if(Array.isArray(data0)){
if(data0.length < 1){
const err5 = {instancePath:instancePath+"/action",schemaPath:"#/properties/action/oneOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema58.properties.action.oneOf[1],data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(typeof data1 === "string"){
if(!pattern21.test(data1)){
const err6 = {instancePath:instancePath+"/action/" + i0,schemaPath:"#/definitions/RuleAction/pattern",keyword:"pattern",params:{pattern: "^(manage|create|read|update|delete|[a-z][a-z0-9_]*)$"},message:"must match pattern \""+"^(manage|create|read|update|delete|[a-z][a-z0-9_]*)$"+"\"",schema:"^(manage|create|read|update|delete|[a-z][a-z0-9_]*)$",parentSchema:schema59,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/action/" + i0,schemaPath:"#/definitions/RuleAction/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema59.type,parentSchema:schema59,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
else {
const err8 = {instancePath:instancePath+"/action",schemaPath:"#/properties/action/oneOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema58.properties.action.oneOf[1].type,parentSchema:schema58.properties.action.oneOf[1],data:data0};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
var _valid0 = _errs7 === errors;
if(_valid0 && valid1){
valid1 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid1 = true;
passing0 = 1;
}
}
if(!valid1){
const err9 = {instancePath:instancePath+"/action",schemaPath:"#/properties/action/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema58.properties.action.oneOf,parentSchema:schema58.properties.action,data:data0};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
else {
errors = _errs3;
if(vErrors !== null){
if(_errs3){
vErrors.length = _errs3;
}
else {
vErrors = null;
}
}
}
}
if(data.subject !== undefined){
let data2 = data.subject;
const _errs13 = errors;
let valid6 = false;
let passing1 = null;
const _errs14 = errors;
if(typeof data2 !== "string"){
const err10 = {instancePath:instancePath+"/subject",schemaPath:"#/properties/subject/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema58.properties.subject.oneOf[0].type,parentSchema:schema58.properties.subject.oneOf[0],data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
var _valid1 = _errs14 === errors;
if(_valid1){
valid6 = true;
passing1 = 0;
}
const _errs16 = errors;
if(Array.isArray(data2)){
if(data2.length < 1){
const err11 = {instancePath:instancePath+"/subject",schemaPath:"#/properties/subject/oneOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema58.properties.subject.oneOf[1],data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
const len1 = data2.length;
for(let i1=0; i1<len1; i1++){
let data3 = data2[i1];
if(typeof data3 !== "string"){
const err12 = {instancePath:instancePath+"/subject/" + i1,schemaPath:"#/properties/subject/oneOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema58.properties.subject.oneOf[1].items.type,parentSchema:schema58.properties.subject.oneOf[1].items,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/subject",schemaPath:"#/properties/subject/oneOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema58.properties.subject.oneOf[1].type,parentSchema:schema58.properties.subject.oneOf[1],data:data2};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
var _valid1 = _errs16 === errors;
if(_valid1 && valid6){
valid6 = false;
passing1 = [passing1, 1];
}
else {
if(_valid1){
valid6 = true;
passing1 = 1;
}
}
if(!valid6){
const err14 = {instancePath:instancePath+"/subject",schemaPath:"#/properties/subject/oneOf",keyword:"oneOf",params:{passingSchemas: passing1},message:"must match exactly one schema in oneOf",schema:schema58.properties.subject.oneOf,parentSchema:schema58.properties.subject,data:data2};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
else {
errors = _errs13;
if(vErrors !== null){
if(_errs13){
vErrors.length = _errs13;
}
else {
vErrors = null;
}
}
}
}
if(data.conditions !== undefined){
let data4 = data.conditions;
if(!(data4 && typeof data4 == "object" && !Array.isArray(data4))){
const err15 = {instancePath:instancePath+"/conditions",schemaPath:"#/definitions/Conditions/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema24.type,parentSchema:schema24,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.fields !== undefined){
let data5 = data.fields;
if(Array.isArray(data5)){
if(data5.length < 1){
const err16 = {instancePath:instancePath+"/fields",schemaPath:"#/properties/fields/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema58.properties.fields,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
const len2 = data5.length;
for(let i2=0; i2<len2; i2++){
let data6 = data5[i2];
if(typeof data6 !== "string"){
const err17 = {instancePath:instancePath+"/fields/" + i2,schemaPath:"#/properties/fields/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema58.properties.fields.items.type,parentSchema:schema58.properties.fields.items,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/fields",schemaPath:"#/properties/fields/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema58.properties.fields.type,parentSchema:schema58.properties.fields,data:data5};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.inverted !== undefined){
let data7 = data.inverted;
if(typeof data7 !== "boolean"){
const err19 = {instancePath:instancePath+"/inverted",schemaPath:"#/properties/inverted/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema58.properties.inverted.type,parentSchema:schema58.properties.inverted,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.reason !== undefined){
let data8 = data.reason;
if(typeof data8 !== "string"){
const err20 = {instancePath:instancePath+"/reason",schemaPath:"#/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema58.properties.reason.type,parentSchema:schema58.properties.reason,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema58.type,parentSchema:schema58,data};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
validate40.errors = vErrors;
return errors === 0;
}

const schema62 = {"type":"object","additionalProperties":false,"required":["type","label","entity"],"properties":{"type":{"type":"string","description":"count: a number that opens the list it counts; chart: counts or sums grouped by a field or by day/week/month of a date; table: the first records with chosen columns.","enum":["count","chart","table"]},"label":{"type":"string"},"translations":{"type":"object","description":"The card's label in other languages, by language code (bn), and a table card's progress column heading (`progress`); without one the English is shown.","propertyNames":{"enum":["bn"]},"additionalProperties":{"type":"object","additionalProperties":false,"required":["label"],"properties":{"label":{"type":"string","minLength":1},"progress":{"type":"string","minLength":1}}}},"entity":{"type":"string"},"conditions":{"$ref":"#/definitions/Conditions"},"roles":{"type":"array","description":"Show the card only to holders of one of these roles (and to those who may read the entity); without it, to everyone who may read the entity.","items":{"$ref":"#/definitions/RoleRef"},"minItems":1,"uniqueItems":true},"chart":{"type":"string","description":"chart cards: how the groups are drawn.","enum":["bar","line","pie"]},"groupBy":{"type":"string","description":"chart cards: the field the records are grouped by (an enum, reference, boolean, text or date field, or created_at), or one hop through a reference to a field of its target (\"state.group\")."},"bucket":{"type":"string","description":"chart cards grouped by a date: one group per day, ISO week or month, in the organization's time zone.","enum":["day","week","month"]},"until":{"type":"string","description":"chart cards by day: a second date field; a record counts in every day from groupBy up to (not including) this one (occupancy: check_in until check_out)."},"last":{"type":"integer","description":"chart cards with a bucket: the last N days/weeks/months up to today, empty ones shown as 0.","minimum":1,"maximum":366},"next":{"type":"integer","description":"chart cards with a bucket: N days/weeks/months from today on, empty ones shown as 0.","minimum":1,"maximum":366},"sum":{"type":"string","description":"chart cards: add up this number field per group instead of counting records."},"share":{"type":"object","description":"chart cards: each group's value is the percentage (one decimal) of its records that also meet these conditions (attendance present out of all marked: a ratio count(conditions ∧ share) / count(conditions) per group); a group with no records is 0.","additionalProperties":false,"required":["conditions"],"properties":{"conditions":{"$ref":"#/definitions/Conditions"}}},"columns":{"type":"array","description":"table cards: the fields shown (references by their title).","items":{"$ref":"#/definitions/Identifier"},"minItems":1,"maxItems":8},"sort":{"type":"object","description":"table cards: which records come first.","additionalProperties":false,"required":["field"],"properties":{"field":{"type":"string"},"direction":{"type":"string","enum":["asc","desc"]}}},"limit":{"type":"integer","description":"table cards: how many records (default 10).","minimum":1,"maximum":50},"progress":{"type":"object","description":"table cards: a bar per row, the records of `count` that point at the row (through its reference field `via`), or the sum of their number field `sum`, out of the row's number field `of` (sign-ups of a course out of its seats; hours logged on an item out of its estimate) or out of another count of the same records (`\"of\": { \"count\": true }`: a share, shown as a percentage).","additionalProperties":false,"required":["label","count","via","of"],"properties":{"label":{"type":"string"},"count":{"type":"string","description":"the entity whose records are counted"},"via":{"type":"string","description":"its reference field that points at the row's entity"},"sum":{"type":"string","description":"a number field of `count` to add up instead of counting its records"},"conditions":{"$ref":"#/definitions/Conditions"},"of":{"description":"what the count is out of: the row's number field, or `{ \"count\": true }` for the records of `count` through `via` (with their own `conditions`, none: all of them), so the bar is a share and shows a percentage (a child's sessions present out of all their sessions)","oneOf":[{"type":"string"},{"type":"object","additionalProperties":false,"required":["count"],"properties":{"count":{"const":true},"conditions":{"$ref":"#/definitions/Conditions"}}}]}}}}};
const schema64 = {"type":"string","description":"A role: one this module declares or a core role (admin) by its bare name, a role of a module in dependsOn as <module>.<role>.","pattern":"^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$","maxLength":81};
const pattern23 = new RegExp("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$", "u");

function validate42(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema62.required,parentSchema:schema62,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.label === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "label"},message:"must have required property '"+"label"+"'",schema:schema62.required,parentSchema:schema62,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.entity === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "entity"},message:"must have required property '"+"entity"+"'",schema:schema62.required,parentSchema:schema62,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema62.properties, key0))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema62,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.type !== undefined){
let data0 = data.type;
if(typeof data0 !== "string"){
const err4 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.properties.type.type,parentSchema:schema62.properties.type,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!(((data0 === "count") || (data0 === "chart")) || (data0 === "table"))){
const err5 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/enum",keyword:"enum",params:{allowedValues: schema62.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema62.properties.type.enum,parentSchema:schema62.properties.type,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.label !== undefined){
let data1 = data.label;
if(typeof data1 !== "string"){
const err6 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.properties.label.type,parentSchema:schema62.properties.label,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.translations !== undefined){
let data2 = data.translations;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key1 in data2){
const _errs8 = errors;
if(!(key1 === "bn")){
const err7 = {instancePath:instancePath+"/translations",schemaPath:"#/properties/translations/propertyNames/enum",keyword:"enum",params:{allowedValues: schema62.properties.translations.propertyNames.enum},message:"must be equal to one of the allowed values",schema:schema62.properties.translations.propertyNames.enum,parentSchema:schema62.properties.translations.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
var valid1 = _errs8 === errors;
if(!valid1){
const err8 = {instancePath:instancePath+"/translations",schemaPath:"#/properties/translations/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema62.properties.translations.propertyNames,parentSchema:schema62.properties.translations,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
for(const key2 in data2){
let data3 = data2[key2];
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.label === undefined){
const err9 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/required",keyword:"required",params:{missingProperty: "label"},message:"must have required property '"+"label"+"'",schema:schema62.properties.translations.additionalProperties.required,parentSchema:schema62.properties.translations.additionalProperties,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key3 in data3){
if(!((key3 === "label") || (key3 === "progress"))){
const err10 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema62.properties.translations.additionalProperties,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data3.label !== undefined){
let data4 = data3.label;
if(typeof data4 === "string"){
if(func3(data4) < 1){
const err11 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/label",schemaPath:"#/properties/translations/additionalProperties/properties/label/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema62.properties.translations.additionalProperties.properties.label,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/label",schemaPath:"#/properties/translations/additionalProperties/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.properties.translations.additionalProperties.properties.label.type,parentSchema:schema62.properties.translations.additionalProperties.properties.label,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data3.progress !== undefined){
let data5 = data3.progress;
if(typeof data5 === "string"){
if(func3(data5) < 1){
const err13 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/progress",schemaPath:"#/properties/translations/additionalProperties/properties/progress/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema62.properties.translations.additionalProperties.properties.progress,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/progress",schemaPath:"#/properties/translations/additionalProperties/properties/progress/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.properties.translations.additionalProperties.properties.progress.type,parentSchema:schema62.properties.translations.additionalProperties.properties.progress,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema62.properties.translations.additionalProperties.type,parentSchema:schema62.properties.translations.additionalProperties,data:data3};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath:instancePath+"/translations",schemaPath:"#/properties/translations/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema62.properties.translations.type,parentSchema:schema62.properties.translations,data:data2};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.entity !== undefined){
let data6 = data.entity;
if(typeof data6 !== "string"){
const err17 = {instancePath:instancePath+"/entity",schemaPath:"#/properties/entity/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.properties.entity.type,parentSchema:schema62.properties.entity,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.conditions !== undefined){
let data7 = data.conditions;
if(!(data7 && typeof data7 == "object" && !Array.isArray(data7))){
const err18 = {instancePath:instancePath+"/conditions",schemaPath:"#/definitions/Conditions/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema24.type,parentSchema:schema24,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.roles !== undefined){
let data8 = data.roles;
if(Array.isArray(data8)){
if(data8.length < 1){
const err19 = {instancePath:instancePath+"/roles",schemaPath:"#/properties/roles/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema62.properties.roles,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
const len0 = data8.length;
for(let i0=0; i0<len0; i0++){
let data9 = data8[i0];
if(typeof data9 === "string"){
if(func3(data9) > 81){
const err20 = {instancePath:instancePath+"/roles/" + i0,schemaPath:"#/definitions/RoleRef/maxLength",keyword:"maxLength",params:{limit: 81},message:"must NOT have more than 81 characters",schema:81,parentSchema:schema64,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(!pattern23.test(data9)){
const err21 = {instancePath:instancePath+"/roles/" + i0,schemaPath:"#/definitions/RoleRef/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$"+"\"",schema:"^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$",parentSchema:schema64,data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/roles/" + i0,schemaPath:"#/definitions/RoleRef/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema64.type,parentSchema:schema64,data:data9};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
let i1 = data8.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data8[i1], data8[j0])){
const err23 = {instancePath:instancePath+"/roles",schemaPath:"#/properties/roles/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema62.properties.roles,data:data8};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err24 = {instancePath:instancePath+"/roles",schemaPath:"#/properties/roles/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema62.properties.roles.type,parentSchema:schema62.properties.roles,data:data8};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.chart !== undefined){
let data10 = data.chart;
if(typeof data10 !== "string"){
const err25 = {instancePath:instancePath+"/chart",schemaPath:"#/properties/chart/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.properties.chart.type,parentSchema:schema62.properties.chart,data:data10};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(!(((data10 === "bar") || (data10 === "line")) || (data10 === "pie"))){
const err26 = {instancePath:instancePath+"/chart",schemaPath:"#/properties/chart/enum",keyword:"enum",params:{allowedValues: schema62.properties.chart.enum},message:"must be equal to one of the allowed values",schema:schema62.properties.chart.enum,parentSchema:schema62.properties.chart,data:data10};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data.groupBy !== undefined){
let data11 = data.groupBy;
if(typeof data11 !== "string"){
const err27 = {instancePath:instancePath+"/groupBy",schemaPath:"#/properties/groupBy/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.properties.groupBy.type,parentSchema:schema62.properties.groupBy,data:data11};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data.bucket !== undefined){
let data12 = data.bucket;
if(typeof data12 !== "string"){
const err28 = {instancePath:instancePath+"/bucket",schemaPath:"#/properties/bucket/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.properties.bucket.type,parentSchema:schema62.properties.bucket,data:data12};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(!(((data12 === "day") || (data12 === "week")) || (data12 === "month"))){
const err29 = {instancePath:instancePath+"/bucket",schemaPath:"#/properties/bucket/enum",keyword:"enum",params:{allowedValues: schema62.properties.bucket.enum},message:"must be equal to one of the allowed values",schema:schema62.properties.bucket.enum,parentSchema:schema62.properties.bucket,data:data12};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data.until !== undefined){
let data13 = data.until;
if(typeof data13 !== "string"){
const err30 = {instancePath:instancePath+"/until",schemaPath:"#/properties/until/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.properties.until.type,parentSchema:schema62.properties.until,data:data13};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.last !== undefined){
let data14 = data.last;
if(!(((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14))) && (isFinite(data14)))){
const err31 = {instancePath:instancePath+"/last",schemaPath:"#/properties/last/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema62.properties.last.type,parentSchema:schema62.properties.last,data:data14};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if((typeof data14 == "number") && (isFinite(data14))){
if(data14 > 366 || isNaN(data14)){
const err32 = {instancePath:instancePath+"/last",schemaPath:"#/properties/last/maximum",keyword:"maximum",params:{comparison: "<=", limit: 366},message:"must be <= 366",schema:366,parentSchema:schema62.properties.last,data:data14};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(data14 < 1 || isNaN(data14)){
const err33 = {instancePath:instancePath+"/last",schemaPath:"#/properties/last/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema62.properties.last,data:data14};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
if(data.next !== undefined){
let data15 = data.next;
if(!(((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15))) && (isFinite(data15)))){
const err34 = {instancePath:instancePath+"/next",schemaPath:"#/properties/next/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema62.properties.next.type,parentSchema:schema62.properties.next,data:data15};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if((typeof data15 == "number") && (isFinite(data15))){
if(data15 > 366 || isNaN(data15)){
const err35 = {instancePath:instancePath+"/next",schemaPath:"#/properties/next/maximum",keyword:"maximum",params:{comparison: "<=", limit: 366},message:"must be <= 366",schema:366,parentSchema:schema62.properties.next,data:data15};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if(data15 < 1 || isNaN(data15)){
const err36 = {instancePath:instancePath+"/next",schemaPath:"#/properties/next/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema62.properties.next,data:data15};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
if(data.sum !== undefined){
let data16 = data.sum;
if(typeof data16 !== "string"){
const err37 = {instancePath:instancePath+"/sum",schemaPath:"#/properties/sum/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.properties.sum.type,parentSchema:schema62.properties.sum,data:data16};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data.share !== undefined){
let data17 = data.share;
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
if(data17.conditions === undefined){
const err38 = {instancePath:instancePath+"/share",schemaPath:"#/properties/share/required",keyword:"required",params:{missingProperty: "conditions"},message:"must have required property '"+"conditions"+"'",schema:schema62.properties.share.required,parentSchema:schema62.properties.share,data:data17};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
for(const key4 in data17){
if(!(key4 === "conditions")){
const err39 = {instancePath:instancePath+"/share",schemaPath:"#/properties/share/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema62.properties.share,data:data17};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data17.conditions !== undefined){
let data18 = data17.conditions;
if(!(data18 && typeof data18 == "object" && !Array.isArray(data18))){
const err40 = {instancePath:instancePath+"/share/conditions",schemaPath:"#/definitions/Conditions/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema24.type,parentSchema:schema24,data:data18};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
else {
const err41 = {instancePath:instancePath+"/share",schemaPath:"#/properties/share/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema62.properties.share.type,parentSchema:schema62.properties.share,data:data17};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data.columns !== undefined){
let data19 = data.columns;
if(Array.isArray(data19)){
if(data19.length > 8){
const err42 = {instancePath:instancePath+"/columns",schemaPath:"#/properties/columns/maxItems",keyword:"maxItems",params:{limit: 8},message:"must NOT have more than 8 items",schema:8,parentSchema:schema62.properties.columns,data:data19};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
if(data19.length < 1){
const err43 = {instancePath:instancePath+"/columns",schemaPath:"#/properties/columns/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema62.properties.columns,data:data19};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
const len1 = data19.length;
for(let i2=0; i2<len1; i2++){
let data20 = data19[i2];
if(typeof data20 === "string"){
if(func3(data20) > 40){
const err44 = {instancePath:instancePath+"/columns/" + i2,schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data20};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if(!pattern0.test(data20)){
const err45 = {instancePath:instancePath+"/columns/" + i2,schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data20};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
else {
const err46 = {instancePath:instancePath+"/columns/" + i2,schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data20};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
}
else {
const err47 = {instancePath:instancePath+"/columns",schemaPath:"#/properties/columns/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema62.properties.columns.type,parentSchema:schema62.properties.columns,data:data19};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data.sort !== undefined){
let data21 = data.sort;
if(data21 && typeof data21 == "object" && !Array.isArray(data21)){
if(data21.field === undefined){
const err48 = {instancePath:instancePath+"/sort",schemaPath:"#/properties/sort/required",keyword:"required",params:{missingProperty: "field"},message:"must have required property '"+"field"+"'",schema:schema62.properties.sort.required,parentSchema:schema62.properties.sort,data:data21};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
for(const key5 in data21){
if(!((key5 === "field") || (key5 === "direction"))){
const err49 = {instancePath:instancePath+"/sort",schemaPath:"#/properties/sort/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema62.properties.sort,data:data21};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data21.field !== undefined){
let data22 = data21.field;
if(typeof data22 !== "string"){
const err50 = {instancePath:instancePath+"/sort/field",schemaPath:"#/properties/sort/properties/field/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.properties.sort.properties.field.type,parentSchema:schema62.properties.sort.properties.field,data:data22};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data21.direction !== undefined){
let data23 = data21.direction;
if(typeof data23 !== "string"){
const err51 = {instancePath:instancePath+"/sort/direction",schemaPath:"#/properties/sort/properties/direction/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.properties.sort.properties.direction.type,parentSchema:schema62.properties.sort.properties.direction,data:data23};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
if(!((data23 === "asc") || (data23 === "desc"))){
const err52 = {instancePath:instancePath+"/sort/direction",schemaPath:"#/properties/sort/properties/direction/enum",keyword:"enum",params:{allowedValues: schema62.properties.sort.properties.direction.enum},message:"must be equal to one of the allowed values",schema:schema62.properties.sort.properties.direction.enum,parentSchema:schema62.properties.sort.properties.direction,data:data23};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
}
else {
const err53 = {instancePath:instancePath+"/sort",schemaPath:"#/properties/sort/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema62.properties.sort.type,parentSchema:schema62.properties.sort,data:data21};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
if(data.limit !== undefined){
let data24 = data.limit;
if(!(((typeof data24 == "number") && (!(data24 % 1) && !isNaN(data24))) && (isFinite(data24)))){
const err54 = {instancePath:instancePath+"/limit",schemaPath:"#/properties/limit/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema62.properties.limit.type,parentSchema:schema62.properties.limit,data:data24};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
if((typeof data24 == "number") && (isFinite(data24))){
if(data24 > 50 || isNaN(data24)){
const err55 = {instancePath:instancePath+"/limit",schemaPath:"#/properties/limit/maximum",keyword:"maximum",params:{comparison: "<=", limit: 50},message:"must be <= 50",schema:50,parentSchema:schema62.properties.limit,data:data24};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if(data24 < 1 || isNaN(data24)){
const err56 = {instancePath:instancePath+"/limit",schemaPath:"#/properties/limit/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema62.properties.limit,data:data24};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
}
if(data.progress !== undefined){
let data25 = data.progress;
if(data25 && typeof data25 == "object" && !Array.isArray(data25)){
if(data25.label === undefined){
const err57 = {instancePath:instancePath+"/progress",schemaPath:"#/properties/progress/required",keyword:"required",params:{missingProperty: "label"},message:"must have required property '"+"label"+"'",schema:schema62.properties.progress.required,parentSchema:schema62.properties.progress,data:data25};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
if(data25.count === undefined){
const err58 = {instancePath:instancePath+"/progress",schemaPath:"#/properties/progress/required",keyword:"required",params:{missingProperty: "count"},message:"must have required property '"+"count"+"'",schema:schema62.properties.progress.required,parentSchema:schema62.properties.progress,data:data25};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
if(data25.via === undefined){
const err59 = {instancePath:instancePath+"/progress",schemaPath:"#/properties/progress/required",keyword:"required",params:{missingProperty: "via"},message:"must have required property '"+"via"+"'",schema:schema62.properties.progress.required,parentSchema:schema62.properties.progress,data:data25};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
if(data25.of === undefined){
const err60 = {instancePath:instancePath+"/progress",schemaPath:"#/properties/progress/required",keyword:"required",params:{missingProperty: "of"},message:"must have required property '"+"of"+"'",schema:schema62.properties.progress.required,parentSchema:schema62.properties.progress,data:data25};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
for(const key6 in data25){
if(!((((((key6 === "label") || (key6 === "count")) || (key6 === "via")) || (key6 === "sum")) || (key6 === "conditions")) || (key6 === "of"))){
const err61 = {instancePath:instancePath+"/progress",schemaPath:"#/properties/progress/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema62.properties.progress,data:data25};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
if(data25.label !== undefined){
let data26 = data25.label;
if(typeof data26 !== "string"){
const err62 = {instancePath:instancePath+"/progress/label",schemaPath:"#/properties/progress/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.properties.progress.properties.label.type,parentSchema:schema62.properties.progress.properties.label,data:data26};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
if(data25.count !== undefined){
let data27 = data25.count;
if(typeof data27 !== "string"){
const err63 = {instancePath:instancePath+"/progress/count",schemaPath:"#/properties/progress/properties/count/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.properties.progress.properties.count.type,parentSchema:schema62.properties.progress.properties.count,data:data27};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
if(data25.via !== undefined){
let data28 = data25.via;
if(typeof data28 !== "string"){
const err64 = {instancePath:instancePath+"/progress/via",schemaPath:"#/properties/progress/properties/via/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.properties.progress.properties.via.type,parentSchema:schema62.properties.progress.properties.via,data:data28};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
if(data25.sum !== undefined){
let data29 = data25.sum;
if(typeof data29 !== "string"){
const err65 = {instancePath:instancePath+"/progress/sum",schemaPath:"#/properties/progress/properties/sum/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.properties.progress.properties.sum.type,parentSchema:schema62.properties.progress.properties.sum,data:data29};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
if(data25.conditions !== undefined){
let data30 = data25.conditions;
if(!(data30 && typeof data30 == "object" && !Array.isArray(data30))){
const err66 = {instancePath:instancePath+"/progress/conditions",schemaPath:"#/definitions/Conditions/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema24.type,parentSchema:schema24,data:data30};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data25.of !== undefined){
let data31 = data25.of;
const _errs76 = errors;
let valid17 = false;
let passing0 = null;
const _errs77 = errors;
if(typeof data31 !== "string"){
const err67 = {instancePath:instancePath+"/progress/of",schemaPath:"#/properties/progress/properties/of/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema62.properties.progress.properties.of.oneOf[0].type,parentSchema:schema62.properties.progress.properties.of.oneOf[0],data:data31};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
var _valid0 = _errs77 === errors;
if(_valid0){
valid17 = true;
passing0 = 0;
}
const _errs79 = errors;
if(data31 && typeof data31 == "object" && !Array.isArray(data31)){
if(data31.count === undefined){
const err68 = {instancePath:instancePath+"/progress/of",schemaPath:"#/properties/progress/properties/of/oneOf/1/required",keyword:"required",params:{missingProperty: "count"},message:"must have required property '"+"count"+"'",schema:schema62.properties.progress.properties.of.oneOf[1].required,parentSchema:schema62.properties.progress.properties.of.oneOf[1],data:data31};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
for(const key7 in data31){
if(!((key7 === "count") || (key7 === "conditions"))){
const err69 = {instancePath:instancePath+"/progress/of",schemaPath:"#/properties/progress/properties/of/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema62.properties.progress.properties.of.oneOf[1],data:data31};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
if(data31.count !== undefined){
let data32 = data31.count;
if(true !== data32){
const err70 = {instancePath:instancePath+"/progress/of/count",schemaPath:"#/properties/progress/properties/of/oneOf/1/properties/count/const",keyword:"const",params:{allowedValue: true},message:"must be equal to constant",schema:true,parentSchema:schema62.properties.progress.properties.of.oneOf[1].properties.count,data:data32};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
if(data31.conditions !== undefined){
let data33 = data31.conditions;
if(!(data33 && typeof data33 == "object" && !Array.isArray(data33))){
const err71 = {instancePath:instancePath+"/progress/of/conditions",schemaPath:"#/definitions/Conditions/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema24.type,parentSchema:schema24,data:data33};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
}
else {
const err72 = {instancePath:instancePath+"/progress/of",schemaPath:"#/properties/progress/properties/of/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema62.properties.progress.properties.of.oneOf[1].type,parentSchema:schema62.properties.progress.properties.of.oneOf[1],data:data31};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
var _valid0 = _errs79 === errors;
if(_valid0 && valid17){
valid17 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid17 = true;
passing0 = 1;
}
}
if(!valid17){
const err73 = {instancePath:instancePath+"/progress/of",schemaPath:"#/properties/progress/properties/of/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema62.properties.progress.properties.of.oneOf,parentSchema:schema62.properties.progress.properties.of,data:data31};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
else {
errors = _errs76;
if(vErrors !== null){
if(_errs76){
vErrors.length = _errs76;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err74 = {instancePath:instancePath+"/progress",schemaPath:"#/properties/progress/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema62.properties.progress.type,parentSchema:schema62.properties.progress,data:data25};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
}
else {
const err75 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema62.type,parentSchema:schema62,data};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
validate42.errors = vErrors;
return errors === 0;
}

const schema69 = {"type":"object","additionalProperties":false,"required":["name","label","entity","groupBy","measures"],"properties":{"name":{"type":"string","pattern":"^[a-z][a-z0-9_]*$","description":"Unique within the module; the report's page and downloads are named `<module>.<name>`."},"label":{"type":"string"},"description":{"type":"string"},"translations":{"type":"object","description":"The report in other languages, by language code (bn): its title, description and column headings (by the English heading; a grouped field's heading falls back to the entity's translated field label).","propertyNames":{"enum":["bn"]},"additionalProperties":{"type":"object","additionalProperties":false,"properties":{"label":{"type":"string","minLength":1},"description":{"type":"string","minLength":1},"columns":{"type":"object","additionalProperties":{"type":"string","minLength":1}}}}},"entity":{"type":"string"},"conditions":{"$ref":"#/definitions/Conditions"},"groupBy":{"type":"array","minItems":1,"maxItems":4,"description":"The columns rows are grouped by: a field name, or a date field with `by` (day, week or month).","items":{"$ref":"#/definitions/ReportGroup"}},"measures":{"type":"array","minItems":1,"maxItems":8,"items":{"$ref":"#/definitions/ReportMeasure"}},"filters":{"type":"array","uniqueItems":true,"description":"Fields the viewer may filter the report on (an enum, reference or boolean by value; a date or number by a from/to range).","items":{"type":"string"}},"chart":{"type":"string","enum":["bar","line","pie"],"description":"Draw the first measure over the first grouping."},"roles":{"type":"array","minItems":1,"uniqueItems":true,"description":"Show the report only to holders of one of these roles (and to those who may read the entity).","items":{"$ref":"#/definitions/RoleRef"}}}};
const schema71 = {"oneOf":[{"type":"string"},{"type":"object","additionalProperties":false,"required":["field"],"properties":{"field":{"type":"string"},"by":{"type":"string","enum":["day","week","month"]},"label":{"type":"string"}}}]};
const schema72 = {"type":"object","additionalProperties":false,"minProperties":1,"description":"Exactly one of count (records), sum or avg (of a number field); `label` names the column.","properties":{"count":{"type":"boolean","const":true},"sum":{"type":"string"},"avg":{"type":"string"},"label":{"type":"string"}}};

function validate44(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema69.required,parentSchema:schema69,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.label === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "label"},message:"must have required property '"+"label"+"'",schema:schema69.required,parentSchema:schema69,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.entity === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "entity"},message:"must have required property '"+"entity"+"'",schema:schema69.required,parentSchema:schema69,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.groupBy === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "groupBy"},message:"must have required property '"+"groupBy"+"'",schema:schema69.required,parentSchema:schema69,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.measures === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "measures"},message:"must have required property '"+"measures"+"'",schema:schema69.required,parentSchema:schema69,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema69.properties, key0))){
const err5 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema69,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(!pattern0.test(data0)){
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema69.properties.name,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.properties.name.type,parentSchema:schema69.properties.name,data:data0};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.label !== undefined){
let data1 = data.label;
if(typeof data1 !== "string"){
const err8 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.properties.label.type,parentSchema:schema69.properties.label,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.description !== undefined){
let data2 = data.description;
if(typeof data2 !== "string"){
const err9 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.properties.description.type,parentSchema:schema69.properties.description,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.translations !== undefined){
let data3 = data.translations;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key1 in data3){
const _errs10 = errors;
if(!(key1 === "bn")){
const err10 = {instancePath:instancePath+"/translations",schemaPath:"#/properties/translations/propertyNames/enum",keyword:"enum",params:{allowedValues: schema69.properties.translations.propertyNames.enum},message:"must be equal to one of the allowed values",schema:schema69.properties.translations.propertyNames.enum,parentSchema:schema69.properties.translations.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
var valid1 = _errs10 === errors;
if(!valid1){
const err11 = {instancePath:instancePath+"/translations",schemaPath:"#/properties/translations/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema69.properties.translations.propertyNames,parentSchema:schema69.properties.translations,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
for(const key2 in data3){
let data4 = data3[key2];
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key3 in data4){
if(!(((key3 === "label") || (key3 === "description")) || (key3 === "columns"))){
const err12 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema69.properties.translations.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data4.label !== undefined){
let data5 = data4.label;
if(typeof data5 === "string"){
if(func3(data5) < 1){
const err13 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/label",schemaPath:"#/properties/translations/additionalProperties/properties/label/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema69.properties.translations.additionalProperties.properties.label,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/label",schemaPath:"#/properties/translations/additionalProperties/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.properties.translations.additionalProperties.properties.label.type,parentSchema:schema69.properties.translations.additionalProperties.properties.label,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data4.description !== undefined){
let data6 = data4.description;
if(typeof data6 === "string"){
if(func3(data6) < 1){
const err15 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/description",schemaPath:"#/properties/translations/additionalProperties/properties/description/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema69.properties.translations.additionalProperties.properties.description,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/description",schemaPath:"#/properties/translations/additionalProperties/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.properties.translations.additionalProperties.properties.description.type,parentSchema:schema69.properties.translations.additionalProperties.properties.description,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data4.columns !== undefined){
let data7 = data4.columns;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
for(const key4 in data7){
let data8 = data7[key4];
if(typeof data8 === "string"){
if(func3(data8) < 1){
const err17 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/columns/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/properties/columns/additionalProperties/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema69.properties.translations.additionalProperties.properties.columns.additionalProperties,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/columns/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/properties/columns/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.properties.translations.additionalProperties.properties.columns.additionalProperties.type,parentSchema:schema69.properties.translations.additionalProperties.properties.columns.additionalProperties,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/columns",schemaPath:"#/properties/translations/additionalProperties/properties/columns/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema69.properties.translations.additionalProperties.properties.columns.type,parentSchema:schema69.properties.translations.additionalProperties.properties.columns,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema69.properties.translations.additionalProperties.type,parentSchema:schema69.properties.translations.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/translations",schemaPath:"#/properties/translations/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema69.properties.translations.type,parentSchema:schema69.properties.translations,data:data3};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.entity !== undefined){
let data9 = data.entity;
if(typeof data9 !== "string"){
const err22 = {instancePath:instancePath+"/entity",schemaPath:"#/properties/entity/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.properties.entity.type,parentSchema:schema69.properties.entity,data:data9};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.conditions !== undefined){
let data10 = data.conditions;
if(!(data10 && typeof data10 == "object" && !Array.isArray(data10))){
const err23 = {instancePath:instancePath+"/conditions",schemaPath:"#/definitions/Conditions/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema24.type,parentSchema:schema24,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data.groupBy !== undefined){
let data11 = data.groupBy;
if(Array.isArray(data11)){
if(data11.length > 4){
const err24 = {instancePath:instancePath+"/groupBy",schemaPath:"#/properties/groupBy/maxItems",keyword:"maxItems",params:{limit: 4},message:"must NOT have more than 4 items",schema:4,parentSchema:schema69.properties.groupBy,data:data11};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(data11.length < 1){
const err25 = {instancePath:instancePath+"/groupBy",schemaPath:"#/properties/groupBy/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema69.properties.groupBy,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
const len0 = data11.length;
for(let i0=0; i0<len0; i0++){
let data12 = data11[i0];
const _errs33 = errors;
let valid9 = false;
let passing0 = null;
const _errs34 = errors;
if(typeof data12 !== "string"){
const err26 = {instancePath:instancePath+"/groupBy/" + i0,schemaPath:"#/definitions/ReportGroup/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.oneOf[0].type,parentSchema:schema71.oneOf[0],data:data12};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
var _valid0 = _errs34 === errors;
if(_valid0){
valid9 = true;
passing0 = 0;
}
const _errs36 = errors;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
if(data12.field === undefined){
const err27 = {instancePath:instancePath+"/groupBy/" + i0,schemaPath:"#/definitions/ReportGroup/oneOf/1/required",keyword:"required",params:{missingProperty: "field"},message:"must have required property '"+"field"+"'",schema:schema71.oneOf[1].required,parentSchema:schema71.oneOf[1],data:data12};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
for(const key5 in data12){
if(!(((key5 === "field") || (key5 === "by")) || (key5 === "label"))){
const err28 = {instancePath:instancePath+"/groupBy/" + i0,schemaPath:"#/definitions/ReportGroup/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema71.oneOf[1],data:data12};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data12.field !== undefined){
let data13 = data12.field;
if(typeof data13 !== "string"){
const err29 = {instancePath:instancePath+"/groupBy/" + i0+"/field",schemaPath:"#/definitions/ReportGroup/oneOf/1/properties/field/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.oneOf[1].properties.field.type,parentSchema:schema71.oneOf[1].properties.field,data:data13};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data12.by !== undefined){
let data14 = data12.by;
if(typeof data14 !== "string"){
const err30 = {instancePath:instancePath+"/groupBy/" + i0+"/by",schemaPath:"#/definitions/ReportGroup/oneOf/1/properties/by/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.oneOf[1].properties.by.type,parentSchema:schema71.oneOf[1].properties.by,data:data14};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(!(((data14 === "day") || (data14 === "week")) || (data14 === "month"))){
const err31 = {instancePath:instancePath+"/groupBy/" + i0+"/by",schemaPath:"#/definitions/ReportGroup/oneOf/1/properties/by/enum",keyword:"enum",params:{allowedValues: schema71.oneOf[1].properties.by.enum},message:"must be equal to one of the allowed values",schema:schema71.oneOf[1].properties.by.enum,parentSchema:schema71.oneOf[1].properties.by,data:data14};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data12.label !== undefined){
let data15 = data12.label;
if(typeof data15 !== "string"){
const err32 = {instancePath:instancePath+"/groupBy/" + i0+"/label",schemaPath:"#/definitions/ReportGroup/oneOf/1/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.oneOf[1].properties.label.type,parentSchema:schema71.oneOf[1].properties.label,data:data15};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
else {
const err33 = {instancePath:instancePath+"/groupBy/" + i0,schemaPath:"#/definitions/ReportGroup/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema71.oneOf[1].type,parentSchema:schema71.oneOf[1],data:data12};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
var _valid0 = _errs36 === errors;
if(_valid0 && valid9){
valid9 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid9 = true;
passing0 = 1;
}
}
if(!valid9){
const err34 = {instancePath:instancePath+"/groupBy/" + i0,schemaPath:"#/definitions/ReportGroup/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema71.oneOf,parentSchema:schema71,data:data12};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
else {
errors = _errs33;
if(vErrors !== null){
if(_errs33){
vErrors.length = _errs33;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err35 = {instancePath:instancePath+"/groupBy",schemaPath:"#/properties/groupBy/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema69.properties.groupBy.type,parentSchema:schema69.properties.groupBy,data:data11};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data.measures !== undefined){
let data16 = data.measures;
if(Array.isArray(data16)){
if(data16.length > 8){
const err36 = {instancePath:instancePath+"/measures",schemaPath:"#/properties/measures/maxItems",keyword:"maxItems",params:{limit: 8},message:"must NOT have more than 8 items",schema:8,parentSchema:schema69.properties.measures,data:data16};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(data16.length < 1){
const err37 = {instancePath:instancePath+"/measures",schemaPath:"#/properties/measures/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema69.properties.measures,data:data16};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
const len1 = data16.length;
for(let i1=0; i1<len1; i1++){
let data17 = data16[i1];
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
if(Object.keys(data17).length < 1){
const err38 = {instancePath:instancePath+"/measures/" + i1,schemaPath:"#/definitions/ReportMeasure/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema72,data:data17};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
for(const key6 in data17){
if(!((((key6 === "count") || (key6 === "sum")) || (key6 === "avg")) || (key6 === "label"))){
const err39 = {instancePath:instancePath+"/measures/" + i1,schemaPath:"#/definitions/ReportMeasure/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema72,data:data17};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data17.count !== undefined){
let data18 = data17.count;
if(typeof data18 !== "boolean"){
const err40 = {instancePath:instancePath+"/measures/" + i1+"/count",schemaPath:"#/definitions/ReportMeasure/properties/count/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema72.properties.count.type,parentSchema:schema72.properties.count,data:data18};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if(true !== data18){
const err41 = {instancePath:instancePath+"/measures/" + i1+"/count",schemaPath:"#/definitions/ReportMeasure/properties/count/const",keyword:"const",params:{allowedValue: true},message:"must be equal to constant",schema:true,parentSchema:schema72.properties.count,data:data18};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data17.sum !== undefined){
let data19 = data17.sum;
if(typeof data19 !== "string"){
const err42 = {instancePath:instancePath+"/measures/" + i1+"/sum",schemaPath:"#/definitions/ReportMeasure/properties/sum/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema72.properties.sum.type,parentSchema:schema72.properties.sum,data:data19};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data17.avg !== undefined){
let data20 = data17.avg;
if(typeof data20 !== "string"){
const err43 = {instancePath:instancePath+"/measures/" + i1+"/avg",schemaPath:"#/definitions/ReportMeasure/properties/avg/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema72.properties.avg.type,parentSchema:schema72.properties.avg,data:data20};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data17.label !== undefined){
let data21 = data17.label;
if(typeof data21 !== "string"){
const err44 = {instancePath:instancePath+"/measures/" + i1+"/label",schemaPath:"#/definitions/ReportMeasure/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema72.properties.label.type,parentSchema:schema72.properties.label,data:data21};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
}
else {
const err45 = {instancePath:instancePath+"/measures/" + i1,schemaPath:"#/definitions/ReportMeasure/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema72.type,parentSchema:schema72,data:data17};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
}
else {
const err46 = {instancePath:instancePath+"/measures",schemaPath:"#/properties/measures/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema69.properties.measures.type,parentSchema:schema69.properties.measures,data:data16};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data.filters !== undefined){
let data22 = data.filters;
if(Array.isArray(data22)){
const len2 = data22.length;
for(let i2=0; i2<len2; i2++){
let data23 = data22[i2];
if(typeof data23 !== "string"){
const err47 = {instancePath:instancePath+"/filters/" + i2,schemaPath:"#/properties/filters/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.properties.filters.items.type,parentSchema:schema69.properties.filters.items,data:data23};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
let i3 = data22.length;
let j0;
if(i3 > 1){
const indices0 = {};
for(;i3--;){
let item0 = data22[i3];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err48 = {instancePath:instancePath+"/filters",schemaPath:"#/properties/filters/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i3+" are identical)",schema:true,parentSchema:schema69.properties.filters,data:data22};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
break;
}
indices0[item0] = i3;
}
}
}
else {
const err49 = {instancePath:instancePath+"/filters",schemaPath:"#/properties/filters/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema69.properties.filters.type,parentSchema:schema69.properties.filters,data:data22};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data.chart !== undefined){
let data24 = data.chart;
if(typeof data24 !== "string"){
const err50 = {instancePath:instancePath+"/chart",schemaPath:"#/properties/chart/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.properties.chart.type,parentSchema:schema69.properties.chart,data:data24};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
if(!(((data24 === "bar") || (data24 === "line")) || (data24 === "pie"))){
const err51 = {instancePath:instancePath+"/chart",schemaPath:"#/properties/chart/enum",keyword:"enum",params:{allowedValues: schema69.properties.chart.enum},message:"must be equal to one of the allowed values",schema:schema69.properties.chart.enum,parentSchema:schema69.properties.chart,data:data24};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
if(data.roles !== undefined){
let data25 = data.roles;
if(Array.isArray(data25)){
if(data25.length < 1){
const err52 = {instancePath:instancePath+"/roles",schemaPath:"#/properties/roles/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema69.properties.roles,data:data25};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
const len3 = data25.length;
for(let i4=0; i4<len3; i4++){
let data26 = data25[i4];
if(typeof data26 === "string"){
if(func3(data26) > 81){
const err53 = {instancePath:instancePath+"/roles/" + i4,schemaPath:"#/definitions/RoleRef/maxLength",keyword:"maxLength",params:{limit: 81},message:"must NOT have more than 81 characters",schema:81,parentSchema:schema64,data:data26};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
if(!pattern23.test(data26)){
const err54 = {instancePath:instancePath+"/roles/" + i4,schemaPath:"#/definitions/RoleRef/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$"+"\"",schema:"^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$",parentSchema:schema64,data:data26};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
else {
const err55 = {instancePath:instancePath+"/roles/" + i4,schemaPath:"#/definitions/RoleRef/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema64.type,parentSchema:schema64,data:data26};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
let i5 = data25.length;
let j1;
if(i5 > 1){
outer0:
for(;i5--;){
for(j1 = i5; j1--;){
if(func0(data25[i5], data25[j1])){
const err56 = {instancePath:instancePath+"/roles",schemaPath:"#/properties/roles/uniqueItems",keyword:"uniqueItems",params:{i: i5, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i5+" are identical)",schema:true,parentSchema:schema69.properties.roles,data:data25};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err57 = {instancePath:instancePath+"/roles",schemaPath:"#/properties/roles/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema69.properties.roles.type,parentSchema:schema69.properties.roles,data:data25};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
}
else {
const err58 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema69.type,parentSchema:schema69,data};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
validate44.errors = vErrors;
return errors === 0;
}

const schema74 = {"type":"object","additionalProperties":false,"required":["kind","entity"],"description":"A calendar (start, end; optional lane, title, color) or a kanban board (column; optional card fields and swimlane) over one entity's records, read through the viewer's rules.","properties":{"kind":{"type":"string","enum":["calendar","kanban"]},"name":{"$ref":"#/definitions/Identifier","description":"Unique per module; default: the entity's name and the kind (reservation_calendar)."},"label":{"type":"string","maxLength":80,"description":"The screen's title and its link in the navigation; default: the entity's plural label and the kind."},"translations":{"type":"object","description":"The view in other languages, by language code (bn): its title (screen and navigation link). Only with a `label`: the default label is made from the entity's plural label.","propertyNames":{"enum":["bn"]},"additionalProperties":{"type":"object","additionalProperties":false,"required":["label"],"properties":{"label":{"type":"string","minLength":1,"maxLength":80}}}},"entity":{"type":"string","description":"The entity shown (entity, or module.entity of a module in dependsOn)."},"start":{"type":"string","description":"Calendar: the date or date-time field where a record's span begins."},"end":{"type":"string","description":"Calendar: the field (same type as start) where the span ends, exclusive; empty: open-ended. Default: start (one-day or instant records)."},"lane":{"type":"string","description":"Calendar: a reference field whose target's records are the rows of the lanes view (rooms of a tape chart)."},"title":{"type":"string","description":"Calendar: the field shown on each record (a reference shows its target's title); default: the entity's title field."},"color":{"type":"string","description":"Calendar: an enum or workflow state field whose value colours the record."},"column":{"type":"string","description":"Kanban: the field of the columns: an enum, a workflow's state field or a reference."},"card":{"type":"array","items":{"type":"string"},"maxItems":8,"uniqueItems":true,"description":"Kanban: fields shown on each card under its title, or a reverse reference (a reference's inverse, such as a work item's assignees): the referencing records by the title of their other required reference (the users' names), else by their own title; default: the list columns."},"swimlane":{"type":"string","description":"Kanban: an enum, boolean or reference field that splits the board into rows."},"scope":{"type":"string","description":"Kanban: a reference field; the page picks one of its target's records (a project) and the board shows only the records pointing at it, with the reference columns that belong to it (states whose own field of that name points at it)."}}};

function validate46(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.kind === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema74.required,parentSchema:schema74,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.entity === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "entity"},message:"must have required property '"+"entity"+"'",schema:schema74.required,parentSchema:schema74,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema74.properties, key0))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema74,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.kind !== undefined){
let data0 = data.kind;
if(typeof data0 !== "string"){
const err3 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema74.properties.kind.type,parentSchema:schema74.properties.kind,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!((data0 === "calendar") || (data0 === "kanban"))){
const err4 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/enum",keyword:"enum",params:{allowedValues: schema74.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema74.properties.kind.enum,parentSchema:schema74.properties.kind,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.name !== undefined){
let data1 = data.name;
if(typeof data1 === "string"){
if(func3(data1) > 40){
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(!pattern0.test(data1)){
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.label !== undefined){
let data2 = data.label;
if(typeof data2 === "string"){
if(func3(data2) > 80){
const err8 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/maxLength",keyword:"maxLength",params:{limit: 80},message:"must NOT have more than 80 characters",schema:80,parentSchema:schema74.properties.label,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema74.properties.label.type,parentSchema:schema74.properties.label,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.translations !== undefined){
let data3 = data.translations;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key1 in data3){
const _errs11 = errors;
if(!(key1 === "bn")){
const err10 = {instancePath:instancePath+"/translations",schemaPath:"#/properties/translations/propertyNames/enum",keyword:"enum",params:{allowedValues: schema74.properties.translations.propertyNames.enum},message:"must be equal to one of the allowed values",schema:schema74.properties.translations.propertyNames.enum,parentSchema:schema74.properties.translations.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
var valid2 = _errs11 === errors;
if(!valid2){
const err11 = {instancePath:instancePath+"/translations",schemaPath:"#/properties/translations/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema74.properties.translations.propertyNames,parentSchema:schema74.properties.translations,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
for(const key2 in data3){
let data4 = data3[key2];
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.label === undefined){
const err12 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/required",keyword:"required",params:{missingProperty: "label"},message:"must have required property '"+"label"+"'",schema:schema74.properties.translations.additionalProperties.required,parentSchema:schema74.properties.translations.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
for(const key3 in data4){
if(!(key3 === "label")){
const err13 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema74.properties.translations.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data4.label !== undefined){
let data5 = data4.label;
if(typeof data5 === "string"){
if(func3(data5) > 80){
const err14 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/label",schemaPath:"#/properties/translations/additionalProperties/properties/label/maxLength",keyword:"maxLength",params:{limit: 80},message:"must NOT have more than 80 characters",schema:80,parentSchema:schema74.properties.translations.additionalProperties.properties.label,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(func3(data5) < 1){
const err15 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/label",schemaPath:"#/properties/translations/additionalProperties/properties/label/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema74.properties.translations.additionalProperties.properties.label,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/label",schemaPath:"#/properties/translations/additionalProperties/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema74.properties.translations.additionalProperties.properties.label.type,parentSchema:schema74.properties.translations.additionalProperties.properties.label,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema74.properties.translations.additionalProperties.type,parentSchema:schema74.properties.translations.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/translations",schemaPath:"#/properties/translations/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema74.properties.translations.type,parentSchema:schema74.properties.translations,data:data3};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.entity !== undefined){
let data6 = data.entity;
if(typeof data6 !== "string"){
const err19 = {instancePath:instancePath+"/entity",schemaPath:"#/properties/entity/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema74.properties.entity.type,parentSchema:schema74.properties.entity,data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.start !== undefined){
let data7 = data.start;
if(typeof data7 !== "string"){
const err20 = {instancePath:instancePath+"/start",schemaPath:"#/properties/start/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema74.properties.start.type,parentSchema:schema74.properties.start,data:data7};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.end !== undefined){
let data8 = data.end;
if(typeof data8 !== "string"){
const err21 = {instancePath:instancePath+"/end",schemaPath:"#/properties/end/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema74.properties.end.type,parentSchema:schema74.properties.end,data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.lane !== undefined){
let data9 = data.lane;
if(typeof data9 !== "string"){
const err22 = {instancePath:instancePath+"/lane",schemaPath:"#/properties/lane/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema74.properties.lane.type,parentSchema:schema74.properties.lane,data:data9};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.title !== undefined){
let data10 = data.title;
if(typeof data10 !== "string"){
const err23 = {instancePath:instancePath+"/title",schemaPath:"#/properties/title/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema74.properties.title.type,parentSchema:schema74.properties.title,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data.color !== undefined){
let data11 = data.color;
if(typeof data11 !== "string"){
const err24 = {instancePath:instancePath+"/color",schemaPath:"#/properties/color/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema74.properties.color.type,parentSchema:schema74.properties.color,data:data11};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.column !== undefined){
let data12 = data.column;
if(typeof data12 !== "string"){
const err25 = {instancePath:instancePath+"/column",schemaPath:"#/properties/column/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema74.properties.column.type,parentSchema:schema74.properties.column,data:data12};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data.card !== undefined){
let data13 = data.card;
if(Array.isArray(data13)){
if(data13.length > 8){
const err26 = {instancePath:instancePath+"/card",schemaPath:"#/properties/card/maxItems",keyword:"maxItems",params:{limit: 8},message:"must NOT have more than 8 items",schema:8,parentSchema:schema74.properties.card,data:data13};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
const len0 = data13.length;
for(let i0=0; i0<len0; i0++){
let data14 = data13[i0];
if(typeof data14 !== "string"){
const err27 = {instancePath:instancePath+"/card/" + i0,schemaPath:"#/properties/card/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema74.properties.card.items.type,parentSchema:schema74.properties.card.items,data:data14};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
let i1 = data13.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data13[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err28 = {instancePath:instancePath+"/card",schemaPath:"#/properties/card/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema74.properties.card,data:data13};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err29 = {instancePath:instancePath+"/card",schemaPath:"#/properties/card/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema74.properties.card.type,parentSchema:schema74.properties.card,data:data13};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data.swimlane !== undefined){
let data15 = data.swimlane;
if(typeof data15 !== "string"){
const err30 = {instancePath:instancePath+"/swimlane",schemaPath:"#/properties/swimlane/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema74.properties.swimlane.type,parentSchema:schema74.properties.swimlane,data:data15};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.scope !== undefined){
let data16 = data.scope;
if(typeof data16 !== "string"){
const err31 = {instancePath:instancePath+"/scope",schemaPath:"#/properties/scope/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema74.properties.scope.type,parentSchema:schema74.properties.scope,data:data16};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
}
else {
const err32 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema74.type,parentSchema:schema74,data};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
validate46.errors = vErrors;
return errors === 0;
}

const schema76 = {"type":"object","additionalProperties":false,"required":["name","entity","fields","success"],"description":"A public form: e.g. { \"name\": \"course_signup\", \"entity\": \"course_signup\", \"fields\": [\"course\", \"name\"], \"fixed\": { \"status\": \"NEW\" }, \"references\": { \"course\": { \"where\": { \"status\": \"ACTIVE\" } } }, \"success\": \"Thank you\" }.","properties":{"name":{"$ref":"#/definitions/Identifier","description":"The form's address: /p/<org-slug>/<name>; unique across all modules."},"entity":{"$ref":"#/definitions/Identifier","description":"The entity of this module a submission creates."},"label":{"type":"string","minLength":1,"maxLength":120,"description":"The form's heading (default: the entity's label)."},"description":{"type":"string","maxLength":1000,"description":"A paragraph under the heading."},"fields":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/PublicFormField"},"description":"The fields asked, in order; each a writable field of the entity."},"fixed":{"type":"object","description":"Values set on every submission and never asked (e.g. { \"source\": \"web\" }); each checked against its field at load."},"references":{"type":"object","description":"Per asked reference field: which records the select offers (`where`, a condition on the target with placeholders such as ${now} and ${today}; a posted id outside it is refused) and, with `create`, a new target record the person may register instead of picking one.","additionalProperties":{"$ref":"#/definitions/PublicFormReference"}},"success":{"type":"string","minLength":1,"maxLength":2000,"description":"The message shown once the record is created."},"confirmationMail":{"type":"object","additionalProperties":false,"required":["to","subject","body"],"description":"A mail to the address the person gave, queued in the submission's transaction. {field} in subject and body is the value submitted (a reference: the picked record's title).","properties":{"to":{"$ref":"#/definitions/Identifier","description":"An asked email field."},"subject":{"type":"string","minLength":1,"maxLength":200},"body":{"type":"string","minLength":1,"maxLength":5000}}}}};
const schema79 = {"description":"A field the form asks: its name, or { name, required, label, help }.","oneOf":[{"$ref":"#/definitions/Identifier"},{"type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"required":{"type":"boolean","description":"Asked as required on this form even where the entity allows it empty."},"label":{"type":"string","minLength":1,"maxLength":120,"description":"The question on the form (default: the field's label)."},"help":{"type":"string","maxLength":300,"description":"A hint shown under the field."}}}]};

function validate49(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs0 = errors;
let valid0 = false;
let passing0 = null;
const _errs1 = errors;
if(typeof data === "string"){
if(func3(data) > 40){
const err0 = {instancePath,schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(!pattern0.test(data)){
const err1 = {instancePath,schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath,schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
var _valid0 = _errs1 === errors;
if(_valid0){
valid0 = true;
passing0 = 0;
}
const _errs4 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err3 = {instancePath,schemaPath:"#/oneOf/1/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema79.oneOf[1].required,parentSchema:schema79.oneOf[1],data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "name") || (key0 === "required")) || (key0 === "label")) || (key0 === "help"))){
const err4 = {instancePath,schemaPath:"#/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema79.oneOf[1],data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) > 40){
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(!pattern0.test(data0)){
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.required !== undefined){
let data1 = data.required;
if(typeof data1 !== "boolean"){
const err8 = {instancePath:instancePath+"/required",schemaPath:"#/oneOf/1/properties/required/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema79.oneOf[1].properties.required.type,parentSchema:schema79.oneOf[1].properties.required,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.label !== undefined){
let data2 = data.label;
if(typeof data2 === "string"){
if(func3(data2) > 120){
const err9 = {instancePath:instancePath+"/label",schemaPath:"#/oneOf/1/properties/label/maxLength",keyword:"maxLength",params:{limit: 120},message:"must NOT have more than 120 characters",schema:120,parentSchema:schema79.oneOf[1].properties.label,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(func3(data2) < 1){
const err10 = {instancePath:instancePath+"/label",schemaPath:"#/oneOf/1/properties/label/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema79.oneOf[1].properties.label,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/label",schemaPath:"#/oneOf/1/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema79.oneOf[1].properties.label.type,parentSchema:schema79.oneOf[1].properties.label,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.help !== undefined){
let data3 = data.help;
if(typeof data3 === "string"){
if(func3(data3) > 300){
const err12 = {instancePath:instancePath+"/help",schemaPath:"#/oneOf/1/properties/help/maxLength",keyword:"maxLength",params:{limit: 300},message:"must NOT have more than 300 characters",schema:300,parentSchema:schema79.oneOf[1].properties.help,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/help",schemaPath:"#/oneOf/1/properties/help/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema79.oneOf[1].properties.help.type,parentSchema:schema79.oneOf[1].properties.help,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath,schemaPath:"#/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema79.oneOf[1].type,parentSchema:schema79.oneOf[1],data};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
var _valid0 = _errs4 === errors;
if(_valid0 && valid0){
valid0 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid0 = true;
passing0 = 1;
}
}
if(!valid0){
const err15 = {instancePath,schemaPath:"#/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema79.oneOf,parentSchema:schema79,data};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
else {
errors = _errs0;
if(vErrors !== null){
if(_errs0){
vErrors.length = _errs0;
}
else {
vErrors = null;
}
}
}
validate49.errors = vErrors;
return errors === 0;
}

const schema82 = {"type":"object","additionalProperties":false,"properties":{"where":{"$ref":"#/definitions/Conditions","description":"The target records offered and accepted."},"create":{"type":"object","additionalProperties":false,"required":["fields"],"description":"\"Not listed? Register it\": the form also asks these fields of the target and, when the person chooses so, creates that record in the same transaction and links it.","properties":{"label":{"type":"string","minLength":1,"maxLength":120,"description":"The choice and the group's heading (default: 'Register a new <target label>')."},"fields":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/PublicFormField"}},"fixed":{"type":"object","description":"Values set on the new target record."}}}}};

function validate51(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((key0 === "where") || (key0 === "create"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema82,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.where !== undefined){
let data0 = data.where;
if(!(data0 && typeof data0 == "object" && !Array.isArray(data0))){
const err1 = {instancePath:instancePath+"/where",schemaPath:"#/definitions/Conditions/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema24.type,parentSchema:schema24,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.create !== undefined){
let data1 = data.create;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.fields === undefined){
const err2 = {instancePath:instancePath+"/create",schemaPath:"#/properties/create/required",keyword:"required",params:{missingProperty: "fields"},message:"must have required property '"+"fields"+"'",schema:schema82.properties.create.required,parentSchema:schema82.properties.create,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key1 in data1){
if(!(((key1 === "label") || (key1 === "fields")) || (key1 === "fixed"))){
const err3 = {instancePath:instancePath+"/create",schemaPath:"#/properties/create/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema82.properties.create,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data1.label !== undefined){
let data2 = data1.label;
if(typeof data2 === "string"){
if(func3(data2) > 120){
const err4 = {instancePath:instancePath+"/create/label",schemaPath:"#/properties/create/properties/label/maxLength",keyword:"maxLength",params:{limit: 120},message:"must NOT have more than 120 characters",schema:120,parentSchema:schema82.properties.create.properties.label,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(func3(data2) < 1){
const err5 = {instancePath:instancePath+"/create/label",schemaPath:"#/properties/create/properties/label/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema82.properties.create.properties.label,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/create/label",schemaPath:"#/properties/create/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema82.properties.create.properties.label.type,parentSchema:schema82.properties.create.properties.label,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data1.fields !== undefined){
let data3 = data1.fields;
if(Array.isArray(data3)){
if(data3.length < 1){
const err7 = {instancePath:instancePath+"/create/fields",schemaPath:"#/properties/create/properties/fields/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema82.properties.create.properties.fields,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
if(!(validate49(data3[i0], {instancePath:instancePath+"/create/fields/" + i0,parentData:data3,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate49.errors : vErrors.concat(validate49.errors);
errors = vErrors.length;
}
}
}
else {
const err8 = {instancePath:instancePath+"/create/fields",schemaPath:"#/properties/create/properties/fields/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema82.properties.create.properties.fields.type,parentSchema:schema82.properties.create.properties.fields,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data1.fixed !== undefined){
let data5 = data1.fixed;
if(!(data5 && typeof data5 == "object" && !Array.isArray(data5))){
const err9 = {instancePath:instancePath+"/create/fixed",schemaPath:"#/properties/create/properties/fixed/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema82.properties.create.properties.fixed.type,parentSchema:schema82.properties.create.properties.fixed,data:data5};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath:instancePath+"/create",schemaPath:"#/properties/create/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema82.properties.create.type,parentSchema:schema82.properties.create,data:data1};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema82.type,parentSchema:schema82,data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate51.errors = vErrors;
return errors === 0;
}


function validate48(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema76.required,parentSchema:schema76,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.entity === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "entity"},message:"must have required property '"+"entity"+"'",schema:schema76.required,parentSchema:schema76,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.fields === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "fields"},message:"must have required property '"+"fields"+"'",schema:schema76.required,parentSchema:schema76,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.success === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "success"},message:"must have required property '"+"success"+"'",schema:schema76.required,parentSchema:schema76,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema76.properties, key0))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema76,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) > 40){
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(!pattern0.test(data0)){
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.entity !== undefined){
let data1 = data.entity;
if(typeof data1 === "string"){
if(func3(data1) > 40){
const err8 = {instancePath:instancePath+"/entity",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!pattern0.test(data1)){
const err9 = {instancePath:instancePath+"/entity",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/entity",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.label !== undefined){
let data2 = data.label;
if(typeof data2 === "string"){
if(func3(data2) > 120){
const err11 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/maxLength",keyword:"maxLength",params:{limit: 120},message:"must NOT have more than 120 characters",schema:120,parentSchema:schema76.properties.label,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(func3(data2) < 1){
const err12 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema76.properties.label,data:data2};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema76.properties.label.type,parentSchema:schema76.properties.label,data:data2};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.description !== undefined){
let data3 = data.description;
if(typeof data3 === "string"){
if(func3(data3) > 1000){
const err14 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/maxLength",keyword:"maxLength",params:{limit: 1000},message:"must NOT have more than 1000 characters",schema:1000,parentSchema:schema76.properties.description,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema76.properties.description.type,parentSchema:schema76.properties.description,data:data3};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.fields !== undefined){
let data4 = data.fields;
if(Array.isArray(data4)){
if(data4.length < 1){
const err16 = {instancePath:instancePath+"/fields",schemaPath:"#/properties/fields/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema76.properties.fields,data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
if(!(validate49(data4[i0], {instancePath:instancePath+"/fields/" + i0,parentData:data4,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate49.errors : vErrors.concat(validate49.errors);
errors = vErrors.length;
}
}
}
else {
const err17 = {instancePath:instancePath+"/fields",schemaPath:"#/properties/fields/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema76.properties.fields.type,parentSchema:schema76.properties.fields,data:data4};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.fixed !== undefined){
let data6 = data.fixed;
if(!(data6 && typeof data6 == "object" && !Array.isArray(data6))){
const err18 = {instancePath:instancePath+"/fixed",schemaPath:"#/properties/fixed/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema76.properties.fixed.type,parentSchema:schema76.properties.fixed,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.references !== undefined){
let data7 = data.references;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
for(const key1 in data7){
if(!(validate51(data7[key1], {instancePath:instancePath+"/references/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data7,parentDataProperty:key1,rootData}))){
vErrors = vErrors === null ? validate51.errors : vErrors.concat(validate51.errors);
errors = vErrors.length;
}
}
}
else {
const err19 = {instancePath:instancePath+"/references",schemaPath:"#/properties/references/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema76.properties.references.type,parentSchema:schema76.properties.references,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.success !== undefined){
let data9 = data.success;
if(typeof data9 === "string"){
if(func3(data9) > 2000){
const err20 = {instancePath:instancePath+"/success",schemaPath:"#/properties/success/maxLength",keyword:"maxLength",params:{limit: 2000},message:"must NOT have more than 2000 characters",schema:2000,parentSchema:schema76.properties.success,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(func3(data9) < 1){
const err21 = {instancePath:instancePath+"/success",schemaPath:"#/properties/success/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema76.properties.success,data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/success",schemaPath:"#/properties/success/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema76.properties.success.type,parentSchema:schema76.properties.success,data:data9};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.confirmationMail !== undefined){
let data10 = data.confirmationMail;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(data10.to === undefined){
const err23 = {instancePath:instancePath+"/confirmationMail",schemaPath:"#/properties/confirmationMail/required",keyword:"required",params:{missingProperty: "to"},message:"must have required property '"+"to"+"'",schema:schema76.properties.confirmationMail.required,parentSchema:schema76.properties.confirmationMail,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(data10.subject === undefined){
const err24 = {instancePath:instancePath+"/confirmationMail",schemaPath:"#/properties/confirmationMail/required",keyword:"required",params:{missingProperty: "subject"},message:"must have required property '"+"subject"+"'",schema:schema76.properties.confirmationMail.required,parentSchema:schema76.properties.confirmationMail,data:data10};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(data10.body === undefined){
const err25 = {instancePath:instancePath+"/confirmationMail",schemaPath:"#/properties/confirmationMail/required",keyword:"required",params:{missingProperty: "body"},message:"must have required property '"+"body"+"'",schema:schema76.properties.confirmationMail.required,parentSchema:schema76.properties.confirmationMail,data:data10};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
for(const key2 in data10){
if(!(((key2 === "to") || (key2 === "subject")) || (key2 === "body"))){
const err26 = {instancePath:instancePath+"/confirmationMail",schemaPath:"#/properties/confirmationMail/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema76.properties.confirmationMail,data:data10};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data10.to !== undefined){
let data11 = data10.to;
if(typeof data11 === "string"){
if(func3(data11) > 40){
const err27 = {instancePath:instancePath+"/confirmationMail/to",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data11};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(!pattern0.test(data11)){
const err28 = {instancePath:instancePath+"/confirmationMail/to",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data11};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/confirmationMail/to",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data11};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data10.subject !== undefined){
let data12 = data10.subject;
if(typeof data12 === "string"){
if(func3(data12) > 200){
const err30 = {instancePath:instancePath+"/confirmationMail/subject",schemaPath:"#/properties/confirmationMail/properties/subject/maxLength",keyword:"maxLength",params:{limit: 200},message:"must NOT have more than 200 characters",schema:200,parentSchema:schema76.properties.confirmationMail.properties.subject,data:data12};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(func3(data12) < 1){
const err31 = {instancePath:instancePath+"/confirmationMail/subject",schemaPath:"#/properties/confirmationMail/properties/subject/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema76.properties.confirmationMail.properties.subject,data:data12};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/confirmationMail/subject",schemaPath:"#/properties/confirmationMail/properties/subject/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema76.properties.confirmationMail.properties.subject.type,parentSchema:schema76.properties.confirmationMail.properties.subject,data:data12};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data10.body !== undefined){
let data13 = data10.body;
if(typeof data13 === "string"){
if(func3(data13) > 5000){
const err33 = {instancePath:instancePath+"/confirmationMail/body",schemaPath:"#/properties/confirmationMail/properties/body/maxLength",keyword:"maxLength",params:{limit: 5000},message:"must NOT have more than 5000 characters",schema:5000,parentSchema:schema76.properties.confirmationMail.properties.body,data:data13};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if(func3(data13) < 1){
const err34 = {instancePath:instancePath+"/confirmationMail/body",schemaPath:"#/properties/confirmationMail/properties/body/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema76.properties.confirmationMail.properties.body,data:data13};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/confirmationMail/body",schemaPath:"#/properties/confirmationMail/properties/body/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema76.properties.confirmationMail.properties.body.type,parentSchema:schema76.properties.confirmationMail.properties.body,data:data13};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath:instancePath+"/confirmationMail",schemaPath:"#/properties/confirmationMail/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema76.properties.confirmationMail.type,parentSchema:schema76.properties.confirmationMail,data:data10};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
else {
const err37 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema76.type,parentSchema:schema76,data};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
validate48.errors = vErrors;
return errors === 0;
}

const schema85 = {"type":"object","additionalProperties":false,"required":["name","entity","version","field","initial","states","transitions"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"label":{"type":"string"},"entity":{"type":"string","description":"Entity name in this module."},"version":{"type":"integer","minimum":1,"description":"Raise it when the definition changes; requests in flight keep the version they started under."},"field":{"type":"string","description":"The enum field holding the state; never editable through the ordinary form."},"initial":{"type":"string","pattern":"^[A-Za-z][A-Za-z0-9_]*$","maxLength":40},"states":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/WorkflowState"}},"transitions":{"type":"array","items":{"$ref":"#/definitions/Transition"}}}};
const pattern34 = new RegExp("^[A-Za-z][A-Za-z0-9_]*$", "u");
const schema87 = {"type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","pattern":"^[A-Za-z][A-Za-z0-9_]*$","maxLength":40},"renamedFrom":{"type":"string","description":"The state's previous name. migrations:generate moves the records in the old state to this one and rewrites requests and events in flight, and custom roles' conditions that test it; approvals waiting finish in the new state."},"label":{"type":"string"},"color":{"$ref":"#/definitions/BadgeColor"},"editable":{"type":"boolean","description":"Whether the ordinary edit form may change a record in this state (default true)."},"editableBy":{"type":"array","items":{"$ref":"#/definitions/RoleRef"},"description":"Only these roles may edit a record in this state (implies editable)."},"terminal":{"type":"boolean","description":"No transition leaves this state."}}};

function validate56(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema87.required,parentSchema:schema87,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "name") || (key0 === "renamedFrom")) || (key0 === "label")) || (key0 === "color")) || (key0 === "editable")) || (key0 === "editableBy")) || (key0 === "terminal"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema87,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) > 40){
const err2 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema87.properties.name,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!pattern34.test(data0)){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z][A-Za-z0-9_]*$",parentSchema:schema87.properties.name,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema87.properties.name.type,parentSchema:schema87.properties.name,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.renamedFrom !== undefined){
let data1 = data.renamedFrom;
if(typeof data1 !== "string"){
const err5 = {instancePath:instancePath+"/renamedFrom",schemaPath:"#/properties/renamedFrom/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema87.properties.renamedFrom.type,parentSchema:schema87.properties.renamedFrom,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.label !== undefined){
let data2 = data.label;
if(typeof data2 !== "string"){
const err6 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema87.properties.label.type,parentSchema:schema87.properties.label,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.color !== undefined){
let data3 = data.color;
if(typeof data3 !== "string"){
const err7 = {instancePath:instancePath+"/color",schemaPath:"#/definitions/BadgeColor/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema25.type,parentSchema:schema25,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(!((((((data3 === "grey") || (data3 === "blue")) || (data3 === "green")) || (data3 === "amber")) || (data3 === "red")) || (data3 === "purple"))){
const err8 = {instancePath:instancePath+"/color",schemaPath:"#/definitions/BadgeColor/enum",keyword:"enum",params:{allowedValues: schema25.enum},message:"must be equal to one of the allowed values",schema:schema25.enum,parentSchema:schema25,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.editable !== undefined){
let data4 = data.editable;
if(typeof data4 !== "boolean"){
const err9 = {instancePath:instancePath+"/editable",schemaPath:"#/properties/editable/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema87.properties.editable.type,parentSchema:schema87.properties.editable,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.editableBy !== undefined){
let data5 = data.editableBy;
if(Array.isArray(data5)){
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
let data6 = data5[i0];
if(typeof data6 === "string"){
if(func3(data6) > 81){
const err10 = {instancePath:instancePath+"/editableBy/" + i0,schemaPath:"#/definitions/RoleRef/maxLength",keyword:"maxLength",params:{limit: 81},message:"must NOT have more than 81 characters",schema:81,parentSchema:schema64,data:data6};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(!pattern23.test(data6)){
const err11 = {instancePath:instancePath+"/editableBy/" + i0,schemaPath:"#/definitions/RoleRef/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$"+"\"",schema:"^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$",parentSchema:schema64,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/editableBy/" + i0,schemaPath:"#/definitions/RoleRef/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema64.type,parentSchema:schema64,data:data6};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/editableBy",schemaPath:"#/properties/editableBy/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema87.properties.editableBy.type,parentSchema:schema87.properties.editableBy,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.terminal !== undefined){
let data7 = data.terminal;
if(typeof data7 !== "boolean"){
const err14 = {instancePath:instancePath+"/terminal",schemaPath:"#/properties/terminal/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema87.properties.terminal.type,parentSchema:schema87.properties.terminal,data:data7};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema87.type,parentSchema:schema87,data};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
validate56.errors = vErrors;
return errors === 0;
}

const schema90 = {"type":"object","additionalProperties":false,"required":["name","from","to"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"label":{"type":"string"},"icon":{"type":"string"},"from":{"oneOf":[{"type":"string","pattern":"^[A-Za-z][A-Za-z0-9_]*$","maxLength":40},{"type":"array","minItems":1,"items":{"type":"string","pattern":"^[A-Za-z][A-Za-z0-9_]*$","maxLength":40}}]},"to":{"type":"string","pattern":"^[A-Za-z][A-Za-z0-9_]*$","maxLength":40},"by":{"$ref":"#/definitions/TransitionActors","description":"Who may start the transition (or request its approval)."},"when":{"$ref":"#/definitions/Conditions","description":"The record must match for the transition to be possible."},"whenMessage":{"type":"string","description":"What a refusal says when the record does not match `when`, e.g. \"the room must be assigned and clean, and the guest's ID recorded\". Without it the refusal names the first condition that fails (the field and the value it needs)."},"approval":{"$ref":"#/definitions/Approval"},"effects":{"$ref":"#/definitions/WorkflowEffects"}}};
const schema92 = {"type":"object","additionalProperties":false,"description":"Who may start a transition: users holding any of `roles`, the users a record points at (`relations`), and/or, with `system: true`, a named system actor (a job or a plugin acting as the system, recorded as e.g. job:<module>.<name>). The system may start a transition or request its approval, never approve or reject one, so step approvers and notify take no `system`.","properties":{"roles":{"type":"array","items":{"$ref":"#/definitions/RoleRef"},"uniqueItems":true},"relations":{"type":"array","items":{"type":"string","pattern":"^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$"},"uniqueItems":true},"system":{"type":"boolean","description":"A job or plugin running as a named system actor may take this transition through the workflow engine (default false). It does not let any user take it."}}};

function validate59(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((key0 === "roles") || (key0 === "relations")) || (key0 === "system"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema92,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.roles !== undefined){
let data0 = data.roles;
if(Array.isArray(data0)){
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(typeof data1 === "string"){
if(func3(data1) > 81){
const err1 = {instancePath:instancePath+"/roles/" + i0,schemaPath:"#/definitions/RoleRef/maxLength",keyword:"maxLength",params:{limit: 81},message:"must NOT have more than 81 characters",schema:81,parentSchema:schema64,data:data1};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!pattern23.test(data1)){
const err2 = {instancePath:instancePath+"/roles/" + i0,schemaPath:"#/definitions/RoleRef/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$"+"\"",schema:"^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$",parentSchema:schema64,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/roles/" + i0,schemaPath:"#/definitions/RoleRef/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema64.type,parentSchema:schema64,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
let i1 = data0.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data0[i1], data0[j0])){
const err4 = {instancePath:instancePath+"/roles",schemaPath:"#/properties/roles/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema92.properties.roles,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err5 = {instancePath:instancePath+"/roles",schemaPath:"#/properties/roles/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema92.properties.roles.type,parentSchema:schema92.properties.roles,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.relations !== undefined){
let data2 = data.relations;
if(Array.isArray(data2)){
const len1 = data2.length;
for(let i2=0; i2<len1; i2++){
let data3 = data2[i2];
if(typeof data3 === "string"){
if(!pattern23.test(data3)){
const err6 = {instancePath:instancePath+"/relations/" + i2,schemaPath:"#/properties/relations/items/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$"+"\"",schema:"^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$",parentSchema:schema92.properties.relations.items,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/relations/" + i2,schemaPath:"#/properties/relations/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema92.properties.relations.items.type,parentSchema:schema92.properties.relations.items,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
let i3 = data2.length;
let j1;
if(i3 > 1){
const indices0 = {};
for(;i3--;){
let item0 = data2[i3];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j1 = indices0[item0];
const err8 = {instancePath:instancePath+"/relations",schemaPath:"#/properties/relations/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)",schema:true,parentSchema:schema92.properties.relations,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
break;
}
indices0[item0] = i3;
}
}
}
else {
const err9 = {instancePath:instancePath+"/relations",schemaPath:"#/properties/relations/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema92.properties.relations.type,parentSchema:schema92.properties.relations,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.system !== undefined){
let data4 = data.system;
if(typeof data4 !== "boolean"){
const err10 = {instancePath:instancePath+"/system",schemaPath:"#/properties/system/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema92.properties.system.type,parentSchema:schema92.properties.system,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema92.type,parentSchema:schema92,data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate59.errors = vErrors;
return errors === 0;
}

const schema95 = {"type":"object","additionalProperties":false,"required":["steps"],"properties":{"open":{"type":"string","enum":["onEnter","onRequest"],"description":"onEnter: the request opens by itself when the record enters a `from` state (the one who moved it is the requester); onRequest (default): a user in `by` starts it."},"mode":{"type":"string","enum":["parallel","sequential"],"description":"parallel (default): every step may be given in any order; sequential: a step opens when the one before it is complete."},"steps":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/ApprovalStep"}},"allowSelfApproval":{"type":"boolean","description":"The requester may also give an approval (default false)."},"reject":{"type":"object","additionalProperties":false,"required":["to"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"label":{"type":"string"},"to":{"type":"string","pattern":"^[A-Za-z][A-Za-z0-9_]*$","maxLength":40}}}}};
const schema96 = {"type":"object","additionalProperties":false,"required":["name","approvers"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"label":{"type":"string"},"approvers":{"$ref":"#/definitions/Actors"},"quorum":{"description":"\"any\": one eligible user; \"all\": one distinct user per listed role (and one of the relations, if any); {\"count\": N}: N distinct eligible users.","oneOf":[{"type":"string","enum":["any","all"]},{"type":"object","additionalProperties":false,"required":["count"],"properties":{"count":{"type":"integer","minimum":1}}}]},"when":{"$ref":"#/definitions/Conditions","description":"The step applies only when the record matches (checked when the request opens)."}}};
const schema98 = {"type":"object","additionalProperties":false,"description":"Who: users holding any of `roles`, and/or the users a record points at (`relations`: a reference path to a user such as \"teacher\", \"created_by\" or \"department.head\").","properties":{"roles":{"type":"array","items":{"$ref":"#/definitions/RoleRef"},"uniqueItems":true},"relations":{"type":"array","items":{"type":"string","pattern":"^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$"},"uniqueItems":true},"where":{"$ref":"#/definitions/Conditions","description":"Record-relative people a path cannot name: the users for whom the record meets this condition, which names ${user.id} — e.g. any teacher of a course the student is enrolled in: { \"student.enrollments\": { \"$some\": { \"status\": \"ENROLLED\", \"course.teacher\": \"${user.id}\" } } }."}}};

function validate63(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((key0 === "roles") || (key0 === "relations")) || (key0 === "where"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema98,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.roles !== undefined){
let data0 = data.roles;
if(Array.isArray(data0)){
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(typeof data1 === "string"){
if(func3(data1) > 81){
const err1 = {instancePath:instancePath+"/roles/" + i0,schemaPath:"#/definitions/RoleRef/maxLength",keyword:"maxLength",params:{limit: 81},message:"must NOT have more than 81 characters",schema:81,parentSchema:schema64,data:data1};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!pattern23.test(data1)){
const err2 = {instancePath:instancePath+"/roles/" + i0,schemaPath:"#/definitions/RoleRef/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$"+"\"",schema:"^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$",parentSchema:schema64,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/roles/" + i0,schemaPath:"#/definitions/RoleRef/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema64.type,parentSchema:schema64,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
let i1 = data0.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data0[i1], data0[j0])){
const err4 = {instancePath:instancePath+"/roles",schemaPath:"#/properties/roles/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema98.properties.roles,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err5 = {instancePath:instancePath+"/roles",schemaPath:"#/properties/roles/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema98.properties.roles.type,parentSchema:schema98.properties.roles,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.relations !== undefined){
let data2 = data.relations;
if(Array.isArray(data2)){
const len1 = data2.length;
for(let i2=0; i2<len1; i2++){
let data3 = data2[i2];
if(typeof data3 === "string"){
if(!pattern23.test(data3)){
const err6 = {instancePath:instancePath+"/relations/" + i2,schemaPath:"#/properties/relations/items/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$"+"\"",schema:"^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?$",parentSchema:schema98.properties.relations.items,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/relations/" + i2,schemaPath:"#/properties/relations/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema98.properties.relations.items.type,parentSchema:schema98.properties.relations.items,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
let i3 = data2.length;
let j1;
if(i3 > 1){
const indices0 = {};
for(;i3--;){
let item0 = data2[i3];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j1 = indices0[item0];
const err8 = {instancePath:instancePath+"/relations",schemaPath:"#/properties/relations/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)",schema:true,parentSchema:schema98.properties.relations,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
break;
}
indices0[item0] = i3;
}
}
}
else {
const err9 = {instancePath:instancePath+"/relations",schemaPath:"#/properties/relations/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema98.properties.relations.type,parentSchema:schema98.properties.relations,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.where !== undefined){
let data4 = data.where;
if(!(data4 && typeof data4 == "object" && !Array.isArray(data4))){
const err10 = {instancePath:instancePath+"/where",schemaPath:"#/definitions/Conditions/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema24.type,parentSchema:schema24,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema98.type,parentSchema:schema98,data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate63.errors = vErrors;
return errors === 0;
}


function validate62(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema96.required,parentSchema:schema96,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.approvers === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "approvers"},message:"must have required property '"+"approvers"+"'",schema:schema96.required,parentSchema:schema96,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "name") || (key0 === "label")) || (key0 === "approvers")) || (key0 === "quorum")) || (key0 === "when"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema96,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) > 40){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!pattern0.test(data0)){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.label !== undefined){
let data1 = data.label;
if(typeof data1 !== "string"){
const err6 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema96.properties.label.type,parentSchema:schema96.properties.label,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.approvers !== undefined){
if(!(validate63(data.approvers, {instancePath:instancePath+"/approvers",parentData:data,parentDataProperty:"approvers",rootData}))){
vErrors = vErrors === null ? validate63.errors : vErrors.concat(validate63.errors);
errors = vErrors.length;
}
}
if(data.quorum !== undefined){
let data3 = data.quorum;
const _errs9 = errors;
let valid2 = false;
let passing0 = null;
const _errs10 = errors;
if(typeof data3 !== "string"){
const err7 = {instancePath:instancePath+"/quorum",schemaPath:"#/properties/quorum/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema96.properties.quorum.oneOf[0].type,parentSchema:schema96.properties.quorum.oneOf[0],data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(!((data3 === "any") || (data3 === "all"))){
const err8 = {instancePath:instancePath+"/quorum",schemaPath:"#/properties/quorum/oneOf/0/enum",keyword:"enum",params:{allowedValues: schema96.properties.quorum.oneOf[0].enum},message:"must be equal to one of the allowed values",schema:schema96.properties.quorum.oneOf[0].enum,parentSchema:schema96.properties.quorum.oneOf[0],data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
var _valid0 = _errs10 === errors;
if(_valid0){
valid2 = true;
passing0 = 0;
}
const _errs12 = errors;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.count === undefined){
const err9 = {instancePath:instancePath+"/quorum",schemaPath:"#/properties/quorum/oneOf/1/required",keyword:"required",params:{missingProperty: "count"},message:"must have required property '"+"count"+"'",schema:schema96.properties.quorum.oneOf[1].required,parentSchema:schema96.properties.quorum.oneOf[1],data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key1 in data3){
if(!(key1 === "count")){
const err10 = {instancePath:instancePath+"/quorum",schemaPath:"#/properties/quorum/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema96.properties.quorum.oneOf[1],data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data3.count !== undefined){
let data4 = data3.count;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err11 = {instancePath:instancePath+"/quorum/count",schemaPath:"#/properties/quorum/oneOf/1/properties/count/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema96.properties.quorum.oneOf[1].properties.count.type,parentSchema:schema96.properties.quorum.oneOf[1].properties.count,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 < 1 || isNaN(data4)){
const err12 = {instancePath:instancePath+"/quorum/count",schemaPath:"#/properties/quorum/oneOf/1/properties/count/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema96.properties.quorum.oneOf[1].properties.count,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
}
else {
const err13 = {instancePath:instancePath+"/quorum",schemaPath:"#/properties/quorum/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema96.properties.quorum.oneOf[1].type,parentSchema:schema96.properties.quorum.oneOf[1],data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
var _valid0 = _errs12 === errors;
if(_valid0 && valid2){
valid2 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid2 = true;
passing0 = 1;
}
}
if(!valid2){
const err14 = {instancePath:instancePath+"/quorum",schemaPath:"#/properties/quorum/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema96.properties.quorum.oneOf,parentSchema:schema96.properties.quorum,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
else {
errors = _errs9;
if(vErrors !== null){
if(_errs9){
vErrors.length = _errs9;
}
else {
vErrors = null;
}
}
}
}
if(data.when !== undefined){
let data5 = data.when;
if(!(data5 && typeof data5 == "object" && !Array.isArray(data5))){
const err15 = {instancePath:instancePath+"/when",schemaPath:"#/definitions/Conditions/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema24.type,parentSchema:schema24,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema96.type,parentSchema:schema96,data};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
validate62.errors = vErrors;
return errors === 0;
}


function validate61(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.steps === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "steps"},message:"must have required property '"+"steps"+"'",schema:schema95.required,parentSchema:schema95,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "open") || (key0 === "mode")) || (key0 === "steps")) || (key0 === "allowSelfApproval")) || (key0 === "reject"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema95,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.open !== undefined){
let data0 = data.open;
if(typeof data0 !== "string"){
const err2 = {instancePath:instancePath+"/open",schemaPath:"#/properties/open/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema95.properties.open.type,parentSchema:schema95.properties.open,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!((data0 === "onEnter") || (data0 === "onRequest"))){
const err3 = {instancePath:instancePath+"/open",schemaPath:"#/properties/open/enum",keyword:"enum",params:{allowedValues: schema95.properties.open.enum},message:"must be equal to one of the allowed values",schema:schema95.properties.open.enum,parentSchema:schema95.properties.open,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.mode !== undefined){
let data1 = data.mode;
if(typeof data1 !== "string"){
const err4 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema95.properties.mode.type,parentSchema:schema95.properties.mode,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!((data1 === "parallel") || (data1 === "sequential"))){
const err5 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/enum",keyword:"enum",params:{allowedValues: schema95.properties.mode.enum},message:"must be equal to one of the allowed values",schema:schema95.properties.mode.enum,parentSchema:schema95.properties.mode,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.steps !== undefined){
let data2 = data.steps;
if(Array.isArray(data2)){
if(data2.length < 1){
const err6 = {instancePath:instancePath+"/steps",schemaPath:"#/properties/steps/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema95.properties.steps,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
if(!(validate62(data2[i0], {instancePath:instancePath+"/steps/" + i0,parentData:data2,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate62.errors : vErrors.concat(validate62.errors);
errors = vErrors.length;
}
}
}
else {
const err7 = {instancePath:instancePath+"/steps",schemaPath:"#/properties/steps/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema95.properties.steps.type,parentSchema:schema95.properties.steps,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.allowSelfApproval !== undefined){
let data4 = data.allowSelfApproval;
if(typeof data4 !== "boolean"){
const err8 = {instancePath:instancePath+"/allowSelfApproval",schemaPath:"#/properties/allowSelfApproval/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema95.properties.allowSelfApproval.type,parentSchema:schema95.properties.allowSelfApproval,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.reject !== undefined){
let data5 = data.reject;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.to === undefined){
const err9 = {instancePath:instancePath+"/reject",schemaPath:"#/properties/reject/required",keyword:"required",params:{missingProperty: "to"},message:"must have required property '"+"to"+"'",schema:schema95.properties.reject.required,parentSchema:schema95.properties.reject,data:data5};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key1 in data5){
if(!(((key1 === "name") || (key1 === "label")) || (key1 === "to"))){
const err10 = {instancePath:instancePath+"/reject",schemaPath:"#/properties/reject/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema95.properties.reject,data:data5};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data5.name !== undefined){
let data6 = data5.name;
if(typeof data6 === "string"){
if(func3(data6) > 40){
const err11 = {instancePath:instancePath+"/reject/name",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(!pattern0.test(data6)){
const err12 = {instancePath:instancePath+"/reject/name",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data6};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/reject/name",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data5.label !== undefined){
let data7 = data5.label;
if(typeof data7 !== "string"){
const err14 = {instancePath:instancePath+"/reject/label",schemaPath:"#/properties/reject/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema95.properties.reject.properties.label.type,parentSchema:schema95.properties.reject.properties.label,data:data7};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data5.to !== undefined){
let data8 = data5.to;
if(typeof data8 === "string"){
if(func3(data8) > 40){
const err15 = {instancePath:instancePath+"/reject/to",schemaPath:"#/properties/reject/properties/to/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema95.properties.reject.properties.to,data:data8};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(!pattern34.test(data8)){
const err16 = {instancePath:instancePath+"/reject/to",schemaPath:"#/properties/reject/properties/to/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z][A-Za-z0-9_]*$",parentSchema:schema95.properties.reject.properties.to,data:data8};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/reject/to",schemaPath:"#/properties/reject/properties/to/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema95.properties.reject.properties.to.type,parentSchema:schema95.properties.reject.properties.to,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/reject",schemaPath:"#/properties/reject/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema95.properties.reject.type,parentSchema:schema95.properties.reject,data:data5};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema95.type,parentSchema:schema95,data};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
validate61.errors = vErrors;
return errors === 0;
}

const schema103 = {"type":"object","additionalProperties":false,"properties":{"set":{"type":"object","description":"Fields set when the transition completes; values are literals or ${now}, ${today}, ${user.id} (null when the system takes the transition).","tsType":"Record<string, unknown>"},"notify":{"$ref":"#/definitions/Actors"},"message":{"type":"string","description":"Notification text; {title}, {label} and {state} are filled in."},"hook":{"type":"string","description":"Name of a workflow hook in the module's plugin, called in the same transaction."}}};

function validate67(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((key0 === "set") || (key0 === "notify")) || (key0 === "message")) || (key0 === "hook"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema103,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.set !== undefined){
let data0 = data.set;
if(!(data0 && typeof data0 == "object" && !Array.isArray(data0))){
const err1 = {instancePath:instancePath+"/set",schemaPath:"#/properties/set/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema103.properties.set.type,parentSchema:schema103.properties.set,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.notify !== undefined){
if(!(validate63(data.notify, {instancePath:instancePath+"/notify",parentData:data,parentDataProperty:"notify",rootData}))){
vErrors = vErrors === null ? validate63.errors : vErrors.concat(validate63.errors);
errors = vErrors.length;
}
}
if(data.message !== undefined){
let data2 = data.message;
if(typeof data2 !== "string"){
const err2 = {instancePath:instancePath+"/message",schemaPath:"#/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema103.properties.message.type,parentSchema:schema103.properties.message,data:data2};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.hook !== undefined){
let data3 = data.hook;
if(typeof data3 !== "string"){
const err3 = {instancePath:instancePath+"/hook",schemaPath:"#/properties/hook/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema103.properties.hook.type,parentSchema:schema103.properties.hook,data:data3};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
else {
const err4 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema103.type,parentSchema:schema103,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
validate67.errors = vErrors;
return errors === 0;
}


function validate58(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema90.required,parentSchema:schema90,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.from === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "from"},message:"must have required property '"+"from"+"'",schema:schema90.required,parentSchema:schema90,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.to === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "to"},message:"must have required property '"+"to"+"'",schema:schema90.required,parentSchema:schema90,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema90.properties, key0))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema90,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) > 40){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern0.test(data0)){
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.label !== undefined){
let data1 = data.label;
if(typeof data1 !== "string"){
const err7 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema90.properties.label.type,parentSchema:schema90.properties.label,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.icon !== undefined){
let data2 = data.icon;
if(typeof data2 !== "string"){
const err8 = {instancePath:instancePath+"/icon",schemaPath:"#/properties/icon/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema90.properties.icon.type,parentSchema:schema90.properties.icon,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.from !== undefined){
let data3 = data.from;
const _errs10 = errors;
let valid2 = false;
let passing0 = null;
const _errs11 = errors;
if(typeof data3 === "string"){
if(func3(data3) > 40){
const err9 = {instancePath:instancePath+"/from",schemaPath:"#/properties/from/oneOf/0/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema90.properties.from.oneOf[0],data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(!pattern34.test(data3)){
const err10 = {instancePath:instancePath+"/from",schemaPath:"#/properties/from/oneOf/0/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z][A-Za-z0-9_]*$",parentSchema:schema90.properties.from.oneOf[0],data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/from",schemaPath:"#/properties/from/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema90.properties.from.oneOf[0].type,parentSchema:schema90.properties.from.oneOf[0],data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
var _valid0 = _errs11 === errors;
if(_valid0){
valid2 = true;
passing0 = 0;
}
const _errs13 = errors;
if(Array.isArray(data3)){
if(data3.length < 1){
const err12 = {instancePath:instancePath+"/from",schemaPath:"#/properties/from/oneOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema90.properties.from.oneOf[1],data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
if(typeof data4 === "string"){
if(func3(data4) > 40){
const err13 = {instancePath:instancePath+"/from/" + i0,schemaPath:"#/properties/from/oneOf/1/items/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema90.properties.from.oneOf[1].items,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!pattern34.test(data4)){
const err14 = {instancePath:instancePath+"/from/" + i0,schemaPath:"#/properties/from/oneOf/1/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z][A-Za-z0-9_]*$",parentSchema:schema90.properties.from.oneOf[1].items,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/from/" + i0,schemaPath:"#/properties/from/oneOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema90.properties.from.oneOf[1].items.type,parentSchema:schema90.properties.from.oneOf[1].items,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath:instancePath+"/from",schemaPath:"#/properties/from/oneOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema90.properties.from.oneOf[1].type,parentSchema:schema90.properties.from.oneOf[1],data:data3};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
var _valid0 = _errs13 === errors;
if(_valid0 && valid2){
valid2 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid2 = true;
passing0 = 1;
}
}
if(!valid2){
const err17 = {instancePath:instancePath+"/from",schemaPath:"#/properties/from/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema90.properties.from.oneOf,parentSchema:schema90.properties.from,data:data3};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
else {
errors = _errs10;
if(vErrors !== null){
if(_errs10){
vErrors.length = _errs10;
}
else {
vErrors = null;
}
}
}
}
if(data.to !== undefined){
let data5 = data.to;
if(typeof data5 === "string"){
if(func3(data5) > 40){
const err18 = {instancePath:instancePath+"/to",schemaPath:"#/properties/to/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema90.properties.to,data:data5};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(!pattern34.test(data5)){
const err19 = {instancePath:instancePath+"/to",schemaPath:"#/properties/to/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z][A-Za-z0-9_]*$",parentSchema:schema90.properties.to,data:data5};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/to",schemaPath:"#/properties/to/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema90.properties.to.type,parentSchema:schema90.properties.to,data:data5};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.by !== undefined){
if(!(validate59(data.by, {instancePath:instancePath+"/by",parentData:data,parentDataProperty:"by",rootData}))){
vErrors = vErrors === null ? validate59.errors : vErrors.concat(validate59.errors);
errors = vErrors.length;
}
}
if(data.when !== undefined){
let data7 = data.when;
if(!(data7 && typeof data7 == "object" && !Array.isArray(data7))){
const err21 = {instancePath:instancePath+"/when",schemaPath:"#/definitions/Conditions/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema24.type,parentSchema:schema24,data:data7};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.whenMessage !== undefined){
let data8 = data.whenMessage;
if(typeof data8 !== "string"){
const err22 = {instancePath:instancePath+"/whenMessage",schemaPath:"#/properties/whenMessage/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema90.properties.whenMessage.type,parentSchema:schema90.properties.whenMessage,data:data8};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.approval !== undefined){
if(!(validate61(data.approval, {instancePath:instancePath+"/approval",parentData:data,parentDataProperty:"approval",rootData}))){
vErrors = vErrors === null ? validate61.errors : vErrors.concat(validate61.errors);
errors = vErrors.length;
}
}
if(data.effects !== undefined){
if(!(validate67(data.effects, {instancePath:instancePath+"/effects",parentData:data,parentDataProperty:"effects",rootData}))){
vErrors = vErrors === null ? validate67.errors : vErrors.concat(validate67.errors);
errors = vErrors.length;
}
}
}
else {
const err23 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema90.type,parentSchema:schema90,data};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
validate58.errors = vErrors;
return errors === 0;
}


function validate55(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema85.required,parentSchema:schema85,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.entity === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "entity"},message:"must have required property '"+"entity"+"'",schema:schema85.required,parentSchema:schema85,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.version === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'",schema:schema85.required,parentSchema:schema85,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.field === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "field"},message:"must have required property '"+"field"+"'",schema:schema85.required,parentSchema:schema85,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.initial === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "initial"},message:"must have required property '"+"initial"+"'",schema:schema85.required,parentSchema:schema85,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.states === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "states"},message:"must have required property '"+"states"+"'",schema:schema85.required,parentSchema:schema85,data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data.transitions === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "transitions"},message:"must have required property '"+"transitions"+"'",schema:schema85.required,parentSchema:schema85,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
for(const key0 in data){
if(!((((((((key0 === "name") || (key0 === "label")) || (key0 === "entity")) || (key0 === "version")) || (key0 === "field")) || (key0 === "initial")) || (key0 === "states")) || (key0 === "transitions"))){
const err7 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema85,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) > 40){
const err8 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!pattern0.test(data0)){
const err9 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.label !== undefined){
let data1 = data.label;
if(typeof data1 !== "string"){
const err11 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema85.properties.label.type,parentSchema:schema85.properties.label,data:data1};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.entity !== undefined){
let data2 = data.entity;
if(typeof data2 !== "string"){
const err12 = {instancePath:instancePath+"/entity",schemaPath:"#/properties/entity/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema85.properties.entity.type,parentSchema:schema85.properties.entity,data:data2};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.version !== undefined){
let data3 = data.version;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err13 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema85.properties.version.type,parentSchema:schema85.properties.version,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 < 1 || isNaN(data3)){
const err14 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema85.properties.version,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
if(data.field !== undefined){
let data4 = data.field;
if(typeof data4 !== "string"){
const err15 = {instancePath:instancePath+"/field",schemaPath:"#/properties/field/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema85.properties.field.type,parentSchema:schema85.properties.field,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.initial !== undefined){
let data5 = data.initial;
if(typeof data5 === "string"){
if(func3(data5) > 40){
const err16 = {instancePath:instancePath+"/initial",schemaPath:"#/properties/initial/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema85.properties.initial,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(!pattern34.test(data5)){
const err17 = {instancePath:instancePath+"/initial",schemaPath:"#/properties/initial/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z][A-Za-z0-9_]*$",parentSchema:schema85.properties.initial,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/initial",schemaPath:"#/properties/initial/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema85.properties.initial.type,parentSchema:schema85.properties.initial,data:data5};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.states !== undefined){
let data6 = data.states;
if(Array.isArray(data6)){
if(data6.length < 1){
const err19 = {instancePath:instancePath+"/states",schemaPath:"#/properties/states/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema85.properties.states,data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
const len0 = data6.length;
for(let i0=0; i0<len0; i0++){
if(!(validate56(data6[i0], {instancePath:instancePath+"/states/" + i0,parentData:data6,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate56.errors : vErrors.concat(validate56.errors);
errors = vErrors.length;
}
}
}
else {
const err20 = {instancePath:instancePath+"/states",schemaPath:"#/properties/states/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema85.properties.states.type,parentSchema:schema85.properties.states,data:data6};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.transitions !== undefined){
let data8 = data.transitions;
if(Array.isArray(data8)){
const len1 = data8.length;
for(let i1=0; i1<len1; i1++){
if(!(validate58(data8[i1], {instancePath:instancePath+"/transitions/" + i1,parentData:data8,parentDataProperty:i1,rootData}))){
vErrors = vErrors === null ? validate58.errors : vErrors.concat(validate58.errors);
errors = vErrors.length;
}
}
}
else {
const err21 = {instancePath:instancePath+"/transitions",schemaPath:"#/properties/transitions/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema85.properties.transitions.type,parentSchema:schema85.properties.transitions,data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema85.type,parentSchema:schema85,data};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
validate55.errors = vErrors;
return errors === 0;
}

const schema104 = {"type":"object","additionalProperties":false,"required":["name","schedule"],"properties":{"name":{"$ref":"#/definitions/Identifier"},"label":{"type":"string"},"description":{"type":"string"},"handler":{"type":"string","description":"Name of the job handler in the module's plugin (default: the job name)."},"renamedFrom":{"$ref":"#/definitions/Identifier","description":"The job's previous name in this module. migrations:generate renames its scheduled rows and run history in the PostgreSQL job store (agenda_jobs, agenda_logs), so its next run, last run and failures carry over, and the audit log shows what the old name did under the new one. A no-op once applied."},"schedule":{"type":"object","additionalProperties":false,"properties":{"cron":{"type":"string","description":"Cron expression, e.g. \"0 6 * * *\"."},"every":{"type":"string","description":"Interval, e.g. \"1 day\" or \"10 minutes\"."}},"minProperties":1,"maxProperties":1,"description":"Exactly one of cron or every."}}};

function validate72(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema104.required,parentSchema:schema104,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.schedule === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "schedule"},message:"must have required property '"+"schedule"+"'",schema:schema104.required,parentSchema:schema104,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((((key0 === "name") || (key0 === "label")) || (key0 === "description")) || (key0 === "handler")) || (key0 === "renamedFrom")) || (key0 === "schedule"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema104,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) > 40){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!pattern0.test(data0)){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.label !== undefined){
let data1 = data.label;
if(typeof data1 !== "string"){
const err6 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema104.properties.label.type,parentSchema:schema104.properties.label,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.description !== undefined){
let data2 = data.description;
if(typeof data2 !== "string"){
const err7 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema104.properties.description.type,parentSchema:schema104.properties.description,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.handler !== undefined){
let data3 = data.handler;
if(typeof data3 !== "string"){
const err8 = {instancePath:instancePath+"/handler",schemaPath:"#/properties/handler/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema104.properties.handler.type,parentSchema:schema104.properties.handler,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.renamedFrom !== undefined){
let data4 = data.renamedFrom;
if(typeof data4 === "string"){
if(func3(data4) > 40){
const err9 = {instancePath:instancePath+"/renamedFrom",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(!pattern0.test(data4)){
const err10 = {instancePath:instancePath+"/renamedFrom",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/renamedFrom",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.schedule !== undefined){
let data5 = data.schedule;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(Object.keys(data5).length > 1){
const err12 = {instancePath:instancePath+"/schedule",schemaPath:"#/properties/schedule/maxProperties",keyword:"maxProperties",params:{limit: 1},message:"must NOT have more than 1 properties",schema:1,parentSchema:schema104.properties.schedule,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(Object.keys(data5).length < 1){
const err13 = {instancePath:instancePath+"/schedule",schemaPath:"#/properties/schedule/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema104.properties.schedule,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
for(const key1 in data5){
if(!((key1 === "cron") || (key1 === "every"))){
const err14 = {instancePath:instancePath+"/schedule",schemaPath:"#/properties/schedule/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema104.properties.schedule,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data5.cron !== undefined){
let data6 = data5.cron;
if(typeof data6 !== "string"){
const err15 = {instancePath:instancePath+"/schedule/cron",schemaPath:"#/properties/schedule/properties/cron/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema104.properties.schedule.properties.cron.type,parentSchema:schema104.properties.schedule.properties.cron,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data5.every !== undefined){
let data7 = data5.every;
if(typeof data7 !== "string"){
const err16 = {instancePath:instancePath+"/schedule/every",schemaPath:"#/properties/schedule/properties/every/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema104.properties.schedule.properties.every.type,parentSchema:schema104.properties.schedule.properties.every,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath:instancePath+"/schedule",schemaPath:"#/properties/schedule/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema104.properties.schedule.type,parentSchema:schema104.properties.schedule,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema104.type,parentSchema:schema104,data};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
validate72.errors = vErrors;
return errors === 0;
}


function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://ums.local/schemas/manifest.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.id === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "id"},message:"must have required property '"+"id"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.version === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.label === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "label"},message:"must have required property '"+"label"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.entities === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "entities"},message:"must have required property '"+"entities"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema11.properties, key0))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.$schema !== undefined){
let data0 = data.$schema;
if(typeof data0 !== "string"){
const err5 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.$schema.type,parentSchema:schema11.properties.$schema,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.id !== undefined){
let data1 = data.id;
if(typeof data1 === "string"){
if(func3(data1) > 40){
const err6 = {instancePath:instancePath+"/id",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!pattern0.test(data1)){
const err7 = {instancePath:instancePath+"/id",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/id",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.version !== undefined){
let data2 = data.version;
if(typeof data2 === "string"){
if(!pattern1.test(data2)){
const err9 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/pattern",keyword:"pattern",params:{pattern: "^\\d+\\.\\d+\\.\\d+$"},message:"must match pattern \""+"^\\d+\\.\\d+\\.\\d+$"+"\"",schema:"^\\d+\\.\\d+\\.\\d+$",parentSchema:schema11.properties.version,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.version.type,parentSchema:schema11.properties.version,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.label !== undefined){
let data3 = data.label;
if(typeof data3 === "string"){
if(func3(data3) < 1){
const err11 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.label,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.label.type,parentSchema:schema11.properties.label,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.translations !== undefined){
let data4 = data.translations;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key1 in data4){
const _errs13 = errors;
if(!(key1 === "bn")){
const err13 = {instancePath:instancePath+"/translations",schemaPath:"#/properties/translations/propertyNames/enum",keyword:"enum",params:{allowedValues: schema11.properties.translations.propertyNames.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.translations.propertyNames.enum,parentSchema:schema11.properties.translations.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
var valid2 = _errs13 === errors;
if(!valid2){
const err14 = {instancePath:instancePath+"/translations",schemaPath:"#/properties/translations/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema11.properties.translations.propertyNames,parentSchema:schema11.properties.translations,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
for(const key2 in data4){
let data5 = data4[key2];
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.label === undefined){
const err15 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/required",keyword:"required",params:{missingProperty: "label"},message:"must have required property '"+"label"+"'",schema:schema11.properties.translations.additionalProperties.required,parentSchema:schema11.properties.translations.additionalProperties,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
for(const key3 in data5){
if(!(key3 === "label")){
const err16 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.translations.additionalProperties,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data5.label !== undefined){
let data6 = data5.label;
if(typeof data6 === "string"){
if(func3(data6) < 1){
const err17 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/label",schemaPath:"#/properties/translations/additionalProperties/properties/label/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.translations.additionalProperties.properties.label,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/label",schemaPath:"#/properties/translations/additionalProperties/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.translations.additionalProperties.properties.label.type,parentSchema:schema11.properties.translations.additionalProperties.properties.label,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/translations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/translations/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.translations.additionalProperties.type,parentSchema:schema11.properties.translations.additionalProperties,data:data5};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/translations",schemaPath:"#/properties/translations/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.translations.type,parentSchema:schema11.properties.translations,data:data4};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.description !== undefined){
let data7 = data.description;
if(typeof data7 !== "string"){
const err21 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.description.type,parentSchema:schema11.properties.description,data:data7};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.icon !== undefined){
let data8 = data.icon;
if(typeof data8 !== "string"){
const err22 = {instancePath:instancePath+"/icon",schemaPath:"#/properties/icon/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.icon.type,parentSchema:schema11.properties.icon,data:data8};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.systemTypes !== undefined){
let data9 = data.systemTypes;
if(Array.isArray(data9)){
const len0 = data9.length;
for(let i0=0; i0<len0; i0++){
let data10 = data9[i0];
const _errs27 = errors;
let valid7 = false;
const _errs28 = errors;
if(typeof data10 === "string"){
if(func3(data10) > 40){
const err23 = {instancePath:instancePath+"/systemTypes/" + i0,schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(!pattern0.test(data10)){
const err24 = {instancePath:instancePath+"/systemTypes/" + i0,schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data10};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath:instancePath+"/systemTypes/" + i0,schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data10};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
var _valid0 = _errs28 === errors;
valid7 = valid7 || _valid0;
if(!valid7){
const _errs31 = errors;
if(!(validate11(data10, {instancePath:instancePath+"/systemTypes/" + i0,parentData:data9,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
var _valid0 = _errs31 === errors;
valid7 = valid7 || _valid0;
}
if(!valid7){
const err26 = {instancePath:instancePath+"/systemTypes/" + i0,schemaPath:"#/properties/systemTypes/items/anyOf",keyword:"anyOf",params:{},message:"must match a schema in anyOf",schema:schema11.properties.systemTypes.items.anyOf,parentSchema:schema11.properties.systemTypes.items,data:data10};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
else {
errors = _errs27;
if(vErrors !== null){
if(_errs27){
vErrors.length = _errs27;
}
else {
vErrors = null;
}
}
}
}
let i1 = data9.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data9[i1], data9[j0])){
const err27 = {instancePath:instancePath+"/systemTypes",schemaPath:"#/properties/systemTypes/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema11.properties.systemTypes,data:data9};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err28 = {instancePath:instancePath+"/systemTypes",schemaPath:"#/properties/systemTypes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.systemTypes.type,parentSchema:schema11.properties.systemTypes,data:data9};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data.dependsOn !== undefined){
let data11 = data.dependsOn;
if(Array.isArray(data11)){
const len1 = data11.length;
for(let i2=0; i2<len1; i2++){
let data12 = data11[i2];
if(typeof data12 === "string"){
if(func3(data12) > 40){
const err29 = {instancePath:instancePath+"/dependsOn/" + i2,schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data12};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(!pattern0.test(data12)){
const err30 = {instancePath:instancePath+"/dependsOn/" + i2,schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data12};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/dependsOn/" + i2,schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data12};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
let i3 = data11.length;
let j1;
if(i3 > 1){
outer1:
for(;i3--;){
for(j1 = i3; j1--;){
if(func0(data11[i3], data11[j1])){
const err32 = {instancePath:instancePath+"/dependsOn",schemaPath:"#/properties/dependsOn/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)",schema:true,parentSchema:schema11.properties.dependsOn,data:data11};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
break outer1;
}
}
}
}
}
else {
const err33 = {instancePath:instancePath+"/dependsOn",schemaPath:"#/properties/dependsOn/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.dependsOn.type,parentSchema:schema11.properties.dependsOn,data:data11};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data.entities !== undefined){
let data13 = data.entities;
if(Array.isArray(data13)){
const len2 = data13.length;
for(let i4=0; i4<len2; i4++){
if(!(validate13(data13[i4], {instancePath:instancePath+"/entities/" + i4,parentData:data13,parentDataProperty:i4,rootData}))){
vErrors = vErrors === null ? validate13.errors : vErrors.concat(validate13.errors);
errors = vErrors.length;
}
}
}
else {
const err34 = {instancePath:instancePath+"/entities",schemaPath:"#/properties/entities/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.entities.type,parentSchema:schema11.properties.entities,data:data13};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data.roles !== undefined){
let data15 = data.roles;
if(Array.isArray(data15)){
const len3 = data15.length;
for(let i5=0; i5<len3; i5++){
if(!(validate38(data15[i5], {instancePath:instancePath+"/roles/" + i5,parentData:data15,parentDataProperty:i5,rootData}))){
vErrors = vErrors === null ? validate38.errors : vErrors.concat(validate38.errors);
errors = vErrors.length;
}
}
}
else {
const err35 = {instancePath:instancePath+"/roles",schemaPath:"#/properties/roles/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.roles.type,parentSchema:schema11.properties.roles,data:data15};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data.permissions !== undefined){
let data17 = data.permissions;
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
for(const key4 in data17){
let data18 = data17[key4];
if(Array.isArray(data18)){
const len4 = data18.length;
for(let i6=0; i6<len4; i6++){
if(!(validate40(data18[i6], {instancePath:instancePath+"/permissions/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i6,parentData:data18,parentDataProperty:i6,rootData}))){
vErrors = vErrors === null ? validate40.errors : vErrors.concat(validate40.errors);
errors = vErrors.length;
}
}
}
else {
const err36 = {instancePath:instancePath+"/permissions/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/permissions/additionalProperties/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.permissions.additionalProperties.type,parentSchema:schema11.properties.permissions.additionalProperties,data:data18};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
}
else {
const err37 = {instancePath:instancePath+"/permissions",schemaPath:"#/properties/permissions/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.permissions.type,parentSchema:schema11.properties.permissions,data:data17};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data.dashboard !== undefined){
let data20 = data.dashboard;
if(Array.isArray(data20)){
const len5 = data20.length;
for(let i7=0; i7<len5; i7++){
if(!(validate42(data20[i7], {instancePath:instancePath+"/dashboard/" + i7,parentData:data20,parentDataProperty:i7,rootData}))){
vErrors = vErrors === null ? validate42.errors : vErrors.concat(validate42.errors);
errors = vErrors.length;
}
}
}
else {
const err38 = {instancePath:instancePath+"/dashboard",schemaPath:"#/properties/dashboard/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.dashboard.type,parentSchema:schema11.properties.dashboard,data:data20};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data.reports !== undefined){
let data22 = data.reports;
if(Array.isArray(data22)){
const len6 = data22.length;
for(let i8=0; i8<len6; i8++){
if(!(validate44(data22[i8], {instancePath:instancePath+"/reports/" + i8,parentData:data22,parentDataProperty:i8,rootData}))){
vErrors = vErrors === null ? validate44.errors : vErrors.concat(validate44.errors);
errors = vErrors.length;
}
}
}
else {
const err39 = {instancePath:instancePath+"/reports",schemaPath:"#/properties/reports/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.reports.type,parentSchema:schema11.properties.reports,data:data22};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data.views !== undefined){
let data24 = data.views;
if(Array.isArray(data24)){
const len7 = data24.length;
for(let i9=0; i9<len7; i9++){
if(!(validate46(data24[i9], {instancePath:instancePath+"/views/" + i9,parentData:data24,parentDataProperty:i9,rootData}))){
vErrors = vErrors === null ? validate46.errors : vErrors.concat(validate46.errors);
errors = vErrors.length;
}
}
}
else {
const err40 = {instancePath:instancePath+"/views",schemaPath:"#/properties/views/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.views.type,parentSchema:schema11.properties.views,data:data24};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data.publicForms !== undefined){
let data26 = data.publicForms;
if(Array.isArray(data26)){
const len8 = data26.length;
for(let i10=0; i10<len8; i10++){
if(!(validate48(data26[i10], {instancePath:instancePath+"/publicForms/" + i10,parentData:data26,parentDataProperty:i10,rootData}))){
vErrors = vErrors === null ? validate48.errors : vErrors.concat(validate48.errors);
errors = vErrors.length;
}
}
}
else {
const err41 = {instancePath:instancePath+"/publicForms",schemaPath:"#/properties/publicForms/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.publicForms.type,parentSchema:schema11.properties.publicForms,data:data26};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data.workflows !== undefined){
let data28 = data.workflows;
if(Array.isArray(data28)){
const len9 = data28.length;
for(let i11=0; i11<len9; i11++){
if(!(validate55(data28[i11], {instancePath:instancePath+"/workflows/" + i11,parentData:data28,parentDataProperty:i11,rootData}))){
vErrors = vErrors === null ? validate55.errors : vErrors.concat(validate55.errors);
errors = vErrors.length;
}
}
}
else {
const err42 = {instancePath:instancePath+"/workflows",schemaPath:"#/properties/workflows/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.workflows.type,parentSchema:schema11.properties.workflows,data:data28};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data.jobs !== undefined){
let data30 = data.jobs;
if(Array.isArray(data30)){
const len10 = data30.length;
for(let i12=0; i12<len10; i12++){
if(!(validate72(data30[i12], {instancePath:instancePath+"/jobs/" + i12,parentData:data30,parentDataProperty:i12,rootData}))){
vErrors = vErrors === null ? validate72.errors : vErrors.concat(validate72.errors);
errors = vErrors.length;
}
}
}
else {
const err43 = {instancePath:instancePath+"/jobs",schemaPath:"#/properties/jobs/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.jobs.type,parentSchema:schema11.properties.jobs,data:data30};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
}
else {
const err44 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}

export const validateSystemTypes = validate74;
const schema107 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://ums.local/schemas/system-types.schema.json","title":"SystemTypes","description":"The kinds of organization UMS serves, each with its label. A module manifest lists the ones it is enabled for in its `systemTypes` (or declares a new one there with a label).","type":"object","additionalProperties":false,"required":["systemTypes"],"properties":{"$schema":{"type":"string"},"systemTypes":{"type":"array","items":{"$ref":"manifest.schema.json#/definitions/SystemType"}}}};

function validate75(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema14.required,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.label === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "label"},message:"must have required property '"+"label"+"'",schema:schema14.required,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "name") || (key0 === "label")) || (key0 === "description"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) > 40){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/maxLength",keyword:"maxLength",params:{limit: 40},message:"must NOT have more than 40 characters",schema:40,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!pattern0.test(data0)){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9_]*$"},message:"must match pattern \""+"^[a-z][a-z0-9_]*$"+"\"",schema:"^[a-z][a-z0-9_]*$",parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Identifier/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.type,parentSchema:schema12,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.label !== undefined){
let data1 = data.label;
if(typeof data1 === "string"){
if(func3(data1) > 190){
const err6 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/maxLength",keyword:"maxLength",params:{limit: 190},message:"must NOT have more than 190 characters",schema:190,parentSchema:schema14.properties.label,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(func3(data1) < 1){
const err7 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema14.properties.label,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/label",schemaPath:"#/properties/label/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.label.type,parentSchema:schema14.properties.label,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.description !== undefined){
let data2 = data.description;
if(typeof data2 !== "string"){
const err9 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.description.type,parentSchema:schema14.properties.description,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema14.type,parentSchema:schema14,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate75.errors = vErrors;
return errors === 0;
}


function validate74(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://ums.local/schemas/system-types.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.systemTypes === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "systemTypes"},message:"must have required property '"+"systemTypes"+"'",schema:schema107.required,parentSchema:schema107,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "$schema") || (key0 === "systemTypes"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema107,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.$schema !== undefined){
let data0 = data.$schema;
if(typeof data0 !== "string"){
const err2 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema107.properties.$schema.type,parentSchema:schema107.properties.$schema,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.systemTypes !== undefined){
let data1 = data.systemTypes;
if(Array.isArray(data1)){
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
if(!(validate75(data1[i0], {instancePath:instancePath+"/systemTypes/" + i0,parentData:data1,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate75.errors : vErrors.concat(validate75.errors);
errors = vErrors.length;
}
}
}
else {
const err3 = {instancePath:instancePath+"/systemTypes",schemaPath:"#/properties/systemTypes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema107.properties.systemTypes.type,parentSchema:schema107.properties.systemTypes,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
else {
const err4 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema107.type,parentSchema:schema107,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
validate74.errors = vErrors;
return errors === 0;
}

