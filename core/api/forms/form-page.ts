/**
 * The HTML of public forms: server-rendered, no JavaScript needed (a script
 * only reports the page's height to an embedding page), every control with a
 * <label>, required ones marked in text and with `required`, and each error
 * next to its field and tied to it with aria-describedby, with a summary at
 * the top that links to the fields. UTF-8 throughout; the font stack covers
 * Bengali. Everything shown is escaped.
 */

export interface Option {
  value: string;
  label: string;
}

export interface Control {
  /** The input's name (and, with a prefix, its id). */
  name: string;
  label: string;
  help?: string;
  /** Shown as required. */
  required: boolean;
  /** The browser enforces it (not for the fields of an optional new record). */
  enforce: boolean;
  kind: 'text' | 'textarea' | 'number' | 'checkbox' | 'date' | 'datetime-local' | 'time' | 'email' | 'tel' | 'url' | 'select' | 'file';
  /** File inputs of a `files` field: several files may be picked. */
  multiple?: boolean;
  /** File inputs: the MIME types the field accepts (a hint; the server reads the type from the content). */
  accept?: string;
  step?: string;
  min?: number;
  max?: number;
  maxLength?: number;
  options?: Option[];
  value: string;
  error?: string;
  /** A reference's "register a new one" fields, shown right after its select. */
  group?: { legend: string; controls: Control[] };
}

export interface PageFrame {
  title: string;
  organization: string;
  /** CSP nonce of this response. */
  nonce: string;
  /** The embedding page's origin, when the page is framed by an allowed one: the height goes there. */
  reportHeightTo?: string;
}

export interface FormPage extends PageFrame {
  description?: string;
  action: string;
  token: string;
  controls: Control[];
  /** A message about the whole submission (expired token, too fast, the organization refused it). */
  notice?: string;
}

/** The honeypot's input name: no manifest field starts with "_" (Identifier). */
export const HONEYPOT = '_homepage';
export const TOKEN_FIELD = '_token';

export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const idOf = (name: string): string => `f-${name.replace(/[^a-z0-9_-]/gi, '-')}`;

const STYLE = `
*{box-sizing:border-box}
body{margin:0;padding:16px;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Bengali",sans-serif;color:#1b1b1b;background:#fff}
main{max-width:640px;margin:0 auto}
h1{font-size:1.5rem;margin:0 0 4px}
.org{color:#555;margin:0 0 16px}
.field{margin:0 0 16px}
label,legend{display:block;font-weight:600;margin-bottom:4px}
.req{color:#b00020}
input,select,textarea{width:100%;padding:8px;font:inherit;border:1px solid #767676;border-radius:4px;background:#fff}
input[type=checkbox]{width:auto}
textarea{min-height:6em}
[aria-invalid=true]{border-color:#b00020;border-width:2px}
.help{color:#555;font-size:.9rem;margin:4px 0 0}
.error{color:#b00020;font-weight:600;margin:4px 0 0}
fieldset{border:1px solid #ccc;border-radius:4px;padding:12px;margin:0 0 16px}
.summary,.notice{border:2px solid #b00020;border-radius:4px;padding:12px;margin:0 0 16px}
.notice.ok{border-color:#1b7d35}
button{font:inherit;padding:10px 20px;border:0;border-radius:4px;background:#2f3fc8;color:#fff;cursor:pointer}
button:focus,input:focus,select:focus,textarea:focus,a:focus{outline:3px solid #ffbf47;outline-offset:1px}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
`;

function heightScript(nonce: string, origin: string): string {
  // Reports the page's height to the embedding page (embed.js sizes the iframe); only to the origin the server checked.
  const target = JSON.stringify(origin).replace(/</g, '\\u003c');
  return `<script nonce="${nonce}">(function(){var t=${target};function s(){parent.postMessage({type:"ums-form-height",height:document.documentElement.scrollHeight},t)}addEventListener("load",s);if(window.ResizeObserver)new ResizeObserver(s).observe(document.body);s()})();</script>`;
}

