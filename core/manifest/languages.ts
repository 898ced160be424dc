/** The languages UMS has strings for (admin, mails, PDFs), the first the fallback; the database's checks on core_user.language and core_organization.language list the same. */
export const LANGUAGES = ['en', 'bn'] as const;
