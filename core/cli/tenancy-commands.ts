/**
 * Organizations, their modules and their users: thin wrappers around
 * core/tenancy, with the database opened (and migrated) per command.
 */
import { RecordValidationError } from '../errors.js';
import { CORE_MODULE_ID } from '../manifest/model.js';
import { requiredString, stringList, stringOption } from './args.js';
import { defineCommand, type Command } from './command.js';
import { invocation, plural, table } from './output.js';
import { withRuntime } from './runtime.js';
import { withinTenant } from '../data/tenant-scope.js';

const tenancy = () => import('../tenancy/index.js');

/** The system types the manifests declare, as org:create's help lists them (read when asked, like start-up reads them). */
async function systemTypesHelp(env: NodeJS.ProcessEnv): Promise<string> {
  const [{ readConfig }, { loadRegistry, SYSTEM_TYPES_FILE }] = await Promise.all([import('../../config/index.js'), import('../manifest/index.js')]);
  let registry;
  try {
    registry = loadRegistry({ dir: readConfig(env).manifestDir });
  } catch (err) {
    return `System types: the manifests do not load (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); run \`${invocation('manifest:validate module-manifests/*.json')}\`.`;
  }
  const types = [...registry.systemTypes.values()];
  if (!types.length) return `System types: none declared (add them to ${SYSTEM_TYPES_FILE} beside the manifests, or to a manifest's "systemTypes" with a label).`;
  const files = [...new Set(types.map((t) => t.source.split('#')[0]))];
  const rows = types.map((t) => [t.name, t.label, t.modules.length ? t.modules.join(', ') : '(none yet)']);
  return [`System types (declared in ${files.join(', ')}):`, ...table(['TYPE', 'LABEL', 'MODULES'], rows).split('\n').map((line) => `  ${line}`)].join('\n');
}

const orgCreate = defineCommand({
  name: 'org:create',
  summary: 'Create an organization, its admin user and the modules of its system type',
  options: {
    name: { type: 'string', value: '<name>', required: true, description: 'Display name, e.g. "City Library"' },
    slug: { type: 'string', value: '<slug>', required: true, description: 'Short unique id: 2–63 lowercase letters, digits or dashes' },
    'system-type': { type: 'string', value: '<type>', required: true, description: 'A declared system type (listed above)' },
    'admin-email': { type: 'string', value: '<email>', required: true, description: "The organization admin's login" },
    'admin-password': { type: 'string', value: '<password>', required: true, description: "The organization admin's password" },
    'admin-name': { type: 'string', value: '<name>', description: 'The admin\'s display name (default "Organization admin")' },
    language: { type: 'string', value: 'en|bn', description: 'The language of users who chose none (default en)' },
    timezone: { type: 'string', value: '<zone>', description: "IANA time zone for ${today} and other date placeholders, e.g. Europe/Paris (default: the server's)" },
  },
  details: 'The modules whose manifests list the system type (and what they depend on) are enabled; a type no module lists yet gives an organization with no modules.',
  liveDetails: systemTypesHelp,
  examples: ['org:create --name "City Library" --slug city-library --system-type library --admin-email admin@city.test --admin-password s3cret-pass'],
  async run({ io, values }) {
    const input = {
      name: requiredString(values, 'name', 'org:create'),
      slug: requiredString(values, 'slug', 'org:create'),
      systemType: requiredString(values, 'system-type', 'org:create'),
      timeZone: stringOption(values, 'timezone'),
      language: stringOption(values, 'language'),
      admin: {
        email: requiredString(values, 'admin-email', 'org:create'),
        password: requiredString(values, 'admin-password', 'org:create'),
        name: stringOption(values, 'admin-name'),
      },
    };
    const { createOrganization, listOrganizations } = await tenancy();
    await withRuntime(io, { migrate: true }, async (runtime) => {
      const { organization, admin } = await createOrganization(runtime, input);
      const summary = (await listOrganizations(runtime)).find((o) => o.id === organization.id);
      const modules = summary?.modules ?? [];
      io.out(`Created organization "${organization.name}" (slug ${organization.slug}, system type ${organization.system_type}, id ${organization.id}).`);
      io.out(
        modules.length
          ? `Enabled modules: ${modules.join(', ')}`
          : `Enabled modules: none (no module lists the system type "${organization.system_type}" yet; use module:enable to add one).`,
      );
      io.out(`Admin login: ${String(admin.email)}`);
    });
  },
});

