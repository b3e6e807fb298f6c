import { useEffect, useRef, useState, type FormEvent } from 'react';
import { confirmEmail, requestPasswordReset, resetPassword, signIn, signInWithToken } from '../api/endpoints';
import { ErrorText, Field } from '../components/ui';
import { Link, navigate, useLocation } from '../lib/router';

function useSubmit(action: (form: FormData) => Promise<void>) {
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const handleSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action(new FormData(event.currentTarget));
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, handleSubmit };
}

/** Email + password sign-in (devise_token_auth), or an access token from the profile page. */
export function Login() {
  const [useToken, setUseToken] = useState(false);
  const { error, busy, handleSubmit } = useSubmit(async (form) => {
    if (useToken) {
      await signInWithToken(String(form.get('token')).trim());
    } else {
      await signIn(String(form.get('email')), String(form.get('password')));
    }
    navigate('/app/', { replace: true });
  });
  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={handleSubmit}>
        <h1>Sign in to Parley</h1>
        <ErrorText error={error} />
        {useToken ? (
          <Field label="Access token" hint="Your profile shows it."><input name="token" required autoComplete="off" /></Field>
        ) : (
          <>
            <Field label="Email"><input name="email" type="email" required autoComplete="username" /></Field>
            <Field label="Password"><input name="password" type="password" required autoComplete="current-password" /></Field>
          </>
        )}
        <button className="primary" type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
        <p className="auth-links">
          <Link to="/app/forgot-password">Forgot your password?</Link>
          <button type="button" className="link" onClick={() => setUseToken(!useToken)}>{useToken ? 'Use email and password' : 'Use an access token'}</button>
        </p>
      </form>
    </main>
  );
}

/** Asks for a reset email (devise_token_auth `POST /auth/password`). */
export function ForgotPassword() {
  const [sent, setSent] = useState(false);
  const { error, busy, handleSubmit } = useSubmit(async (form) => {
    await requestPasswordReset(String(form.get('email')));
    setSent(true);
  });
  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={handleSubmit}>
        <h1>Reset your password</h1>
        {sent ? <p role="status">If the address belongs to a user, an email with a reset link is on its way.</p> : null}
        <ErrorText error={error} />
        <Field label="Email"><input name="email" type="email" required /></Field>
        <button className="primary" type="submit" disabled={busy}>Send reset link</button>
        <p className="auth-links"><Link to="/app/login">Back to sign in</Link></p>
      </form>
    </main>
  );
}

/** The page the reset email links to. */
export function ResetPassword() {
  const { search } = useLocation();
  const token = search.get('reset_password_token') ?? '';
  const { error, busy, handleSubmit } = useSubmit(async (form) => {
    await resetPassword(token, String(form.get('password')));
    navigate('/app/', { replace: true });
  });
  return (
    <main className="auth-page">
      <form className="auth-card" onSubmit={handleSubmit}>
        <h1>Choose a new password</h1>
        <ErrorText error={error} />
        <Field label="New password"><input name="password" type="password" required minLength={6} autoComplete="new-password" /></Field>
        <button className="primary" type="submit" disabled={busy || !token}>Change password</button>
      </form>
    </main>
  );
}

/** The page the confirmation email links to: confirms, signs in, goes to the inbox. */
export function ConfirmEmail() {
  const { search } = useLocation();
  const token = search.get('confirmation_token') ?? '';
  const [error, setError] = useState<Error | null>(null);
  const started = useRef(false);
  useEffect(() => {
    if (started.current) {
      return;
    }
    started.current = true;
    confirmEmail(token).then(() => navigate('/app/', { replace: true }), setError);
  }, [token]);
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>Confirming your email</h1>
        {error ? <><ErrorText error={error} /><Link to="/app/login">Go to sign in</Link></> : <p role="status">One moment…</p>}
      </div>
    </main>
  );
}
