/**
 * UMS's wording of AdminJS's own messages (English). AdminJS's defaults speak to developers
 * ("You cannot perform action {{actionName}} on {{resourceId}}", "Check out console"); these say
 * what happened and what to do. Another locale (Bengali) adds its own map beside this one.
 */
export const MESSAGES_EN: Record<string, string> = {
  // A stale link or a button of an action the record's state (or the user's role) no longer allows.
  forbiddenError: 'This action is not available for this record any more: its state has changed or your role does not allow it. Open the record to see what you can do now.',
  anyForbiddenError: 'You are not allowed to do this. Ask your organization admin if you need it.',
  error404Action: 'This action is not available here: it may have been done already, or your role does not allow it.',
  error404Record: 'This record does not exist, or you are not allowed to see it.',
  error404Resource: 'This screen does not exist, or it is not enabled for your organization.',
  errorFetchingRecords: 'The list could not be loaded. Reload the page; if it keeps failing, tell your organization admin.',
  errorFetchingRecord: 'The record could not be loaded. Reload the page; if it keeps failing, tell your organization admin.',
  bulkDeleteError: 'The selected records could not be deleted. Reload the page and try again.',
  seeConsoleForMore: '',
  thereWereValidationErrors: 'Some values need fixing: see the messages below the fields.',
  successfullyUpdated: 'Saved.',
  successfullyCreated: 'Created.',
  successfullyDeleted: 'Deleted.',
  invalidCredentials: 'Wrong e-mail or password.',
  noRecordsInResource: 'There are no records here yet.',
};
