/**
 * URL paths of the admin and of the side routes mounted below it, in one
 * place for the server that mounts them, the screens that link to them and
 * the mails and tests that name them.
 */
export const ADMIN_ROOT = '/admin';
/** `<root>/x/export/<entity>.csv|.xlsx` (core/admin/file-routes.ts). */
export const EXPORT_PATH = '/x/export';
/** `POST <root>/x/import/<entity>` with a CSV body. */
export const IMPORT_PATH = '/x/import';
/** `<root>/x/documents/<entity>/<id>/<action>.pdf` and its queue/status/stored routes (core/documents/http.ts). */
export const DOCUMENTS_PATH = '/x/documents';
/** `GET <root>/x/views?view=<module>.<name>[&from=…&to=…]`: a declared view's data (core/admin/views.ts). */
export const VIEWS_PATH = '/x/views';
/** `GET <root>/x/notifications` (the signed-in user's own), `POST …/<id>/read`, `POST …/read-all` (core/admin/notification-routes.ts). */
export const NOTIFICATIONS_PATH = '/x/notifications';
/** `GET <root>/x/related/<resource id>/<id>`: a record's related lists with counts (core/admin/related-lists.ts). */
export const RELATED_PATH = '/x/related';
/** `GET <root>/x/timeline/<resource id>/<id>`: a record's workflow events and field changes (core/admin/record-timeline.ts). */
export const TIMELINE_PATH = '/x/timeline';
/** `GET <root>/x/files/<id>[?inline=1]`: a file of a file field, if the signed-in user may read its record and field (core/files). */
export const FILES_PATH = '/x/files';
/** `GET <root>/x/reports[/<module>.<name>[/download.csv|xlsx|pdf]]`: declared reports (core/admin/reports/routes.ts). */
export const REPORTS_PATH = '/x/reports';
/** A list's saved filters (core/admin/saved-filter-routes.ts), under ADMIN_ROOT. */
export const SAVED_FILTERS_PATH = '/x/saved-filters';
