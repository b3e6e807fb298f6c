/** The HTML of the first-run page; values are escaped, nothing else is dynamic. */
function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1f2937}
label{display:block;margin:.8rem 0 .2rem;font-weight:600}input{width:100%;padding:.5rem;border:1px solid #cbd5e1;border-radius:6px;box-sizing:border-box}
button{margin-top:1.2rem;padding:.6rem 1.2rem;border:0;border-radius:6px;background:#1f93ff;color:#fff;font-weight:600}
.error{background:#fee2e2;padding:.6rem;border-radius:6px}code{background:#f1f5f9;padding:.2rem .4rem;border-radius:4px;word-break:break-all}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** The form that creates the first account and its administrator. */
export function onboardingForm(error: string | null = null, values: Record<string, string> = {}): string {
  const field = (name: string, label: string, type = 'text') =>
    `<label for="${name}">${label}</label><input id="${name}" name="${name}" type="${type}" required value="${escapeHtml(values[name] ?? '')}">`;
  return page('Welcome to Parley', `<h1>Welcome to Parley</h1><p>Create your account and its first administrator.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/onboarding">${field('account_name', 'Company name')}${field('name', 'Your name')}
${field('email', 'Work email', 'email')}${field('password', 'Password', 'password')}<button type="submit">Create account</button></form>`);
}

/** Shown once the installation is set up. */
export function onboardingDone(email: string, accessToken: string): string {
  return page('Parley is ready', `<h1>Parley is ready</h1><p>The administrator <strong>${escapeHtml(email)}</strong> can now use the API.</p>
<p>Access token (send it as the <code>api_access_token</code> header; it is also shown in the profile):</p><p><code>${escapeHtml(accessToken)}</code></p>`);
}

/** The landing page once an installation exists. */
export function landingPage(): string {
  return page('Parley', '<h1>Parley</h1><p>This Parley installation is set up. The API is served under <code>/api/v1</code>; its description is at <a href="/api-docs">/api-docs</a>.</p>');
}