const orgList = defineCommand({
  name: 'org:list',
  summary: 'List organizations with their modules, status and use against plan limits',
  options: { json: { type: 'boolean', description: 'Print JSON instead of a table' } },
  details: 'USERS counts active users and RECORDS the records of module entities; "3/10" is use against a limit set with org:limits. LIMITED lists the entities with a limit of their own (--max-records-of), as records/limit.',
  async run({ io, values }) {
    const { listOrganizations } = await tenancy();
    const { organizationUsage } = await import('../tenancy/lifecycle.js');
    await withRuntime(io, { migrate: true }, async (runtime) => {
      const orgs = await listOrganizations(runtime);
      const usage = new Map((await organizationUsage(runtime)).map((u) => [u.id, u]));
      if (values.json) {
        io.out(JSON.stringify(orgs.map((o) => {
          const u = usage.get(o.id);
          return { slug: o.slug, name: o.name, systemType: o.system_type, modules: o.modules, moduleVersions: o.module_versions, users: o.users, id: o.id, status: u?.status, statusReason: u?.statusReason, activeUsers: u?.users, maxUsers: u?.maxUsers, records: u?.records, maxRecords: u?.maxRecords, entityLimits: u?.entityLimits.map(({ entity, records, maxRecords }) => ({ entity, records, maxRecords })) ?? [], storageUsed: u?.storageUsed, maxStorageBytes: u?.maxStorageBytes };
        }), null, 2));
        return;
      }
      if (!orgs.length) {
        io.out(`No organizations yet. Create one with \`${invocation('org:create --help')}\`.`);
        return;
      }
      const against = (used: number | undefined, max: number | null | undefined): string => `${used ?? 0}${max === null || max === undefined ? '' : `/${max}`}`;
      io.out(
        table(
          ['SLUG', 'NAME', 'SYSTEM TYPE', 'MODULES', 'USERS', 'RECORDS', 'LIMITED', 'STATUS'],
          orgs.map((o) => {
            const u = usage.get(o.id);
            return [o.slug, o.name, o.system_type, o.modules.map((m) => (o.module_versions[m] ? `${m}@${o.module_versions[m]}` : m)).join(', ') || '-', against(u?.users, u?.maxUsers), against(u?.records, u?.maxRecords), u?.entityLimits.map((l) => `${l.entity} ${l.records}/${l.maxRecords}`).join(', ') || '-', u ? (u.statusReason ? `${u.status} (${u.statusReason})` : u.status) : '-'];
          }),
        ),
      );
      io.out(`\n${plural(orgs.length, 'organization')}`);
    });
  },
});

const moduleToggle = (enabled: boolean): Command =>
  defineCommand({
    name: enabled ? 'module:enable' : 'module:disable',
    summary: enabled ? 'Enable a module for an organization (and the modules it depends on)' : 'Disable a module for an organization; its data is kept',
    positionals: { names: ['org-slug', 'module'] },
    options: {},
    details: enabled
      ? 'Enabling brings back everything the module held before it was disabled.'
      : 'Disabling hides the module and denies access to it; no table or record is deleted, and module:enable brings it all back.',
    examples: [enabled ? 'module:enable city-library library' : 'module:disable city-library library'],
    async run({ io, positionals }) {
      const [slug, moduleId] = positionals;
      const { setModuleEnabled } = await tenancy();
      await withRuntime(io, { migrate: true }, async (runtime) => {
        const changed = await setModuleEnabled(runtime, slug, moduleId, enabled);
        if (enabled) {
          io.out(`Enabled module "${moduleId}" for ${slug}.`);
          const deps = changed.filter((id) => id !== moduleId);
          if (deps.length) io.out(`Also enabled, as dependencies: ${deps.join(', ')}.`);
        } else {
          io.out(`Disabled module "${moduleId}" for ${slug}. Its data is kept: nothing was deleted, and \`${invocation(`module:enable ${slug} ${moduleId}`)}\` brings it back.`);
        }
      });
    },
  });