function frame(page: PageFrame, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(page.title)} — ${escapeHtml(page.organization)}</title><style nonce="${page.nonce}">${STYLE}</style></head><body><main>${body}</main>${page.reportHeightTo ? heightScript(page.nonce, page.reportHeightTo) : ''}</body></html>`;
}

function control(c: Control): string {
  const id = idOf(c.name);
  const described = [c.error ? `${id}-error` : '', c.help ? `${id}-help` : ''].filter(Boolean).join(' ');
  const aria = `${described ? ` aria-describedby="${described}"` : ''}${c.error ? ' aria-invalid="true"' : ''}${c.enforce ? ' required' : ''}`;
  const mark = c.required ? ' <span class="req" aria-hidden="true">*</span><span class="hp">(required)</span>' : '';
  const name = escapeHtml(c.name);
  let input: string;
  if (c.kind === 'textarea') input = `<textarea id="${id}" name="${name}"${c.maxLength ? ` maxlength="${c.maxLength}"` : ''}${aria}>${escapeHtml(c.value)}</textarea>`;
  else if (c.kind === 'select') {
    const options = [`<option value="">— Choose —</option>`, ...(c.options ?? []).map((o) => `<option value="${escapeHtml(o.value)}"${o.value === c.value ? ' selected' : ''}>${escapeHtml(o.label)}</option>`)];
    input = `<select id="${id}" name="${name}"${aria}>${options.join('')}</select>`;
  } else if (c.kind === 'file') input = `<input type="file" id="${id}" name="${name}"${c.multiple ? ' multiple' : ''}${c.accept ? ` accept="${escapeHtml(c.accept)}"` : ''}${aria}>`;
  else if (c.kind === 'checkbox') input = `<input type="checkbox" id="${id}" name="${name}" value="on"${c.value ? ' checked' : ''}${aria}>`;
  else {
    const limits = `${c.step ? ` step="${c.step}"` : ''}${c.min !== undefined ? ` min="${c.min}"` : ''}${c.max !== undefined ? ` max="${c.max}"` : ''}${c.maxLength ? ` maxlength="${c.maxLength}"` : ''}`;
    const auto = c.kind === 'email' ? ' autocomplete="email"' : c.kind === 'tel' ? ' autocomplete="tel"' : '';
    input = `<input type="${c.kind}" id="${id}" name="${name}" value="${escapeHtml(c.value)}"${limits}${auto}${aria}>`;
  }
  const help = c.help ? `<p class="help" id="${id}-help">${escapeHtml(c.help)}</p>` : '';
  const error = c.error ? `<p class="error" id="${id}-error">${escapeHtml(c.error)}</p>` : '';
  const group = c.group ? `<fieldset><legend>${escapeHtml(c.group.legend)}</legend>${c.group.controls.map(control).join('')}</fieldset>` : '';
  return `<div class="field"><label for="${id}">${escapeHtml(c.label)}${mark}</label>${input}${help}${error}</div>${group}`;
}

const allControls = (controls: Control[]): Control[] => controls.flatMap((c) => [c, ...(c.group?.controls ?? [])]);

export function renderForm(page: FormPage): string {
  const failed = allControls(page.controls).filter((c) => c.error);
  const summary = failed.length
    ? `<div class="summary" role="alert" tabindex="-1"><p><strong>Please correct ${failed.length === 1 ? 'this field' : `these ${failed.length} fields`}:</strong></p><ul>${failed.map((c) => `<li><a href="#${idOf(c.name)}">${escapeHtml(c.label)}: ${escapeHtml(c.error!)}</a></li>`).join('')}</ul></div>`
    : '';
  const notice = page.notice ? `<div class="notice" role="alert"><p>${escapeHtml(page.notice)}</p></div>` : '';
  const hasRequired = allControls(page.controls).some((c) => c.required);
  return frame(
    page,
    `<h1>${escapeHtml(page.title)}</h1><p class="org">${escapeHtml(page.organization)}</p>${page.description ? `<p>${escapeHtml(page.description)}</p>` : ''}${notice}${summary}` +
      `<form method="post" action="${escapeHtml(page.action)}" accept-charset="utf-8"${allControls(page.controls).some((c) => c.kind === 'file') ? ' enctype="multipart/form-data"' : ''} novalidate>` +
      (hasRequired ? '<p class="help">Fields marked <span class="req">*</span> are required.</p>' : '') +
      `<input type="hidden" name="${TOKEN_FIELD}" value="${escapeHtml(page.token)}">` +
      `<div class="hp" aria-hidden="true"><label for="f-hp">Leave this field empty</label><input type="text" id="f-hp" name="${HONEYPOT}" value="" tabindex="-1" autocomplete="off"></div>` +
      page.controls.map(control).join('') +
      `<button type="submit">Send</button></form>`,
  );
}

/** A page with one message: the success text, "not found", "too many requests", "too large". */
export function renderMessage(page: PageFrame & { heading: string; message: string; ok?: boolean }): string {
  return frame(page, `<h1>${escapeHtml(page.heading)}</h1><p class="org">${escapeHtml(page.organization)}</p><div class="notice${page.ok ? ' ok' : ''}" role="${page.ok ? 'status' : 'alert'}"><p>${escapeHtml(page.message).replace(/\n/g, '<br>')}</p></div>`);
}

/**
 * The one-line embed: `<script src="…/embed.js" async></script>` puts an
 * iframe after itself and sizes it to the height the form page reports,
 * accepting messages only from the form's own origin and its own frame.
 */
export function embedScript(formUrl: string, origin: string, title: string): string {
  const j = (v: string): string => JSON.stringify(v).replace(/</g, '\\u003c');
  return `(function(){var s=document.currentScript;if(!s)return;var o=${j(origin)};var f=document.createElement("iframe");f.src=${j(formUrl)}+"?embed="+encodeURIComponent(location.origin);f.title=${j(title)};f.style.cssText="display:block;width:100%;border:0;height:480px";s.parentNode.insertBefore(f,s.nextSibling);addEventListener("message",function(e){if(e.origin!==o||e.source!==f.contentWindow)return;var d=e.data;if(d&&d.type==="ums-form-height"&&typeof d.height==="number"&&d.height>0&&d.height<20000)f.style.height=Math.ceil(d.height)+"px"})})();\n`;
}
