/**
 * What a save says: "Course 'Databases' created." instead of AdminJS's "Successfully created a new
 * record", and for a new user also that an invitation went out and to whom (core/auth/user-hooks.ts
 * invites an active user created without a password). Failures keep AdminJS's error notice.
 */
import type { ActionContext, ActionRequest, ActionResponse, After } from 'adminjs';
import type { ResolvedEntity } from '../manifest/index.js';
import type { Runtime } from '../runtime.js';
import { entityLabelIn } from '../workflow/labels.js';
import { say } from '../words.js';
import { languageOfAdmin } from './language.js';

type Saved = ActionResponse & { record?: { params?: Record<string, unknown>; title?: string; errors?: Record<string, unknown> } };

export function savedNotice(runtime: Runtime, entity: ResolvedEntity, verb: 'created' | 'saved'): After<ActionResponse> {
  return async (response: Saved, request: ActionRequest, context: ActionContext) => {
    if (request.method !== 'post' || response.notice?.type !== 'success' || Object.keys(response.record?.errors ?? {}).length) return response;
    const params = response.record?.params ?? {};
    const title = String(params[entity.titleField] ?? response.record?.title ?? '').trim();
    // In the reader's language (core/words.ts): "কোর্স 'Databases' তৈরি হয়েছে।"
    const language = await languageOfAdmin(runtime, context.currentAdmin);
    const vars = { entity: entityLabelIn(entity, language), title };
    let message = say(title ? `{entity} '{title}' ${verb}.` : `{entity} ${verb}.`, language, vars);
    const typedPassword = typeof request.payload?.password === 'string' && request.payload.password !== '';
    if (entity.key === 'core.user' && verb === 'created' && params.is_active !== false && !typedPassword) {
      message += ` ${say('An invitation to choose a password was sent to {email}.', language, { email: String(params.email) })}`;
    }
    return { ...response, notice: { ...response.notice, message } };
  };
}