const userCreate = defineCommand({
  name: 'user:create',
  summary: 'Create a user in an organization, with roles; without --password the user is invited by e-mail',
  options: {
    org: { type: 'string', value: '<slug>', required: true, description: 'The organization' },
    email: { type: 'string', value: '<email>', required: true, description: 'Login email' },
    password: { type: 'string', value: '<password>', description: 'Password; leave out to send an invitation link instead' },
    name: { type: 'string', value: '<name>', required: true, description: 'Display name' },
    role: { type: 'string', value: '<role>', multiple: true, description: 'A role to assign, e.g. librarian' },
  },
  details: 'Without --password the account cannot sign in until the user has chosen a password through the invitation link mailed to them (valid 72 hours, single use). The mail is queued in the outbox and sent by the mail job (or kept in the outbox, readable by the org admin, when SMTP_URL is not set).',
  examples: [
    'user:create --org city-library --email ana@city.test --name "Ana Chen" --role librarian',
    'user:create --org city-library --email ana@city.test --password s3cret-pass --name "Ana Chen" --role librarian',
  ],
  async run({ io, values }) {
    const slug = requiredString(values, 'org', 'user:create');
    const input = {
      email: requiredString(values, 'email', 'user:create'),
      // Empty: no password hash, so the core user hook sends an invitation in the same transaction.
      password: stringOption(values, 'password') ?? '',
      name: requiredString(values, 'name', 'user:create'),
      roles: [...new Set(stringList(values, 'role'))],
    };
    const { createUser, findOrganization, resolveRoleInputs } = await tenancy();
    await withRuntime(io, { migrate: true }, async (runtime) => {
      const organization = await findOrganization(runtime, slug);
      const known: { name: string; module: string | null; builtin: boolean }[] = await withinTenant(runtime.dataSource, organization.id).query('SELECT name, module, builtin FROM core_role WHERE organization_id = $1 ORDER BY name', [organization.id]);
      const enabled = await runtime.access.enabledModules(organization.id);
      // A role's key (library.member, admin, a custom role), or a bare name only one (enabled) module declares.
      const { keys, problems } = resolveRoleInputs(runtime, known.map((k) => k.name), input.roles, enabled);
      if (problems.length) {
        // Every manifest's roles exist in every organization; the ones worth naming are those of its enabled modules, core's and its custom roles.
        const offered = known.filter((k) => !k.builtin || !k.module || k.module === CORE_MODULE_ID || enabled.has(k.module));
        throw new RecordValidationError('core.user', {
          roles: { message: `${problems.join('; ')} in ${slug} (roles there: ${offered.map((k) => k.name).join(', ') || 'none'})` },
        });
      }
      const user = await createUser(runtime, slug, { ...input, roles: keys });
      io.out(`Created user ${String(user.email)} (${input.name}, id ${user.id}) in ${slug}${keys.length ? ` with role${keys.length > 1 ? 's' : ''} ${keys.join(', ')}` : ' with no roles'}.`);
      if (!input.password) io.out(`Invitation queued for ${String(user.email)}: the link to choose a password is valid 72 hours and works once (see the Mail outbox in the admin).`);
    });
  },
});

const orgSettings = defineCommand({
  name: 'org:settings',
  summary: "Show an organization's settings, or change them",
  positionals: { names: ['org-slug'] },
  options: {
    language: { type: 'string', value: 'en|bn', description: 'The language of users who chose none in the admin, mails and PDFs' },
    currency: { type: 'string', value: 'ISO 4217 code|none', description: 'The currency money is shown in (none: CURRENCY from the environment, else USD)' },
    'backdated-postings': { type: 'string', value: 'on|off', description: 'Whether ledger postings may be dated before today (default on)' },
    set: { type: 'string', value: 'name=on|off|<number>[,…]', description: 'Module switches and numbers that workflow conditions read as $org.settings.<name> or { "$org": "settings.<name>" } (never set: off, no number)' },
  },
  details: 'Settings are columns of core_organization (the time zone is set by org:create --timezone).',
  examples: ['org:settings city-store', 'org:settings city-store --backdated-postings off', 'org:settings city-store --language bn', 'org:settings city-store --currency BDT', 'org:settings city-hospital --set skip_discharge_billing=on'],
  async run({ io, positionals, values }) {
    const [slug] = positionals;
    const { updateOrganizationSettings } = await import('../tenancy/settings.js');
    await withRuntime(io, { migrate: true }, async (runtime) => {
      const settings = await updateOrganizationSettings(runtime, slug, { backdatedPostings: stringOption(values, 'backdated-postings'), set: stringOption(values, 'set'), language: stringOption(values, 'language'), currency: stringOption(values, 'currency') });
      io.out(`language: ${settings.language}`);
      io.out(`currency: ${settings.currency ?? '(the environment\'s CURRENCY)'}`);
      io.out(`timezone: ${settings.timezone ?? "(the server's)"}`);
      io.out(`backdated-postings: ${settings.allowBackdatedPostings ? 'on' : 'off'}`);
      for (const [name, on] of Object.entries(settings.switches).sort()) io.out(`${name}: ${on ? 'on' : 'off'}`);
    });
  },
});

export const tenancyCommands: Command[] = [orgCreate, orgList, orgSettings, moduleToggle(true), moduleToggle(false), userCreate];
